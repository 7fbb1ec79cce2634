#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "log/compression.h"

namespace kb::log {

// Builds one RecordBatch v2 with a valid CRC-32C, optionally compressed. Used where the
// broker itself must write records (up-converting legacy message sets, control batches) and
// by tests and benchmarks.
class record_batch_builder {
 public:
  using header = std::pair<std::string_view, std::optional<std::string_view>>;

  explicit record_batch_builder(compression_type c = compression_type::none) : compression_(c) {}

  record_batch_builder& base_offset(int64_t v) { base_offset_ = v; return *this; }
  record_batch_builder& partition_leader_epoch(int32_t v) { leader_epoch_ = v; return *this; }
  record_batch_builder& producer(int64_t id, int16_t epoch, int32_t base_sequence) {
    producer_id_ = id; producer_epoch_ = epoch; base_sequence_ = base_sequence; return *this;
  }
  record_batch_builder& transactional(bool v) { transactional_ = v; return *this; }

  // Appends a record at the next offset delta.
  void add(int64_t timestamp, std::optional<std::string_view> key, std::optional<std::string_view> value,
           const std::vector<header>& headers = {});

  bool empty() const { return count_ == 0; }
  int32_t count() const { return count_; }
  std::vector<std::byte> build() const;

 private:
  compression_type compression_;
  int64_t base_offset_ = 0;
  int32_t leader_epoch_ = -1;
  int64_t producer_id_ = -1;
  int16_t producer_epoch_ = -1;
  int32_t base_sequence_ = -1;
  bool transactional_ = false;
  std::optional<int64_t> base_timestamp_;
  int64_t max_timestamp_ = -1;
  int32_t count_ = 0;
  std::vector<std::byte> records_;  // encoded, uncompressed
};

}  // namespace kb::log
