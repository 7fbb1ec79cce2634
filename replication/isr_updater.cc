#include "replication/isr_updater.h"

#include <glog/logging.h>

#include "zkmeta/znodes/isr_change_notification_znode.h"

namespace kb::replication {

boost::asio::awaitable<std::optional<int32_t>> isr_updater::update(topic_partition tp, zkmeta::leader_and_isr next,
                                                                   int32_t expected_zk_version) {
  std::string path = zkmeta::partition_state_znode::path(tp.topic, tp.partition);
  std::string data = zkmeta::partition_state_znode::encode(next);
  auto written = co_await zk_.set(path, data, expected_zk_version);
  std::optional<int32_t> version;
  if (written) {
    version = written.value().version;
  } else if (written.error() == zkmeta::zk_errc::bad_version) {
    version = co_await version_if_holding(path, next);
  }
  if (!version) {
    LOG(INFO) << tp << ": ISR update to version " << expected_zk_version + 1 << " not applied ("
              << written.error().message() << ")";
    co_return std::nullopt;
  }
  std::vector<topic_partition> changed{tp};
  std::string note = zkmeta::isr_change_notification_sequence_znode::encode(changed);
  auto posted = co_await zk_.create(zkmeta::isr_change_notification_sequence_znode::path(), note,
                                    zkmeta::create_mode::persistent_sequential);
  if (!posted) LOG(WARNING) << tp << ": ISR change notification failed: " << posted.error().message();
  co_return version;
}

boost::asio::awaitable<std::optional<int32_t>> isr_updater::version_if_holding(const std::string& path,
                                                                               const zkmeta::leader_and_isr& written) {
  auto now = co_await zk_.get(path);
  if (!now || !now.value().data) co_return std::nullopt;
  auto held = zkmeta::partition_state_znode::decode(*now.value().data);
  if (!held || held.value() != written) co_return std::nullopt;
  co_return now.value().stat.version;
}

}  // namespace kb::replication
