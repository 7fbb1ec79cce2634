#include "replication/replica_fetcher.h"

#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <glog/logging.h>

#include "brokerd/protocol/messages/list_offsets.h"
#include "log/wall_clock.h"
#include "replication/epoch_truncation.h"

namespace kb::replication {
namespace asio = boost::asio;
using asio::awaitable;
using protocol::error_code;

namespace {
// How soon to ask a leader again that did not know the epoch we follow yet.
constexpr std::chrono::milliseconds leader_catch_up_retry{20};

// Errors that mean one side's view of the leadership is stale: wait for ZooKeeper to say
// who leads now, then retry.
bool leadership_in_flux(error_code e) {
  return e == error_code::not_leader_or_follower || e == error_code::fenced_leader_epoch ||
         e == error_code::unknown_leader_epoch || e == error_code::unknown_topic_or_partition;
}
}  // namespace

replica_fetcher::replica_fetcher(asio::any_io_executor ex, std::unique_ptr<leader_endpoint> leader,
                                 follower_partitions& partitions, fetcher_settings settings)
    : ex_(ex), leader_(std::move(leader)), follower_(partitions), settings_(settings), changed_(ex) {}

// Invariant: destroyed only after stop() and once the io_context no longer runs its coroutine.
replica_fetcher::~replica_fetcher() = default;

void replica_fetcher::add_partition(const topic_partition& tp, int32_t leader_epoch) {
  partitions_[tp] = followed_partition{leader_epoch, true, {}};
  // A long poll in flight that does not ask for this partition at this epoch would hold it
  // back for up to replica.fetch.wait.max.ms (a new topic's first acks=all writes wait that
  // long): drop the connection and fetch again at once, with it.
  if (long_poll_in_flight_ && !interrupted_) {
    auto it = long_poll_in_flight_->find(tp);
    if (it == long_poll_in_flight_->end() || it->second != leader_epoch) {
      interrupted_ = true;
      leader_->close();
    }
  }
  changed_.notify_all();
}

void replica_fetcher::remove_partition(const topic_partition& tp) { partitions_.erase(tp); }

log::partition_log* replica_fetcher::still_following(const topic_partition& tp, int32_t epoch) {
  auto it = partitions_.find(tp);
  if (it == partitions_.end() || it->second.leader_epoch != epoch) return nullptr;
  log::partition_log* log = follower_.follower_log(tp, epoch);
  if (!log) partitions_.erase(it);
  return log;
}

void replica_fetcher::delay(const topic_partition& tp, int32_t epoch, std::optional<error_code> error) {
  auto it = partitions_.find(tp);
  if (it == partitions_.end() || it->second.leader_epoch != epoch) return;
  followed_partition& f = it->second;
  // Leadership in flux: usually the leader has not yet applied the state we follow (a new
  // topic's partitions appear on each broker in turn; an epoch is read from the same znode
  // within milliseconds), so ask again soon, then less often (20, 40, 80 ms ... up to the
  // backoff), instead of stalling acks=all writes for a whole backoff. If we are the ones
  // behind, the re-add at the new epoch ends the wait.
  std::chrono::milliseconds wait = settings_.backoff;
  if (error && leadership_in_flux(*error)) {
    wait = std::min(wait, leader_catch_up_retry * (1 << std::min(f.in_flux_retries, 10)));
    ++f.in_flux_retries;
  }
  f.retry_at = clock::now() + wait;
}

void replica_fetcher::start() {
  if (running_) return;
  running_ = true;
  asio::co_spawn(ex_, run(++generation_), [](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      LOG(ERROR) << "Replica fetcher stopped: " << ex.what();
    }
  });
}

void replica_fetcher::stop() {
  running_ = false;
  ++generation_;
  long_poll_in_flight_ = nullptr;
  interrupted_ = false;
  leader_->close();
  changed_.notify_all();
}

awaitable<void> replica_fetcher::run(uint64_t generation) {
  while (generation == generation_) {
    if (partitions_.empty()) {
      co_await changed_.wait();
      continue;
    }
    const clock::time_point now = clock::now();
    clock::time_point next_ready = clock::time_point::max();
    for (const auto& [tp, f] : partitions_) next_ready = std::min(next_ready, f.retry_at);
    if (next_ready > now) {  // every partition is backing off; a re-added one ends the wait
      co_await changed_.wait_until(next_ready);
      continue;
    }
    bool failed = false;
    try {
      co_await fetch_once(generation);
      if (generation != generation_) break;
      ++rounds_;
    } catch (const std::exception& e) {
      if (generation != generation_) break;
      // Interrupted for a new partition: fetch again at once, without a backoff.
      if (!std::exchange(interrupted_, false)) {
        LOG(WARNING) << "Fetch from leader failed: " << e.what() << "; retrying in " << settings_.backoff.count()
                     << " ms";
        failed = true;
      }
    }
    if (failed) {  // co_await is not allowed inside a catch block
      co_await changed_.wait_until(clock::now() + settings_.backoff);
    }
  }
}

namespace {

// The bytes of the whole batches at the front of `bytes` (a fetch may end in a partial one).
size_t whole_batches_size(std::span<const std::byte> bytes) {
  size_t whole = 0;
  while (bytes.size() - whole >= log::log_overhead) {
    auto prefix = log::parse_batch_prefix(bytes.subspan(whole));
    if (prefix.batch_length < 0) break;
    size_t total = static_cast<size_t>(prefix.batch_length) + log::log_overhead;
    if (total > bytes.size() - whole) break;
    whole += total;
  }
  return whole;
}

// Bounds the OffsetForLeaderEpoch rounds of one truncation pass; each incomplete round
// lowers the epoch asked about, so a real log needs as many rounds as it has stale epochs.
constexpr int max_truncation_rounds = 16;

}  // namespace

awaitable<void> replica_fetcher::fetch_once(uint64_t generation) {
  const clock::time_point now = clock::now();
  bool needs_truncation = false;
  for (const auto& [tp, f] : partitions_) needs_truncation |= f.truncating && ready(f, now);
  if (needs_truncation) {
    co_await truncate_diverged_logs(generation);
    if (generation != generation_) co_return;
  }

  protocol::fetch_request req;
  req.replica_id = settings_.local_broker_id;
  // A long poll must not outlast a held-back partition's wait, or that partition waits for
  // the others' data (up to replica.fetch.wait.max.ms) on top of its own backoff.
  req.max_wait_ms = settings_.max_wait_ms;
  // Nor may it keep a partition added during the truncation round trips above (still to be
  // truncated, so not in this fetch) waiting: then the fetch does not wait at all.
  for (const auto& [tp, f] : partitions_) {
    if (ready(f, now)) {
      if (f.truncating) req.max_wait_ms = 0;
      continue;
    }
    auto until = std::chrono::ceil<std::chrono::milliseconds>(f.retry_at - now).count();
    req.max_wait_ms = static_cast<int32_t>(std::min<int64_t>(req.max_wait_ms, until));
  }
  req.min_bytes = settings_.min_bytes;
  req.max_bytes = settings_.response_max_bytes;
  std::map<topic_partition, int32_t> sent_epochs;
  for (auto it = partitions_.begin(); it != partitions_.end();) {
    const topic_partition tp = it->first;
    const followed_partition f = it->second;
    ++it;
    if (f.truncating || !ready(f, now)) continue;
    log::partition_log* log = still_following(tp, f.leader_epoch);
    if (!log) continue;
    protocol::fetch_request_topic* topic =
        !req.topics.empty() && req.topics.back().topic == tp.topic ? &req.topics.back() : nullptr;
    if (!topic) {
      req.topics.emplace_back();
      topic = &req.topics.back();
      topic->topic = tp.topic;
    }
    protocol::fetch_request_partition p;
    p.partition = tp.partition;
    p.current_leader_epoch = f.leader_epoch;
    p.fetch_offset = log->log_end_offset();
    p.log_start_offset = log->log_start_offset();
    p.partition_max_bytes = settings_.partition_max_bytes;
    topic->partitions.push_back(p);
    sent_epochs[tp] = f.leader_epoch;
  }
  if (req.topics.empty()) co_return;

  if (req.max_wait_ms > 0) long_poll_in_flight_ = &sent_epochs;
  protocol::fetch_response resp;
  try {
    resp = co_await leader_->fetch(std::move(req));
  } catch (...) {
    if (long_poll_in_flight_ == &sent_epochs) long_poll_in_flight_ = nullptr;
    throw;  // an interruption is told apart by interrupted_, in run()
  }
  if (generation != generation_) co_return;
  long_poll_in_flight_ = nullptr;
  interrupted_ = false;  // the answer came before any interruption took effect
  int64_t now_ms = wall_clock_ms();
  std::map<topic_partition, int32_t> unanswered = sent_epochs;
  for (auto& topic : resp.responses) {
    for (auto& part : topic.partitions) {
      topic_partition tp{topic.topic, part.partition_index};
      auto sent = sent_epochs.find(tp);
      if (sent == sent_epochs.end()) continue;
      unanswered.erase(tp);
      // Followed again at another epoch while the fetch was in flight: its data may be
      // the old leader's view, and the partition must truncate first.
      auto followed = partitions_.find(tp);
      if (followed == partitions_.end() || followed->second.truncating) continue;
      log::partition_log* log = still_following(tp, sent->second);
      if (!log) continue;
      if (part.error_code == error_code::offset_out_of_range) {
        co_await realign(tp, sent->second, generation);
        if (generation != generation_) co_return;
        continue;
      }
      if (part.error_code != error_code::none) {
        if (!leadership_in_flux(part.error_code)) {
          LOG(WARNING) << tp << ": fetch error " << protocol::name(part.error_code);
        }
        delay(tp, sent->second, part.error_code);
        continue;
      }
      followed->second.in_flux_retries = 0;
      if (auto* bytes = std::get_if<std::vector<std::byte>>(&part.records); bytes && !bytes->empty()) {
        size_t whole = whole_batches_size(*bytes);
        if (whole > 0) {
          auto appended = log->append_as_follower(std::span(bytes->data(), whole), now_ms);
          if (!appended) {
            LOG(ERROR) << tp << ": follower append failed: " << appended.error().message();
            delay(tp, sent->second);
            continue;
          }
        }
      }
      follower_.on_fetched(tp, part.high_watermark);
    }
  }
  for (const auto& [tp, epoch] : unanswered) delay(tp, epoch);
}

awaitable<void> replica_fetcher::truncate_diverged_logs(uint64_t generation) {
  for (int round = 0; round < max_truncation_rounds; ++round) {
    const clock::time_point now = clock::now();
    protocol::offset_for_leader_epoch_request req;
    req.replica_id = settings_.local_broker_id;
    std::map<topic_partition, int32_t> asked;  // partition -> leader epoch followed
    for (auto it = partitions_.begin(); it != partitions_.end();) {
      const topic_partition tp = it->first;
      followed_partition& f = it->second;
      ++it;
      if (!f.truncating || !ready(f, now)) continue;
      log::partition_log* log = still_following(tp, f.leader_epoch);
      if (!log) continue;
      if (log->log_end_offset() == log->log_start_offset()) {
        // No data that could diverge; an epoch this replica led without writing is dropped.
        follower_.truncate(tp, log->log_end_offset());
        f.truncating = false;
        continue;
      }
      int32_t latest = log->epochs().latest_epoch();
      if (latest == log::undefined_epoch) {
        // Data without epochs (written before leader epochs existed): only what the high
        // watermark covers is known to be committed.
        follower_.truncate(tp, follower_.high_watermark(tp));
        f.truncating = false;
        continue;
      }
      if (req.topics.empty() || req.topics.back().topic != tp.topic) {
        req.topics.emplace_back();
        req.topics.back().topic = tp.topic;
      }
      protocol::offset_for_leader_partition p;
      p.partition = tp.partition;
      p.current_leader_epoch = f.leader_epoch;
      p.leader_epoch = latest;
      req.topics.back().partitions.push_back(p);
      asked[tp] = f.leader_epoch;
    }
    if (asked.empty()) co_return;

    protocol::offset_for_leader_epoch_response resp = co_await leader_->offset_for_leader_epoch(std::move(req));
    if (generation != generation_) co_return;
    bool another_round = false;
    std::map<topic_partition, int32_t> unanswered = asked;
    for (const auto& topic : resp.topics) {
      for (const auto& part : topic.partitions) {
        topic_partition tp{topic.topic, part.partition};
        auto epoch = asked.find(tp);
        if (epoch == asked.end()) continue;
        unanswered.erase(tp);
        log::partition_log* log = still_following(tp, epoch->second);
        if (!log) continue;
        if (part.error_code != error_code::none) {
          if (!leadership_in_flux(part.error_code)) {
            LOG(WARNING) << tp << ": OffsetForLeaderEpoch error " << protocol::name(part.error_code);
          }
          delay(tp, epoch->second, part.error_code);
          continue;
        }
        log::epoch_end_offset leader_answer{part.leader_epoch, part.end_offset};
        follower_log_position position;
        position.log_end_offset = log->log_end_offset();
        position.high_watermark = follower_.high_watermark(tp);
        position.own_end_for_leader_epoch = log->end_offset_for_epoch(kb::leader_epoch{part.leader_epoch});
        truncation_step step = decide_truncation(leader_answer, position);
        if (step.truncate_to < position.log_end_offset) {
          LOG(INFO) << tp << ": truncating diverged log from " << position.log_end_offset << " to "
                    << step.truncate_to << " (leader's epoch " << part.leader_epoch << " ends at "
                    << part.end_offset << ")";
        }
        // Even at the log end: it drops epochs this replica started there but never wrote
        // (a leader that lost its leadership before any append), or the next round would
        // ask about the same epoch again.
        follower_.truncate(tp, step.truncate_to);
        partitions_[tp].in_flux_retries = 0;
        if (step.complete) {
          partitions_[tp].truncating = false;
        } else {
          another_round = true;
        }
      }
    }
    for (const auto& [tp, epoch] : unanswered) delay(tp, epoch);
    if (!another_round) co_return;
  }
  LOG(WARNING) << "Log truncation did not converge in " << max_truncation_rounds << " rounds; retrying";
  for (auto& [tp, f] : partitions_) {
    if (f.truncating) f.retry_at = clock::now() + settings_.backoff;
  }
}

// The leader has no data at our fetch offset: either it deleted old data (our log end is
// below its log start) or we hold more than it (a divergent tail after an unclean election
// or before epoch-based truncation). Start over at its log start, or cut back to its end.
awaitable<void> replica_fetcher::realign(const topic_partition& tp, int32_t epoch, uint64_t generation) {
  protocol::list_offsets_request req;
  req.replica_id = settings_.local_broker_id;
  for (int64_t ts : {protocol::list_offsets_earliest_timestamp, protocol::list_offsets_latest_timestamp}) {
    protocol::list_offsets_topic t;
    t.name = tp.topic;
    protocol::list_offsets_partition p;
    p.partition_index = tp.partition;
    p.current_leader_epoch = epoch;
    p.timestamp = ts;
    t.partitions.push_back(p);
    req.topics.push_back(t);
  }
  auto resp = co_await leader_->list_offsets(std::move(req));
  if (generation != generation_) co_return;
  if (resp.topics.size() != 2 || resp.topics[0].partitions.empty() || resp.topics[1].partitions.empty()) {
    delay(tp, epoch);
    co_return;
  }
  const auto& earliest = resp.topics[0].partitions[0];
  const auto& latest = resp.topics[1].partitions[0];
  if (earliest.error_code != error_code::none || latest.error_code != error_code::none) {
    delay(tp, epoch);
    co_return;
  }
  log::partition_log* log = still_following(tp, epoch);
  if (!log) co_return;
  if (log->log_end_offset() > latest.offset) {
    LOG(WARNING) << tp << ": local log end " << log->log_end_offset() << " is past the leader's " << latest.offset
                 << "; truncating";
    follower_.truncate(tp, latest.offset);
  } else if (log->log_end_offset() < earliest.offset) {
    LOG(INFO) << tp << ": leader's log starts at " << earliest.offset << ", after our end " << log->log_end_offset()
              << "; restarting the local log there";
    follower_.restart_at(tp, earliest.offset);
  }
}

}  // namespace kb::replication
