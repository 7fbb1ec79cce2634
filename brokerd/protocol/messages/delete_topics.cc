#include "brokerd/protocol/messages/delete_topics.h"

#include "brokerd/protocol/messages/array_codec.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
constexpr size_t min_name_bytes = 2;
constexpr size_t min_result_bytes = 2 + 2;  // name, error_code
}  // namespace

delete_topics_request delete_topics_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, delete_topics_min_version, delete_topics_max_version);
  delete_topics_request out;
  out.topic_names = read_array<std::string>(r, min_name_bytes, read_string_element);
  out.timeout_ms = r.i32();
  return out;
}

void delete_topics_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, delete_topics_min_version, delete_topics_max_version);
  write_array(w, topic_names, write_string_element);
  w.i32(timeout_ms);
}

delete_topics_response delete_topics_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, delete_topics_min_version, delete_topics_max_version);
  delete_topics_response out;
  if (version >= 1) out.throttle_time_ms = r.i32();
  out.responses = read_array<deletable_topic_result>(r, min_result_bytes, [](wire_reader& r) {
    deletable_topic_result t;
    t.name = r.string();
    t.error_code = static_cast<protocol::error_code>(r.i16());
    return t;
  });
  return out;
}

void delete_topics_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, delete_topics_min_version, delete_topics_max_version);
  if (version >= 1) w.i32(throttle_time_ms);
  write_array(w, responses, [](wire_writer& w, const deletable_topic_result& t) {
    w.string(t.name);
    w.i16(static_cast<int16_t>(t.error_code));
  });
}

}  // namespace kb::protocol
