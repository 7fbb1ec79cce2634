// check_client_batch: what a leader refuses from a producer (Kafka's LogValidator for
// AppendOrigin.CLIENT), one test per kind of broken batch, for every codec where the codec
// matters; and that what real clients write is accepted unchanged.
#include "log/client_batch_checks.h"

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "log/big_endian.h"
#include "log/record_batch_builder.h"
#include "log/varint.h"

namespace kb::log {
namespace {

using bytes = std::vector<std::byte>;

void put_bytes(bytes& out, std::optional<std::string_view> v) {
  if (!v) {
    varint::write(out, -1);
    return;
  }
  varint::write(out, static_cast<int64_t>(v->size()));
  for (char c : *v) out.push_back(static_cast<std::byte>(c));
}

// One record's bytes as DefaultRecord writes them, with every field under the test's control.
struct raw_record {
  int32_t offset_delta = 0;
  std::optional<std::string_view> key = "k";
  std::optional<std::string_view> value = "value";
  std::vector<std::pair<int64_t, std::string_view>> headers;  // key length as written, key
  int64_t length_adjust = 0;  // added to the encoded length prefix
  std::optional<int64_t> value_length;  // written instead of the value when set (no bytes follow)
};

bytes encode(const raw_record& r) {
  bytes body;
  body.push_back(std::byte{0});  // attributes
  varint::write(body, 0);        // timestamp delta
  varint::write(body, r.offset_delta);
  put_bytes(body, r.key);
  if (r.value_length) {
    varint::write(body, *r.value_length);
  } else {
    put_bytes(body, r.value);
  }
  varint::write(body, static_cast<int64_t>(r.headers.size()));
  for (const auto& [key_length, key] : r.headers) {
    varint::write(body, key_length);
    for (char c : key) body.push_back(static_cast<std::byte>(c));
    put_bytes(body, "hv");
  }
  bytes out;
  varint::write(out, static_cast<int64_t>(body.size()) + r.length_adjust);
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

bytes encode_all(const std::vector<raw_record>& records) {
  bytes out;
  for (const auto& r : records) {
    auto e = encode(r);
    out.insert(out.end(), e.begin(), e.end());
  }
  return out;
}

// The records n sequential records: offset deltas 0..n-1.
std::vector<raw_record> sequential(int n) {
  std::vector<raw_record> out(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) out[static_cast<size_t>(i)].offset_delta = i;
  return out;
}

// Wraps an already compressed (or plain) records section in a batch header with a valid CRC.
struct seal_options {
  compression_type codec = compression_type::none;
  int32_t records_count = 1;
  std::optional<int32_t> last_offset_delta;  // default records_count - 1
  int16_t extra_attributes = 0;
  int64_t producer_id = -1;
  int32_t base_sequence = -1;
};

bytes seal_payload(const bytes& payload, const seal_options& o) {
  bytes out(batch_header_size + payload.size());
  batch_header h;
  h.batch_length = static_cast<int32_t>(out.size() - log_overhead);
  h.attributes = static_cast<int16_t>(static_cast<int16_t>(o.codec) | o.extra_attributes);
  h.last_offset_delta = o.last_offset_delta.value_or(o.records_count - 1);
  h.base_timestamp = h.max_timestamp = 1'700'000'000'000;
  h.producer_id = o.producer_id;
  h.producer_epoch = o.producer_id >= 0 ? 0 : -1;
  h.base_sequence = o.base_sequence;
  h.records_count = o.records_count;
  write_batch_header(h, out);
  std::copy(payload.begin(), payload.end(), out.begin() + batch_header_size);
  be::store<uint32_t>(out.data() + crc_offset, compute_batch_crc(out));
  return out;
}

bytes seal(const std::vector<raw_record>& records, seal_options o) {
  return seal_payload(compress(o.codec, encode_all(records)), o);
}

seal_options count(int n, compression_type codec = compression_type::none) {
  seal_options o;
  o.records_count = n;
  o.codec = codec;
  return o;
}

errc check_error(const bytes& batch, client_batch_rules rules = {}) {
  auto r = check_client_batch(batch, rules);
  EXPECT_FALSE(r) << "the batch was accepted";
  return r ? errc{} : static_cast<errc>(r.error().value());
}

class ClientBatchCodecTest : public ::testing::TestWithParam<compression_type> {};
class CompressedClientBatchTest : public ::testing::TestWithParam<compression_type> {};

TEST_P(ClientBatchCodecTest, AcceptsWhatTheBuilderWrites) {
  record_batch_builder b(GetParam());
  b.producer(7, 0, 0);
  for (int i = 0; i < 200; ++i) {
    b.add(1'700'000'000'000 + i, i % 3 ? std::optional<std::string_view>("key") : std::nullopt,
          i % 5 ? std::optional<std::string_view>("a value of some length") : std::nullopt,
          {{"h1", "v"}, {"h2", std::nullopt}});
  }
  auto batch = b.build();
  auto r = check_client_batch(batch, {});
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r.value().records_count, 200);
}

TEST_P(ClientBatchCodecTest, MoreRecordsDeclaredThanPresentIsInvalidRecord) {
  EXPECT_EQ(check_error(seal(sequential(3), count(4, GetParam()))), errc::invalid_record);
}

TEST_P(ClientBatchCodecTest, FewerRecordsDeclaredThanPresentIsInvalidRecord) {
  EXPECT_EQ(check_error(seal(sequential(3), count(2, GetParam()))), errc::invalid_record);
}

TEST_P(ClientBatchCodecTest, ARecordLengthPastTheEndIsInvalidRecord) {
  auto records = sequential(2);
  records[1].length_adjust = 1000;
  EXPECT_EQ(check_error(seal(records, count(2, GetParam()))), errc::invalid_record);
}

TEST_P(ClientBatchCodecTest, ARecordLengthShorterThanItsFieldsIsInvalidRecord) {
  auto records = sequential(2);
  records[0].length_adjust = -3;
  EXPECT_EQ(check_error(seal(records, count(2, GetParam()))), errc::invalid_record);
}

TEST_P(ClientBatchCodecTest, ANegativeHeaderKeyLengthIsInvalidRecord) {
  auto records = sequential(1);
  records[0].headers = {{-1, ""}};
  EXPECT_EQ(check_error(seal(records, count(1, GetParam()))), errc::invalid_record);
}

// Found by fuzz_record_batches: Kafka reads any negative length as null, the broker's own
// readers only -1; a record they cannot read is refused rather than stored.
TEST_P(ClientBatchCodecTest, AValueLengthBelowMinusOneIsInvalidRecord) {
  auto records = sequential(2);
  records[1].value_length = -2;
  EXPECT_EQ(check_error(seal(records, count(2, GetParam()))), errc::invalid_record);
  records[1].value_length = -1;
  EXPECT_TRUE(check_client_batch(seal(records, count(2, GetParam())), {}));
}

TEST_P(ClientBatchCodecTest, AKeylessRecordIsRefusedOnlyWhereKeysAreRequired) {
  auto records = sequential(2);
  records[1].key = std::nullopt;
  auto batch = seal(records, count(2, GetParam()));
  EXPECT_TRUE(check_client_batch(batch, {}));
  EXPECT_EQ(check_error(batch, {.keys_required = true}), errc::invalid_record);
}

TEST_P(CompressedClientBatchTest, RecordsBeyondTheDecompressedLimitAreInvalidRecord) {
  // A small batch of one record whose 2 MiB value is zeros: a bomb at a 1 MiB limit.
  const std::string zeros(2u << 20, '\0');
  raw_record big;
  big.value = zeros;
  auto batch = seal({big}, count(1, GetParam()));
  ASSERT_LT(batch.size(), 200'000u);
  EXPECT_EQ(check_error(batch, {.max_decompressed_bytes = 1u << 20}), errc::invalid_record);
  EXPECT_TRUE(check_client_batch(batch, {.max_decompressed_bytes = 4u << 20}));
}

TEST_P(CompressedClientBatchTest, GarbagePayloadIsDecompressionFailed) {
  std::mt19937 rng(11);
  bytes garbage(500);
  for (auto& b : garbage) b = static_cast<std::byte>(rng() & 0xFF);
  EXPECT_EQ(check_error(seal_payload(garbage, count(3, GetParam()))), errc::decompression_failed);
}

TEST_P(CompressedClientBatchTest, TruncatedPayloadIsDecompressionFailed) {
  auto payload = compress(GetParam(), encode_all(sequential(50)));
  payload.resize(payload.size() / 2);
  EXPECT_EQ(check_error(seal_payload(payload, count(50, GetParam()))), errc::decompression_failed);
}

INSTANTIATE_TEST_SUITE_P(Codecs, ClientBatchCodecTest,
                         ::testing::Values(compression_type::none, compression_type::gzip, compression_type::snappy,
                                           compression_type::lz4, compression_type::zstd),
                         [](const auto& info) { return to_string(info.param); });
INSTANTIATE_TEST_SUITE_P(Codecs, CompressedClientBatchTest,
                         ::testing::Values(compression_type::gzip, compression_type::snappy, compression_type::lz4,
                                           compression_type::zstd),
                         [](const auto& info) { return to_string(info.param); });

TEST(ClientBatchTest, ABadCrcIsCorruptBatch) {
  auto batch = seal(sequential(1), count(1));
  batch.back() ^= std::byte{1};
  EXPECT_EQ(check_error(batch), errc::corrupt_batch);
}

TEST(ClientBatchTest, ACountThatDisagreesWithTheLastOffsetDeltaIsInvalidBatch) {
  seal_options o = count(3);
  o.last_offset_delta = 5;
  EXPECT_EQ(check_error(seal(sequential(3), o)), errc::invalid_batch);
}

TEST(ClientBatchTest, AZeroRecordCountIsInvalidBatch) {
  EXPECT_EQ(check_error(seal({}, count(0))), errc::invalid_batch);
}

TEST(ClientBatchTest, AControlBatchIsInvalidBatch) {
  seal_options o = count(1);
  o.extra_attributes = 0x20;
  EXPECT_EQ(check_error(seal(sequential(1), o)), errc::invalid_batch);
}

TEST(ClientBatchTest, AProducerIdWithoutASequenceIsInvalidBatch) {
  seal_options o = count(1);
  o.producer_id = 42;
  o.base_sequence = -1;
  EXPECT_EQ(check_error(seal(sequential(1), o)), errc::invalid_batch);
}

TEST(ClientBatchTest, LogAppendTimeFromAClientIsInvalidTimestamp) {
  seal_options o = count(1);
  o.extra_attributes = 0x08;
  EXPECT_EQ(check_error(seal(sequential(1), o)), errc::invalid_timestamp);
}

TEST(ClientBatchTest, UncompressedOffsetDeltasAreKeptAsWrittenAsKafkaDoes) {
  auto records = sequential(3);
  records[2].offset_delta = 9;
  EXPECT_TRUE(check_client_batch(seal(records, count(3)), {}));
}

TEST(ClientBatchTest, CompressedOffsetDeltasOutOfSequenceAreInvalidRecord) {
  auto records = sequential(3);
  records[2].offset_delta = 9;
  EXPECT_EQ(check_error(seal(records, count(3, compression_type::gzip))), errc::invalid_record);
}

TEST(ClientBatchTest, AnOverlongVarintIsInvalidRecord) {
  bytes payload(12, std::byte{0xff});  // a length varint that never ends
  EXPECT_EQ(check_error(seal_payload(payload, count(1))), errc::invalid_record);
}

}  // namespace
}  // namespace kb::log
