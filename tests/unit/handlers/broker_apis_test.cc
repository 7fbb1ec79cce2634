// The registration table: every served API with its versions, and ApiVersions answering from
// the registry it is itself registered in.
#include "brokerd/handlers/broker_apis.h"

#include "brokerd/protocol/messages/api_versions.h"
#include "tests/unit/group/fake_offsets_log.h"
#include "tests/unit/handlers/handler_fixture.h"
#include "zkmeta/fake_zk_client.h"
#include "zkmeta/fake_zk_server.h"

namespace kb::handlers::test {
namespace {

using protocol::api_key;

class BrokerApisTest : public HandlerTest {
 protected:
  zkmeta::fake_zk_server server_;
  zkmeta::fake_zk_client zk_{io_.get_executor(), server_};
  zkmeta::controller controller_{zk_, kb::broker_id{local_id}, io_.get_executor(), {}};
  zkmeta::producer_id_allocator producer_ids_{zk_, kb::broker_id{local_id}};
  elect_leaders_deps elections_{
      [](zkmeta::election_type, std::optional<std::vector<kb::topic_partition>>)
          -> boost::asio::awaitable<std::optional<zkmeta::controller::election_results>> { co_return std::nullopt; },
      metadata_};
  group::group_config group_config_;
  group::test::fake_offsets_log offsets_log_;
  group::group_store group_store_{group_config_, offsets_log_, clock_};
  group::group_coordinator coordinator_{local_id, group_config_, group_store_, clock_, lease_};
  group_services groups_{coordinator_, group_config_, services_};
  describe_log_dirs_deps log_dirs_{logs_, replicas_};
};

TEST_F(BrokerApisTest, RegistersEveryServedApiWithItsVersions) {
  server::handler_registry registry;
  register_broker_apis(registry, {services_, controller_, elections_, producer_ids_, groups_, log_dirs_});
  struct expected {
    api_key key;
    int16_t min, max, first_flexible;
  };
  const std::vector<expected> served = {
      {api_key::produce, 0, 8, 9},
      {api_key::fetch, 0, 11, 12},
      {api_key::list_offsets, 0, 5, 6},
      {api_key::metadata, 0, 8, 9},
      {api_key::controlled_shutdown, 1, 2, 3},
      {api_key::offset_commit, 0, 7, 8},
      {api_key::offset_fetch, 0, 5, 6},
      {api_key::find_coordinator, 0, 2, 3},
      {api_key::join_group, 0, 5, 6},
      {api_key::heartbeat, 0, 3, 4},
      {api_key::leave_group, 0, 3, 4},
      {api_key::sync_group, 0, 3, 4},
      {api_key::describe_groups, 0, 4, 5},
      {api_key::list_groups, 0, 2, 3},
      {api_key::api_versions, 0, 3, 3},
      {api_key::create_topics, 0, 4, 5},
      {api_key::delete_topics, 0, 3, 4},
      {api_key::delete_records, 0, 1, 2},
      {api_key::init_producer_id, 0, 1, 2},
      {api_key::offset_for_leader_epoch, 0, 3, 4},
      {api_key::describe_configs, 0, 3, 4},
      {api_key::alter_configs, 0, 1, 2},
      {api_key::describe_log_dirs, 0, 4, 2},
      {api_key::create_partitions, 0, 1, 2},
      {api_key::delete_groups, 0, 1, 2},
      {api_key::elect_leaders, 0, 1, 2},
      {api_key::incremental_alter_configs, 0, 0, 1},
      {api_key::alter_partition_reassignments, 0, 0, 0},
      {api_key::list_partition_reassignments, 0, 0, 0},
      {api_key::offset_delete, 0, 0, 1},
  };
  for (auto e : served) {
    const server::api_handler* h = registry.find(static_cast<int16_t>(e.key));
    ASSERT_NE(h, nullptr) << protocol::name(e.key);
    EXPECT_EQ(h->min_version, e.min) << protocol::name(e.key);
    EXPECT_EQ(h->max_version, e.max) << protocol::name(e.key);
    EXPECT_EQ(h->first_flexible_version, e.first_flexible) << protocol::name(e.key);
  }
  EXPECT_EQ(registry.ranges().size(), served.size());

  // ApiVersions advertises exactly the table, itself included.
  protocol::api_versions_request req;
  req.client_software_name = "handler-test";
  req.client_software_version = "1.0";
  auto resp = call<protocol::api_versions_response>(
      *registry.find(static_cast<int16_t>(api_key::api_versions)), req, protocol::api_versions_max_version);
  EXPECT_EQ(resp.error_code, protocol::error_code::none);
  std::vector<protocol::api_versions_response_key> advertised;
  for (const auto& e : served) advertised.push_back({static_cast<int16_t>(e.key), e.min, e.max});
  EXPECT_EQ(resp.api_keys, advertised);
}

}  // namespace
}  // namespace kb::handlers::test
