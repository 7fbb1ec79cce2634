// Produce codec (v0-v8): zero-copy mutable records views, round trips at every version,
// sizes, a golden v3 request frame, and malformed input.
#include "brokerd/protocol/messages/produce.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "brokerd/protocol/messages/decode_body.h"
#include "brokerd/protocol/request_header.h"
#include "tests/support/codec_checks.h"
#include "tests/unit/protocol/message_samples.h"

namespace kb::protocol {
namespace {

using test::encode_message;
using test::from_hex;

std::vector<std::byte> sample_records() { return samples::bytes_of({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}); }

void expect_same_request(const produce_request& a, const produce_request& b) {
  EXPECT_EQ(a.transactional_id, b.transactional_id);
  EXPECT_EQ(a.acks, b.acks);
  EXPECT_EQ(a.timeout_ms, b.timeout_ms);
  ASSERT_EQ(a.topic_data.size(), b.topic_data.size());
  for (size_t t = 0; t < a.topic_data.size(); ++t) {
    EXPECT_EQ(a.topic_data[t].name, b.topic_data[t].name);
    ASSERT_EQ(a.topic_data[t].partition_data.size(), b.topic_data[t].partition_data.size());
    for (size_t p = 0; p < a.topic_data[t].partition_data.size(); ++p) {
      const auto& pa = a.topic_data[t].partition_data[p];
      const auto& pb = b.topic_data[t].partition_data[p];
      EXPECT_EQ(pa.index, pb.index);
      ASSERT_EQ(pa.records.has_value(), pb.records.has_value());
      if (pa.records) {
        EXPECT_TRUE(std::ranges::equal(*pa.records, *pb.records));
      }
    }
  }
}

TEST(ProduceCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = produce_min_version; v <= produce_max_version; ++v) {
    auto records = sample_records();
    auto full_records = sample_records();
    auto bytes = encode_message(samples::produce_request_at(produce_max_version, full_records), v);
    auto decoded = produce_request::decode(bytes, v);
    expect_same_request(decoded, samples::produce_request_at(v, records));
    EXPECT_EQ(encode_message(decoded, v), bytes) << "v" << v;
    for (size_t len = 0; len < bytes.size(); ++len) {
      std::vector<std::byte> prefix(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(len));
      EXPECT_THROW(produce_request::decode(prefix, v), decode_error) << "prefix " << len << " v" << v;
    }
  }
}

TEST(ProduceCodecTest, RequestSizesOmitAbsentFields) {
  // acks 2 + timeout 4 + topics 4 + "t" 3 + partitions 4 + (4 + 4 + 10) + (4 + 4) = 43;
  // v3 adds transactional_id "tx" = 4.
  auto records = sample_records();
  auto m = samples::produce_request_at(produce_max_version, records);
  EXPECT_EQ(encode_message(m, 0).size(), 43u);
  EXPECT_EQ(encode_message(m, 2).size(), 43u);
  EXPECT_EQ(encode_message(m, 3).size(), 47u);
  EXPECT_EQ(encode_message(m, 8).size(), 47u);
}

TEST(ProduceCodecTest, RecordsAreMutableViewsIntoTheFrame) {
  auto records = sample_records();
  auto frame = encode_message(samples::produce_request_at(3, records), 3);
  auto decoded = produce_request::decode(frame, 3);
  auto& view = *decoded.topic_data[0].partition_data[0].records;
  ASSERT_EQ(view.size(), 10u);
  EXPECT_GE(view.data(), frame.data());
  EXPECT_LE(view.data() + view.size(), frame.data() + frame.size());
  // Writing a base offset through the view changes the frame itself (no copy was made).
  view[0] = std::byte{0xab};
  EXPECT_EQ(frame[static_cast<size_t>(view.data() - frame.data())], std::byte{0xab});
  EXPECT_FALSE(decoded.topic_data[0].partition_data[1].records.has_value());
}

TEST(ProduceCodecTest, V3RequestFrameGoldenBytes) {
  request_header h;
  h.api_key = 0;
  h.api_version = 3;
  h.correlation_id = 42;
  h.client_id = "c1";
  produce_request m;
  m.acks = -1;
  m.timeout_ms = 30000;
  auto records = samples::bytes_of({0xde, 0xad});
  m.topic_data = {{"t", {{0, std::span<std::byte>(records)}}}};
  wire_writer w;
  h.write(w, false);
  m.encode(w, 3);
  EXPECT_EQ(std::move(w).take(), from_hex("0000 0003 0000002a 0002 6331"  // header v1
                                          "ffff"                         // transactional_id null
                                          "ffff 00007530"                // acks -1, timeout 30000
                                          "00000001 0001 74"             // one topic "t"
                                          "00000001 00000000"            // one partition, index 0
                                          "00000002 dead"));             // records
}

TEST(ProduceCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = produce_min_version; v <= produce_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::full_produce_response(), samples::produce_response_at(v), v);
    test::expect_every_truncation_throws<produce_response>(bytes, v);
  }
}

TEST(ProduceCodecTest, ResponseSizesAndThrottleAtTheEnd) {
  // v0: topics 4 + "t" 3 + partitions 4 + (index 4 + error 2 + base_offset 8) = 25.
  EXPECT_EQ(encode_message(samples::full_produce_response(), 0).size(), 25u);
  // v8: + append time 8, log start 8, record errors 4 + (4+5) + (4+2), error message 5,
  // throttle 4.
  auto v8 = encode_message(samples::full_produce_response(), 8);
  EXPECT_EQ(v8.size(), 69u);
  EXPECT_EQ(std::vector<std::byte>(v8.end() - 4, v8.end()), from_hex("00000009"));
  auto v1 = encode_message(samples::full_produce_response(), 1);
  EXPECT_EQ(v1.size(), 29u);
  EXPECT_EQ(std::vector<std::byte>(v1.end() - 4, v1.end()), from_hex("00000009"));
}

TEST(ProduceCodecTest, TrailingBytesAreMalformed) {
  auto records = sample_records();
  auto frame = encode_message(samples::produce_request_at(3, records), 3);
  frame.push_back(std::byte{0});
  EXPECT_THROW(produce_request::decode(frame, 3), decode_error);
}

TEST(ProduceCodecTest, HugeCountsAndLengthsThrow) {
  auto topics = from_hex("ffff 00007530 7fffffff");
  EXPECT_THROW(produce_request::decode(topics, 0), decode_error);
  auto partitions = from_hex("ffff 00007530 00000001 0001 74 7fffffff");
  EXPECT_THROW(produce_request::decode(partitions, 0), decode_error);
  auto records = from_hex("ffff 00007530 00000001 0001 74 00000001 00000000 7fffffff 00");
  EXPECT_THROW(produce_request::decode(records, 0), decode_error);
  auto negative_records = from_hex("ffff 00007530 00000001 0001 74 00000001 00000000 fffffffe");
  EXPECT_THROW(produce_request::decode(negative_records, 0), decode_error);
  auto record_errors = from_hex("00000001 0001 74 00000001 00000000 0000 0000000000000000"
                                "0000000000000000 0000000000000000 7fffffff");
  EXPECT_THROW(decode_body<produce_response>(record_errors, 8), decode_error);
}

}  // namespace
}  // namespace kb::protocol
