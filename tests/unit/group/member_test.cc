// member (Kafka's MemberMetadata): when a member counts as alive at its session deadline, how
// it votes, and when a rejoin carries the same metadata.
#include <gtest/gtest.h>

#include "brokerd/group/member.h"
#include "tests/unit/group/member_builder.h"

namespace kb::group {
namespace {

using test::make_member;

TEST(MemberTest, AnEstablishedMemberNeedsAHeartbeat) {
  member m = make_member("m");
  EXPECT_FALSE(m.has_satisfied_heartbeat());
  m.heartbeat_satisfied = true;
  EXPECT_TRUE(m.has_satisfied_heartbeat());
}

TEST(MemberTest, AnEstablishedMemberParkedInJoinGroupOrSyncGroupCountsAsAlive) {
  member joining = make_member("m");
  joining.awaiting_join = [](protocol::join_group_response) {};
  EXPECT_TRUE(joining.has_satisfied_heartbeat());
  member syncing = make_member("m");
  syncing.awaiting_sync = [](protocol::sync_group_response) {};
  EXPECT_TRUE(syncing.has_satisfied_heartbeat());
}

TEST(MemberTest, ANewMemberParkedInJoinGroupStillNeedsItsFlag) {
  member m = make_member("m");
  m.is_new = true;
  m.awaiting_join = [](protocol::join_group_response) {};
  EXPECT_FALSE(m.has_satisfied_heartbeat());
  m.heartbeat_satisfied = true;
  EXPECT_TRUE(m.has_satisfied_heartbeat());
}

TEST(MemberTest, AMemberVotesForItsMostPreferredCandidate) {
  member m = make_member("m", {"sticky", "range", "roundrobin"});
  EXPECT_EQ(m.vote({"roundrobin", "range"}), "range");
  EXPECT_EQ(m.vote({"roundrobin"}), "roundrobin");
}

TEST(MemberTest, MatchesNeedsTheSameProtocolsInTheSameOrderWithTheSameMetadata) {
  member m = make_member("m", {"range", "roundrobin"});
  EXPECT_TRUE(m.matches(make_member("x", {"range", "roundrobin"}).protocols));
  EXPECT_FALSE(m.matches(make_member("x", {"roundrobin", "range"}).protocols));
  EXPECT_FALSE(m.matches(make_member("x", {"range"}).protocols));
  EXPECT_FALSE(m.matches(make_member("x", {"range", "roundrobin"}, std::nullopt, {"other"}).protocols));
}

TEST(MemberTest, MetadataIsThatOfTheNamedProtocol) {
  member m = make_member("m");
  m.protocols = {{"range", {std::byte{1}}}, {"roundrobin", {std::byte{2}}}};
  EXPECT_EQ(m.metadata("roundrobin"), std::vector<std::byte>{std::byte{2}});
  EXPECT_TRUE(m.metadata("sticky").empty());
}

}  // namespace
}  // namespace kb::group
