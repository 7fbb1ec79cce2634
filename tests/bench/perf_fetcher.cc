#include "tests/bench/perf_fetcher.h"

#include <malloc.h>

#include <chrono>
#include <map>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "brokerd/protocol/messages/fetch.h"
#include "brokerd/protocol/messages/metadata.h"
#include "brokerd/tools/kafka_wire_client.h"
#include "log/batch_header.h"

namespace kb::bench {
namespace {

using clock_type = std::chrono::steady_clock;
using tools::kafka_wire_client;

constexpr int16_t metadata_version = 8;
constexpr int16_t fetch_version = 11;
constexpr int32_t response_max_bytes = 50 * 1024 * 1024;
constexpr int32_t partition_max_bytes = 1024 * 1024;

// The topic's partitions, each checked to be led by the broker we are connected to.
std::vector<int32_t> led_partitions(kafka_wire_client& client, const perf_options& options,
                                    clock_type::time_point deadline) {
  protocol::metadata_request req;
  req.topics = std::vector<protocol::metadata_request_topic>{{options.topic}};
  req.allow_auto_topic_creation = false;
  auto md = client.call<protocol::metadata_response>(protocol::api_key::metadata, metadata_version, false, req,
                                                     deadline);
  if (md.topics.size() != 1 || md.topics[0].error_code != protocol::error_code::none) {
    throw perf_error("no topic " + options.topic + " on " + client.address());
  }
  if (md.brokers.size() != 1) {
    throw perf_error("fetch mode reads from the bootstrap broker only: use a one-broker cluster");
  }
  std::vector<int32_t> partitions;
  for (const auto& p : md.topics[0].partitions) {
    if (p.error_code != protocol::error_code::none || p.leader_id != md.brokers[0].node_id) {
      throw perf_error("partition " + std::to_string(p.partition_index) + " of " + options.topic +
                       " has no leader on " + client.address());
    }
    partitions.push_back(p.partition_index);
  }
  return partitions;
}

struct batches_seen {
  int64_t records = 0;
  int64_t bytes = 0;
  int64_t next_offset = -1;  // -1: no whole batch
};

// Whole batches in `records`; a batch cut off at the end (the partition limit) is not counted.
batches_seen count_batches(std::span<const std::byte> records) {
  batches_seen seen;
  while (records.size() >= log::batch_header_size) {
    log::batch_header h = log::parse_batch_header(records);
    if (h.batch_length < 0 || h.total_size() > records.size()) break;
    seen.records += h.records_count;
    seen.bytes += static_cast<int64_t>(h.total_size());
    seen.next_offset = h.next_offset();
    records = records.subspan(h.total_size());
  }
  return seen;
}

}  // namespace

fetch_result run_fetch(const perf_options& options) {
  // Each response (up to 50 MiB) is a fresh buffer. Keep freed ones in the heap instead of
  // returning them to the kernel, or every response pays for new zero-filled pages (costly
  // in this VM) and the client, not the broker, sets the rate.
  mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
  const auto timeout = std::chrono::milliseconds(options.timeout_ms);
  kafka_wire_client client(options.bootstrap_server, "kafka-perf", clock_type::now() + timeout);
  std::map<int32_t, int64_t> offsets;
  for (int32_t p : led_partitions(client, options, clock_type::now() + timeout)) offsets[p] = 0;

  fetch_result result;
  const auto start = clock_type::now();
  auto last_progress = start;
  while (result.records < options.num_records) {
    protocol::fetch_request req;
    req.max_wait_ms = 500;
    req.min_bytes = 1;
    req.max_bytes = response_max_bytes;
    auto& topic = req.topics.emplace_back();
    topic.topic = options.topic;
    for (const auto& [p, offset] : offsets) {
      topic.partitions.push_back({.partition = p, .fetch_offset = offset, .partition_max_bytes = partition_max_bytes});
    }
    auto resp = client.call<protocol::fetch_response>(protocol::api_key::fetch, fetch_version, false, req,
                                                      clock_type::now() + timeout);
    const auto now = clock_type::now();
    bool progressed = false;
    for (const auto& t : resp.responses) {
      for (const auto& p : t.partitions) {
        if (p.error_code != protocol::error_code::none) {
          throw perf_error("fetch of partition " + std::to_string(p.partition_index) + " failed: " +
                           std::string(protocol::name(p.error_code)));
        }
        const auto* bytes = std::get_if<std::vector<std::byte>>(&p.records);
        if (bytes == nullptr) continue;
        batches_seen seen = count_batches(*bytes);
        if (seen.next_offset < 0) continue;
        result.records += seen.records;
        result.bytes += seen.bytes;
        offsets[p.partition_index] = seen.next_offset;
        progressed = true;
      }
    }
    if (progressed) {
      last_progress = now;
    } else if (now - last_progress > timeout) {
      throw perf_error("no records for " + std::to_string(options.timeout_ms) + " ms after " +
                       std::to_string(result.records));
    }
    result.seconds = std::chrono::duration<double>(now - start).count();
  }
  return result;
}

}  // namespace kb::bench
