// AlterPartitionReassignments (45) and ListPartitionReassignments (46): flexible v0.
#include "brokerd/protocol/messages/partition_reassignments.h"

#include <gtest/gtest.h>

#include "tests/support/codec_checks.h"

namespace kb::protocol {
namespace {

using alter_request = alter_partition_reassignments_request;
using alter_response = alter_partition_reassignments_response;
using list_request = list_partition_reassignments_request;
using list_response = list_partition_reassignments_response;

alter_request sample_alter_request() {
  alter_request m;
  m.timeout_ms = 30000;
  m.topics = {{"t", {{0, std::vector<int32_t>{2, 3}}, {1, std::nullopt}}}};
  return m;
}

alter_response sample_alter_response() {
  alter_response m;
  m.throttle_time_ms = 5;
  m.responses = {{"t",
                  {{0, error_code::none, std::nullopt},
                   {1, error_code::no_reassignment_in_progress, "No partition reassignment is in progress."}}}};
  return m;
}

list_response sample_list_response() {
  list_response m;
  m.topics = {{"orders", {{0, {2, 3, 0, 1}, {2, 3}, {0, 1}}, {4, {1, 2}, {}, {}}}}};
  return m;
}

TEST(PartitionReassignmentsCodecTest, AlterRequestMatchesKafkasBytes) {
  // timeout, topics[1]{"t", partitions[2]{0, [2,3], tags}, {1, null, tags}, tags}, tags
  auto golden = test::from_hex(
      "00007530 02 0274 03 00000000 03 00000002 00000003 00 00000001 00 00 00 00");
  EXPECT_EQ(test::encode_message(sample_alter_request(), 0), golden);
  EXPECT_EQ(test::decode_message<alter_request>(golden, 0), sample_alter_request());
}

TEST(PartitionReassignmentsCodecTest, EveryMessageRoundTrips) {
  test::expect_round_trip(sample_alter_request(), sample_alter_request(), 0);
  test::expect_round_trip(sample_alter_response(), sample_alter_response(), 0);
  list_request all;
  test::expect_round_trip(all, all, 0);  // null topics: every reassignment
  list_request some;
  some.topics = std::vector<list_request::listed_topic>{{"orders", {0, 4}}};
  test::expect_round_trip(some, some, 0);
  test::expect_round_trip(sample_list_response(), sample_list_response(), 0);
  alter_response not_controller;
  not_controller.error_code = error_code::not_controller;
  not_controller.error_message = "This is not the correct controller for this cluster.";
  test::expect_round_trip(not_controller, not_controller, 0);
}

TEST(PartitionReassignmentsCodecTest, ListRequestDistinguishesNullFromEmpty) {
  EXPECT_EQ(test::encode_message(list_request{}, 0), test::from_hex("0000ea60 00 00"));
  list_request none;
  none.topics = std::vector<list_request::listed_topic>{};
  EXPECT_EQ(test::encode_message(none, 0), test::from_hex("0000ea60 01 00"));
}

TEST(PartitionReassignmentsCodecTest, TruncationsAndMutationsAreDecodeErrors) {
  auto alter = test::encode_message(sample_alter_request(), 0);
  test::expect_every_truncation_throws<alter_request>(alter, 0);
  EXPECT_GT(test::fuzz_decode<alter_request>(alter, 0, 45), 0);
  auto listed = test::encode_message(sample_list_response(), 0);
  test::expect_every_truncation_throws<list_response>(listed, 0);
  EXPECT_GT(test::fuzz_decode<list_response>(listed, 0, 46), 0);
  auto answered = test::encode_message(sample_alter_response(), 0);
  test::expect_every_truncation_throws<alter_response>(answered, 0);
}

TEST(PartitionReassignmentsCodecTest, OnlyVersionZeroExists) {
  wire_writer w;
  EXPECT_THROW(sample_alter_request().encode(w, 1), std::exception);
}

}  // namespace
}  // namespace kb::protocol
