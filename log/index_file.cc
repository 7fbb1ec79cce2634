#include "log/index_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include <glog/logging.h>

namespace kb::log {
namespace {
constexpr size_t reserve_step = 64 * 1024;
[[noreturn]] void throw_errno(const char* what, const std::filesystem::path& path) {
  throw std::system_error(errno, std::generic_category(), std::string(what) + " " + path.string());
}
}  // namespace

index_file::index_file(const std::filesystem::path& path, size_t entry_size, size_t max_bytes, bool writable)
    : path_(path), entry_size_(entry_size), writable_(writable) {
  fd_ = ::open(path.c_str(), (writable ? (O_RDWR | O_CREAT) : O_RDONLY) | O_CLOEXEC, 0644);
  if (fd_ < 0) throw_errno("open index", path);
  struct stat st {};
  if (::fstat(fd_, &st) != 0) throw_errno("fstat index", path);
  size_t existing = static_cast<size_t>(st.st_size);
  entries_ = existing / entry_size_;
  partial_entry_ = existing % entry_size_ != 0;
  // Nothing is assumed backed: a file left untrimmed by a crash or a halt is sparse past its
  // last write, and its zero slots count as entries until recovery truncates them.
  if (writable_) {
    size_t want = std::max(max_bytes / entry_size_ * entry_size_, entries_ * entry_size_);
    if (::ftruncate(fd_, static_cast<off_t>(want)) != 0) throw_errno("ftruncate index", path);
    map(want);
  } else {
    map(existing);
  }
}

index_file::~index_file() {
  unmap();
  if (fd_ >= 0) ::close(fd_);
}

void index_file::map(size_t bytes) {
  capacity_bytes_ = bytes / entry_size_ * entry_size_;
  if (bytes == 0) return;
  int prot = writable_ ? (PROT_READ | PROT_WRITE) : PROT_READ;
  void* p = ::mmap(nullptr, bytes, prot, MAP_SHARED, fd_, 0);
  if (p == MAP_FAILED) throw_errno("mmap index", path_);
  // Lookups are binary searches: read-ahead only zero-fills pages of a new, sparse index
  // (profiled at up to a quarter of the broker's CPU with 8 new partitions).
  ::madvise(p, bytes, MADV_RANDOM);
  base_ = static_cast<std::byte*>(p);
}

void index_file::unmap() {
  if (base_) ::munmap(base_, capacity_bytes_ > 0 ? capacity_bytes_ : 1);
  base_ = nullptr;
}

std::byte* index_file::append_slot() {
  CHECK(writable_) << "append to read-only index " << path_;
  // Invariant: callers check max_entries() (segment rolls when an index is full).
  CHECK_LT(entries_, max_entries()) << "index full: " << path_;
  reserve((entries_ + 1) * entry_size_);
  return base_ + (entries_++) * entry_size_;
}

void index_file::reserve(size_t end) {
  if (end <= reserved_bytes_) return;
  // 64 KiB at a time: one call per ~8,000 offset entries (~32 MiB of log).
  const size_t want = std::min(capacity_bytes_, (end + reserve_step - 1) / reserve_step * reserve_step);
  int rc = ::posix_fallocate(fd_, static_cast<off_t>(reserved_bytes_), static_cast<off_t>(want - reserved_bytes_));
  if (rc != 0) throw std::system_error(rc, std::generic_category(), "fallocate index " + path_.string());
  reserved_bytes_ = want;
}

void index_file::truncate_entries(size_t n) {
  if (n >= entries_) return;
  if (writable_) {
    // Punching a hole zeroes the slots without allocating: a memset would fault in blocks
    // under holes, a SIGBUS on a full disk.
    const off_t from = static_cast<off_t>(n * entry_size_);
    const off_t len = static_cast<off_t>((entries_ - n) * entry_size_);
    if (::fallocate(fd_, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, from, len) != 0) {
      if (errno != EOPNOTSUPP) throw_errno("fallocate punch hole in index", path_);
      reserve(entries_ * entry_size_);  // no hole punching here: back the slots, then zero them
      std::memset(base_ + n * entry_size_, 0, (entries_ - n) * entry_size_);
    }
    reserved_bytes_ = std::min(reserved_bytes_, n * entry_size_);
  }
  entries_ = n;
}

void index_file::resize(size_t max_bytes) {
  CHECK(writable_) << "resize of read-only index " << path_;
  size_t want = std::max(max_bytes / entry_size_, entries_) * entry_size_;
  if (want == capacity_bytes_) return;
  unmap();
  if (::ftruncate(fd_, static_cast<off_t>(want)) != 0) throw_errno("ftruncate index", path_);
  reserved_bytes_ = std::min(reserved_bytes_, want);
  map(want);
}

void index_file::flush() {
  if (base_ && writable_ && ::msync(base_, capacity_bytes_, MS_SYNC) != 0) throw_errno("msync index", path_);
}

}  // namespace kb::log
