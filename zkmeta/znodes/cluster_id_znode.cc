#include "zkmeta/znodes/cluster_id_znode.h"

#include <nlohmann/json.hpp>

#include "zkmeta/znodes/json_fields.h"

namespace kb::zkmeta::cluster_id_znode {

std::string encode(std::string_view cluster_id) {
  nlohmann::ordered_json j;
  j["version"] = "1";
  j["id"] = std::string(cluster_id);
  return j.dump();
}

result<std::string> decode(std::string_view data) {
  result<json_fields::json> j = json_fields::parse_object(data);
  if (!j) return j.error();
  return json_fields::string_field(j.value(), "id");
}

}  // namespace kb::zkmeta::cluster_id_znode
