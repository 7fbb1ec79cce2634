#include "replication/broker_connection.h"

#include <array>
#include <memory>

#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "brokerd/protocol/request_header.h"
#include "log/big_endian.h"

namespace kb::replication {
namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;

broker_connection::broker_connection(asio::any_io_executor ex, address_lookup lookup, std::string client_id,
                                     std::chrono::milliseconds request_timeout)
    : ex_(std::move(ex)), lookup_(std::move(lookup)), client_id_(std::move(client_id)), timeout_(request_timeout) {}

void broker_connection::close() {
  ++closes_;
  boost::system::error_code ec;
  if (connecting_) connecting_->close(ec);
  // Closed, not destroyed: a request suspended in attempt() still names *socket_ when it
  // resumes, and then fails on the closed socket. The next connect replaces it.
  if (socket_) socket_->close(ec);
}

void broker_connection::close_socket(uint64_t connection) {
  if (connection != connection_id_ || !socket_) return;
  boost::system::error_code ec;
  socket_->close(ec);
}

awaitable<void> broker_connection::ensure_connected() {
  if (socket_ && socket_->is_open()) co_return;
  // A close() from here on (stop, or the caller dropping this request) ends the request.
  const uint64_t closes_before = closes_;
  auto address = lookup_();
  if (!address) throw std::runtime_error("the broker's address is not known yet");
  host_ = address->first;
  port_ = address->second;
  asio::ip::tcp::resolver resolver(ex_);
  auto endpoints = co_await resolver.async_resolve(host_, std::to_string(port_), use_awaitable);
  if (closes_ != closes_before) throw boost::system::system_error(asio::error::operation_aborted);
  asio::ip::tcp::socket& s = connecting_.emplace(ex_);
  // A peer that drops the SYNs would hold the connect for the kernel's retries (minutes): the
  // request timeout covers the connect as well. The flag tells a late handler the connect ended.
  auto connect_ended = std::make_shared<bool>(false);
  auto timed_out = std::make_shared<bool>(false);
  asio::steady_timer deadline(ex_, timeout_);
  deadline.async_wait([&s, connect_ended, timed_out](boost::system::error_code ec) {
    if (ec || *connect_ended) return;
    *timed_out = true;
    s.close(ec);
  });
  boost::system::error_code ec;
  co_await asio::async_connect(s, endpoints, asio::redirect_error(use_awaitable, ec));
  *connect_ended = true;
  deadline.cancel();
  // The deadline may have closed the socket just after the connect completed.
  if (!ec && *timed_out) ec = asio::error::timed_out;
  if (!ec && closes_ != closes_before) ec = asio::error::operation_aborted;
  if (ec) {
    connecting_.reset();
    if (*timed_out) {
      throw std::runtime_error("connect to " + host_ + ":" + std::to_string(port_) + " timed out after " +
                               std::to_string(timeout_.count()) + " ms");
    }
    throw boost::system::system_error(ec);
  }
  s.set_option(asio::ip::tcp::no_delay(true), ec);
  socket_.emplace(std::move(s));
  connecting_.reset();
  ++connection_id_;
}

namespace {

struct watchdog_state {
  bool finished = false;   // the request ended: the handler must do nothing
  bool timed_out = false;  // the handler closed the socket
};

// What a read or write on a connection the peer has closed fails with.
bool closed_by_peer(const boost::system::error_code& ec) {
  return ec == asio::error::eof || ec == asio::error::connection_reset || ec == asio::error::broken_pipe;
}

}  // namespace

// A connection left open between requests may have been closed by the peer meanwhile (that
// broker restarted while no partition was fetched from it): a request that fails on it so is
// sent once more, at once, on a new connection, instead of failing the caller into a backoff.
awaitable<std::vector<std::byte>> broker_connection::round_trip(int16_t api_key, int16_t version,
                                                                std::vector<std::byte> body) {
  const bool reused = socket_ && socket_->is_open();
  const uint64_t closes_before = closes_;
  try {
    co_return co_await attempt(api_key, version, body);
  } catch (const boost::system::system_error& e) {
    // Not resent after a close(): the caller meant to drop this request.
    if (!reused || !closed_by_peer(e.code()) || closes_ != closes_before) throw;
  }
  co_return co_await attempt(api_key, version, body);
}

awaitable<std::vector<std::byte>> broker_connection::attempt(int16_t api_key, int16_t version,
                                                             const std::vector<std::byte>& body) {
  co_await ensure_connected();
  const uint64_t connection = connection_id_;
  // The watchdog closes the socket if the leader does not answer in time; the pending read
  // then fails and the caller retries on a new connection. Its handler may run after this
  // request ended (expiring in the same pass as the last read): the shared state tells it.
  auto watch = std::make_shared<watchdog_state>();
  asio::steady_timer watchdog(ex_, timeout_);
  watchdog.async_wait([this, watch, connection](boost::system::error_code ec) {
    if (ec || watch->finished) return;
    watch->timed_out = true;
    close_socket(connection);
  });
  try {
    protocol::wire_writer w;
    size_t size_at = w.reserve_i32();
    protocol::request_header header;
    header.api_key = api_key;
    header.api_version = version;
    header.correlation_id = next_correlation_id_++;
    header.client_id = client_id_;
    header.write(w, false);
    w.raw(body);
    w.patch_i32(size_at, static_cast<int32_t>(w.size() - 4));
    co_await asio::async_write(*socket_, asio::buffer(w.buffer()), use_awaitable);

    std::byte size_bytes[4];
    co_await asio::async_read(*socket_, asio::buffer(size_bytes), use_awaitable);
    int32_t size = be::load<int32_t>(size_bytes);
    if (size < 4) throw std::runtime_error("response frame of " + std::to_string(size) + " bytes");
    // The correlation id and the body are read apart, so the body needs no shifting.
    std::byte correlation[4];
    std::vector<std::byte> response_body(static_cast<size_t>(size) - 4);
    std::array<asio::mutable_buffer, 2> parts{asio::buffer(correlation), asio::buffer(response_body)};
    co_await asio::async_read(*socket_, parts, use_awaitable);
    watch->finished = true;
    watchdog.cancel();
    if (be::load<int32_t>(correlation) != header.correlation_id) {
      throw std::runtime_error("correlation id mismatch from leader " + host_);
    }
    co_return response_body;
  } catch (...) {
    watch->finished = true;
    watchdog.cancel();
    close_socket(connection);
    if (watch->timed_out) throw std::runtime_error("request to leader " + host_ + ":" + std::to_string(port_) + " timed out");
    throw;
  }
}

}  // namespace kb::replication
