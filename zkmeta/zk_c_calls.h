#pragma once

// zk_c_calls: one `call` type per ZooKeeper request zk_session sends, holding the arguments the
// C client reads until the request completes, plus the C completion that converts the reply
// into the zk_client result (see zk_c_bridge.h for the ownership rules).

#include <zookeeper/zookeeper.h>

#include <optional>
#include <string>
#include <vector>

#include "zkmeta/zk_c_bridge.h"
#include "zkmeta/zk_client.h"

namespace kb::zkmeta::zk_c {

int to_c_flags(create_mode mode);
bool is_sequential(create_mode mode);

struct create_call : call<result<std::string>> {
  std::string path;
  std::optional<std::string> data;
  int flags = 0;
};
void on_created(int rc, const char* value, const void* data);

struct get_call : call<result<get_result>> {
  std::string path;
};
void on_got(int rc, const char* value, int length, const Stat* stat, const void* data);

struct set_call : call<result<zk_stat>> {
  std::string path;
  std::string data;
  int version = any_version;
};
void on_set(int rc, const Stat* stat, const void* data);

struct remove_call : call<result<void>> {
  std::string path;
  int version = any_version;
};
void on_removed(int rc, const void* data);

// A "created" watch stays armed when the node is absent (ZNONODE is a success here).
struct exists_call : call<result<std::optional<zk_stat>>> {
  std::string path;
};
void on_exists(int rc, const Stat* stat, const void* data);

struct children_call : call<result<std::vector<std::string>>> {
  std::string path;
};
void on_children(int rc, const String_vector* strings, const void* data);

// The C op structs point into `ops`, `path_buffers` and `stats`: prepare() sizes them once.
struct multi_call : call<result<multi_response>> {
  std::vector<zk_op> ops;
  std::vector<zoo_op_t> c_ops;
  std::vector<zoo_op_result_t> c_results;
  std::vector<std::vector<char>> path_buffers;
  std::vector<Stat> stats;

  void prepare();
};
// A rejected multi (some op's err set) becomes a multi_response; a failed request an error.
void on_multi(int rc, const void* data);

}  // namespace kb::zkmeta::zk_c
