// Bounded, deterministic fuzzing of the request and response decoders of ApiVersions,
// Metadata, Produce, Fetch, ListOffsets, InitProducerId, OffsetForLeaderEpoch and the
// consumer-group APIs (FindCoordinator, JoinGroup, SyncGroup, Heartbeat, LeaveGroup,
// OffsetCommit, OffsetFetch, DescribeGroups, ListGroups, DeleteGroups, OffsetDelete): random byte
// strings and mutated valid encodings at every version. A decoder may succeed or throw
// decode_error; anything else (another exception, a crash, a sanitizer report) fails. This is
// the request decoders' fuzz target.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "brokerd/protocol/messages/decode_body.h"
#include "tests/support/codec_checks.h"
#include "tests/unit/protocol/group_message_samples.h"
#include "tests/unit/protocol/message_samples.h"

namespace kb::protocol {
namespace {

using bytes = std::vector<std::byte>;

// One decoder under test: decodes a whole body at a version (throwing like the real thing)
// and, if that succeeds, re-encodes the result and decodes it again.
struct fuzz_target {
  std::string name;
  int16_t min_version;
  int16_t max_version;
  std::function<void(bytes&, int16_t)> decode_and_reencode;
  std::function<bytes(int16_t)> valid_encoding;
};

// For messages with the usual decode(wire_reader&)/encode(wire_writer&)/operator==.
template <class T>
fuzz_target standard_target(std::string name, int16_t min, int16_t max, T (*sample)(int16_t)) {
  return {std::move(name), min, max,
          [](bytes& input, int16_t v) {
            T decoded = decode_body<T>(input, v);
            bytes again = test::encode_message(decoded, v);
            if (!(decode_body<T>(again, v) == decoded)) throw std::logic_error("re-encoding changed the message");
          },
          [sample](int16_t v) { return test::encode_message(sample(v), v); }};
}

bytes encode_fetch_response(const fetch_response& m, int16_t v) {
  response_buffer out;
  m.encode(out, v);
  bytes flat;
  for (auto& chunk : out.take()) {
    const auto& memory = std::get<bytes>(chunk);  // decoded responses never hold file slices
    flat.insert(flat.end(), memory.begin(), memory.end());
  }
  return flat;
}

std::vector<fuzz_target> targets() {
  std::vector<fuzz_target> out;
  out.push_back(standard_target("ApiVersionsRequest", api_versions_min_version, api_versions_max_version,
                                &samples::api_versions_request_at));
  out.push_back(standard_target("ApiVersionsResponse", api_versions_min_version, api_versions_max_version,
                                &samples::api_versions_response_at));
  out.push_back(standard_target("MetadataRequest", metadata_min_version, metadata_max_version,
                                &samples::metadata_request_at));
  out.push_back(standard_target("MetadataResponse", metadata_min_version, metadata_max_version,
                                &samples::metadata_response_at));
  out.push_back({"ProduceRequest", produce_min_version, produce_max_version,
                 [](bytes& input, int16_t v) {
                   auto decoded = produce_request::decode(input, v);
                   bytes again = test::encode_message(decoded, v);
                   if (again != input) throw std::logic_error("re-encoding differs");
                 },
                 [](int16_t v) {
                   bytes records = samples::bytes_of({1, 2, 3, 4});
                   return test::encode_message(samples::produce_request_at(v, records), v);
                 }});
  out.push_back(standard_target("ProduceResponse", produce_min_version, produce_max_version,
                                &samples::produce_response_at));
  out.push_back(standard_target("FetchRequest", fetch_min_version, fetch_max_version, &samples::fetch_request_at));
  out.push_back({"FetchResponse", fetch_min_version, fetch_max_version,
                 [](bytes& input, int16_t v) {
                   auto decoded = decode_body<fetch_response>(input, v);
                   bytes again = encode_fetch_response(decoded, v);
                   decode_body<fetch_response>(again, v);
                 },
                 [](int16_t v) { return encode_fetch_response(samples::fetch_response_at(v), v); }});
  out.push_back(standard_target("ListOffsetsRequest", list_offsets_min_version, list_offsets_max_version,
                                &samples::list_offsets_request_at));
  out.push_back(standard_target("ListOffsetsResponse", list_offsets_min_version, list_offsets_max_version,
                                &samples::list_offsets_response_at));
  out.push_back(standard_target("InitProducerIdRequest", init_producer_id_min_version, init_producer_id_max_version,
                                &samples::init_producer_id_request_at));
  out.push_back(standard_target("InitProducerIdResponse", init_producer_id_min_version,
                                init_producer_id_max_version, &samples::init_producer_id_response_at));
  out.push_back(standard_target("OffsetForLeaderEpochRequest", offset_for_leader_epoch_min_version,
                                offset_for_leader_epoch_max_version, &samples::offset_for_leader_epoch_request_at));
  out.push_back(standard_target("OffsetForLeaderEpochResponse", offset_for_leader_epoch_min_version,
                                offset_for_leader_epoch_max_version, &samples::offset_for_leader_epoch_response_at));
  out.push_back(standard_target("FindCoordinatorRequest", find_coordinator_min_version, find_coordinator_max_version,
                                &samples::find_coordinator_request_at));
  out.push_back(standard_target("FindCoordinatorResponse", find_coordinator_min_version, find_coordinator_max_version,
                                &samples::find_coordinator_response_at));
  out.push_back(standard_target("JoinGroupRequest", join_group_min_version, join_group_max_version,
                                &samples::join_group_request_at));
  out.push_back(standard_target("JoinGroupResponse", join_group_min_version, join_group_max_version,
                                &samples::join_group_response_at));
  out.push_back(standard_target("SyncGroupRequest", sync_group_min_version, sync_group_max_version,
                                &samples::sync_group_request_at));
  out.push_back(standard_target("SyncGroupResponse", sync_group_min_version, sync_group_max_version,
                                &samples::sync_group_response_at));
  out.push_back(standard_target("HeartbeatRequest", heartbeat_min_version, heartbeat_max_version,
                                &samples::heartbeat_request_at));
  out.push_back(standard_target("HeartbeatResponse", heartbeat_min_version, heartbeat_max_version,
                                &samples::heartbeat_response_at));
  out.push_back(standard_target("LeaveGroupRequest", leave_group_min_version, leave_group_max_version,
                                &samples::leave_group_request_at));
  out.push_back(standard_target("LeaveGroupResponse", leave_group_min_version, leave_group_max_version,
                                &samples::leave_group_response_at));
  out.push_back(standard_target("OffsetCommitRequest", offset_commit_min_version, offset_commit_max_version,
                                &samples::offset_commit_request_at));
  out.push_back(standard_target("OffsetCommitResponse", offset_commit_min_version, offset_commit_max_version,
                                &samples::offset_commit_response_at));
  out.push_back(standard_target("OffsetFetchRequest", offset_fetch_min_version, offset_fetch_max_version,
                                &samples::offset_fetch_request_at));
  out.push_back(standard_target("OffsetFetchResponse", offset_fetch_min_version, offset_fetch_max_version,
                                &samples::offset_fetch_response_at));
  out.push_back(standard_target("DescribeGroupsRequest", describe_groups_min_version, describe_groups_max_version,
                                &samples::describe_groups_request_at));
  out.push_back(standard_target("DescribeGroupsResponse", describe_groups_min_version, describe_groups_max_version,
                                &samples::describe_groups_response_at));
  out.push_back(standard_target("ListGroupsRequest", list_groups_min_version, list_groups_max_version,
                                &samples::list_groups_request_at));
  out.push_back(standard_target("ListGroupsResponse", list_groups_min_version, list_groups_max_version,
                                &samples::list_groups_response_at));
  out.push_back(standard_target("DeleteGroupsRequest", delete_groups_min_version, delete_groups_max_version,
                                &samples::delete_groups_request_at));
  out.push_back(standard_target("DeleteGroupsResponse", delete_groups_min_version, delete_groups_max_version,
                                &samples::delete_groups_response_at));
  out.push_back(standard_target("OffsetDeleteRequest", offset_delete_min_version, offset_delete_max_version,
                                &samples::offset_delete_request_at));
  out.push_back(standard_target("OffsetDeleteResponse", offset_delete_min_version, offset_delete_max_version,
                                &samples::offset_delete_response_at));
  return out;
}

class input_source {
 public:
  explicit input_source(uint32_t seed) : rng_(seed) {}

  size_t below(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

  // Short strings, half of them built from the bytes that matter in lengths and counts.
  bytes random_bytes() {
    static constexpr uint8_t interesting[] = {0x00, 0x00, 0x00, 0x01, 0x02, 0x7f, 0x80, 0xfe, 0xff};
    bytes out(below(2) ? below(16) : below(128));
    const bool biased = below(2) == 0;
    for (auto& b : out) b = std::byte{biased ? interesting[below(std::size(interesting))] : static_cast<uint8_t>(below(256))};
    return out;
  }

  // 1-3 edits of a valid encoding: bit flips, boundary bytes, big-endian int32 overwrites
  // (the width of every count and most lengths), insertions, deletions, truncation.
  bytes mutate(const bytes& valid) {
    static constexpr uint32_t int32s[] = {0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x00010000};
    bytes out = valid;
    for (size_t edits = 1 + below(3); edits > 0; --edits) {
      switch (below(6)) {
        case 0:
          if (!out.empty()) out[below(out.size())] ^= std::byte{static_cast<uint8_t>(1u << below(8))};
          break;
        case 1:
          if (!out.empty()) out[below(out.size())] = below(2) ? std::byte{0xff} : std::byte{0x00};
          break;
        case 2:
          if (out.size() >= 4) {
            size_t at = below(out.size() - 3);
            uint32_t v = int32s[below(std::size(int32s))];
            for (int i = 0; i < 4; ++i) out[at + i] = std::byte{static_cast<uint8_t>(v >> (24 - 8 * i))};
          }
          break;
        case 3:
          out.insert(out.begin() + static_cast<std::ptrdiff_t>(below(out.size() + 1)),
                     std::byte{static_cast<uint8_t>(below(256))});
          break;
        case 4:
          if (!out.empty()) out.erase(out.begin() + static_cast<std::ptrdiff_t>(below(out.size())));
          break;
        default:
          out.resize(below(out.size() + 1));
          break;
      }
    }
    return out;
  }

 private:
  std::mt19937 rng_;
};

std::string hex(const bytes& b) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (std::byte x : b) {
    out += digits[std::to_integer<int>(x) >> 4];
    out += digits[std::to_integer<int>(x) & 15];
  }
  return out;
}

// Returns true if the input decoded; fails the test on anything but decode_error.
bool run_one(const fuzz_target& t, bytes input, int16_t v) {
  const bytes original = input;
  try {
    t.decode_and_reencode(input, v);
    return true;
  } catch (const decode_error&) {
    return false;
  } catch (const std::exception& e) {
    ADD_FAILURE() << t.name << " v" << v << " threw " << e.what() << " on " << hex(original);
  } catch (...) {
    ADD_FAILURE() << t.name << " v" << v << " threw a non-std exception on " << hex(original);
  }
  return false;
}

constexpr int random_inputs_per_api = 20000;
constexpr int mutations_per_version = 1000;

TEST(DecodeFuzzTest, RandomBytesEitherDecodeOrThrowDecodeError) {
  for (const auto& t : targets()) {
    input_source source(0x5eed0001);
    const int versions = t.max_version - t.min_version + 1;
    for (int i = 0; i < random_inputs_per_api; ++i) {
      run_one(t, source.random_bytes(), static_cast<int16_t>(t.min_version + i % versions));
    }
  }
}

TEST(DecodeFuzzTest, MutatedValidMessagesEitherDecodeOrThrowDecodeError) {
  for (const auto& t : targets()) {
    input_source source(0x5eed0002);
    for (int16_t v = t.min_version; v <= t.max_version; ++v) {
      const bytes valid = t.valid_encoding(v);
      ASSERT_TRUE(run_one(t, valid, v)) << t.name << " v" << v << " rejects its own encoding";
      int decoded = 0;
      for (int i = 0; i < mutations_per_version; ++i) decoded += run_one(t, source.mutate(valid), v);
      // Some mutations only change values; a run that never decodes is not exercising much.
      EXPECT_GT(decoded, 0) << t.name << " v" << v;
    }
  }
}

}  // namespace
}  // namespace kb::protocol
