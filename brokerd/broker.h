#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "brokerd/config/broker_config.h"

namespace kb {

// A startup failure with the message the operator should see; main exits non-zero.
class startup_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One broker process (Kafka's KafkaServer): owns the logs, the ZooKeeper session and
// everything built on them, wires them together, and runs their periodic tasks. All of it
// runs on the one io_context thread.
class broker {
 public:
  broker(boost::asio::io_context& io, brokerd::broker_config config);
  ~broker();

  // Recovers the logs, joins the cluster and starts serving. Throws startup_error.
  boost::asio::awaitable<void> start();
  // Clean shutdown: stop accepting, answer what was read, leave ZooKeeper (ephemerals vanish
  // at once), flush, checkpoint and write the clean-shutdown marker.
  boost::asio::awaitable<void> stop();

 private:
  struct parts;
  std::unique_ptr<parts> p_;
};

}  // namespace kb
