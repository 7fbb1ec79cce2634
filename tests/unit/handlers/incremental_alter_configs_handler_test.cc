#include "brokerd/handlers/incremental_alter_configs_handler.h"

#include "brokerd/handlers/serve.h"
#include "brokerd/protocol/messages/incremental_alter_configs.h"
#include "tests/unit/handlers/handler_fixture.h"

namespace kb::handlers::test {
namespace {

using protocol::config_operation;
using protocol::config_resource_type;
using protocol::error_code;
using request = protocol::incremental_alter_configs_request;
using response = protocol::incremental_alter_configs_response;
using config_map = std::map<std::string, std::string>;

class IncrementalAlterConfigsHandlerTest : public HandlerTest {
 protected:
  IncrementalAlterConfigsHandlerTest() {
    add_topic("orders", 1, {local_id}, {{"retention.ms", "1000"}, {"segment.ms", "60000"}});
  }

  response alter(std::vector<request::alter_configs_resource> resources, bool validate_only = false) {
    request req;
    req.resources = std::move(resources);
    req.validate_only = validate_only;
    return call<response>(
        serve<protocol::incremental_alter_configs_api>(services_, handle_incremental_alter_configs), req, 0);
  }
  response alter_topic(std::string name, std::vector<request::alterable_config> ops) {
    return alter({{config_resource_type::topic, std::move(name), std::move(ops)}});
  }
  const config_map& overrides() { return metadata_.topic("orders")->config; }
};

TEST_F(IncrementalAlterConfigsHandlerTest, SetChangesOneKeyAndKeepsTheOthers) {
  auto resp = alter_topic("orders", {{"retention.ms", config_operation::set, "5000"},
                                     {"cleanup.policy", config_operation::set, "compact"}});
  ASSERT_EQ(resp.responses.size(), 1u);
  EXPECT_EQ(resp.responses[0].error_code, error_code::none);
  EXPECT_EQ(resp.responses[0].error_message, std::nullopt);
  EXPECT_EQ(overrides(),
            (config_map{{"retention.ms", "5000"}, {"segment.ms", "60000"}, {"cleanup.policy", "compact"}}));
}

TEST_F(IncrementalAlterConfigsHandlerTest, DeleteRemovesTheOverride) {
  auto resp = alter_topic("orders", {{"retention.ms", config_operation::remove, std::nullopt}});
  EXPECT_EQ(resp.responses[0].error_code, error_code::none);
  EXPECT_EQ(overrides(), (config_map{{"segment.ms", "60000"}}));
}

TEST_F(IncrementalAlterConfigsHandlerTest, DeleteOfAKeyWithoutOverrideChangesNothing) {
  auto resp = alter_topic("orders", {{"flush.ms", config_operation::remove, std::nullopt}});
  EXPECT_EQ(resp.responses[0].error_code, error_code::none);
  EXPECT_EQ(overrides(), (config_map{{"retention.ms", "1000"}, {"segment.ms", "60000"}}));
}

TEST_F(IncrementalAlterConfigsHandlerTest, AppendToAListStartsFromTheDefault) {
  auto resp = alter_topic("orders", {{"cleanup.policy", config_operation::append, "compact"}});
  EXPECT_EQ(resp.responses[0].error_code, error_code::none);
  EXPECT_EQ(overrides().at("cleanup.policy"), "delete,compact");
}

TEST_F(IncrementalAlterConfigsHandlerTest, AppendOfAPresentValueKeepsTheList) {
  metadata_.mutable_topic("orders")->config["cleanup.policy"] = "compact";
  auto resp = alter_topic("orders", {{"cleanup.policy", config_operation::append, "compact"}});
  EXPECT_EQ(resp.responses[0].error_code, error_code::none);
  EXPECT_EQ(overrides().at("cleanup.policy"), "compact");
}

TEST_F(IncrementalAlterConfigsHandlerTest, SubtractRemovesFromTheList) {
  metadata_.mutable_topic("orders")->config["cleanup.policy"] = "delete,compact";
  auto resp = alter_topic("orders", {{"cleanup.policy", config_operation::subtract, "delete"}});
  EXPECT_EQ(resp.responses[0].error_code, error_code::none);
  EXPECT_EQ(overrides().at("cleanup.policy"), "compact");
}

TEST_F(IncrementalAlterConfigsHandlerTest, AppendToANonListKeyIsInvalidConfig) {
  auto resp = alter_topic("orders", {{"retention.ms", config_operation::append, "5"}});
  EXPECT_EQ(resp.responses[0].error_code, error_code::invalid_config);
  EXPECT_EQ(resp.responses[0].error_message, "Config value append is not allowed for config key: retention.ms");
  EXPECT_TRUE(admin_.config_calls.empty());
}

TEST_F(IncrementalAlterConfigsHandlerTest, SubtractFromANonListKeyIsInvalidConfig) {
  auto resp = alter_topic("orders", {{"compression.type", config_operation::subtract, "gzip"}});
  EXPECT_EQ(resp.responses[0].error_code, error_code::invalid_config);
  EXPECT_EQ(resp.responses[0].error_message, "Config value subtract is not allowed for config key: compression.type");
}

TEST_F(IncrementalAlterConfigsHandlerTest, AppendToAnUnknownKeyIsInvalidConfig) {
  auto resp = alter_topic("orders", {{"no.such.key", config_operation::append, "x"}});
  EXPECT_EQ(resp.responses[0].error_code, error_code::invalid_config);
  EXPECT_EQ(resp.responses[0].error_message, "Unknown config name: no.such.key");
}

TEST_F(IncrementalAlterConfigsHandlerTest, InvalidResultingValueIsInvalidConfig) {
  auto resp = alter_topic("orders", {{"retention.ms", config_operation::set, "abc"}});
  EXPECT_EQ(resp.responses[0].error_code, error_code::invalid_config);
  EXPECT_EQ(resp.responses[0].error_message,
            "Invalid config value for resource ConfigResource(type=TOPIC, name='orders'): Invalid value abc for "
            "configuration retention.ms: Not a number of type LONG");
  EXPECT_EQ(overrides(), (config_map{{"retention.ms", "1000"}, {"segment.ms", "60000"}}));
}

TEST_F(IncrementalAlterConfigsHandlerTest, SetOfAnUnknownKeyIsInvalidConfig) {
  auto resp = alter_topic("orders", {{"no.such.key", config_operation::set, "1"}});
  EXPECT_EQ(resp.responses[0].error_code, error_code::invalid_config);
  EXPECT_EQ(resp.responses[0].error_message, "Unknown topic config name: no.such.key");
}

TEST_F(IncrementalAlterConfigsHandlerTest, NullValueIsInvalidRequestExceptForDelete) {
  auto resp = alter_topic("orders", {{"retention.ms", config_operation::set, std::nullopt},
                                     {"segment.ms", config_operation::remove, std::nullopt}});
  EXPECT_EQ(resp.responses[0].error_code, error_code::invalid_request);
  EXPECT_EQ(resp.responses[0].error_message, "Null value not supported for : retention.ms");
}

TEST_F(IncrementalAlterConfigsHandlerTest, ValidateOnlyChangesNothing) {
  auto resp = alter({{config_resource_type::topic, "orders", {{"retention.ms", config_operation::set, "5"}}}}, true);
  EXPECT_EQ(resp.responses[0].error_code, error_code::none);
  ASSERT_EQ(admin_.config_calls.size(), 1u);
  EXPECT_TRUE(admin_.config_calls[0].validate_only);
  EXPECT_EQ(admin_.config_calls[0].config, (config_map{{"retention.ms", "5"}, {"segment.ms", "60000"}}));
  EXPECT_EQ(overrides().at("retention.ms"), "1000");
}

TEST_F(IncrementalAlterConfigsHandlerTest, UnknownTopicIsUnknownTopicOrPartition) {
  auto resp = alter_topic("nope", {{"retention.ms", config_operation::set, "5"}});
  EXPECT_EQ(resp.responses[0].error_code, error_code::unknown_topic_or_partition);
  EXPECT_EQ(resp.responses[0].error_message, "The topic 'nope' does not exist.");
}

TEST_F(IncrementalAlterConfigsHandlerTest, BrokerAndBrokerLoggerResourcesAreRefused) {
  auto resp = alter({{config_resource_type::broker, "1", {{"log.retention.ms", config_operation::set, "5"}}},
                     {config_resource_type::broker_logger, "1", {{"kafka", config_operation::set, "DEBUG"}}}});
  ASSERT_EQ(resp.responses.size(), 2u);
  EXPECT_EQ(resp.responses[0].error_code, error_code::invalid_request);
  EXPECT_NE(resp.responses[0].error_message.value_or("").find("Dynamic broker configs are not supported"),
            std::string::npos);
  EXPECT_EQ(resp.responses[1].error_code, error_code::invalid_request);
  EXPECT_EQ(resp.responses[1].error_message, "Broker logger configs are not supported by this broker");
}

TEST_F(IncrementalAlterConfigsHandlerTest, RepeatedResourceIsInvalidRequest) {
  auto resp = alter({{config_resource_type::topic, "orders", {}}, {config_resource_type::topic, "orders", {}}});
  ASSERT_EQ(resp.responses.size(), 2u);
  EXPECT_EQ(resp.responses[0].error_message, "Each resource must appear at most once.");
  EXPECT_EQ(resp.responses[1].error_code, error_code::invalid_request);
}

}  // namespace
}  // namespace kb::handlers::test
