#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace kb::test {

// Makes every read of the already-open file `path` fail, as reads from a failing disk fail
// with EIO: each descriptor this process holds for it is replaced (dup2, same number) by one
// for a directory, whose reads fail with EISDIR. Returns how many descriptors were replaced.
// This kernel has no device-mapper (dm-error), so a real EIO cannot be made here.
inline int fail_reads_of(const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  const fs::path target = fs::canonical(path);
  const int dir = ::open(target.parent_path().c_str(), O_RDONLY | O_DIRECTORY);
  if (dir < 0) return 0;
  int replaced = 0;
  for (const auto& entry : fs::directory_iterator("/proc/self/fd")) {
    std::error_code ec;
    const fs::path points_to = fs::read_symlink(entry.path(), ec);
    if (ec || points_to != target) continue;
    const int fd = std::stoi(entry.path().filename().string());
    if (::dup2(dir, fd) == fd) ++replaced;
  }
  ::close(dir);
  return replaced;
}

}  // namespace kb::test
