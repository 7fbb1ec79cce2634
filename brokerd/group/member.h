#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "brokerd/protocol/messages/join_group.h"
#include "brokerd/protocol/messages/sync_group.h"

namespace kb::group {

// One protocol a member can speak (an assignor such as "range"), with the member's metadata
// for it (for consumers: its subscription), in the member's order of preference.
struct member_protocol {
  std::string name;
  std::vector<std::byte> metadata;
  friend bool operator==(const member_protocol&, const member_protocol&) = default;
};

// The continuation of a parked JoinGroup or SyncGroup: called once with the answer.
using join_callback = std::function<void(protocol::join_group_response)>;
using sync_callback = std::function<void(protocol::sync_group_response)>;

// A member of a group (Kafka's MemberMetadata). `awaiting_join` / `awaiting_sync` hold the
// member's parked request while the group rebalances; the group answers them.
struct member {
  std::string id;
  std::optional<std::string> group_instance_id;  // set: a static member (KIP-345)
  std::string client_id;
  std::string client_host;
  int32_t rebalance_timeout_ms = 0;
  int32_t session_timeout_ms = 0;
  std::string protocol_type;
  std::vector<member_protocol> protocols;
  std::vector<std::byte> assignment;

  join_callback awaiting_join;
  sync_callback awaiting_sync;
  bool is_new = false;  // joined in the rebalance under way; it has no member id to heartbeat with yet
  // Set by anything that shows the member alive (a heartbeat, a commit, a rejoin); the
  // session expiry checks it.
  bool heartbeat_satisfied = false;

  bool is_static() const { return group_instance_id.has_value(); }
  bool is_awaiting_join() const { return static_cast<bool>(awaiting_join); }
  bool is_awaiting_sync() const { return static_cast<bool>(awaiting_sync); }
  // Whether the member counts as alive at its session deadline: a parked JoinGroup or
  // SyncGroup keeps an established member alive, a new member needs its heartbeat flag.
  bool has_satisfied_heartbeat() const;
  // The member's metadata for `protocol`; empty if it does not speak it.
  const std::vector<std::byte>& metadata(const std::string& protocol) const;
  // Same protocols, same order, same metadata.
  bool matches(const std::vector<member_protocol>& other) const { return protocols == other; }
  // The member's most preferred protocol among `candidates` (it supports one of them).
  std::string vote(const std::set<std::string>& candidates) const;
};

}  // namespace kb::group
