// isr_manager: the leader's ISR growth through the metadata applier's view of a reassignment.
// The controller takes the replicas being removed out of the ISR before the topic znode drops
// them from the assignment; meanwhile the leader must not let them back in.
#include "brokerd/cluster/isr_manager.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "brokerd/cluster/metadata_applier.h"
#include "log/log_manager.h"
#include "tests/support/io_runner.h"
#include "tests/support/manual_clock.h"
#include "tests/support/temp_dir.h"
#include "zkmeta/fake_zk_client.h"
#include "zkmeta/paths.h"
#include "zkmeta/znodes/partition_state_znode.h"

namespace kb::cluster {
namespace {

using ids = std::vector<int32_t>;

class IsrManagerTest : public ::testing::Test {
 protected:
  static constexpr int32_t local_id = 1;

  IsrManagerTest() : zk_(io_.get_executor(), server_) {
    logs_.startup(0);
    EXPECT_TRUE(test::run(io_, zkmeta::ensure_persistent_paths(zk_)));
    EXPECT_TRUE(test::run(io_, zkmeta::ensure_path(zk_, zkmeta::topic_partition_znode::path("t", 0))));
  }
  ~IsrManagerTest() override { logs_.shutdown(); }

  // What the metadata watcher reports: the topic znode mid-reassignment [1,2] -> [1,3]
  // (RS [1,3,2], AR [3], RR [2]) and the state znode the controller wrote.
  void learn(ids isr) {
    zkmeta::leader_and_isr s;
    s.leader = kb::broker_id{local_id};
    s.leader_epoch = kb::leader_epoch{2};
    s.isr = std::move(isr);
    auto path = zkmeta::partition_state_znode::path("t", 0);
    auto existing = test::run(io_, zk_.exists(path));
    ASSERT_TRUE(existing);
    int32_t version = 0;
    if (existing.value()) {
      auto set = test::run(io_, zk_.set(path, zkmeta::partition_state_znode::encode(s)));
      ASSERT_TRUE(set);
      version = set.value().version;
    } else {
      ASSERT_TRUE(test::run(io_, zk_.create(path, zkmeta::partition_state_znode::encode(s))));
    }
    zkmeta::topic_assignment t;
    t.partitions = {{0, {1, 3, 2}}};
    t.adding_replicas = {{0, {3}}};
    t.removing_replicas = {{0, {2}}};
    listener_.on_topic("t", t);
    listener_.on_partition_state({"t", 0}, s, version);
  }

  ids isr_in_zookeeper() {
    auto r = test::run(io_, zk_.get(zkmeta::partition_state_znode::path("t", 0)));
    return zkmeta::partition_state_znode::decode(*r.value().data).value().isr;
  }

  boost::asio::io_context io_;
  test::temp_dir tmp_;
  log::log_manager logs_{{tmp_.path()}, log::log_config{}};
  test::manual_clock clock_;
  replica_manager replicas_{logs_, local_id, clock_};
  metadata_cache metadata_;
  topic_defaults defaults_;
  kb::delayed_operations<std::string> topic_waiters_{clock_};
  struct ignoring_observer final : replica_observer {
    void on_leadership_change(const topic_partition&) override {}
    void on_topic_deleted(const std::string&, int32_t) override {}
  } observer_;
  metadata_applier applier_{metadata_, replicas_, defaults_, topic_waiters_, observer_, "PLAINTEXT",
                            [] { return int64_t{0}; }};
  zkmeta::metadata_listener listener_ = applier_.listener();
  zkmeta::fake_zk_server server_;
  zkmeta::fake_zk_client zk_;
  int64_t now_ms_ = 0;  // what the ISR manager reads as the time
  isr_manager isr_{replicas_, zk_, io_.get_executor(), 10000, [this] { return now_ms_; }};
};

TEST_F(IsrManagerTest, AnAddedReplicaThatCaughtUpJoinsTheIsr) {
  learn({1, 2});
  ASSERT_NE(replicas_.get({"t", 0}), nullptr);
  EXPECT_EQ(replicas_.get({"t", 0})->state().removing_replicas, (ids{2}));
  isr_.on_follower_caught_up({"t", 0}, 3);
  ASSERT_TRUE(test::run_until(io_, [&] { return isr_in_zookeeper() == ids{1, 2, 3}; }));
}

TEST_F(IsrManagerTest, AReplicaBeingRemovedIsNotAddedBack) {
  learn({1, 3});  // the controller already took 2 out
  isr_.on_follower_caught_up({"t", 0}, 2);
  test::drain(io_);
  EXPECT_EQ(isr_in_zookeeper(), (ids{1, 3}));
  EXPECT_EQ(replicas_.get({"t", 0})->state().isr, (ids{1, 3}));
}

TEST_F(IsrManagerTest, AFollowerSilentPastTheLagTimeLeavesTheIsr) {
  learn({1, 2});
  now_ms_ = 20'000;  // replica.lag.time.max.ms is 10 s
  isr_.check_shrink();
  ASSERT_TRUE(test::run_until(io_, [&] { return isr_in_zookeeper() == ids{1}; }));
}

// Its followers get KAFKA_STORAGE_ERROR and fall silent; an ISR of the offline leader alone
// would leave the controller no in-sync replica to elect.
TEST_F(IsrManagerTest, AnOfflineLeaderDoesNotShrinkTheIsr) {
  learn({1, 2});
  replicas_.get({"t", 0})->log().take_offline("its log dir failed");
  now_ms_ = 20'000;
  isr_.check_shrink();
  test::drain(io_);
  EXPECT_EQ(isr_in_zookeeper(), (ids{1, 2}));
}

}  // namespace
}  // namespace kb::cluster
