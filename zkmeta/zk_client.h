#pragma once

// zk_client: the ZooKeeper session as every other part of the broker sees it (Kafka's
// ZooKeeperClient layer). Two implementations: zk_session (the real server, through the
// zookeeper_mt C client) and fake_zk_client (an in-memory tree for unit tests).
//
// Threading: io thread only. Every call, every watch callback and every session listener runs on
// the executor the implementation was constructed with, never on a ZooKeeper library thread.
// Lifetime: the client must outlive the coroutines awaiting it; arguments are taken by value so a
// caller's temporaries may die while a call is in flight.
//
// Semantics are ZooKeeper's own: versions are dataVersions (Kafka's "zkVersion"), -1 means "any";
// watches are one-shot and fire at most once; a watch set on a call that fails is not armed
// (except exists(), which arms a "created" watch when the node is absent).

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "zkmeta/zk_errc.h"

namespace kb::zkmeta {

template <class T>
using awaitable = boost::asio::awaitable<T>;

// Pass as expected_version to skip the version check.
inline constexpr int32_t any_version = -1;

// ZooKeeper's Stat, field for field.
struct zk_stat {
  int64_t czxid = 0;            // zxid of the create; for /brokers/ids/<id> it is the broker epoch
  int64_t mzxid = 0;            // zxid of the last data change
  int64_t ctime = 0;            // create time, ms since the epoch
  int64_t mtime = 0;            // last data change, ms since the epoch
  int32_t version = 0;          // dataVersion: Kafka's zkVersion / partition epoch
  int32_t cversion = 0;         // bumped by every child create and delete
  int32_t aversion = 0;         // ACL version
  int64_t ephemeral_owner = 0;  // owning session id for ephemerals, else 0
  int32_t data_length = 0;
  int32_t num_children = 0;
  int64_t pzxid = 0;            // zxid of the last child create/delete
  bool operator==(const zk_stat&) const = default;
};

enum class create_mode { persistent, ephemeral, persistent_sequential, ephemeral_sequential };

enum class watch_event_type { created, deleted, data_changed, children_changed };

struct watch_event {
  watch_event_type type = watch_event_type::created;
  std::string path;  // the watched path (chroot-relative)
  bool operator==(const watch_event&) const = default;
};

// An empty watch_callback means "do not watch".
using watch_callback = std::function<void(const watch_event&)>;

enum class session_state {
  connecting,   // not (yet, or no longer) connected; the session may still be alive
  connected,
  expired,      // the server dropped the session: ephemerals and watches are gone; reconnect()
  auth_failed,
  closed,       // close() was called
};
const char* to_string(session_state s);

using session_listener = std::function<void(session_state)>;
using session_listener_id = uint64_t;

struct get_result {
  std::optional<std::string> data;  // nullopt: the znode holds null (Kafka's "no data")
  zk_stat stat;
};

// multi() operations.
struct check_op {
  std::string path;
  int32_t version = any_version;
};
struct create_op {
  std::string path;
  std::optional<std::string> data;
  create_mode mode = create_mode::persistent;
};
struct set_op {
  std::string path;
  std::string data;
  int32_t version = any_version;
};
struct remove_op {
  std::string path;
  int32_t version = any_version;
};
using zk_op = std::variant<check_op, create_op, set_op, remove_op>;

struct op_result {
  // ok for every op of an applied multi. In a rejected multi: ok for the ops before the failing
  // one, that op's error, and runtime_inconsistency for the ops after it (as the server reports).
  zk_errc error = zk_errc::ok;
  std::string created_path;     // create_op: the created path (sequential suffix included)
  std::optional<zk_stat> stat;  // set_op: the node's new stat
};

// Everything a multi reports: whether it was applied and, if not, which op failed.
struct multi_response {
  std::vector<op_result> results;  // one per op, in request order
  std::optional<std::size_t> failed_index() const;
  zk_errc error() const;  // the first failing op's error, ok when applied
  bool applied() const { return !failed_index().has_value(); }
};

class zk_client {
 public:
  virtual ~zk_client() = default;

  // Creates `path` (its parent must exist) with `data` (nullopt = null). Returns the created
  // path, which for sequential modes carries the 10-digit suffix. node_exists, no_node (parent),
  // no_children_for_ephemerals (parent is ephemeral).
  awaitable<result<std::string>> create(std::string path, std::optional<std::string> data,
                                        create_mode mode = create_mode::persistent) {
    return do_create(std::move(path), std::move(data), mode);
  }
  // Data and stat of `path`; arms a data watch (data_changed / deleted) when it exists. no_node.
  awaitable<result<get_result>> get(std::string path, watch_callback watch = {}) {
    return do_get(std::move(path), std::move(watch));
  }
  // Replaces the data if the dataVersion equals expected_version (or it is any_version).
  // Returns the new stat. no_node, bad_version.
  awaitable<result<zk_stat>> set(std::string path, std::string data,
                                 int32_t expected_version = any_version) {
    return do_set(std::move(path), std::move(data), expected_version);
  }
  // Deletes a childless node. no_node, bad_version, not_empty.
  awaitable<result<void>> remove(std::string path, int32_t expected_version = any_version) {
    return do_remove(std::move(path), expected_version);
  }
  // The stat, or nullopt when absent. Arms a data watch if present, a "created" watch if not.
  awaitable<result<std::optional<zk_stat>>> exists(std::string path, watch_callback watch = {}) {
    return do_exists(std::move(path), std::move(watch));
  }
  // Child names (not paths), in no particular order; arms a children watch
  // (children_changed / deleted). no_node.
  awaitable<result<std::vector<std::string>>> get_children(std::string path, watch_callback watch = {}) {
    return do_get_children(std::move(path), std::move(watch));
  }
  // All ops or none (ZooKeeper multi). Fails with the first failing op's error; use
  // multi_detailed() to learn which op that was (e.g. the check of a controller-epoch-checked
  // write versus the write itself, both of which can fail with bad_version).
  awaitable<result<std::vector<op_result>>> multi(std::vector<zk_op> ops);
  // As multi(), but a rejected multi is a multi_response (not an error); the result holds an
  // error only when the request as a whole failed (connection_loss, session_expired, ...).
  awaitable<result<multi_response>> multi_detailed(std::vector<zk_op> ops) {
    return do_multi(std::move(ops));
  }

  // Current session id; 0 before the first connection.
  virtual int64_t session_id() const = 0;
  virtual session_state state() const = 0;
  // The session timeout the server granted (it may clamp the requested one to its
  // min/max.sessionTimeout); the requested one until first connected.
  virtual std::chrono::milliseconds session_timeout() const = 0;
  // Listeners see every state change, posted to the io executor. Not called for close().
  virtual session_listener_id add_session_listener(session_listener listener) = 0;
  virtual void remove_session_listener(session_listener_id id) = 0;
  // Drops the current session (if any) and opens a new one, waiting until it is connected.
  // Used after `expired`; the caller then re-creates its ephemerals and re-arms its watches.
  virtual awaitable<result<void>> reconnect() = 0;
  // Ends the session: its ephemerals vanish now. Later calls fail with `closing`. Idempotent.
  virtual void close() = 0;

 protected:
  virtual awaitable<result<std::string>> do_create(std::string path, std::optional<std::string> data,
                                                   create_mode mode) = 0;
  virtual awaitable<result<get_result>> do_get(std::string path, watch_callback watch) = 0;
  virtual awaitable<result<zk_stat>> do_set(std::string path, std::string data, int32_t expected_version) = 0;
  virtual awaitable<result<void>> do_remove(std::string path, int32_t expected_version) = 0;
  virtual awaitable<result<std::optional<zk_stat>>> do_exists(std::string path, watch_callback watch) = 0;
  virtual awaitable<result<std::vector<std::string>>> do_get_children(std::string path,
                                                                      watch_callback watch) = 0;
  virtual awaitable<result<multi_response>> do_multi(std::vector<zk_op> ops) = 0;
};

}  // namespace kb::zkmeta
