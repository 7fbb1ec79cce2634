// zk_session against a real ZooKeeper 3.8 server (tests/support/zk_server.h): the C-client
// bridge, error mapping, watches delivered on the io thread, ephemerals, sequential nodes,
// multi with a version check, and chroot creation. One server per suite; each test works in
// its own chroot, named after the test, so tests do not see each other's znodes.
#include "zkmeta/zk_session.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <memory>
#include <thread>

#include "tests/support/io_runner.h"
#include "tests/support/tcp_proxy.h"
#include "tests/support/zk_server.h"
#include "zkmeta/paths.h"

namespace kb::zkmeta {
namespace {

using kb::test::run;
using kb::test::run_until;

class ZkSessionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new kb::test::zk_server(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  // The chroot of this test: "/<TestName>".
  static std::string chroot() {
    return std::string("/") + ::testing::UnitTest::GetInstance()->current_test_info()->name();
  }

  zk_config config(std::string_view chroot_path) const {
    zk_config c;
    c.connect = server_->connect_string(chroot_path);
    c.session_timeout = std::chrono::milliseconds(6'000);
    c.connection_timeout = kb::test::scaled(std::chrono::seconds(20));
    return c;
  }

  // A started session in this test's chroot (or another chroot, "" for none).
  std::unique_ptr<zk_session> open(std::optional<std::string> chroot_path = std::nullopt) {
    auto s = std::make_unique<zk_session>(io_.get_executor(), config(chroot_path.value_or(chroot())));
    result<void> started = run(io_, s->start(), std::chrono::seconds(30));
    EXPECT_TRUE(started) << started.error().message() << "\nserver output:\n" << server_->output();
    return s;
  }

  static kb::test::zk_server* server_;
  boost::asio::io_context io_;
};

kb::test::zk_server* ZkSessionTest::server_ = nullptr;

TEST_F(ZkSessionTest, StartCreatesAMissingNestedChroot) {
  auto plain = open("");
  EXPECT_FALSE(run(io_, plain->exists("/kafka_a/b")).value());

  auto rooted = open("/kafka_a/b");
  EXPECT_EQ(rooted->state(), session_state::connected);
  EXPECT_NE(rooted->session_id(), 0);
  auto created = run(io_, rooted->create("/x", std::string("in chroot")));
  ASSERT_TRUE(created) << created.error().message();
  EXPECT_EQ(created.value(), "/x");  // paths stay chroot-relative

  auto seen = run(io_, plain->get("/kafka_a/b/x"));
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen.value().data, "in chroot");
  EXPECT_EQ(run(io_, plain->get("/kafka_a")).value().data, std::nullopt);  // parents hold null
}

TEST_F(ZkSessionTest, SessionListenerSeesConnected) {
  zk_session s(io_.get_executor(), config(chroot()));
  std::vector<session_state> states;
  s.add_session_listener([&](session_state st) { states.push_back(st); });
  ASSERT_TRUE(run(io_, s.start()));
  ASSERT_TRUE(run_until(io_, [&] { return !states.empty(); }));
  EXPECT_EQ(states.back(), session_state::connected);
}

TEST_F(ZkSessionTest, CreateGetSetRemoveWithVersions) {
  auto zk = open();
  ASSERT_EQ(run(io_, zk->create("/a", std::string("v0"))).value(), "/a");
  auto got = run(io_, zk->get("/a"));
  ASSERT_TRUE(got);
  EXPECT_EQ(got.value().data, "v0");
  EXPECT_EQ(got.value().stat.version, 0);
  EXPECT_EQ(got.value().stat.data_length, 2);
  EXPECT_GT(got.value().stat.czxid, 0);

  auto set = run(io_, zk->set("/a", "v1", 0));
  ASSERT_TRUE(set);
  EXPECT_EQ(set.value().version, 1);
  EXPECT_EQ(run(io_, zk->set("/a", "lost", 0)).error(), zk_errc::bad_version);
  EXPECT_EQ(run(io_, zk->get("/a")).value().data, "v1");

  EXPECT_EQ(run(io_, zk->remove("/a", 0)).error(), zk_errc::bad_version);
  EXPECT_TRUE(run(io_, zk->remove("/a", 1)));
  EXPECT_EQ(run(io_, zk->get("/a")).error(), zk_errc::no_node);
}

TEST_F(ZkSessionTest, NullAndEmptyDataAreDistinct) {
  auto zk = open();
  ASSERT_TRUE(run(io_, zk->create("/null", std::nullopt)));
  ASSERT_TRUE(run(io_, zk->create("/empty", std::string())));
  EXPECT_EQ(run(io_, zk->get("/null")).value().data, std::nullopt);
  EXPECT_EQ(run(io_, zk->get("/empty")).value().data, std::optional<std::string>(""));
}

TEST_F(ZkSessionTest, ServerErrorsMapToZkErrc) {
  auto zk = open();
  ASSERT_TRUE(run(io_, zk->create("/p", std::nullopt)));
  ASSERT_TRUE(run(io_, zk->create("/p/c", std::nullopt)));
  ASSERT_TRUE(run(io_, zk->create("/e", std::nullopt, create_mode::ephemeral)));
  EXPECT_EQ(run(io_, zk->create("/p", std::nullopt)).error(), zk_errc::node_exists);
  EXPECT_EQ(run(io_, zk->create("/missing/c", std::nullopt)).error(), zk_errc::no_node);
  EXPECT_EQ(run(io_, zk->remove("/p")).error(), zk_errc::not_empty);
  EXPECT_EQ(run(io_, zk->create("/e/c", std::nullopt)).error(), zk_errc::no_children_for_ephemerals);
  EXPECT_EQ(run(io_, zk->get("bad")).error(), zk_errc::bad_arguments);
  EXPECT_EQ(run(io_, zk->get_children("/missing")).error(), zk_errc::no_node);
  auto absent = run(io_, zk->exists("/missing"));
  ASSERT_TRUE(absent);
  EXPECT_FALSE(absent.value().has_value());
}

TEST_F(ZkSessionTest, SequentialNodesGetTenDigitSuffixes) {
  auto zk = open();
  ASSERT_TRUE(run(io_, zk->create("/isr_change_notification", std::nullopt)));
  EXPECT_EQ(run(io_, zk->create("/isr_change_notification/isr_change_", std::string("{}"),
                                create_mode::persistent_sequential))
                .value(),
            "/isr_change_notification/isr_change_0000000000");
  EXPECT_EQ(run(io_, zk->create("/isr_change_notification/isr_change_", std::string("{}"),
                                create_mode::ephemeral_sequential))
                .value(),
            "/isr_change_notification/isr_change_0000000001");
  auto children = run(io_, zk->get_children("/isr_change_notification"));
  ASSERT_TRUE(children);
  EXPECT_EQ(children.value().size(), 2u);
}

TEST_F(ZkSessionTest, ExistsWatchFiresOnCreateOnTheIoThread) {
  auto watcher = open();
  auto writer = open();
  std::vector<watch_event> events;
  std::thread::id callback_thread;
  auto absent = run(io_, watcher->exists("/controller", [&](const watch_event& e) {
    events.push_back(e);
    callback_thread = std::this_thread::get_id();
  }));
  ASSERT_TRUE(absent);
  ASSERT_FALSE(absent.value());
  ASSERT_TRUE(run(io_, writer->create("/controller", std::string("{}"), create_mode::ephemeral)));
  ASSERT_TRUE(run_until(io_, [&] { return !events.empty(); }));
  EXPECT_EQ(events.front(), (watch_event{watch_event_type::created, "/controller"}));
  EXPECT_EQ(callback_thread, std::this_thread::get_id());  // the io thread, not ZooKeeper's
}

TEST_F(ZkSessionTest, DataWatchIsOneShot) {
  auto zk = open();
  ASSERT_TRUE(run(io_, zk->create("/a", std::string("v0"))));
  int fired = 0;
  ASSERT_TRUE(run(io_, zk->get("/a", [&](const watch_event& e) {
    EXPECT_EQ(e, (watch_event{watch_event_type::data_changed, "/a"}));
    ++fired;
  })));
  ASSERT_TRUE(run(io_, zk->set("/a", "v1")));
  ASSERT_TRUE(run_until(io_, [&] { return fired == 1; }));
  ASSERT_TRUE(run(io_, zk->set("/a", "v2")));
  // A later round trip on the same session is answered after any notification for v2 would
  // have been delivered (ZooKeeper orders them per session).
  ASSERT_TRUE(run(io_, zk->get("/a")));
  kb::test::drain(io_);
  EXPECT_EQ(fired, 1);
}

TEST_F(ZkSessionTest, ChildrenWatchFiresOnNewChild) {
  auto controller = open();
  auto broker = open();
  ASSERT_TRUE(run(io_, ensure_path(*controller, "/brokers/ids")));
  std::vector<watch_event> events;
  auto children =
      run(io_, controller->get_children("/brokers/ids", [&](const watch_event& e) { events.push_back(e); }));
  ASSERT_TRUE(children);
  EXPECT_TRUE(children.value().empty());
  ASSERT_TRUE(run(io_, broker->create("/brokers/ids/1", std::string("{}"), create_mode::ephemeral)));
  ASSERT_TRUE(run_until(io_, [&] { return !events.empty(); }));
  EXPECT_EQ(events.front(), (watch_event{watch_event_type::children_changed, "/brokers/ids"}));
  EXPECT_EQ(run(io_, controller->get_children("/brokers/ids")).value(), std::vector<std::string>{"1"});
}

TEST_F(ZkSessionTest, EphemeralVanishesWhenItsSessionCloses) {
  auto observer = open();
  auto broker = open();
  ASSERT_TRUE(run(io_, broker->create("/b0", std::string("{}"), create_mode::ephemeral)));
  auto stat = run(io_, observer->exists("/b0"));
  ASSERT_TRUE(stat && stat.value());
  EXPECT_EQ(stat.value()->ephemeral_owner, broker->session_id());

  bool deleted = false;
  ASSERT_TRUE(run(io_, observer->get("/b0", [&](const watch_event& e) {
    deleted = e.type == watch_event_type::deleted;
  })));
  broker->close();
  EXPECT_EQ(broker->state(), session_state::closed);
  ASSERT_TRUE(run_until(io_, [&] { return deleted; }));
  EXPECT_FALSE(run(io_, observer->exists("/b0")).value());
  EXPECT_EQ(run(io_, broker->get("/")).error(), zk_errc::closing);
}

TEST_F(ZkSessionTest, ReconnectOpensANewSessionAndDropsTheOldEphemerals) {
  auto zk = open();
  ASSERT_TRUE(run(io_, zk->create("/e", std::nullopt, create_mode::ephemeral)));
  const int64_t first = zk->session_id();
  ASSERT_TRUE(run(io_, zk->reconnect()));
  EXPECT_NE(zk->session_id(), first);
  EXPECT_FALSE(run(io_, zk->exists("/e")).value());
  ASSERT_TRUE(run(io_, zk->create("/e", std::nullopt, create_mode::ephemeral)));
  EXPECT_EQ(run(io_, zk->exists("/e")).value()->ephemeral_owner, zk->session_id());
}

TEST_F(ZkSessionTest, ExpiredSessionIsReportedAndReconnectRecovers) {
  // The broker reaches ZooKeeper through a proxy we can cut, so that while it is cut a second
  // client can take the session over and close it (the C client would otherwise win it back
  // within a millisecond). Reconnecting through the proxy then finds the session expired.
  kb::test::tcp_proxy proxy(server_->port());
  zk_config via_proxy = config(chroot());
  via_proxy.connect = "127.0.0.1:" + std::to_string(proxy.port()) + chroot();
  zk_session broker(io_.get_executor(), via_proxy);
  std::vector<session_state> states;
  broker.add_session_listener([&](session_state s) { states.push_back(s); });
  ASSERT_TRUE(run(io_, broker.start()));
  ASSERT_TRUE(run(io_, broker.create("/brokers_1", std::string("{}"), create_mode::ephemeral)));
  auto observer = open();
  bool deleted = false;
  ASSERT_TRUE(run(io_, observer->exists("/brokers_1", [&](const watch_event& e) {
    deleted = e.type == watch_event_type::deleted;
  })));

  const zk_session::credentials creds = broker.session_credentials();
  ASSERT_EQ(creds.id, broker.session_id());
  proxy.block();
  ASSERT_TRUE(kb::test::expire_session(server_->connect_string(), creds.id, creds.password));
  ASSERT_TRUE(run_until(io_, [&] { return deleted; }));  // the server ended the session
  proxy.unblock();

  ASSERT_TRUE(run_until(io_, [&] { return broker.state() == session_state::expired; }, std::chrono::seconds(30)));
  EXPECT_EQ(states.back(), session_state::expired);
  EXPECT_EQ(run(io_, broker.get("/")).error(), zk_errc::session_expired);

  // Kafka's after-new-session hook: new handle, then re-register the ephemeral.
  ASSERT_TRUE(run(io_, broker.reconnect()));
  EXPECT_NE(broker.session_id(), creds.id);
  ASSERT_TRUE(run(io_, broker.create("/brokers_1", std::string("{}"), create_mode::ephemeral)));
  ASSERT_TRUE(run_until(io_, [&] { return states.back() == session_state::connected; }));
}

TEST_F(ZkSessionTest, MultiWithEpochCheckIsAtomic) {
  auto zk = open();
  ASSERT_TRUE(run(io_, zk->create("/controller_epoch", std::string("0"))));
  // Election: create /controller and bump the epoch conditionally, in one transaction.
  auto won = run(io_, zk->multi({create_op{"/controller", std::string(R"({"version":1,"brokerid":1})"),
                                           create_mode::ephemeral},
                                 set_op{"/controller_epoch", "1", 0}}));
  ASSERT_TRUE(won) << won.error().message();
  ASSERT_EQ(won.value().size(), 2u);
  EXPECT_EQ(won.value()[0].created_path, "/controller");
  ASSERT_TRUE(won.value()[1].stat);
  EXPECT_EQ(won.value()[1].stat->version, 1);

  // A zombie's epoch-checked write: the check fails, nothing is applied.
  ASSERT_TRUE(run(io_, zk->create("/state", std::string("s0"))));
  auto fenced = run(io_, zk->multi_detailed({check_op{"/controller_epoch", 0}, set_op{"/state", "s1", 0},
                                             create_op{"/side_effect", std::nullopt}}));
  ASSERT_TRUE(fenced) << fenced.error().message();
  EXPECT_FALSE(fenced.value().applied());
  EXPECT_EQ(fenced.value().failed_index(), 0u);
  EXPECT_EQ(fenced.value().error(), zk_errc::bad_version);
  EXPECT_EQ(fenced.value().results[2].error, zk_errc::runtime_inconsistency);
  EXPECT_EQ(run(io_, zk->get("/state")).value().data, "s0");
  EXPECT_FALSE(run(io_, zk->exists("/side_effect")).value());

  // The current controller's write goes through.
  auto ok = run(io_, zk->multi({check_op{"/controller_epoch", 1}, set_op{"/state", "s1", 0}}));
  ASSERT_TRUE(ok) << ok.error().message();
  EXPECT_EQ(run(io_, zk->get("/state")).value().data, "s1");
  EXPECT_EQ(run(io_, zk->multi({check_op{"/controller_epoch", 0}})).error(), zk_errc::bad_version);
}

// A multi that never reached a verdict fails as a request (connection_loss), not as a
// multi whose first op was rejected: a controller read the latter as "fenced by a newer
// controller" and resigned while its /controller znode stayed, leaving no controller at all
// (found by the nemesis, the ensemble losing quorum).
TEST_F(ZkSessionTest, AMultiCutOffByAConnectionLossFailsAsARequest) {
  kb::test::tcp_proxy proxy(server_->port());
  zk_config via_proxy = config(chroot());
  via_proxy.connect = "127.0.0.1:" + std::to_string(proxy.port()) + chroot();
  zk_session zk(io_.get_executor(), via_proxy);
  ASSERT_TRUE(run(io_, zk.start()));
  ASSERT_TRUE(run(io_, zk.create("/controller_epoch", std::string("1"))));
  proxy.block();
  auto r = run(io_, zk.multi_detailed({check_op{"/controller_epoch", 0}, create_op{"/state", std::nullopt}}),
               std::chrono::seconds(30));
  proxy.unblock();
  ASSERT_FALSE(r) << "a multi_response (failed op " << r.value().failed_index().value_or(99) << ", "
                  << to_string(r.value().error()) << ") for a request that never reached the server";
  EXPECT_TRUE(is_retryable(r.error())) << r.error().message();
}

// Every request still in flight when the handle closes completes (the C client's close can
// drop completions it has queued but not yet run: its completion thread stops once close is
// requested). A request that never completed held a broker's metadata queue, and so its
// recovery from a session expiry, for good (found by the nemesis, leader-zk-cut). Many rounds
// of closing while replies arrive, so that the C client's race is met.
TEST_F(ZkSessionTest, EveryRequestInFlightAtCloseCompletes) {
  auto zk = open();
  ASSERT_TRUE(run(io_, zk->create("/n", std::string("data"))));
  constexpr int rounds = 40;
  constexpr int in_flight = 300;
  int closing = 0;  // over all rounds: requests the close answered
  for (int round = 0; round < rounds; ++round) {
    int completed = 0;
    for (int i = 0; i < in_flight; ++i) {
      // Every other read arms a watch: an abandoned request drops it (it never fires).
      watch_callback watch;
      if (i % 2 == 0) watch = [](const watch_event&) {};
      boost::asio::co_spawn(
          io_,
          [&, watch]() -> awaitable<void> {
            auto r = co_await zk->get("/n", watch);
            ++completed;
            if (!r && r.error() == zk_errc::closing) ++closing;
          },
          boost::asio::detached);
    }
    ASSERT_TRUE(run_until(io_, [&] { return completed > 0; }));
    ASSERT_TRUE(run(io_, zk->reconnect(), std::chrono::seconds(30)));
    ASSERT_TRUE(run_until(io_, [&] { return completed == in_flight; }))
        << "round " << round << ": " << in_flight - completed << " of " << in_flight
        << " requests never completed after the handle closed";
  }
  EXPECT_GT(closing, 0) << "no request was still in flight at a close: the test did not test it";
}

TEST_F(ZkSessionTest, MultiSequentialCreateReturnsChrootRelativePath) {
  auto zk = open();
  ASSERT_TRUE(run(io_, zk->create("/q", std::nullopt)));
  auto r = run(io_, zk->multi({create_op{"/q/item-", std::string("x"), create_mode::persistent_sequential}}));
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r.value()[0].created_path, "/q/item-0000000000");
}

TEST_F(ZkSessionTest, EnsurePersistentPathsBuildsKafkasTree) {
  auto zk = open();
  ASSERT_TRUE(run(io_, ensure_persistent_paths(*zk)));
  ASSERT_TRUE(run(io_, ensure_persistent_paths(*zk)));  // every broker, every start
  for (const std::string_view path : persistent_zk_paths) {
    auto got = run(io_, zk->get(std::string(path)));
    ASSERT_TRUE(got) << path;
    EXPECT_EQ(got.value().data, std::nullopt) << path;
  }
  auto top = run(io_, zk->get_children("/"));
  ASSERT_TRUE(top);
  std::sort(top.value().begin(), top.value().end());
  EXPECT_EQ(top.value(), (std::vector<std::string>{"admin", "brokers", "config", "consumers", "isr_change_notification",
                                                   "latest_producer_id_block", "log_dir_event_notification"}));
}

TEST_F(ZkSessionTest, StartTimesOutWithoutAServer) {
  zk_config c;
  c.connect = "127.0.0.1:" + std::to_string(kb::test::free_local_port());
  c.session_timeout = std::chrono::milliseconds(4'000);
  c.connection_timeout = std::chrono::milliseconds(500);
  zk_session s(io_.get_executor(), c);
  EXPECT_EQ(run(io_, s.start()).error(), zk_errc::operation_timeout);
  EXPECT_EQ(s.state(), session_state::closed);  // the handle is not left retrying
  EXPECT_EQ(run(io_, s.get("/")).error(), zk_errc::closing);
}

TEST_F(ZkSessionTest, RequestsBeforeStartAreInvalidState) {
  zk_session s(io_.get_executor(), config(chroot()));
  EXPECT_EQ(run(io_, s.get("/")).error(), zk_errc::invalid_state);
}

}  // namespace
}  // namespace kb::zkmeta
