// Produce v0-2 and Fetch v0-3, the versions of legacy clients (Sarama's default config,
// kafka-go 0.2.1, kafka-python with api_version < 0.11): legacy message sets are
// up-converted on the way in and the stored v2 batches down-converted on the way out.
#include <gtest/gtest.h>

#include "brokerd/handlers/fetch_handler.h"
#include "brokerd/handlers/produce_handler.h"
#include "brokerd/handlers/serve.h"
#include "brokerd/protocol/messages/fetch.h"
#include "brokerd/protocol/messages/produce.h"
#include "log/legacy_records.h"
#include "log/record.h"
#include "tests/support/legacy_messages.h"
#include "tests/unit/handlers/handler_fixture.h"

namespace kb::handlers::test {
namespace {

using kb::test::legacy_msg;
using kb::test::legacy_set;
using protocol::error_code;

constexpr int64_t ts0 = 1'600'000'000'000;

std::optional<std::string> text(const std::optional<log::bytes_view>& v) {
  if (!v) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(v->data()), v->size());
}

class LegacyClientsHandlerTest : public HandlerTest {
 protected:
  LegacyClientsHandlerTest() { add_topic("old", 1); }

  protocol::produce_partition_response produce(std::vector<std::byte> records, int16_t version) {
    protocol::produce_request req;
    req.acks = 1;
    req.timeout_ms = 1000;
    auto& topic = req.topic_data.emplace_back();
    topic.name = "old";
    auto& part = topic.partition_data.emplace_back();
    part.index = 0;
    part.records = std::span<std::byte>(records);
    auto resp = call<protocol::produce_response>(serve<protocol::produce_api>(services_, handle_produce), req, version);
    EXPECT_EQ(resp.responses.size(), 1u);
    return resp.responses.at(0).partition_responses.at(0);
  }

  protocol::fetch_response_partition fetch(int16_t version, int64_t offset, int32_t partition_max_bytes = 1 << 20,
                                           int32_t max_bytes = INT32_MAX) {
    protocol::fetch_request req;
    req.max_wait_ms = 0;
    req.min_bytes = 0;
    req.max_bytes = max_bytes;
    auto& topic = req.topics.emplace_back();
    topic.topic = "old";
    auto& part = topic.partitions.emplace_back();
    part.partition = 0;
    part.fetch_offset = offset;
    part.partition_max_bytes = partition_max_bytes;
    auto resp = call<protocol::fetch_response>(serve<protocol::fetch_api>(services_, handle_fetch), req, version);
    EXPECT_EQ(resp.responses.size(), 1u);
    return std::move(resp.responses.at(0).partitions.at(0));
  }

  static std::vector<std::byte> records_of(const protocol::fetch_response_partition& p) {
    if (const auto* bytes = std::get_if<std::vector<std::byte>>(&p.records)) return *bytes;
    EXPECT_TRUE(std::holds_alternative<std::monostate>(p.records)) << "a file slice in a v0-3 response";
    return {};
  }

  // Every stored batch of the partition, read back from the log.
  std::vector<std::vector<std::byte>> stored_batches() {
    auto& log = local("old", 0).log();
    auto read = log.read(0, 1 << 24, log.log_end_offset(), true);
    EXPECT_TRUE(read);
    std::vector<std::vector<std::byte>> out;
    if (!read.value().data) return out;
    std::vector<std::byte> bytes(read.value().data->size);
    read.value().data->file->read_at(read.value().data->position, bytes);
    for (size_t at = 0; at < bytes.size();) {
      auto prefix = log::parse_batch_prefix(std::span(bytes).subspan(at));
      size_t total = static_cast<size_t>(prefix.batch_length) + log::log_overhead;
      out.emplace_back(bytes.begin() + static_cast<long>(at), bytes.begin() + static_cast<long>(at + total));
      at += total;
    }
    return out;
  }
};

std::vector<legacy_msg> messages(int n, int64_t first_ts = ts0) {
  std::vector<legacy_msg> out;
  for (int i = 0; i < n; ++i) {
    out.push_back({i, "key-" + std::to_string(i), "value-" + std::to_string(i), first_ts + i});
  }
  return out;
}

TEST_F(LegacyClientsHandlerTest, ProduceV0MagicZeroIsStoredAsOneV2BatchWithoutTimestamps) {
  auto pr = produce(legacy_set(0, messages(3)), 0);
  EXPECT_EQ(pr.error_code, error_code::none);
  EXPECT_EQ(pr.base_offset, 0);
  auto batches = stored_batches();
  ASSERT_EQ(batches.size(), 1u);
  auto b = log::batch_records::decode(batches[0]);
  ASSERT_TRUE(b) << b.error().message();
  EXPECT_EQ(b.value().header().magic, 2);
  EXPECT_EQ(b.value().header().max_timestamp, -1);
  ASSERT_EQ(b.value().records().size(), 3u);
  EXPECT_EQ(text(b.value().records()[2].key), "key-2");
  EXPECT_EQ(text(b.value().records()[2].value), "value-2");
  EXPECT_EQ(local("old", 0).log().log_end_offset(), 3);
}

TEST_F(LegacyClientsHandlerTest, ProduceV2MagicOneGzipWrapperIsStoredGzipped) {
  ASSERT_EQ(produce(legacy_set(1, messages(2)), 2).error_code, error_code::none);
  auto inner = legacy_set(1, messages(4, ts0 + 100));
  auto gz = log::compress(log::compression_type::gzip, inner);
  auto set = kb::test::legacy_wrapper(1, log::compression_type::gzip, gz, 3);
  auto pr = produce(set, 2);
  EXPECT_EQ(pr.error_code, error_code::none);
  EXPECT_EQ(pr.base_offset, 2);
  EXPECT_EQ(pr.log_append_time_ms, -1);
  auto batches = stored_batches();
  ASSERT_EQ(batches.size(), 2u);
  auto b = log::batch_records::decode(batches[1]);
  ASSERT_TRUE(b);
  EXPECT_EQ(b.value().header().base_offset, 2);
  EXPECT_EQ(b.value().header().compression(), log::compression_type::gzip);
  EXPECT_EQ(b.value().header().base_timestamp, ts0 + 100);
  EXPECT_EQ(b.value().header().max_timestamp, ts0 + 103);
}

TEST_F(LegacyClientsHandlerTest, ProduceV2StillAcceptsAV2Batch) {
  auto batch = kb::test::make_batch(3);
  EXPECT_EQ(produce(batch, 2).error_code, error_code::none);
  EXPECT_EQ(local("old", 0).log().log_end_offset(), 3);
}

TEST_F(LegacyClientsHandlerTest, ProduceV1WithABadCrcIsCorruptMessageAndAppendsNothing) {
  auto set = legacy_set(0, messages(2));
  set[30] ^= std::byte{0x01};
  EXPECT_EQ(produce(set, 1).error_code, error_code::corrupt_message);
  EXPECT_EQ(local("old", 0).log().log_end_offset(), 0);
}

TEST_F(LegacyClientsHandlerTest, ProduceV0WithMixedMagicsIsInvalidRecord) {
  auto set = legacy_set(0, messages(1));
  auto more = legacy_set(1, messages(1));
  set.insert(set.end(), more.begin(), more.end());
  EXPECT_EQ(produce(set, 0).error_code, error_code::invalid_record);
}

TEST_F(LegacyClientsHandlerTest, ProduceV3StillRejectsLegacyMessages) {
  EXPECT_EQ(produce(legacy_set(1, messages(1)), 3).error_code, error_code::invalid_record);
}

TEST_F(LegacyClientsHandlerTest, FetchV0ReturnsMagicZeroMessagesAtTheirOffsets) {
  HandlerTest::produce("old", 0, 2, 5);  // two v2 batches: offsets 0-9
  auto pr = fetch(0, 3);
  EXPECT_EQ(pr.error_code, error_code::none);
  EXPECT_EQ(pr.high_watermark, 10);
  auto legacy = log::legacy_records::decode(records_of(pr));
  ASSERT_TRUE(legacy) << legacy.error().message();
  EXPECT_EQ(legacy.value().magic(), 0);
  ASSERT_EQ(legacy.value().records().size(), 7u);
  for (size_t i = 0; i < 7; ++i) {
    const auto& m = legacy.value().records()[i];
    EXPECT_EQ(m.offset, static_cast<int64_t>(3 + i));
    EXPECT_EQ(m.timestamp, -1);
    EXPECT_EQ(text(m.key), "k" + std::to_string((3 + i) % 5));
  }
}

TEST_F(LegacyClientsHandlerTest, FetchV2ReturnsMagicOneMessagesWithTimestamps) {
  HandlerTest::produce("old", 0, 1, 4);
  auto pr = fetch(2, 0);
  auto legacy = log::legacy_records::decode(records_of(pr));
  ASSERT_TRUE(legacy) << legacy.error().message();
  EXPECT_EQ(legacy.value().magic(), 1);
  ASSERT_EQ(legacy.value().records().size(), 4u);
  for (const auto& m : legacy.value().records()) EXPECT_EQ(m.timestamp, 1'700'000'000'000);
}

TEST_F(LegacyClientsHandlerTest, FetchPastTheEndIsAnEmptySet) {
  HandlerTest::produce("old", 0, 1, 2);
  auto pr = fetch(1, 2);
  EXPECT_EQ(pr.error_code, error_code::none);
  EXPECT_TRUE(records_of(pr).empty());
}

TEST_F(LegacyClientsHandlerTest, ProduceThenFetchRoundTripsForEachLegacyPairOfVersions) {
  // (produce version, message magic, fetch version, fetched magic)
  struct pair { int16_t produce_version; int8_t magic; int16_t fetch_version; int8_t fetched; };
  int64_t next = 0;
  for (pair v : {pair{0, 0, 0, 0}, pair{1, 0, 1, 0}, pair{2, 1, 2, 1}, pair{2, 1, 3, 1}, pair{0, 0, 3, 1}}) {
    SCOPED_TRACE("produce v" + std::to_string(v.produce_version) + " fetch v" + std::to_string(v.fetch_version));
    auto pr = produce(legacy_set(v.magic, messages(3)), v.produce_version);
    ASSERT_EQ(pr.error_code, error_code::none);
    ASSERT_EQ(pr.base_offset, next);
    auto fetched = log::legacy_records::decode(records_of(fetch(v.fetch_version, next)));
    ASSERT_TRUE(fetched) << fetched.error().message();
    EXPECT_EQ(fetched.value().magic(), v.fetched);
    ASSERT_EQ(fetched.value().records().size(), 3u);
    for (int i = 0; i < 3; ++i) {
      const auto& m = fetched.value().records()[i];
      EXPECT_EQ(m.offset, next + i);
      EXPECT_EQ(text(m.key), "key-" + std::to_string(i));
      EXPECT_EQ(text(m.value), "value-" + std::to_string(i));
      EXPECT_EQ(m.timestamp, v.magic == 1 && v.fetched == 1 ? ts0 + i : -1);
    }
    next += 3;
  }
}

TEST_F(LegacyClientsHandlerTest, PartitionMaxBytesIsAHardCapOfWholeMessages) {
  HandlerTest::produce("old", 0, 1, 10);
  auto all = records_of(fetch(0, 0));
  auto one = log::legacy_records::decode(all);
  ASSERT_TRUE(one);
  const size_t message = all.size() / 10;  // all messages are the same size
  auto pr = fetch(0, 0, static_cast<int32_t>(3 * message + message / 2));
  auto bytes = records_of(pr);
  EXPECT_EQ(bytes.size(), 3 * message);
  auto legacy = log::legacy_records::decode(bytes);
  ASSERT_TRUE(legacy);
  EXPECT_EQ(legacy.value().records().size(), 3u);
}

TEST_F(LegacyClientsHandlerTest, AFirstMessageLargerThanTheCapComesPartialBeforeV3AndWholeInV3) {
  auto big = legacy_set(1, {{0, "k", std::string(4000, 'x'), ts0}});
  ASSERT_EQ(produce(big, 2).error_code, error_code::none);
  // v0-2: the first 100 bytes of the message, which old clients read as "too large".
  for (int16_t version : {0, 2}) {
    auto bytes = records_of(fetch(version, 0, 100));
    EXPECT_EQ(bytes.size(), 100u) << "v" << version;
    auto legacy = log::legacy_records::decode(bytes);
    EXPECT_FALSE(legacy) << "v" << version << ": a partial message must not decode";
  }
  // v3 (KIP-74): the first message is returned whole.
  auto whole = records_of(fetch(3, 0, 100, 100));
  auto legacy = log::legacy_records::decode(whole);
  ASSERT_TRUE(legacy) << legacy.error().message();
  ASSERT_EQ(legacy.value().records().size(), 1u);
  EXPECT_EQ(text(legacy.value().records()[0].value)->size(), 4000u);
}

TEST_F(LegacyClientsHandlerTest, FetchV3CountsConvertedBytesAgainstTheResponseLimit) {
  add_topic("second", 1);
  HandlerTest::produce("old", 0, 1, 5);
  HandlerTest::produce("second", 0, 1, 5);
  protocol::fetch_request req;
  req.max_bytes = 1;  // KIP-74: the first partition's first message only; nothing for the second
  for (std::string name : {"old", "second"}) {
    auto& topic = req.topics.emplace_back();
    topic.topic = name;
    topic.partitions.push_back({0, -1, 0, -1, 1 << 20});
  }
  auto resp = call<protocol::fetch_response>(serve<protocol::fetch_api>(services_, handle_fetch), req, 3);
  ASSERT_EQ(resp.responses.size(), 2u);
  auto first = log::legacy_records::decode(records_of(resp.responses[0].partitions[0]));
  ASSERT_TRUE(first);
  EXPECT_EQ(first.value().records().size(), 1u);
  EXPECT_TRUE(records_of(resp.responses[1].partitions[0]).empty());
}

}  // namespace
}  // namespace kb::handlers::test
