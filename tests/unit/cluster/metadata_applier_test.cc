// metadata_applier: what a broker does with a reassignment it reads from ZooKeeper.
#include "brokerd/cluster/metadata_applier.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "log/log_manager.h"
#include "tests/support/manual_clock.h"
#include "tests/support/temp_dir.h"

namespace kb::cluster {
namespace {

class MetadataApplierTest : public ::testing::Test {
 protected:
  static constexpr int32_t local_id = 3;

  MetadataApplierTest() {
    logs_.startup(0);
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
  test::manual_clock clock_;
  kb::delayed_operations<std::string> topic_waiters_{clock_};
  replica_manager replicas_{logs_, local_id, clock_};
  metadata_cache metadata_;
  topic_defaults defaults_;
  // Records what the applier tells the fetchers and the coordinator.
  struct recording_observer final : replica_observer {
    std::vector<topic_partition>& changes;
    std::vector<std::pair<std::string, int32_t>>& deleted;
    recording_observer(std::vector<topic_partition>& c, std::vector<std::pair<std::string, int32_t>>& d)
        : changes(c), deleted(d) {}
    void on_leadership_change(const topic_partition& tp) override { changes.push_back(tp); }
    void on_topic_deleted(const std::string& topic, int32_t partitions) override { deleted.emplace_back(topic, partitions); }
  };
  std::vector<topic_partition> changes_;
  std::vector<std::pair<std::string, int32_t>> deleted_;
  recording_observer observer_{changes_, deleted_};
  metadata_applier applier_{metadata_, replicas_, defaults_, topic_waiters_, observer_, "PLAINTEXT",
                            [] { return int64_t{0}; }};
  zkmeta::metadata_listener listener_ = applier_.listener();
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
  EXPECT_EQ(deleted_, (std::vector<std::pair<std::string, int32_t>>{{"t", 1}})) << "so its offsets go too";
}


TEST_F(MetadataApplierTest, EachChangeToATopicWakesThatTopicsWaitersOnly) {
  int t_checks = 0, other_checks = 0;
  struct counting : kb::delayed_operation {
    int& checks;
    explicit counting(int& c) : checks(c) {}
    bool try_complete() override { return ++checks, false; }
    void on_expiration() override {}
  };
  topic_waiters_.watch(std::make_shared<counting>(t_checks), {"t"}, clock_.now() + std::chrono::hours(1));
  topic_waiters_.watch(std::make_shared<counting>(other_checks), {"other"}, clock_.now() + std::chrono::hours(1));
  t_checks = other_checks = 0;
  assign({3, 1});
  EXPECT_EQ(t_checks, 1) << "assignment";
  lead(1, 0);
  EXPECT_EQ(t_checks, 2) << "partition state";
  listener_.on_topic_config("t", {{"retention.ms", "1000"}});
  EXPECT_EQ(t_checks, 3) << "config";
  listener_.on_topic("t", std::nullopt);
  EXPECT_EQ(t_checks, 4) << "deletion";
  EXPECT_EQ(other_checks, 0);
}

}  // namespace
}  // namespace kb::cluster
