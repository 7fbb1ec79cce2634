#include "brokerd/handlers/elect_leaders_handler.h"

#include <gtest/gtest.h>

#include "brokerd/handlers/serve.h"
#include "brokerd/protocol/messages/elect_leaders.h"
#include "tests/unit/handlers/handler_fixture.h"

namespace kb::handlers {
namespace {

using protocol::elect_leaders_request;
using protocol::elect_leaders_response;
using protocol::error_code;
using zkmeta::election_outcome;

// The controller's side, scripted: records what it was asked and answers `answer`.
class ElectLeadersHandlerTest : public test::HandlerTest {
 protected:
  server::api_handler handler() { return serve<protocol::elect_leaders_api>(deps_, handle_elect_leaders); }

  static elect_leaders_request request(std::optional<std::vector<elect_leaders_request::election_topic>> topics,
                                       protocol::election_type type = protocol::election_type::preferred) {
    elect_leaders_request r;
    r.election_type = type;
    r.topic_partitions = std::move(topics);
    return r;
  }

  // (topic, partition) -> (error, message) of a response, for compact assertions.
  static std::map<kb::topic_partition, std::pair<error_code, std::optional<std::string>>> by_partition(
      const elect_leaders_response& resp) {
    std::map<kb::topic_partition, std::pair<error_code, std::optional<std::string>>> out;
    for (const auto& t : resp.replica_election_results) {
      for (const auto& p : t.partition_result) out[{t.topic, p.partition_id}] = {p.error_code, p.error_message};
    }
    return out;
  }

  std::optional<zkmeta::controller::election_results> answer_;
  std::optional<zkmeta::election_type> asked_type_;
  std::optional<std::vector<kb::topic_partition>> asked_;
  elect_leaders_deps deps_{
      [this](zkmeta::election_type type, std::optional<std::vector<kb::topic_partition>> partitions)
          -> boost::asio::awaitable<std::optional<zkmeta::controller::election_results>> {
        asked_type_ = type;
        asked_ = std::move(partitions);
        co_return answer_;
      },
      metadata_};
};

TEST_F(ElectLeadersHandlerTest, MapsEachOutcomeToKafkasErrorCode) {
  answer_ = zkmeta::controller::election_results{
      {{"t", 0}, {election_outcome::elected, ""}},
      {{"t", 1}, {election_outcome::not_needed, ""}},
      {{"t", 2}, {election_outcome::preferred_not_available, "Failed to elect leader for partition t-2 under strategy "
                                                              "PreferredReplicaPartitionLeaderElectionStrategy"}},
      {{"t", 3}, {election_outcome::reassignment_in_progress, "Partition t-3 is being reassigned; its reassignment "
                                                               "elects the leader."}},
      {{"u", 0}, {election_outcome::unknown_partition, "The partition does not exist."}},
  };
  auto resp = call<elect_leaders_response>(handler(), request({{{"t", {0, 1, 2, 3}}, {"u", {0}}}}), 1);
  EXPECT_EQ(resp.error_code, error_code::none);
  ASSERT_EQ(resp.replica_election_results.size(), 2u);
  auto got = by_partition(resp);
  EXPECT_EQ((got[{"t", 0}]), (std::pair(error_code::none, std::optional<std::string>())));
  EXPECT_EQ((got[{"t", 1}]), (std::pair(error_code::election_not_needed, std::optional<std::string>())));
  EXPECT_EQ((got[{"t", 2}].first), error_code::preferred_leader_not_available);
  EXPECT_EQ((got[{"t", 2}].second), answer_->at({"t", 2}).message);
  EXPECT_EQ((got[{"t", 3}].first), error_code::reassignment_in_progress);
  EXPECT_EQ((got[{"t", 3}].second), answer_->at({"t", 3}).message);
  EXPECT_EQ((got[{"u", 0}]), (std::pair(error_code::unknown_topic_or_partition,
                                       std::optional<std::string>("The partition does not exist."))));
  ASSERT_TRUE(asked_);
  EXPECT_EQ(*asked_, (std::vector<kb::topic_partition>{{"t", 0}, {"t", 1}, {"t", 2}, {"t", 3}, {"u", 0}}));
  EXPECT_EQ(asked_type_, zkmeta::election_type::preferred);
}

TEST_F(ElectLeadersHandlerTest, ANullTopicListAsksForAllAndLeavesOutPartitionsThatNeededNothing) {
  answer_ = zkmeta::controller::election_results{
      {{"t", 0}, {election_outcome::elected, ""}},
      {{"t", 1}, {election_outcome::not_needed, ""}},
  };
  auto resp = call<elect_leaders_response>(handler(), request(std::nullopt), 1);
  EXPECT_FALSE(asked_.has_value());
  auto got = by_partition(resp);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ((got[{"t", 0}].first), error_code::none);
}

TEST_F(ElectLeadersHandlerTest, VersionZeroMeansPreferredAndVersionOneCarriesTheType) {
  answer_ = zkmeta::controller::election_results{};
  call<elect_leaders_response>(handler(), request({{{"t", {0}}}}, protocol::election_type::unclean), 0);
  EXPECT_EQ(asked_type_, zkmeta::election_type::preferred);  // v0 has no type field
  call<elect_leaders_response>(handler(), request({{{"t", {0}}}}, protocol::election_type::unclean), 1);
  EXPECT_EQ(asked_type_, zkmeta::election_type::unclean);
}

TEST_F(ElectLeadersHandlerTest, ABrokerThatIsNotTheControllerAnswersNotControllerPerPartition) {
  add_topic("t", 2, {1, 2});
  answer_ = std::nullopt;
  auto named = call<elect_leaders_response>(handler(), request({{{"t", {1}}, {"x", {4}}}}), 1);
  EXPECT_EQ(named.error_code, error_code::none);  // as Kafka: per partition only
  auto got = by_partition(named);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ((got[{"t", 1}].first), error_code::not_controller);
  EXPECT_EQ((got[{"x", 4}].first), error_code::not_controller);

  auto all = by_partition(call<elect_leaders_response>(handler(), request(std::nullopt), 1));
  ASSERT_EQ(all.size(), 2u);  // every partition this broker knows
  EXPECT_EQ((all[{"t", 0}].first), error_code::not_controller);
  EXPECT_EQ((all[{"t", 1}].first), error_code::not_controller);
}

TEST_F(ElectLeadersHandlerTest, AnUnknownElectionTypeIsAnInvalidRequest) {
  answer_ = zkmeta::controller::election_results{};
  auto resp = call<elect_leaders_response>(handler(), request({{{"t", {0}}}}, static_cast<protocol::election_type>(7)), 1);
  EXPECT_EQ(resp.error_code, error_code::invalid_request);
  auto got = by_partition(resp);
  EXPECT_EQ((got[{"t", 0}].first), error_code::invalid_request);
  EXPECT_FALSE(asked_type_.has_value());  // nothing was elected
}

}  // namespace
}  // namespace kb::handlers
