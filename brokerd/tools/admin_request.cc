#include "brokerd/tools/admin_request.h"

#include <string>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

// librdkafka answers every admin call by its request timeout; the extra wait only guards
// against a result that never comes.
constexpr std::chrono::milliseconds result_grace{5000};

}  // namespace

event_ptr run_admin_request(rd_kafka_t* rk, rd_kafka_admin_op_t op, std::chrono::milliseconds timeout,
                            const std::function<void(rd_kafka_AdminOptions_t*, rd_kafka_queue_t*)>& start) {
  admin_options_ptr options(rd_kafka_AdminOptions_new(rk, op));
  char errstr[512];
  const int timeout_ms = static_cast<int>(timeout.count());
  if (rd_kafka_AdminOptions_set_request_timeout(options.get(), timeout_ms, errstr, sizeof errstr)) {
    throw command_error(errstr);
  }
  // Only the calls that create or delete something take an operation timeout (how long the
  // broker waits for the change to complete); the others refuse it.
  if (op == RD_KAFKA_ADMIN_OP_CREATETOPICS || op == RD_KAFKA_ADMIN_OP_DELETETOPICS ||
      op == RD_KAFKA_ADMIN_OP_CREATEPARTITIONS) {
    if (rd_kafka_AdminOptions_set_operation_timeout(options.get(), timeout_ms, errstr, sizeof errstr)) {
      throw command_error(errstr);
    }
  }
  queue_ptr queue(rd_kafka_queue_new(rk));
  start(options.get(), queue.get());
  event_ptr event(rd_kafka_queue_poll(queue.get(), static_cast<int>((timeout + result_grace).count())));
  if (!event) throw command_error("Timed out waiting for a response from the cluster.");
  if (rd_kafka_event_error(event.get())) {
    throw broker_error(rd_kafka_event_error(event.get()), rd_kafka_event_error_string(event.get()));
  }
  return event;
}

}  // namespace kb::tools
