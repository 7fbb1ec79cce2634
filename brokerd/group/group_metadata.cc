#include "brokerd/group/group_metadata.h"

#include <algorithm>

#include <glog/logging.h>

#include "brokerd/group/consumer_protocol.h"

namespace kb::group {

group_metadata::group_metadata(std::string id, group_state initial, int64_t now_ms)
    : id_(std::move(id)), state_(initial), state_timestamp_ms_(now_ms) {}

void group_metadata::transition_to(group_state to, int64_t now_ms) {
  CHECK(valid_transition(state_, to)) << "group " << id_ << " cannot move from " << name(state_) << " to " << name(to);
  state_ = to;
  state_timestamp_ms_ = now_ms;
}

member& group_metadata::get(const std::string& member_id) {
  auto it = members_.find(member_id);
  CHECK(it != members_.end()) << "group " << id_ << " has no member " << member_id;
  return it->second;
}

member& group_metadata::add(member m, join_callback callback) {
  if (m.group_instance_id) {
    CHECK(!static_members_.count(*m.group_instance_id))
        << "group " << id_ << " already has static member " << *m.group_instance_id;
    static_members_[*m.group_instance_id] = m.id;
  }
  if (members_.empty()) protocol_type_ = m.protocol_type;
  if (!leader_) leader_ = m.id;
  pending_members_.erase(m.id);
  const std::string id = m.id;
  member& added = members_.emplace(id, std::move(m)).first->second;
  count_protocols(added, +1);
  added.awaiting_join = std::move(callback);
  if (added.is_awaiting_join()) ++awaiting_join_count_;
  return added;
}

void group_metadata::remove(const std::string& member_id) {
  auto it = members_.find(member_id);
  if (it != members_.end()) {
    count_protocols(it->second, -1);
    if (it->second.is_awaiting_join()) --awaiting_join_count_;
    if (it->second.group_instance_id) static_members_.erase(*it->second.group_instance_id);
    members_.erase(it);
  }
  if (is_leader(member_id)) {
    leader_ = members_.empty() ? std::nullopt : std::optional<std::string>(members_.begin()->first);
  }
  pending_members_.erase(member_id);
  pending_sync_members_.erase(member_id);
}

void group_metadata::update_member(member& m, std::vector<member_protocol> protocols, int32_t rebalance_timeout_ms,
                                   int32_t session_timeout_ms, join_callback callback) {
  count_protocols(m, -1);
  m.protocols = std::move(protocols);
  count_protocols(m, +1);
  m.rebalance_timeout_ms = rebalance_timeout_ms;
  m.session_timeout_ms = session_timeout_ms;
  if (callback && !m.is_awaiting_join()) ++awaiting_join_count_;
  if (!callback && m.is_awaiting_join()) --awaiting_join_count_;
  // A JoinGroup replaced by a newer one of the same member is dropped: its answer is the
  // parked request's fallback (see kb::await_answer).
  m.awaiting_join = std::move(callback);
}

void group_metadata::maybe_invoke_join(member& m, protocol::join_group_response response) {
  if (!m.is_awaiting_join()) return;
  join_callback answer = std::move(m.awaiting_join);
  m.awaiting_join = nullptr;
  --awaiting_join_count_;
  answer(std::move(response));
}

bool group_metadata::maybe_invoke_sync(member& m, protocol::sync_group_response response) {
  if (!m.is_awaiting_sync()) return false;
  sync_callback answer = std::move(m.awaiting_sync);
  m.awaiting_sync = nullptr;
  answer(std::move(response));
  return true;
}

bool group_metadata::supports_protocols(const std::string& type, const std::set<std::string>& protocols) const {
  if (is(group_state::empty)) return !type.empty() && !protocols.empty();
  if (protocol_type_ != type) return false;
  return std::any_of(protocols.begin(), protocols.end(), [&](const std::string& p) {
    auto it = protocol_counts_.find(p);
    return it != protocol_counts_.end() && it->second == static_cast<int>(members_.size());
  });
}

std::string group_metadata::select_protocol() const {
  CHECK(!members_.empty()) << "cannot select a protocol for empty group " << id_;
  std::set<std::string> candidates;
  for (const auto& [p, count] : protocol_counts_) {
    if (count == static_cast<int>(members_.size())) candidates.insert(p);
  }
  std::map<std::string, int> votes;
  for (const auto& [_, m] : members_) ++votes[m.vote(candidates)];
  // The most votes; ties go to the name first in order (Kafka's pick is arbitrary).
  return std::max_element(votes.begin(), votes.end(), [](const auto& a, const auto& b) { return a.second < b.second; })
      ->first;
}

int32_t group_metadata::rebalance_timeout_ms() const {
  int32_t timeout = 0;
  for (const auto& [_, m] : members_) timeout = std::max(timeout, m.rebalance_timeout_ms);
  return timeout;
}

std::vector<std::string> group_metadata::not_yet_rejoined() const {
  std::vector<std::string> out;
  for (const auto& [id, m] : members_) {
    if (!m.is_awaiting_join()) out.push_back(id);
  }
  return out;
}

bool group_metadata::maybe_elect_new_joined_leader() {
  if (!leader_) return false;
  if (get(*leader_).is_awaiting_join()) return true;
  for (const auto& [id, m] : members_) {
    if (m.is_awaiting_join()) {
      LOG(INFO) << "Group " << id_ << ": leader " << *leader_ << " failed to rejoin before the rebalance timeout; "
                << id << " is the new leader";
      leader_ = id;
      return true;
    }
  }
  return false;
}

void group_metadata::init_next_generation(int64_t now_ms) {
  ++generation_id_;
  if (!members_.empty()) {
    protocol_name_ = select_protocol();
    subscribed_topics_ = compute_subscribed_topics();
    transition_to(group_state::completing_rebalance, now_ms);
  } else {
    protocol_name_.reset();
    subscribed_topics_ = compute_subscribed_topics();
    transition_to(group_state::empty, now_ms);
  }
  pending_sync_members_.clear();
}

std::vector<protocol::join_group_response::join_group_response_member> group_metadata::current_member_metadata() const {
  CHECK(!is(group_state::dead) && !is(group_state::preparing_rebalance) && protocol_name_)
      << "group " << id_ << " has no member metadata in state " << name(state_);
  std::vector<protocol::join_group_response::join_group_response_member> out;
  for (const auto& [id, m] : members_) {
    auto& entry = out.emplace_back();
    entry.member_id = id;
    entry.group_instance_id = m.group_instance_id;
    entry.metadata = m.metadata(*protocol_name_);
  }
  return out;
}

std::optional<std::string> group_metadata::static_member_id(const std::string& group_instance_id) const {
  auto it = static_members_.find(group_instance_id);
  if (it == static_members_.end()) return std::nullopt;
  return it->second;
}

member& group_metadata::replace_static_member(const std::string& group_instance_id, const std::string& old_member_id,
                                              const std::string& new_member_id) {
  auto node = members_.extract(old_member_id);
  CHECK(!node.empty()) << "group " << id_ << " cannot replace missing member " << old_member_id;
  member& old = node.mapped();
  protocol::join_group_response fenced_join;
  fenced_join.error_code = protocol::error_code::fenced_instance_id;
  fenced_join.member_id = old_member_id;
  if (old.is_awaiting_join()) {
    join_callback answer = std::move(old.awaiting_join);
    old.awaiting_join = nullptr;
    --awaiting_join_count_;
    answer(std::move(fenced_join));
  }
  protocol::sync_group_response fenced_sync;
  fenced_sync.error_code = protocol::error_code::fenced_instance_id;
  maybe_invoke_sync(old, std::move(fenced_sync));
  node.key() = new_member_id;
  node.mapped().id = new_member_id;
  member& replaced = members_.insert(std::move(node)).position->second;
  if (is_leader(old_member_id)) leader_ = new_member_id;
  static_members_[group_instance_id] = new_member_id;
  // A pending sync of the old id stays, as in Kafka: if the member had not synced, the group
  // still rebalances at the sync deadline.
  return replaced;
}

void group_metadata::add_pending_member(const std::string& member_id) {
  CHECK(!has(member_id)) << "pending member " << member_id << " is already a member of " << id_;
  pending_members_.insert(member_id);
}

std::optional<offset_and_metadata> group_metadata::offset(const topic_partition& tp) const {
  auto it = offsets_.find(tp);
  if (it == offsets_.end()) return std::nullopt;
  return it->second.value;
}

std::map<topic_partition, offset_and_metadata> group_metadata::all_offsets() const {
  std::map<topic_partition, offset_and_metadata> out;
  for (const auto& [tp, c] : offsets_) out.emplace(tp, c.value);
  return out;
}

void group_metadata::load_offset(const topic_partition& tp, offset_and_metadata o, int64_t record_offset) {
  offsets_[tp] = committed{std::move(o), record_offset};
}

void group_metadata::prepare_offset_commit(const std::map<topic_partition, offset_and_metadata>& commits) {
  for (const auto& [tp, o] : commits) pending_offset_commits_[tp] = o;
}

void group_metadata::on_offset_commit_appended(const topic_partition& tp, const offset_and_metadata& o,
                                               int64_t record_offset) {
  if (pending_offset_commits_.count(tp)) {
    auto it = offsets_.find(tp);
    if (it == offsets_.end() || it->second.record_offset < record_offset) offsets_[tp] = committed{o, record_offset};
  }
  auto pending = pending_offset_commits_.find(tp);
  if (pending != pending_offset_commits_.end() && pending->second == o) pending_offset_commits_.erase(pending);
}

void group_metadata::fail_pending_offset_commit(const topic_partition& tp, const offset_and_metadata& o) {
  auto pending = pending_offset_commits_.find(tp);
  if (pending != pending_offset_commits_.end() && pending->second == o) pending_offset_commits_.erase(pending);
}

std::map<topic_partition, offset_and_metadata> group_metadata::remove_offsets(
    const std::vector<topic_partition>& partitions) {
  std::map<topic_partition, offset_and_metadata> removed;
  for (const auto& tp : partitions) {
    pending_offset_commits_.erase(tp);
    auto it = offsets_.find(tp);
    if (it == offsets_.end()) continue;
    removed.emplace(tp, it->second.value);
    offsets_.erase(it);
  }
  return removed;
}

std::map<topic_partition, offset_and_metadata> group_metadata::remove_all_offsets() {
  std::vector<topic_partition> all;
  for (const auto& [tp, _] : offsets_) all.push_back(tp);
  for (const auto& [tp, _] : pending_offset_commits_) all.push_back(tp);
  return remove_offsets(all);
}

std::map<topic_partition, offset_and_metadata> group_metadata::remove_expired_offsets(int64_t now_ms,
                                                                                    int64_t retention_ms) {
  // Which offsets may expire, and from when their retention counts.
  std::optional<int64_t> base_for_all;  // set: every offset counts from this instant
  const std::set<std::string>* kept_topics = nullptr;
  if (protocol_type_ && is(group_state::empty)) {
    if (state_timestamp_ms_ >= 0) base_for_all = state_timestamp_ms_;  // -1: loaded without one
  } else if (is_consumer_group() && subscribed_topics_ && is(group_state::stable)) {
    kept_topics = &*subscribed_topics_;
  } else if (protocol_type_) {
    return {};  // rebalancing, or a non-consumer group with members: nothing expires
  }
  std::vector<topic_partition> expired;
  for (const auto& [tp, c] : offsets_) {
    if (kept_topics && kept_topics->count(tp.topic)) continue;
    if (pending_offset_commits_.count(tp)) continue;
    const bool past = c.value.expire_timestamp_ms
                          ? now_ms >= *c.value.expire_timestamp_ms
                          : now_ms - base_for_all.value_or(c.value.commit_timestamp_ms) >= retention_ms;
    if (past) expired.push_back(tp);
  }
  return remove_offsets(expired);
}

void group_metadata::restore(int32_t generation, std::optional<std::string> protocol_type,
                             std::optional<std::string> protocol_name, std::optional<std::string> leader) {
  generation_id_ = generation;
  protocol_type_ = protocol_type && !protocol_type->empty() ? std::move(protocol_type) : std::nullopt;
  protocol_name_ = std::move(protocol_name);
  leader_ = std::move(leader);
  subscribed_topics_ = compute_subscribed_topics();
}

void group_metadata::count_protocols(const member& m, int delta) {
  for (const auto& p : m.protocols) protocol_counts_[p.name] += delta;
  std::erase_if(protocol_counts_, [](const auto& entry) { return entry.second == 0; });
}

std::optional<std::set<std::string>> group_metadata::compute_subscribed_topics() const {
  if (!is_consumer_group()) return std::nullopt;
  std::set<std::string> topics;
  if (members_.empty()) return topics;
  if (!protocol_name_) return std::nullopt;
  for (const auto& [_, m] : members_) {
    auto subscribed = subscription_topics(m.metadata(*protocol_name_));
    if (!subscribed) {
      LOG(WARNING) << "Group " << id_ << ": member " << m.id << "'s subscription does not parse; "
                   << "the coordinator does not know which topics the group consumes";
      return std::nullopt;
    }
    topics.insert(subscribed->begin(), subscribed->end());
  }
  return topics;
}

}  // namespace kb::group
