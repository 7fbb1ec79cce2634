#include "brokerd/server/handler_registry.h"

#include <glog/logging.h>

namespace kb::server {

void handler_registry::add(api_handler h) {
  auto key = static_cast<int16_t>(h.key);
  CHECK(handlers_.find(key) == handlers_.end()) << "two handlers for API " << protocol::name(h.key);
  CHECK_LE(h.min_version, h.max_version) << protocol::name(h.key);
  handlers_.emplace(key, std::move(h));
}

const api_handler* handler_registry::find(int16_t key) const {
  auto it = handlers_.find(key);
  return it == handlers_.end() ? nullptr : &it->second;
}

std::vector<api_version_range> handler_registry::ranges() const {
  std::vector<api_version_range> out;
  for (const auto& [key, h] : handlers_) out.push_back({key, h.min_version, h.max_version});
  return out;
}

}  // namespace kb::server
