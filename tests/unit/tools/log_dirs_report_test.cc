#include "brokerd/tools/log_dirs_report.h"

#include <gtest/gtest.h>

namespace kb::tools {
namespace {

using protocol::describe_log_dirs_response;
using protocol::error_code;

// Broker 0: a live dir with two topics and a failed one; broker 2: one empty dir.
std::vector<broker_log_dirs> two_brokers() {
  describe_log_dirs_response zero;
  describe_log_dirs_response::describe_log_dirs_result live;
  live.log_dir = "/data/a";
  live.topics = {{"orders", {{0, 4096, 0, false}, {1, 0, 3, false}}}, {"steady", {{0, 12, 0, false}}}};
  describe_log_dirs_response::describe_log_dirs_result failed;
  failed.log_dir = "/data/b";
  failed.error_code = error_code::kafka_storage_error;
  zero.results = {live, failed};
  describe_log_dirs_response two;
  describe_log_dirs_response::describe_log_dirs_result empty;
  empty.log_dir = "/data/c";
  two.results = {empty};
  return {{0, zero}, {2, two}};
}

TEST(LogDirsReportTest, KafkasJsonLayout) {
  EXPECT_EQ(log_dirs_json(two_brokers(), {}),
            R"({"version":1,"brokers":[{"broker":0,"logDirs":[{"logDir":"/data/a","error":null,"partitions":[)"
            R"({"partition":"orders-0","size":4096,"offsetLag":0,"isFuture":false},)"
            R"({"partition":"orders-1","size":0,"offsetLag":3,"isFuture":false},)"
            R"({"partition":"steady-0","size":12,"offsetLag":0,"isFuture":false}]},)"
            R"({"logDir":"/data/b","error":"org.apache.kafka.common.errors.KafkaStorageException","partitions":[]}]},)"
            R"({"broker":2,"logDirs":[{"logDir":"/data/c","error":null,"partitions":[]}]}]})");
}

TEST(LogDirsReportTest, OnlyTheTopicsListed) {
  const std::string json = log_dirs_json(two_brokers(), {"steady"});
  EXPECT_EQ(json.find("orders-"), std::string::npos) << json;
  EXPECT_NE(json.find(R"({"partition":"steady-0","size":12,"offsetLag":0,"isFuture":false})"), std::string::npos)
      << json;
}

TEST(LogDirsReportTest, ADirNameThatIsNotUtf8IsPrintedNotThrown) {
  std::vector<broker_log_dirs> brokers = two_brokers();
  brokers[1].response.results[0].log_dir = "/data/\xff";
  EXPECT_NE(log_dirs_json(brokers, {}).find("\"/data/\xef\xbf\xbd\""), std::string::npos);
}

}  // namespace
}  // namespace kb::tools
