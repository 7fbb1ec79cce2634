#include "brokerd/protocol/messages/partition_reassignments.h"

#include "brokerd/protocol/messages/compact_array_codec.h"
#include "brokerd/protocol/messages/version_check.h"

namespace kb::protocol {
namespace {
using alter_request = alter_partition_reassignments_request;
using alter_response = alter_partition_reassignments_response;
using list_request = list_partition_reassignments_request;
using list_response = list_partition_reassignments_response;

// Smallest encodings, for bounding array counts: a compact string or array is >= 1 byte, an
// empty tagged-field section 1 byte.
constexpr size_t min_topic_bytes = 1 + 1 + 1;                   // name, partitions, tags
constexpr size_t min_alter_partition_bytes = 4 + 1 + 1;         // index, replicas, tags
constexpr size_t min_alter_partition_response_bytes = 4 + 2 + 1 + 1;  // index, error, message, tags
constexpr size_t min_ongoing_partition_bytes = 4 + 1 + 1 + 1 + 1;     // index, three arrays, tags

int32_t read_int32(wire_reader& r) { return r.i32(); }
void write_int32(wire_writer& w, int32_t v) { w.i32(v); }

std::vector<int32_t> read_ids(wire_reader& r) { return read_compact_array<int32_t>(r, 4, read_int32); }
void write_ids(wire_writer& w, const std::vector<int32_t>& ids) { write_compact_array(w, ids, write_int32); }

}  // namespace

alter_request alter_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, alter_partition_reassignments_min_version,
                       alter_partition_reassignments_max_version);
  alter_request out;
  out.timeout_ms = r.i32();
  out.topics = read_compact_array<reassignable_topic>(r, min_topic_bytes, [](wire_reader& r) {
    reassignable_topic t;
    t.name = r.compact_string();
    t.partitions = read_compact_array<reassignable_partition>(r, min_alter_partition_bytes, [](wire_reader& r) {
      reassignable_partition p;
      p.partition_index = r.i32();
      p.replicas = read_compact_nullable_array<int32_t>(r, 4, read_int32);
      r.skip_tagged_fields();
      return p;
    });
    r.skip_tagged_fields();
    return t;
  });
  r.skip_tagged_fields();
  return out;
}

void alter_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, alter_partition_reassignments_min_version,
                       alter_partition_reassignments_max_version);
  w.i32(timeout_ms);
  write_compact_array(w, topics, [](wire_writer& w, const reassignable_topic& t) {
    w.compact_string(t.name);
    write_compact_array(w, t.partitions, [](wire_writer& w, const reassignable_partition& p) {
      w.i32(p.partition_index);
      write_compact_nullable_array(w, p.replicas, write_int32);
      w.empty_tagged_fields();
    });
    w.empty_tagged_fields();
  });
  w.empty_tagged_fields();
}

alter_response alter_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, alter_partition_reassignments_min_version,
                       alter_partition_reassignments_max_version);
  alter_response out;
  out.throttle_time_ms = r.i32();
  out.error_code = static_cast<protocol::error_code>(r.i16());
  out.error_message = r.compact_nullable_string();
  out.responses = read_compact_array<topic_response>(r, min_topic_bytes, [](wire_reader& r) {
    topic_response t;
    t.name = r.compact_string();
    t.partitions = read_compact_array<partition_response>(r, min_alter_partition_response_bytes, [](wire_reader& r) {
      partition_response p;
      p.partition_index = r.i32();
      p.error_code = static_cast<protocol::error_code>(r.i16());
      p.error_message = r.compact_nullable_string();
      r.skip_tagged_fields();
      return p;
    });
    r.skip_tagged_fields();
    return t;
  });
  r.skip_tagged_fields();
  return out;
}

void alter_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, alter_partition_reassignments_min_version,
                       alter_partition_reassignments_max_version);
  w.i32(throttle_time_ms);
  w.i16(static_cast<int16_t>(error_code));
  w.compact_nullable_string(error_message);
  write_compact_array(w, responses, [](wire_writer& w, const topic_response& t) {
    w.compact_string(t.name);
    write_compact_array(w, t.partitions, [](wire_writer& w, const partition_response& p) {
      w.i32(p.partition_index);
      w.i16(static_cast<int16_t>(p.error_code));
      w.compact_nullable_string(p.error_message);
      w.empty_tagged_fields();
    });
    w.empty_tagged_fields();
  });
  w.empty_tagged_fields();
}

list_request list_request::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, list_partition_reassignments_min_version,
                       list_partition_reassignments_max_version);
  list_request out;
  out.timeout_ms = r.i32();
  out.topics = read_compact_nullable_array<listed_topic>(r, min_topic_bytes, [](wire_reader& r) {
    listed_topic t;
    t.name = r.compact_string();
    t.partition_indexes = read_ids(r);
    r.skip_tagged_fields();
    return t;
  });
  r.skip_tagged_fields();
  return out;
}

void list_request::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, list_partition_reassignments_min_version,
                       list_partition_reassignments_max_version);
  w.i32(timeout_ms);
  write_compact_nullable_array(w, topics, [](wire_writer& w, const listed_topic& t) {
    w.compact_string(t.name);
    write_ids(w, t.partition_indexes);
    w.empty_tagged_fields();
  });
  w.empty_tagged_fields();
}

list_response list_response::decode(wire_reader& r, int16_t version) {
  check_decode_version(message_name, version, list_partition_reassignments_min_version,
                       list_partition_reassignments_max_version);
  list_response out;
  out.throttle_time_ms = r.i32();
  out.error_code = static_cast<protocol::error_code>(r.i16());
  out.error_message = r.compact_nullable_string();
  out.topics = read_compact_array<ongoing_topic>(r, min_topic_bytes, [](wire_reader& r) {
    ongoing_topic t;
    t.name = r.compact_string();
    t.partitions = read_compact_array<ongoing_partition>(r, min_ongoing_partition_bytes, [](wire_reader& r) {
      ongoing_partition p;
      p.partition_index = r.i32();
      p.replicas = read_ids(r);
      p.adding_replicas = read_ids(r);
      p.removing_replicas = read_ids(r);
      r.skip_tagged_fields();
      return p;
    });
    r.skip_tagged_fields();
    return t;
  });
  r.skip_tagged_fields();
  return out;
}

void list_response::encode(wire_writer& w, int16_t version) const {
  check_encode_version(message_name, version, list_partition_reassignments_min_version,
                       list_partition_reassignments_max_version);
  w.i32(throttle_time_ms);
  w.i16(static_cast<int16_t>(error_code));
  w.compact_nullable_string(error_message);
  write_compact_array(w, topics, [](wire_writer& w, const ongoing_topic& t) {
    w.compact_string(t.name);
    write_compact_array(w, t.partitions, [](wire_writer& w, const ongoing_partition& p) {
      w.i32(p.partition_index);
      write_ids(w, p.replicas);
      write_ids(w, p.adding_replicas);
      write_ids(w, p.removing_replicas);
      w.empty_tagged_fields();
    });
    w.empty_tagged_fields();
  });
  w.empty_tagged_fields();
}

}  // namespace kb::protocol
