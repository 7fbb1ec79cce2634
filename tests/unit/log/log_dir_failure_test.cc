// I/O failures in a log dir (a full disk, here a file size limit; a failing read, here a
// descriptor whose reads fail): the failing append or read is
// storage_error, its log and every other log of the dir go offline for good, the failure is
// reported once per dir, nothing is flushed, checkpointed or marked clean there again, and
// reopening recovers everything appended before the failure.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "log/file_names.h"
#include "log/index_file.h"
#include "log/log_manager.h"
#include "log/partition_log.h"
#include "tests/support/batches.h"
#include "tests/support/failing_reads.h"
#include "tests/support/file_size_limit.h"
#include "tests/support/log_reader.h"
#include "tests/support/temp_dir.h"

namespace kb::log {
namespace {

namespace fs = std::filesystem;
constexpr int64_t now = 1'700'000'000'000;

struct recorded_failures : log_dir_failure_listener {
  std::vector<std::pair<fs::path, std::string>> reports;
  void log_dir_failed(const fs::path& dir, const std::string& reason) override { reports.emplace_back(dir, reason); }
};

class PartitionLogFailureTest : public ::testing::Test {
 protected:
  std::unique_ptr<partition_log> open_log(bool clean = true) {
    open_options opts;
    opts.had_clean_shutdown = clean;
    opts.now_ms = now;
    opts.failures = &failures_;
    return partition_log::open(dir_.path() / "orders-0", {"orders", 0}, log_config{}, opts);
  }
  fs::path active_log_file(const partition_log& log) {
    return log.segment_at(log.segment_base_offsets().back()).log_file_path();
  }
  // A log holding one batch of 3 records.
  std::unique_ptr<partition_log> log_with_a_batch() {
    auto log = open_log();
    auto batch = test::make_batch(3);
    EXPECT_TRUE(log->append_as_leader(batch, 0, now));
    return log;
  }
  // Every later read of the log's active segment fails, as on a disk returning EIO.
  void fail_reads(const partition_log& log) { ASSERT_GE(test::fail_reads_of(active_log_file(log)), 1); }
  // Appends 4 KiB while no file may grow beyond its current size plus 100 bytes.
  result<append_result> append_past_the_limit(partition_log& log) {
    test::file_size_limit limit(fs::file_size(active_log_file(log)) + 100);
    auto batch = test::make_batch(4, 1024);
    return log.append_as_leader(batch, 0, now);
  }
  recorded_failures failures_;
  test::temp_dir dir_;
};

TEST_F(PartitionLogFailureTest, AnAppendThatCannotBeWrittenIsStorageErrorAndTakesTheLogOffline) {
  auto log = open_log();
  auto first = test::make_batch(3);
  ASSERT_TRUE(log->append_as_leader(first, 0, now));
  auto failed = append_past_the_limit(*log);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error(), errc::storage_error);
  EXPECT_TRUE(log->offline());
  EXPECT_EQ(log->log_end_offset(), 3) << "the failed append is not part of the log";
}

TEST_F(PartitionLogFailureTest, AnOfflineLogRefusesAppendsAndReadsAfterSpaceReturns) {
  auto log = open_log();
  ASSERT_FALSE(append_past_the_limit(*log));
  auto batch = test::make_batch(1);
  auto appended = log->append_as_leader(batch, 0, now);
  ASSERT_FALSE(appended);
  EXPECT_EQ(appended.error(), errc::storage_error);
  auto read = log->read(0, 1 << 20, log->log_end_offset(), true);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error(), errc::storage_error);
}

// Kafka's reads take the dir offline on an IOException (UnifiedLog.read through
// maybeHandleIOException); finding the batches to read reads the segment.
TEST_F(PartitionLogFailureTest, AReadThatMeetsAnIoErrorIsStorageErrorAndTakesTheLogOffline) {
  auto log = log_with_a_batch();
  ASSERT_NO_FATAL_FAILURE(fail_reads(*log));
  auto read = log->read(0, 1 << 20, log->log_end_offset(), true);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error(), errc::storage_error);
  EXPECT_TRUE(log->offline());
  ASSERT_EQ(failures_.reports.size(), 1u);
  EXPECT_EQ(failures_.reports[0].first, dir_.path());
  EXPECT_NE(failures_.reports[0].second.find("pread"), std::string::npos) << failures_.reports[0].second;
}

TEST_F(PartitionLogFailureTest, CopyingAReadSliceThatMeetsAnIoErrorTakesTheLogOffline) {
  auto log = log_with_a_batch();
  auto read = log->read(0, 1 << 20, log->log_end_offset(), true);
  ASSERT_TRUE(read && read.value().data);
  ASSERT_TRUE(log->copy(*read.value().data)) << "the slice copies while the disk reads";
  ASSERT_NO_FATAL_FAILURE(fail_reads(*log));
  auto copied = log->copy(*read.value().data);
  ASSERT_FALSE(copied);
  EXPECT_EQ(copied.error(), errc::storage_error);
  EXPECT_TRUE(log->offline());
  EXPECT_EQ(failures_.reports.size(), 1u);
}

TEST_F(PartitionLogFailureTest, AnOffsetForTimestampThatMeetsAnIoErrorIsStorageError) {
  auto log = log_with_a_batch();
  ASSERT_NO_FATAL_FAILURE(fail_reads(*log));
  auto found = log->offset_for_timestamp(0);
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error(), errc::storage_error);
  EXPECT_TRUE(log->offline());
  EXPECT_EQ(failures_.reports.size(), 1u);
}

TEST_F(PartitionLogFailureTest, TheLogDirIsReportedOnceWithTheReason) {
  auto log = open_log();
  ASSERT_FALSE(append_past_the_limit(*log));
  ASSERT_FALSE(append_past_the_limit(*log));
  log->flush();
  ASSERT_EQ(failures_.reports.size(), 1u);
  EXPECT_EQ(failures_.reports[0].first, dir_.path());
  EXPECT_NE(failures_.reports[0].second.find("pwrite"), std::string::npos) << failures_.reports[0].second;
}

TEST_F(PartitionLogFailureTest, ReopeningRecoversWhatWasAppendedBeforeTheFailure) {
  auto log = open_log();
  for (int i = 0; i < 3; ++i) {
    auto batch = test::make_batch(2, 100);
    ASSERT_TRUE(log->append_as_leader(batch, 0, now));
  }
  const fs::path file = active_log_file(*log);
  const auto before = fs::file_size(file);
  ASSERT_FALSE(append_past_the_limit(*log));
  ASSERT_GT(fs::file_size(file), before) << "the failed append should leave a torn batch behind";
  log->close();  // offline: neither flushed nor trimmed
  log.reset();

  auto reopened = open_log(/*clean=*/false);
  EXPECT_FALSE(reopened->offline());
  EXPECT_EQ(reopened->log_end_offset(), 6);
  EXPECT_EQ(fs::file_size(file), before) << "recovery truncates the torn batch";
  EXPECT_EQ(test::read_all(*reopened, 0, reopened->log_end_offset()).size(), 6u);
  auto batch = test::make_batch(1);
  EXPECT_TRUE(reopened->append_as_leader(batch, 0, now));
}

TEST_F(PartitionLogFailureTest, ARollThatCannotCreateItsSegmentLeavesTheSegmentsAsTheyWere) {
  log_config cfg;
  cfg.segment_bytes = 1024;
  open_options opts;
  opts.now_ms = now;
  opts.failures = &failures_;
  auto log = partition_log::open(dir_.path() / "orders-0", {"orders", 0}, cfg, opts);
  auto first = test::make_batch(2, 300);
  ASSERT_TRUE(log->append_as_leader(first, 0, now));
  const auto segments = log->segment_base_offsets();
  {
    test::file_size_limit limit(0);  // the new segment's index cannot be sized
    auto second = test::make_batch(2, 300);
    auto appended = log->append_as_leader(second, 0, now);
    ASSERT_FALSE(appended);
    EXPECT_EQ(appended.error(), errc::storage_error);
  }
  EXPECT_EQ(log->segment_base_offsets(), segments);
  EXPECT_EQ(log->log_end_offset(), 2);
}

TEST_F(PartitionLogFailureTest, ATruncationThatCannotCreateTheNewSegmentLeavesAnOfflineLogThatStillAnswers) {
  auto log = open_log();
  auto batch = test::make_batch(5);
  ASSERT_TRUE(log->append_as_leader(batch, 0, now));
  {
    test::file_size_limit limit(0);
    log->truncate_fully_and_start_at(9, now);
  }
  EXPECT_TRUE(log->offline());
  EXPECT_TRUE(log->segment_base_offsets().empty());
  EXPECT_EQ(log->log_end_offset(), 9);
  log->flush_if_due(now + 1'000'000);
  log->truncate_to(3, now);
  EXPECT_EQ(log->delete_old_segments(now, 9), 0);
  auto again = test::make_batch(1);
  EXPECT_EQ(log->append_as_leader(again, 0, now).error(), errc::storage_error);
  log->close();
}

// A halt leaves the active segment's indexes untrimmed: sparse past the last entry written.
// Recovery truncates their zero slots; zeroing them must not allocate blocks, which on a
// still-full disk was a SIGBUS.
TEST(IndexFileTest, TruncatingAnUntrimmedIndexAllocatesNoBlocks) {
  test::temp_dir dir;
  const fs::path path = dir.path() / "00000000000000000000.index";
  {
    index_file f(path, 8, 1 << 20, true);
    std::byte* slot = f.append_slot();
    std::fill(slot, slot + 8, std::byte{1});
  }  // not trimmed
  auto blocks = [&] {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0);
    return st.st_blocks;
  };
  const auto before = blocks();
  index_file reopened(path, 8, 1 << 20, true);
  EXPECT_EQ(reopened.entries(), (1u << 20) / 8) << "every slot of the untrimmed file counts";
  reopened.truncate_entries(0);
  EXPECT_EQ(reopened.entries(), 0u);
  EXPECT_LE(blocks(), before);
  std::byte* slot = reopened.append_slot();
  EXPECT_EQ(slot[0], std::byte{0}) << "the truncated slots read as zeros";
}

class LogManagerFailureTest : public ::testing::Test {
 protected:
  std::unique_ptr<log_manager> start() {
    auto m = std::make_unique<log_manager>(std::vector<fs::path>{a_.path(), b_.path()}, log_config{}, &failures_);
    m->startup(now);
    return m;
  }
  recorded_failures failures_;
  test::temp_dir a_, b_;
};

TEST_F(LogManagerFailureTest, OneFailedLogTakesItsWholeDirOfflineAndNoOther) {
  auto m = start();
  // Least loaded first: t-0 and t-2 land in a, t-1 in b.
  for (int p = 0; p < 3; ++p) m->get_or_create({"t", p}, m->defaults(), now);
  partition_log& failing = *m->get({"t", 0});
  ASSERT_EQ(failing.dir().parent_path(), a_.path());
  {
    test::file_size_limit limit(100);
    auto batch = test::make_batch(4, 1024);
    ASSERT_FALSE(failing.append_as_leader(batch, 0, now));
  }
  EXPECT_TRUE(m->get({"t", 2})->offline()) << "same dir";
  EXPECT_FALSE(m->get({"t", 1})->offline()) << "the other dir";
  EXPECT_EQ(m->live_dirs(), std::vector<fs::path>{b_.path()});
  ASSERT_EQ(failures_.reports.size(), 1u);
  EXPECT_EQ(failures_.reports[0].first, a_.path());
  auto batch = test::make_batch(1);
  EXPECT_TRUE(m->get({"t", 1})->append_as_leader(batch, 0, now));
  m->shutdown();
}

TEST_F(LogManagerFailureTest, NewLogsGoOnlyToLiveDirsAndNoneWhenAllFailed) {
  auto m = start();
  partition_log& in_a = m->get_or_create({"t", 0}, m->defaults(), now);
  {
    test::file_size_limit limit(100);
    auto batch = test::make_batch(4, 1024);
    ASSERT_FALSE(in_a.append_as_leader(batch, 0, now));
  }
  for (int p = 1; p < 4; ++p) {
    EXPECT_EQ(m->get_or_create({"t", p}, m->defaults(), now).dir().parent_path(), b_.path());
  }
  {
    test::file_size_limit limit(100);
    auto batch = test::make_batch(4, 1024);
    ASSERT_FALSE(m->get({"t", 1})->append_as_leader(batch, 0, now));
  }
  EXPECT_TRUE(m->live_dirs().empty());
  EXPECT_THROW(m->get_or_create({"t", 9}, m->defaults(), now), std::runtime_error);
}

TEST_F(LogManagerFailureTest, ShutdownMarksOnlyLiveDirsClean) {
  auto m = start();
  partition_log& in_a = m->get_or_create({"t", 0}, m->defaults(), now);
  m->get_or_create({"t", 1}, m->defaults(), now);
  {
    test::file_size_limit limit(100);
    auto batch = test::make_batch(4, 1024);
    ASSERT_FALSE(in_a.append_as_leader(batch, 0, now));
  }
  m->shutdown();
  EXPECT_FALSE(fs::exists(a_.path() / clean_shutdown_file)) << "its logs must be recovered at the next start";
  EXPECT_TRUE(fs::exists(b_.path() / clean_shutdown_file));
}

TEST_F(LogManagerFailureTest, ACheckpointThatCannotBeWrittenTakesItsDirOffline) {
  auto m = start();
  m->get_or_create({"t", 0}, m->defaults(), now);
  m->get_or_create({"t", 1}, m->defaults(), now);
  {
    test::file_size_limit limit(0);  // no checkpoint can be written anywhere
    m->write_checkpoints();
  }
  EXPECT_TRUE(m->live_dirs().empty());
  EXPECT_EQ(failures_.reports.size(), 2u);
  EXPECT_TRUE(m->get({"t", 0})->offline());
}

}  // namespace
}  // namespace kb::log
