#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "log/offset_index.h"
#include "log/time_index.h"

// The entries of .index and .timeindex files, read with pread from a read-only descriptor.
// log::offset_index and log::time_index are not used here: they map the file, and a writable
// one would preallocate (resize) it.
namespace kb::log::tools {

// An index file's entries in use. An active segment's index is preallocated and zero-filled,
// and a zero slot reads as relative offset 0, i.e. the base offset; since offsets ascend,
// the first slot after slot 0 whose offset is the base offset ends the entries in use.
struct offset_index_contents {
  uint64_t file_bytes = 0;
  std::vector<offset_index::entry> entries;  // absolute offsets
};
struct time_index_contents {
  uint64_t file_bytes = 0;
  std::vector<time_index::entry> entries;  // absolute offsets
};

// Throw std::system_error when the file cannot be read (or is too large to be an index).
offset_index_contents read_offset_index(const std::filesystem::path& file, int64_t base_offset);
time_index_contents read_time_index(const std::filesystem::path& file, int64_t base_offset);

// nullopt when the index is well formed: whole entries, offsets at or above the base offset,
// and offsets and positions strictly ascending (timestamps and offsets non-decreasing for a
// time index). Otherwise a one-line description of the first problem.
std::optional<std::string> offset_index_problem(const offset_index_contents& index, int64_t base_offset);
std::optional<std::string> time_index_problem(const time_index_contents& index, int64_t base_offset);

// The position of the greatest entry with offset <= target, or 0 if there is none: where a
// forward scan for `target` may start.
uint64_t lookup_position(const offset_index_contents& index, int64_t target);

}  // namespace kb::log::tools
