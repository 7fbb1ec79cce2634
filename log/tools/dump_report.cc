#include "log/tools/dump_report.h"

namespace kb::log::tools {

void dump_report::index_mismatch(const std::string& file, int64_t index_offset, int64_t log_offset) {
  index_mismatches_[file].emplace_back(index_offset, log_offset);
}

void dump_report::time_index_mismatch(const std::string& file, int64_t index_timestamp, int64_t log_timestamp) {
  time_index_mismatches_[file].emplace_back(index_timestamp, log_timestamp);
}

void dump_report::out_of_order_timestamp(const std::string& file, int64_t index_timestamp, int64_t previous) {
  out_of_order_[file].emplace_back(index_timestamp, previous);
}

void dump_report::indexed_offset_not_found(const std::string& file, int64_t indexed_offset, int64_t log_offset) {
  offsets_not_found_[file].emplace_back(indexed_offset, log_offset);
}

void dump_report::non_consecutive_offsets(const std::string& file, int64_t previous, int64_t next) {
  non_consecutive_[file].emplace_back(previous, next);
}

bool dump_report::empty() const {
  return index_mismatches_.empty() && time_index_mismatches_.empty() && out_of_order_.empty() &&
         offsets_not_found_.empty() && non_consecutive_.empty();
}

void dump_report::print(std::ostream& err) const {
  for (const auto& [file, pairs] : time_index_mismatches_) {
    err << "Found timestamp mismatch in :" << file << '\n';
    for (auto [index_ts, log_ts] : pairs) {
      err << "  Index timestamp: " << index_ts << ", log timestamp: " << log_ts << '\n';
    }
  }
  for (const auto& [file, pairs] : out_of_order_) {
    err << "Found out of order timestamp in :" << file << '\n';
    for (auto [index_ts, previous] : pairs) {
      err << "  Index timestamp: " << index_ts << ", Previously indexed timestamp: " << previous << '\n';
    }
  }
  for (const auto& [file, pairs] : offsets_not_found_) {
    err << "The following indexed offsets are not found in the log of :" << file << '\n';
    for (auto [indexed, found] : pairs) {
      err << "  Indexed offset: " << indexed << ", found log offset: " << found << '\n';
    }
  }
  for (const auto& [file, pairs] : index_mismatches_) {
    err << "Mismatches in :" << file << '\n';
    for (auto [index_offset, log_offset] : pairs) {
      err << "  Index offset: " << index_offset << ", log offset: " << log_offset << '\n';
    }
  }
  for (const auto& [file, pairs] : non_consecutive_) {
    err << "Non-consecutive offsets in :" << file << '\n';
    for (auto [previous, next] : pairs) err << "  " << previous << " is followed by " << next << '\n';
  }
}

}  // namespace kb::log::tools
