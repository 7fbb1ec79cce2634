#include "brokerd/handlers/init_producer_id_handler.h"

#include <limits>

#include "brokerd/handlers/serve.h"
#include "brokerd/protocol/messages/init_producer_id.h"
#include "tests/unit/handlers/handler_fixture.h"
#include "zkmeta/fake_zk_client.h"
#include "zkmeta/fake_zk_server.h"

namespace kb::handlers::test {
namespace {

using protocol::error_code;
using request = protocol::init_producer_id_request;
using response = protocol::init_producer_id_response;

constexpr const char* block_path = "/latest_producer_id_block";

class InitProducerIdHandlerTest : public HandlerTest {
 protected:
  response init(std::optional<std::string> transactional_id = std::nullopt, int16_t version = 1) {
    request req;
    req.transactional_id = std::move(transactional_id);
    req.transaction_timeout_ms = req.transactional_id ? 60000 : -1;
    return call<response>(serve<protocol::init_producer_id_api>(ids_, handle_init_producer_id), req, version);
  }
  void seed_block_znode(const std::string& data) {
    auto created = kb::test::run(io_, zk_.create(block_path, data));
    ASSERT_TRUE(created) << created.error().message();
  }

  zkmeta::fake_zk_server server_;
  zkmeta::fake_zk_client zk_{io_.get_executor(), server_};
  zkmeta::producer_id_allocator ids_{zk_, kb::broker_id{local_id}};
};

TEST_F(InitProducerIdHandlerTest, IdempotentProducerGetsANewIdAtEpochZero) {
  response r = init();
  EXPECT_EQ(r.error_code, error_code::none);
  EXPECT_EQ(r.producer_id, 0);
  EXPECT_EQ(r.producer_epoch, 0);
  EXPECT_EQ(r.throttle_time_ms, 0);
  // Kafka's znode, written as the first block is reserved.
  EXPECT_EQ(server_.data_of(block_path), R"({"version":1,"broker":1,"block_start":"0","block_end":"999"})");
}

TEST_F(InitProducerIdHandlerTest, EveryCallGetsTheNextIdAndBlocksChainThroughTheZnode) {
  for (int64_t expected = 0; expected < 1001; ++expected) {
    response r = init();
    ASSERT_EQ(r.error_code, error_code::none);
    ASSERT_EQ(r.producer_id, expected);
    ASSERT_EQ(r.producer_epoch, 0);
  }
  EXPECT_EQ(server_.data_of(block_path), R"({"version":1,"broker":1,"block_start":"1000","block_end":"1999"})");
}

TEST_F(InitProducerIdHandlerTest, AnotherBrokerHandsOutADisjointBlock) {
  ASSERT_EQ(init().producer_id, 0);
  zkmeta::fake_zk_client other_zk(io_.get_executor(), server_);
  zkmeta::producer_id_allocator other(other_zk, kb::broker_id{2});
  request req;
  auto r = call<response>(serve<protocol::init_producer_id_api>(other, handle_init_producer_id), req, 1);
  EXPECT_EQ(r.error_code, error_code::none);
  EXPECT_EQ(r.producer_id, 1000);
  EXPECT_EQ(init().producer_id, 1);  // this broker keeps using its own block
}

TEST_F(InitProducerIdHandlerTest, VersionZeroAndOneAnswerAlike) {
  response v0 = init(std::nullopt, 0);
  response v1 = init(std::nullopt, 1);
  EXPECT_EQ(v0.error_code, error_code::none);
  EXPECT_EQ(v1.error_code, error_code::none);
  EXPECT_EQ(v0.producer_id, 0);
  EXPECT_EQ(v1.producer_id, 1);
}

TEST_F(InitProducerIdHandlerTest, ZooKeeperFailureIsRetriableCoordinatorNotAvailable) {
  zk_.fail_next(zkmeta::zk_errc::connection_loss);
  response failed = init();
  EXPECT_EQ(failed.error_code, error_code::coordinator_not_available);
  EXPECT_EQ(failed.producer_id, -1);
  EXPECT_EQ(failed.producer_epoch, -1);
  response retried = init();
  EXPECT_EQ(retried.error_code, error_code::none);
  EXPECT_EQ(retried.producer_id, 0);
}

TEST_F(InitProducerIdHandlerTest, ExpiredSessionIsCoordinatorNotAvailable) {
  zk_.expire_session();
  EXPECT_EQ(init().error_code, error_code::coordinator_not_available);
}

TEST_F(InitProducerIdHandlerTest, UndecodableBlockZnodeIsCoordinatorNotAvailable) {
  seed_block_znode("not json");
  EXPECT_EQ(init().error_code, error_code::coordinator_not_available);
}

TEST_F(InitProducerIdHandlerTest, ExhaustedIdsAreUnknownServerError) {
  int64_t max = std::numeric_limits<int64_t>::max();
  seed_block_znode(R"({"version":1,"broker":2,"block_start":")" + std::to_string(max - 1500) + R"(","block_end":")" +
                   std::to_string(max - 501) + R"("})");
  response r = init();
  EXPECT_EQ(r.error_code, error_code::unknown_server_error);
  EXPECT_EQ(r.producer_id, -1);
}

TEST_F(InitProducerIdHandlerTest, TransactionalIdIsRefusedWithoutTouchingZooKeeper) {
  response r = init("my-transactions");
  EXPECT_EQ(r.error_code, error_code::coordinator_not_available);
  EXPECT_EQ(r.producer_id, -1);
  EXPECT_EQ(r.producer_epoch, -1);
  EXPECT_FALSE(server_.contains(block_path));
}

TEST_F(InitProducerIdHandlerTest, EmptyTransactionalIdIsAnInvalidRequest) {
  response r = init("", 0);
  EXPECT_EQ(r.error_code, error_code::invalid_request);
  EXPECT_EQ(r.producer_id, -1);
  EXPECT_FALSE(server_.contains(block_path));
}

}  // namespace
}  // namespace kb::handlers::test
