#include "log/down_conversion.h"

#include "log/batch_header.h"
#include "log/legacy_message.h"

namespace kb::log {

result<std::vector<std::byte>> down_convert(bytes_view batches, int8_t magic, int64_t first_offset,
                                            size_t max_bytes) {
  std::vector<std::byte> out;
  size_t at = 0;
  while (batches.size() - at >= batch_header_size && (out.empty() || out.size() < max_bytes)) {
    batch_prefix prefix = parse_batch_prefix(batches.subspan(at));
    if (prefix.batch_length < 0) {
      if (out.empty()) return errc::corrupt_batch;
      break;
    }
    const size_t total = static_cast<size_t>(prefix.batch_length) + log_overhead;
    if (total > batches.size() - at) break;  // a partial trailing batch
    auto decoded = batch_records::decode(batches.subspan(at, total));
    if (!decoded) {
      if (out.empty()) return decoded.error();
      break;
    }
    at += total;
    const batch_header& h = decoded.value().header();
    if (h.is_control()) continue;
    const bool append_time = h.ts_type() == timestamp_type::log_append_time;
    const int8_t attributes = magic == 1 && append_time ? legacy_timestamp_type_bit : 0;
    for (const record& r : decoded.value().records()) {
      const int64_t offset = record_offset(h, r);
      if (offset < first_offset) continue;
      const int64_t timestamp = record_timestamp(h, r);
      const size_t before = out.size();
      append_legacy_message(out, magic, offset, attributes, timestamp, r.key, r.value);
      if (out.size() > max_bytes && before > 0) {
        out.resize(before);
        return out;
      }
    }
  }
  return out;
}

}  // namespace kb::log
