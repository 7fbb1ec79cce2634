#pragma once

// zk_topic_admin: cluster::topic_admin over ZooKeeper (zkmeta::topic_writer, i.e. Kafka's
// AdminZkClient), with the broker-level parts of ZkAdminManager / KafkaApis: num.partitions and
// default.replication.factor for -1, "both numPartitions/replicationFactor and assignments"
// (INVALID_REQUEST), delete.topic.enable=false (TOPIC_DELETION_DISABLED; a DeleteTopics v0-2
// handler sends INVALID_REQUEST instead, as Kafka does), topic configs validated with
// validate_topic_config, and the translation to Kafka error codes (to_admin_result).
//
// Threading: io thread only; `zk` must outlive this object, which must outlive its awaitables.

#include <cstdint>

#include "brokerd/cluster/topic_admin.h"
#include "zkmeta/admin/topic_writer.h"
#include "zkmeta/zk_client.h"

namespace kb::cluster {

class zk_topic_admin final : public topic_admin {
 public:
  // `random`: assignment start/shift and topic ids (tests fix it; default: random_device-seeded).
  zk_topic_admin(zkmeta::zk_client& zk, int32_t num_partitions, int16_t default_replication_factor,
                 bool delete_topic_enable, zkmeta::random_bits random = {});

  boost::asio::awaitable<admin_result> create_topic(const new_topic& t, bool validate_only) override;
  boost::asio::awaitable<admin_result> delete_topic(const std::string& name) override;
  // An empty `assignment` means "place the new partitions as Kafka does".
  boost::asio::awaitable<admin_result> create_partitions(const std::string& name, int32_t total,
                                                         const std::vector<std::vector<int32_t>>& assignment,
                                                         bool validate_only) override;
  // `config` replaces the topic's overrides.
  boost::asio::awaitable<admin_result> set_topic_config(const std::string& name,
                                                        const std::map<std::string, std::string>& config,
                                                        bool validate_only) override;

 private:
  zkmeta::topic_writer writer_;
  int32_t num_partitions_;
  int16_t default_replication_factor_;
  bool delete_topic_enable_;
};

// The Kafka error code for an admin_error, exhaustively.
protocol::error_code to_error_code(const zkmeta::admin_outcome& outcome);
// Code plus message; as Kafka's ApiError, UNKNOWN_SERVER_ERROR carries no message.
admin_result to_admin_result(const zkmeta::admin_outcome& outcome);

}  // namespace kb::cluster
