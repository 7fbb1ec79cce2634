#include "brokerd/protocol/messages/alter_configs.h"

#include "brokerd/protocol/messages/array_codec.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
using request = alter_configs_request;
using response = alter_configs_response;

constexpr size_t min_config_bytes = 2 + 2;            // name, null value
constexpr size_t min_resource_bytes = 1 + 2 + 4;      // type, name, configs
constexpr size_t min_response_bytes = 2 + 2 + 1 + 2;  // error, null message, type, name

request::alter_configs_resource read_resource(wire_reader& r) {
  request::alter_configs_resource res;
  res.resource_type = static_cast<config_resource_type>(r.i8());
  res.resource_name = r.string();
  res.configs = read_array<request::alterable_config>(r, min_config_bytes, [](wire_reader& r) {
    request::alterable_config c;
    c.name = r.string();
    c.value = r.nullable_string();
    return c;
  });
  return res;
}

void write_resource(wire_writer& w, const request::alter_configs_resource& res) {
  w.i8(static_cast<int8_t>(res.resource_type));
  w.string(res.resource_name);
  write_array(w, res.configs, [](wire_writer& w, const request::alterable_config& c) {
    w.string(c.name);
    w.nullable_string(c.value);
  });
}

response::alter_configs_resource_response read_response(wire_reader& r) {
  response::alter_configs_resource_response res;
  res.error_code = static_cast<error_code>(r.i16());
  res.error_message = r.nullable_string();
  res.resource_type = static_cast<config_resource_type>(r.i8());
  res.resource_name = r.string();
  return res;
}

void write_response(wire_writer& w, const response::alter_configs_resource_response& res) {
  w.i16(static_cast<int16_t>(res.error_code));
  w.nullable_string(res.error_message);
  w.i8(static_cast<int8_t>(res.resource_type));
  w.string(res.resource_name);
}
}  // namespace

alter_configs_request alter_configs_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, alter_configs_min_version, alter_configs_max_version);
  alter_configs_request out;
  out.resources = read_array<alter_configs_resource>(r, min_resource_bytes, read_resource);
  out.validate_only = r.boolean();
  return out;
}

void alter_configs_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, alter_configs_min_version, alter_configs_max_version);
  write_array(w, resources, write_resource);
  w.boolean(validate_only);
}

alter_configs_response alter_configs_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, alter_configs_min_version, alter_configs_max_version);
  alter_configs_response out;
  out.throttle_time_ms = r.i32();
  out.responses = read_array<alter_configs_resource_response>(r, min_response_bytes, read_response);
  return out;
}

void alter_configs_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, alter_configs_min_version, alter_configs_max_version);
  w.i32(throttle_time_ms);
  write_array(w, responses, write_response);
}

}  // namespace kb::protocol
