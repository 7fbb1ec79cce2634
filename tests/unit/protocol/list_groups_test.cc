// ListGroups codec (v0-v2): the empty request, response round trips at every version, golden
// bytes and malformed input.
#include "brokerd/protocol/messages/list_groups.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "brokerd/protocol/messages/decode_body.h"
#include "tests/support/codec_checks.h"
#include "tests/unit/protocol/group_message_samples.h"

namespace kb::protocol {
namespace {

using request = list_groups_request;
using response = list_groups_response;
using test::encode_message;
using test::from_hex;

TEST(ListGroupsCodecTest, RequestIsEmptyAtEveryVersion) {
  for (int16_t v = list_groups_min_version; v <= list_groups_max_version; ++v) {
    EXPECT_TRUE(test::expect_round_trip(request{}, request{}, v).empty());
    auto trailing = from_hex("00");
    EXPECT_THROW(decode_body<request>(trailing, v), decode_error);
  }
}

TEST(ListGroupsCodecTest, ResponseRoundTripsAtEveryVersion) {
  for (int16_t v = list_groups_min_version; v <= list_groups_max_version; ++v) {
    auto bytes = test::expect_round_trip(samples::list_groups_response_at(list_groups_max_version),
                                         samples::list_groups_response_at(v), v);
    test::expect_every_truncation_throws<response>(bytes, v);
  }
}

TEST(ListGroupsCodecTest, ResponseGoldenBytes) {
  response m;
  m.groups = {{"g", "consumer"}};
  EXPECT_EQ(test::expect_round_trip(m, m, 0), from_hex("0000 00000001 0001 67 0008 636f6e73756d6572"));
  EXPECT_EQ(test::expect_round_trip(m, m, 1), from_hex("00000000 0000 00000001 0001 67 0008 636f6e73756d6572"));
  EXPECT_EQ(encode_message(m, 2), encode_message(m, 1));  // v2 is v1
}

TEST(ListGroupsCodecTest, RejectsFlexibleVersions) {
  auto empty = from_hex("");
  EXPECT_THROW(decode_body<request>(empty, list_groups_max_version + 1), decode_error);
  wire_writer w;
  EXPECT_THROW(response{}.encode(w, list_groups_max_version + 1), std::invalid_argument);
}

}  // namespace
}  // namespace kb::protocol
