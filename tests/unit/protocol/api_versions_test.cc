// ApiVersions codec: every version round trips, v3's flexible layout, the exact bytes of a v0
// response and of the unsupported-version reply librdkafka's v3 probe gets, and malformed input.
#include "brokerd/protocol/messages/api_versions.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "brokerd/protocol/messages/decode_body.h"
#include "tests/support/codec_checks.h"
#include "tests/unit/protocol/message_samples.h"

namespace kb::protocol {
namespace {

using test::encode_message;
using test::from_hex;

TEST(ApiVersionsCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = api_versions_min_version; v <= api_versions_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::full_api_versions_request(), samples::api_versions_request_at(v), v);
    test::expect_every_truncation_throws<api_versions_request>(bytes, v);
  }
}

TEST(ApiVersionsCodecTest, RequestBodyIsEmptyBeforeV3) {
  for (int16_t v = 0; v <= 2; ++v) EXPECT_TRUE(encode_message(samples::full_api_versions_request(), v).empty());
}

TEST(ApiVersionsCodecTest, RequestV3IsCompactStringsAndTags) {
  // uvarint(len + 1) per string, then an empty tagged-field section.
  EXPECT_EQ(encode_message(samples::full_api_versions_request(), 3),
            from_hex("0b 6c 69 62 72 64 6b 61 66 6b 61  06 32 2e 30 2e 32  00"));
}

TEST(ApiVersionsCodecTest, RequestV3SkipsUnknownTaggedFields) {
  // One tag (7) carrying two bytes.
  auto bytes = from_hex("02 61  02 62  01 07 02 aa bb");
  auto m = decode_body<api_versions_request>(bytes, 3);
  EXPECT_EQ(m.client_software_name, "a");
  EXPECT_EQ(m.client_software_version, "b");
}

TEST(ApiVersionsCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = api_versions_min_version; v <= api_versions_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::full_api_versions_response(), samples::api_versions_response_at(v), v);
    test::expect_every_truncation_throws<api_versions_response>(bytes, v);
  }
}

TEST(ApiVersionsCodecTest, ResponseSizesPerVersion) {
  // Three keys: error 2 + count 4 + 3 * 6; v1 adds throttle 4; v3 uses a 1-byte compact
  // count, a tag byte per key and a final tag byte.
  EXPECT_EQ(encode_message(samples::full_api_versions_response(), 0).size(), 24u);
  EXPECT_EQ(encode_message(samples::full_api_versions_response(), 2).size(), 28u);
  EXPECT_EQ(encode_message(samples::full_api_versions_response(), 3).size(), 2u + 1 + 3 * 7 + 4 + 1);
}

TEST(ApiVersionsCodecTest, ResponseV0GoldenBytes) {
  api_versions_response m;
  m.api_keys = {{0, 0, 7}, {18, 0, 3}};
  EXPECT_EQ(encode_message(m, 0), from_hex("0000  00000002  0000 0000 0007  0012 0000 0003"));
}

TEST(ApiVersionsCodecTest, ResponseV3GoldenBytes) {
  api_versions_response m;
  m.api_keys = {{18, 0, 3}};
  m.throttle_time_ms = 1;
  EXPECT_EQ(encode_message(m, 3), from_hex("0000  02  0012 0000 0003 00  00000001  00"));
}

TEST(ApiVersionsCodecTest, ResponseV3SkipsSupportedFeaturesTag) {
  // Tag 0 (SupportedFeatures) with a 3-byte payload we do not model.
  auto bytes = from_hex("0000 01  00000000  01 00 03 01 02 03");
  auto m = decode_body<api_versions_response>(bytes, 3);
  EXPECT_TRUE(m.api_keys.empty());
}

TEST(ApiVersionsCodecTest, UnsupportedVersionReplyExactBytes) {
  // protocol.md §2.3: [int16 35][int32 1][int16 18][int16 0][int16 max].
  wire_writer w;
  encode_unsupported_api_versions_response(w);
  EXPECT_EQ(std::move(w).take(), from_hex("0023  00000001  0012 0000 0003"));
}

TEST(ApiVersionsCodecTest, UnsupportedVersionReplyDecodesAsV0) {
  wire_writer w;
  encode_unsupported_api_versions_response(w);
  auto bytes = std::move(w).take();
  auto m = decode_body<api_versions_response>(bytes, 0);
  EXPECT_EQ(m.error_code, error_code::unsupported_version);
  ASSERT_EQ(m.api_keys.size(), 1u);
  EXPECT_EQ(m.api_keys[0], (api_versions_response_key{18, 0, api_versions_max_version}));
}

TEST(ApiVersionsCodecTest, TrailingBytesAreMalformed) {
  auto bytes = from_hex("00");
  try {
    decode_body<api_versions_request>(bytes, 0);
    FAIL() << "expected decode_error";
  } catch (const decode_error& e) {
    EXPECT_STREQ(e.what(), "unexpected 1 trailing bytes after ApiVersionsRequest");
  }
}

TEST(ApiVersionsCodecTest, HugeArrayCountsThrow) {
  auto classic = from_hex("0000 7fffffff 0012 0000 0003");
  EXPECT_THROW(decode_body<api_versions_response>(classic, 1), decode_error);
  auto negative = from_hex("0000 fffffffe");
  EXPECT_THROW(decode_body<api_versions_response>(negative, 0), decode_error);
  auto null_count = from_hex("0000 ffffffff 00000000");
  EXPECT_THROW(decode_body<api_versions_response>(null_count, 1), decode_error);
  auto compact = from_hex("0000 ffffffff07 00000000 00");  // uvarint 2^32-1
  EXPECT_THROW(decode_body<api_versions_response>(compact, 3), decode_error);
  auto long_string = from_hex("ffffffff0f 00");
  EXPECT_THROW(decode_body<api_versions_request>(long_string, 3), decode_error);
}

TEST(ApiVersionsCodecTest, VersionsOutsideTheRangeAreRejected) {
  std::vector<std::byte> empty;
  EXPECT_THROW(decode_body<api_versions_request>(empty, 4), decode_error);
  EXPECT_THROW(decode_body<api_versions_request>(empty, -1), decode_error);
  wire_writer w;
  EXPECT_THROW(api_versions_response{}.encode(w, 4), std::invalid_argument);
}

TEST(ApiVersionsCodecTest, ClientSoftwareFieldValidation) {
  EXPECT_TRUE(is_valid_client_software_field("librdkafka"));
  EXPECT_TRUE(is_valid_client_software_field("confluent-kafka-python"));
  EXPECT_TRUE(is_valid_client_software_field("2.0.2"));
  EXPECT_TRUE(is_valid_client_software_field("a"));
  EXPECT_FALSE(is_valid_client_software_field(""));
  EXPECT_FALSE(is_valid_client_software_field("-a"));
  EXPECT_FALSE(is_valid_client_software_field("a."));
  EXPECT_FALSE(is_valid_client_software_field("a b"));
  EXPECT_FALSE(is_valid_client_software_field("a_b"));
}

}  // namespace
}  // namespace kb::protocol
