// metadata_applier: what a broker does with a reassignment it reads from ZooKeeper.
#include "brokerd/cluster/metadata_applier.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "log/log_manager.h"
#include "tests/support/temp_dir.h"

namespace kb::cluster {
namespace {

class MetadataApplierTest : public ::testing::Test {
 protected:
  static constexpr int32_t local_id = 3;

  MetadataApplierTest() {
    logs_.startup(0);
    applier_.on_leadership_change = [this](const topic_partition& tp) { changes_.push_back(tp); };
  }
  ~MetadataApplierTest() override { logs_.shutdown(); }

  void assign(std::vector<int32_t> replicas) {
    zkmeta::topic_assignment t;
    t.partitions = {{0, std::move(replicas)}};
    listener_.on_topic("t", t);
  }

  void lead(int32_t leader, int32_t epoch) {
    zkmeta::leader_and_isr s;
    s.leader = kb::broker_id{leader};
    s.leader_epoch = kb::leader_epoch{epoch};
    s.isr = {leader};
    listener_.on_partition_state({"t", 0}, s, epoch);
  }

  boost::asio::io_context io_;
  test::temp_dir tmp_;
  log::log_manager logs_{{tmp_.path()}, log::log_config{}};
  replica_manager replicas_{logs_, local_id, io_.get_executor()};
  metadata_cache metadata_;
  topic_defaults defaults_;
  metadata_applier applier_{metadata_, replicas_, defaults_, "PLAINTEXT", [] { return int64_t{0}; }};
  zkmeta::metadata_listener listener_ = applier_.listener();
  std::vector<topic_partition> changes_;
};

TEST_F(MetadataApplierTest, ABrokerNamedInTheAssignmentCreatesAndFollowsItsReplica) {
  assign({1, 2});
  lead(1, 0);
  EXPECT_EQ(replicas_.get({"t", 0}), nullptr);
  assign({3, 1, 2});  // a reassignment adds this broker
  ASSERT_NE(replicas_.get({"t", 0}), nullptr);
  EXPECT_FALSE(replicas_.get({"t", 0})->is_leader());
  EXPECT_EQ(changes_, (std::vector<topic_partition>{{"t", 0}}));  // the broker starts following
  EXPECT_TRUE(std::filesystem::exists(tmp_.path() / "t-0"));
}

TEST_F(MetadataApplierTest, ABrokerDroppedFromTheAssignmentDeletesItsReplicaAndStopsFollowing) {
  assign({3, 1});
  lead(1, 0);
  ASSERT_NE(replicas_.get({"t", 0}), nullptr);
  changes_.clear();
  assign({1, 2});
  EXPECT_EQ(replicas_.get({"t", 0}), nullptr);
  EXPECT_EQ(changes_, (std::vector<topic_partition>{{"t", 0}}));  // the fetcher lets go
  EXPECT_FALSE(std::filesystem::exists(tmp_.path() / "t-0"));
}

TEST_F(MetadataApplierTest, ADeletedTopicsReplicasGoAndStopBeingFollowed) {
  assign({3, 1});
  lead(1, 0);
  ASSERT_NE(replicas_.get({"t", 0}), nullptr);
  changes_.clear();
  listener_.on_topic("t", std::nullopt);
  EXPECT_EQ(replicas_.get({"t", 0}), nullptr);
  EXPECT_EQ(changes_, (std::vector<topic_partition>{{"t", 0}}));
  EXPECT_FALSE(std::filesystem::exists(tmp_.path() / "t-0"));
}

}  // namespace
}  // namespace kb::cluster
