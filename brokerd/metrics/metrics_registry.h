#pragma once

#include <string>
#include <vector>

#include "brokerd/metrics/prometheus_writer.h"

namespace kb::metrics {

// Something that reports metrics when scraped.
class metrics_source {
 public:
  virtual ~metrics_source() = default;
  virtual void collect(prometheus_writer& out) const = 0;
};

// The sources of one broker. Sources must outlive the registry.
class metrics_registry {
 public:
  void add(const metrics_source& source) { sources_.push_back(&source); }
  // Every source's metrics in the Prometheus text format.
  std::string scrape() const {
    prometheus_writer out;
    for (const metrics_source* s : sources_) s->collect(out);
    return out.text();
  }

 private:
  std::vector<const metrics_source*> sources_;
};

}  // namespace kb::metrics
