#include "brokerd/protocol/messages/incremental_alter_configs.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "tests/support/codec_checks.h"

namespace kb::protocol {
namespace {

using request = incremental_alter_configs_request;
using response = incremental_alter_configs_response;

request full_request() {
  request m;
  m.resources = {
      {config_resource_type::topic,
       "orders",
       {
           {"retention.ms", config_operation::set, "1000"},
           {"cleanup.policy", config_operation::remove, std::nullopt},
           {"a.list", config_operation::append, "x"},
           {"b.list", config_operation::subtract, "y"},
       }},
      {config_resource_type::broker_logger, "1", {}},
  };
  m.validate_only = true;
  return m;
}

response full_response() {
  response m;
  m.throttle_time_ms = 12;
  m.responses = {
      {error_code::none, std::nullopt, config_resource_type::topic, "orders"},
      {error_code::invalid_config, "bad value", config_resource_type::broker_logger, "1"},
  };
  return m;
}

TEST(IncrementalAlterConfigsCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = incremental_alter_configs_min_version; v <= incremental_alter_configs_max_version; ++v) {
    test::expect_round_trip(full_request(), full_request(), v);
  }
}

TEST(IncrementalAlterConfigsCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = incremental_alter_configs_min_version; v <= incremental_alter_configs_max_version; ++v) {
    test::expect_round_trip(full_response(), full_response(), v);
  }
}

TEST(IncrementalAlterConfigsCodecTest, RequestLengthIsHandComputed) {
  constexpr size_t configs = 4 + (2 + 12 + 1 + 2 + 4) + (2 + 14 + 1 + 2) + (2 + 6 + 1 + 2 + 1) + (2 + 6 + 1 + 2 + 1);
  constexpr size_t orders = 1 + (2 + 6) + configs;
  constexpr size_t logger = 1 + (2 + 1) + 4;
  EXPECT_EQ(test::encode_message(full_request(), 0).size(), 4 + orders + logger + 1);
}

TEST(IncrementalAlterConfigsCodecTest, ResponseLengthIsHandComputed) {
  constexpr size_t v0 = 4 + 4 + (2 + 2 + 1 + (2 + 6)) + (2 + (2 + 9) + 1 + (2 + 1));
  EXPECT_EQ(test::encode_message(full_response(), 0).size(), v0);
}

TEST(IncrementalAlterConfigsCodecTest, MatchesKafkaFieldOrder) {
  request req;
  req.resources = {{config_resource_type::topic, "a", {{"k", config_operation::remove, "v"}}}};
  req.validate_only = true;
  EXPECT_EQ(test::encode_message(req, 0), test::from_hex("00000001 02 0001 61 00000001 0001 6b 01 0001 76 01"));
  response resp;
  resp.throttle_time_ms = 1;
  resp.responses = {{error_code::invalid_config, std::nullopt, config_resource_type::broker, "1"}};
  EXPECT_EQ(test::encode_message(resp, 0), test::from_hex("00000001 00000001 0028 ffff 04 0001 31"));
}

TEST(IncrementalAlterConfigsCodecTest, TruncatedInputThrowsAtEveryVersion) {
  for (int16_t v = incremental_alter_configs_min_version; v <= incremental_alter_configs_max_version; ++v) {
    test::expect_every_truncation_throws<request>(test::encode_message(full_request(), v), v);
    test::expect_every_truncation_throws<response>(test::encode_message(full_response(), v), v);
  }
}

TEST(IncrementalAlterConfigsCodecTest, MutatedInputDecodesOrThrowsDecodeError) {
  for (int16_t v = incremental_alter_configs_min_version; v <= incremental_alter_configs_max_version; ++v) {
    EXPECT_GT(test::fuzz_decode<request>(test::encode_message(full_request(), v), v, 4400 + v), 0);
    EXPECT_GT(test::fuzz_decode<response>(test::encode_message(full_response(), v), v, 4450 + v), 0);
  }
}

TEST(IncrementalAlterConfigsCodecTest, RejectsFlexibleVersionOne) {
  const auto bytes = test::encode_message(full_request(), 0);
  wire_reader r(bytes);
  EXPECT_THROW(request::decode(r, 1), decode_error);
  wire_writer w;
  EXPECT_THROW(full_response().encode(w, 1), std::invalid_argument);
}

}  // namespace
}  // namespace kb::protocol
