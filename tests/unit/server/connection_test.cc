#include "brokerd/server/connection.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <thread>

#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"
#include "brokerd/server/listener.h"

namespace kb::server {
namespace {
namespace asio = boost::asio;
using asio::ip::tcp;

constexpr int16_t api_versions_key = 18;
constexpr int16_t echo_key = 0;  // Produce's key, served by a test handler
constexpr int16_t metadata_key = 3;
constexpr int16_t long_poll_key = 1;  // Fetch's key: a handler that waits until it is followed

// A server on 127.0.0.1:<free port> whose "echo" handler waits body[0] milliseconds, then
// returns the body. A body starting with 0xFF means "no response" (like acks=0).
class ConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    registry_.add({protocol::api_key::produce, 0, 4, 4,
                   [this](request_context& ctx) -> asio::awaitable<handler_result> {
                     std::vector<std::byte> body(ctx.body.begin(), ctx.body.end());
                     if (!body.empty() && body[0] == std::byte{0xFF}) co_return std::nullopt;
                     asio::steady_timer t(co_await asio::this_coro::executor);
                     t.expires_after(std::chrono::milliseconds(body.empty() ? 0 : static_cast<int>(body[0])));
                     co_await t.async_wait(asio::use_awaitable);
                     ++echoes_done_;
                     protocol::response_buffer out;
                     out.w().raw(body);
                     co_return out;
                   }});
    // "Metadata": answers how many echoes had completed when it ran.
    registry_.add({protocol::api_key::metadata, 0, 4, 9, [this](request_context&) -> asio::awaitable<handler_result> {
                     protocol::response_buffer out;
                     out.w().i32(echoes_done_);
                     co_return out;
                   }});
    // "Fetch": parks until another request arrives behind it (request_context::followed), then
    // answers 1 if it was told through on_followed, 2 if it found itself followed on arrival.
    registry_.add({protocol::api_key::fetch, 0, 11, 12, [](request_context& ctx) -> asio::awaitable<handler_result> {
                     protocol::response_buffer out;
                     if (ctx.followed->followed) {
                       out.w().i32(2);
                       co_return out;
                     }
                     asio::steady_timer wake(co_await asio::this_coro::executor);
                     wake.expires_at(asio::steady_timer::time_point::max());
                     ctx.followed->on_followed = [&wake] { wake.cancel(); };
                     boost::system::error_code ec;
                     co_await wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
                     ctx.followed->on_followed = nullptr;
                     out.w().i32(1);
                     co_return out;
                   }});
    registry_.add({protocol::api_key::api_versions, 0, 3, 3, [](request_context&) -> asio::awaitable<handler_result> {
                     protocol::response_buffer out;
                     out.w().i16(0);
                     co_return out;
                   }});
    connection_limits limits;
    limits.max_request_bytes = 1024;
    server_ = std::make_unique<listener>(io_.get_executor(), tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0),
                                         registry_, limits);
    server_->start();
    thread_ = std::thread([this] { io_.run(); });
  }
  void TearDown() override {
    asio::post(io_, [this] { server_->stop(); });
    io_.stop();
    thread_.join();
  }

  tcp::socket connect() {
    tcp::socket s(client_io_);
    s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
    return s;
  }
  static void send_request(tcp::socket& s, int16_t key, int16_t version, int32_t correlation,
                           std::vector<std::byte> body) {
    protocol::wire_writer w;
    size_t at = w.reserve_i32();
    w.i16(key);
    w.i16(version);
    w.i32(correlation);
    w.nullable_string(std::string("test"));
    w.raw(body);
    w.patch_i32(at, static_cast<int32_t>(w.size() - 4));
    asio::write(s, asio::buffer(w.buffer()));
  }
  // Reads one response frame: (correlation id, rest of the frame).
  static std::pair<int32_t, std::vector<std::byte>> read_response(tcp::socket& s) {
    std::byte size_bytes[4];
    asio::read(s, asio::buffer(size_bytes));
    int32_t size = protocol::wire_reader(size_bytes).i32();
    std::vector<std::byte> frame(static_cast<size_t>(size));
    asio::read(s, asio::buffer(frame));
    protocol::wire_reader r(frame);
    int32_t correlation = r.i32();
    return {correlation, std::vector<std::byte>(frame.begin() + 4, frame.end())};
  }
  static bool closed_by_peer(tcp::socket& s) {
    std::byte b;
    boost::system::error_code ec;
    asio::read(s, asio::buffer(&b, 1), ec);
    return ec == asio::error::eof || ec == asio::error::connection_reset;
  }

  int32_t echoes_done_ = 0;  // io_ thread only
  asio::io_context io_;
  asio::io_context client_io_;
  handler_registry registry_;
  std::unique_ptr<listener> server_;
  std::thread thread_;
};

TEST_F(ConnectionTest, PipelinedResponsesComeBackInRequestOrder) {
  auto s = connect();
  // The first request takes longest; responses must still arrive in request order.
  send_request(s, echo_key, 2, 1, {std::byte{60}});
  send_request(s, echo_key, 2, 2, {std::byte{30}});
  send_request(s, echo_key, 2, 3, {std::byte{0}});
  for (int expected = 1; expected <= 3; ++expected) {
    auto [correlation, body] = read_response(s);
    EXPECT_EQ(correlation, expected);
  }
}

// A Metadata request behind a slow produce on the same connection is handled once the
// produce is answered, so what it says is current when it is sent (Kafka handles one request
// per connection at a time). Produce requests themselves stay pipelined (the test above).
TEST_F(ConnectionTest, ANonProduceRequestRunsOnlyOnceEarlierOnesAreAnswered) {
  auto s = connect();
  send_request(s, echo_key, 2, 1, {std::byte{80}});
  send_request(s, metadata_key, 1, 2, {});
  EXPECT_EQ(read_response(s).first, 1);
  auto [correlation, body] = read_response(s);
  EXPECT_EQ(correlation, 2);
  EXPECT_EQ(protocol::wire_reader(body).i32(), 1);
}

// A parked request (a long-polling Fetch) learns that another request is waiting behind it,
// so it can answer at once: nothing later on the connection can be answered before it.
TEST_F(ConnectionTest, AParkedRequestIsToldWhenAnotherArrivesBehindIt) {
  auto s = connect();
  send_request(s, long_poll_key, 11, 1, {});
  send_request(s, metadata_key, 1, 2, {});
  auto [first, body] = read_response(s);
  EXPECT_EQ(first, 1);
  EXPECT_EQ(protocol::wire_reader(body).i32(), 1) << "woken through on_followed";
  EXPECT_EQ(read_response(s).first, 2);
}

TEST_F(ConnectionTest, ARequestFollowedBeforeItRunsFindsItselfFollowed) {
  auto s = connect();
  send_request(s, echo_key, 2, 1, {std::byte{50}});  // holds the next one back
  send_request(s, long_poll_key, 11, 2, {});
  send_request(s, metadata_key, 1, 3, {});
  EXPECT_EQ(read_response(s).first, 1);
  auto [second, body] = read_response(s);
  EXPECT_EQ(second, 2);
  EXPECT_EQ(protocol::wire_reader(body).i32(), 2) << "followed before it started waiting";
  EXPECT_EQ(read_response(s).first, 3);
}

TEST_F(ConnectionTest, RequestsWithoutResponseAreSkippedInOrder) {
  auto s = connect();
  send_request(s, echo_key, 2, 1, {std::byte{0xFF}});
  send_request(s, echo_key, 2, 2, {std::byte{1}});
  auto [correlation, body] = read_response(s);
  EXPECT_EQ(correlation, 2);
}

TEST_F(ConnectionTest, FlexibleVersionsGetResponseHeaderV1) {
  auto s = connect();
  send_request(s, echo_key, 3, 7, {std::byte{0}, std::byte{0xAB}});  // non-flexible
  auto [c1, b1] = read_response(s);
  EXPECT_EQ(c1, 7);
  EXPECT_EQ(b1, (std::vector<std::byte>{std::byte{0}, std::byte{0xAB}}));
  // v4 is flexible here: request header v2 (tagged fields after the client id), and the
  // response header carries an empty tagged-field section (one 0 byte) before the body.
  send_request(s, echo_key, 4, 8, {std::byte{0} /* tags */, std::byte{0}, std::byte{0xAB}});
  auto [c2, b2] = read_response(s);
  EXPECT_EQ(c2, 8);
  EXPECT_EQ(b2, (std::vector<std::byte>{std::byte{0}, std::byte{0}, std::byte{0xAB}}));
}

TEST_F(ConnectionTest, OversizedFrameClosesTheConnectionAndOthersAreUnaffected) {
  auto bad = connect();
  auto good = connect();
  std::byte size[4] = {std::byte{0x7f}, std::byte{0}, std::byte{0}, std::byte{0}};
  asio::write(bad, asio::buffer(size));
  EXPECT_TRUE(closed_by_peer(bad));
  send_request(good, echo_key, 2, 5, {std::byte{0}});
  EXPECT_EQ(read_response(good).first, 5);
}

TEST_F(ConnectionTest, NegativeAndTinyFramesCloseTheConnection) {
  for (int32_t size : {-1, 0, 3}) {
    auto s = connect();
    protocol::wire_writer w;
    w.i32(size);
    w.i32(0);
    asio::write(s, asio::buffer(w.buffer()));
    EXPECT_TRUE(closed_by_peer(s)) << size;
  }
}

TEST_F(ConnectionTest, UnknownApiKeyClosesTheConnection) {
  auto s = connect();
  send_request(s, 999, 0, 1, {});
  EXPECT_TRUE(closed_by_peer(s));
}

TEST_F(ConnectionTest, UnsupportedVersionOfAnApiClosesTheConnection) {
  auto s = connect();
  send_request(s, echo_key, 5, 1, {});
  EXPECT_TRUE(closed_by_peer(s));
}

TEST_F(ConnectionTest, TooNewApiVersionsGetsUnsupportedVersionInV0LayoutAndStaysOpen) {
  auto s = connect();
  send_request(s, api_versions_key, 7, 42, {std::byte{1}, std::byte{2}});
  auto [correlation, body] = read_response(s);
  EXPECT_EQ(correlation, 42);
  protocol::wire_reader r(body);
  EXPECT_EQ(r.i16(), 35);  // UNSUPPORTED_VERSION
  ASSERT_EQ(r.i32(), 1);
  EXPECT_EQ(r.i16(), api_versions_key);
  EXPECT_EQ(r.i16(), 0);
  EXPECT_EQ(r.i16(), 3);
  EXPECT_TRUE(r.done());
  // The client falls back to v0 on the same connection.
  send_request(s, api_versions_key, 0, 43, {});
  EXPECT_EQ(read_response(s).first, 43);
}

TEST_F(ConnectionTest, ApiVersionsV3ResponseUsesHeaderV0) {
  auto s = connect();
  protocol::wire_writer w;
  size_t at = w.reserve_i32();
  w.i16(api_versions_key);
  w.i16(3);
  w.i32(9);
  w.nullable_string(std::string("test"));
  w.empty_tagged_fields();  // request header v2
  w.compact_string("librdkafka");
  w.compact_string("2.0.2");
  w.empty_tagged_fields();
  w.patch_i32(at, static_cast<int32_t>(w.size() - 4));
  asio::write(s, asio::buffer(w.buffer()));
  auto [correlation, body] = read_response(s);
  EXPECT_EQ(correlation, 9);
  ASSERT_EQ(body.size(), 2u);  // no tagged-field byte between the id and the body
}

TEST_F(ConnectionTest, MalformedHeaderClosesTheConnection) {
  auto s = connect();
  protocol::wire_writer w;
  w.i32(10);
  w.i16(echo_key);
  w.i16(2);
  w.i32(1);
  w.i16(50);  // client id claims 50 bytes; none follow
  asio::write(s, asio::buffer(w.buffer()));
  EXPECT_TRUE(closed_by_peer(s));
}

}  // namespace
}  // namespace kb::server
