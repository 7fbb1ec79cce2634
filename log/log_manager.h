#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <unordered_map>
#include <vector>

#include "log/log_config.h"
#include "log/log_dir_failure_listener.h"
#include "log/log_dir_lock.h"
#include "log/meta_properties.h"
#include "log/offset_checkpoint.h"
#include "log/partition_log.h"

namespace kb::log {

// Kafka's LeaderAndIsr isNew, which we infer from when the broker learnt of the replica.
enum class replica_age {
  // Assigned to this broker when it started: its log may be in any dir, a failed one too.
  existing,
  // Assigned since (a new topic or partition, a reassignment): it has no log here, unless it
  // was moved away and back while a dir that failed at startup held it; that stale copy then
  // stops the next start as a duplicate, to be deleted by hand (Kafka refuses likewise).
  new_since_startup,
};

// Every partition log of a broker across its log.dirs (Kafka's LogManager): loading and
// recovery at startup, creation in the least-loaded dir, deletion, the per-dir checkpoint
// files and clean-shutdown marker, and the periodic retention and flush passes (the caller
// schedules them). An I/O error in a dir (an append, a flush, a checkpoint) takes every log
// in it offline for good and is passed on to `failures` (Kafka's LogDirFailureChannel); an
// offline dir gets no new logs, checkpoints or clean-shutdown marker, so the next start
// recovers it. A dir can also fail at startup, before or while its logs load: then which
// partitions it holds is unknown, and a replica that may be among them gets an offline
// placeholder instead of a new, empty log (get_or_create). Not thread-safe.
class log_manager : private log_dir_failure_listener {
 public:
  using config_lookup = std::function<log_config(const topic_partition&)>;
  using high_watermark_lookup = std::function<int64_t(const topic_partition&)>;

  log_manager(std::vector<std::filesystem::path> dirs, log_config defaults,
              log_dir_failure_listener* failures = nullptr);
  ~log_manager();

  // Creates and locks each dir, then opens every partition in it. A dir without the
  // clean-shutdown marker gets its logs recovered from their checkpointed recovery points.
  // The marker is removed: from here on a crash must be treated as unclean. An I/O error in a
  // dir takes it offline, with the logs it had opened, and the others load (Kafka's
  // loadLogs); `failures` is told, and halts the broker if no dir is left. Throws
  // std::runtime_error, and the broker must not start, when another process holds a dir's
  // lock or a partition is in two dirs.
  void startup(int64_t now_ms, const config_lookup& config_for = {});

  // Checks each live dir's meta.properties against this broker (writing it where missing); an
  // I/O error takes the dir offline. Throws std::runtime_error naming the dir on a mismatch.
  void ensure_meta_properties(int32_t broker_id, const std::string& cluster_id);
  // The cluster id recorded in any live dir's meta.properties, if one is.
  std::optional<std::string> recorded_cluster_id();

  partition_log* get(const topic_partition& tp);
  // The partition's log, created in the live dir holding the fewest if there is none. An
  // existing replica is not created while a dir that failed at startup might hold it: it gets
  // an offline placeholder (Kafka's getOrCreateLog refuses with KAFKA_STORAGE_ERROR): a new,
  // empty log in its place could be elected leader, being perhaps the last in-sync replica,
  // and every acknowledged record would be gone. Throws std::runtime_error when every dir is
  // offline.
  partition_log& get_or_create(const topic_partition& tp, const log_config& cfg, int64_t now_ms, replica_age age);
  // Deletes the partition's directory and everything in it.
  void remove(const topic_partition& tp);
  std::vector<topic_partition> partitions() const;
  const log_config& defaults() const { return defaults_; }
  bool all_dirs_clean_at_startup() const;
  // The dirs no I/O error has taken offline.
  std::vector<std::filesystem::path> live_dirs() const;
  // One configured dir as DescribeLogDirs reports it: an offline one lists no logs.
  struct dir_view {
    std::filesystem::path path;
    bool offline = false;
    // Sorted by topic-partition. Valid until the next get_or_create or remove: read them
    // before the I/O thread runs anything else.
    std::vector<const partition_log*> logs;
  };
  // Every configured dir, in log.dirs order.
  std::vector<dir_view> describe_dirs() const;

  void write_checkpoints();
  // The high watermark in replication-offset-checkpoint when the log was loaded (the
  // replica manager owns high watermarks; this dir only keeps them across restarts).
  std::optional<int64_t> checkpointed_high_watermark(const topic_partition& tp) const;
  // Writes every log's high watermark to its dir's replication-offset-checkpoint.
  void write_high_watermarks(const high_watermark_lookup& high_watermark);
  int enforce_retention(int64_t now_ms, const high_watermark_lookup& high_watermark);
  void flush_due(int64_t now_ms);
  // Closes every log, writes the checkpoints and the clean-shutdown marker in every dir.
  void shutdown();

 private:
  struct dir_state {
    std::filesystem::path path;
    std::unique_ptr<log_dir_lock> lock;
    bool clean_at_startup = false;
    // Locked and every log in it opened. Only such a dir gets checkpoints and the clean
    // marker: after a failed startup, writing the others would wipe what they record.
    bool loaded = false;
    bool offline = false;  // an I/O error happened in it
  };
  struct entry {
    std::unique_ptr<partition_log> log;
    size_t dir = 0;
  };
  void load_dir(size_t index, int64_t now_ms, const config_lookup& config_for);
  // A dir that failed before all of its logs were opened: which partitions it holds is unknown.
  std::optional<size_t> unloaded_failed_dir() const;
  void log_dir_failed(const std::filesystem::path& dir, const std::string& reason) override;
  // Runs `io` on dir `index` unless it is offline; an I/O error takes it offline.
  template <class F>
  void in_dir(size_t index, F&& io) {
    if (dirs_[index].offline) return;
    try {
      io();
    } catch (const std::system_error& e) {
      log_dir_failed(dirs_[index].path, e.what());
    }
  }

  std::vector<dir_state> dirs_;
  log_config defaults_;
  std::unordered_map<topic_partition, entry> logs_;
  offset_map loaded_high_watermarks_;
  bool shut_down_ = false;
  log_dir_failure_listener* failures_;
};

// Parses a partition directory name "<topic>-<partition>"; nullopt for anything else
// (including directories being deleted, "...-delete").
std::optional<topic_partition> parse_partition_dir_name(const std::string& name);

}  // namespace kb::log
