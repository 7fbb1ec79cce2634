#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "brokerd/protocol/api_key.h"
#include "brokerd/protocol/response_buffer.h"
#include "brokerd/server/request_context.h"

namespace kb::server {

// A response body, or nullopt when the API sends none (Produce with acks=0).
using handler_result = std::optional<protocol::response_buffer>;
using handler_fn = std::function<boost::asio::awaitable<handler_result>(request_context&)>;

// One API the broker serves: its version range and the coroutine that answers it.
struct api_handler {
  protocol::api_key key;
  int16_t min_version;
  int16_t max_version;
  int16_t first_flexible_version;  // max_version + 1 when no version is flexible
  handler_fn handle;
};

struct api_version_range {
  int16_t key, min_version, max_version;
};

// The APIs this broker serves. The ApiVersions response is built from this same table, so
// what is advertised cannot drift from what is implemented.
class handler_registry {
 public:
  void add(api_handler h);
  const api_handler* find(int16_t key) const;
  std::vector<api_version_range> ranges() const;

 private:
  std::map<int16_t, api_handler> handlers_;
};

}  // namespace kb::server
