// Znode path rules shared by zk_session and the fake, and the zookeeper.connect split.
#include "zkmeta/zk_path.h"

#include <gtest/gtest.h>

#include "zkmeta/zk_config.h"

namespace kb::zkmeta {
namespace {

TEST(ZkPathTest, ValidPaths) {
  for (const char* p : {"/", "/a", "/brokers/ids/0", "/a.b/c-d_e", "/..a", "/a/.b"}) {
    EXPECT_TRUE(is_valid_path(p)) << p;
  }
}

TEST(ZkPathTest, InvalidPaths) {
  for (const char* p : {"", "a", "a/b", "/a/", "//", "//a", "/a//b", "/.", "/a/.", "/a/../b"}) {
    EXPECT_FALSE(is_valid_path(p)) << p;
  }
  EXPECT_FALSE(is_valid_path(std::string_view("/a\0b", 4)));
}

TEST(ZkPathTest, SequentialCreatesMayEndInASlash) {
  EXPECT_TRUE(is_valid_path("/queue/", true));
  EXPECT_TRUE(is_valid_path("/queue/item-", true));
  EXPECT_FALSE(is_valid_path("/", true));
  EXPECT_FALSE(is_valid_path("/queue//", true));
}

TEST(ZkPathTest, ParentAndName) {
  EXPECT_EQ(parent_path("/a"), "/");
  EXPECT_EQ(parent_path("/a/b/c"), "/a/b");
  EXPECT_EQ(parent_path("/q/"), "/q");
  EXPECT_EQ(node_name("/a/b/c"), "c");
  EXPECT_EQ(node_name("/a"), "a");
}

TEST(ZkConfigTest, SplitConnectStringSeparatesTheChroot) {
  auto plain = split_connect_string("h1:2181,h2:2181");
  EXPECT_EQ(plain.hosts, "h1:2181,h2:2181");
  EXPECT_EQ(plain.chroot, "");
  auto rooted = split_connect_string("h1:2181,h2:2181/kafka/prod/");
  EXPECT_EQ(rooted.hosts, "h1:2181,h2:2181");
  EXPECT_EQ(rooted.chroot, "/kafka/prod");
  EXPECT_EQ(split_connect_string("h:2181/").chroot, "");
}

}  // namespace
}  // namespace kb::zkmeta
