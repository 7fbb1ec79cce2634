#include "brokerd/handlers/describe_configs_handler.h"

#include <algorithm>

#include "brokerd/handlers/serve.h"
#include "brokerd/protocol/messages/describe_configs.h"
#include "tests/unit/handlers/handler_fixture.h"

namespace kb::handlers::test {
namespace {

using protocol::config_resource_type;
using protocol::config_source;
using protocol::error_code;
using request = protocol::describe_configs_request;
using response = protocol::describe_configs_response;
using entry = response::describe_configs_resource_result;
using synonym = response::describe_configs_synonym;

class DescribeConfigsHandlerTest : public HandlerTest {
 protected:
  DescribeConfigsHandlerTest() { add_topic("orders", 1, {local_id}, {{"retention.ms", "1000"}}); }

  response describe(config_resource_type type, std::string name,
                    std::optional<std::vector<std::string>> keys = std::nullopt, int16_t version = 3,
                    bool synonyms = false) {
    request req;
    req.resources = {{type, std::move(name), std::move(keys)}};
    req.include_synonyms = synonyms;
    return call<response>(serve<protocol::describe_configs_api>(services_, handle_describe_configs), req, version);
  }
  static const entry* find(const response& resp, const std::string& key) {
    const auto& configs = resp.results.at(0).configs;
    auto it = std::find_if(configs.begin(), configs.end(), [&](const entry& e) { return e.name == key; });
    return it == configs.end() ? nullptr : &*it;
  }
};

TEST_F(DescribeConfigsHandlerTest, TopicListsEveryKnownKey) {
  auto resp = describe(config_resource_type::topic, "orders");
  ASSERT_EQ(resp.results.size(), 1u);
  EXPECT_EQ(resp.results[0].error_code, error_code::none);
  EXPECT_EQ(resp.results[0].resource_type, config_resource_type::topic);
  EXPECT_EQ(resp.results[0].resource_name, "orders");
  std::vector<std::string> names;
  for (const auto& e : resp.results[0].configs) names.push_back(e.name);
  EXPECT_EQ(names, cluster::topic_config_keys());
}

TEST_F(DescribeConfigsHandlerTest, KeyWithoutOverrideReportsTheDefaultAsDefaultConfig) {
  auto resp = describe(config_resource_type::topic, "orders");
  const entry* e = find(resp, "segment.bytes");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->value, "1073741824");
  EXPECT_EQ(e->config_source, config_source::default_config);
  EXPECT_FALSE(e->read_only);
  EXPECT_FALSE(e->is_sensitive);
  EXPECT_TRUE(e->synonyms.empty());
}

TEST_F(DescribeConfigsHandlerTest, OverrideReportsDynamicTopicConfig) {
  auto resp = describe(config_resource_type::topic, "orders");
  const entry* e = find(resp, "retention.ms");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->value, "1000");
  EXPECT_EQ(e->config_source, config_source::dynamic_topic_config);
}

TEST_F(DescribeConfigsHandlerTest, BrokerValueChangedInServerPropertiesIsStaticBrokerConfig) {
  defaults_.log.segment_bytes = 1 << 20;
  auto resp = describe(config_resource_type::topic, "orders");
  const entry* e = find(resp, "segment.bytes");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->value, "1048576");
  EXPECT_EQ(e->config_source, config_source::static_broker_config);
}

TEST_F(DescribeConfigsHandlerTest, SynonymsListTheOverrideThenTheBrokerValues) {
  defaults_.log.retention_ms = 3600000;
  auto resp = describe(config_resource_type::topic, "orders", std::vector<std::string>{"retention.ms"}, 3, true);
  const entry* e = find(resp, "retention.ms");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->synonyms, (std::vector<synonym>{{"retention.ms", "1000", config_source::dynamic_topic_config},
                                               {"log.retention.ms", "3600000", config_source::static_broker_config},
                                               {"log.retention.ms", "604800000", config_source::default_config}}));
}

TEST_F(DescribeConfigsHandlerTest, DefaultKeySynonymIsTheBuiltInDefault) {
  auto resp = describe(config_resource_type::topic, "orders", std::vector<std::string>{"max.message.bytes"}, 1, true);
  const entry* e = find(resp, "max.message.bytes");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->synonyms, (std::vector<synonym>{{"message.max.bytes", "1048588", config_source::default_config}}));
}

TEST_F(DescribeConfigsHandlerTest, OnlyRequestedKeysAreListedAndUnknownOnesOmitted) {
  auto resp = describe(config_resource_type::topic, "orders",
                       std::vector<std::string>{"cleanup.policy", "no.such.key", "retention.ms"});
  ASSERT_EQ(resp.results[0].error_code, error_code::none);
  ASSERT_EQ(resp.results[0].configs.size(), 2u);
  EXPECT_EQ(resp.results[0].configs[0].name, "cleanup.policy");
  EXPECT_EQ(resp.results[0].configs[1].name, "retention.ms");
}

TEST_F(DescribeConfigsHandlerTest, EmptyKeyListMeansEveryKey) {
  auto resp = describe(config_resource_type::topic, "orders", std::vector<std::string>{});
  EXPECT_EQ(resp.results[0].configs.size(), cluster::topic_config_keys().size());
}

TEST_F(DescribeConfigsHandlerTest, UnknownTopicIsUnknownTopicOrPartition) {
  auto resp = describe(config_resource_type::topic, "nope");
  EXPECT_EQ(resp.results[0].error_code, error_code::unknown_topic_or_partition);
  EXPECT_TRUE(resp.results[0].configs.empty());
}

TEST_F(DescribeConfigsHandlerTest, VersionZeroMarksValuesWithoutOverrideAsDefault) {
  auto resp = describe(config_resource_type::topic, "orders", std::nullopt, 0);
  ASSERT_NE(find(resp, "retention.ms"), nullptr);
  EXPECT_FALSE(find(resp, "retention.ms")->is_default);
  EXPECT_TRUE(find(resp, "segment.bytes")->is_default);
}

TEST_F(DescribeConfigsHandlerTest, VersionThreeReportsConfigTypes) {
  auto resp = describe(config_resource_type::topic, "orders");
  EXPECT_EQ(find(resp, "cleanup.policy")->config_type, protocol::config_type::list);
  EXPECT_EQ(find(resp, "retention.ms")->config_type, protocol::config_type::long_type);
  EXPECT_EQ(find(resp, "segment.bytes")->config_type, protocol::config_type::int_type);
  EXPECT_EQ(find(resp, "unclean.leader.election.enable")->config_type, protocol::config_type::boolean);
  EXPECT_EQ(find(resp, "compression.type")->config_type, protocol::config_type::string);
}

TEST_F(DescribeConfigsHandlerTest, ThisBrokerListsReadOnlyStaticConfigs) {
  settings_.num_partitions = 6;
  auto resp = describe(config_resource_type::broker, "1", std::nullopt, 1, true);
  ASSERT_EQ(resp.results[0].error_code, error_code::none);
  const entry* id = find(resp, "broker.id");
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->value, "1");
  EXPECT_EQ(id->config_source, config_source::static_broker_config);
  EXPECT_TRUE(id->read_only);
  const entry* partitions = find(resp, "num.partitions");
  ASSERT_NE(partitions, nullptr);
  EXPECT_EQ(partitions->value, "6");
  EXPECT_EQ(partitions->config_source, config_source::static_broker_config);
  EXPECT_EQ(partitions->synonyms, (std::vector<synonym>{{"num.partitions", "6", config_source::static_broker_config},
                                                        {"num.partitions", "1", config_source::default_config}}));
  const entry* segment = find(resp, "log.segment.bytes");
  ASSERT_NE(segment, nullptr);
  EXPECT_EQ(segment->value, "1073741824");
  EXPECT_EQ(segment->config_source, config_source::default_config);
  EXPECT_TRUE(segment->read_only);
  for (const char* key : {"auto.create.topics.enable", "default.replication.factor", "message.max.bytes",
                          "min.insync.replicas", "log.retention.ms"}) {
    EXPECT_NE(find(resp, key), nullptr) << key;
  }
}

TEST_F(DescribeConfigsHandlerTest, BrokerKeysCanBeSelected) {
  auto resp = describe(config_resource_type::broker, "1", std::vector<std::string>{"message.max.bytes"});
  ASSERT_EQ(resp.results[0].configs.size(), 1u);
  EXPECT_EQ(resp.results[0].configs[0].value, "1048588");
}

TEST_F(DescribeConfigsHandlerTest, ClusterDefaultBrokerResourceIsEmpty) {
  auto resp = describe(config_resource_type::broker, "");
  EXPECT_EQ(resp.results[0].error_code, error_code::none);
  EXPECT_TRUE(resp.results[0].configs.empty());
}

TEST_F(DescribeConfigsHandlerTest, AnotherBrokerIsInvalidRequest) {
  auto resp = describe(config_resource_type::broker, "2");
  EXPECT_EQ(resp.results[0].error_code, error_code::invalid_request);
  EXPECT_EQ(resp.results[0].error_message, "Unexpected broker id, expected 1 or empty string, but received 2");
}

TEST_F(DescribeConfigsHandlerTest, NonNumericBrokerNameIsInvalidRequest) {
  auto resp = describe(config_resource_type::broker, "one");
  EXPECT_EQ(resp.results[0].error_code, error_code::invalid_request);
  EXPECT_EQ(resp.results[0].error_message, "Broker id must be an integer, but it is: one");
}

TEST_F(DescribeConfigsHandlerTest, OtherResourceTypesAreInvalidRequest) {
  request req;
  req.resources = {{config_resource_type::broker_logger, "1", std::nullopt},
                   {config_resource_type::unknown, "x", std::nullopt},
                   {config_resource_type::topic, "orders", std::vector<std::string>{"segment.ms"}}};
  auto resp = call<response>(serve<protocol::describe_configs_api>(services_, handle_describe_configs), req, 2);
  ASSERT_EQ(resp.results.size(), 3u);
  EXPECT_EQ(resp.results[0].error_code, error_code::invalid_request);
  EXPECT_EQ(resp.results[0].error_message, "Unsupported resource type: BROKER_LOGGER");
  EXPECT_EQ(resp.results[1].error_code, error_code::invalid_request);
  EXPECT_EQ(resp.results[1].error_message, "Unsupported resource type: UNKNOWN");
  EXPECT_EQ(resp.results[2].error_code, error_code::none);
  EXPECT_EQ(resp.results[2].configs.size(), 1u);
}

}  // namespace
}  // namespace kb::handlers::test
