#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "brokerd/protocol/messages/describe_log_dirs.h"

namespace kb::tools {

// One broker's answer to DescribeLogDirs.
struct broker_log_dirs {
  int32_t broker = 0;
  protocol::describe_log_dirs_response response;
};

// The JSON kafka-log-dirs --describe prints (Kafka's LogDirsCommand.formatAsJson), on one line:
//   {"version":1,"brokers":[{"broker":0,"logDirs":[{"logDir":"/data/a","error":null,
//    "partitions":[{"partition":"orders-0","size":4096,"offsetLag":0,"isFuture":false}]}]}]}
// A failed dir's "error" is the exception class Kafka's admin client gives
// ("org.apache.kafka.common.errors.KafkaStorageException"). Only `topics` are listed, or
// every topic when it is empty.
std::string log_dirs_json(const std::vector<broker_log_dirs>& brokers, const std::set<std::string>& topics);

}  // namespace kb::tools
