// topic_writer and producer_id_allocator against a real ZooKeeper 3.8 server
// (tests/support/zk_server.h): each test writes through a zk_session rooted in its own chroot
// ("/<TestName>") and reads the result back through a second, chroot-less session, so the bytes
// checked are the bytes ZooKeeper stores (what zkCli.sh / kafka-topics.sh would see).
#include "zkmeta/admin/topic_writer.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <memory>
#include <set>

#include "tests/support/io_runner.h"
#include "tests/support/zk_server.h"
#include "zkmeta/admin/producer_id_block.h"
#include "zkmeta/paths.h"
#include "zkmeta/zk_session.h"
#include "zkmeta/znodes/topic_znode.h"

namespace kb::zkmeta {
namespace {

using kb::test::run;
using kb::test::run_until;

random_bits zero_draws() {
  return [] { return uint64_t{0}; };
}

class TopicWriterZkTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new kb::test::zk_server(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static std::string chroot() {
    return std::string("/") + ::testing::UnitTest::GetInstance()->current_test_info()->name();
  }

  // A connected session in `chroot_path` ("" for none).
  std::unique_ptr<zk_session> open(const std::string& chroot_path) {
    zk_config c;
    c.connect = server_->connect_string(chroot_path);
    c.session_timeout = std::chrono::milliseconds(6'000);
    c.connection_timeout = kb::test::scaled(std::chrono::seconds(20));
    auto s = std::make_unique<zk_session>(io_.get_executor(), c);
    result<void> started = run(io_, s->start(), std::chrono::seconds(30));
    EXPECT_TRUE(started) << started.error().message() << "\nserver output:\n" << server_->output();
    return s;
  }

  // A broker's view: this test's chroot, Kafka's persistent paths, brokers 0..2 registered.
  void SetUp() override {
    broker_ = open(chroot());
    raw_ = open("");
    ASSERT_TRUE(run(io_, ensure_persistent_paths(*broker_)));
    for (int id : {0, 1, 2}) {
      ASSERT_TRUE(run(io_, broker_->create("/brokers/ids/" + std::to_string(id), std::string("{}"),
                                           create_mode::ephemeral)));
    }
  }

  // The stored bytes of `path` in this test's chroot, read without the chroot.
  std::optional<std::string> stored(const std::string& path) {
    auto r = run(io_, raw_->get(chroot() + path));
    EXPECT_TRUE(r) << path << ": " << (r ? "" : r.error().message());
    return r ? r.value().data : std::nullopt;
  }
  std::vector<std::string> children(const std::string& path) {
    auto r = run(io_, raw_->get_children(chroot() + path));
    EXPECT_TRUE(r) << path;
    std::vector<std::string> out = r ? r.value() : std::vector<std::string>{};
    std::sort(out.begin(), out.end());
    return out;
  }

  static create_topic_request topic(std::string name, int32_t partitions, int32_t rf, config_entries config = {}) {
    create_topic_request r;
    r.name = std::move(name);
    r.partitions = partitions;
    r.replication_factor = rf;
    r.config = std::move(config);
    return r;
  }

  static kb::test::zk_server* server_;
  boost::asio::io_context io_;
  std::unique_ptr<zk_session> broker_;
  std::unique_ptr<zk_session> raw_;
};

kb::test::zk_server* TopicWriterZkTest::server_ = nullptr;

TEST_F(TopicWriterZkTest, CreateTopicStoresKafkasZnodes) {
  topic_writer writer(*broker_, {}, zero_draws());
  admin_outcome o = run(io_, writer.create_topic(topic("orders", 3, 2, {{"retention.ms", "1000"}}), write_mode::apply));
  ASSERT_TRUE(o.ok()) << o.message.value_or("") << " " << o.cause.message();

  EXPECT_EQ(stored("/brokers/topics/orders"),
            R"({"partitions":{"0":[0,1],"1":[1,2],"2":[2,0]},"topic_id":"AAAAAAAAQACAAAAAAAAAAA",)"
            R"("adding_replicas":{},"removing_replicas":{},"version":3})");
  EXPECT_EQ(stored("/config/topics/orders"), R"({"version":1,"config":{"retention.ms":"1000"}})");
  EXPECT_EQ(children("/config/changes"), std::vector<std::string>{});

  admin_outcome again = run(io_, writer.create_topic(topic("orders", 1, 1), write_mode::apply));
  EXPECT_EQ(again.error, admin_error::topic_already_exists);
  EXPECT_EQ(again.message, "Topic 'orders' already exists.");
}

TEST_F(TopicWriterZkTest, TwoBrokersRacingToCreateTheSameTopic) {
  auto other = open(chroot());
  topic_writer a(*broker_);
  topic_writer b(*other);
  std::vector<admin_outcome> outcomes;
  for (topic_writer* w : {&a, &b}) {
    boost::asio::co_spawn(
        io_,
        [w, &outcomes]() -> awaitable<void> {
          outcomes.push_back(co_await w->create_topic(topic("race", 4, 3), write_mode::apply));
        },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
  }
  ASSERT_TRUE(run_until(io_, [&] { return outcomes.size() == 2; }, std::chrono::seconds(30)));
  ASSERT_EQ(std::count_if(outcomes.begin(), outcomes.end(), [](const admin_outcome& o) { return o.ok(); }), 1);
  const admin_outcome& loser = outcomes[0].ok() ? outcomes[1] : outcomes[0];
  EXPECT_EQ(loser.error, admin_error::topic_already_exists);
  EXPECT_EQ(loser.message, "Topic 'race' already exists.");
  auto t = topic_znode::decode(stored("/brokers/topics/race").value_or(""));
  ASSERT_TRUE(t);
  EXPECT_EQ(t.value().partitions.size(), 4u);
  ASSERT_TRUE(t.value().topic_id);
  EXPECT_EQ(t.value().topic_id->size(), 22u);
}

TEST_F(TopicWriterZkTest, CreatePartitionsSetConfigAndDelete) {
  topic_writer writer(*broker_, {}, zero_draws());
  ASSERT_TRUE(run(io_, writer.create_topic(topic("life", 1, 2), write_mode::apply)).ok());
  const std::string id = *topic_znode::decode(*stored("/brokers/topics/life")).value().topic_id;

  admin_outcome grown = run(io_, writer.create_partitions("life", 3, std::nullopt, write_mode::apply));
  ASSERT_TRUE(grown.ok()) << grown.message.value_or("");
  EXPECT_EQ(stored("/brokers/topics/life"),
            R"({"partitions":{"0":[0,1],"1":[1,2],"2":[2,0]},"topic_id":")" + id +
                R"(","adding_replicas":{},"removing_replicas":{},"version":3})");

  ASSERT_TRUE(run(io_, writer.set_topic_config("life", {{"cleanup.policy", "compact"}}, write_mode::apply)).ok());
  EXPECT_EQ(stored("/config/topics/life"), R"({"version":1,"config":{"cleanup.policy":"compact"}})");
  EXPECT_EQ(children("/config/changes"), std::vector<std::string>{"config_change_0000000000"});
  EXPECT_EQ(stored("/config/changes/config_change_0000000000"), R"({"version":2,"entity_path":"topics/life"})");

  ASSERT_TRUE(run(io_, writer.delete_topic("life")).ok());
  EXPECT_EQ(children("/admin/delete_topics"), std::vector<std::string>{"life"});
  EXPECT_EQ(stored("/admin/delete_topics/life"), std::nullopt);  // null data
  EXPECT_TRUE(run(io_, writer.delete_topic("life")).ok());        // already marked
}

TEST_F(TopicWriterZkTest, ProducerIdBlocksFromTwoSessionsAreDisjoint) {
  auto other = open(chroot());
  // Four allocations per broker, all in flight together: conditional writes collide and retry.
  std::vector<producer_id_block> blocks;
  int done = 0;
  for (auto [zk, broker] : {std::pair<zk_client*, int>{broker_.get(), 1}, std::pair<zk_client*, int>{other.get(), 2}}) {
    for (int i = 0; i < 4; ++i) {
      boost::asio::co_spawn(
          io_,
          [zk = zk, broker = broker, &blocks, &done]() -> awaitable<void> {
            result<producer_id_block> b = co_await allocate_producer_id_block(*zk, kb::broker_id(broker));
            EXPECT_TRUE(b) << (b ? "" : b.error().message());
            if (b) blocks.push_back(b.value());
            ++done;
          },
          [](std::exception_ptr e) {
            if (e) std::rethrow_exception(e);
          });
    }
  }
  ASSERT_TRUE(run_until(io_, [&] { return done == 8; }, std::chrono::seconds(30)));
  std::set<int64_t> starts;
  for (const producer_id_block& b : blocks) starts.insert(b.first_id);
  EXPECT_EQ(starts, (std::set<int64_t>{0, 1000, 2000, 3000, 4000, 5000, 6000, 7000}));
  const auto last = std::max_element(blocks.begin(), blocks.end(), [](const auto& x, const auto& y) {
    return x.first_id < y.first_id;
  });
  EXPECT_EQ(stored("/latest_producer_id_block"),
            R"({"version":1,"broker":)" + std::to_string(last->broker()) +
                R"(,"block_start":"7000","block_end":"7999"})");

  producer_id_allocator allocator(*broker_, kb::broker_id(1));
  EXPECT_EQ(run(io_, allocator.next()).value(), 8000);
  EXPECT_EQ(run(io_, allocator.next()).value(), 8001);
}

}  // namespace
}  // namespace kb::zkmeta
