#include "brokerd/handlers/delete_topics_handler.h"

#include <map>

#include "brokerd/handlers/metadata_propagation.h"
#include "brokerd/protocol/messages/delete_topics.h"

namespace kb::handlers {
namespace asio = boost::asio;
using protocol::error_code;

asio::awaitable<protocol::delete_topics_response> handle_delete_topics(broker_services& s,
                                                                       const server::request_context& ctx,
                                                                       protocol::delete_topics_request req) {
  protocol::delete_topics_response resp;
  bool is_controller = s.metadata.controller_id() == s.settings.broker_id;

  // One deletion per distinct name; a name listed twice gets the same answer twice.
  std::map<std::string, error_code> outcome;
  for (const auto& name : req.topic_names) {
    if (outcome.count(name)) continue;
    if (!is_controller) {
      outcome[name] = error_code::not_controller;
    } else if (!s.metadata.topic(name)) {
      outcome[name] = error_code::unknown_topic_or_partition;
    } else {
      // A topic already marked for deletion is answered NONE by the admin: we wait for it too.
      error_code e = (co_await s.admin.delete_topic(name)).error;
      // delete.topic.enable=false: versions before 3 cannot carry TOPIC_DELETION_DISABLED.
      if (e == error_code::topic_deletion_disabled && ctx.version() < 3) e = error_code::invalid_request;
      outcome[name] = e;
    }
  }

  auto pending = [&] {
    for (const auto& [name, e] : outcome) {
      if (e == error_code::none && s.metadata.topic(name)) return true;
    }
    return false;
  };
  if (req.timeout_ms > 0 && pending()) {
    // Built before the co_await: GCC 12 mishandles temporaries converted inside one.
    std::function<bool()> gone = [&] { return !pending(); };
    std::vector<std::string> topics;
    for (const auto& [name, e] : outcome) topics.push_back(name);
    co_await wait_for_metadata(s, std::move(topics), req.timeout_ms, std::move(gone));
  }
  for (auto& [name, e] : outcome) {
    if (e == error_code::none && (req.timeout_ms <= 0 || s.metadata.topic(name))) e = error_code::request_timed_out;
  }

  for (const auto& name : req.topic_names) resp.responses.push_back({name, outcome[name]});
  co_return resp;
}

}  // namespace kb::handlers
