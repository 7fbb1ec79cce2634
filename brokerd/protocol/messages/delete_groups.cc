#include "brokerd/protocol/messages/delete_groups.h"

#include "brokerd/protocol/messages/array_codec.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
using response = delete_groups_response;

constexpr size_t min_result_bytes = 2 + 2;  // group id, error

response::deletable_group_result read_result(wire_reader& r) {
  response::deletable_group_result res;
  res.group_id = r.string();
  res.error_code = static_cast<error_code>(r.i16());
  return res;
}

void write_result(wire_writer& w, const response::deletable_group_result& res) {
  w.string(res.group_id);
  w.i16(static_cast<int16_t>(res.error_code));
}
}  // namespace

delete_groups_request delete_groups_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, delete_groups_min_version, delete_groups_max_version);
  delete_groups_request out;
  out.groups_names = read_array<std::string>(r, 2, read_string_element);
  return out;
}

void delete_groups_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, delete_groups_min_version, delete_groups_max_version);
  write_array(w, groups_names, write_string_element);
}

delete_groups_response delete_groups_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, delete_groups_min_version, delete_groups_max_version);
  delete_groups_response out;
  out.throttle_time_ms = r.i32();
  out.results = read_array<deletable_group_result>(r, min_result_bytes, read_result);
  return out;
}

void delete_groups_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, delete_groups_min_version, delete_groups_max_version);
  w.i32(throttle_time_ms);
  write_array(w, results, write_result);
}

}  // namespace kb::protocol
