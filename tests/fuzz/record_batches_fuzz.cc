// libFuzzer target: the records of one produced partition, through what a leader runs before
// it appends them (produce_handler.cc): a legacy message set (Produce v0-2) is up-converted,
// then the batch is checked as Kafka's LogValidator does (check_client_batch), codecs and
// bounded decompression included. A batch that passes must also down-convert for old
// consumers (v0 and v1 message sets), since a broker that stored it will be asked to.
//
// Input: one flags byte (bit 0: the topic is compacted, so keys are required), then the
// records. Checksums would stop the fuzzer at the first byte it changes, so the target writes
// correct ones first: the v2 batch CRC and length (the handler passes exactly one batch), or
// the CRC of each top-level legacy message. Inner messages of a compressed legacy wrapper and
// the codecs' own checksums (lz4 frames) are left as they are.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <span>
#include <vector>

#include "log/batch_header.h"
#include "log/big_endian.h"
#include "log/client_batch_checks.h"
#include "log/down_conversion.h"
#include "log/legacy_message.h"
#include "log/legacy_records.h"
#include "log/up_conversion.h"
#include "tests/fuzz/message_round_trip.h"

namespace {

using namespace kb::log;

void fix_legacy_crcs(std::span<std::byte> set) {
  size_t at = 0;
  while (set.size() - at >= legacy_min_entry_v0) {
    const int32_t size = kb::be::load<int32_t>(set.data() + at + 8);
    if (size < 0 || static_cast<size_t>(size) > set.size() - at - legacy_log_overhead) return;
    const size_t entry = legacy_log_overhead + static_cast<size_t>(size);
    if (entry < legacy_magic_offset) return;
    auto covered = set.subspan(at + legacy_magic_offset, entry - legacy_magic_offset);
    kb::be::store<uint32_t>(set.data() + at + legacy_crc_offset, legacy_crc32(covered));
    at += entry;
  }
}

void fix_batch(std::span<std::byte> batch) {
  if (batch.size() < batch_header_size) return;
  kb::be::store<int32_t>(batch.data() + 8, static_cast<int32_t>(batch.size() - log_overhead));
  kb::be::store<uint32_t>(batch.data() + crc_offset, compute_batch_crc(batch));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > (1 << 20)) return 0;
  const client_batch_rules rules{.keys_required = (data[0] & 1) != 0};
  const auto* bytes = reinterpret_cast<const std::byte*>(data) + 1;
  std::vector<std::byte> records(bytes, bytes + size - 1);

  std::vector<std::byte> batch = records;
  if (is_legacy_message_set(records)) {
    fix_legacy_crcs(records);
    auto converted = up_convert(records);
    if (!converted) return 0;
    batch = std::move(converted).value();
  } else {
    fix_batch(batch);
  }
  if (batch.size() < batch_header_size || batch[magic_offset] != std::byte{current_magic}) return 0;
  auto checked = check_client_batch(batch, rules);
  if (!checked) return 0;
  for (int8_t magic : {int8_t{0}, int8_t{1}}) {
    auto down = down_convert(batch, magic, checked.value().base_offset, SIZE_MAX);
    if (!down) {
      std::fprintf(stderr, "down_convert to magic %d: %s\n", magic, down.error().message().c_str());
      kb::fuzz::fail("a batch the leader accepts does not down-convert");
    }
  }
  return 0;
}
