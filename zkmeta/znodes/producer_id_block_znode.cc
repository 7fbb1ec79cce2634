#include "zkmeta/znodes/producer_id_block_znode.h"

#include <nlohmann/json.hpp>

#include <limits>

#include "zkmeta/znodes/json_fields.h"

namespace kb::zkmeta::producer_id_block_znode {

std::string encode(const producer_id_block& block) {
  nlohmann::ordered_json j;
  j["version"] = 1;
  j["broker"] = block.broker();
  j["block_start"] = std::to_string(block.first_id);
  j["block_end"] = std::to_string(block.last_id());
  return j.dump();
}

result<producer_id_block> decode(std::string_view data) {
  result<json_fields::json> parsed = json_fields::parse_object(data);
  if (!parsed) return parsed.error();
  const json_fields::json& j = parsed.value();
  result<int32_t> broker = json_fields::int32_field(j, "broker");
  if (!broker) return broker.error();
  result<int64_t> start = json_fields::int64_or_string_field(j, "block_start");
  if (!start) return start.error();
  result<int64_t> end = json_fields::int64_or_string_field(j, "block_end");
  if (!end) return end.error();
  // end - start + 1 must be a positive int (Kafka: Math.toIntExact); compare without overflow.
  if (end.value() < start.value() ||
      static_cast<uint64_t>(end.value()) - static_cast<uint64_t>(start.value()) >=
          static_cast<uint64_t>(std::numeric_limits<int32_t>::max())) {
    return make_error_code(znode_errc::invalid_value);
  }
  producer_id_block block;
  block.broker = kb::broker_id(broker.value());
  block.first_id = start.value();
  block.size = static_cast<int32_t>(end.value() - start.value() + 1);
  return block;
}

}  // namespace kb::zkmeta::producer_id_block_znode
