#pragma once

#include <filesystem>
#include <string_view>

namespace kb::bench {

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it on destruction.
// Benchmarks write their logs here so that nothing outlives the run. Single-threaded.
class scratch_dir {
 public:
  explicit scratch_dir(std::string_view prefix);
  ~scratch_dir();
  scratch_dir(const scratch_dir&) = delete;
  scratch_dir& operator=(const scratch_dir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace kb::bench
