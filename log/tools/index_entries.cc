#include "log/tools/index_entries.h"

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "log/big_endian.h"
#include "log/file_handle.h"

namespace kb::log::tools {
namespace {

// Kafka caps an index at segment.index.bytes (10 MiB by default); anything this big is not one.
constexpr uint64_t max_index_bytes = uint64_t{1} << 30;

std::vector<std::byte> read_whole(const std::filesystem::path& path, uint64_t& file_bytes) {
  file_handle file(path, file_handle::mode::read_only);
  file_bytes = file.size();
  if (file_bytes > max_index_bytes) {
    throw std::system_error(EFBIG, std::generic_category(), "too large to be an index: " + path.string());
  }
  std::vector<std::byte> bytes(file_bytes);
  bytes.resize(file.read_at(0, bytes));
  return bytes;
}

}  // namespace

offset_index_contents read_offset_index(const std::filesystem::path& file, int64_t base_offset) {
  offset_index_contents out;
  std::vector<std::byte> bytes = read_whole(file, out.file_bytes);
  const size_t slots = bytes.size() / offset_index::entry_size;
  for (size_t i = 0; i < slots; ++i) {
    const std::byte* p = bytes.data() + i * offset_index::entry_size;
    int32_t relative = be::load<int32_t>(p);
    if (i > 0 && relative == 0) break;
    out.entries.push_back({base_offset + relative, be::load<uint32_t>(p + 4)});
  }
  return out;
}

time_index_contents read_time_index(const std::filesystem::path& file, int64_t base_offset) {
  time_index_contents out;
  std::vector<std::byte> bytes = read_whole(file, out.file_bytes);
  const size_t slots = bytes.size() / time_index::entry_size;
  for (size_t i = 0; i < slots; ++i) {
    const std::byte* p = bytes.data() + i * time_index::entry_size;
    int32_t relative = be::load<int32_t>(p + 8);
    if (i > 0 && relative == 0) break;
    out.entries.push_back({be::load<int64_t>(p), base_offset + relative});
  }
  return out;
}

std::optional<std::string> offset_index_problem(const offset_index_contents& index, int64_t base_offset) {
  if (index.file_bytes % offset_index::entry_size != 0) {
    return "found " + std::to_string(index.file_bytes) + " bytes, which is not a multiple of " +
           std::to_string(offset_index::entry_size);
  }
  for (size_t i = 0; i < index.entries.size(); ++i) {
    const auto& e = index.entries[i];
    if (e.offset < base_offset) {
      return "entry " + std::to_string(i) + " has offset " + std::to_string(e.offset) + ", below the base offset " +
             std::to_string(base_offset);
    }
    if (i > 0 && (e.offset <= index.entries[i - 1].offset || e.position <= index.entries[i - 1].position)) {
      return "entry " + std::to_string(i) + " (offset " + std::to_string(e.offset) + " position " +
             std::to_string(e.position) + ") does not ascend from entry " + std::to_string(i - 1) + " (offset " +
             std::to_string(index.entries[i - 1].offset) + " position " +
             std::to_string(index.entries[i - 1].position) + ")";
    }
  }
  return std::nullopt;
}

std::optional<std::string> time_index_problem(const time_index_contents& index, int64_t base_offset) {
  if (index.file_bytes % time_index::entry_size != 0) {
    return "found " + std::to_string(index.file_bytes) + " bytes, which is not a multiple of " +
           std::to_string(time_index::entry_size);
  }
  for (size_t i = 0; i < index.entries.size(); ++i) {
    const auto& e = index.entries[i];
    if (e.offset < base_offset) {
      return "entry " + std::to_string(i) + " has offset " + std::to_string(e.offset) + ", below the base offset " +
             std::to_string(base_offset);
    }
    if (i > 0 && (e.timestamp < index.entries[i - 1].timestamp || e.offset < index.entries[i - 1].offset)) {
      return "entry " + std::to_string(i) + " (timestamp " + std::to_string(e.timestamp) + " offset " +
             std::to_string(e.offset) + ") goes backwards from entry " + std::to_string(i - 1) + " (timestamp " +
             std::to_string(index.entries[i - 1].timestamp) + " offset " +
             std::to_string(index.entries[i - 1].offset) + ")";
    }
  }
  return std::nullopt;
}

uint64_t lookup_position(const offset_index_contents& index, int64_t target) {
  auto it = std::upper_bound(index.entries.begin(), index.entries.end(), target,
                             [](int64_t t, const offset_index::entry& e) { return t < e.offset; });
  return it == index.entries.begin() ? 0 : std::prev(it)->position;
}

}  // namespace kb::log::tools
