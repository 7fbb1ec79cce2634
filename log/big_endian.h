#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

// Kafka's wire and file formats are big-endian; these read and write fixed-width integers
// at arbitrary (possibly unaligned) addresses.
namespace kb::be {

template <class T>
constexpr T byte_swap(T v) {
  if constexpr (sizeof(T) == 1) return v;
  else if constexpr (sizeof(T) == 2) return static_cast<T>(__builtin_bswap16(static_cast<uint16_t>(v)));
  else if constexpr (sizeof(T) == 4) return static_cast<T>(__builtin_bswap32(static_cast<uint32_t>(v)));
  else return static_cast<T>(__builtin_bswap64(static_cast<uint64_t>(v)));
}

template <class T>
inline T load(const std::byte* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  if constexpr (std::endian::native == std::endian::little) v = byte_swap(v);
  return v;
}

template <class T>
inline void store(std::byte* p, T v) {
  if constexpr (std::endian::native == std::endian::little) v = byte_swap(v);
  std::memcpy(p, &v, sizeof v);
}

}  // namespace kb::be
