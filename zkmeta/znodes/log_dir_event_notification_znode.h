#pragma once

// /log_dir_event_notification/log_dir_event_<seq>: persistent sequential; posted by a broker
// when one of its log dirs failed and others remain, watched (children) and deleted by the
// controller, which then asks that broker which of its replicas went offline (Kafka's
// LogDirEventNotificationSequenceZNode, KIP-112). Payload, key order as Kafka writes it:
//   {"version":1,"broker":1,"event":1}
// event 1 is LogDirFailure, the only kind Kafka defines; decode reads only "broker", as Kafka's.

#include <cstdint>
#include <string>
#include <string_view>

#include "zkmeta/znodes/znode_errc.h"

namespace kb::zkmeta {

namespace log_dir_event_notification_znode {
inline std::string path() { return "/log_dir_event_notification"; }
}  // namespace log_dir_event_notification_znode

namespace log_dir_event_notification_sequence_znode {

inline constexpr std::string_view prefix = "log_dir_event_";
inline constexpr int32_t log_dir_failure_event = 1;
// path() is what to create with persistent_sequential; path(seq) names an existing child.
inline std::string path(std::string_view sequence_number = "") {
  return log_dir_event_notification_znode::path() + "/" + std::string(prefix) + std::string(sequence_number);
}

std::string encode(int32_t broker);
// The broker whose log dir failed.
result<int32_t> decode(std::string_view data);

}  // namespace log_dir_event_notification_sequence_znode
}  // namespace kb::zkmeta
