#pragma once

// Kafka's Uuid (topic ids, cluster ids): a random version-4 UUID written as its 16 bytes in
// unpadded URL-safe base64, 22 characters, e.g. "DNNwhXqQCOW61shM7zZ2Q". Uuid.randomUuid never
// returns the all-zero id, the metadata-topic id (0, 1) or one whose text starts with '-'
// (it draws again), so the text never looks like a command-line flag.

#include <cstdint>
#include <functional>
#include <string>

namespace kb::zkmeta {

// A source of random 64-bit words. Tests inject fixed sequences.
using random_bits = std::function<uint64_t()>;

// A Mersenne Twister seeded from std::random_device (not for secrets; ids only).
random_bits default_random_bits();

// The 22-character text of the UUID with these halves (Uuid.toString).
std::string kafka_uuid_string(uint64_t most_significant, uint64_t least_significant);

// Uuid.randomUuid: two draws per attempt, version/variant bits set as java.util.UUID does.
std::string random_kafka_uuid(const random_bits& random);

}  // namespace kb::zkmeta
