#include "brokerd/tools/client_config.h"

#include <algorithm>

#include "brokerd/config/config_error.h"
#include "brokerd/config/properties_file.h"
#include "brokerd/tools/tool_error.h"

namespace kb::tools {

void client_config::set(const std::string& key, const std::string& value) {
  auto it = std::find_if(entries_.begin(), entries_.end(), [&](const auto& e) { return e.first == key; });
  if (it != entries_.end()) {
    it->second = value;
  } else {
    entries_.emplace_back(key, value);
  }
}

void client_config::merge(const key_value_list& entries) {
  for (const auto& [key, value] : entries) set(key, value);
}

void client_config::merge_file(const std::filesystem::path& file) {
  try {
    for (const brokerd::property& p : brokerd::read_properties_file(file)) set(p.key, p.value);
  } catch (const brokerd::config_error& e) {
    throw command_error(e.what());
  }
}

conf_ptr client_config::build(std::ostream& warnings) const {
  conf_ptr conf(rd_kafka_conf_new());
  char errstr[512];
  for (const auto& [key, value] : entries_) {
    switch (rd_kafka_conf_set(conf.get(), key.c_str(), value.c_str(), errstr, sizeof errstr)) {
      case RD_KAFKA_CONF_OK:
        break;
      case RD_KAFKA_CONF_UNKNOWN:
        warnings << "WARN The configuration '" << key << "' was supplied but isn't a known config.\n";
        break;
      case RD_KAFKA_CONF_INVALID:
        throw command_error(errstr);
    }
  }
  return conf;
}

client_ptr client_config::create(rd_kafka_type_t type, std::ostream& warnings) const {
  return create_client(type, build(warnings));
}

client_ptr create_client(rd_kafka_type_t type, conf_ptr conf) {
  char errstr[512];
  rd_kafka_t* rk = rd_kafka_new(type, conf.get(), errstr, sizeof errstr);
  if (!rk) throw command_error(errstr);
  conf.release();  // rd_kafka_new owns the conf once it succeeds
  return client_ptr(rk);
}

}  // namespace kb::tools
