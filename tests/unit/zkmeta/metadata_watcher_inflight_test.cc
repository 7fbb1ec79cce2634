// metadata_watcher: a resync while the watcher's loop is suspended in a topic's load. Found by
// the nemesis (zk-restart): resync cleared the watched-partitions map while load_topic held a
// reference into it across its reads; the loop then inserted into a destroyed set and the
// broker's I/O thread spun forever in the tree (its stack, taken by the nemesis, showed it).
#include "zkmeta/metadata_watcher.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <map>
#include <memory>
#include <optional>

#include "tests/support/io_runner.h"
#include "tests/support/yielding_zk_client.h"
#include "zkmeta/fake_zk_client.h"
#include "zkmeta/paths.h"
#include "zkmeta/runtime/one_shot.h"
#include "zkmeta/znodes/partition_state_znode.h"
#include "zkmeta/znodes/topic_znode.h"

namespace kb::zkmeta {
namespace {

using kb::test::run;

class MetadataWatcherInFlightTest : public ::testing::Test {
 protected:
  MetadataWatcherInFlightTest() : server_([this] { return now_ms_; }), zk_(io_.get_executor(), server_) {
    EXPECT_TRUE(run(io_, ensure_persistent_paths(zk_)));
    write_topic(2, /*create=*/true);
    metadata_listener l;
    l.on_partition_state = [this](const kb::topic_partition& tp, const leader_and_isr& s, int32_t) {
      leaders_[tp.partition] = s.leader();
    };
    watcher_ = std::make_unique<metadata_watcher>(yielding_, io_.get_executor(), l);
    run(io_, watcher_->start());
  }

  ~MetadataWatcherInFlightTest() override { watcher_->stop(); }

  // Topic "t" with partitions 0..n-1, each with a state znode led by broker 1.
  void write_topic(int n, bool create) {
    topic_assignment t;
    for (int p = 0; p < n; ++p) t.partitions[p] = {1, 2};
    if (create) {
      ASSERT_TRUE(run(io_, zk_.create(topic_znode::path("t"), topic_znode::encode(t))));
      ASSERT_TRUE(run(io_, zk_.create(topic_partitions_znode::path("t"), std::nullopt)));
    }  // else: the topic znode is rewritten once its new partitions have state
    for (int p = 0; p < n; ++p) {
      if (run(io_, zk_.exists(partition_state_znode::path("t", p))).value()) continue;
      ASSERT_TRUE(run(io_, zk_.create(topic_partition_znode::path("t", p), std::nullopt)));
      leader_and_isr s;
      s.leader = kb::broker_id{1};
      s.isr = {1, 2};
      ASSERT_TRUE(run(io_, zk_.create(partition_state_znode::path("t", p), partition_state_znode::encode(s))));
    }
    if (!create) {
      ASSERT_TRUE(run(io_, zk_.set(topic_znode::path("t"), topic_znode::encode(t), -1)));
    }
  }

  int64_t now_ms_ = 1'000;
  boost::asio::io_context io_;
  fake_zk_server server_;
  fake_zk_client zk_;
  kb::test::yielding_zk_client yielding_{io_.get_executor(), zk_};
  std::unique_ptr<metadata_watcher> watcher_;
  std::map<int32_t, int32_t> leaders_;
};

TEST_F(MetadataWatcherInFlightTest, AResyncDuringATopicsLoadLeavesAWholeView) {
  ASSERT_EQ(leaders_.size(), 2u);
  // The topic grows to 4 partitions; the load of partition 2's state is held mid-read.
  auto release = std::make_shared<kb::one_shot<bool>>(io_.get_executor());
  bool held = false;
  yielding_.before_exists = [&, release](const std::string& path) -> awaitable<void> {
    if (path != partition_state_znode::path("t", 2) || held) co_return;
    held = true;
    co_await release->get();
  };
  write_topic(4, /*create=*/false);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return held; }));

  // Meanwhile the session expires and the broker resyncs.
  zk_.expire_session();
  ASSERT_TRUE(run(io_, zk_.reconnect()));
  auto resynced = std::make_shared<std::optional<bool>>();
  boost::asio::co_spawn(
      io_, [w = watcher_.get(), resynced]() -> awaitable<void> { *resynced = co_await w->resync(); },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  kb::test::drain(io_);
  release->set(true);
  ASSERT_TRUE(kb::test::run_until(io_, [&] { return resynced->has_value(); }));
  // The held read belonged to the old session: that resync may fail; the next one is whole.
  if (!resynced->value()) {
    EXPECT_TRUE(run(io_, watcher_->resync()));
  }
  EXPECT_EQ(leaders_.size(), 4u) << "every partition's state delivered";
}

}  // namespace
}  // namespace kb::zkmeta
