// Legacy message sets (magic 0 and 1): decoding with wrappers opened, up-conversion of a
// Produce v0-2 payload to one RecordBatch v2, down-conversion of stored v2 batches for Fetch
// v0-3, and round trips between the two. Golden inputs come from kafka-python 2.0.2's
// LegacyRecordBatchBuilder; the rest from tests/support/legacy_messages.h.
#include "log/legacy_records.h"

#include <gtest/gtest.h>
#include <snappy.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "log/batch_header.h"
#include "log/down_conversion.h"
#include "log/legacy_message.h"
#include "log/lz4_frame_checksum.h"
#include "log/record.h"
#include "log/record_batch_builder.h"
#include "log/up_conversion.h"
#include "tests/support/legacy_messages.h"

namespace kb::log {
namespace {

using kb::test::legacy_msg;
using kb::test::legacy_set;
using kb::test::legacy_wrapper;
using opt_string = std::optional<std::string>;

std::vector<std::byte> from_hex(std::string_view hex) {
  std::vector<std::byte> out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<std::byte>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

opt_string text(const std::optional<bytes_view>& v) {
  if (!v) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(v->data()), v->size());
}

// kafka-python 2.0.2, LegacyRecordBatchBuilder(magic, codec).append() of
// (0, ts 1700000000000, b"k0", b"v0"), (1, ts ...001, None, b"value-1"), (2, ts ...002, b"", None).
constexpr std::string_view kp_magic0 =
    "0000000000000000000000128697724c0000000000026b3000000002763000000000000000010000001598dda4ae0000ffffffff00"
    "00000776616c75652d3100000000000000020000000e3d314895000000000000ffffffff";
constexpr std::string_view kp_magic0_gzip =
    "000000000000000000000058a0ca0a710001ffffffff0000004a1f8b0800d13a016b02ff63608003a1b6e9453e601653b601882c33"
    "80ca3002b1e88cbb4bd63130fc0702208fbd2c31a73455d710aa800988f96c0d3da642b82045001aea087a59000000";
constexpr std::string_view kp_magic1 =
    "00000000000000000000001a74aa514001000000018bcfe56800000000026b3000000002763000000000000000010000001dd96ef7"
    "d901000000018bcfe56801ffffffff0000000776616c75652d3100000000000000020000001614ca060b01000000018bcfe568020000"
    "0000ffffffff";
constexpr std::string_view kp_magic1_gzip =
    "00000000000000000000006c8e4f367f01010000000000000000ffffffff000000561f8b0800d13a016b02ff63608003a99255810e8c"
    "400663f7f9a7192011a66c031059660055019294bd99f7fd265c15e37f200072d8cb12734a53750da10a9980584ce4141b375c2148"
    "8401a4180078402ad671000000";

constexpr int64_t ts0 = 1'700'000'000'000;

// The three messages of the kafka-python sets, as the test builders write them.
std::vector<legacy_msg> three_messages() {
  return {{0, "k0", "v0", ts0}, {1, std::nullopt, "value-1", ts0 + 1}, {2, "", std::nullopt, ts0 + 2}};
}

void expect_three_messages(const legacy_records& r, int8_t magic) {
  ASSERT_EQ(r.records().size(), 3u);
  EXPECT_EQ(r.magic(), magic);
  const auto& m = r.records();
  EXPECT_EQ(text(m[0].key), "k0");
  EXPECT_EQ(text(m[0].value), "v0");
  EXPECT_EQ(text(m[1].key), std::nullopt);
  EXPECT_EQ(text(m[1].value), "value-1");
  EXPECT_EQ(text(m[2].key), "");
  EXPECT_EQ(text(m[2].value), std::nullopt);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(m[i].offset, i);
    EXPECT_EQ(m[i].magic, magic);
    EXPECT_EQ(m[i].timestamp, magic == 0 ? -1 : ts0 + i);
    EXPECT_EQ(m[i].ts_type, timestamp_type::create_time);
  }
}

std::vector<std::byte> compressed(compression_type c, const std::vector<std::byte>& in) { return compress(c, in); }

// ---- legacy_records::decode -----------------------------------------------------------

TEST(LegacyRecordsTest, DecodesKafkaPythonMessageSetsOfBothMagics) {
  for (auto [hex, magic, codec] : {std::tuple{kp_magic0, 0, compression_type::none},
                                   std::tuple{kp_magic0_gzip, 0, compression_type::gzip},
                                   std::tuple{kp_magic1, 1, compression_type::none},
                                   std::tuple{kp_magic1_gzip, 1, compression_type::gzip}}) {
    SCOPED_TRACE(hex.substr(0, 40));
    auto bytes = from_hex(hex);
    auto r = legacy_records::decode(bytes);
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(r.value().compression(), codec);
    expect_three_messages(r.value(), static_cast<int8_t>(magic));
  }
}

TEST(LegacyRecordsTest, TestBuilderWritesWhatKafkaPythonWrites) {
  EXPECT_EQ(legacy_set(0, three_messages()), from_hex(kp_magic0));
  EXPECT_EQ(legacy_set(1, three_messages()), from_hex(kp_magic1));
}

TEST(LegacyRecordsTest, AppendedMessagesMatchTheTestBuilderByteForByte) {
  for (int8_t magic : {0, 1}) {
    std::vector<std::byte> out;
    std::string key = "key", value = "a value";
    auto view = [](const std::string& s) { return bytes_view(reinterpret_cast<const std::byte*>(s.data()), s.size()); };
    append_legacy_message(out, magic, 42, 0, ts0, view(key), view(value));
    append_legacy_message(out, magic, 43, 0, ts0 + 1, std::nullopt, std::nullopt);
    std::vector<legacy_msg> expected = {{42, "key", "a value", ts0}, {43, std::nullopt, std::nullopt, ts0 + 1}};
    EXPECT_EQ(out, legacy_set(magic, expected)) << "magic " << int(magic);
  }
}

TEST(LegacyRecordsTest, OpensSnappyWrappersInXerialAndRawFraming) {
  for (int8_t magic : {0, 1}) {
    auto inner = legacy_set(magic, three_messages());
    std::string raw;
    snappy::Compress(reinterpret_cast<const char*>(inner.data()), inner.size(), &raw);
    std::vector<std::byte> raw_bytes(reinterpret_cast<const std::byte*>(raw.data()),
                                     reinterpret_cast<const std::byte*>(raw.data()) + raw.size());
    for (const auto& payload : {compressed(compression_type::snappy, inner), raw_bytes}) {
      auto set = legacy_wrapper(magic, compression_type::snappy, payload, 2);
      auto r = legacy_records::decode(set);
      ASSERT_TRUE(r) << r.error().message();
      EXPECT_EQ(r.value().compression(), compression_type::snappy);
      expect_three_messages(r.value(), magic);
    }
  }
}

TEST(LegacyRecordsTest, OpensLz4WrappersIncludingMagicZeroBrokenHeaderChecksum) {
  for (int8_t magic : {0, 1}) {
    auto inner = legacy_set(magic, three_messages());
    auto frame = compressed(compression_type::lz4, inner);
    auto r = legacy_records::decode(legacy_wrapper(magic, compression_type::lz4, frame));
    ASSERT_TRUE(r) << r.error().message();
    expect_three_messages(r.value(), magic);
  }
  // Kafka's pre-0.10 clients hash the frame magic too: the header checksum is "wrong".
  auto inner = legacy_set(0, three_messages());
  auto frame = compressed(compression_type::lz4, inner);
  const size_t hc = 6;  // FLG, BD, then HC (no content size, no dictionary id)
  ASSERT_EQ(static_cast<int>(frame[4]) & 0x09, 0);
  frame[hc] = static_cast<std::byte>((xxh32_short(std::span(frame).first(hc)) >> 8) & 0xFF);
  ASSERT_NE(with_lz4_header_checksum(frame), frame) << "the broken checksum happens to be right";
  auto r0 = legacy_records::decode(legacy_wrapper(0, compression_type::lz4, frame));
  ASSERT_TRUE(r0) << r0.error().message();
  expect_three_messages(r0.value(), 0);
  // Magic 1 frames must carry the right checksum (Kafka checks it from 0.10 on).
  auto inner1 = legacy_set(1, three_messages());
  auto frame1 = compressed(compression_type::lz4, inner1);
  frame1[hc] = static_cast<std::byte>((xxh32_short(std::span(frame1).first(hc)) >> 8) & 0xFF);
  auto r1 = legacy_records::decode(legacy_wrapper(1, compression_type::lz4, frame1));
  ASSERT_FALSE(r1);
  EXPECT_EQ(r1.error(), errc::decompression_failed);
}

TEST(LegacyRecordsTest, InnerMessagesOfALogAppendTimeWrapperTakeItsTimestamp) {
  auto inner = legacy_set(1, three_messages());
  auto set = legacy_wrapper(1, compression_type::gzip, compressed(compression_type::gzip, inner), 2, ts0 + 99);
  set[17] |= static_cast<std::byte>(legacy_timestamp_type_bit);
  kb::test::fix_legacy_crc(set);
  auto r = legacy_records::decode(set);
  ASSERT_TRUE(r) << r.error().message();
  for (const auto& m : r.value().records()) {
    EXPECT_EQ(m.ts_type, timestamp_type::log_append_time);
    EXPECT_EQ(m.timestamp, ts0 + 99);
  }
}

TEST(LegacyRecordsTest, BadCrcIsCorrupt) {
  auto set = legacy_set(1, three_messages());
  set[37] ^= std::byte{0x01};  // the first message's value (magic 1): "v0" becomes "v1"
  auto r = legacy_records::decode(set);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::corrupt_batch);

  auto crc_only = legacy_set(0, three_messages());
  crc_only[12] ^= std::byte{0x80};
  ASSERT_FALSE(legacy_records::decode(crc_only));
  EXPECT_EQ(legacy_records::decode(crc_only).error(), errc::corrupt_batch);
}

TEST(LegacyRecordsTest, BadCrcOfAnInnerMessageIsCorrupt) {
  auto inner = legacy_set(1, three_messages());
  inner[30] ^= std::byte{0x01};  // a byte of the first inner message's body
  auto r = legacy_records::decode(legacy_wrapper(1, compression_type::gzip, compressed(compression_type::gzip, inner)));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::corrupt_batch);
}

TEST(LegacyRecordsTest, TruncationMidMessageIsCorruptAndAtABoundaryDropsNothingElse) {
  for (int8_t magic : {0, 1}) {
    auto set = legacy_set(magic, three_messages());
    std::vector<size_t> boundaries;
    for (size_t at = 0; at < set.size();) {
      at += 12 + static_cast<size_t>(be::load<int32_t>(set.data() + at + 8));
      boundaries.push_back(at);
    }
    for (size_t n = 1; n < set.size(); ++n) {
      auto r = legacy_records::decode(bytes_view(set).first(n));
      auto at_boundary = std::find(boundaries.begin(), boundaries.end(), n);
      if (at_boundary == boundaries.end()) {
        ASSERT_FALSE(r) << "prefix " << n;
        EXPECT_EQ(r.error(), errc::corrupt_batch) << "prefix " << n;
      } else {
        ASSERT_TRUE(r) << "prefix " << n;
        EXPECT_EQ(r.value().records().size(), static_cast<size_t>(at_boundary - boundaries.begin() + 1));
      }
    }
  }
}

TEST(LegacyRecordsTest, TruncatedCompressedWrapperIsRejected) {
  auto gz = compressed(compression_type::gzip, legacy_set(1, three_messages()));
  gz.resize(gz.size() / 2);
  auto r = legacy_records::decode(legacy_wrapper(1, compression_type::gzip, gz));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::decompression_failed);
}

TEST(LegacyRecordsTest, StructuralViolationsAreInvalidRecords) {
  auto expect_invalid = [](const std::vector<std::byte>& set, errc expected, const char* what) {
    auto r = legacy_records::decode(set);
    ASSERT_FALSE(r) << what;
    EXPECT_EQ(r.error(), expected) << what;
  };
  expect_invalid({}, errc::invalid_record, "an empty set");

  auto mixed = legacy_set(0, {{0, "a", "b"}});
  auto one = legacy_set(1, {{1, "c", "d", ts0}});
  mixed.insert(mixed.end(), one.begin(), one.end());
  expect_invalid(mixed, errc::invalid_record, "magic 0 then magic 1");

  auto gz = compressed(compression_type::gzip, legacy_set(1, three_messages()));
  auto two_entries = legacy_set(1, {{0, "a", "b", ts0}});
  auto wrapper = legacy_wrapper(1, compression_type::gzip, gz);
  two_entries.insert(two_entries.end(), wrapper.begin(), wrapper.end());
  expect_invalid(two_entries, errc::invalid_record, "a wrapper after a plain message");

  auto nested = legacy_wrapper(1, compression_type::gzip, compressed(compression_type::gzip, wrapper));
  expect_invalid(nested, errc::invalid_record, "a wrapper inside a wrapper");

  auto inner_magic0 =
      legacy_wrapper(1, compression_type::gzip, compressed(compression_type::gzip, legacy_set(0, three_messages())));
  expect_invalid(inner_magic0, errc::invalid_record, "magic 0 inside a magic 1 wrapper");

  auto empty_inner = legacy_wrapper(1, compression_type::gzip, compressed(compression_type::gzip, {}));
  expect_invalid(empty_inner, errc::invalid_record, "a wrapper with no messages");

  legacy_msg null_value{0, std::nullopt, std::nullopt, ts0, static_cast<int8_t>(compression_type::gzip)};
  expect_invalid(legacy_set(1, {null_value}), errc::invalid_record, "a wrapper with a null value");

  auto zstd =
      legacy_wrapper(1, compression_type::zstd, compressed(compression_type::zstd, legacy_set(1, three_messages())));
  expect_invalid(zstd, errc::unsupported_compression, "zstd in a magic 1 wrapper");

  auto magic2 = legacy_set(1, {{0, "a", "b", ts0}});
  magic2[16] = std::byte{2};
  kb::test::fix_legacy_crc(magic2);
  expect_invalid(magic2, errc::unsupported_magic, "a magic 2 entry");
}

TEST(LegacyRecordsTest, RecognisesLegacyMessageSetsByTheirMagicByte) {
  EXPECT_TRUE(is_legacy_message_set(legacy_set(0, three_messages())));
  EXPECT_TRUE(is_legacy_message_set(legacy_set(1, three_messages())));
  record_batch_builder b;
  b.add(ts0, "k", "v");
  EXPECT_FALSE(is_legacy_message_set(b.build()));
  EXPECT_FALSE(is_legacy_message_set(std::vector<std::byte>(10)));
}

// ---- up_convert ------------------------------------------------------------------------

batch_records decode_v2(const std::vector<std::byte>& batch) {
  auto r = batch_records::decode(batch);
  EXPECT_TRUE(r) << r.error().message();
  return std::move(r).value();
}

TEST(UpConversionTest, MagicZeroBecomesOneV2BatchWithoutTimestamps) {
  auto v2 = up_convert(from_hex(kp_magic0));
  ASSERT_TRUE(v2) << v2.error().message();
  batch_records b = decode_v2(v2.value());
  const batch_header& h = b.header();
  EXPECT_EQ(h.magic, 2);
  EXPECT_EQ(h.compression(), compression_type::none);
  EXPECT_EQ(h.ts_type(), timestamp_type::create_time);
  EXPECT_EQ(h.records_count, 3);
  EXPECT_EQ(h.last_offset_delta, 2);
  EXPECT_EQ(h.base_timestamp, -1);
  EXPECT_EQ(h.max_timestamp, -1);
  EXPECT_EQ(h.producer_id, -1);
  EXPECT_EQ(h.producer_epoch, -1);
  EXPECT_EQ(h.base_sequence, -1);
  ASSERT_EQ(b.records().size(), 3u);
  EXPECT_EQ(text(b.records()[0].key), "k0");
  EXPECT_EQ(text(b.records()[0].value), "v0");
  EXPECT_EQ(text(b.records()[1].key), std::nullopt);
  EXPECT_EQ(text(b.records()[2].key), "");
  EXPECT_EQ(text(b.records()[2].value), std::nullopt);
  for (const auto& r : b.records()) EXPECT_EQ(r.timestamp_delta, 0);
  for (const auto& r : b.records()) EXPECT_TRUE(r.headers.empty());
}

TEST(UpConversionTest, MagicOneKeepsEachTimestamp) {
  auto v2 = up_convert(from_hex(kp_magic1));
  ASSERT_TRUE(v2) << v2.error().message();
  batch_records b = decode_v2(v2.value());
  EXPECT_EQ(b.header().base_timestamp, ts0);
  EXPECT_EQ(b.header().max_timestamp, ts0 + 2);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(b.records()[i].offset_delta, i);
    EXPECT_EQ(b.records()[i].timestamp_delta, i);
  }
}

TEST(UpConversionTest, WrappersKeepTheirCodec) {
  for (auto codec : {compression_type::gzip, compression_type::snappy, compression_type::lz4}) {
    for (int8_t magic : {0, 1}) {
      SCOPED_TRACE(to_string(codec) + " magic " + std::to_string(magic));
      auto set = legacy_wrapper(magic, codec, compressed(codec, legacy_set(magic, three_messages())), 2);
      auto v2 = up_convert(set);
      ASSERT_TRUE(v2) << v2.error().message();
      batch_records b = decode_v2(v2.value());
      EXPECT_EQ(b.header().compression(), codec);
      ASSERT_EQ(b.records().size(), 3u);
      EXPECT_EQ(text(b.records()[1].value), "value-1");
      EXPECT_EQ(b.header().max_timestamp, magic == 0 ? -1 : ts0 + 2);
    }
  }
}

TEST(UpConversionTest, KafkaPythonGzipSetsConvert) {
  for (auto hex : {kp_magic0_gzip, kp_magic1_gzip}) {
    auto v2 = up_convert(from_hex(hex));
    ASSERT_TRUE(v2) << v2.error().message();
    batch_records b = decode_v2(v2.value());
    EXPECT_EQ(b.header().compression(), compression_type::gzip);
    EXPECT_EQ(b.records().size(), 3u);
  }
}

TEST(UpConversionTest, LogAppendTimeFromAProducerIsRejected) {
  auto set = legacy_set(1, {{0, "k", "v", ts0, legacy_timestamp_type_bit}});
  auto v2 = up_convert(set);
  ASSERT_FALSE(v2);
  EXPECT_EQ(v2.error(), errc::invalid_record);
}

TEST(UpConversionTest, DecodeErrorsPassThrough) {
  auto set = legacy_set(0, three_messages());
  set[20] ^= std::byte{0x10};
  auto v2 = up_convert(set);
  ASSERT_FALSE(v2);
  EXPECT_EQ(v2.error(), errc::corrupt_batch);
}

// ---- down_convert ----------------------------------------------------------------------

struct model {
  int64_t offset;
  int64_t timestamp;
  opt_string key;
  opt_string value;
};

// Stored-log bytes: one batch per group, at the given base offsets, with headers on every
// record (they must be dropped).
std::vector<std::byte> stored_batches(const std::vector<std::vector<model>>& groups,
                                      compression_type codec = compression_type::none) {
  std::vector<std::byte> out;
  for (const auto& g : groups) {
    record_batch_builder b(codec);
    b.base_offset(g.front().offset).producer(7, 1, 0);
    for (const auto& m : g) b.add(m.timestamp, m.key, m.value, {{"h", "x"}});
    auto bytes = b.build();
    out.insert(out.end(), bytes.begin(), bytes.end());
  }
  return out;
}

std::vector<std::vector<model>> sample_groups() {
  return {{{100, ts0, "a", "one"}, {101, ts0 + 5, std::nullopt, "two"}, {102, ts0 + 3, "c", std::nullopt}},
          {{103, ts0 + 10, "d", ""}},
          {{104, ts0 + 20, "e", "five"}, {105, ts0 + 21, "f", "six"}}};
}

std::vector<model> flatten(const std::vector<std::vector<model>>& groups) {
  std::vector<model> out;
  for (const auto& g : groups) out.insert(out.end(), g.begin(), g.end());
  return out;
}

void expect_legacy_equals(const legacy_records& r, const std::vector<model>& expected, int8_t magic) {
  ASSERT_EQ(r.records().size(), expected.size());
  EXPECT_EQ(r.magic(), magic);
  EXPECT_EQ(r.compression(), compression_type::none);
  for (size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE("message " + std::to_string(i));
    const legacy_record& m = r.records()[i];
    EXPECT_EQ(m.offset, expected[i].offset);
    EXPECT_EQ(m.timestamp, magic == 1 ? expected[i].timestamp : -1);
    EXPECT_EQ(text(m.key), expected[i].key);
    EXPECT_EQ(text(m.value), expected[i].value);
  }
}

TEST(DownConversionTest, RoundTripV2ToLegacyToV2KeepsKeysValuesOffsetsAndTimestamps) {
  for (auto codec : {compression_type::none, compression_type::gzip, compression_type::snappy, compression_type::lz4,
                     compression_type::zstd}) {
    for (int8_t magic : {0, 1}) {
      SCOPED_TRACE(to_string(codec) + " magic " + std::to_string(magic));
      auto groups = sample_groups();
      auto legacy = down_convert(stored_batches(groups, codec), magic, 100, SIZE_MAX);
      ASSERT_TRUE(legacy) << legacy.error().message();
      auto decoded = legacy_records::decode(legacy.value());  // every CRC is checked here
      ASSERT_TRUE(decoded) << decoded.error().message();
      auto expected = flatten(groups);
      expect_legacy_equals(decoded.value(), expected, magic);

      // Back to v2, as a Produce v0-2 of these messages would store them.
      auto v2 = up_convert(legacy.value());
      ASSERT_TRUE(v2) << v2.error().message();
      set_base_offset(v2.value(), decoded.value().records().front().offset);
      batch_records b = decode_v2(v2.value());
      ASSERT_EQ(b.records().size(), expected.size());
      for (size_t i = 0; i < expected.size(); ++i) {
        const record& r = b.records()[i];
        EXPECT_EQ(b.header().base_offset + r.offset_delta, expected[i].offset);
        EXPECT_EQ(b.header().base_timestamp + r.timestamp_delta, magic == 1 ? expected[i].timestamp : -1);
        EXPECT_EQ(text(r.key), expected[i].key);
        EXPECT_EQ(text(r.value), expected[i].value);
        EXPECT_TRUE(r.headers.empty());
      }
    }
  }
}

TEST(DownConversionTest, RecordsBelowTheFetchOffsetAreLeftOut) {
  auto groups = sample_groups();
  auto legacy = down_convert(stored_batches(groups, compression_type::gzip), 1, 102, SIZE_MAX);
  ASSERT_TRUE(legacy);
  auto decoded = legacy_records::decode(legacy.value());
  ASSERT_TRUE(decoded);
  auto expected = flatten(groups);
  expected.erase(expected.begin(), expected.begin() + 2);
  expect_legacy_equals(decoded.value(), expected, 1);
}

TEST(DownConversionTest, APartialTrailingBatchIsDropped) {
  auto bytes = stored_batches(sample_groups());
  auto last = stored_batches({sample_groups()[2]});
  for (size_t cut = 1; cut < last.size(); ++cut) {
    auto legacy = down_convert(bytes_view(bytes).first(bytes.size() - cut), 0, 0, SIZE_MAX);
    ASSERT_TRUE(legacy) << cut;
    auto decoded = legacy_records::decode(legacy.value());
    ASSERT_TRUE(decoded) << cut;
    EXPECT_EQ(decoded.value().records().size(), 4u) << cut;
  }
}

TEST(DownConversionTest, MaxBytesKeepsWholeMessagesOnly) {
  auto bytes = stored_batches(sample_groups());
  auto all = down_convert(bytes, 1, 0, SIZE_MAX);
  ASSERT_TRUE(all);
  for (size_t max = 1; max <= all.value().size(); ++max) {
    auto part = down_convert(bytes, 1, 0, max);
    ASSERT_TRUE(part) << max;
    auto decoded = legacy_records::decode(part.value());
    ASSERT_TRUE(decoded) << max;
    ASSERT_FALSE(decoded.value().records().empty());
    // A prefix of the full conversion; within max unless it is the single first message.
    EXPECT_TRUE(std::equal(part.value().begin(), part.value().end(), all.value().begin())) << max;
    if (decoded.value().records().size() > 1) {
      EXPECT_LE(part.value().size(), max);
    }
    // And the next message would not have fit.
    if (part.value().size() < all.value().size()) {
      size_t next = 12 + static_cast<size_t>(be::load<int32_t>(all.value().data() + part.value().size() + 8));
      EXPECT_GT(part.value().size() + next, max) << max;
    }
  }
}

TEST(DownConversionTest, TheFirstMessageComesWholeEvenWhenLargerThanMaxBytes) {
  std::string big(5000, 'x');
  auto bytes = stored_batches({{{0, ts0, "k", big}, {1, ts0, "k", "small"}}});
  auto legacy = down_convert(bytes, 0, 0, 100);
  ASSERT_TRUE(legacy);
  auto decoded = legacy_records::decode(legacy.value());
  ASSERT_TRUE(decoded);
  ASSERT_EQ(decoded.value().records().size(), 1u);
  EXPECT_EQ(text(decoded.value().records()[0].value), big);
  auto none = down_convert(bytes, 0, 0, 0);
  ASSERT_TRUE(none);
  EXPECT_EQ(none.value().size(), legacy.value().size());
}

// Rewrites a built batch's attributes (and CRC), for flags the builder does not set.
void set_attributes(std::vector<std::byte>& batch, int16_t bits) {
  batch_header h = parse_batch_header(batch);
  h.attributes = static_cast<int16_t>(h.attributes | bits);
  write_batch_header(h, batch);
  be::store<uint32_t>(batch.data() + crc_offset, compute_batch_crc(batch));
}

TEST(DownConversionTest, LogAppendTimeBatchesGiveTheirMaxTimestampAndTheTimestampTypeBit) {
  auto batch = stored_batches({{{0, ts0, "k", "v"}, {1, ts0 + 7, "k", "w"}}});
  set_attributes(batch, 0x08);
  auto legacy = down_convert(batch, 1, 0, SIZE_MAX);
  ASSERT_TRUE(legacy);
  auto decoded = legacy_records::decode(legacy.value());
  ASSERT_TRUE(decoded);
  for (const auto& m : decoded.value().records()) {
    EXPECT_EQ(m.timestamp, ts0 + 7);
    EXPECT_EQ(m.ts_type, timestamp_type::log_append_time);
  }
  auto magic0 = down_convert(batch, 0, 0, SIZE_MAX);
  ASSERT_TRUE(magic0);
  EXPECT_EQ(static_cast<int>(magic0.value()[17]), 0) << "magic 0 has no timestamp type";
}

TEST(DownConversionTest, ControlBatchesAreSkipped) {
  auto data = stored_batches({{{0, ts0, "k", "v"}}});
  auto control = stored_batches({{{1, ts0, "\0\0\0\0", "marker"}}});
  set_attributes(control, 0x20 | 0x10);
  data.insert(data.end(), control.begin(), control.end());
  auto after = stored_batches({{{2, ts0, "k2", "v2"}}});
  data.insert(data.end(), after.begin(), after.end());
  auto legacy = down_convert(data, 1, 0, SIZE_MAX);
  ASSERT_TRUE(legacy);
  auto decoded = legacy_records::decode(legacy.value());
  ASSERT_TRUE(decoded);
  ASSERT_EQ(decoded.value().records().size(), 2u);
  EXPECT_EQ(decoded.value().records()[0].offset, 0);
  EXPECT_EQ(decoded.value().records()[1].offset, 2);
}

TEST(DownConversionTest, ACorruptBatchEndsTheConversion) {
  auto bytes = stored_batches(sample_groups());
  auto second_at = stored_batches({sample_groups()[0]}).size();
  auto corrupt_second = bytes;
  corrupt_second[second_at + 70] ^= std::byte{0x01};
  auto legacy = down_convert(corrupt_second, 1, 0, SIZE_MAX);
  ASSERT_TRUE(legacy);
  auto decoded = legacy_records::decode(legacy.value());
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded.value().records().size(), 3u);

  auto corrupt_first = bytes;
  corrupt_first[70] ^= std::byte{0x01};
  auto failed = down_convert(corrupt_first, 1, 0, SIZE_MAX);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error(), errc::corrupt_batch);
}

TEST(DownConversionTest, EmptyInputGivesAnEmptySet) {
  auto legacy = down_convert({}, 0, 0, SIZE_MAX);
  ASSERT_TRUE(legacy);
  EXPECT_TRUE(legacy.value().empty());
}

// ---- fuzz ------------------------------------------------------------------------------

// Random edits of valid inputs, with a fixed seed: decode, up_convert and down_convert must
// return a value or an error, never crash or read out of bounds (run under ASan to see the
// latter). Some mutants get their top-level CRC fixed so that parsing goes deeper.
TEST(LegacyFuzzTest, MutatedInputsNeverCrash) {
  std::mt19937 rng(20240611);
  std::vector<std::vector<std::byte>> legacy_seeds = {
      from_hex(kp_magic0), from_hex(kp_magic1), from_hex(kp_magic0_gzip), from_hex(kp_magic1_gzip),
      legacy_wrapper(1, compression_type::snappy,
                     compressed(compression_type::snappy, legacy_set(1, three_messages()))),
      legacy_wrapper(0, compression_type::lz4, compressed(compression_type::lz4, legacy_set(0, three_messages())))};
  std::vector<std::vector<std::byte>> v2_seeds = {stored_batches(sample_groups()),
                                                  stored_batches(sample_groups(), compression_type::gzip),
                                                  stored_batches(sample_groups(), compression_type::lz4)};
  auto mutate = [&](std::vector<std::byte> in) {
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !in.empty(); ++e) {
      switch (rng() % 4) {
        case 0: in[rng() % in.size()] = static_cast<std::byte>(rng()); break;
        case 1: in.resize(rng() % in.size()); break;
        case 2: in.insert(in.begin() + static_cast<long>(rng() % in.size()), static_cast<std::byte>(rng())); break;
        case 3: in[rng() % in.size()] ^= static_cast<std::byte>(1u << (rng() % 8)); break;
      }
    }
    return in;
  };
  int decoded = 0;
  for (int i = 0; i < 4000; ++i) {
    auto in = mutate(legacy_seeds[rng() % legacy_seeds.size()]);
    if (rng() % 2 && in.size() >= legacy_min_entry_v0) {
      int32_t size = be::load<int32_t>(in.data() + 8);
      if (size >= 4 && static_cast<size_t>(size) + 12 <= in.size()) kb::test::fix_legacy_crc(in);
    }
    auto r = legacy_records::decode(in);
    if (r) {
      ++decoded;
      for (const auto& m : r.value().records()) {
        if (m.key) {
          EXPECT_LE(m.key->size(), 1u << 20);
        }
      }
    }
    (void)up_convert(in);
  }
  for (int i = 0; i < 2000; ++i) {
    auto in = mutate(v2_seeds[rng() % v2_seeds.size()]);
    auto r = down_convert(in, static_cast<int8_t>(rng() % 2), static_cast<int64_t>(rng() % 110), rng() % 400);
    if (r) {
      EXPECT_TRUE(legacy_records::decode(r.value()) || r.value().empty());
    }
  }
  for (int i = 0; i < 1000; ++i) {
    std::vector<std::byte> noise(rng() % 200);
    for (auto& b : noise) b = static_cast<std::byte>(rng());
    (void)legacy_records::decode(noise);
    (void)down_convert(noise, 1, 0, SIZE_MAX);
  }
  EXPECT_GT(decoded, 0) << "no mutant decoded: the fuzz never reached the deeper checks";
}

}  // namespace
}  // namespace kb::log
