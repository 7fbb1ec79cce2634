// on_partitions_deleted (Kafka's handleDeletedPartitions): the offsets of a deleted topic's
// partitions leave every group, with tombstones; a group left Empty without offsets goes too.
#include "tests/unit/group/coordinator_fixture.h"

namespace kb::group::test {
namespace {

using protocol::error_code;
using strings = std::vector<std::string>;

class DeletedPartitionsTest : public CoordinatorTest {
 protected:
  int64_t fetched(const std::string& group, const topic_partition& tp) {
    return coordinator_.fetch_offsets(group, std::vector<topic_partition>{tp}).second.at(tp).offset;
  }
};

TEST_F(DeletedPartitionsTest, EveryGroupLosesTheDeletedPartitionsOffsets) {
  commit("g", "", -1, {{{"t", 0}, at(1)}, {{"u", 0}, at(2)}});
  const std::string id = join_alone("h");
  commit("h", id, 1, {{{"t", 0}, at(3)}, {{"t", 1}, at(4)}});
  coordinator_.on_partitions_deleted({{"t", 0}});
  EXPECT_EQ(fetched("g", {"t", 0}), -1);
  EXPECT_EQ(fetched("g", {"u", 0}), 2);
  EXPECT_EQ(fetched("h", {"t", 0}), -1);
  EXPECT_EQ(fetched("h", {"t", 1}), 4);
}

TEST_F(DeletedPartitionsTest, EachGroupWritesTombstonesToItsOwnPartition) {
  commit("g", "", -1, {{{"t", 0}, at(1)}, {{"u", 0}, at(2)}});
  commit("h", "", -1, {{{"t", 0}, at(3)}, {{"u", 0}, at(4)}});
  const size_t before = log_.appended.size();
  coordinator_.on_partitions_deleted({{"t", 0}});
  ASSERT_EQ(log_.appended.size(), before + 2);
  for (size_t i = before; i < log_.appended.size(); ++i) {
    const auto& call = log_.appended[i];
    const std::string group = call.partition == coordinator_.partition_for("g") ? "g" : "h";
    EXPECT_EQ(records_of(call), strings{"tombstone offset " + group + " t-0"});
  }
}

TEST_F(DeletedPartitionsTest, AnOffsetsOnlyGroupLeftWithoutOffsetsIsDeleted) {
  commit("g", "", -1, {{{"t", 0}, at(1)}});
  coordinator_.on_partitions_deleted({{"t", 0}});
  EXPECT_EQ(describe("g").group_state, "Dead");
}

TEST_F(DeletedPartitionsTest, AGroupWithMembersStaysWhenItLosesItsOffsets) {
  const std::string id = join_alone("g");
  commit("g", id, 1, {{{"t", 0}, at(1)}});
  coordinator_.on_partitions_deleted({{"t", 0}});
  EXPECT_EQ(describe("g").group_state, "Stable");
  EXPECT_EQ(fetched("g", {"t", 0}), -1);
}

}  // namespace
}  // namespace kb::group::test
