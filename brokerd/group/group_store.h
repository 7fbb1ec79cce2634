#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "brokerd/group/group_config.h"
#include "brokerd/group/group_metadata.h"
#include "brokerd/group/offsets_log.h"
#include "zkmeta/runtime/clock.h"

namespace kb::group {

// What OffsetFetch reports for one partition.
struct fetched_offset {
  int64_t offset = -1;  // -1: nothing committed
  int32_t leader_epoch = -1;
  std::string metadata;
  protocol::error_code error = protocol::error_code::none;
};

// The groups this broker coordinates and their durable state (Kafka's GroupMetadataManager):
// which __consumer_offsets partitions it owns, loading a partition's groups and offsets when
// it becomes the partition's leader and dropping them when it stops, and writing group
// metadata, offset commits and tombstones to the partition of each group.
//
// A group lives in the partition abs(javaHash(group id)) % offsets.topic.num.partitions; the
// broker leading that partition coordinates it. Requests for a group whose partition is
// loading get COORDINATOR_LOAD_IN_PROGRESS, for one it does not own NOT_COORDINATOR (the
// coordinator decides; this class answers the questions). Single-threaded.
class group_store {
 public:
  using group_ptr = std::shared_ptr<group_metadata>;

  group_store(const group_config& config, offsets_log& log, kb::clock& clock);

  int32_t partition_for(const std::string& group_id) const;
  // __consumer_offsets as it exists: its partition count, not the configured one, decides
  // where a group lives once the topic is there (Kafka reads it from ZooKeeper).
  void use_partition_count(int32_t count);
  bool is_group_local(const std::string& group_id) const { return owned_.count(partition_for(group_id)) > 0; }
  bool is_group_loading(const std::string& group_id) const { return loading_.count(partition_for(group_id)) > 0; }
  bool is_loading() const { return !loading_.empty(); }
  // Owned here and no live group by that id (Kafka's groupNotExists).
  bool group_not_exists(const std::string& group_id) const;

  group_ptr get(const std::string& group_id) const;
  // The group, created Empty if `create` and it does not exist.
  group_ptr get_or_create(const std::string& group_id, bool create);
  std::vector<group_ptr> groups() const;

  // Writes the group's metadata with each member's `assignment` and calls `done` with the
  // outcome as the coordinator reports it (COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR,
  // REBALANCE_IN_PROGRESS for a timeout, ...). `done` may run before this returns.
  void store_group(const group_ptr& g, const std::map<std::string, std::vector<std::byte>>& assignment,
                   std::function<void(protocol::error_code)> done);
  // Writes offset commits and, once stored, makes them the group's offsets. `done` gets an
  // error per partition (OFFSET_METADATA_TOO_LARGE for metadata over
  // offset.metadata.max.bytes, or the write's outcome). `done` may run before this returns.
  using commit_errors = std::map<topic_partition, protocol::error_code>;
  void store_offsets(const group_ptr& g, const std::map<topic_partition, offset_and_metadata>& offsets,
                     std::function<void(commit_errors)> done);
  // Committed offsets of `partitions`, or of every partition with one when nullopt.
  std::map<topic_partition, fetched_offset> fetch_offsets(const std::string& group_id,
                                                          const std::optional<std::vector<topic_partition>>& partitions) const;

  // Takes partition `partition` over: reads its records and rebuilds its groups and
  // offsets, calling `on_loaded` for each group, then owns it. Meanwhile it is loading; a
  // read that fails is tried again (load_retry_backoff) until it succeeds or the partition
  // is unloaded.
  void load(int32_t partition, std::function<void(const group_ptr&)> on_loaded);
  // Lets partition `partition` go: calls `on_unloaded` for each of its groups (which the
  // caller marks Dead) and forgets them. A load still under way is abandoned.
  void unload(int32_t partition, std::function<void(const group_ptr&)> on_unloaded);
  // Partitions owned or loading.
  std::vector<int32_t> partitions() const;

  // Removes offsets chosen by `select` from each group, writes their tombstones, and deletes
  // a group that is then Empty without offsets (with a tombstone for its metadata if it ever
  // had a generation). Returns the number of offsets removed. Kafka's cleanupGroupMetadata.
  using offset_selector = std::function<std::map<topic_partition, offset_and_metadata>(group_metadata&)>;
  size_t cleanup(const std::vector<group_ptr>& groups, const offset_selector& select);

 private:
  void write_tombstones(const std::string& group_id, std::vector<offsets_record> records);
  void read_partition(int32_t partition, uint64_t token, std::function<void(const group_ptr&)> on_loaded);
  void finish_load(int32_t partition, std::vector<offsets_record> records,
                   const std::function<void(const group_ptr&)>& on_loaded);

  const group_config& config_;
  offsets_log& log_;
  kb::clock& clock_;
  std::map<std::string, group_ptr> groups_;
  std::set<int32_t> owned_;
  std::set<int32_t> loading_;
  // Bumped by each load and unload of a partition: a read that completes after its
  // partition was let go (or taken again) is ignored.
  std::map<int32_t, uint64_t> partition_tokens_;
  std::map<int32_t, std::unique_ptr<kb::alarm>> load_retries_;  // failed reads, tried again
  int32_t partition_count_;
};

// How long a load whose read failed waits before reading again.
inline constexpr std::chrono::milliseconds load_retry_backoff{1000};

// Kafka's error for a failed offset commit write (GroupMetadataManager.maybeConvertOffsetCommitError).
protocol::error_code offset_commit_write_error(protocol::error_code append_error);
// Kafka's error for a failed group metadata write (GroupMetadataManager.storeGroup).
protocol::error_code group_write_error(protocol::error_code append_error);

}  // namespace kb::group
