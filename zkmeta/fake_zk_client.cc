#include "zkmeta/fake_zk_client.h"

#include <boost/asio/post.hpp>

namespace kb::zkmeta {

fake_zk_client::fake_zk_client(boost::asio::any_io_executor executor, fake_zk_server& server)
    : executor_(std::move(executor)), server_(server), session_(server.open_session()) {}

fake_zk_client::~fake_zk_client() {
  if (state_ != session_state::closed && state_ != session_state::expired) server_.end_session(session_);
}

void fake_zk_client::expire_session() {
  if (state_ == session_state::closed || state_ == session_state::expired) return;
  server_.end_session(session_);
  change_state(session_state::expired);
}

void fake_zk_client::lose_connection() {
  if (state_ == session_state::connected) change_state(session_state::connecting);
}

void fake_zk_client::restore_connection() {
  if (state_ == session_state::connecting) change_state(session_state::connected);
}

void fake_zk_client::fail_next(zk_errc error, int count) {
  injected_ = error;
  injected_count_ = count;
}

void fake_zk_client::lose_next_answers(int count) { answers_to_lose_ = count; }

std::error_code fake_zk_client::lost_answer() {
  if (answers_to_lose_ <= 0) return {};
  --answers_to_lose_;
  return make_error_code(zk_errc::connection_loss);
}

session_listener_id fake_zk_client::add_session_listener(session_listener listener) {
  return listeners_->add(std::move(listener));
}

void fake_zk_client::remove_session_listener(session_listener_id id) { listeners_->remove(id); }

awaitable<result<void>> fake_zk_client::reconnect() {
  if (state_ == session_state::connected) server_.end_session(session_);
  session_ = server_.open_session();
  change_state(session_state::connected);
  co_return outcome::success();
}

void fake_zk_client::close() {
  if (state_ == session_state::closed) return;
  if (state_ != session_state::expired) server_.end_session(session_);
  state_ = session_state::closed;  // close() is not reported to listeners
}

void fake_zk_client::change_state(session_state state) {
  state_ = state;
  boost::asio::post(executor_, [weak = std::weak_ptr<session_listeners>(listeners_), state] {
    if (const auto listeners = weak.lock()) listeners->notify(state);
  });
}

std::error_code fake_zk_client::refusal() {
  switch (state_) {
    case session_state::closed: return make_error_code(zk_errc::closing);
    case session_state::expired: return make_error_code(zk_errc::session_expired);
    case session_state::auth_failed: return make_error_code(zk_errc::auth_failed);
    case session_state::connecting: return make_error_code(zk_errc::connection_loss);
    case session_state::connected: break;
  }
  if (injected_count_ > 0) {
    --injected_count_;
    return make_error_code(injected_);
  }
  return {};
}

result<op_result> fake_zk_client::apply_one(zk_op op) {
  if (const std::error_code ec = refusal()) return ec;
  multi_response r = server_.apply(session_, {std::move(op)});
  if (const std::error_code lost = lost_answer()) return lost;
  if (!r.applied()) return make_error_code(r.error());
  return std::move(r.results.front());
}

awaitable<result<std::string>> fake_zk_client::do_create(std::string path, std::optional<std::string> data,
                                                         create_mode mode) {
  result<op_result> r = apply_one(create_op{std::move(path), std::move(data), mode});
  if (!r) co_return r.error();
  co_return std::move(r.value().created_path);
}

awaitable<result<get_result>> fake_zk_client::do_get(std::string path, watch_callback watch) {
  if (const std::error_code ec = refusal()) co_return ec;
  co_return server_.get(session_, path, fake_watch{executor_, std::move(watch)});
}

awaitable<result<zk_stat>> fake_zk_client::do_set(std::string path, std::string data, int32_t expected_version) {
  result<op_result> r = apply_one(set_op{std::move(path), std::move(data), expected_version});
  if (!r) co_return r.error();
  co_return *r.value().stat;
}

awaitable<result<void>> fake_zk_client::do_remove(std::string path, int32_t expected_version) {
  result<op_result> r = apply_one(remove_op{std::move(path), expected_version});
  if (!r) co_return r.error();
  co_return outcome::success();
}

awaitable<result<std::optional<zk_stat>>> fake_zk_client::do_exists(std::string path, watch_callback watch) {
  if (const std::error_code ec = refusal()) co_return ec;
  co_return server_.exists(session_, path, fake_watch{executor_, std::move(watch)});
}

awaitable<result<std::vector<std::string>>> fake_zk_client::do_get_children(std::string path,
                                                                            watch_callback watch) {
  if (const std::error_code ec = refusal()) co_return ec;
  co_return server_.get_children(session_, path, fake_watch{executor_, std::move(watch)});
}

awaitable<result<multi_response>> fake_zk_client::do_multi(std::vector<zk_op> ops) {
  if (const std::error_code ec = refusal()) co_return ec;
  multi_response r = server_.apply(session_, ops);
  if (const std::error_code lost = lost_answer()) co_return lost;
  co_return r;
}

}  // namespace kb::zkmeta
