// Kafka Uuid text: 16 bytes as unpadded base64url; random ids never start with '-'.
#include "zkmeta/admin/kafka_uuid.h"

#include <gtest/gtest.h>

#include <deque>
#include <set>

namespace kb::zkmeta {
namespace {

TEST(KafkaUuidTest, RendersSixteenBytesAsUnpaddedBase64Url) {
  // Checked against Python: base64.urlsafe_b64encode(uuid.UUID('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0').bytes)
  EXPECT_EQ(kafka_uuid_string(0x0f1e2d3c4b5a6978, 0x8796a5b4c3d2e1f0), "Dx4tPEtaaXiHlqW0w9Lh8A");
  EXPECT_EQ(kafka_uuid_string(0, 0), "AAAAAAAAAAAAAAAAAAAAAA");
  EXPECT_EQ(kafka_uuid_string(~uint64_t{0}, ~uint64_t{0}), "_____________________w");
}

TEST(KafkaUuidTest, RandomIdsAreVersion4AndNeverStartWithADash) {
  std::deque<uint64_t> draws = {0xF800000000000000, 0, 0x0123456789abcdef, 0xfedcba9876543210};
  random_bits bits = [&] {
    const uint64_t v = draws.front();
    draws.pop_front();
    return v;
  };
  // The first pair would start with '-' (0xF8 -> index 62); the second is used, with the
  // version (4) and variant (10xx) bits forced as java.util.UUID.randomUUID does.
  EXPECT_EQ(random_kafka_uuid(bits), "ASNFZ4mrTe--3LqYdlQyEA");
  EXPECT_TRUE(draws.empty());
}

TEST(KafkaUuidTest, DefaultSourceGivesDistinct22CharIds) {
  random_bits bits = default_random_bits();
  std::set<std::string> ids;
  for (int i = 0; i < 100; ++i) {
    std::string id = random_kafka_uuid(bits);
    EXPECT_EQ(id.size(), 22u);
    EXPECT_NE(id.front(), '-');
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 100u);
}

}  // namespace
}  // namespace kb::zkmeta
