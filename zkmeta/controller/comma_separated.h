#pragma once

#include <sstream>
#include <string>

namespace kb::zkmeta {

// "t-0,t-1" or "1,2": a set of partitions or brokers as Kafka's controller logs it.
template <class Range>
std::string comma_separated(const Range& items) {
  std::ostringstream os;
  bool first = true;
  for (const auto& item : items) {
    os << (first ? "" : ",") << item;
    first = false;
  }
  return os.str();
}

}  // namespace kb::zkmeta
