#pragma once

// record_errc: why a key or value of a __consumer_offsets record could not be decoded. The
// record codecs never throw; they return these. decode_record() below is where the wire
// reader's decode_error becomes record_errc::malformed.

#include <boost/outcome/std_result.hpp>

#include <system_error>

#include "brokerd/protocol/decode_error.h"
#include "brokerd/protocol/wire_reader.h"

namespace kb::group {

namespace outcome = BOOST_OUTCOME_V2_NAMESPACE;
template <class T>
using result = outcome::std_result<T>;

enum class record_errc {
  malformed = 1,        // truncated, a negative length, a null the schema forbids, or trailing bytes
  unsupported_version,  // a schema version this decoder does not know (Kafka skips such keys)
};

const std::error_category& record_category();
inline std::error_code make_error_code(record_errc e) { return {static_cast<int>(e), record_category()}; }

// Runs `read` (wire_reader& -> result<T>) over all of `data`. A decode_error it throws, or any
// byte it leaves unread, is record_errc::malformed: Kafka never writes trailing bytes.
template <class T, class Read>
result<T> decode_record(protocol::bytes_view data, Read&& read) {
  try {
    protocol::wire_reader r(data);
    result<T> out = read(r);
    if (out && !r.done()) return make_error_code(record_errc::malformed);
    return out;
  } catch (const protocol::decode_error&) {
    return make_error_code(record_errc::malformed);
  }
}

}  // namespace kb::group

template <>
struct std::is_error_code_enum<kb::group::record_errc> : std::true_type {};
