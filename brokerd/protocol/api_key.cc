#include "brokerd/protocol/api_key.h"

namespace kb::protocol {

std::string_view name(api_key k) {
  switch (k) {
    case api_key::produce: return "Produce";
    case api_key::fetch: return "Fetch";
    case api_key::list_offsets: return "ListOffsets";
    case api_key::metadata: return "Metadata";
    case api_key::leader_and_isr: return "LeaderAndIsr";
    case api_key::stop_replica: return "StopReplica";
    case api_key::update_metadata: return "UpdateMetadata";
    case api_key::controlled_shutdown: return "ControlledShutdown";
    case api_key::offset_commit: return "OffsetCommit";
    case api_key::offset_fetch: return "OffsetFetch";
    case api_key::find_coordinator: return "FindCoordinator";
    case api_key::join_group: return "JoinGroup";
    case api_key::heartbeat: return "Heartbeat";
    case api_key::leave_group: return "LeaveGroup";
    case api_key::sync_group: return "SyncGroup";
    case api_key::describe_groups: return "DescribeGroups";
    case api_key::list_groups: return "ListGroups";
    case api_key::sasl_handshake: return "SaslHandshake";
    case api_key::api_versions: return "ApiVersions";
    case api_key::create_topics: return "CreateTopics";
    case api_key::delete_topics: return "DeleteTopics";
    case api_key::delete_records: return "DeleteRecords";
    case api_key::init_producer_id: return "InitProducerId";
    case api_key::offset_for_leader_epoch: return "OffsetForLeaderEpoch";
    case api_key::describe_configs: return "DescribeConfigs";
    case api_key::alter_configs: return "AlterConfigs";
    case api_key::describe_log_dirs: return "DescribeLogDirs";
    case api_key::create_partitions: return "CreatePartitions";
    case api_key::delete_groups: return "DeleteGroups";
    case api_key::elect_leaders: return "ElectLeaders";
    case api_key::incremental_alter_configs: return "IncrementalAlterConfigs";
    case api_key::alter_partition_reassignments: return "AlterPartitionReassignments";
    case api_key::list_partition_reassignments: return "ListPartitionReassignments";
    case api_key::offset_delete: return "OffsetDelete";
    case api_key::describe_cluster: return "DescribeCluster";
  }
  return "Unknown";
}

}  // namespace kb::protocol
