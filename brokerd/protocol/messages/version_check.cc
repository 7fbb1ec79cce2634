#include "brokerd/protocol/messages/version_check.h"

#include <stdexcept>
#include <string>

#include "brokerd/protocol/decode_error.h"

namespace kb::protocol {
namespace {
std::string describe(std::string_view message, int16_t version, int16_t min, int16_t max) {
  return std::string(message) + " version " + std::to_string(version) + " outside the supported range " +
         std::to_string(min) + "-" + std::to_string(max);
}
}  // namespace

void check_decode_version(std::string_view message, int16_t version, int16_t min, int16_t max) {
  if (version < min || version > max) throw decode_error(describe(message, version, min, max));
}

void check_encode_version(std::string_view message, int16_t version, int16_t min, int16_t max) {
  if (version < min || version > max) throw std::invalid_argument(describe(message, version, min, max));
}

}  // namespace kb::protocol
