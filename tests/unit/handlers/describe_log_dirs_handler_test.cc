// DescribeLogDirs: each configured dir by its absolute path, with its logs' sizes and lags,
// or KAFKA_STORAGE_ERROR once an I/O error took it offline (KIP-112); at every version.
#include "brokerd/handlers/describe_log_dirs_handler.h"

#include <algorithm>
#include <filesystem>

#include "brokerd/handlers/serve.h"
#include "tests/support/file_size_limit.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/handlers/handler_fixture.h"

namespace kb::handlers::test {
namespace {

using protocol::describe_log_dirs_request;
using protocol::describe_log_dirs_response;
using protocol::error_code;

class DescribeLogDirsHandlerTest : public HandlerTest {
 protected:
  DescribeLogDirsHandlerTest() {
    add_topic("led", 2, {local_id, 2});
    produce("led", 0, 2, 5);
    add_topic("other", 1, {local_id});
  }

  describe_log_dirs_response describe(std::optional<std::vector<describe_log_dirs_request::describable_log_dir_topic>>
                                          topics = std::nullopt,
                                      int16_t version = protocol::describe_log_dirs_max_version) {
    describe_log_dirs_request req;
    req.topics = std::move(topics);
    return call<describe_log_dirs_response>(serve<protocol::describe_log_dirs_api>(deps_, handle_describe_log_dirs),
                                            req, version);
  }

  describe_log_dirs_deps deps_{logs_, replicas_};
};

TEST_F(DescribeLogDirsHandlerTest, EveryLogOfTheDirWithItsSize) {
  for (int16_t v = protocol::describe_log_dirs_min_version; v <= protocol::describe_log_dirs_max_version; ++v) {
    describe_log_dirs_response resp = describe(std::nullopt, v);
    EXPECT_EQ(resp.error_code, error_code::none);
    ASSERT_EQ(resp.results.size(), 1u) << "v" << v;
    const auto& dir = resp.results[0];
    EXPECT_EQ(dir.error_code, error_code::none);
    EXPECT_EQ(dir.log_dir, std::filesystem::absolute(tmp_.path()).string());
    ASSERT_EQ(dir.topics.size(), 2u);
    EXPECT_EQ(dir.topics[0].name, "led");
    ASSERT_EQ(dir.topics[0].partitions.size(), 2u);
    const auto& p0 = dir.topics[0].partitions[0];
    EXPECT_EQ(p0.partition_index, 0);
    EXPECT_EQ(p0.partition_size, static_cast<int64_t>(local("led", 0).log().size_bytes()));
    EXPECT_GT(p0.partition_size, 0);
    EXPECT_EQ(p0.offset_lag, 0) << "a leader's log end is at or past its high watermark";
    EXPECT_FALSE(p0.is_future_key);
    EXPECT_EQ(dir.topics[0].partitions[1].partition_size, 0);
    EXPECT_EQ(dir.topics[1].name, "other");
    if (v >= 4) {
      EXPECT_GT(dir.total_bytes, 0);
      EXPECT_GE(dir.usable_bytes, 0);
      EXPECT_LE(dir.usable_bytes, dir.total_bytes);
    } else {
      EXPECT_EQ(dir.total_bytes, -1) << "not in v" << v;
    }
  }
}

// Kafka groups a dir's logs by topic, then keeps the partitions asked for: every topic of the
// dir is listed, one not asked for with no partitions; one the dir lacks not at all.
TEST_F(DescribeLogDirsHandlerTest, OnlyThePartitionsAskedFor) {
  describe_log_dirs_response resp = describe(std::vector<describe_log_dirs_request::describable_log_dir_topic>{
      {"led", {1}}, {"missing", {0}}});
  ASSERT_EQ(resp.results.size(), 1u);
  ASSERT_EQ(resp.results[0].topics.size(), 2u);
  EXPECT_EQ(resp.results[0].topics[0].name, "led");
  ASSERT_EQ(resp.results[0].topics[0].partitions.size(), 1u);
  EXPECT_EQ(resp.results[0].topics[0].partitions[0].partition_index, 1);
  EXPECT_EQ(resp.results[0].topics[1].name, "other");
  EXPECT_TRUE(resp.results[0].topics[1].partitions.empty());
}

// Several dirs: in log.dirs order, the failed one among the live, each named as Java's
// getAbsolutePath names it (no doubled or trailing separator).
TEST_F(DescribeLogDirsHandlerTest, EveryConfiguredDirInOrderWithTheFailedOneAmongThem) {
  kb::test::temp_dir failed, live;
  std::filesystem::create_directory(failed.path() / ".lock");  // opening the lock fails: EISDIR
  log::log_manager logs({failed.path().string() + "/", live.path().string() + "//"}, log::log_config{});
  logs.startup(0);
  logs.get_or_create({"t", 0}, log::log_config{}, now_ms_, log::replica_age::new_since_startup);
  describe_log_dirs_deps deps{logs, replicas_};
  describe_log_dirs_response resp = call<describe_log_dirs_response>(
      serve<protocol::describe_log_dirs_api>(deps, handle_describe_log_dirs), describe_log_dirs_request{}, 4);
  ASSERT_EQ(resp.results.size(), 2u);
  EXPECT_EQ(resp.results[0].log_dir, failed.path().string());
  EXPECT_EQ(resp.results[0].error_code, error_code::kafka_storage_error);
  EXPECT_EQ(resp.results[1].log_dir, live.path().string());
  EXPECT_EQ(resp.results[1].error_code, error_code::none);
  ASSERT_EQ(resp.results[1].topics.size(), 1u);
  EXPECT_EQ(resp.results[1].topics[0].name, "t");
  logs.shutdown();
}

// A log the broker holds but no longer hosts as a replica (loaded, not yet assigned).
TEST_F(DescribeLogDirsHandlerTest, ALogWithoutAReplicaHasNoLag) {
  logs_.get_or_create({"stray", 0}, log::log_config{}, now_ms_, log::replica_age::existing);
  describe_log_dirs_response resp = describe(std::vector<describe_log_dirs_request::describable_log_dir_topic>{
      {"stray", {0}}});
  const auto& topics = resp.results.at(0).topics;
  auto stray = std::find_if(topics.begin(), topics.end(), [](const auto& t) { return t.name == "stray"; });
  ASSERT_NE(stray, topics.end());
  EXPECT_EQ(stray->partitions.at(0).offset_lag, -1);
}

TEST_F(DescribeLogDirsHandlerTest, AnOfflineDirAnswersKafkaStorageErrorAndNoTopics) {
  {
    kb::test::file_size_limit limit(100);  // the next append cannot be written: the dir fails
    auto batch = kb::test::make_batch(4, 1024);
    ASSERT_FALSE(local("led", 0).append_as_leader(batch, now_ms_));
  }
  describe_log_dirs_response resp = describe();
  ASSERT_EQ(resp.results.size(), 1u);
  EXPECT_EQ(resp.results[0].error_code, error_code::kafka_storage_error);
  EXPECT_EQ(resp.results[0].log_dir, std::filesystem::absolute(tmp_.path()).string());
  EXPECT_TRUE(resp.results[0].topics.empty());
  EXPECT_EQ(resp.results[0].total_bytes, -1);
}

}  // namespace
}  // namespace kb::handlers::test
