#include "log/client_batch_checks.h"

#include <array>
#include <cstdint>
#include <memory>

#include "log/decompress_stream.h"

namespace kb::log {
namespace {

// Reads the records section of a batch byte by byte: straight from the batch when it is
// uncompressed, else through a fixed buffer refilled from a decompress_stream. Every read
// that runs past the end is invalid_record; a codec failure is decompression_failed.
class records_reader {
 public:
  explicit records_reader(std::span<const std::byte> plain) : at_(plain.data()), end_(plain.data() + plain.size()) {}
  records_reader(decompress_stream& stream, std::span<std::byte> buffer, size_t max_bytes)
      : stream_(&stream), buffer_(buffer), at_(buffer.data()), end_(buffer.data()), max_bytes_(max_bytes) {}

  // Zig-zag varint of at most `max_bytes` bytes (5 for int32, 10 for int64).
  result<int64_t> varint(int max_bytes) {
    uint64_t raw = 0;
    for (int i = 0; i < max_bytes; ++i) {
      auto b = next_byte();
      if (!b) return b.error();
      raw |= static_cast<uint64_t>(b.value() & 0x7f) << (7 * i);
      if (!(b.value() & 0x80)) return static_cast<int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
    }
    return errc::invalid_record;
  }

  result<int32_t> varint32() {
    auto v = varint(5);
    if (!v) return v.error();
    if (v.value() < INT32_MIN || v.value() > INT32_MAX) return errc::invalid_record;
    return static_cast<int32_t>(v.value());
  }

  result<uint8_t> next_byte() {
    if (at_ == end_) {
      if (auto r = refill_or_fail(); !r) return r.error();
    }
    ++consumed_;
    return static_cast<uint8_t>(*at_++);
  }

  result<void> skip(size_t n) {
    while (n > 0) {
      if (at_ == end_) {
        if (auto r = refill_or_fail(); !r) return r.error();
      }
      size_t step = std::min(n, static_cast<size_t>(end_ - at_));
      at_ += step;
      consumed_ += step;
      n -= step;
    }
    return outcome::success();
  }

  // True when no byte is left; reading on to find out is what Kafka's ensureNoneRemaining does.
  result<bool> at_end() {
    if (at_ != end_) return false;
    auto filled = refill();
    if (!filled) return filled.error();
    return !filled.value();
  }

  size_t consumed() const { return consumed_; }

 private:
  // Replaces the consumed buffer with the next decompressed bytes; false at the clean end of
  // the records. invalid_record past max_bytes.
  result<bool> refill() {
    if (!stream_) return false;
    auto n = stream_->read(buffer_);
    if (!n) return n.error();
    if (n.value() == 0) return false;
    decompressed_ += n.value();
    if (decompressed_ > max_bytes_) return errc::invalid_record;
    at_ = buffer_.data();
    end_ = buffer_.data() + n.value();
    return true;
  }

  // As refill, but the end of the records is invalid_record: a read needed more bytes.
  result<void> refill_or_fail() {
    auto filled = refill();
    if (!filled) return filled.error();
    if (!filled.value()) return errc::invalid_record;
    return outcome::success();
  }

  decompress_stream* stream_ = nullptr;
  std::span<std::byte> buffer_;
  const std::byte* at_;
  const std::byte* end_;
  size_t consumed_ = 0;
  size_t decompressed_ = 0;
  size_t max_bytes_ = 0;
};

// Skips one length-prefixed field of a record that ends at `record_end` (a count of bytes
// consumed); a negative length is null, as Kafka reads it. Returns whether it was present.
result<bool> skip_nullable_bytes(records_reader& in, size_t record_end) {
  auto len = in.varint32();
  if (!len) return len.error();
  if (len.value() < 0) return false;
  if (in.consumed() + static_cast<size_t>(len.value()) > record_end) return errc::invalid_record;
  if (auto s = in.skip(static_cast<size_t>(len.value())); !s) return s.error();
  return true;
}

// DefaultRecord.readFrom's checks, without keeping the key, value or headers.
result<void> check_record(records_reader& in, int32_t index, bool compressed, const client_batch_rules& rules) {
  auto length = in.varint32();
  if (!length) return length.error();
  if (length.value() < 0) return errc::invalid_record;
  const size_t record_end = in.consumed() + static_cast<size_t>(length.value());
  auto fail_if_past_end = [&]() -> result<void> {
    if (in.consumed() > record_end) return errc::invalid_record;
    return outcome::success();
  };
  if (auto attributes = in.next_byte(); !attributes) return attributes.error();
  if (auto timestamp_delta = in.varint(10); !timestamp_delta) return timestamp_delta.error();
  auto offset_delta = in.varint32();
  if (!offset_delta) return offset_delta.error();
  if (compressed && offset_delta.value() != index) return errc::invalid_record;
  if (auto r = fail_if_past_end(); !r) return r;
  auto key = skip_nullable_bytes(in, record_end);
  if (!key) return key.error();
  if (!key.value() && rules.keys_required) return errc::invalid_record;
  if (auto value = skip_nullable_bytes(in, record_end); !value) return value.error();
  auto header_count = in.varint32();
  if (!header_count) return header_count.error();
  if (header_count.value() < 0) return errc::invalid_record;
  for (int32_t h = 0; h < header_count.value(); ++h) {
    if (auto r = fail_if_past_end(); !r) return r;
    auto header_key = skip_nullable_bytes(in, record_end);
    if (!header_key) return header_key.error();
    if (!header_key.value()) return errc::invalid_record;  // Kafka: "Invalid negative header key size"
    if (auto value = skip_nullable_bytes(in, record_end); !value) return value.error();
  }
  // Kafka: "Invalid record size: expected to read N bytes in record payload, but instead read M".
  if (in.consumed() != record_end) return errc::invalid_record;
  return outcome::success();
}

result<void> check_records(records_reader& in, const batch_header& h, const client_batch_rules& rules) {
  const bool compressed = h.compression() != compression_type::none;
  for (int32_t i = 0; i < h.records_count; ++i) {
    if (auto r = check_record(in, i, compressed, rules); !r) return r;
  }
  // Kafka: "Incorrect declared batch size, records still remaining in file".
  auto end = in.at_end();
  if (!end) return end.error();
  if (!end.value()) return errc::invalid_record;
  return outcome::success();
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
    if (auto r = check_records(in, h, rules); !r) return r.error();
    return h;
  }
  std::array<std::byte, 16 * 1024> buffer;
  auto stream = open_decompress_stream(h.compression(), payload, rules.max_decompressed_bytes);
  records_reader in(*stream, buffer, rules.max_decompressed_bytes);
  if (auto r = check_records(in, h, rules); !r) return r.error();
  return h;
}

}  // namespace kb::log
