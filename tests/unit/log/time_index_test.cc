#include "log/time_index.h"

#include <gtest/gtest.h>

#include "log/file_names.h"
#include "tests/support/temp_dir.h"

namespace kb::log {
namespace {

class TimeIndexTest : public ::testing::Test {
 protected:
  static constexpr int64_t base = 3'000'000'000;  // beyond 2^31: relative offsets still fit
  test::temp_dir dir_;
  std::filesystem::path path_ = time_index_path(dir_.path(), base);
};

TEST_F(TimeIndexTest, AppendsOnlyIncreasingTimestamps) {
  time_index index(path_, base, 4096, true);
  index.maybe_append(100, base + 1);
  index.maybe_append(100, base + 2);  // same timestamp: skipped
  index.maybe_append(90, base + 3);   // older: skipped
  index.maybe_append(200, base + 4);
  ASSERT_EQ(index.entries(), 2u);
  EXPECT_EQ(index.at(0), (time_index::entry{100, base + 1}));
  EXPECT_EQ(index.at(1), (time_index::entry{200, base + 4}));
}

TEST_F(TimeIndexTest, LastEntryBeforeIsStrictlyBelowTarget) {
  time_index index(path_, base, 4096, true);
  index.maybe_append(100, base + 10);
  index.maybe_append(200, base + 20);
  index.maybe_append(300, base + 30);
  EXPECT_EQ(index.last_entry_before(50), (time_index::entry{-1, base}));
  EXPECT_EQ(index.last_entry_before(100), (time_index::entry{-1, base}));
  EXPECT_EQ(index.last_entry_before(101), (time_index::entry{100, base + 10}));
  EXPECT_EQ(index.last_entry_before(300), (time_index::entry{200, base + 20}));
  EXPECT_EQ(index.last_entry_before(1000), (time_index::entry{300, base + 30}));
}

TEST_F(TimeIndexTest, KeepsOneSlotForTheFinalEntryOnRoll) {
  time_index index(path_, base, 3 * 12, true);
  index.maybe_append(1, base + 1);
  index.maybe_append(2, base + 2);
  EXPECT_TRUE(index.full());
  index.maybe_append(3, base + 3);  // refused: the last slot is reserved
  EXPECT_EQ(index.entries(), 2u);
  index.maybe_append(3, base + 3, /*skip_full_check=*/true);
  EXPECT_EQ(index.entries(), 3u);
}

TEST_F(TimeIndexTest, TruncateAndTrim) {
  {
    time_index index(path_, base, 4096, true);
    for (int i = 1; i <= 5; ++i) index.maybe_append(i * 10, base + i);
    index.truncate_to(base + 3);
    EXPECT_EQ(index.entries(), 2u);
    index.trim();
  }
  EXPECT_EQ(std::filesystem::file_size(path_), 24u);
  time_index reopened(path_, base, 0, true);
  EXPECT_TRUE(reopened.is_consistent(base + 3));
  EXPECT_FALSE(reopened.is_consistent(base + 2));  // an entry at base+2 is not below next offset base+2
}

}  // namespace
}  // namespace kb::log
