#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

// Kafka's on-disk names (LogFileUtils): a segment is named by its base offset, zero-padded to
// 20 digits so that `ls` sorts segments numerically.
namespace kb::log {

inline constexpr const char* log_suffix = ".log";
inline constexpr const char* index_suffix = ".index";
inline constexpr const char* time_index_suffix = ".timeindex";
inline constexpr const char* clean_shutdown_file = ".kafka_cleanshutdown";
inline constexpr const char* lock_file = ".lock";
inline constexpr const char* recovery_point_checkpoint_file = "recovery-point-offset-checkpoint";
inline constexpr const char* log_start_offset_checkpoint_file = "log-start-offset-checkpoint";
inline constexpr const char* replication_offset_checkpoint_file = "replication-offset-checkpoint";
inline constexpr const char* meta_properties_file = "meta.properties";
inline constexpr const char* delete_dir_suffix = "-delete";

std::string offset_file_stem(int64_t base_offset);
std::filesystem::path log_path(const std::filesystem::path& dir, int64_t base_offset);
std::filesystem::path index_path(const std::filesystem::path& dir, int64_t base_offset);
std::filesystem::path time_index_path(const std::filesystem::path& dir, int64_t base_offset);

// The base offset of a file named "<20 digits><suffix>", or nullopt for any other name.
std::optional<int64_t> parse_base_offset(const std::filesystem::path& file, const std::string& suffix);

}  // namespace kb::log
