#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "brokerd/protocol/request_header.h"
#include "brokerd/server/request_frame.h"

namespace kb::server {

// One decoded request: the header and a mutable view of the body inside the frame this
// object owns (Produce rewrites batch offsets in place). Lives until the handler finishes.
struct request_context {
  // Set by the connection when another request arrives behind this one. This one's answer
  // must be sent first, so a handler that is only waiting (a long-polling Fetch) should
  // answer now rather than hold the later request up; `on_followed`, if the handler set it,
  // is called when that happens. Shared, so that a const context can still be told.
  struct follow_signal {
    bool followed = false;
    std::function<void()> on_followed;
  };

  request_frame frame;
  protocol::request_header header;
  std::span<std::byte> body;
  std::string connection_id;  // "<local>-<peer>", for logs
  std::shared_ptr<follow_signal> followed = std::make_shared<follow_signal>();

  int16_t version() const { return header.api_version; }
};

}  // namespace kb::server
