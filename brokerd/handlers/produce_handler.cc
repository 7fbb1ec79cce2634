#include "brokerd/handlers/produce_handler.h"

#include <chrono>

#include <glog/logging.h>

#include "brokerd/cluster/internal_topics.h"
#include "brokerd/cluster/replicated_write.h"
#include "brokerd/handlers/error_mapping.h"
#include "brokerd/protocol/messages/decode_body.h"
#include "brokerd/protocol/messages/produce.h"
#include "log/batch_header.h"
#include "log/client_batch_checks.h"
#include "log/legacy_records.h"
#include "log/up_conversion.h"

namespace kb::handlers {
namespace asio = boost::asio;
using protocol::error_code;

namespace {

// Exactly one RecordBatch v2: what Produce v3+ must carry (ProduceRequest.validateRecords), and
// v0-2 too when they carry magic 2 (LogValidator accepts a single v2 batch). Any other magic
// is INVALID_RECORD whatever its size, as in Kafka.
error_code check_single_v2_batch(std::span<const std::byte> records) {
  if (records.size() > log::magic_offset && static_cast<int8_t>(records[log::magic_offset]) != log::current_magic) {
    return error_code::invalid_record;
  }
  if (records.size() < log::batch_header_size) return error_code::corrupt_message;
  log::batch_prefix prefix = log::parse_batch_prefix(records);
  if (prefix.batch_length < 0 || static_cast<size_t>(prefix.batch_length) + log::log_overhead > records.size()) {
    return error_code::corrupt_message;
  }
  if (static_cast<size_t>(prefix.batch_length) + log::log_overhead != records.size()) return error_code::invalid_record;
  return error_code::none;
}

// What KafkaApis refuses before the log sees the batch: transactional records without a
// transactional id (this broker has no transaction coordinator, so every such batch), and
// zstd below Produce v7 (ProduceRequest.validateRecords).
error_code check_batch_kind(const log::batch_header& h, int16_t version) {
  if (h.is_transactional()) return error_code::transactional_id_authorization_failed;
  if (h.compression() == log::compression_type::zstd && version < 7) return error_code::unsupported_compression_type;
  return error_code::none;
}

log::client_batch_rules client_rules(const cluster::topic_settings& settings) {
  // cleanup.policy is "delete", "compact" or both, comma-separated.
  return {.keys_required = settings.cleanup_policy.find("compact") != std::string::npos};
}

struct pending_partition {
  protocol::produce_partition_response* response;
  cluster::replicated_write write;
};

// Answers and drops each partition whose outcome is known (cluster::check); returns true once
// none is left.
bool all_settled(broker_services& s, std::vector<pending_partition>& waiting) {
  std::erase_if(waiting, [&](const pending_partition& w) {
    switch (cluster::check(s.replicas, w.write)) {
      case cluster::write_status::waiting:
        return false;
      case cluster::write_status::committed:
        return true;
      case cluster::write_status::committed_below_min_isr:
        w.response->error_code = error_code::not_enough_replicas_after_append;
        return true;
      case cluster::write_status::leadership_lost:
        w.response->error_code = error_code::not_leader_or_follower;
        return true;
    }
    return true;
  });
  return waiting.empty();
}

}  // namespace

asio::awaitable<std::optional<protocol::produce_response>> handle_produce(broker_services& s,
                                                                          const server::request_context& ctx,
                                                                          protocol::produce_request req) {
  protocol::produce_response resp;
  std::vector<pending_partition> waiting;
  bool acks_valid = req.acks == 0 || req.acks == 1 || req.acks == -1;
  bool any_error = false;
  int64_t now = s.clock.wall_ms();

  // Waiting partitions point into the response: its vectors must never reallocate.
  resp.responses.reserve(req.topic_data.size());
  for (auto& topic : req.topic_data) {
    auto& topic_resp = resp.responses.emplace_back();
    topic_resp.partition_responses.reserve(topic.partition_data.size());
    topic_resp.name = topic.name;
    cluster::topic_settings settings = s.topic_settings(topic.name);
    for (auto& part : topic.partition_data) {
      auto& pr = topic_resp.partition_responses.emplace_back();
      pr.index = part.index;
      pr.base_offset = -1;
      auto fail = [&](error_code e) {
        pr.error_code = e;
        any_error = true;
      };
      topic_partition tp{topic.name, part.index};
      cluster::partition* p = s.replicas.get(tp);
      if (!acks_valid) { fail(error_code::invalid_required_acks); continue; }
      if (req.transactional_id) { fail(error_code::transactional_id_authorization_failed); continue; }
      // Kafka: "Cannot append to internal topic"; only its admin client may.
      if (cluster::is_internal_topic(topic.name) && ctx.header.client_id != cluster::admin_client_id) {
        fail(error_code::invalid_topic_exception);
        continue;
      }
      if (!p) {
        fail(s.metadata.partition(tp) ? error_code::not_leader_or_follower : error_code::unknown_topic_or_partition);
        continue;
      }
      if (!p->is_leader()) { fail(error_code::not_leader_or_follower); continue; }
      if (!part.records) { fail(error_code::corrupt_message); continue; }
      // v0-2 may carry a legacy message set (magic 0/1): stored as one v2 batch.
      std::span<std::byte> batch = *part.records;
      std::vector<std::byte> up_converted;
      if (ctx.version() < 3 && log::is_legacy_message_set(batch)) {
        auto converted = log::up_convert(batch);
        if (!converted) { fail(to_kafka_error(converted.error())); continue; }
        up_converted = std::move(converted).value();
        batch = up_converted;
      }
      if (auto e = check_single_v2_batch(batch); e != error_code::none) { fail(e); continue; }
      if (auto e = check_batch_kind(log::parse_batch_header(batch), ctx.version()); e != error_code::none) {
        fail(e);
        continue;
      }
      if (auto checked = log::check_client_batch(batch, client_rules(settings)); !checked) {
        fail(to_kafka_error(checked.error()));
        continue;
      }
      if (req.acks == -1 && static_cast<int32_t>(p->state().isr.size()) < settings.min_insync_replicas) {
        fail(error_code::not_enough_replicas);
        continue;
      }
      // Just before the append, not before the checks: checking a large compressed batch
      // takes time, during which the ZooKeeper session lease may lapse.
      if (!s.lease.held()) { fail(error_code::not_leader_or_follower); continue; }
      auto appended = p->append_as_leader(batch, now);
      if (!appended) {
        fail(to_kafka_error(appended.error()));
        continue;
      }
      pr.base_offset = appended.value().first_offset;
      s.metrics.on_produced(tp.topic, static_cast<uint64_t>(appended.value().last_offset - appended.value().first_offset + 1),
                            part.records->size());
      pr.log_start_offset = p->log().log_start_offset();
      if (req.acks == -1) {
        waiting.push_back({&pr, {tp, appended.value().last_offset, p->leadership_term(), settings.min_insync_replicas}});
      }
    }
  }

  if (req.acks == 0) {
    // Kafka closes an acks=0 producer's connection on error: it cannot be told otherwise.
    if (any_error) throw std::runtime_error("produce with acks=0 failed; closing the connection");
    co_return std::nullopt;
  }
  if (!waiting.empty()) {
    // Kafka's DelayedProduce: parked on its partitions until each is settled.
    std::vector<topic_partition> keys;
    for (const auto& w : waiting) keys.push_back(w.write.tp);
    std::function<bool()> settled = [&] { return all_settled(s, waiting); };
    auto deadline = s.clock.now() + std::chrono::milliseconds(std::max(req.timeout_ms, 0));
    const auto parked = s.metrics.park_produce();
    if (!co_await s.replicas.waiting().wait(keys, deadline, settled)) {
      for (auto& w : waiting) w.response->error_code = error_code::request_timed_out;
    }
  }

  co_return resp;
}

}  // namespace kb::handlers
