#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "brokerd/group/group_state.h"
#include "brokerd/group/member.h"
#include "brokerd/group/offset_and_metadata.h"
#include "log/types.h"

namespace kb::group {

// One group's membership, rebalance state and committed offsets (Kafka's GroupMetadata): the
// data the coordinator's protocol works on, and its invariants. It decides nothing about
// time and performs no I/O; the coordinator drives it.
//
// Invariants: `awaiting_join_count` is the number of members with a parked JoinGroup; a
// static member's instance id maps to exactly its member id; the protocol counts hold, for
// each protocol name, how many members speak it; the leader, if any, is a member.
class group_metadata {
 public:
  group_metadata(std::string id, group_state initial, int64_t now_ms);

  const std::string& id() const { return id_; }
  group_state state() const { return state_; }
  bool is(group_state s) const { return state_ == s; }
  // Moves to `to`; the transition must be valid (checked).
  void transition_to(group_state to, int64_t now_ms);
  bool can_rebalance() const { return valid_transition(state_, group_state::preparing_rebalance); }
  int64_t current_state_timestamp_ms() const { return state_timestamp_ms_; }
  void set_current_state_timestamp_ms(int64_t ms) { state_timestamp_ms_ = ms; }

  int32_t generation_id() const { return generation_id_; }
  const std::optional<std::string>& protocol_type() const { return protocol_type_; }
  const std::optional<std::string>& protocol_name() const { return protocol_name_; }
  const std::optional<std::string>& leader() const { return leader_; }
  bool is_leader(const std::string& member_id) const { return leader_ == member_id; }
  bool is_consumer_group() const { return protocol_type_ == "consumer"; }

  // --- members ---
  bool has(const std::string& member_id) const { return members_.count(member_id) > 0; }
  member& get(const std::string& member_id);
  const std::map<std::string, member>& members() const { return members_; }
  size_t size() const { return members_.size(); }
  // Adds a member, parked on `callback` if given (a joining member). The first member sets
  // the protocol type and becomes leader.
  member& add(member m, join_callback callback);
  // Removes the member (and its static mapping, pending sync and pending join); a removed
  // leader is replaced by another member.
  void remove(const std::string& member_id);
  // New protocols, timeouts and parked JoinGroup for `m` (a rejoin).
  void update_member(member& m, std::vector<member_protocol> protocols, int32_t rebalance_timeout_ms,
                     int32_t session_timeout_ms, join_callback callback);
  // Answers `m`'s parked JoinGroup, if any.
  void maybe_invoke_join(member& m, protocol::join_group_response response);
  // Answers `m`'s parked SyncGroup, if any; returns whether there was one.
  bool maybe_invoke_sync(member& m, protocol::sync_group_response response);
  // Whether a JoinGroup of a member speaking `protocols` of `type` fits the group: any
  // non-empty set while Empty, else the group's type and at least one protocol all speak.
  bool supports_protocols(const std::string& type, const std::set<std::string>& protocols) const;
  // The protocol every member supports and most members prefer (the members' vote).
  std::string select_protocol() const;
  // The largest rebalance timeout among the members.
  int32_t rebalance_timeout_ms() const;
  bool has_all_members_joined() const {
    return members_.size() == awaiting_join_count_ && pending_members_.empty();
  }
  size_t awaiting_join_count() const { return awaiting_join_count_; }
  std::vector<std::string> not_yet_rejoined() const;
  // When the leader did not rejoin, makes a member that did leader. False if none did.
  bool maybe_elect_new_joined_leader();
  // Ends the join phase: the next generation, its protocol, and CompletingRebalance (or
  // Empty when nobody is left).
  void init_next_generation(int64_t now_ms);
  // Every member with its metadata for the chosen protocol: what the leader assigns from.
  std::vector<protocol::join_group_response::join_group_response_member> current_member_metadata() const;

  // --- static members (KIP-345) ---
  std::optional<std::string> static_member_id(const std::string& group_instance_id) const;
  // Hands the static member's place to `new_member_id`; the old id's parked requests are
  // answered FENCED_INSTANCE_ID. The old id's pending sync, if any, stays pending.
  member& replace_static_member(const std::string& group_instance_id, const std::string& old_member_id,
                                const std::string& new_member_id);

  // --- pending members (KIP-394: given an id, not yet rejoined with it) ---
  bool is_pending_member(const std::string& member_id) const { return pending_members_.count(member_id) > 0; }
  void add_pending_member(const std::string& member_id);
  size_t pending_member_count() const { return pending_members_.size(); }

  // --- members yet to send SyncGroup in this generation ---
  void add_pending_sync_member(const std::string& member_id) { pending_sync_members_.insert(member_id); }
  void remove_pending_sync_member(const std::string& member_id) { pending_sync_members_.erase(member_id); }
  bool has_received_sync_from_all_members() const { return pending_sync_members_.empty(); }
  const std::set<std::string>& pending_sync_members() const { return pending_sync_members_; }
  void clear_pending_sync_members() { pending_sync_members_.clear(); }

  // Set when a member joins a brand-new group during its initial rebalance delay, which
  // then extends the delay (InitialDelayedJoin).
  bool new_member_added = false;

  // --- subscriptions (consumer groups) ---
  // The topics any member subscribes to; nullopt when unknown (not a consumer group, or a
  // subscription that does not parse), which counts as "maybe subscribed to anything".
  const std::optional<std::set<std::string>>& subscribed_topics() const { return subscribed_topics_; }
  bool is_subscribed_to(const std::string& topic) const {
    return !subscribed_topics_ || subscribed_topics_->count(topic) > 0;
  }

  // --- offsets ---
  std::optional<offset_and_metadata> offset(const topic_partition& tp) const;
  std::map<topic_partition, offset_and_metadata> all_offsets() const;
  size_t offset_count() const { return offsets_.size(); }
  // Loaded from the log: `record_offset` is where the commit record sits.
  void load_offset(const topic_partition& tp, offset_and_metadata o, int64_t record_offset);
  // A commit was sent to the log; it stays pending until on_offset_commit_appended or
  // fail_pending_offset_commit.
  void prepare_offset_commit(const std::map<topic_partition, offset_and_metadata>& commits);
  void on_offset_commit_appended(const topic_partition& tp, const offset_and_metadata& o, int64_t record_offset);
  void fail_pending_offset_commit(const topic_partition& tp, const offset_and_metadata& o);
  bool has_offsets() const { return !offsets_.empty() || !pending_offset_commits_.empty(); }
  // Removes and returns the offsets of `partitions` (those it had).
  std::map<topic_partition, offset_and_metadata> remove_offsets(const std::vector<topic_partition>& partitions);
  std::map<topic_partition, offset_and_metadata> remove_all_offsets();
  // Removes and returns offsets past their retention (GroupMetadata.removeExpiredOffsets):
  // an Empty group's offsets expire `retention_ms` after it became empty; a Stable consumer
  // group's offsets of topics it no longer subscribes to, `retention_ms` after their commit;
  // an explicit expire timestamp wins in both cases.
  std::map<topic_partition, offset_and_metadata> remove_expired_offsets(int64_t now_ms, int64_t retention_ms);

  // Loaded from the log: generation, protocol and leader as stored.
  void restore(int32_t generation, std::optional<std::string> protocol_type, std::optional<std::string> protocol_name,
               std::optional<std::string> leader);

 private:
  void count_protocols(const member& m, int delta);
  std::optional<std::set<std::string>> compute_subscribed_topics() const;

  std::string id_;
  group_state state_;
  int64_t state_timestamp_ms_;
  int32_t generation_id_ = 0;
  std::optional<std::string> protocol_type_;
  std::optional<std::string> protocol_name_;
  std::optional<std::string> leader_;
  std::map<std::string, member> members_;
  std::map<std::string, std::string> static_members_;  // group instance id -> member id
  std::set<std::string> pending_members_;
  std::set<std::string> pending_sync_members_;
  size_t awaiting_join_count_ = 0;
  std::map<std::string, int> protocol_counts_;
  std::optional<std::set<std::string>> subscribed_topics_;

  struct committed {
    offset_and_metadata value;
    int64_t record_offset;  // the commit record's offset in __consumer_offsets; a later one wins
  };
  std::map<topic_partition, committed> offsets_;
  std::map<topic_partition, offset_and_metadata> pending_offset_commits_;
};

}  // namespace kb::group
