#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace kb::log::tools {

// The base offset a segment file is named after: the digits before the first '.', as
// Kafka's DumpLogSegments reads it (so "00000000000000000042.log" and "42.log" both give 42).
std::optional<int64_t> base_offset_from_name(const std::filesystem::path& file);

// The file of the same segment with another suffix: ("dir/0…42.index", ".log") -> "dir/0…42.log".
std::filesystem::path sibling_file(const std::filesystem::path& file, const std::string& suffix);

}  // namespace kb::log::tools
