#include "brokerd/protocol/response_buffer.h"

namespace kb::protocol {

void response_buffer::file(const log::file_slice& slice) {
  if (slice.size == 0) return;
  if (current_.size() > 0) {
    sealed_bytes_ += current_.size();
    chunks_.emplace_back(std::move(current_).take());
    current_ = wire_writer();
  }
  sealed_bytes_ += slice.size;
  chunks_.emplace_back(slice);
}

std::vector<response_buffer::chunk> response_buffer::take() {
  if (current_.size() > 0) chunks_.emplace_back(std::move(current_).take());
  current_ = wire_writer();
  sealed_bytes_ = 0;
  return std::move(chunks_);
}

}  // namespace kb::protocol
