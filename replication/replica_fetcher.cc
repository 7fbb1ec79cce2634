#include "replication/replica_fetcher.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <glog/logging.h>

#include "brokerd/protocol/messages/list_offsets.h"

namespace kb::replication {
namespace asio = boost::asio;
using asio::awaitable;
using protocol::error_code;

replica_fetcher::replica_fetcher(asio::any_io_executor ex, std::unique_ptr<leader_endpoint> leader,
                                 follower_partitions& partitions, fetcher_settings settings)
    : ex_(ex), leader_(std::move(leader)), follower_(partitions), settings_(settings), changed_(ex) {}

// Invariant: destroyed only after stop() and once the io_context no longer runs its coroutine.
replica_fetcher::~replica_fetcher() = default;

void replica_fetcher::add_partition(const topic_partition& tp, int32_t leader_epoch) {
  partitions_[tp] = leader_epoch;
  changed_.notify_all();
}

void replica_fetcher::remove_partition(const topic_partition& tp) { partitions_.erase(tp); }

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
  leader_->close();
  changed_.notify_all();
}

awaitable<void> replica_fetcher::run(uint64_t generation) {
  while (generation == generation_) {
    if (partitions_.empty()) {
      co_await changed_.wait();
      continue;
    }
    bool failed = false;
    try {
      co_await fetch_once();
      ++rounds_;
    } catch (const std::exception& e) {
      if (generation != generation_) break;
      LOG(WARNING) << "Fetch from leader failed: " << e.what() << "; retrying in " << settings_.backoff.count() << " ms";
      failed = true;
    }
    if (failed) {  // co_await is not allowed inside a catch block
      asio::steady_timer backoff(ex_, settings_.backoff);
      co_await backoff.async_wait(asio::use_awaitable);
    }
  }
}

awaitable<void> replica_fetcher::fetch_once() {
  protocol::fetch_request req;
  req.replica_id = settings_.local_broker_id;
  req.max_wait_ms = settings_.max_wait_ms;
  req.min_bytes = settings_.min_bytes;
  req.max_bytes = settings_.response_max_bytes;
  for (auto it = partitions_.begin(); it != partitions_.end();) {
    log::partition_log* log = follower_.follower_log(it->first, it->second);
    if (!log) {
      it = partitions_.erase(it);
      continue;
    }
    protocol::fetch_request_topic* topic =
        !req.topics.empty() && req.topics.back().topic == it->first.topic ? &req.topics.back() : nullptr;
    if (!topic) {
      req.topics.emplace_back();
      topic = &req.topics.back();
      topic->topic = it->first.topic;
    }
    protocol::fetch_request_partition p;
    p.partition = it->first.partition;
    p.current_leader_epoch = it->second;
    p.fetch_offset = log->log_end_offset();
    p.log_start_offset = log->log_start_offset();
    p.partition_max_bytes = settings_.partition_max_bytes;
    topic->partitions.push_back(p);
    ++it;
  }
  if (req.topics.empty()) co_return;

  protocol::fetch_response resp = co_await leader_->fetch(std::move(req));
  int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch()).count();
  bool any_error = false;
  for (auto& topic : resp.responses) {
    for (auto& part : topic.partitions) {
      topic_partition tp{topic.topic, part.partition_index};
      auto followed = partitions_.find(tp);
      if (followed == partitions_.end()) continue;  // removed while the fetch was in flight
      log::partition_log* log = follower_.follower_log(tp, followed->second);
      if (!log) {
        partitions_.erase(followed);
        continue;
      }
      switch (part.error_code) {
        case error_code::none: break;
        case error_code::offset_out_of_range:
          co_await realign(tp, followed->second);
          continue;
        case error_code::not_leader_or_follower:
        case error_code::fenced_leader_epoch:
        case error_code::unknown_leader_epoch:
        case error_code::unknown_topic_or_partition:
          // Stale on one side or the other: wait for ZooKeeper to say who leads now.
          any_error = true;
          continue;
        default:
          LOG(WARNING) << tp << ": fetch error " << protocol::name(part.error_code);
          any_error = true;
          continue;
      }
      if (auto* bytes = std::get_if<std::vector<std::byte>>(&part.records); bytes && !bytes->empty()) {
        // A fetch may end in a partial batch: append only the whole ones.
        size_t whole = 0;
        while (bytes->size() - whole >= log::log_overhead) {
          auto prefix = log::parse_batch_prefix(std::span(*bytes).subspan(whole));
          size_t total = static_cast<size_t>(prefix.batch_length) + log::log_overhead;
          if (prefix.batch_length < 0 || total > bytes->size() - whole) break;
          whole += total;
        }
        if (whole > 0) {
          auto appended = log->append_as_follower(std::span(bytes->data(), whole), now);
          if (!appended) {
            LOG(ERROR) << tp << ": follower append failed: " << appended.error().message();
            any_error = true;
            continue;
          }
        }
      }
      follower_.on_fetched(tp, part.high_watermark);
    }
  }
  if (any_error) {
    asio::steady_timer backoff(ex_, settings_.backoff);
    co_await backoff.async_wait(asio::use_awaitable);
  }
}

// The leader has no data at our fetch offset: either it deleted old data (our log end is
// below its log start) or we hold more than it (a divergent tail after an unclean election
// or before epoch-based truncation). Start over at its log start, or cut back to its end.
awaitable<void> replica_fetcher::realign(const topic_partition& tp, int32_t epoch) {
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
  if (resp.topics.size() != 2 || resp.topics[0].partitions.empty() || resp.topics[1].partitions.empty()) co_return;
  const auto& earliest = resp.topics[0].partitions[0];
  const auto& latest = resp.topics[1].partitions[0];
  if (earliest.error_code != error_code::none || latest.error_code != error_code::none) co_return;
  log::partition_log* found = follower_.follower_log(tp, epoch);
  if (!found) co_return;
  log::partition_log& log = *found;
  int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch()).count();
  if (log.log_end_offset() > latest.offset) {
    LOG(WARNING) << tp << ": local log end " << log.log_end_offset() << " is past the leader's " << latest.offset
                 << "; truncating";
    log.truncate_to(latest.offset, now);
  } else if (log.log_end_offset() < earliest.offset) {
    LOG(INFO) << tp << ": leader's log starts at " << earliest.offset << ", after our end " << log.log_end_offset()
              << "; restarting the local log there";
    log.truncate_fully_and_start_at(earliest.offset, now);
  }
}

}  // namespace kb::replication
