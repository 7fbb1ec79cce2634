#pragma once

// Reader for Java .properties files (java.util.Properties.load), the format of Kafka's
// server.properties:
//   * a logical line is one or more natural lines (ended by \n, \r or \r\n) joined where a
//     line ends in an odd number of backslashes; the continuation's leading whitespace is dropped;
//   * blank lines and lines whose first non-whitespace character is '#' or '!' are ignored
//     (a comment line is never continued);
//   * the key runs to the first unescaped '=', ':' or whitespace; the separator is optional
//     whitespace, at most one '=' or ':', optional whitespace; the value is the rest of the line;
//   * escapes: \t \n \r \f, \uXXXX (written out as UTF-8); any other escaped character stands
//     for itself (\= \: \# \! \\ and "\ " for a space);
//   * unlike Java, unescaped trailing whitespace of a value is dropped: Kafka trims every value
//     it reads, so the result is the same and the entries print cleanly.
// Keys are kept in file order and duplicates are kept too; the consumer decides (for the broker
// config the later one wins, as in Properties).

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kb::brokerd {

struct property {
  std::string key;
  std::string value;
  // Where the entry came from, for error messages: "<file>:<line>" or "--override".
  std::string origin;
};

// Parses properties text. `source_name` prefixes each entry's origin ("<source_name>:<line>",
// line numbers 1-based, the first natural line of the logical line). Throws config_error only
// for a malformed \uXXXX escape.
std::vector<property> parse_properties(std::string_view text, const std::string& source_name);

// Reads and parses a file. Throws config_error naming the file (and for read failures the line
// reached) when it cannot be opened or read.
std::vector<property> read_properties_file(const std::filesystem::path& path);

}  // namespace kb::brokerd
