#include "log/record_batch_builder.h"

#include <cstring>

#include "log/batch_header.h"
#include "log/big_endian.h"
#include "log/record.h"
#include "log/varint.h"

namespace kb::log {
namespace {

void put_bytes(std::vector<std::byte>& out, std::optional<std::string_view> s) {
  if (!s) {
    varint::write(out, -1);
    return;
  }
  varint::write(out, static_cast<int64_t>(s->size()));
  auto* p = reinterpret_cast<const std::byte*>(s->data());
  out.insert(out.end(), p, p + s->size());
}

}  // namespace

void record_batch_builder::add(int64_t timestamp, std::optional<std::string_view> key,
                               std::optional<std::string_view> value, const std::vector<header>& headers) {
  if (!base_timestamp_) base_timestamp_ = timestamp;
  max_timestamp_ = std::max(max_timestamp_, timestamp);

  std::vector<std::byte> body;
  body.push_back(std::byte{0});  // record attributes: unused, always 0
  varint::write(body, wrapping_sub(timestamp, *base_timestamp_));
  varint::write(body, count_);
  put_bytes(body, key);
  put_bytes(body, value);
  varint::write(body, static_cast<int64_t>(headers.size()));
  for (const auto& [k, v] : headers) {
    put_bytes(body, k);
    put_bytes(body, v);
  }
  varint::write(records_, static_cast<int64_t>(body.size()));
  records_.insert(records_.end(), body.begin(), body.end());
  ++count_;
}

std::vector<std::byte> record_batch_builder::build() const {
  std::vector<std::byte> payload =
      compression_ == compression_type::none ? records_ : compress(compression_, records_);
  std::vector<std::byte> out(batch_header_size + payload.size());
  std::memcpy(out.data() + batch_header_size, payload.data(), payload.size());

  batch_header h;
  h.base_offset = base_offset_;
  h.batch_length = static_cast<int32_t>(out.size() - log_overhead);
  h.partition_leader_epoch = leader_epoch_;
  h.attributes = static_cast<int16_t>(static_cast<int>(compression_) | (transactional_ ? 0x10 : 0));
  h.last_offset_delta = count_ > 0 ? count_ - 1 : 0;
  h.base_timestamp = base_timestamp_.value_or(-1);
  h.max_timestamp = max_timestamp_;
  h.producer_id = producer_id_;
  h.producer_epoch = producer_epoch_;
  h.base_sequence = base_sequence_;
  h.records_count = count_;
  write_batch_header(h, out);
  be::store<uint32_t>(out.data() + crc_offset, compute_batch_crc(out));
  return out;
}

}  // namespace kb::log
