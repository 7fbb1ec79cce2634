#include "zkmeta/metadata_watcher.h"

#include <boost/asio/co_spawn.hpp>
#include <glog/logging.h>

#include <charconv>

namespace kb::zkmeta {
namespace asio = boost::asio;

metadata_watcher::metadata_watcher(zk_client& zk, asio::any_io_executor ex, metadata_listener listener)
    : zk_(zk), ex_(ex), listener_(std::move(listener)), wakeup_(ex), progress_(ex) {}

void metadata_watcher::enqueue(event e) {
  e.seq = ++enqueued_;
  queue_.push_back(std::move(e));
  wakeup_.notify_all();
}

watch_callback metadata_watcher::watch_for(event e) {
  return [this, gen = generation_, e](const watch_event&) {
    if (gen == generation_ && running_) enqueue(e);
  };
}

asio::awaitable<bool> metadata_watcher::start() {
  running_ = true;
  ++generation_;
  queue_.clear();
  const uint64_t failures_before = failed_reads_;
  co_await load_brokers();
  co_await load_topics();
  asio::co_spawn(ex_, run(generation_), [this](std::exception_ptr e) {
    if (!e) return;
    loop_died_ = true;
    progress_.notify_all();
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      LOG(ERROR) << "Metadata watcher failed: " << ex.what();
    }
  });
  co_return failed_reads_ == failures_before;
}

void metadata_watcher::note_failure(const std::error_code& ec) {
  if (ec == zk_errc::no_node) return;
  ++failed_reads_;
  VLOG(1) << "Metadata watcher read failed: " << ec.message();
}

asio::awaitable<bool> metadata_watcher::resync() {
  if (!running_ || loop_died_) co_return false;
  const uint64_t failures_before = failed_reads_;
  // Watches armed by the old session will never fire; re-read (and re-watch) everything.
  ++view_generation_;
  partitions_.clear();
  enqueue({kind::brokers, {}});
  enqueue({kind::topics, {}});
  for (const auto& t : topics_) enqueue({kind::topic, t});
  // Handled in order: once the last of these is, so are all of them.
  const uint64_t through = enqueued_;
  const uint64_t generation = generation_;
  while (handled_through_ < through && generation == generation_ && !loop_died_) co_await progress_.wait();
  co_return handled_through_ >= through && generation == generation_ && failed_reads_ == failures_before;
}

void metadata_watcher::stop() {
  running_ = false;
  ++generation_;
  queue_.clear();
  wakeup_.notify_all();
  progress_.notify_all();
}

asio::awaitable<void> metadata_watcher::run(uint64_t generation) {
  while (generation == generation_) {
    if (queue_.empty()) {
      co_await wakeup_.wait();
      continue;
    }
    event e = queue_.front();
    queue_.pop_front();
    co_await handle(e);
    handled_through_ = e.seq;
    progress_.notify_all();
  }
}

asio::awaitable<void> metadata_watcher::handle(const event& e) {
  switch (e.what) {
    case kind::brokers: co_await load_brokers(); break;
    case kind::topics: co_await load_topics(); break;
    case kind::topic: co_await load_topic(e.topic); break;
    case kind::state: co_await load_state(e.topic, e.partition); break;
    case kind::config: co_await load_config(e.topic); break;
  }
}

asio::awaitable<void> metadata_watcher::load_brokers() {
  // Built outside the co_await: GCC 12 destroys braced temporaries in a co_await
  // full-expression twice.
  watch_callback ids_watch = watch_for(event{kind::brokers, {}});
  auto ids = co_await zk_.get_children("/brokers/ids", std::move(ids_watch));
  if (!ids) {
    note_failure(ids.error());
    co_return;
  }
  std::map<int32_t, broker_info> brokers;
  for (const auto& name : ids.value()) {
    int32_t id = 0;
    auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), id);
    if (ec != std::errc{} || end != name.data() + name.size()) continue;
    auto data = co_await zk_.get(broker_id_znode::path(kb::broker_id{id}));
    if (!data) note_failure(data.error());
    if (!data || !data.value().data) continue;  // it left meanwhile
    auto info = broker_id_znode::decode(kb::broker_id{id}, *data.value().data);
    if (info) brokers[id] = info.value();
  }
  if (listener_.on_brokers) listener_.on_brokers(brokers);
}

asio::awaitable<void> metadata_watcher::load_topics() {
  // Built outside the co_await: GCC 12 destroys braced temporaries in a co_await
  // full-expression twice.
  watch_callback names_watch = watch_for(event{kind::topics, {}});
  auto names = co_await zk_.get_children(topics_znode::path(), std::move(names_watch));
  if (!names) {
    note_failure(names.error());
    co_return;
  }
  std::set<std::string> now(names.value().begin(), names.value().end());
  for (const auto& gone : topics_) {
    if (now.count(gone)) continue;
    partitions_.erase(gone);
    if (listener_.on_topic) listener_.on_topic(gone, std::nullopt);
  }
  std::set<std::string> known = topics_;
  topics_ = now;
  for (const auto& t : now) {
    if (!known.count(t) || !partitions_.count(t)) co_await load_topic(t);
  }
}

asio::awaitable<void> metadata_watcher::load_topic(const std::string& topic) {
  if (!topics_.count(topic)) co_return;
  // Built outside the co_await: GCC 12 destroys braced temporaries in a co_await
  // full-expression twice.
  watch_callback data_watch = watch_for(event{kind::topic, topic});
  auto data = co_await zk_.get(topic_znode::path(topic), std::move(data_watch));
  if (!data) note_failure(data.error());
  if (!data || !data.value().data) co_return;  // deleted: the topics event reports it
  auto assignment = topic_znode::decode(*data.value().data);
  if (!assignment) {
    LOG(ERROR) << "Malformed assignment for topic " << topic << ": " << assignment.error().message();
    co_return;
  }
  co_await load_config(topic);
  if (listener_.on_topic) listener_.on_topic(topic, assignment.value());
  // partitions_ is looked up again after every read: a resync may clear it meanwhile, and a
  // reference held across the co_await then dangles. After a resync this load is stale (the
  // resync reads everything again) and stops.
  const uint64_t view = view_generation_;
  for (const auto& [p, _] : assignment.value().partitions) {
    if (view != view_generation_) co_return;
    if (partitions_[topic].insert(p).second) co_await load_state(topic, p);
  }
}

asio::awaitable<void> metadata_watcher::load_state(const std::string& topic, int32_t partition) {
  if (!topics_.count(topic)) co_return;
  std::string path = partition_state_znode::path(topic, partition);
  // exists() arms a "created" watch when the controller has not written the state yet.
  // Built outside the co_await: GCC 12 destroys braced temporaries in a co_await
  // full-expression twice.
  watch_callback stat_watch = watch_for(event{kind::state, topic, partition});
  auto stat = co_await zk_.exists(path, std::move(stat_watch));
  if (!stat) note_failure(stat.error());
  if (!stat || !stat.value()) co_return;
  auto data = co_await zk_.get(path);
  if (!data) note_failure(data.error());
  if (!data || !data.value().data) co_return;
  auto state = partition_state_znode::decode(*data.value().data);
  if (!state) {
    LOG(ERROR) << "Malformed state at " << path << ": " << state.error().message();
    co_return;
  }
  if (listener_.on_partition_state) {
    listener_.on_partition_state({topic, partition}, state.value(), data.value().stat.version);
  }
}

asio::awaitable<void> metadata_watcher::load_config(const std::string& topic) {
  // A watch that fires after the topic was deleted must not bring it back.
  if (!topics_.count(topic)) co_return;
  // Built outside the co_await: GCC 12 destroys braced temporaries in a co_await
  // full-expression twice.
  watch_callback stat_watch = watch_for(event{kind::config, topic});
  auto stat = co_await zk_.exists(topic_config_znode::path(topic), std::move(stat_watch));
  if (!stat) note_failure(stat.error());
  config_entries entries;
  if (stat && stat.value()) {
    auto data = co_await zk_.get(topic_config_znode::path(topic));
    if (!data) note_failure(data.error());
    if (data && data.value().data) {
      if (auto decoded = topic_config_znode::decode(*data.value().data)) entries = decoded.value();
    }
  }
  if (listener_.on_topic_config) listener_.on_topic_config(topic, entries);
}

}  // namespace kb::zkmeta
