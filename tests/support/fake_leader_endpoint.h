#pragma once

// A leader for replica fetcher tests: one partition_log answering Fetch, ListOffsets and
// OffsetForLeaderEpoch in memory (for every partition asked about), as the leader's broker would (epoch fencing, out-of-range
// offsets, reads bounded by its log end). Every answer goes through the io_context once, as
// a network round trip would, so a fetcher loop never starves the test's event loop.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <utility>
#include <map>
#include <vector>

#include "log/partition_log.h"
#include "replication/leader_endpoint.h"
#include "tests/support/log_reader.h"

namespace kb::test {

class fake_leader_endpoint final : public replication::leader_endpoint {
 public:
  fake_leader_endpoint(log::partition_log& log, int32_t leader_epoch) : log_(log), epoch_(leader_epoch) {}

  int offset_for_leader_epoch_requests = 0;
  std::vector<int32_t> epochs_asked;  // leader_epoch of each OffsetForLeaderEpoch partition
  // Partition index -> how many more fetches of it to answer UNKNOWN_TOPIC_OR_PARTITION, as
  // a leader that has not yet created the partition of a new topic would.
  std::map<int32_t, int> not_created_for;
  struct fetch_seen {
    int32_t max_wait_ms;
    std::vector<int32_t> partitions;
  };
  std::vector<fetch_seen> fetches;
  // While true, a fetch waits like a long poll that finds no data, until close() ends it
  // with operation_aborted, as dropping a real connection would.
  bool long_poll = false;
  int closes = 0;
  // Run once while the next OffsetForLeaderEpoch round trip is out.
  std::function<void()> during_offset_for_leader_epoch;
  bool polling() const { return poll_timer_ != nullptr; }

  boost::asio::awaitable<protocol::fetch_response> fetch(protocol::fetch_request request) override {
    co_await yield();
    fetches.push_back(fetch_seen{request.max_wait_ms, {}});
    if (long_poll) co_await wait_until_closed();
    protocol::fetch_response resp;
    fetch_seen& seen = fetches.back();
    for (const auto& topic : request.topics) {
      auto& out_topic = resp.responses.emplace_back();
      out_topic.topic = topic.topic;
      for (const auto& p : topic.partitions) {
        seen.partitions.push_back(p.partition);
        auto& out = out_topic.partitions.emplace_back();
        out.partition_index = p.partition;
        if (auto it = not_created_for.find(p.partition); it != not_created_for.end() && it->second > 0) {
          --it->second;
          out.error_code = protocol::error_code::unknown_topic_or_partition;
          continue;
        }
        out.error_code = fence(p.current_leader_epoch);
        if (out.error_code != protocol::error_code::none) continue;
        if (p.fetch_offset < log_.log_start_offset() || p.fetch_offset > log_.log_end_offset()) {
          out.error_code = protocol::error_code::offset_out_of_range;
          continue;
        }
        out.high_watermark = log_.log_end_offset();
        out.log_start_offset = log_.log_start_offset();
        auto read = log_.read(p.fetch_offset, static_cast<uint32_t>(p.partition_max_bytes), log_.log_end_offset(), true);
        if (read && read.value().data) out.records = slice_bytes(*read.value().data);
      }
    }
    co_return resp;
  }

  boost::asio::awaitable<protocol::list_offsets_response> list_offsets(protocol::list_offsets_request request) override {
    co_await yield();
    protocol::list_offsets_response resp;
    for (const auto& topic : request.topics) {
      auto& out_topic = resp.topics.emplace_back();
      out_topic.name = topic.name;
      for (const auto& p : topic.partitions) {
        auto& out = out_topic.partitions.emplace_back();
        out.partition_index = p.partition_index;
        out.error_code = fence(p.current_leader_epoch);
        out.offset = p.timestamp == protocol::list_offsets_earliest_timestamp ? log_.log_start_offset()
                                                                               : log_.log_end_offset();
      }
    }
    co_return resp;
  }

  boost::asio::awaitable<protocol::offset_for_leader_epoch_response> offset_for_leader_epoch(
      protocol::offset_for_leader_epoch_request request) override {
    ++offset_for_leader_epoch_requests;
    co_await yield();
    if (during_offset_for_leader_epoch) std::exchange(during_offset_for_leader_epoch, nullptr)();
    protocol::offset_for_leader_epoch_response resp;
    for (const auto& topic : request.topics) {
      auto& out_topic = resp.topics.emplace_back();
      out_topic.topic = topic.topic;
      for (const auto& p : topic.partitions) {
        epochs_asked.push_back(p.leader_epoch);
        auto& out = out_topic.partitions.emplace_back();
        out.partition = p.partition;
        out.error_code = fence(p.current_leader_epoch);
        if (out.error_code != protocol::error_code::none) continue;
        log::epoch_end_offset end = log_.end_offset_for_epoch(kb::leader_epoch{p.leader_epoch});
        out.leader_epoch = end.epoch;
        out.end_offset = end.end_offset;
      }
    }
    co_return resp;
  }

  void close() override {
    ++closes;
    if (poll_timer_) poll_timer_->cancel();
  }

 private:
  boost::asio::awaitable<void> wait_until_closed() {
    auto ex = co_await boost::asio::this_coro::executor;
    poll_timer_ = std::make_unique<boost::asio::steady_timer>(ex, std::chrono::hours(1));
    boost::system::error_code ec;
    co_await poll_timer_->async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ec));
    poll_timer_.reset();
    throw boost::system::system_error(boost::asio::error::operation_aborted);
  }

  static boost::asio::awaitable<void> yield() {
    auto ex = co_await boost::asio::this_coro::executor;
    co_await boost::asio::post(ex, boost::asio::use_awaitable);
  }

  protocol::error_code fence(int32_t current_leader_epoch) const {
    if (current_leader_epoch < 0 || current_leader_epoch == epoch_) return protocol::error_code::none;
    return current_leader_epoch < epoch_ ? protocol::error_code::fenced_leader_epoch
                                         : protocol::error_code::unknown_leader_epoch;
  }

  log::partition_log& log_;
  int32_t epoch_;
  std::unique_ptr<boost::asio::steady_timer> poll_timer_;
};

}  // namespace kb::test
