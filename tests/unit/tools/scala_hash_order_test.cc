// scala_hash_order follows Scala 2.13's collection sources (Hashing.improve, the CHAMP trie of
// immutable.HashMap / HashSet, mutable.HashMap's buckets); no Scala runtime is at hand to print
// orders, so these cases pin the rules themselves.
#include "brokerd/tools/scala_hash_order.h"

#include <gtest/gtest.h>

namespace kb::tools {
namespace {

TEST(ScalaHashOrderTest, ImproveMatchesScalaHashing) {
  // improve(h) = h + ~(h << 9); h ^= h >>> 14; h += h << 4; h ^ (h >>> 10), in 32-bit ints.
  const auto reference = [](int32_t hcode) {
    uint32_t h = static_cast<uint32_t>(hcode) + ~(static_cast<uint32_t>(hcode) << 9);
    h ^= h >> 14;
    h += h << 4;
    return static_cast<int32_t>(h ^ (h >> 10));
  };
  for (int32_t v : {1, 42, -7, 2112, 99162322}) EXPECT_EQ(scala_improve_hash(v), reference(v)) << v;
}

TEST(ScalaHashOrderTest, UpToFourEntriesKeepInsertionOrder) {
  EXPECT_EQ(scala_immutable_order({}), (std::vector<size_t>{}));
  EXPECT_EQ(scala_immutable_order({5, 1, 9, 3}), (std::vector<size_t>{0, 1, 2, 3}));
}

// Finds an int whose improved hash has `low5` in its lowest five bits and `next5` above them.
int32_t with_slots(uint32_t low5, uint32_t next5, int32_t start = 0) {
  for (int32_t h = start;; ++h) {
    const auto i = static_cast<uint32_t>(scala_improve_hash(h));
    if ((i & 31u) == low5 && ((i >> 5) & 31u) == next5) return h;
  }
}

TEST(ScalaHashOrderTest, FiveEntriesAreOrderedBySlotInlineKeysFirst) {
  // Slots (lowest 5 bits of the improved hash): a=7, b=3, c=20, d=3 (collides with b), e=1.
  const int32_t a = with_slots(7, 0), b = with_slots(3, 9), c = with_slots(20, 0), d = with_slots(3, 2),
                e = with_slots(1, 0);
  // Inline keys by slot (e, a, c), then the sub-node of slot 3 ordered by the next 5 bits (d, b).
  EXPECT_EQ(scala_immutable_order({a, b, c, d, e}), (std::vector<size_t>{4, 0, 2, 3, 1}));
}

TEST(ScalaHashOrderTest, ChampOrderDoesNotDependOnInsertionOrder) {
  const std::vector<int32_t> hashes = {11, 222, 3333, 44444, 555555, 6666666};
  const std::vector<size_t> forward = scala_champ_order(hashes);
  const std::vector<int32_t> reversed(hashes.rbegin(), hashes.rend());
  std::vector<size_t> backward = scala_champ_order(reversed);
  for (size_t& i : backward) i = hashes.size() - 1 - i;
  EXPECT_EQ(forward, backward);
}

TEST(ScalaHashOrderTest, MutableMapSortsByBucketThenImprovedHash) {
  // 1 and 17 share bucket 1 of 16 and keep hash order whatever the insertion order; 2 is next.
  EXPECT_EQ(scala_mutable_hash_order({17, 2, 1}), (std::vector<size_t>{2, 0, 1}));
  // Twelve entries: the table has 32 buckets, so 1 and 33 no longer share one with 17.
  std::vector<int32_t> twelve = {33, 17, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const std::vector<size_t> order = scala_mutable_hash_order(twelve);
  EXPECT_EQ(order.front(), 2u);   // 1 (bucket 1)
  EXPECT_EQ(order.back(), 1u);    // 17 (bucket 17)
  EXPECT_EQ(order[1], 0u);        // 33 (bucket 1, after 1)
}

}  // namespace
}  // namespace kb::tools
