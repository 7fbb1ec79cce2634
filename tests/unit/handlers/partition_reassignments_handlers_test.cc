// AlterPartitionReassignments / ListPartitionReassignments over a controller on the fake
// ZooKeeper: the wire requests reach the reassignment state machine and its outcomes come
// back as Kafka's error codes and messages.
#include "brokerd/handlers/partition_reassignments_handlers.h"

#include "brokerd/handlers/serve.h"
#include "brokerd/protocol/messages/partition_reassignments.h"
#include "tests/unit/handlers/handler_fixture.h"
#include "zkmeta/fake_zk_client.h"
#include "zkmeta/paths.h"
#include "zkmeta/znodes/broker_id_znode.h"
#include "zkmeta/znodes/partition_state_znode.h"
#include "zkmeta/znodes/topic_znode.h"

namespace kb::handlers {
namespace {

using protocol::error_code;
using alter_request = protocol::alter_partition_reassignments_request;
using alter_response = protocol::alter_partition_reassignments_response;
using list_request = protocol::list_partition_reassignments_request;
using list_response = protocol::list_partition_reassignments_response;

class PartitionReassignmentsHandlersTest : public test::HandlerTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(kb::test::run(io_, zkmeta::ensure_persistent_paths(zk_)));
    for (int32_t id : {1, 2, 3}) {
      zkmeta::broker_info info;
      info.id = kb::broker_id{id};
      info.endpoints.push_back({"PLAINTEXT", "PLAINTEXT", "127.0.0.1", 9092 + id});
      ASSERT_TRUE(kb::test::run(io_, zk_.create(zkmeta::broker_id_znode::path(info.id),
                                                zkmeta::broker_id_znode::encode(info))));
    }
    zkmeta::topic_assignment t;
    t.partitions = {{0, {1, 2}}};
    ASSERT_TRUE(kb::test::run(io_, zk_.create(zkmeta::topic_znode::path("t"), zkmeta::topic_znode::encode(t))));
    ASSERT_TRUE(kb::test::run(io_, zk_.create("/controller_epoch", std::string("1"))));
    controller_.start(kb::controller_epoch{1}, 0);
    ASSERT_TRUE(kb::test::run_until(io_, [&] { return controller_.states().size() == 1; }));
  }

  zkmeta::fake_zk_server server_;
  zkmeta::fake_zk_client zk_{io_.get_executor(), server_};
  zkmeta::controller controller_{zk_, kb::broker_id{local_id}, io_.get_executor(), {}};
  server::api_handler alter_ =
      serve<protocol::alter_partition_reassignments_api>(controller_, handle_alter_partition_reassignments);
  server::api_handler list_ =
      serve<protocol::list_partition_reassignments_api>(controller_, handle_list_partition_reassignments);
};

TEST_F(PartitionReassignmentsHandlersTest, AlterStartsAMoveAndListReportsIt) {
  alter_request req;
  req.topics = {{"t", {{0, std::vector<int32_t>{3, 2}}, {5, std::vector<int32_t>{1}}}}};
  auto resp = call<alter_response>(alter_, req, 0);
  EXPECT_EQ(resp.error_code, error_code::none);
  EXPECT_EQ(resp.error_message, std::nullopt);
  ASSERT_EQ(resp.responses.size(), 1u);
  ASSERT_EQ(resp.responses[0].partitions.size(), 2u);
  EXPECT_EQ(resp.responses[0].partitions[0], (alter_response::partition_response{0, error_code::none, std::nullopt}));
  EXPECT_EQ(resp.responses[0].partitions[1].error_code, error_code::unknown_topic_or_partition);
  EXPECT_EQ(resp.responses[0].partitions[1].error_message, "The partition does not exist.");

  auto listed = call<list_response>(list_, list_request{}, 0);
  EXPECT_EQ(listed.error_code, error_code::none);
  ASSERT_EQ(listed.topics.size(), 1u);
  EXPECT_EQ(listed.topics[0].name, "t");
  EXPECT_EQ(listed.topics[0].partitions,
            (std::vector<list_response::ongoing_partition>{{0, {3, 2, 1}, {3}, {1}}}));
}

TEST_F(PartitionReassignmentsHandlersTest, CancellingNothingIsNoReassignmentInProgress) {
  alter_request req;
  req.topics = {{"t", {{0, std::nullopt}}}};
  auto resp = call<alter_response>(alter_, req, 0);
  ASSERT_EQ(resp.responses.size(), 1u);
  EXPECT_EQ(resp.responses[0].partitions[0].error_code, error_code::no_reassignment_in_progress);
  EXPECT_EQ(resp.responses[0].partitions[0].error_message, "No partition reassignment is in progress.");
}

TEST_F(PartitionReassignmentsHandlersTest, ABrokerThatIsNotTheControllerSaysSo) {
  controller_.stop();
  auto altered = call<alter_response>(alter_, alter_request{}, 0);
  EXPECT_EQ(altered.error_code, error_code::not_controller);
  EXPECT_EQ(altered.error_message, "This is not the correct controller for this cluster.");
  EXPECT_EQ(call<list_response>(list_, list_request{}, 0).error_code, error_code::not_controller);
}

}  // namespace
}  // namespace kb::handlers
