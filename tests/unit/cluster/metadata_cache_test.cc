// metadata_cache: what the broker knows of the cluster, as other brokers' connections read it.
#include "brokerd/cluster/metadata_cache.h"

#include <gtest/gtest.h>

namespace kb::cluster {
namespace {

TEST(MetadataCacheTest, AKnownBrokersAddressIsItsRegisteredEndpoint) {
  metadata_cache m;
  broker_info b;
  b.host = "10.0.0.7";
  b.port = 9093;
  m.set_brokers({{7, b}});
  EXPECT_EQ(m.address_of(7), (std::pair<std::string, int32_t>{"10.0.0.7", 9093}));
}

TEST(MetadataCacheTest, AnUnknownBrokerHasNoAddressYet) {
  metadata_cache m;
  EXPECT_EQ(m.address_of(7), std::nullopt);
}

}  // namespace
}  // namespace kb::cluster
