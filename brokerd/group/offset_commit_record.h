#pragma once

// The offset commit records of __consumer_offsets, in the layout Kafka 3.x reads and writes
// (group-coordinator OffsetCommitKey.json and OffsetCommitValue.json of Kafka 3.7). Key and
// value each start with an int16 schema version, then the fields in classic encoding:
//   key   v0, v1 (identical): group string, topic string, partition int32     (written as v1)
//   value v0, v2: offset int64, metadata string, commit_timestamp int64
//         v1:     offset int64, metadata string, commit_timestamp int64, expire_timestamp int64
//         v3:     offset int64, leader_epoch int32, metadata string, commit_timestamp int64
//         v4:     v3's fields, flexible: metadata is a compact string, then tagged fields (read only)
// A value is written as v3, or as v1 when it has an expire timestamp (a v1 OffsetCommit with a
// commit timestamp, or v2-4 with a retention time), as Kafka does. A null value (tombstone)
// removes the offset; callers handle it before decoding. Pure functions; any thread.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "brokerd/group/record_errc.h"
#include "brokerd/protocol/wire_reader.h"

namespace kb::group {

struct offset_commit_key {
  std::string group;
  std::string topic;
  int32_t partition = 0;
  friend bool operator==(const offset_commit_key&, const offset_commit_key&) = default;
};

struct offset_commit_value {
  int64_t offset = 0;
  int32_t leader_epoch = -1;  // v3+; -1 = unknown
  std::string metadata;
  int64_t commit_timestamp = 0;   // ms since the epoch
  int64_t expire_timestamp = -1;  // v1 only; -1 = none (expiry follows offsets.retention.minutes)
  friend bool operator==(const offset_commit_value&, const offset_commit_value&) = default;
};

namespace offset_commit_record {

inline constexpr int16_t key_version = 1;                      // OffsetCommitKey: v0 and v1 are one layout
inline constexpr int16_t value_version = 3;                    // the newest non-flexible OffsetCommitValue
inline constexpr int16_t value_version_with_expire_timestamp = 1;

std::vector<std::byte> encode_key(const offset_commit_key& key);
// Key versions 0 and 1; any other version is unsupported_version.
result<offset_commit_key> decode_key(protocol::bytes_view data);

std::vector<std::byte> encode_value(const offset_commit_value& value);
// Value versions 0-4. Fields a version lacks keep their defaults (leader_epoch -1,
// expire_timestamp -1); a v1 expire_timestamp of -1 means none, as in Kafka.
result<offset_commit_value> decode_value(protocol::bytes_view data);

}  // namespace offset_commit_record
}  // namespace kb::group
