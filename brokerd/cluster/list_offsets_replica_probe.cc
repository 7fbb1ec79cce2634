#include "brokerd/cluster/list_offsets_replica_probe.h"

#include <exception>
#include <map>
#include <string>
#include <utility>

#include "brokerd/protocol/api_key.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"
#include "replication/broker_connection.h"

namespace kb::cluster {
namespace asio = boost::asio;

list_offsets_replica_probe::list_offsets_replica_probe(asio::any_io_executor ex, const metadata_cache& metadata,
                                                       int32_t local_broker, std::chrono::milliseconds request_timeout)
    : ex_(std::move(ex)), metadata_(metadata), local_broker_(local_broker), timeout_(request_timeout) {}

protocol::list_offsets_request list_offsets_replica_probe::request_for(const std::vector<kb::topic_partition>& replicas) {
  std::map<std::string, std::vector<int32_t>> by_topic;
  for (const kb::topic_partition& tp : replicas) by_topic[tp.topic].push_back(tp.partition);
  protocol::list_offsets_request req;
  req.replica_id = protocol::list_offsets_debugging_replica_id;
  for (auto& [topic, partitions] : by_topic) {
    protocol::list_offsets_topic& t = req.topics.emplace_back();
    t.name = topic;
    for (int32_t p : partitions) {
      t.partitions.push_back({.partition_index = p, .timestamp = protocol::list_offsets_latest_timestamp});
    }
  }
  return req;
}

zkmeta::replica_probe_answer list_offsets_replica_probe::verdicts(const protocol::list_offsets_response& response) {
  zkmeta::replica_probe_answer answer;
  for (const protocol::list_offsets_topic_response& t : response.topics) {
    for (const protocol::list_offsets_partition_response& p : t.partitions) {
      const kb::topic_partition tp{t.name, p.partition_index};
      if (p.error_code == protocol::error_code::kafka_storage_error) answer.offline.insert(tp);
      if (p.error_code == protocol::error_code::none) answer.online.insert(tp);
    }
  }
  return answer;
}

asio::awaitable<zkmeta::replica_probe_result> list_offsets_replica_probe::probe(
    int32_t broker, std::vector<kb::topic_partition> replicas) {
  replication::broker_connection conn(
      ex_,
      [this, broker] { return metadata_.address_of(broker); },
      "broker-" + std::to_string(local_broker_) + "-controller-replica-probe", timeout_);
  protocol::wire_writer body;
  request_for(replicas).encode(body, request_version);
  try {
    std::vector<std::byte> bytes = co_await conn.round_trip(static_cast<int16_t>(protocol::api_key::list_offsets),
                                                            request_version, std::move(body).take());
    protocol::wire_reader r(bytes);
    co_return zkmeta::replica_probe_result{verdicts(protocol::list_offsets_response::decode(r, request_version)), {}};
  } catch (const std::exception& e) {
    co_return zkmeta::replica_probe_result{std::nullopt, e.what()};
  }
}

}  // namespace kb::cluster
