#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <span>

namespace kb::log {

// An open file descriptor with the few operations the log needs. Failures throw
// std::system_error naming the path: they are I/O faults, not data conditions.
// Not thread-safe; a const handle may still be read (pread) concurrently.
class file_handle {
 public:
  enum class mode { read_only, read_write_create };

  file_handle(const std::filesystem::path& path, mode m);
  ~file_handle();
  file_handle(const file_handle&) = delete;
  file_handle& operator=(const file_handle&) = delete;

  int fd() const { return fd_; }
  const std::filesystem::path& path() const { return path_; }
  uint64_t size() const;

  // Reads up to out.size() bytes at `position`; returns the count (short only at end of file).
  size_t read_at(uint64_t position, std::span<std::byte> out) const;
  // Appends at the end of the file (the file is opened with O_APPEND semantics for writes).
  void append(std::span<const std::byte> data);
  void write_at(uint64_t position, std::span<const std::byte> data);
  void truncate(uint64_t size);
  void sync();  // fdatasync: blocks until the data is durable

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

// fsync of a directory, so that a create, rename or unlink inside it is durable.
void sync_directory(const std::filesystem::path& dir);

// The whole of a small file (a checkpoint, meta.properties); nullopt if it does not exist.
// Any other failure (EIO, EISDIR, EACCES) throws std::system_error: its dir is failing.
std::optional<std::string> read_file_if_exists(const std::filesystem::path& path);

// Writes `contents` to `path` atomically: a temporary file is written and synced, renamed
// over `path`, and the directory synced.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

}  // namespace kb::log
