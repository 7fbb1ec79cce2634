// JVM hash-map iteration orders that decide Kafka's JSON key order.
#include "zkmeta/znodes/jvm_map_order.h"

#include <gtest/gtest.h>

#include <sstream>

namespace kb::zkmeta {
namespace {

std::vector<std::string> split(const std::string& csv) {
  std::vector<std::string> out;
  std::stringstream in(csv);
  for (std::string item; std::getline(in, item, ',');) out.push_back(item);
  return out;
}

std::vector<std::string> numbers(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(std::to_string(i));
  return out;
}

TEST(JvmMapOrderTest, JavaStringHash) {
  EXPECT_EQ(java_string_hash(""), 0);
  EXPECT_EQ(java_string_hash("0"), 48);
  EXPECT_EQ(java_string_hash("hello"), 99162322);
  EXPECT_EQ(java_string_hash("polygenelubricants"), INT32_MIN);  // wraps like Java's int
}

TEST(JvmMapOrderTest, Scala213SmallMapsAreAscending) {
  EXPECT_EQ(scala213_hash_map_order({"2", "0", "1"}), split("0,1,2"));
  EXPECT_EQ(scala213_hash_map_order(numbers(11)), split("0,1,2,3,4,5,6,7,8,9,10"));
}

TEST(JvmMapOrderTest, Scala213TwelveEntriesGrowTheTable) {
  // zookeeper.md Appendix A: 12 partitions -> "11","0","1",...,"10".
  EXPECT_EQ(scala213_hash_map_order(numbers(12)), split("11,0,1,2,3,4,5,6,7,8,9,10"));
}

TEST(JvmMapOrderTest, Scala213ThirtyEntries) {
  EXPECT_EQ(scala213_hash_map_order(numbers(30)),
            split("22,23,24,25,26,27,28,29,10,11,12,13,14,15,16,17,18,19,0,1,2,3,4,5,6,7,8,9,20,21"));
}

TEST(JvmMapOrderTest, JavaPropertiesSmall) {
  EXPECT_EQ(java_properties_order({"cleanup.policy", "segment.bytes", "compression.type"}),
            split("compression.type,cleanup.policy,segment.bytes"));
}

TEST(JvmMapOrderTest, JavaPropertiesAcrossTwoResizesMatchesJava17) {
  // Captured from java.util.Properties.setProperty in this insertion order on OpenJDK 17.
  const auto inserted = split(
      "segment.bytes,compression.type,cleanup.policy,min.insync.replicas,unclean.leader.election.enable,"
      "retention.ms,max.message.bytes,flush.messages,flush.ms,segment.ms,retention.bytes,delete.retention.ms,"
      "file.delete.delay.ms,index.interval.bytes,message.timestamp.type,preallocate,segment.index.bytes,"
      "segment.jitter.ms,min.compaction.lag.ms,max.compaction.lag.ms,min.cleanable.dirty.ratio,"
      "message.downconversion.enable,follower.replication.throttled.replicas,"
      "leader.replication.throttled.replicas,message.format.version,message.timestamp.difference.max.ms,"
      "local.retention.ms");
  EXPECT_EQ(java_properties_order(inserted),
            split("compression.type,leader.replication.throttled.replicas,min.insync.replicas,"
                  "message.downconversion.enable,segment.jitter.ms,local.retention.ms,cleanup.policy,flush.ms,"
                  "follower.replication.throttled.replicas,retention.ms,segment.bytes,flush.messages,"
                  "message.format.version,file.delete.delay.ms,max.compaction.lag.ms,max.message.bytes,"
                  "min.compaction.lag.ms,message.timestamp.type,preallocate,index.interval.bytes,"
                  "min.cleanable.dirty.ratio,unclean.leader.election.enable,retention.bytes,delete.retention.ms,"
                  "segment.ms,message.timestamp.difference.max.ms,segment.index.bytes"));
}

TEST(JvmMapOrderTest, JavaPropertiesDropsDuplicates) {
  EXPECT_EQ(java_properties_order({"a", "b", "a"}), split("a,b"));
}

}  // namespace
}  // namespace kb::zkmeta
