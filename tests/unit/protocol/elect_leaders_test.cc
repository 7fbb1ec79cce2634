#include "brokerd/protocol/messages/elect_leaders.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "tests/support/codec_checks.h"

namespace kb::protocol {
namespace {

using request = elect_leaders_request;
using response = elect_leaders_response;

request full_request() {
  request m;
  m.election_type = election_type::unclean;
  m.topic_partitions = std::vector<request::election_topic>{{"orders", {0, 1, 2}}, {"t2", {}}};
  m.timeout_ms = 30000;
  return m;
}

request request_at(int16_t version) {
  request m = full_request();
  if (version < 1) m.election_type = election_type::preferred;
  return m;
}

response full_response() {
  response m;
  m.throttle_time_ms = 8;
  m.error_code = error_code::cluster_authorization_failed;
  m.replica_election_results = {
      {"orders",
       {{0, error_code::none, std::nullopt}, {1, error_code::preferred_leader_not_available, "not available"}}},
      {"t2", {}},
  };
  return m;
}

response response_at(int16_t version) {
  response m = full_response();
  if (version < 1) m.error_code = error_code::none;
  return m;
}

TEST(ElectLeadersCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = elect_leaders_min_version; v <= elect_leaders_max_version; ++v) {
    test::expect_round_trip(full_request(), request_at(v), v);
  }
}

TEST(ElectLeadersCodecTest, NullTopicPartitionsMeansAllAndRoundTrips) {
  request m = full_request();
  m.topic_partitions = std::nullopt;
  for (int16_t v = elect_leaders_min_version; v <= elect_leaders_max_version; ++v) {
    request expected = m;
    if (v < 1) expected.election_type = election_type::preferred;
    test::expect_round_trip(m, expected, v);
  }
}

TEST(ElectLeadersCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = elect_leaders_min_version; v <= elect_leaders_max_version; ++v) {
    test::expect_round_trip(full_response(), response_at(v), v);
  }
}

TEST(ElectLeadersCodecTest, RequestLengthsCountOnlyFieldsOfTheVersion) {
  constexpr size_t v0 = 4 + ((2 + 6) + (4 + 3 * 4)) + ((2 + 2) + 4) + 4;  // topic_partitions, timeout_ms
  EXPECT_EQ(test::encode_message(full_request(), 0).size(), v0);
  EXPECT_EQ(test::encode_message(full_request(), 1).size(), v0 + 1);  // + election_type
}

TEST(ElectLeadersCodecTest, ResponseLengthsCountOnlyFieldsOfTheVersion) {
  constexpr size_t orders = (2 + 6) + 4 + (4 + 2 + 2) + (4 + 2 + (2 + 13));
  constexpr size_t v0 = 4 + 4 + orders + ((2 + 2) + 4);
  EXPECT_EQ(test::encode_message(full_response(), 0).size(), v0);
  EXPECT_EQ(test::encode_message(full_response(), 1).size(), v0 + 2);  // + error_code
}

TEST(ElectLeadersCodecTest, MatchesKafkaFieldOrder) {
  request all;
  all.election_type = election_type::unclean;
  all.topic_partitions = std::nullopt;
  all.timeout_ms = 100;
  EXPECT_EQ(test::encode_message(all, 1), test::from_hex("01 ffffffff 00000064"));
  request one;
  one.topic_partitions = std::vector<request::election_topic>{{"a", {5}}};
  one.timeout_ms = 100;
  EXPECT_EQ(test::encode_message(one, 0), test::from_hex("00000001 0001 61 00000001 00000005 00000064"));
  response resp;
  resp.replica_election_results = {{"a", {{5, error_code::election_not_needed, std::nullopt}}}};
  EXPECT_EQ(test::encode_message(resp, 1),
            test::from_hex("00000000 0000 00000001 0001 61 00000001 00000005 0054 ffff"));
}

TEST(ElectLeadersCodecTest, TruncatedInputThrowsAtEveryVersion) {
  for (int16_t v = elect_leaders_min_version; v <= elect_leaders_max_version; ++v) {
    test::expect_every_truncation_throws<request>(test::encode_message(full_request(), v), v);
    test::expect_every_truncation_throws<response>(test::encode_message(full_response(), v), v);
  }
}

TEST(ElectLeadersCodecTest, MutatedInputDecodesOrThrowsDecodeError) {
  for (int16_t v = elect_leaders_min_version; v <= elect_leaders_max_version; ++v) {
    EXPECT_GT(test::fuzz_decode<request>(test::encode_message(full_request(), v), v, 4300 + v), 0);
    EXPECT_GT(test::fuzz_decode<response>(test::encode_message(full_response(), v), v, 4350 + v), 0);
  }
}

TEST(ElectLeadersCodecTest, RejectsFlexibleVersions) {
  const auto bytes = test::encode_message(full_request(), elect_leaders_max_version);
  wire_reader r(bytes);
  EXPECT_THROW(request::decode(r, elect_leaders_max_version + 1), decode_error);
  wire_writer w;
  EXPECT_THROW(full_response().encode(w, elect_leaders_max_version + 1), std::invalid_argument);
}

}  // namespace
}  // namespace kb::protocol
