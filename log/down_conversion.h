#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "log/errc.h"
#include "log/record.h"

namespace kb::log {

// Converts stored RecordBatch v2 bytes into a legacy message set of `magic` (0 for Fetch
// v0-1, 1 for Fetch v2-3), as Kafka's fetch path does for old consumers:
//  * one uncompressed message per record, whatever the batch's codec (Kafka recompresses
//    with the batch codec instead; uncompressed is valid for every legacy client, simpler,
//    and also serves zstd batches, which Kafka refuses to down-convert);
//  * each message keeps its record's absolute offset; records below `first_offset` (the
//    fetch offset, inside the first batch) are left out, as are control batches;
//  * magic 1 carries the record's timestamp, or the batch's max timestamp with the
//    LogAppendTime bit when the batch uses LogAppendTime; magic 0 has no timestamp;
//  * headers, producer ids and sequences are dropped (legacy messages have none);
//  * every message gets its CRC-32.
// `batches` may end with a partial batch (a log read cut at max_bytes): it is ignored, so
// the result never ends with a partial message. Messages are added while the total stays
// within `max_bytes`, except that the first message is always added, even when larger, so
// that the caller can see it does not fit. A batch that fails to decode (bad CRC,
// corrupt records) ends the conversion; it is an error only when nothing was converted.
result<std::vector<std::byte>> down_convert(bytes_view batches, int8_t magic, int64_t first_offset,
                                            size_t max_bytes);

}  // namespace kb::log
