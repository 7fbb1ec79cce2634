#pragma once

#include <optional>
#include <string>
#include <vector>

#include "brokerd/protocol/messages/array_codec.h"
#include "brokerd/protocol/messages/compact_array_codec.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// The encodings that differ between a message's classic versions and its flexible ones
// (KIP-482), for codecs that serve both: strings and arrays (int16/int32 lengths, or
// uvarint(length + 1)) and the tagged-field sections, which only flexible versions have.
// Fixed-size fields are read and written on the wire_reader/wire_writer itself. The
// `min_bytes` of an array bounds its count: it must be a lower bound in both forms.
class versioned_reader {
 public:
  versioned_reader(wire_reader& r, bool flexible) : r_(r), flexible_(flexible) {}
  std::string string() { return flexible_ ? r_.compact_string() : r_.string(); }
  template <class T, class ReadOne>
  std::vector<T> array(size_t min_bytes, ReadOne&& read_one) {
    return flexible_ ? read_compact_array<T>(r_, min_bytes, read_one) : read_array<T>(r_, min_bytes, read_one);
  }
  template <class T, class ReadOne>
  std::optional<std::vector<T>> nullable_array(size_t min_bytes, ReadOne&& read_one) {
    return flexible_ ? read_compact_nullable_array<T>(r_, min_bytes, read_one)
                     : read_nullable_array<T>(r_, min_bytes, read_one);
  }
  void tagged_fields() {
    if (flexible_) r_.skip_tagged_fields();
  }

 private:
  wire_reader& r_;
  bool flexible_;
};

class versioned_writer {
 public:
  versioned_writer(wire_writer& w, bool flexible) : w_(w), flexible_(flexible) {}
  void string(const std::string& s) { flexible_ ? w_.compact_string(s) : w_.string(s); }
  template <class T, class WriteOne>
  void array(const std::vector<T>& items, WriteOne&& write_one) {
    flexible_ ? write_compact_array(w_, items, write_one) : write_array(w_, items, write_one);
  }
  template <class T, class WriteOne>
  void nullable_array(const std::optional<std::vector<T>>& items, WriteOne&& write_one) {
    flexible_ ? write_compact_nullable_array(w_, items, write_one) : write_nullable_array(w_, items, write_one);
  }
  void tagged_fields() {
    if (flexible_) w_.empty_tagged_fields();
  }

 private:
  wire_writer& w_;
  bool flexible_;
};

}  // namespace kb::protocol
