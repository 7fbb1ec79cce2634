#include "zkmeta/admin/topic_writer.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <utility>

#include "zkmeta/admin/topic_name.h"
#include "zkmeta/paths.h"
#include "zkmeta/znodes/broker_id_znode.h"
#include "zkmeta/znodes/config_change_notification_znode.h"
#include "zkmeta/znodes/delete_topic_znode.h"
#include "zkmeta/znodes/topic_znode.h"
#include "zkmeta/admin/topic_limits.h"

namespace kb::zkmeta {
namespace {

std::string too_large(const std::string& encoded) {
  return "The topic's assignment would be " + std::to_string(encoded.size()) + " bytes, more than the " +
         std::to_string(max_topic_znode_bytes) + " a ZooKeeper znode takes (jute.maxbuffer).";
}

admin_outcome fail(admin_error e, std::string message) { return admin_outcome::failure(e, std::move(message)); }

admin_outcome zk_failure(const std::error_code& ec, const std::string& what) {
  return admin_outcome::failure(admin_error::zookeeper_error, what + ": " + ec.message(), ec);
}

std::string join(const std::vector<int32_t>& ids) {
  std::string out;
  for (const int32_t id : ids) out += (out.empty() ? "" : ", ") + std::to_string(id);
  return out;
}

// How Scala 2.13 prints the mutable.HashMap[Int, ArrayBuffer[Int]] ZkAdminManager builds from a
// CreateTopics assignment (small partition ids iterate in ascending order in that map).
std::string scala_assignment_string(const assignment_map& assignment) {
  std::string out = "HashMap(";
  bool first = true;
  for (const auto& [partition, replicas] : assignment) {
    out += (first ? "" : ", ") + std::to_string(partition) + " -> ArrayBuffer(" + join(replicas) + ")";
    first = false;
  }
  return out + ")";
}

// Topic.hasCollisionChars: only names with '.' or '_' can collide.
bool has_collision_chars(std::string_view name) { return name.find_first_of("._") != std::string_view::npos; }

bool has_duplicates(const std::vector<int32_t>& replicas) {
  return std::set<int32_t>(replicas.begin(), replicas.end()).size() != replicas.size();
}

// AdminZkClient.validateTopicCreate's assignment checks, in its order.
std::optional<admin_outcome> check_create_assignment(const assignment_map& assignment) {
  std::set<std::size_t> sizes;
  for (const auto& [partition, replicas] : assignment) sizes.insert(replicas.size());
  if (sizes.size() != 1) {
    return fail(admin_error::invalid_replica_assignment, "All partitions should have the same number of replicas");
  }
  // Kafka's ZooKeeper mode lets an assignment of empty replica lists through; the controller
  // could never bring such a partition online. Refused here with KRaft's wording.
  if (*sizes.begin() == 0) {
    return fail(admin_error::invalid_replica_assignment, "The manual partition assignment includes an empty replica list.");
  }
  for (const auto& [partition, replicas] : assignment) {
    if (has_duplicates(replicas)) {
      return fail(admin_error::invalid_replica_assignment,
                  "Duplicate replica assignment found: " + scala_assignment_string(assignment));
    }
  }
  // Keys are unique and sorted: 0..n-1 iff the first is 0 and the last is n-1.
  const auto n = static_cast<int64_t>(assignment.size());
  if (assignment.begin()->first != 0 || assignment.rbegin()->first != n - 1) {
    return fail(admin_error::invalid_replica_assignment, "partitions should be a consecutive 0-based integer sequence");
  }
  return std::nullopt;
}

// AdminZkClient.validateReplicaAssignment for the new partitions of CreatePartitions.
std::optional<admin_outcome> check_added_assignment(const assignment_map& added, std::size_t expected_replication_factor) {
  for (const auto& [partition, replicas] : added) {
    if (replicas.empty()) {
      return fail(admin_error::invalid_replica_assignment,
                  "Cannot have replication factor of 0 for partition id " + std::to_string(partition) + ".");
    }
    if (has_duplicates(replicas)) {
      return fail(admin_error::invalid_replica_assignment, "Duplicate brokers not allowed in replica assignment: " +
                                                               join(replicas) + " for partition id " +
                                                               std::to_string(partition) + ".");
    }
  }
  std::vector<int32_t> bad_partitions;
  std::vector<int32_t> bad_factors;
  for (const auto& [partition, replicas] : added) {
    if (replicas.size() != expected_replication_factor) {
      bad_partitions.push_back(partition);
      bad_factors.push_back(static_cast<int32_t>(replicas.size()));
    }
  }
  if (!bad_partitions.empty()) {
    return fail(admin_error::invalid_replica_assignment,
                "Inconsistent replication factor between partitions, partition 0 has " +
                    std::to_string(expected_replication_factor) + " while partitions [" + join(bad_partitions) +
                    "] have replication factors [" + join(bad_factors) + "], respectively.");
  }
  return std::nullopt;
}

bool being_reassigned(const topic_assignment& topic) {
  const auto non_empty = [](const auto& entry) { return !entry.second.empty(); };
  return std::any_of(topic.adding_replicas.begin(), topic.adding_replicas.end(), non_empty) ||
         std::any_of(topic.removing_replicas.begin(), topic.removing_replicas.end(), non_empty);
}

// Kafka's createRecursive for a node whose parent chain may be missing. node_exists is returned
// as is (callers decide what it means).
awaitable<result<void>> create_with_parents(zk_client& zk, std::string path, std::optional<std::string> data,
                                            std::string parent) {
  result<std::string> created = co_await zk.create(path, data);
  if (!created && created.error() == zk_errc::no_node) {
    result<void> ensured = co_await ensure_path(zk, std::move(parent));
    if (!ensured) co_return ensured.error();
    created = co_await zk.create(path, std::move(data));
  }
  if (!created) co_return created.error();
  co_return outcome::success();
}

}  // namespace

awaitable<result<std::vector<int32_t>>> registered_brokers(zk_client& zk) {
  result<std::vector<std::string>> children = co_await zk.get_children(broker_ids_znode::path());
  if (!children && children.error() == zk_errc::no_node) co_return std::vector<int32_t>{};
  if (!children) co_return children.error();
  std::vector<int32_t> ids;
  for (const std::string& child : children.value()) {
    int32_t id = 0;
    const auto [end, ec] = std::from_chars(child.data(), child.data() + child.size(), id);
    if (ec == std::errc{} && end == child.data() + child.size()) ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  co_return ids;
}

topic_writer::topic_writer(zk_client& zk, config_validator validator, random_bits random)
    : zk_(zk), validator_(std::move(validator)), random_(random ? std::move(random) : default_random_bits()) {}

std::optional<admin_outcome> topic_writer::check_config(const config_entries& config,
                                                        const std::string& value_prefix) const {
  if (!validator_) return std::nullopt;
  // LogConfig.validate: every name first, then the values.
  std::optional<std::string> first_bad_value;
  for (const auto& [name, value] : config) {
    std::optional<config_problem> p = validator_(name, value);
    if (!p) continue;
    if (p->what == config_problem::kind::unknown_name) return fail(admin_error::invalid_config, p->message);
    if (!first_bad_value) first_bad_value = value_prefix + p->message;
  }
  if (first_bad_value) return fail(admin_error::invalid_config, *first_bad_value);
  return std::nullopt;
}

int32_t topic_writer::random_index(int32_t n) { return static_cast<int32_t>(random_() % static_cast<uint64_t>(n)); }

// KafkaZkClient.setOrCreateEntityConfigs: set; on no_node create (parents too); if someone
// created it meanwhile, set again.
awaitable<result<void>> topic_writer::set_or_create_config(const std::string& topic, std::string data) {
  const std::string path = topic_config_znode::path(topic);
  result<zk_stat> set = co_await zk_.set(path, data);
  if (set) co_return outcome::success();
  if (set.error() != zk_errc::no_node) co_return set.error();
  result<void> created = co_await create_with_parents(zk_, path, data, config_topics_znode::path());
  if (created) co_return outcome::success();
  if (created.error() != zk_errc::node_exists) co_return created.error();
  set = co_await zk_.set(path, std::move(data));
  if (!set) co_return set.error();
  co_return outcome::success();
}

// ZkAdminManager.createTopics + AdminZkClient.validateTopicCreate / createTopicWithAssignment,
// checks in Kafka's order: the existence check (Kafka: metadata cache) and the assignment come
// before the name check, so an invalid name with too few brokers reports the broker problem.
awaitable<admin_outcome> topic_writer::create_topic(create_topic_request request, write_mode mode) {
  const std::string& name = request.name;
  const std::optional<std::string> name_error = validate_topic_name(name);
  const std::string already_exists = "Topic '" + name + "' already exists.";

  if (!name_error) {
    result<std::optional<zk_stat>> exists = co_await zk_.exists(topic_znode::path(name));
    if (!exists) co_return zk_failure(exists.error(), "checking " + topic_znode::path(name));
    if (exists.value()) co_return fail(admin_error::topic_already_exists, already_exists);
  }

  if (request.partitions > max_partitions_per_topic ||
      (request.assignment && request.assignment->size() > static_cast<size_t>(max_partitions_per_topic))) {
    co_return fail(admin_error::invalid_partitions,
                   too_many_partitions_message(request.assignment ? static_cast<int64_t>(request.assignment->size())
                                                                  : request.partitions));
  }
  assignment_map assignment;
  if (request.assignment) {
    assignment = std::move(*request.assignment);
  } else {
    result<std::vector<int32_t>> brokers = co_await registered_brokers(zk_);
    if (!brokers) co_return zk_failure(brokers.error(), "listing " + broker_ids_znode::path());
    assignment_request req;
    req.brokers = std::move(brokers.value());
    req.partitions = request.partitions;
    req.replication_factor = request.replication_factor;
    assignment_result assigned =
        assign_replicas(req, [this](int32_t n) { return random_index(n); });
    if (assigned.error) {
      co_return fail(assigned.replication_factor_error ? admin_error::invalid_replication_factor
                                                       : admin_error::invalid_partitions,
                     *assigned.error);
    }
    assignment = std::move(assigned.assignment);
  }

  if (name_error) co_return fail(admin_error::invalid_topic, *name_error);

  result<std::optional<zk_stat>> marked = co_await zk_.exists(delete_topic_znode::path(name));
  if (!marked) co_return zk_failure(marked.error(), "checking " + delete_topic_znode::path(name));
  if (marked.value()) co_return fail(admin_error::topic_already_exists, "Topic '" + name + "' is marked for deletion.");

  if (has_collision_chars(name)) {
    result<std::vector<std::string>> topics = co_await zk_.get_children(topics_znode::path());
    if (!topics && topics.error() != zk_errc::no_node) {
      co_return zk_failure(topics.error(), "listing " + topics_znode::path());
    }
    std::vector<std::string> all = topics ? std::move(topics.value()) : std::vector<std::string>{};
    std::sort(all.begin(), all.end());
    if (std::find(all.begin(), all.end(), name) != all.end()) {
      co_return fail(admin_error::topic_already_exists, already_exists);
    }
    std::string colliding;
    const std::string folded = fold_topic_name(name);
    for (const std::string& other : all) {
      if (fold_topic_name(other) == folded) colliding += (colliding.empty() ? "" : ", ") + other;
    }
    if (!colliding.empty()) {
      co_return fail(admin_error::invalid_topic, "Topic '" + name + "' collides with existing topics: " + colliding);
    }
  }

  if (auto bad = check_create_assignment(assignment)) co_return std::move(*bad);
  if (auto bad = check_config(request.config, "")) co_return std::move(*bad);
  topic_assignment topic;
  topic.topic_id = random_kafka_uuid(random_);
  topic.partitions = std::move(assignment);
  const std::string encoded = topic_znode::encode(topic);
  if (encoded.size() > max_topic_znode_bytes) co_return fail(admin_error::invalid_partitions, too_large(encoded));
  if (mode == write_mode::validate_only) co_return admin_outcome::success();

  result<void> config = co_await set_or_create_config(name, topic_config_znode::encode(request.config));
  if (!config) co_return zk_failure(config.error(), "writing " + topic_config_znode::path(name));

  result<void> created =
      co_await create_with_parents(zk_, topic_znode::path(name), encoded, topics_znode::path());
  if (!created && created.error() == zk_errc::node_exists) {
    co_return fail(admin_error::topic_already_exists, already_exists);
  }
  if (!created) co_return zk_failure(created.error(), "creating " + topic_znode::path(name));
  co_return admin_outcome::success();
}

// AdminZkClient.deleteTopic; "already marked" is success, as ZkAdminManager.deleteTopics has it.
awaitable<admin_outcome> topic_writer::delete_topic(std::string name) {
  const std::string missing = "Topic `" + name + "` to delete does not exist";
  // An invalid name is no topic (and must not become a znode path).
  if (validate_topic_name(name)) co_return fail(admin_error::unknown_topic, missing);
  result<std::optional<zk_stat>> exists = co_await zk_.exists(topic_znode::path(name));
  if (!exists) co_return zk_failure(exists.error(), "checking " + topic_znode::path(name));
  if (!exists.value()) co_return fail(admin_error::unknown_topic, missing);

  result<void> marked = co_await create_with_parents(zk_, delete_topic_znode::path(name), delete_topic_znode::encode(),
                                                     delete_topics_znode::path());
  if (!marked && marked.error() != zk_errc::node_exists) {
    co_return zk_failure(marked.error(), "creating " + delete_topic_znode::path(name));
  }
  co_return admin_outcome::success();
}

// ZkAdminManager.createPartitions + AdminZkClient.createNewPartitionsAssignment /
// createPartitionsWithAssignment. Kafka overwrites the topic znode unconditionally; we write
// conditionally on the version we read and, if someone else wrote in between, start over once.
awaitable<admin_outcome> topic_writer::create_partitions(std::string name, int32_t new_total,
                                                         std::optional<std::vector<std::vector<int32_t>>> assignment,
                                                         write_mode mode) {
  const std::string missing = "The topic '" + name + "' does not exist.";
  if (validate_topic_name(name)) co_return fail(admin_error::unknown_topic, missing);
  const std::string path = topic_znode::path(name);

  for (int attempt = 0;; ++attempt) {
    result<get_result> current = co_await zk_.get(path);
    if (!current && current.error() == zk_errc::no_node) co_return fail(admin_error::unknown_topic, missing);
    if (!current) co_return zk_failure(current.error(), "reading " + path);
    if (!current.value().data) {
      co_return admin_outcome::failure(admin_error::unexpected, path + " holds no data",
                                       make_error_code(znode_errc::missing_field));
    }
    result<topic_assignment> decoded = topic_znode::decode(*current.value().data);
    if (!decoded) {
      co_return admin_outcome::failure(admin_error::unexpected, "cannot decode " + path + ": " + decoded.error().message(),
                                       decoded.error());
    }
    topic_assignment topic = std::move(decoded.value());
    if (being_reassigned(topic)) {
      co_return fail(admin_error::reassignment_in_progress,
                     "A partition reassignment is in progress for the topic '" + name + "'.");
    }
    const replica_assignment& existing = topic.partitions;
    if (existing.empty()) co_return fail(admin_error::unknown_topic, missing);

    const auto old_count = static_cast<int32_t>(existing.size());
    if (new_total < old_count) {
      co_return fail(admin_error::invalid_partitions, "Topic currently has " + std::to_string(old_count) +
                                                          " partitions, which is higher than the requested " +
                                                          std::to_string(new_total) + ".");
    }
    if (new_total == old_count) {
      co_return fail(admin_error::invalid_partitions, "Topic already has " + std::to_string(old_count) + " partitions.");
    }
    if (new_total > max_partitions_per_topic) {
      co_return fail(admin_error::invalid_partitions, too_many_partitions_message(new_total));
    }
    const int32_t increment = new_total - old_count;

    result<std::vector<int32_t>> brokers = co_await registered_brokers(zk_);
    if (!brokers) co_return zk_failure(brokers.error(), "listing " + broker_ids_znode::path());

    std::optional<assignment_map> explicit_added;
    if (assignment) {
      std::vector<int32_t> unknown;
      for (const std::vector<int32_t>& replicas : *assignment) {
        for (const int32_t b : replicas) {
          const bool known = std::binary_search(brokers.value().begin(), brokers.value().end(), b);
          if (!known && std::find(unknown.begin(), unknown.end(), b) == unknown.end()) unknown.push_back(b);
        }
      }
      if (!unknown.empty()) {
        co_return fail(admin_error::invalid_replica_assignment,
                       "Unknown broker(s) in replica assignment: " + join(unknown) + ".");
      }
      if (static_cast<int64_t>(assignment->size()) != increment) {
        co_return fail(admin_error::invalid_replica_assignment,
                       "Increasing the number of partitions by " + std::to_string(increment) + " but " +
                           std::to_string(assignment->size()) + " assignments provided.");
      }
      explicit_added.emplace();
      for (std::size_t i = 0; i < assignment->size(); ++i) {
        (*explicit_added)[old_count + static_cast<int32_t>(i)] = (*assignment)[i];
      }
    }

    const auto p0 = existing.find(0);
    if (p0 == existing.end() || p0->second.empty()) {
      co_return admin_outcome::failure(
          admin_error::unexpected,
          "Unexpected existing replica assignment for topic '" + name + "', partition id 0 is missing.",
          make_error_code(znode_errc::invalid_value));
    }

    assignment_map added;
    if (explicit_added) {
      if (auto bad = check_added_assignment(*explicit_added, p0->second.size())) co_return std::move(*bad);
      added = std::move(*explicit_added);
    } else {
      assignment_result assigned = assign_replicas(
          added_partitions_request(existing, brokers.value(), new_total),
          [this](int32_t n) { return random_index(n); });
      if (assigned.error) {
        co_return fail(assigned.replication_factor_error ? admin_error::invalid_replication_factor
                                                         : admin_error::invalid_partitions,
                       *assigned.error);
      }
      added = std::move(assigned.assignment);
    }
    for (auto& [partition, replicas] : added) topic.partitions[partition] = std::move(replicas);
    const std::string encoded = topic_znode::encode(topic);
    if (encoded.size() > max_topic_znode_bytes) co_return fail(admin_error::invalid_partitions, too_large(encoded));
    if (mode == write_mode::validate_only) co_return admin_outcome::success();
    result<zk_stat> written = co_await zk_.set(path, encoded, current.value().stat.version);
    if (written) co_return admin_outcome::success();
    if (written.error() == zk_errc::no_node) co_return fail(admin_error::unknown_topic, missing);
    if (written.error() != zk_errc::bad_version || attempt >= 1) {
      co_return zk_failure(written.error(), "writing " + path);
    }
    // Someone (the controller, another CreatePartitions) rewrote the topic: re-read and redo.
  }
}

// ZkAdminManager.alterTopicConfigs + AdminZkClient.changeTopicConfig.
awaitable<admin_outcome> topic_writer::set_topic_config(std::string name, config_entries config, write_mode mode) {
  if (name.empty()) co_return fail(admin_error::invalid_request, "Default topic resources are not allowed.");
  const std::string missing = "The topic '" + name + "' does not exist.";
  if (validate_topic_name(name)) co_return fail(admin_error::unknown_topic, missing);
  result<std::optional<zk_stat>> exists = co_await zk_.exists(topic_znode::path(name));
  if (!exists) co_return zk_failure(exists.error(), "checking " + topic_znode::path(name));
  if (!exists.value()) co_return fail(admin_error::unknown_topic, missing);

  // Value errors (ConfigException) get AlterConfigs' resource prefix; unknown names do not.
  const std::string prefix = "Invalid config value for resource ConfigResource(type=TOPIC, name='" + name + "'): ";
  if (auto bad = check_config(config, prefix)) co_return std::move(*bad);
  if (mode == write_mode::validate_only) co_return admin_outcome::success();

  result<void> written = co_await set_or_create_config(name, topic_config_znode::encode(config));
  if (!written) co_return zk_failure(written.error(), "writing " + topic_config_znode::path(name));

  result<void> changes = co_await ensure_path(zk_, config_changes_znode::path());
  if (!changes) co_return zk_failure(changes.error(), "creating " + config_changes_znode::path());
  result<std::string> notified =
      co_await zk_.create(config_change_notification_znode::path(),
                          config_change_notification_znode::encode(config_change_notification_znode::topic_entity_path(name)),
                          create_mode::persistent_sequential);
  if (!notified) co_return zk_failure(notified.error(), "creating " + config_change_notification_znode::path());
  co_return admin_outcome::success();
}

}  // namespace kb::zkmeta
