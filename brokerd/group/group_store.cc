#include "brokerd/group/group_store.h"

#include <algorithm>
#include <cstdlib>

#include <glog/logging.h>

#include "brokerd/group/consumer_offsets_key.h"
#include "zkmeta/java_string_hash.h"

namespace kb::group {
namespace {

using protocol::error_code;

// The metadata's length as Kafka compares it with offset.metadata.max.bytes: Java's
// String.length(), in UTF-16 code units. A UTF-8 sequence is one unit, a 4-byte one two (a
// surrogate pair); malformed input is counted roughly.
int64_t java_length(const std::string& utf8) {
  int64_t n = 0;
  for (unsigned char c : utf8) {
    if ((c & 0xC0) != 0x80) ++n;  // each sequence starts with a non-continuation byte
    if (c >= 0xF0) ++n;
  }
  return n;
}

offsets_record offset_commit_record_for(const std::string& group_id, const topic_partition& tp,
                                        const offset_and_metadata& o) {
  offset_commit_value v;
  v.offset = o.offset;
  v.leader_epoch = o.leader_epoch;
  v.metadata = o.metadata;
  v.commit_timestamp = o.commit_timestamp_ms;
  v.expire_timestamp = o.expire_timestamp_ms.value_or(-1);
  return {-1, offset_commit_record::encode_key({group_id, tp.topic, tp.partition}),
          offset_commit_record::encode_value(v)};
}

offsets_record group_record_for(const group_metadata& g, const std::map<std::string, std::vector<std::byte>>& assignment) {
  group_metadata_value v;
  v.protocol_type = g.protocol_type().value_or("");
  v.generation = g.generation_id();
  v.protocol = g.protocol_name();
  v.leader = g.leader();
  v.current_state_timestamp = g.current_state_timestamp_ms();
  for (const auto& [id, m] : g.members()) {
    auto& out = v.members.emplace_back();
    out.member_id = id;
    out.group_instance_id = m.group_instance_id;
    out.client_id = m.client_id;
    out.client_host = m.client_host;
    out.rebalance_timeout = m.rebalance_timeout_ms;
    out.session_timeout = m.session_timeout_ms;
    out.subscription = g.protocol_name() ? m.metadata(*g.protocol_name()) : std::vector<std::byte>{};
    auto a = assignment.find(id);
    if (a != assignment.end()) out.assignment = a->second;
  }
  return {-1, group_metadata_record::encode_key({g.id()}), group_metadata_record::encode_value(v)};
}

// A group read back from its metadata record: Stable with its members, or Empty.
std::shared_ptr<group_metadata> group_from_record(const std::string& group_id, const group_metadata_value& v,
                                                  int64_t now_ms, int32_t min_session_timeout_ms) {
  auto g = std::make_shared<group_metadata>(group_id, v.members.empty() ? group_state::empty : group_state::stable,
                                            now_ms);
  for (const auto& stored : v.members) {
    // A record is data, not an invariant: a member that cannot be added is logged and skipped.
    if (stored.group_instance_id && g->static_member_id(*stored.group_instance_id)) {
      LOG(ERROR) << "Group " << group_id << ": stored static member " << *stored.group_instance_id
                 << " appears twice; skipping member " << stored.member_id;
      continue;
    }
    if (g->has(stored.member_id)) {
      LOG(ERROR) << "Group " << group_id << ": stored member " << stored.member_id << " appears twice; skipping it";
      continue;
    }
    member m;
    m.id = stored.member_id;
    m.group_instance_id = stored.group_instance_id;
    m.client_id = stored.client_id;
    m.client_host = stored.client_host;
    // Timeouts from the log are clamped as a JoinGroup's would be checked: a record is data.
    m.session_timeout_ms = std::max(stored.session_timeout, min_session_timeout_ms);
    m.rebalance_timeout_ms = stored.rebalance_timeout >= 0 ? std::max(stored.rebalance_timeout, 1) : m.session_timeout_ms;
    m.protocol_type = v.protocol_type;
    m.protocols = {{v.protocol.value_or(""), stored.subscription}};
    m.assignment = stored.assignment;
    g->add(std::move(m), nullptr);
  }
  std::optional<std::string> leader = v.leader;
  if (!g->members().empty() && (!leader || !g->has(*leader))) {
    LOG(ERROR) << "Group " << group_id << ": stored leader " << leader.value_or("(none)")
               << " is not a member; " << g->members().begin()->first << " leads instead";
    leader = g->members().begin()->first;
  }
  if (g->members().empty()) leader.reset();
  g->restore(v.generation, v.protocol_type, v.protocol, leader);
  g->set_current_state_timestamp_ms(v.current_state_timestamp);
  return g;
}

}  // namespace

error_code offset_commit_write_error(error_code e) {
  switch (e) {
    case error_code::unknown_topic_or_partition:
    case error_code::not_enough_replicas:
    case error_code::not_enough_replicas_after_append:
      return error_code::coordinator_not_available;
    case error_code::not_leader_or_follower:
    case error_code::kafka_storage_error:
      return error_code::not_coordinator;
    case error_code::message_too_large:
    case error_code::record_list_too_large:
    case error_code::invalid_fetch_size:
      return error_code::invalid_commit_offset_size;
    default:
      return e;
  }
}

error_code group_write_error(error_code e) {
  switch (e) {
    case error_code::unknown_topic_or_partition:
    case error_code::not_enough_replicas:
    case error_code::not_enough_replicas_after_append:
      return error_code::coordinator_not_available;
    case error_code::not_leader_or_follower:
    case error_code::kafka_storage_error:
      return error_code::not_coordinator;
    case error_code::request_timed_out:
      return error_code::rebalance_in_progress;
    case error_code::message_too_large:
    case error_code::record_list_too_large:
    case error_code::invalid_fetch_size:
      return error_code::unknown_server_error;
    default:
      return e;
  }
}

group_store::group_store(const group_config& config, offsets_log& log, kb::clock& clock)
    : config_(config), log_(log), clock_(clock), partition_count_(config.offsets_topic_num_partitions) {}

int32_t group_store::partition_for(const std::string& group_id) const {
  const int32_t h = zkmeta::java_string_hash(group_id);
  const int32_t abs = h == INT32_MIN ? 0 : std::abs(h);  // Kafka's Utils.abs
  return abs % partition_count_;
}

void group_store::use_partition_count(int32_t count) {
  if (count <= 0 || count == partition_count_) return;
  LOG(INFO) << offsets_topic << " has " << count << " partition(s) (offsets.topic.num.partitions: "
            << config_.offsets_topic_num_partitions << "); groups map onto its " << count;
  partition_count_ = count;
}

bool group_store::group_not_exists(const std::string& group_id) const {
  if (!is_group_local(group_id)) return false;
  group_ptr g = get(group_id);
  return !g || g->is(group_state::dead);
}

group_store::group_ptr group_store::get(const std::string& group_id) const {
  auto it = groups_.find(group_id);
  return it == groups_.end() ? nullptr : it->second;
}

group_store::group_ptr group_store::get_or_create(const std::string& group_id, bool create) {
  auto it = groups_.find(group_id);
  if (it != groups_.end()) return it->second;
  if (!create) return nullptr;
  auto g = std::make_shared<group_metadata>(group_id, group_state::empty, clock_.wall_ms());
  groups_.emplace(group_id, g);
  return g;
}

std::vector<group_store::group_ptr> group_store::groups() const {
  std::vector<group_ptr> out;
  for (const auto& [_, g] : groups_) out.push_back(g);
  return out;
}

void group_store::store_group(const group_ptr& g, const std::map<std::string, std::vector<std::byte>>& assignment,
                              std::function<void(error_code)> done) {
  std::vector<offsets_record> records{group_record_for(*g, assignment)};
  const int32_t generation = g->generation_id();
  log_.append(partition_for(g->id()), std::move(records), clock_.wall_ms(),
              [g, generation, done = std::move(done)](append_outcome outcome) {
                if (outcome.error != error_code::none) {
                  LOG(WARNING) << "Group " << g->id() << ": storing generation " << generation
                               << " failed: " << protocol::name(outcome.error);
                }
                done(outcome.error == error_code::none ? error_code::none : group_write_error(outcome.error));
              });
}

void group_store::store_offsets(const group_ptr& g, const std::map<topic_partition, offset_and_metadata>& offsets,
                                std::function<void(commit_errors)> done) {
  std::map<topic_partition, offset_and_metadata> storable;
  for (const auto& [tp, o] : offsets) {
    if (java_length(o.metadata) <= config_.offset_metadata_max_bytes) storable.emplace(tp, o);
  }
  const int64_t max_metadata = config_.offset_metadata_max_bytes;
  auto answer = [offsets, max_metadata, done = std::move(done)](error_code stored) {
    commit_errors errors;
    for (const auto& [tp, o] : offsets) {
      errors[tp] = java_length(o.metadata) > max_metadata ? error_code::offset_metadata_too_large : stored;
    }
    done(std::move(errors));
  };
  if (storable.empty()) {
    answer(error_code::none);
    return;
  }
  std::vector<offsets_record> records;
  for (const auto& [tp, o] : storable) records.push_back(offset_commit_record_for(g->id(), tp, o));
  g->prepare_offset_commit(storable);
  log_.append(partition_for(g->id()), std::move(records), clock_.wall_ms(),
              [g, storable, answer = std::move(answer)](append_outcome outcome) {
                const bool stored = outcome.error == error_code::none;
                if (!g->is(group_state::dead)) {
                  for (const auto& [tp, o] : storable) {
                    if (stored) {
                      g->on_offset_commit_appended(tp, o, outcome.base_offset);
                    } else {
                      g->fail_pending_offset_commit(tp, o);
                    }
                  }
                }
                answer(stored ? error_code::none : offset_commit_write_error(outcome.error));
              });
}

std::map<topic_partition, fetched_offset> group_store::fetch_offsets(
    const std::string& group_id, const std::optional<std::vector<topic_partition>>& partitions) const {
  std::map<topic_partition, fetched_offset> out;
  group_ptr g = get(group_id);
  if (!g || g->is(group_state::dead)) {
    for (const auto& tp : partitions.value_or(std::vector<topic_partition>{})) out[tp] = fetched_offset{};
    return out;
  }
  std::vector<topic_partition> wanted;
  if (partitions) {
    wanted = *partitions;
  } else {
    for (const auto& [tp, _] : g->all_offsets()) wanted.push_back(tp);
  }
  for (const auto& tp : wanted) {
    fetched_offset& f = out[tp];
    if (auto o = g->offset(tp)) f = {o->offset, o->leader_epoch, o->metadata, error_code::none};
  }
  return out;
}

void group_store::load(int32_t partition, std::function<void(const group_ptr&)> on_loaded) {
  if (owned_.count(partition) || loading_.count(partition)) {
    VLOG(1) << offsets_topic << "-" << partition << " is already " << (owned_.count(partition) ? "loaded" : "loading");
    return;
  }
  const uint64_t token = ++partition_tokens_[partition];
  loading_.insert(partition);
  LOG(INFO) << "Loading offsets and group metadata from " << offsets_topic << "-" << partition;
  read_partition(partition, token, std::move(on_loaded));
}

void group_store::read_partition(int32_t partition, uint64_t token, std::function<void(const group_ptr&)> on_loaded) {
  log_.read(partition, [this, partition, token, on_loaded](offsets_log::read_result records) {
    if (partition_tokens_[partition] != token) {
      LOG(INFO) << "Dropping the load of " << offsets_topic << "-" << partition << ": it was unloaded meanwhile";
      return;
    }
    if (!records) {
      // Never served from part of a log: the partition stays loading (its groups answer
      // COORDINATOR_LOAD_IN_PROGRESS) and the read is tried again.
      LOG_EVERY_N(WARNING, 10) << "Loading " << offsets_topic << "-" << partition << " failed; retrying in "
                               << load_retry_backoff.count() << " ms";
      load_retries_[partition] = clock_.schedule(clock_.now() + load_retry_backoff, [this, partition, token, on_loaded] {
        if (partition_tokens_[partition] == token) read_partition(partition, token, on_loaded);
      });
      return;
    }
    finish_load(partition, std::move(*records), on_loaded);
  });
}

void group_store::finish_load(int32_t partition, std::vector<offsets_record> records,
                              const std::function<void(const group_ptr&)>& on_loaded) {
  loading_.erase(partition);
  load_retries_.erase(partition);
  owned_.insert(partition);
  struct loaded_offset {
    offset_and_metadata value;
    int64_t record_offset;
  };
  std::map<std::string, std::map<topic_partition, loaded_offset>> offsets;
  std::map<std::string, group_metadata_value> groups;
  for (const offsets_record& r : records) {
    auto key = decode_consumer_offsets_key(r.key);
    if (!key) {
      LOG(WARNING) << "Skipping the record at " << offsets_topic << "-" << partition << "@" << r.offset << ": "
                   << key.error().message();
      continue;
    }
    if (const auto* k = std::get_if<offset_commit_key>(&key.value())) {
      topic_partition tp{k->topic, k->partition};
      if (!r.value) {
        offsets[k->group].erase(tp);
        continue;
      }
      auto v = offset_commit_record::decode_value(*r.value);
      if (!v) {
        LOG(WARNING) << "Skipping the offset commit at " << offsets_topic << "-" << partition << "@" << r.offset << ": "
                     << v.error().message();
        continue;
      }
      offset_and_metadata o{v.value().offset, v.value().leader_epoch, v.value().metadata, v.value().commit_timestamp,
                            v.value().expire_timestamp >= 0 ? std::optional<int64_t>(v.value().expire_timestamp)
                                                             : std::nullopt};
      offsets[k->group][tp] = {std::move(o), r.offset};
    } else {
      const auto& group_id = std::get<group_metadata_key>(key.value()).group;
      if (!r.value) {
        groups.erase(group_id);
        continue;
      }
      auto v = group_metadata_record::decode_value(*r.value);
      if (!v) {
        LOG(WARNING) << "Skipping the group metadata at " << offsets_topic << "-" << partition << "@" << r.offset
                     << ": " << v.error().message();
        continue;
      }
      groups[group_id] = std::move(v).value();
    }
  }
  const int64_t now = clock_.wall_ms();
  std::set<std::string> ids;
  for (const auto& [id, _] : groups) ids.insert(id);
  for (const auto& [id, group_offsets] : offsets) {
    if (!group_offsets.empty()) ids.insert(id);
  }
  for (const std::string& id : ids) {
    auto stored = groups.find(id);
    auto g = stored != groups.end() ? group_from_record(id, stored->second, now, config_.min_session_timeout_ms)
                                    : std::make_shared<group_metadata>(id, group_state::empty, now);
    for (const auto& [tp, o] : offsets[id]) g->load_offset(tp, o.value, o.record_offset);
    groups_[id] = g;
    on_loaded(g);
  }
  LOG(INFO) << "Finished loading " << offsets_topic << "-" << partition << ": " << ids.size() << " group(s) from "
            << records.size() << " record(s)";
}

std::vector<int32_t> group_store::partitions() const {
  std::set<int32_t> all = owned_;
  all.insert(loading_.begin(), loading_.end());
  return {all.begin(), all.end()};
}

void group_store::unload(int32_t partition, std::function<void(const group_ptr&)> on_unloaded) {
  const bool held = owned_.count(partition) || loading_.count(partition);
  ++partition_tokens_[partition];
  load_retries_.erase(partition);
  loading_.erase(partition);
  owned_.erase(partition);
  size_t removed = 0;
  for (auto it = groups_.begin(); it != groups_.end();) {
    if (partition_for(it->first) != partition) {
      ++it;
      continue;
    }
    on_unloaded(it->second);
    it = groups_.erase(it);
    ++removed;
  }
  if (held) LOG(INFO) << "Unloaded " << offsets_topic << "-" << partition << ": " << removed << " group(s)";
}

size_t group_store::cleanup(const std::vector<group_ptr>& groups, const offset_selector& select) {
  size_t removed_offsets = 0;
  const int64_t now = clock_.wall_ms();
  for (const group_ptr& g : groups) {
    std::map<topic_partition, offset_and_metadata> removed = select(*g);
    if (g->is(group_state::empty) && !g->has_offsets()) g->transition_to(group_state::dead, now);
    std::vector<offsets_record> tombstones;
    for (const auto& [tp, _] : removed) {
      tombstones.push_back({-1, offset_commit_record::encode_key({g->id(), tp.topic, tp.partition}), std::nullopt});
    }
    auto cached = groups_.find(g->id());
    if (g->is(group_state::dead) && cached != groups_.end() && cached->second == g) {
      groups_.erase(cached);
      // A group that only ever stored offsets (generation 0) has no metadata record.
      if (g->generation_id() > 0) {
        tombstones.push_back({-1, group_metadata_record::encode_key({g->id()}), std::nullopt});
      }
    }
    removed_offsets += removed.size();
    if (!tombstones.empty()) write_tombstones(g->id(), std::move(tombstones));
  }
  return removed_offsets;
}

void group_store::write_tombstones(const std::string& group_id, std::vector<offsets_record> records) {
  // Not waited for, as in Kafka: a lost tombstone is written again by the next cleanup.
  const size_t count = records.size();
  log_.append(partition_for(group_id), std::move(records), clock_.wall_ms(), [group_id, count](append_outcome o) {
    if (o.error != error_code::none) {
      LOG(WARNING) << "Group " << group_id << ": writing " << count << " tombstone(s) failed: " << protocol::name(o.error);
    }
  });
}

}  // namespace kb::group
