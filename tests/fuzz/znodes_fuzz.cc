// libFuzzer target: znode payloads through every decoder in zkmeta/znodes (what a broker reads
// from ZooKeeper, where any tool or an older Kafka may have written). Input: one byte choosing
// the decoder, then the payload. Decoders return errors and never throw; a payload that
// decodes must encode, that encoding must decode, and re-encoding it must give the same text
// (what the broker writes, it can read back unchanged).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "tests/fuzz/message_round_trip.h"
#include "zkmeta/znodes/broker_id_znode.h"
#include "zkmeta/znodes/cluster_id_znode.h"
#include "zkmeta/znodes/config_change_notification_znode.h"
#include "zkmeta/znodes/controller_epoch_znode.h"
#include "zkmeta/znodes/controller_znode.h"
#include "zkmeta/znodes/isr_change_notification_znode.h"
#include "zkmeta/znodes/log_dir_event_notification_znode.h"
#include "zkmeta/znodes/partition_state_znode.h"
#include "zkmeta/znodes/preferred_replica_election_znode.h"
#include "zkmeta/znodes/producer_id_block_znode.h"
#include "zkmeta/znodes/reassign_partitions_znode.h"
#include "zkmeta/znodes/topic_config_znode.h"
#include "zkmeta/znodes/topic_znode.h"

namespace {

using namespace kb::zkmeta;

// decode, then encode(decode) must decode and re-encode to itself.
template <class Decode, class Encode>
void check(std::string_view payload, Decode decode, Encode encode) {
  auto first = decode(payload);
  if (!first) return;
  const std::string written = encode(first.value());
  auto again = decode(written);
  if (!again) kb::fuzz::fail("an encoded znode does not decode");
  if (encode(again.value()) != written) kb::fuzz::fail("encode(decode(encode(x))) differs from encode(x)");
}

// The config map's key order is the JVM's (java.util.Properties), which depends on insertion
// order as well as on the keys, so re-encoding a decoded znode may reorder colliding keys, as
// Kafka's own read-modify-write does. What must hold: the written znode decodes to the same
// entries (a duplicated key keeps its last value).
void check_topic_config(std::string_view payload) {
  auto first = topic_config_znode::decode(payload);
  if (!first) return;
  const std::string written = topic_config_znode::encode(first.value());
  auto again = topic_config_znode::decode(written);
  if (!again) kb::fuzz::fail("an encoded topic config znode does not decode");
  std::map<std::string, std::string> before(first.value().begin(), first.value().end());
  for (const auto& [name, value] : first.value()) before[name] = value;
  const std::map<std::string, std::string> after(again.value().begin(), again.value().end());
  if (before != after || after.size() != again.value().size()) {
    kb::fuzz::fail("a topic config znode does not decode to the entries it was written from");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string_view payload(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 13) {
    case 0:
      check(payload, [](std::string_view d) { return broker_id_znode::decode(kb::broker_id{7}, d); },
            [](const broker_info& b) { return broker_id_znode::encode(b); });
      break;
    case 1:
      check(payload, cluster_id_znode::decode, [](const std::string& id) { return cluster_id_znode::encode(id); });
      break;
    case 2:
      check(payload, config_change_notification_znode::decode,
            [](const std::string& path) { return config_change_notification_znode::encode(path); });
      break;
    case 3:
      check(payload, controller_epoch_znode::decode, controller_epoch_znode::encode);
      break;
    case 4:
      check(payload, controller_znode::decode,
            [](const controller_info& c) { return controller_znode::encode(c.broker, c.timestamp_ms); });
      break;
    case 5:
      check(payload, isr_change_notification_sequence_znode::decode, isr_change_notification_sequence_znode::encode);
      break;
    case 6:
      check(payload, partition_state_znode::decode, partition_state_znode::encode);
      break;
    case 7:
      check(payload, preferred_replica_election_znode::decode, preferred_replica_election_znode::encode);
      break;
    case 8:
      check(payload, producer_id_block_znode::decode, producer_id_block_znode::encode);
      break;
    case 9:
      check(payload, reassign_partitions_znode::decode, reassign_partitions_znode::encode);
      break;
    case 10:
      check_topic_config(payload);
      break;
    case 12:
      check(payload, log_dir_event_notification_sequence_znode::decode, log_dir_event_notification_sequence_znode::encode);
      break;
    default:
      check(payload, topic_znode::decode, topic_znode::encode);
      break;
  }
  return 0;
}
