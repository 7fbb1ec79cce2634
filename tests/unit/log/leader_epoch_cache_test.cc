// The leader epoch cache (Kafka's LeaderEpochFileCache) on its own, its checkpoint file, and
// the partition log keeping it in step with appends, truncations and reopening.
#include "log/leader_epoch_cache.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "log/file_names.h"
#include "log/partition_log.h"
#include "tests/support/batches.h"
#include "tests/support/log_reader.h"
#include "tests/support/temp_dir.h"

namespace kb::log {
namespace {

namespace fs = std::filesystem;
constexpr int64_t now = 1'700'000'000'000;

using entries = std::vector<epoch_entry>;

std::string file_text(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::trunc);
  out << text;
}

class LeaderEpochCacheTest : public ::testing::Test {
 protected:
  fs::path file() const { return tmp_.path() / "leader-epoch-checkpoint"; }
  leader_epoch_cache with(const entries& es) {
    leader_epoch_cache c(file());
    for (const auto& e : es) EXPECT_TRUE(c.assign(kb::leader_epoch{e.epoch}, e.start_offset));
    return c;
  }
  test::temp_dir tmp_;
};

// ----- assign -----

TEST_F(LeaderEpochCacheTest, AssignAppendsNewerEpochs) {
  leader_epoch_cache c = with({{0, 0}, {1, 5}, {3, 9}});
  EXPECT_EQ(c.entries(), (entries{{0, 0}, {1, 5}, {3, 9}}));
  EXPECT_EQ(c.latest_epoch(), 3);
  EXPECT_EQ(c.latest(), (epoch_entry{3, 9}));
  EXPECT_EQ(c.earliest(), (epoch_entry{0, 0}));
}

TEST_F(LeaderEpochCacheTest, EmptyCacheHasUndefinedLatestEpoch) {
  leader_epoch_cache c(file());
  EXPECT_TRUE(c.empty());
  EXPECT_EQ(c.latest_epoch(), undefined_epoch);
  EXPECT_EQ(c.latest(), std::nullopt);
  EXPECT_EQ(c.earliest(), std::nullopt);
}

TEST_F(LeaderEpochCacheTest, LatestEpochAtLaterOffsetIsNotNews) {
  leader_epoch_cache c = with({{1, 5}});
  EXPECT_FALSE(c.assign(kb::leader_epoch{1}, 7));
  EXPECT_FALSE(c.assign(kb::leader_epoch{1}, 5));
  EXPECT_EQ(c.entries(), (entries{{1, 5}}));
}

TEST_F(LeaderEpochCacheTest, LatestEpochAtEarlierOffsetMovesItsStart) {
  leader_epoch_cache c = with({{0, 0}, {2, 10}});
  EXPECT_TRUE(c.assign(kb::leader_epoch{2}, 8));
  EXPECT_EQ(c.entries(), (entries{{0, 0}, {2, 8}}));
}

TEST_F(LeaderEpochCacheTest, StaleEpochIsIgnored) {
  leader_epoch_cache c = with({{0, 0}, {3, 10}});
  EXPECT_FALSE(c.assign(kb::leader_epoch{2}, 20));
  EXPECT_FALSE(c.assign(kb::leader_epoch{1}, 5));
  EXPECT_EQ(c.entries(), (entries{{0, 0}, {3, 10}}));
}

TEST_F(LeaderEpochCacheTest, NewEpochReplacesEntriesStartingAtOrAfterIt) {
  // A leader elected at offset 10 that never wrote, then a newer one at the same log end.
  leader_epoch_cache c = with({{0, 0}, {1, 10}});
  EXPECT_TRUE(c.assign(kb::leader_epoch{2}, 10));
  EXPECT_EQ(c.entries(), (entries{{0, 0}, {2, 10}}));
  // A newer epoch starting before the latest entry's start: the conflicting entries go.
  leader_epoch_cache d = with({});
  d.assign(kb::leader_epoch{0}, 0);
  d.assign(kb::leader_epoch{1}, 10);
  d.assign(kb::leader_epoch{2}, 20);
  EXPECT_TRUE(d.assign(kb::leader_epoch{3}, 15));
  EXPECT_EQ(d.entries(), (entries{{0, 0}, {1, 10}, {3, 15}}));
}

TEST_F(LeaderEpochCacheTest, NegativeEpochOrOffsetIsIgnored) {
  leader_epoch_cache c(file());
  EXPECT_FALSE(c.assign(kb::leader_epoch{-1}, 0));
  EXPECT_FALSE(c.assign(kb::leader_epoch{0}, -1));
  EXPECT_TRUE(c.empty());
}

TEST_F(LeaderEpochCacheTest, AssignManyWritesTheResultOnce) {
  leader_epoch_cache c(file());
  entries es{{1, 0}, {1, 4}, {2, 6}, {0, 9}, {5, 9}};
  c.assign(es);
  EXPECT_EQ(c.entries(), (entries{{1, 0}, {2, 6}, {5, 9}}));
  EXPECT_EQ(file_text(file()), "0\n3\n1 0\n2 6\n5 9\n");
}

// ----- end_offset_for (KIP-101, KIP-279) -----

TEST_F(LeaderEpochCacheTest, UndefinedEpochOrEmptyCacheIsUndefined) {
  EXPECT_TRUE(leader_epoch_cache(file()).end_offset_for(kb::leader_epoch{0}, 100).undefined());
  leader_epoch_cache c = with({{0, 0}});
  EXPECT_EQ(c.end_offset_for(kb::leader_epoch{undefined_epoch}, 100), (epoch_end_offset{-1, -1}));
}

TEST_F(LeaderEpochCacheTest, LatestEpochEndsAtTheLogEnd) {
  leader_epoch_cache c = with({{0, 0}, {2, 10}, {4, 20}});
  EXPECT_EQ(c.end_offset_for(kb::leader_epoch{4}, 37), (epoch_end_offset{4, 37}));
  // Even a latest epoch that has written nothing yet (start == log end).
  leader_epoch_cache d = with({});
  d.assign(kb::leader_epoch{7}, 50);
  EXPECT_EQ(d.end_offset_for(kb::leader_epoch{7}, 50), (epoch_end_offset{7, 50}));
}

TEST_F(LeaderEpochCacheTest, KnownEpochEndsWhereTheNextBegins) {
  leader_epoch_cache c = with({{0, 0}, {2, 10}, {4, 20}});
  EXPECT_EQ(c.end_offset_for(kb::leader_epoch{0}, 37), (epoch_end_offset{0, 10}));
  EXPECT_EQ(c.end_offset_for(kb::leader_epoch{2}, 37), (epoch_end_offset{2, 20}));
}

TEST_F(LeaderEpochCacheTest, Kip279EpochBetweenKnownEpochsAnswersTheLargestEpochBelowIt) {
  leader_epoch_cache c = with({{0, 0}, {2, 10}, {4, 20}});
  EXPECT_EQ(c.end_offset_for(kb::leader_epoch{1}, 37), (epoch_end_offset{0, 10}));
  EXPECT_EQ(c.end_offset_for(kb::leader_epoch{3}, 37), (epoch_end_offset{2, 20}));
}

TEST_F(LeaderEpochCacheTest, EpochNewerThanAnyKnownIsUndefined) {
  leader_epoch_cache c = with({{0, 0}, {2, 10}});
  EXPECT_EQ(c.end_offset_for(kb::leader_epoch{3}, 37), (epoch_end_offset{-1, -1}));
}

TEST_F(LeaderEpochCacheTest, EpochOlderThanTheFirstEndsWhereTheFirstBegins) {
  // Kafka's code (not its javadoc): the requested epoch, ending at the first known start.
  leader_epoch_cache c = with({{3, 40}, {5, 60}});
  EXPECT_EQ(c.end_offset_for(kb::leader_epoch{1}, 70), (epoch_end_offset{1, 40}));
}

TEST_F(LeaderEpochCacheTest, Kip101DivergedFollowerTruncatesToTheLeadersEpochEnd) {
  // A led epoch 0 and wrote offsets 0-1; B had only offset 0. Both crashed, B came back
  // first, became leader at epoch 1 and wrote offset 1. A must drop its offset 1.
  leader_epoch_cache b(tmp_.path() / "b");
  b.assign(kb::leader_epoch{0}, 0);
  b.assign(kb::leader_epoch{1}, 1);
  leader_epoch_cache a(tmp_.path() / "a");
  a.assign(kb::leader_epoch{0}, 0);
  int64_t a_log_end = 2;
  epoch_end_offset answer = b.end_offset_for(kb::leader_epoch{a.latest_epoch()}, /*log_end_offset=*/2);
  EXPECT_EQ(answer, (epoch_end_offset{0, 1}));
  int64_t truncate_to = std::min(answer.end_offset, a_log_end);
  a.truncate_from_end(truncate_to);
  EXPECT_EQ(truncate_to, 1);
  EXPECT_EQ(a.entries(), (entries{{0, 0}}));
}

TEST_F(LeaderEpochCacheTest, Kip101RestartedFollowerKeepsWhatTheLeaderHas) {
  // Without epochs a restarted follower truncated to its high watermark and lost offset 1
  // when it then became leader. With them, the leader says epoch 0 runs to its log end.
  leader_epoch_cache leader = with({{0, 0}});
  epoch_end_offset answer = leader.end_offset_for(kb::leader_epoch{0}, /*log_end_offset=*/2);
  EXPECT_EQ(answer, (epoch_end_offset{0, 2}));
  int64_t follower_log_end = 2;
  EXPECT_EQ(std::min(answer.end_offset, follower_log_end), 2);  // nothing to truncate
}

TEST_F(LeaderEpochCacheTest, Kip279FollowerConvergesOverRoundTrips) {
  // The follower saw epochs 0 and 2; the leader has 0, 1 and 3. The follower asks about its
  // latest epoch (2); the leader answers the largest epoch <= 2 it has: 1, ending at 7.
  leader_epoch_cache leader(tmp_.path() / "leader");
  leader.assign(kb::leader_epoch{0}, 0);
  leader.assign(kb::leader_epoch{1}, 3);
  leader.assign(kb::leader_epoch{3}, 7);
  leader_epoch_cache follower(tmp_.path() / "follower");
  follower.assign(kb::leader_epoch{0}, 0);
  follower.assign(kb::leader_epoch{2}, 5);
  int64_t follower_end = 9;

  epoch_end_offset first = leader.end_offset_for(kb::leader_epoch{2}, 12);
  EXPECT_EQ(first, (epoch_end_offset{1, 7}));
  // Epoch 1 is unknown to the follower: it cuts at its own end of the largest epoch <= 1.
  epoch_end_offset own = follower.end_offset_for(kb::leader_epoch{first.epoch}, follower_end);
  EXPECT_EQ(own, (epoch_end_offset{0, 5}));
  follower_end = std::min({first.end_offset, own.end_offset, follower_end});
  follower.truncate_from_end(follower_end);
  EXPECT_EQ(follower.entries(), (entries{{0, 0}}));

  // Second round: the follower's latest epoch is 0, which the leader has, ending at 3.
  epoch_end_offset second = leader.end_offset_for(kb::leader_epoch{follower.latest_epoch()}, 12);
  EXPECT_EQ(second, (epoch_end_offset{0, 3}));
  follower_end = std::min(second.end_offset, follower_end);
  follower.truncate_from_end(follower_end);
  EXPECT_EQ(follower_end, 3);
  EXPECT_EQ(follower.entries(), (entries{{0, 0}}));
}

// ----- truncation -----

TEST_F(LeaderEpochCacheTest, TruncateFromEndRemovesEntriesStartingAtOrAfterTheOffset) {
  leader_epoch_cache c = with({{0, 0}, {2, 10}, {4, 20}});
  c.truncate_from_end(25);
  EXPECT_EQ(c.entries(), (entries{{0, 0}, {2, 10}, {4, 20}}));
  c.truncate_from_end(20);
  EXPECT_EQ(c.entries(), (entries{{0, 0}, {2, 10}}));
  c.truncate_from_end(11);
  EXPECT_EQ(c.entries(), (entries{{0, 0}, {2, 10}}));
  c.truncate_from_end(0);
  EXPECT_TRUE(c.empty());
  EXPECT_EQ(file_text(file()), "0\n0\n");
}

TEST_F(LeaderEpochCacheTest, TruncateFromStartMovesTheEpochInForceToTheNewStart) {
  leader_epoch_cache c = with({{0, 0}, {2, 10}, {4, 20}});
  c.truncate_from_start(5);
  EXPECT_EQ(c.entries(), (entries{{0, 5}, {2, 10}, {4, 20}}));
  c.truncate_from_start(15);
  EXPECT_EQ(c.entries(), (entries{{2, 15}, {4, 20}}));
  c.truncate_from_start(20);  // an entry starting exactly there stays
  EXPECT_EQ(c.entries(), (entries{{4, 20}}));
  c.truncate_from_start(30);
  EXPECT_EQ(c.entries(), (entries{{4, 30}}));
  EXPECT_EQ(file_text(file()), "0\n1\n4 30\n");
}

TEST_F(LeaderEpochCacheTest, TruncateFromStartBeforeTheFirstEntryChangesNothing) {
  leader_epoch_cache c = with({{3, 40}});
  c.truncate_from_start(10);
  EXPECT_EQ(c.entries(), (entries{{3, 40}}));
}

TEST_F(LeaderEpochCacheTest, ClearEmptiesCacheAndFile) {
  leader_epoch_cache c = with({{0, 0}, {2, 10}});
  c.clear();
  EXPECT_TRUE(c.empty());
  EXPECT_EQ(file_text(file()), "0\n0\n");
}

// ----- the checkpoint file -----

TEST_F(LeaderEpochCacheTest, EveryChangeRewritesTheCheckpointInKafkasFormat) {
  leader_epoch_cache c(file());
  c.assign(kb::leader_epoch{0}, 0);
  EXPECT_EQ(file_text(file()), "0\n1\n0 0\n");
  c.assign(kb::leader_epoch{2}, 1200);
  EXPECT_EQ(file_text(file()), "0\n2\n0 0\n2 1200\n");
  EXPECT_FALSE(fs::exists(file().string() + ".tmp"));
}

TEST_F(LeaderEpochCacheTest, CheckpointRoundTrips) {
  with({{0, 0}, {2, 10}, {7, 99999999999}});
  leader_epoch_cache reloaded(file());
  checkpoint_contents read = reloaded.load();
  EXPECT_EQ(read.status, checkpoint_status::loaded);
  EXPECT_EQ(reloaded.entries(), (entries{{0, 0}, {2, 10}, {7, 99999999999}}));
  EXPECT_EQ(parse_leader_epoch_checkpoint(format_leader_epoch_checkpoint(reloaded.entries())).entries,
            reloaded.entries());
}

TEST_F(LeaderEpochCacheTest, MissingCheckpointLoadsEmpty) {
  leader_epoch_cache c(file());
  EXPECT_EQ(c.load().status, checkpoint_status::missing);
  EXPECT_TRUE(c.empty());
  EXPECT_FALSE(fs::exists(file()));
}

TEST_F(LeaderEpochCacheTest, MalformedCheckpointsAreReportedNotGuessed) {
  for (const char* text : {"", "1\n0\n", "0\nx\n", "0\n2\n0 0\n", "0\n1\n0 0\n1 5\n", "0\n1\n0\n", "0\n1\n0 0 0\n",
                           "0\n1\n-1 0\n", "0\n2\n3 10\n2 20\n", "0\n2\n2 10\n3 10\n", "0\n1\na b\n"}) {
    SCOPED_TRACE(::testing::PrintToString(std::string(text)));
    write_text(file(), text);
    leader_epoch_cache c(file());
    checkpoint_contents read = c.load();
    EXPECT_EQ(read.status, checkpoint_status::malformed);
    EXPECT_FALSE(read.problem.empty());
    EXPECT_TRUE(c.empty());
  }
}

TEST_F(LeaderEpochCacheTest, EmptyEntryListAndTrailingBlankLineAreWellFormed) {
  EXPECT_EQ(parse_leader_epoch_checkpoint("0\n0\n").status, checkpoint_status::loaded);
  checkpoint_contents read = parse_leader_epoch_checkpoint("0\n1\n4 8\n\n");
  EXPECT_EQ(read.status, checkpoint_status::loaded);
  EXPECT_EQ(read.entries, (entries{{4, 8}}));
}

// ----- the partition log keeps the cache -----

class PartitionLogEpochsTest : public ::testing::Test {
 protected:
  PartitionLogEpochsTest() {
    cfg_.segment_bytes = 1024;
    cfg_.index_interval_bytes = 256;
  }
  std::unique_ptr<partition_log> open_log(bool clean = true, int64_t recovery_point = 0, int64_t log_start = 0) {
    open_options opts;
    opts.had_clean_shutdown = clean;
    opts.recovery_point = recovery_point;
    opts.log_start_offset = log_start;
    opts.now_ms = now;
    return partition_log::open(dir(), {"t", 0}, cfg_, opts);
  }
  fs::path dir() const { return tmp_.path() / "t-0"; }
  fs::path checkpoint() const { return dir() / "leader-epoch-checkpoint"; }
  // `count` batches of 2 records (about 130 bytes each) at `epoch`.
  static void append(partition_log& log, int count, int32_t epoch) {
    for (int i = 0; i < count; ++i) {
      auto b = test::make_batch(2, 40);
      ASSERT_TRUE(log.append_as_leader(b, epoch, now));
    }
  }
  // Epochs 0 (offsets 0-9), 2 (10-19) and 5 (20-29), over several segments.
  std::unique_ptr<partition_log> three_epochs() {
    auto log = open_log();
    append(*log, 5, 0);
    append(*log, 5, 2);
    append(*log, 5, 5);
    return log;
  }
  log_config cfg_;
  test::temp_dir tmp_;
};

TEST_F(PartitionLogEpochsTest, NewLogStartsWithAnEmptyCheckpoint) {
  auto log = open_log();
  EXPECT_TRUE(log->epochs().empty());
  EXPECT_EQ(file_text(checkpoint()), "0\n0\n");
}

TEST_F(PartitionLogEpochsTest, LeaderAppendsRecordTheFirstBatchOfEachNewEpoch) {
  auto log = three_epochs();
  EXPECT_EQ(log->epochs().entries(), (entries{{0, 0}, {2, 10}, {5, 20}}));
  EXPECT_EQ(file_text(checkpoint()), "0\n3\n0 0\n2 10\n5 20\n");
  EXPECT_GT(log->segment_base_offsets().size(), 1u);
}

TEST_F(PartitionLogEpochsTest, FollowerAppendsLearnEpochsFromBatchHeaders) {
  auto leader = three_epochs();
  test::temp_dir other;
  open_options opts;
  opts.had_clean_shutdown = true;
  auto follower = partition_log::open(other.path() / "t-0", {"t", 0}, cfg_, opts);
  int64_t next = 0;
  while (next < leader->log_end_offset()) {
    auto r = leader->read(next, 300, leader->log_end_offset(), true);
    ASSERT_TRUE(r && r.value().data);
    auto bytes = test::slice_bytes(*r.value().data);
    // Only whole batches: cut at the last complete one.
    size_t at = 0;
    while (bytes.size() - at >= log_overhead) {
      size_t size = parse_batch_prefix(std::span(bytes).subspan(at)).batch_length + log_overhead;
      if (at + size > bytes.size()) break;
      at += size;
    }
    bytes.resize(at);
    ASSERT_TRUE(follower->append_as_follower(bytes, now));
    next = follower->log_end_offset();
  }
  EXPECT_EQ(follower->epochs().entries(), leader->epochs().entries());
}

TEST_F(PartitionLogEpochsTest, EndOffsetForEpochUsesTheLogEnd) {
  auto log = three_epochs();
  EXPECT_EQ(log->end_offset_for_epoch(kb::leader_epoch{5}), (epoch_end_offset{5, 30}));
  EXPECT_EQ(log->end_offset_for_epoch(kb::leader_epoch{3}), (epoch_end_offset{2, 20}));
  EXPECT_EQ(log->end_offset_for_epoch(kb::leader_epoch{0}), (epoch_end_offset{0, 10}));
  EXPECT_TRUE(log->end_offset_for_epoch(kb::leader_epoch{6}).undefined());
}

TEST_F(PartitionLogEpochsTest, EpochAssignedAtElectionIsKeptByItsFirstAppend) {
  auto log = open_log();
  append(*log, 2, 0);
  log->assign_epoch_start_offset(kb::leader_epoch{4}, log->log_end_offset());
  EXPECT_EQ(log->epochs().entries(), (entries{{0, 0}, {4, 4}}));
  EXPECT_EQ(log->end_offset_for_epoch(kb::leader_epoch{3}), (epoch_end_offset{0, 4}));
  append(*log, 1, 4);
  EXPECT_EQ(log->epochs().entries(), (entries{{0, 0}, {4, 4}}));
}

TEST_F(PartitionLogEpochsTest, TruncateToDropsEpochsPastTheNewEnd) {
  auto log = three_epochs();
  log->truncate_to(22, now);
  EXPECT_EQ(log->epochs().entries(), (entries{{0, 0}, {2, 10}, {5, 20}}));
  log->truncate_to(20, now);
  EXPECT_EQ(log->epochs().entries(), (entries{{0, 0}, {2, 10}}));
  log->truncate_to(13, now);  // rounded down to the batch boundary at 12
  EXPECT_EQ(log->log_end_offset(), 12);
  EXPECT_EQ(log->epochs().entries(), (entries{{0, 0}, {2, 10}}));
  EXPECT_EQ(file_text(checkpoint()), "0\n2\n0 0\n2 10\n");
  append(*log, 1, 6);
  EXPECT_EQ(log->epochs().entries(), (entries{{0, 0}, {2, 10}, {6, 12}}));
}

TEST_F(PartitionLogEpochsTest, TruncateFullyClearsTheCache) {
  auto log = three_epochs();
  log->truncate_fully_and_start_at(100, now);
  EXPECT_TRUE(log->epochs().empty());
  append(*log, 1, 7);
  EXPECT_EQ(log->epochs().entries(), (entries{{7, 100}}));
}

TEST_F(PartitionLogEpochsTest, AdvancingTheLogStartMovesTheFirstEntry) {
  auto log = three_epochs();
  ASSERT_TRUE(log->advance_log_start_offset(14, now));
  EXPECT_EQ(log->epochs().entries(), (entries{{2, 14}, {5, 20}}));
  EXPECT_EQ(file_text(checkpoint()), "0\n2\n2 14\n5 20\n");
}

TEST_F(PartitionLogEpochsTest, RetentionMovesTheFirstEntry) {
  cfg_.retention_bytes = 1200;
  auto log = three_epochs();
  ASSERT_GT(log->delete_old_segments(now, log->log_end_offset()), 0);
  int64_t start = log->log_start_offset();
  ASSERT_GT(start, 0);
  int32_t in_force = start < 10 ? 0 : start < 20 ? 2 : 5;
  EXPECT_EQ(log->epochs().earliest(), (epoch_entry{in_force, start}));
  EXPECT_EQ(log->epochs().latest(), (epoch_entry{5, std::max<int64_t>(20, start)}));
}

TEST_F(PartitionLogEpochsTest, CacheSurvivesACleanReopen) {
  three_epochs()->close();
  auto log = open_log();
  EXPECT_EQ(log->epochs().entries(), (entries{{0, 0}, {2, 10}, {5, 20}}));
}

TEST_F(PartitionLogEpochsTest, DeletedCheckpointIsRebuiltFromBatchHeaders) {
  three_epochs()->close();
  fs::remove(checkpoint());
  auto log = open_log();
  EXPECT_EQ(log->epochs().entries(), (entries{{0, 0}, {2, 10}, {5, 20}}));
  EXPECT_EQ(file_text(checkpoint()), "0\n3\n0 0\n2 10\n5 20\n");
}

TEST_F(PartitionLogEpochsTest, MalformedCheckpointIsRebuiltFromBatchHeaders) {
  three_epochs()->close();
  write_text(checkpoint(), "0\n3\n0 0\n2 garbage\n");
  auto log = open_log();
  EXPECT_EQ(log->epochs().entries(), (entries{{0, 0}, {2, 10}, {5, 20}}));
}

TEST_F(PartitionLogEpochsTest, RebuildRespectsTheCheckpointedLogStart) {
  three_epochs()->close();
  fs::remove(checkpoint());
  auto log = open_log(true, 0, /*log_start=*/15);
  EXPECT_EQ(log->epochs().entries(), (entries{{2, 15}, {5, 20}}));
}

TEST_F(PartitionLogEpochsTest, CacheSurvivesACrash) {
  { auto log = three_epochs(); }  // never closed or flushed
  auto log = open_log(/*clean=*/false);
  EXPECT_EQ(log->epochs().entries(), (entries{{0, 0}, {2, 10}, {5, 20}}));
  EXPECT_EQ(log->log_end_offset(), 30);
}

TEST_F(PartitionLogEpochsTest, CrashThatLostTheLatestEpochsDataDropsItsEntry) {
  int64_t holder = 0;  // base offset of the segment holding offset 20
  uint64_t cut_at_bytes = 0;
  std::vector<int64_t> later;
  {
    auto log = three_epochs();
    for (int64_t base : log->segment_base_offsets()) (base <= 20 ? holder : later.emplace_back()) = base;
    cut_at_bytes = log->segment_at(holder).find_batch(20)->position;
  }
  // The page cache never reached the disk: the log ends before epoch 5's first batch,
  // while the checkpoint (fsynced when epoch 5 began) still lists it.
  fs::resize_file(log_path(dir(), holder), cut_at_bytes);
  for (int64_t base : later) {
    fs::remove(log_path(dir(), base));
    fs::remove(index_path(dir(), base));
    fs::remove(time_index_path(dir(), base));
  }
  auto log = open_log(/*clean=*/false);
  EXPECT_EQ(log->log_end_offset(), 20);
  EXPECT_EQ(log->epochs().entries(), (entries{{0, 0}, {2, 10}}));
  EXPECT_EQ(file_text(checkpoint()), "0\n2\n0 0\n2 10\n");
}

TEST_F(PartitionLogEpochsTest, CrashBeforeTheCheckpointWriteIsRepairedFromTheRecoveredTail) {
  { auto log = three_epochs(); }
  // As if the process died between appending epoch 5's first batch and checkpointing it.
  write_text(checkpoint(), "0\n2\n0 0\n2 10\n");
  auto log = open_log(/*clean=*/false, /*recovery_point=*/12);
  EXPECT_EQ(log->epochs().entries(), (entries{{0, 0}, {2, 10}, {5, 20}}));
}

}  // namespace
}  // namespace kb::log
