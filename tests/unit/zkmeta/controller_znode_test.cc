// /controller, /controller_epoch and /cluster/id: golden bytes and tolerant decoding.
#include "zkmeta/znodes/controller_znode.h"

#include <gtest/gtest.h>

#include "zkmeta/znodes/cluster_id_znode.h"
#include "zkmeta/znodes/controller_epoch_znode.h"

namespace kb::zkmeta {
namespace {

TEST(ControllerZnodeTest, EncodesVersionOneGoldenBytes) {
  EXPECT_EQ(controller_znode::path(), "/controller");
  EXPECT_EQ(controller_znode::encode(kb::broker_id{0}, 1'535'943'857'541),
            R"({"version":1,"brokerid":0,"timestamp":"1535943857541"})");
}

TEST(ControllerZnodeTest, RoundTrips) {
  auto c = controller_znode::decode(controller_znode::encode(kb::broker_id{7}, 42));
  ASSERT_TRUE(c);
  EXPECT_EQ(c.value(), (controller_info{kb::broker_id{7}, 42, 1, std::nullopt}));
}

TEST(ControllerZnodeTest, DecodesVersionTwoWithKraftControllerEpoch) {
  auto c = controller_znode::decode(
      R"({"version":2,"brokerid":0,"timestamp":"1676813353461","kraftControllerEpoch":-1})");
  ASSERT_TRUE(c);
  EXPECT_EQ(c.value().broker, kb::broker_id{0});
  EXPECT_EQ(c.value().version, 2);
  EXPECT_EQ(c.value().kraft_controller_epoch, -1);
}

TEST(ControllerZnodeTest, DecodesLegacyBareBrokerId) {
  auto c = controller_znode::decode("3");
  ASSERT_TRUE(c);
  EXPECT_EQ(c.value().broker, kb::broker_id{3});
}

TEST(ControllerZnodeTest, MalformedPayloadsAreErrors) {
  EXPECT_EQ(controller_znode::decode("").error(), znode_errc::malformed);
  EXPECT_EQ(controller_znode::decode("{").error(), znode_errc::malformed);
  EXPECT_EQ(controller_znode::decode(R"({"version":1})").error(), znode_errc::missing_field);
  EXPECT_EQ(controller_znode::decode(R"({"brokerid":"1"})").error(), znode_errc::wrong_type);
  EXPECT_EQ(controller_znode::decode(R"({"brokerid":1.5})").error(), znode_errc::wrong_type);
  EXPECT_EQ(controller_znode::decode(R"({"brokerid":3000000000})").error(), znode_errc::invalid_value);
}

TEST(ControllerEpochZnodeTest, IsPlainDecimalText) {
  EXPECT_EQ(controller_epoch_znode::path(), "/controller_epoch");
  EXPECT_EQ(controller_epoch_znode::encode(controller_epoch_znode::initial_epoch), "0");
  EXPECT_EQ(controller_epoch_znode::encode(kb::controller_epoch{17}), "17");
  EXPECT_EQ(controller_epoch_znode::decode("1").value(), kb::controller_epoch{1});
  EXPECT_EQ(controller_epoch_znode::decode("2147483647").value(), kb::controller_epoch{2147483647});
}

TEST(ControllerEpochZnodeTest, RejectsAnythingButAWholeInt32) {
  for (const char* bad : {"", " 1", "1 ", "1x", "0x10", "2147483648", "{\"epoch\":1}"}) {
    EXPECT_EQ(controller_epoch_znode::decode(bad).error(), znode_errc::malformed) << bad;
  }
}

TEST(ClusterIdZnodeTest, EncodesVersionAsStringGoldenBytes) {
  EXPECT_EQ(cluster_id_znode::path(), "/cluster/id");
  EXPECT_EQ(cluster_id_znode::encode("IOejp_IKSbWbySJc0sRrKw"), R"({"version":"1","id":"IOejp_IKSbWbySJc0sRrKw"})");
}

TEST(ClusterIdZnodeTest, DecodesIdInAnyKeyOrder) {
  EXPECT_EQ(cluster_id_znode::decode(R"({"id":"abc","version":"1"})").value(), "abc");
  EXPECT_EQ(cluster_id_znode::decode(R"({"version":1,"id":"abc"})").value(), "abc");
  EXPECT_EQ(cluster_id_znode::decode(R"({"version":"1"})").error(), znode_errc::missing_field);
  EXPECT_EQ(cluster_id_znode::decode(R"({"id":7})").error(), znode_errc::wrong_type);
}

}  // namespace
}  // namespace kb::zkmeta
