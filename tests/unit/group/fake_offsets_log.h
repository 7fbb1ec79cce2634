#pragma once

// fake_offsets_log: the coordinator's __consumer_offsets without a broker. Appends are kept
// as written; in `auto_complete` mode each is answered at once with `next_outcome` (NONE by
// default) at consecutive offsets, otherwise they wait in `pending` until the test calls
// complete(). Reads return `stored[partition]`, at once or, with `hold_reads`, when the test
// calls finish_reads(); the first `failing_reads` reads fail.

#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "brokerd/group/offsets_log.h"

namespace kb::group::test {

class fake_offsets_log final : public offsets_log {
 public:
  struct append_call {
    int32_t partition;
    std::vector<offsets_record> records;
    int64_t timestamp_ms;
    std::function<void(append_outcome)> done;
  };

  bool auto_complete = true;
  protocol::error_code next_outcome = protocol::error_code::none;
  bool hold_reads = false;
  int failing_reads = 0;  // this many reads fail (no log) before reads succeed

  std::vector<append_call> appended;   // every append, in order (done moved out once answered)
  std::vector<size_t> pending;         // indexes into `appended` not yet answered
  std::map<int32_t, std::vector<offsets_record>> stored;  // what each partition holds

  void append(int32_t partition, std::vector<offsets_record> records, int64_t timestamp_ms,
              std::function<void(append_outcome)> done) override {
    appended.push_back({partition, std::move(records), timestamp_ms, std::move(done)});
    pending.push_back(appended.size() - 1);
    if (auto_complete) complete(next_outcome);
  }

  // Answers the oldest pending append with `error`; on success its records are stored.
  void complete(protocol::error_code error = protocol::error_code::none) {
    if (pending.empty()) return;
    const size_t i = pending.front();
    pending.erase(pending.begin());
    append_outcome outcome{error, -1};
    if (error == protocol::error_code::none) {
      auto& log = stored[appended[i].partition];
      outcome.base_offset = static_cast<int64_t>(log.size());
      for (auto r : appended[i].records) {
        r.offset = static_cast<int64_t>(log.size());
        log.push_back(std::move(r));
      }
    }
    auto done = std::move(appended[i].done);
    done(outcome);
  }

  void read(int32_t partition, std::function<void(read_result)> done) override {
    reads.push_back({partition, std::move(done)});
    if (!hold_reads) finish_reads();
  }

  void finish_reads() {
    auto waiting = std::move(reads);
    reads.clear();
    for (auto& r : waiting) {
      if (failing_reads > 0) {
        --failing_reads;
        r.done(std::nullopt);
      } else {
        r.done(stored[r.partition]);
      }
    }
  }

 private:
  struct read_call {
    int32_t partition;
    std::function<void(read_result)> done;
  };
  std::vector<read_call> reads;
};

}  // namespace kb::group::test
