#include "brokerd/tools/key_value_args.h"

#include <gtest/gtest.h>

namespace kb::tools {
namespace {

TEST(KeyValueArgsTest, SplitsAtTheFirstEquals) {
  const key_value_list kv = parse_key_value_args({"a=1", "b=x=y", "c", "d="});
  ASSERT_EQ(kv.size(), 4u);
  EXPECT_EQ(kv[0], (std::pair<std::string, std::string>{"a", "1"}));
  EXPECT_EQ(kv[1], (std::pair<std::string, std::string>{"b", "x=y"}));
  EXPECT_EQ(kv[2], (std::pair<std::string, std::string>{"c", ""}));
  EXPECT_EQ(kv[3], (std::pair<std::string, std::string>{"d", ""}));
}

TEST(KeyValueArgsTest, FindValueReturnsTheLastEntry) {
  const key_value_list kv = parse_key_value_args({"k=1", "other=2", "k=3"});
  ASSERT_NE(find_value(kv, "k"), nullptr);
  EXPECT_EQ(*find_value(kv, "k"), "3");
  EXPECT_EQ(find_value(kv, "missing"), nullptr);
}

TEST(KeyValueArgsTest, IsTrueIgnoresCaseAndSurroundingSpace) {
  EXPECT_TRUE(is_true("true"));
  EXPECT_TRUE(is_true(" TRUE "));
  EXPECT_TRUE(is_true("True"));
  EXPECT_FALSE(is_true("yes"));
  EXPECT_FALSE(is_true("1"));
  EXPECT_FALSE(is_true(""));
}

}  // namespace
}  // namespace kb::tools
