#include "brokerd/handlers/describe_log_dirs_handler.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace kb::handlers {
namespace asio = boost::asio;
namespace fs = std::filesystem;
using protocol::describe_log_dirs_response;
using protocol::error_code;

namespace {

constexpr int64_t invalid_offset_lag = -1;  // DescribeLogDirsResponse.INVALID_OFFSET_LAG

// As Java's File.getAbsolutePath names a configured dir, without a trailing separator.
std::string absolute_name(const fs::path& dir) {
  fs::path p = fs::absolute(dir).lexically_normal();
  if (!p.has_filename() && p.has_parent_path() && p != p.root_path()) p = p.parent_path();
  return p.string();
}

}  // namespace

asio::awaitable<describe_log_dirs_response> handle_describe_log_dirs(describe_log_dirs_deps& deps,
                                                                     const server::request_context&,
                                                                     protocol::describe_log_dirs_request req) {
  std::optional<std::set<topic_partition>> wanted;
  if (req.topics) {
    wanted.emplace();
    for (const auto& t : *req.topics) {
      for (int32_t p : t.partitions) wanted->insert({t.topic, p});
    }
  }
  describe_log_dirs_response resp;
  for (const log::log_manager::dir_view& dir : deps.logs.describe_dirs()) {
    auto& result = resp.results.emplace_back();
    result.log_dir = absolute_name(dir.path);
    if (dir.offline) {
      result.error_code = error_code::kafka_storage_error;
      continue;
    }
    std::error_code ec;
    const fs::space_info space = fs::space(dir.path, ec);
    if (!ec) {
      result.total_bytes = static_cast<int64_t>(space.capacity);
      result.usable_bytes = static_cast<int64_t>(space.available);
    }
    for (const log::partition_log* log : dir.logs) {  // sorted by partition, so by topic
      const topic_partition& tp = log->tp();
      if (wanted && !wanted->contains(tp)) continue;
      if (result.topics.empty() || result.topics.back().name != tp.topic) result.topics.push_back({tp.topic, {}});
      const cluster::partition* hosted = deps.replicas.get(tp);
      const int64_t lag = hosted ? std::max<int64_t>(hosted->high_watermark() - log->log_end_offset(), 0)
                                 : invalid_offset_lag;
      result.topics.back().partitions.push_back(
          {tp.partition, static_cast<int64_t>(log->size_bytes()), lag, false});
    }
  }
  co_return resp;
}

}  // namespace kb::handlers
