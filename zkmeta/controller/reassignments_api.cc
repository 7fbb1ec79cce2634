// The API entry points of the reassignment state machine (Alter/ListPartitionReassignments):
// requests queue up here and run inside the controller's event loop.
#include "zkmeta/controller/reassignments.h"

#include <glog/logging.h>

#include <algorithm>

#include "zkmeta/controller/controller.h"
#include "zkmeta/znodes/delete_topic_znode.h"
#include "zkmeta/znodes/reassign_partitions_znode.h"
#include "zkmeta/broker_list_text.h"

namespace kb::zkmeta {
namespace {

// Scala's toString of the collections Kafka's messages print: "ArrayBuffer(1, 2)", "Set(0, 1)".
template <class C>
std::string scala(const char* kind, const C& ids) {
  std::string out = std::string(kind) + "(";
  bool first = true;
  for (int32_t id : ids) {
    out += (first ? "" : ", ") + std::to_string(id);
    first = false;
  }
  return out + ")";
}

}  // namespace

void reassignments::on_stop() {
  api_requests_.clear();
  api_done_.notify_all();
}

awaitable<bool> reassignments::submit(const std::shared_ptr<api_request>& request) {
  if (!c_.active_) co_return false;
  api_requests_.push_back(request);
  c_.enqueue({controller::event_kind::reassignment_requests, {}});
  while (!request->done && c_.active_) co_await api_done_.wait();
  co_return request->done;
}

awaitable<std::optional<std::map<kb::topic_partition, reassignment_outcome>>> reassignments::alter(
    alter_request request) {
  auto r = std::make_shared<api_request>();
  r->alter = std::move(request);
  if (!co_await submit(r)) co_return std::nullopt;
  co_return std::move(r->alter_results);
}

awaitable<std::optional<std::map<kb::topic_partition, full_assignment>>> reassignments::list(
    std::optional<std::set<kb::topic_partition>> partitions) {
  auto r = std::make_shared<api_request>();
  r->is_list = true;
  r->list_filter = std::move(partitions);
  if (!co_await submit(r)) co_return std::nullopt;
  co_return std::move(r->list_results);
}

awaitable<void> reassignments::on_api_requests() {
  while (!api_requests_.empty() && c_.active_) {
    std::shared_ptr<api_request> r = api_requests_.front();
    api_requests_.pop_front();
    if (r->is_list) {
      const std::set<kb::topic_partition> wanted = r->list_filter.value_or(in_progress_);
      for (const auto& tp : wanted) {
        auto topic = c_.topics_.find(tp.topic);
        if (topic == c_.topics_.end()) continue;
        auto a = full_assignment::of(topic->second, tp.partition);
        if (a && a->being_reassigned()) r->list_results[tp] = *a;
      }
    } else {
      co_await alter_now(r->alter, r->alter_results);
    }
    // A fenced controller answers nothing (the caller sees NOT_CONTROLLER).
    r->done = c_.active_;
    api_done_.notify_all();
  }
}

// Kafka's validateReplicas, with its messages (Scala collections printed as Scala does).
std::optional<std::string> reassignments::invalid_target(const kb::topic_partition& tp,
                                                         const std::vector<int32_t>& target) const {
  if (target.empty()) return "Empty replica list specified in partition reassignment.";
  if (std::set<int32_t>(target.begin(), target.end()).size() != target.size()) {
    return "Duplicate replica ids in partition reassignment replica list: " + scala("ArrayBuffer", target);
  }
  if (std::any_of(target.begin(), target.end(), [](int32_t r) { return r < 0; })) {
    return "Invalid broker id in replica list: " + scala("ArrayBuffer", target);
  }
  full_assignment current;
  if (auto topic = c_.topics_.find(tp.topic); topic != c_.topics_.end()) {
    current = full_assignment::of(topic->second, tp.partition).value_or(full_assignment{});
  }
  const std::vector<int32_t> adding = current.reassign_to(target).adding;
  if (std::any_of(adding.begin(), adding.end(), [&](int32_t r) { return !c_.live_.count(r); })) {
    return "Replica assignment has brokers that are not alive. Replica list: " + scala("ArrayBuffer", adding) +
           ", live broker list: " + scala("Set", c_.live_);
  }
  return std::nullopt;
}

awaitable<void> reassignments::alter_now(const alter_request& request,
                                         std::map<kb::topic_partition, reassignment_outcome>& results) {
  std::map<kb::topic_partition, full_assignment> to_start;
  for (const auto& [tp, target] : request) {
    if (target) {
      if (std::optional<std::string> invalid = invalid_target(tp, *target)) {
        results[tp] = {reassignment_error::invalid_replica_assignment, *invalid};
        continue;
      }
    }
    full_assignment current;
    if (auto topic = c_.topics_.find(tp.topic); topic != c_.topics_.end()) {
      current = full_assignment::of(topic->second, tp.partition).value_or(full_assignment{});
    }
    if (current.being_reassigned()) {
      to_start[tp] = current.reassign_to(target.value_or(current.origin()));
    } else if (target) {
      to_start[tp] = current.reassign_to(*target);
    } else {
      results[tp] = {reassignment_error::no_reassignment_in_progress, "No partition reassignment is in progress."};
    }
  }
  // The latest request wins: these partitions leave /admin/reassign_partitions.
  std::function<bool(const partition_reassignment&)> superseded = [&to_start](const partition_reassignment& r) {
    return to_start.count(r.tp) > 0;
  };
  if (!to_start.empty() && co_await remove_from_znode(std::move(superseded)) == write_outcome::fenced) co_return;
  for (const auto& [tp, next] : to_start) {
    auto topic = c_.topics_.find(tp.topic);
    bool exists = topic != c_.topics_.end() && full_assignment::of(topic->second, tp.partition).has_value();
    auto marked = co_await c_.zk_.exists(delete_topic_znode::path(tp.topic));
    if (!exists || (marked && marked.value().has_value())) {
      results[tp] = {reassignment_error::unknown_topic_or_partition, "The partition does not exist."};
      continue;
    }
    LOG(INFO) << prefix() << "reassignment of " << tp << " to " << bracketed_broker_list(next.target())
              << " requested through AlterPartitionReassignments";
    if (co_await reassign(tp, next)) {
      results[tp] = {};
    } else if (!c_.active_) {
      co_return;
    } else {
      results[tp] = {reassignment_error::failed, "The server experienced an unexpected error when processing the request."};
    }
  }
}

}  // namespace kb::zkmeta
