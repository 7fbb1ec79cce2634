#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>

namespace kb::log {

// A memory-mapped file of fixed-size entries, the storage shared by the offset and time
// indexes (Kafka's AbstractIndex). While writable it is preallocated to `max_bytes` rounded
// down to a whole entry; trim() shrinks the file to the entries in use, as Kafka does when a
// segment rolls or closes. An existing file opens with entries = length / entry_size, so a
// file must be trimmed before it is reopened or its zero-filled tail reads as entries.
// The preallocated file is sparse; the blocks under the next entries are reserved with
// fallocate before they are written through the mapping, so a full disk is an exception
// (ENOSPC) rather than a SIGBUS. Not thread-safe.
class index_file {
 public:
  index_file(const std::filesystem::path& path, size_t entry_size, size_t max_bytes, bool writable);
  ~index_file();
  index_file(const index_file&) = delete;
  index_file& operator=(const index_file&) = delete;

  const std::filesystem::path& path() const { return path_; }
  size_t entry_size() const { return entry_size_; }
  size_t entries() const { return entries_; }
  size_t max_entries() const { return capacity_bytes_ / entry_size_; }
  // Size of the file on disk, which is the preallocated size while writable.
  size_t file_bytes() const { return capacity_bytes_; }
  // True if the file held a partial trailing entry when opened: a sure sign of corruption.
  bool opened_with_partial_entry() const { return partial_entry_; }

  const std::byte* entry(size_t i) const { return base_ + i * entry_size_; }
  // Reserves the next entry slot; the caller fills it. Requires entries() < max_entries().
  // Throws std::system_error when the disk has no block for it.
  std::byte* append_slot();
  // Forgets entries at and after `n`, zeroing their slots (a punched hole; nothing is
  // allocated). Throws std::system_error when that fails.
  void truncate_entries(size_t n);
  // Resizes the file (and mapping) to hold `max_bytes`, keeping existing entries.
  void resize(size_t max_bytes);
  void trim() { resize(entries_ * entry_size_); }
  // msync: makes the entries durable.
  void flush();

 private:
  void map(size_t bytes);
  // Makes sure the file's first `end` bytes have blocks under them; throws on ENOSPC.
  void reserve(size_t end);
  void unmap();

  std::filesystem::path path_;
  size_t entry_size_;
  bool writable_;
  int fd_ = -1;
  std::byte* base_ = nullptr;
  size_t capacity_bytes_ = 0;
  size_t reserved_bytes_ = 0;  // a prefix of the file known to have blocks under it
  size_t entries_ = 0;
  bool partial_entry_ = false;
};

}  // namespace kb::log
