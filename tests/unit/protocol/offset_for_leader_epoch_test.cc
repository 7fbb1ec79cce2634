// OffsetForLeaderEpoch codec (v0-v3): round trips at every version, sizes, and malformed input.
#include "brokerd/protocol/messages/offset_for_leader_epoch.h"

#include <gtest/gtest.h>

#include "brokerd/protocol/messages/decode_body.h"
#include "tests/support/codec_checks.h"
#include "tests/unit/protocol/message_samples.h"

namespace kb::protocol {
namespace {

using test::encode_message;
using test::from_hex;

TEST(OffsetForLeaderEpochCodecTest, RequestRoundTripsAtEveryVersion) {
  const auto full = samples::offset_for_leader_epoch_request_at(offset_for_leader_epoch_max_version);
  for (int16_t v = offset_for_leader_epoch_min_version; v <= offset_for_leader_epoch_max_version; ++v) {
    auto bytes = test::expect_round_trip(full, samples::offset_for_leader_epoch_request_at(v), v);
    test::expect_every_truncation_throws<offset_for_leader_epoch_request>(bytes, v);
  }
}

TEST(OffsetForLeaderEpochCodecTest, RequestSizesOmitAbsentFields) {
  const auto full = samples::offset_for_leader_epoch_request_at(offset_for_leader_epoch_max_version);
  // v0: topics 4 + "t" 3 + partitions 4 + (partition 4 + leader epoch 4) = 19.
  EXPECT_EQ(encode_message(full, 0).size(), 19u);
  EXPECT_EQ(encode_message(full, 2).size(), 23u);  // + current leader epoch
  EXPECT_EQ(encode_message(full, 3).size(), 27u);  // + replica id
}

TEST(OffsetForLeaderEpochCodecTest, RequestDefaultsMatchKafka) {
  EXPECT_EQ(offset_for_leader_epoch_request{}.replica_id, -2);
  EXPECT_EQ(offset_for_leader_partition{}.current_leader_epoch, -1);
}

TEST(OffsetForLeaderEpochCodecTest, ResponseRoundTripsAtEveryVersion) {
  const auto full = samples::offset_for_leader_epoch_response_at(offset_for_leader_epoch_max_version);
  for (int16_t v = offset_for_leader_epoch_min_version; v <= offset_for_leader_epoch_max_version; ++v) {
    auto bytes = test::expect_round_trip(full, samples::offset_for_leader_epoch_response_at(v), v);
    test::expect_every_truncation_throws<offset_for_leader_epoch_response>(bytes, v);
  }
}

TEST(OffsetForLeaderEpochCodecTest, ResponseSizesOmitAbsentFields) {
  const auto full = samples::offset_for_leader_epoch_response_at(offset_for_leader_epoch_max_version);
  // v0: topics 4 + "t" 3 + partitions 4 + (error 2 + partition 4 + end offset 8) = 25.
  EXPECT_EQ(encode_message(full, 0), from_hex("00000001 0001 74 00000001 004a 00000000 0000000000000064"));
  EXPECT_EQ(encode_message(full, 1).size(), 29u);  // + leader epoch
  EXPECT_EQ(encode_message(full, 3).size(), 33u);  // + throttle
}

TEST(OffsetForLeaderEpochCodecTest, HugeCountsThrow) {
  auto topics = from_hex("00000001 7fffffff");
  EXPECT_THROW(decode_body<offset_for_leader_epoch_request>(topics, 3), decode_error);
  auto partitions = from_hex("00000001 0001 74 7fffffff");
  EXPECT_THROW(decode_body<offset_for_leader_epoch_response>(partitions, 0), decode_error);
}

}  // namespace
}  // namespace kb::protocol
