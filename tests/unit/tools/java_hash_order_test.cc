// java_hash_map_order reproduces java.util.HashMap's iteration order. The expected orders and
// hash codes below were printed by OpenJDK 17 (new HashMap<>(), keys put in the listed order).
#include "brokerd/tools/java_hash_order.h"

#include <gtest/gtest.h>

#include <sstream>

namespace kb::tools {
namespace {

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string iteration_order(const std::string& inserted) {
  const std::vector<std::string> keys = words(inserted);
  std::string out;
  for (size_t i : java_hash_map_order(keys)) out += (out.empty() ? "" : " ") + keys[i];
  return out;
}

TEST(JavaHashOrderTest, StringHashMatchesJava) {
  EXPECT_EQ(java_string_hash(""), 0);
  EXPECT_EQ(java_string_hash("hello"), 99162322);
  EXPECT_EQ(java_string_hash("Aa"), 2112);
  EXPECT_EQ(java_string_hash("BB"), 2112);
  EXPECT_EQ(java_string_hash("cleanup.policy"), -537988164);
  EXPECT_EQ(java_string_hash("retention.ms"), -1339220362);
  EXPECT_EQ(java_string_hash("unclean.leader.election.enable"), 1016887921);
}

TEST(JavaHashOrderTest, NonAsciiHashesUtf16CodeUnits) {
  EXPECT_EQ(java_string_hash("\xC3\xBCn\xC3\xAF" "c\xC3\xB6" "d\xC3\xA9"), -609221899);  // "ünïcödé"
  EXPECT_EQ(java_string_hash("\xF0\x9F\x98\x80x"), 54959989);                     // U+1F600 'x': a surrogate pair
}

TEST(JavaHashOrderTest, SmallMapOrder) {
  EXPECT_EQ(iteration_order("retention.ms cleanup.policy"), "cleanup.policy retention.ms");
  // Colliding keys keep insertion order within their bucket.
  EXPECT_EQ(iteration_order("hello Aa BB zebra"), "Aa BB zebra hello");
}

TEST(JavaHashOrderTest, ResizedMapOrderOfTheBrokersTopicConfigs) {
  // 15 entries: the table has grown to 32 buckets.
  EXPECT_EQ(iteration_order("cleanup.policy compression.type flush.messages flush.ms index.interval.bytes "
                            "max.message.bytes message.timestamp.type min.insync.replicas retention.bytes "
                            "retention.ms segment.bytes segment.index.bytes segment.jitter.ms segment.ms "
                            "unclean.leader.election.enable"),
            "compression.type max.message.bytes message.timestamp.type min.insync.replicas segment.jitter.ms "
            "index.interval.bytes unclean.leader.election.enable retention.bytes cleanup.policy flush.ms "
            "retention.ms segment.bytes segment.ms flush.messages segment.index.bytes");
}

// Orders below printed by OpenJDK 17's HashMap for keys with these hashCode() values.
std::string order_of_hashes(const std::vector<std::string>& names, const std::vector<int32_t>& hashes,
                            std::optional<size_t> capacity = std::nullopt) {
  std::string out;
  for (size_t i : java_hash_map_order(hashes, capacity)) out += (out.empty() ? "" : " ") + names[i];
  return out;
}

TEST(JavaHashOrderTest, TopicPartitionHashIsKafkas) {
  EXPECT_EQ(java_topic_partition_hash("orders", 0), -1008769370);
  EXPECT_EQ(java_topic_partition_hash("orders", 1), -1008769339);
  EXPECT_EQ(java_topic_partition_hash("", -1), 930);
}

TEST(JavaHashOrderTest, TopicPartitionKeys) {
  const std::vector<std::pair<std::string, int32_t>> tps = {{"orders", 0},   {"orders", 1},   {"orders", 2},
                                                            {"payments", 0}, {"payments", 1}, {"audit", 7}};
  std::vector<std::string> names;
  std::vector<int32_t> hashes;
  for (const auto& [t, p] : tps) {
    names.push_back(t + "-" + std::to_string(p));
    hashes.push_back(java_topic_partition_hash(t, p));
  }
  EXPECT_EQ(order_of_hashes(names, hashes), "payments-0 payments-1 audit-7 orders-0 orders-1 orders-2");
}

TEST(JavaHashOrderTest, PresizedMapHasFewerBuckets) {
  const std::vector<std::string> names = {"zeta", "alpha", "mid"};
  std::vector<int32_t> hashes;
  for (const auto& n : names) hashes.push_back(java_string_hash(n));
  EXPECT_EQ(order_of_hashes(names, hashes), "zeta alpha mid");      // new HashMap<>()
  EXPECT_EQ(order_of_hashes(names, hashes, 3), "zeta mid alpha");   // new HashMap<>(3): 4 buckets
}

}  // namespace
}  // namespace kb::tools
