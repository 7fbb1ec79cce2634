#include "brokerd/protocol/messages/fetch.h"

#include "brokerd/protocol/messages/scalar_arrays.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
// Smallest encodings, used to bound array counts by the bytes left.
constexpr size_t min_topic_bytes = 6;             // topic, partitions
constexpr size_t min_partition_bytes = 16;        // partition, fetch_offset, partition_max_bytes
constexpr size_t min_forgotten_topic_bytes = 6;   // topic, partitions
constexpr size_t min_partition_response_bytes = 18;  // index, error, high_watermark, records
constexpr size_t aborted_transaction_bytes = 16;  // producer_id, first_offset

fetch_request_partition read_request_partition(wire_reader& r, int16_t version) {
  fetch_request_partition p;
  p.partition = r.i32();
  if (version >= 9) p.current_leader_epoch = r.i32();
  p.fetch_offset = r.i64();
  if (version >= 5) p.log_start_offset = r.i64();
  p.partition_max_bytes = r.i32();
  return p;
}

void write_request_partition(wire_writer& w, const fetch_request_partition& p, int16_t version) {
  w.i32(p.partition);
  if (version >= 9) w.i32(p.current_leader_epoch);
  w.i64(p.fetch_offset);
  if (version >= 5) w.i64(p.log_start_offset);
  w.i32(p.partition_max_bytes);
}

fetch_response_partition read_response_partition(wire_reader& r, int16_t version) {
  fetch_response_partition p;
  p.partition_index = r.i32();
  p.error_code = static_cast<error_code>(r.i16());
  p.high_watermark = r.i64();
  if (version >= 4) {
    p.last_stable_offset = r.i64();
    if (version >= 5) p.log_start_offset = r.i64();
    if (auto n = r.nullable_array_length(aborted_transaction_bytes)) {
      p.aborted_transactions->reserve(*n);
      for (int32_t i = 0; i < *n; ++i) {
        fetch_aborted_transaction t;
        t.producer_id = r.i64();
        t.first_offset = r.i64();
        p.aborted_transactions->push_back(t);
      }
    } else {
      p.aborted_transactions.reset();
    }
  }
  if (version >= 11) p.preferred_read_replica = r.i32();
  if (auto records = r.nullable_bytes(); records && !records->empty()) {
    p.records = std::vector<std::byte>(records->begin(), records->end());
  }
  return p;
}

// Everything of a partition up to (excluding) its records.
void write_response_partition_head(wire_writer& w, const fetch_response_partition& p, int16_t version) {
  w.i32(p.partition_index);
  w.i16(static_cast<int16_t>(p.error_code));
  w.i64(p.high_watermark);
  if (version >= 4) {
    w.i64(p.last_stable_offset);
    if (version >= 5) w.i64(p.log_start_offset);
    if (!p.aborted_transactions) {
      w.array_length(-1);
    } else {
      w.array_length(static_cast<int32_t>(p.aborted_transactions->size()));
      for (const auto& t : *p.aborted_transactions) {
        w.i64(t.producer_id);
        w.i64(t.first_offset);
      }
    }
  }
  if (version >= 11) w.i32(p.preferred_read_replica);
}

void write_records(response_buffer& out, const fetch_records& records) {
  out.w().i32(static_cast<int32_t>(fetch_records_size(records)));
  if (const auto* bytes = std::get_if<std::vector<std::byte>>(&records)) {
    out.w().raw(*bytes);
  } else if (const auto* slice = std::get_if<log::file_slice>(&records)) {
    out.file(*slice);
  }
}
}  // namespace

size_t fetch_records_size(const fetch_records& records) {
  if (const auto* bytes = std::get_if<std::vector<std::byte>>(&records)) return bytes->size();
  if (const auto* slice = std::get_if<log::file_slice>(&records)) return slice->size;
  return 0;
}

fetch_request fetch_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, fetch_min_version, fetch_max_version);
  fetch_request out;
  out.replica_id = r.i32();
  out.max_wait_ms = r.i32();
  out.min_bytes = r.i32();
  if (version >= 3) out.max_bytes = r.i32();
  if (version >= 4) out.isolation_level = r.i8();
  if (version >= 7) {
    out.session_id = r.i32();
    out.session_epoch = r.i32();
  }
  int32_t topics = read_array_count(r, min_topic_bytes);
  out.topics.reserve(topics);
  for (int32_t t = 0; t < topics; ++t) {
    fetch_request_topic topic;
    topic.topic = r.string();
    int32_t partitions = read_array_count(r, min_partition_bytes);
    topic.partitions.reserve(partitions);
    for (int32_t p = 0; p < partitions; ++p) topic.partitions.push_back(read_request_partition(r, version));
    out.topics.push_back(std::move(topic));
  }
  if (version >= 7) {
    int32_t forgotten = read_array_count(r, min_forgotten_topic_bytes);
    out.forgotten_topics_data.reserve(forgotten);
    for (int32_t t = 0; t < forgotten; ++t) {
      fetch_forgotten_topic topic;
      topic.topic = r.string();
      topic.partitions = read_int32_array(r);
      out.forgotten_topics_data.push_back(std::move(topic));
    }
  }
  if (version >= 11) out.rack_id = r.string();
  return out;
}

void fetch_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, fetch_min_version, fetch_max_version);
  w.i32(replica_id);
  w.i32(max_wait_ms);
  w.i32(min_bytes);
  if (version >= 3) w.i32(max_bytes);
  if (version >= 4) w.i8(isolation_level);
  if (version >= 7) {
    w.i32(session_id);
    w.i32(session_epoch);
  }
  w.array_length(static_cast<int32_t>(topics.size()));
  for (const auto& topic : topics) {
    w.string(topic.topic);
    w.array_length(static_cast<int32_t>(topic.partitions.size()));
    for (const auto& p : topic.partitions) write_request_partition(w, p, version);
  }
  if (version >= 7) {
    w.array_length(static_cast<int32_t>(forgotten_topics_data.size()));
    for (const auto& topic : forgotten_topics_data) {
      w.string(topic.topic);
      write_int32_array(w, topic.partitions);
    }
  }
  if (version >= 11) w.string(rack_id);
}

fetch_response fetch_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, fetch_min_version, fetch_max_version);
  fetch_response out;
  if (version >= 1) out.throttle_time_ms = r.i32();
  if (version >= 7) {
    out.error_code = static_cast<protocol::error_code>(r.i16());
    out.session_id = r.i32();
  }
  int32_t topics = read_array_count(r, min_topic_bytes);
  out.responses.reserve(topics);
  for (int32_t t = 0; t < topics; ++t) {
    fetch_response_topic topic;
    topic.topic = r.string();
    int32_t partitions = read_array_count(r, min_partition_response_bytes);
    topic.partitions.reserve(partitions);
    for (int32_t p = 0; p < partitions; ++p) topic.partitions.push_back(read_response_partition(r, version));
    out.responses.push_back(std::move(topic));
  }
  return out;
}

void fetch_response::encode(response_buffer& out, int16_t version) const {
  check_encode_version(message_name, version, fetch_min_version, fetch_max_version);
  // out.w() is re-read after every write_records: appending a file slice replaces it.
  if (version >= 1) out.w().i32(throttle_time_ms);
  if (version >= 7) {
    out.w().i16(static_cast<int16_t>(error_code));
    out.w().i32(session_id);
  }
  out.w().array_length(static_cast<int32_t>(responses.size()));
  for (const auto& topic : responses) {
    out.w().string(topic.topic);
    out.w().array_length(static_cast<int32_t>(topic.partitions.size()));
    for (const auto& p : topic.partitions) {
      write_response_partition_head(out.w(), p, version);
      write_records(out, p.records);
    }
  }
}

}  // namespace kb::protocol
