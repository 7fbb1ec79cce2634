#include "brokerd/tools/java_hash_order.h"

#include <algorithm>
#include <numeric>

namespace kb::tools {
namespace {

// Decodes one UTF-8 sequence starting at s[i] (advancing i); malformed bytes decode as
// themselves, one at a time.
uint32_t next_code_point(std::string_view s, size_t& i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  size_t extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  if (i + extra >= s.size()) extra = 0;  // truncated sequence
  uint32_t cp = extra == 0 ? lead : lead & (0x3F >> extra);
  for (size_t k = 1; k <= extra; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      extra = 0;
      cp = lead;
      break;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += extra + 1;
  return cp;
}

}  // namespace

int32_t java_string_hash(std::string_view utf8) {
  uint32_t h = 0;
  for (size_t i = 0; i < utf8.size();) {
    uint32_t cp = next_code_point(utf8, i);
    if (cp >= 0x10000) {  // a surrogate pair in UTF-16
      cp -= 0x10000;
      h = 31 * h + (0xD800 + (cp >> 10));
      h = 31 * h + (0xDC00 + (cp & 0x3FF));
    } else {
      h = 31 * h + cp;
    }
  }
  return static_cast<int32_t>(h);
}

std::vector<size_t> java_hash_map_order(const std::vector<std::string>& keys) {
  size_t buckets = 16;
  while (keys.size() > buckets * 3 / 4) buckets *= 2;
  std::vector<size_t> bucket_of(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    const auto h = static_cast<uint32_t>(java_string_hash(keys[i]));
    bucket_of[i] = (h ^ (h >> 16)) & (buckets - 1);
  }
  std::vector<size_t> order(keys.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return bucket_of[a] < bucket_of[b]; });
  return order;
}

}  // namespace kb::tools
