#include "zkmeta/zk_c_bridge.h"

#include <optional>

namespace kb::zkmeta::zk_c {
namespace {

std::optional<watch_event_type> to_event_type(int c_type) {
  if (c_type == ZOO_CREATED_EVENT) return watch_event_type::created;
  if (c_type == ZOO_DELETED_EVENT) return watch_event_type::deleted;
  if (c_type == ZOO_CHANGED_EVENT) return watch_event_type::data_changed;
  if (c_type == ZOO_CHILD_EVENT) return watch_event_type::children_changed;
  return std::nullopt;  // ZOO_NOTWATCHING_EVENT: the watch was removed
}

}  // namespace

watch_entry* handle_ctx::add(watch_callback callback) {
  auto entry = std::make_unique<watch_entry>(watch_entry{this, std::move(callback)});
  watch_entry* raw = entry.get();
  std::lock_guard lock(mutex);
  watches.emplace(raw, std::move(entry));
  return raw;
}

std::unique_ptr<watch_entry> handle_ctx::take(watch_entry* entry) {
  std::lock_guard lock(mutex);
  const auto it = watches.find(entry);
  if (it == watches.end()) return nullptr;
  std::unique_ptr<watch_entry> owned = std::move(it->second);
  watches.erase(it);
  return owned;
}

void handle_ctx::hold(request_in_flight* request) {
  std::lock_guard lock(mutex);
  requests.insert(request);
}

void handle_ctx::release(request_in_flight* request) {
  std::lock_guard lock(mutex);
  requests.erase(request);
}

std::vector<std::unique_ptr<request_in_flight>> handle_ctx::take_abandoned() {
  std::lock_guard lock(mutex);
  std::vector<std::unique_ptr<request_in_flight>> abandoned;
  abandoned.reserve(requests.size());
  for (request_in_flight* r : requests) abandoned.emplace_back(r);
  requests.clear();
  return abandoned;
}

void on_watch(zhandle_t*, int type, int, const char* path, void* ctx) {
  // Session events reach every armed watcher, and the watch stays armed: ignore them here
  // (the handle's global watcher reports them). Any other event is the watch firing: ZooKeeper
  // has already forgotten it, so `entry` is still ours to take.
  if (type == ZOO_SESSION_EVENT) return;
  auto* entry = static_cast<watch_entry*>(ctx);
  handle_ctx* handle = entry->handle;
  std::unique_ptr<watch_entry> owned = handle->take(entry);
  const std::optional<watch_event_type> event_type = to_event_type(type);
  if (!owned || !event_type) return;
  boost::asio::post(handle->executor, [callback = std::move(owned->callback),
                                       event = watch_event{*event_type, path != nullptr ? path : ""}] {
    callback(event);
  });
}

zk_stat to_stat(const Stat& s) {
  return zk_stat{s.czxid,    s.mzxid,          s.ctime,        s.mtime,         s.version, s.cversion,
                 s.aversion, s.ephemeralOwner, s.dataLength,   s.numChildren,   s.pzxid};
}

}  // namespace kb::zkmeta::zk_c
