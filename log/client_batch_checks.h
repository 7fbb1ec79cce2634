#pragma once

#include <cstddef>
#include <span>

#include "log/batch_header.h"
#include "log/compression.h"
#include "log/errc.h"

namespace kb::log {

// What a batch a client produced must satisfy before a leader appends it, beyond being a
// well-formed v2 batch: the checks of Kafka's LogValidator for AppendOrigin.CLIENT
// (storage/src/main/java/org/apache/kafka/storage/internals/log/LogValidator.java). The
// producer's bytes are never rewritten, so a batch Kafka would rebuild is refused instead.
struct client_batch_rules {
  bool keys_required = false;  // a compacted topic: a record without a key is invalid_record
  // A compressed batch whose records decompress past this is invalid_record.
  size_t max_decompressed_bytes = log::max_decompressed_bytes;
};

// Checks `batch` (exactly one batch, as validate_batch takes it) and returns its header.
//   corrupt_batch / unsupported_magic / unsupported_compression: as validate_batch;
//   invalid_batch: record count not positive or not last_offset_delta + 1, a control batch,
//     a producer id with a negative base sequence;
//   invalid_timestamp: the batch claims LogAppendTime (only the broker may set it);
//   decompression_failed: the codec rejects the payload, or it is truncated;
//   invalid_record: the records do not parse as exactly records_count records filling the
//     payload (lengths past the end, bytes left over, a negative header key length), a
//     compressed batch whose offset deltas are not 0..count-1 (Kafka rewrites those), a
//     missing key where keys_required, or more than max_decompressed_bytes.
// Compressed payloads are read through a fixed buffer (decompress_stream): memory stays
// bounded whatever the payload claims.
result<batch_header> check_client_batch(std::span<const std::byte> batch, const client_batch_rules& rules);

}  // namespace kb::log
