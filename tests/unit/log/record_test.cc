// Records inside a RecordBatch v2: record_batch_builder output decoded by batch_records and
// decode_records, for every codec, and rejection of malformed record bytes.
#include "log/record.h"

#include <gtest/gtest.h>

#include <climits>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "log/batch_header.h"
#include "log/record_batch_builder.h"
#include "log/varint.h"

namespace kb::log {
namespace {

using opt_string = std::optional<std::string>;

// What a test adds to the builder and expects back from the decoder.
struct model_record {
  int64_t timestamp;
  opt_string key;
  opt_string value;
  std::vector<std::pair<std::string, opt_string>> headers;
};

opt_string to_opt_string(const std::optional<bytes_view>& v) {
  if (!v) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(v->data()), v->size());
}

std::string to_string_view_copy(bytes_view v) { return std::string(reinterpret_cast<const char*>(v.data()), v.size()); }

void add_all(record_batch_builder& b, const std::vector<model_record>& records) {
  for (const auto& m : records) {
    std::vector<record_batch_builder::header> headers;
    for (const auto& [k, v] : m.headers) {
      headers.emplace_back(k, v ? std::optional<std::string_view>(*v) : std::nullopt);
    }
    b.add(m.timestamp, m.key ? std::optional<std::string_view>(*m.key) : std::nullopt,
          m.value ? std::optional<std::string_view>(*m.value) : std::nullopt, headers);
  }
}

// Checks decoded records against the model, including offset and timestamp deltas.
void expect_records(const batch_records& decoded, const std::vector<model_record>& expected) {
  ASSERT_EQ(decoded.records().size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const record& r = decoded.records()[i];
    const model_record& m = expected[i];
    EXPECT_EQ(r.attributes, 0) << "record " << i;
    EXPECT_EQ(r.offset_delta, static_cast<int32_t>(i)) << "record " << i;
    EXPECT_EQ(record_timestamp(decoded.header(), r), m.timestamp) << "record " << i;
    EXPECT_EQ(to_opt_string(r.key), m.key) << "record " << i;
    EXPECT_EQ(to_opt_string(r.value), m.value) << "record " << i;
    ASSERT_EQ(r.headers.size(), m.headers.size()) << "record " << i;
    for (size_t h = 0; h < m.headers.size(); ++h) {
      EXPECT_EQ(to_string_view_copy(r.headers[h].key), m.headers[h].first) << "record " << i << " header " << h;
      EXPECT_EQ(to_opt_string(r.headers[h].value), m.headers[h].second) << "record " << i << " header " << h;
    }
  }
}

std::vector<model_record> varied_records() {
  return {
      {1000, "key", "value", {}},
      {1001, std::nullopt, "null key", {}},
      {1002, "tombstone", std::nullopt, {}},
      {1003, "", "empty key", {}},
      {1004, "k", "", {}},
      {1005, std::nullopt, std::nullopt, {}},
      {1006, "with headers", "v", {{"h1", "x"}, {"h2", std::nullopt}, {"", ""}, {"h1", "repeated key"}}},
  };
}

std::vector<model_record> many_records(int n) {
  std::vector<model_record> out;
  for (int i = 0; i < n; ++i) {
    model_record m{1'700'000'000'000 + i, "key-" + std::to_string(i), std::string(static_cast<size_t>(i % 97), 'v'),
                   {}};
    if (i % 10 == 0) m.headers.emplace_back("idx", std::to_string(i));
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<std::byte> build(const std::vector<model_record>& records, compression_type c = compression_type::none) {
  record_batch_builder b(c);
  add_all(b, records);
  return b.build();
}

// The uncompressed records area of a batch the builder made.
std::vector<std::byte> records_area(const std::vector<model_record>& records) {
  auto batch = build(records);
  return {batch.begin() + batch_header_size, batch.end()};
}

TEST(RecordTest, VariedRecordsRoundTrip) {
  const auto records = varied_records();
  const auto batch = build(records);
  auto decoded = batch_records::decode(batch);
  ASSERT_TRUE(decoded) << decoded.error().message();
  expect_records(decoded.value(), records);
}

TEST(RecordTest, NullAndEmptyKeyAreDistinct) {
  const auto batch = build({{1, std::nullopt, "a", {}}, {2, "", "b", {}}});
  auto decoded = batch_records::decode(batch);
  ASSERT_TRUE(decoded) << decoded.error().message();
  const auto& recs = decoded.value().records();
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_FALSE(recs[0].key.has_value());
  ASSERT_TRUE(recs[1].key.has_value());
  EXPECT_TRUE(recs[1].key->empty());
}

TEST(RecordTest, NullValueIsTombstone) {
  const auto batch = build({{1, "k", std::nullopt, {}}});
  auto decoded = batch_records::decode(batch);
  ASSERT_TRUE(decoded) << decoded.error().message();
  ASSERT_EQ(decoded.value().records().size(), 1u);
  EXPECT_FALSE(decoded.value().records()[0].value.has_value());
}

TEST(RecordTest, NullHeaderValueIsDistinctFromEmpty) {
  const auto batch = build({{1, "k", "v", {{"null", std::nullopt}, {"empty", ""}}}});
  auto decoded = batch_records::decode(batch);
  ASSERT_TRUE(decoded) << decoded.error().message();
  const auto& headers = decoded.value().records()[0].headers;
  ASSERT_EQ(headers.size(), 2u);
  EXPECT_FALSE(headers[0].value.has_value());
  ASSERT_TRUE(headers[1].value.has_value());
  EXPECT_TRUE(headers[1].value->empty());
}

TEST(RecordTest, ThousandRecordsRoundTrip) {
  const auto records = many_records(1000);
  const auto batch = build(records);
  auto decoded = batch_records::decode(batch);
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_EQ(decoded.value().header().records_count, 1000);
  EXPECT_EQ(decoded.value().header().last_offset_delta, 999);
  expect_records(decoded.value(), records);
}

TEST(RecordTest, NonMonotonicTimestampsRoundTrip) {
  const std::vector<model_record> records = {
      {5000, "a", "1", {}}, {3000, "b", "2", {}}, {9000, "c", "3", {}}, {4000, "d", "4", {}}};
  const auto batch = build(records);
  auto decoded = batch_records::decode(batch);
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_EQ(decoded.value().header().base_timestamp, 5000);  // the first record's, not the minimum
  EXPECT_EQ(decoded.value().header().max_timestamp, 9000);
  EXPECT_EQ(decoded.value().records()[1].timestamp_delta, -2000);
  expect_records(decoded.value(), records);
}

// Found by fuzz_record_batches (through up-conversion): Kafka writes and adds timestamp deltas
// in wrapping long arithmetic; the difference of two far-apart timestamps overflowed here.
TEST(RecordTest, TimestampsFurtherApartThanInt64RoundTrip) {
  const std::vector<model_record> records = {{INT64_MIN + 5, "a", "1", {}}, {INT64_MAX - 5, "b", "2", {}}};
  const auto batch = build(records);
  auto decoded = batch_records::decode(batch);
  ASSERT_TRUE(decoded) << decoded.error().message();
  expect_records(decoded.value(), records);
}

TEST(RecordTest, ProducerFieldsAndOffsetsSurviveRoundTrip) {
  record_batch_builder b;
  b.base_offset(1'234'567).partition_leader_epoch(42).producer(98'765, 3, 1000);
  add_all(b, varied_records());
  const auto batch = b.build();
  auto decoded = batch_records::decode(batch);
  ASSERT_TRUE(decoded) << decoded.error().message();
  const batch_header& h = decoded.value().header();
  EXPECT_EQ(h.base_offset, 1'234'567);
  EXPECT_EQ(h.partition_leader_epoch, 42);
  EXPECT_EQ(h.producer_id, 98'765);
  EXPECT_EQ(h.producer_epoch, 3);
  EXPECT_EQ(h.base_sequence, 1000);
  EXPECT_EQ(h.last_sequence(), 1000 + static_cast<int32_t>(varied_records().size()) - 1);
  EXPECT_EQ(h.records_count, static_cast<int32_t>(varied_records().size()));
}

TEST(RecordTest, DefaultsMeanNoProducer) {
  const auto batch = build({{1, "k", "v", {}}});
  const batch_header h = parse_batch_header(batch);
  EXPECT_EQ(h.producer_id, -1);
  EXPECT_EQ(h.producer_epoch, -1);
  EXPECT_EQ(h.base_sequence, -1);
  EXPECT_EQ(h.partition_leader_epoch, -1);
  EXPECT_EQ(h.base_offset, 0);
  EXPECT_FALSE(h.is_transactional());
}

TEST(RecordTest, BuiltBatchPassesValidation) {
  record_batch_builder b;
  b.base_offset(7).producer(1, 0, 0);
  add_all(b, many_records(50));
  const auto batch = b.build();
  auto r = validate_batch(batch);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r.value().total_size(), batch.size());
  EXPECT_EQ(r.value().compression(), compression_type::none);
}

TEST(RecordTest, EmptyBuilderMakesEmptyBatch) {
  record_batch_builder b;
  EXPECT_TRUE(b.empty());
  const auto batch = b.build();
  EXPECT_EQ(batch.size(), batch_header_size);
  auto decoded = batch_records::decode(batch);
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_TRUE(decoded.value().records().empty());
  EXPECT_EQ(decoded.value().header().records_count, 0);
}

TEST(RecordTest, BuilderCountsRecords) {
  record_batch_builder b;
  b.add(1, "a", "b");
  b.add(2, "c", "d");
  EXPECT_FALSE(b.empty());
  EXPECT_EQ(b.count(), 2);
}

class CompressedRecordTest : public ::testing::TestWithParam<compression_type> {};

TEST_P(CompressedRecordTest, DecodesToSameRecordsAsUncompressed) {
  auto records = varied_records();
  auto more = many_records(500);
  records.insert(records.end(), more.begin(), more.end());
  const auto batch = build(records, GetParam());
  auto r = validate_batch(batch);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r.value().compression(), GetParam());
  auto decoded = batch_records::decode(batch);
  ASSERT_TRUE(decoded) << decoded.error().message();
  expect_records(decoded.value(), records);
}

TEST_P(CompressedRecordTest, RecordsStayValidAfterMove) {
  const auto records = varied_records();
  const auto batch = build(records, GetParam());
  auto decoded = batch_records::decode(batch);
  ASSERT_TRUE(decoded) << decoded.error().message();
  batch_records moved = std::move(decoded).value();
  expect_records(moved, records);
}

// A copy must not point into the original's decompressed bytes, or it dangles once the
// original is gone. (If batch_records becomes move-only, there is nothing to check.)
template <class T>
void expect_copy_is_independent(const T& original) {
  if constexpr (std::is_copy_constructible_v<T>) {
    const T copy(original);
    ASSERT_FALSE(copy.records().empty());
    const auto& orig_value = original.records()[0].value;
    const auto& copy_value = copy.records()[0].value;
    ASSERT_TRUE(orig_value && copy_value);
    EXPECT_NE(copy_value->data(), orig_value->data())
        << "the copy's record views point into the original's decompressed buffer";
  }
}

TEST_P(CompressedRecordTest, CopyDoesNotShareDecompressedBuffer) {
  const auto batch = build(varied_records(), GetParam());
  auto decoded = batch_records::decode(batch);
  ASSERT_TRUE(decoded) << decoded.error().message();
  expect_copy_is_independent(decoded.value());
}

TEST_P(CompressedRecordTest, CorruptCompressedPayloadIsRejected) {
  // Fix the CRC after truncating the compressed payload, so only the codec can object.
  auto batch = build(many_records(100), GetParam());
  batch.resize(batch_header_size + (batch.size() - batch_header_size) / 2);
  batch_header h = parse_batch_header(batch);
  h.batch_length = static_cast<int32_t>(batch.size() - log_overhead);
  write_batch_header(h, batch);
  uint32_t crc = compute_batch_crc(batch);
  for (int i = 0; i < 4; ++i) batch[crc_offset + static_cast<size_t>(i)] = static_cast<std::byte>(crc >> (24 - 8 * i));
  auto decoded = batch_records::decode(batch);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error(), errc::decompression_failed);
}

std::string codec_name(const ::testing::TestParamInfo<compression_type>& info) { return to_string(info.param); }

INSTANTIATE_TEST_SUITE_P(AllCodecs, CompressedRecordTest,
                         ::testing::Values(compression_type::gzip, compression_type::snappy, compression_type::lz4,
                                           compression_type::zstd),
                         codec_name);

TEST(BatchRecordsTest, DecodeRejectsCorruptBatch) {
  auto batch = build(varied_records());
  batch.back() ^= std::byte{0x01};
  auto decoded = batch_records::decode(batch);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error(), errc::corrupt_batch);
}

TEST(BatchRecordsTest, UncompressedRecordsPointIntoBatch) {
  const auto batch = build({{1, "key", "value", {}}});
  auto decoded = batch_records::decode(batch);
  ASSERT_TRUE(decoded) << decoded.error().message();
  const std::byte* key = decoded.value().records()[0].key->data();
  EXPECT_GE(key, batch.data() + batch_header_size);
  EXPECT_LT(key, batch.data() + batch.size());
}

TEST(DecodeRecordsTest, DecodesBuilderRecordsArea) {
  const auto area = records_area(varied_records());
  auto r = decode_records(area, static_cast<int32_t>(varied_records().size()));
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r.value().size(), varied_records().size());
}

TEST(DecodeRecordsTest, ZeroCountOfEmptyDataIsEmpty) {
  auto r = decode_records({}, 0);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_TRUE(r.value().empty());
}

TEST(DecodeRecordsTest, RejectsEveryTruncation) {
  const auto area = records_area(varied_records());
  const auto count = static_cast<int32_t>(varied_records().size());
  for (size_t n = 0; n < area.size(); ++n) {
    auto r = decode_records(std::span<const std::byte>(area).first(n), count);
    ASSERT_FALSE(r) << "truncated to " << n << " of " << area.size();
    EXPECT_EQ(r.error(), errc::invalid_record) << "truncated to " << n;
  }
}

TEST(DecodeRecordsTest, RejectsTrailingGarbage) {
  auto area = records_area(varied_records());
  area.push_back(std::byte{0});
  auto r = decode_records(area, static_cast<int32_t>(varied_records().size()));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::invalid_record);
}

TEST(DecodeRecordsTest, RejectsCountSmallerThanPresent) {
  // The unread records are trailing bytes.
  const auto area = records_area(varied_records());
  auto r = decode_records(area, static_cast<int32_t>(varied_records().size()) - 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::invalid_record);
}

TEST(DecodeRecordsTest, RejectsCountLargerThanPresent) {
  const auto area = records_area(varied_records());
  auto r = decode_records(area, static_cast<int32_t>(varied_records().size()) + 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::invalid_record);
}

TEST(DecodeRecordsTest, RejectsHugeCountWithoutAllocatingForIt) {
  // A hostile header may claim INT32_MAX records over a few bytes: that is an invalid record,
  // not a reason to reserve memory for two billion records (std::bad_alloc).
  const auto area = records_area({{1, "k", "v", {}}});
  result<std::vector<record>> r = errc::corrupt_batch;
  EXPECT_NO_THROW(r = decode_records(area, INT32_MAX));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::invalid_record);
}

TEST(DecodeRecordsTest, BatchWithHugeRecordsCountIsRejected) {
  // Same as above through batch_records::decode, with a valid CRC over the forged count.
  auto batch = build({{1, "k", "v", {}}});
  batch_header h = parse_batch_header(batch);
  h.records_count = INT32_MAX;
  h.last_offset_delta = INT32_MAX - 1;
  write_batch_header(h, batch);
  uint32_t crc = compute_batch_crc(batch);
  for (int i = 0; i < 4; ++i) batch[crc_offset + static_cast<size_t>(i)] = static_cast<std::byte>(crc >> (24 - 8 * i));
  result<batch_records> decoded = errc::corrupt_batch;
  EXPECT_NO_THROW(decoded = batch_records::decode(batch));
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error(), errc::invalid_record);
}

// Hand-written record bodies for the malformed cases the builder cannot produce.
std::vector<std::byte> encode_record(const std::vector<int64_t>& varints_after_attributes) {
  std::vector<std::byte> body{std::byte{0}};
  for (int64_t v : varints_after_attributes) varint::write(body, v);
  std::vector<std::byte> out;
  varint::write(out, static_cast<int64_t>(body.size()));
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

TEST(DecodeRecordsTest, HandWrittenMinimalRecordDecodes) {
  // timestamp delta 0, offset delta 0, null key, null value, no headers.
  const auto data = encode_record({0, 0, -1, -1, 0});
  auto r = decode_records(data, 1);
  ASSERT_TRUE(r) << r.error().message();
  ASSERT_EQ(r.value().size(), 1u);
  EXPECT_FALSE(r.value()[0].key.has_value());
  EXPECT_FALSE(r.value()[0].value.has_value());
}

TEST(DecodeRecordsTest, RejectsNegativeRecordLength) {
  std::vector<std::byte> data;
  varint::write(data, -1);
  data.push_back(std::byte{0});
  auto r = decode_records(data, 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::invalid_record);
}

TEST(DecodeRecordsTest, RejectsZeroRecordLength) {
  std::vector<std::byte> data;
  varint::write(data, 0);
  auto r = decode_records(data, 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::invalid_record);
}

TEST(DecodeRecordsTest, RejectsKeyLengthBelowMinusOne) {
  const auto data = encode_record({0, 0, -2, -1, 0});
  auto r = decode_records(data, 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::invalid_record);
}

TEST(DecodeRecordsTest, RejectsValueLengthBelowMinusOne) {
  const auto data = encode_record({0, 0, -1, -5, 0});
  auto r = decode_records(data, 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::invalid_record);
}

TEST(DecodeRecordsTest, RejectsNegativeHeaderCount) {
  const auto data = encode_record({0, 0, -1, -1, -1});
  auto r = decode_records(data, 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::invalid_record);
}

TEST(DecodeRecordsTest, RejectsNullHeaderKey) {
  // One header whose key length is -1 (null): Kafka requires header keys.
  const auto data = encode_record({0, 0, -1, -1, 1, -1, -1});
  auto r = decode_records(data, 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::invalid_record);
}

TEST(DecodeRecordsTest, RejectsKeyLongerThanRecord) {
  const auto data = encode_record({0, 0, 100, -1, 0});
  auto r = decode_records(data, 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::invalid_record);
}

TEST(DecodeRecordsTest, RejectsRecordLengthPastEnd) {
  auto data = encode_record({0, 0, -1, -1, 0});
  data[0] = std::byte{0x7E};  // record length 63, far more than follows
  auto r = decode_records(data, 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::invalid_record);
}

TEST(DecodeRecordsTest, RejectsGarbageInsideRecordBody) {
  // A well-formed record followed by an extra byte inside the declared record length.
  std::vector<std::byte> body{std::byte{0}};
  for (int64_t v : {0, 0, -1, -1, 0}) varint::write(body, v);
  body.push_back(std::byte{0x55});
  std::vector<std::byte> data;
  varint::write(data, static_cast<int64_t>(body.size()));
  data.insert(data.end(), body.begin(), body.end());
  auto r = decode_records(data, 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::invalid_record);
}

}  // namespace
}  // namespace kb::log
