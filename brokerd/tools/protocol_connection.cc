#include "brokerd/tools/protocol_connection.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "brokerd/protocol/request_header.h"
#include "brokerd/protocol/wire_writer.h"
#include "log/big_endian.h"

namespace kb::tools {
namespace asio = boost::asio;

protocol_connection::protocol_connection(std::string host, int32_t port, std::string client_id,
                                         clock::time_point deadline)
    : host_(std::move(host)), port_(port), client_id_(std::move(client_id)) {
  asio::ip::tcp::resolver resolver(io_);
  boost::system::error_code ec;
  auto endpoints = resolver.resolve(host_, std::to_string(port_), ec);
  if (ec) throw connection_error("Cannot resolve " + host_ + ": " + ec.message());
  bool done = false;
  asio::async_connect(socket_, endpoints, [&](boost::system::error_code e, const asio::ip::tcp::endpoint&) {
    ec = e;
    done = true;
  });
  run_until_done(done, deadline, "connecting");
  if (ec) throw connection_error("Connection to " + host_ + ":" + std::to_string(port_) + " failed: " + ec.message());
  socket_.set_option(asio::ip::tcp::no_delay(true), ec);
}

void protocol_connection::run_until_done(const bool& done, clock::time_point deadline, const char* what) {
  io_.restart();
  while (!done) {
    if (io_.run_one_until(deadline) == 0) break;  // the deadline passed (or nothing is pending)
  }
  if (done) return;
  boost::system::error_code ignored;
  socket_.close(ignored);
  io_.restart();
  io_.run();  // completes the aborted operation
  throw connection_error(std::string("Timed out ") + what + " " + host_ + ":" + std::to_string(port_));
}

std::vector<std::byte> protocol_connection::round_trip(int16_t api_key, int16_t version,
                                                       const std::vector<std::byte>& body, clock::time_point deadline) {
  protocol::wire_writer w;
  const size_t size_at = w.reserve_i32();
  protocol::request_header header;
  header.api_key = api_key;
  header.api_version = version;
  header.correlation_id = next_correlation_id_++;
  header.client_id = client_id_;
  header.write(w, false);
  w.raw(body);
  w.patch_i32(size_at, static_cast<int32_t>(w.size() - 4));

  boost::system::error_code ec;
  bool done = false;
  auto on_done = [&](boost::system::error_code e, std::size_t) {
    ec = e;
    done = true;
  };
  const std::string peer = host_ + ":" + std::to_string(port_);
  asio::async_write(socket_, asio::buffer(w.buffer()), on_done);
  run_until_done(done, deadline, "sending to");
  if (ec) throw connection_error("Sending to " + peer + " failed: " + ec.message());

  std::byte size_bytes[4];
  done = false;
  asio::async_read(socket_, asio::buffer(size_bytes), on_done);
  run_until_done(done, deadline, "waiting for a response from");
  if (ec) throw connection_error("Reading from " + peer + " failed: " + ec.message());
  const int32_t size = be::load<int32_t>(size_bytes);
  if (size < 4 || size > (100 << 20)) throw connection_error("Bad response frame of " + std::to_string(size) + " bytes");
  std::vector<std::byte> frame(static_cast<size_t>(size));
  done = false;
  asio::async_read(socket_, asio::buffer(frame), on_done);
  run_until_done(done, deadline, "waiting for a response from");
  if (ec) throw connection_error("Reading from " + peer + " failed: " + ec.message());
  if (be::load<int32_t>(frame.data()) != header.correlation_id) {
    throw connection_error("Response from " + peer + " does not answer the request sent");
  }
  frame.erase(frame.begin(), frame.begin() + 4);
  return frame;
}

}  // namespace kb::tools
