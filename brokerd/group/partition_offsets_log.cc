#include "brokerd/group/partition_offsets_log.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <glog/logging.h>

#include <chrono>
#include <string_view>

#include "brokerd/cluster/kafka_errors.h"
#include "brokerd/cluster/replicated_write.h"
#include "log/batch_header.h"
#include "log/record.h"
#include "log/record_batch_builder.h"

namespace kb::group {
namespace asio = boost::asio;
using protocol::error_code;

namespace {

std::string_view text_of(const std::vector<std::byte>& bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

std::vector<std::byte> batch_of(const std::vector<offsets_record>& records, int64_t timestamp_ms) {
  log::record_batch_builder b;
  for (const auto& r : records) {
    b.add(timestamp_ms, text_of(r.key), r.value ? std::optional<std::string_view>(text_of(*r.value)) : std::nullopt);
  }
  return b.build();
}

// The records of whole batches in `data` (a log read), appended to `out`. Returns the
// offset after the last batch read, or `from` if `data` holds no whole batch.
int64_t collect_records(std::span<const std::byte> data, int64_t from, std::vector<offsets_record>& out) {
  int64_t next = from;
  size_t at = 0;
  while (data.size() - at >= log::log_overhead) {
    const log::batch_prefix prefix = log::parse_batch_prefix(data.subspan(at));
    const size_t size = static_cast<size_t>(prefix.batch_length) + log::log_overhead;
    if (prefix.batch_length < 0 || size > data.size() - at) break;
    auto batch = log::batch_records::decode(data.subspan(at, size));
    at += size;
    if (!batch) {
      LOG(WARNING) << "Skipping an undecodable batch at offset " << prefix.base_offset << " of " << offsets_topic
                   << ": " << batch.error().message();
      continue;
    }
    const log::batch_header& h = batch.value().header();
    next = h.next_offset();
    if (h.is_control()) continue;  // transaction markers: none are written here
    for (const log::record& r : batch.value().records()) {
      if (!r.key) continue;  // Kafka requires a key; it has no meaning here without one
      offsets_record rec;
      rec.offset = log::record_offset(h, r);
      rec.key.assign(r.key->begin(), r.key->end());
      if (r.value) rec.value.emplace(r.value->begin(), r.value->end());
      out.push_back(std::move(rec));
    }
  }
  return next;
}

}  // namespace

partition_offsets_log::partition_offsets_log(asio::any_io_executor ex, cluster::replica_manager& replicas,
                                             const cluster::metadata_cache& metadata,
                                             const cluster::topic_defaults& defaults, const group_config& config,
                                             kb::clock& clock)
    : ex_(std::move(ex)), replicas_(replicas), metadata_(metadata), defaults_(defaults), config_(config),
      clock_(clock) {}

void partition_offsets_log::append(int32_t partition, std::vector<offsets_record> records, int64_t timestamp_ms,
                                   std::function<void(append_outcome)> done) {
  asio::co_spawn(ex_, write(partition, std::move(records), timestamp_ms),
                 [partition, done = std::move(done)](std::exception_ptr e, append_outcome outcome) {
                   if (e) {
                     try {
                       std::rethrow_exception(e);
                     } catch (const std::exception& ex) {
                       LOG(ERROR) << "Writing to " << offsets_topic << "-" << partition << " failed: " << ex.what();
                     }
                     outcome = {error_code::unknown_server_error, -1};
                   }
                   done(outcome);
                 });
}

asio::awaitable<append_outcome> partition_offsets_log::write(int32_t partition, std::vector<offsets_record> records,
                                                             int64_t timestamp_ms) {
  const topic_partition tp{offsets_topic, partition};
  cluster::partition* p = replicas_.get(tp);
  if (!p || !p->is_leader()) co_return append_outcome{error_code::not_leader_or_follower, -1};
  const cluster::topic_info* topic = metadata_.topic(offsets_topic);
  const cluster::topic_settings settings =
      cluster::effective_topic_settings(defaults_, topic ? topic->config : std::map<std::string, std::string>{});
  if (static_cast<int32_t>(p->state().isr.size()) < settings.min_insync_replicas) {
    co_return append_outcome{error_code::not_enough_replicas, -1};
  }
  std::vector<std::byte> batch = batch_of(records, timestamp_ms);
  auto appended = p->append_as_leader(batch, clock_.wall_ms());
  if (!appended) co_return append_outcome{cluster::to_kafka_error(appended.error()), -1};
  const cluster::replicated_write w{tp, appended.value().last_offset, p->leadership_term(),
                                    settings.min_insync_replicas};
  cluster::write_status status = cluster::check(replicas_, w);
  std::function<bool()> settled = [&] {
    status = cluster::check(replicas_, w);
    return status != cluster::write_status::waiting;
  };
  std::vector<topic_partition> keys{tp};
  const auto deadline = clock_.now() + std::chrono::milliseconds(config_.offsets_commit_timeout_ms);
  if (!co_await replicas_.waiting().wait(keys, deadline, settled)) {
    co_return append_outcome{error_code::request_timed_out, -1};
  }
  switch (status) {
    case cluster::write_status::committed:
      co_return append_outcome{error_code::none, appended.value().first_offset};
    case cluster::write_status::committed_below_min_isr:
      co_return append_outcome{error_code::not_enough_replicas_after_append, -1};
    case cluster::write_status::leadership_lost:
    case cluster::write_status::waiting:
      break;
  }
  co_return append_outcome{error_code::not_leader_or_follower, -1};
}

void partition_offsets_log::read(int32_t partition, std::function<void(read_result)> done) {
  asio::co_spawn(ex_, read_all(partition),
                 [partition, done = std::move(done)](std::exception_ptr e, read_result records) {
                   if (e) {
                     try {
                       std::rethrow_exception(e);
                     } catch (const std::exception& ex) {
                       LOG(ERROR) << "Reading " << offsets_topic << "-" << partition << " failed: " << ex.what();
                     }
                     records.reset();
                   }
                   done(std::move(records));
                 });
}

asio::awaitable<offsets_log::read_result> partition_offsets_log::read_all(int32_t partition) {
  const topic_partition tp{offsets_topic, partition};
  cluster::partition* p = replicas_.get(tp);
  // Offline, an empty log may be a placeholder for one in a failed dir: no view at all.
  if (!p || p->log().offline()) co_return std::nullopt;
  std::vector<offsets_record> records;
  int64_t offset = p->log().log_start_offset();
  for (;;) {
    p = replicas_.get(tp);  // the replica may go while the I/O thread serves others
    if (!p) co_return std::nullopt;
    const int64_t end = p->log().log_end_offset();
    if (offset >= end) break;
    auto read = p->log().read(offset, static_cast<uint32_t>(config_.offsets_load_buffer_size), end, true);
    if (!read) co_return std::nullopt;  // offline (an I/O error): a partial view must not be served
    if (!read.value().data) break;
    auto copied = p->log().copy(*read.value().data);
    if (!copied) co_return std::nullopt;
    const int64_t next = collect_records(copied.value(), offset, records);
    if (next <= offset) break;  // nothing whole to read: the log ends in a torn batch
    offset = next;
    co_await asio::post(ex_, asio::use_awaitable);
  }
  co_return records;
}

}  // namespace kb::group
