#pragma once

// zk_path: ZooKeeper's znode path rules (the server's PathUtils.validatePath), checked by both
// zk_client implementations before a request is sent, so an invalid path is bad_arguments
// whether or not a chroot is in use (the C client would otherwise glue "x" onto "/chroot").

#include <string>
#include <string_view>

namespace kb::zkmeta {

// Absolute, no empty, "." or ".." component, no NUL, no trailing '/' except "/" itself.
// A sequential create may end in '/' (its name is then just the 10-digit suffix).
bool is_valid_path(std::string_view path, bool sequential_create = false);

// "/a/b" -> "/a", "/a" -> "/", "/a/" -> "/a". `path` must be valid and not "/".
std::string parent_path(std::string_view path);

// "/a/b" -> "b".
std::string node_name(std::string_view path);

}  // namespace kb::zkmeta
