#include "log/legacy_records.h"

#include "log/big_endian.h"
#include "log/legacy_message.h"
#include "log/lz4_frame_checksum.h"

namespace kb::log {
namespace {

// The next whole, CRC-valid entry of `set` at `at`, which moves past it.
result<legacy_message> next_entry(bytes_view set, size_t& at) {
  if (set.size() - at < legacy_log_overhead) return errc::corrupt_batch;
  int32_t size = be::load<int32_t>(set.data() + at + 8);
  if (size < 0 || static_cast<size_t>(size) > set.size() - at - legacy_log_overhead) return errc::corrupt_batch;
  bytes_view entry = set.subspan(at, legacy_log_overhead + static_cast<size_t>(size));
  if (entry.size() <= legacy_magic_offset) return errc::corrupt_batch;
  auto magic = static_cast<int8_t>(entry[legacy_magic_offset]);
  if (magic != 0 && magic != 1) return errc::unsupported_magic;
  if (entry.size() < (magic == 0 ? legacy_min_entry_v0 : legacy_min_entry_v1)) return errc::corrupt_batch;
  legacy_message m = parse_legacy_message(entry);
  if (!m.crc_valid || !m.body_valid) return errc::corrupt_batch;
  at += entry.size();
  return m;
}

legacy_record to_record(const legacy_message& m) {
  legacy_record r;
  r.offset = m.offset;
  r.magic = m.magic;
  r.timestamp = m.timestamp;
  r.ts_type = m.log_append_time() ? timestamp_type::log_append_time : timestamp_type::create_time;
  r.key = m.key;
  r.value = m.value;
  return r;
}

bool is_legacy_codec(compression_type c) {
  return c == compression_type::gzip || c == compression_type::snappy || c == compression_type::lz4;
}

}  // namespace

bool is_legacy_message_set(bytes_view records) {
  if (records.size() <= legacy_magic_offset) return false;
  auto magic = static_cast<int8_t>(records[legacy_magic_offset]);
  return magic == 0 || magic == 1;
}

result<legacy_records> legacy_records::decode(bytes_view message_set) {
  legacy_records out;
  std::optional<legacy_message> wrapper;
  size_t entries = 0;
  for (size_t at = 0; at < message_set.size(); ++entries) {
    auto m = next_entry(message_set, at);
    if (!m) return m.error();
    if (entries == 0) out.magic_ = m.value().magic;
    if (m.value().magic != out.magic_) return errc::invalid_record;
    if (m.value().compression() == compression_type::none) {
      out.records_.push_back(to_record(m.value()));
    } else if (!wrapper) {
      wrapper = m.value();
    } else {
      return errc::invalid_record;
    }
  }
  if (entries == 0) return errc::invalid_record;
  if (!wrapper) return out;
  // Kafka: "Compressed outer record has more than one batch".
  if (entries != 1) return errc::invalid_record;

  const compression_type codec = wrapper->compression();
  if (!is_legacy_codec(codec)) return errc::unsupported_compression;
  if (!wrapper->value) return errc::invalid_record;
  std::vector<std::byte> patched;
  bytes_view compressed = *wrapper->value;
  if (codec == compression_type::lz4 && wrapper->magic == 0) {
    patched = with_lz4_header_checksum(compressed);
    compressed = patched;
  }
  auto inner = decompress(codec, compressed);
  if (!inner) return inner.error();
  out.decompressed_ = std::move(inner).value();
  out.compression_ = codec;

  const bytes_view inner_set = out.decompressed_;
  for (size_t at = 0; at < inner_set.size();) {
    auto m = next_entry(inner_set, at);
    if (!m) return m.error();
    if (m.value().magic != wrapper->magic || m.value().compression() != compression_type::none) {
      return errc::invalid_record;
    }
    legacy_record r = to_record(m.value());
    r.ts_type = wrapper->log_append_time() ? timestamp_type::log_append_time : timestamp_type::create_time;
    if (wrapper->log_append_time()) r.timestamp = wrapper->timestamp;
    out.records_.push_back(r);
  }
  if (out.records_.empty()) return errc::invalid_record;
  return out;
}

}  // namespace kb::log
