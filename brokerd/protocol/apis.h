#pragma once

#include <cstdint>
#include <optional>
#include <tuple>

#include "brokerd/protocol/api_key.h"
#include "brokerd/protocol/messages/alter_configs.h"
#include "brokerd/protocol/messages/api_versions.h"
#include "brokerd/protocol/messages/controlled_shutdown.h"
#include "brokerd/protocol/messages/create_partitions.h"
#include "brokerd/protocol/messages/create_topics.h"
#include "brokerd/protocol/messages/delete_groups.h"
#include "brokerd/protocol/messages/delete_records.h"
#include "brokerd/protocol/messages/delete_topics.h"
#include "brokerd/protocol/messages/describe_configs.h"
#include "brokerd/protocol/messages/describe_groups.h"
#include "brokerd/protocol/messages/describe_log_dirs.h"
#include "brokerd/protocol/messages/elect_leaders.h"
#include "brokerd/protocol/messages/fetch.h"
#include "brokerd/protocol/messages/find_coordinator.h"
#include "brokerd/protocol/messages/heartbeat.h"
#include "brokerd/protocol/messages/incremental_alter_configs.h"
#include "brokerd/protocol/messages/init_producer_id.h"
#include "brokerd/protocol/messages/join_group.h"
#include "brokerd/protocol/messages/leave_group.h"
#include "brokerd/protocol/messages/list_groups.h"
#include "brokerd/protocol/messages/list_offsets.h"
#include "brokerd/protocol/messages/metadata.h"
#include "brokerd/protocol/messages/offset_commit.h"
#include "brokerd/protocol/messages/offset_delete.h"
#include "brokerd/protocol/messages/offset_fetch.h"
#include "brokerd/protocol/messages/offset_for_leader_epoch.h"
#include "brokerd/protocol/messages/partition_reassignments.h"
#include "brokerd/protocol/messages/produce.h"
#include "brokerd/protocol/messages/sync_group.h"

namespace kb::protocol {

// One Kafka API as the broker serves it: its key, the versions implemented, the first
// flexible one (KIP-482; max + 1 when none is), and its request and response messages.
// `answer` is what a handler returns: the response, or for Produce an optional one (acks=0
// is never answered).
template <api_key Key, class Request, class Response, int16_t MinVersion, int16_t MaxVersion,
          int16_t FirstFlexibleVersion = MaxVersion + 1>
struct api {
  static constexpr api_key key = Key;
  static constexpr int16_t min_version = MinVersion;
  static constexpr int16_t max_version = MaxVersion;
  static constexpr int16_t first_flexible_version = FirstFlexibleVersion;
  using request = Request;
  using response = Response;
  using answer = Response;
};

// Every API this broker implements, by key.
struct produce_api : api<api_key::produce, produce_request, produce_response, produce_min_version, produce_max_version> {
  using answer = std::optional<produce_response>;
};
using fetch_api = api<api_key::fetch, fetch_request, fetch_response, fetch_min_version, fetch_max_version>;
using list_offsets_api = api<api_key::list_offsets, list_offsets_request, list_offsets_response,
                             list_offsets_min_version, list_offsets_max_version>;
using metadata_api =
    api<api_key::metadata, metadata_request, metadata_response, metadata_min_version, metadata_max_version>;
using controlled_shutdown_api = api<api_key::controlled_shutdown, controlled_shutdown_request,
                                    controlled_shutdown_response, controlled_shutdown_min_version,
                                    controlled_shutdown_max_version>;
using offset_commit_api = api<api_key::offset_commit, offset_commit_request, offset_commit_response,
                              offset_commit_min_version, offset_commit_max_version>;
using offset_fetch_api = api<api_key::offset_fetch, offset_fetch_request, offset_fetch_response,
                             offset_fetch_min_version, offset_fetch_max_version>;
using find_coordinator_api = api<api_key::find_coordinator, find_coordinator_request, find_coordinator_response,
                                 find_coordinator_min_version, find_coordinator_max_version>;
using join_group_api =
    api<api_key::join_group, join_group_request, join_group_response, join_group_min_version, join_group_max_version>;
using heartbeat_api =
    api<api_key::heartbeat, heartbeat_request, heartbeat_response, heartbeat_min_version, heartbeat_max_version>;
using leave_group_api = api<api_key::leave_group, leave_group_request, leave_group_response, leave_group_min_version,
                            leave_group_max_version>;
using sync_group_api =
    api<api_key::sync_group, sync_group_request, sync_group_response, sync_group_min_version, sync_group_max_version>;
using describe_groups_api = api<api_key::describe_groups, describe_groups_request, describe_groups_response,
                                describe_groups_min_version, describe_groups_max_version>;
using list_groups_api = api<api_key::list_groups, list_groups_request, list_groups_response, list_groups_min_version,
                            list_groups_max_version>;
using api_versions_api = api<api_key::api_versions, api_versions_request, api_versions_response,
                             api_versions_min_version, api_versions_max_version, api_versions_first_flexible_version>;
using create_topics_api = api<api_key::create_topics, create_topics_request, create_topics_response,
                              create_topics_min_version, create_topics_max_version>;
using delete_topics_api = api<api_key::delete_topics, delete_topics_request, delete_topics_response,
                              delete_topics_min_version, delete_topics_max_version>;
using delete_records_api = api<api_key::delete_records, delete_records_request, delete_records_response,
                               delete_records_min_version, delete_records_max_version>;
using init_producer_id_api = api<api_key::init_producer_id, init_producer_id_request, init_producer_id_response,
                                 init_producer_id_min_version, init_producer_id_max_version>;
using offset_for_leader_epoch_api =
    api<api_key::offset_for_leader_epoch, offset_for_leader_epoch_request, offset_for_leader_epoch_response,
        offset_for_leader_epoch_min_version, offset_for_leader_epoch_max_version>;
using describe_configs_api = api<api_key::describe_configs, describe_configs_request, describe_configs_response,
                                 describe_configs_min_version, describe_configs_max_version>;
using alter_configs_api = api<api_key::alter_configs, alter_configs_request, alter_configs_response,
                              alter_configs_min_version, alter_configs_max_version>;
using describe_log_dirs_api =
    api<api_key::describe_log_dirs, describe_log_dirs_request, describe_log_dirs_response,
        describe_log_dirs_min_version, describe_log_dirs_max_version, describe_log_dirs_first_flexible_version>;
using create_partitions_api = api<api_key::create_partitions, create_partitions_request, create_partitions_response,
                                  create_partitions_min_version, create_partitions_max_version>;
using delete_groups_api = api<api_key::delete_groups, delete_groups_request, delete_groups_response,
                              delete_groups_min_version, delete_groups_max_version>;
using elect_leaders_api = api<api_key::elect_leaders, elect_leaders_request, elect_leaders_response,
                              elect_leaders_min_version, elect_leaders_max_version>;
using incremental_alter_configs_api =
    api<api_key::incremental_alter_configs, incremental_alter_configs_request, incremental_alter_configs_response,
        incremental_alter_configs_min_version, incremental_alter_configs_max_version>;
using alter_partition_reassignments_api =
    api<api_key::alter_partition_reassignments, alter_partition_reassignments_request,
        alter_partition_reassignments_response, alter_partition_reassignments_min_version,
        alter_partition_reassignments_max_version, partition_reassignments_first_flexible_version>;
using list_partition_reassignments_api =
    api<api_key::list_partition_reassignments, list_partition_reassignments_request,
        list_partition_reassignments_response, list_partition_reassignments_min_version,
        list_partition_reassignments_max_version, partition_reassignments_first_flexible_version>;
using offset_delete_api = api<api_key::offset_delete, offset_delete_request, offset_delete_response,
                              offset_delete_min_version, offset_delete_max_version>;

// Every API above, for code that visits each of them (the decoder fuzz targets).
using all_apis =
    std::tuple<produce_api, fetch_api, list_offsets_api, metadata_api, controlled_shutdown_api, offset_commit_api,
               offset_fetch_api, find_coordinator_api, join_group_api, heartbeat_api, leave_group_api, sync_group_api,
               describe_groups_api, list_groups_api, api_versions_api, create_topics_api, delete_topics_api,
               delete_records_api, init_producer_id_api, offset_for_leader_epoch_api, describe_configs_api,
               alter_configs_api, describe_log_dirs_api, create_partitions_api, delete_groups_api, elect_leaders_api,
               incremental_alter_configs_api, alter_partition_reassignments_api, list_partition_reassignments_api,
               offset_delete_api>;

}  // namespace kb::protocol
