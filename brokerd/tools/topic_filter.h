#pragma once

#include <regex>
#include <string>

namespace kb::tools {

// Kafka's internal topics (org.apache.kafka.common.internals.Topic.isInternal).
bool is_internal_topic(const std::string& topic);

// Kafka's IncludeList (kafka.utils.TopicFilter): the --topic argument of kafka-topics and the
// --include argument of kafka-console-consumer are regular expressions that must match a whole
// topic name. Before compiling, the raw text is trimmed, ',' becomes '|', spaces are removed and
// leading/trailing quotes are dropped, so "a,b" means "a or b". A plain name matches itself
// (a '.' in it also matches any character, as in Kafka).
class topic_filter {
 public:
  // Throws command_error "<regex> is an invalid regex." for a pattern that does not compile.
  explicit topic_filter(const std::string& raw);

  bool allows(const std::string& topic, bool exclude_internal) const;
  const std::string& regex_text() const { return text_; }

 private:
  std::string text_;
  std::regex regex_;
};

}  // namespace kb::tools
