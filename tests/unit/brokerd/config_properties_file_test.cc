// Java .properties syntax as java.util.Properties.load reads it (the format of server.properties),
// and the file reader's errors.
#include "brokerd/config/properties_file.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "brokerd/config/config_error.h"
#include "tests/support/temp_dir.h"

namespace kb::brokerd {
namespace {

std::vector<property> parse(std::string_view text) { return parse_properties(text, "t.properties"); }

// One entry expected; returns it.
property single(std::string_view text) {
  auto entries = parse(text);
  EXPECT_EQ(entries.size(), 1u) << text;
  return entries.empty() ? property{} : entries.front();
}

TEST(ConfigPropertiesFileTest, EqualsColonAndWhitespaceSeparators) {
  auto entries = parse("a=1\nb:2\nc 3\nd\t4\ne = 5\nf : 6\ng   =   7\n");
  ASSERT_EQ(entries.size(), 7u);
  const char* keys[] = {"a", "b", "c", "d", "e", "f", "g"};
  for (size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].key, keys[i]);
    EXPECT_EQ(entries[i].value, std::to_string(i + 1));
  }
}

TEST(ConfigPropertiesFileTest, OnlyTheFirstSeparatorCounts) {
  EXPECT_EQ(single("a=b=c").value, "b=c");
  EXPECT_EQ(single("a:b:c").value, "b:c");
  EXPECT_EQ(single("a b=c").value, "b=c");
  // Whitespace then '=' is one separator; a second '=' belongs to the value.
  EXPECT_EQ(single("a = =c").value, "=c");
  EXPECT_EQ(single("listeners=PLAINTEXT://:9092").value, "PLAINTEXT://:9092");
}

TEST(ConfigPropertiesFileTest, CommentsAndBlankLinesAreSkipped) {
  auto entries = parse("# comment\n! also a comment\n\n   \n\t# indented comment\na=1\n");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].key, "a");
}

TEST(ConfigPropertiesFileTest, HashInsideAValueIsNotAComment) {
  EXPECT_EQ(single("a=1 # not a comment").value, "1 # not a comment");
}

TEST(ConfigPropertiesFileTest, WhitespaceIsTrimmed) {
  property p = single("   key   =   value with spaces   \t");
  EXPECT_EQ(p.key, "key");
  EXPECT_EQ(p.value, "value with spaces");
}

TEST(ConfigPropertiesFileTest, KeyWithoutValueHasEmptyValue) {
  property p = single("lonely");
  EXPECT_EQ(p.key, "lonely");
  EXPECT_EQ(p.value, "");
  EXPECT_EQ(single("k=").value, "");
}

TEST(ConfigPropertiesFileTest, BackslashContinuesTheLine) {
  property p = single("listeners=PLAINTEXT://a:1,\\\n    INTERNAL://b:2\n");
  EXPECT_EQ(p.value, "PLAINTEXT://a:1,INTERNAL://b:2");
}

TEST(ConfigPropertiesFileTest, SeveralContinuationsJoin) {
  EXPECT_EQ(single("k=a\\\n b\\\n\t c\n").value, "abc");
}

TEST(ConfigPropertiesFileTest, EvenBackslashesDoNotContinue) {
  auto entries = parse("a=x\\\\\nb=y\n");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].value, "x\\");
  EXPECT_EQ(entries[1].value, "y");
}

TEST(ConfigPropertiesFileTest, ContinuationLineStartingWithHashIsContent) {
  EXPECT_EQ(single("k=a\\\n#b\n").value, "a#b");
}

TEST(ConfigPropertiesFileTest, CommentLineIsNeverContinued) {
  auto entries = parse("# comment \\\na=1\n");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].key, "a");
}

TEST(ConfigPropertiesFileTest, BackslashAtEndOfFileIsDropped) {
  EXPECT_EQ(single("k=v\\").value, "v");
}

TEST(ConfigPropertiesFileTest, EmptyContinuationLineEndsTheEntry) {
  auto entries = parse("a=1\\\n\nb=2\n");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].value, "1");
  EXPECT_EQ(entries[1].key, "b");
}

TEST(ConfigPropertiesFileTest, CrLfAndCrLineEndings) {
  auto entries = parse("a=1\r\nb=2\rc=3");
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].value, "1");
  EXPECT_EQ(entries[1].value, "2");
  EXPECT_EQ(entries[2].value, "3");
  EXPECT_EQ(entries[2].origin, "t.properties:3");
}

TEST(ConfigPropertiesFileTest, EscapesInKeysAndValues) {
  property p = single("a\\=b\\:c\\ d=x\\ty\\nz\\\\w\\#");
  EXPECT_EQ(p.key, "a=b:c d");
  EXPECT_EQ(p.value, "x\ty\nz\\w#");
}

TEST(ConfigPropertiesFileTest, EscapedTrailingSpaceIsKept) {
  EXPECT_EQ(single("k=v\\ ").value, "v ");
}

TEST(ConfigPropertiesFileTest, UnicodeEscapesBecomeUtf8) {
  EXPECT_EQ(single("k=caf\\u00e9").value, "caf\xC3\xA9");
  EXPECT_EQ(single("k=\\ud83d\\ude00").value, "\xF0\x9F\x98\x80");
}

TEST(ConfigPropertiesFileTest, MalformedUnicodeEscapeNamesTheLine) {
  try {
    parse("a=1\nb=\\u12G4\n");
    FAIL() << "expected config_error";
  } catch (const config_error& e) {
    EXPECT_NE(std::string(e.what()).find("t.properties:2"), std::string::npos) << e.what();
  }
}

TEST(ConfigPropertiesFileTest, DuplicatesAreKeptInOrder) {
  auto entries = parse("a=1\nb=2\na=3\n");
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[2].key, "a");
  EXPECT_EQ(entries[2].value, "3");
}

TEST(ConfigPropertiesFileTest, OriginIsFileAndFirstLineOfTheEntry) {
  auto entries = parse("# header\n\na=1\nb=x\\\n  y\nc=3\n");
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].origin, "t.properties:3");
  EXPECT_EQ(entries[1].origin, "t.properties:4");
  EXPECT_EQ(entries[2].origin, "t.properties:6");
}

TEST(ConfigPropertiesFileTest, EmptyTextHasNoEntries) {
  EXPECT_TRUE(parse("").empty());
  EXPECT_TRUE(parse("\n\n# only comments\n").empty());
}

TEST(ConfigPropertiesFileTest, ReadsAFile) {
  kb::test::temp_dir dir;
  auto path = dir.path() / "server.properties";
  std::ofstream(path) << "# sample\nbroker.id=7\nlog.dirs=/data/a,/data/b\n";
  auto entries = read_properties_file(path);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].key, "broker.id");
  EXPECT_EQ(entries[0].value, "7");
  EXPECT_EQ(entries[1].origin, path.string() + ":3");
}

TEST(ConfigPropertiesFileTest, FileWithoutFinalNewline) {
  kb::test::temp_dir dir;
  auto path = dir.path() / "p.properties";
  std::ofstream(path) << "a=1\nb=2";
  auto entries = read_properties_file(path);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].value, "2");
}

TEST(ConfigPropertiesFileTest, MissingFileErrorNamesTheFile) {
  kb::test::temp_dir dir;
  auto path = dir.path() / "nope.properties";
  try {
    read_properties_file(path);
    FAIL() << "expected config_error";
  } catch (const config_error& e) {
    std::string what = e.what();
    EXPECT_NE(what.find(path.string()), std::string::npos) << what;
    EXPECT_NE(what.find("No such file"), std::string::npos) << what;
  }
}

TEST(ConfigPropertiesFileTest, DirectoryErrorNamesTheFile) {
  kb::test::temp_dir dir;
  try {
    read_properties_file(dir.path());
    FAIL() << "expected config_error";
  } catch (const config_error& e) {
    EXPECT_NE(std::string(e.what()).find(dir.path().string()), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace kb::brokerd
