#include "brokerd/tools/reassignment_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <sstream>

#include "brokerd/tools/comma_lists.h"
#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

using json = nlohmann::json;

// Kafka's DecodeJson failures ("Expected `Int` value, received \"x\"").
std::string received(const json& value) { return value.dump(); }

const json& field(const json& obj, const std::string& name) {
  auto it = obj.find(name);
  if (it == obj.end()) throw command_error("No such field exists: `" + name + "`");
  return *it;
}

int32_t to_int(const json& value) {
  if (!value.is_number_integer() || value.get<int64_t>() < INT32_MIN || value.get<int64_t>() > INT32_MAX) {
    throw command_error("Expected `Int` value, received " + received(value));
  }
  return value.get<int32_t>();
}

std::string to_string(const json& value) {
  if (!value.is_string()) throw command_error("Expected `String` value, received " + received(value));
  return value.get<std::string>();
}

const json& to_array(const json& value) {
  if (!value.is_array()) throw command_error("Expected JSON array, received " + received(value));
  return value;
}

const json& to_object(const json& value) {
  if (!value.is_object()) throw command_error("Expected JSON object, received " + received(value));
  return value;
}

json parse(const std::string& text) {
  json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) throw command_error("The input string is not a valid JSON");
  return parsed;
}

// Kafka's version check: absent means 1; anything else is refused.
void check_version(const json& j) {
  if (!j.is_object()) return;
  auto it = j.find("version");
  if (it == j.end()) return;
  int32_t version = to_int(*it);
  if (version != 1) throw command_error("Not supported version field value " + std::to_string(version));
}

// A Scala List's toString, as Kafka's messages print them: "List(1, 2)".
template <class T>
std::string scala_list(const std::vector<T>& items) {
  std::ostringstream out;
  out << "List(";
  for (size_t i = 0; i < items.size(); ++i) out << (i ? ", " : "") << items[i];
  out << ")";
  return out.str();
}

std::string tp_name(const kb::topic_partition& tp) { return tp.topic + "-" + std::to_string(tp.partition); }

}  // namespace

reassignment_file parse_reassignment_json(const std::string& text) {
  const json j = parse(text);
  check_version(j);
  reassignment_file out;
  if (!j.is_object() || !j.contains("partitions")) return out;
  for (const json& p : to_array(j.at("partitions"))) {
    to_object(p);
    const std::string topic = to_string(field(p, "topic"));
    const int32_t partition = to_int(field(p, "partition"));
    std::vector<int32_t> replicas;
    for (const json& r : to_array(field(p, "replicas"))) replicas.push_back(to_int(r));
    std::vector<std::string> dirs(replicas.size(), "any");
    if (auto it = p.find("log_dirs"); it != p.end()) {
      dirs.clear();
      for (const json& d : to_array(*it)) dirs.push_back(to_string(d));
    }
    kb::topic_partition tp{topic, partition};
    if (dirs.size() != replicas.size()) {
      throw command_error("Size of replicas list " + scala_list(replicas) + " is different from size of log dirs list " +
                          scala_list(dirs) + " for partition " + tp_name(tp));
    }
    for (size_t i = 0; i < replicas.size(); ++i) {
      if (dirs[i] != "any") out.log_dirs[tp_name(tp) + "-" + std::to_string(replicas[i])] = dirs[i];
    }
    out.partitions.emplace_back(std::move(tp), std::move(replicas));
  }
  return out;
}

partition_replicas validate_execute_targets(const reassignment_file& file) {
  if (file.partitions.empty()) throw command_error("Partition reassignment list cannot be empty");
  for (const auto& [tp, replicas] : file.partitions) {
    if (replicas.empty()) throw command_error("Partition replica list cannot be empty");
  }
  std::vector<std::string> duplicate_partitions;
  std::set<kb::topic_partition> seen;
  for (const auto& [tp, _] : file.partitions) {
    if (!seen.insert(tp).second && std::find(duplicate_partitions.begin(), duplicate_partitions.end(), tp_name(tp)) ==
                                       duplicate_partitions.end()) {
      duplicate_partitions.push_back(tp_name(tp));
    }
  }
  if (!duplicate_partitions.empty()) {
    std::string list;
    for (const auto& d : duplicate_partitions) list += (list.empty() ? "" : ",") + d;
    throw command_error("Partition reassignment contains duplicate topic partitions: " + list);
  }
  std::vector<std::string> duplicate_entries;
  for (const auto& [tp, replicas] : file.partitions) {
    std::vector<int32_t> dups;
    std::set<int32_t> ids;
    for (int32_t r : replicas) {
      if (!ids.insert(r).second && std::find(dups.begin(), dups.end(), r) == dups.end()) dups.push_back(r);
    }
    if (!dups.empty()) duplicate_entries.push_back(tp_name(tp) + " contains multiple entries for " + join_ids(dups));
  }
  if (!duplicate_entries.empty()) {
    std::string list;
    for (const auto& d : duplicate_entries) list += (list.empty() ? "" : ". ") + d;
    throw command_error("Partition replica lists may not contain duplicate entries: " + list);
  }
  partition_replicas out;
  for (const auto& [tp, replicas] : file.partitions) out[tp] = replicas;
  return out;
}

std::vector<std::string> parse_topics_to_move(const std::string& text) {
  const json j = parse(text);
  check_version(j);
  std::vector<std::string> topics;
  if (j.is_object() && j.contains("topics")) {
    for (const json& t : to_array(j.at("topics"))) topics.push_back(to_string(field(to_object(t), "topic")));
  }
  std::vector<std::string> dups;
  std::set<std::string> seen;
  for (const auto& t : topics) {
    if (!seen.insert(t).second && std::find(dups.begin(), dups.end(), t) == dups.end()) dups.push_back(t);
  }
  if (!dups.empty()) {
    std::string list;
    for (const auto& d : dups) list += (list.empty() ? "" : ",") + d;
    throw command_error("List of topics to reassign contains duplicate entries: " + list);
  }
  return topics;
}

std::vector<int32_t> parse_broker_list(const std::string& text) {
  std::vector<int32_t> brokers;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    size_t used = 0;
    int32_t id = 0;
    try {
      id = std::stoi(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != item.size()) throw command_error("For input string: \"" + item + "\"");
    brokers.push_back(id);
  }
  std::vector<int32_t> dups;
  std::set<int32_t> seen;
  for (int32_t b : brokers) {
    if (!seen.insert(b).second && std::find(dups.begin(), dups.end(), b) == dups.end()) dups.push_back(b);
  }
  if (!dups.empty()) throw command_error("Broker list contains duplicate entries: " + join_ids(dups));
  return brokers;
}

std::string format_reassignment_json(const partition_replicas& partitions) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& [tp, replicas] : partitions) {  // std::map: sorted by topic, then partition
    nlohmann::ordered_json entry;
    entry["topic"] = tp.topic;
    entry["partition"] = tp.partition;
    entry["replicas"] = replicas;
    entry["log_dirs"] = std::vector<std::string>(replicas.size(), "any");
    list.push_back(std::move(entry));
  }
  nlohmann::ordered_json j;
  j["version"] = 1;
  j["partitions"] = std::move(list);
  return j.dump();
}

std::string current_assignment_text(const partition_replicas& proposed, const partition_replicas& current) {
  partition_replicas shown;
  for (const auto& [tp, replicas] : current) {
    if (proposed.count(tp)) shown[tp] = replicas;
  }
  return "Current partition replica assignment\n\n" + format_reassignment_json(shown) +
         "\n\nSave this to use as the --reassignment-json-file option during rollback";
}

std::string started_text(const partition_replicas& proposed) {
  std::string list;
  for (const auto& [tp, _] : proposed) list += (list.empty() ? "" : ",") + tp_name(tp);
  return std::string("Successfully started partition reassignment") + (proposed.size() == 1 ? "" : "s") + " for " +
         list;
}

std::string reassignment_status_text(const std::map<kb::topic_partition, reassignment_state>& states,
                                     bool zookeeper_wording) {
  std::string out = "Status of partition reassignment:";
  for (const auto& [tp, state] : states) {
    out += "\n";
    if (!state.done) {
      out += "Reassignment of partition " + tp_name(tp) + " is still in progress.";
    } else if (state.current == state.target) {
      out += "Reassignment of partition " + tp_name(tp) + (zookeeper_wording ? " is complete." : " is completed.");
    } else {
      out += "There is no active reassignment of partition " + tp_name(tp) + ", but replica set is " +
             join_ids(state.current) + " rather than " + join_ids(state.target) + ".";
    }
  }
  return out;
}

std::string list_text(const std::map<kb::topic_partition, ongoing_reassignment>& reassignments) {
  if (reassignments.empty()) return "No partition reassignments found.";
  std::string out = "Current partition reassignments:";
  for (const auto& [tp, r] : reassignments) {
    out += "\n" + tp_name(tp) + ": replicas: " + join_ids(r.replicas) + ".";
    if (!r.adding.empty()) out += " adding: " + join_ids(r.adding) + ".";
    if (!r.removing.empty()) out += " removing: " + join_ids(r.removing) + ".";
  }
  return out;
}

std::string cancelled_text(const std::vector<kb::topic_partition>& cancelled) {
  std::string list;
  for (const auto& tp : cancelled) list += (list.empty() ? "" : ",") + tp_name(tp);
  return std::string("Successfully cancelled partition reassignment") + (cancelled.size() == 1 ? "" : "s") +
         " for: " + list;
}

std::string clearing_throttles_text(const std::vector<int32_t>& brokers, const std::vector<std::string>& topics) {
  std::string topic_list;
  for (const auto& t : topics) topic_list += (topic_list.empty() ? "" : ",") + t;
  return std::string("Clearing broker-level throttles on broker") + (brokers.size() == 1 ? "" : "s") + " " +
         join_ids(brokers) + "\nClearing topic-level throttles on topic" + (topics.size() == 1 ? "" : "s") + " " +
         topic_list;
}

}  // namespace kb::tools
