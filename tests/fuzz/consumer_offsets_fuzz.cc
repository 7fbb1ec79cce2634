// libFuzzer target: the records of __consumer_offsets and a consumer's subscription metadata,
// which the group coordinator decodes when it loads a partition and on every JoinGroup. Any
// client can write such records (Produce as "__admin_client", as Kafka's tools may), and
// another Kafka version may have written them. Input: one byte choosing the decoder, then the
// bytes. Decoders return errors and never throw; what decodes must encode, that must decode,
// and re-encoding it must give the same bytes.

#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>
#include <variant>
#include <vector>

#include "brokerd/group/consumer_offsets_key.h"
#include "brokerd/group/consumer_protocol.h"
#include "brokerd/group/group_metadata_record.h"
#include "brokerd/group/offset_commit_record.h"
#include "tests/fuzz/message_round_trip.h"

namespace {

using namespace kb::group;

template <class Decode, class Encode>
void check(std::span<const std::byte> bytes, Decode decode, Encode encode) {
  auto first = decode(bytes);
  if (!first) return;
  const std::vector<std::byte> written = encode(first.value());
  auto again = decode(written);
  if (!again) kb::fuzz::fail("an encoded record does not decode");
  if (encode(again.value()) != written) kb::fuzz::fail("encode(decode(encode(x))) differs from encode(x)");
}

std::vector<std::byte> encode_either_key(const consumer_offsets_key& key) {
  return std::visit(
      [](const auto& k) {
        if constexpr (std::is_same_v<std::decay_t<decltype(k)>, offset_commit_key>) {
          return offset_commit_record::encode_key(k);
        } else {
          return group_metadata_record::encode_key(k);
        }
      },
      key);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0:
      check(bytes, decode_consumer_offsets_key, encode_either_key);
      break;
    case 1:
      check(bytes, group_metadata_record::decode_value, group_metadata_record::encode_value);
      break;
    case 2:
      check(bytes, offset_commit_record::decode_value, offset_commit_record::encode_value);
      break;
    default:
      subscription_topics(bytes);  // nullopt or topics; never a crash
      break;
  }
  return 0;
}
