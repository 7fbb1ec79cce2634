#include "brokerd/tools/leader_election_report.h"

#include <gtest/gtest.h>

namespace kb::tools {
namespace {

using protocol::elect_leaders_response;
using protocol::error_code;

elect_leaders_response response(
    std::vector<std::tuple<std::string, int32_t, error_code, std::optional<std::string>>> results) {
  elect_leaders_response r;
  for (auto& [topic, p, code, message] : results) {
    if (r.replica_election_results.empty() || r.replica_election_results.back().topic != topic) {
      r.replica_election_results.push_back({topic, {}});
    }
    r.replica_election_results.back().partition_result.push_back({p, code, message});
  }
  return r;
}

TEST(LeaderElectionReportTest, SuccessesAndNoOpsOnOneLineEachSorted) {
  auto report = report_election(protocol::election_type::preferred,
                                response({{"t", 2, error_code::none, std::nullopt},
                                          {"t", 0, error_code::none, std::nullopt},
                                          {"t", 1, error_code::election_not_needed, std::nullopt},
                                          {"u", 0, error_code::election_not_needed, std::nullopt}}));
  EXPECT_EQ(report.lines, (std::vector<std::string>{
                              "Successfully completed leader election (PREFERRED) for partitions t-0, t-2",
                              "Valid replica already elected for partitions t-1, u-0",
                          }));
  EXPECT_EQ(report.failed, 0u);
}

TEST(LeaderElectionReportTest, FailuresPrintTheJavaExceptionWithTheBrokersMessage) {
  auto report = report_election(
      protocol::election_type::unclean,
      response({{"t", 0, error_code::none, std::nullopt},
                {"t", 3, error_code::eligible_leaders_not_available,
                 "Failed to elect leader for partition t-3 under strategy OfflinePartitionLeaderElectionStrategy(true)"},
                {"x", 0, error_code::unknown_topic_or_partition, "The partition does not exist."},
                {"y", 0, error_code::not_controller, std::nullopt}}));
  EXPECT_EQ(report.lines,
            (std::vector<std::string>{
                "Successfully completed leader election (UNCLEAN) for partitions t-0",
                "Error completing leader election (UNCLEAN) for partition: t-3: "
                "org.apache.kafka.common.errors.EligibleLeadersNotAvailableException: Failed to elect leader for "
                "partition t-3 under strategy OfflinePartitionLeaderElectionStrategy(true)",
                "Error completing leader election (UNCLEAN) for partition: x-0: "
                "org.apache.kafka.common.errors.UnknownTopicOrPartitionException: The partition does not exist.",
                "Error completing leader election (UNCLEAN) for partition: y-0: "
                "org.apache.kafka.common.errors.NotControllerException: This is not the correct controller for this "
                "cluster.",
            }));
  EXPECT_EQ(report.failed, 3u);
}

TEST(LeaderElectionReportTest, NothingElectedPrintsNothing) {
  auto report = report_election(protocol::election_type::preferred, elect_leaders_response{});
  EXPECT_TRUE(report.lines.empty());
  EXPECT_EQ(report.failed, 0u);
}

}  // namespace
}  // namespace kb::tools
