// Kafka's value parsing (ConfigDef.parseType): Java integer syntax and ranges, booleans, trimming,
// comma lists; and the program_options hooks that apply it.
#include "brokerd/config/config_value.h"

#include <gtest/gtest.h>

#include <boost/program_options.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace kb::brokerd {
namespace {

namespace po = boost::program_options;

constexpr int64_t int_min = std::numeric_limits<int32_t>::min();
constexpr int64_t int_max = std::numeric_limits<int32_t>::max();

TEST(ConfigValueTest, JavaIntegerSyntax) {
  EXPECT_EQ(parse_java_integer("42", int_min, int_max), 42);
  EXPECT_EQ(parse_java_integer("-7", int_min, int_max), -7);
  EXPECT_EQ(parse_java_integer("+7", int_min, int_max), 7);
  EXPECT_EQ(parse_java_integer("  12 \t", int_min, int_max), 12);
  EXPECT_EQ(parse_java_integer("007", int_min, int_max), 7);
}

TEST(ConfigValueTest, JavaIntegerRejectsWhatParseIntRejects) {
  for (const char* bad : {"", " ", "+", "-", "abc", "1e3", "5.0", "0x10", "1 000", "1_000", "+-1", "--1", "12abc"}) {
    EXPECT_FALSE(parse_java_integer(bad, int_min, int_max).has_value()) << "'" << bad << "'";
  }
}

TEST(ConfigValueTest, JavaIntegerRangeIsChecked) {
  EXPECT_EQ(parse_java_integer("2147483647", int_min, int_max), int_max);
  EXPECT_FALSE(parse_java_integer("2147483648", int_min, int_max).has_value());
  EXPECT_EQ(parse_java_integer("-2147483648", int_min, int_max), int_min);
  EXPECT_FALSE(parse_java_integer("-2147483649", int_min, int_max).has_value());
  EXPECT_EQ(parse_java_integer("9223372036854775807", INT64_MIN, INT64_MAX), INT64_MAX);
  EXPECT_FALSE(parse_java_integer("9223372036854775808", INT64_MIN, INT64_MAX).has_value());
}

TEST(ConfigValueTest, JavaTrimRemovesControlCharacters) {
  EXPECT_EQ(java_trim(" \t\r\n x y \x01"), "x y");
  EXPECT_EQ(java_trim(""), "");
  EXPECT_EQ(java_trim("   "), "");
}

TEST(ConfigValueTest, KafkaListSplitsAtCommasAndKeepsEmptyEntries) {
  EXPECT_EQ(split_kafka_list(" a , b,c "), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(split_kafka_list("a,,b"), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_TRUE(split_kafka_list("   ").empty());
}

TEST(ConfigValueTest, CsvDropsEmptyEntries) {
  EXPECT_EQ(split_csv("/a, ,/b,,"), (std::vector<std::string>{"/a", "/b"}));
  EXPECT_TRUE(split_csv(",").empty());
}

// Runs a value through program_options as the parser does.
template <class T>
T stored(const std::string& text) {
  po::options_description desc;
  desc.add_options()("k", po::value<T>());
  po::parsed_options parsed(&desc);
  parsed.options.push_back(po::option("k", {text}));
  po::variables_map vm;
  po::store(parsed, vm);
  return vm["k"].as<T>();
}

TEST(ConfigValueTest, ProgramOptionsUsesKafkaTypes) {
  EXPECT_EQ(stored<kafka_int>(" 5 ").value, 5);
  EXPECT_EQ(stored<kafka_long>("-1").value, -1);
  EXPECT_EQ(stored<kafka_short>("3").value, 3);
  EXPECT_TRUE(stored<kafka_bool>("TRUE").value);
  EXPECT_FALSE(stored<kafka_bool>(" False ").value);
  EXPECT_EQ(stored<kafka_string>("  x  ").value, "x");
  EXPECT_EQ(stored<kafka_list>("delete, compact").value, (std::vector<std::string>{"delete", "compact"}));
}

TEST(ConfigValueTest, TypeErrorsUseKafkaWording) {
  auto reason = [](auto fn) {
    try {
      fn();
    } catch (const config_value_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(reason([] { stored<kafka_int>("abc"); }), "Not a number of type INT");
  EXPECT_EQ(reason([] { stored<kafka_int>("3000000000"); }), "Not a number of type INT");
  EXPECT_EQ(reason([] { stored<kafka_long>("1.5"); }), "Not a number of type LONG");
  EXPECT_EQ(reason([] { stored<kafka_short>("40000"); }), "Not a number of type SHORT");
  // Kafka accepts only true/false: not yes/no/1/0 as program_options' own bool would.
  for (const char* bad : {"yes", "1", "on", ""}) {
    EXPECT_EQ(reason([&] { stored<kafka_bool>(bad); }), "Expected value to be either true or false") << bad;
  }
}

}  // namespace
}  // namespace kb::brokerd
