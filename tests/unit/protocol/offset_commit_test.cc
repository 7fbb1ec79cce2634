// OffsetCommit codec (v0-v7): round trips at every version (each version drops the fields it
// lacks: commit_timestamp outside v1, retention_time_ms outside v2-4), golden bytes for the
// four request layouts, Kafka's defaults and malformed input.
#include "brokerd/protocol/messages/offset_commit.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "brokerd/protocol/messages/decode_body.h"
#include "tests/support/codec_checks.h"
#include "tests/unit/protocol/group_message_samples.h"

namespace kb::protocol {
namespace {

using request = offset_commit_request;
using response = offset_commit_response;
using test::encode_message;
using test::from_hex;

TEST(OffsetCommitCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = offset_commit_min_version; v <= offset_commit_max_version; ++v) {
    auto bytes =
        test::expect_round_trip(samples::full_offset_commit_request(), samples::offset_commit_request_at(v), v);
    test::expect_every_truncation_throws<request>(bytes, v);
  }
}

TEST(OffsetCommitCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = offset_commit_min_version; v <= offset_commit_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::offset_commit_response_at(offset_commit_max_version),
                                         samples::offset_commit_response_at(v), v);
    test::expect_every_truncation_throws<response>(bytes, v);
  }
}

request one_partition(int16_t version) {
  request m;
  m.group_id = "g";
  if (version >= 1) {
    m.generation_id = 1;
    m.member_id = "m";
  }
  request::offset_commit_request_partition p;
  p.committed_offset = 5;
  m.topics = {{"t", {p}}};
  return m;
}

TEST(OffsetCommitCodecTest, RequestGoldenBytes) {
  request v0 = one_partition(0);
  EXPECT_EQ(test::expect_round_trip(v0, v0, 0),
            from_hex("0001 67 00000001 0001 74 00000001 00000000 0000000000000005 0000"));

  request v1 = one_partition(1);
  v1.topics[0].partitions[0].commit_timestamp = 1000;
  v1.topics[0].partitions[0].committed_metadata = std::nullopt;
  EXPECT_EQ(test::expect_round_trip(v1, v1, 1),
            from_hex("0001 67 00000001 0001 6d"
                     "00000001 0001 74 00000001 00000000 0000000000000005 00000000000003e8 ffff"));

  request v2 = one_partition(2);  // retention_time_ms -1
  EXPECT_EQ(test::expect_round_trip(v2, v2, 2),
            from_hex("0001 67 00000001 0001 6d ffffffffffffffff"
                     "00000001 0001 74 00000001 00000000 0000000000000005 0000"));

  request v7 = one_partition(7);
  v7.group_instance_id = "i";
  v7.topics[0].partitions[0].committed_leader_epoch = 2;
  EXPECT_EQ(test::expect_round_trip(v7, v7, 7),
            from_hex("0001 67 00000001 0001 6d 0001 69"
                     "00000001 0001 74 00000001 00000000 0000000000000005 00000002 0000"));
}

TEST(OffsetCommitCodecTest, ResponseGoldenBytes) {
  response m;
  m.topics = {{"t", {{0, error_code::illegal_generation}}}};
  EXPECT_EQ(test::expect_round_trip(m, m, 0), from_hex("00000001 0001 74 00000001 00000000 0016"));
  EXPECT_EQ(test::expect_round_trip(m, m, 3), from_hex("00000000 00000001 0001 74 00000001 00000000 0016"));
}

TEST(OffsetCommitCodecTest, DefaultsMatchKafka) {
  const request m;
  EXPECT_EQ(m.generation_id, -1);
  EXPECT_EQ(m.retention_time_ms, -1);
  EXPECT_FALSE(m.group_instance_id.has_value());
  const request::offset_commit_request_partition p;
  EXPECT_EQ(p.committed_leader_epoch, -1);
  EXPECT_EQ(p.commit_timestamp, -1);
  EXPECT_EQ(p.committed_metadata, std::optional<std::string>(""));
}

TEST(OffsetCommitCodecTest, RejectsFlexibleVersions) {
  auto bytes = encode_message(samples::offset_commit_request_at(offset_commit_max_version), offset_commit_max_version);
  EXPECT_THROW(decode_body<request>(bytes, offset_commit_max_version + 1), decode_error);
  wire_writer w;
  EXPECT_THROW(response{}.encode(w, offset_commit_max_version + 1), std::invalid_argument);
}

}  // namespace
}  // namespace kb::protocol
