#include "zkmeta/znodes/broker_id_znode.h"

#include <nlohmann/json.hpp>

#include "zkmeta/znodes/json_fields.h"

namespace kb::zkmeta::broker_id_znode {
namespace {

using json_fields::json;

// "<listener>://<host>:<port>" -> endpoint without its security protocol.
result<broker_endpoint> parse_endpoint(std::string_view text) {
  const std::size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return make_error_code(znode_errc::invalid_value);
  const std::string_view host_port = text.substr(scheme_end + 3);
  const std::size_t colon = host_port.rfind(':');
  if (colon == std::string_view::npos) return make_error_code(znode_errc::invalid_value);
  std::string_view host = host_port.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  result<int64_t> port = json_fields::parse_decimal(host_port.substr(colon + 1));
  if (!port || port.value() < 0 || port.value() > 65535) return make_error_code(znode_errc::invalid_value);
  broker_endpoint e;
  e.listener_name = std::string(text.substr(0, scheme_end));
  e.host = std::string(host);
  e.port = static_cast<int32_t>(port.value());
  return e;
}

result<std::map<std::string, supported_version_range>> parse_features(const json& obj) {
  std::map<std::string, supported_version_range> out;
  for (const auto& [name, range] : obj.items()) {
    if (!range.is_object()) return make_error_code(znode_errc::wrong_type);
    result<int32_t> min = json_fields::int32_field(range, "min_version");
    if (!min) return min.error();
    result<int32_t> max = json_fields::int32_field(range, "max_version");
    if (!max) return max.error();
    out.emplace(name, supported_version_range{min.value(), max.value()});
  }
  return out;
}

}  // namespace

std::string path(kb::broker_id id) { return broker_ids_znode::path() + "/" + std::to_string(id()); }

std::string endpoint_string(const broker_endpoint& endpoint) {
  const bool ipv6 = endpoint.host.find(':') != std::string::npos;
  return endpoint.listener_name + "://" + (ipv6 ? "[" + endpoint.host + "]" : endpoint.host) + ":" +
         std::to_string(endpoint.port);
}

std::string encode(const broker_info& broker) {
  nlohmann::ordered_json features = nlohmann::ordered_json::object();
  for (const auto& [name, range] : broker.features) {
    features[name] = {{"min_version", range.min_version}, {"max_version", range.max_version}};
  }
  nlohmann::ordered_json protocols = nlohmann::ordered_json::object();
  nlohmann::ordered_json endpoints = nlohmann::ordered_json::array();
  const broker_endpoint* plaintext = nullptr;
  for (const broker_endpoint& e : broker.endpoints) {
    protocols[e.listener_name] = e.security_protocol;
    endpoints.push_back(endpoint_string(e));
    if (plaintext == nullptr && e.security_protocol == "PLAINTEXT") plaintext = &e;
  }

  nlohmann::ordered_json j;
  j["features"] = std::move(features);
  j["listener_security_protocol_map"] = std::move(protocols);
  j["endpoints"] = std::move(endpoints);
  if (broker.rack) j["rack"] = *broker.rack;
  j["jmx_port"] = broker.jmx_port;
  j["port"] = plaintext != nullptr ? plaintext->port : -1;
  j["host"] = plaintext != nullptr ? nlohmann::ordered_json(plaintext->host) : nlohmann::ordered_json(nullptr);
  j["version"] = 5;
  j["timestamp"] = std::to_string(broker.timestamp_ms);
  return j.dump();
}

result<broker_info> decode(kb::broker_id id, std::string_view data) {
  result<json> parsed = json_fields::parse_object(data);
  if (!parsed) return parsed.error();
  const json& j = parsed.value();
  broker_info b;
  b.id = id;

  result<int32_t> version = json_fields::int32_field(j, "version");
  if (!version) return version.error();
  if (version.value() < 1) return make_error_code(znode_errc::unsupported_version);
  b.version = version.value();

  if (b.version == 1) {  // host/port only: one PLAINTEXT endpoint
    result<std::string> host = json_fields::string_field(j, "host");
    if (!host) return host.error();
    result<int32_t> port = json_fields::int32_field(j, "port");
    if (!port) return port.error();
    if (port.value() < 0 || port.value() > 65535) return make_error_code(znode_errc::invalid_value);  // as in endpoints
    b.endpoints.push_back({"PLAINTEXT", "PLAINTEXT", host.value(), port.value()});
  } else {
    const auto endpoints = j.find("endpoints");
    if (endpoints == j.end()) return make_error_code(znode_errc::missing_field);
    if (!endpoints->is_array()) return make_error_code(znode_errc::wrong_type);
    result<const json*> protocols = json_fields::optional_object_field(j, "listener_security_protocol_map");
    if (!protocols) return protocols.error();
    for (const json& text : *endpoints) {
      if (!text.is_string()) return make_error_code(znode_errc::wrong_type);
      result<broker_endpoint> e = parse_endpoint(text.get_ref<const std::string&>());
      if (!e) return e.error();
      if (protocols.value() == nullptr) {  // before v4 the listener name is the protocol
        e.value().security_protocol = e.value().listener_name;
      } else {
        result<std::string> protocol = json_fields::string_field(*protocols.value(), e.value().listener_name);
        if (!protocol) return make_error_code(znode_errc::invalid_value);  // listener not in the map
        e.value().security_protocol = protocol.value();
      }
      b.endpoints.push_back(std::move(e.value()));
    }
  }

  result<std::optional<std::string>> rack = json_fields::optional_string_field(j, "rack");
  if (!rack) return rack.error();
  b.rack = rack.value();
  result<std::optional<int32_t>> jmx = json_fields::optional_int32_field(j, "jmx_port");
  if (!jmx) return jmx.error();
  b.jmx_port = jmx.value().value_or(-1);
  if (j.contains("timestamp")) {
    result<int64_t> ts = json_fields::int64_or_string_field(j, "timestamp");
    if (!ts) return ts.error();
    b.timestamp_ms = ts.value();
  }
  result<const json*> features = json_fields::optional_object_field(j, "features");
  if (!features) return features.error();
  if (features.value() != nullptr) {
    auto f = parse_features(*features.value());
    if (!f) return f.error();
    b.features = std::move(f.value());
  }
  return b;
}

}  // namespace kb::zkmeta::broker_id_znode
