// I/O failures in a log dir (a full disk, here a file size limit; a failing read, here a
// descriptor whose reads fail): the failing append or read is
// storage_error, its log and every other log of the dir go offline for good, the failure is
// reported once per dir, nothing is flushed, checkpointed or marked clean there again, and
// reopening recovers everything appended before the failure.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <initializer_list>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "log/file_handle.h"
#include "log/file_names.h"
#include "log/index_file.h"
#include "log/log_manager.h"
#include "log/offset_checkpoint.h"
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
  for (int p = 0; p < 3; ++p) m->get_or_create({"t", p}, m->defaults(), now, replica_age::new_since_startup);
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
  partition_log& in_a = m->get_or_create({"t", 0}, m->defaults(), now, replica_age::new_since_startup);
  {
    test::file_size_limit limit(100);
    auto batch = test::make_batch(4, 1024);
    ASSERT_FALSE(in_a.append_as_leader(batch, 0, now));
  }
  for (int p = 1; p < 4; ++p) {
    EXPECT_EQ(m->get_or_create({"t", p}, m->defaults(), now, replica_age::new_since_startup).dir().parent_path(), b_.path());
  }
  {
    test::file_size_limit limit(100);
    auto batch = test::make_batch(4, 1024);
    ASSERT_FALSE(m->get({"t", 1})->append_as_leader(batch, 0, now));
  }
  EXPECT_TRUE(m->live_dirs().empty());
  EXPECT_THROW(m->get_or_create({"t", 9}, m->defaults(), now, replica_age::new_since_startup), std::runtime_error);
}

TEST_F(LogManagerFailureTest, ShutdownMarksOnlyLiveDirsClean) {
  auto m = start();
  partition_log& in_a = m->get_or_create({"t", 0}, m->defaults(), now, replica_age::new_since_startup);
  m->get_or_create({"t", 1}, m->defaults(), now, replica_age::new_since_startup);
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
  m->get_or_create({"t", 0}, m->defaults(), now, replica_age::new_since_startup);
  m->get_or_create({"t", 1}, m->defaults(), now, replica_age::new_since_startup);
  {
    test::file_size_limit limit(0);  // no checkpoint can be written anywhere
    m->write_checkpoints();
  }
  EXPECT_TRUE(m->live_dirs().empty());
  EXPECT_EQ(failures_.reports.size(), 2u);
  EXPECT_TRUE(m->get({"t", 0})->offline());
}

// A dir failing at startup, before or while its logs load (Kafka's LogManager.loadLogs): it
// goes offline with whatever it had opened, the other dirs load, and since nobody knows
// which partitions it holds, an existing replica gets an offline placeholder rather than a
// new, empty log.
class LogManagerStartupFailureTest : public LogManagerFailureTest {
 protected:
  // Leaves `records` records in t-<p> for each p, in whichever dir the manager picks.
  void seed(std::initializer_list<int> partitions, int records = 3) {
    auto m = start();
    for (int p : partitions) {
      auto batch = test::make_batch(records);
      ASSERT_TRUE(m->get_or_create({"t", p}, m->defaults(), now, replica_age::new_since_startup).append_as_leader(batch, 0, now));
    }
    m->shutdown();
    failures_.reports.clear();
  }
  // Opening the dir's lock file fails with EISDIR, as an unreadable disk fails with EIO (this
  // kernel has no device-mapper to make a real one).
  static void break_lock(const fs::path& dir) {
    fs::remove(dir / lock_file);
    fs::create_directory(dir / lock_file);
  }
  static void repair_lock(const fs::path& dir) { fs::remove(dir / lock_file); }
  // The partitions held in `dir`, by directory name.
  static std::vector<std::string> partition_dirs(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.is_directory() && parse_partition_dir_name(e.path().filename().string())) {
        names.push_back(e.path().filename().string());
      }
    }
    std::sort(names.begin(), names.end());
    return names;
  }
};

TEST_F(LogManagerStartupFailureTest, ADirWhoseLockCannotBeOpenedIsOfflineAndTheOthersLoad) {
  seed({0, 1});  // t-0 in a, t-1 in b
  ASSERT_EQ(partition_dirs(a_.path()), std::vector<std::string>{"t-0"});
  break_lock(a_.path());
  auto m = start();
  EXPECT_EQ(m->live_dirs(), std::vector<fs::path>{b_.path()});
  ASSERT_EQ(failures_.reports.size(), 1u);
  EXPECT_EQ(failures_.reports[0].first, a_.path());
  EXPECT_NE(failures_.reports[0].second.find("Disk error while locking directory"), std::string::npos)
      << failures_.reports[0].second;
  EXPECT_EQ(m->get({"t", 0}), nullptr) << "a's logs were never opened";
  ASSERT_NE(m->get({"t", 1}), nullptr);
  EXPECT_EQ(test::read_all(*m->get({"t", 1}), 0, 3).size(), 3u);
  m->shutdown();
}

// Whether a's good logs were opened before the bad one depends on the directory's order;
// opened or not, none of them is served.
TEST_F(LogManagerStartupFailureTest, NoLogOfADirThatFailedWhileItsLogsLoadedIsServed) {
  seed({0, 1, 2, 3, 4});  // t-0, t-2, t-4 in a
  fs::remove(a_.path() / clean_shutdown_file);  // as after a crash
  // A segment that cannot be opened: its file is a directory (EISDIR).
  fs::create_directories(a_.path() / "u-0" / "00000000000000000000.log");
  auto m = start();
  EXPECT_EQ(m->live_dirs(), std::vector<fs::path>{b_.path()});
  ASSERT_EQ(failures_.reports.size(), 1u);
  EXPECT_EQ(failures_.reports[0].first, a_.path());
  for (int p : {0, 2, 4}) {
    partition_log* log = m->get({"t", p});
    EXPECT_TRUE(log == nullptr || log->offline()) << "t-" << p << " is in the failed dir";
  }
  partition_log& t0 = m->get_or_create({"t", 0}, m->defaults(), now, replica_age::existing);
  EXPECT_TRUE(t0.offline()) << "loaded and offline, or an offline placeholder";
  for (int p : {1, 3}) {
    ASSERT_NE(m->get({"t", p}), nullptr);
    EXPECT_FALSE(m->get({"t", p})->offline()) << "t-" << p;
  }
  m->shutdown();
  EXPECT_FALSE(fs::exists(a_.path() / clean_shutdown_file)) << "a is still to be recovered at the next start";
  EXPECT_TRUE(fs::exists(b_.path() / clean_shutdown_file));
}

TEST_F(LogManagerStartupFailureTest, AnExistingReplicaIsNotCreatedAnewWhileADirThatFailedAtStartupMayHoldIt) {
  seed({0, 1});
  break_lock(a_.path());
  auto m = start();
  partition_log& placeholder = m->get_or_create({"t", 0}, m->defaults(), now, replica_age::existing);
  EXPECT_TRUE(placeholder.offline());
  EXPECT_EQ(partition_dirs(b_.path()), std::vector<std::string>{"t-1"}) << "no empty t-0 in the live dir";
  auto batch = test::make_batch(1);
  EXPECT_EQ(placeholder.append_as_leader(batch, 0, now).error(), errc::storage_error);
  EXPECT_EQ(placeholder.read(0, 1 << 20, 10, true).error(), errc::storage_error);
  EXPECT_EQ(&m->get_or_create({"t", 0}, m->defaults(), now, replica_age::existing), &placeholder);

  partition_log& fresh = m->get_or_create({"t", 5}, m->defaults(), now, replica_age::new_since_startup);
  EXPECT_FALSE(fresh.offline());
  EXPECT_EQ(fresh.dir().parent_path(), b_.path());
  m->shutdown();
}

TEST_F(LogManagerStartupFailureTest, APlaceholderIsNeitherCheckpointedNorDeletedAndTheRealLogReturnsAfterRepair) {
  seed({0, 1});
  break_lock(a_.path());
  const auto checkpoints_of_a = [this] {
    return std::vector{read_file_if_exists(a_.path() / recovery_point_checkpoint_file),
                       read_file_if_exists(a_.path() / replication_offset_checkpoint_file),
                       read_file_if_exists(a_.path() / log_start_offset_checkpoint_file)};
  };
  const auto before = checkpoints_of_a();
  ASSERT_TRUE(before[0] && before[2]) << "the recovery points and log starts of a clean shutdown";
  {
    auto m = start();
    m->get_or_create({"t", 0}, m->defaults(), now, replica_age::existing);
    m->write_checkpoints();
    m->write_high_watermarks([](const topic_partition&) { return int64_t{0}; });
    EXPECT_EQ(checkpoints_of_a(), before) << "nothing is written in a failed dir";
    EXPECT_FALSE(read_offset_checkpoint(b_.path() / recovery_point_checkpoint_file).contains({"t", 0}));
    EXPECT_FALSE(read_offset_checkpoint(b_.path() / replication_offset_checkpoint_file).contains({"t", 0}));
    m->remove({"t", 0});
    EXPECT_EQ(m->get({"t", 0}), nullptr);
    EXPECT_TRUE(fs::exists(a_.path() / "t-0")) << "nothing is deleted in a failed dir";
    m->shutdown();
  }
  repair_lock(a_.path());
  failures_.reports.clear();
  auto m = start();
  EXPECT_TRUE(failures_.reports.empty());
  ASSERT_NE(m->get({"t", 0}), nullptr);
  EXPECT_EQ(test::read_all(*m->get({"t", 0}), 0, 3).size(), 3u) << "recovered with every record";
  m->shutdown();
}

// Kafka's getOrCreateLog refuses any non-new replica while a dir is offline; a dir that
// failed after loading is known partition by partition (its logs stay, offline), so here a
// replica missing from it cannot be in it and gets a log.
TEST_F(LogManagerStartupFailureTest, ADirThatFailedAfterLoadingHoldsNoUnknownReplica) {
  auto m = start();
  partition_log& in_a = m->get_or_create({"t", 0}, m->defaults(), now, replica_age::new_since_startup);
  {
    test::file_size_limit limit(100);
    auto batch = test::make_batch(4, 1024);
    ASSERT_FALSE(in_a.append_as_leader(batch, 0, now));
  }
  partition_log& other = m->get_or_create({"t", 1}, m->defaults(), now, replica_age::existing);
  EXPECT_FALSE(other.offline());
  EXPECT_EQ(other.dir().parent_path(), b_.path());
  m->shutdown();
}

TEST_F(LogManagerStartupFailureTest, ACheckpointThatCannotBeReadTakesItsDirOffline) {
  seed({0, 1});
  fs::remove(a_.path() / log_start_offset_checkpoint_file);
  fs::create_directory(a_.path() / log_start_offset_checkpoint_file);  // reads fail: EISDIR
  auto m = start();
  EXPECT_EQ(m->live_dirs(), std::vector<fs::path>{b_.path()});
  EXPECT_EQ(m->get({"t", 0}), nullptr) << "its log starts would be lost";
  m->shutdown();
}

TEST_F(LogManagerStartupFailureTest, EveryDirFailingAtStartupIsReported) {
  break_lock(a_.path());
  break_lock(b_.path());
  auto m = start();
  EXPECT_TRUE(m->live_dirs().empty());
  EXPECT_EQ(failures_.reports.size(), 2u);
  EXPECT_THROW(m->get_or_create({"t", 0}, m->defaults(), now, replica_age::new_since_startup), std::runtime_error);
  m->shutdown();
}

TEST_F(LogManagerStartupFailureTest, MetaPropertiesAreLeftAloneInADirThatFailed) {
  break_lock(a_.path());
  auto m = start();
  m->ensure_meta_properties(3, "IOejp_IKSbWbySJc0sRrKw");
  EXPECT_FALSE(fs::exists(a_.path() / meta_properties_file));
  EXPECT_TRUE(fs::exists(b_.path() / meta_properties_file));
  EXPECT_EQ(m->recorded_cluster_id(), "IOejp_IKSbWbySJc0sRrKw");
  m->shutdown();
}

// A replica moved while its dir was offline can end up in both dirs; which copy is current
// cannot be told, so the broker must not start (Kafka refuses too).
TEST_F(LogManagerStartupFailureTest, APartitionInTwoDirsStopsTheStartup) {
  seed({0, 1});
  fs::copy(b_.path() / "t-1", a_.path() / "t-1");
  log_manager m(std::vector<fs::path>{a_.path(), b_.path()}, log_config{}, &failures_);
  try {
    m.startup(now);
    FAIL() << "expected the startup to refuse";
  } catch (const std::system_error& e) {
    FAIL() << "not an I/O error: " << e.what();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("Duplicate log directories for t-1"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(failures_.reports.empty());
}

}  // namespace
}  // namespace kb::log
