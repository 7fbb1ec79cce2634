#include "brokerd/group/offset_commit_record.h"

#include "brokerd/protocol/wire_writer.h"

namespace kb::group::offset_commit_record {
namespace {
constexpr int16_t first_flexible_value_version = 4;
}  // namespace

std::vector<std::byte> encode_key(const offset_commit_key& key) {
  protocol::wire_writer w;
  w.i16(key_version);
  w.string(key.group);
  w.string(key.topic);
  w.i32(key.partition);
  return std::move(w).take();
}

result<offset_commit_key> decode_key(protocol::bytes_view data) {
  return decode_record<offset_commit_key>(data, [](protocol::wire_reader& r) -> result<offset_commit_key> {
    const int16_t version = r.i16();
    if (version != 0 && version != 1) return make_error_code(record_errc::unsupported_version);
    offset_commit_key key;
    key.group = r.string();
    key.topic = r.string();
    key.partition = r.i32();
    return key;
  });
}

std::vector<std::byte> encode_value(const offset_commit_value& value) {
  const int16_t version = value.expire_timestamp != -1 ? value_version_with_expire_timestamp : value_version;
  protocol::wire_writer w;
  w.i16(version);
  w.i64(value.offset);
  if (version >= 3) w.i32(value.leader_epoch);
  w.string(value.metadata);
  w.i64(value.commit_timestamp);
  if (version == 1) w.i64(value.expire_timestamp);
  return std::move(w).take();
}

result<offset_commit_value> decode_value(protocol::bytes_view data) {
  return decode_record<offset_commit_value>(data, [](protocol::wire_reader& r) -> result<offset_commit_value> {
    const int16_t version = r.i16();
    if (version < 0 || version > first_flexible_value_version) {
      return make_error_code(record_errc::unsupported_version);
    }
    const bool flexible = version >= first_flexible_value_version;
    offset_commit_value value;
    value.offset = r.i64();
    if (version >= 3) value.leader_epoch = r.i32();
    value.metadata = flexible ? r.compact_string() : r.string();
    value.commit_timestamp = r.i64();
    if (version == 1) value.expire_timestamp = r.i64();
    if (flexible) r.skip_tagged_fields();
    return value;
  });
}

}  // namespace kb::group::offset_commit_record
