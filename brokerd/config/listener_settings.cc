#include "brokerd/config/listener_settings.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "brokerd/config/config_value.h"

namespace kb::brokerd {

namespace {

constexpr const char* listeners_key = "listeners";
constexpr const char* advertised_key = "advertised.listeners";
constexpr const char* map_key = "listener.security.protocol.map";
constexpr const char* inter_name_key = "inter.broker.listener.name";
constexpr const char* inter_protocol_key = "security.inter.broker.protocol";
constexpr const char* supported_protocol = "PLAINTEXT";

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool known_protocol(const std::string& p) {
  return p == "PLAINTEXT" || p == "SSL" || p == "SASL_PLAINTEXT" || p == "SASL_SSL";
}

std::string names_of(const std::vector<listener_endpoint>& ls) {
  std::string out;
  for (const listener_endpoint& l : ls) out += (out.empty() ? "" : ",") + l.name;
  return out;
}

std::map<std::string, std::string> parse_protocol_map(const config_reader& r) {
  const std::string value = r.get_string(map_key);
  std::map<std::string, std::string> map;
  for (const std::string& entry : split_csv(value)) {
    size_t colon = entry.rfind(':');
    if (colon == std::string::npos) {
      throw r.invalid(map_key, value, "entry '" + entry + "' is not of the form LISTENER_NAME:SECURITY_PROTOCOL");
    }
    std::string name = upper(std::string(java_trim(std::string_view(entry).substr(0, colon))));
    std::string protocol = upper(std::string(java_trim(std::string_view(entry).substr(colon + 1))));
    if (name.empty()) throw r.invalid(map_key, value, "entry '" + entry + "' has no listener name");
    if (!known_protocol(protocol)) {
      throw r.invalid(map_key, value, "Invalid security protocol `" + protocol + "` defined in " + map_key);
    }
    map[name] = protocol;
  }
  return map;
}

// Bound listeners: at least one, distinct names, distinct non-zero ports, PLAINTEXT only.
std::vector<listener_endpoint> bound_listeners(const config_reader& r, const std::map<std::string, std::string>& protocols) {
  const std::string value = r.get_string(listeners_key);
  std::vector<listener_endpoint> ls = parse_listener_endpoints(value, listeners_key, r.origin(listeners_key));
  if (ls.empty()) throw r.invalid(listeners_key, value, "At least one listener is required");
  std::set<std::string> names;
  std::set<uint16_t> ports;
  for (const listener_endpoint& l : ls) {
    if (!names.insert(l.name).second) {
      throw r.invalid(listeners_key, value, "Each listener must have a different name, listeners: " + value);
    }
    if (l.port != 0 && !ports.insert(l.port).second) {
      throw r.invalid(listeners_key, value, "Each listener must have a different port, listeners: " + value);
    }
    auto p = protocols.find(l.name);
    if (p == protocols.end()) {
      throw r.invalid(listeners_key, value,
                      "No security protocol defined for listener " + l.name + " (add it to " + map_key + ")");
    }
    if (p->second != supported_protocol) {
      throw r.invalid(listeners_key, value,
                      "listener " + l.name + " uses security protocol " + p->second + " (" + map_key +
                          "), but this broker supports only PLAINTEXT");
    }
  }
  return ls;
}

std::vector<listener_endpoint> published_listeners(const config_reader& r, const std::vector<listener_endpoint>& bound) {
  if (!r.supplied(advertised_key)) return bound;
  const std::string value = r.get_string(advertised_key);
  std::vector<listener_endpoint> ls = parse_listener_endpoints(value, advertised_key, r.origin(advertised_key));
  if (ls.empty()) throw r.invalid(advertised_key, value, "At least one advertised listener is required");
  std::set<std::string> names;
  for (const listener_endpoint& l : ls) {
    if (!names.insert(l.name).second) {
      throw r.invalid(advertised_key, value, "Each listener must have a different name, listeners: " + value);
    }
    bool bound_name = std::any_of(bound.begin(), bound.end(), [&](const listener_endpoint& b) { return b.name == l.name; });
    if (!bound_name) {
      throw r.invalid(advertised_key, value,
                      "advertised.listeners listener names must be equal to or a subset of the ones defined in "
                      "listeners. Found " + names_of(ls) + ". The valid options based on the current configuration are " +
                          names_of(bound));
    }
    if (l.port == 0) throw r.invalid(advertised_key, value, "listener " + l.name + " advertises port 0");
  }
  return ls;
}

std::string inter_broker_listener(const config_reader& r, const std::map<std::string, std::string>& protocols,
                                  const std::vector<listener_endpoint>& advertised) {
  std::string name;
  std::string key;
  if (r.supplied(inter_name_key)) {
    if (r.supplied(inter_protocol_key)) {
      throw config_error(std::string("Only one of ") + inter_name_key + " and " + inter_protocol_key +
                         " should be set.");
    }
    key = inter_name_key;
    name = upper(r.get_string(inter_name_key));
    if (protocols.count(name) == 0) {
      throw r.invalid(key, name,
                      "Listener with name " + name + " defined in " + inter_name_key + " not found in " + map_key + ".");
    }
  } else {
    key = inter_protocol_key;
    name = upper(r.get_string(inter_protocol_key));
    if (!known_protocol(name)) {
      throw r.invalid(key, name, "Invalid security protocol `" + name + "` defined in " + inter_protocol_key);
    }
    if (name != supported_protocol) throw r.invalid(key, name, "this broker supports only PLAINTEXT");
  }
  bool found = std::any_of(advertised.begin(), advertised.end(), [&](const listener_endpoint& l) { return l.name == name; });
  if (!found) {
    std::string hint = key == inter_protocol_key ? std::string("; set ") + inter_name_key + " to one of them" : "";
    throw r.invalid(key, name,
                    std::string(inter_name_key) + " must be a listener name defined in " + advertised_key +
                        ". The valid options based on currently configured listeners are " + names_of(advertised) +
                        hint);
  }
  return name;
}

}  // namespace

void resolve_listener_settings(const config_reader& r, const std::function<std::string()>& local_hostname,
                               broker_config& cfg) {
  cfg.listener_security_protocol_map = parse_protocol_map(r);
  cfg.listeners = bound_listeners(r, cfg.listener_security_protocol_map);
  cfg.advertised_listeners = published_listeners(r, cfg.listeners);
  const char* published_key = r.supplied(advertised_key) ? advertised_key : listeners_key;
  std::string hostname;
  for (listener_endpoint& l : cfg.advertised_listeners) {
    if (l.host == "0.0.0.0") {
      throw r.invalid(published_key, r.get_string(published_key),
                      "advertised.listeners cannot use the nonroutable meta-address 0.0.0.0. Use a routable IP "
                      "address.");
    }
    if (l.host.empty()) {
      if (hostname.empty()) hostname = local_hostname();
      l.host = hostname;
    }
  }
  cfg.inter_broker_listener_name = inter_broker_listener(r, cfg.listener_security_protocol_map, cfg.advertised_listeners);
}

}  // namespace kb::brokerd
