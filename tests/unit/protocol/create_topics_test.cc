#include "brokerd/protocol/messages/create_topics.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "tests/support/codec_checks.h"

namespace kb::protocol {
namespace {

using request = create_topics_request;
using response = create_topics_response;

const std::string error_text = "Topic 't2' already exists.";

// Every field non-default, nullable fields both null and set.
request full_request() {
  request m;
  m.topics = {
      {"orders", 3, 2, {{0, {1, 2}}, {1, {2, 3}}}, {{"cleanup.policy", "compact"}, {"retention.ms", std::nullopt}}},
      {"t2", -1, -1, {}, {}},
  };
  m.timeout_ms = 1234;
  m.validate_only = true;
  return m;
}

// What a peer decodes at `version`: fields the version lacks keep Kafka's defaults.
request request_at(int16_t version) {
  request m = full_request();
  if (version < 1) m.validate_only = false;
  return m;
}

response full_response() {
  response m;
  m.throttle_time_ms = 250;
  m.topics = {
      {"orders", error_code::none, std::nullopt},
      {"t2", error_code::topic_already_exists, error_text},
  };
  return m;
}

response response_at(int16_t version) {
  response m = full_response();
  if (version < 2) m.throttle_time_ms = 0;
  if (version < 1) {
    for (auto& t : m.topics) t.error_message = std::string();
  }
  return m;
}

TEST(CreateTopicsCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = create_topics_min_version; v <= create_topics_max_version; ++v) {
    test::expect_round_trip(full_request(), request_at(v), v);
  }
}

TEST(CreateTopicsCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = create_topics_min_version; v <= create_topics_max_version; ++v) {
    test::expect_round_trip(full_response(), response_at(v), v);
  }
}

TEST(CreateTopicsCodecTest, RequestLengthsCountOnlyFieldsOfTheVersion) {
  constexpr size_t orders = (2 + 6) + 4 + 2                      // name, num_partitions, replication_factor
                            + (4 + 2 * (4 + 4 + 2 * 4))          // assignments
                            + (4 + (2 + 14 + 2 + 7) + (2 + 12 + 2));  // configs, one value null
  constexpr size_t t2 = (2 + 2) + 4 + 2 + 4 + 4;
  constexpr size_t v0 = 4 + orders + t2 + 4;  // topics, timeout_ms
  EXPECT_EQ(test::encode_message(full_request(), 0).size(), v0);
  EXPECT_EQ(test::encode_message(full_request(), 4).size(), v0 + 1);  // + validate_only
}

TEST(CreateTopicsCodecTest, ResponseLengthsCountOnlyFieldsOfTheVersion) {
  constexpr size_t v0 = 4 + (2 + 6 + 2) + (2 + 2 + 2);  // topics: name, error_code
  EXPECT_EQ(test::encode_message(full_response(), 0).size(), v0);
  // + throttle_time_ms, + error_message (null, then set)
  EXPECT_EQ(test::encode_message(full_response(), 4).size(), v0 + 4 + 2 + (2 + error_text.size()));
}

TEST(CreateTopicsCodecTest, MatchesKafkaFieldOrder) {
  request req;
  req.topics = {{"a", 1, 1, {{0, {7}}}, {{"k", std::nullopt}}}};
  req.timeout_ms = 5000;
  req.validate_only = true;
  EXPECT_EQ(test::encode_message(req, 1), test::from_hex("00000001 0001 61 00000001 0001"
                                                         " 00000001 00000000 00000001 00000007"
                                                         " 00000001 0001 6b ffff"
                                                         " 00001388 01"));
  response resp;
  resp.throttle_time_ms = 9;
  resp.topics = {{"a", error_code::invalid_partitions, std::nullopt}};
  EXPECT_EQ(test::encode_message(resp, 2), test::from_hex("00000009 00000001 0001 61 0025 ffff"));
}

TEST(CreateTopicsCodecTest, TruncatedInputThrowsAtEveryVersion) {
  for (int16_t v = create_topics_min_version; v <= create_topics_max_version; ++v) {
    test::expect_every_truncation_throws<request>(test::encode_message(full_request(), v), v);
    test::expect_every_truncation_throws<response>(test::encode_message(full_response(), v), v);
  }
}

TEST(CreateTopicsCodecTest, MutatedInputDecodesOrThrowsDecodeError) {
  for (int16_t v = create_topics_min_version; v <= create_topics_max_version; ++v) {
    EXPECT_GT(test::fuzz_decode<request>(test::encode_message(full_request(), v), v, 1900 + v), 0);
    EXPECT_GT(test::fuzz_decode<response>(test::encode_message(full_response(), v), v, 1950 + v), 0);
  }
}

TEST(CreateTopicsCodecTest, RejectsFlexibleVersions) {
  const auto bytes = test::encode_message(full_request(), create_topics_max_version);
  wire_reader r(bytes);
  EXPECT_THROW(request::decode(r, create_topics_max_version + 1), decode_error);
  wire_writer w;
  EXPECT_THROW(full_response().encode(w, create_topics_max_version + 1), std::invalid_argument);
}

}  // namespace
}  // namespace kb::protocol
