#include "brokerd/handlers/admin_handlers.h"

#include "tests/unit/handlers/handler_fixture.h"

namespace kb::handlers::test {
namespace {

using protocol::api_key;

class AdminHandlersTest : public HandlerTest {};

TEST_F(AdminHandlersTest, RegistersEveryAdminApiWithItsVersions) {
  server::handler_registry registry;
  register_admin_handlers(registry, services_);
  struct expected {
    api_key key;
    int16_t min, max;
  };
  for (auto e : {expected{api_key::create_topics, 0, 4}, expected{api_key::delete_topics, 0, 3},
                 expected{api_key::delete_records, 0, 1}, expected{api_key::describe_configs, 0, 3},
                 expected{api_key::alter_configs, 0, 1}, expected{api_key::create_partitions, 0, 1},
                 expected{api_key::incremental_alter_configs, 0, 0}}) {
    const server::api_handler* h = registry.find(static_cast<int16_t>(e.key));
    ASSERT_NE(h, nullptr) << protocol::name(e.key);
    EXPECT_EQ(h->min_version, e.min) << protocol::name(e.key);
    EXPECT_EQ(h->max_version, e.max) << protocol::name(e.key);
    EXPECT_EQ(h->first_flexible_version, e.max + 1) << protocol::name(e.key);
  }
  EXPECT_EQ(registry.ranges().size(), 7u);
}

}  // namespace
}  // namespace kb::handlers::test
