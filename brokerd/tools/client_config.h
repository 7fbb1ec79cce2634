#pragma once

#include <filesystem>
#include <ostream>
#include <string>

#include "brokerd/tools/key_value_args.h"
#include "brokerd/tools/rdkafka_ptr.h"

namespace kb::tools {

// The properties a tool hands to its librdkafka client, assembled the way Kafka's tools
// assemble a Java client's Properties: a config file first (--command-config,
// --producer.config, --consumer.config), then --*-property k=v, then the tool's own flags,
// each later set() replacing an earlier one.
//
// Kafka's tools pass Java client property names; librdkafka knows most of them under the same
// name (bootstrap.servers, acks, linger.ms, batch.size, compression.type, client.id,
// request.timeout.ms, auto.offset.reset, ...). A name librdkafka does not know is skipped with
// the Java client's warning ("The configuration 'x' was supplied but isn't a known config."),
// not treated as an error, since it usually is a Java-only setting such as key.serializer.
class client_config {
 public:
  void set(const std::string& key, const std::string& value);
  void merge(const key_value_list& entries);
  // Reads a Java .properties file; throws command_error naming the file if it cannot.
  void merge_file(const std::filesystem::path& file);

  bool contains(const std::string& key) const { return find_value(entries_, key) != nullptr; }
  const std::string* get(const std::string& key) const { return find_value(entries_, key); }

  // Creates a client of `type`. Unknown property names are reported to `warnings` and
  // skipped; an invalid value, or a client that cannot be created, throws command_error with
  // librdkafka's explanation.
  client_ptr create(rd_kafka_type_t type, std::ostream& warnings) const;
  // As create(), for callers that must register callbacks on the conf first.
  conf_ptr build(std::ostream& warnings) const;

 private:
  key_value_list entries_;  // insertion order; set() replaces in place
};

// Creates the client from a conf that build() produced (takes ownership).
client_ptr create_client(rd_kafka_type_t type, conf_ptr conf);

}  // namespace kb::tools
