#include "zkmeta/znodes/znode_errc.h"

#include <string>

namespace kb::zkmeta {
namespace {

class category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "kb.znode"; }
  std::string message(int ev) const override {
    switch (static_cast<znode_errc>(ev)) {
      case znode_errc::malformed: return "malformed znode data";
      case znode_errc::missing_field: return "znode data lacks a required field";
      case znode_errc::wrong_type: return "znode data field has the wrong type";
      case znode_errc::invalid_value: return "znode data field has an invalid value";
      case znode_errc::unsupported_version: return "unsupported znode data version";
    }
    return "unknown znode error " + std::to_string(ev);
  }
};

}  // namespace

const std::error_category& znode_category() {
  static const category instance;
  return instance;
}

}  // namespace kb::zkmeta
