#pragma once

// A cluster around one controller on the in-memory ZooKeeper: brokers are ephemeral
// /brokers/ids/<id> znodes of their own sessions, topics are assignment znodes written by an
// admin session, and a leader's ISR change is a conditional write of the state znode plus an
// ISR change notification, as replication/isr_updater does it.

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/io_runner.h"
#include "zkmeta/controller/controller.h"
#include "zkmeta/fake_zk_client.h"
#include "zkmeta/fake_zk_server.h"
#include "zkmeta/paths.h"
#include "zkmeta/znodes/broker_id_znode.h"
#include "zkmeta/znodes/controller_epoch_znode.h"
#include "zkmeta/znodes/isr_change_notification_znode.h"
#include "zkmeta/znodes/partition_state_znode.h"
#include "zkmeta/znodes/topic_znode.h"

namespace kb::zkmeta::test {

class controller_fixture : public ::testing::Test {
 protected:
  controller_fixture() : zk_(io_.get_executor(), server_), admin_(io_.get_executor(), server_) {
    EXPECT_TRUE(kb::test::run(io_, ensure_persistent_paths(admin_)));
  }

  std::unique_ptr<fake_zk_client> start_broker(int32_t id) {
    auto c = std::make_unique<fake_zk_client>(io_.get_executor(), server_);
    broker_info info;
    info.id = kb::broker_id{id};
    info.endpoints.push_back({"PLAINTEXT", "PLAINTEXT", "127.0.0.1", 9092 + id});
    auto created = kb::test::run(io_, c->create(broker_id_znode::path(info.id), broker_id_znode::encode(info),
                                                create_mode::ephemeral));
    EXPECT_TRUE(created);
    return c;
  }

  void create_topic(const std::string& name, replica_assignment partitions) {
    topic_assignment t;
    t.partitions = std::move(partitions);
    t.topic_id = "AAAAAAAAAAAAAAAAAAAAAA";
    ASSERT_TRUE(kb::test::run(io_, admin_.create(topic_znode::path(name), topic_znode::encode(t))));
  }

  std::optional<leader_and_isr> state(const std::string& topic, int32_t p) {
    auto r = kb::test::run(io_, admin_.get(partition_state_znode::path(topic, p)));
    if (!r || !r.value().data) return std::nullopt;
    return partition_state_znode::decode(*r.value().data).value();
  }

  // The partition leader's ISR update: the state znode, then the notification.
  void set_isr(const std::string& topic, int32_t p, std::vector<int32_t> isr) {
    auto r = kb::test::run(io_, admin_.get(partition_state_znode::path(topic, p)));
    ASSERT_TRUE(r && r.value().data);
    leader_and_isr s = partition_state_znode::decode(*r.value().data).value();
    s.isr = std::move(isr);
    ASSERT_TRUE(kb::test::run(io_, admin_.set(partition_state_znode::path(topic, p), partition_state_znode::encode(s),
                                              r.value().stat.version)));
    std::vector<kb::topic_partition> changed{{topic, p}};
    ASSERT_TRUE(kb::test::run(io_, admin_.create(isr_change_notification_sequence_znode::path(),
                                                 isr_change_notification_sequence_znode::encode(changed),
                                                 create_mode::persistent_sequential)));
  }

  bool exists(const std::string& path) {
    auto r = kb::test::run(io_, admin_.exists(path));
    return r && r.value().has_value();
  }

  void start_controller(controller& c) {
    auto epoch = kb::test::run(io_, admin_.get(controller_epoch_znode::path()));
    int32_t version = epoch ? epoch.value().stat.version : -1;
    if (!epoch) {
      ASSERT_TRUE(kb::test::run(io_, admin_.create(controller_epoch_znode::path(), std::string("1"))));
      version = 0;
    }
    c.start(kb::controller_epoch{1}, version);
  }

  // Another controller was elected: /controller_epoch's zkVersion moves on.
  void bump_controller_epoch() {
    auto epoch = kb::test::run(io_, admin_.get(controller_epoch_znode::path()));
    ASSERT_TRUE(epoch);
    ASSERT_TRUE(kb::test::run(io_, admin_.set(controller_epoch_znode::path(), std::string("2"), epoch.value().stat.version)));
  }

  boost::asio::io_context io_;
  fake_zk_server server_;
  fake_zk_client zk_;     // the controller's session
  fake_zk_client admin_;  // a tool's session, for setting up and reading back
};

}  // namespace kb::zkmeta::test
