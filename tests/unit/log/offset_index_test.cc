#include "log/offset_index.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "log/file_names.h"
#include "tests/support/temp_dir.h"

namespace kb::log {
namespace {

constexpr int64_t base = 1000;

class OffsetIndexTest : public ::testing::Test {
 protected:
  test::temp_dir dir_;
  std::filesystem::path path_ = index_path(dir_.path(), base);
};

// The reference model: greatest key <= target, or (base, 0).
offset_index::entry model_lookup(const std::map<int64_t, uint32_t>& m, int64_t target) {
  auto it = m.upper_bound(target);
  if (it == m.begin()) return {base, 0};
  --it;
  return {it->first, it->second};
}

TEST_F(OffsetIndexTest, LookupMatchesOrderedMapModel) {
  offset_index index(path_, base, 1 << 20, true);
  std::map<int64_t, uint32_t> model;
  std::mt19937_64 rng(42);
  int64_t offset = base;
  uint32_t position = 0;
  for (int i = 0; i < 5000; ++i) {
    offset += 1 + static_cast<int64_t>(rng() % 50);
    position += 1 + static_cast<uint32_t>(rng() % 9000);
    index.append(offset, position);
    model[offset] = position;
  }
  for (int i = 0; i < 20000; ++i) {
    int64_t target = base - 10 + static_cast<int64_t>(rng() % static_cast<uint64_t>(offset - base + 100));
    EXPECT_EQ(index.lookup(target), model_lookup(model, target)) << "target " << target;
  }
}

TEST_F(OffsetIndexTest, EmptyIndexLookupReturnsSegmentStart) {
  offset_index index(path_, base, 4096, true);
  EXPECT_EQ(index.lookup(base + 500), (offset_index::entry{base, 0}));
  EXPECT_EQ(index.entries(), 0u);
}

TEST_F(OffsetIndexTest, EntriesAreEightBytesBigEndianRelativeOffsetThenPosition) {
  {
    offset_index index(path_, base, 4096, true);
    index.append(base + 0x01020304, 0x0A0B0C0D);
    index.trim();
  }
  ASSERT_EQ(std::filesystem::file_size(path_), 8u);
  std::ifstream in(path_, std::ios::binary);
  unsigned char raw[8];
  in.read(reinterpret_cast<char*>(raw), 8);
  const unsigned char expected[8] = {0x01, 0x02, 0x03, 0x04, 0x0A, 0x0B, 0x0C, 0x0D};
  EXPECT_EQ(0, std::memcmp(raw, expected, 8));
}

TEST_F(OffsetIndexTest, PreallocatedWhileActiveAndTrimmedToEntries) {
  offset_index index(path_, base, 10 * 1024 + 3, true);
  EXPECT_EQ(std::filesystem::file_size(path_), 10 * 1024u);  // rounded down to whole entries
  index.append(base + 1, 100);
  index.append(base + 2, 200);
  index.trim();
  EXPECT_EQ(std::filesystem::file_size(path_), 16u);
}

TEST_F(OffsetIndexTest, ReopenedTrimmedIndexKeepsEntries) {
  {
    offset_index index(path_, base, 4096, true);
    index.append(base + 5, 10);
    index.append(base + 9, 20);
    index.trim();
  }
  offset_index again(path_, base, 4096, true);
  ASSERT_EQ(again.entries(), 2u);
  EXPECT_EQ(again.at(1), (offset_index::entry{base + 9, 20}));
  EXPECT_EQ(std::filesystem::file_size(path_), 4096u);  // preallocated again for appends
}

TEST_F(OffsetIndexTest, TruncateRemovesEntriesAtAndAboveOffset) {
  offset_index index(path_, base, 4096, true);
  for (int i = 1; i <= 10; ++i) index.append(base + i * 10, static_cast<uint32_t>(i * 100));
  index.truncate_to(base + 50);
  EXPECT_EQ(index.entries(), 4u);
  EXPECT_EQ(index.last()->offset, base + 40);
  index.append(base + 45, 450);  // appends continue after truncation
  EXPECT_EQ(index.lookup(base + 47).position, 450u);
}

TEST_F(OffsetIndexTest, FullWhenPreallocatedSpaceIsUsed) {
  offset_index index(path_, base, 3 * 8, true);
  index.append(base + 1, 1);
  index.append(base + 2, 2);
  EXPECT_FALSE(index.full());
  index.append(base + 3, 3);
  EXPECT_TRUE(index.full());
}

TEST_F(OffsetIndexTest, ConsistencyDetectsDisorderAndPositionsBeyondLog) {
  offset_index index(path_, base, 4096, true);
  index.append(base + 1, 100);
  index.append(base + 2, 200);
  EXPECT_TRUE(index.is_consistent(1000));
  EXPECT_FALSE(index.is_consistent(150));  // position 200 beyond a 150-byte log
}

TEST_F(OffsetIndexTest, ZeroFilledPreallocatedFileIsInconsistent) {
  { offset_index index(path_, base, 4096, true); }  // crash before trim: 4 KiB of zeros
  offset_index reopened(path_, base, 0, true);
  EXPECT_EQ(reopened.entries(), 512u);
  EXPECT_FALSE(reopened.is_consistent(1 << 20));
}

}  // namespace
}  // namespace kb::log
