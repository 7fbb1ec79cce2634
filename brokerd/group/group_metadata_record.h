#pragma once

// The group metadata records of __consumer_offsets, in the layout Kafka 3.x reads and writes
// (group-coordinator GroupMetadataKey.json and GroupMetadataValue.json of Kafka 3.7). Key and
// value each start with an int16 schema version, then the fields in classic encoding:
//   key   v2: group string                    (v0 and v1 are OffsetCommitKey's versions)
//   value v0-v3: protocol_type string, generation int32, protocol nullable string,
//                leader nullable string, current_state_timestamp int64 (v2+),
//                members [member_id string, group_instance_id nullable string (v3+),
//                         client_id string, client_host string, rebalance_timeout int32 (v1+),
//                         session_timeout int32, subscription bytes, assignment bytes]
// Values are written as v3, the newest non-flexible version, as Kafka 3.x does. v4 (flexible)
// is not read: it is unsupported_version. A null value (tombstone) deletes the group; callers
// handle it before decoding. Pure functions; any thread.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "brokerd/group/record_errc.h"
#include "brokerd/protocol/wire_reader.h"

namespace kb::group {

struct group_metadata_key {
  std::string group;
  friend bool operator==(const group_metadata_key&, const group_metadata_key&) = default;
};

struct group_metadata_value {
  // Kafka's MemberMetadata common struct.
  struct member_metadata {
    std::string member_id;
    std::optional<std::string> group_instance_id;  // v3+; null for a dynamic member
    std::string client_id;
    std::string client_host;
    int32_t rebalance_timeout = -1;  // v1+; Kafka reads a v0 member's as its session_timeout
    int32_t session_timeout = 0;
    std::vector<std::byte> subscription;  // the member's metadata for `protocol`
    std::vector<std::byte> assignment;
    friend bool operator==(const member_metadata&, const member_metadata&) = default;
  };

  std::string protocol_type;            // "" for a group that never had members
  int32_t generation = 0;
  std::optional<std::string> protocol;  // null while the group is empty
  std::optional<std::string> leader;    // null while the group is empty
  int64_t current_state_timestamp = -1;  // v2+; ms since the epoch, -1 = unknown
  std::vector<member_metadata> members;
  friend bool operator==(const group_metadata_value&, const group_metadata_value&) = default;
};

namespace group_metadata_record {

inline constexpr int16_t key_version = 2;
inline constexpr int16_t value_version = 3;  // the newest non-flexible GroupMetadataValue

std::vector<std::byte> encode_key(const group_metadata_key& key);
// Key version 2 only; any other version is unsupported_version.
result<group_metadata_key> decode_key(protocol::bytes_view data);

std::vector<std::byte> encode_value(const group_metadata_value& value);
// Value versions 0-3. Fields a version lacks keep their defaults.
result<group_metadata_value> decode_value(protocol::bytes_view data);

}  // namespace group_metadata_record
}  // namespace kb::group
