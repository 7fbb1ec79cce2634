#include "brokerd/protocol/messages/describe_log_dirs.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "tests/support/codec_checks.h"

namespace kb::protocol {
namespace {

using request = describe_log_dirs_request;
using response = describe_log_dirs_response;

request full_request() {
  request m;
  m.topics = std::vector<request::describable_log_dir_topic>{{"orders", {0, 1, 2}}, {"t2", {}}};
  return m;
}

// Every field of `version`; the ones it lacks keep their defaults.
response full_response(int16_t version) {
  response m;
  m.throttle_time_ms = 3;
  if (version >= 3) m.error_code = error_code::cluster_authorization_failed;
  response::describe_log_dirs_result live;
  live.log_dir = "/var/kafka/a";
  live.topics = {{"orders", {{0, 4096, 0, false}, {1, 0, -1, true}}}, {"t2", {}}};
  if (version >= 4) {
    live.total_bytes = 1 << 30;
    live.usable_bytes = 1 << 20;
  }
  response::describe_log_dirs_result offline;
  offline.error_code = error_code::kafka_storage_error;
  offline.log_dir = "/var/kafka/b";
  m.results = {live, offline};
  return m;
}

TEST(DescribeLogDirsCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = describe_log_dirs_min_version; v <= describe_log_dirs_max_version; ++v) {
    test::expect_round_trip(full_request(), full_request(), v);
    test::expect_round_trip(request{}, request{}, v);  // null: every partition
  }
}

TEST(DescribeLogDirsCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = describe_log_dirs_min_version; v <= describe_log_dirs_max_version; ++v) {
    test::expect_round_trip(full_response(v), full_response(v), v);
  }
}

TEST(DescribeLogDirsCodecTest, FieldsAVersionLacksAreNotSent) {
  response every = full_response(describe_log_dirs_max_version);
  for (int16_t v = describe_log_dirs_min_version; v < describe_log_dirs_max_version; ++v) {
    test::expect_round_trip(every, full_response(v), v);
  }
}

TEST(DescribeLogDirsCodecTest, MatchesKafkaLayouts) {
  request all;
  EXPECT_EQ(test::encode_message(all, 0), test::from_hex("ffffffff"));
  EXPECT_EQ(test::encode_message(all, 2), test::from_hex("00 00"));
  request one;
  one.topics = std::vector<request::describable_log_dir_topic>{{"a", {1}}};
  EXPECT_EQ(test::encode_message(one, 1), test::from_hex("00000001 0001 61 00000001 00000001"));
  EXPECT_EQ(test::encode_message(one, 2), test::from_hex("02 02 61 02 00000001 00 00"));

  response resp;
  response::describe_log_dirs_result dir;
  dir.error_code = error_code::kafka_storage_error;
  dir.log_dir = "/d";
  dir.topics = {{"t", {{0, 5, 0, false}}}};
  dir.total_bytes = 1000;
  dir.usable_bytes = 100;
  resp.results = {dir};
  EXPECT_EQ(test::encode_message(resp, 0),
            test::from_hex("00000000 00000001 0038 0002 2f64 00000001 0001 74 00000001 "
                           "00000000 0000000000000005 0000000000000000 00"));
  EXPECT_EQ(test::encode_message(resp, 2),  // flexible, without v3's error code and v4's sizes
            test::from_hex("00000000 02 0038 03 2f64 02 02 74 02 "
                           "00000000 0000000000000005 0000000000000000 00 00 00 00 00"));
  resp.error_code = error_code::cluster_authorization_failed;
  EXPECT_EQ(test::encode_message(resp, 3),
            test::from_hex("00000000 001f 02 0038 03 2f64 02 02 74 02 "
                           "00000000 0000000000000005 0000000000000000 00 00 00 00 00"));
  resp.error_code = error_code::none;
  EXPECT_EQ(test::encode_message(resp, 4),
            test::from_hex("00000000 0000 02 0038 03 2f64 02 02 74 02 "
                           "00000000 0000000000000005 0000000000000000 00 00 00 "
                           "00000000000003e8 0000000000000064 00 00"));
}

TEST(DescribeLogDirsCodecTest, TruncatedInputThrowsAtEveryVersion) {
  for (int16_t v = describe_log_dirs_min_version; v <= describe_log_dirs_max_version; ++v) {
    test::expect_every_truncation_throws<request>(test::encode_message(full_request(), v), v);
    test::expect_every_truncation_throws<response>(test::encode_message(full_response(v), v), v);
  }
}

TEST(DescribeLogDirsCodecTest, MutatedInputDecodesOrThrowsDecodeError) {
  for (int16_t v = describe_log_dirs_min_version; v <= describe_log_dirs_max_version; ++v) {
    EXPECT_GT(test::fuzz_decode<request>(test::encode_message(full_request(), v), v, 3500 + v), 0);
    EXPECT_GT(test::fuzz_decode<response>(test::encode_message(full_response(v), v), v, 3550 + v), 0);
  }
}

TEST(DescribeLogDirsCodecTest, RejectsVersionsPastTheLast) {
  const auto bytes = test::encode_message(full_request(), describe_log_dirs_max_version);
  wire_reader r(bytes);
  EXPECT_THROW(request::decode(r, describe_log_dirs_max_version + 1), decode_error);
  wire_writer w;
  EXPECT_THROW(full_response(4).encode(w, describe_log_dirs_max_version + 1), std::invalid_argument);
}

}  // namespace
}  // namespace kb::protocol
