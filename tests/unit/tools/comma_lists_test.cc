#include "brokerd/tools/comma_lists.h"

#include <gtest/gtest.h>

namespace kb::tools {
namespace {

TEST(CommaListsTest, SplitSkipsEmptyEntriesAsScalasFilterDoes) {
  EXPECT_EQ(split_comma_list("a,,b,"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(split_comma_list("").empty());
  EXPECT_TRUE(split_comma_list(",,").empty());
}

TEST(CommaListsTest, JoinIdsAsMkString) {
  EXPECT_EQ(join_ids({1, 2, 3}), "1,2,3");
  EXPECT_EQ(join_ids({7}), "7");
  EXPECT_EQ(join_ids({}), "");
}

}  // namespace
}  // namespace kb::tools
