// OffsetDelete codec (v0 only): round trips, golden bytes (the response's error code comes
// before throttle_time_ms) and malformed input.
#include "brokerd/protocol/messages/offset_delete.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "brokerd/protocol/messages/decode_body.h"
#include "tests/support/codec_checks.h"
#include "tests/unit/protocol/group_message_samples.h"

namespace kb::protocol {
namespace {

using request = offset_delete_request;
using response = offset_delete_response;
using test::encode_message;
using test::from_hex;

TEST(OffsetDeleteCodecTest, RoundTrips) {
  auto req = test::expect_round_trip(samples::offset_delete_request_at(0), samples::offset_delete_request_at(0), 0);
  test::expect_every_truncation_throws<request>(req, 0);
  auto resp = test::expect_round_trip(samples::offset_delete_response_at(0), samples::offset_delete_response_at(0), 0);
  test::expect_every_truncation_throws<response>(resp, 0);
}

TEST(OffsetDeleteCodecTest, GoldenBytes) {
  request m;
  m.group_id = "g";
  m.topics = {{"t", {{0}}}};
  EXPECT_EQ(test::expect_round_trip(m, m, 0), from_hex("0001 67 00000001 0001 74 00000001 00000000"));
  response resp;
  resp.throttle_time_ms = 1;
  resp.topics = {{"t", {{0, error_code::group_subscribed_to_topic}}}};
  EXPECT_EQ(test::expect_round_trip(resp, resp, 0),
            from_hex("0000 00000001 00000001 0001 74 00000001 00000000 0056"));
}

TEST(OffsetDeleteCodecTest, RejectsOtherVersions) {
  auto bytes = encode_message(samples::offset_delete_request_at(0), 0);
  EXPECT_THROW(decode_body<request>(bytes, 1), decode_error);
  wire_writer w;
  EXPECT_THROW(response{}.encode(w, 1), std::invalid_argument);
}

}  // namespace
}  // namespace kb::protocol
