#include "brokerd/handlers/init_producer_id_handler.h"

#include <glog/logging.h>

#include "brokerd/handlers/error_mapping.h"
#include "brokerd/protocol/messages/init_producer_id.h"

namespace kb::handlers {
namespace asio = boost::asio;
using protocol::error_code;

asio::awaitable<protocol::init_producer_id_response> handle_init_producer_id(
    zkmeta::producer_id_allocator& ids, const server::request_context& ctx, protocol::init_producer_id_request req) {
  protocol::init_producer_id_response resp;
  if (!req.transactional_id) {
    zkmeta::result<int64_t> id = co_await ids.next();
    if (id) {
      resp.producer_id = id.value();
      resp.producer_epoch = 0;
      VLOG(1) << "InitProducerId: producer id " << resp.producer_id << " for client "
              << ctx.header.client_id.value_or("");
    } else {
      resp.error_code = to_kafka_error_for_producer_ids(id.error());
      LOG_EVERY_N(WARNING, 100) << "InitProducerId: cannot reserve producer ids: " << id.error().message();
    }
  } else {
    resp.error_code =
        req.transactional_id->empty() ? error_code::invalid_request : error_code::coordinator_not_available;
    VLOG(1) << "InitProducerId: transactional id '" << *req.transactional_id
            << "' refused; this broker has no transaction coordinator";
  }
  if (resp.error_code != error_code::none) {
    resp.producer_id = -1;  // Kafka's NO_PRODUCER_ID and NO_PRODUCER_EPOCH
    resp.producer_epoch = -1;
  }
  co_return resp;
}

}  // namespace kb::handlers
