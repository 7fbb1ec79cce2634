#include "brokerd/group/member.h"

#include <glog/logging.h>

namespace kb::group {

bool member::has_satisfied_heartbeat() const {
  if (is_new) return heartbeat_satisfied;
  if (is_awaiting_join() || is_awaiting_sync()) return true;
  return heartbeat_satisfied;
}

const std::vector<std::byte>& member::metadata(const std::string& protocol) const {
  static const std::vector<std::byte> none;
  for (const auto& p : protocols) {
    if (p.name == protocol) return p.metadata;
  }
  return none;
}

std::string member::vote(const std::set<std::string>& candidates) const {
  for (const auto& p : protocols) {
    if (candidates.count(p.name)) return p.name;
  }
  // Unreachable while every member is counted once per protocol it names; answering with its
  // first preference keeps the group going if that ever breaks.
  LOG(ERROR) << "member " << id << " supports none of the candidate protocols";
  return protocols.empty() ? std::string() : protocols.front().name;
}

}  // namespace kb::group
