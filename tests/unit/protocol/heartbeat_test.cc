// Heartbeat codec (v0-v3): round trips at every version, golden bytes and malformed input.
#include "brokerd/protocol/messages/heartbeat.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "brokerd/protocol/messages/decode_body.h"
#include "tests/support/codec_checks.h"
#include "tests/unit/protocol/group_message_samples.h"

namespace kb::protocol {
namespace {

using request = heartbeat_request;
using response = heartbeat_response;
using test::encode_message;
using test::from_hex;

TEST(HeartbeatCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = heartbeat_min_version; v <= heartbeat_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::heartbeat_request_at(heartbeat_max_version),
                                         samples::heartbeat_request_at(v), v);
    test::expect_every_truncation_throws<request>(bytes, v);
  }
}

TEST(HeartbeatCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = heartbeat_min_version; v <= heartbeat_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::heartbeat_response_at(heartbeat_max_version),
                                         samples::heartbeat_response_at(v), v);
    test::expect_every_truncation_throws<response>(bytes, v);
  }
}

TEST(HeartbeatCodecTest, GoldenBytes) {
  request m;
  m.group_id = "g";
  m.generation_id = 1;
  m.member_id = "m";
  EXPECT_EQ(test::expect_round_trip(m, m, 0), from_hex("0001 67 00000001 0001 6d"));
  m.group_instance_id = "i";
  EXPECT_EQ(test::expect_round_trip(m, m, 3), from_hex("0001 67 00000001 0001 6d 0001 69"));

  response resp;
  resp.error_code = error_code::illegal_generation;
  EXPECT_EQ(test::expect_round_trip(resp, resp, 0), from_hex("0016"));
  resp.throttle_time_ms = 100;
  EXPECT_EQ(test::expect_round_trip(resp, resp, 1), from_hex("00000064 0016"));
}

TEST(HeartbeatCodecTest, RejectsFlexibleVersions) {
  auto bytes = encode_message(samples::heartbeat_request_at(heartbeat_max_version), heartbeat_max_version);
  EXPECT_THROW(decode_body<request>(bytes, heartbeat_max_version + 1), decode_error);
  wire_writer w;
  EXPECT_THROW(response{}.encode(w, heartbeat_max_version + 1), std::invalid_argument);
}

}  // namespace
}  // namespace kb::protocol
