#include "log/record.h"

#include "log/compression.h"
#include "log/varint.h"

namespace kb::log {
namespace {

// Reads a varint length then that many bytes; length -1 means null.
bool read_nullable_bytes(bytes_view in, size_t& at, std::optional<bytes_view>& out) {
  auto len = varint::read32(in, at);
  if (!len || *len < -1) return false;
  if (*len == -1) {
    out.reset();
    return true;
  }
  if (static_cast<size_t>(*len) > in.size() - at) return false;
  out = in.subspan(at, static_cast<size_t>(*len));
  at += static_cast<size_t>(*len);
  return true;
}

}  // namespace

// The smallest encodable record: length, attributes, timestamp delta, offset delta, key
// length, value length and header count, one byte each.
constexpr size_t min_record_bytes = 7;

result<std::vector<record>> decode_records(bytes_view data, int32_t count) {
  // A count the bytes cannot hold is rejected before it can size an allocation.
  if (count < 0 || static_cast<size_t>(count) > data.size() / min_record_bytes) return errc::invalid_record;
  std::vector<record> out;
  out.reserve(static_cast<size_t>(count));
  size_t at = 0;
  for (int32_t i = 0; i < count; ++i) {
    auto length = varint::read32(data, at);
    if (!length || *length < 0 || static_cast<size_t>(*length) > data.size() - at) return errc::invalid_record;
    bytes_view body = data.subspan(at, static_cast<size_t>(*length));
    at += static_cast<size_t>(*length);

    record r;
    size_t p = 0;
    if (body.empty()) return errc::invalid_record;
    r.attributes = static_cast<int8_t>(body[p++]);
    auto ts = varint::read64(body, p);
    auto od = varint::read32(body, p);
    if (!ts || !od) return errc::invalid_record;
    r.timestamp_delta = *ts;
    r.offset_delta = *od;
    if (!read_nullable_bytes(body, p, r.key) || !read_nullable_bytes(body, p, r.value)) return errc::invalid_record;
    auto header_count = varint::read32(body, p);
    if (!header_count || *header_count < 0) return errc::invalid_record;
    for (int32_t h = 0; h < *header_count; ++h) {
      std::optional<bytes_view> key;
      record_header header;
      if (!read_nullable_bytes(body, p, key) || !key) return errc::invalid_record;
      header.key = *key;
      if (!read_nullable_bytes(body, p, header.value)) return errc::invalid_record;
      r.headers.push_back(header);
    }
    if (p != body.size()) return errc::invalid_record;
    out.push_back(std::move(r));
  }
  if (at != data.size()) return errc::invalid_record;
  return out;
}

result<batch_records> batch_records::decode(bytes_view batch) {
  auto header = validate_batch(batch);
  if (!header) return header.error();
  batch_records out;
  out.header_ = header.value();
  bytes_view payload = batch.subspan(batch_header_size);
  if (out.header_.compression() != compression_type::none) {
    auto plain = decompress(out.header_.compression(), payload);
    if (!plain) return plain.error();
    out.decompressed_ = std::move(plain).value();
    payload = out.decompressed_;
  }
  auto records = decode_records(payload, out.header_.records_count);
  if (!records) return records.error();
  out.records_ = std::move(records).value();
  return out;
}

}  // namespace kb::log
