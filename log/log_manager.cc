#include "log/log_manager.h"

#include <algorithm>
#include <charconv>
#include <random>
#include <stdexcept>

#include <glog/logging.h>

#include "log/file_handle.h"
#include "log/file_names.h"

namespace kb::log {
namespace fs = std::filesystem;
std::optional<topic_partition> parse_partition_dir_name(const std::string& name) {
  auto dash = name.rfind('-');
  if (dash == std::string::npos || dash == 0 || dash + 1 >= name.size()) return std::nullopt;
  int32_t partition = 0;
  const char* first = name.data() + dash + 1;
  const char* last = name.data() + name.size();
  auto [end, ec] = std::from_chars(first, last, partition);
  if (ec != std::errc{} || end != last || partition < 0) return std::nullopt;
  return topic_partition{name.substr(0, dash), partition};
}

log_manager::log_manager(std::vector<fs::path> dirs, log_config defaults, log_dir_failure_listener* failures)
    : defaults_(defaults), failures_(failures) {
  for (auto& d : dirs) dirs_.push_back(dir_state{std::move(d), nullptr, false});
}

namespace {
// "/a/b/" and "/a/./b" name the same dir as "/a/b" (a partition reports its dir's parent).
fs::path without_trailing_separator(const fs::path& p) {
  fs::path normal = p.lexically_normal();
  return normal.has_filename() ? normal : normal.parent_path();
}
}  // namespace

void log_manager::log_dir_failed(const fs::path& dir, const std::string& reason) {
  const fs::path wanted = without_trailing_separator(dir);
  auto it = std::find_if(dirs_.begin(), dirs_.end(),
                         [&](const dir_state& d) { return without_trailing_separator(d.path) == wanted; });
  // Invariant: every log lives directly in a configured dir (load_dir, get_or_create).
  CHECK(it != dirs_.end()) << "an I/O failure reported for " << dir << ", which is no log dir";
  if (it->offline) return;
  it->offline = true;
  const size_t index = static_cast<size_t>(it - dirs_.begin());
  int logs = 0;
  for (auto& [tp, e] : logs_) {
    if (e.dir != index) continue;
    e.log->take_offline("its log dir " + dir.string() + " is offline");
    ++logs;
  }
  LOG(ERROR) << "Error in log dir " << it->path << ": " << reason << "; the dir and its " << logs
             << " log(s) are offline (Kafka: KAFKA_STORAGE_ERROR)";
  if (failures_) failures_->log_dir_failed(it->path, reason);  // as configured
}

std::vector<fs::path> log_manager::live_dirs() const {
  std::vector<fs::path> out;
  for (const auto& d : dirs_) {
    if (!d.offline) out.push_back(d.path);
  }
  return out;
}

std::vector<log_manager::dir_view> log_manager::describe_dirs() const {
  std::vector<dir_view> out;
  for (const auto& d : dirs_) out.push_back(dir_view{d.path, d.offline, {}});
  for (const auto& [tp, e] : logs_) {
    if (!out[e.dir].offline) out[e.dir].logs.push_back(e.log.get());
  }
  for (auto& d : out) {
    std::sort(d.logs.begin(), d.logs.end(),
              [](const partition_log* a, const partition_log* b) { return a->tp() < b->tp(); });
  }
  return out;
}

log_manager::~log_manager() {
  if (!shut_down_ && !logs_.empty()) {
    LOG(WARNING) << "log_manager destroyed without shutdown(); the next start will recover";
  }
}

void log_manager::startup(int64_t now_ms, const config_lookup& config_for) {
  for (size_t i = 0; i < dirs_.size(); ++i) {
    in_dir(i, [&] {
      fs::create_directories(dirs_[i].path);
      dirs_[i].lock = std::make_unique<log_dir_lock>(dirs_[i].path);
      load_dir(i, now_ms, config_for);
    });
  }
}

std::optional<size_t> log_manager::unloaded_failed_dir() const {
  for (size_t i = 0; i < dirs_.size(); ++i) {
    if (dirs_[i].offline && !dirs_[i].loaded) return i;
  }
  return std::nullopt;
}

void log_manager::load_dir(size_t index, int64_t now_ms, const config_lookup& config_for) {
  dir_state& dir = dirs_[index];
  fs::path marker = dir.path / clean_shutdown_file;
  dir.clean_at_startup = fs::exists(marker);
  offset_map recovery_points = read_offset_checkpoint(dir.path / recovery_point_checkpoint_file);
  offset_map log_starts = read_offset_checkpoint(dir.path / log_start_offset_checkpoint_file);
  offset_map high_watermarks;
  try {
    high_watermarks = read_offset_checkpoint(dir.path / replication_offset_checkpoint_file);
  } catch (const std::exception& e) {
    // Only what consumers may see depends on it, and followers relearn it from leaders.
    LOG(WARNING) << e.what() << "; high watermarks in " << dir.path << " restart at the log start";
  }
  LOG(INFO) << "Loading logs from " << dir.path << (dir.clean_at_startup ? " (clean shutdown)" : " (recovering)");

  for (const auto& e : fs::directory_iterator(dir.path)) {
    if (!e.is_directory()) continue;
    std::string name = e.path().filename().string();
    if (name.ends_with(delete_dir_suffix)) {
      LOG(INFO) << "Removing partially deleted log " << e.path();
      fs::remove_all(e.path());
      continue;
    }
    auto tp = parse_partition_dir_name(name);
    if (!tp) continue;
    if (auto seen = logs_.find(*tp); seen != logs_.end()) {
      // Which copy is current cannot be told (Kafka refuses to start too).
      throw std::runtime_error("Duplicate log directories for " + tp->dir_name() + " are found in both " +
                               seen->second.log->dir().string() + " and " + e.path().string() +
                               ". Delete one of them (most likely the one in the log dir that failed) and start "
                               "the broker again.");
    }
    open_options opts;
    opts.failures = this;
    opts.had_clean_shutdown = dir.clean_at_startup;
    opts.now_ms = now_ms;
    if (auto it = recovery_points.find(*tp); it != recovery_points.end()) opts.recovery_point = it->second;
    if (auto it = log_starts.find(*tp); it != log_starts.end()) opts.log_start_offset = it->second;
    log_config cfg = config_for ? config_for(*tp) : defaults_;
    auto log = partition_log::open(e.path(), *tp, cfg, opts);
    const open_report& r = log->report();
    if (r.segments_recovered > 0) {
      LOG(INFO) << *tp << ": recovered " << r.segments_recovered << " segment(s), truncated " << r.bytes_truncated
                << " bytes; log end offset " << log->log_end_offset();
    }
    if (auto it = high_watermarks.find(*tp); it != high_watermarks.end()) loaded_high_watermarks_[*tp] = it->second;
    // A log loaded after another one of this dir failed joins it offline.
    if (dir.offline) log->take_offline("its log dir " + dir.path.string() + " is offline");
    logs_[*tp] = entry{std::move(log), index};
  }
  dir.loaded = true;
  // From here on, a crash is unclean.
  if (dir.clean_at_startup) {
    fs::remove(marker);
    sync_directory(dir.path);
  }
}

void log_manager::ensure_meta_properties(int32_t broker_id, const std::string& cluster_id) {
  for (size_t i = 0; i < dirs_.size(); ++i) {
    const fs::path& dir = dirs_[i].path;
    in_dir(i, [&] {
      auto meta = read_meta_properties(dir);
      if (!meta) {
        write_meta_properties(dir, {broker_id, cluster_id, 0});
        return;
      }
      if (meta->broker_id != broker_id) {
        throw std::runtime_error("Stored node id " + std::to_string(meta->broker_id) +
                                 " doesn't match previous node id " + std::to_string(broker_id) +
                                 " in meta.properties of " + dir.string() +
                                 ". If you moved your data, make sure your configured node id matches.");
      }
      if (!cluster_id.empty() && !meta->cluster_id.empty() && meta->cluster_id != cluster_id) {
        throw std::runtime_error("The Cluster ID " + cluster_id + " doesn't match stored clusterId " +
                                 meta->cluster_id + " in meta.properties of " + dir.string() +
                                 ". The broker is trying to join the wrong cluster.");
      }
      if (meta->cluster_id.empty() && !cluster_id.empty()) write_meta_properties(dir, {broker_id, cluster_id, 0});
    });
  }
}

std::optional<std::string> log_manager::recorded_cluster_id() {
  std::optional<std::string> found;
  for (size_t i = 0; i < dirs_.size() && !found; ++i) {
    in_dir(i, [&] {
      auto meta = read_meta_properties(dirs_[i].path);
      if (meta && !meta->cluster_id.empty()) found = meta->cluster_id;
    });
  }
  return found;
}

partition_log* log_manager::get(const topic_partition& tp) {
  auto it = logs_.find(tp);
  return it == logs_.end() ? nullptr : it->second.log.get();
}

partition_log& log_manager::get_or_create(const topic_partition& tp, const log_config& cfg, int64_t now_ms,
                                          replica_age age) {
  if (auto* existing = get(tp)) return *existing;
  if (auto failed = unloaded_failed_dir(); failed && age == replica_age::existing) {
    // Filed under the failed dir, which gets no writes: the placeholder never reaches a
    // checkpoint, and removing it deletes nothing.
    const fs::path& dir = dirs_[*failed].path;
    auto& slot = logs_[tp];
    slot = entry{partition_log::offline_placeholder(dir / tp.dir_name(), tp, cfg,
                                                    "no log created: log dir " + dir.string() +
                                                        " may hold it, and failed before its logs were loaded"),
                 *failed};
    return *slot.log;
  }
  std::vector<size_t> counts(dirs_.size(), 0);
  for (const auto& [_, e] : logs_) ++counts[e.dir];
  // Kafka places a new log in the dir holding the fewest partitions; a dir that fails to
  // create it goes offline and the next live one is tried.
  for (;;) {
    std::optional<size_t> dir;
    for (size_t i = 0; i < dirs_.size(); ++i) {
      if (!dirs_[i].offline && (!dir || counts[i] < counts[*dir])) dir = i;
    }
    if (!dir) throw std::runtime_error("no live log dir for " + tp.dir_name() + ": every log dir is offline");
    open_options opts;
    opts.failures = this;
    opts.had_clean_shutdown = true;  // a new, empty log has nothing to recover
    opts.now_ms = now_ms;
    std::unique_ptr<partition_log> log;
    try {
      log = partition_log::open(dirs_[*dir].path / tp.dir_name(), tp, cfg, opts);
    } catch (const std::system_error& e) {
      log_dir_failed(dirs_[*dir].path, e.what());
      continue;
    }
    auto& slot = logs_[tp];
    slot = entry{std::move(log), *dir};
    LOG(INFO) << "Created log for partition " << tp << " in " << dirs_[*dir].path;
    return *slot.log;
  }
}

void log_manager::remove(const topic_partition& tp) {
  auto it = logs_.find(tp);
  if (it == logs_.end()) return;
  fs::path dir = it->second.log->dir();
  const size_t index = it->second.dir;
  it->second.log.reset();
  logs_.erase(it);
  loaded_high_watermarks_.erase(tp);
  if (dirs_[index].offline) {
    LOG(WARNING) << "Not deleting " << dir << ": its log dir is offline";
    return;
  }
  // Rename first, as Kafka does, so a crash mid-delete leaves a "-delete" dir that startup
  // finishes removing instead of a half-deleted partition that would be loaded again.
  std::random_device rd;
  char suffix[40];
  std::snprintf(suffix, sizeof suffix, ".%08x%08x%s", rd(), rd(), delete_dir_suffix);
  fs::path doomed = dir;
  doomed += suffix;
  in_dir(index, [&] {
    fs::rename(dir, doomed);
    sync_directory(dir.parent_path());
    fs::remove_all(doomed);
  });
  LOG(INFO) << "Deleted log for partition " << tp;
}

std::vector<topic_partition> log_manager::partitions() const {
  std::vector<topic_partition> out;
  for (const auto& [tp, _] : logs_) out.push_back(tp);
  std::sort(out.begin(), out.end());
  return out;
}

bool log_manager::all_dirs_clean_at_startup() const {
  return std::all_of(dirs_.begin(), dirs_.end(), [](const dir_state& d) { return d.clean_at_startup; });
}

void log_manager::write_checkpoints() {
  std::vector<offset_map> recovery(dirs_.size()), starts(dirs_.size());
  for (const auto& [tp, e] : logs_) {
    recovery[e.dir][tp] = e.log->recovery_point();
    starts[e.dir][tp] = e.log->log_start_offset();
  }
  for (size_t i = 0; i < dirs_.size(); ++i) {
    if (!dirs_[i].loaded) continue;
    in_dir(i, [&] {
      write_offset_checkpoint(dirs_[i].path / recovery_point_checkpoint_file, recovery[i]);
      write_offset_checkpoint(dirs_[i].path / log_start_offset_checkpoint_file, starts[i]);
    });
  }
}

std::optional<int64_t> log_manager::checkpointed_high_watermark(const topic_partition& tp) const {
  auto it = loaded_high_watermarks_.find(tp);
  if (it == loaded_high_watermarks_.end()) return std::nullopt;
  return it->second;
}

void log_manager::write_high_watermarks(const high_watermark_lookup& high_watermark) {
  std::vector<offset_map> per_dir(dirs_.size());
  for (const auto& [tp, e] : logs_) per_dir[e.dir][tp] = high_watermark(tp);
  for (size_t i = 0; i < dirs_.size(); ++i) {
    if (!dirs_[i].loaded) continue;
    in_dir(i, [&] { write_offset_checkpoint(dirs_[i].path / replication_offset_checkpoint_file, per_dir[i]); });
  }
}

int log_manager::enforce_retention(int64_t now_ms, const high_watermark_lookup& high_watermark) {
  int deleted = 0;
  for (auto& [tp, e] : logs_) {
    int64_t hw = high_watermark ? high_watermark(tp) : e.log->log_end_offset();
    deleted += e.log->delete_old_segments(now_ms, hw);
  }
  return deleted;
}

void log_manager::flush_due(int64_t now_ms) {
  for (auto& [tp, e] : logs_) e.log->flush_if_due(now_ms);
}

void log_manager::shutdown() {
  if (shut_down_) return;
  for (auto& [tp, e] : logs_) e.log->close();  // an offline log stays as it is
  write_checkpoints();
  for (size_t i = 0; i < dirs_.size(); ++i) {
    // An offline dir gets no marker: its logs must be recovered at the next start.
    if (dirs_[i].loaded) in_dir(i, [&] { write_file_atomically(dirs_[i].path / clean_shutdown_file, ""); });
    dirs_[i].lock.reset();
  }
  logs_.clear();
  shut_down_ = true;
  LOG(INFO) << "Log manager shut down cleanly";
}

}  // namespace kb::log
