// __consumer_offsets record codecs: golden bytes written by hand from Kafka's
// OffsetCommitKey/Value and GroupMetadataKey/Value schemas for every key and value version,
// the versions Kafka 3.x writes, round trips, key dispatch, and malformed input as errors.
#include <gtest/gtest.h>

#include <cstddef>
#include <span>
#include <variant>
#include <vector>

#include "brokerd/group/consumer_offsets_key.h"
#include "brokerd/group/group_metadata_record.h"
#include "brokerd/group/offset_commit_record.h"
#include "brokerd/group/record_errc.h"
#include "tests/support/codec_checks.h"

namespace kb::group {
namespace {

using bytes = std::vector<std::byte>;
using test::from_hex;

// Every strict prefix of a complete record, and the record plus one trailing byte, is malformed.
template <class Decode>
void expect_malformed_when_cut_or_padded(const bytes& complete, Decode decode) {
  for (size_t len = 0; len < complete.size(); ++len) {
    auto r = decode(std::span<const std::byte>(complete).first(len));
    ASSERT_FALSE(r) << "prefix of " << len << " bytes decoded";
    EXPECT_EQ(r.error(), make_error_code(record_errc::malformed)) << "prefix of " << len << " bytes";
  }
  bytes padded = complete;
  padded.push_back(std::byte{0});
  auto r = decode(padded);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), make_error_code(record_errc::malformed));
}

// --- keys ----------------------------------------------------------------------------------

TEST(ConsumerOffsetsRecordsTest, OffsetCommitKeyIsWrittenAsV1AndReadAtV0AndV1) {
  const offset_commit_key key{"g", "t", 3};
  EXPECT_EQ(offset_commit_record::encode_key(key), from_hex("0001 0001 67 0001 74 00000003"));
  for (const char* hex : {"0000 0001 67 0001 74 00000003", "0001 0001 67 0001 74 00000003"}) {
    auto decoded = offset_commit_record::decode_key(from_hex(hex));
    ASSERT_TRUE(decoded) << hex;
    EXPECT_EQ(decoded.value(), key);
  }
  expect_malformed_when_cut_or_padded(offset_commit_record::encode_key(key), offset_commit_record::decode_key);
}

TEST(ConsumerOffsetsRecordsTest, GroupMetadataKeyIsV2) {
  const group_metadata_key key{"g"};
  EXPECT_EQ(group_metadata_record::encode_key(key), from_hex("0002 0001 67"));
  auto decoded = group_metadata_record::decode_key(from_hex("0002 0001 67"));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded.value(), key);
  EXPECT_EQ(group_metadata_record::decode_key(from_hex("0001 0001 67")).error(),
            make_error_code(record_errc::unsupported_version));
  expect_malformed_when_cut_or_padded(group_metadata_record::encode_key(key), group_metadata_record::decode_key);
}

TEST(ConsumerOffsetsRecordsTest, KeyVersionSelectsTheKindOfRecord) {
  auto offsets = decode_consumer_offsets_key(from_hex("0000 0001 67 0001 74 00000001"));
  ASSERT_TRUE(offsets);
  ASSERT_TRUE(std::holds_alternative<offset_commit_key>(offsets.value()));
  EXPECT_EQ(std::get<offset_commit_key>(offsets.value()), (offset_commit_key{"g", "t", 1}));

  auto group = decode_consumer_offsets_key(from_hex("0002 0002 6731"));
  ASSERT_TRUE(group);
  ASSERT_TRUE(std::holds_alternative<group_metadata_key>(group.value()));
  EXPECT_EQ(std::get<group_metadata_key>(group.value()).group, "g1");
}

TEST(ConsumerOffsetsRecordsTest, UnknownKeyVersionsAreUnsupportedNotMalformed) {
  // Kafka skips these (UnknownKey), e.g. the KIP-848 consumer group records (v3+).
  for (const char* hex : {"0003 0001 67", "0011", "ffff 0001 67"}) {
    auto key = decode_consumer_offsets_key(from_hex(hex));
    ASSERT_FALSE(key) << hex;
    EXPECT_EQ(key.error(), make_error_code(record_errc::unsupported_version)) << hex;
  }
}

TEST(ConsumerOffsetsRecordsTest, CorruptKeysAreMalformed) {
  expect_malformed_when_cut_or_padded(from_hex("0001 0001 67 0001 74 00000003"), decode_consumer_offsets_key);
  expect_malformed_when_cut_or_padded(from_hex("0002 0001 67"), decode_consumer_offsets_key);
  auto null_group = decode_consumer_offsets_key(from_hex("0002 ffff"));
  ASSERT_FALSE(null_group);
  EXPECT_EQ(null_group.error(), make_error_code(record_errc::malformed));
}

// --- offset commit values ------------------------------------------------------------------

TEST(ConsumerOffsetsRecordsTest, OffsetCommitValueGoldenBytesAtEveryVersion) {
  offset_commit_value v0;
  v0.offset = 5;
  v0.commit_timestamp = 1000;
  offset_commit_value v1 = v0;
  v1.expire_timestamp = 2000;
  offset_commit_value v3 = v0;
  v3.leader_epoch = 2;
  v3.metadata = "m";
  const struct {
    const char* hex;
    offset_commit_value expected;
  } cases[] = {
      {"0000 0000000000000005 0000 00000000000003e8", v0},
      {"0001 0000000000000005 0000 00000000000003e8 00000000000007d0", v1},
      {"0002 0000000000000005 0000 00000000000003e8", v0},
      {"0003 0000000000000005 00000002 0001 6d 00000000000003e8", v3},
      // v4 (flexible): a compact string, then the tagged fields (none, then one to skip).
      {"0004 0000000000000005 00000002 02 6d 00000000000003e8 00", v3},
      {"0004 0000000000000005 00000002 02 6d 00000000000003e8 01 05 02 abcd", v3},
  };
  for (const auto& c : cases) {
    const bytes data = from_hex(c.hex);
    auto decoded = offset_commit_record::decode_value(data);
    ASSERT_TRUE(decoded) << c.hex << ": " << decoded.error().message();
    EXPECT_EQ(decoded.value(), c.expected) << c.hex;
    expect_malformed_when_cut_or_padded(data, offset_commit_record::decode_value);
  }
}

TEST(ConsumerOffsetsRecordsTest, OffsetCommitValueIsWrittenAsV3OrV1WithAnExpireTimestamp) {
  offset_commit_value value;
  value.offset = 5;
  value.leader_epoch = 2;
  value.metadata = "m";
  value.commit_timestamp = 1000;
  EXPECT_EQ(offset_commit_record::encode_value(value),
            from_hex("0003 0000000000000005 00000002 0001 6d 00000000000003e8"));
  value.expire_timestamp = 2000;  // v1 has no leader epoch: it is dropped, as in Kafka
  EXPECT_EQ(offset_commit_record::encode_value(value),
            from_hex("0001 0000000000000005 0001 6d 00000000000003e8 00000000000007d0"));
}

TEST(ConsumerOffsetsRecordsTest, OffsetCommitValueRoundTrips) {
  offset_commit_value value;
  value.offset = 1234567890123;
  value.leader_epoch = 7;
  value.metadata = "checkpoint";
  value.commit_timestamp = 1700000000000;
  auto decoded = offset_commit_record::decode_value(offset_commit_record::encode_value(value));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded.value(), value);

  value.leader_epoch = -1;
  value.expire_timestamp = 1700000600000;
  decoded = offset_commit_record::decode_value(offset_commit_record::encode_value(value));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded.value(), value);
}

TEST(ConsumerOffsetsRecordsTest, OffsetCommitValueRejectsUnknownVersionsAndNullMetadata) {
  EXPECT_EQ(offset_commit_record::decode_value(from_hex("0005 0000000000000005 0000 00000000000003e8")).error(),
            make_error_code(record_errc::unsupported_version));
  EXPECT_EQ(offset_commit_record::decode_value(from_hex("ffff 0000000000000005 0000 00000000000003e8")).error(),
            make_error_code(record_errc::unsupported_version));
  EXPECT_EQ(offset_commit_record::decode_value(from_hex("0000 0000000000000005 ffff 00000000000003e8")).error(),
            make_error_code(record_errc::malformed));
}

// --- group metadata values -----------------------------------------------------------------

group_metadata_value stable_group() {
  group_metadata_value value;
  value.protocol_type = "consumer";
  value.generation = 1;
  value.protocol = "range";
  value.leader = "m";
  group_metadata_value::member_metadata member;
  member.member_id = "m";
  member.client_id = "c";
  member.client_host = "h";
  member.session_timeout = 10000;
  member.subscription = {std::byte{1}};
  member.assignment = {std::byte{2}};
  value.members = {member};
  return value;
}

TEST(ConsumerOffsetsRecordsTest, GroupMetadataValueGoldenBytesAtEveryVersion) {
  group_metadata_value v0 = stable_group();
  group_metadata_value v1 = v0;
  v1.members[0].rebalance_timeout = 30000;
  group_metadata_value v2 = v1;
  v2.current_state_timestamp = 1000;
  group_metadata_value v3 = v2;
  v3.members[0].group_instance_id = "i";
  const struct {
    const char* hex;
    group_metadata_value expected;
  } cases[] = {
      {"0000 0008 636f6e73756d6572 00000001 0005 72616e6765 0001 6d"
       "00000001 0001 6d 0001 63 0001 68 00002710 00000001 01 00000001 02",
       v0},
      {"0001 0008 636f6e73756d6572 00000001 0005 72616e6765 0001 6d"
       "00000001 0001 6d 0001 63 0001 68 00007530 00002710 00000001 01 00000001 02",
       v1},
      {"0002 0008 636f6e73756d6572 00000001 0005 72616e6765 0001 6d 00000000000003e8"
       "00000001 0001 6d 0001 63 0001 68 00007530 00002710 00000001 01 00000001 02",
       v2},
      {"0003 0008 636f6e73756d6572 00000001 0005 72616e6765 0001 6d 00000000000003e8"
       "00000001 0001 6d 0001 69 0001 63 0001 68 00007530 00002710 00000001 01 00000001 02",
       v3},
  };
  for (const auto& c : cases) {
    const bytes data = from_hex(c.hex);
    auto decoded = group_metadata_record::decode_value(data);
    ASSERT_TRUE(decoded) << c.hex << ": " << decoded.error().message();
    EXPECT_EQ(decoded.value(), c.expected) << c.hex;
    expect_malformed_when_cut_or_padded(data, group_metadata_record::decode_value);
  }
  EXPECT_EQ(group_metadata_record::encode_value(v3), from_hex(cases[3].hex));  // written as v3
}

TEST(ConsumerOffsetsRecordsTest, EmptyGroupMetadataValueHasNullProtocolAndLeader) {
  group_metadata_value empty;
  empty.protocol_type = "consumer";
  empty.generation = 4;
  empty.protocol = std::nullopt;
  empty.leader = std::nullopt;
  const bytes data = group_metadata_record::encode_value(empty);
  EXPECT_EQ(data, from_hex("0003 0008 636f6e73756d6572 00000004 ffff ffff ffffffffffffffff 00000000"));
  auto decoded = group_metadata_record::decode_value(data);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded.value(), empty);
}

TEST(ConsumerOffsetsRecordsTest, GroupMetadataValueRoundTripsWithSeveralMembers) {
  group_metadata_value value = stable_group();
  value.current_state_timestamp = 1700000000000;
  value.members[0].group_instance_id = "instance-1";
  value.members[0].rebalance_timeout = 300000;
  group_metadata_value::member_metadata second = value.members[0];
  second.member_id = "m2";
  second.group_instance_id = std::nullopt;
  second.subscription = {};
  second.assignment = {std::byte{0}, std::byte{1}, std::byte{2}};
  value.members.push_back(second);
  auto decoded = group_metadata_record::decode_value(group_metadata_record::encode_value(value));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded.value(), value);
}

TEST(ConsumerOffsetsRecordsTest, GroupMetadataValueRejectsUnknownVersionsAndHostileCounts) {
  // v4 is flexible and not read.
  EXPECT_EQ(group_metadata_record::decode_value(from_hex("0004 09 636f6e73756d6572 00000001 00 00 01 01 00")).error(),
            make_error_code(record_errc::unsupported_version));
  // A member count no remaining bytes could hold.
  EXPECT_EQ(group_metadata_record::decode_value(from_hex("0003 0000 00000001 ffff ffff ffffffffffffffff 7fffffff"))
                .error(),
            make_error_code(record_errc::malformed));
  EXPECT_EQ(group_metadata_record::decode_value(from_hex("0003 0000 00000001 ffff ffff ffffffffffffffff ffffffff"))
                .error(),
            make_error_code(record_errc::malformed));  // a null members array
}

TEST(ConsumerOffsetsRecordsTest, ErrorsHaveACategoryAndMessages) {
  EXPECT_STREQ(make_error_code(record_errc::malformed).category().name(), "kb.group.record");
  EXPECT_FALSE(make_error_code(record_errc::malformed).message().empty());
  EXPECT_NE(make_error_code(record_errc::malformed).message(),
            make_error_code(record_errc::unsupported_version).message());
}

}  // namespace
}  // namespace kb::group
