#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <memory>

#include "zkmeta/runtime/clock.h"
#include "zkmeta/session_lease.h"
#include "zkmeta/zk_client.h"

namespace kb::zkmeta {

// A session_lease renewed by ZooKeeper's answers. The server expires a session only after
// hearing nothing from its client for the session timeout, and it heard from us no earlier
// than we sent a request it answered. So the session surely lives until the send time of the
// latest answered probe plus the (negotiated) timeout, less 2% for the clocks' rates; past
// that instant the lease lapses,
// whatever any thread has seen. The ZooKeeper programmer's guide asks the same of clients
// that lose contact ("assume the session has expired"); Kafka in ZooKeeper mode does not,
// so a leader frozen past its session there acts as leader on waking until its client
// reconnects.
//
// Probes (an exists("/")) go out every timeout/3 and at once after a reconnection. An
// `expired` or `closed` session ends the lease until the owner calls resume(): on a new
// session the broker must first re-register and re-read what changed while it was away
// (until then its idea of what it leads is stale, however well ZooKeeper answers).
// Cost: ZooKeeper sees one read every timeout/3 per broker, besides the client's own pings.
// A ZooKeeper that answers nothing for a whole session timeout (quorum lost) makes every
// lease lapse: leaders refuse writes until it answers again (Kafka would go on accepting).
//
// Single-threaded: the executor's thread only, like zk_client.
class zk_session_lease final : public session_lease {
 public:
  zk_session_lease(zk_client& zk, kb::clock& clock, boost::asio::any_io_executor executor);
  ~zk_session_lease() override;
  zk_session_lease(const zk_session_lease&) = delete;
  zk_session_lease& operator=(const zk_session_lease&) = delete;

  // Sends the first probe and returns once it is answered (held() is then true) or failed;
  // then keeps probing until stop() or destruction.
  boost::asio::awaitable<result<void>> start();
  void stop();
  // After an expiry: the broker has re-registered and re-read the cluster on its new session;
  // probes may renew the lease. Ignored unless the session is connected.
  void resume();

  bool held() const override;
  // When the lease lapses unless renewed (the past when it is not held).
  kb::clock::time_point valid_until() const;

 private:
  struct state;  // shared with in-flight probes, which may outlive this object
  std::shared_ptr<state> state_;
};

}  // namespace kb::zkmeta
