#include "brokerd/protocol/messages/delete_topics.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "tests/support/codec_checks.h"

namespace kb::protocol {
namespace {

using request = delete_topics_request;
using response = delete_topics_response;

request full_request() {
  request m;
  m.topic_names = {"orders", "t2", ""};
  m.timeout_ms = 30000;
  return m;
}

response full_response() {
  response m;
  m.throttle_time_ms = 100;
  m.responses = {{"orders", error_code::none}, {"t2", error_code::topic_deletion_disabled}};
  return m;
}

response response_at(int16_t version) {
  response m = full_response();
  if (version < 1) m.throttle_time_ms = 0;
  return m;
}

TEST(DeleteTopicsCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = delete_topics_min_version; v <= delete_topics_max_version; ++v) {
    test::expect_round_trip(full_request(), full_request(), v);
  }
}

TEST(DeleteTopicsCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = delete_topics_min_version; v <= delete_topics_max_version; ++v) {
    test::expect_round_trip(full_response(), response_at(v), v);
  }
}

TEST(DeleteTopicsCodecTest, RequestLengthsCountOnlyFieldsOfTheVersion) {
  constexpr size_t every_version = 4 + (2 + 6) + (2 + 2) + (2 + 0) + 4;  // topic_names, timeout_ms
  EXPECT_EQ(test::encode_message(full_request(), 0).size(), every_version);
  EXPECT_EQ(test::encode_message(full_request(), 3).size(), every_version);
}

TEST(DeleteTopicsCodecTest, ResponseLengthsCountOnlyFieldsOfTheVersion) {
  constexpr size_t v0 = 4 + (2 + 6 + 2) + (2 + 2 + 2);
  EXPECT_EQ(test::encode_message(full_response(), 0).size(), v0);
  EXPECT_EQ(test::encode_message(full_response(), 3).size(), v0 + 4);  // + throttle_time_ms
}

TEST(DeleteTopicsCodecTest, MatchesKafkaFieldOrder) {
  request req;
  req.topic_names = {"a"};
  req.timeout_ms = 1000;
  EXPECT_EQ(test::encode_message(req, 3), test::from_hex("00000001 0001 61 000003e8"));
  response resp;
  resp.throttle_time_ms = 7;
  resp.responses = {{"a", error_code::unknown_topic_or_partition}};
  EXPECT_EQ(test::encode_message(resp, 1), test::from_hex("00000007 00000001 0001 61 0003"));
  EXPECT_EQ(test::encode_message(resp, 0), test::from_hex("00000001 0001 61 0003"));
}

TEST(DeleteTopicsCodecTest, NullTopicNamesArrayIsADecodeError) {
  const auto bytes = test::from_hex("ffffffff 000003e8");
  wire_reader r(bytes);
  EXPECT_THROW(request::decode(r, 0), decode_error);
}

TEST(DeleteTopicsCodecTest, TruncatedInputThrowsAtEveryVersion) {
  for (int16_t v = delete_topics_min_version; v <= delete_topics_max_version; ++v) {
    test::expect_every_truncation_throws<request>(test::encode_message(full_request(), v), v);
    test::expect_every_truncation_throws<response>(test::encode_message(full_response(), v), v);
  }
}

TEST(DeleteTopicsCodecTest, MutatedInputDecodesOrThrowsDecodeError) {
  for (int16_t v = delete_topics_min_version; v <= delete_topics_max_version; ++v) {
    EXPECT_GT(test::fuzz_decode<request>(test::encode_message(full_request(), v), v, 2000 + v), 0);
    EXPECT_GT(test::fuzz_decode<response>(test::encode_message(full_response(), v), v, 2050 + v), 0);
  }
}

TEST(DeleteTopicsCodecTest, RejectsFlexibleVersions) {
  const auto bytes = test::encode_message(full_request(), delete_topics_max_version);
  wire_reader r(bytes);
  EXPECT_THROW(request::decode(r, delete_topics_max_version + 1), decode_error);
  wire_writer w;
  EXPECT_THROW(full_response().encode(w, delete_topics_max_version + 1), std::invalid_argument);
}

}  // namespace
}  // namespace kb::protocol
