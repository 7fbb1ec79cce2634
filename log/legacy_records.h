#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "log/batch_header.h"
#include "log/compression.h"
#include "log/errc.h"
#include "log/record.h"

namespace kb::log {

// One message of a legacy message set as a client meant it: an uncompressed top-level
// message, or one inner message of a compressed wrapper.
struct legacy_record {
  int64_t offset = 0;  // as written: inside a magic-1 wrapper, relative (0..n-1)
  int8_t magic = 0;
  int64_t timestamp = -1;  // -1 (no timestamp) for magic 0
  // An inner message takes its wrapper's type, and with LogAppendTime its timestamp too.
  timestamp_type ts_type = timestamp_type::create_time;
  std::optional<bytes_view> key;    // nullopt = null
  std::optional<bytes_view> value;  // nullopt = null
};

// The messages of a magic 0/1 message set (the records of a Produce v0-2 request), with
// compressed wrappers opened. Validation follows Kafka's LogValidator:
//  * corrupt_batch: a truncated entry, a CRC-32 mismatch, key/value lengths that do not
//    fit the entry (Kafka: CORRUPT_MESSAGE);
//  * invalid_record: no messages, magic 0 and 1 mixed, a compressed wrapper that is not the
//    only entry, a wrapper with a null value or no inner messages, an inner message that is
//    itself compressed or of another magic (INVALID_RECORD);
//  * unsupported_magic: a magic other than 0 or 1;
//  * unsupported_compression: zstd (magic 2 only) or an unknown codec id;
//  * decompression_failed: a wrapper value its codec rejects.
// Offsets written by the client are kept but not checked: the leader assigns its own.
class legacy_records {
 public:
  // The records view into `message_set`, which must outlive the result, or into the
  // decompressed bytes this object owns.
  static result<legacy_records> decode(bytes_view message_set);

  // Move-only, as batch_records: records may point into decompressed_.
  legacy_records(legacy_records&&) = default;
  legacy_records& operator=(legacy_records&&) = default;
  legacy_records(const legacy_records&) = delete;
  legacy_records& operator=(const legacy_records&) = delete;

  int8_t magic() const { return magic_; }
  compression_type compression() const { return compression_; }  // the wrapper's codec, or none
  const std::vector<legacy_record>& records() const { return records_; }

 private:
  legacy_records() = default;
  int8_t magic_ = 0;
  compression_type compression_ = compression_type::none;
  std::vector<std::byte> decompressed_;  // the wrapper's inner message set
  std::vector<legacy_record> records_;
};

// True when `records` start with a legacy entry (magic byte 0 or 1), the shape Produce v0-2
// carries; false for RecordBatch v2 (and for anything too short to tell).
bool is_legacy_message_set(bytes_view records);

}  // namespace kb::log
