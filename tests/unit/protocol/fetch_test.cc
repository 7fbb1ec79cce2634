// Fetch codec (v0-v11): request round trips, the broker's response encoder (memory records,
// file slices by reference, empty records as length 0), the follower's response decoder,
// a golden v4 response and malformed input.
#include "brokerd/protocol/messages/fetch.h"

#include <gtest/gtest.h>

#include "brokerd/protocol/messages/decode_body.h"
#include "tests/support/codec_checks.h"
#include "tests/unit/protocol/message_samples.h"

namespace kb::protocol {
namespace {

using test::encode_message;
using test::from_hex;

// The response as bytes; every chunk must be in memory (no file slices).
std::vector<std::byte> encode_response(const fetch_response& m, int16_t version) {
  response_buffer out;
  m.encode(out, version);
  const size_t size = out.size();
  std::vector<std::byte> bytes;
  for (auto& chunk : out.take()) {
    auto* memory = std::get_if<std::vector<std::byte>>(&chunk);
    EXPECT_NE(memory, nullptr) << "unexpected file slice";
    if (memory) bytes.insert(bytes.end(), memory->begin(), memory->end());
  }
  EXPECT_EQ(bytes.size(), size);
  return bytes;
}

std::vector<std::byte> owned_records(const fetch_records& r) {
  if (const auto* bytes = std::get_if<std::vector<std::byte>>(&r)) return *bytes;
  EXPECT_TRUE(std::holds_alternative<std::monostate>(r)) << "file slice in a decoded response";
  return {};
}

void expect_same_response(const fetch_response& a, const fetch_response& b, int16_t version) {
  SCOPED_TRACE("v" + std::to_string(version));
  EXPECT_EQ(a.throttle_time_ms, b.throttle_time_ms);
  EXPECT_EQ(a.error_code, b.error_code);
  EXPECT_EQ(a.session_id, b.session_id);
  ASSERT_EQ(a.responses.size(), b.responses.size());
  for (size_t t = 0; t < a.responses.size(); ++t) {
    EXPECT_EQ(a.responses[t].topic, b.responses[t].topic);
    ASSERT_EQ(a.responses[t].partitions.size(), b.responses[t].partitions.size());
    for (size_t i = 0; i < a.responses[t].partitions.size(); ++i) {
      const auto& pa = a.responses[t].partitions[i];
      const auto& pb = b.responses[t].partitions[i];
      EXPECT_EQ(pa.partition_index, pb.partition_index);
      EXPECT_EQ(pa.error_code, pb.error_code);
      EXPECT_EQ(pa.high_watermark, pb.high_watermark);
      EXPECT_EQ(pa.last_stable_offset, pb.last_stable_offset);
      EXPECT_EQ(pa.log_start_offset, pb.log_start_offset);
      EXPECT_EQ(pa.aborted_transactions, pb.aborted_transactions);
      EXPECT_EQ(pa.preferred_read_replica, pb.preferred_read_replica);
      EXPECT_EQ(owned_records(pa.records), owned_records(pb.records));
    }
  }
}

TEST(FetchCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = fetch_min_version; v <= fetch_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::full_fetch_request(), samples::fetch_request_at(v), v);
    test::expect_every_truncation_throws<fetch_request>(bytes, v);
  }
}

TEST(FetchCodecTest, RequestSizesOmitAbsentFields) {
  // v0: replica, max_wait, min_bytes 12 + topics 4 + "t" 3 + partitions 4 +
  // (partition 4 + offset 8 + max bytes 4) = 39.
  EXPECT_EQ(encode_message(samples::full_fetch_request(), 0).size(), 39u);
  // v11: + max_bytes 4, isolation 1, session 8, leader epoch 4, log start 8,
  // forgotten 4 + "f" 3 + [1,2] 12, rack "r" 3.
  EXPECT_EQ(encode_message(samples::full_fetch_request(), 11).size(), 86u);
}

TEST(FetchCodecTest, RequestDefaultsMatchKafka) {
  fetch_request m;
  EXPECT_EQ(m.replica_id, -1);
  EXPECT_EQ(m.max_bytes, INT32_MAX);
  EXPECT_EQ(m.session_epoch, -1);
  fetch_request_partition p;
  EXPECT_EQ(p.current_leader_epoch, -1);
  EXPECT_EQ(p.log_start_offset, -1);
}

TEST(FetchCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = fetch_min_version; v <= fetch_max_version; ++v) {
    auto bytes = encode_response(samples::fetch_response_at(fetch_max_version), v);
    auto decoded = decode_body<fetch_response>(bytes, v);
    expect_same_response(decoded, samples::fetch_response_at(v), v);
    EXPECT_EQ(encode_response(decoded, v), bytes) << "re-encoding differs at v" << v;
    for (size_t len = 0; len < bytes.size(); ++len) {
      wire_reader r{bytes_view(bytes).first(len)};
      EXPECT_THROW(fetch_response::decode(r, v), decode_error) << "prefix " << len << " v" << v;
    }
  }
}

TEST(FetchCodecTest, ResponseSizesOmitAbsentFields) {
  // v0: topics 4 + "t" 3 + partitions 4 + p0 (4+2+8 + records 4+3) + p1 (4+2+8 + 4) = 50.
  EXPECT_EQ(encode_response(samples::fetch_response_at(fetch_max_version), 0).size(), 50u);
  // v11: + throttle 4, error 2, session 4; per partition lso 8, log start 8, preferred
  // replica 4, aborted transactions (4+16) for p0 and a null count 4 for p1.
  EXPECT_EQ(encode_response(samples::fetch_response_at(fetch_max_version), 11).size(), 124u);
}

TEST(FetchCodecTest, ResponseV4GoldenBytes) {
  fetch_response m;
  fetch_response_partition p;
  p.partition_index = 0;
  p.high_watermark = 16;
  p.last_stable_offset = 16;
  p.records = samples::bytes_of({0xaa, 0xbb, 0xcc});
  m.responses = {{"t", {p}}};
  EXPECT_EQ(encode_response(m, 4), from_hex("00000000"                   // throttle_time_ms
                                            "00000001 0001 74"           // one topic "t"
                                            "00000001 00000000 0000"     // partition 0, no error
                                            "0000000000000010"           // high watermark 16
                                            "0000000000000010"           // last stable offset 16
                                            "00000000"                   // no aborted transactions
                                            "00000003 aabbcc"));         // records
}

TEST(FetchCodecTest, EmptyRecordsAreWrittenAsLengthZero) {
  fetch_response m;
  m.responses = {{"t", {fetch_response_partition{}}}};
  auto bytes = encode_response(m, 0);
  EXPECT_EQ(std::vector<std::byte>(bytes.end() - 4, bytes.end()), from_hex("00000000"));
}

TEST(FetchCodecTest, NullRecordsFromAPeerDecodeAsNone) {
  auto bytes = from_hex("00000001 0001 74 00000001 00000000 0000 0000000000000000 ffffffff");
  auto m = decode_body<fetch_response>(bytes, 0);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(m.responses[0].partitions[0].records));
}

TEST(FetchCodecTest, FileSlicesAreSentByReference) {
  fetch_response m;
  fetch_response_partition p0;
  p0.records = log::file_slice{nullptr, 4096, 1000};
  fetch_response_partition p1;
  p1.partition_index = 1;
  p1.records = log::file_slice{nullptr, 0, 0};  // empty slice: only its length is written
  fetch_response_partition p2;
  p2.partition_index = 2;
  p2.records = samples::bytes_of({7});
  m.responses = {{"t", {p0, p1, p2}}};

  response_buffer out;
  m.encode(out, 0);
  const size_t total = out.size();
  auto chunks = out.take();
  ASSERT_EQ(chunks.size(), 3u);
  const auto& head = std::get<std::vector<std::byte>>(chunks[0]);
  const auto& slice = std::get<log::file_slice>(chunks[1]);
  const auto& tail = std::get<std::vector<std::byte>>(chunks[2]);
  EXPECT_EQ(slice.position, 4096u);
  EXPECT_EQ(slice.size, 1000u);
  // The slice's int32 length ends the first chunk.
  EXPECT_EQ(std::vector<std::byte>(head.end() - 4, head.end()), from_hex("000003e8"));
  // p1 (length 0) and p2 follow the slice.
  EXPECT_EQ(tail, from_hex("00000001 0000 0000000000000000 00000000"
                           "00000002 0000 0000000000000000 00000001 07"));
  EXPECT_EQ(total, head.size() + 1000 + tail.size());
  EXPECT_EQ(fetch_records_size(p0.records), 1000u);
}

TEST(FetchCodecTest, HugeCountsThrow) {
  auto topics = from_hex("ffffffff 000001f4 00000001 7fffffff");
  EXPECT_THROW(decode_body<fetch_request>(topics, 0), decode_error);
  auto partitions = from_hex("ffffffff 000001f4 00000001 00000001 0001 74 7fffffff");
  EXPECT_THROW(decode_body<fetch_request>(partitions, 0), decode_error);
  auto forgotten = from_hex("ffffffff 000001f4 00000001 7fffffff 00 00000000 ffffffff 00000000 7fffffff");
  EXPECT_THROW(decode_body<fetch_request>(forgotten, 7), decode_error);
  auto aborted = from_hex("00000001 0001 74 00000001 00000000 0000 0000000000000000 0000000000000000"
                          "7fffffff 00000000");
  EXPECT_THROW(decode_body<fetch_response>(aborted, 4), decode_error);
  auto records = from_hex("00000001 0001 74 00000001 00000000 0000 0000000000000000 7fffffff");
  EXPECT_THROW(decode_body<fetch_response>(records, 0), decode_error);
}

TEST(FetchCodecTest, TrailingBytesAreMalformed) {
  auto bytes = encode_message(samples::full_fetch_request(), 4);
  bytes.push_back(std::byte{1});
  EXPECT_THROW(decode_body<fetch_request>(bytes, 4), decode_error);
}

}  // namespace
}  // namespace kb::protocol
