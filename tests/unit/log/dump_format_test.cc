#include "log/tools/dump_format.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "log/big_endian.h"

namespace kb::log::tools {
namespace {

bytes_view as_bytes(const std::string& s) { return std::as_bytes(std::span(s.data(), s.size())); }

batch_header sample_header() {
  batch_header h;
  h.base_offset = 0;
  h.batch_length = 83;  // 95 bytes in all
  h.partition_leader_epoch = 0;
  h.crc = 123456;
  h.last_offset_delta = 2;
  h.base_timestamp = 1700000000000;
  h.max_timestamp = 1700000000000;
  h.records_count = 3;
  return h;
}

TEST(DumpFormatTest, BatchLineMatchesKafka28) {
  EXPECT_EQ(format_batch_line(sample_header(), 0, batch_validity::valid),
            "baseOffset: 0 lastOffset: 2 count: 3 baseSequence: -1 lastSequence: -1 producerId: -1 "
            "producerEpoch: -1 partitionLeaderEpoch: 0 isTransactional: false isControl: false position: 0 "
            "CreateTime: 1700000000000 size: 95 magic: 2 compresscodec: NONE crc: 123456 isvalid: true");
}

TEST(DumpFormatTest, BatchLineShowsCodecTimestampTypeFlagsAndUnsignedCrc) {
  batch_header h = sample_header();
  h.attributes = 0x01 | 0x08 | 0x10;  // gzip, LogAppendTime, transactional
  h.crc = 0xFFFFFFFF;
  h.max_timestamp = 42;
  h.producer_id = 9;
  h.producer_epoch = 1;
  h.base_sequence = 5;
  std::string line = format_batch_line(h, 4096, batch_validity::invalid);
  EXPECT_NE(line.find(" isTransactional: true isControl: false position: 4096 LogAppendTime: 42 "), std::string::npos)
      << line;
  EXPECT_NE(line.find(" baseSequence: 5 lastSequence: 7 producerId: 9 producerEpoch: 1 "), std::string::npos) << line;
  EXPECT_NE(line.find(" compresscodec: GZIP crc: 4294967295 isvalid: false"), std::string::npos) << line;
}

TEST(DumpFormatTest, RecordLinePrintsKeyAndPayloadOnlyWithPrintDataLog) {
  std::string key = "k", value = "hello", header_a = "a", header_b = "b";
  record r;
  r.offset_delta = 1;
  r.timestamp_delta = 5;
  r.key = as_bytes(key);
  r.value = as_bytes(value);
  r.headers = {{as_bytes(header_a), std::nullopt}, {as_bytes(header_b), as_bytes(value)}};
  batch_header h = sample_header();
  h.base_offset = 10;
  EXPECT_EQ(format_record_line(h, r, payload_mode::with_payload),
            "| offset: 11 CreateTime: 1700000000005 keySize: 1 valueSize: 5 sequence: -1 headerKeys: [a,b] "
            "key: k payload: hello");
  EXPECT_EQ(format_record_line(h, r, payload_mode::metadata_only),
            "| offset: 11 CreateTime: 1700000000005 keySize: 1 valueSize: 5 sequence: -1 headerKeys: [a,b]");
}

TEST(DumpFormatTest, NullKeyAndValueAreOmittedAndSizedMinusOne) {
  record r;
  std::string line = format_record_line(sample_header(), r, payload_mode::with_payload);
  EXPECT_EQ(line, "| offset: 0 CreateTime: 1700000000000 keySize: -1 valueSize: -1 sequence: -1 headerKeys: []");
}

TEST(DumpFormatTest, LogAppendTimeRecordsShowTheBatchMaxTimestamp) {
  batch_header h = sample_header();
  h.attributes = 0x08;
  h.max_timestamp = 1800000000000;
  record r;
  r.timestamp_delta = 7;
  EXPECT_NE(format_record_line(h, r, payload_mode::metadata_only).find(" LogAppendTime: 1800000000000 "),
            std::string::npos);
}

TEST(DumpFormatTest, SequenceWrapsAtInt32MaxLikeKafka) {
  batch_header h = sample_header();
  h.base_sequence = INT32_MAX - 1;
  record r;
  r.offset_delta = 2;
  EXPECT_EQ(record_sequence(h, r), 0);
  h.base_sequence = -1;
  EXPECT_EQ(record_sequence(h, r), -1);
}

TEST(DumpFormatTest, ControlRecordsDescribeTheirMarker) {
  std::vector<std::byte> key(4), value(6);
  be::store<int16_t>(key.data() + 2, 1);    // COMMIT
  be::store<int32_t>(value.data() + 2, 5);  // coordinator epoch
  record r;
  r.key = bytes_view(key);
  r.value = bytes_view(value);
  EXPECT_EQ(describe_control_record(r), " endTxnMarker: COMMIT coordinatorEpoch: 5");
  be::store<int16_t>(key.data() + 2, 2);
  EXPECT_EQ(describe_control_record(r), " controlType: LEADER_CHANGE(2)");
  r.key.reset();
  EXPECT_EQ(describe_control_record(r), " controlType: INVALID (key shorter than 4 bytes)");

  batch_header h = sample_header();
  h.attributes = 0x20 | 0x10;
  be::store<int16_t>(key.data() + 2, 0);  // ABORT
  r.key = bytes_view(key);
  std::string line = format_record_line(h, r, payload_mode::with_payload);
  EXPECT_NE(line.find("headerKeys: [] endTxnMarker: ABORT coordinatorEpoch: 5"), std::string::npos) << line;
  EXPECT_EQ(line.find("payload:"), std::string::npos) << line;
}

TEST(DumpFormatTest, LegacyLinesNameTheTimestampTypeOfTheirMagic) {
  legacy_message m;
  m.offset = 7;
  m.size = 40;
  m.crc = 99;
  m.magic = 0;
  m.crc_valid = true;
  EXPECT_EQ(format_legacy_line(m, 12),
            "offset: 7 position: 12 NoTimestampType: -1 size: 40 magic: 0 compresscodec: NONE crc: 99 isvalid: true");
  m.magic = 1;
  m.attributes = 0x08 | 0x02;
  m.timestamp = 5;
  m.crc_valid = false;
  EXPECT_EQ(format_legacy_line(m, 12),
            "offset: 7 position: 12 LogAppendTime: 5 size: 40 magic: 1 compresscodec: SNAPPY crc: 99 isvalid: false");
}

}  // namespace
}  // namespace kb::log::tools
