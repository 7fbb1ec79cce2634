#pragma once

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include "brokerd/tools/cluster_metadata.h"
#include "brokerd/tools/topic_admin.h"
#include "brokerd/tools/topic_command_options.h"

namespace kb::tools {

// The five actions of kafka-topics (Kafka's TopicCommand.TopicService) against one admin
// client. Each prints what Kafka prints to `out` and throws command_error (or broker_error)
// with the text that follows "Error while executing topic command : ".
//   create:   "Created topic <name>." (nothing with --if-not-exists when it exists)
//   list:     the matching topic names, sorted, one per line
//   describe: topic_description's lines, topics sorted by name, partitions by id
//   alter, delete: nothing
// Operations on --topic (a regex) fail with "Topic '<arg>' does not exist as expected" when
// nothing matches, unless --if-exists.
class topic_service {
 public:
  topic_service(rd_kafka_t* client, std::chrono::milliseconds timeout, std::ostream& out)
      : client_(client), timeout_(timeout), admin_(client, timeout), out_(out) {}

  void run(const topic_command_options& opts) const;

  void create(const topic_command_options& opts) const;
  void list(const topic_command_options& opts) const;
  void describe(const topic_command_options& opts) const;
  void alter(const topic_command_options& opts) const;
  void remove(const topic_command_options& opts) const;

 private:
  // Kafka's getTopics + ensureTopicExists.
  std::vector<std::string> matching_topics(const cluster_view& cluster, const topic_command_options& opts,
                                           bool require_match) const;

  rd_kafka_t* client_;
  std::chrono::milliseconds timeout_;
  topic_admin admin_;
  std::ostream& out_;
};

}  // namespace kb::tools
