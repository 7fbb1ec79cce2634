#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "log/compression.h"
#include "log/errc.h"
#include "log/wrapping_arithmetic.h"

namespace kb::log {

// The fixed 61-byte header of a RecordBatch v2 (magic 2), big-endian on disk and on the wire:
//
//   0 base_offset int64        21 attributes int16          43 producer_id int64
//   8 batch_length int32       23 last_offset_delta int32   51 producer_epoch int16
//  12 partition_leader_epoch   27 base_timestamp int64      53 base_sequence int32
//  16 magic int8               35 max_timestamp int64       57 records_count int32
//  17 crc uint32 (CRC-32C of bytes [21, end))
//
// batch_length counts the bytes after itself, so a batch occupies batch_length + 12 bytes.
// The CRC does not cover base_offset or partition_leader_epoch, which the leader rewrites.
inline constexpr size_t batch_header_size = 61;
inline constexpr size_t log_overhead = 12;  // base_offset + batch_length
inline constexpr size_t magic_offset = 16;
inline constexpr size_t crc_offset = 17;
inline constexpr size_t attributes_offset = 21;
inline constexpr size_t partition_leader_epoch_offset = 12;
inline constexpr int8_t current_magic = 2;

enum class timestamp_type { create_time, log_append_time };

struct batch_header {
  int64_t base_offset = 0;
  int32_t batch_length = 0;
  int32_t partition_leader_epoch = -1;
  int8_t magic = current_magic;
  uint32_t crc = 0;
  int16_t attributes = 0;
  int32_t last_offset_delta = 0;
  int64_t base_timestamp = -1;
  int64_t max_timestamp = -1;
  int64_t producer_id = -1;
  int16_t producer_epoch = -1;
  int32_t base_sequence = -1;
  int32_t records_count = 0;

  size_t total_size() const { return static_cast<size_t>(batch_length) + log_overhead; }
  // Wrapping, as in Kafka: a producer's batch may carry any base offset until the leader
  // assigns one.
  int64_t last_offset() const { return wrapping_add(base_offset, last_offset_delta); }
  int64_t next_offset() const { return wrapping_add(last_offset(), 1); }
  int32_t last_sequence() const;
  compression_type compression() const { return static_cast<compression_type>(attributes & 0x07); }
  timestamp_type ts_type() const {
    return (attributes & 0x08) ? timestamp_type::log_append_time : timestamp_type::create_time;
  }
  bool is_transactional() const { return attributes & 0x10; }
  bool is_control() const { return attributes & 0x20; }
  bool has_delete_horizon() const { return attributes & 0x40; }
};

// Reads only the first 12 bytes (base offset and length): what a scan over a file needs.
struct batch_prefix {
  int64_t base_offset;
  int32_t batch_length;
};
batch_prefix parse_batch_prefix(std::span<const std::byte> bytes);  // requires >= 12 bytes

// Decodes the header fields; requires bytes.size() >= batch_header_size. Does not validate.
batch_header parse_batch_header(std::span<const std::byte> bytes);

// Writes every header field except the CRC into the first 61 bytes of `out`.
void write_batch_header(const batch_header& h, std::span<std::byte> out);

// CRC-32C over the bytes the stored CRC covers. `batch` is the whole batch.
uint32_t compute_batch_crc(std::span<const std::byte> batch);

// Checks that `batch` (exactly one batch's bytes) is a well-formed v2 batch: length, magic, CRC.
result<batch_header> validate_batch(std::span<const std::byte> batch);

// Rewrites the fields a leader assigns without touching the CRC-covered bytes.
void set_base_offset(std::span<std::byte> batch, int64_t base_offset);
void set_partition_leader_epoch(std::span<std::byte> batch, int32_t epoch);

}  // namespace kb::log
