#include "brokerd/config/zookeeper_connect.h"

#include <cctype>

#include "brokerd/config/config_error.h"
#include "brokerd/config/config_value.h"

namespace kb::brokerd {

namespace {

constexpr const char* key = "zookeeper.connect";
constexpr const char* expected = " (expected host:port[,host:port...][/chroot])";

// ZooKeeper's path rules (PathUtils.validatePath) for the chroot; "" if valid, else the reason.
std::string chroot_problem(std::string_view chroot) {
  if (chroot.back() == '/') return "the chroot must not end with '/'";
  size_t start = 1;
  while (start <= chroot.size()) {
    size_t slash = chroot.find('/', start);
    std::string_view node = chroot.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (node.empty()) return "the chroot has an empty node name ('//')";
    if (node == "." || node == "..") return "the chroot must not contain relative segments ('.' or '..')";
    for (char c : node) {
      auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7F) return "the chroot contains a control character";
    }
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return {};
}

}  // namespace

std::string zookeeper_connect::servers_string() const {
  std::string out;
  for (const zookeeper_server& s : servers) {
    if (!out.empty()) out += ',';
    out += s.host + ":" + std::to_string(s.port);
  }
  return out;
}

std::string zookeeper_connect::to_string() const { return servers_string() + chroot; }

zookeeper_connect parse_zookeeper_connect(std::string_view value, const std::string& origin) {
  const std::string whole(java_trim(value));
  auto fail = [&](const std::string& reason) { return config_error::invalid_value(key, whole, reason, origin); };
  if (whole.empty()) throw fail("the value is empty" + std::string(expected));

  zookeeper_connect out;
  std::string_view servers = whole;
  size_t slash = whole.find('/');
  if (slash != std::string::npos) {
    servers = std::string_view(whole).substr(0, slash);
    std::string_view chroot = std::string_view(whole).substr(slash);
    if (chroot != "/") {
      std::string problem = chroot_problem(chroot);
      if (!problem.empty()) throw fail(problem);
      out.chroot = std::string(chroot);
    }
  }
  size_t start = 0;
  while (true) {
    size_t comma = servers.find(',', start);
    std::string_view entry =
        java_trim(servers.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (entry.empty()) throw fail("a server entry is empty" + std::string(expected));
    size_t colon = entry.rfind(':');
    if (colon == std::string_view::npos) {
      throw fail("server '" + std::string(entry) + "' has no port" + expected);
    }
    std::string_view host = entry.substr(0, colon);
    std::string_view port = entry.substr(colon + 1);
    if (host.empty()) throw fail("server '" + std::string(entry) + "' has no host" + expected);
    for (char c : host) {
      if (std::isspace(static_cast<unsigned char>(c))) throw fail("server '" + std::string(entry) + "' has a space in its host");
    }
    bool digits = !port.empty();
    for (char c : port) digits = digits && std::isdigit(static_cast<unsigned char>(c));
    auto number = digits ? parse_java_integer(port, 1, 65535) : std::nullopt;
    if (!number) {
      throw fail("port '" + std::string(port) + "' of server '" + std::string(entry) + "' is not a number in the range 1-65535");
    }
    out.servers.push_back({std::string(host), static_cast<uint16_t>(*number)});
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace kb::brokerd
