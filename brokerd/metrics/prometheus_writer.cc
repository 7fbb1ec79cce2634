#include "brokerd/metrics/prometheus_writer.h"

#include <charconv>
#include <cmath>

namespace kb::metrics {
namespace {

// Label values escape backslash, double quote and newline; HELP text backslash and newline.
std::string escaped(std::string_view s, bool quote) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '"' && quote) out += "\\\"";
    else out += c;
  }
  return out;
}

std::string number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);  // shortest form that reads back exactly
  return ec == std::errc{} ? std::string(buf, end) : "NaN";
}

}  // namespace

void prometheus_writer::sample(std::string_view name, std::string_view help, std::string_view type, const labels& l,
                               double value) {
  auto it = families_.find(name);
  if (it == families_.end()) it = families_.emplace(std::string(name), family{std::string(help), std::string(type), {}}).first;
  std::string line(name);
  if (!l.empty()) {
    line += '{';
    for (size_t i = 0; i < l.size(); ++i) {
      if (i) line += ',';
      line += l[i].first + "=\"" + escaped(l[i].second, true) + '"';
    }
    line += '}';
  }
  line += ' ';
  line += number(value);
  it->second.samples.push_back(std::move(line));
}

void prometheus_writer::gauge(std::string_view name, std::string_view help, double value, const labels& l) {
  sample(name, help, "gauge", l, value);
}

void prometheus_writer::counter(std::string_view name, std::string_view help, double value, const labels& l) {
  sample(name, help, "counter", l, value);
}

void prometheus_writer::percentiles(std::string_view name, std::string_view help, const latency_histogram& h,
                                    const labels& l) {
  static constexpr std::pair<const char*, double> kafkas[] = {
      {"0.50", 0.50}, {"0.75", 0.75}, {"0.95", 0.95}, {"0.98", 0.98}, {"0.99", 0.99}, {"0.999", 0.999}};
  for (const auto& [label, q] : kafkas) {
    labels with = l;
    with.emplace_back("quantile", label);
    gauge(name, help, h.quantile_ms(q), with);
  }
  counter(std::string(name) + "_count", help, static_cast<double>(h.count()), l);
}

std::string prometheus_writer::text() const {
  std::string out;
  for (const auto& [name, f] : families_) {
    out += "# HELP " + name + ' ' + escaped(f.help, false) + '\n';
    out += "# TYPE " + name + ' ' + f.type + '\n';
    for (const auto& s : f.samples) out += s + '\n';
  }
  return out;
}

}  // namespace kb::metrics
