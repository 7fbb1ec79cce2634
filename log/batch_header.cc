#include "log/batch_header.h"

#include "log/big_endian.h"
#include "log/crc32c.h"

namespace kb::log {

int32_t batch_header::last_sequence() const {
  if (base_sequence < 0) return -1;
  // Sequences wrap from INT32_MAX to 0, as Kafka's DefaultRecordBatch.incrementSequence does.
  int64_t last = static_cast<int64_t>(base_sequence) + last_offset_delta;
  return static_cast<int32_t>(last > INT32_MAX ? last - INT32_MAX - 1 : last);
}

batch_prefix parse_batch_prefix(std::span<const std::byte> b) {
  return {be::load<int64_t>(b.data()), be::load<int32_t>(b.data() + 8)};
}

batch_header parse_batch_header(std::span<const std::byte> b) {
  const std::byte* p = b.data();
  batch_header h;
  h.base_offset = be::load<int64_t>(p + 0);
  h.batch_length = be::load<int32_t>(p + 8);
  h.partition_leader_epoch = be::load<int32_t>(p + 12);
  h.magic = be::load<int8_t>(p + 16);
  h.crc = be::load<uint32_t>(p + 17);
  h.attributes = be::load<int16_t>(p + 21);
  h.last_offset_delta = be::load<int32_t>(p + 23);
  h.base_timestamp = be::load<int64_t>(p + 27);
  h.max_timestamp = be::load<int64_t>(p + 35);
  h.producer_id = be::load<int64_t>(p + 43);
  h.producer_epoch = be::load<int16_t>(p + 51);
  h.base_sequence = be::load<int32_t>(p + 53);
  h.records_count = be::load<int32_t>(p + 57);
  return h;
}

void write_batch_header(const batch_header& h, std::span<std::byte> out) {
  std::byte* p = out.data();
  be::store<int64_t>(p + 0, h.base_offset);
  be::store<int32_t>(p + 8, h.batch_length);
  be::store<int32_t>(p + 12, h.partition_leader_epoch);
  be::store<int8_t>(p + 16, h.magic);
  be::store<int16_t>(p + 21, h.attributes);
  be::store<int32_t>(p + 23, h.last_offset_delta);
  be::store<int64_t>(p + 27, h.base_timestamp);
  be::store<int64_t>(p + 35, h.max_timestamp);
  be::store<int64_t>(p + 43, h.producer_id);
  be::store<int16_t>(p + 51, h.producer_epoch);
  be::store<int32_t>(p + 53, h.base_sequence);
  be::store<int32_t>(p + 57, h.records_count);
}

uint32_t compute_batch_crc(std::span<const std::byte> batch) {
  return crc32c(batch.subspan(attributes_offset));
}

result<batch_header> validate_batch(std::span<const std::byte> batch) {
  if (batch.size() < batch_header_size) return errc::corrupt_batch;
  batch_header h = parse_batch_header(batch);
  if (h.magic != current_magic) return errc::unsupported_magic;
  if (h.batch_length < 0 || h.total_size() != batch.size()) return errc::corrupt_batch;
  if (compute_batch_crc(batch) != h.crc) return errc::corrupt_batch;
  if (h.last_offset_delta < 0 || h.records_count < 0) return errc::invalid_batch;
  if (static_cast<int>(h.compression()) > static_cast<int>(compression_type::zstd)) {
    return errc::unsupported_compression;
  }
  return h;
}

void set_base_offset(std::span<std::byte> batch, int64_t base_offset) {
  be::store<int64_t>(batch.data(), base_offset);
}

void set_partition_leader_epoch(std::span<std::byte> batch, int32_t epoch) {
  be::store<int32_t>(batch.data() + partition_leader_epoch_offset, epoch);
}

}  // namespace kb::log
