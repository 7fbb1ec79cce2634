#include "zkmeta/controller/full_assignment.h"

#include <algorithm>

namespace kb::zkmeta {
namespace {

bool contains(const std::vector<int32_t>& v, int32_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

std::vector<int32_t> without(const std::vector<int32_t>& from, const std::vector<int32_t>& remove) {
  std::vector<int32_t> out;
  for (int32_t r : from) {
    if (!contains(remove, r)) out.push_back(r);
  }
  return out;
}

std::vector<int32_t> full_assignment::origin() const { return without(replicas, adding); }

std::vector<int32_t> full_assignment::target() const { return without(replicas, removing); }

full_assignment full_assignment::reassign_to(const std::vector<int32_t>& target) const {
  const std::vector<int32_t> from = origin();
  full_assignment next;
  for (const std::vector<int32_t>* list : {&target, &from}) {
    for (int32_t r : *list) {
      if (!contains(next.replicas, r)) next.replicas.push_back(r);
    }
  }
  next.adding = without(next.replicas, from);
  next.removing = without(next.replicas, target);
  return next;
}

std::optional<full_assignment> full_assignment::of(const topic_assignment& topic, int32_t partition) {
  auto it = topic.partitions.find(partition);
  if (it == topic.partitions.end()) return std::nullopt;
  full_assignment out;
  out.replicas = it->second;
  if (auto a = topic.adding_replicas.find(partition); a != topic.adding_replicas.end()) out.adding = a->second;
  if (auto r = topic.removing_replicas.find(partition); r != topic.removing_replicas.end()) out.removing = r->second;
  return out;
}

void full_assignment::store(topic_assignment& topic, int32_t partition) const {
  topic.partitions[partition] = replicas;
  topic.adding_replicas.erase(partition);
  topic.removing_replicas.erase(partition);
  if (!adding.empty()) topic.adding_replicas[partition] = adding;
  if (!removing.empty()) topic.removing_replicas[partition] = removing;
}

std::optional<int32_t> reassignment_leader(const std::vector<int32_t>& target, const std::vector<int32_t>& isr,
                                           const std::set<int32_t>& live) {
  for (int32_t r : target) {
    if (live.count(r) && contains(isr, r)) return r;
  }
  return std::nullopt;
}

}  // namespace kb::zkmeta
