#pragma once

// settable_lease: a ZooKeeper session lease (zkmeta/session_lease.h) a test holds or lets
// lapse by hand.

#include "zkmeta/session_lease.h"

namespace kb::test {

class settable_lease final : public zkmeta::session_lease {
 public:
  bool held() const override { return held_; }
  void set_held(bool held) { held_ = held; }

 private:
  bool held_ = true;
};

}  // namespace kb::test
