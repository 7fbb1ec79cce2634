#include "brokerd/tools/partition_reader.h"

#include "brokerd/tools/tool_error.h"

namespace kb::tools {

partition_reader::partition_reader(rd_kafka_t* consumer) : consumer_(consumer), queue_(rd_kafka_queue_new(consumer)) {}

partition_reader::~partition_reader() {
  for (const auto& [topic, partition] : started_) rd_kafka_consume_stop(topic, partition);
  started_.clear();
  queue_.reset();
  topics_.clear();
}

void partition_reader::start(const std::vector<partition_start>& partitions) {
  for (const partition_start& p : partitions) {
    auto& topic = topics_[p.topic];
    if (!topic) topic.reset(rd_kafka_topic_new(consumer_, p.topic.c_str(), nullptr));
    if (rd_kafka_consume_start_queue(topic.get(), p.partition, p.offset, queue_.get()) == -1) {
      throw command_error("Cannot read partition " + std::to_string(p.partition) + " of topic " + p.topic + ": " +
                          rd_kafka_err2str(rd_kafka_last_error()));
    }
    started_.emplace_back(topic.get(), p.partition);
  }
}

message_ptr partition_reader::next(std::chrono::milliseconds timeout) {
  rd_kafka_poll(consumer_, 0);  // serve log and error callbacks
  return message_ptr(rd_kafka_consume_queue(queue_.get(), static_cast<int>(timeout.count())));
}

}  // namespace kb::tools
