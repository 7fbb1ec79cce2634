#include "zkmeta/fake_zk_server.h"

#include <boost/asio/post.hpp>

#include <chrono>
#include <cstdio>
#include <utility>

#include "zkmeta/zk_path.h"

namespace kb::zkmeta {
namespace {

int32_t data_length(const std::optional<std::string>& data) {
  return data ? static_cast<int32_t>(data->size()) : 0;
}

}  // namespace

fake_zk_server::fake_zk_server(clock now_ms) : now_ms_(std::move(now_ms)) {
  if (!now_ms_) {
    now_ms_ = [] {
      using namespace std::chrono;
      return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    };
  }
  nodes_["/"].children.insert("zookeeper");
  nodes_["/"].stat.num_children = 1;
  nodes_["/"].stat.cversion = 0;
  nodes_["/zookeeper"];
}

bool fake_zk_server::contains(const std::string& path) const { return nodes_.contains(path); }

std::optional<zk_stat> fake_zk_server::stat_of(const std::string& path) const {
  const auto it = nodes_.find(path);
  if (it == nodes_.end()) return std::nullopt;
  return it->second.stat;
}

std::optional<std::string> fake_zk_server::data_of(const std::string& path) const {
  const auto it = nodes_.find(path);
  if (it == nodes_.end()) return std::nullopt;
  return it->second.data;
}

std::vector<std::string> fake_zk_server::paths() const {
  std::vector<std::string> out;
  for (const auto& [path, n] : nodes_) out.push_back(path);
  return out;
}

std::size_t fake_zk_server::watch_count() const { return data_watches_.size() + child_watches_.size(); }

int64_t fake_zk_server::open_session() {
  const int64_t id = next_session_++;
  sessions_.insert(id);
  return id;
}

void fake_zk_server::end_session(int64_t session) {
  if (sessions_.erase(session) == 0) return;
  for (auto* table : {&data_watches_, &child_watches_}) {
    std::erase_if(*table, [session](const auto& entry) { return entry.second.session == session; });
  }
  std::vector<std::string> ephemerals;
  for (const auto& [path, n] : nodes_) {
    if (n.stat.ephemeral_owner == session) ephemerals.push_back(path);
  }
  if (ephemerals.empty()) return;
  txn t{nodes_, session, zxid_ + 1, now_ms_(), {}};
  for (const auto& path : ephemerals) {
    // Ephemerals have no children and their parents outlive them: this cannot fail.
    apply_remove(t, path, any_version);
  }
  zxid_ = t.zxid;
  fire(t.changes);
}

multi_response fake_zk_server::apply(int64_t session, const std::vector<zk_op>& ops) {
  multi_response response;
  response.results.resize(ops.size());
  tree scratch = nodes_;
  txn t{scratch, session, zxid_ + 1, now_ms_(), {}};
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const zk_errc error = apply_op(t, ops[i], response.results[i]);
    if (error != zk_errc::ok) {
      // Rejected: nothing is applied; report as the server does.
      for (std::size_t j = 0; j < ops.size(); ++j) {
        response.results[j] = op_result{};
        response.results[j].error = j < i ? zk_errc::ok : (j == i ? error : zk_errc::runtime_inconsistency);
      }
      return response;
    }
  }
  if (!ops.empty()) {
    nodes_ = std::move(scratch);
    zxid_ = t.zxid;
    fire(t.changes);
  }
  return response;
}

zk_errc fake_zk_server::apply_op(txn& t, const zk_op& op, op_result& out) {
  return std::visit(
      [&](const auto& o) -> zk_errc {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, create_op>) return apply_create(t, o, out);
        if constexpr (std::is_same_v<T, set_op>) return apply_set(t, o, out);
        if constexpr (std::is_same_v<T, remove_op>) return apply_remove(t, o.path, o.version);
        if constexpr (std::is_same_v<T, check_op>) return apply_check(t, o);
      },
      op);
}

zk_errc fake_zk_server::apply_create(txn& t, const create_op& op, op_result& out) {
  const bool sequential =
      op.mode == create_mode::persistent_sequential || op.mode == create_mode::ephemeral_sequential;
  const bool ephemeral = op.mode == create_mode::ephemeral || op.mode == create_mode::ephemeral_sequential;
  if (!is_valid_path(op.path, sequential)) return zk_errc::bad_arguments;
  if (op.path == "/") return zk_errc::node_exists;
  const std::string parent_name = parent_path(op.path);
  const auto parent = t.nodes.find(parent_name);
  if (parent == t.nodes.end()) return zk_errc::no_node;
  if (parent->second.stat.ephemeral_owner != 0) return zk_errc::no_children_for_ephemerals;

  std::string path = op.path;
  if (sequential) {
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "%010d", parent->second.stat.cversion);
    path += suffix;
  }
  if (t.nodes.contains(path)) return zk_errc::node_exists;

  node& n = t.nodes[path];
  n.data = op.data;
  n.stat.czxid = n.stat.mzxid = n.stat.pzxid = t.zxid;
  n.stat.ctime = n.stat.mtime = t.now;
  n.stat.ephemeral_owner = ephemeral ? t.session : 0;
  n.stat.data_length = data_length(op.data);

  node& p = parent->second;  // std::map: the insert above keeps iterators valid
  p.children.insert(node_name(path));
  p.stat.cversion += 1;
  p.stat.num_children = static_cast<int32_t>(p.children.size());
  p.stat.pzxid = t.zxid;

  t.changes.push_back({change_kind::created, path});
  t.changes.push_back({change_kind::children_changed, parent_name});
  out.created_path = path;
  return zk_errc::ok;
}

zk_errc fake_zk_server::apply_set(txn& t, const set_op& op, op_result& out) {
  if (!is_valid_path(op.path)) return zk_errc::bad_arguments;
  const auto it = t.nodes.find(op.path);
  if (it == t.nodes.end()) return zk_errc::no_node;
  node& n = it->second;
  if (op.version != any_version && op.version != n.stat.version) return zk_errc::bad_version;
  n.data = op.data;
  n.stat.version += 1;
  n.stat.mzxid = t.zxid;
  n.stat.mtime = t.now;
  n.stat.data_length = data_length(n.data);
  t.changes.push_back({change_kind::data_changed, op.path});
  out.stat = n.stat;
  return zk_errc::ok;
}

zk_errc fake_zk_server::apply_remove(txn& t, const std::string& path, int32_t version) {
  if (!is_valid_path(path) || path == "/") return zk_errc::bad_arguments;
  const auto it = t.nodes.find(path);
  if (it == t.nodes.end()) return zk_errc::no_node;
  if (version != any_version && version != it->second.stat.version) return zk_errc::bad_version;
  if (!it->second.children.empty()) return zk_errc::not_empty;
  t.nodes.erase(it);

  const std::string parent_name = parent_path(path);
  node& p = t.nodes.at(parent_name);  // every node's parent exists
  p.children.erase(node_name(path));
  p.stat.cversion += 1;
  p.stat.num_children = static_cast<int32_t>(p.children.size());
  p.stat.pzxid = t.zxid;

  t.changes.push_back({change_kind::deleted, path});
  t.changes.push_back({change_kind::children_changed, parent_name});
  return zk_errc::ok;
}

zk_errc fake_zk_server::apply_check(const txn& t, const check_op& op) {
  if (!is_valid_path(op.path)) return zk_errc::bad_arguments;
  const auto it = t.nodes.find(op.path);
  if (it == t.nodes.end()) return zk_errc::no_node;
  if (op.version != any_version && op.version != it->second.stat.version) return zk_errc::bad_version;
  return zk_errc::ok;
}

result<get_result> fake_zk_server::get(int64_t session, const std::string& path, fake_watch watch) {
  if (!is_valid_path(path)) return make_error_code(zk_errc::bad_arguments);
  const auto it = nodes_.find(path);
  if (it == nodes_.end()) return make_error_code(zk_errc::no_node);
  arm(data_watches_, session, path, std::move(watch));
  return get_result{it->second.data, it->second.stat};
}

result<std::optional<zk_stat>> fake_zk_server::exists(int64_t session, const std::string& path,
                                                      fake_watch watch) {
  if (!is_valid_path(path)) return make_error_code(zk_errc::bad_arguments);
  arm(data_watches_, session, path, std::move(watch));
  const auto it = nodes_.find(path);
  if (it == nodes_.end()) return std::optional<zk_stat>{};
  return std::optional<zk_stat>{it->second.stat};
}

result<std::vector<std::string>> fake_zk_server::get_children(int64_t session, const std::string& path,
                                                              fake_watch watch) {
  if (!is_valid_path(path)) return make_error_code(zk_errc::bad_arguments);
  const auto it = nodes_.find(path);
  if (it == nodes_.end()) return make_error_code(zk_errc::no_node);
  arm(child_watches_, session, path, std::move(watch));
  return std::vector<std::string>(it->second.children.begin(), it->second.children.end());
}

void fake_zk_server::arm(watch_table& table, int64_t session, const std::string& path, fake_watch watch) {
  if (!watch.callback) return;
  table.emplace(path, armed_watch{session, std::move(watch)});
}

void fake_zk_server::fire(const std::vector<change>& changes) {
  for (const change& c : changes) {
    switch (c.kind) {
      case change_kind::created:
        fire_table(data_watches_, c.path, watch_event_type::created);
        break;
      case change_kind::data_changed:
        fire_table(data_watches_, c.path, watch_event_type::data_changed);
        break;
      case change_kind::deleted:
        fire_table(data_watches_, c.path, watch_event_type::deleted);
        fire_table(child_watches_, c.path, watch_event_type::deleted);
        break;
      case change_kind::children_changed:
        fire_table(child_watches_, c.path, watch_event_type::children_changed);
        break;
    }
  }
}

void fake_zk_server::fire_table(watch_table& table, const std::string& path, watch_event_type type) {
  auto [first, last] = table.equal_range(path);
  std::vector<fake_watch> due;
  for (auto it = first; it != last; ++it) due.push_back(std::move(it->second.watch));
  table.erase(first, last);  // one-shot
  for (fake_watch& w : due) {
    boost::asio::post(w.executor, [callback = std::move(w.callback), event = watch_event{type, path}] {
      callback(event);
    });
  }
}

}  // namespace kb::zkmeta
