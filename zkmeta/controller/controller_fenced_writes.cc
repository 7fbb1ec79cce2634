// The controller's epoch-fenced ZooKeeper writes that its replica elections and its
// reassignment state machine share: every multi starts with a check of /controller_epoch's
// dataVersion, so a deposed controller writes nothing; failing that check stops it.
#include <glog/logging.h>

#include "zkmeta/controller/controller.h"

namespace kb::zkmeta {
namespace {

std::string describe(const leader_and_isr& s) {
  std::string isr;
  for (size_t i = 0; i < s.isr.size(); ++i) isr += (i ? "," : "") + std::to_string(s.isr[i]);
  return "leader " + std::to_string(s.leader()) + " epoch " + std::to_string(s.leader_epoch()) + " isr [" + isr + "]";
}

}  // namespace

bool controller::epoch_moved_on(const multi_response& r) {
  return r.failed_index() == 0 && r.error() == zk_errc::bad_version;
}

awaitable<std::optional<leader_and_isr>> controller::read_state(const kb::topic_partition& tp) {
  auto data = co_await zk_.get(partition_state_znode::path(tp.topic, tp.partition));
  if (!data || !data.value().data) co_return std::nullopt;
  auto s = partition_state_znode::decode(*data.value().data);
  if (!s) co_return std::nullopt;
  states_[tp] = {s.value(), data.value().stat.version};
  co_return s.value();
}

awaitable<controller::write_outcome> controller::update_state(const kb::topic_partition& tp, state_change change) {
  const std::string path = partition_state_znode::path(tp.topic, tp.partition);
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (!states_.count(tp) && !co_await read_state(tp)) co_return write_outcome::failed;
    const cached_state cached = states_.at(tp);
    std::optional<leader_and_isr> next = change(cached.state);
    if (!next) co_return write_outcome::skipped;
    next->controller_epoch = epoch_;
    std::vector<zk_op> ops{check_op{controller_epoch_znode::path(), epoch_zk_version_},
                           set_op{path, partition_state_znode::encode(*next), cached.zk_version}};
    auto r = co_await zk_.multi_detailed(std::move(ops));
    if (!r) {
      LOG(WARNING) << prefix() << "writing the state of " << tp << " failed: " << r.error().message();
      co_return write_outcome::failed;
    }
    if (r.value().applied()) {
      states_[tp] = {*next, r.value().results[1].stat->version};
      LOG(INFO) << prefix() << tp << ": " << describe(cached.state)
                << " -> " << describe(*next);
      co_return write_outcome::applied;
    }
    if (epoch_moved_on(r.value())) {
      LOG(WARNING) << prefix() << "fenced: /controller_epoch moved on; resigning";
      stop();
      co_return write_outcome::fenced;
    }
    if (r.value().failed_index() == 0) {
      LOG(WARNING) << prefix() << "writing the state of " << tp
                   << " failed: " << to_string(r.value().error());
      co_return write_outcome::failed;
    }
    // The leader changed the ISR meanwhile: decide again on what is there now.
    if (!co_await read_state(tp)) co_return write_outcome::failed;
  }
  co_return write_outcome::failed;
}

awaitable<controller::write_outcome> controller::create_state(const kb::topic_partition& tp, const leader_and_isr& s) {
  leader_and_isr next = s;
  next.controller_epoch = epoch_;
  for (const std::string& parent : {topic_partitions_znode::path(tp.topic), topic_partition_znode::path(tp.topic, tp.partition)}) {
    auto made = co_await zk_.create(parent, std::nullopt);
    if (!made && made.error() != make_error_code(zk_errc::node_exists)) {
      LOG(WARNING) << prefix() << "creating " << parent << " failed: " << made.error().message();
      co_return write_outcome::failed;
    }
  }
  const std::string path = partition_state_znode::path(tp.topic, tp.partition);
  std::vector<zk_op> ops{create_op{path, partition_state_znode::encode(next)}};
  const write_outcome created = co_await fenced(std::move(ops), path);
  if (created == write_outcome::applied) {
    states_[tp] = {next, 0};
  } else if (created == write_outcome::failed) {
    co_await read_state(tp);  // someone else initialised it, most likely
  }
  co_return created;
}

awaitable<controller::write_outcome> controller::fenced(std::vector<zk_op> ops, const std::string& what) {
  ops.insert(ops.begin(), check_op{controller_epoch_znode::path(), epoch_zk_version_});
  auto r = co_await zk_.multi_detailed(std::move(ops));
  if (!r) {
    LOG(WARNING) << prefix() << "writing " << what << " failed: " << r.error().message();
    co_return write_outcome::failed;
  }
  if (r.value().applied()) co_return write_outcome::applied;
  if (epoch_moved_on(r.value())) {
    LOG(WARNING) << prefix() << "fenced: /controller_epoch moved on; resigning";
    stop();
    co_return write_outcome::fenced;
  }
  LOG(WARNING) << prefix() << "writing " << what << " failed: " << to_string(r.value().error());
  co_return write_outcome::failed;
}

}  // namespace kb::zkmeta
