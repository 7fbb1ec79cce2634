#include "brokerd/protocol/messages/decode_body.h"

#include <string>

namespace kb::protocol {

void expect_fully_consumed(const wire_reader& r, std::string_view what) {
  if (r.done()) return;
  throw decode_error("unexpected " + std::to_string(r.remaining()) + " trailing bytes after " +
                     std::string(what));
}

}  // namespace kb::protocol
