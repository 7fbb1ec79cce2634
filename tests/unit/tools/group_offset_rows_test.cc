#include "brokerd/tools/group_offset_rows.h"

#include <gtest/gtest.h>

namespace kb::tools {
namespace {

using tp = kb::topic_partition;

group_member_view member(const std::string& id, std::vector<tp> assignment) {
  return {id, "", id + "-client", "/127.0.0.1", std::move(assignment)};
}

std::string describe(const offset_row& r) {
  return r.topic + " " + r.partition + " " + r.current_offset + " " + r.log_end_offset + " " + r.lag + " " +
         r.consumer_id + " " + r.host + " " + r.client_id;
}

std::vector<std::string> describe(const std::vector<offset_row>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(describe(r));
  return out;
}

TEST(GroupOffsetRowsTest, AssignedPartitionsShowOffsetsAndLag) {
  group_view g{"g", "Stable", "range", {}, {member("m1", {{"t", 1}, {"t", 0}})}};
  const auto rows = collect_offset_rows(g, {{{"t", 0}, 3}}, {{{"t", 0}, 10}, {{"t", 1}, 4}});
  EXPECT_EQ(describe(rows), (std::vector<std::string>{"t 0 3 10 7 m1 /127.0.0.1 m1-client",
                                                      "t 1 - 4 - m1 /127.0.0.1 m1-client"}));
  EXPECT_EQ(rows[0].group, "g");
}

TEST(GroupOffsetRowsTest, MembersWithMorePartitionsComeFirst) {
  group_view g{"g", "Stable", "range", {}, {member("small", {{"a", 0}}), member("big", {{"b", 0}, {"b", 1}})}};
  const auto rows = collect_offset_rows(g, {}, {});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].consumer_id, "big");
  EXPECT_EQ(rows[2].consumer_id, "small");
}

TEST(GroupOffsetRowsTest, MembersWithoutAssignmentHaveNoRow) {
  group_view g{"g", "Stable", "range", {}, {member("idle", {})}};
  EXPECT_TRUE(collect_offset_rows(g, {}, {}).empty());
}

TEST(GroupOffsetRowsTest, CommittedUnassignedPartitionsHaveDashes) {
  group_view g{"g", "Empty", "", {}, {}};
  const auto rows = collect_offset_rows(g, {{{"t", 2}, 5}, {{"t", 0}, 1}}, {{{"t", 0}, 1}, {{"t", 2}, 9}});
  EXPECT_EQ(describe(rows), (std::vector<std::string>{"t 0 1 1 0 - - -", "t 2 5 9 4 - - -"}));
}

TEST(GroupOffsetRowsTest, UnknownLogEndShowsDash) {
  group_view g{"g", "Empty", "", {}, {}};
  EXPECT_EQ(describe(collect_offset_rows(g, {{{"t", 0}, 1}}, {})), std::vector<std::string>{"t 0 1 - - - - -"});
}

TEST(GroupOffsetRowsTest, NegativeCommittedOffsetIsNone) {
  group_view g{"g", "Empty", "", {}, {}};
  EXPECT_EQ(describe(collect_offset_rows(g, {{{"t", 0}, -1}}, {{{"t", 0}, 4}})),
            std::vector<std::string>{"t 0 - 4 - - - -"});
}

TEST(GroupOffsetRowsTest, PartitionsNeededAreAssignedAndCommittedOnce) {
  group_view g{"g", "Stable", "range", {}, {member("m", {{"t", 0}})}};
  EXPECT_EQ(offset_row_partitions(g, {{{"t", 0}, 1}, {{"u", 0}, 2}}), (std::vector<tp>{{"t", 0}, {"u", 0}}));
}

}  // namespace
}  // namespace kb::tools
