#include "log/meta_properties.h"

#include <ctime>
#include <map>
#include <sstream>
#include <stdexcept>

#include "log/file_handle.h"
#include "log/file_names.h"

namespace kb::log {

std::optional<meta_properties> read_meta_properties(const std::filesystem::path& log_dir) {
  std::filesystem::path file = log_dir / meta_properties_file;
  const std::optional<std::string> text = read_file_if_exists(file);
  if (!text) return std::nullopt;
  std::istringstream in(*text);
  // The subset of java.util.Properties syntax Kafka's files use: '#' or '!' comments,
  // key and value separated by '=' or ':' with optional surrounding whitespace.
  auto trim = [](std::string s) {
    size_t b = s.find_first_not_of(" \t\f\r");
    size_t e = s.find_last_not_of(" \t\f\r");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  };
  std::map<std::string, std::string> kv;
  std::string line;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#' || line[0] == '!') continue;
    auto sep = line.find_first_of("=:");
    if (sep == std::string::npos) throw std::runtime_error("malformed line in " + file.string() + ": " + line);
    kv[trim(line.substr(0, sep))] = trim(line.substr(sep + 1));
  }
  meta_properties meta;
  try {
    if (kv.count("version")) meta.version = std::stoi(kv["version"]);
    if (kv.count("broker.id")) meta.broker_id = std::stoi(kv["broker.id"]);
  } catch (const std::exception&) {
    throw std::runtime_error("malformed number in " + file.string());
  }
  if (kv.count("cluster.id")) meta.cluster_id = kv["cluster.id"];
  return meta;
}

void write_meta_properties(const std::filesystem::path& log_dir, const meta_properties& meta) {
  std::time_t now = std::time(nullptr);
  char date[64];
  std::strftime(date, sizeof date, "%a %b %d %H:%M:%S %Z %Y", std::localtime(&now));
  std::ostringstream out;
  out << "#\n#" << date << "\n";
  out << "broker.id=" << meta.broker_id << "\n";
  out << "version=" << meta.version << "\n";
  if (!meta.cluster_id.empty()) out << "cluster.id=" << meta.cluster_id << "\n";
  write_file_atomically(log_dir / meta_properties_file, out.str());
}

}  // namespace kb::log
