#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "brokerd/protocol/error_code.h"

namespace kb::cluster {

struct admin_result {
  protocol::error_code error = protocol::error_code::none;
  std::optional<std::string> message;
};

struct new_topic {
  std::string name;
  int32_t partitions = -1;           // -1: num.partitions
  int16_t replication_factor = -1;   // -1: default.replication.factor
  std::map<int32_t, std::vector<int32_t>> assignment;  // explicit, or empty for Kafka's
  std::map<std::string, std::string> config;
};

// Topic administration as Kafka does it in ZooKeeper mode (AdminZkClient): validating and
// writing /brokers/topics/<t> and /config/topics/<t>, marking deletion, adding partitions,
// changing topic configs. The controller reacts to the znodes. Implemented over ZooKeeper;
// handlers only see this interface.
class topic_admin {
 public:
  virtual ~topic_admin() = default;
  virtual boost::asio::awaitable<admin_result> create_topic(const new_topic& t, bool validate_only) = 0;
  virtual boost::asio::awaitable<admin_result> delete_topic(const std::string& name) = 0;
  virtual boost::asio::awaitable<admin_result> create_partitions(const std::string& name, int32_t total,
                                                                 const std::vector<std::vector<int32_t>>& assignment,
                                                                 bool validate_only) = 0;
  virtual boost::asio::awaitable<admin_result> set_topic_config(const std::string& name,
                                                                const std::map<std::string, std::string>& config,
                                                                bool validate_only) = 0;
};

}  // namespace kb::cluster
