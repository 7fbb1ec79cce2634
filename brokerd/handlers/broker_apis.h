#pragma once

#include "brokerd/handlers/broker_services.h"
#include "brokerd/handlers/describe_log_dirs_handler.h"
#include "brokerd/handlers/elect_leaders_handler.h"
#include "brokerd/handlers/group_services.h"
#include "brokerd/server/handler_registry.h"
#include "zkmeta/admin/producer_id_block.h"
#include "zkmeta/controller/controller.h"

namespace kb::handlers {

// What the broker's handlers work with, all owned by the broker and outliving its registry.
struct broker_apis_deps {
  broker_services& services;
  zkmeta::controller& controller;
  elect_leaders_deps& elections;
  zkmeta::producer_id_allocator& producer_ids;
  group_services& groups;
  describe_log_dirs_deps& log_dirs;
};

// Adds every API this broker serves to `registry`, each with its handler and versions
// (brokerd/protocol/apis.h). This table is the one list of served APIs: ApiVersions is
// answered from the registry it fills, so what is advertised is exactly what is listed here.
void register_broker_apis(server::handler_registry& registry, broker_apis_deps deps);

}  // namespace kb::handlers
