#pragma once

// Owning pointers for librdkafka's C objects, so that every early return and exception frees
// them. Destroying a client handle (rd_kafka_destroy) blocks until its threads have stopped.

#include <librdkafka/rdkafka.h>

#include <memory>

namespace kb::tools {

struct rdkafka_deleter {
  void operator()(rd_kafka_t* p) const { rd_kafka_destroy(p); }
  void operator()(rd_kafka_conf_t* p) const { rd_kafka_conf_destroy(p); }
  void operator()(rd_kafka_queue_t* p) const { rd_kafka_queue_destroy(p); }
  void operator()(rd_kafka_event_t* p) const { rd_kafka_event_destroy(p); }
  void operator()(rd_kafka_AdminOptions_t* p) const { rd_kafka_AdminOptions_destroy(p); }
  void operator()(const rd_kafka_metadata_t* p) const { rd_kafka_metadata_destroy(p); }
  void operator()(rd_kafka_message_t* p) const { rd_kafka_message_destroy(p); }
  void operator()(rd_kafka_topic_partition_list_t* p) const { rd_kafka_topic_partition_list_destroy(p); }
  void operator()(rd_kafka_NewTopic_t* p) const { rd_kafka_NewTopic_destroy(p); }
  void operator()(rd_kafka_DeleteTopic_t* p) const { rd_kafka_DeleteTopic_destroy(p); }
  void operator()(rd_kafka_NewPartitions_t* p) const { rd_kafka_NewPartitions_destroy(p); }
  void operator()(rd_kafka_ConfigResource_t* p) const { rd_kafka_ConfigResource_destroy(p); }
  void operator()(rd_kafka_headers_t* p) const { rd_kafka_headers_destroy(p); }
};

using client_ptr = std::unique_ptr<rd_kafka_t, rdkafka_deleter>;
using conf_ptr = std::unique_ptr<rd_kafka_conf_t, rdkafka_deleter>;
using queue_ptr = std::unique_ptr<rd_kafka_queue_t, rdkafka_deleter>;
using event_ptr = std::unique_ptr<rd_kafka_event_t, rdkafka_deleter>;
using admin_options_ptr = std::unique_ptr<rd_kafka_AdminOptions_t, rdkafka_deleter>;
using metadata_ptr = std::unique_ptr<const rd_kafka_metadata_t, rdkafka_deleter>;
using message_ptr = std::unique_ptr<rd_kafka_message_t, rdkafka_deleter>;
using partition_list_ptr = std::unique_ptr<rd_kafka_topic_partition_list_t, rdkafka_deleter>;
using new_topic_ptr = std::unique_ptr<rd_kafka_NewTopic_t, rdkafka_deleter>;
using delete_topic_ptr = std::unique_ptr<rd_kafka_DeleteTopic_t, rdkafka_deleter>;
using new_partitions_ptr = std::unique_ptr<rd_kafka_NewPartitions_t, rdkafka_deleter>;
using config_resource_ptr = std::unique_ptr<rd_kafka_ConfigResource_t, rdkafka_deleter>;
using headers_ptr = std::unique_ptr<rd_kafka_headers_t, rdkafka_deleter>;

}  // namespace kb::tools
