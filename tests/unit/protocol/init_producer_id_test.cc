// InitProducerId codec (v0-v1): round trips, the null transactional id of an idempotent
// producer, exact sizes and malformed input.
#include "brokerd/protocol/messages/init_producer_id.h"

#include <gtest/gtest.h>

#include "brokerd/protocol/messages/decode_body.h"
#include "tests/support/codec_checks.h"
#include "tests/unit/protocol/message_samples.h"

namespace kb::protocol {
namespace {

using test::encode_message;
using test::from_hex;

TEST(InitProducerIdCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = init_producer_id_min_version; v <= init_producer_id_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::init_producer_id_request_at(v), samples::init_producer_id_request_at(v), v);
    EXPECT_EQ(bytes.size(), 8u);  // "tx" 4 + timeout 4
    test::expect_every_truncation_throws<init_producer_id_request>(bytes, v);
  }
}

TEST(InitProducerIdCodecTest, IdempotentProducerRequestGoldenBytes) {
  // librdkafka: transactional_id null, transaction_timeout_ms -1.
  init_producer_id_request m;
  m.transaction_timeout_ms = -1;
  EXPECT_EQ(test::expect_round_trip(m, m, 1), from_hex("ffff ffffffff"));
}

TEST(InitProducerIdCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = init_producer_id_min_version; v <= init_producer_id_max_version; ++v) {
    auto bytes =
        test::expect_round_trip(samples::init_producer_id_response_at(v), samples::init_producer_id_response_at(v), v);
    EXPECT_EQ(bytes, from_hex("00000003 0033 00000000000003e8 0002"));
    test::expect_every_truncation_throws<init_producer_id_response>(bytes, v);
  }
}

TEST(InitProducerIdCodecTest, DefaultsMatchKafka) {
  EXPECT_EQ(init_producer_id_response{}.producer_id, -1);
  EXPECT_FALSE(init_producer_id_request{}.transactional_id.has_value());
}

TEST(InitProducerIdCodecTest, FlexibleVersionsAreNotImplemented) {
  auto bytes = from_hex("00 00000000 00");
  EXPECT_THROW(decode_body<init_producer_id_request>(bytes, 2), decode_error);
}

}  // namespace
}  // namespace kb::protocol
