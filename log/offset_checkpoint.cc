#include "log/offset_checkpoint.h"

#include <sstream>
#include <stdexcept>

#include "log/file_handle.h"

namespace kb::log {

void write_offset_checkpoint(const std::filesystem::path& file, const offset_map& offsets) {
  std::ostringstream out;
  out << "0\n" << offsets.size() << "\n";
  for (const auto& [tp, offset] : offsets) out << tp.topic << ' ' << tp.partition << ' ' << offset << '\n';
  write_file_atomically(file, out.str());
}

offset_map read_offset_checkpoint(const std::filesystem::path& file) {
  offset_map out;
  const std::optional<std::string> text = read_file_if_exists(file);
  if (!text) return out;
  std::istringstream in(*text);
  auto fail = [&](const std::string& why) {
    throw std::runtime_error("malformed checkpoint file " + file.string() + ": " + why);
  };
  std::string line;
  // Like Kafka's CheckpointFile, an empty file (or one cut after the version) reads as empty.
  if (!std::getline(in, line)) return out;
  if (line != "0") fail("unsupported version line '" + line + "'");
  if (!std::getline(in, line)) return out;
  if (line.empty() || line.size() > 9 || line.find_first_not_of("0123456789") != std::string::npos) {
    fail("bad entry count '" + line + "'");
  }
  size_t count = std::stoul(line);
  for (size_t i = 0; i < count; ++i) {
    if (!std::getline(in, line)) fail("expected " + std::to_string(count) + " entries, found " + std::to_string(i));
    std::istringstream fields(line);
    topic_partition tp;
    int64_t offset = 0;
    std::string extra;
    if (!(fields >> tp.topic >> tp.partition >> offset) || (fields >> extra)) fail("bad entry '" + line + "'");
    out[tp] = offset;
  }
  while (std::getline(in, line)) {
    if (!line.empty()) fail("more entries than the count " + std::to_string(count));
  }
  return out;
}

}  // namespace kb::log
