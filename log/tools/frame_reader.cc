#include "log/tools/frame_reader.h"

#include <array>

#include "log/batch_header.h"
#include "log/big_endian.h"
#include "log/legacy_message.h"

namespace kb::log::tools {
namespace {

constexpr size_t prefix_size = 17;
constexpr size_t legacy_timestamp_offset = legacy_magic_offset + 2;

// Smallest whole entry per magic; v2 is the 61-byte batch header.
uint64_t min_size(int8_t magic) {
  switch (magic) {
    case 0: return legacy_min_entry_v0;
    case 1: return legacy_min_entry_v1;
    case 2: return batch_header_size;
    default: return legacy_min_entry_v0;
  }
}

}  // namespace

frame_status read_frame(const file_handle& file, uint64_t position, uint64_t end, frame& out) {
  if (position >= end) return frame_status::end_of_file;
  std::array<std::byte, batch_header_size> head{};
  const uint64_t available = end - position;
  if (available < prefix_size) return frame_status::torn;
  size_t want = static_cast<size_t>(std::min<uint64_t>(available, head.size()));
  if (file.read_at(position, std::span(head.data(), want)) < want) return frame_status::torn;

  auto prefix = parse_batch_prefix(head);
  out = frame{};
  out.position = position;
  out.magic = be::load<int8_t>(head.data() + magic_offset);
  if (prefix.batch_length < 0) return frame_status::torn;
  out.size = static_cast<uint64_t>(prefix.batch_length) + log_overhead;
  if (out.size < min_size(out.magic) || out.size > available) return frame_status::torn;

  if (out.magic == current_magic) {
    batch_header h = parse_batch_header(head);
    out.last_offset = h.last_offset();
    out.max_timestamp = h.max_timestamp;
  } else if (out.magic == 0 || out.magic == 1) {
    out.last_offset = prefix.base_offset;
    if (out.magic == 1) out.max_timestamp = be::load<int64_t>(head.data() + legacy_timestamp_offset);
  }
  return frame_status::ok;
}

}  // namespace kb::log::tools
