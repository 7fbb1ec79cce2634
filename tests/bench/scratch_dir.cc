#include "tests/bench/scratch_dir.h"

#include <stdlib.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace kb::bench {

scratch_dir::scratch_dir(std::string_view prefix) {
  const char* tmp = std::getenv("TMPDIR");
  std::filesystem::path base = tmp && *tmp ? tmp : "/tmp";
  std::string templ = (base / (std::string(prefix) + ".XXXXXX")).string();
  if (::mkdtemp(templ.data()) == nullptr) {
    throw std::system_error(errno, std::generic_category(), "mkdtemp " + templ);
  }
  path_ = templ;
}

scratch_dir::~scratch_dir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace kb::bench
