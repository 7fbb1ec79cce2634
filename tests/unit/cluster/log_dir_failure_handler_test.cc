#include "brokerd/cluster/log_dir_failure_handler.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "tests/support/io_runner.h"
#include "zkmeta/fake_zk_client.h"
#include "zkmeta/fake_zk_server.h"
#include "zkmeta/paths.h"
#include "zkmeta/znodes/log_dir_event_notification_znode.h"

namespace kb::cluster {
namespace {

namespace seq = zkmeta::log_dir_event_notification_sequence_znode;

class LogDirFailureHandlerTest : public ::testing::Test {
 protected:
  LogDirFailureHandlerTest() : zk_(io_.get_executor(), server_) {
    EXPECT_TRUE(test::run(io_, zkmeta::ensure_persistent_paths(zk_)));
  }

  log_dir_failure_handler handler(std::vector<std::filesystem::path> dirs) {
    return log_dir_failure_handler(std::move(dirs), kb::broker_id{7}, zk_, io_.get_executor(), [this] { ++halts_; });
  }

  std::vector<std::string> notifications() {
    auto children = test::run(io_, zk_.get_children(zkmeta::log_dir_event_notification_znode::path()));
    EXPECT_TRUE(children);
    return children ? children.value() : std::vector<std::string>{};
  }

  boost::asio::io_context io_;
  zkmeta::fake_zk_server server_;
  zkmeta::fake_zk_client zk_;
  int halts_ = 0;
};

TEST_F(LogDirFailureHandlerTest, HaltsOnceWhenEveryDirHasFailedAndNotBefore) {
  log_dir_failure_handler h = handler({"/data/a", "/data/b"});
  h.log_dir_failed("/data/a", "pwrite: No space left on device");
  EXPECT_EQ(halts_, 0);
  EXPECT_FALSE(h.halting());
  h.log_dir_failed("/data/a", "again");
  EXPECT_EQ(halts_, 0) << "a dir fails once";
  h.log_dir_failed("/data/b", "fsync: Input/output error");
  EXPECT_EQ(halts_, 1);
  EXPECT_TRUE(h.halting());
  EXPECT_EQ(h.failed().size(), 2u);
  h.log_dir_failed("/data/b", "more");
  EXPECT_EQ(halts_, 1);
}

TEST_F(LogDirFailureHandlerTest, ASingleDirFailingHaltsWithoutTellingTheController) {
  log_dir_failure_handler h = handler({"/data/a"});
  h.log_dir_failed("/data/a", "pwrite: No space left on device");
  EXPECT_EQ(halts_, 1);
  test::drain(io_);
  EXPECT_TRUE(notifications().empty()) << "the session's expiry tells the controller";
}

// Kafka's propagateLogDirEvent: one sequential znode per failed dir, naming the broker.
TEST_F(LogDirFailureHandlerTest, ADirFailingWhileOthersRemainIsPostedForTheController) {
  log_dir_failure_handler h = handler({"/data/a", "/data/b", "/data/c"});
  h.start();
  h.log_dir_failed("/data/a", "pwrite: No space left on device");
  h.log_dir_failed("/data/a", "again");
  ASSERT_TRUE(test::run_until(io_, [&] { return h.notifications_posted() == 1; }));
  h.log_dir_failed("/data/b", "fsync: Input/output error");
  ASSERT_TRUE(test::run_until(io_, [&] { return h.notifications_posted() == 2; }));
  EXPECT_EQ(halts_, 0);
  std::vector<std::string> names = notifications();
  ASSERT_EQ(names.size(), 2u);
  for (const std::string& name : names) {
    EXPECT_TRUE(name.starts_with(seq::prefix)) << name;
    auto data = test::run(io_, zk_.get(zkmeta::log_dir_event_notification_znode::path() + "/" + name));
    ASSERT_TRUE(data && data.value().data);
    EXPECT_EQ(*data.value().data, R"({"version":1,"broker":7,"event":1})");
  }
}

// A dir failing while the logs load, before the broker is registered (and before its
// ZooKeeper session exists), is reported once start() says the broker is.
TEST_F(LogDirFailureHandlerTest, ADirThatFailedBeforeStartIsPostedAtStart) {
  log_dir_failure_handler h = handler({"/data/a", "/data/b"});
  h.log_dir_failed("/data/a", "Disk error while locking directory /data/a: Read-only file system");
  test::drain(io_);
  EXPECT_EQ(h.notifications_posted(), 0);
  EXPECT_TRUE(notifications().empty());
  h.start();
  ASSERT_TRUE(test::run_until(io_, [&] { return h.notifications_posted() == 1; }));
  test::drain(io_);
  EXPECT_EQ(notifications().size(), 1u) << "posted once";
  EXPECT_EQ(halts_, 0);
}

TEST_F(LogDirFailureHandlerTest, EveryDirFailingBeforeStartHaltsAndPostsNothing) {
  log_dir_failure_handler h = handler({"/data/a", "/data/b"});
  h.log_dir_failed("/data/a", "Disk error while locking directory /data/a: Read-only file system");
  h.log_dir_failed("/data/b", "open /data/b/t-0/00000000000000000000.log: Input/output error");
  EXPECT_EQ(halts_, 1);
  h.start();
  test::drain(io_);
  EXPECT_TRUE(notifications().empty()) << "the broker is halting";
}

}  // namespace
}  // namespace kb::cluster
