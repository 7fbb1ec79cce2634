#include "brokerd/tools/subscription_reader.h"

#include "brokerd/tools/tool_error.h"

namespace kb::tools {

subscription_reader::subscription_reader(rd_kafka_t* consumer) : consumer_(consumer) {
  rd_kafka_poll_set_consumer(consumer_);  // one queue: records, errors and rebalances
}

subscription_reader::~subscription_reader() { close(); }

void subscription_reader::subscribe(const std::vector<std::string>& topics) {
  partition_list_ptr list(rd_kafka_topic_partition_list_new(static_cast<int>(topics.size())));
  for (const std::string& t : topics) rd_kafka_topic_partition_list_add(list.get(), t.c_str(), RD_KAFKA_PARTITION_UA);
  if (rd_kafka_resp_err_t err = rd_kafka_subscribe(consumer_, list.get())) {
    throw command_error(std::string("Cannot subscribe: ") + rd_kafka_err2str(err));
  }
}

message_ptr subscription_reader::next(std::chrono::milliseconds timeout) {
  return message_ptr(rd_kafka_consumer_poll(consumer_, static_cast<int>(timeout.count())));
}

void subscription_reader::close() {
  if (closed_) return;
  closed_ = true;
  rd_kafka_consumer_close(consumer_);
}

}  // namespace kb::tools
