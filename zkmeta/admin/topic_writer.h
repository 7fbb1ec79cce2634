#pragma once

// topic_writer: the ZooKeeper writes behind CreateTopics, DeleteTopics, CreatePartitions and
// AlterConfigs(topic), as Kafka's AdminZkClient does them on the broker that handles the request
// (with the checks ZkAdminManager adds in front). The controller then reacts to the znodes;
// nothing here waits for it. Error codes and messages are Kafka's (admin_outcome).
//
//   create_topic       /config/topics/<t> (set, or create if missing; no change notification,
//                      as Kafka), then create /brokers/topics/<t> (v3 JSON with a new topic id);
//                      not transactional, the same as Kafka.
//   delete_topic       create /admin/delete_topics/<t> (null); already marked counts as success.
//   create_partitions  rewrite /brokers/topics/<t> with old + new partitions (same topic id),
//                      conditional on the znode version read; one re-read and retry on a race.
//   set_topic_config   replace /config/topics/<t>, then post /config/changes/config_change_<seq>
//                      {"version":2,"entity_path":"topics/<t>"}.
//
// Where the broker list matters, it is the children of /brokers/ids, sorted by id (AdminZkClient
// .getBrokerMetadatas; rack-unaware). See ../shared/reference/zookeeper.md 1.3 and 6.
//
// Threading: io thread only. The zk_client and this object must outlive every awaitable they
// return; arguments are taken by value.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "zkmeta/admin/admin_outcome.h"
#include "zkmeta/admin/kafka_uuid.h"
#include "zkmeta/admin/replica_assignment.h"
#include "zkmeta/zk_client.h"
#include "zkmeta/znodes/topic_config_znode.h"

namespace kb::zkmeta {

// What is wrong with one topic config entry (Kafka's LogConfig.validate): names are checked
// first, for every entry, then values.
struct config_problem {
  enum class kind { unknown_name, invalid_value };
  kind what = kind::invalid_value;
  std::string message;  // e.g. "Unknown topic config name: x",
                        // "Invalid value abc for configuration retention.ms: Not a number of type LONG"
};
// nullopt when (name, value) is acceptable. An empty validator accepts everything.
using config_validator = std::function<std::optional<config_problem>(const std::string& name, const std::string& value)>;

enum class write_mode { apply, validate_only };

struct create_topic_request {
  std::string name;
  int32_t partitions = 1;           // ignored with an explicit assignment
  int32_t replication_factor = 1;   // ignored with an explicit assignment
  std::optional<assignment_map> assignment;  // explicit partition -> replicas
  config_entries config;            // overrides for /config/topics/<t>
};

class topic_writer {
 public:
  // `random` draws the assignment's start index and shift and the topic id (default: seeded
  // from std::random_device).
  explicit topic_writer(zk_client& zk, config_validator validator = {}, random_bits random = {});

  awaitable<admin_outcome> create_topic(create_topic_request request, write_mode mode);
  awaitable<admin_outcome> delete_topic(std::string name);
  // `assignment`: replicas for each new partition, in partition order (Kafka's
  // CreatePartitions assignments), or nullopt for Kafka's placement.
  awaitable<admin_outcome> create_partitions(std::string name, int32_t new_total,
                                             std::optional<std::vector<std::vector<int32_t>>> assignment,
                                             write_mode mode);
  // `config` is the topic's complete new override set (it replaces the old one).
  awaitable<admin_outcome> set_topic_config(std::string name, config_entries config, write_mode mode);

 private:
  // INVALID_CONFIG for the first bad entry; invalid values get `value_prefix` in front.
  std::optional<admin_outcome> check_config(const config_entries& config, const std::string& value_prefix) const;
  // Uniform enough in [0, n) for n >= 1 (assign_replicas never asks with n == 0).
  int32_t random_index(int32_t n);
  awaitable<result<void>> set_or_create_config(const std::string& topic, std::string data);

  zk_client& zk_;
  config_validator validator_;
  random_bits random_;
};

// Children of /brokers/ids as ids, ascending; non-numeric children are skipped; none if absent.
awaitable<result<std::vector<int32_t>>> registered_brokers(zk_client& zk);

}  // namespace kb::zkmeta
