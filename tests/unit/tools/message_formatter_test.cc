#include "brokerd/tools/message_formatter.h"

#include <gtest/gtest.h>

#include <sstream>

namespace kb::tools {
namespace {

consumed_record sample() {
  consumed_record r;
  r.partition = 2;
  r.offset = 42;
  r.timestamp_type = timestamp_kind::create_time;
  r.timestamp = 1714557600000;
  r.key = "k";
  r.value = "v";
  return r;
}

std::string format(const key_value_list& props, const consumed_record& r) {
  std::ostringstream out;
  message_formatter(props).write(r, out);
  return out.str();
}

TEST(MessageFormatterTest, DefaultIsTheValueAndANewline) {
  EXPECT_EQ(format({}, sample()), "v\n");
}

TEST(MessageFormatterTest, KeyWithSeparator) {
  EXPECT_EQ(format({{"print.key", "true"}}, sample()), "k\tv\n");
  EXPECT_EQ(format({{"print.key", "true"}, {"key.separator", ":"}}, sample()), "k:v\n");
}

TEST(MessageFormatterTest, AllColumnsInKafkasOrder) {
  consumed_record r = sample();
  r.headers = {{"h1", "x"}, {"h2", std::nullopt}};
  EXPECT_EQ(format({{"print.timestamp", "true"},
                    {"print.partition", "true"},
                    {"print.offset", "true"},
                    {"print.headers", "true"},
                    {"print.key", "true"}},
                   r),
            "CreateTime:1714557600000\tPartition:2\tOffset:42\th1:x,h2:null\tk\tv\n");
}

TEST(MessageFormatterTest, MissingPartsHaveKafkasPlaceholders) {
  consumed_record r = sample();
  r.timestamp_type = timestamp_kind::none;
  r.key.reset();
  r.value.reset();
  EXPECT_EQ(format({{"print.timestamp", "true"}, {"print.headers", "true"}, {"print.key", "true"}}, r),
            "NO_TIMESTAMP\tNO_HEADERS\tnull\tnull\n");
  EXPECT_EQ(format({{"print.key", "true"}, {"null.literal", "-"}}, r), "-\t-\n");
}

TEST(MessageFormatterTest, WithoutTheValueTheLastColumnEndsTheLine) {
  consumed_record r = sample();
  r.timestamp_type = timestamp_kind::log_append_time;
  EXPECT_EQ(format({{"print.value", "false"}, {"print.offset", "true"}, {"print.timestamp", "true"}}, r),
            "LogAppendTime:1714557600000\tOffset:42\n");
}

}  // namespace
}  // namespace kb::tools
