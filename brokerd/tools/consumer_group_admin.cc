#include "brokerd/tools/consumer_group_admin.h"

#include <algorithm>
#include <memory>
#include <thread>

#include "brokerd/tools/admin_request.h"
#include "brokerd/tools/kafka_error_text.h"
#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

using clock_type = std::chrono::steady_clock;

// How long to wait before asking again about a group whose coordinator is not ready (Kafka's
// retry.backoff.ms).
constexpr std::chrono::milliseconds retry_backoff{100};

bool coordinator_not_ready(rd_kafka_resp_err_t err) {
  return err == RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS || err == RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE ||
         err == RD_KAFKA_RESP_ERR_NOT_COORDINATOR;
}

// The longest one attempt may take. librdkafka 2.0.2's admin calls ask FindCoordinator three
// times and then wait out their whole timeout when the coordinator is still getting ready
// (__consumer_offsets created by this very request, its partitions not yet led); a fresh
// attempt asks again, as Kafka's AdminClient keeps asking until its deadline.
constexpr std::chrono::milliseconds attempt_limit{1000};

// Whether an attempt that timed out may be made again: only for calls that change nothing
// (describe) or set the same state again (alter offsets). A delete that timed out may have
// been done, and a second one would report GROUP_ID_NOT_FOUND.
enum class on_timeout { retry, fail };

// Runs `attempt(attempt_timeout)` until it returns a code that is not a coordinator still
// getting ready (and, with on_timeout::retry, does not time out), or `timeout` has passed;
// returns the last code (or rethrows the last timeout).
template <class Attempt>
rd_kafka_resp_err_t retry_while_coordinator_not_ready(std::chrono::milliseconds timeout, on_timeout timeouts,
                                                      Attempt attempt) {
  const auto deadline = clock_type::now() + timeout;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock_type::now());
    const auto this_time = timeouts == on_timeout::retry ? std::max(std::chrono::milliseconds(1), std::min(left, attempt_limit))
                                                         : std::max(std::chrono::milliseconds(1), left);
    rd_kafka_resp_err_t err;
    try {
      err = attempt(this_time);
    } catch (const broker_error& e) {
      if (timeouts == on_timeout::fail || e.code() != RD_KAFKA_RESP_ERR__TIMED_OUT ||
          clock_type::now() + retry_backoff >= deadline) {
        throw;
      }
      err = RD_KAFKA_RESP_ERR__TIMED_OUT;
    }
    if (err != RD_KAFKA_RESP_ERR__TIMED_OUT && !coordinator_not_ready(err)) return err;
    if (clock_type::now() + retry_backoff >= deadline) return err;
    std::this_thread::sleep_for(retry_backoff);
  }
}

struct partition_list_deleter {
  void operator()(rd_kafka_topic_partition_list_t* p) const { rd_kafka_topic_partition_list_destroy(p); }
};
using partitions_ptr = std::unique_ptr<rd_kafka_topic_partition_list_t, partition_list_deleter>;

partitions_ptr to_list(const std::vector<kb::topic_partition>& partitions) {
  partitions_ptr list(rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size())));
  for (const auto& tp : partitions) rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition);
  return list;
}

kb::topic_partition tp_of(const rd_kafka_topic_partition_t& p) { return {p.topic, p.partition}; }

std::string state_name(rd_kafka_consumer_group_state_t state) { return rd_kafka_consumer_group_state_name(state); }

group_view to_view(const rd_kafka_ConsumerGroupDescription_t* d) {
  group_view g;
  g.group_id = rd_kafka_ConsumerGroupDescription_group_id(d);
  g.state = state_name(rd_kafka_ConsumerGroupDescription_state(d));
  if (const char* assignor = rd_kafka_ConsumerGroupDescription_partition_assignor(d)) g.partition_assignor = assignor;
  if (const rd_kafka_Node_t* node = rd_kafka_ConsumerGroupDescription_coordinator(d)) {
    g.coordinator.id = rd_kafka_Node_id(node);
    if (const char* host = rd_kafka_Node_host(node)) g.coordinator.host = host;
    g.coordinator.port = rd_kafka_Node_port(node);
  }
  const size_t members = rd_kafka_ConsumerGroupDescription_member_count(d);
  for (size_t i = 0; i < members; ++i) {
    const rd_kafka_MemberDescription_t* m = rd_kafka_ConsumerGroupDescription_member(d, i);
    group_member_view member;
    member.consumer_id = rd_kafka_MemberDescription_consumer_id(m);
    if (const char* instance = rd_kafka_MemberDescription_group_instance_id(m)) member.group_instance_id = instance;
    member.client_id = rd_kafka_MemberDescription_client_id(m);
    member.host = rd_kafka_MemberDescription_host(m);
    if (const rd_kafka_MemberAssignment_t* a = rd_kafka_MemberDescription_assignment(m)) {
      if (const rd_kafka_topic_partition_list_t* list = rd_kafka_MemberAssignment_partitions(a)) {
        for (int j = 0; j < list->cnt; ++j) member.assignment.push_back(tp_of(list->elems[j]));
      }
    }
    g.members.push_back(std::move(member));
  }
  return g;
}

// The one group result of a call about one group.
const rd_kafka_group_result_t* single_group(const rd_kafka_group_result_t** groups, size_t count) {
  if (count != 1) throw command_error("Expected the result of one group, got " + std::to_string(count));
  return groups[0];
}

rd_kafka_resp_err_t error_code_of(const rd_kafka_error_t* error) {
  return error ? rd_kafka_error_code(error) : RD_KAFKA_RESP_ERR_NO_ERROR;
}

}  // namespace

std::vector<std::string> consumer_group_admin::list_groups() {
  event_ptr ev = run_admin_request(rk_, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS, timeout_,
                                   [this](rd_kafka_AdminOptions_t* o, rd_kafka_queue_t* q) {
                                     rd_kafka_ListConsumerGroups(rk_, o, q);
                                   });
  const rd_kafka_ListConsumerGroups_result_t* result = rd_kafka_event_ListConsumerGroups_result(ev.get());
  size_t errors = 0;
  const rd_kafka_error_t** error = rd_kafka_ListConsumerGroups_result_errors(result, &errors);
  if (errors > 0) throw command_error(kafka_exception_text(rd_kafka_error_code(error[0])));
  size_t count = 0;
  const rd_kafka_ConsumerGroupListing_t** listings = rd_kafka_ListConsumerGroups_result_valid(result, &count);
  std::vector<std::string> out;
  for (size_t i = 0; i < count; ++i) out.emplace_back(rd_kafka_ConsumerGroupListing_group_id(listings[i]));
  return out;
}

std::vector<consumer_group_admin::described_group> consumer_group_admin::describe_groups(
    const std::vector<std::string>& groups) {
  std::vector<described_group> out;
  for (const std::string& group : groups) {
    described_group d;
    retry_while_coordinator_not_ready(timeout_, on_timeout::retry, [&](std::chrono::milliseconds attempt_timeout) {
      const char* names[] = {group.c_str()};
      event_ptr ev = run_admin_request(rk_, RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS, attempt_timeout,
                                       [&](rd_kafka_AdminOptions_t* o, rd_kafka_queue_t* q) {
                                         rd_kafka_DescribeConsumerGroups(rk_, names, 1, o, q);
                                       });
      size_t count = 0;
      const rd_kafka_ConsumerGroupDescription_t** described = rd_kafka_DescribeConsumerGroups_result_groups(
          rd_kafka_event_DescribeConsumerGroups_result(ev.get()), &count);
      if (count != 1) throw command_error("Expected the description of one group, got " + std::to_string(count));
      d.error = error_code_of(rd_kafka_ConsumerGroupDescription_error(described[0]));
      d.view = d.error ? group_view{group, "Unknown", "", {}, {}} : to_view(described[0]);
      return d.error;
    });
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<std::pair<kb::topic_partition, int64_t>> consumer_group_admin::committed_offsets(const std::string& group) {
  return offsets_.committed(group);
}

void consumer_group_admin::alter_offsets(const std::string& group,
                                         const std::vector<std::pair<kb::topic_partition, int64_t>>& offsets) {
  const rd_kafka_resp_err_t err = retry_while_coordinator_not_ready(
      timeout_, on_timeout::retry, [&](std::chrono::milliseconds attempt_timeout) {
    partitions_ptr list(rd_kafka_topic_partition_list_new(static_cast<int>(offsets.size())));
    for (const auto& [tp, offset] : offsets) {
      rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition)->offset = offset;
    }
    rd_kafka_AlterConsumerGroupOffsets_t* request = rd_kafka_AlterConsumerGroupOffsets_new(group.c_str(), list.get());
    event_ptr ev;
    try {
      ev = run_admin_request(rk_, RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS, attempt_timeout,
                             [&](rd_kafka_AdminOptions_t* o, rd_kafka_queue_t* q) {
                               rd_kafka_AlterConsumerGroupOffsets(rk_, &request, 1, o, q);
                             });
    } catch (...) {
      rd_kafka_AlterConsumerGroupOffsets_destroy(request);
      throw;
    }
    rd_kafka_AlterConsumerGroupOffsets_destroy(request);
    size_t count = 0;
    const rd_kafka_group_result_t** groups = rd_kafka_AlterConsumerGroupOffsets_result_groups(
        rd_kafka_event_AlterConsumerGroupOffsets_result(ev.get()), &count);
    const rd_kafka_group_result_t* g = single_group(groups, count);
    if (rd_kafka_resp_err_t e = error_code_of(rd_kafka_group_result_error(g))) return e;
    if (const rd_kafka_topic_partition_list_t* result = rd_kafka_group_result_partitions(g)) {
      for (int i = 0; i < result->cnt; ++i) {
        if (result->elems[i].err) return result->elems[i].err;
      }
    }
    return RD_KAFKA_RESP_ERR_NO_ERROR;
  });
  if (err) throw command_error(kafka_exception_text(err));
}

std::vector<std::pair<std::string, rd_kafka_resp_err_t>> consumer_group_admin::delete_groups(
    const std::vector<std::string>& groups) {
  std::vector<std::pair<std::string, rd_kafka_resp_err_t>> out;
  for (const std::string& group : groups) {
    const rd_kafka_resp_err_t err = retry_while_coordinator_not_ready(
        timeout_, on_timeout::fail, [&](std::chrono::milliseconds attempt_timeout) {
      rd_kafka_DeleteGroup_t* request = rd_kafka_DeleteGroup_new(group.c_str());
      event_ptr ev;
      try {
        ev = run_admin_request(rk_, RD_KAFKA_ADMIN_OP_DELETEGROUPS, attempt_timeout,
                               [&](rd_kafka_AdminOptions_t* o, rd_kafka_queue_t* q) {
                                 rd_kafka_DeleteGroups(rk_, &request, 1, o, q);
                               });
      } catch (...) {
        rd_kafka_DeleteGroup_destroy(request);
        throw;
      }
      rd_kafka_DeleteGroup_destroy(request);
      size_t count = 0;
      const rd_kafka_group_result_t** results =
          rd_kafka_DeleteGroups_result_groups(rd_kafka_event_DeleteGroups_result(ev.get()), &count);
      return error_code_of(rd_kafka_group_result_error(single_group(results, count)));
    });
    out.emplace_back(group, err);
  }
  return out;
}

consumer_group_admin::offset_deletion consumer_group_admin::delete_offsets(
    const std::string& group, const std::vector<kb::topic_partition>& partitions) {
  offset_deletion out;
  out.group_error = retry_while_coordinator_not_ready(
      timeout_, on_timeout::fail, [&](std::chrono::milliseconds attempt_timeout) {
    out.partitions.clear();
    partitions_ptr list = to_list(partitions);
    rd_kafka_DeleteConsumerGroupOffsets_t* request = rd_kafka_DeleteConsumerGroupOffsets_new(group.c_str(), list.get());
    event_ptr ev;
    try {
      ev = run_admin_request(rk_, RD_KAFKA_ADMIN_OP_DELETECONSUMERGROUPOFFSETS, attempt_timeout,
                             [&](rd_kafka_AdminOptions_t* o, rd_kafka_queue_t* q) {
                               rd_kafka_DeleteConsumerGroupOffsets(rk_, &request, 1, o, q);
                             });
    } catch (...) {
      rd_kafka_DeleteConsumerGroupOffsets_destroy(request);
      throw;
    }
    rd_kafka_DeleteConsumerGroupOffsets_destroy(request);
    size_t count = 0;
    const rd_kafka_group_result_t** groups = rd_kafka_DeleteConsumerGroupOffsets_result_groups(
        rd_kafka_event_DeleteConsumerGroupOffsets_result(ev.get()), &count);
    const rd_kafka_group_result_t* g = single_group(groups, count);
    if (rd_kafka_resp_err_t e = error_code_of(rd_kafka_group_result_error(g))) return e;
    if (const rd_kafka_topic_partition_list_t* result = rd_kafka_group_result_partitions(g)) {
      for (int i = 0; i < result->cnt; ++i) out.partitions.emplace_back(tp_of(result->elems[i]), result->elems[i].err);
    }
    return RD_KAFKA_RESP_ERR_NO_ERROR;
  });
  return out;
}

log_offsets consumer_group_admin::watermarks(const kb::topic_partition& tp) {
  int64_t low = -1;
  int64_t high = -1;
  const rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(rk_, tp.topic.c_str(), tp.partition, &low, &high,
                                                                   static_cast<int>(timeout_.count()));
  if (err) throw command_error(kafka_exception_text(err));
  return {low, high};
}

std::map<kb::topic_partition, int64_t> consumer_group_admin::offsets_for_times(
    const std::vector<kb::topic_partition>& partitions, int64_t timestamp_ms) {
  partitions_ptr list = to_list(partitions);
  for (int i = 0; i < list->cnt; ++i) list->elems[i].offset = timestamp_ms;
  const rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(rk_, list.get(), static_cast<int>(timeout_.count()));
  if (err) throw command_error(kafka_exception_text(err));
  std::map<kb::topic_partition, int64_t> out;
  for (int i = 0; i < list->cnt; ++i) {
    const rd_kafka_topic_partition_t& p = list->elems[i];
    if (p.err) throw command_error(kafka_exception_text(p.err));
    out[tp_of(p)] = p.offset;
  }
  return out;
}

cluster_view consumer_group_admin::metadata() { return fetch_cluster_metadata(rk_, timeout_); }

}  // namespace kb::tools
