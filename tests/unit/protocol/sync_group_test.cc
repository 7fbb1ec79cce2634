// SyncGroup codec (v0-v3): round trips at every version, golden bytes, Kafka's defaults and
// malformed input.
#include "brokerd/protocol/messages/sync_group.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "brokerd/protocol/messages/decode_body.h"
#include "tests/support/codec_checks.h"
#include "tests/unit/protocol/group_message_samples.h"

namespace kb::protocol {
namespace {

using request = sync_group_request;
using response = sync_group_response;
using test::encode_message;
using test::from_hex;

TEST(SyncGroupCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = sync_group_min_version; v <= sync_group_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::sync_group_request_at(sync_group_max_version),
                                         samples::sync_group_request_at(v), v);
    test::expect_every_truncation_throws<request>(bytes, v);
  }
}

TEST(SyncGroupCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = sync_group_min_version; v <= sync_group_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::sync_group_response_at(sync_group_max_version),
                                         samples::sync_group_response_at(v), v);
    test::expect_every_truncation_throws<response>(bytes, v);
  }
}

TEST(SyncGroupCodecTest, RequestGoldenBytes) {
  request m;
  m.group_id = "g";
  m.generation_id = 1;
  m.member_id = "m";
  m.assignments = {{"m", samples::bytes_of({0xab})}};
  EXPECT_EQ(test::expect_round_trip(m, m, 0), from_hex("0001 67 00000001 0001 6d 00000001 0001 6d 00000001 ab"));
  EXPECT_EQ(test::expect_round_trip(m, m, 3),
            from_hex("0001 67 00000001 0001 6d ffff 00000001 0001 6d 00000001 ab"));  // + null instance id
}

TEST(SyncGroupCodecTest, ResponseGoldenBytes) {
  response m;
  EXPECT_EQ(test::expect_round_trip(m, m, 0), from_hex("0000 00000000"));
  m.throttle_time_ms = 100;
  m.error_code = error_code::rebalance_in_progress;
  m.assignment = samples::bytes_of({1, 2});
  EXPECT_EQ(test::expect_round_trip(m, m, 1), from_hex("00000064 001b 00000002 0102"));
}

TEST(SyncGroupCodecTest, NullAssignmentIsMalformed) {
  auto bytes = from_hex("0000 ffffffff");  // assignment is not nullable
  EXPECT_THROW(decode_body<response>(bytes, 0), decode_error);
}

TEST(SyncGroupCodecTest, DefaultsMatchKafka) { EXPECT_FALSE(request{}.group_instance_id.has_value()); }

TEST(SyncGroupCodecTest, RejectsFlexibleVersions) {
  auto bytes = encode_message(samples::sync_group_request_at(sync_group_max_version), sync_group_max_version);
  EXPECT_THROW(decode_body<request>(bytes, sync_group_max_version + 1), decode_error);
  wire_writer w;
  EXPECT_THROW(response{}.encode(w, sync_group_max_version + 1), std::invalid_argument);
}

}  // namespace
}  // namespace kb::protocol
