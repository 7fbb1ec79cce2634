#include "log/tools/batch_decoding.h"

#include "log/compression.h"

namespace kb::log::tools {

std::variant<decoded_records, std::string> decode_for_display(bytes_view batch, const batch_header& h) {
  if (h.records_count < 0) return "negative record count " + std::to_string(h.records_count);
  if (static_cast<int>(h.compression()) > static_cast<int>(compression_type::zstd)) {
    return "unknown compression codec id " + std::to_string(static_cast<int>(h.compression()));
  }
  decoded_records out;
  bytes_view payload = batch.subspan(batch_header_size);
  if (h.compression() != compression_type::none) {
    auto plain = decompress(h.compression(), payload);
    if (!plain) {
      return "the " + to_string(h.compression()) + " payload does not decompress (" + plain.error().message() + ")";
    }
    out.decompressed = std::move(plain).value();
    payload = out.decompressed;
  }
  // decode_records rejects a count the bytes cannot hold before sizing anything by it.
  auto records = decode_records(payload, h.records_count);
  if (!records) return "the records do not parse (" + records.error().message() + ")";
  out.records = std::move(records).value();
  return out;
}

}  // namespace kb::log::tools
