#pragma once

// session_listeners: the set of session-state listeners of one zk_client implementation.
// io thread only; notify() runs the listeners inline, so callers post to the io executor first.

#include <map>
#include <utility>

#include "zkmeta/zk_client.h"

namespace kb::zkmeta {

class session_listeners {
 public:
  session_listener_id add(session_listener listener) {
    const session_listener_id id = next_id_++;
    listeners_.emplace(id, std::move(listener));
    return id;
  }
  void remove(session_listener_id id) { listeners_.erase(id); }

  // Calls every listener registered now; a listener may add or remove listeners meanwhile.
  void notify(session_state state) const {
    const auto snapshot = listeners_;
    for (const auto& [id, listener] : snapshot) {
      if (listener) listener(state);
    }
  }

 private:
  std::map<session_listener_id, session_listener> listeners_;
  session_listener_id next_id_ = 1;
};

}  // namespace kb::zkmeta
