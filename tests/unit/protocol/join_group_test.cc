// JoinGroup codec (v0-v5): round trips at every version, version-dependent sizes, golden
// bytes for v0 and v5, Kafka's defaults and malformed input.
#include "brokerd/protocol/messages/join_group.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "brokerd/protocol/messages/decode_body.h"
#include "tests/support/codec_checks.h"
#include "tests/unit/protocol/group_message_samples.h"

namespace kb::protocol {
namespace {

using request = join_group_request;
using response = join_group_response;
using test::encode_message;
using test::from_hex;

TEST(JoinGroupCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = join_group_min_version; v <= join_group_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::join_group_request_at(join_group_max_version),
                                         samples::join_group_request_at(v), v);
    test::expect_every_truncation_throws<request>(bytes, v);
  }
}

TEST(JoinGroupCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = join_group_min_version; v <= join_group_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::join_group_response_at(join_group_max_version),
                                         samples::join_group_response_at(v), v);
    test::expect_every_truncation_throws<response>(bytes, v);
  }
}

TEST(JoinGroupCodecTest, RequestSizesCountOnlyFieldsOfTheVersion) {
  // "g" 3, session 4, "m-1" 5, "consumer" 10, protocols 4 + ("range" 7 + 4 + 3) + ("roundrobin" 12 + 4)
  constexpr size_t v0 = 3 + 4 + 5 + 10 + 4 + (7 + 4 + 3) + (12 + 4);
  const request full = samples::join_group_request_at(join_group_max_version);
  EXPECT_EQ(encode_message(full, 0).size(), v0);
  EXPECT_EQ(encode_message(full, 1).size(), v0 + 4);      // + rebalance_timeout_ms
  EXPECT_EQ(encode_message(full, 4).size(), v0 + 4);
  EXPECT_EQ(encode_message(full, 5).size(), v0 + 4 + 5);  // + group_instance_id "i-1"
}

TEST(JoinGroupCodecTest, RequestV5GoldenBytes) {
  request m;
  m.group_id = "g";
  m.session_timeout_ms = 10000;
  m.rebalance_timeout_ms = 30000;
  m.protocol_type = "consumer";
  m.protocols = {{"range", samples::bytes_of({1})}};
  EXPECT_EQ(test::expect_round_trip(m, m, 5),
            from_hex("0001 67 00002710 00007530 0000 ffff 0008 636f6e73756d6572"
                     "00000001 0005 72616e6765 00000001 01"));
}

TEST(JoinGroupCodecTest, ResponseGoldenBytes) {
  response m;
  m.generation_id = 1;
  m.protocol_name = "range";
  m.leader = "m";
  m.member_id = "m";
  m.members = {{"m", std::nullopt, {}}};
  EXPECT_EQ(test::expect_round_trip(m, m, 0),
            from_hex("0000 00000001 0005 72616e6765 0001 6d 0001 6d 00000001 0001 6d 00000000"));
  m.members[0].group_instance_id = "i";
  EXPECT_EQ(test::expect_round_trip(m, m, 5),
            from_hex("00000000 0000 00000001 0005 72616e6765 0001 6d 0001 6d 00000001 0001 6d 0001 69 00000000"));
}

TEST(JoinGroupCodecTest, DefaultsMatchKafka) {
  EXPECT_EQ(request{}.rebalance_timeout_ms, -1);
  EXPECT_FALSE(request{}.group_instance_id.has_value());
  EXPECT_EQ(response{}.generation_id, -1);
  EXPECT_FALSE(response::join_group_response_member{}.group_instance_id.has_value());
}

TEST(JoinGroupCodecTest, RejectsFlexibleVersions) {
  auto bytes = encode_message(samples::join_group_request_at(join_group_max_version), join_group_max_version);
  EXPECT_THROW(decode_body<request>(bytes, join_group_max_version + 1), decode_error);
  wire_writer w;
  EXPECT_THROW(response{}.encode(w, join_group_max_version + 1), std::invalid_argument);
}

}  // namespace
}  // namespace kb::protocol
