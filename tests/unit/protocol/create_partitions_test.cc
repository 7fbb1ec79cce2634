#include "brokerd/protocol/messages/create_partitions.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "tests/support/codec_checks.h"

namespace kb::protocol {
namespace {

using request = create_partitions_request;
using response = create_partitions_response;

const std::string error_text = "Topic currently has 6 partitions";

// v0 and v1 share one layout, so one message serves every version.
request full_request() {
  request m;
  m.topics = {
      {"orders", 6, std::vector<request::create_partitions_assignment>{{{1, 2}}, {{2, 3}}}},
      {"logs", 4, std::nullopt},
  };
  m.timeout_ms = 15000;
  m.validate_only = true;
  return m;
}

response full_response() {
  response m;
  m.throttle_time_ms = 42;
  m.results = {
      {"orders", error_code::none, std::nullopt},
      {"logs", error_code::invalid_partitions, error_text},
  };
  return m;
}

TEST(CreatePartitionsCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = create_partitions_min_version; v <= create_partitions_max_version; ++v) {
    test::expect_round_trip(full_request(), full_request(), v);
  }
}

TEST(CreatePartitionsCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = create_partitions_min_version; v <= create_partitions_max_version; ++v) {
    test::expect_round_trip(full_response(), full_response(), v);
  }
}

TEST(CreatePartitionsCodecTest, EmptyAndNullAssignmentsStayDistinct) {
  request m = full_request();
  m.topics[1].assignments = std::vector<request::create_partitions_assignment>{};
  test::expect_round_trip(m, m, 1);
  EXPECT_NE(test::encode_message(m, 1), test::encode_message(full_request(), 1));
}

TEST(CreatePartitionsCodecTest, RequestLengthsCountOnlyFieldsOfTheVersion) {
  constexpr size_t orders = (2 + 6) + 4 + (4 + 2 * (4 + 2 * 4));  // name, count, assignments
  constexpr size_t logs = (2 + 4) + 4 + 4;                        // null assignments
  constexpr size_t every_version = 4 + orders + logs + 4 + 1;     // timeout_ms, validate_only
  EXPECT_EQ(test::encode_message(full_request(), 0).size(), every_version);
  EXPECT_EQ(test::encode_message(full_request(), 1).size(), every_version);
}

TEST(CreatePartitionsCodecTest, ResponseLengthsCountOnlyFieldsOfTheVersion) {
  const size_t every_version = 4 + 4 + (2 + 6 + 2 + 2) + (2 + 4 + 2 + 2 + error_text.size());
  EXPECT_EQ(test::encode_message(full_response(), 0).size(), every_version);
  EXPECT_EQ(test::encode_message(full_response(), 1).size(), every_version);
}

TEST(CreatePartitionsCodecTest, MatchesKafkaFieldOrder) {
  request req;
  req.topics = {{"a", 3, std::nullopt}};
  req.timeout_ms = 100;
  req.validate_only = false;
  EXPECT_EQ(test::encode_message(req, 1), test::from_hex("00000001 0001 61 00000003 ffffffff 00000064 00"));
  response resp;
  resp.throttle_time_ms = 0;
  resp.results = {{"a", error_code::invalid_partitions, "x"}};
  EXPECT_EQ(test::encode_message(resp, 0), test::from_hex("00000000 00000001 0001 61 0025 0001 78"));
}

TEST(CreatePartitionsCodecTest, TruncatedInputThrowsAtEveryVersion) {
  for (int16_t v = create_partitions_min_version; v <= create_partitions_max_version; ++v) {
    test::expect_every_truncation_throws<request>(test::encode_message(full_request(), v), v);
    test::expect_every_truncation_throws<response>(test::encode_message(full_response(), v), v);
  }
}

TEST(CreatePartitionsCodecTest, MutatedInputDecodesOrThrowsDecodeError) {
  for (int16_t v = create_partitions_min_version; v <= create_partitions_max_version; ++v) {
    EXPECT_GT(test::fuzz_decode<request>(test::encode_message(full_request(), v), v, 3700 + v), 0);
    EXPECT_GT(test::fuzz_decode<response>(test::encode_message(full_response(), v), v, 3750 + v), 0);
  }
}

TEST(CreatePartitionsCodecTest, RejectsFlexibleVersions) {
  const auto bytes = test::encode_message(full_request(), create_partitions_max_version);
  wire_reader r(bytes);
  EXPECT_THROW(request::decode(r, create_partitions_max_version + 1), decode_error);
  wire_writer w;
  EXPECT_THROW(full_response().encode(w, create_partitions_max_version + 1), std::invalid_argument);
}

}  // namespace
}  // namespace kb::protocol
