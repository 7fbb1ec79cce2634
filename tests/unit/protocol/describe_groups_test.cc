// DescribeGroups codec (v0-v4): round trips at every version, version-dependent sizes, golden
// bytes for v0 and v4, Kafka's defaults and malformed input.
#include "brokerd/protocol/messages/describe_groups.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "brokerd/protocol/messages/decode_body.h"
#include "tests/support/codec_checks.h"
#include "tests/unit/protocol/group_message_samples.h"

namespace kb::protocol {
namespace {

using request = describe_groups_request;
using response = describe_groups_response;
using test::encode_message;
using test::from_hex;

TEST(DescribeGroupsCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = describe_groups_min_version; v <= describe_groups_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::describe_groups_request_at(describe_groups_max_version),
                                         samples::describe_groups_request_at(v), v);
    test::expect_every_truncation_throws<request>(bytes, v);
  }
}

TEST(DescribeGroupsCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = describe_groups_min_version; v <= describe_groups_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::describe_groups_response_at(describe_groups_max_version),
                                         samples::describe_groups_response_at(v), v);
    test::expect_every_truncation_throws<response>(bytes, v);
  }
}

TEST(DescribeGroupsCodecTest, ResponseSizesCountOnlyFieldsOfTheVersion) {
  const response full = samples::describe_groups_response_at(describe_groups_max_version);
  const size_t v0 = encode_message(full, 0).size();
  EXPECT_EQ(encode_message(full, 1).size(), v0 + 4);              // + throttle_time_ms
  EXPECT_EQ(encode_message(full, 3).size(), v0 + 4 + 2 * 4);      // + authorized_operations per group
  EXPECT_EQ(encode_message(full, 4).size(), v0 + 4 + 8 + 5 + 2);  // + instance ids "i-1" and null
}

TEST(DescribeGroupsCodecTest, RequestGoldenBytes) {
  request m;
  m.groups = {"g"};
  EXPECT_EQ(test::expect_round_trip(m, m, 0), from_hex("00000001 0001 67"));
  m.include_authorized_operations = true;
  EXPECT_EQ(test::expect_round_trip(m, m, 3), from_hex("00000001 0001 67 01"));
}

TEST(DescribeGroupsCodecTest, ResponseGoldenBytes) {
  response empty;
  empty.groups = {{error_code::none, "g", "Empty", "", "", {}, describe_groups_authorized_operations_omitted}};
  EXPECT_EQ(test::expect_round_trip(empty, empty, 0),
            from_hex("00000001 0000 0001 67 0005 456d707479 0000 0000 00000000"));

  response stable;
  stable.groups = {{error_code::none,
                    "g",
                    "Stable",
                    "consumer",
                    "range",
                    {{"m", "i", "c", "h", samples::bytes_of({1}), {}}},
                    8}};
  EXPECT_EQ(test::expect_round_trip(stable, stable, 4),
            from_hex("00000000 00000001 0000 0001 67 0006 537461626c65 0008 636f6e73756d6572 0005 72616e6765"
                     "00000001 0001 6d 0001 69 0001 63 0001 68 00000001 01 00000000"
                     "00000008"));
}

TEST(DescribeGroupsCodecTest, DefaultsMatchKafka) {
  EXPECT_EQ(response::described_group{}.authorized_operations, INT32_MIN);
  EXPECT_FALSE(response::described_group_member{}.group_instance_id.has_value());
  EXPECT_FALSE(request{}.include_authorized_operations);
}

TEST(DescribeGroupsCodecTest, RejectsFlexibleVersions) {
  auto bytes =
      encode_message(samples::describe_groups_request_at(describe_groups_max_version), describe_groups_max_version);
  EXPECT_THROW(decode_body<request>(bytes, describe_groups_max_version + 1), decode_error);
  wire_writer w;
  EXPECT_THROW(response{}.encode(w, describe_groups_max_version + 1), std::invalid_argument);
}

}  // namespace
}  // namespace kb::protocol
