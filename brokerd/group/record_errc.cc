#include "brokerd/group/record_errc.h"

#include <string>

namespace kb::group {
namespace {

class category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "kb.group.record"; }
  std::string message(int ev) const override {
    switch (static_cast<record_errc>(ev)) {
      case record_errc::malformed: return "malformed __consumer_offsets record";
      case record_errc::unsupported_version: return "unsupported __consumer_offsets record version";
    }
    return "unknown __consumer_offsets record error " + std::to_string(ev);
  }
};

}  // namespace

const std::error_category& record_category() {
  static const category instance;
  return instance;
}

}  // namespace kb::group
