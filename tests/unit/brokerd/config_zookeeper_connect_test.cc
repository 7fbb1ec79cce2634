// zookeeper.connect: host:port[,host:port...][/chroot], validated as the ZooKeeper client would.
#include "brokerd/config/zookeeper_connect.h"

#include <gtest/gtest.h>

#include <string>

#include "brokerd/config/config_error.h"

namespace kb::brokerd {
namespace {

zookeeper_connect parse(std::string_view value) { return parse_zookeeper_connect(value, "test:1"); }

TEST(ConfigZookeeperConnectTest, SingleServer) {
  auto z = parse("127.0.0.1:2181");
  ASSERT_EQ(z.servers.size(), 1u);
  EXPECT_EQ(z.servers[0].host, "127.0.0.1");
  EXPECT_EQ(z.servers[0].port, 2181);
  EXPECT_EQ(z.chroot, "");
  EXPECT_EQ(z.to_string(), "127.0.0.1:2181");
}

TEST(ConfigZookeeperConnectTest, EnsembleWithChroot) {
  auto z = parse("zk1:2181, zk2:2182 ,zk3:2183/kafka/prod");
  ASSERT_EQ(z.servers.size(), 3u);
  EXPECT_EQ(z.servers[1], (zookeeper_server{"zk2", 2182}));
  EXPECT_EQ(z.chroot, "/kafka/prod");
  EXPECT_EQ(z.servers_string(), "zk1:2181,zk2:2182,zk3:2183");
  EXPECT_EQ(z.to_string(), "zk1:2181,zk2:2182,zk3:2183/kafka/prod");
}

TEST(ConfigZookeeperConnectTest, RootChrootMeansNone) {
  EXPECT_EQ(parse("zk:2181/").chroot, "");
}

TEST(ConfigZookeeperConnectTest, SurroundingWhitespaceIsIgnored) {
  EXPECT_EQ(parse("  zk:2181/x  ").to_string(), "zk:2181/x");
}

TEST(ConfigZookeeperConnectTest, Ipv6HostUsesTheLastColon) {
  auto z = parse("::1:2181");
  EXPECT_EQ(z.servers[0].host, "::1");
  EXPECT_EQ(z.servers[0].port, 2181);
}

TEST(ConfigZookeeperConnectTest, MalformedValuesNameTheKeyAndValue) {
  for (const char* bad : {"", "zk", "zk:", "zk:0", "zk:65536", "zk:12ab", ":2181", "zk:2181,", "a:1,,b:2", "zk 1:2181",
                          "zk:2181/a/", "zk:2181//a", "zk:2181/a/./b", "zk:2181/.."}) {
    try {
      parse(bad);
      ADD_FAILURE() << "accepted: '" << bad << "'";
    } catch (const config_error& e) {
      std::string m = e.what();
      EXPECT_NE(m.find("for configuration zookeeper.connect"), std::string::npos) << m;
      EXPECT_NE(m.find("(test:1)"), std::string::npos) << m;
    }
  }
}

}  // namespace
}  // namespace kb::brokerd
