#include "brokerd/cluster/kafka_errors.h"

namespace kb::cluster {

using protocol::error_code;

protocol::error_code to_kafka_error(log::errc e) {
  // Exhaustive on purpose, without a default: -Werror=switch flags a new log::errc.
  switch (e) {
    case log::errc::corrupt_batch: return error_code::corrupt_message;
    case log::errc::invalid_batch: return error_code::invalid_record;
    case log::errc::unsupported_magic: return error_code::invalid_record;
    case log::errc::batch_too_large: return error_code::message_too_large;
    case log::errc::offset_out_of_range: return error_code::offset_out_of_range;
    case log::errc::non_monotonic_offsets: return error_code::unknown_server_error;
    case log::errc::unsupported_compression: return error_code::unsupported_compression_type;
    case log::errc::decompression_failed: return error_code::corrupt_message;
    case log::errc::invalid_record: return error_code::invalid_record;
    case log::errc::append_exceeds_segment: return error_code::record_list_too_large;
    case log::errc::invalid_producer_epoch: return error_code::invalid_producer_epoch;
    case log::errc::out_of_order_sequence: return error_code::out_of_order_sequence_number;
    case log::errc::invalid_timestamp: return error_code::invalid_timestamp;
    case log::errc::storage_error: return error_code::kafka_storage_error;
  }
  return error_code::unknown_server_error;
}

protocol::error_code to_kafka_error(const std::error_code& ec) {
  if (ec.category() == log::log_category()) return to_kafka_error(static_cast<log::errc>(ec.value()));
  return error_code::unknown_server_error;
}

}  // namespace kb::cluster
