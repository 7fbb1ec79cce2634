// replica_manager: which replicas get a log when a log dir failed at startup. Those the
// broker learns of in its first view of ZooKeeper existed before it started and may be in
// the failed dir: they stay offline (KAFKA_STORAGE_ERROR) instead of restarting empty.
// Replicas assigned after that first view are new and get a log in a live dir.
#include "brokerd/cluster/replica_manager.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "log/file_names.h"
#include "log/log_manager.h"
#include "tests/support/manual_clock.h"
#include "tests/support/temp_dir.h"

namespace kb::cluster {
namespace {

namespace fs = std::filesystem;

class ReplicaManagerStartupTest : public ::testing::Test {
 protected:
  static constexpr int32_t local_id = 3;

  ReplicaManagerStartupTest() {
    // Opening a's lock fails (EISDIR), as an unreadable disk fails with EIO.
    fs::create_directory(failed_.path() / log::lock_file);
    logs_.startup(0);
  }
  ~ReplicaManagerStartupTest() override { logs_.shutdown(); }

  partition* follow(const topic_partition& tp) {
    partition_state s;
    s.leader = 1;
    s.leader_epoch = 4;
    s.isr = {1};
    s.replicas = {1, local_id};
    return replicas_.apply(tp, s, log::log_config{}, 0);
  }

  test::temp_dir failed_, live_;
  log::log_manager logs_{{failed_.path(), live_.path()}, log::log_config{}};
  test::manual_clock clock_;
  replica_manager replicas_{logs_, local_id, clock_};
};

TEST_F(ReplicaManagerStartupTest, AReplicaInTheFirstViewIsOfflineAndGetsNoNewLog) {
  ASSERT_EQ(logs_.live_dirs(), std::vector<fs::path>{live_.path()});
  partition* p = follow({"t", 0});
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->log().offline());
  EXPECT_FALSE(fs::exists(live_.path() / "t-0"));
  replicas_.startup_view_applied();
  EXPECT_EQ(follow({"t", 0}), p) << "still the same offline replica";
  EXPECT_TRUE(p->log().offline());
}

TEST_F(ReplicaManagerStartupTest, AReplicaAssignedAfterTheFirstViewGetsALogInALiveDir) {
  replicas_.startup_view_applied();
  partition* p = follow({"t", 1});
  ASSERT_NE(p, nullptr);
  EXPECT_FALSE(p->log().offline());
  EXPECT_TRUE(fs::exists(live_.path() / "t-1"));
}

}  // namespace
}  // namespace kb::cluster
