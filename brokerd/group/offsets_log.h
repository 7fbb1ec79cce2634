#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <system_error>
#include <vector>

#include "brokerd/protocol/error_code.h"

namespace kb::group {

// A record of __consumer_offsets: its key and value (nullopt: a tombstone).
struct offsets_record {
  int64_t offset = -1;  // where it sits in the log (unset when writing)
  std::vector<std::byte> key;
  std::optional<std::vector<std::byte>> value;
};

struct append_outcome {
  protocol::error_code error = protocol::error_code::none;
  int64_t base_offset = -1;  // the first record's offset, on success
};

// The partitions of __consumer_offsets as the coordinator uses them: where it writes group
// metadata and offset commits, and where it reads them back when it takes a partition over.
// The broker's implementation writes through the partition's leader log and waits for the
// ISR; unit tests use a fake that completes by hand.
class offsets_log {
 public:
  virtual ~offsets_log() = default;

  // Appends `records` to partition `partition`, as its leader, in one batch with timestamp
  // `timestamp_ms`, and calls `done` once the ISR has them (acks=all), or with the append's
  // Kafka error (NOT_LEADER_OR_FOLLOWER, NOT_ENOUGH_REPLICAS[_AFTER_APPEND], REQUEST_TIMED_OUT,
  // MESSAGE_TOO_LARGE, ...). `done` may run before append() returns.
  virtual void append(int32_t partition, std::vector<offsets_record> records, int64_t timestamp_ms,
                      std::function<void(append_outcome)> done) = 0;

  // Reads every record of partition `partition` from its log start to its log end, in offset
  // order, and calls `done` with them, or with an error if the log cannot be read (this
  // broker holds no replica of it, or it is offline). `done` may run before read() returns.
  using read_result = std::optional<std::vector<offsets_record>>;
  virtual void read(int32_t partition, std::function<void(read_result)> done) = 0;
};

}  // namespace kb::group
