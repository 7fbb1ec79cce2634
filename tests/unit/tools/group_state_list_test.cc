// Kafka 3.5's ListConsumerGroupTest.testConsumerGroupStatesFromString cases, and the message.
#include "brokerd/tools/group_state_list.h"

#include <gtest/gtest.h>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

using states = std::vector<std::string>;

TEST(GroupStateListTest, OneState) { EXPECT_EQ(parse_group_states("Stable"), states{"Stable"}); }

TEST(GroupStateListTest, SeveralStatesTrimmedInEnumOrder) {
  EXPECT_EQ(parse_group_states("Stable, PreparingRebalance"), (states{"PreparingRebalance", "Stable"}));
}

TEST(GroupStateListTest, TrailingCommaIsIgnored) {
  EXPECT_EQ(parse_group_states("Dead,CompletingRebalance,"), (states{"CompletingRebalance", "Dead"}));
}

TEST(GroupStateListTest, OnlyCommasMeanNoState) { EXPECT_EQ(parse_group_states(",,,"), states{}); }

TEST(GroupStateListTest, RepeatedStateCountsOnce) { EXPECT_EQ(parse_group_states("Empty,Empty"), states{"Empty"}); }

TEST(GroupStateListTest, NamesAreCaseSensitive) { EXPECT_THROW(parse_group_states("stable"), usage_error); }

TEST(GroupStateListTest, UnknownStateIsRefusedWithTheValidOnes) {
  try {
    parse_group_states("bad, wrong");
    FAIL() << "no error";
  } catch (const usage_error& e) {
    EXPECT_STREQ(e.what(),
                 "Invalid state list 'bad, wrong'. Valid states are: PreparingRebalance, CompletingRebalance, Stable, "
                 "Dead, Empty");
  }
}

TEST(GroupStateListTest, AnyBadItemSpoilsTheList) { EXPECT_THROW(parse_group_states("  bad, Stable"), usage_error); }

TEST(GroupStateListTest, BlankItemsAreInvalid) {
  EXPECT_THROW(parse_group_states("   ,   ,"), usage_error);
  EXPECT_THROW(parse_group_states(",Stable"), usage_error);
}

}  // namespace
}  // namespace kb::tools
