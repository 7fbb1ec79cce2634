#include "brokerd/tools/cluster_metadata.h"

#include <algorithm>

#include "brokerd/tools/rdkafka_ptr.h"
#include "brokerd/tools/tool_error.h"

namespace kb::tools {

const topic_view* cluster_view::topic(const std::string& name) const {
  auto it = std::lower_bound(topics.begin(), topics.end(), name,
                             [](const topic_view& t, const std::string& n) { return t.name < n; });
  return it != topics.end() && it->name == name ? &*it : nullptr;
}

bool cluster_view::broker_alive(int32_t id) const {
  return std::any_of(brokers.begin(), brokers.end(), [id](const broker_view& b) { return b.id == id; });
}

cluster_view to_cluster_view(const rd_kafka_metadata_t& md) {
  cluster_view view;
  for (int i = 0; i < md.broker_cnt; ++i) {
    view.brokers.push_back({md.brokers[i].id, md.brokers[i].host ? md.brokers[i].host : "", md.brokers[i].port});
  }
  std::sort(view.brokers.begin(), view.brokers.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  for (int i = 0; i < md.topic_cnt; ++i) {
    const rd_kafka_metadata_topic_t& t = md.topics[i];
    topic_view topic{t.topic, t.err, {}};
    for (int p = 0; p < t.partition_cnt; ++p) {
      const rd_kafka_metadata_partition_t& mp = t.partitions[p];
      partition_view part;
      part.id = mp.id;
      part.leader = mp.leader;
      part.replicas.assign(mp.replicas, mp.replicas + mp.replica_cnt);
      part.isr.assign(mp.isrs, mp.isrs + mp.isr_cnt);
      part.error = mp.err;
      topic.partitions.push_back(std::move(part));
    }
    std::sort(topic.partitions.begin(), topic.partitions.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    view.topics.push_back(std::move(topic));
  }
  std::sort(view.topics.begin(), view.topics.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return view;
}

cluster_view fetch_cluster_metadata(rd_kafka_t* rk, std::chrono::milliseconds timeout) {
  const rd_kafka_metadata_t* raw = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 1, nullptr, &raw, static_cast<int>(timeout.count()));
  if (err) throw command_error(std::string("Could not fetch cluster metadata: ") + rd_kafka_err2str(err));
  metadata_ptr md(raw);
  return to_cluster_view(*md);
}

}  // namespace kb::tools
