#include "brokerd/tools/replica_election_data.h"

#include <gtest/gtest.h>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

std::string error_of(std::string_view json) {
  try {
    parse_replica_election_data(json);
  } catch (const command_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(ReplicaElectionDataTest, ReadsKafkasExampleFormatInFileOrder) {
  const auto tps = parse_replica_election_data(
      "{\"partitions\":\n\t[{\"topic\": \"foo\", \"partition\": 1},\n\t {\"topic\": \"foobar\", \"partition\": 2}]\n}");
  EXPECT_EQ(tps, (std::vector<kb::topic_partition>{{"foo", 1}, {"foobar", 2}}));
  EXPECT_TRUE(parse_replica_election_data(R"({"version":1,"partitions":[]})").empty());
}

TEST(ReplicaElectionDataTest, KafkasMessagesForBadFiles) {
  EXPECT_EQ(error_of(""), "Replica election data is empty");
  EXPECT_EQ(error_of("not json"), "Replica election data is empty");
  EXPECT_EQ(error_of(R"({"version":1})"), "Replica election data is missing \"partitions\" field");
  EXPECT_EQ(error_of(R"({"partitions":[{"topic":"a","partition":1},{"topic":"b","partition":0},)"
                     R"({"topic":"a","partition":1},{"topic":"b","partition":0},{"topic":"a","partition":1}]})"),
            "Replica election data contains duplicate partitions: a-1,b-0");
}

TEST(ReplicaElectionDataTest, EntriesNeedAStringTopicAndAnIntegerPartition) {
  EXPECT_NE(error_of(R"({"partitions":[{"topic":"a"}]})").find("invalid entry"), std::string::npos);
  EXPECT_NE(error_of(R"({"partitions":[{"topic":1,"partition":1}]})").find("invalid entry"), std::string::npos);
  EXPECT_NE(error_of(R"({"partitions":[{"topic":"a","partition":"1"}]})").find("invalid entry"), std::string::npos);
  EXPECT_NE(error_of(R"({"partitions":[{"topic":"a","partition":4294967296}]})").find("invalid entry"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"partitions":{"topic":"a"}})").find("not an array"), std::string::npos);
}

}  // namespace
}  // namespace kb::tools
