#include "brokerd/handlers/admin_handlers.h"

#include "brokerd/handlers/alter_configs_handler.h"
#include "brokerd/handlers/create_partitions_handler.h"
#include "brokerd/handlers/create_topics_handler.h"
#include "brokerd/handlers/delete_records_handler.h"
#include "brokerd/handlers/delete_topics_handler.h"
#include "brokerd/handlers/describe_configs_handler.h"
#include "brokerd/handlers/incremental_alter_configs_handler.h"

namespace kb::handlers {

void register_admin_handlers(server::handler_registry& registry, broker_services& services) {
  registry.add(make_create_topics_handler(services));
  registry.add(make_delete_topics_handler(services));
  registry.add(make_delete_records_handler(services));
  registry.add(make_describe_configs_handler(services));
  registry.add(make_alter_configs_handler(services));
  registry.add(make_create_partitions_handler(services));
  registry.add(make_incremental_alter_configs_handler(services));
}

}  // namespace kb::handlers
