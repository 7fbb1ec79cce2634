#include "log/log_manager.h"

#include <gtest/gtest.h>

#include <fstream>

#include "log/file_names.h"
#include "log/offset_checkpoint.h"
#include "tests/support/batches.h"
#include "tests/support/log_reader.h"
#include "tests/support/temp_dir.h"

namespace kb::log {
namespace {

constexpr int64_t now = 1'700'000'000'000;
namespace fs = std::filesystem;

class LogManagerTest : public ::testing::Test {
 protected:
  std::unique_ptr<log_manager> start() {
    auto m = std::make_unique<log_manager>(std::vector<fs::path>{a_.path(), b_.path()}, log_config{});
    m->startup(now);
    return m;
  }
  void produce(log_manager& m, const topic_partition& tp, int batches) {
    auto& log = m.get_or_create(tp, m.defaults(), now, replica_age::new_since_startup);
    for (int i = 0; i < batches; ++i) {
      auto b = test::make_batch(2);
      ASSERT_TRUE(log.append_as_leader(b, 0, now));
    }
  }
  test::temp_dir a_, b_;
};

TEST(PartitionDirNameTest, ParsesTopicsContainingDashes) {
  EXPECT_EQ(parse_partition_dir_name("my-topic-12"), (topic_partition{"my-topic", 12}));
  EXPECT_FALSE(parse_partition_dir_name("topic"));
  EXPECT_FALSE(parse_partition_dir_name("topic-x"));
  EXPECT_FALSE(parse_partition_dir_name("topic-0.abc-delete"));
  EXPECT_FALSE(parse_partition_dir_name("-1"));
}

TEST_F(LogManagerTest, NewLogsGoToTheLeastLoadedDir) {
  auto m = start();
  for (int p = 0; p < 4; ++p) produce(*m, {"t", p}, 1);
  int in_a = 0, in_b = 0;
  for (int p = 0; p < 4; ++p) {
    in_a += fs::exists(a_.path() / ("t-" + std::to_string(p)));
    in_b += fs::exists(b_.path() / ("t-" + std::to_string(p)));
  }
  EXPECT_EQ(in_a, 2);
  EXPECT_EQ(in_b, 2);
  m->shutdown();
}

TEST_F(LogManagerTest, CleanShutdownWritesMarkerAndCheckpointsThenStartupConsumesThem) {
  {
    auto m = start();
    produce(*m, {"orders", 0}, 3);
    produce(*m, {"orders", 1}, 2);
    m->shutdown();
  }
  for (const auto* dir : {&a_, &b_}) EXPECT_TRUE(fs::exists(dir->path() / clean_shutdown_file));
  offset_map recovery;
  for (const auto* dir : {&a_, &b_}) {
    for (auto& [tp, o] : read_offset_checkpoint(dir->path() / recovery_point_checkpoint_file)) recovery[tp] = o;
  }
  EXPECT_EQ(recovery, (offset_map{{{"orders", 0}, 6}, {{"orders", 1}, 4}}));

  auto m = start();
  EXPECT_TRUE(m->all_dirs_clean_at_startup());
  EXPECT_FALSE(fs::exists(a_.path() / clean_shutdown_file));  // a crash from now on is unclean
  ASSERT_NE(m->get({"orders", 0}), nullptr);
  EXPECT_EQ(m->get({"orders", 0})->log_end_offset(), 6);
  EXPECT_EQ(m->get({"orders", 0})->report().segments_recovered, 0);
  m->shutdown();
}

TEST_F(LogManagerTest, HighWatermarksSurviveARestartInTheirDirsCheckpoint) {
  {
    auto m = start();
    produce(*m, {"t", 0}, 3);
    produce(*m, {"t", 1}, 1);
    m->write_high_watermarks([](const topic_partition& tp) { return tp.partition == 0 ? int64_t{4} : int64_t{2}; });
    m->shutdown();
  }
  offset_map in_files = read_offset_checkpoint(a_.path() / replication_offset_checkpoint_file);
  offset_map in_b = read_offset_checkpoint(b_.path() / replication_offset_checkpoint_file);
  in_files.insert(in_b.begin(), in_b.end());
  EXPECT_EQ(in_files, (offset_map{{{"t", 0}, 4}, {{"t", 1}, 2}}));

  auto m = start();
  EXPECT_EQ(m->checkpointed_high_watermark({"t", 0}), 4);
  EXPECT_EQ(m->checkpointed_high_watermark({"t", 1}), 2);
  EXPECT_EQ(m->checkpointed_high_watermark({"t", 2}), std::nullopt);
  m->remove({"t", 1});
  EXPECT_EQ(m->checkpointed_high_watermark({"t", 1}), std::nullopt);
  m->shutdown();
}

TEST_F(LogManagerTest, AMalformedHighWatermarkCheckpointIsIgnored) {
  {
    auto m = start();
    produce(*m, {"t", 0}, 1);
    m->shutdown();
  }
  for (const auto& dir : {a_.path(), b_.path()}) {
    std::ofstream(dir / replication_offset_checkpoint_file) << "0\n1\nt 0 not-a-number\n";
  }
  auto m = start();
  EXPECT_EQ(m->checkpointed_high_watermark({"t", 0}), std::nullopt);
  EXPECT_NE(m->get({"t", 0}), nullptr);
  m->shutdown();
}

TEST_F(LogManagerTest, StartupAfterCrashRecoversEveryAcknowledgedBatch) {
  {
    auto m = start();
    produce(*m, {"orders", 0}, 5);
    // No shutdown(): the process "dies" with data only in the page cache.
  }
  auto m = start();
  EXPECT_FALSE(m->all_dirs_clean_at_startup());
  EXPECT_EQ(m->get({"orders", 0})->log_end_offset(), 10);
  EXPECT_GE(m->get({"orders", 0})->report().segments_recovered, 1);
  EXPECT_EQ(test::read_all(*m->get({"orders", 0}), 0, 10).size(), 10u);
  m->shutdown();
}

TEST_F(LogManagerTest, AFailedStartupWritesNothingIntoDirsItDidNotLoad) {
  auto first = start();
  produce(*first, {"t", 0}, 1);
  first->write_checkpoints();
  first->write_high_watermarks([](const topic_partition&) { return int64_t{1}; });
  auto before = read_offset_checkpoint(a_.path() / replication_offset_checkpoint_file);
  before.merge(read_offset_checkpoint(b_.path() / replication_offset_checkpoint_file));
  ASSERT_EQ(before.size(), 1u);

  // A second broker configured with the same dirs fails on the lock, then shuts down.
  log_manager second(std::vector<fs::path>{a_.path(), b_.path()}, log_config{});
  EXPECT_THROW(second.startup(now), std::exception);
  second.write_checkpoints();
  second.write_high_watermarks([](const topic_partition&) { return int64_t{0}; });
  second.shutdown();

  auto after = read_offset_checkpoint(a_.path() / replication_offset_checkpoint_file);
  after.merge(read_offset_checkpoint(b_.path() / replication_offset_checkpoint_file));
  EXPECT_EQ(after, before);
  EXPECT_FALSE(fs::exists(a_.path() / clean_shutdown_file));
  EXPECT_FALSE(fs::exists(b_.path() / clean_shutdown_file));
  first->shutdown();
}

TEST_F(LogManagerTest, SecondManagerOnTheSameDirsFailsOnTheLock) {
  auto m = start();
  log_manager other({a_.path()}, log_config{});
  try {
    other.startup(now);
    FAIL() << "expected the lock to be refused";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("Failed to acquire lock"), std::string::npos) << e.what();
  }
  m->shutdown();
}

TEST_F(LogManagerTest, MetaPropertiesAreWrittenAndMismatchesRefused) {
  {
    auto m = start();
    m->ensure_meta_properties(3, "IOejp_IKSbWbySJc0sRrKw");
    EXPECT_EQ(m->recorded_cluster_id(), "IOejp_IKSbWbySJc0sRrKw");
    m->shutdown();
  }
  auto m = start();
  EXPECT_THROW(m->ensure_meta_properties(4, "IOejp_IKSbWbySJc0sRrKw"), std::runtime_error);
  EXPECT_THROW(m->ensure_meta_properties(3, "AAAAAAAAAAAAAAAAAAAAAA"), std::runtime_error);
  EXPECT_NO_THROW(m->ensure_meta_properties(3, "IOejp_IKSbWbySJc0sRrKw"));
  m->shutdown();
}

TEST_F(LogManagerTest, RemoveDeletesThePartitionDirectory) {
  auto m = start();
  produce(*m, {"gone", 0}, 2);
  fs::path dir = m->get({"gone", 0})->dir();
  m->remove({"gone", 0});
  EXPECT_EQ(m->get({"gone", 0}), nullptr);
  EXPECT_FALSE(fs::exists(dir));
  m->shutdown();
  auto again = start();
  EXPECT_EQ(again->get({"gone", 0}), nullptr);
  again->shutdown();
}

TEST_F(LogManagerTest, HalfDeletedDirectoriesAreFinishedAtStartup) {
  fs::create_directories(a_.path() / "t-0.0123abcd-delete");
  std::ofstream(a_.path() / "t-0.0123abcd-delete" / "00000000000000000000.log") << "x";
  auto m = start();
  EXPECT_FALSE(fs::exists(a_.path() / "t-0.0123abcd-delete"));
  EXPECT_TRUE(m->partitions().empty());
  m->shutdown();
}

}  // namespace
}  // namespace kb::log
