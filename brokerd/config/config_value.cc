#include "brokerd/config/config_value.h"

#include <boost/program_options/value_semantic.hpp>
#include <cctype>
#include <charconv>
#include <limits>

namespace kb::brokerd {

namespace po = boost::program_options;

std::string_view java_trim(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && static_cast<unsigned char>(text[begin]) <= ' ') ++begin;
  while (end > begin && static_cast<unsigned char>(text[end - 1]) <= ' ') --end;
  return text.substr(begin, end - begin);
}

std::optional<int64_t> parse_java_integer(std::string_view text, int64_t min, int64_t max) {
  text = java_trim(text);
  // std::from_chars takes a leading '-' but not '+'; Java takes both, then digits only.
  if (!text.empty() && text[0] == '+') {
    text.remove_prefix(1);
    if (!text.empty() && text[0] == '-') return std::nullopt;
  }
  if (text.empty() || text == "-") return std::nullopt;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (value < min || value > max) return std::nullopt;
  return value;
}

namespace {

// Splits at commas; each piece trimmed of spaces and tabs around the comma (Kafka splits on
// the regex "\s*,\s*" after trimming the whole value).
std::vector<std::string> split_commas(std::string_view text) {
  std::vector<std::string> parts;
  text = java_trim(text);
  if (text.empty()) return parts;
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  size_t start = 0;
  while (true) {
    size_t comma = text.find(',', start);
    std::string_view piece = text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!piece.empty() && is_space(piece.front())) piece.remove_prefix(1);
    while (!piece.empty() && is_space(piece.back())) piece.remove_suffix(1);
    parts.emplace_back(piece);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return parts;
}

const std::string& single_token(const boost::any& out, const std::vector<std::string>& tokens) {
  po::validators::check_first_occurrence(out);
  return po::validators::get_single_string(tokens);
}

template <class T>
T parse_number(const std::vector<std::string>& tokens, const boost::any& out, const char* type_name) {
  const std::string& text = single_token(out, tokens);
  auto value = parse_java_integer(text, std::numeric_limits<T>::min(), std::numeric_limits<T>::max());
  if (!value) throw config_value_error(std::string("Not a number of type ") + type_name);
  return static_cast<T>(*value);
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> split_kafka_list(std::string_view text) { return split_commas(text); }

std::vector<std::string> split_csv(std::string_view text) {
  std::vector<std::string> parts = split_commas(text);
  std::erase_if(parts, [](const std::string& p) { return p.empty(); });
  return parts;
}

void validate(boost::any& out, const std::vector<std::string>& tokens, kafka_int*, int) {
  out = kafka_int{parse_number<int32_t>(tokens, out, "INT")};
}

void validate(boost::any& out, const std::vector<std::string>& tokens, kafka_long*, int) {
  out = kafka_long{parse_number<int64_t>(tokens, out, "LONG")};
}

void validate(boost::any& out, const std::vector<std::string>& tokens, kafka_short*, int) {
  out = kafka_short{parse_number<int16_t>(tokens, out, "SHORT")};
}

void validate(boost::any& out, const std::vector<std::string>& tokens, kafka_bool*, int) {
  std::string_view text = java_trim(single_token(out, tokens));
  if (equals_ignore_case(text, "true")) {
    out = kafka_bool{true};
  } else if (equals_ignore_case(text, "false")) {
    out = kafka_bool{false};
  } else {
    throw config_value_error("Expected value to be either true or false");
  }
}

void validate(boost::any& out, const std::vector<std::string>& tokens, kafka_string*, int) {
  out = kafka_string{std::string(java_trim(single_token(out, tokens)))};
}

void validate(boost::any& out, const std::vector<std::string>& tokens, kafka_list*, int) {
  out = kafka_list{split_kafka_list(single_token(out, tokens))};
}

}  // namespace kb::brokerd
