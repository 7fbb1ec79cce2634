#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "brokerd/group/group_config.h"
#include "brokerd/group/group_store.h"
#include "brokerd/protocol/messages/describe_groups.h"
#include "brokerd/protocol/messages/leave_group.h"
#include "brokerd/protocol/messages/list_groups.h"
#include "zkmeta/runtime/clock.h"
#include "zkmeta/runtime/delayed_operations.h"
#include "zkmeta/session_lease.h"

namespace kb::group {

// A JoinGroup as the coordinator sees it (KafkaApis' handleJoinGroupRequest arguments).
struct join_request {
  std::string group_id;
  std::string member_id;  // "" for a member joining for the first time
  std::optional<std::string> group_instance_id;
  bool require_known_member_id = false;  // JoinGroup v4+ of a dynamic member (KIP-394)
  std::string client_id;
  std::string client_host;
  int32_t rebalance_timeout_ms = 0;
  int32_t session_timeout_ms = 0;
  std::string protocol_type;
  std::vector<member_protocol> protocols;
};

struct sync_request {
  std::string group_id;
  int32_t generation_id = -1;
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::map<std::string, std::vector<std::byte>> assignments;  // from the leader only
};

struct commit_request {
  std::string group_id;
  std::string member_id;  // "" for a commit outside group management
  std::optional<std::string> group_instance_id;
  int32_t generation_id = -1;  // -1 for a commit outside group management
  std::map<topic_partition, offset_and_metadata> offsets;
};

struct leave_result {
  protocol::error_code error = protocol::error_code::none;
  std::vector<protocol::leave_group_response::member_response> members;
};

// The group coordinator (Kafka's GroupCoordinator, ZooKeeper-mode "classic" protocol): the
// membership protocol of the groups this broker coordinates (JoinGroup, SyncGroup, Heartbeat,
// LeaveGroup), their offsets (OffsetCommit, OffsetFetch, OffsetDelete) and administration
// (ListGroups, DescribeGroups, DeleteGroups).
//
// A group's rebalance: members join (their JoinGroup parks until every known member has
// rejoined or the rebalance timeout passes; a new group first waits
// group.initial.rebalance.delay.ms for more members), the group picks a protocol by vote
// and a leader, the leader computes assignments and sends them in its SyncGroup (the others'
// park until then), the coordinator stores them and the group is Stable. Members that stop
// heartbeating for their session timeout are removed, which starts another rebalance.
//
// Joins, pending syncs and session expiries are delayed operations on the injected clock.
// Every parked request is answered exactly once. Single-threaded; the store does the I/O.
class group_coordinator {
 public:
  // While `lease` is not held (this broker may have lost its ZooKeeper session, and with it the
  // leadership of its __consumer_offsets partitions): every group request is answered
  // NOT_COORDINATOR, and no deadline (a session, a rebalance's join or sync phase) is acted on.
  // A deadline that passed during a lapse runs again in full from the lease's return.
  group_coordinator(int32_t broker_id, const group_config& config, group_store& store, kb::clock& clock,
                    const zkmeta::session_lease& lease);
  ~group_coordinator();

  // Serving starts at startup() and ends at shutdown(), which answers every parked request
  // NOT_COORDINATOR so that clients move on to the partitions' next leaders.
  void startup();
  void shutdown();

  void join_group(join_request request, join_callback respond);
  void sync_group(sync_request request, sync_callback respond);
  protocol::error_code heartbeat(const std::string& group_id, const std::string& member_id,
                                 const std::optional<std::string>& group_instance_id, int32_t generation_id);
  leave_result leave_group(const std::string& group_id,
                           const std::vector<protocol::leave_group_request::member_identity>& members);

  void commit_offsets(commit_request request, std::function<void(group_store::commit_errors)> respond);
  std::pair<protocol::error_code, std::map<topic_partition, fetched_offset>> fetch_offsets(
      const std::string& group_id, const std::optional<std::vector<topic_partition>>& partitions);
  // OffsetDelete: the group error, or per-partition errors (GROUP_SUBSCRIBED_TO_TOPIC for
  // topics a live consumer group reads).
  std::pair<protocol::error_code, std::map<topic_partition, protocol::error_code>> delete_offsets(
      const std::string& group_id, const std::vector<topic_partition>& partitions);
  std::map<std::string, protocol::error_code> delete_groups(const std::vector<std::string>& group_ids);
  std::pair<protocol::error_code, std::vector<protocol::list_groups_response::listed_group>> list_groups() const;
  // The group's summary; an unknown group is Dead with error NONE, as in Kafka.
  protocol::describe_groups_response::described_group describe_group(const std::string& group_id);
  // A topic was deleted: its committed offsets go too.
  void on_partitions_deleted(const std::vector<topic_partition>& partitions);

  // This broker became leader of __consumer_offsets-`partition` / stopped leading it.
  void on_election(int32_t partition);
  void on_resignation(int32_t partition);

  // Removes offsets past offsets.retention.minutes (run every offsets.retention.check.interval.ms).
  size_t expire_offsets();

  int32_t partition_for(const std::string& group_id) const { return store_.partition_for(group_id); }
  // The partition count of __consumer_offsets as created (group_store::use_partition_count).
  void use_offsets_partition_count(int32_t count) { store_.use_partition_count(count); }

 private:
  using group_ptr = group_store::group_ptr;
  using member_key = std::pair<std::string, std::string>;  // group id, member id
  class delayed_join;
  class initial_delayed_join;
  class delayed_sync;
  class delayed_heartbeat;

  // Why a request for `group_id` cannot be served here, if it cannot.
  std::optional<protocol::error_code> group_status_error(const std::string& group_id, bool empty_id_allowed) const;
  std::optional<protocol::error_code> validate_current_member(group_metadata& g, const std::string& member_id,
                                                              const std::optional<std::string>& group_instance_id) const;

  // --- membership (group_coordinator_join.cc, group_coordinator_sessions.cc) ---
  void join_new_member(const group_ptr& g, join_request request, join_callback respond);
  void join_static_new_member(const group_ptr& g, join_request request, const std::string& new_member_id,
                              join_callback respond);
  void join_current_member(const group_ptr& g, join_request request, join_callback respond);
  void add_member_and_rebalance(const group_ptr& g, join_request request, const std::string& member_id,
                                join_callback respond);
  void update_static_member_and_rebalance(const group_ptr& g, join_request request, const std::string& old_member_id,
                                          const std::string& new_member_id, join_callback respond);
  void update_member_and_rebalance(const group_ptr& g, member& m, join_request request, join_callback respond,
                                   const std::string& reason);
  void maybe_prepare_rebalance(const group_ptr& g, const std::string& reason);
  void prepare_rebalance(const group_ptr& g, const std::string& reason);
  void remove_member_and_update_group(const group_ptr& g, const std::string& member_id, const std::string& reason);
  void remove_pending_member_and_update_group(const group_ptr& g, const std::string& member_id);
  bool try_complete_join(const group_ptr& g);
  void complete_join(const group_ptr& g);
  void expire_join(const group_ptr& g, bool lapse_seen);
  // When an expired deadline is to run again instead of being acted on: every lease_recheck
  // while the lease is lapsed (sets `lapse_seen`), then once `full` from the lease's return
  // (clears it); nullopt to act now.
  std::optional<std::chrono::milliseconds> postponement(bool& lapse_seen, std::chrono::milliseconds full) const;
  void do_sync_group(const group_ptr& g, sync_request request, sync_callback respond);
  void set_and_propagate_assignment(const group_ptr& g, const std::map<std::string, std::vector<std::byte>>& assignment);
  void reset_and_propagate_assignment_error(const group_ptr& g, protocol::error_code error);
  void propagate_assignment(const group_ptr& g, protocol::error_code error);
  void remove_pending_sync_member(const group_ptr& g, const std::string& member_id);
  void remove_sync_expiration(const group_ptr& g);
  void schedule_pending_sync(const group_ptr& g);
  void expire_pending_sync(const group_ptr& g, int32_t generation_id, bool lapse_seen);
  // Marks the member alive and restarts its session timer (`timeout_ms` from now).
  void complete_and_schedule_next_heartbeat_expiration(const group_ptr& g, member& m);
  void complete_and_schedule_next_expiration(const group_ptr& g, member& m, int32_t timeout_ms);
  void add_pending_member_expiration(const group_ptr& g, const std::string& member_id, int32_t timeout_ms);
  void remove_heartbeat_for_leaving_member(const group_ptr& g, const std::string& member_id);
  void expire_heartbeat(const group_ptr& g, const std::string& member_id, bool is_pending, bool lapse_seen);
  protocol::join_group_response join_result_for(const group_metadata& g, const std::string& member_id,
                                                bool with_members) const;
  void on_group_loaded(const group_ptr& g);
  void on_group_unloaded(const group_ptr& g);
  std::optional<protocol::error_code> validate_offset_commit(group_metadata& g, const commit_request& request) const;
  bool accept_joining_member(const group_metadata& g, const std::string& member_id) const;
  std::string new_member_id(const std::string& prefix);
  void schedule_offset_expiration();

  int32_t broker_id_;
  const group_config& config_;
  group_store& store_;
  kb::clock& clock_;
  const zkmeta::session_lease& lease_;
  bool active_ = false;
  kb::delayed_operations<std::string> joins_;       // by group id: the join phase of a rebalance
  kb::delayed_operations<std::string> syncs_;       // by group id: members yet to send SyncGroup
  kb::delayed_operations<member_key> heartbeats_;   // by member: session expiry
  std::unique_ptr<kb::alarm> expiration_;
  std::mt19937_64 member_ids_;  // the random part of generated member ids
};

// A JoinGroup answer carrying only an error (Kafka's JoinGroupResult(memberId, error)).
protocol::join_group_response join_error(const std::string& member_id, protocol::error_code error);
protocol::sync_group_response sync_error(protocol::error_code error);

}  // namespace kb::group
