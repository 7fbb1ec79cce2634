#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <type_traits>
#include <utility>

#include "brokerd/protocol/apis.h"
#include "brokerd/protocol/messages/decode_body.h"
#include "brokerd/protocol/response_buffer.h"
#include "brokerd/server/handler_registry.h"

namespace kb::handlers {

// The one shape of a request handler: a named coroutine that takes what it works with, the
// request's context and the decoded request, and returns the response (for Produce,
// std::nullopt when acks=0 sends none). It never sees bytes: serve() decodes and encodes.
template <class Api, class Deps>
using handler_function = boost::asio::awaitable<typename Api::answer> (*)(Deps&, const server::request_context&,
                                                                        typename Api::request);

namespace detail {

template <class Response>
protocol::response_buffer encode_response(const Response& response, int16_t version) {
  protocol::response_buffer out;
  if constexpr (requires { response.encode(out, version); }) {
    response.encode(out, version);  // may carry log file slices (Fetch)
  } else {
    response.encode(out.w(), version);
  }
  return out;
}

}  // namespace detail

// The registry entry for `Api`, answered by `handle` over `deps`, which must outlive it.
// Deps is what `handle` takes (it may be const: ApiVersions reads the registry it is in).
template <class Api, class Deps>
server::api_handler serve(std::type_identity_t<Deps>& deps, handler_function<Api, Deps> handle) {
  return {Api::key, Api::min_version, Api::max_version, Api::first_flexible_version,
          [&deps, handle](server::request_context& ctx) -> boost::asio::awaitable<server::handler_result> {
            typename Api::request request = protocol::decode_request<typename Api::request>(ctx.body, ctx.version());
            typename Api::answer answer = co_await handle(deps, ctx, std::move(request));
            if constexpr (std::is_same_v<typename Api::answer, typename Api::response>) {
              co_return detail::encode_response(answer, ctx.version());
            } else {
              if (!answer) co_return std::nullopt;
              co_return detail::encode_response(*answer, ctx.version());
            }
          }};
}

// `deps` is kept by reference: a temporary would dangle.
template <class Api, class Deps>
server::api_handler serve(std::type_identity_t<Deps>&& deps, handler_function<Api, Deps> handle) = delete;

}  // namespace kb::handlers
