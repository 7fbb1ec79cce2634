#include "replication/isr_updater.h"

#include <glog/logging.h>

#include "zkmeta/znodes/isr_change_notification_znode.h"

namespace kb::replication {

boost::asio::awaitable<std::optional<int32_t>> isr_updater::update(topic_partition tp, zkmeta::leader_and_isr next,
                                                                   int32_t expected_zk_version) {
  std::string path = zkmeta::partition_state_znode::path(tp.topic, tp.partition);
  std::string data = zkmeta::partition_state_znode::encode(next);
  auto written = co_await zk_.set(path, data, expected_zk_version);
  if (!written) {
    LOG(INFO) << tp << ": ISR update to version " << expected_zk_version + 1 << " not applied ("
              << written.error().message() << ")";
    co_return std::nullopt;
  }
  std::vector<topic_partition> changed{tp};
  std::string note = zkmeta::isr_change_notification_sequence_znode::encode(changed);
  auto posted = co_await zk_.create(zkmeta::isr_change_notification_sequence_znode::path(), note,
                                    zkmeta::create_mode::persistent_sequential);
  if (!posted) LOG(WARNING) << tp << ": ISR change notification failed: " << posted.error().message();
  co_return written.value().version;
}

}  // namespace kb::replication
