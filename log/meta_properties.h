#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace kb::log {

// `meta.properties` in each log dir, as a ZooKeeper-mode Kafka broker writes it:
//   #
//   #<date>
//   broker.id=0
//   version=0
//   cluster.id=<22-char id>
struct meta_properties {
  int32_t broker_id = -1;
  std::string cluster_id;
  int32_t version = 0;
};

// nullopt if the file does not exist; std::runtime_error if it is malformed.
std::optional<meta_properties> read_meta_properties(const std::filesystem::path& log_dir);
void write_meta_properties(const std::filesystem::path& log_dir, const meta_properties& meta);

}  // namespace kb::log
