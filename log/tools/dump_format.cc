#include "log/tools/dump_format.h"

#include "log/big_endian.h"

namespace kb::log::tools {
namespace {

void append_bytes(std::string& out, bytes_view bytes) {
  out.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

int64_t size_or_null(const std::optional<bytes_view>& b) { return b ? static_cast<int64_t>(b->size()) : -1; }

std::string_view bool_text(bool b) { return b ? "true" : "false"; }

// " key: K" and " payload: V", each only when not null (Kafka's DecoderMessageParser).
void append_key_and_payload(std::string& out, const std::optional<bytes_view>& key,
                            const std::optional<bytes_view>& value) {
  if (key) {
    out += " key: ";
    append_bytes(out, *key);
  }
  if (value) {
    out += " payload: ";
    append_bytes(out, *value);
  }
}

std::string_view legacy_timestamp_label(const legacy_message& m) {
  if (m.magic == 0) return "NoTimestampType";
  return m.log_append_time() ? "LogAppendTime" : "CreateTime";
}

// Kafka's ControlRecordType ids.
std::string control_type_name(int16_t type) {
  switch (type) {
    case 0: return "ABORT";
    case 1: return "COMMIT";
    case 2: return "LEADER_CHANGE";
    case 3: return "SNAPSHOT_HEADER";
    case 4: return "SNAPSHOT_FOOTER";
    default: return "UNKNOWN";
  }
}

}  // namespace

std::string_view timestamp_label(const batch_header& h) {
  return h.ts_type() == timestamp_type::log_append_time ? "LogAppendTime" : "CreateTime";
}

std::string format_batch_line(const batch_header& h, uint64_t position, batch_validity validity) {
  std::string s;
  s.reserve(320);
  s += "baseOffset: " + std::to_string(h.base_offset);
  s += " lastOffset: " + std::to_string(h.last_offset());
  s += " count: " + std::to_string(h.records_count);
  s += " baseSequence: " + std::to_string(h.base_sequence);
  s += " lastSequence: " + std::to_string(h.last_sequence());
  s += " producerId: " + std::to_string(h.producer_id);
  s += " producerEpoch: " + std::to_string(h.producer_epoch);
  s += " partitionLeaderEpoch: " + std::to_string(h.partition_leader_epoch);
  s += " isTransactional: ";
  s += bool_text(h.is_transactional());
  s += " isControl: ";
  s += bool_text(h.is_control());
  s += " position: " + std::to_string(position);
  s += ' ';
  s += timestamp_label(h);
  s += ": " + std::to_string(h.max_timestamp);
  s += " size: " + std::to_string(h.total_size());
  s += " magic: " + std::to_string(h.magic);
  s += " compresscodec: " + to_string(h.compression());
  s += " crc: " + std::to_string(h.crc);
  s += " isvalid: ";
  s += bool_text(validity == batch_validity::valid);
  return s;
}

int32_t record_sequence(const batch_header& h, const record& r) {
  if (h.base_sequence < 0) return -1;
  int64_t seq = static_cast<int64_t>(h.base_sequence) + r.offset_delta;
  return static_cast<int32_t>(seq > INT32_MAX ? seq - INT32_MAX - 1 : seq);
}

std::string describe_control_record(const record& r) {
  // Control record key: version int16, type int16. Commit/abort value: version int16,
  // coordinator epoch int32.
  if (!r.key || r.key->size() < 4) return " controlType: INVALID (key shorter than 4 bytes)";
  int16_t type = be::load<int16_t>(r.key->data() + 2);
  if (type == 0 || type == 1) {
    std::string s = " endTxnMarker: " + control_type_name(type) + " coordinatorEpoch: ";
    if (!r.value || r.value->size() < 6) return s + "INVALID (value shorter than 6 bytes)";
    return s + std::to_string(be::load<int32_t>(r.value->data() + 2));
  }
  return " controlType: " + control_type_name(type) + "(" + std::to_string(type) + ")";
}

std::string format_record_line(const batch_header& h, const record& r, payload_mode mode) {
  int64_t timestamp = record_timestamp(h, r);
  std::string s = "| offset: " + std::to_string(record_offset(h, r));
  s += ' ';
  s += timestamp_label(h);
  s += ": " + std::to_string(timestamp);
  s += " keySize: " + std::to_string(size_or_null(r.key));
  s += " valueSize: " + std::to_string(size_or_null(r.value));
  s += " sequence: " + std::to_string(record_sequence(h, r));
  s += " headerKeys: [";
  for (size_t i = 0; i < r.headers.size(); ++i) {
    if (i > 0) s += ',';
    append_bytes(s, r.headers[i].key);
  }
  s += ']';
  if (h.is_control()) {
    s += describe_control_record(r);
  } else if (mode == payload_mode::with_payload) {
    append_key_and_payload(s, r.key, r.value);
  }
  return s;
}

std::string format_legacy_line(const legacy_message& m, uint64_t position) {
  std::string s = "offset: " + std::to_string(m.offset);
  s += " position: " + std::to_string(position);
  s += ' ';
  s += legacy_timestamp_label(m);
  s += ": " + std::to_string(m.timestamp);
  s += " size: " + std::to_string(m.size);
  s += " magic: " + std::to_string(m.magic);
  s += " compresscodec: " + to_string(m.compression());
  s += " crc: " + std::to_string(m.crc);
  s += " isvalid: ";
  s += bool_text(m.crc_valid);
  return s;
}

std::string format_legacy_record_line(const legacy_message& m, payload_mode mode) {
  std::string s = "| offset: " + std::to_string(m.offset);
  s += ' ';
  s += legacy_timestamp_label(m);
  s += ": " + std::to_string(m.timestamp);
  s += " keySize: " + std::to_string(size_or_null(m.key));
  s += " valueSize: " + std::to_string(size_or_null(m.value));
  s += " crc: " + std::to_string(m.crc);
  s += " isvalid: ";
  s += bool_text(m.crc_valid);
  if (mode == payload_mode::with_payload) append_key_and_payload(s, m.key, m.value);
  return s;
}

}  // namespace kb::log::tools
