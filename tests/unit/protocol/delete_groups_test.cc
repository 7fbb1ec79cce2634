// DeleteGroups codec (v0-v1, one layout): round trips, golden bytes and malformed input.
#include "brokerd/protocol/messages/delete_groups.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "brokerd/protocol/messages/decode_body.h"
#include "tests/support/codec_checks.h"
#include "tests/unit/protocol/group_message_samples.h"

namespace kb::protocol {
namespace {

using request = delete_groups_request;
using response = delete_groups_response;
using test::encode_message;
using test::from_hex;

TEST(DeleteGroupsCodecTest, RoundTripsAtEveryVersion) {
  for (int16_t v = delete_groups_min_version; v <= delete_groups_max_version; ++v) {
    auto req = test::expect_round_trip(samples::delete_groups_request_at(v), samples::delete_groups_request_at(v), v);
    test::expect_every_truncation_throws<request>(req, v);
    auto resp =
        test::expect_round_trip(samples::delete_groups_response_at(v), samples::delete_groups_response_at(v), v);
    test::expect_every_truncation_throws<response>(resp, v);
  }
}

TEST(DeleteGroupsCodecTest, GoldenBytes) {
  request m;
  m.groups_names = {"g"};
  response resp;
  resp.results = {{"g", error_code::non_empty_group}};
  for (int16_t v = delete_groups_min_version; v <= delete_groups_max_version; ++v) {
    EXPECT_EQ(test::expect_round_trip(m, m, v), from_hex("00000001 0001 67"));
    EXPECT_EQ(test::expect_round_trip(resp, resp, v), from_hex("00000000 00000001 0001 67 0044"));
  }
}

TEST(DeleteGroupsCodecTest, RejectsFlexibleVersions) {
  auto bytes = encode_message(samples::delete_groups_request_at(1), 1);
  EXPECT_THROW(decode_body<request>(bytes, delete_groups_max_version + 1), decode_error);
  wire_writer w;
  EXPECT_THROW(response{}.encode(w, delete_groups_max_version + 1), std::invalid_argument);
}

}  // namespace
}  // namespace kb::protocol
