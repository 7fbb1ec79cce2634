#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>

#include "log/log_config.h"
#include "log/partition_log.h"

namespace kb::bench {

// Destinations the append benchmarks write batches to. restart() deletes what was written
// and starts an empty destination, so a long run keeps a bounded amount on disk. Each sink
// owns its files and deletes them on destruction. Single-threaded.

// A partition log; write() is append_as_leader.
class log_sink {
 public:
  log_sink(const std::filesystem::path& dir, const log::log_config& cfg, int64_t now_ms);
  ~log_sink();
  // False if the log rejected the batch. The batch's base offset and leader epoch are
  // rewritten in place, which the CRC does not cover, so the same buffer can go again.
  bool write(std::span<std::byte> batch);
  void restart();

 private:
  std::filesystem::path dir_;
  log::log_config cfg_;
  int64_t now_ms_;
  std::unique_ptr<log::partition_log> log_;
};

// One file written with plain ::write() calls and no fsync: the baseline.
class raw_file_sink {
 public:
  explicit raw_file_sink(const std::filesystem::path& path);
  ~raw_file_sink();
  raw_file_sink(const raw_file_sink&) = delete;
  raw_file_sink& operator=(const raw_file_sink&) = delete;
  bool write(std::span<std::byte> batch);
  void restart();

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace kb::bench
