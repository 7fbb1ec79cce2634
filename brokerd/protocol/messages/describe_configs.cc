#include "brokerd/protocol/messages/describe_configs.h"

#include "brokerd/protocol/messages/array_codec.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
using request = describe_configs_request;
using response = describe_configs_response;

constexpr size_t min_resource_bytes = 1 + 2 + 4;  // type, name, null keys
constexpr size_t min_synonym_bytes = 2 + 2 + 1;   // name, null value, source
// name, null value, read_only, is_sensitive; the version-dependent fields only add to it.
constexpr size_t min_config_bytes = 2 + 2 + 1 + 1;
constexpr size_t min_result_bytes = 2 + 2 + 1 + 2 + 4;  // error, null message, type, name, configs

request::describe_configs_resource read_resource(wire_reader& r) {
  request::describe_configs_resource res;
  res.resource_type = static_cast<config_resource_type>(r.i8());
  res.resource_name = r.string();
  res.configuration_keys = read_nullable_array<std::string>(r, 2, read_string_element);
  return res;
}

void write_resource(wire_writer& w, const request::describe_configs_resource& res) {
  w.i8(static_cast<int8_t>(res.resource_type));
  w.string(res.resource_name);
  write_nullable_array(w, res.configuration_keys, write_string_element);
}

response::describe_configs_synonym read_synonym(wire_reader& r) {
  response::describe_configs_synonym s;
  s.name = r.string();
  s.value = r.nullable_string();
  s.source = static_cast<config_source>(r.i8());
  return s;
}

void write_synonym(wire_writer& w, const response::describe_configs_synonym& s) {
  w.string(s.name);
  w.nullable_string(s.value);
  w.i8(static_cast<int8_t>(s.source));
}

response::describe_configs_resource_result read_config(wire_reader& r, int16_t version) {
  response::describe_configs_resource_result c;
  c.name = r.string();
  c.value = r.nullable_string();
  c.read_only = r.boolean();
  if (version == 0) c.is_default = r.boolean();
  if (version >= 1) c.config_source = static_cast<config_source>(r.i8());
  c.is_sensitive = r.boolean();
  if (version >= 1) c.synonyms = read_array<response::describe_configs_synonym>(r, min_synonym_bytes, read_synonym);
  if (version >= 3) {
    c.config_type = static_cast<config_type>(r.i8());
    c.documentation = r.nullable_string();
  }
  return c;
}

void write_config(wire_writer& w, const response::describe_configs_resource_result& c, int16_t version) {
  w.string(c.name);
  w.nullable_string(c.value);
  w.boolean(c.read_only);
  if (version == 0) w.boolean(c.is_default);
  if (version >= 1) w.i8(static_cast<int8_t>(c.config_source));
  w.boolean(c.is_sensitive);
  if (version >= 1) write_array(w, c.synonyms, write_synonym);
  if (version >= 3) {
    w.i8(static_cast<int8_t>(c.config_type));
    w.nullable_string(c.documentation);
  }
}

response::describe_configs_result read_result(wire_reader& r, int16_t version) {
  response::describe_configs_result res;
  res.error_code = static_cast<error_code>(r.i16());
  res.error_message = r.nullable_string();
  res.resource_type = static_cast<config_resource_type>(r.i8());
  res.resource_name = r.string();
  res.configs = read_array<response::describe_configs_resource_result>(
      r, min_config_bytes, [version](wire_reader& r) { return read_config(r, version); });
  return res;
}

void write_result(wire_writer& w, const response::describe_configs_result& res, int16_t version) {
  w.i16(static_cast<int16_t>(res.error_code));
  w.nullable_string(res.error_message);
  w.i8(static_cast<int8_t>(res.resource_type));
  w.string(res.resource_name);
  write_array(w, res.configs, [version](wire_writer& w, const response::describe_configs_resource_result& c) {
    write_config(w, c, version);
  });
}
}  // namespace

describe_configs_request describe_configs_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, describe_configs_min_version, describe_configs_max_version);
  describe_configs_request out;
  out.resources = read_array<describe_configs_resource>(r, min_resource_bytes, read_resource);
  if (version >= 1) out.include_synonyms = r.boolean();
  if (version >= 3) out.include_documentation = r.boolean();
  return out;
}

void describe_configs_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, describe_configs_min_version, describe_configs_max_version);
  write_array(w, resources, write_resource);
  if (version >= 1) w.boolean(include_synonyms);
  if (version >= 3) w.boolean(include_documentation);
}

describe_configs_response describe_configs_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, describe_configs_min_version, describe_configs_max_version);
  describe_configs_response out;
  out.throttle_time_ms = r.i32();
  out.results = read_array<describe_configs_result>(r, min_result_bytes,
                                                    [version](wire_reader& r) { return read_result(r, version); });
  return out;
}

void describe_configs_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, describe_configs_min_version, describe_configs_max_version);
  w.i32(throttle_time_ms);
  write_array(w, results, [version](wire_writer& w, const describe_configs_result& res) {
    write_result(w, res, version);
  });
}

}  // namespace kb::protocol
