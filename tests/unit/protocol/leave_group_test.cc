// LeaveGroup codec (v0-v3): round trips at every version, the switch from one member_id
// (v0-2) to a batch of members (v3), golden bytes and malformed input.
#include "brokerd/protocol/messages/leave_group.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "brokerd/protocol/messages/decode_body.h"
#include "tests/support/codec_checks.h"
#include "tests/unit/protocol/group_message_samples.h"

namespace kb::protocol {
namespace {

using request = leave_group_request;
using response = leave_group_response;
using test::encode_message;
using test::from_hex;

TEST(LeaveGroupCodecTest, RequestRoundTripsAtEveryVersion) {
  for (int16_t v = leave_group_min_version; v <= leave_group_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::full_leave_group_request(), samples::leave_group_request_at(v), v);
    test::expect_every_truncation_throws<request>(bytes, v);
  }
}

TEST(LeaveGroupCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = leave_group_min_version; v <= leave_group_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::leave_group_response_at(leave_group_max_version),
                                         samples::leave_group_response_at(v), v);
    test::expect_every_truncation_throws<response>(bytes, v);
  }
}

TEST(LeaveGroupCodecTest, RequestGoldenBytes) {
  request m;
  m.group_id = "g";
  m.member_id = "m";
  m.members = {{"m", std::nullopt}};
  request single = m;  // what v0-2 carry
  single.members.clear();
  request batch = m;  // what v3 carries
  batch.member_id.clear();
  EXPECT_EQ(test::expect_round_trip(m, single, 0), from_hex("0001 67 0001 6d"));
  EXPECT_EQ(test::expect_round_trip(m, single, 2), from_hex("0001 67 0001 6d"));
  EXPECT_EQ(test::expect_round_trip(m, batch, 3), from_hex("0001 67 00000001 0001 6d ffff"));
}

TEST(LeaveGroupCodecTest, ResponseGoldenBytes) {
  response m;
  m.error_code = error_code::unknown_member_id;
  EXPECT_EQ(test::expect_round_trip(m, m, 0), from_hex("0019"));
  m.error_code = error_code::none;
  m.members = {{"m", "i", error_code::fenced_instance_id}};
  EXPECT_EQ(test::expect_round_trip(m, m, 3), from_hex("00000000 0000 00000001 0001 6d 0001 69 0052"));
}

TEST(LeaveGroupCodecTest, RejectsFlexibleVersions) {
  auto bytes = encode_message(samples::full_leave_group_request(), leave_group_max_version);
  EXPECT_THROW(decode_body<request>(bytes, leave_group_max_version + 1), decode_error);
  wire_writer w;
  EXPECT_THROW(response{}.encode(w, leave_group_max_version + 1), std::invalid_argument);
}

}  // namespace
}  // namespace kb::protocol
