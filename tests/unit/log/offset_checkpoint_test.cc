// Kafka's offset checkpoint files ("0\n<count>\n<topic> <partition> <offset>\n..."): exact text,
// round trips, and rejection of malformed files.
#include "log/offset_checkpoint.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>

#include "tests/support/temp_dir.h"

namespace kb::log {
namespace {

class OffsetCheckpointTest : public ::testing::Test {
 protected:
  std::filesystem::path file() const { return dir_.path() / "recovery-point-offset-checkpoint"; }

  void write_text(const std::string& text) const {
    std::ofstream out(file(), std::ios::binary | std::ios::trunc);
    out << text;
  }

  std::string read_text() const {
    std::ifstream in(file(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

  void expect_malformed(const std::string& text) const {
    write_text(text);
    EXPECT_THROW(read_offset_checkpoint(file()), std::runtime_error) << "file text:\n" << text;
  }

  kb::test::temp_dir dir_;
};

TEST_F(OffsetCheckpointTest, WriteThenReadRoundTrips) {
  const offset_map offsets = {
      {{"orders", 0}, 5}, {{"orders", 1}, 1'234'567'890'123}, {{"payments", 7}, 0}};
  write_offset_checkpoint(file(), offsets);
  EXPECT_EQ(read_offset_checkpoint(file()), offsets);
}

TEST_F(OffsetCheckpointTest, FileTextMatchesKafkaFormat) {
  const offset_map offsets = {{{"topic", 1}, 7}, {{"topic", 0}, 5}, {{"alpha", 3}, 42}};
  write_offset_checkpoint(file(), offsets);
  // Version, count, then one "<topic> <partition> <offset>" line per entry, in map order.
  EXPECT_EQ(read_text(), "0\n3\nalpha 3 42\ntopic 0 5\ntopic 1 7\n");
}

TEST_F(OffsetCheckpointTest, TwoEntryFileText) {
  write_offset_checkpoint(file(), {{{"topic", 0}, 5}, {{"topic", 1}, 9}});
  EXPECT_EQ(read_text(), "0\n2\ntopic 0 5\ntopic 1 9\n");
}

TEST_F(OffsetCheckpointTest, EmptyMapWritesZeroCount) {
  write_offset_checkpoint(file(), {});
  EXPECT_EQ(read_text(), "0\n0\n");
  EXPECT_TRUE(read_offset_checkpoint(file()).empty());
}

TEST_F(OffsetCheckpointTest, MissingFileReadsAsEmpty) {
  EXPECT_TRUE(read_offset_checkpoint(file()).empty());
}

// A file that exists but cannot be read (EIO on a failing disk; here EISDIR) is the dir
// failing, not an empty checkpoint: reading it as empty would lose the log start offsets.
TEST_F(OffsetCheckpointTest, AnUnreadableFileIsAnIoError) {
  std::filesystem::create_directory(file());
  EXPECT_THROW(read_offset_checkpoint(file()), std::system_error);
}

TEST_F(OffsetCheckpointTest, ReadsFileWrittenByHand) {
  write_text("0\n2\nfoo 0 10\nbar 3 20\n");
  const offset_map expected = {{{"foo", 0}, 10}, {{"bar", 3}, 20}};
  EXPECT_EQ(read_offset_checkpoint(file()), expected);
}

TEST_F(OffsetCheckpointTest, ReadsFileWithoutFinalNewline) {
  write_text("0\n1\nfoo 0 10");
  const offset_map expected = {{{"foo", 0}, 10}};
  EXPECT_EQ(read_offset_checkpoint(file()), expected);
}

TEST_F(OffsetCheckpointTest, TopicsWithDashAndDotRoundTrip) {
  const offset_map offsets = {{{"my-topic", 0}, 1},
                              {{"my.topic", 0}, 2},
                              {{"a-b.c_d", 12}, 3},
                              {{"__consumer_offsets", 49}, 4},
                              {{"-", 0}, 5},
                              {{".x.", 1}, 6}};
  write_offset_checkpoint(file(), offsets);
  EXPECT_EQ(read_offset_checkpoint(file()), offsets);
}

TEST_F(OffsetCheckpointTest, RewriteReplacesPreviousContents) {
  write_offset_checkpoint(file(), {{{"a", 0}, 1}, {{"b", 0}, 2}});
  write_offset_checkpoint(file(), {{{"c", 0}, 3}});
  const offset_map expected = {{{"c", 0}, 3}};
  EXPECT_EQ(read_offset_checkpoint(file()), expected);
  EXPECT_EQ(read_text(), "0\n1\nc 0 3\n");
}

TEST_F(OffsetCheckpointTest, WriteLeavesNoTemporaryFile) {
  write_offset_checkpoint(file(), {{{"a", 0}, 1}});
  int entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir_.path())) {
    ++entries;
    EXPECT_EQ(e.path().filename(), file().filename()) << e.path().string();
  }
  EXPECT_EQ(entries, 1);
}

TEST_F(OffsetCheckpointTest, RejectsUnknownVersion) { expect_malformed("1\n0\n"); }

TEST_F(OffsetCheckpointTest, RejectsNonNumericVersion) { expect_malformed("v0\n0\n"); }

TEST_F(OffsetCheckpointTest, RejectsNonNumericCount) { expect_malformed("0\ntwo\nfoo 0 1\nfoo 1 2\n"); }

TEST_F(OffsetCheckpointTest, RejectsCountWithTrailingCharacters) {
  expect_malformed("0\n2x\nfoo 0 1\nfoo 1 2\n");
}

TEST_F(OffsetCheckpointTest, RejectsFewerEntriesThanCount) { expect_malformed("0\n3\nfoo 0 1\nfoo 1 2\n"); }

TEST_F(OffsetCheckpointTest, RejectsMoreEntriesThanCount) {
  // Kafka's CheckpointFile reads every line and fails when the number differs from the count.
  expect_malformed("0\n1\nfoo 0 1\nfoo 1 2\n");
}

TEST_F(OffsetCheckpointTest, RejectsNonNumericOffset) { expect_malformed("0\n1\nfoo 0 abc\n"); }

TEST_F(OffsetCheckpointTest, RejectsOffsetWithTrailingCharacters) { expect_malformed("0\n1\nfoo 0 12x\n"); }

TEST_F(OffsetCheckpointTest, RejectsNonNumericPartition) { expect_malformed("0\n1\nfoo p 1\n"); }

TEST_F(OffsetCheckpointTest, RejectsMissingField) { expect_malformed("0\n1\nfoo 0\n"); }

TEST_F(OffsetCheckpointTest, RejectsExtraField) { expect_malformed("0\n1\nfoo 0 1 2\n"); }

TEST_F(OffsetCheckpointTest, RejectsEmptyEntryLine) { expect_malformed("0\n1\n\n"); }

TEST_F(OffsetCheckpointTest, ErrorNamesTheFile) {
  write_text("7\n0\n");
  try {
    read_offset_checkpoint(file());
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(file().string()), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace kb::log
