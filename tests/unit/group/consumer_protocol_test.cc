// subscription_topics: the topics of a ConsumerProtocolSubscription, read with the v0 prefix
// every version shares; anything that does not parse is unknown (nullopt).
#include <gtest/gtest.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "brokerd/group/consumer_protocol.h"
#include "tests/unit/group/coordinator_fixture.h"

namespace kb::group {
namespace {

using bytes = std::vector<std::byte>;

TEST(ConsumerProtocolTest, TheTopicsOfAV0SubscriptionAreRead) {
  EXPECT_EQ(subscription_topics(test::consumer_subscription({"a", "bc"})), (std::vector<std::string>{"a", "bc"}));
}

TEST(ConsumerProtocolTest, ALaterVersionIsReadThroughItsV0Prefix) {
  bytes b = test::consumer_subscription({"a"});
  b[1] = std::byte{3};                            // version 3
  b.insert(b.end(), {std::byte{0}, std::byte{0}, std::byte{0}, std::byte{0}});  // v1+ fields the broker skips
  EXPECT_EQ(subscription_topics(b), std::vector<std::string>{"a"});
}

TEST(ConsumerProtocolTest, ASubscriptionToNoTopicsIsEmptyNotUnknown) {
  auto topics = subscription_topics(test::consumer_subscription({}));
  ASSERT_TRUE(topics);
  EXPECT_TRUE(topics->empty());
}

TEST(ConsumerProtocolTest, EmptyMetadataIsUnknown) { EXPECT_FALSE(subscription_topics(bytes{})); }

TEST(ConsumerProtocolTest, ANegativeVersionIsUnknown) {
  bytes b = test::consumer_subscription({"a"});
  b[0] = std::byte{0xff};
  EXPECT_FALSE(subscription_topics(b));
}

TEST(ConsumerProtocolTest, ANullTopicArrayIsUnknown) {
  bytes b = {std::byte{0}, std::byte{0}, std::byte{0xff}, std::byte{0xff}, std::byte{0xff}, std::byte{0xff}};
  EXPECT_FALSE(subscription_topics(b));
}

TEST(ConsumerProtocolTest, ATruncatedTopicIsUnknown) {
  bytes b = test::consumer_subscription({"abc"});
  b.resize(2 + 4 + 2 + 1);  // version, count, length, one of three bytes
  EXPECT_FALSE(subscription_topics(b));
}

}  // namespace
}  // namespace kb::group
