#pragma once

// fake_topic_admin: a topic_admin that records every call and applies it to a metadata
// cache (and the local replicas) the way the ZooKeeper watcher eventually would, so the
// handlers' "wait until the change propagates" paths can be exercised:
//
//   propagation::immediate    the cache changes before the call returns
//   propagation::after_delay  the cache changes `delay` later (an alarm on the test's clock)
//   propagation::never        the znodes are "written" but the cache never hears of it
//
// Each change notifies the topic's waiters, as the metadata applier does. New partitions are led by `leader` with replicas {leader}; when that is the local broker
// the replica manager gets a local replica too. `next_result`, when set, is returned once
// instead of doing anything (an error from ZooKeeper-side validation).


#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "brokerd/cluster/metadata_cache.h"
#include "brokerd/cluster/replica_manager.h"
#include "brokerd/cluster/topic_admin.h"
#include "zkmeta/runtime/clock.h"
#include "zkmeta/runtime/delayed_operations.h"

namespace kb::handlers::test {

class fake_topic_admin : public cluster::topic_admin {
 public:
  enum class propagation { immediate, after_delay, never };

  struct create_call {
    cluster::new_topic topic;
    bool validate_only;
  };
  struct partitions_call {
    std::string name;
    int32_t total;
    std::vector<std::vector<int32_t>> assignment;
    bool validate_only;
  };
  struct config_call {
    std::string name;
    std::map<std::string, std::string> config;
    bool validate_only;
  };

  fake_topic_admin(cluster::metadata_cache& metadata, cluster::replica_manager& replicas, kb::clock& clock,
                   kb::delayed_operations<std::string>& topic_waiters)
      : metadata_(metadata), replicas_(replicas), clock_(clock), topic_waiters_(topic_waiters) {}

  propagation mode = propagation::immediate;
  std::chrono::milliseconds delay{60};
  int32_t leader = 1;
  std::optional<cluster::admin_result> next_result;

  std::vector<create_call> creates;
  std::vector<std::string> deletes;
  std::vector<partitions_call> partition_calls;
  std::vector<config_call> config_calls;

  boost::asio::awaitable<cluster::admin_result> create_topic(const cluster::new_topic& t, bool validate_only) override {
    creates.push_back({t, validate_only});
    if (auto r = take_result()) co_return *r;
    if (validate_only) co_return cluster::admin_result{};
    std::map<int32_t, std::vector<int32_t>> assignment = t.assignment;
    if (assignment.empty()) {
      for (int32_t p = 0; p < t.partitions; ++p) assignment[p] = {leader};
    }
    auto config = t.config;
    std::string name = t.name;
    propagate(name, [this, name, assignment, config] {
      cluster::topic_info& info = metadata_.upsert_topic(name);
      info.config = config;
      for (const auto& [p, replicas] : assignment) add_partition(info, p, replicas);
    });
    co_return cluster::admin_result{};
  }

  boost::asio::awaitable<cluster::admin_result> delete_topic(const std::string& name) override {
    deletes.push_back(name);
    if (auto r = take_result()) co_return *r;
    if (cluster::topic_info* info = metadata_.mutable_topic(name)) info->marked_for_deletion = true;
    propagate(name, [this, name] {
      for (const auto& tp : replicas_.partitions()) {
        if (tp.topic == name) replicas_.remove(tp);
      }
      metadata_.remove_topic(name);
    });
    co_return cluster::admin_result{};
  }

  boost::asio::awaitable<cluster::admin_result> create_partitions(const std::string& name, int32_t total,
                                                                  const std::vector<std::vector<int32_t>>& assignment,
                                                                  bool validate_only) override {
    partition_calls.push_back({name, total, assignment, validate_only});
    if (auto r = take_result()) co_return *r;
    if (validate_only) co_return cluster::admin_result{};
    propagate(name, [this, name, total, assignment] {
      cluster::topic_info* info = metadata_.mutable_topic(name);
      if (!info) return;
      const int32_t current = static_cast<int32_t>(info->assignment.size());
      for (int32_t p = current; p < total; ++p) {
        size_t i = static_cast<size_t>(p - current);
        add_partition(*info, p, i < assignment.size() ? assignment[i] : std::vector<int32_t>{leader});
      }
    });
    co_return cluster::admin_result{};
  }

  boost::asio::awaitable<cluster::admin_result> set_topic_config(const std::string& name,
                                                                 const std::map<std::string, std::string>& config,
                                                                 bool validate_only) override {
    config_calls.push_back({name, config, validate_only});
    if (auto r = take_result()) co_return *r;
    if (!validate_only) {
      if (cluster::topic_info* info = metadata_.mutable_topic(name)) info->config = config;
    }
    co_return cluster::admin_result{};
  }

 private:
  std::optional<cluster::admin_result> take_result() {
    auto r = std::move(next_result);
    next_result.reset();
    return r;
  }

  // The partition's assignment and leadership, as the controller would write them; the
  // first replica leads.
  void add_partition(cluster::topic_info& info, int32_t p, const std::vector<int32_t>& replicas) {
    info.assignment[p] = replicas;
    cluster::partition_state state;
    state.leader = replicas.empty() ? -1 : replicas.front();
    state.isr = replicas;
    state.replicas = replicas;
    info.partitions[p] = state;
    replicas_.apply({info.name, p}, state, log::log_config{}, 0);
  }

  void propagate(const std::string& topic, std::function<void()> apply) {
    auto apply_and_notify = [this, topic, apply] {
      apply();
      topic_waiters_.notify(topic);
    };
    switch (mode) {
      case propagation::immediate:
        apply_and_notify();
        return;
      case propagation::after_delay:
        alarms_.push_back(clock_.schedule(clock_.now() + delay, apply_and_notify));
        return;
      case propagation::never:
        return;
    }
  }

  cluster::metadata_cache& metadata_;
  cluster::replica_manager& replicas_;
  kb::clock& clock_;
  kb::delayed_operations<std::string>& topic_waiters_;
  std::vector<std::unique_ptr<kb::alarm>> alarms_;
};

}  // namespace kb::handlers::test
