#include "brokerd/tools/topic_filter.h"

#include <gtest/gtest.h>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

TEST(TopicFilterTest, WholeNameMatchOfAnIncludeListRegex) {
  const topic_filter f("orders");
  EXPECT_TRUE(f.allows("orders", false));
  EXPECT_FALSE(f.allows("orders-v2", false));
  EXPECT_FALSE(f.allows("my-orders", false));
  EXPECT_TRUE(topic_filter("orders.*").allows("orders-v2", false));
}

TEST(TopicFilterTest, CommasMeanAlternativesAndQuotesAndSpacesAreDropped) {
  const topic_filter f(" \"a, b\" ");
  EXPECT_EQ(f.regex_text(), "a|b");
  EXPECT_TRUE(f.allows("a", false));
  EXPECT_TRUE(f.allows("b", false));
  EXPECT_FALSE(f.allows("c", false));
}

TEST(TopicFilterTest, InternalTopicsCanBeExcluded) {
  const topic_filter f(".*");
  EXPECT_TRUE(f.allows("__consumer_offsets", false));
  EXPECT_FALSE(f.allows("__consumer_offsets", true));
  EXPECT_FALSE(f.allows("__transaction_state", true));
  EXPECT_TRUE(f.allows("__mine", true));
}

TEST(TopicFilterTest, InvalidRegexIsReportedAsKafkaDoes) {
  try {
    topic_filter f("a(");
    FAIL() << "expected an error";
  } catch (const command_error& e) {
    EXPECT_STREQ(e.what(), "a( is an invalid regex.");
  }
}

}  // namespace
}  // namespace kb::tools
