#include "log/file_handle.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace kb::log {
namespace {

[[noreturn]] void throw_errno(const char* what, const std::filesystem::path& path) {
  const int error = errno;  // before the message allocates
  throw std::system_error(error, std::generic_category(), std::string(what) + " " + path.string());
}

}  // namespace

file_handle::file_handle(const std::filesystem::path& path, mode m) : path_(path) {
  int flags = m == mode::read_only ? O_RDONLY : (O_RDWR | O_CREAT);
  fd_ = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
  if (fd_ < 0) throw_errno("open", path);
}

file_handle::~file_handle() {
  if (fd_ >= 0) ::close(fd_);
}

uint64_t file_handle::size() const {
  struct stat st {};
  if (::fstat(fd_, &st) != 0) throw_errno("fstat", path_);
  return static_cast<uint64_t>(st.st_size);
}

size_t file_handle::read_at(uint64_t position, std::span<std::byte> out) const {
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(position + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno("pread", path_);
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  return done;
}

void file_handle::append(std::span<const std::byte> data) { write_at(size(), data); }

void file_handle::write_at(uint64_t position, std::span<const std::byte> data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::pwrite(fd_, data.data() + done, data.size() - done, static_cast<off_t>(position + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno("pwrite", path_);
    }
    done += static_cast<size_t>(n);
  }
}

void file_handle::truncate(uint64_t size) {
  if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) throw_errno("ftruncate", path_);
}

void file_handle::sync() {
  if (::fdatasync(fd_) != 0) throw_errno("fdatasync", path_);
}

void sync_directory(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw_errno("open directory", dir);
  int rc = ::fsync(fd);
  int saved = errno;
  ::close(fd);
  if (rc != 0) {
    errno = saved;
    throw_errno("fsync directory", dir);
  }
}

std::optional<std::string> read_file_if_exists(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::nullopt;
    throw_errno("open", path);
  }
  std::string contents;
  char buffer[8192];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      errno = error;
      throw_errno("read", path);
    }
    if (n == 0) break;
    contents.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return contents;
}

void write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    file_handle f(tmp, file_handle::mode::read_write_create);
    f.truncate(0);
    f.write_at(0, std::as_bytes(std::span(contents.data(), contents.size())));
    f.sync();
  }
  std::filesystem::rename(tmp, path);
  sync_directory(path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path());
}

}  // namespace kb::log
