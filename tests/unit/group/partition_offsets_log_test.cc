// partition_offsets_log's reads of __consumer_offsets: an offline replica (its dir failed, or
// a placeholder for a dir that failed at startup, with no segment) yields no view at all,
// never an empty one: a coordinator serving an empty view would answer OffsetFetch with no
// committed offsets and every consumer would reset.
#include "brokerd/group/partition_offsets_log.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "log/log_manager.h"
#include "tests/support/io_runner.h"
#include "tests/support/manual_clock.h"
#include "tests/support/temp_dir.h"

namespace kb::group {
namespace {

constexpr int32_t local_id = 1;

class PartitionOffsetsLogTest : public ::testing::Test {
 protected:
  PartitionOffsetsLogTest() {
    logs_.startup(0);
    cluster::partition_state s;
    s.leader = local_id;
    s.isr = {local_id};
    s.replicas = {local_id};
    replicas_.apply({offsets_topic, 0}, s, log::log_config{}, 0);
  }
  ~PartitionOffsetsLogTest() override { logs_.shutdown(); }

  offsets_log::read_result read() {
    std::optional<offsets_log::read_result> got;
    log_.read(0, [&](offsets_log::read_result r) { got = std::move(r); });
    EXPECT_TRUE(test::run_until(io_, [&] { return got.has_value(); }));
    return got.value_or(std::nullopt);
  }

  boost::asio::io_context io_;
  test::temp_dir dir_;
  log::log_manager logs_{{dir_.path()}, log::log_config{}};
  test::manual_clock clock_;
  cluster::replica_manager replicas_{logs_, local_id, clock_};
  cluster::metadata_cache metadata_;
  cluster::topic_defaults defaults_;
  group_config config_;
  partition_offsets_log log_{io_.get_executor(), replicas_, metadata_, defaults_, config_, clock_};
};

TEST_F(PartitionOffsetsLogTest, AnEmptyLogIsAnEmptyView) {
  auto view = read();
  ASSERT_TRUE(view.has_value());
  EXPECT_TRUE(view->empty());
}

TEST_F(PartitionOffsetsLogTest, AnOfflineEmptyLogIsNoView) {
  replicas_.get({offsets_topic, 0})->log().take_offline("test: its dir failed");
  EXPECT_FALSE(read().has_value());
}

}  // namespace
}  // namespace kb::group
