#pragma once

// znode_errc: why a znode payload could not be decoded. Decoders never throw; they return these.

#include <system_error>

#include "zkmeta/zk_errc.h"

namespace kb::zkmeta {

enum class znode_errc {
  malformed = 1,        // not JSON (or not a decimal number where one is expected), or not an object
  missing_field,        // a required field is absent
  wrong_type,           // a field has the wrong JSON type
  invalid_value,        // a field is out of range or badly formed (e.g. an endpoint string)
  unsupported_version,  // a "version" this decoder does not know
};

const std::error_category& znode_category();
inline std::error_code make_error_code(znode_errc e) { return {static_cast<int>(e), znode_category()}; }

}  // namespace kb::zkmeta

template <>
struct std::is_error_code_enum<kb::zkmeta::znode_errc> : std::true_type {};
