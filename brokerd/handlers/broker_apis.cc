#include "brokerd/handlers/broker_apis.h"

#include "brokerd/handlers/alter_configs_handler.h"
#include "brokerd/handlers/api_versions_handler.h"
#include "brokerd/handlers/controlled_shutdown_handler.h"
#include "brokerd/handlers/create_partitions_handler.h"
#include "brokerd/handlers/create_topics_handler.h"
#include "brokerd/handlers/delete_groups_handler.h"
#include "brokerd/handlers/delete_records_handler.h"
#include "brokerd/handlers/delete_topics_handler.h"
#include "brokerd/handlers/describe_configs_handler.h"
#include "brokerd/handlers/describe_groups_handler.h"
#include "brokerd/handlers/describe_log_dirs_handler.h"
#include "brokerd/handlers/fetch_handler.h"
#include "brokerd/handlers/find_coordinator_handler.h"
#include "brokerd/handlers/heartbeat_handler.h"
#include "brokerd/handlers/incremental_alter_configs_handler.h"
#include "brokerd/handlers/init_producer_id_handler.h"
#include "brokerd/handlers/join_group_handler.h"
#include "brokerd/handlers/leave_group_handler.h"
#include "brokerd/handlers/list_groups_handler.h"
#include "brokerd/handlers/list_offsets_handler.h"
#include "brokerd/handlers/metadata_handler.h"
#include "brokerd/handlers/offset_commit_handler.h"
#include "brokerd/handlers/offset_delete_handler.h"
#include "brokerd/handlers/offset_fetch_handler.h"
#include "brokerd/handlers/offset_for_leader_epoch_handler.h"
#include "brokerd/handlers/partition_reassignments_handlers.h"
#include "brokerd/handlers/produce_handler.h"
#include "brokerd/handlers/serve.h"
#include "brokerd/handlers/sync_group_handler.h"
#include "brokerd/metrics/timed_handler.h"
#include "brokerd/protocol/apis.h"

namespace kb::handlers {

void register_broker_apis(server::handler_registry& all, broker_apis_deps deps) {
  // Every API is timed (Kafka's RequestsPerSec and TotalTimeMs per API).
  struct timed_registry {
    server::handler_registry& registry;
    metrics::broker_metrics& metrics;
    void add(server::api_handler h) { registry.add(metrics::timed(std::move(h), metrics)); }
  } registry{all, deps.services.metrics};
  registry.add(serve<protocol::produce_api>(deps.services, handle_produce));
  registry.add(serve<protocol::fetch_api>(deps.services, handle_fetch));
  registry.add(serve<protocol::list_offsets_api>(deps.services, handle_list_offsets));
  registry.add(serve<protocol::metadata_api>(deps.services, handle_metadata));
  registry.add(serve<protocol::controlled_shutdown_api>(deps.controller, handle_controlled_shutdown));
  registry.add(serve<protocol::offset_commit_api>(deps.groups, handle_offset_commit));
  registry.add(serve<protocol::offset_fetch_api>(deps.groups, handle_offset_fetch));
  registry.add(serve<protocol::find_coordinator_api>(deps.groups, handle_find_coordinator));
  registry.add(serve<protocol::join_group_api>(deps.groups, handle_join_group));
  registry.add(serve<protocol::heartbeat_api>(deps.groups, handle_heartbeat));
  registry.add(serve<protocol::leave_group_api>(deps.groups, handle_leave_group));
  registry.add(serve<protocol::sync_group_api>(deps.groups, handle_sync_group));
  registry.add(serve<protocol::describe_groups_api>(deps.groups, handle_describe_groups));
  registry.add(serve<protocol::list_groups_api>(deps.groups, handle_list_groups));
  registry.add(serve<protocol::api_versions_api>(all, handle_api_versions));
  registry.add(serve<protocol::create_topics_api>(deps.services, handle_create_topics));
  registry.add(serve<protocol::delete_topics_api>(deps.services, handle_delete_topics));
  registry.add(serve<protocol::delete_records_api>(deps.services, handle_delete_records));
  registry.add(serve<protocol::init_producer_id_api>(deps.producer_ids, handle_init_producer_id));
  registry.add(serve<protocol::offset_for_leader_epoch_api>(deps.services, handle_offset_for_leader_epoch));
  registry.add(serve<protocol::describe_configs_api>(deps.services, handle_describe_configs));
  registry.add(serve<protocol::alter_configs_api>(deps.services, handle_alter_configs));
  registry.add(serve<protocol::describe_log_dirs_api>(deps.log_dirs, handle_describe_log_dirs));
  registry.add(serve<protocol::create_partitions_api>(deps.services, handle_create_partitions));
  registry.add(serve<protocol::delete_groups_api>(deps.groups, handle_delete_groups));
  registry.add(serve<protocol::elect_leaders_api>(deps.elections, handle_elect_leaders));
  registry.add(serve<protocol::incremental_alter_configs_api>(deps.services, handle_incremental_alter_configs));
  registry.add(serve<protocol::alter_partition_reassignments_api>(deps.controller, handle_alter_partition_reassignments));
  registry.add(serve<protocol::list_partition_reassignments_api>(deps.controller, handle_list_partition_reassignments));
  registry.add(serve<protocol::offset_delete_api>(deps.groups, handle_offset_delete));
}

}  // namespace kb::handlers
