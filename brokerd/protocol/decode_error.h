#pragma once

#include <stdexcept>
#include <string>

namespace kb::protocol {

// A request that cannot be parsed: truncated, a negative length where none is allowed, a
// count larger than the bytes left. The connection that sent it is closed (Kafka does the
// same); it never becomes a per-partition error.
class decode_error : public std::runtime_error {
 public:
  explicit decode_error(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace kb::protocol
