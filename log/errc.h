#pragma once

#include <boost/outcome/std_result.hpp>

#include <system_error>

namespace kb::log {

namespace outcome = BOOST_OUTCOME_V2_NAMESPACE;
template <class T>
using result = outcome::std_result<T>;

// Expected, data-level failures of the log. I/O failures (disk full, EIO) are thrown as
// std::system_error instead: they are not a property of the request. partition_log's writes
// (append, truncation, retention, flush, close) catch them instead, take the log offline and
// answer storage_error from then on; its reads still throw them.
enum class errc {
  corrupt_batch = 1,       // CRC-32C mismatch, bad length or magic: the bytes are not a batch
  invalid_batch,           // well-formed but inconsistent (record count vs. offset delta, ...)
  unsupported_magic,       // a magic byte other than 2 where only RecordBatch v2 is accepted
  batch_too_large,         // larger than the configured max.message.bytes
  offset_out_of_range,     // below the log start offset or above the log end offset
  non_monotonic_offsets,   // a replicated batch whose offsets do not follow the log end
  unsupported_compression, // a codec id Kafka does not define
  decompression_failed,    // a compressed payload the codec rejects
  invalid_record,          // a record inside a batch that cannot be parsed
  append_exceeds_segment,  // one append larger than segment.bytes (Kafka: RECORD_LIST_TOO_LARGE)
  invalid_producer_epoch,  // an idempotent producer fenced by a newer epoch
  out_of_order_sequence,   // an idempotent producer's sequence gap
  invalid_timestamp,       // a client batch claiming LogAppendTime (Kafka: INVALID_TIMESTAMP)
  storage_error,           // an I/O failure took the log offline (Kafka: KAFKA_STORAGE_ERROR)
};

const std::error_category& log_category();
inline std::error_code make_error_code(errc e) { return {static_cast<int>(e), log_category()}; }

}  // namespace kb::log

template <>
struct std::is_error_code_enum<kb::log::errc> : std::true_type {};
