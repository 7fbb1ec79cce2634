// /latest_producer_id_block and producer_id_allocator against the fake ZooKeeper: Kafka's exact
// JSON, blocks of 1000 chained through the znode, disjoint blocks for racing brokers.
#include "zkmeta/admin/producer_id_block.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <limits>
#include <set>

#include "tests/support/io_runner.h"
#include "tests/support/yielding_zk_client.h"
#include "zkmeta/fake_zk_client.h"
#include "zkmeta/paths.h"

namespace kb::zkmeta {
namespace {

using kb::test::run;
using kb::test::run_until;

TEST(ProducerIdBlockZnodeTest, EncodesKafkaBytes) {
  EXPECT_EQ(producer_id_block_znode::path(), "/latest_producer_id_block");
  producer_id_block b;
  b.broker = kb::broker_id(0);
  b.first_id = 0;
  EXPECT_EQ(producer_id_block_znode::encode(b), R"({"version":1,"broker":0,"block_start":"0","block_end":"999"})");
  b.broker = kb::broker_id(3);
  b.first_id = 5000;
  EXPECT_EQ(producer_id_block_znode::encode(b), R"({"version":1,"broker":3,"block_start":"5000","block_end":"5999"})");
}

TEST(ProducerIdBlockZnodeTest, DecodesStringsAndNumbers) {
  auto b = producer_id_block_znode::decode(R"({"version":1,"broker":2,"block_start":"1000","block_end":"1999"})");
  ASSERT_TRUE(b);
  EXPECT_EQ(b.value().broker, kb::broker_id(2));
  EXPECT_EQ(b.value().first_id, 1000);
  EXPECT_EQ(b.value().size, 1000);
  EXPECT_EQ(b.value().last_id(), 1999);
  EXPECT_EQ(b.value().next_block_first_id(), 2000);
  auto n = producer_id_block_znode::decode(R"({"version":1,"broker":2,"block_start":10,"block_end":19})");
  ASSERT_TRUE(n);
  EXPECT_EQ(n.value().size, 10);
}

TEST(ProducerIdBlockZnodeTest, RejectsBadPayloads) {
  EXPECT_EQ(producer_id_block_znode::decode("nope").error(), znode_errc::malformed);
  EXPECT_EQ(producer_id_block_znode::decode(R"({"version":1,"block_start":"0","block_end":"9"})").error(),
            znode_errc::missing_field);
  EXPECT_EQ(producer_id_block_znode::decode(R"({"version":1,"broker":1,"block_start":"9","block_end":"0"})").error(),
            znode_errc::invalid_value);
  EXPECT_EQ(producer_id_block_znode::decode(R"({"version":1,"broker":1,"block_start":"x","block_end":"0"})").error(),
            znode_errc::invalid_value);
}

class ProducerIdAllocatorTest : public ::testing::Test {
 protected:
  ProducerIdAllocatorTest() : zk_(io_.get_executor(), server_) { EXPECT_TRUE(run(io_, ensure_persistent_paths(zk_))); }

  int64_t next(producer_id_allocator& a) {
    result<int64_t> id = run(io_, a.next());
    EXPECT_TRUE(id) << id.error().message();
    return id ? id.value() : -1;
  }
  std::optional<std::string> znode() { return server_.data_of("/latest_producer_id_block"); }

  boost::asio::io_context io_;
  fake_zk_server server_;
  fake_zk_client zk_;
};

TEST_F(ProducerIdAllocatorTest, NullZnodeMeansTheFirstBlockStartsAtZero) {
  ASSERT_EQ(znode(), std::nullopt);  // as every broker creates it at startup
  producer_id_allocator a(zk_, kb::broker_id(1));
  EXPECT_EQ(next(a), 0);
  EXPECT_EQ(next(a), 1);
  EXPECT_EQ(next(a), 2);
  EXPECT_EQ(znode(), R"({"version":1,"broker":1,"block_start":"0","block_end":"999"})");
  EXPECT_EQ(server_.stat_of("/latest_producer_id_block")->version, 1);
}

TEST_F(ProducerIdAllocatorTest, ExhaustedBlockFetchesTheNext) {
  producer_id_allocator a(zk_, kb::broker_id(1));
  for (int64_t i = 0; i < 1000; ++i) ASSERT_EQ(next(a), i);
  EXPECT_EQ(server_.stat_of("/latest_producer_id_block")->version, 1);  // one block so far
  EXPECT_EQ(next(a), 1000);
  EXPECT_EQ(znode(), R"({"version":1,"broker":1,"block_start":"1000","block_end":"1999"})");
  ASSERT_TRUE(a.current_block());
  EXPECT_EQ(a.current_block()->first_id, 1000);
}

TEST_F(ProducerIdAllocatorTest, TwoAllocatorsGetDisjointIncreasingBlocks) {
  fake_zk_client other(io_.get_executor(), server_);
  producer_id_allocator a(zk_, kb::broker_id(1));
  producer_id_allocator b(other, kb::broker_id(2));
  std::set<int64_t> seen;
  EXPECT_EQ(next(a), 0);
  EXPECT_EQ(next(b), 1000);
  EXPECT_EQ(znode(), R"({"version":1,"broker":2,"block_start":"1000","block_end":"1999"})");
  seen.insert({0, 1000});
  for (int i = 1; i < 1000; ++i) {
    EXPECT_TRUE(seen.insert(next(a)).second);
    EXPECT_TRUE(seen.insert(next(b)).second);
  }
  // Both blocks used up: the next ones come after the latest block, whoever wrote it.
  EXPECT_EQ(next(b), 2000);
  EXPECT_EQ(next(a), 3000);
  EXPECT_EQ(znode(), R"({"version":1,"broker":1,"block_start":"3000","block_end":"3999"})");
}

TEST_F(ProducerIdAllocatorTest, RacingAllocatorsRetryOnBadVersion) {
  // Requests interleave: both read version 0 of the znode, one conditional write loses.
  fake_zk_client other(io_.get_executor(), server_);
  kb::test::yielding_zk_client za(io_.get_executor(), zk_);
  kb::test::yielding_zk_client zb(io_.get_executor(), other);
  std::vector<producer_id_block> blocks;
  for (auto [zk, broker] : {std::pair<zk_client*, int>{&za, 1}, std::pair<zk_client*, int>{&zb, 2}}) {
    boost::asio::co_spawn(
        io_,
        [zk = zk, broker = broker, &blocks]() -> awaitable<void> {
          result<producer_id_block> b = co_await allocate_producer_id_block(*zk, kb::broker_id(broker));
          EXPECT_TRUE(b);
          if (b) blocks.push_back(b.value());
        },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
  }
  ASSERT_TRUE(run_until(io_, [&] { return blocks.size() == 2; }));
  EXPECT_EQ(za.requests["get /latest_producer_id_block"] + zb.requests["get /latest_producer_id_block"], 3);
  EXPECT_EQ(blocks[0].first_id, 0);
  EXPECT_EQ(blocks[1].first_id, 1000);
  EXPECT_NE(blocks[0].broker, blocks[1].broker);
  EXPECT_EQ(server_.stat_of("/latest_producer_id_block")->version, 2);
}

TEST_F(ProducerIdAllocatorTest, ContinuesAfterABlockKafkaWrote) {
  ASSERT_TRUE(run(io_, zk_.set("/latest_producer_id_block",
                               R"({"version":1,"broker":3,"block_start":"4000","block_end":"4999"})")));
  producer_id_allocator a(zk_, kb::broker_id(0));
  EXPECT_EQ(next(a), 5000);
}

TEST_F(ProducerIdAllocatorTest, MissingZnodeIsCreatedWithTheFirstBlock) {
  ASSERT_TRUE(run(io_, zk_.remove("/latest_producer_id_block")));
  producer_id_allocator a(zk_, kb::broker_id(4));
  EXPECT_EQ(next(a), 0);
  EXPECT_EQ(znode(), R"({"version":1,"broker":4,"block_start":"0","block_end":"999"})");
}

TEST_F(ProducerIdAllocatorTest, ExhaustionIsAnError) {
  const int64_t end = std::numeric_limits<int64_t>::max() - 500;
  ASSERT_TRUE(run(io_, zk_.set("/latest_producer_id_block",
                               R"({"version":1,"broker":3,"block_start":")" + std::to_string(end - 999) +
                                   R"(","block_end":")" + std::to_string(end) + R"("})")));
  producer_id_allocator a(zk_, kb::broker_id(0));
  result<int64_t> id = run(io_, a.next());
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error(), producer_id_errc::exhausted);
  EXPECT_EQ(id.error().message(), "Have exhausted all producerIds.");
}

TEST_F(ProducerIdAllocatorTest, UndecodableZnodeIsAnError) {
  ASSERT_TRUE(run(io_, zk_.set("/latest_producer_id_block", "garbage")));
  producer_id_allocator a(zk_, kb::broker_id(0));
  result<int64_t> id = run(io_, a.next());
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error(), znode_errc::malformed);
}

TEST_F(ProducerIdAllocatorTest, ZooKeeperErrorIsReturnedAndTheNextCallRecovers) {
  producer_id_allocator a(zk_, kb::broker_id(0));
  zk_.fail_next(zk_errc::connection_loss);
  result<int64_t> id = run(io_, a.next());
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error(), zk_errc::connection_loss);
  EXPECT_EQ(next(a), 0);
}

}  // namespace
}  // namespace kb::zkmeta
