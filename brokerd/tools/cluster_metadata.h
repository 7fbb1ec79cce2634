#pragma once

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace kb::tools {

// The cluster as one Metadata response describes it, copied out of librdkafka's C structs so
// that formatting and filtering code can be plain functions over values (and unit-tested).

struct broker_view {
  int32_t id = 0;
  std::string host;
  int port = 0;
};

struct partition_view {
  int32_t id = 0;
  int32_t leader = -1;  // -1: none
  std::vector<int32_t> replicas;  // in assignment order, as the broker lists them
  std::vector<int32_t> isr;
  rd_kafka_resp_err_t error = RD_KAFKA_RESP_ERR_NO_ERROR;
};

struct topic_view {
  std::string name;
  rd_kafka_resp_err_t error = RD_KAFKA_RESP_ERR_NO_ERROR;  // a topic-level error
  std::vector<partition_view> partitions;  // sorted by id
};

struct cluster_view {
  std::vector<broker_view> brokers;  // sorted by id
  std::vector<topic_view> topics;    // sorted by name

  const topic_view* topic(const std::string& name) const;
  bool broker_alive(int32_t id) const;
};

// Copies (and sorts) a librdkafka metadata result.
cluster_view to_cluster_view(const rd_kafka_metadata_t& md);

// Asks the cluster for the metadata of every topic. Throws command_error when no broker
// answers within `timeout`.
cluster_view fetch_cluster_metadata(rd_kafka_t* rk, std::chrono::milliseconds timeout);

}  // namespace kb::tools
