// libFuzzer target: server.properties text through what brokerd does at startup
// (properties_file, then parse_broker_config with Kafka's types and checks). A config_error,
// which brokerd prints before it exits 1, is the only way to fail.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "brokerd/config/config_error.h"
#include "brokerd/config/config_parser.h"
#include "brokerd/config/properties_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto entries = kb::brokerd::parse_properties(text, "server.properties");
    kb::brokerd::parse_broker_config(entries, [] { return std::string("fuzz.local"); });
  } catch (const kb::brokerd::config_error&) {
  }
  return 0;
}
