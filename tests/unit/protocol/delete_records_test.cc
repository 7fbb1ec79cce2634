#include "brokerd/protocol/messages/delete_records.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "tests/support/codec_checks.h"

namespace kb::protocol {
namespace {

using request = delete_records_request;
using response = delete_records_response;

// v0 and v1 share one layout, so one message serves every version.
request full_request() {
  request m;
  m.topics = {{"orders", {{0, 100}, {1, -1}}}, {"t2", {}}};
  m.timeout_ms = 5000;
  return m;
}

response full_response() {
  response m;
  m.throttle_time_ms = 3;
  m.topics = {
      {"orders", {{0, 100, error_code::none}, {1, -1, error_code::offset_out_of_range}}},
      {"t2", {}},
  };
  return m;
}

TEST(DeleteRecordsCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = delete_records_min_version; v <= delete_records_max_version; ++v) {
    test::expect_round_trip(full_request(), full_request(), v);
  }
}

TEST(DeleteRecordsCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = delete_records_min_version; v <= delete_records_max_version; ++v) {
    test::expect_round_trip(full_response(), full_response(), v);
  }
}

TEST(DeleteRecordsCodecTest, RequestLengthsCountOnlyFieldsOfTheVersion) {
  constexpr size_t every_version = 4 + ((2 + 6) + 4 + 2 * (4 + 8)) + ((2 + 2) + 4) + 4;
  EXPECT_EQ(test::encode_message(full_request(), 0).size(), every_version);
  EXPECT_EQ(test::encode_message(full_request(), 1).size(), every_version);
}

TEST(DeleteRecordsCodecTest, ResponseLengthsCountOnlyFieldsOfTheVersion) {
  constexpr size_t every_version = 4 + 4 + ((2 + 6) + 4 + 2 * (4 + 8 + 2)) + ((2 + 2) + 4);
  EXPECT_EQ(test::encode_message(full_response(), 0).size(), every_version);
  EXPECT_EQ(test::encode_message(full_response(), 1).size(), every_version);
}

TEST(DeleteRecordsCodecTest, MatchesKafkaFieldOrder) {
  request req;
  req.topics = {{"a", {{2, 16}}}};
  req.timeout_ms = 1000;
  EXPECT_EQ(test::encode_message(req, 0),
            test::from_hex("00000001 0001 61 00000001 00000002 0000000000000010 000003e8"));
  response resp;
  resp.topics = {{"a", {{2, 16, error_code::offset_out_of_range}}}};
  EXPECT_EQ(test::encode_message(resp, 1),
            test::from_hex("00000000 00000001 0001 61 00000001 00000002 0000000000000010 0001"));
}

TEST(DeleteRecordsCodecTest, TruncatedInputThrowsAtEveryVersion) {
  for (int16_t v = delete_records_min_version; v <= delete_records_max_version; ++v) {
    test::expect_every_truncation_throws<request>(test::encode_message(full_request(), v), v);
    test::expect_every_truncation_throws<response>(test::encode_message(full_response(), v), v);
  }
}

TEST(DeleteRecordsCodecTest, MutatedInputDecodesOrThrowsDecodeError) {
  for (int16_t v = delete_records_min_version; v <= delete_records_max_version; ++v) {
    EXPECT_GT(test::fuzz_decode<request>(test::encode_message(full_request(), v), v, 2100 + v), 0);
    EXPECT_GT(test::fuzz_decode<response>(test::encode_message(full_response(), v), v, 2150 + v), 0);
  }
}

TEST(DeleteRecordsCodecTest, RejectsFlexibleVersions) {
  const auto bytes = test::encode_message(full_request(), delete_records_max_version);
  wire_reader r(bytes);
  EXPECT_THROW(request::decode(r, delete_records_max_version + 1), decode_error);
  wire_writer w;
  EXPECT_THROW(full_response().encode(w, delete_records_max_version + 1), std::invalid_argument);
}

}  // namespace
}  // namespace kb::protocol
