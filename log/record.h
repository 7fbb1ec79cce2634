#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "log/batch_header.h"
#include "log/errc.h"

namespace kb::log {

using bytes_view = std::span<const std::byte>;

struct record_header {
  bytes_view key;
  std::optional<bytes_view> value;  // nullopt = null
};

// One record of a RecordBatch v2, decoded in place: the views point into the (possibly
// decompressed) records buffer they were decoded from.
struct record {
  int8_t attributes = 0;
  int64_t timestamp_delta = 0;
  int32_t offset_delta = 0;
  std::optional<bytes_view> key;    // nullopt = null key
  std::optional<bytes_view> value;  // nullopt = null value (a tombstone)
  std::vector<record_header> headers;
};

// A record's absolute offset, and its timestamp: the batch's max timestamp under LogAppendTime,
// else base timestamp + delta.
inline int64_t record_offset(const batch_header& h, const record& r) { return wrapping_add(h.base_offset, r.offset_delta); }
inline int64_t record_timestamp(const batch_header& h, const record& r) {
  return h.ts_type() == timestamp_type::log_append_time ? h.max_timestamp
                                                        : wrapping_add(h.base_timestamp, r.timestamp_delta);
}

// Decodes exactly `count` records from `data` (the bytes after a batch header, uncompressed).
result<std::vector<record>> decode_records(bytes_view data, int32_t count);

// The records of one v2 batch, decompressed when the batch is compressed. Owns the
// decompressed bytes, so the records stay valid while this object lives (moves included).
class batch_records {
 public:
  // `batch` is one whole batch (header included); it must outlive the result when the batch
  // is uncompressed, because the records then point into it.
  static result<batch_records> decode(bytes_view batch);

  // Move-only: a copy's records would point into the original's decompressed bytes.
  batch_records(batch_records&&) = default;
  batch_records& operator=(batch_records&&) = default;
  batch_records(const batch_records&) = delete;
  batch_records& operator=(const batch_records&) = delete;

  const batch_header& header() const { return header_; }
  const std::vector<record>& records() const { return records_; }

 private:
  batch_records() = default;
  batch_header header_;
  std::vector<std::byte> decompressed_;
  std::vector<record> records_;
};

}  // namespace kb::log
