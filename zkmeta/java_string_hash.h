#pragma once

#include <cstdint>
#include <string_view>

namespace kb::zkmeta {

// Java's String.hashCode() of a UTF-8 string, computed over its UTF-16 code units as Java sees
// the string: s[0]*31^(n-1) + ... + s[n-1] in wrapping 32-bit arithmetic. Malformed UTF-8 bytes
// count as themselves. Kafka hashes group ids (the __consumer_offsets partition of a group) and
// map keys (the iteration order of the JVM maps it serialises) this way.
int32_t java_string_hash(std::string_view utf8);

}  // namespace kb::zkmeta
