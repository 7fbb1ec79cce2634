// meta.properties as a ZooKeeper-mode Kafka broker writes it, and reading it back from files
// written by Kafka itself (Java Properties syntax).
#include "log/meta_properties.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace kb::log {
namespace {

class MetaPropertiesTest : public ::testing::Test {
 protected:
  std::filesystem::path file() const { return dir_.path() / "meta.properties"; }

  void write_text(const std::string& text) const {
    std::ofstream out(file(), std::ios::binary | std::ios::trunc);
    out << text;
  }

  std::vector<std::string> read_lines() const {
    std::ifstream in(file());
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }

  kb::test::temp_dir dir_;
};

TEST_F(MetaPropertiesTest, WrittenFileHasKafkaLayout) {
  write_meta_properties(dir_.path(), {.broker_id = 3, .cluster_id = "Jx1lC2tWR0uJ2cZ4nWm6Lw", .version = 0});
  const auto lines = read_lines();
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "#");
  ASSERT_GT(lines[1].size(), 1u);  // "#<date>"
  EXPECT_EQ(lines[1][0], '#');
  EXPECT_EQ(lines[2], "broker.id=3");
  EXPECT_EQ(lines[3], "version=0");
  EXPECT_EQ(lines[4], "cluster.id=Jx1lC2tWR0uJ2cZ4nWm6Lw");
}

TEST_F(MetaPropertiesTest, DateLineLooksLikeJavaDate) {
  // Java's Date.toString: "Tue Oct 22 10:00:00 UTC 2024", six space-separated fields.
  write_meta_properties(dir_.path(), {.broker_id = 1, .cluster_id = "c", .version = 0});
  const auto lines = read_lines();
  ASSERT_GE(lines.size(), 2u);
  std::istringstream fields(lines[1].substr(1));
  std::vector<std::string> parts;
  for (std::string p; fields >> p;) parts.push_back(p);
  ASSERT_EQ(parts.size(), 6u) << lines[1];
  EXPECT_EQ(parts[3].size(), 8u) << "time field " << parts[3];
  EXPECT_EQ(parts[5].size(), 4u) << "year field " << parts[5];
}

TEST_F(MetaPropertiesTest, WriteThenReadRoundTrips) {
  write_meta_properties(dir_.path(), {.broker_id = 42, .cluster_id = "abcDEF123_-xyzXYZ00000", .version = 0});
  auto meta = read_meta_properties(dir_.path());
  ASSERT_TRUE(meta.has_value());
  EXPECT_EQ(meta->broker_id, 42);
  EXPECT_EQ(meta->cluster_id, "abcDEF123_-xyzXYZ00000");
  EXPECT_EQ(meta->version, 0);
}

TEST_F(MetaPropertiesTest, RewriteReplacesPreviousContents) {
  write_meta_properties(dir_.path(), {.broker_id = 1, .cluster_id = "old", .version = 0});
  write_meta_properties(dir_.path(), {.broker_id = 2, .cluster_id = "new", .version = 0});
  auto meta = read_meta_properties(dir_.path());
  ASSERT_TRUE(meta.has_value());
  EXPECT_EQ(meta->broker_id, 2);
  EXPECT_EQ(meta->cluster_id, "new");
}

TEST_F(MetaPropertiesTest, MissingFileIsNullopt) {
  EXPECT_EQ(read_meta_properties(dir_.path()), std::nullopt);
}

TEST_F(MetaPropertiesTest, ReadsFileWrittenByKafka) {
  // Java Properties.store output: keys in hash order, comment header.
  write_text("#\n#Tue Oct 22 10:00:00 UTC 2024\ncluster.id=Jx1lC2tWR0uJ2cZ4nWm6Lw\nversion=0\nbroker.id=5\n");
  auto meta = read_meta_properties(dir_.path());
  ASSERT_TRUE(meta.has_value());
  EXPECT_EQ(meta->broker_id, 5);
  EXPECT_EQ(meta->cluster_id, "Jx1lC2tWR0uJ2cZ4nWm6Lw");
  EXPECT_EQ(meta->version, 0);
}

TEST_F(MetaPropertiesTest, IgnoresCommentsBlankLinesAndUnknownKeys) {
  write_text("# a comment\n! another comment style\n\nbroker.id=9\nsome.other.key=value=with=equals\n"
             "version=0\ndirectory.id=AAAAAAAAAAAAAAAAAAAAAA\ncluster.id=xyz\n");
  auto meta = read_meta_properties(dir_.path());
  ASSERT_TRUE(meta.has_value());
  EXPECT_EQ(meta->broker_id, 9);
  EXPECT_EQ(meta->cluster_id, "xyz");
  EXPECT_EQ(meta->version, 0);
}

TEST_F(MetaPropertiesTest, WhitespaceAroundSeparatorIsIgnored) {
  // java.util.Properties.load accepts "key = value"; Kafka reads meta.properties with it.
  write_text("broker.id = 4\nversion = 0\ncluster.id = abc\n");
  auto meta = read_meta_properties(dir_.path());
  ASSERT_TRUE(meta.has_value());
  EXPECT_EQ(meta->broker_id, 4);
  EXPECT_EQ(meta->cluster_id, "abc");
}

TEST_F(MetaPropertiesTest, MissingClusterIdReadsAsEmpty) {
  write_text("broker.id=1\nversion=0\n");
  auto meta = read_meta_properties(dir_.path());
  ASSERT_TRUE(meta.has_value());
  EXPECT_EQ(meta->broker_id, 1);
  EXPECT_TRUE(meta->cluster_id.empty());
}

TEST_F(MetaPropertiesTest, EmptyClusterIdIsNotWritten) {
  write_meta_properties(dir_.path(), {.broker_id = 1, .cluster_id = "", .version = 0});
  for (const auto& line : read_lines()) EXPECT_NE(line.rfind("cluster.id", 0), 0u) << line;
}

TEST_F(MetaPropertiesTest, NonNumericBrokerIdThrows) {
  write_text("broker.id=abc\nversion=0\n");
  EXPECT_THROW(read_meta_properties(dir_.path()), std::runtime_error);
}

}  // namespace
}  // namespace kb::log
