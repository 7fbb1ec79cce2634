#include "brokerd/protocol/messages/produce.h"

#include "brokerd/protocol/messages/decode_body.h"
#include "brokerd/protocol/messages/scalar_arrays.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
// Smallest encodings, used to bound array counts by the bytes left.
constexpr size_t min_topic_bytes = 6;               // name, partitions
constexpr size_t min_partition_bytes = 8;           // index, records
constexpr size_t min_topic_response_bytes = 6;      // name, partitions
constexpr size_t min_partition_response_bytes = 14;  // index, error, base_offset
constexpr size_t min_record_error_bytes = 6;        // batch_index, message

produce_partition_response read_partition_response(wire_reader& r, int16_t version) {
  produce_partition_response p;
  p.index = r.i32();
  p.error_code = static_cast<error_code>(r.i16());
  p.base_offset = r.i64();
  if (version >= 2) p.log_append_time_ms = r.i64();
  if (version >= 5) p.log_start_offset = r.i64();
  if (version >= 8) {
    int32_t n = read_array_count(r, min_record_error_bytes);
    p.record_errors.reserve(n);
    for (int32_t i = 0; i < n; ++i) {
      produce_batch_index_error e;
      e.batch_index = r.i32();
      e.batch_index_error_message = r.nullable_string();
      p.record_errors.push_back(std::move(e));
    }
    p.error_message = r.nullable_string();
  }
  return p;
}

void write_partition_response(wire_writer& w, const produce_partition_response& p, int16_t version) {
  w.i32(p.index);
  w.i16(static_cast<int16_t>(p.error_code));
  w.i64(p.base_offset);
  if (version >= 2) w.i64(p.log_append_time_ms);
  if (version >= 5) w.i64(p.log_start_offset);
  if (version >= 8) {
    w.array_length(static_cast<int32_t>(p.record_errors.size()));
    for (const auto& e : p.record_errors) {
      w.i32(e.batch_index);
      w.nullable_string(e.batch_index_error_message);
    }
    w.nullable_string(p.error_message);
  }
}
}  // namespace

produce_request produce_request::decode(std::span<std::byte> body, int16_t version) {
  check_decode_version(message_name, version, produce_min_version, produce_max_version);
  wire_reader r(body);
  produce_request out;
  if (version >= 3) out.transactional_id = r.nullable_string();
  out.acks = r.i16();
  out.timeout_ms = r.i32();
  int32_t topics = read_array_count(r, min_topic_bytes);
  out.topic_data.reserve(topics);
  for (int32_t t = 0; t < topics; ++t) {
    produce_request_topic topic;
    topic.name = r.string();
    int32_t partitions = read_array_count(r, min_partition_bytes);
    topic.partition_data.reserve(partitions);
    for (int32_t p = 0; p < partitions; ++p) {
      produce_request_partition partition;
      partition.index = r.i32();
      // The reader hands out const views of `body`; re-derive the mutable view by position.
      if (auto records = r.nullable_bytes()) {
        partition.records = body.subspan(r.position() - records->size(), records->size());
      }
      topic.partition_data.push_back(partition);
    }
    out.topic_data.push_back(std::move(topic));
  }
  expect_fully_consumed(r, message_name);
  return out;
}

void produce_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, produce_min_version, produce_max_version);
  if (version >= 3) w.nullable_string(transactional_id);
  w.i16(acks);
  w.i32(timeout_ms);
  w.array_length(static_cast<int32_t>(topic_data.size()));
  for (const auto& topic : topic_data) {
    w.string(topic.name);
    w.array_length(static_cast<int32_t>(topic.partition_data.size()));
    for (const auto& partition : topic.partition_data) {
      w.i32(partition.index);
      if (partition.records) {
        w.bytes(*partition.records);
      } else {
        w.i32(-1);
      }
    }
  }
}

produce_response produce_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, produce_min_version, produce_max_version);
  produce_response out;
  int32_t topics = read_array_count(r, min_topic_response_bytes);
  out.responses.reserve(topics);
  for (int32_t t = 0; t < topics; ++t) {
    produce_topic_response topic;
    topic.name = r.string();
    int32_t partitions = read_array_count(r, min_partition_response_bytes);
    topic.partition_responses.reserve(partitions);
    for (int32_t p = 0; p < partitions; ++p) topic.partition_responses.push_back(read_partition_response(r, version));
    out.responses.push_back(std::move(topic));
  }
  if (version >= 1) out.throttle_time_ms = r.i32();
  return out;
}

void produce_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, produce_min_version, produce_max_version);
  w.array_length(static_cast<int32_t>(responses.size()));
  for (const auto& topic : responses) {
    w.string(topic.name);
    w.array_length(static_cast<int32_t>(topic.partition_responses.size()));
    for (const auto& p : topic.partition_responses) write_partition_response(w, p, version);
  }
  if (version >= 1) w.i32(throttle_time_ms);
}

}  // namespace kb::protocol
