#include "brokerd/group/consumer_offsets_key.h"

#include "log/big_endian.h"

namespace kb::group {
namespace {
// Decodes with the kind's own decoder (which reads the version again) and widens the result.
template <class Key>
result<consumer_offsets_key> widen(result<Key> key) {
  if (!key) return key.error();
  return consumer_offsets_key(std::move(key).value());
}
}  // namespace

result<consumer_offsets_key> decode_consumer_offsets_key(protocol::bytes_view data) {
  if (data.size() < 2) return make_error_code(record_errc::malformed);
  switch (be::load<int16_t>(data.data())) {
    case 0:
    case 1:
      return widen(offset_commit_record::decode_key(data));
    case group_metadata_record::key_version:
      return widen(group_metadata_record::decode_key(data));
    default:
      return make_error_code(record_errc::unsupported_version);
  }
}

}  // namespace kb::group
