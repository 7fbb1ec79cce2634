#include "brokerd/server/connection.h"

#include <sys/sendfile.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <glog/logging.h>

#include "brokerd/protocol/decode_error.h"
#include "brokerd/protocol/error_code.h"
#include "log/big_endian.h"

namespace kb::server {
namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;

namespace {

std::string describe(const asio::ip::tcp::socket& s) {
  boost::system::error_code ec;
  auto local = s.local_endpoint(ec);
  auto remote = s.remote_endpoint(ec);
  return local.address().to_string() + ":" + std::to_string(local.port()) + "-" + remote.address().to_string() + ":" +
         std::to_string(remote.port());
}

}  // namespace

connection::connection(asio::ip::tcp::socket socket, const handler_registry& handlers, connection_limits limits)
    : socket_(std::move(socket)), handlers_(handlers), limits_(limits), id_(describe(socket_)),
      changed_(socket_.get_executor()) {}

void connection::start() {
  auto self = shared_from_this();
  auto log_exit = [self](const char* what) {
    return [self, what](std::exception_ptr e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        LOG(WARNING) << "Closing connection " << self->id_ << " (" << what << "): " << ex.what();
      }
      self->close();
    };
  };
  asio::co_spawn(socket_.get_executor(), read_loop(), log_exit("reader"));
  asio::co_spawn(socket_.get_executor(), write_loop(), log_exit("writer"));
}

void connection::drain() {
  boost::system::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_receive, ec);
  reading_done_ = true;
  // Nothing more will be read: a long-polling Fetch answers now instead of holding the
  // shutdown for its max_wait_ms.
  tell_unanswered_they_are_followed();
  changed_.notify_all();
}

void connection::close() {
  if (closed_) return;
  closed_ = true;
  reading_done_ = true;
  boost::system::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  socket_.close(ec);
  changed_.notify_all();
}

awaitable<void> connection::read_loop() {
  auto self = shared_from_this();
  while (!reading_done_) {
    while (queue_.size() >= limits_.max_in_flight && !closed_) co_await changed_.wait();
    std::byte size_bytes[4];
    boost::system::error_code ec;
    co_await asio::async_read(socket_, asio::buffer(size_bytes), asio::redirect_error(use_awaitable, ec));
    if (ec) break;  // EOF, reset, or closed by us: the normal ends of a connection
    int32_t size = be::load<int32_t>(size_bytes);
    if (size < 8 || size > limits_.max_request_bytes) {
      LOG(WARNING) << "Closing connection " << id_ << ": invalid request size " << size
                   << (size > limits_.max_request_bytes ? " (larger than socket.request.max.bytes " +
                                                              std::to_string(limits_.max_request_bytes) + ")"
                                                        : " (smaller than a request header)");
      break;
    }
    auto ctx = std::make_shared<request_context>();
    ctx->frame = request_frame(static_cast<size_t>(size));
    std::span<std::byte> frame = ctx->frame.bytes();
    co_await asio::async_read(socket_, asio::buffer(frame.data(), frame.size()), asio::redirect_error(use_awaitable, ec));
    if (ec) break;
    ctx->connection_id = id_;

    protocol::request_prefix prefix = protocol::peek_request_prefix(frame);
    const api_handler* h = handlers_.find(prefix.api_key);
    if (!h) {
      LOG(WARNING) << "Closing connection " << id_ << ": unknown API key " << prefix.api_key;
      break;
    }
    if (prefix.api_version < h->min_version || prefix.api_version > h->max_version) {
      if (h->key == protocol::api_key::api_versions && prefix.api_version > h->max_version) {
        enqueue_unsupported_api_versions(prefix.correlation_id);
        continue;
      }
      LOG(WARNING) << "Closing connection " << id_ << ": unsupported version " << prefix.api_version << " of "
                   << protocol::name(h->key) << " (supported " << h->min_version << "-" << h->max_version << ")";
      break;
    }
    bool flexible = prefix.api_version >= h->first_flexible_version;
    protocol::wire_reader r(frame);
    ctx->header = protocol::request_header::read(r, flexible);
    ctx->body = frame.subspan(r.position());

    auto slot = std::make_shared<pending>();
    slot->correlation_id = prefix.correlation_id;
    // ApiVersions responses always use header v0 (KIP-511), whatever the request version.
    slot->flexible_header = flexible && h->key != protocol::api_key::api_versions;
    slot->followed = ctx->followed;
    tell_unanswered_they_are_followed();
    queue_.push_back(slot);
    bool waits_its_turn = h->key != protocol::api_key::produce;
    asio::co_spawn(socket_.get_executor(), run_handler(ctx, h, slot, waits_its_turn), [self](std::exception_ptr e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const protocol::decode_error& ex) {
        LOG(WARNING) << "Closing connection " << self->id_ << ": malformed request: " << ex.what();
      } catch (const std::exception& ex) {
        LOG(ERROR) << "Closing connection " << self->id_ << ": request failed: " << ex.what();
      }
      self->close();
    });
  }
  reading_done_ = true;
  changed_.notify_all();
}

awaitable<void> connection::run_handler(std::shared_ptr<request_context> ctx, const api_handler* h,
                                        std::shared_ptr<pending> slot, bool waits_its_turn) {
  auto self = shared_from_this();
  while (waits_its_turn && !closed_ && !earlier_ones_done(*slot)) co_await changed_.wait();
  slot->result = co_await h->handle(*ctx);
  slot->done = true;
  changed_.notify_all();
}

void connection::tell_unanswered_they_are_followed() {
  for (const auto& earlier : queue_) {
    if (earlier->done || !earlier->followed || earlier->followed->followed) continue;
    earlier->followed->followed = true;
    if (auto tell = earlier->followed->on_followed) tell();  // a copy: it may clear itself
  }
}

bool connection::earlier_ones_done(const pending& slot) const {
  for (const auto& earlier : queue_) {
    if (earlier.get() == &slot) return true;
    if (!earlier->done) return false;
  }
  return true;
}

void connection::enqueue_unsupported_api_versions(int32_t correlation_id) {
  const api_handler* h = handlers_.find(static_cast<int16_t>(protocol::api_key::api_versions));
  auto slot = std::make_shared<pending>();
  slot->correlation_id = correlation_id;
  slot->done = true;
  protocol::response_buffer body;
  // ApiVersionsResponse v0 layout: error, then a classic array holding ApiVersions' own range.
  body.w().i16(static_cast<int16_t>(protocol::error_code::unsupported_version));
  body.w().i32(1);
  body.w().i16(static_cast<int16_t>(protocol::api_key::api_versions));
  body.w().i16(h->min_version);
  body.w().i16(h->max_version);
  slot->result = std::move(body);
  queue_.push_back(slot);
  changed_.notify_all();
}

awaitable<void> connection::write_loop() {
  auto self = shared_from_this();
  while (!closed_) {
    if (queue_.empty()) {
      if (reading_done_) break;
      co_await changed_.wait();
      continue;
    }
    if (!queue_.front()->done) {
      co_await changed_.wait();
      continue;
    }
    auto slot = queue_.front();
    queue_.pop_front();
    changed_.notify_all();  // the reader may be waiting for room
    if (slot->result) co_await send(slot->correlation_id, slot->flexible_header, std::move(*slot->result));
  }
  close();
}

awaitable<void> connection::send(int32_t correlation_id, bool flexible_header, protocol::response_buffer body) {
  protocol::wire_writer head;
  size_t size_at = head.reserve_i32();
  head.i32(correlation_id);
  if (flexible_header) head.empty_tagged_fields();
  head.patch_i32(size_at, static_cast<int32_t>(head.size() - 4 + body.size()));

  std::vector<protocol::response_buffer::chunk> chunks = body.take();
  std::vector<std::byte> first = std::move(head).take();
  std::vector<asio::const_buffer> gather{asio::buffer(first)};
  for (auto& c : chunks) {
    if (auto* mem = std::get_if<std::vector<std::byte>>(&c)) {
      gather.push_back(asio::buffer(*mem));
      continue;
    }
    co_await asio::async_write(socket_, gather, use_awaitable);
    gather.clear();
    co_await send_file(std::get<log::file_slice>(c));
  }
  if (!gather.empty()) co_await asio::async_write(socket_, gather, use_awaitable);
}

// Zero-copy: the kernel moves log bytes from the page cache to the socket.
awaitable<void> connection::send_file(const log::file_slice& slice) {
  socket_.native_non_blocking(true);
  off_t offset = static_cast<off_t>(slice.position);
  size_t left = slice.size;
  while (left > 0) {
    ssize_t n = ::sendfile(socket_.native_handle(), slice.file->fd(), &offset, left);
    if (n > 0) {
      left -= static_cast<size_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      co_await socket_.async_wait(asio::ip::tcp::socket::wait_write, use_awaitable);
    } else if (n == 0) {
      // The file shrank under us (truncation): the frame cannot be completed.
      throw std::runtime_error("log file " + slice.file->path().string() + " ended during sendfile");
    } else {
      throw boost::system::system_error(errno, boost::system::generic_category(), "sendfile");
    }
  }
}

}  // namespace kb::server
