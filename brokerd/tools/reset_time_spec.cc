#include "brokerd/tools/reset_time_spec.h"

#include <cctype>
#include <optional>
#include <regex>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

// A SimpleDateFormat-style reader over one string: numeric fields take every digit there is
// (no two numeric fields of the patterns abut), literals must match exactly.
class date_reader {
 public:
  explicit date_reader(const std::string& s) : s_(s) {}

  std::optional<int64_t> number() {
    size_t end = pos_;
    while (end < s_.size() && std::isdigit(static_cast<unsigned char>(s_[end])) && end - pos_ < 18) ++end;
    if (end == pos_) return std::nullopt;
    const int64_t value = std::stoll(s_.substr(pos_, end - pos_));
    pos_ = end;
    return value;
  }
  bool literal(char c) {
    if (pos_ >= s_.size() || s_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  // Exactly two digits (the hours and minutes of a numeric zone).
  std::optional<int> two_digits() {
    if (pos_ + 2 > s_.size() || !std::isdigit(static_cast<unsigned char>(s_[pos_])) ||
        !std::isdigit(static_cast<unsigned char>(s_[pos_ + 1]))) {
      return std::nullopt;
    }
    const int v = (s_[pos_] - '0') * 10 + (s_[pos_ + 1] - '0');
    pos_ += 2;
    return v;
  }
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }

 private:
  const std::string& s_;
  size_t pos_ = 0;
};

bool leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int64_t days_in_month(int64_t y, int64_t m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// "yyyy-MM-dd'T'HH:mm:ss.SSS" then the zone: XXX ("Z" or "+hh:mm") when `colon_zone`, else X
// ("Z" or "+hh"). Non-lenient: every field within its range.
std::optional<int64_t> parse_with(const std::string& s, bool colon_zone) {
  date_reader r(s);
  auto year = r.number();
  if (!year || !r.literal('-')) return std::nullopt;
  auto month = r.number();
  if (!month || !r.literal('-')) return std::nullopt;
  auto day = r.number();
  if (!day || !r.literal('T')) return std::nullopt;
  auto hour = r.number();
  if (!hour || !r.literal(':')) return std::nullopt;
  auto minute = r.number();
  if (!minute || !r.literal(':')) return std::nullopt;
  auto second = r.number();
  if (!second || !r.literal('.')) return std::nullopt;
  auto millis = r.number();
  if (!millis) return std::nullopt;
  int64_t zone_minutes = 0;
  if (!r.literal('Z')) {
    const char sign = r.peek();
    if (sign != '+' && sign != '-') return std::nullopt;
    r.literal(sign);
    auto hh = r.two_digits();
    if (!hh || *hh > 23) return std::nullopt;
    int mm = 0;
    if (colon_zone) {
      if (!r.literal(':')) return std::nullopt;
      auto m = r.two_digits();
      if (!m || *m > 59) return std::nullopt;
      mm = *m;
    }
    zone_minutes = (sign == '-' ? -1 : 1) * (*hh * 60 + mm);
  }
  if (*year < 1 || *month < 1 || *month > 12 || *day < 1 || *day > days_in_month(*year, *month) || *hour > 23 ||
      *minute > 59 || *second > 59 || *millis > 999) {
    return std::nullopt;
  }
  const int64_t days = days_from_civil(*year, *month, *day);
  return ((days * 24 + *hour) * 60 + *minute - zone_minutes) * 60000 + *second * 1000 + *millis;
}

}  // namespace

int64_t parse_reset_datetime(const std::string& text) {
  // Java's split("T") drops trailing empty pieces: the 'T' must have something after it.
  const size_t t = text.find('T');
  if (t == std::string::npos || text.find_first_not_of('T', t) == std::string::npos) {
    throw command_error("Error parsing timestamp. It does not contain a 'T' according to ISO8601 format");
  }
  std::string timestamp = text;
  const size_t next_t = text.find('T', t + 1);
  const std::string second_part = text.substr(t + 1, next_t == std::string::npos ? std::string::npos : next_t - t - 1);
  if (second_part.find_first_of("+-Z") == std::string::npos) timestamp += "Z";
  if (auto ms = parse_with(timestamp, true)) return *ms;
  if (auto ms = parse_with(timestamp, false)) return *ms;
  throw command_error("Unparseable date: \"" + timestamp + "\"");
}

std::chrono::nanoseconds parse_java_duration(const std::string& text) {
  static const std::regex pattern(
      "([-+]?)P(?:([-+]?[0-9]+)D)?(T(?:([-+]?[0-9]+)H)?(?:([-+]?[0-9]+)M)?(?:([-+]?[0-9]+)(?:[.,]([0-9]{0,9}))?S)?)?",
      std::regex::ECMAScript | std::regex::icase);
  std::smatch m;
  const auto fail = [] { return command_error("Text cannot be parsed to a Duration"); };
  if (!std::regex_match(text, m, pattern)) throw fail();
  const bool t_alone = m[3].matched && !m[4].matched && !m[5].matched && !m[6].matched;
  if ((!m[2].matched && !m[4].matched && !m[5].matched && !m[6].matched) || t_alone) throw fail();
  try {
    using std::chrono::nanoseconds;
    const auto component = [&](int group, int64_t unit_seconds) -> __int128 {
      if (!m[group].matched) return 0;
      return static_cast<__int128>(std::stoll(m[group].str())) * unit_seconds * 1000000000;
    };
    __int128 total = component(2, 86400) + component(4, 3600) + component(5, 60) + component(6, 1);
    if (m[7].matched && m[7].length() > 0) {
      std::string fraction = m[7].str();
      fraction.resize(9, '0');
      const int64_t nanos = std::stoll(fraction);
      total += m[6].str().front() == '-' ? -nanos : nanos;
    }
    if (m[1].str() == "-") total = -total;
    if (total > INT64_MAX || total < INT64_MIN) throw fail();
    return nanoseconds(static_cast<int64_t>(total));
  } catch (const std::out_of_range&) {
    throw fail();
  }
}

int64_t timestamp_before(std::chrono::system_clock::time_point now, std::chrono::nanoseconds duration) {
  const auto since_epoch = std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()) - duration;
  return std::chrono::floor<std::chrono::milliseconds>(since_epoch).count();
}

}  // namespace kb::tools
