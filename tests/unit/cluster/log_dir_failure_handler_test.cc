#include "brokerd/cluster/log_dir_failure_handler.h"

#include <gtest/gtest.h>

namespace kb::cluster {
namespace {

TEST(LogDirFailureHandlerTest, HaltsOnceWhenEveryDirHasFailedAndNotBefore) {
  int halts = 0;
  log_dir_failure_handler handler({"/data/a", "/data/b"}, [&] { ++halts; });
  handler.log_dir_failed("/data/a", "pwrite: No space left on device");
  EXPECT_EQ(halts, 0);
  EXPECT_FALSE(handler.halting());
  handler.log_dir_failed("/data/a", "again");
  EXPECT_EQ(halts, 0) << "a dir fails once";
  handler.log_dir_failed("/data/b", "fsync: Input/output error");
  EXPECT_EQ(halts, 1);
  EXPECT_TRUE(handler.halting());
  EXPECT_EQ(handler.failed().size(), 2u);
  handler.log_dir_failed("/data/b", "more");
  EXPECT_EQ(halts, 1);
}

TEST(LogDirFailureHandlerTest, ASingleDirFailingHalts) {
  int halts = 0;
  log_dir_failure_handler handler({"/data/a"}, [&] { ++halts; });
  handler.log_dir_failed("/data/a", "pwrite: No space left on device");
  EXPECT_EQ(halts, 1);
}

}  // namespace
}  // namespace kb::cluster
