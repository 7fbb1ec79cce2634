#include "brokerd/handlers/alter_configs_handler.h"

#include "brokerd/handlers/serve.h"
#include "brokerd/protocol/messages/alter_configs.h"
#include "tests/unit/handlers/handler_fixture.h"

namespace kb::handlers::test {
namespace {

using protocol::config_resource_type;
using protocol::error_code;
using request = protocol::alter_configs_request;
using response = protocol::alter_configs_response;
using config_map = std::map<std::string, std::string>;

class AlterConfigsHandlerTest : public HandlerTest {
 protected:
  AlterConfigsHandlerTest() { add_topic("orders", 1, {local_id}, {{"retention.ms", "1000"}}); }

  response alter(std::vector<request::alter_configs_resource> resources, bool validate_only = false) {
    request req;
    req.resources = std::move(resources);
    req.validate_only = validate_only;
    return call<response>(serve<protocol::alter_configs_api>(services_, handle_alter_configs), req, 1);
  }
  response alter_topic(std::string name, std::vector<request::alterable_config> configs) {
    return alter({{config_resource_type::topic, std::move(name), std::move(configs)}});
  }
};

TEST_F(AlterConfigsHandlerTest, EntriesReplaceTheWholeOverrideSet) {
  auto resp = alter_topic("orders", {{"segment.ms", "60000"}, {"cleanup.policy", "compact"}});
  ASSERT_EQ(resp.responses.size(), 1u);
  EXPECT_EQ(resp.responses[0].error_code, error_code::none);
  EXPECT_EQ(resp.responses[0].error_message, std::nullopt);
  EXPECT_EQ(resp.responses[0].resource_type, config_resource_type::topic);
  EXPECT_EQ(resp.responses[0].resource_name, "orders");
  ASSERT_EQ(admin_.config_calls.size(), 1u);
  EXPECT_EQ(admin_.config_calls[0].config, (config_map{{"segment.ms", "60000"}, {"cleanup.policy", "compact"}}));
  EXPECT_FALSE(admin_.config_calls[0].validate_only);
  // retention.ms, left out, is no longer overridden
  EXPECT_EQ(metadata_.topic("orders")->config, (config_map{{"segment.ms", "60000"}, {"cleanup.policy", "compact"}}));
}

TEST_F(AlterConfigsHandlerTest, EmptyEntryListClearsEveryOverride) {
  auto resp = alter_topic("orders", {});
  EXPECT_EQ(resp.responses[0].error_code, error_code::none);
  EXPECT_TRUE(metadata_.topic("orders")->config.empty());
}

TEST_F(AlterConfigsHandlerTest, ValidateOnlyChangesNothing) {
  auto resp = alter({{config_resource_type::topic, "orders", {{"segment.ms", "60000"}}}}, true);
  EXPECT_EQ(resp.responses[0].error_code, error_code::none);
  ASSERT_EQ(admin_.config_calls.size(), 1u);
  EXPECT_TRUE(admin_.config_calls[0].validate_only);
  EXPECT_EQ(metadata_.topic("orders")->config, (config_map{{"retention.ms", "1000"}}));
}

TEST_F(AlterConfigsHandlerTest, InvalidValueIsInvalidConfigWithKafkasWrappedMessage) {
  auto resp = alter_topic("orders", {{"segment.ms", "60000"}, {"min.insync.replicas", "0"}});
  EXPECT_EQ(resp.responses[0].error_code, error_code::invalid_config);
  EXPECT_EQ(resp.responses[0].error_message,
            "Invalid config value for resource ConfigResource(type=TOPIC, name='orders'): Invalid value 0 for "
            "configuration min.insync.replicas: Value must be at least 1");
  EXPECT_TRUE(admin_.config_calls.empty());
}

TEST_F(AlterConfigsHandlerTest, UnknownKeyIsInvalidConfig) {
  auto resp = alter_topic("orders", {{"no.such.key", "1"}});
  EXPECT_EQ(resp.responses[0].error_code, error_code::invalid_config);
  EXPECT_EQ(resp.responses[0].error_message, "Unknown topic config name: no.such.key");
}

TEST_F(AlterConfigsHandlerTest, UnknownTopicIsUnknownTopicOrPartition) {
  auto resp = alter_topic("nope", {{"segment.ms", "60000"}});
  EXPECT_EQ(resp.responses[0].error_code, error_code::unknown_topic_or_partition);
  EXPECT_EQ(resp.responses[0].error_message, "The topic 'nope' does not exist.");
}

TEST_F(AlterConfigsHandlerTest, EmptyTopicNameIsInvalidRequest) {
  auto resp = alter_topic("", {{"segment.ms", "60000"}});
  EXPECT_EQ(resp.responses[0].error_code, error_code::invalid_request);
  EXPECT_EQ(resp.responses[0].error_message, "Default topic resources are not allowed.");
}

TEST_F(AlterConfigsHandlerTest, BrokerResourceIsRefusedAsUnsupported) {
  auto resp = alter({{config_resource_type::broker, "1", {{"log.retention.ms", "1000"}}},
                     {config_resource_type::broker, "", {{"log.retention.ms", "1000"}}}});
  ASSERT_EQ(resp.responses.size(), 2u);
  for (const auto& r : resp.responses) {
    EXPECT_EQ(r.error_code, error_code::invalid_request);
    EXPECT_NE(r.error_message.value_or("").find("Dynamic broker configs are not supported"), std::string::npos)
        << r.error_message.value_or("<null>");
  }
}

TEST_F(AlterConfigsHandlerTest, AnotherBrokerIsInvalidRequest) {
  auto resp = alter({{config_resource_type::broker, "2", {}}});
  EXPECT_EQ(resp.responses[0].error_code, error_code::invalid_request);
  EXPECT_EQ(resp.responses[0].error_message, "Unexpected broker id, expected 1, but received 2");
}

TEST_F(AlterConfigsHandlerTest, RepeatedResourceIsInvalidRequestForEachCopy) {
  add_topic("other", 1);
  auto resp = alter({{config_resource_type::topic, "orders", {}},
                     {config_resource_type::topic, "other", {{"segment.ms", "60000"}}},
                     {config_resource_type::topic, "orders", {}}});
  ASSERT_EQ(resp.responses.size(), 3u);
  EXPECT_EQ(resp.responses[0].error_code, error_code::invalid_request);
  EXPECT_EQ(resp.responses[0].error_message, "Each resource must appear at most once.");
  EXPECT_EQ(resp.responses[1].error_code, error_code::none);
  EXPECT_EQ(resp.responses[2].error_code, error_code::invalid_request);
  ASSERT_EQ(admin_.config_calls.size(), 1u);
  EXPECT_EQ(admin_.config_calls[0].name, "other");
}

TEST_F(AlterConfigsHandlerTest, DuplicateKeysAreInvalidRequest) {
  auto resp = alter_topic("orders", {{"segment.ms", "1"}, {"segment.ms", "2"}});
  EXPECT_EQ(resp.responses[0].error_code, error_code::invalid_request);
  EXPECT_EQ(resp.responses[0].error_message, "Error due to duplicate config keys");
}

TEST_F(AlterConfigsHandlerTest, NullValueIsInvalidRequest) {
  auto resp = alter_topic("orders", {{"segment.ms", std::nullopt}, {"retention.ms", std::nullopt}});
  EXPECT_EQ(resp.responses[0].error_code, error_code::invalid_request);
  EXPECT_EQ(resp.responses[0].error_message, "Null value not supported for : segment.ms, retention.ms");
}

TEST_F(AlterConfigsHandlerTest, BrokerLoggerResourceIsUnknownToTheLegacyApi) {
  auto resp = alter({{config_resource_type::broker_logger, "1", {}}});
  EXPECT_EQ(resp.responses[0].error_code, error_code::invalid_request);
  EXPECT_EQ(resp.responses[0].error_message, "Unknown resource type 8");
}

TEST_F(AlterConfigsHandlerTest, AdminErrorIsReturned) {
  admin_.next_result = cluster::admin_result{error_code::unknown_server_error, std::nullopt};
  auto resp = alter_topic("orders", {{"segment.ms", "60000"}});
  EXPECT_EQ(resp.responses[0].error_code, error_code::unknown_server_error);
}

}  // namespace
}  // namespace kb::handlers::test
