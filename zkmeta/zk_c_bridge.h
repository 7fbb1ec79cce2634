#pragma once

// zk_c_bridge: how zk_session turns ZooKeeper C client callbacks, which run on the library's
// threads, into work on the io executor (STYLE.md B.4; asio's c_callback_wrapper pattern).
//
//  * Requests: submit() wraps one zoo_a* call in async_initiate. The heap-allocated `call`
//    is the C completion's `data`; the completion copies the results out and hands them to
//    call::finish(), which posts the coroutine's handler to its executor (kept alive by a work
//    guard until then) and is followed by deleting the call.
//  * Every request completes exactly once, even when the handle closes first: the library's
//    zookeeper_close can drop completions it has queued but not run (its completion thread
//    stops as soon as close is requested, zookeeper.c do_completion), so each handle_ctx keeps
//    its requests in flight and zk_session completes the ones left, with ZCLOSING, once
//    zookeeper_close has joined the library's threads.
//  * Watches: each armed watch is a watch_entry owned by the handle's handle_ctx; on_watch
//    takes it out and posts its callback to the io executor.
// Internal to zk_session; nothing here touches broker state.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <zookeeper/zookeeper.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <system_error>
#include <vector>

#include "zkmeta/zk_client.h"
#include "zkmeta/zk_session.h"

namespace kb::zkmeta::zk_c {

struct handle_ctx;

// A watch armed through one zhandle_t; ZooKeeper holds its address as the watcher context.
struct watch_entry {
  handle_ctx* handle;
  watch_callback callback;
};

// A request handed to the library, seen without its result type.
struct request_in_flight {
  virtual ~request_in_flight() = default;
  // Completes the request with `ec` instead of the library, which will never call it.
  virtual void abandon(std::error_code ec) = 0;
};

// What the library threads of one zhandle_t may touch. Deleted only after zookeeper_close()
// has joined those threads, which also frees the watches that never fired.
struct handle_ctx {
  std::weak_ptr<zk_session::core> owner;  // for session events
  boost::asio::any_io_executor executor;
  uint64_t generation = 0;  // which zookeeper_init of the session this handle is
  std::mutex mutex;
  std::map<watch_entry*, std::unique_ptr<watch_entry>> watches;
  // Requests between their zoo_a* call and their C completion (owned by the library meanwhile).
  std::set<request_in_flight*> requests;

  watch_entry* add(watch_callback callback);
  // Removes and returns `entry`; nullptr if it is not (any longer) armed.
  std::unique_ptr<watch_entry> take(watch_entry* entry);

  void hold(request_in_flight* request);
  void release(request_in_flight* request);
  // The requests the library never completed. Only once zookeeper_close() has returned: no
  // C completion can run any more, so they are the caller's to complete and delete.
  std::vector<std::unique_ptr<request_in_flight>> take_abandoned();
};

// The watcher_fn of every watch armed by zk_session (ctx: its watch_entry).
void on_watch(zhandle_t* zh, int type, int state, const char* path, void* ctx);

zk_stat to_stat(const Stat& s);
inline std::error_code c_error(int rc) { return make_error_code(to_zk_errc(rc)); }

// Delivers one result to an asio handler. complete() may run on any thread, exactly once.
template <class R>
class completion {
 public:
  virtual ~completion() = default;
  virtual void complete(R r) = 0;
};

template <class R, class Handler>
class handler_completion final : public completion<R> {
 public:
  explicit handler_completion(Handler handler)
      : handler_(std::move(handler)), work_(boost::asio::get_associated_executor(handler_)) {}

  void complete(R r) override {
    auto executor = work_.get_executor();
    boost::asio::post(executor,
                      [handler = std::move(handler_), r = std::move(r)]() mutable { handler(std::move(r)); });
    work_.reset();
  }

 private:
  Handler handler_;
  boost::asio::executor_work_guard<boost::asio::associated_executor_t<Handler>> work_;
};

// One zoo_a* request; its address is the C completion's `data`. Owned by the library from
// the zoo_a* call until the C completion, which deletes it; or, if the library dropped it,
// until zk_session's close() abandons and deletes it.
template <class R>
struct call : request_in_flight {
  using result_type = R;
  std::unique_ptr<completion<R>> done;
  handle_ctx* handle = nullptr;
  watch_entry* watch = nullptr;  // armed by this request, if any

  void finish(R r) { done->complete(std::move(r)); }
  void abandon(std::error_code ec) override {
    drop_watch();
    finish(R(ec));
  }
  // The server did not register the watch: nobody will ever call it.
  void drop_watch() {
    if (watch != nullptr) handle->take(watch);
    watch = nullptr;
  }
};

// The call behind a C completion's `data`, now owned by the completion.
template <class Call>
std::unique_ptr<Call> own(const void* data) {
  std::unique_ptr<Call> c(static_cast<Call*>(const_cast<void*>(data)));
  c->handle->release(c.get());
  return c;
}

// Runs `start(zh, call)` (a zoo_a* call on `handle`'s zhandle_t) when the awaiting coroutine
// suspends and resumes it, on its own executor, with the result the C completion hands to
// call->finish(), or the one zk_session gives it if the handle closes first.
template <class Call, class Start>
awaitable<typename Call::result_type> submit(zhandle_t* zh, handle_ctx* handle, std::unique_ptr<Call> c,
                                             Start start) {
  using R = typename Call::result_type;
  return boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void(R)>(
      [zh, handle, start, c = std::move(c)](auto handler) mutable {
        c->done = std::make_unique<handler_completion<R, decltype(handler)>>(std::move(handler));
        c->handle = handle;
        Call* raw = c.release();
        handle->hold(raw);  // before the library has it: its completion may run at once
        const int rc = start(zh, raw);
        // ZMARSHALLINGERROR leaves unknown whether the completion was queued (zookeeper.c: a
        // failed queue_buffer_bytes after add_completion; out of memory only): it stays held,
        // so it completes once, through the library or through close()'s abandon().
        if (rc != ZOK && rc != ZMARSHALLINGERROR) {  // not queued: the C completion will never run
          handle->release(raw);
          std::unique_ptr<Call> back(raw);
          back->drop_watch();
          back->finish(c_error(rc));
        }
      },
      boost::asio::use_awaitable);
}

}  // namespace kb::zkmeta::zk_c
