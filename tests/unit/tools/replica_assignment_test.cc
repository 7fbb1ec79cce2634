#include "brokerd/tools/replica_assignment.h"

#include <gtest/gtest.h>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_replica_assignment(text);
  } catch (const command_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(ReplicaAssignmentTest, ParsesPartitionsInOrder) {
  EXPECT_EQ(parse_replica_assignment("0:1:2,1:2:0"), (replica_assignment{{0, 1, 2}, {1, 2, 0}}));
  EXPECT_EQ(parse_replica_assignment(" 3 : 4 "), (replica_assignment{{3, 4}}));
}

TEST(ReplicaAssignmentTest, RejectsWhatKafkaRejects) {
  EXPECT_EQ(error_of("0:1:1"), "Partition replica lists may not contain duplicate entries: 1");
  EXPECT_EQ(error_of("0:1,2"), "Partition 1 has different replication factor: 2");
  EXPECT_EQ(error_of("0:x"), "For input string: \"x\"");
}

}  // namespace
}  // namespace kb::tools
