// Reopening a log after clean and unclean shutdowns: what is repaired, what is kept.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "log/file_names.h"
#include "log/partition_log.h"
#include "tests/support/batches.h"
#include "tests/support/log_reader.h"
#include "tests/support/temp_dir.h"

namespace kb::log {
namespace {

constexpr int64_t now = 1'700'000'000'000;
namespace fs = std::filesystem;

class RecoveryTest : public ::testing::Test {
 protected:
  RecoveryTest() {
    cfg_.segment_bytes = 2048;
    cfg_.index_interval_bytes = 256;
  }
  std::unique_ptr<partition_log> open_log(bool clean, int64_t recovery_point = 0) {
    open_options opts;
    opts.had_clean_shutdown = clean;
    opts.recovery_point = recovery_point;
    opts.now_ms = now;
    return partition_log::open(dir(), {"t", 0}, cfg_, opts);
  }
  fs::path dir() const { return tmp_.path() / "t-0"; }
  // Writes `batches` 2-record batches and returns the open log (not closed: a "crash").
  std::unique_ptr<partition_log> write(int batches) {
    auto log = open_log(true);
    for (int i = 0; i < batches; ++i) {
      auto b = test::make_batch(2, 40, now + i, "b" + std::to_string(i));
      EXPECT_TRUE(log->append_as_leader(b, 1, now));
    }
    return log;
  }
  fs::path last_segment_log(const partition_log& log) { return log_path(dir(), log.segment_base_offsets().back()); }
  static void flip_byte(const fs::path& file, uint64_t at) {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(static_cast<std::streamoff>(at));
    char c;
    f.get(c);
    f.seekp(static_cast<std::streamoff>(at));
    f.put(static_cast<char>(c ^ 0x5a));
  }

  log_config cfg_;
  test::temp_dir tmp_;
};

TEST_F(RecoveryTest, TornTailIsTruncatedToTheLastWholeBatch) {
  fs::path last;
  uint64_t whole_size;
  {
    auto log = write(30);
    last = last_segment_log(*log);
    whole_size = fs::file_size(last);
  }
  // A crash in the middle of writing a batch: half of a new batch reached the file.
  auto partial = test::make_batch(2, 40);
  {
    std::ofstream f(last, std::ios::binary | std::ios::app);
    f.write(reinterpret_cast<const char*>(partial.data()), static_cast<std::streamsize>(partial.size() / 2));
  }
  auto log = open_log(/*clean=*/false);
  EXPECT_EQ(log->log_end_offset(), 60);
  EXPECT_EQ(fs::file_size(last), whole_size);
  EXPECT_EQ(log->report().bytes_truncated, partial.size() / 2);
  EXPECT_EQ(test::read_all(*log, 0, 60).size(), 60u);
  auto next = test::make_batch(1);
  auto r = log->append_as_leader(next, 2, now);
  ASSERT_TRUE(r);
  EXPECT_EQ(r.value().first_offset, 60);
}

TEST_F(RecoveryTest, FlippedByteTruncatesFromTheCorruptBatchAndDropsLaterSegments) {
  int64_t corrupt_base;
  std::vector<int64_t> segments_before;
  {
    auto log = write(60);
    segments_before = log->segment_base_offsets();
    ASSERT_GE(segments_before.size(), 4u);
    // Corrupt the third batch of the second segment.
    corrupt_base = segments_before[1];
    auto loc = log->segment_at(corrupt_base).find_batch(corrupt_base + 4);
    ASSERT_TRUE(loc);
    corrupt_base = loc->base_offset;
    flip_byte(log_path(dir(), segments_before[1]), loc->position + 70);
  }
  auto log = open_log(/*clean=*/false, /*recovery_point=*/0);
  EXPECT_EQ(log->log_end_offset(), corrupt_base);
  EXPECT_EQ(log->segment_base_offsets(), (std::vector<int64_t>{segments_before[0], segments_before[1]}));
  auto kept = test::read_all(*log, 0, log->log_end_offset());
  ASSERT_EQ(static_cast<int64_t>(kept.size()), corrupt_base);
  EXPECT_EQ(kept.back().offset, corrupt_base - 1);
  for (int64_t base : segments_before) {
    if (base > segments_before[1]) {
      EXPECT_FALSE(fs::exists(log_path(dir(), base))) << base;
    }
  }
}

TEST_F(RecoveryTest, OnlySegmentsFromTheRecoveryPointAreRevalidated) {
  std::vector<int64_t> bases;
  {
    auto log = write(60);
    bases = log->segment_base_offsets();
  }
  auto log = open_log(/*clean=*/false, /*recovery_point=*/bases[bases.size() - 2] + 1);
  EXPECT_EQ(log->report().segments_recovered, 2);
  EXPECT_EQ(log->log_end_offset(), 120);
  EXPECT_EQ(log->recovery_point(), 120);
}

TEST_F(RecoveryTest, CleanlyClosedLogReopensWithoutRecovery) {
  int64_t second;
  {
    auto log = write(60);
    second = log->segment_base_offsets()[1];
    log->close();
  }
  // A corruption that recovery would cut; after a clean shutdown nothing re-reads batches.
  auto loc = [&] {
    auto log = open_log(true, 120);
    return *log->segment_at(second).find_batch(second);
  }();
  flip_byte(log_path(dir(), second), loc.position + 70);
  auto log = open_log(/*clean=*/true, /*recovery_point=*/120);
  EXPECT_EQ(log->report().segments_recovered, 0);
  EXPECT_EQ(log->report().bytes_truncated, 0u);
  EXPECT_EQ(log->log_end_offset(), 120);
  EXPECT_EQ(log->recovery_point(), 120);
}

TEST_F(RecoveryTest, MissingIndexFilesAreRebuiltIdentically) {
  fs::path index, time_index;
  std::string original_index, original_time_index;
  auto slurp = [](const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
  };
  {
    auto log = write(60);
    int64_t first = log->segment_base_offsets().front();
    index = index_path(dir(), first);
    time_index = time_index_path(dir(), first);
    log->close();
  }
  original_index = slurp(index);
  original_time_index = slurp(time_index);
  ASSERT_FALSE(original_index.empty());
  fs::remove(index);
  fs::remove(time_index);
  auto log = open_log(/*clean=*/true, 120);
  EXPECT_EQ(slurp(index), original_index);
  EXPECT_EQ(slurp(time_index), original_time_index);
  EXPECT_EQ(test::read_all(*log, 0, 120).size(), 120u);
  auto found = log->offset_for_timestamp(now + 10);
  ASSERT_TRUE(found && found.value());
  EXPECT_EQ(found.value()->offset, 20);
}

TEST_F(RecoveryTest, CorruptIndexFileIsDetectedAndRebuilt) {
  fs::path index;
  {
    auto log = write(60);
    index = index_path(dir(), log->segment_base_offsets().front());
    log->close();
  }
  ASSERT_GE(fs::file_size(index), 16u);
  {
    // Garbage that still has a whole number of entries: an entry pointing past the log.
    std::fstream f(index, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4);
    const char junk[4] = {0x7f, 0x00, 0x00, 0x00};
    f.write(junk, 4);
  }
  auto log = open_log(/*clean=*/true, 120);
  EXPECT_TRUE(log->segment_at(log->segment_base_offsets().front()).index().is_consistent(
      log->segment_at(log->segment_base_offsets().front()).size()));
  for (int64_t o = 0; o < 120; o += 5) {
    auto r = log->read(o, 100, 120, true);
    ASSERT_TRUE(r && r.value().data);
    EXPECT_EQ(r.value().first_batch_offset, o / 2 * 2) << o;
  }
}

TEST_F(RecoveryTest, IndexWithPartialEntryIsRebuilt) {
  fs::path index;
  {
    auto log = write(60);
    index = index_path(dir(), log->segment_base_offsets().front());
    log->close();
  }
  fs::resize_file(index, fs::file_size(index) - 3);
  auto log = open_log(/*clean=*/true, 120);
  EXPECT_EQ(fs::file_size(index) % 8, 0u);
  EXPECT_EQ(test::read_all(*log, 0, 120).size(), 120u);
}

TEST_F(RecoveryTest, CrashWithPreallocatedActiveIndexRecovers) {
  {
    auto log = write(10);  // never closed: the active index is still 10 MiB of mostly zeros
  }
  auto log = open_log(/*clean=*/false, 0);
  EXPECT_EQ(log->log_end_offset(), 20);
  auto more = test::make_batch(2);
  ASSERT_TRUE(log->append_as_leader(more, 1, now));
  EXPECT_EQ(test::read_all(*log, 0, 22).size(), 22u);
}

TEST_F(RecoveryTest, StrayFilesFromInterruptedOperationsAreRemoved) {
  { write(3)->close(); }
  std::ofstream(dir() / "00000000000000000000.log.deleted") << "x";
  std::ofstream(dir() / "00000000000000000777.index") << "orphan";
  auto log = open_log(true, 6);
  EXPECT_FALSE(fs::exists(dir() / "00000000000000000000.log.deleted"));
  EXPECT_FALSE(fs::exists(dir() / "00000000000000000777.index"));
  EXPECT_EQ(log->log_end_offset(), 6);
}

}  // namespace
}  // namespace kb::log
