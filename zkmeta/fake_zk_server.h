#pragma once

// fake_zk_server: an in-memory ZooKeeper "ensemble" for unit tests: one znode tree shared by any
// number of fake_zk_client sessions, so two brokers can race for /controller in one test.
//
// Modelled on the real server: dataVersion/cversion/aversion, czxid/mzxid/pzxid from one zxid
// counter (one zxid per transaction, a multi is one transaction), ctime/mtime from an injected
// clock, ephemerals owned by a session (no children allowed, deleted when the session ends),
// sequential names with a 10-digit suffix taken from the parent's cversion, one-shot data and
// child watches, and atomic multi with the server's per-op error reporting. Not modelled: ACLs,
// quotas, TTL/container nodes, data size limits, connection loss (inject it with
// fake_zk_client::fail_next instead).
//
// Threading: io thread only. Watch callbacks are posted to the executor given when the watch was
// armed, never run inline. The server must outlive its clients.

#include <boost/asio/any_io_executor.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "zkmeta/zk_client.h"

namespace kb::zkmeta {

// Where and what to call when a watch fires; an empty callback arms nothing.
struct fake_watch {
  boost::asio::any_io_executor executor;
  watch_callback callback;
};

class fake_zk_server {
 public:
  using clock = std::function<int64_t()>;  // ms since the epoch, for ctime/mtime

  // Starts with "/" and "/zookeeper", like a fresh ZooKeeper. Default clock: system_clock.
  explicit fake_zk_server(clock now_ms = {});
  fake_zk_server(const fake_zk_server&) = delete;
  fake_zk_server& operator=(const fake_zk_server&) = delete;

  // Inspection for tests: no session, no watches armed.
  bool contains(const std::string& path) const;
  std::optional<zk_stat> stat_of(const std::string& path) const;
  std::optional<std::string> data_of(const std::string& path) const;  // nullopt if absent or null
  std::vector<std::string> paths() const;                              // every znode, sorted
  std::size_t watch_count() const;                                     // armed data + child watches
  int64_t last_zxid() const { return zxid_; }

  // Session requests (fake_zk_client's side).
  int64_t open_session();
  // Expiry or close: drops the session's watches, then deletes its ephemerals in one transaction
  // (firing the other sessions' watches).
  void end_session(int64_t session);
  bool session_alive(int64_t session) const { return sessions_.contains(session); }

  multi_response apply(int64_t session, const std::vector<zk_op>& ops);
  result<get_result> get(int64_t session, const std::string& path, fake_watch watch);
  result<std::optional<zk_stat>> exists(int64_t session, const std::string& path, fake_watch watch);
  result<std::vector<std::string>> get_children(int64_t session, const std::string& path, fake_watch watch);

 private:
  struct node {
    std::optional<std::string> data;
    zk_stat stat;
    std::set<std::string> children;
  };
  using tree = std::map<std::string, node>;

  enum class change_kind { created, deleted, data_changed, children_changed };
  struct change {
    change_kind kind;
    std::string path;
  };
  struct armed_watch {
    int64_t session;
    fake_watch watch;
  };
  using watch_table = std::multimap<std::string, armed_watch>;

  struct txn {  // one transaction against a scratch copy of the tree
    tree& nodes;
    int64_t session;
    int64_t zxid;
    int64_t now;
    std::vector<change> changes;
  };

  static zk_errc apply_op(txn& t, const zk_op& op, op_result& out);
  static zk_errc apply_create(txn& t, const create_op& op, op_result& out);
  static zk_errc apply_set(txn& t, const set_op& op, op_result& out);
  static zk_errc apply_remove(txn& t, const std::string& path, int32_t version);
  static zk_errc apply_check(const txn& t, const check_op& op);

  void arm(watch_table& table, int64_t session, const std::string& path, fake_watch watch);
  void fire(const std::vector<change>& changes);
  void fire_table(watch_table& table, const std::string& path, watch_event_type type);

  clock now_ms_;
  tree nodes_;
  int64_t zxid_ = 0;
  int64_t next_session_ = 0x0100000000000001;
  std::set<int64_t> sessions_;
  watch_table data_watches_;   // getData/exists: created, data_changed, deleted
  watch_table child_watches_;  // getChildren: children_changed, deleted
};

}  // namespace kb::zkmeta
