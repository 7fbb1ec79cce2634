#include "brokerd/protocol/messages/controlled_shutdown.h"

#include <gtest/gtest.h>

#include "brokerd/protocol/decode_error.h"

namespace kb::protocol {
namespace {

TEST(ControlledShutdownTest, RequestV2CarriesTheBrokerEpochAndV1DoesNot) {
  controlled_shutdown_request req{3, 0x1122334455667788};
  wire_writer v2, v1;
  req.encode(v2, 2);
  req.encode(v1, 1);
  EXPECT_EQ(v2.size(), 12u);
  EXPECT_EQ(v1.size(), 4u);
  wire_reader r(v2.buffer());
  auto back = controlled_shutdown_request::decode(r, 2);
  EXPECT_EQ(back.broker_id, 3);
  EXPECT_EQ(back.broker_epoch, 0x1122334455667788);
}

TEST(ControlledShutdownTest, ResponseRoundTripsRemainingPartitions) {
  controlled_shutdown_response resp;
  resp.error_code = error_code::none;
  resp.remaining_partitions = {{"orders", 0}, {"orders", 2}};
  wire_writer w;
  resp.encode(w, 2);
  EXPECT_EQ(w.size(), 2u + 4 + 2 * (2 + 6 + 4));
  wire_reader r(w.buffer());
  auto back = controlled_shutdown_response::decode(r, 2);
  EXPECT_EQ(back.remaining_partitions, resp.remaining_partitions);
}

TEST(ControlledShutdownTest, TruncatedInputThrowsDecodeError) {
  controlled_shutdown_response resp;
  resp.remaining_partitions = {{"orders", 0}};
  wire_writer w;
  resp.encode(w, 2);
  for (size_t n = 0; n < w.size(); ++n) {
    wire_reader r(std::span(w.buffer()).subspan(0, n));
    EXPECT_THROW(controlled_shutdown_response::decode(r, 2), decode_error) << n;
  }
}

}  // namespace
}  // namespace kb::protocol
