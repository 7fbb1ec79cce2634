#include "log/leader_epoch_checkpoint.h"

#include <charconv>
#include <sstream>
#include <system_error>

#include "log/file_handle.h"

namespace kb::log {
namespace {

// Splits off the next '\n'-terminated line; false at the end of the text.
bool next_line(std::string_view& text, std::string_view& line) {
  if (text.empty()) return false;
  size_t end = text.find('\n');
  line = text.substr(0, end);
  text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
  return true;
}

// A whole field as a decimal integer (an optional leading '-', then digits only).
template <class T>
bool parse_int(std::string_view field, T& out) {
  if (field.empty()) return false;
  auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), out);
  return ec == std::errc{} && end == field.data() + field.size();
}

checkpoint_contents malformed(std::string problem) {
  return {checkpoint_status::malformed, {}, std::move(problem)};
}

}  // namespace

std::string format_leader_epoch_checkpoint(std::span<const epoch_entry> entries) {
  std::ostringstream out;
  out << "0\n" << entries.size() << "\n";
  for (const auto& e : entries) out << e.epoch << ' ' << e.start_offset << '\n';
  return out.str();
}

checkpoint_contents parse_leader_epoch_checkpoint(std::string_view text) {
  std::string_view line;
  // Kafka's CheckpointFile reads an empty file as no entries; an empty file here can only be
  // a write that never completed, so the caller is told to rebuild instead.
  if (!next_line(text, line)) return malformed("empty file");
  if (line != "0") return malformed("unsupported version line '" + std::string(line) + "'");
  uint32_t count = 0;
  if (!next_line(text, line) || !parse_int(line, count)) {
    return malformed("bad entry count '" + std::string(line) + "'");
  }
  checkpoint_contents out;
  out.status = checkpoint_status::loaded;
  for (uint32_t i = 0; i < count; ++i) {
    if (!next_line(text, line)) {
      return malformed("expected " + std::to_string(count) + " entries, found " + std::to_string(i));
    }
    size_t space = line.find(' ');
    epoch_entry e;
    if (space == std::string_view::npos || !parse_int(line.substr(0, space), e.epoch) ||
        !parse_int(line.substr(space + 1), e.start_offset)) {
      return malformed("bad entry '" + std::string(line) + "'");
    }
    if (e.epoch < 0 || e.start_offset < 0) return malformed("negative entry '" + std::string(line) + "'");
    if (!out.entries.empty() &&
        (e.epoch <= out.entries.back().epoch || e.start_offset <= out.entries.back().start_offset)) {
      return malformed("entry '" + std::string(line) + "' does not follow the previous one");
    }
    out.entries.push_back(e);
  }
  while (next_line(text, line)) {
    if (!line.empty()) return malformed("more entries than the count " + std::to_string(count));
  }
  return out;
}

checkpoint_contents read_leader_epoch_checkpoint(const std::filesystem::path& file) {
  const std::optional<std::string> text = read_file_if_exists(file);
  if (!text) return {};
  return parse_leader_epoch_checkpoint(*text);
}

void write_leader_epoch_checkpoint(const std::filesystem::path& file, std::span<const epoch_entry> entries) {
  write_file_atomically(file, format_leader_epoch_checkpoint(entries));
}

}  // namespace kb::log
