// metadata_watcher::resync after a session expiry, on the fake ZooKeeper: it delivers what
// changed while the session was gone and says whether every read succeeded, so the broker
// resumes leading only on a view it has actually re-read.
#include "zkmeta/metadata_watcher.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include <map>

#include "tests/support/io_runner.h"
#include "zkmeta/fake_zk_client.h"
#include "zkmeta/paths.h"
#include "zkmeta/znodes/partition_state_znode.h"
#include "zkmeta/znodes/topic_znode.h"

namespace kb::zkmeta {
namespace {

using kb::test::run;

class MetadataWatcherResyncTest : public ::testing::Test {
 protected:
  MetadataWatcherResyncTest() : server_([this] { return now_ms_; }), zk_(io_.get_executor(), server_) {
    EXPECT_TRUE(run(io_, ensure_persistent_paths(zk_)));
    topic_assignment t;
    t.partitions[0] = {1, 2};
    create(topic_znode::path("t"), topic_znode::encode(t));
    create(topic_partitions_znode::path("t"), std::nullopt);
    create(topic_partition_znode::path("t", 0), std::nullopt);
    create(partition_state_znode::path("t", 0), partition_state_znode::encode(state_led_by(1, 0)));
    metadata_listener l;
    l.on_partition_state = [this](const kb::topic_partition&, const leader_and_isr& s, int32_t) {
      leaders_.push_back(s.leader());
    };
    watcher_ = std::make_unique<metadata_watcher>(zk_, io_.get_executor(), l);
    EXPECT_TRUE(run(io_, watcher_->start()));
  }

  ~MetadataWatcherResyncTest() override { watcher_->stop(); }

  static leader_and_isr state_led_by(int32_t leader, int32_t epoch) {
    leader_and_isr s;
    s.leader = kb::broker_id{leader};
    s.leader_epoch = kb::leader_epoch{epoch};
    s.isr = {1, 2};
    return s;
  }

  void create(const std::string& path, std::optional<std::string> data) {
    auto r = run(io_, zk_.create(path, std::move(data), create_mode::persistent));
    ASSERT_TRUE(r) << path << ": " << r.error().message();
  }

  // The controller moves the leadership while this broker's session is gone.
  void expire_while_leadership_moves() {
    zk_.expire_session();
    kb::test::drain(io_);
    ASSERT_TRUE(run(io_, zk_.reconnect()));
    auto r = run(io_, zk_.set(partition_state_znode::path("t", 0), partition_state_znode::encode(state_led_by(2, 1)), -1));
    ASSERT_TRUE(r) << r.error().message();
    kb::test::drain(io_);
  }

  int64_t now_ms_ = 1'000;
  boost::asio::io_context io_;
  fake_zk_server server_;
  fake_zk_client zk_;
  std::unique_ptr<metadata_watcher> watcher_;
  std::vector<int32_t> leaders_;
};

TEST_F(MetadataWatcherResyncTest, DeliversWhatChangedWhileTheSessionWasGoneAndSaysSo) {
  ASSERT_EQ(leaders_, std::vector<int32_t>{1});
  expire_while_leadership_moves();
  EXPECT_EQ(leaders_.size(), 1u) << "the old session's watch never fires";
  EXPECT_TRUE(run(io_, watcher_->resync()));
  EXPECT_EQ(leaders_.back(), 2);
}

TEST_F(MetadataWatcherResyncTest, AResyncWhoseReadsFailSaysSoAndTheNextOneSucceeds) {
  expire_while_leadership_moves();
  zk_.fail_next(zk_errc::connection_loss, 1);
  EXPECT_FALSE(run(io_, watcher_->resync()));
  EXPECT_TRUE(run(io_, watcher_->resync()));
  EXPECT_EQ(leaders_.back(), 2);
}

// The broker's first view: a read that fails leaves part of it missing, and start() says so
// (the broker then counts replicas as existing until a resync has read everything).
TEST(MetadataWatcherStartTest, AStartWhoseReadsFailSaysSo) {
  boost::asio::io_context io;
  fake_zk_server server;
  fake_zk_client zk(io.get_executor(), server);
  ASSERT_TRUE(run(io, ensure_persistent_paths(zk)));
  metadata_watcher watcher(zk, io.get_executor(), metadata_listener{});
  zk.fail_next(zk_errc::session_expired, 1);
  EXPECT_FALSE(run(io, watcher.start()));
  EXPECT_TRUE(run(io, watcher.resync()));
  watcher.stop();
}

TEST_F(MetadataWatcherResyncTest, AResyncOfAStoppedWatcherFails) {
  watcher_->stop();
  EXPECT_FALSE(run(io_, watcher_->resync()));
}

}  // namespace
}  // namespace kb::zkmeta
