#pragma once

#include <cstdint>

namespace kb::log::tools {

// What kafka-dump-log was asked to do; the flags keep Kafka's names (DumpLogSegments).
struct dump_options {
  bool print_data_log = false;      // print keys and values; implies deep iteration
  bool deep_iteration = false;      // one line per record, not just per batch
  bool verify_index_only = false;   // index files: report mismatches, print no entries
  bool index_sanity_check = false;  // index files: structural check only
  // The largest batch read into memory; a bigger one stops the dump of its file.
  uint64_t max_message_size = 5 * 1024 * 1024;

  bool deep() const { return deep_iteration || print_data_log; }
};

}  // namespace kb::log::tools
