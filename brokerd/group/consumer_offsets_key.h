#pragma once

// The key of any __consumer_offsets record. Its leading int16 schema version says which kind
// of record it is: 0 and 1 an offset commit (OffsetCommitKey), 2 group metadata
// (GroupMetadataKey). Kafka skips records whose key has any other version (its UnknownKey);
// those decode here as record_errc::unsupported_version so that a loader can do the same,
// while record_errc::malformed marks a key that is corrupt. Pure functions; any thread.

#include <variant>

#include "brokerd/group/group_metadata_record.h"
#include "brokerd/group/offset_commit_record.h"
#include "brokerd/group/record_errc.h"
#include "brokerd/protocol/wire_reader.h"

namespace kb::group {

using consumer_offsets_key = std::variant<offset_commit_key, group_metadata_key>;

result<consumer_offsets_key> decode_consumer_offsets_key(protocol::bytes_view data);

}  // namespace kb::group
