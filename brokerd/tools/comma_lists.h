#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kb::tools {

// The comma-separated lists Kafka's tools take and print.

// "a,,b," -> {"a", "b"}: Scala's split(",").filter(!_.isEmpty), as the tools read
// --bootstrap-server, --broker-list and --topic-list.
std::vector<std::string> split_comma_list(const std::string& list);

// {1, 2, 3} -> "1,2,3", as the tools print broker ids (mkString(",")).
std::string join_ids(const std::vector<int32_t>& ids);

}  // namespace kb::tools
