#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

namespace kb {

// A value of T that the compiler will not confuse with another T-valued concept:
// an offset is never silently passed where a leader epoch is expected.
template <class T, class Tag>
class named_type {
 public:
  using value_type = T;
  constexpr named_type() = default;
  constexpr explicit named_type(T v) : value_(v) {}
  constexpr T operator()() const { return value_; }
  constexpr auto operator<=>(const named_type&) const = default;
  friend std::ostream& operator<<(std::ostream& os, named_type v) { return os << v.value_; }

 private:
  T value_{};
};

// Kafka partition leader epoch; -1 means "unknown / not set".
using leader_epoch = named_type<int32_t, struct leader_epoch_tag>;
// Kafka broker id.
using broker_id = named_type<int32_t, struct broker_id_tag>;

// A topic partition, named "<topic>-<partition>" on disk as Kafka does.
struct topic_partition {
  std::string topic;
  int32_t partition = 0;
  auto operator<=>(const topic_partition&) const = default;
  std::string dir_name() const { return topic + "-" + std::to_string(partition); }
  friend std::ostream& operator<<(std::ostream& os, const topic_partition& tp) {
    return os << tp.topic << '-' << tp.partition;
  }
};

}  // namespace kb

template <>
struct std::hash<kb::topic_partition> {
  size_t operator()(const kb::topic_partition& tp) const noexcept {
    return std::hash<std::string>{}(tp.topic) * 31 + static_cast<size_t>(tp.partition);
  }
};
