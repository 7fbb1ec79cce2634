#include "brokerd/protocol/messages/describe_configs.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "tests/support/codec_checks.h"

namespace kb::protocol {
namespace {

using request = describe_configs_request;
using response = describe_configs_response;

request full_request() {
  request m;
  m.resources = {
      {config_resource_type::topic, "orders", std::vector<std::string>{"retention.ms", "cleanup.policy"}},
      {config_resource_type::broker, "1", std::nullopt},
  };
  m.include_synonyms = true;
  m.include_documentation = true;
  return m;
}

request request_at(int16_t version) {
  request m = full_request();
  if (version < 1) m.include_synonyms = false;
  if (version < 3) m.include_documentation = false;
  return m;
}

response full_response() {
  response::describe_configs_resource_result retention;
  retention.name = "retention.ms";
  retention.value = "86400000";
  retention.read_only = false;
  retention.is_default = true;
  retention.config_source = config_source::dynamic_topic_config;
  retention.is_sensitive = false;
  retention.synonyms = {
      {"retention.ms", "86400000", config_source::dynamic_topic_config},
      {"log.retention.ms", std::nullopt, config_source::static_broker_config},
  };
  retention.config_type = config_type::long_type;
  retention.documentation = "How long";

  response::describe_configs_resource_result password;
  password.name = "ssl.key.password";
  password.value = std::nullopt;
  password.read_only = true;
  password.config_source = config_source::static_broker_config;
  password.is_sensitive = true;
  password.config_type = config_type::password;
  password.documentation = std::nullopt;

  response m;
  m.throttle_time_ms = 5;
  m.results = {
      {error_code::none, std::nullopt, config_resource_type::topic, "orders", {retention, password}},
      {error_code::invalid_request, "bad resource", config_resource_type::broker, "x", {}},
  };
  return m;
}

response response_at(int16_t version) {
  response m = full_response();
  for (auto& result : m.results) {
    for (auto& c : result.configs) {
      if (version > 0) c.is_default = false;
      if (version < 1) {
        c.config_source = config_source::unset;
        c.synonyms.clear();
      }
      if (version < 3) {
        c.config_type = config_type::unknown;
        c.documentation = std::string();
      }
    }
  }
  return m;
}

TEST(DescribeConfigsCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = describe_configs_min_version; v <= describe_configs_max_version; ++v) {
    test::expect_round_trip(full_request(), request_at(v), v);
  }
}

TEST(DescribeConfigsCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = describe_configs_min_version; v <= describe_configs_max_version; ++v) {
    test::expect_round_trip(full_response(), response_at(v), v);
  }
}

TEST(DescribeConfigsCodecTest, RequestLengthsCountOnlyFieldsOfTheVersion) {
  constexpr size_t orders = 1 + (2 + 6) + (4 + (2 + 12) + (2 + 14));
  constexpr size_t broker = 1 + (2 + 1) + 4;  // null configuration_keys
  constexpr size_t v0 = 4 + orders + broker;
  EXPECT_EQ(test::encode_message(full_request(), 0).size(), v0);
  EXPECT_EQ(test::encode_message(full_request(), 3).size(), v0 + 1 + 1);  // + include_synonyms, documentation
}

TEST(DescribeConfigsCodecTest, ResponseLengthsCountOnlyFieldsOfTheVersion) {
  constexpr size_t orders_header = 2 + 2 + 1 + (2 + 6) + 4;  // error, null message, type, name, configs
  constexpr size_t other_result = 2 + (2 + 12) + 1 + (2 + 1) + 4;
  // name, value, read_only, is_sensitive: present at every version
  constexpr size_t retention_common = (2 + 12) + (2 + 8) + 1 + 1;
  constexpr size_t password_common = (2 + 16) + 2 + 1 + 1;
  constexpr size_t synonyms = 4 + (2 + 12 + 2 + 8 + 1) + (2 + 16 + 2 + 1);
  constexpr size_t v0 = 4 + 4 + orders_header + (retention_common + 1) + (password_common + 1) + other_result;
  constexpr size_t v3 = 4 + 4 + orders_header + (retention_common + 1 + synonyms + 1 + (2 + 8)) +
                        (password_common + 1 + 4 + 1 + 2) + other_result;
  EXPECT_EQ(test::encode_message(full_response(), 0).size(), v0);
  EXPECT_EQ(test::encode_message(full_response(), 3).size(), v3);
}

TEST(DescribeConfigsCodecTest, MatchesKafkaFieldOrder) {
  request req;
  req.resources = {{config_resource_type::topic, "a", std::nullopt}};
  req.include_synonyms = true;
  EXPECT_EQ(test::encode_message(req, 1), test::from_hex("00000001 02 0001 61 ffffffff 01"));

  // Adjacent fields of one type carry different values, so a swap would show.
  response::describe_configs_resource_result config;
  config.name = "k";
  config.value = "v";
  config.read_only = true;
  config.is_default = false;
  config.config_source = config_source::default_config;
  config.is_sensitive = false;
  config.synonyms = {{"s", std::nullopt, config_source::static_broker_config}};
  config.config_type = config_type::long_type;
  config.documentation = "d";
  response resp;
  resp.results = {{error_code::none, std::nullopt, config_resource_type::topic, "a", {config}}};
  const std::string result_header = "00000000 00000001 0000 ffff 02 0001 61 00000001 0001 6b 0001 76";
  // v0: read_only, is_default, is_sensitive
  EXPECT_EQ(test::encode_message(resp, 0), test::from_hex(result_header + " 01 00 00"));
  // v1: read_only, config_source, is_sensitive, synonyms [name, value, source]
  EXPECT_EQ(test::encode_message(resp, 1), test::from_hex(result_header + " 01 05 00 00000001 0001 73 ffff 04"));
  // v3: + config_type, documentation
  EXPECT_EQ(test::encode_message(resp, 3),
            test::from_hex(result_header + " 01 05 00 00000001 0001 73 ffff 04 05 0001 64"));
  resp.results[0].configs[0].read_only = false;
  resp.results[0].configs[0].is_sensitive = true;
  EXPECT_EQ(test::encode_message(resp, 0), test::from_hex(result_header + " 00 00 01"));
}

TEST(DescribeConfigsCodecTest, TruncatedInputThrowsAtEveryVersion) {
  for (int16_t v = describe_configs_min_version; v <= describe_configs_max_version; ++v) {
    test::expect_every_truncation_throws<request>(test::encode_message(full_request(), v), v);
    test::expect_every_truncation_throws<response>(test::encode_message(full_response(), v), v);
  }
}

TEST(DescribeConfigsCodecTest, MutatedInputDecodesOrThrowsDecodeError) {
  for (int16_t v = describe_configs_min_version; v <= describe_configs_max_version; ++v) {
    EXPECT_GT(test::fuzz_decode<request>(test::encode_message(full_request(), v), v, 3200 + v), 0);
    EXPECT_GT(test::fuzz_decode<response>(test::encode_message(full_response(), v), v, 3250 + v), 0);
  }
}

TEST(DescribeConfigsCodecTest, RejectsFlexibleVersions) {
  const auto bytes = test::encode_message(full_request(), describe_configs_max_version);
  wire_reader r(bytes);
  EXPECT_THROW(request::decode(r, describe_configs_max_version + 1), decode_error);
  wire_writer w;
  EXPECT_THROW(full_response().encode(w, describe_configs_max_version + 1), std::invalid_argument);
}

}  // namespace
}  // namespace kb::protocol
