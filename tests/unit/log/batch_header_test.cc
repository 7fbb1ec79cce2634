// The fixed 61-byte RecordBatch v2 header: field layout, validation and the fields that the
// CRC-32C deliberately leaves out (base offset and partition leader epoch).
#include "log/batch_header.h"

#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <vector>

#include "log/big_endian.h"
#include "log/crc32c.h"
#include "log/record_batch_builder.h"

namespace kb::log {
namespace {

batch_header sample_header() {
  batch_header h;
  h.base_offset = 0x0102030405060708;
  h.partition_leader_epoch = 17;
  h.magic = current_magic;
  h.attributes = 0x0013;  // lz4 | transactional
  h.last_offset_delta = 4;
  h.base_timestamp = 1'700'000'000'000;
  h.max_timestamp = 1'700'000'000'999;
  h.producer_id = 123'456'789'012;
  h.producer_epoch = 7;
  h.base_sequence = 42;
  h.records_count = 5;
  return h;
}

// A well-formed batch with `payload_size` arbitrary bytes after the header and a correct CRC.
std::vector<std::byte> make_batch(batch_header h, size_t payload_size = 32) {
  std::vector<std::byte> out(batch_header_size + payload_size);
  for (size_t i = batch_header_size; i < out.size(); ++i) out[i] = static_cast<std::byte>(i * 7);
  h.batch_length = static_cast<int32_t>(out.size() - log_overhead);
  write_batch_header(h, out);
  be::store<uint32_t>(out.data() + crc_offset, compute_batch_crc(out));
  return out;
}

// Rewrites the CRC after a deliberate header change, so only the change itself is tested.
void refresh_crc(std::vector<std::byte>& batch) {
  be::store<uint32_t>(batch.data() + crc_offset, compute_batch_crc(batch));
}

TEST(BatchHeaderTest, WriteThenParseRoundTripsEveryField) {
  const batch_header in = [] {
    auto h = sample_header();
    h.batch_length = 1234;
    return h;
  }();
  std::vector<std::byte> buf(batch_header_size);
  write_batch_header(in, buf);
  const batch_header out = parse_batch_header(buf);
  EXPECT_EQ(out.base_offset, in.base_offset);
  EXPECT_EQ(out.batch_length, in.batch_length);
  EXPECT_EQ(out.partition_leader_epoch, in.partition_leader_epoch);
  EXPECT_EQ(out.magic, in.magic);
  EXPECT_EQ(out.attributes, in.attributes);
  EXPECT_EQ(out.last_offset_delta, in.last_offset_delta);
  EXPECT_EQ(out.base_timestamp, in.base_timestamp);
  EXPECT_EQ(out.max_timestamp, in.max_timestamp);
  EXPECT_EQ(out.producer_id, in.producer_id);
  EXPECT_EQ(out.producer_epoch, in.producer_epoch);
  EXPECT_EQ(out.base_sequence, in.base_sequence);
  EXPECT_EQ(out.records_count, in.records_count);
}

TEST(BatchHeaderTest, NegativeAndExtremeValuesRoundTrip) {
  batch_header in;
  in.base_offset = INT64_MAX;
  in.batch_length = INT32_MAX;
  in.partition_leader_epoch = INT32_MIN;
  in.magic = -1;
  in.attributes = INT16_MIN;
  in.last_offset_delta = -1;
  in.base_timestamp = INT64_MIN;
  in.max_timestamp = -1;
  in.producer_id = INT64_MIN;
  in.producer_epoch = INT16_MAX;
  in.base_sequence = INT32_MAX;
  in.records_count = INT32_MIN;
  std::vector<std::byte> buf(batch_header_size);
  write_batch_header(in, buf);
  const batch_header out = parse_batch_header(buf);
  EXPECT_EQ(out.base_offset, in.base_offset);
  EXPECT_EQ(out.batch_length, in.batch_length);
  EXPECT_EQ(out.partition_leader_epoch, in.partition_leader_epoch);
  EXPECT_EQ(out.magic, in.magic);
  EXPECT_EQ(out.attributes, in.attributes);
  EXPECT_EQ(out.last_offset_delta, in.last_offset_delta);
  EXPECT_EQ(out.base_timestamp, in.base_timestamp);
  EXPECT_EQ(out.max_timestamp, in.max_timestamp);
  EXPECT_EQ(out.producer_id, in.producer_id);
  EXPECT_EQ(out.producer_epoch, in.producer_epoch);
  EXPECT_EQ(out.base_sequence, in.base_sequence);
  EXPECT_EQ(out.records_count, in.records_count);
}

TEST(BatchHeaderTest, FieldsAreBigEndianAtDocumentedOffsets) {
  std::vector<std::byte> buf(batch_header_size);
  write_batch_header(sample_header(), buf);
  // base_offset 0x0102030405060708 at 0, most significant byte first.
  for (int i = 0; i < 8; ++i) EXPECT_EQ(buf[i], static_cast<std::byte>(i + 1)) << "byte " << i;
  EXPECT_EQ(be::load<int32_t>(buf.data() + partition_leader_epoch_offset), 17);
  EXPECT_EQ(buf[magic_offset], std::byte{2});
  EXPECT_EQ(buf[attributes_offset], std::byte{0x00});
  EXPECT_EQ(buf[attributes_offset + 1], std::byte{0x13});
  EXPECT_EQ(be::load<int32_t>(buf.data() + 57), 5);  // records_count is the last field
}

TEST(BatchHeaderTest, WriteLeavesCrcBytesUntouched) {
  std::vector<std::byte> buf(batch_header_size, std::byte{0xAB});
  write_batch_header(sample_header(), buf);
  for (size_t i = crc_offset; i < crc_offset + 4; ++i) EXPECT_EQ(buf[i], std::byte{0xAB}) << "byte " << i;
}

TEST(BatchHeaderTest, ParseBatchPrefixReadsOffsetAndLength) {
  auto batch = make_batch(sample_header(), 10);
  const batch_prefix p = parse_batch_prefix(std::span<const std::byte>(batch).first(log_overhead));
  EXPECT_EQ(p.base_offset, 0x0102030405060708);
  EXPECT_EQ(p.batch_length, static_cast<int32_t>(batch_header_size + 10 - log_overhead));
}

TEST(BatchHeaderTest, DerivedOffsetsAndSize) {
  batch_header h;
  h.base_offset = 100;
  h.last_offset_delta = 9;
  h.batch_length = 49;
  EXPECT_EQ(h.last_offset(), 109);
  EXPECT_EQ(h.next_offset(), 110);
  EXPECT_EQ(h.total_size(), 61u);
}

TEST(BatchHeaderTest, CrcCoversBytesFromAttributesToEnd) {
  auto batch = make_batch(sample_header());
  std::span<const std::byte> covered = std::span<const std::byte>(batch).subspan(attributes_offset);
  EXPECT_EQ(compute_batch_crc(batch), crc32c(covered));
  EXPECT_EQ(be::load<uint32_t>(batch.data() + crc_offset), crc32c(covered));
}

TEST(BatchHeaderTest, ValidateAcceptsWellFormedBatch) {
  auto batch = make_batch(sample_header());
  auto r = validate_batch(batch);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r.value().base_offset, 0x0102030405060708);
  EXPECT_EQ(r.value().records_count, 5);
  EXPECT_EQ(r.value().crc, compute_batch_crc(batch));
}

TEST(BatchHeaderTest, ValidateAcceptsHeaderOnlyBatch) {
  auto batch = make_batch(sample_header(), 0);
  EXPECT_TRUE(validate_batch(batch));
}

TEST(BatchHeaderTest, ValidateAcceptsBuilderOutput) {
  record_batch_builder b;
  b.base_offset(10).partition_leader_epoch(3);
  b.add(1000, "k", "v");
  b.add(1001, std::nullopt, "w");
  auto batch = b.build();
  auto r = validate_batch(batch);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r.value().base_offset, 10);
  EXPECT_EQ(r.value().last_offset_delta, 1);
  EXPECT_EQ(r.value().records_count, 2);
}

TEST(BatchHeaderTest, ValidateRejectsEmptyInput) {
  auto r = validate_batch(std::span<const std::byte>{});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::corrupt_batch);
}

TEST(BatchHeaderTest, ValidateRejectsInputShorterThanHeader) {
  auto batch = make_batch(sample_header(), 0);
  auto r = validate_batch(std::span<const std::byte>(batch).first(batch_header_size - 1));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::corrupt_batch);
}

TEST(BatchHeaderTest, ValidateRejectsMagicOne) {
  auto batch = make_batch(sample_header());
  batch[magic_offset] = std::byte{1};
  auto r = validate_batch(batch);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::unsupported_magic);
}

TEST(BatchHeaderTest, ValidateRejectsMagicThree) {
  auto batch = make_batch(sample_header());
  batch[magic_offset] = std::byte{3};
  auto r = validate_batch(batch);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::unsupported_magic);
}

TEST(BatchHeaderTest, ValidateRejectsSpanLongerThanBatchLength) {
  auto batch = make_batch(sample_header());
  batch.push_back(std::byte{0});
  auto r = validate_batch(batch);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::corrupt_batch);
}

TEST(BatchHeaderTest, ValidateRejectsSpanShorterThanBatchLength) {
  auto batch = make_batch(sample_header());
  auto r = validate_batch(std::span<const std::byte>(batch).first(batch.size() - 1));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::corrupt_batch);
}

TEST(BatchHeaderTest, ValidateRejectsNegativeBatchLength) {
  auto batch = make_batch(sample_header());
  be::store<int32_t>(batch.data() + 8, -1);
  auto r = validate_batch(batch);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::corrupt_batch);
}

TEST(BatchHeaderTest, ValidateRejectsFlippedByteInRecords) {
  auto batch = make_batch(sample_header());
  batch[batch_header_size + 5] ^= std::byte{0x40};
  auto r = validate_batch(batch);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::corrupt_batch);
}

TEST(BatchHeaderTest, ValidateRejectsFlippedLastByte) {
  auto batch = make_batch(sample_header());
  batch.back() ^= std::byte{0x01};
  auto r = validate_batch(batch);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::corrupt_batch);
}

TEST(BatchHeaderTest, ValidateRejectsFlippedCrcByte) {
  for (size_t i = crc_offset; i < crc_offset + 4; ++i) {
    auto batch = make_batch(sample_header());
    batch[i] ^= std::byte{0x80};
    auto r = validate_batch(batch);
    ASSERT_FALSE(r) << "byte " << i;
    EXPECT_EQ(r.error(), errc::corrupt_batch) << "byte " << i;
  }
}

TEST(BatchHeaderTest, ValidateRejectsChangedCoveredHeaderField) {
  auto batch = make_batch(sample_header());
  be::store<int64_t>(batch.data() + 43, 999);  // producer_id, inside the CRC-covered range
  auto r = validate_batch(batch);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::corrupt_batch);
}

TEST(BatchHeaderTest, CrcDoesNotCoverBaseOffset) {
  auto batch = make_batch(sample_header());
  set_base_offset(batch, 987'654'321);
  auto r = validate_batch(batch);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r.value().base_offset, 987'654'321);
}

TEST(BatchHeaderTest, CrcDoesNotCoverPartitionLeaderEpoch) {
  auto batch = make_batch(sample_header());
  set_partition_leader_epoch(batch, 99);
  auto r = validate_batch(batch);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r.value().partition_leader_epoch, 99);
}

TEST(BatchHeaderTest, SetBaseOffsetChangesOnlyFirstEightBytes) {
  auto batch = make_batch(sample_header());
  auto before = batch;
  set_base_offset(batch, 5);
  EXPECT_EQ(be::load<int64_t>(batch.data()), 5);
  EXPECT_TRUE(std::equal(batch.begin() + 8, batch.end(), before.begin() + 8));
}

TEST(BatchHeaderTest, SetPartitionLeaderEpochChangesOnlyItsFourBytes) {
  auto batch = make_batch(sample_header());
  auto before = batch;
  set_partition_leader_epoch(batch, -1);
  EXPECT_EQ(be::load<int32_t>(batch.data() + partition_leader_epoch_offset), -1);
  EXPECT_TRUE(std::equal(batch.begin(), batch.begin() + 12, before.begin()));
  EXPECT_TRUE(std::equal(batch.begin() + 16, batch.end(), before.begin() + 16));
}

TEST(BatchHeaderTest, ValidateRejectsUndefinedCompressionCodec) {
  for (int codec = 5; codec <= 7; ++codec) {
    auto h = sample_header();
    h.attributes = static_cast<int16_t>(codec);
    auto batch = make_batch(h);
    auto r = validate_batch(batch);
    ASSERT_FALSE(r) << "codec " << codec;
    EXPECT_EQ(r.error(), errc::unsupported_compression) << "codec " << codec;
  }
}

TEST(BatchHeaderTest, ValidateRejectsNegativeRecordsCount) {
  auto h = sample_header();
  h.records_count = -1;
  auto batch = make_batch(h);
  auto r = validate_batch(batch);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::invalid_batch);
}

TEST(BatchHeaderTest, ValidateRejectsNegativeLastOffsetDelta) {
  auto h = sample_header();
  h.last_offset_delta = -1;
  auto batch = make_batch(h);
  auto r = validate_batch(batch);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::invalid_batch);
}

TEST(BatchHeaderTest, ValidateAcceptsFewerRecordsThanOffsetRange) {
  // Log compaction keeps a batch's offset range while dropping records from it.
  auto h = sample_header();
  h.last_offset_delta = 9;
  h.records_count = 2;
  auto batch = make_batch(h);
  auto r = validate_batch(batch);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r.value().last_offset_delta, 9);
  EXPECT_EQ(r.value().records_count, 2);
}

TEST(BatchHeaderTest, LastSequenceWithoutProducerIsMinusOne) {
  batch_header h;
  h.base_sequence = -1;
  h.last_offset_delta = 10;
  EXPECT_EQ(h.last_sequence(), -1);
}

TEST(BatchHeaderTest, LastSequenceAddsLastOffsetDelta) {
  batch_header h;
  h.base_sequence = 10;
  h.last_offset_delta = 4;
  EXPECT_EQ(h.last_sequence(), 14);
}

TEST(BatchHeaderTest, LastSequenceReachesInt32MaxWithoutWrapping) {
  batch_header h;
  h.base_sequence = INT32_MAX - 3;
  h.last_offset_delta = 3;
  EXPECT_EQ(h.last_sequence(), INT32_MAX);
}

TEST(BatchHeaderTest, LastSequenceWrapsPastInt32MaxToZero) {
  batch_header h;
  h.base_sequence = INT32_MAX;
  h.last_offset_delta = 1;
  EXPECT_EQ(h.last_sequence(), 0);
  h.base_sequence = INT32_MAX - 1;
  h.last_offset_delta = 3;
  EXPECT_EQ(h.last_sequence(), 1);
}

TEST(BatchHeaderTest, CompressionIsAttributeBitsZeroToTwo) {
  batch_header h;
  const compression_type all[] = {compression_type::none, compression_type::gzip, compression_type::snappy,
                                  compression_type::lz4, compression_type::zstd};
  for (compression_type c : all) {
    h.attributes = static_cast<int16_t>(0x78 | static_cast<int>(c));  // other flag bits set too
    EXPECT_EQ(h.compression(), c) << to_string(c);
  }
}

TEST(BatchHeaderTest, TimestampTypeIsAttributeBitThree) {
  batch_header h;
  h.attributes = 0;
  EXPECT_EQ(h.ts_type(), timestamp_type::create_time);
  h.attributes = 0x08;
  EXPECT_EQ(h.ts_type(), timestamp_type::log_append_time);
  h.attributes = static_cast<int16_t>(0x77);  // every other low bit set
  EXPECT_EQ(h.ts_type(), timestamp_type::create_time);
}

TEST(BatchHeaderTest, TransactionalIsAttributeBitFour) {
  batch_header h;
  h.attributes = 0x10;
  EXPECT_TRUE(h.is_transactional());
  EXPECT_FALSE(h.is_control());
  h.attributes = static_cast<int16_t>(0x6F);
  EXPECT_FALSE(h.is_transactional());
}

TEST(BatchHeaderTest, ControlIsAttributeBitFive) {
  batch_header h;
  h.attributes = 0x20;
  EXPECT_TRUE(h.is_control());
  EXPECT_FALSE(h.is_transactional());
  h.attributes = static_cast<int16_t>(0x5F);
  EXPECT_FALSE(h.is_control());
}

TEST(BatchHeaderTest, DeleteHorizonIsAttributeBitSix) {
  batch_header h;
  h.attributes = 0x40;
  EXPECT_TRUE(h.has_delete_horizon());
  h.attributes = static_cast<int16_t>(0x3F);
  EXPECT_FALSE(h.has_delete_horizon());
}

TEST(BatchHeaderTest, AttributesSurviveWriteAndValidate) {
  auto h = sample_header();
  h.attributes = 0x0038 | static_cast<int16_t>(compression_type::zstd);  // zstd, log-append, txn, control
  auto batch = make_batch(h);
  auto r = validate_batch(batch);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r.value().compression(), compression_type::zstd);
  EXPECT_EQ(r.value().ts_type(), timestamp_type::log_append_time);
  EXPECT_TRUE(r.value().is_transactional());
  EXPECT_TRUE(r.value().is_control());
}

TEST(BatchHeaderTest, BuilderSetsTransactionalAndCompressionBits) {
  record_batch_builder b(compression_type::gzip);
  b.transactional(true);
  b.add(1, "k", "v");
  auto batch = b.build();
  const batch_header h = parse_batch_header(batch);
  EXPECT_EQ(h.compression(), compression_type::gzip);
  EXPECT_TRUE(h.is_transactional());
  EXPECT_FALSE(h.is_control());
  EXPECT_EQ(h.ts_type(), timestamp_type::create_time);
}

TEST(BatchHeaderTest, RefreshedCrcMakesEditedBatchValidAgain) {
  // Shows that the rejection in ValidateRejectsChangedCoveredHeaderField is the CRC alone.
  auto batch = make_batch(sample_header());
  be::store<int64_t>(batch.data() + 43, 999);
  refresh_crc(batch);
  auto r = validate_batch(batch);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r.value().producer_id, 999);
}

}  // namespace
}  // namespace kb::log
