#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "brokerd/protocol/request_header.h"
#include "brokerd/server/request_frame.h"

namespace kb::server {

// One decoded request: the header and a mutable view of the body inside the frame this
// object owns (Produce rewrites batch offsets in place). Lives until the handler finishes.
struct request_context {
  request_frame frame;
  protocol::request_header header;
  std::span<std::byte> body;
  std::string connection_id;  // "<local>-<peer>", for logs

  int16_t version() const { return header.api_version; }
};

}  // namespace kb::server
