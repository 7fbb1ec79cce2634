#include "zkmeta/admin/producer_id_block.h"

#include <limits>
#include <string>

namespace kb::zkmeta {
namespace {

class category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "kb.producer_id"; }
  std::string message(int ev) const override {
    switch (static_cast<producer_id_errc>(ev)) {
      case producer_id_errc::exhausted: return "Have exhausted all producerIds.";
    }
    return "unknown producer id error " + std::to_string(ev);
  }
};

}  // namespace

const std::error_category& producer_id_category() {
  static const category instance;
  return instance;
}

awaitable<result<producer_id_block>> allocate_producer_id_block(zk_client& zk, kb::broker_id broker) {
  const std::string path = producer_id_block_znode::path();
  // Each failed round means another broker's write won, so the cluster as a whole progresses.
  for (;;) {
    result<get_result> current = co_await zk.get(path);
    if (!current && current.error() != zk_errc::no_node) co_return current.error();

    producer_id_block block;
    block.broker = broker;
    block.first_id = 0;
    if (current && current.value().data) {
      result<producer_id_block> previous = producer_id_block_znode::decode(*current.value().data);
      if (!previous) co_return previous.error();
      if (previous.value().last_id() > std::numeric_limits<int64_t>::max() - producer_id_block_size) {
        co_return make_error_code(producer_id_errc::exhausted);
      }
      block.first_id = previous.value().next_block_first_id();
    }
    const std::string data = producer_id_block_znode::encode(block);

    if (!current) {  // no znode at all: create it with the first block
      result<std::string> created = co_await zk.create(path, data);
      if (created) co_return block;
      if (created.error() != zk_errc::node_exists) co_return created.error();
      continue;
    }
    result<zk_stat> written = co_await zk.set(path, data, current.value().stat.version);
    if (written) co_return block;
    if (written.error() != zk_errc::bad_version && written.error() != zk_errc::no_node) co_return written.error();
  }
}

awaitable<result<int64_t>> producer_id_allocator::next() {
  if (!block_ || next_id_ > block_->last_id()) {
    result<producer_id_block> block = co_await allocate_producer_id_block(zk_, broker_);
    if (!block) co_return block.error();
    block_ = block.value();
    next_id_ = block_->first_id;
  }
  co_return next_id_++;
}

}  // namespace kb::zkmeta
