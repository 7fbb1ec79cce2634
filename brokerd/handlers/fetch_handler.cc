#include "brokerd/handlers/fetch_handler.h"

#include <algorithm>
#include <chrono>

#include "brokerd/handlers/error_mapping.h"
#include "brokerd/protocol/messages/fetch.h"
#include "log/down_conversion.h"

namespace kb::handlers {
namespace asio = boost::asio;
using protocol::error_code;

namespace {

// Leader-epoch fencing (KIP-320): a client with an older epoch has stale metadata; one with
// a newer epoch is ahead of this broker.
error_code check_leader_epoch(const cluster::partition& p, int32_t requested) {
  if (requested < 0 || requested == p.leader_epoch()) return error_code::none;
  return requested < p.leader_epoch() ? error_code::fenced_leader_epoch : error_code::unknown_leader_epoch;
}

// Fetch v0-1 reads magic 0 messages, v2-3 magic 1; v4+ the stored batches.
constexpr int16_t first_v2_fetch_version = 4;
int8_t legacy_magic_for(int16_t version) { return version <= 1 ? 0 : 1; }

// Fetch v0-3: the log data down-converted in memory (no sendfile for these versions, as in
// Kafka). The log is read with its first batch whole, so that it can be converted even when
// larger than `limit`; the conversion then keeps whole messages within `limit`. When even
// the first message does not fit:
//  * with KIP-74 (`min_one`: v3, first partition with data) it is returned whole;
//  * otherwise (v0-2 always: partition_max_bytes is a hard cap) its first `limit` bytes are
//    returned, a partial message, which is what Kafka sends (the raw log bytes cut at the
//    cap, or its "overflow" message) and what legacy clients read as "message too large":
//    Sarama doubles its fetch size, kafka-python raises RecordTooLargeError. An empty set
//    would instead leave them polling the same offset silently.
log::result<std::vector<std::byte>> read_legacy(cluster::partition& p, const protocol::fetch_request_partition& part,
                                                int64_t limit, int64_t max_offset, bool min_one, int16_t version) {
  auto read = p.log().read(part.fetch_offset, static_cast<uint32_t>(std::max<int64_t>(limit, 0)), max_offset, true);
  if (!read) return read.error();
  if (!read.value().data) return std::vector<std::byte>{};
  auto copied = p.log().copy(*read.value().data);
  if (!copied) return copied.error();
  const std::vector<std::byte>& raw = copied.value();
  const auto cap = static_cast<size_t>(std::max<int64_t>(limit, 0));
  auto converted = log::down_convert(raw, legacy_magic_for(version), part.fetch_offset, cap);
  if (!converted) return converted.error();
  std::vector<std::byte> out = std::move(converted).value();
  if (out.size() > cap && !min_one) out.resize(cap);
  return out;
}

// One pass over the requested partitions. Returns the bytes gathered and whether any
// partition has an error (which ends a long-poll at once, as in Kafka).
struct fetch_pass {
  protocol::fetch_response response;
  int64_t bytes = 0;
  bool has_error = false;
};

// `record_follower` is true only on a request's first pass: the follower's position is what
// it sent, and a long poll woken later must not count again as a fresh catch-up (a broker
// removed from the ISR while its last fetch waited would be re-added).
fetch_pass read_once(broker_services& s, const protocol::fetch_request& req, int16_t version, bool from_follower,
                     bool record_follower) {
  fetch_pass pass;
  int64_t budget = version >= 3 ? std::max(req.max_bytes, 0) : INT64_MAX;
  int64_t now = s.clock.wall_ms();
  for (const auto& topic : req.topics) {
    if (topic.partitions.empty()) continue;  // Kafka's response lists partitions, grouped by topic
    auto& tr = pass.response.responses.emplace_back();
    tr.topic = topic.topic;
    for (const auto& part : topic.partitions) {
      auto& pr = tr.partitions.emplace_back();
      pr.partition_index = part.partition;
      pr.high_watermark = -1;
      pr.log_start_offset = -1;
      pr.last_stable_offset = -1;
      // Kafka sends null to read_uncommitted fetches and the (empty: no transactions) list
      // to read_committed ones.
      if (req.isolation_level == 0) pr.aborted_transactions = std::nullopt;
      topic_partition tp{topic.topic, part.partition};
      cluster::partition* p = s.replicas.get(tp);
      auto fail = [&](error_code e) {
        pr.error_code = e;
        pass.has_error = true;
      };
      if (!p) {
        fail(s.metadata.partition(tp) ? error_code::not_leader_or_follower : error_code::unknown_topic_or_partition);
        continue;
      }
      // Its log dir failed (Kafka: HostedPartition.Offline); its offsets may be a placeholder's.
      if (p->log().offline()) { fail(error_code::kafka_storage_error); continue; }
      if (!p->is_leader()) { fail(error_code::not_leader_or_follower); continue; }
      if (auto e = check_leader_epoch(*p, part.current_leader_epoch); e != error_code::none) { fail(e); continue; }
      // A fetch offset outside the log is no position: a follower past the log end holds a
      // diverged tail it is about to truncate, and counting it would move the high watermark
      // over records it lacks and bring it back into the ISR (Kafka updates a follower's
      // state only after a successful read).
      if (part.fetch_offset < p->log().log_start_offset() || part.fetch_offset > p->log().log_end_offset()) {
        fail(error_code::offset_out_of_range);
        continue;
      }
      if (from_follower && record_follower) p->record_follower_fetch(req.replica_id, part.fetch_offset, now);
      pr.high_watermark = p->high_watermark();
      pr.last_stable_offset = p->high_watermark();  // no transactions: LSO = HW
      pr.log_start_offset = p->log().log_start_offset();
      int64_t max_offset = from_follower ? p->log().log_end_offset() : p->high_watermark();
      // KIP-74: from v3 the first partition with data may exceed the limits by one batch.
      bool min_one = version >= 3 && pass.bytes == 0;
      int64_t limit = std::min<int64_t>(std::max(part.partition_max_bytes, 0), budget - pass.bytes);
      if (limit <= 0 && !min_one) continue;
      if (version < first_v2_fetch_version) {
        auto legacy = read_legacy(*p, part, limit, max_offset, min_one, version);
        if (!legacy) { fail(to_kafka_error(legacy.error())); continue; }
        pass.bytes += static_cast<int64_t>(legacy.value().size());
        if (!legacy.value().empty()) pr.records = std::move(legacy).value();
        continue;
      }
      auto read = p->log().read(part.fetch_offset, static_cast<uint32_t>(std::max<int64_t>(limit, 0)), max_offset, min_one);
      if (!read) { fail(to_kafka_error(read.error())); continue; }
      if (read.value().data) {
        pass.bytes += read.value().data->size;
        pr.records = *read.value().data;
      }
    }
  }
  return pass;
}

// Whether a read now could answer differently from the last one: some partition has data
// past its fetch offset, or would answer with an error (gone, moved, fenced, out of range).
// Cheap: offsets only, no log read, so a parked Fetch costs little to re-check per append.
bool anything_new(broker_services& s, const protocol::fetch_request& req, bool from_follower) {
  for (const auto& topic : req.topics) {
    for (const auto& part : topic.partitions) {
      cluster::partition* p = s.replicas.get({topic.topic, part.partition});
      if (!p || !p->is_leader() || check_leader_epoch(*p, part.current_leader_epoch) != error_code::none) return true;
      if (part.fetch_offset < p->log().log_start_offset() || part.fetch_offset > p->log().log_end_offset()) return true;
      const int64_t readable_end = from_follower ? p->log().log_end_offset() : p->high_watermark();
      if (readable_end > part.fetch_offset) return true;
    }
  }
  return false;
}

}  // namespace

asio::awaitable<protocol::fetch_response> handle_fetch(broker_services& s, const server::request_context& ctx,
                                                       protocol::fetch_request req) {
  bool from_follower = req.replica_id >= 0;
  fetch_pass pass = read_once(s, req, ctx.version(), from_follower, true);
  // Nothing to wait on without a partition (Kafka's ReplicaManager.fetchMessages answers at once).
  const bool names_a_partition =
      std::any_of(req.topics.begin(), req.topics.end(), [](const auto& t) { return !t.partitions.empty(); });
  const bool waits = !pass.has_error && pass.bytes < req.min_bytes && req.max_wait_ms > 0 && names_a_partition;
  if (waits && !ctx.followed->followed) {
    // Kafka's DelayedFetch: parked on the requested partitions until enough data (or an
    // error) is there to answer, or max_wait_ms passes, or another request arrives behind
    // this one on the connection (it could not be answered before this one).
    std::vector<topic_partition> keys;
    for (const auto& t : req.topics) {
      for (const auto& part : t.partitions) keys.push_back({t.topic, part.partition});
    }
    std::function<bool()> enough = [&] {
      if (ctx.followed->followed) return true;
      if (!anything_new(s, req, from_follower)) return false;
      pass = read_once(s, req, ctx.version(), from_follower, false);
      return pass.has_error || pass.bytes >= req.min_bytes;
    };
    ctx.followed->on_followed = [&s, key = keys.front()] { s.replicas.waiting().notify(key); };
    struct stop_listening {  // the callback refers to this frame: gone with it
      std::shared_ptr<server::request_context::follow_signal> signal;
      ~stop_listening() { signal->on_followed = nullptr; }
    } guard{ctx.followed};
    auto deadline = s.clock.now() + std::chrono::milliseconds(req.max_wait_ms);
    const auto parked = s.metrics.park_fetch();
    if (!co_await s.replicas.waiting().wait(keys, deadline, enough)) {
      pass = read_once(s, req, ctx.version(), from_follower, false);
    }
  }
  for (const auto& t : pass.response.responses) {
    uint64_t bytes = 0;
    for (const auto& part : t.partitions) bytes += protocol::fetch_records_size(part.records);
    if (bytes > 0) s.metrics.on_fetched(t.topic, bytes, from_follower);
  }
  co_return std::move(pass.response);
}

}  // namespace kb::handlers
