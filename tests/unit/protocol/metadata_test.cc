// Metadata codec (v0-v8): round trips at every version, version-dependent sizes, the v0/v1
// "all topics" spellings, golden v0 request bytes and malformed input.
#include "brokerd/protocol/messages/metadata.h"

#include <gtest/gtest.h>

#include "brokerd/protocol/messages/decode_body.h"
#include "tests/support/codec_checks.h"
#include "tests/unit/protocol/message_samples.h"

namespace kb::protocol {
namespace {

using test::encode_message;
using test::from_hex;

TEST(MetadataCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = metadata_min_version; v <= metadata_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::full_metadata_request(), samples::metadata_request_at(v), v);
    test::expect_every_truncation_throws<metadata_request>(bytes, v);
  }
}

TEST(MetadataCodecTest, RequestSizesOmitAbsentFields) {
  // topics: count 4 + "a" 3 + "bc" 4 = 11; v4 adds a bool; v8 two more.
  EXPECT_EQ(encode_message(samples::full_metadata_request(), 0).size(), 11u);
  EXPECT_EQ(encode_message(samples::full_metadata_request(), 3).size(), 11u);
  EXPECT_EQ(encode_message(samples::full_metadata_request(), 4).size(), 12u);
  EXPECT_EQ(encode_message(samples::full_metadata_request(), 8).size(), 14u);
}

TEST(MetadataCodecTest, RequestV0GoldenBytes) {
  metadata_request m;
  m.topics = std::vector<metadata_request_topic>{{"t1"}};
  EXPECT_EQ(encode_message(m, 0), from_hex("00000001 0002 7431"));
  // kafka-python's probe: an empty v0 array means every topic.
  auto probe = from_hex("00000000");
  auto decoded = decode_body<metadata_request>(probe, 0);
  ASSERT_TRUE(decoded.topics.has_value());
  EXPECT_TRUE(decoded.all_topics(0));
}

TEST(MetadataCodecTest, NullTopicsMeanAllFromV1) {
  metadata_request m;  // topics = null
  EXPECT_EQ(encode_message(m, 1), from_hex("ffffffff"));
  auto bytes = encode_message(m, 1);
  auto decoded = decode_body<metadata_request>(bytes, 1);
  EXPECT_FALSE(decoded.topics.has_value());
  EXPECT_TRUE(decoded.all_topics(1));
  // From v1 an empty array is "no topics".
  auto empty = from_hex("00000000");
  EXPECT_FALSE(decode_body<metadata_request>(empty, 1).all_topics(1));
}

TEST(MetadataCodecTest, NullTopicsAtV0AreWrittenAsEmptyAndRejectedOnRead) {
  EXPECT_EQ(encode_message(metadata_request{}, 0), from_hex("00000000"));
  auto null_v0 = from_hex("ffffffff");
  EXPECT_THROW(decode_body<metadata_request>(null_v0, 0), decode_error);
}

TEST(MetadataCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = metadata_min_version; v <= metadata_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::full_metadata_response(), samples::metadata_response_at(v), v);
    test::expect_every_truncation_throws<metadata_response>(bytes, v);
  }
}

TEST(MetadataCodecTest, ResponseSizesOmitAbsentFields) {
  // v0: brokers 4 + (4+4+4) + (4+7+4) = 31; topics 4 + error 2 + "t" 3 + count 4 +
  // partition (2+4+4 + replicas 12 + isr 8 = 30) = 43.
  EXPECT_EQ(encode_message(samples::full_metadata_response(), 0).size(), 74u);
  // v8: + throttle 4, racks 4+2, cluster_id 5, controller 4, is_internal 1, leader_epoch 4,
  // offline 8, topic ops 4, cluster ops 4.
  EXPECT_EQ(encode_message(samples::full_metadata_response(), 8).size(), 114u);
}

TEST(MetadataCodecTest, NullRackAndClusterIdRoundTrip) {
  metadata_response m;
  m.brokers = {{5, "h", 1, std::nullopt}};
  auto bytes = test::expect_round_trip(m, m, 2);
  EXPECT_EQ(bytes, from_hex("00000001 00000005 0001 68 00000001 ffff  ffff  ffffffff  00000000"));
}

TEST(MetadataCodecTest, HugeArrayCountsThrow) {
  auto topics = from_hex("7fffffff 0001 61");
  EXPECT_THROW(decode_body<metadata_request>(topics, 1), decode_error);
  auto brokers = from_hex("7fffffff");
  EXPECT_THROW(decode_body<metadata_response>(brokers, 0), decode_error);
  // One topic whose partition count is huge.
  auto partitions = from_hex("00000000 00000001 0000 0001 74 7fffffff");
  EXPECT_THROW(decode_body<metadata_response>(partitions, 0), decode_error);
  // One partition whose replica count is huge.
  auto replicas = from_hex("00000000 00000001 0000 0001 74 00000001 0000 00000000 00000001 7fffffff");
  EXPECT_THROW(decode_body<metadata_response>(replicas, 0), decode_error);
}

TEST(MetadataCodecTest, NegativeStringLengthThrows) {
  auto bytes = from_hex("00000001 fffe");
  EXPECT_THROW(decode_body<metadata_request>(bytes, 1), decode_error);
  auto null_name = from_hex("00000001 ffff");
  EXPECT_THROW(decode_body<metadata_request>(null_name, 1), decode_error);
}

TEST(MetadataCodecTest, FlexibleVersionsAreNotImplemented) {
  auto bytes = from_hex("00");
  EXPECT_THROW(decode_body<metadata_request>(bytes, 9), decode_error);
}

}  // namespace
}  // namespace kb::protocol
