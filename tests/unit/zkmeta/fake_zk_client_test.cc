// fake_zk_client / fake_zk_server: the in-memory ZooKeeper that the zkmeta and controller unit
// tests run against. Each test pins one server behaviour the real ZooKeeper has.
#include "zkmeta/fake_zk_client.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include <string>
#include <vector>

#include "tests/support/io_runner.h"
#include "zkmeta/paths.h"

namespace kb::zkmeta {
namespace {

using kb::test::run;
using kb::test::run_until;

class FakeZkClientTest : public ::testing::Test {
 protected:
  FakeZkClientTest() : server_([this] { return now_ms_; }), zk_(io_.get_executor(), server_) {}

  std::string create(const std::string& path, std::optional<std::string> data = std::nullopt,
                     create_mode mode = create_mode::persistent) {
    result<std::string> r = run(io_, zk_.create(path, std::move(data), mode));
    EXPECT_TRUE(r) << path << ": " << r.error().message();
    return r ? r.value() : "";
  }

  // A watch callback that appends to `events_`.
  watch_callback recorder() {
    return [this](const watch_event& e) { events_.push_back(e); };
  }

  int64_t now_ms_ = 1'000;
  boost::asio::io_context io_;
  fake_zk_server server_;
  fake_zk_client zk_;
  std::vector<watch_event> events_;
};

TEST_F(FakeZkClientTest, FreshServerHasRootAndZookeeperNodes) {
  auto children = run(io_, zk_.get_children("/"));
  ASSERT_TRUE(children);
  EXPECT_EQ(children.value(), std::vector<std::string>{"zookeeper"});
}

TEST_F(FakeZkClientTest, CreateThenGetReturnsDataAndStat) {
  now_ms_ = 1'647'406'227'247;
  EXPECT_EQ(create("/a", "hello"), "/a");
  auto r = run(io_, zk_.get("/a"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r.value().data, "hello");
  const zk_stat& s = r.value().stat;
  EXPECT_EQ(s.version, 0);
  EXPECT_EQ(s.cversion, 0);
  EXPECT_EQ(s.data_length, 5);
  EXPECT_EQ(s.ctime, 1'647'406'227'247);
  EXPECT_EQ(s.mtime, s.ctime);
  EXPECT_EQ(s.czxid, server_.last_zxid());
  EXPECT_EQ(s.mzxid, s.czxid);
  EXPECT_EQ(s.ephemeral_owner, 0);
}

TEST_F(FakeZkClientTest, NullDataReadsBackAsNulloptAndEmptyAsEmpty) {
  create("/null");
  create("/empty", "");
  EXPECT_EQ(run(io_, zk_.get("/null")).value().data, std::nullopt);
  EXPECT_EQ(run(io_, zk_.get("/empty")).value().data, std::optional<std::string>(""));
}

TEST_F(FakeZkClientTest, CreateFailsWithoutParentAndWhenNodeExists) {
  EXPECT_EQ(run(io_, zk_.create("/a/b", std::nullopt)).error(), zk_errc::no_node);
  create("/a");
  EXPECT_EQ(run(io_, zk_.create("/a", std::nullopt)).error(), zk_errc::node_exists);
}

TEST_F(FakeZkClientTest, EphemeralsCannotHaveChildren) {
  create("/e", std::nullopt, create_mode::ephemeral);
  EXPECT_EQ(run(io_, zk_.create("/e/child", std::nullopt)).error(), zk_errc::no_children_for_ephemerals);
}

TEST_F(FakeZkClientTest, InvalidPathsAreBadArguments) {
  for (const char* path : {"", "a", "/a/", "//a", "/a/./b", "/a/../b"}) {
    EXPECT_EQ(run(io_, zk_.create(path, std::nullopt)).error(), zk_errc::bad_arguments) << path;
    EXPECT_EQ(run(io_, zk_.get(path)).error(), zk_errc::bad_arguments) << path;
  }
  EXPECT_EQ(run(io_, zk_.remove("/")).error(), zk_errc::bad_arguments);
}

TEST_F(FakeZkClientTest, SetBumpsVersionAndMtime) {
  create("/a", "v0");
  now_ms_ = 2'000;
  auto s1 = run(io_, zk_.set("/a", "v1"));
  ASSERT_TRUE(s1);
  EXPECT_EQ(s1.value().version, 1);
  EXPECT_EQ(s1.value().mtime, 2'000);
  EXPECT_EQ(s1.value().ctime, 1'000);
  EXPECT_GT(s1.value().mzxid, s1.value().czxid);
  auto s2 = run(io_, zk_.set("/a", "v2", 1));
  ASSERT_TRUE(s2);
  EXPECT_EQ(s2.value().version, 2);
  EXPECT_EQ(s2.value().data_length, 2);
  EXPECT_EQ(run(io_, zk_.get("/a")).value().data, "v2");
}

TEST_F(FakeZkClientTest, SetWithStaleVersionFailsWithBadVersionAndKeepsData) {
  create("/a", "v0");
  ASSERT_TRUE(run(io_, zk_.set("/a", "v1", 0)));
  EXPECT_EQ(run(io_, zk_.set("/a", "lost", 0)).error(), zk_errc::bad_version);
  EXPECT_EQ(run(io_, zk_.get("/a")).value().data, "v1");
  EXPECT_EQ(run(io_, zk_.set("/missing", "x")).error(), zk_errc::no_node);
}

TEST_F(FakeZkClientTest, RemoveChecksVersionAndChildren) {
  create("/a");
  create("/a/b");
  EXPECT_EQ(run(io_, zk_.remove("/a")).error(), zk_errc::not_empty);
  EXPECT_EQ(run(io_, zk_.remove("/a/b", 3)).error(), zk_errc::bad_version);
  EXPECT_TRUE(run(io_, zk_.remove("/a/b", 0)));
  EXPECT_TRUE(run(io_, zk_.remove("/a")));
  EXPECT_EQ(run(io_, zk_.remove("/a")).error(), zk_errc::no_node);
}

TEST_F(FakeZkClientTest, CversionCountsChildCreatesAndDeletes) {
  create("/p");
  create("/p/a");
  create("/p/b");
  ASSERT_TRUE(run(io_, zk_.remove("/p/a")));
  const zk_stat s = run(io_, zk_.exists("/p")).value().value();
  EXPECT_EQ(s.cversion, 3);
  EXPECT_EQ(s.num_children, 1);
  EXPECT_EQ(s.version, 0);  // child changes leave the dataVersion alone
}

TEST_F(FakeZkClientTest, SequentialNamesCarryParentCversionInTenDigits) {
  create("/isr_change_notification");
  EXPECT_EQ(create("/isr_change_notification/isr_change_", "x", create_mode::persistent_sequential),
            "/isr_change_notification/isr_change_0000000000");
  EXPECT_EQ(create("/isr_change_notification/isr_change_", "y", create_mode::persistent_sequential),
            "/isr_change_notification/isr_change_0000000001");
  // Deletes bump the parent's cversion too, so the numbers are not dense.
  ASSERT_TRUE(run(io_, zk_.remove("/isr_change_notification/isr_change_0000000000")));
  EXPECT_EQ(create("/isr_change_notification/isr_change_", "z", create_mode::ephemeral_sequential),
            "/isr_change_notification/isr_change_0000000003");
}

TEST_F(FakeZkClientTest, SequentialCreateMayNameTheChildByItsSuffixAlone) {
  create("/q");
  EXPECT_EQ(create("/q/", std::nullopt, create_mode::persistent_sequential), "/q/0000000000");
}

TEST_F(FakeZkClientTest, MultiCanCreateSequentialNodesAndCheckAnyVersion) {
  create("/q");
  auto r = run(io_, zk_.multi({check_op{"/q", any_version}, create_op{"/q/n-", "x", create_mode::persistent_sequential},
                               create_op{"/q/n-", "y", create_mode::persistent_sequential}}));
  ASSERT_TRUE(r);
  EXPECT_EQ(r.value()[1].created_path, "/q/n-0000000000");
  EXPECT_EQ(r.value()[2].created_path, "/q/n-0000000001");
}

TEST_F(FakeZkClientTest, ExistsReturnsNulloptForMissingNode) {
  auto r = run(io_, zk_.exists("/nope"));
  ASSERT_TRUE(r);
  EXPECT_FALSE(r.value().has_value());
}

TEST_F(FakeZkClientTest, GetChildrenListsNamesNotPaths) {
  create("/brokers");
  create("/brokers/ids");
  create("/brokers/ids/1", "{}", create_mode::ephemeral);
  create("/brokers/ids/0", "{}", create_mode::ephemeral);
  auto r = run(io_, zk_.get_children("/brokers/ids"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r.value(), (std::vector<std::string>{"0", "1"}));
  EXPECT_EQ(run(io_, zk_.get_children("/missing")).error(), zk_errc::no_node);
}

TEST_F(FakeZkClientTest, DataWatchFiresOnceOnSet) {
  create("/a", "v0");
  ASSERT_TRUE(run(io_, zk_.get("/a", recorder())));
  ASSERT_TRUE(run(io_, zk_.set("/a", "v1")));
  ASSERT_TRUE(run(io_, zk_.set("/a", "v2")));
  kb::test::drain(io_);
  EXPECT_EQ(events_, (std::vector<watch_event>{{watch_event_type::data_changed, "/a"}}));
  EXPECT_EQ(server_.watch_count(), 0u);
}

TEST_F(FakeZkClientTest, WatchCallbackIsPostedNotRunInline) {
  create("/a", "v0");
  ASSERT_TRUE(run(io_, zk_.get("/a", recorder())));
  // A coroutine that writes and checks before yielding: the watch must not have run yet.
  bool seen_inline = true;
  run(io_, [&]() -> awaitable<void> {
    (void)co_await zk_.set("/a", "v1");
    seen_inline = !events_.empty();
  }());
  EXPECT_FALSE(seen_inline);
  ASSERT_TRUE(run_until(io_, [&] { return events_.size() == 1; }));
}

TEST_F(FakeZkClientTest, ExistsWatchOnMissingNodeFiresOnCreate) {
  ASSERT_FALSE(run(io_, zk_.exists("/controller", recorder())).value());
  create("/controller", "{}", create_mode::ephemeral);
  kb::test::drain(io_);
  EXPECT_EQ(events_, (std::vector<watch_event>{{watch_event_type::created, "/controller"}}));
}

TEST_F(FakeZkClientTest, ChildWatchFiresOnChildCreateAndDeleteOfWatchedNode) {
  create("/p");
  ASSERT_TRUE(run(io_, zk_.get_children("/p", recorder())));
  create("/p/c");
  kb::test::drain(io_);
  ASSERT_TRUE(run(io_, zk_.get_children("/p", recorder())));
  ASSERT_TRUE(run(io_, zk_.get("/p", recorder())));
  ASSERT_TRUE(run(io_, zk_.remove("/p/c")));
  ASSERT_TRUE(run(io_, zk_.remove("/p")));
  kb::test::drain(io_);
  EXPECT_EQ(events_, (std::vector<watch_event>{{watch_event_type::children_changed, "/p"},
                                               {watch_event_type::children_changed, "/p"},
                                               {watch_event_type::deleted, "/p"}}));
}

TEST_F(FakeZkClientTest, DataChangeDoesNotFireChildWatch) {
  create("/p");
  ASSERT_TRUE(run(io_, zk_.get_children("/p", recorder())));
  ASSERT_TRUE(run(io_, zk_.set("/p", "x")));
  kb::test::drain(io_);
  EXPECT_TRUE(events_.empty());
  EXPECT_EQ(server_.watch_count(), 1u);
}

TEST_F(FakeZkClientTest, FailedGetArmsNoWatch) {
  EXPECT_EQ(run(io_, zk_.get("/a", recorder())).error(), zk_errc::no_node);
  EXPECT_EQ(server_.watch_count(), 0u);
  create("/a");
  kb::test::drain(io_);
  EXPECT_TRUE(events_.empty());
}

TEST_F(FakeZkClientTest, EveryWatcherOfAPathIsNotifiedAcrossSessions) {
  fake_zk_client other(io_.get_executor(), server_);
  create("/a", "v0");
  int mine = 0, theirs = 0;
  ASSERT_TRUE(run(io_, zk_.get("/a", [&](const watch_event&) { ++mine; })));
  ASSERT_TRUE(run(io_, other.exists("/a", [&](const watch_event&) { ++theirs; })));
  ASSERT_TRUE(run(io_, other.set("/a", "v1")));
  ASSERT_TRUE(run_until(io_, [&] { return mine == 1 && theirs == 1; }));
}

TEST_F(FakeZkClientTest, EphemeralsVanishWhenSessionExpires) {
  fake_zk_client broker(io_.get_executor(), server_);
  std::vector<session_state> states;
  broker.add_session_listener([&](session_state s) { states.push_back(s); });
  create("/brokers");
  ASSERT_TRUE(run(io_, broker.create("/brokers/0", "{}", create_mode::ephemeral)));
  EXPECT_EQ(server_.stat_of("/brokers/0")->ephemeral_owner, broker.session_id());
  ASSERT_TRUE(run(io_, zk_.exists("/brokers/0", recorder())));
  ASSERT_TRUE(run(io_, zk_.get_children("/brokers", recorder())));

  broker.expire_session();

  EXPECT_FALSE(server_.contains("/brokers/0"));
  ASSERT_TRUE(run_until(io_, [&] { return events_.size() == 2 && states.size() == 1; }));
  EXPECT_EQ(events_[0], (watch_event{watch_event_type::deleted, "/brokers/0"}));
  EXPECT_EQ(events_[1], (watch_event{watch_event_type::children_changed, "/brokers"}));
  EXPECT_EQ(states, std::vector<session_state>{session_state::expired});
  EXPECT_EQ(broker.state(), session_state::expired);
  EXPECT_EQ(run(io_, broker.get("/brokers")).error(), zk_errc::session_expired);
}

TEST_F(FakeZkClientTest, ExpiredSessionsWatchesAreDropped) {
  fake_zk_client broker(io_.get_executor(), server_);
  create("/a");
  bool fired = false;
  ASSERT_TRUE(run(io_, broker.get("/a", [&](const watch_event&) { fired = true; })));
  broker.expire_session();
  ASSERT_TRUE(run(io_, zk_.set("/a", "x")));
  kb::test::drain(io_);
  EXPECT_FALSE(fired);
  EXPECT_EQ(server_.watch_count(), 0u);
}

TEST_F(FakeZkClientTest, ReconnectOpensANewSession) {
  fake_zk_client broker(io_.get_executor(), server_);
  std::vector<session_state> states;
  broker.add_session_listener([&](session_state s) { states.push_back(s); });
  const int64_t old_session = broker.session_id();
  broker.expire_session();
  ASSERT_TRUE(run(io_, broker.reconnect()));
  EXPECT_NE(broker.session_id(), old_session);
  EXPECT_EQ(broker.state(), session_state::connected);
  ASSERT_TRUE(run(io_, broker.create("/e", std::nullopt, create_mode::ephemeral)));
  EXPECT_EQ(server_.stat_of("/e")->ephemeral_owner, broker.session_id());
  ASSERT_TRUE(run_until(io_, [&] { return states.size() == 2; }));
  EXPECT_EQ(states, (std::vector<session_state>{session_state::expired, session_state::connected}));
}

TEST_F(FakeZkClientTest, CloseDeletesEphemeralsAndRefusesLaterCalls) {
  auto broker = std::make_unique<fake_zk_client>(io_.get_executor(), server_);
  ASSERT_TRUE(run(io_, broker->create("/e", std::nullopt, create_mode::ephemeral)));
  broker->close();
  EXPECT_FALSE(server_.contains("/e"));
  EXPECT_EQ(run(io_, broker->get("/")).error(), zk_errc::closing);
  ASSERT_TRUE(run(io_, broker->create("/e2", std::nullopt, create_mode::ephemeral)).error() == zk_errc::closing);
}

TEST_F(FakeZkClientTest, DestroyingAClientEndsItsSession) {
  {
    fake_zk_client broker(io_.get_executor(), server_);
    ASSERT_TRUE(run(io_, broker.create("/e", std::nullopt, create_mode::ephemeral)));
  }
  EXPECT_FALSE(server_.contains("/e"));
}

TEST_F(FakeZkClientTest, FailNextInjectsRetryableErrorsWithoutApplying) {
  zk_.fail_next(zk_errc::connection_loss, 2);
  auto r1 = run(io_, zk_.create("/a", std::nullopt));
  auto r2 = run(io_, zk_.create("/a", std::nullopt));
  EXPECT_EQ(r1.error(), zk_errc::connection_loss);
  EXPECT_TRUE(is_retryable(r2.error()));
  EXPECT_FALSE(server_.contains("/a"));
  EXPECT_TRUE(run(io_, zk_.create("/a", std::nullopt)));
}

TEST_F(FakeZkClientTest, MultiAppliesAllOpsInOneTransaction) {
  create("/controller_epoch", "0");
  auto r = run(io_, zk_.multi({create_op{"/controller", R"({"version":1})", create_mode::ephemeral},
                               set_op{"/controller_epoch", "1", 0}, check_op{"/controller_epoch", 1}}));
  ASSERT_TRUE(r) << r.error().message();
  ASSERT_EQ(r.value().size(), 3u);
  EXPECT_EQ(r.value()[0].created_path, "/controller");
  ASSERT_TRUE(r.value()[1].stat);
  EXPECT_EQ(r.value()[1].stat->version, 1);
  EXPECT_EQ(server_.data_of("/controller_epoch"), "1");
  // One zxid for the whole multi.
  EXPECT_EQ(server_.stat_of("/controller")->czxid, server_.stat_of("/controller_epoch")->mzxid);
}

TEST_F(FakeZkClientTest, MultiIsAllOrNothing) {
  create("/a", "v0");
  const int64_t zxid = server_.last_zxid();
  auto r = run(io_, zk_.multi_detailed({create_op{"/b", "x"}, set_op{"/a", "v1", 7}, remove_op{"/a"}}));
  ASSERT_TRUE(r);
  EXPECT_FALSE(r.value().applied());
  EXPECT_EQ(r.value().failed_index(), 1u);
  EXPECT_EQ(r.value().error(), zk_errc::bad_version);
  EXPECT_EQ(r.value().results[0].error, zk_errc::ok);
  EXPECT_EQ(r.value().results[2].error, zk_errc::runtime_inconsistency);
  EXPECT_FALSE(server_.contains("/b"));
  EXPECT_EQ(server_.data_of("/a"), "v0");
  EXPECT_EQ(server_.last_zxid(), zxid);
}

TEST_F(FakeZkClientTest, MultiFailsWithTheFirstFailingOpsError) {
  auto r = run(io_, zk_.multi({check_op{"/missing", 0}, remove_op{"/also-missing"}}));
  EXPECT_EQ(r.error(), zk_errc::no_node);
}

TEST_F(FakeZkClientTest, RejectedMultiFiresNoWatches) {
  create("/a", "v0");
  ASSERT_TRUE(run(io_, zk_.get("/a", recorder())));
  ASSERT_FALSE(run(io_, zk_.multi({set_op{"/a", "v1"}, check_op{"/missing"}})));
  kb::test::drain(io_);
  EXPECT_TRUE(events_.empty());
}

TEST_F(FakeZkClientTest, EpochCheckedWriteFromAZombieControllerIsFenced) {
  // Controller A was elected at /controller_epoch version 1; B then won and bumped it to 2.
  create("/controller_epoch", "0");
  ASSERT_TRUE(run(io_, zk_.set("/controller_epoch", "1", 0)));
  create("/state", "s0");
  ASSERT_TRUE(run(io_, zk_.set("/controller_epoch", "2", 1)));
  auto zombie = run(io_, zk_.multi_detailed({check_op{"/controller_epoch", 1}, set_op{"/state", "s1", 0}}));
  ASSERT_TRUE(zombie);
  EXPECT_EQ(zombie.value().failed_index(), 0u);  // the check, not the write: the controller moved
  auto current = run(io_, zk_.multi_detailed({check_op{"/controller_epoch", 2}, set_op{"/state", "s1", 5}}));
  EXPECT_EQ(current.value().failed_index(), 1u);  // the write's own zkVersion was stale
  EXPECT_EQ(current.value().error(), zk_errc::bad_version);
}

TEST_F(FakeZkClientTest, TwoBrokersRaceForControllerAndTheLoserTakesOverOnExpiry) {
  fake_zk_client a(io_.get_executor(), server_);
  fake_zk_client b(io_.get_executor(), server_);
  ASSERT_TRUE(run(io_, a.create("/controller", R"({"brokerid":1})", create_mode::ephemeral)));
  EXPECT_EQ(run(io_, b.create("/controller", R"({"brokerid":2})", create_mode::ephemeral)).error(),
            zk_errc::node_exists);
  bool deleted = false;
  ASSERT_TRUE(run(io_, b.exists("/controller", [&](const watch_event& e) {
    deleted = e.type == watch_event_type::deleted;
  })).value());
  a.expire_session();
  ASSERT_TRUE(run_until(io_, [&] { return deleted; }));
  ASSERT_TRUE(run(io_, b.create("/controller", R"({"brokerid":2})", create_mode::ephemeral)));
  EXPECT_EQ(server_.stat_of("/controller")->ephemeral_owner, b.session_id());
}

TEST_F(FakeZkClientTest, EnsurePersistentPathsCreatesKafkasTreeAndIsIdempotent) {
  ASSERT_TRUE(run(io_, ensure_persistent_paths(zk_)));
  for (const std::string_view path : persistent_zk_paths) {
    EXPECT_TRUE(server_.contains(std::string(path))) << path;
    EXPECT_EQ(server_.data_of(std::string(path)), std::nullopt) << path;
  }
  EXPECT_TRUE(server_.contains("/admin"));
  EXPECT_TRUE(server_.contains("/config"));
  const int64_t zxid = server_.last_zxid();
  ASSERT_TRUE(run(io_, ensure_persistent_paths(zk_)));
  EXPECT_EQ(server_.last_zxid(), zxid);
}

TEST_F(FakeZkClientTest, EnsurePathCreatesLeafWithDataAndParentsWithNull) {
  ASSERT_TRUE(run(io_, ensure_path(zk_, "/kafka/cluster/id", std::string("x"))));
  EXPECT_EQ(server_.data_of("/kafka/cluster/id"), "x");
  EXPECT_TRUE(server_.contains("/kafka/cluster"));
  EXPECT_EQ(server_.data_of("/kafka"), std::nullopt);
}

}  // namespace
}  // namespace kb::zkmeta
