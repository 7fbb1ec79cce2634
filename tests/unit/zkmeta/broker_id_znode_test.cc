// /brokers/ids/<id>: v5 JSON byte for byte as Kafka's Scala 2.13 build writes it, and decoding
// of every registration version Kafka ever wrote.
#include "zkmeta/znodes/broker_id_znode.h"

#include <gtest/gtest.h>

namespace kb::zkmeta {
namespace {

broker_info kafka_1() {
  broker_info b;
  b.id = kb::broker_id{1};
  b.endpoints = {{"PLAINTEXT", "PLAINTEXT", "kafka-1", 9092}};
  b.timestamp_ms = 1'647'406'227'247;
  return b;
}

TEST(BrokerIdZnodeTest, PathIsUnderBrokersIds) {
  EXPECT_EQ(broker_id_znode::path(kb::broker_id{0}), "/brokers/ids/0");
  EXPECT_EQ(broker_ids_znode::path(), "/brokers/ids");
}

TEST(BrokerIdZnodeTest, EncodesKafka213GoldenBytes) {
  EXPECT_EQ(broker_id_znode::encode(kafka_1()),
            R"({"features":{},"listener_security_protocol_map":{"PLAINTEXT":"PLAINTEXT"},)"
            R"("endpoints":["PLAINTEXT://kafka-1:9092"],"jmx_port":-1,"port":9092,"host":"kafka-1",)"
            R"("version":5,"timestamp":"1647406227247"})");
}

TEST(BrokerIdZnodeTest, RackGoesBetweenEndpointsAndJmxPort) {
  broker_info b = kafka_1();
  b.endpoints = {{"PLAINTEXT", "PLAINTEXT", "h", 9092}};
  b.rack = "r1";
  b.timestamp_ms = 5;
  EXPECT_EQ(broker_id_znode::encode(b),
            R"({"features":{},"listener_security_protocol_map":{"PLAINTEXT":"PLAINTEXT"},)"
            R"("endpoints":["PLAINTEXT://h:9092"],"rack":"r1","jmx_port":-1,"port":9092,"host":"h",)"
            R"("version":5,"timestamp":"5"})");
}

TEST(BrokerIdZnodeTest, HostAndPortComeFromTheFirstPlaintextEndpoint) {
  broker_info b = kafka_1();
  b.endpoints = {{"INTERNAL", "SSL", "10.0.0.1", 9093}, {"EXTERNAL", "PLAINTEXT", "ext", 9094}};
  b.jmx_port = 9999;
  EXPECT_EQ(broker_id_znode::encode(b),
            R"({"features":{},"listener_security_protocol_map":{"INTERNAL":"SSL","EXTERNAL":"PLAINTEXT"},)"
            R"("endpoints":["INTERNAL://10.0.0.1:9093","EXTERNAL://ext:9094"],"jmx_port":9999,"port":9094,)"
            R"("host":"ext","version":5,"timestamp":"1647406227247"})");
}

TEST(BrokerIdZnodeTest, NoPlaintextEndpointWritesNullHostAndMinusOnePort) {
  broker_info b = kafka_1();
  b.endpoints = {{"SECURE", "SSL", "s", 9093}};
  const std::string json = broker_id_znode::encode(b);
  EXPECT_NE(json.find(R"("port":-1,"host":null,)"), std::string::npos) << json;
}

TEST(BrokerIdZnodeTest, Ipv6HostsAreBracketed) {
  broker_info b = kafka_1();
  b.endpoints = {{"PLAINTEXT", "PLAINTEXT", "::1", 9092}};
  const std::string json = broker_id_znode::encode(b);
  EXPECT_NE(json.find(R"("endpoints":["PLAINTEXT://[::1]:9092"])"), std::string::npos) << json;
  EXPECT_EQ(broker_id_znode::decode(kb::broker_id{1}, json).value(), b);
}

TEST(BrokerIdZnodeTest, RoundTrips) {
  broker_info b = kafka_1();
  b.endpoints.push_back({"REPLICATION", "SASL_SSL", "r.example", 9095});
  b.rack = "eu-1a";
  b.features["metadata.version"] = {1, 7};
  auto decoded = broker_id_znode::decode(b.id, broker_id_znode::encode(b));
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_EQ(decoded.value(), b);
}

TEST(BrokerIdZnodeTest, DecodesTheScala212KeyOrder) {
  auto b = broker_id_znode::decode(
      kb::broker_id{1},
      R"({"listener_security_protocol_map":{"PLAINTEXT":"PLAINTEXT"},"endpoints":["PLAINTEXT://kafka-1:9092"],)"
      R"("jmx_port":-1,"features":{},"host":"kafka-1","timestamp":"1647406227247","port":9092,"version":5})");
  ASSERT_TRUE(b);
  EXPECT_EQ(b.value(), kafka_1());
}

TEST(BrokerIdZnodeTest, DecodesVersionOneAsOnePlaintextEndpoint) {
  auto b = broker_id_znode::decode(
      kb::broker_id{3}, R"({"jmx_port":-1,"timestamp":"1400000000000","host":"old","version":1,"port":9092})");
  ASSERT_TRUE(b);
  EXPECT_EQ(b.value().version, 1);
  EXPECT_EQ(b.value().endpoints, (std::vector<broker_endpoint>{{"PLAINTEXT", "PLAINTEXT", "old", 9092}}));
  EXPECT_EQ(b.value().timestamp_ms, 1'400'000'000'000);
}

// Found by fuzz_znodes: a v1 port past 65535 was accepted, then written as an endpoint that
// no longer decoded.
TEST(BrokerIdZnodeTest, VersionOnePortOutsideTheTcpRangeIsInvalid) {
  EXPECT_EQ(broker_id_znode::decode(kb::broker_id{3}, R"({"host":"old","version":1,"port":87738})").error(),
            znode_errc::invalid_value);
  EXPECT_EQ(broker_id_znode::decode(kb::broker_id{3}, R"({"host":"old","version":1,"port":-2})").error(),
            znode_errc::invalid_value);
}

TEST(BrokerIdZnodeTest, DecodesVersionTwoListenersNamedAfterTheirProtocol) {
  auto b = broker_id_znode::decode(
      kb::broker_id{3},
      R"({"jmx_port":-1,"timestamp":"1","endpoints":["PLAINTEXT://h:9092","SSL://h:9093"],"host":"h",)"
      R"("version":2,"port":9092})");
  ASSERT_TRUE(b);
  EXPECT_EQ(b.value().endpoints, (std::vector<broker_endpoint>{{"PLAINTEXT", "PLAINTEXT", "h", 9092},
                                                               {"SSL", "SSL", "h", 9093}}));
}

TEST(BrokerIdZnodeTest, DecodesVersionFourWithRackAndNoFeatures) {
  auto b = broker_id_znode::decode(
      kb::broker_id{2},
      R"({"listener_security_protocol_map":{"CLIENT":"SASL_PLAINTEXT"},"endpoints":["CLIENT://c:9092"],)"
      R"("rack":"r2","jmx_port":7071,"host":null,"timestamp":"9","port":-1,"version":4})");
  ASSERT_TRUE(b);
  EXPECT_EQ(b.value().version, 4);
  EXPECT_EQ(b.value().rack, "r2");
  EXPECT_EQ(b.value().jmx_port, 7071);
  EXPECT_EQ(b.value().endpoints, (std::vector<broker_endpoint>{{"CLIENT", "SASL_PLAINTEXT", "c", 9092}}));
}

TEST(BrokerIdZnodeTest, MalformedPayloadsAreErrorsNotExceptions) {
  const kb::broker_id id{1};
  EXPECT_EQ(broker_id_znode::decode(id, "not json").error(), znode_errc::malformed);
  EXPECT_EQ(broker_id_znode::decode(id, "[1,2]").error(), znode_errc::malformed);
  EXPECT_EQ(broker_id_znode::decode(id, R"({"endpoints":[]})").error(), znode_errc::missing_field);
  EXPECT_EQ(broker_id_znode::decode(id, R"({"version":"5","endpoints":[]})").error(), znode_errc::wrong_type);
  EXPECT_EQ(broker_id_znode::decode(id, R"({"version":5})").error(), znode_errc::missing_field);
  EXPECT_EQ(broker_id_znode::decode(id, R"({"version":5,"endpoints":["nohost"]})").error(), znode_errc::invalid_value);
  EXPECT_EQ(broker_id_znode::decode(id, R"({"version":5,"endpoints":["PLAINTEXT://h:99999"]})").error(),
            znode_errc::invalid_value);
  EXPECT_EQ(broker_id_znode::decode(id, R"({"version":5,"endpoints":["X://h:1"],"listener_security_protocol_map":{}})")
                .error(),
            znode_errc::invalid_value);
  EXPECT_EQ(broker_id_znode::decode(id, R"({"version":5,"endpoints":[],"timestamp":"12x"})").error(),
            znode_errc::invalid_value);
  EXPECT_EQ(broker_id_znode::decode(id, R"({"version":5,"endpoints":[],"features":[]})").error(),
            znode_errc::wrong_type);
}

}  // namespace
}  // namespace kb::zkmeta
