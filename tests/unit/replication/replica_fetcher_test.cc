// The replica fetcher against an in-memory leader: logs that agree are kept, logs that
// diverged are truncated by OffsetForLeaderEpoch before fetching (the KIP-101 and KIP-279
// scenarios), and the follower ends up with exactly the leader's records.
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "replication/replica_fetcher.h"
#include "tests/support/batches.h"
#include "tests/support/fake_leader_endpoint.h"
#include "tests/support/io_runner.h"
#include "tests/support/log_reader.h"
#include "tests/support/temp_dir.h"

namespace kb::replication {
namespace {

constexpr int64_t now = 1'700'000'000'000;
const topic_partition tp{"t", 0};

// The broker's side of one followed partition: its log, its high watermark, and every
// truncation that cut records.
class fake_follower final : public follower_partitions {
 public:
  fake_follower(log::partition_log& log, int32_t epoch, int64_t high_watermark)
      : log_(log), epoch_(epoch), high_watermark_(high_watermark) {}

  std::vector<int64_t> truncations;
  // Further partitions followed at the same epoch, each into its own log (their high
  // watermarks and truncations are not tracked).
  std::map<topic_partition, log::partition_log*> others;

  log::partition_log* follower_log(const topic_partition& p, int32_t leader_epoch) override {
    if (leader_epoch != epoch_) return nullptr;
    if (p == tp) return &log_;
    auto it = others.find(p);
    return it == others.end() ? nullptr : it->second;
  }
  void on_fetched(const topic_partition& p, int64_t leader_high_watermark) override {
    if (p == tp) high_watermark_ = std::min(leader_high_watermark, log_.log_end_offset());
  }
  int64_t high_watermark(const topic_partition&) override { return high_watermark_; }
  void truncate(const topic_partition&, int64_t offset) override {
    if (offset < log_.log_end_offset()) truncations.push_back(offset);
    log_.truncate_to(offset, now);
    high_watermark_ = std::min(high_watermark_, log_.log_end_offset());
  }
  void restart_at(const topic_partition&, int64_t offset) override {
    truncations.push_back(offset);
    log_.truncate_fully_and_start_at(offset, now);
    high_watermark_ = offset;
  }

 private:
  log::partition_log& log_;
  int32_t epoch_;
  int64_t high_watermark_;
};

class ReplicaFetcherTest : public ::testing::Test {
 protected:
  std::unique_ptr<log::partition_log> open_log(const std::string& name) {
    log::open_options opts;
    opts.had_clean_shutdown = true;
    opts.now_ms = now;
    return log::partition_log::open(tmp_.path() / name / "t-0", tp, log::log_config{}, opts);
  }

  // One batch of `records` records tagged `tag`, written by the leader of `epoch`.
  static void write(log::partition_log& log, int32_t epoch, int records, const std::string& tag) {
    auto batch = test::make_batch(records, 16, now, tag);
    ASSERT_TRUE(log.append_as_leader(batch, epoch, now));
  }

  static std::vector<test::read_record> records(log::partition_log& log) {
    return test::read_all(log, log.log_start_offset(), log.log_end_offset());
  }

  // Follows `leader` at `epoch` until the follower's log has truncated and caught up with it.
  void follow(log::partition_log& leader, int32_t epoch, log::partition_log& follower_log, int64_t follower_hw) {
    auto endpoint = std::make_unique<test::fake_leader_endpoint>(leader, epoch);
    leader_ = endpoint.get();
    follower_ = std::make_unique<fake_follower>(follower_log, epoch, follower_hw);
    fetcher_settings settings;
    settings.max_wait_ms = 0;
    settings.backoff = std::chrono::milliseconds(1);
    fetcher_ = std::make_unique<replica_fetcher>(io_->get_executor(), std::move(endpoint), *follower_, settings);
    fetcher_->add_partition(tp, epoch);
    fetcher_->start();
    ASSERT_TRUE(test::run_until(*io_, [&] {
      return fetcher_->truncated(tp) && follower_log.log_end_offset() == leader.log_end_offset() &&
             fetcher_->rounds() > 0;
    }));
    fetcher_->stop();
  }

  test::temp_dir tmp_;
  std::unique_ptr<fake_follower> follower_;
  std::unique_ptr<replica_fetcher> fetcher_;
  test::fake_leader_endpoint* leader_ = nullptr;
  // Destroyed first: pending fetcher coroutines go before the fetcher they refer to.
  std::unique_ptr<boost::asio::io_context> io_ = std::make_unique<boost::asio::io_context>();
};

TEST_F(ReplicaFetcherTest, AnEmptyFollowerCopiesTheLeadersLogWithItsEpochs) {
  auto leader = open_log("a");
  auto follower = open_log("b");
  write(*leader, 0, 3, "e0");
  write(*leader, 2, 2, "e2");

  follow(*leader, 2, *follower, 0);

  EXPECT_EQ(records(*follower).size(), 5u);
  EXPECT_EQ(test::slice_bytes(*follower->read(0, 1 << 20, 5, true).value().data),
            test::slice_bytes(*leader->read(0, 1 << 20, 5, true).value().data));
  EXPECT_EQ(follower->epochs().entries(), leader->epochs().entries());
  EXPECT_TRUE(follower_->truncations.empty());
}

// KIP-101 scenario 1: the follower had replicated offset 1 but had not yet learnt that the
// high watermark moved past it. Truncating to the high watermark on restart (the old rule)
// would drop a record the leader had already acknowledged; asking the leader where the
// epoch ends keeps it.
TEST_F(ReplicaFetcherTest, KeepsRecordsAboveItsHighWatermarkThatTheLeaderHas) {
  auto leader = open_log("a");
  auto follower = open_log("b");
  write(*leader, 0, 1, "m1");
  write(*leader, 0, 1, "m2");
  write(*follower, 0, 1, "m1");
  write(*follower, 0, 1, "m2");
  leader->assign_epoch_start_offset(kb::leader_epoch{1}, leader->log_end_offset());  // leader re-elected

  follow(*leader, 1, *follower, /*follower_hw=*/1);

  ASSERT_EQ(records(*follower).size(), 2u);
  EXPECT_EQ(records(*follower)[1].value.substr(0, 4), "m2-0");
  EXPECT_TRUE(follower_->truncations.empty());
  EXPECT_EQ(leader_->epochs_asked, std::vector<int32_t>{0});
}

// KIP-101 scenario 2: both replicas crashed; the one that had only offset 0 came back first
// and, as leader of epoch 1, wrote m3 at offset 1. The old leader still holds its own,
// never-committed m2 at offset 1. It must drop m2 (epoch 0 ends at 1 on the new leader)
// and take m3, so the two logs agree.
TEST_F(ReplicaFetcherTest, TruncatesATailTheNewLeaderNeverHad) {
  auto new_leader = open_log("b");
  auto old_leader = open_log("a");
  write(*old_leader, 0, 1, "m1");
  write(*old_leader, 0, 1, "m2");
  write(*new_leader, 0, 1, "m1");
  write(*new_leader, 1, 1, "m3");

  follow(*new_leader, 1, *old_leader, /*follower_hw=*/1);

  EXPECT_EQ(follower_->truncations, std::vector<int64_t>{1});
  auto got = records(*old_leader);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].value.substr(0, 4), "m1-0");
  EXPECT_EQ(got[1].value.substr(0, 4), "m3-0");
  EXPECT_EQ(old_leader->epochs().entries(), new_leader->epochs().entries());
}

// KIP-279: the follower led epoch 3, which the leader never heard of, after an epoch 1 that
// the leader did not see either. The leader answers with its epoch 2, which the follower
// never had: the follower cuts back to where its epochs below 2 end and asks again, with
// epoch 1, until both sides name the same epoch.
TEST_F(ReplicaFetcherTest, TruncatesInSeveralRoundsWhenEpochsDifferOnBothSides) {
  auto leader = open_log("a");
  auto follower = open_log("b");
  // Common history: epoch 0, offsets 0-2.
  write(*leader, 0, 3, "common");
  write(*follower, 0, 3, "common");
  // Leader: epoch 0 continues to 4, then epoch 2 from 5 to 7.
  write(*leader, 0, 2, "leader-e0");
  write(*leader, 2, 3, "leader-e2");
  // Follower: epoch 1 from 3 to 5, epoch 3 from 6 to 7.
  write(*follower, 1, 3, "follower-e1");
  write(*follower, 3, 2, "follower-e3");
  leader->assign_epoch_start_offset(kb::leader_epoch{4}, leader->log_end_offset());

  follow(*leader, 4, *follower, /*follower_hw=*/3);

  // Asked about 3 (answer: epoch 2 ends at 8; the follower's epochs up to 2 end at 6), then
  // about 1 (answer: epoch 0 ends at 5; the follower's epoch 0 ends at 3).
  EXPECT_EQ(leader_->epochs_asked, (std::vector<int32_t>{3, 1}));
  EXPECT_EQ(follower_->truncations, (std::vector<int64_t>{6, 3}));
  auto got = records(*follower);
  auto want = records(*leader);
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].offset, want[i].offset);
    EXPECT_EQ(got[i].value, want[i].value) << "offset " << got[i].offset;
  }
}

// The follower once led epoch 4 without writing anything (its epoch cache says epoch 4 starts
// at its log end), then lost leadership to a replica that never heard of epoch 4. The leader
// answers with its epoch 3, which the follower never had; cutting "to its log end" must still
// drop the empty epoch 4, or the next round would ask about epoch 4 again, forever.
TEST_F(ReplicaFetcherTest, DropsAnEpochItLedWithoutWritingAndConverges) {
  auto leader = open_log("c");
  auto follower = open_log("b");
  write(*leader, 2, 3, "common");
  write(*follower, 2, 3, "common");
  follower->assign_epoch_start_offset(kb::leader_epoch{4}, follower->log_end_offset());
  write(*leader, 3, 2, "leader-e3");
  leader->assign_epoch_start_offset(kb::leader_epoch{5}, leader->log_end_offset());

  follow(*leader, 5, *follower, /*follower_hw=*/3);

  EXPECT_EQ(leader_->epochs_asked, (std::vector<int32_t>{4, 2}));
  auto got = records(*follower);
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got[4].value.substr(0, 11), "leader-e3-1");
  EXPECT_EQ(follower->epochs().entries(), (std::vector<log::epoch_entry>{{2, 0}, {3, 3}}));
}

// A follower that is ahead of a leader elected uncleanly (the leader's log is shorter and
// in the same epoch) keeps only what the leader has.
TEST_F(ReplicaFetcherTest, CutsBackToTheLeadersEndWithinTheSameEpoch) {
  auto leader = open_log("a");
  auto follower = open_log("b");
  write(*leader, 0, 2, "x");
  write(*follower, 0, 2, "x");
  write(*follower, 0, 3, "lost");
  leader->assign_epoch_start_offset(kb::leader_epoch{1}, leader->log_end_offset());
  write(*leader, 1, 1, "new");

  follow(*leader, 1, *follower, /*follower_hw=*/2);

  EXPECT_EQ(follower_->truncations, std::vector<int64_t>{2});
  auto got = records(*follower);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[2].value.substr(0, 5), "new-0");
}

// A follower fetching at a newer epoch than the leader knows (its ZooKeeper view is ahead)
// truncates nothing and fetches nothing until the leader catches up, and asks again soon:
// the leader learns the epoch within milliseconds, and acks=all writes wait meanwhile.
TEST_F(ReplicaFetcherTest, WaitsWhileTheLeaderDoesNotKnowTheEpoch) {
  auto leader = open_log("a");
  auto follower = open_log("b");
  write(*leader, 0, 2, "x");
  write(*follower, 0, 1, "x");
  auto endpoint = std::make_unique<test::fake_leader_endpoint>(*leader, 0);
  auto* leader_endpoint = endpoint.get();
  fake_follower f(*follower, 1, 0);
  fetcher_settings settings;
  settings.max_wait_ms = 0;
  settings.backoff = std::chrono::seconds(60);  // never reached: retries come much sooner
  replica_fetcher fetcher(io_->get_executor(), std::move(endpoint), f, settings);
  fetcher.add_partition(tp, 1);
  fetcher.start();
  ASSERT_TRUE(test::run_until(*io_, [&] { return leader_endpoint->offset_for_leader_epoch_requests >= 3; }));
  fetcher.stop();
  EXPECT_FALSE(fetcher.truncated(tp));
  EXPECT_EQ(follower->log_end_offset(), 1);
  io_.reset();
}

// A new topic's partitions appear on each broker in turn, so a follower may ask before the
// leader has created a partition. It asks again within milliseconds, not after the whole
// replica.fetch.backoff.ms.
TEST_F(ReplicaFetcherTest, AsksALeaderThatHasNotCreatedThePartitionAgainSoon) {
  auto leader = open_log("a");
  auto follower = open_log("b");
  write(*leader, 0, 2, "x");
  auto endpoint = std::make_unique<test::fake_leader_endpoint>(*leader, 0);
  endpoint->not_created_for[tp.partition] = 3;
  auto* leader_endpoint = endpoint.get();
  fake_follower f(*follower, 0, 0);
  fetcher_settings settings;
  settings.max_wait_ms = 0;
  settings.backoff = std::chrono::seconds(60);  // never reached: retries come much sooner
  replica_fetcher fetcher(io_->get_executor(), std::move(endpoint), f, settings);
  fetcher.add_partition(tp, 0);
  fetcher.start();
  ASSERT_TRUE(test::run_until(*io_, [&] { return follower->log_end_offset() == leader->log_end_offset(); }));
  fetcher.stop();
  EXPECT_EQ(leader_endpoint->not_created_for[tp.partition], 0);
  EXPECT_EQ(records(*follower).size(), 2u);
  io_.reset();
}

// While one partition is held back, the long poll for the others ends by the time it may be
// asked about again, so it does not wait for their data as well.
TEST_F(ReplicaFetcherTest, NoLongPollOutlastsAHeldBackPartition) {
  const topic_partition other{"t", 1};
  auto leader = open_log("a");
  auto follower = open_log("b");
  auto other_follower = open_log("c");
  write(*leader, 0, 2, "x");
  auto endpoint = std::make_unique<test::fake_leader_endpoint>(*leader, 0);
  endpoint->not_created_for[other.partition] = 1;
  auto* leader_endpoint = endpoint.get();
  fake_follower f(*follower, 0, 0);
  f.others[other] = other_follower.get();
  fetcher_settings settings;
  settings.max_wait_ms = 500;
  settings.backoff = std::chrono::seconds(60);
  replica_fetcher fetcher(io_->get_executor(), std::move(endpoint), f, settings);
  fetcher.add_partition(tp, 0);
  fetcher.add_partition(other, 0);
  fetcher.start();
  ASSERT_TRUE(test::run_until(*io_, [&] { return other_follower->log_end_offset() == leader->log_end_offset(); }));
  fetcher.stop();

  const auto& fetches = leader_endpoint->fetches;
  ASSERT_GE(fetches.size(), 2u);
  EXPECT_EQ(fetches.front().max_wait_ms, 500) << "nothing was held back yet";
  bool saw_held_back = false;
  for (const auto& fetch : fetches) {
    if (fetch.partitions == std::vector<int32_t>{tp.partition}) {  // `other` held back
      saw_held_back = true;
      EXPECT_LE(fetch.max_wait_ms, 20);
    }
  }
  EXPECT_TRUE(saw_held_back) << "no fetch went out while the partition was held back";
  io_.reset();
}

// A partition added while a long poll for the others is out (a new topic on a cluster with
// idle ones) is fetched at once: the poll is dropped and sent again with it, and that drop
// is not a failure that waits out the backoff.
TEST_F(ReplicaFetcherTest, APartitionAddedDuringALongPollIsFetchedAtOnce) {
  const topic_partition added{"t", 1};
  auto leader = open_log("a");
  auto follower = open_log("b");
  auto added_follower = open_log("c");
  write(*leader, 0, 2, "x");
  auto endpoint = std::make_unique<test::fake_leader_endpoint>(*leader, 0);
  auto* leader_endpoint = endpoint.get();
  fake_follower f(*follower, 0, 0);
  f.others[added] = added_follower.get();
  fetcher_settings settings;
  settings.max_wait_ms = 500;
  settings.backoff = std::chrono::seconds(60);  // a counted failure would stall the test
  replica_fetcher fetcher(io_->get_executor(), std::move(endpoint), f, settings);
  fetcher.add_partition(tp, 0);
  fetcher.start();
  ASSERT_TRUE(test::run_until(*io_, [&] { return follower->log_end_offset() == leader->log_end_offset(); }));
  leader_endpoint->long_poll = true;  // caught up: the next fetch waits for data
  ASSERT_TRUE(test::run_until(*io_, [&] { return leader_endpoint->polling(); }));

  leader_endpoint->long_poll = false;
  fetcher.add_partition(added, 0);
  EXPECT_EQ(leader_endpoint->closes, 1);
  ASSERT_TRUE(test::run_until(*io_, [&] { return added_follower->log_end_offset() == leader->log_end_offset(); }));
  fetcher.stop();
  EXPECT_EQ(records(*added_follower).size(), 2u);
  io_.reset();
}

// A partition added while other partitions' logs are being checked (OffsetForLeaderEpoch)
// is not in the fetch that follows, so that fetch must not long-poll without it.
TEST_F(ReplicaFetcherTest, APartitionAddedDuringTruncationIsNotLeftBehindALongPoll) {
  const topic_partition added{"t", 1};
  auto leader = open_log("a");
  auto follower = open_log("b");
  auto added_follower = open_log("c");
  write(*leader, 0, 2, "x");
  write(*follower, 0, 2, "x");  // a log to check first
  auto endpoint = std::make_unique<test::fake_leader_endpoint>(*leader, 0);
  auto* leader_endpoint = endpoint.get();
  fake_follower f(*follower, 0, 0);
  f.others[added] = added_follower.get();
  fetcher_settings settings;
  settings.max_wait_ms = 500;
  replica_fetcher fetcher(io_->get_executor(), std::move(endpoint), f, settings);
  leader_endpoint->during_offset_for_leader_epoch = [&] { fetcher.add_partition(added, 0); };
  fetcher.add_partition(tp, 0);
  fetcher.start();
  ASSERT_TRUE(test::run_until(*io_, [&] { return added_follower->log_end_offset() == leader->log_end_offset(); }));
  fetcher.stop();
  ASSERT_FALSE(leader_endpoint->fetches.empty());
  EXPECT_EQ(leader_endpoint->fetches.front().partitions, std::vector<int32_t>{tp.partition});
  EXPECT_EQ(leader_endpoint->fetches.front().max_wait_ms, 0);
  io_.reset();
}

// Re-adding a partition at the epoch a long poll already asks for changes nothing.
TEST_F(ReplicaFetcherTest, ALongPollThatAlreadyAsksForThePartitionIsKept) {
  auto leader = open_log("a");
  auto follower = open_log("b");
  auto endpoint = std::make_unique<test::fake_leader_endpoint>(*leader, 0);
  auto* leader_endpoint = endpoint.get();
  leader_endpoint->long_poll = true;
  fake_follower f(*follower, 0, 0);
  fetcher_settings settings;
  settings.max_wait_ms = 500;
  replica_fetcher fetcher(io_->get_executor(), std::move(endpoint), f, settings);
  fetcher.add_partition(tp, 0);
  fetcher.start();
  ASSERT_TRUE(test::run_until(*io_, [&] { return leader_endpoint->polling(); }));
  fetcher.add_partition(tp, 0);
  EXPECT_EQ(leader_endpoint->closes, 0);
  fetcher.stop();
  EXPECT_EQ(leader_endpoint->closes, 1);  // stop() drops it
  io_.reset();
}

}  // namespace
}  // namespace kb::replication
