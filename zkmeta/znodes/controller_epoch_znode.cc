#include "zkmeta/znodes/controller_epoch_znode.h"

#include <limits>

#include "zkmeta/znodes/json_fields.h"

namespace kb::zkmeta::controller_epoch_znode {

std::string encode(controller_epoch epoch) { return std::to_string(epoch()); }

result<controller_epoch> decode(std::string_view data) {
  result<int64_t> v = json_fields::parse_decimal(data);
  if (!v || v.value() < std::numeric_limits<int32_t>::min() || v.value() > std::numeric_limits<int32_t>::max()) {
    return make_error_code(znode_errc::malformed);
  }
  return controller_epoch{static_cast<int32_t>(v.value())};
}

}  // namespace kb::zkmeta::controller_epoch_znode
