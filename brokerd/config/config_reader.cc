#include "brokerd/config/config_reader.h"

#include <stdexcept>

#include "brokerd/config/config_value.h"

namespace kb::brokerd {

namespace {

template <class T>
const T& value_of(const boost::program_options::variables_map& vm, const std::string& key) {
  auto it = vm.find(key);
  // Only keys of broker_options() with a default are read this way: a miss is a bug here.
  if (it == vm.end() || it->second.empty()) throw std::logic_error("config key " + key + " has no value and no default");
  return it->second.as<T>();
}

template <class T>
const T* find_value(const boost::program_options::variables_map& vm, const std::string& key) {
  auto it = vm.find(key);
  if (it == vm.end() || it->second.empty()) return nullptr;
  return &it->second.as<T>();
}

}  // namespace

std::string config_reader::origin(const std::string& key) const {
  auto it = supplied_.find(key);
  return it == supplied_.end() ? std::string() : it->second.origin;
}

int32_t config_reader::get_int(const std::string& key) const { return value_of<kafka_int>(vm_, key).value; }
int64_t config_reader::get_long(const std::string& key) const { return value_of<kafka_long>(vm_, key).value; }
int16_t config_reader::get_short(const std::string& key) const { return value_of<kafka_short>(vm_, key).value; }
bool config_reader::get_bool(const std::string& key) const { return value_of<kafka_bool>(vm_, key).value; }
std::string config_reader::get_string(const std::string& key) const { return value_of<kafka_string>(vm_, key).value; }
std::vector<std::string> config_reader::get_list(const std::string& key) const {
  return value_of<kafka_list>(vm_, key).value;
}

std::optional<int32_t> config_reader::find_int(const std::string& key) const {
  const kafka_int* v = find_value<kafka_int>(vm_, key);
  return v ? std::optional<int32_t>(v->value) : std::nullopt;
}

std::optional<int64_t> config_reader::find_long(const std::string& key) const {
  const kafka_long* v = find_value<kafka_long>(vm_, key);
  return v ? std::optional<int64_t>(v->value) : std::nullopt;
}

std::optional<std::string> config_reader::find_string(const std::string& key) const {
  const kafka_string* v = find_value<kafka_string>(vm_, key);
  return v ? std::optional<std::string>(v->value) : std::nullopt;
}

}  // namespace kb::brokerd
