// The controller's record of replicas in failed log dirs (Kafka's replicasOnOfflineDirs).
#include "zkmeta/controller/offline_replicas.h"

#include <gtest/gtest.h>

namespace kb::zkmeta {
namespace {

const kb::topic_partition a{"t", 0}, b{"t", 1}, c{"u", 0};

TEST(OfflineReplicasTest, NothingIsOfflineUntilABrokerSaysSo) {
  offline_replicas r;
  EXPECT_FALSE(r.offline(a, 1));
  EXPECT_TRUE(r.brokers().empty());
  EXPECT_EQ(r.epoch_of(1), std::nullopt);
}

TEST(OfflineReplicasTest, AnAnswerMarksItsRefusedReplicasOfflineForThatBrokerOnly) {
  offline_replicas r;
  EXPECT_EQ(r.record(1, 100, {.offline = {a}, .online = {b}}), (std::set<kb::topic_partition>{a}));
  EXPECT_TRUE(r.offline(a, 1));
  EXPECT_FALSE(r.offline(b, 1));
  EXPECT_FALSE(r.offline(a, 2));
  EXPECT_EQ(r.epoch_of(1), 100);
  EXPECT_EQ(r.brokers(), (std::set<int32_t>{1}));
}

TEST(OfflineReplicasTest, OnlyReplicasNotOfflineBeforeAreReturnedAsNew) {
  offline_replicas r;
  r.record(1, 100, {.offline = {a}, .online = {}});
  EXPECT_EQ(r.record(1, 100, {.offline = {a, c}, .online = {}}), (std::set<kb::topic_partition>{c}));
  EXPECT_TRUE(r.record(1, 100, {.offline = {a}, .online = {}}).empty());
}

// Kafka: previous -- online ++ offline. A replica without a verdict keeps its mark.
TEST(OfflineReplicasTest, AReplicaAnsweringAgainIsOnlineAndOneWithoutVerdictStaysOffline) {
  offline_replicas r;
  r.record(1, 100, {.offline = {a, b}, .online = {}});
  EXPECT_TRUE(r.record(1, 100, {.offline = {}, .online = {a}}).empty());
  EXPECT_FALSE(r.offline(a, 1));
  EXPECT_TRUE(r.offline(b, 1));
}

TEST(OfflineReplicasTest, ABrokerWithNothingOfflineHasNoEntry) {
  offline_replicas r;
  r.record(1, 100, {.offline = {a}, .online = {}});
  r.record(1, 100, {.offline = {}, .online = {a}});
  EXPECT_TRUE(r.brokers().empty());
  EXPECT_EQ(r.epoch_of(1), std::nullopt);
}

TEST(OfflineReplicasTest, AnAnswerFromANewRegistrationStartsAfresh) {
  offline_replicas r;
  r.record(1, 100, {.offline = {a}, .online = {}});
  EXPECT_EQ(r.record(1, 200, {.offline = {b}, .online = {}}), (std::set<kb::topic_partition>{b}));
  EXPECT_FALSE(r.offline(a, 1));
  EXPECT_TRUE(r.offline(b, 1));
  EXPECT_EQ(r.epoch_of(1), 200);
}

TEST(OfflineReplicasTest, ForgettingABrokerClearsOnlyIt) {
  offline_replicas r;
  r.record(1, 100, {.offline = {a}, .online = {}});
  r.record(2, 101, {.offline = {a}, .online = {}});
  r.forget(1);
  EXPECT_FALSE(r.offline(a, 1));
  EXPECT_TRUE(r.offline(a, 2));
  r.clear();
  EXPECT_FALSE(r.offline(a, 2));
}

TEST(OfflineReplicasTest, ForgettingATopicKeepsTheOtherTopicsReplicas) {
  offline_replicas r;
  r.record(1, 100, {.offline = {a, c}, .online = {}});
  r.record(2, 101, {.offline = {b}, .online = {}});
  r.forget_topic("t");
  EXPECT_FALSE(r.offline(a, 1));
  EXPECT_TRUE(r.offline(c, 1));
  EXPECT_EQ(r.brokers(), (std::set<int32_t>{1})) << "broker 2 had only t's replica";
}

}  // namespace
}  // namespace kb::zkmeta
