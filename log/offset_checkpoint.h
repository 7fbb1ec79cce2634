#pragma once

#include <cstdint>
#include <filesystem>
#include <map>

#include "log/errc.h"
#include "log/types.h"

namespace kb::log {

// Kafka's per-log-dir offset checkpoint files (recovery-point-offset-checkpoint,
// log-start-offset-checkpoint, replication-offset-checkpoint):
//   0                      <- format version
//   2                      <- entry count
//   orders 0 1234          <- "<topic> <partition> <offset>", one per line
using offset_map = std::map<topic_partition, int64_t>;

// Writes atomically (temp file, fsync, rename, directory fsync).
void write_offset_checkpoint(const std::filesystem::path& file, const offset_map& offsets);

// A missing file reads as empty; a malformed one is an error (std::runtime_error naming the
// file and line), since guessing offsets could lose or duplicate data.
offset_map read_offset_checkpoint(const std::filesystem::path& file);

}  // namespace kb::log
