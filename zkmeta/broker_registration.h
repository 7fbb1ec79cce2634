#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <cstdint>
#include <string>

#include "zkmeta/znodes/broker_id_znode.h"
#include "zkmeta/zk_client.h"

namespace kb::zkmeta {

// The ephemeral /brokers/ids/<id>, created as Kafka does: multi(create(null, EPHEMERAL),
// setData(json, version 0)), so a fresh registration has dataVersion 1 and its czxid is the
// broker epoch. A node left by this broker's previous, crashed session disappears when that
// session times out; registration waits that long before refusing to start, as the id may
// belong to a live broker.
class broker_registration {
 public:
  broker_registration(zk_client& zk, boost::asio::any_io_executor ex, broker_info info,
                      std::chrono::milliseconds stale_session_wait);

  // Registers (again, after a session expiry). Returns the broker epoch (czxid), or an error
  // with Kafka's message when another live session holds the id.
  awaitable<result<int64_t>> register_broker();
  const broker_info& info() const { return info_; }
  const std::string& failure_message() const { return failure_; }

 private:
  zk_client& zk_;
  boost::asio::any_io_executor ex_;
  broker_info info_;
  std::chrono::milliseconds stale_session_wait_;
  std::string failure_;
};

}  // namespace kb::zkmeta
