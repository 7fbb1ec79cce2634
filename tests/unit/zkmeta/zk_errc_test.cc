// zk_errc: numbering mirrors the C client, error_code plumbing, retryability.
#include "zkmeta/zk_errc.h"

#include <gtest/gtest.h>

#include <zookeeper/zookeeper.h>

namespace kb::zkmeta {
namespace {

TEST(ZkErrcTest, ValuesMatchTheCClientReturnCodes) {
  EXPECT_EQ(to_zk_errc(ZOK), zk_errc::ok);
  EXPECT_EQ(to_zk_errc(ZNONODE), zk_errc::no_node);
  EXPECT_EQ(to_zk_errc(ZNODEEXISTS), zk_errc::node_exists);
  EXPECT_EQ(to_zk_errc(ZBADVERSION), zk_errc::bad_version);
  EXPECT_EQ(to_zk_errc(ZNOTEMPTY), zk_errc::not_empty);
  EXPECT_EQ(to_zk_errc(ZSESSIONEXPIRED), zk_errc::session_expired);
  EXPECT_EQ(to_zk_errc(ZCONNECTIONLOSS), zk_errc::connection_loss);
  EXPECT_EQ(to_zk_errc(ZOPERATIONTIMEOUT), zk_errc::operation_timeout);
  EXPECT_EQ(to_zk_errc(ZNOCHILDRENFOREPHEMERALS), zk_errc::no_children_for_ephemerals);
  EXPECT_EQ(to_zk_errc(ZINVALIDSTATE), zk_errc::invalid_state);
  EXPECT_EQ(to_zk_errc(ZRUNTIMEINCONSISTENCY), zk_errc::runtime_inconsistency);
  EXPECT_EQ(to_zk_errc(ZTHROTTLEDOP), zk_errc::throttled_op);
}

TEST(ZkErrcTest, UnknownCodesBecomeSystemError) {
  EXPECT_EQ(to_zk_errc(-9999), zk_errc::system_error);
  EXPECT_EQ(to_zk_errc(-122), zk_errc::system_error);
}

TEST(ZkErrcTest, OkIsAFalseErrorCode) {
  EXPECT_FALSE(make_error_code(zk_errc::ok));
  const std::error_code ec = zk_errc::no_node;
  EXPECT_TRUE(ec);
  EXPECT_EQ(ec, zk_errc::no_node);
  EXPECT_EQ(ec.message(), "ZooKeeper: no_node");
  EXPECT_STREQ(ec.category().name(), "kb.zookeeper");
}

TEST(ZkErrcTest, OnlyConnectionLossAndTimeoutAreRetryable) {
  EXPECT_TRUE(is_retryable(zk_errc::connection_loss));
  EXPECT_TRUE(is_retryable(zk_errc::operation_timeout));
  EXPECT_FALSE(is_retryable(zk_errc::session_expired));
  EXPECT_FALSE(is_retryable(zk_errc::bad_version));
  EXPECT_TRUE(is_retryable(make_error_code(zk_errc::connection_loss)));
  EXPECT_FALSE(is_retryable(std::make_error_code(std::errc::timed_out)));
}

}  // namespace
}  // namespace kb::zkmeta
