#include "brokerd/protocol/messages/alter_configs.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "tests/support/codec_checks.h"

namespace kb::protocol {
namespace {

using request = alter_configs_request;
using response = alter_configs_response;

// v0 and v1 share one layout, so one message serves every version.
request full_request() {
  request m;
  m.resources = {
      {config_resource_type::topic, "orders", {{"retention.ms", "1000"}, {"cleanup.policy", std::nullopt}}},
      {config_resource_type::broker, "1", {}},
  };
  m.validate_only = true;
  return m;
}

response full_response() {
  response m;
  m.throttle_time_ms = 11;
  m.responses = {
      {error_code::none, std::nullopt, config_resource_type::topic, "orders"},
      {error_code::invalid_config, "bad value", config_resource_type::broker, "1"},
  };
  return m;
}

TEST(AlterConfigsCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = alter_configs_min_version; v <= alter_configs_max_version; ++v) {
    test::expect_round_trip(full_request(), full_request(), v);
  }
}

TEST(AlterConfigsCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = alter_configs_min_version; v <= alter_configs_max_version; ++v) {
    test::expect_round_trip(full_response(), full_response(), v);
  }
}

TEST(AlterConfigsCodecTest, RequestLengthsCountOnlyFieldsOfTheVersion) {
  constexpr size_t orders = 1 + (2 + 6) + (4 + (2 + 12 + 2 + 4) + (2 + 14 + 2));
  constexpr size_t broker = 1 + (2 + 1) + 4;
  constexpr size_t every_version = 4 + orders + broker + 1;  // + validate_only
  EXPECT_EQ(test::encode_message(full_request(), 0).size(), every_version);
  EXPECT_EQ(test::encode_message(full_request(), 1).size(), every_version);
}

TEST(AlterConfigsCodecTest, ResponseLengthsCountOnlyFieldsOfTheVersion) {
  constexpr size_t every_version = 4 + 4 + (2 + 2 + 1 + (2 + 6)) + (2 + (2 + 9) + 1 + (2 + 1));
  EXPECT_EQ(test::encode_message(full_response(), 0).size(), every_version);
  EXPECT_EQ(test::encode_message(full_response(), 1).size(), every_version);
}

TEST(AlterConfigsCodecTest, MatchesKafkaFieldOrder) {
  request req;
  req.resources = {{config_resource_type::topic, "a", {{"k", "v"}}}};
  EXPECT_EQ(test::encode_message(req, 0), test::from_hex("00000001 02 0001 61 00000001 0001 6b 0001 76 00"));
  response resp;
  resp.responses = {{error_code::invalid_config, "e", config_resource_type::topic, "a"}};
  EXPECT_EQ(test::encode_message(resp, 1), test::from_hex("00000000 00000001 0028 0001 65 02 0001 61"));
}

TEST(AlterConfigsCodecTest, TruncatedInputThrowsAtEveryVersion) {
  for (int16_t v = alter_configs_min_version; v <= alter_configs_max_version; ++v) {
    test::expect_every_truncation_throws<request>(test::encode_message(full_request(), v), v);
    test::expect_every_truncation_throws<response>(test::encode_message(full_response(), v), v);
  }
}

TEST(AlterConfigsCodecTest, MutatedInputDecodesOrThrowsDecodeError) {
  for (int16_t v = alter_configs_min_version; v <= alter_configs_max_version; ++v) {
    EXPECT_GT(test::fuzz_decode<request>(test::encode_message(full_request(), v), v, 3300 + v), 0);
    EXPECT_GT(test::fuzz_decode<response>(test::encode_message(full_response(), v), v, 3350 + v), 0);
  }
}

TEST(AlterConfigsCodecTest, RejectsFlexibleVersions) {
  const auto bytes = test::encode_message(full_request(), alter_configs_max_version);
  wire_reader r(bytes);
  EXPECT_THROW(request::decode(r, alter_configs_max_version + 1), decode_error);
  wire_writer w;
  EXPECT_THROW(full_response().encode(w, alter_configs_max_version + 1), std::invalid_argument);
}

}  // namespace
}  // namespace kb::protocol
