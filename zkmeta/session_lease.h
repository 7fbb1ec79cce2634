#pragma once

namespace kb::zkmeta {

// Whether this broker may still act on its ZooKeeper session: lead partitions, accept
// writes, name itself leader. Once it may not, it behaves as a broker whose session has
// expired, at once, without waiting for its ZooKeeper client to reconnect and be told.
class session_lease {
 public:
  virtual ~session_lease() = default;
  virtual bool held() const = 0;
};

}  // namespace kb::zkmeta
