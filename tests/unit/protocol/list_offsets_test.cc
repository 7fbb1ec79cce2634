// ListOffsets codec (v0-v5): round trips at every version (v0's max_num_offsets and
// old-style offsets array, v1+'s single timestamp/offset), sizes and malformed input.
#include "brokerd/protocol/messages/list_offsets.h"

#include <gtest/gtest.h>

#include "brokerd/protocol/messages/decode_body.h"
#include "tests/support/codec_checks.h"
#include "tests/unit/protocol/message_samples.h"

namespace kb::protocol {
namespace {

using test::encode_message;
using test::from_hex;

TEST(ListOffsetsCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = list_offsets_min_version; v <= list_offsets_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::full_list_offsets_request(), samples::list_offsets_request_at(v), v);
    test::expect_every_truncation_throws<list_offsets_request>(bytes, v);
  }
}

TEST(ListOffsetsCodecTest, RequestSizesOmitAbsentFields) {
  // v0: replica 4 + topics 4 + "t" 3 + partitions 4 + (index 4 + timestamp 8 + max 4) = 31.
  EXPECT_EQ(encode_message(samples::full_list_offsets_request(), 0).size(), 31u);
  // v1 drops max_num_offsets; v2 adds isolation 1; v4 adds leader epoch 4.
  EXPECT_EQ(encode_message(samples::full_list_offsets_request(), 1).size(), 27u);
  EXPECT_EQ(encode_message(samples::full_list_offsets_request(), 5).size(), 32u);
}

TEST(ListOffsetsCodecTest, RequestV0GoldenBytes) {
  list_offsets_request m;
  m.replica_id = -1;
  m.topics = {{"t", {{0, -1, list_offsets_latest_timestamp, 1}}}};
  EXPECT_EQ(encode_message(m, 0), from_hex("ffffffff 00000001 0001 74 00000001 00000000 ffffffffffffffff 00000001"));
}

TEST(ListOffsetsCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = list_offsets_min_version; v <= list_offsets_max_version; ++v) {
    auto bytes =
        test::expect_round_trip(samples::full_list_offsets_response(), samples::list_offsets_response_at(v), v);
    test::expect_every_truncation_throws<list_offsets_response>(bytes, v);
  }
}

TEST(ListOffsetsCodecTest, ResponseSizesOmitAbsentFields) {
  // v0: topics 4 + "t" 3 + partitions 4 + (index 4 + error 2 + offsets 4 + 16) = 37.
  EXPECT_EQ(encode_message(samples::full_list_offsets_response(), 0).size(), 37u);
  // v5: throttle 4 + 4 + 3 + 4 + (4 + 2 + timestamp 8 + offset 8 + leader epoch 4) = 41.
  EXPECT_EQ(encode_message(samples::full_list_offsets_response(), 5).size(), 41u);
}

TEST(ListOffsetsCodecTest, HugeCountsThrow) {
  auto topics = from_hex("ffffffff 7fffffff");
  EXPECT_THROW(decode_body<list_offsets_request>(topics, 0), decode_error);
  auto offsets = from_hex("00000001 0001 74 00000001 00000000 0000 7fffffff");
  EXPECT_THROW(decode_body<list_offsets_response>(offsets, 0), decode_error);
  auto null_offsets = from_hex("00000001 0001 74 00000001 00000000 0000 ffffffff");
  EXPECT_THROW(decode_body<list_offsets_response>(null_offsets, 0), decode_error);
}

}  // namespace
}  // namespace kb::protocol
