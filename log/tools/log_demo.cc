// log-demo DIR: writes a small partition log with the storage engine (a few batches, one of
// them gzip-compressed, with keys and a header) and closes it cleanly, so a learner can look
// at real segment files with ls and kafka-dump-log before the broker exists.
#include <chrono>
#include <iostream>
#include <string>

#include <glog/logging.h>

#include "log/partition_log.h"
#include "log/record_batch_builder.h"

int main(int argc, char** argv) {
  google::InitGoogleLogging(argv[0]);
  if (argc != 2) {
    std::cerr << "usage: log-demo DIR   (DIR is created, e.g. /tmp/demo/orders-0)\n";
    return 1;
  }
  using namespace kb::log;
  int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch()).count();
  try {
    open_options opts;
    opts.had_clean_shutdown = true;
    opts.now_ms = now;
    auto log = partition_log::open(argv[1], {"demo", 0}, log_config{}, opts);
    const char* codecs[] = {"none", "gzip", "none"};
    int n = 0;
    for (const char* name : codecs) {
      record_batch_builder b(parse_compression_type(name).value());
      for (int i = 0; i < 3; ++i, ++n) {
        b.add(now + n, "user-" + std::to_string(n % 2), "event " + std::to_string(n) + " (" + name + ")",
              {{"source", "log-demo"}});
      }
      auto bytes = b.build();
      auto r = log->append_as_leader(bytes, 0, now);
      if (!r) {
        std::cerr << "append failed: " << r.error().message() << "\n";
        return 1;
      }
    }
    std::cout << "wrote offsets 0.." << log->log_end_offset() - 1 << " to " << argv[1] << "\n";
    log->close();
  } catch (const std::exception& e) {
    std::cerr << "log-demo: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
