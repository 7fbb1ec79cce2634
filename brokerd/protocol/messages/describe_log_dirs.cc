#include "brokerd/protocol/messages/describe_log_dirs.h"

#include "brokerd/protocol/messages/array_codec.h"
#include "brokerd/protocol/messages/version_check.h"
#include "brokerd/protocol/messages/versioned_codec.h"

namespace kb::protocol {
namespace {
using request = describe_log_dirs_request;
using response = describe_log_dirs_response;

// Smallest encodings in either form, for bounding array counts: a string or an array takes at
// least one byte (compact), a tagged-field section none (classic).
constexpr size_t min_request_topic_bytes = 1 + 1;      // name, partitions
constexpr size_t min_result_bytes = 2 + 1 + 1;         // error, dir, topics
constexpr size_t min_topic_bytes = 1 + 1;              // name, partitions
constexpr size_t min_partition_bytes = 4 + 8 + 8 + 1;  // index, size, lag, future

}  // namespace

request request::decode(wire_reader& raw, int16_t version) {
  check_decode_version(message_name, version, describe_log_dirs_min_version, describe_log_dirs_max_version);
  versioned_reader r(raw, version >= describe_log_dirs_first_flexible_version);
  request out;
  out.topics = r.nullable_array<describable_log_dir_topic>(min_request_topic_bytes, [&](wire_reader&) {
    describable_log_dir_topic t;
    t.topic = r.string();
    t.partitions = r.array<int32_t>(4, read_int32_element);
    r.tagged_fields();
    return t;
  });
  r.tagged_fields();
  return out;
}

void request::encode(wire_writer& raw, int16_t version) const {
  check_encode_version(message_name, version, describe_log_dirs_min_version, describe_log_dirs_max_version);
  versioned_writer w(raw, version >= describe_log_dirs_first_flexible_version);
  w.nullable_array(topics, [&](wire_writer&, const describable_log_dir_topic& t) {
    w.string(t.topic);
    w.array(t.partitions, write_int32_element);
    w.tagged_fields();
  });
  w.tagged_fields();
}

response response::decode(wire_reader& raw, int16_t version) {
  check_decode_version(message_name, version, describe_log_dirs_min_version, describe_log_dirs_max_version);
  versioned_reader r(raw, version >= describe_log_dirs_first_flexible_version);
  response out;
  out.throttle_time_ms = raw.i32();
  if (version >= 3) out.error_code = static_cast<kb::protocol::error_code>(raw.i16());
  out.results = r.array<describe_log_dirs_result>(min_result_bytes, [&](wire_reader&) {
    describe_log_dirs_result d;
    d.error_code = static_cast<kb::protocol::error_code>(raw.i16());
    d.log_dir = r.string();
    d.topics = r.array<describe_log_dirs_topic>(min_topic_bytes, [&](wire_reader&) {
      describe_log_dirs_topic t;
      t.name = r.string();
      t.partitions = r.array<describe_log_dirs_partition>(min_partition_bytes, [&](wire_reader&) {
        describe_log_dirs_partition p;
        p.partition_index = raw.i32();
        p.partition_size = raw.i64();
        p.offset_lag = raw.i64();
        p.is_future_key = raw.boolean();
        r.tagged_fields();
        return p;
      });
      r.tagged_fields();
      return t;
    });
    if (version >= 4) {
      d.total_bytes = raw.i64();
      d.usable_bytes = raw.i64();
    }
    r.tagged_fields();
    return d;
  });
  r.tagged_fields();
  return out;
}

void response::encode(wire_writer& raw, int16_t version) const {
  check_encode_version(message_name, version, describe_log_dirs_min_version, describe_log_dirs_max_version);
  versioned_writer w(raw, version >= describe_log_dirs_first_flexible_version);
  raw.i32(throttle_time_ms);
  if (version >= 3) raw.i16(static_cast<int16_t>(error_code));
  w.array(results, [&](wire_writer&, const describe_log_dirs_result& d) {
    raw.i16(static_cast<int16_t>(d.error_code));
    w.string(d.log_dir);
    w.array(d.topics, [&](wire_writer&, const describe_log_dirs_topic& t) {
      w.string(t.name);
      w.array(t.partitions, [&](wire_writer&, const describe_log_dirs_partition& p) {
        raw.i32(p.partition_index);
        raw.i64(p.partition_size);
        raw.i64(p.offset_lag);
        raw.boolean(p.is_future_key);
        w.tagged_fields();
      });
      w.tagged_fields();
    });
    if (version >= 4) {
      raw.i64(d.total_bytes);
      raw.i64(d.usable_bytes);
    }
    w.tagged_fields();
  });
  w.tagged_fields();
}

}  // namespace kb::protocol
