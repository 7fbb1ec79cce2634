#include "brokerd/config/properties_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include "brokerd/config/config_error.h"

namespace kb::brokerd {

namespace {

struct natural_line {
  std::string_view text;
  int number = 0;
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

std::string_view skip_blanks(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && is_blank(s[i])) ++i;
  return s.substr(i);
}

std::vector<natural_line> split_natural_lines(std::string_view text) {
  std::vector<natural_line> lines;
  int number = 1;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') continue;
    lines.push_back({text.substr(start, i - start), number++});
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < text.size()) lines.push_back({text.substr(start), number});
  return lines;
}

size_t trailing_backslashes(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && s[s.size() - 1 - n] == '\\') ++n;
  return n;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The 4 hex digits of a \u escape starting at raw[i] (just after the 'u'); -1 if malformed.
int32_t read_hex4(std::string_view raw, size_t i) {
  if (i + 4 > raw.size()) return -1;
  int32_t unit = 0;
  for (size_t k = 0; k < 4; ++k) {
    int h = hex_value(raw[i + k]);
    if (h < 0) return -1;
    unit = unit * 16 + h;
  }
  return unit;
}

// Resolves escapes. With drop_trailing_blanks, unescaped trailing whitespace is removed.
std::string unescape(std::string_view raw, bool drop_trailing_blanks, const std::string& origin) {
  std::string out;
  size_t keep = 0;  // length of `out` up to its last significant character
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c != '\\' || i + 1 == raw.size()) {
      out += c;
      if (!is_blank(c)) keep = out.size();
      continue;
    }
    char e = raw[++i];
    switch (e) {
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        int32_t unit = read_hex4(raw, i + 1);
        if (unit < 0) throw config_error("Malformed \\uxxxx encoding at " + origin);
        i += 4;
        uint32_t cp = static_cast<uint32_t>(unit);
        // A UTF-16 surrogate pair written as two escapes becomes one code point.
        if (cp >= 0xD800 && cp < 0xDC00 && i + 2 < raw.size() && raw[i + 1] == '\\' && raw[i + 2] == 'u') {
          int32_t low = read_hex4(raw, i + 3);
          if (low >= 0xDC00 && low < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<uint32_t>(low) - 0xDC00);
            i += 6;
          }
        }
        append_utf8(out, cp);
        break;
      }
      default: out += e; break;
    }
    keep = out.size();
  }
  if (drop_trailing_blanks) out.resize(keep);
  return out;
}

property split_entry(std::string_view line, std::string origin) {
  size_t key_end = line.size();
  bool has_separator = false;
  bool escaped = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (escaped) {
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
    } else if (c == '=' || c == ':') {
      key_end = i;
      has_separator = true;
      break;
    } else if (is_blank(c)) {
      key_end = i;
      break;
    }
  }
  size_t v = has_separator ? key_end + 1 : key_end;
  while (v < line.size() && is_blank(line[v])) ++v;
  if (!has_separator && v < line.size() && (line[v] == '=' || line[v] == ':')) {
    ++v;
    while (v < line.size() && is_blank(line[v])) ++v;
  }
  property p;
  p.key = unescape(line.substr(0, key_end), false, origin);
  p.value = unescape(line.substr(v), true, origin);
  p.origin = std::move(origin);
  return p;
}

}  // namespace

std::vector<property> parse_properties(std::string_view text, const std::string& source_name) {
  std::vector<property> entries;
  std::vector<natural_line> lines = split_natural_lines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view first = skip_blanks(lines[i].text);
    if (first.empty() || first[0] == '#' || first[0] == '!') continue;
    const int number = lines[i].number;
    std::string logical;
    std::string_view part = first;
    while (trailing_backslashes(part) % 2 == 1) {
      logical.append(part.substr(0, part.size() - 1));
      if (i + 1 == lines.size()) {
        part = {};
        break;
      }
      part = skip_blanks(lines[++i].text);
    }
    logical.append(part);
    entries.push_back(split_entry(logical, source_name + ":" + std::to_string(number)));
  }
  return entries;
}

std::vector<property> read_properties_file(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw config_error("Cannot read config file " + name + ": it is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw config_error("Cannot read config file " + name + ": " + std::strerror(errno));
  std::string text;
  std::string line;
  int lines_read = 0;
  while (std::getline(in, line)) {
    ++lines_read;
    text += line;
    if (!in.eof()) text += '\n';
  }
  if (in.bad()) {
    throw config_error("Error reading config file " + name + " at line " + std::to_string(lines_read + 1) + ": " +
                       std::strerror(errno));
  }
  return parse_properties(text, name);
}

}  // namespace kb::brokerd
