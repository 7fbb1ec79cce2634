#pragma once

// The broker's configuration keys as a boost::program_options description: every key that
// broker_config holds, with its Kafka type (config_value.h) and Kafka default. Keys that Kafka
// leaves unset by default (log.retention.ms, log.dirs, advertised.listeners, ...) have no
// default here either, so variables_map::count() tells whether they were given.
// The defaults are taken from a default-constructed broker_config, so the two cannot drift.

#include <boost/program_options/options_description.hpp>
#include <span>
#include <string_view>

namespace kb::brokerd {

boost::program_options::options_description broker_options();

// Keys defined by broker_options() and kept in broker_config for components that do not exist
// yet (group and transaction coordinators). They are validated, but reported at startup as
// having no effect. Move a key out of this list when the code that reads it lands.
std::span<const std::string_view> keys_not_yet_in_effect();

}  // namespace kb::brokerd
