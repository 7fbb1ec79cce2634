// group_metadata's protocol rules (Kafka's GroupMetadata.selectProtocol, supportsProtocols and
// MemberMetadata.vote): the protocol every member supports that most members prefer, and which
// JoinGroups fit the group.
#include <gtest/gtest.h>

#include <optional>

#include "brokerd/group/group_metadata.h"
#include "tests/unit/group/member_builder.h"

namespace kb::group {
namespace {

using enum group_state;
using test::make_member;
using test::park;

class GroupProtocolTest : public ::testing::Test {
 protected:
  group_metadata g{"g", empty, 1000};
};

// --- the protocol vote ----------------------------------------------------------------------

TEST_F(GroupProtocolTest, ALoneMemberGetsItsFirstPreference) {
  g.add(make_member("a", {"range", "roundrobin"}), nullptr);
  EXPECT_EQ(g.select_protocol(), "range");
}

TEST_F(GroupProtocolTest, TheProtocolMostMembersPreferWins) {
  g.add(make_member("a", {"range", "roundrobin"}), nullptr);
  g.add(make_member("b", {"roundrobin", "range"}), nullptr);
  g.add(make_member("c", {"roundrobin", "range"}), nullptr);
  EXPECT_EQ(g.select_protocol(), "roundrobin");
}

TEST_F(GroupProtocolTest, OnlyProtocolsEveryMemberSupportsAreCandidates) {
  g.add(make_member("a", {"range", "roundrobin"}), nullptr);
  g.add(make_member("b", {"sticky", "roundrobin"}), nullptr);
  // a prefers range, b prefers sticky, but only roundrobin is common.
  EXPECT_EQ(g.select_protocol(), "roundrobin");
}

TEST_F(GroupProtocolTest, UpdateMemberReplacesItsProtocolsInTheVote) {
  g.add(make_member("a", {"range", "roundrobin"}), nullptr);
  g.add(make_member("b", {"range", "roundrobin"}), nullptr);
  EXPECT_EQ(g.select_protocol(), "range");
  g.update_member(g.get("a"), make_member("a", {"roundrobin"}).protocols, 30000, 10000, nullptr);
  g.update_member(g.get("b"), make_member("b", {"roundrobin", "range"}).protocols, 45000, 20000, nullptr);
  EXPECT_EQ(g.select_protocol(), "roundrobin");
  EXPECT_EQ(g.get("b").rebalance_timeout_ms, 45000);
  EXPECT_EQ(g.get("b").session_timeout_ms, 20000);
}

TEST_F(GroupProtocolTest, UpdateMemberWithACallbackParksItAndWithoutOneUnparksIt) {
  g.add(make_member("a"), nullptr);
  std::optional<protocol::join_group_response> answer;
  g.update_member(g.get("a"), g.get("a").protocols, 30000, 10000, park(answer));
  EXPECT_EQ(g.awaiting_join_count(), 1u);
  g.update_member(g.get("a"), g.get("a").protocols, 30000, 10000, nullptr);
  EXPECT_EQ(g.awaiting_join_count(), 0u);
  EXPECT_FALSE(g.get("a").is_awaiting_join());
}

TEST(GroupMetadataDeathTest, SelectingAProtocolWithoutMembersIsAnInvariantViolation) {
  group_metadata g("g", empty, 0);
  EXPECT_DEATH(g.select_protocol(), "cannot select a protocol for empty group");
}

// --- supports_protocols -------------------------------------------------------------------

TEST_F(GroupProtocolTest, AnEmptyGroupSupportsAnyNonEmptyTypeAndProtocolList) {
  EXPECT_TRUE(g.supports_protocols("consumer", {"range"}));
  EXPECT_TRUE(g.supports_protocols("anything", {"x"}));
  EXPECT_FALSE(g.supports_protocols("", {"range"}));
  EXPECT_FALSE(g.supports_protocols("consumer", {}));
}

TEST_F(GroupProtocolTest, ANonEmptyGroupNeedsItsTypeAndAProtocolEveryMemberSpeaks) {
  g.add(make_member("a", {"range", "roundrobin"}), nullptr);
  g.transition_to(preparing_rebalance, 1001);
  EXPECT_TRUE(g.supports_protocols("consumer", {"roundrobin", "foo"}));
  EXPECT_FALSE(g.supports_protocols("consumer", {"foo"}));
  EXPECT_FALSE(g.supports_protocols("connect", {"range"}));
  g.add(make_member("b", {"roundrobin"}), nullptr);
  EXPECT_FALSE(g.supports_protocols("consumer", {"range"})) << "b does not speak range";
  EXPECT_TRUE(g.supports_protocols("consumer", {"roundrobin"}));
}

}  // namespace
}  // namespace kb::group
