#include "log/client_batch_checks.h"

#include <array>
#include <cstdint>
#include <memory>

#include "log/decompress_stream.h"

namespace kb::log {
namespace {

// No error: the hot path passes errc values, not result<T>, because constructing a
// successful std::error_code calls std::system_category() out of line, once per field.
constexpr errc ok{};

// Reads the records section of a batch: straight from the batch when it is uncompressed,
// else through a fixed buffer refilled from a decompress_stream. A read that runs past the
// end is invalid_record; a codec failure is decompression_failed.
class records_reader {
 public:
  explicit records_reader(std::span<const std::byte> plain)
      : chunk_(plain.data()), at_(plain.data()), end_(plain.data() + plain.size()) {}
  records_reader(decompress_stream& stream, std::span<std::byte> buffer, size_t max_bytes)
      : stream_(&stream), buffer_(buffer), chunk_(buffer.data()), at_(buffer.data()), end_(buffer.data()),
        max_bytes_(max_bytes) {}

  // Zig-zag varint of at most `max_bytes` bytes (5 for int32, 10 for int64).
  errc varint(int max_bytes, int64_t& out) {
    uint64_t raw = 0;
    const bool in_buffer = end_ - at_ >= max_bytes;  // then no refill check per byte
    for (int i = 0; i < max_bytes; ++i) {
      if (!in_buffer && at_ == end_) {
        if (errc e = refill_or_fail(); e != ok) return e;
      }
      const auto b = static_cast<uint8_t>(*at_++);
      raw |= static_cast<uint64_t>(b & 0x7f) << (7 * i);
      if (!(b & 0x80)) {
        out = static_cast<int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
        return ok;
      }
    }
    return errc::invalid_record;
  }

  errc varint32(int32_t& out) {
    int64_t v = 0;
    if (errc e = varint(5, v); e != ok) return e;
    if (v < INT32_MIN || v > INT32_MAX) return errc::invalid_record;
    out = static_cast<int32_t>(v);
    return ok;
  }

  errc skip(size_t n) {
    while (n > static_cast<size_t>(end_ - at_)) {
      n -= static_cast<size_t>(end_ - at_);
      at_ = end_;
      if (errc e = refill_or_fail(); e != ok) return e;
    }
    at_ += n;
    return ok;
  }

  // Whether no byte is left; reading on to find out is what Kafka's ensureNoneRemaining does.
  errc at_end(bool& out) {
    out = false;
    if (at_ != end_) return ok;
    bool filled = false;
    if (errc e = refill(filled); e != ok) return e;
    out = !filled;
    return ok;
  }

  // Bytes read so far, across refills.
  size_t consumed() const { return before_chunk_ + static_cast<size_t>(at_ - chunk_); }

 private:
  // Replaces the consumed buffer with the next decompressed bytes; `filled` false at the
  // clean end of the records. invalid_record past max_bytes.
  errc refill(bool& filled) {
    filled = false;
    if (!stream_) return ok;
    auto n = stream_->read(buffer_);
    if (!n) return static_cast<errc>(n.error().value());
    if (n.value() == 0) return ok;
    before_chunk_ += static_cast<size_t>(end_ - chunk_);
    if (before_chunk_ + n.value() > max_bytes_) return errc::invalid_record;
    chunk_ = at_ = buffer_.data();
    end_ = buffer_.data() + n.value();
    filled = true;
    return ok;
  }

  // As refill, but the end of the records is invalid_record: a read needed more bytes.
  errc refill_or_fail() {
    bool filled = false;
    if (errc e = refill(filled); e != ok) return e;
    return filled ? ok : errc::invalid_record;
  }

  decompress_stream* stream_ = nullptr;
  std::span<std::byte> buffer_;
  const std::byte* chunk_;  // start of the bytes at_ walks (the payload, or the buffer)
  const std::byte* at_;
  const std::byte* end_;
  size_t before_chunk_ = 0;  // bytes of earlier chunks
  size_t max_bytes_ = 0;
};

// Skips one length-prefixed field of a record that ends at `record_end` (a count of bytes
// consumed); -1 is null. Kafka reads any negative length as null, but no client writes one
// below -1, and the broker's own readers (down-conversion, the dump tool, the group
// coordinator) refuse it: such a record is invalid here rather than stored unreadable.
errc skip_nullable_bytes(records_reader& in, size_t record_end, bool& present) {
  int32_t len = 0;
  if (errc e = in.varint32(len); e != ok) return e;
  if (len < -1) return errc::invalid_record;
  present = len >= 0;
  if (!present) return ok;
  if (in.consumed() + static_cast<size_t>(len) > record_end) return errc::invalid_record;
  return in.skip(static_cast<size_t>(len));
}

// Compressed batches are kept only if their offset deltas are 0..n-1 (Kafka rewrites others).
enum class offset_deltas { as_written, must_be_sequential };

// DefaultRecord.readFrom's checks, without keeping the key, value or headers.
errc check_record(records_reader& in, int32_t index, offset_deltas deltas, const client_batch_rules& rules) {
  int32_t length = 0;
  if (errc e = in.varint32(length); e != ok) return e;
  if (length < 0) return errc::invalid_record;
  const size_t record_end = in.consumed() + static_cast<size_t>(length);
  int64_t attributes_and_timestamp = 0;
  if (errc e = in.skip(1); e != ok) return e;  // attributes: unused in v2
  if (errc e = in.varint(10, attributes_and_timestamp); e != ok) return e;
  int32_t offset_delta = 0;
  if (errc e = in.varint32(offset_delta); e != ok) return e;
  if (deltas == offset_deltas::must_be_sequential && offset_delta != index) return errc::invalid_record;
  if (in.consumed() > record_end) return errc::invalid_record;
  bool present = false;
  if (errc e = skip_nullable_bytes(in, record_end, present); e != ok) return e;
  if (!present && rules.keys_required) return errc::invalid_record;
  if (errc e = skip_nullable_bytes(in, record_end, present); e != ok) return e;  // the value
  int32_t header_count = 0;
  if (errc e = in.varint32(header_count); e != ok) return e;
  if (header_count < 0) return errc::invalid_record;
  for (int32_t h = 0; h < header_count; ++h) {
    if (in.consumed() > record_end) return errc::invalid_record;
    if (errc e = skip_nullable_bytes(in, record_end, present); e != ok) return e;
    if (!present) return errc::invalid_record;  // Kafka: "Invalid negative header key size"
    if (errc e = skip_nullable_bytes(in, record_end, present); e != ok) return e;
  }
  // Kafka: "Invalid record size: expected to read N bytes in record payload, but instead read M".
  return in.consumed() == record_end ? ok : errc::invalid_record;
}

errc check_records(records_reader& in, const batch_header& h, const client_batch_rules& rules) {
  const offset_deltas deltas =
      h.compression() == compression_type::none ? offset_deltas::as_written : offset_deltas::must_be_sequential;
  for (int32_t i = 0; i < h.records_count; ++i) {
    if (errc e = check_record(in, i, deltas, rules); e != ok) return e;
  }
  // Kafka: "Incorrect declared batch size, records still remaining in file".
  bool end = false;
  if (errc e = in.at_end(end); e != ok) return e;
  return end ? ok : errc::invalid_record;
}

}  // namespace

result<batch_header> check_client_batch(std::span<const std::byte> batch, const client_batch_rules& rules) {
  auto header = validate_batch(batch);
  if (!header) return header.error();
  const batch_header& h = header.value();
  if (h.records_count <= 0 || h.records_count != static_cast<int64_t>(h.last_offset_delta) + 1) {
    return errc::invalid_batch;
  }
  // Clients may not write control records; an idempotent batch needs a sequence.
  if (h.is_control()) return errc::invalid_batch;
  if (h.producer_id >= 0 && h.base_sequence < 0) return errc::invalid_batch;
  if (h.ts_type() == timestamp_type::log_append_time) return errc::invalid_timestamp;

  std::span<const std::byte> payload = batch.subspan(batch_header_size);
  if (h.compression() == compression_type::none) {
    records_reader in(payload);
    if (errc e = check_records(in, h, rules); e != ok) return e;
    return h;
  }
  std::array<std::byte, 16 * 1024> buffer;
  auto stream = open_decompress_stream(h.compression(), payload, rules.max_decompressed_bytes);
  records_reader in(*stream, buffer, rules.max_decompressed_bytes);
  if (errc e = check_records(in, h, rules); e != ok) return e;
  return h;
}

}  // namespace kb::log
