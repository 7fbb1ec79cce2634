// isr_updater over the fake ZooKeeper: the leader's conditional write of a partition's state
// znode, and the ISR change notification that follows it.
#include "replication/isr_updater.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "tests/support/io_runner.h"
#include "zkmeta/fake_zk_client.h"
#include "zkmeta/fake_zk_server.h"
#include "zkmeta/paths.h"
#include "zkmeta/retrying_zk_client.h"
#include "zkmeta/znodes/isr_change_notification_znode.h"
#include "zkmeta/znodes/partition_state_znode.h"

namespace kb::replication {
namespace {

using kb::test::run;

class IsrUpdaterTest : public ::testing::Test {
 protected:
  IsrUpdaterTest() {
    EXPECT_TRUE(run(io_, zkmeta::ensure_persistent_paths(inner_)));
    EXPECT_TRUE(run(io_, zkmeta::ensure_path(inner_, zkmeta::topic_partition_znode::path("t", 0))));
    EXPECT_TRUE(run(io_, inner_.create(path_, zkmeta::partition_state_znode::encode(state({1, 2, 3})))));
  }

  static zkmeta::leader_and_isr state(std::vector<int32_t> isr) {
    zkmeta::leader_and_isr s;
    s.leader = kb::broker_id{1};
    s.leader_epoch = kb::leader_epoch{4};
    s.isr = std::move(isr);
    s.controller_epoch = kb::controller_epoch{2};
    return s;
  }

  zkmeta::leader_and_isr in_zookeeper() {
    auto got = run(io_, inner_.get(path_));
    return zkmeta::partition_state_znode::decode(*got.value().data).value();
  }

  std::size_t notifications() {
    return run(io_, inner_.get_children(zkmeta::isr_change_notification_znode::path())).value().size();
  }

  const std::string path_ = zkmeta::partition_state_znode::path("t", 0);
  boost::asio::io_context io_;
  zkmeta::fake_zk_server server_;
  zkmeta::fake_zk_client inner_{io_.get_executor(), server_};
  zkmeta::retrying_zk_client zk_{io_.get_executor(), inner_};
  isr_updater updater_{zk_};
};

TEST_F(IsrUpdaterTest, AWriteOnTheVersionItSawIsAppliedAndAnnounced) {
  EXPECT_EQ(run(io_, updater_.update({"t", 0}, state({1, 2}), 0)), std::optional<int32_t>(1));
  EXPECT_EQ(in_zookeeper(), state({1, 2}));
  EXPECT_EQ(notifications(), 1u);
}

TEST_F(IsrUpdaterTest, AWriteOnAStaleVersionLosesAndChangesNothing) {
  ASSERT_TRUE(run(io_, inner_.set(path_, zkmeta::partition_state_znode::encode(state({1, 3})), 0)));
  EXPECT_EQ(run(io_, updater_.update({"t", 0}, state({1, 2}), 0)), std::nullopt);
  EXPECT_EQ(in_zookeeper(), state({1, 3}));
  EXPECT_EQ(notifications(), 0u);
}

// Its retry after a connection loss answers bad_version for the write's own effect; the
// znode holding exactly what was written means it was applied (Kafka's
// ReplicationUtils.checkLeaderAndIsrZkData).
TEST_F(IsrUpdaterTest, AWriteAppliedWhoseAnswerWasLostCountsAsApplied) {
  inner_.lose_next_answers();
  EXPECT_EQ(run(io_, updater_.update({"t", 0}, state({1, 2}), 0)), std::optional<int32_t>(1));
  EXPECT_EQ(in_zookeeper(), state({1, 2}));
  EXPECT_EQ(notifications(), 1u);
}

TEST_F(IsrUpdaterTest, AStaleWriteThatMatchesNoWrittenStateStillLoses) {
  ASSERT_TRUE(run(io_, inner_.set(path_, zkmeta::partition_state_znode::encode(state({1, 3})), 0)));
  inner_.lose_next_answers();  // nothing is applied: the answer lost is bad_version itself
  EXPECT_EQ(run(io_, updater_.update({"t", 0}, state({1, 2}), 0)), std::nullopt);
  EXPECT_EQ(in_zookeeper(), state({1, 3}));
}

}  // namespace
}  // namespace kb::replication
