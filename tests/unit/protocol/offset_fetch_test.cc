// OffsetFetch codec (v0-v5, the single-group layout): round trips at every version, null
// topics ("every committed partition") from v2 only, the top-level error code after the
// topics, golden bytes and malformed input.
#include "brokerd/protocol/messages/offset_fetch.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "brokerd/protocol/messages/decode_body.h"
#include "tests/support/codec_checks.h"
#include "tests/unit/protocol/group_message_samples.h"

namespace kb::protocol {
namespace {

using request = offset_fetch_request;
using response = offset_fetch_response;
using test::encode_message;
using test::from_hex;

TEST(OffsetFetchCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = offset_fetch_min_version; v <= offset_fetch_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::offset_fetch_request_at(v), samples::offset_fetch_request_at(v), v);
    test::expect_every_truncation_throws<request>(bytes, v);
  }
}

TEST(OffsetFetchCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = offset_fetch_min_version; v <= offset_fetch_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::offset_fetch_response_at(offset_fetch_max_version),
                                         samples::offset_fetch_response_at(v), v);
    test::expect_every_truncation_throws<response>(bytes, v);
  }
}

TEST(OffsetFetchCodecTest, RequestGoldenBytes) {
  request m;
  m.group_id = "g";
  m.topics = std::vector<request::offset_fetch_request_topic>{{"t", {0}}};
  EXPECT_EQ(test::expect_round_trip(m, m, 1), from_hex("0001 67 00000001 0001 74 00000001 00000000"));
}

TEST(OffsetFetchCodecTest, NullTopicsMeanAllFromV2) {
  request m;
  m.group_id = "g";
  m.topics = std::nullopt;
  for (int16_t v = 2; v <= offset_fetch_max_version; ++v) {
    EXPECT_EQ(test::expect_round_trip(m, m, v), from_hex("0001 67 ffffffff"));
  }
  auto null_v1 = from_hex("0001 67 ffffffff");
  EXPECT_THROW(decode_body<request>(null_v1, 1), decode_error);
  wire_writer w;
  EXPECT_THROW(m.encode(w, 1), std::invalid_argument);
}

TEST(OffsetFetchCodecTest, ResponseGoldenBytes) {
  response m;
  response::offset_fetch_response_partition p;
  p.committed_offset = 5;
  m.topics = {{"t", {p}}};
  EXPECT_EQ(test::expect_round_trip(m, m, 1),
            from_hex("00000001 0001 74 00000001 00000000 0000000000000005 0000 0000"));

  m.topics[0].partitions[0].committed_leader_epoch = 2;
  m.topics[0].partitions[0].metadata = std::nullopt;
  m.error_code = error_code::coordinator_load_in_progress;
  EXPECT_EQ(test::expect_round_trip(m, m, 5),
            from_hex("00000000 00000001 0001 74 00000001 00000000 0000000000000005 00000002 ffff 0000 000e"));
}

TEST(OffsetFetchCodecTest, DefaultsMatchKafka) {
  EXPECT_EQ(request{}.topics, std::optional(std::vector<request::offset_fetch_request_topic>()));
  EXPECT_EQ(response::offset_fetch_response_partition{}.committed_leader_epoch, -1);
  EXPECT_EQ(response{}.error_code, error_code::none);
}

TEST(OffsetFetchCodecTest, RejectsFlexibleVersions) {
  auto bytes = encode_message(samples::offset_fetch_request_at(offset_fetch_max_version), offset_fetch_max_version);
  EXPECT_THROW(decode_body<request>(bytes, offset_fetch_max_version + 1), decode_error);
  wire_writer w;
  EXPECT_THROW(response{}.encode(w, offset_fetch_max_version + 1), std::invalid_argument);
}

}  // namespace
}  // namespace kb::protocol
