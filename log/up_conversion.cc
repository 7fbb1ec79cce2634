#include "log/up_conversion.h"

#include <string_view>

#include "log/legacy_records.h"
#include "log/record_batch_builder.h"

namespace kb::log {
namespace {

std::optional<std::string_view> as_text(const std::optional<bytes_view>& b) {
  if (!b) return std::nullopt;
  return std::string_view(reinterpret_cast<const char*>(b->data()), b->size());
}

}  // namespace

result<std::vector<std::byte>> up_convert(bytes_view message_set) {
  auto decoded = legacy_records::decode(message_set);
  if (!decoded) return decoded.error();
  const legacy_records& legacy = decoded.value();
  record_batch_builder builder(legacy.compression());
  for (const legacy_record& r : legacy.records()) {
    if (r.ts_type == timestamp_type::log_append_time) return errc::invalid_record;
    builder.add(r.timestamp, as_text(r.key), as_text(r.value));
  }
  return builder.build();
}

}  // namespace kb::log
