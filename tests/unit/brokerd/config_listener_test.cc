// listeners / advertised.listeners / listener.security.protocol.map / inter-broker listener, as
// Kafka resolves them, with only PLAINTEXT supported.
#include "brokerd/config/listener_endpoint.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "brokerd/config/config_error.h"
#include "tests/unit/brokerd/config_test_helpers.h"

namespace kb::brokerd {
namespace {

using test::parse_with_required;

std::vector<std::string> strings(const std::vector<listener_endpoint>& ls) {
  std::vector<std::string> out;
  for (const listener_endpoint& l : ls) out.push_back(l.to_string());
  return out;
}

TEST(ConfigListenerTest, ParsesNameHostAndPort) {
  auto ls = parse_listener_endpoints("PLAINTEXT://host-1.example.com:9092", "listeners", "");
  ASSERT_EQ(ls.size(), 1u);
  EXPECT_EQ(ls[0].name, "PLAINTEXT");
  EXPECT_EQ(ls[0].host, "host-1.example.com");
  EXPECT_EQ(ls[0].port, 9092);
}

TEST(ConfigListenerTest, EmptyHostAndPortZero) {
  auto ls = parse_listener_endpoints("PLAINTEXT://:0", "listeners", "");
  ASSERT_EQ(ls.size(), 1u);
  EXPECT_EQ(ls[0].host, "");
  EXPECT_EQ(ls[0].port, 0);
}

TEST(ConfigListenerTest, NamesAreUpperCased) {
  auto ls = parse_listener_endpoints("internal://a:1", "listeners", "");
  EXPECT_EQ(ls[0].name, "INTERNAL");
}

TEST(ConfigListenerTest, Ipv6HostInBrackets) {
  auto ls = parse_listener_endpoints("PLAINTEXT://[::1]:9092", "listeners", "");
  ASSERT_EQ(ls.size(), 1u);
  EXPECT_EQ(ls[0].host, "::1");
  EXPECT_EQ(ls[0].to_string(), "PLAINTEXT://[::1]:9092");
}

TEST(ConfigListenerTest, CommaListWithSpaces) {
  auto ls = parse_listener_endpoints(" A://a:1 , B://b:2 ,", "listeners", "");
  EXPECT_EQ(strings(ls), (std::vector<std::string>{"A://a:1", "B://b:2"}));
}

TEST(ConfigListenerTest, PortRange) {
  EXPECT_NO_THROW(parse_listener_endpoints("P://h:65535", "listeners", ""));
  EXPECT_THROW(parse_listener_endpoints("P://h:65536", "listeners", ""), config_error);
  EXPECT_THROW(parse_listener_endpoints("P://h:-1", "listeners", ""), config_error);
  EXPECT_THROW(parse_listener_endpoints("P://h:", "listeners", ""), config_error);
}

TEST(ConfigListenerTest, InvalidHostCharacters) {
  EXPECT_THROW(parse_listener_endpoints("P://ho st:1", "listeners", ""), config_error);
  EXPECT_THROW(parse_listener_endpoints("P://h/x:1", "listeners", ""), config_error);
}

TEST(ConfigListenerTest, ErrorNamesTheKeyAndValue) {
  try {
    parse_listener_endpoints("PLAINTEXT://:70000", "advertised.listeners", "f:1");
    FAIL();
  } catch (const config_error& e) {
    EXPECT_NE(std::string(e.what()).find("Invalid value PLAINTEXT://:70000 for configuration advertised.listeners"),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("(f:1)"), std::string::npos) << e.what();
  }
}

TEST(ConfigListenerTest, CustomListenerNamesMappedToPlaintext) {
  auto c = parse_with_required(
               "listeners=CLIENT://:9092,REPLICATION://10.0.0.1:9093\n"
               "listener.security.protocol.map=CLIENT:PLAINTEXT,REPLICATION:PLAINTEXT\n"
               "inter.broker.listener.name=replication\n")
               .config;
  EXPECT_EQ(strings(c.listeners), (std::vector<std::string>{"CLIENT://:9092", "REPLICATION://10.0.0.1:9093"}));
  EXPECT_EQ(strings(c.advertised_listeners),
            (std::vector<std::string>{"CLIENT://broker0.test:9092", "REPLICATION://10.0.0.1:9093"}));
  EXPECT_EQ(c.inter_broker_listener_name, "REPLICATION");
  EXPECT_EQ(c.listener_security_protocol_map.size(), 2u);
}

TEST(ConfigListenerTest, ProtocolMapIsCaseInsensitive) {
  auto c = parse_with_required("listeners=client://:9092\nlistener.security.protocol.map=client:plaintext\n"
                               "inter.broker.listener.name=CLIENT\n")
               .config;
  EXPECT_EQ(c.listener_security_protocol_map.at("CLIENT"), "PLAINTEXT");
}

TEST(ConfigListenerTest, SslEntriesInTheMapAreFineWhenNoListenerUsesThem) {
  auto c = parse_with_required("listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SECURE:SSL\n").config;
  EXPECT_EQ(c.listener_security_protocol_map.at("SECURE"), "SSL");
}

TEST(ConfigListenerTest, ExplicitAdvertisedListenersSubsetOfListeners) {
  auto c = parse_with_required(
               "listeners=PLAINTEXT://0.0.0.0:9092,LOCAL://127.0.0.1:9094\n"
               "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,LOCAL:PLAINTEXT\n"
               "advertised.listeners=PLAINTEXT://kafka.example.com:19092\n")
               .config;
  EXPECT_EQ(strings(c.advertised_listeners), (std::vector<std::string>{"PLAINTEXT://kafka.example.com:19092"}));
  EXPECT_EQ(c.listeners[0].host, "0.0.0.0");  // binding to the wildcard is fine; advertising it is not
}

TEST(ConfigListenerTest, AdvertisedPortsMayRepeat) {
  // Kafka checks distinct ports only for bound listeners.
  auto c = parse_with_required(
               "listeners=A://:9092,B://:9093\nlistener.security.protocol.map=A:PLAINTEXT,B:PLAINTEXT\n"
               "advertised.listeners=A://lb:443,B://lb:443\ninter.broker.listener.name=A\n")
               .config;
  EXPECT_EQ(c.advertised_listeners.size(), 2u);
}

TEST(ConfigListenerTest, EmptyAdvertisedHostBecomesTheLocalHostName) {
  auto c = parse_with_required("advertised.listeners=PLAINTEXT://:9092\n").config;
  EXPECT_EQ(c.advertised_listeners[0].to_string(), "PLAINTEXT://broker0.test:9092");
}

TEST(ConfigListenerTest, PortZeroListenerIsAdvertisedAsZeroUntilBound) {
  auto c = parse_with_required("listeners=PLAINTEXT://127.0.0.1:0\n").config;
  EXPECT_EQ(c.listeners[0].port, 0);
  EXPECT_EQ(c.advertised_listeners[0].port, 0);
  EXPECT_EQ(c.advertised_listeners[0].host, "127.0.0.1");
}

TEST(ConfigListenerTest, SeveralPortZeroListenersAreAllowed) {
  auto c = parse_with_required("listeners=A://:0,B://:0\nlistener.security.protocol.map=A:PLAINTEXT,B:PLAINTEXT\n"
                               "inter.broker.listener.name=B\n")
               .config;
  EXPECT_EQ(c.listeners.size(), 2u);
}

TEST(ConfigListenerTest, LocalHostNameIsLookedUpOnlyWhenNeeded) {
  int calls = 0;
  auto counting = [&] {
    ++calls;
    return std::string("h");
  };
  parse_broker_config(parse_properties("broker.id=0\nzookeeper.connect=z:1\nlisteners=PLAINTEXT://x:1\n", "t"), counting);
  EXPECT_EQ(calls, 0);
  parse_broker_config(parse_properties("broker.id=0\nzookeeper.connect=z:1\n", "t"), counting);
  EXPECT_EQ(calls, 1);
}

TEST(ConfigListenerTest, RealLocalHostNameIsNotEmpty) { EXPECT_FALSE(canonical_local_hostname().empty()); }

}  // namespace
}  // namespace kb::brokerd
