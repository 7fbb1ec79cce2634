#include "brokerd/config/config_notices.h"

#include <glog/logging.h>

namespace kb::brokerd {

void log_config_notices(const config_parse_result& result) {
  for (const std::string& key : result.inactive_keys) {
    LOG(INFO) << "Config key " << key << " is accepted but has no effect in this broker";
  }
  for (const std::string& key : result.unknown_keys) {
    LOG(WARNING) << "The configuration '" << key << "' was supplied but isn't a known config.";
  }
  for (const std::string& warning : result.warnings) LOG(WARNING) << warning;
}

}  // namespace kb::brokerd
