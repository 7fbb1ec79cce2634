#include "brokerd/config/listener_endpoint.h"

#include <cctype>

#include "brokerd/config/config_error.h"
#include "brokerd/config/config_value.h"

namespace kb::brokerd {

namespace {

// Kafka's endpoint pattern allows these characters in a host: [0-9a-zA-Z\-%._:].
bool valid_host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '%' || c == '.' || c == '_' || c == ':';
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

listener_endpoint parse_one(std::string_view entry, const std::string& key, std::string_view whole, const std::string& origin) {
  auto fail = [&](const std::string& reason) {
    return config_error::invalid_value(key, std::string(whole), reason, origin);
  };
  const std::string unparsable = "Unable to parse " + std::string(entry) + " to a broker endpoint";
  size_t scheme = entry.find("://");
  if (scheme == std::string_view::npos) throw fail(unparsable + " (expected NAME://host:port)");
  listener_endpoint l;
  l.name = upper(entry.substr(0, scheme));
  if (l.name.empty()) throw fail(unparsable + " (the listener name is missing)");
  std::string_view rest = entry.substr(scheme + 3);
  std::string_view host;
  std::string_view port;
  if (!rest.empty() && rest[0] == '[') {
    size_t close = rest.find(']');
    if (close == std::string_view::npos || close + 1 >= rest.size() || rest[close + 1] != ':') throw fail(unparsable);
    host = rest.substr(1, close - 1);
    port = rest.substr(close + 2);
  } else {
    size_t colon = rest.rfind(':');
    if (colon == std::string_view::npos) throw fail(unparsable + " (the port is missing)");
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  for (char c : host) {
    if (!valid_host_char(c)) throw fail(unparsable + " (invalid character in host)");
  }
  bool digits = !port.empty();
  for (char c : port) digits = digits && std::isdigit(static_cast<unsigned char>(c));
  auto number = digits ? parse_java_integer(port, 0, 65535) : std::nullopt;
  if (!number) {
    throw fail("port '" + std::string(port) + "' of " + std::string(entry) + " is not a number in the range 0-65535");
  }
  l.host = std::string(host);
  l.port = static_cast<uint16_t>(*number);
  return l;
}

}  // namespace

std::string listener_endpoint::to_string() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return name + "://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::vector<listener_endpoint> parse_listener_endpoints(std::string_view value, const std::string& key, const std::string& origin) {
  std::vector<listener_endpoint> out;
  for (const std::string& entry : split_csv(value)) out.push_back(parse_one(entry, key, java_trim(value), origin));
  return out;
}

}  // namespace kb::brokerd
