#pragma once

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

#include "log/batch_header.h"
#include "log/record.h"

namespace kb::log::tools {

// The records of one v2 batch for display. Unlike batch_records::decode this does not check
// the CRC first, so a corrupt batch still shows whatever of it parses (as Kafka's tool does).
struct decoded_records {
  std::vector<std::byte> decompressed;  // owns the bytes `records` point into when compressed
  std::vector<record> records;
};

// The records, or a one-line reason why they cannot be decoded. `batch` is the whole batch
// (header included) and must outlive the result when the batch is uncompressed.
std::variant<decoded_records, std::string> decode_for_display(bytes_view batch, const batch_header& h);

}  // namespace kb::log::tools
