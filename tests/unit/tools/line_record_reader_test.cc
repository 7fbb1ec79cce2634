#include "brokerd/tools/line_record_reader.h"

#include <gtest/gtest.h>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

TEST(LineRecordReaderTest, ByDefaultTheWholeLineIsTheValueAndTheKeyIsNull) {
  line_record_reader reader({});
  const line_record r = reader.parse("a\tb:c");
  EXPECT_FALSE(r.key.has_value());
  EXPECT_EQ(r.value, "a\tb:c");
  EXPECT_TRUE(r.headers.empty());
  EXPECT_EQ(reader.parse("").value, "");  // an empty line is an empty value, not a null one
}

TEST(LineRecordReaderTest, ParseKeySplitsAtTheFirstSeparator) {
  line_record_reader reader({{"parse.key", "true"}, {"key.separator", ":"}});
  const line_record r = reader.parse("user-1:a:b");
  EXPECT_EQ(r.key, "user-1");
  EXPECT_EQ(r.value, "a:b");
  const line_record empty_key = reader.parse(":v");
  EXPECT_EQ(empty_key.key, "");
  EXPECT_EQ(empty_key.value, "v");
}

TEST(LineRecordReaderTest, DefaultKeySeparatorIsATab) {
  line_record_reader reader(key_value_list{{"parse.key", "TRUE"}});
  const line_record r = reader.parse("k\tv");
  EXPECT_EQ(r.key, "k");
  EXPECT_EQ(r.value, "v");
}

TEST(LineRecordReaderTest, MissingSeparatorFailsWithTheLineNumber) {
  line_record_reader reader({{"parse.key", "true"}, {"key.separator", ":"}});
  reader.parse("a:1");
  try {
    reader.parse("no separator");
    FAIL() << "expected an error";
  } catch (const command_error& e) {
    EXPECT_STREQ(e.what(), "No key separator found on line number 2: 'no separator'");
  }
}

TEST(LineRecordReaderTest, IgnoreErrorGivesANullKey) {
  line_record_reader reader({{"parse.key", "true"}, {"key.separator", ":"}, {"ignore.error", "true"}});
  const line_record r = reader.parse("plain");
  EXPECT_FALSE(r.key.has_value());
  EXPECT_EQ(r.value, "plain");
}

TEST(LineRecordReaderTest, NullMarkerMakesKeysAndValuesNull) {
  line_record_reader reader({{"parse.key", "true"}, {"key.separator", ":"}, {"null.marker", "<null>"}});
  const line_record r = reader.parse("<null>:<null>");
  EXPECT_FALSE(r.key.has_value());
  EXPECT_FALSE(r.value.has_value());
}

TEST(LineRecordReaderTest, HeadersComeBeforeTheKey) {
  line_record_reader reader({{"parse.headers", "true"}, {"parse.key", "true"}});
  const line_record r = reader.parse("h1:v1,h2:v2\tkey\tvalue");
  ASSERT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.headers[0].first, "h1");
  EXPECT_EQ(r.headers[0].second, "v1");
  EXPECT_EQ(r.headers[1].first, "h2");
  EXPECT_EQ(r.headers[1].second, "v2");
  EXPECT_EQ(r.key, "key");
  EXPECT_EQ(r.value, "value");
}

TEST(LineRecordReaderTest, ContradictorySeparatorsAreRefused) {
  EXPECT_THROW(line_record_reader(key_value_list{{"headers.delimiter", ","}}), command_error);
  EXPECT_THROW(line_record_reader(key_value_list{{"null.marker", "\t"}}), command_error);
}

}  // namespace
}  // namespace kb::tools
