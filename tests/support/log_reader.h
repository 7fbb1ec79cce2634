#pragma once

// Reads a partition_log back through its public read path and decodes what it returns,
// so tests check what a consumer would see.
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "log/batch_header.h"
#include "log/partition_log.h"
#include "log/record.h"

namespace kb::test {

struct read_record {
  int64_t offset;
  std::string value;
};

inline std::vector<std::byte> slice_bytes(const log::file_slice& s) {
  std::vector<std::byte> out(s.size);
  size_t n = s.file->read_at(s.position, out);
  out.resize(n);
  return out;
}

// Every record from `from` up to `max_offset` (exclusive), fetching 64 KiB at a time.
inline std::vector<read_record> read_all(log::partition_log& log, int64_t from, int64_t max_offset) {
  std::vector<read_record> out;
  int64_t next = from;
  while (next < max_offset) {
    auto r = log.read(next, 64 * 1024, max_offset, true);
    if (!r || !r.value().data) break;
    std::vector<std::byte> bytes = slice_bytes(*r.value().data);
    size_t at = 0;
    bool progressed = false;
    while (bytes.size() - at >= log::batch_header_size) {
      auto h = log::parse_batch_header(std::span(bytes).subspan(at));
      if (h.total_size() > bytes.size() - at) break;  // partial trailing batch
      auto records = log::batch_records::decode(std::span(bytes).subspan(at, h.total_size()));
      EXPECT_TRUE(records) << "undecodable batch at offset " << h.base_offset;
      if (!records) return out;
      for (const auto& rec : records.value().records()) {
        int64_t offset = h.base_offset + rec.offset_delta;
        if (offset < next || offset >= max_offset) continue;
        std::string value = rec.value ? std::string(reinterpret_cast<const char*>(rec.value->data()), rec.value->size()) : "";
        out.push_back({offset, value});
      }
      next = std::max(next, h.next_offset());
      progressed = true;
      at += h.total_size();
    }
    if (!progressed) break;
  }
  return out;
}

}  // namespace kb::test
