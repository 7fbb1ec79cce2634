#include "log/errc.h"

#include <string>

namespace kb::log {
namespace {

class category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "kb.log"; }
  std::string message(int ev) const override {
    switch (static_cast<errc>(ev)) {
      case errc::corrupt_batch: return "corrupt record batch";
      case errc::invalid_batch: return "invalid record batch";
      case errc::unsupported_magic: return "unsupported record batch magic";
      case errc::batch_too_large: return "record batch larger than the maximum";
      case errc::offset_out_of_range: return "offset out of range";
      case errc::non_monotonic_offsets: return "batch offsets do not follow the log end";
      case errc::unsupported_compression: return "unsupported compression codec";
      case errc::decompression_failed: return "decompression failed";
      case errc::invalid_record: return "invalid record";
      case errc::append_exceeds_segment: return "append larger than the segment size";
      case errc::invalid_producer_epoch: return "producer epoch is older than the current one";
      case errc::out_of_order_sequence: return "out of order sequence number";
      case errc::invalid_timestamp: return "invalid timestamp type: only the broker sets LogAppendTime";
      case errc::storage_error: return "the log is offline after an I/O error in its log dir";
    }
    return "unknown log error " + std::to_string(ev);
  }
};

}  // namespace

const std::error_category& log_category() {
  static const category instance;
  return instance;
}

}  // namespace kb::log
