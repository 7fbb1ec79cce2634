#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace kb::log::tools {

// Problems found while dumping, printed together to stderr after every file has been dumped,
// as Kafka's DumpLogSegments does. Keyed by file path; files print in name order and the
// problems of one file in the order they were found.
class dump_report {
 public:
  using pair = std::pair<int64_t, int64_t>;

  // An .index entry whose batch at that position has another last offset (-1: no batch).
  void index_mismatch(const std::string& file, int64_t index_offset, int64_t log_offset);
  // A .timeindex entry whose batch has another max timestamp.
  void time_index_mismatch(const std::string& file, int64_t index_timestamp, int64_t log_timestamp);
  // A .timeindex entry whose timestamp does not exceed the previous entry's.
  void out_of_order_timestamp(const std::string& file, int64_t index_timestamp, int64_t previous);
  // A .timeindex entry whose offset is not the last offset of any batch (-1: past the log end).
  void indexed_offset_not_found(const std::string& file, int64_t indexed_offset, int64_t log_offset);
  // Deep iteration met record offset `next` right after `previous` (gaps are normal after
  // compaction, so this is information, not an error).
  void non_consecutive_offsets(const std::string& file, int64_t previous, int64_t next);

  bool empty() const;
  void print(std::ostream& err) const;

 private:
  using by_file = std::map<std::string, std::vector<pair>>;
  by_file index_mismatches_;
  by_file time_index_mismatches_;
  by_file out_of_order_;
  by_file offsets_not_found_;
  by_file non_consecutive_;
};

}  // namespace kb::log::tools
