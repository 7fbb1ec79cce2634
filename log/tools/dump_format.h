#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "log/batch_header.h"
#include "log/record.h"
#include "log/legacy_message.h"

// The text lines of kafka-dump-log, in Kafka 2.8's DumpLogSegments format. Pure functions:
// no I/O, so the format can be tested without files. Lines carry no trailing newline.
namespace kb::log::tools {

enum class payload_mode { metadata_only, with_payload };
enum class batch_validity { valid, invalid };

// Kafka's TimestampType names: "CreateTime" or "LogAppendTime".
std::string_view timestamp_label(const batch_header& h);

// "baseOffset: 0 lastOffset: 2 count: 3 ... position: 0 CreateTime: T size: 95 magic: 2
// compresscodec: NONE crc: 123456 isvalid: true"
std::string format_batch_line(const batch_header& h, uint64_t position, batch_validity validity);

// "| offset: 0 CreateTime: T keySize: 1 valueSize: 5 sequence: -1 headerKeys: [] key: k payload: v".
// Control batches describe their marker instead of key and payload.
std::string format_record_line(const batch_header& h, const record& r, payload_mode mode);

// The producer sequence of a record: base_sequence + offset_delta (wrapping at INT32_MAX as
// Kafka does), or -1 when the batch has no sequence.
int32_t record_sequence(const batch_header& h, const record& r);

// " endTxnMarker: COMMIT coordinatorEpoch: 3" or " controlType: LEADER_CHANGE(2)".
std::string describe_control_record(const record& r);

// "offset: 7 position: 0 CreateTime: T size: 80 magic: 1 compresscodec: NONE crc: 1 isvalid: true"
std::string format_legacy_line(const legacy_message& m, uint64_t position);

// "| offset: 7 CreateTime: T keySize: 1 valueSize: 5 crc: 1 isvalid: true key: k payload: v"
std::string format_legacy_record_line(const legacy_message& m, payload_mode mode);

}  // namespace kb::log::tools
