#include "zkmeta/paths.h"

namespace kb::zkmeta {

awaitable<result<void>> ensure_path(zk_client& zk, std::string path, std::optional<std::string> data) {
  if (path.empty() || path == "/") co_return outcome::success();
  result<std::string> created = co_await zk.create(path, data);
  if (created || created.error() == zk_errc::node_exists) co_return outcome::success();
  if (created.error() != zk_errc::no_node) co_return created.error();

  // The parent is missing: create the chain, then retry (another broker may win any step).
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) co_return make_error_code(zk_errc::bad_arguments);
  result<void> parent = co_await ensure_path(zk, path.substr(0, slash));
  if (!parent) co_return parent.error();
  created = co_await zk.create(path, std::move(data));
  if (created || created.error() == zk_errc::node_exists) co_return outcome::success();
  co_return created.error();
}

awaitable<result<void>> ensure_persistent_paths(zk_client& zk) {
  for (const std::string_view path : persistent_zk_paths) {
    result<void> r = co_await ensure_path(zk, std::string(path));
    if (!r) co_return r.error();
  }
  co_return outcome::success();
}

}  // namespace kb::zkmeta
