#pragma once

#include <boost/asio/io_context.hpp>

#include <memory>
#include <ostream>
#include <string>

#include "brokerd/tools/reassign_command_options.h"
#include "zkmeta/zk_session.h"

namespace kb::tools {

// kafka-reassign-partitions --zookeeper: Kafka 2.8's legacy path, which talks to ZooKeeper
// directly. --execute creates /admin/reassign_partitions (refusing while one exists), the
// controller does the rest; --verify reads that znode and the topic znodes; --generate reads
// the topic and broker znodes and proposes Kafka's rack-unaware assignment. Output and
// messages are Kafka 2.8's. Failures throw command_error (printed "Error: ...") or
// terse_error. Blocking; one ZooKeeper session for the command's lifetime.
class zk_reassignment_commands {
 public:
  zk_reassignment_commands(const std::string& connect, std::ostream& out);
  ~zk_reassignment_commands();

  void run(const reassign_command_options& opts);

 private:
  void execute(const reassign_command_options& opts);
  void verify(const reassign_command_options& opts);
  void generate(const reassign_command_options& opts);

  boost::asio::io_context io_;
  std::unique_ptr<zkmeta::zk_session> zk_;
  std::ostream& out_;
};

}  // namespace kb::tools
