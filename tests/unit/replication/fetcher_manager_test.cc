// fetcher_manager: one fetcher per leader, and none once the broker stopped fetching.
#include "replication/fetcher_manager.h"

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <optional>

#include "tests/support/io_runner.h"

namespace kb::replication {
namespace {

// Follows nothing: every fetcher finds no log and no address, so none sends a request.
struct no_partitions final : follower_partitions {
  log::partition_log* follower_log(const topic_partition&, int32_t) override { return nullptr; }
  void on_fetched(const topic_partition&, int64_t) override {}
  int64_t high_watermark(const topic_partition&) override { return 0; }
  void truncate(const topic_partition&, int64_t) override {}
  void restart_at(const topic_partition&, int64_t) override {}
};

class FetcherManagerTest : public ::testing::Test {
 protected:
  ~FetcherManagerTest() override {
    fetchers_.stop_all();
    test::drain(io_);
  }
  boost::asio::io_context io_;
  no_partitions partitions_;
  fetcher_manager fetchers_{io_.get_executor(), partitions_, fetcher_settings{},
                            [](int32_t) { return std::optional<std::pair<std::string, int32_t>>{}; },
                            std::chrono::milliseconds(1000)};
};

TEST_F(FetcherManagerTest, OneFetcherPerLeader) {
  fetchers_.follow({"t", 0}, 1, 0);
  fetchers_.follow({"t", 1}, 1, 0);
  fetchers_.follow({"t", 2}, 2, 0);
  EXPECT_EQ(fetchers_.fetcher_count(), 2u);
}

// A controlled shutdown moves this broker's leaderships to other brokers after its fetchers
// stopped: following those new leaders would put it back into their ISRs.
TEST_F(FetcherManagerTest, NoFetcherStartsOnceStopped) {
  fetchers_.follow({"t", 0}, 1, 0);
  fetchers_.stop_all();
  fetchers_.follow({"t", 1}, 2, 4);
  EXPECT_EQ(fetchers_.fetcher_count(), 1u) << "no fetcher for the new leader";
}

}  // namespace
}  // namespace kb::replication
