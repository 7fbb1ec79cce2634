#include "brokerd/tools/log_timestamp.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace kb::tools {

std::string log_timestamp() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm local{};
  localtime_r(&seconds, &local);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &local);
  char out[48];
  std::snprintf(out, sizeof out, "[%s,%03lld]", date, static_cast<long long>(millis));
  return out;
}

}  // namespace kb::tools
