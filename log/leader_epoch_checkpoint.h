#pragma once

// The `leader-epoch-checkpoint` file of a partition directory (Kafka's LeaderEpochCheckpointFile):
//
//   0            <- format version
//   3            <- entry count
//   0 0          <- "<leader epoch> <start offset>": the first offset written in that epoch
//   2 1200          (epochs and start offsets both strictly increasing)
//   5 1750
//
// Written atomically (temp file, fsync, rename, directory fsync), so a reader sees either the
// old or the new contents, never a mix.

#include <compare>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kb::log {

inline constexpr std::string_view leader_epoch_checkpoint_file_name = "leader-epoch-checkpoint";

// One leader epoch and the offset of its first record (or, for an epoch begun by a leader
// that has not written yet, the log end offset at the election).
struct epoch_entry {
  int32_t epoch = 0;
  int64_t start_offset = 0;
  auto operator<=>(const epoch_entry&) const = default;
};

enum class checkpoint_status {
  loaded,     // the file was read; `entries` holds it (possibly no entries)
  missing,    // no file
  malformed,  // a file that is not the format above; `problem` says why
};

struct checkpoint_contents {
  checkpoint_status status = checkpoint_status::missing;
  std::vector<epoch_entry> entries;
  std::string problem;
};

// The file's text for `entries`.
std::string format_leader_epoch_checkpoint(std::span<const epoch_entry> entries);
// Parses the file's text. Anything but the format above, including entries that are not
// strictly increasing in both columns or negative, is `malformed`.
checkpoint_contents parse_leader_epoch_checkpoint(std::string_view text);

checkpoint_contents read_leader_epoch_checkpoint(const std::filesystem::path& file);
// Blocks on fsync. Throws std::system_error on I/O failure.
void write_leader_epoch_checkpoint(const std::filesystem::path& file, std::span<const epoch_entry> entries);

}  // namespace kb::log
