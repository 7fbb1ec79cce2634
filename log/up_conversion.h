#pragma once

#include <cstddef>
#include <vector>

#include "log/errc.h"
#include "log/record.h"

namespace kb::log {

// Turns the legacy message set of a Produce v0-2 request (magic 0 or 1) into the one
// RecordBatch v2 the log stores, as Kafka's LogValidator does when it converts to magic 2:
//  * compressed wrappers are opened; the batch is compressed with the wrapper's codec
//    (gzip, snappy or lz4), or not at all when the messages were uncompressed;
//  * keys and values are copied (null stays null); there are no headers;
//  * timestamps: magic 1 keeps each message's timestamp (CreateTime); magic 0 has none, so
//    records get -1 (RecordBatch.NO_TIMESTAMP), the batch's max timestamp too;
//  * producer id, epoch and base sequence are -1 (legacy producers are not idempotent);
//  * offsets start at 0: the leader assigns them on append.
// Errors are those of legacy_records::decode, plus invalid_record for a message that claims
// LogAppendTime (Kafka answers INVALID_TIMESTAMP: producers may not set that type).
result<std::vector<std::byte>> up_convert(bytes_view message_set);

}  // namespace kb::log
