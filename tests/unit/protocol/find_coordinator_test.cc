// FindCoordinator codec (v0-v2): round trips at every version, the v0 layout without
// key_type, throttle and error message, golden bytes and malformed input.
#include "brokerd/protocol/messages/find_coordinator.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "brokerd/protocol/messages/decode_body.h"
#include "tests/support/codec_checks.h"
#include "tests/unit/protocol/group_message_samples.h"

namespace kb::protocol {
namespace {

using request = find_coordinator_request;
using response = find_coordinator_response;
using test::encode_message;
using test::from_hex;

TEST(FindCoordinatorCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = find_coordinator_min_version; v <= find_coordinator_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::find_coordinator_request_at(find_coordinator_max_version),
                                         samples::find_coordinator_request_at(v), v);
    test::expect_every_truncation_throws<request>(bytes, v);
  }
}

TEST(FindCoordinatorCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = find_coordinator_min_version; v <= find_coordinator_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::find_coordinator_response_at(find_coordinator_max_version),
                                         samples::find_coordinator_response_at(v), v);
    test::expect_every_truncation_throws<response>(bytes, v);
  }
}

TEST(FindCoordinatorCodecTest, RequestGoldenBytes) {
  request m;
  m.key = "g";
  EXPECT_EQ(test::expect_round_trip(m, m, 0), from_hex("0001 67"));
  m.key_type = coordinator_key_type::transaction;
  EXPECT_EQ(test::expect_round_trip(m, m, 1), from_hex("0001 67 01"));
  EXPECT_EQ(encode_message(m, 2), encode_message(m, 1));  // v2 is v1
}

TEST(FindCoordinatorCodecTest, ResponseGoldenBytes) {
  response m;
  m.error_code = error_code::coordinator_not_available;
  m.node_id = 1;
  m.host = "h";
  m.port = 9092;
  EXPECT_EQ(test::expect_round_trip(m, m, 0), from_hex("000f 00000001 0001 68 00002384"));
  m.error_code = error_code::none;
  m.error_message = std::nullopt;
  EXPECT_EQ(test::expect_round_trip(m, m, 1), from_hex("00000000 0000 ffff 00000001 0001 68 00002384"));
}

TEST(FindCoordinatorCodecTest, DefaultsMatchKafka) {
  EXPECT_EQ(request{}.key_type, coordinator_key_type::group);
  EXPECT_EQ(response{}.error_message, std::optional<std::string>(""));
}

TEST(FindCoordinatorCodecTest, RejectsFlexibleVersions) {
  auto bytes = from_hex("00 02 67 00");
  EXPECT_THROW(decode_body<request>(bytes, find_coordinator_max_version + 1), decode_error);
  wire_writer w;
  EXPECT_THROW(response{}.encode(w, find_coordinator_max_version + 1), std::invalid_argument);
}

}  // namespace
}  // namespace kb::protocol
