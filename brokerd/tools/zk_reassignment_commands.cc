#include "brokerd/tools/zk_reassignment_commands.h"

#include <boost/asio/co_spawn.hpp>

#include <charconv>
#include <chrono>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>

#include "brokerd/tools/comma_lists.h"
#include "brokerd/tools/command_line.h"
#include "brokerd/tools/reassignment_json.h"
#include "brokerd/tools/reassignment_proposal.h"
#include "brokerd/tools/tool_error.h"
#include "zkmeta/znodes/broker_id_znode.h"
#include "zkmeta/znodes/reassign_partitions_znode.h"
#include "zkmeta/znodes/topic_znode.h"

namespace kb::tools {
namespace asio = boost::asio;

namespace {

// Kafka's KafkaZkClient in the tool: 30 s session and connection timeouts.
constexpr std::chrono::milliseconds zk_timeout{30000};

const char* const cannot_execute_message =
    "Cannot execute because there is an existing partition assignment.  Use --additional to override this and "
    "create a new partition assignment in addition to the existing one. The --additional flag can also be used to "
    "change the throttle by resubmitting the current reassignment.";

// Runs `aw` on `io` until it completes; rethrows what it throws.
template <class T>
T run_sync(asio::io_context& io, asio::awaitable<T> aw) {
  std::optional<T> value;
  std::exception_ptr error;
  bool done = false;
  asio::co_spawn(
      io, [&value, aw = std::move(aw)]() mutable -> asio::awaitable<void> { value.emplace(co_await std::move(aw)); },
      [&](std::exception_ptr e) {
        error = e;
        done = true;
      });
  io.restart();
  while (!done) io.run_one();
  if (error) std::rethrow_exception(error);
  return std::move(*value);
}

std::string zk_failure(const std::string& what, const std::error_code& ec) {
  return "ZooKeeper " + what + " failed: " + ec.message();
}

// The replicas of each existing partition of `topics` (Kafka's getReplicaAssignmentForTopics:
// missing topics are simply absent).
zkmeta::awaitable<partition_replicas> read_assignments(zkmeta::zk_client& zk, std::set<std::string> topics) {
  partition_replicas out;
  for (const std::string& topic : topics) {
    auto data = co_await zk.get(zkmeta::topic_znode::path(topic));
    if (!data) {
      if (data.error() == zkmeta::zk_errc::no_node) continue;
      throw command_error(zk_failure("read of " + zkmeta::topic_znode::path(topic), data.error()));
    }
    if (!data.value().data) continue;
    auto assignment = zkmeta::topic_znode::decode(*data.value().data);
    if (!assignment) throw command_error("Malformed assignment of topic " + topic + ": " + assignment.error().message());
    for (const auto& [p, replicas] : assignment.value().partitions) out[{topic, p}] = replicas;
  }
  co_return out;
}

// Registered brokers (id -> rack), sorted by id.
zkmeta::awaitable<std::map<int32_t, std::optional<std::string>>> read_brokers(zkmeta::zk_client& zk) {
  std::map<int32_t, std::optional<std::string>> out;
  auto ids = co_await zk.get_children(zkmeta::broker_ids_znode::path());
  if (!ids) throw command_error(zk_failure("read of /brokers/ids", ids.error()));
  for (const std::string& name : ids.value()) {
    int32_t id = 0;
    auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), id);
    if (ec != std::errc{} || end != name.data() + name.size()) continue;
    auto data = co_await zk.get(zkmeta::broker_id_znode::path(kb::broker_id{id}));
    if (!data || !data.value().data) continue;  // it left meanwhile
    auto info = zkmeta::broker_id_znode::decode(kb::broker_id{id}, *data.value().data);
    out[id] = info ? info.value().rack : std::nullopt;
  }
  co_return out;
}

// The partitions listed in /admin/reassign_partitions; empty when it does not exist.
zkmeta::awaitable<std::set<kb::topic_partition>> read_reassigning(zkmeta::zk_client& zk) {
  std::set<kb::topic_partition> out;
  auto data = co_await zk.get(zkmeta::reassign_partitions_znode::path());
  if (!data) {
    if (data.error() == zkmeta::zk_errc::no_node) co_return out;
    throw command_error(zk_failure("read of " + zkmeta::reassign_partitions_znode::path(), data.error()));
  }
  if (!data.value().data) co_return out;
  auto entries = zkmeta::reassign_partitions_znode::decode(*data.value().data);
  if (entries) {
    for (const auto& e : entries.value()) out.insert(e.tp);
  }
  co_return out;
}

std::string scala_partition_list(const std::vector<kb::topic_partition>& tps) {
  std::ostringstream out;
  out << "List(";
  for (size_t i = 0; i < tps.size(); ++i) out << (i ? ", " : "") << tps[i];
  out << ")";
  return out.str();
}

}  // namespace

zk_reassignment_commands::zk_reassignment_commands(const std::string& connect, std::ostream& out)
    : zk_(std::make_unique<zkmeta::zk_session>(io_.get_executor(), zkmeta::zk_config{connect, zk_timeout, zk_timeout})),
      out_(out) {
  auto started = run_sync(io_, zk_->start());
  if (!started) {
    if (started.error() == zkmeta::zk_errc::operation_timeout) {
      throw command_error("Timed out waiting for connection while in state: CONNECTING");
    }
    throw command_error("Cannot connect to ZooKeeper at " + connect + ": " + started.error().message());
  }
}

zk_reassignment_commands::~zk_reassignment_commands() {
  if (zk_) zk_->close();
}

void zk_reassignment_commands::run(const reassign_command_options& opts) {
  switch (opts.action) {
    case reassign_action::execute: execute(opts); break;
    case reassign_action::verify: verify(opts); break;
    case reassign_action::generate: generate(opts); break;
    default: throw command_error("Unsupported action.");
  }
}

void zk_reassignment_commands::execute(const reassign_command_options& opts) {
  const reassignment_file file = parse_reassignment_json(read_file_text(*opts.reassignment_json_file));
  const partition_replicas proposed = validate_execute_targets(file);
  if (!file.log_dirs.empty()) {
    throw command_error("bootstrap-server needs to be provided when replica reassignments are present.");
  }
  if (opts.throttle >= 0) {
    throw command_error("--throttle is not supported: this broker implements no replication quotas.");
  }
  std::set<std::string> topics;
  std::set<int32_t> wanted_brokers;
  for (const auto& [tp, replicas] : proposed) {
    topics.insert(tp.topic);
    wanted_brokers.insert(replicas.begin(), replicas.end());
  }
  const partition_replicas current = run_sync(io_, read_assignments(*zk_, topics));
  std::vector<kb::topic_partition> missing;
  for (const auto& [tp, _] : proposed) {
    if (!current.count(tp)) missing.push_back(tp);
  }
  if (!missing.empty()) {
    throw command_error("The proposed assignment contains non-existent partitions: " + scala_partition_list(missing));
  }
  const auto brokers = run_sync(io_, read_brokers(*zk_));
  std::vector<int32_t> unknown;
  for (int32_t b : wanted_brokers) {
    if (!brokers.count(b)) unknown.push_back(b);
  }
  if (!unknown.empty()) {
    throw command_error("The proposed assignment contains non-existent brokerIDs: " + join_ids(unknown));
  }
  auto in_progress = run_sync(io_, zk_->exists(zkmeta::reassign_partitions_znode::path()));
  if (!in_progress) throw command_error(zk_failure("exists", in_progress.error()));
  if (in_progress.value()) throw terse_error(cannot_execute_message);
  out_ << current_assignment_text(proposed, current) << std::endl;

  std::vector<zkmeta::partition_reassignment> request;
  for (const auto& [tp, replicas] : file.partitions) request.push_back({tp, replicas});
  auto created = run_sync(io_, zk_->create(zkmeta::reassign_partitions_znode::path(),
                                           zkmeta::reassign_partitions_znode::encode(request)));
  if (!created) {
    if (created.error() == zkmeta::zk_errc::node_exists) throw terse_error(cannot_execute_message);
    throw command_error(zk_failure("create of " + zkmeta::reassign_partitions_znode::path(), created.error()));
  }
  out_ << started_text(proposed) << std::endl;
}

void zk_reassignment_commands::verify(const reassign_command_options& opts) {
  const reassignment_file file = parse_reassignment_json(read_file_text(*opts.reassignment_json_file));
  if (!file.log_dirs.empty()) {
    throw command_error("bootstrap-server needs to be provided when replica reassignments are present.");
  }
  out_ << "Warning: because you are using the deprecated --zookeeper option, the results may be incomplete.  "
          "Use --bootstrap-server instead for more accurate results."
       << std::endl;
  std::map<kb::topic_partition, std::vector<int32_t>> targets;
  std::set<std::string> topics;
  for (const auto& [tp, replicas] : file.partitions) {
    targets[tp] = replicas;
    topics.insert(tp.topic);
  }
  const std::set<kb::topic_partition> reassigning = run_sync(io_, read_reassigning(*zk_));
  const partition_replicas current = run_sync(io_, read_assignments(*zk_, topics));
  std::map<kb::topic_partition, reassignment_state> states;
  for (const auto& [tp, target] : targets) {
    auto it = current.find(tp);
    states[tp] = {it == current.end() ? std::vector<int32_t>{} : it->second, target, !reassigning.count(tp)};
  }
  out_ << reassignment_status_text(states, /*zookeeper_wording=*/true) << std::endl;
  if (reassigning.empty() && !opts.preserve_throttles) {
    // No throttle can be set on this broker (no replication quotas), so there is nothing to
    // remove; the report is Kafka's.
    std::set<int32_t> brokers;
    for (const auto& [id, _] : run_sync(io_, read_brokers(*zk_))) brokers.insert(id);
    for (const auto& [_, target] : targets) brokers.insert(target.begin(), target.end());
    out_ << clearing_throttles_text(std::vector<int32_t>(brokers.begin(), brokers.end()),
                                    std::vector<std::string>(topics.begin(), topics.end()))
         << std::endl;
  }
}

void zk_reassignment_commands::generate(const reassign_command_options& opts) {
  const std::vector<int32_t> wanted = parse_broker_list(*opts.broker_list);
  const std::vector<std::string> topic_list = parse_topics_to_move(read_file_text(*opts.topics_to_move_json_file));
  const std::set<std::string> topics(topic_list.begin(), topic_list.end());
  const partition_replicas current = run_sync(io_, read_assignments(*zk_, topics));
  std::vector<int32_t> brokers;
  size_t with_rack = 0;
  for (const auto& [id, rack] : run_sync(io_, read_brokers(*zk_))) {
    if (std::find(wanted.begin(), wanted.end(), id) == wanted.end()) continue;
    brokers.push_back(id);
    if (rack) ++with_rack;
  }
  if (!opts.disable_rack_aware && with_rack != 0) {
    if (with_rack != brokers.size()) {
      throw command_error("Not all brokers have rack information for replica rack aware assignment.");
    }
    throw command_error("Rack-aware assignment is not supported by this tool; add --disable-rack-aware.");
  }
  std::mt19937 rng(std::random_device{}());
  auto random_index = [&rng](int32_t bound) { return static_cast<int32_t>(rng() % static_cast<uint32_t>(bound)); };
  const partition_replicas proposed = propose_reassignment(current, brokers, random_index);
  out_ << "Current partition replica assignment\n" << format_reassignment_json(current) << "\n\n";
  out_ << "Proposed partition reassignment configuration\n" << format_reassignment_json(proposed) << std::endl;
}

}  // namespace kb::tools
