#include "zkmeta/controller/controller_election.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <glog/logging.h>

#include "zkmeta/znodes/controller_znode.h"

namespace kb::zkmeta {
namespace asio = boost::asio;

controller_election::controller_election(zk_client& zk, kb::broker_id id, asio::any_io_executor ex, callbacks cb,
                                         std::function<int64_t()> now_ms)
    : zk_(zk), until_connected_(ex, zk), id_(id), ex_(std::move(ex)), cb_(std::move(cb)), now_ms_(std::move(now_ms)) {}

void controller_election::start() {
  running_ = true;
  spawn_contend();
}

void controller_election::spawn_contend() {
  if (!running_) return;
  if (contending_) {
    recontend_ = true;
    return;
  }
  contending_ = true;
  asio::co_spawn(ex_, contend(), [this](std::exception_ptr e) {
    contending_ = false;
    if (e) {
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        LOG(ERROR) << "Controller election failed: " << ex.what();
      }
    }
    if (recontend_) {
      recontend_ = false;
      spawn_contend();
    }
  });
}

void controller_election::set_controller(int32_t id) {
  if (id == controller_id_) return;
  controller_id_ = id;
  if (cb_.on_controller_changed) cb_.on_controller_changed(id);
}

void controller_election::resign() {
  if (!is_controller_) return;
  is_controller_ = false;
  LOG(INFO) << "Broker " << id_ << " resigned as controller";
  if (cb_.on_resigned) cb_.on_resigned();
}

void controller_election::on_controller_event(const watch_event& e) {
  if (e.type == watch_event_type::deleted && is_controller_) resign();
  spawn_contend();
}

// Kafka's registerControllerAndIncrementControllerEpoch: /controller is created and
// /controller_epoch bumped in one multi, conditional on the epoch's dataVersion as read, so no
// reader ever sees a new controller beside the old epoch. Every request goes through
// until_connected_, as Kafka's through retryRequestUntilConnected: a multi whose answer was lost
// is sent again unchanged, and so are the reads that follow; finding /controller taken (or the
// epoch moved) then, it counts as won only if
// this session owns /controller (Kafka's checkControllerAndEpoch compares the broker id and the
// epoch; the session is the sharper test: a predecessor's ephemeral carries the same id).
asio::awaitable<void> controller_election::contend() {
  uint64_t generation = generation_;
  auto watch = [this, generation](const watch_event& e) {
    if (generation == generation_) on_controller_event(e);
  };
  for (int attempt = 0; running_ && generation == generation_; ++attempt) {
    auto current = co_await read_epoch();
    if (generation != generation_) co_return;
    if (!current) {
      LOG(WARNING) << "Controller election: reading " << controller_epoch_znode::path() << " failed: "
                   << current.error().message() << "; retrying";
      co_await backoff(attempt);
      continue;
    }
    const controller_epoch next{current.value().first() + 1};
    std::vector<zk_op> ops{create_op{controller_znode::path(), controller_znode::encode(id_, now_ms_()), create_mode::ephemeral},
                           set_op{controller_epoch_znode::path(), controller_epoch_znode::encode(next), current.value().second}};
    auto r = co_await until_connected_.multi_detailed(ops);
    if (generation != generation_) co_return;
    if (!r) {
      LOG(WARNING) << "Controller election: " << r.error().message() << "; retrying";
      co_await backoff(attempt);
      continue;
    }
    controller_epoch won = next;
    std::optional<int32_t> epoch_zk_version;
    if (r.value().applied()) epoch_zk_version = r.value().results[1].stat->version;
    if (!epoch_zk_version) {
      const zk_errc why = r.value().error();
      if (why != zk_errc::node_exists && why != zk_errc::bad_version) {
        LOG(WARNING) << "Controller election: " << to_string(why) << "; retrying";
        co_await backoff(attempt);
        continue;
      }
      // Someone else won, unless this broker's own multi went through before its answer was
      // lost. The reads are retried in place (until_connected_): restarting the attempt would
      // compute another epoch and take this broker's own /controller for a rival's.
      auto holder = co_await until_connected_.get(controller_znode::path(), watch);
      if (generation != generation_) co_return;
      if (!holder) {  // it vanished meanwhile (or ZooKeeper refused): race again
        co_await backoff(attempt);
        continue;
      }
      auto info = holder.value().data ? controller_znode::decode(*holder.value().data)
                                      : result<controller_info>(make_error_code(zk_errc::marshalling_error));
      const int32_t holder_id = info ? info.value().broker() : -1;
      // This session's own ephemeral: one of its multis was applied, and no other can bump the
      // epoch while that /controller exists, so the epoch there is the one it wrote.
      if (holder.value().stat.ephemeral_owner == until_connected_.session_id()) {
        auto written = co_await read_epoch();
        if (generation != generation_) co_return;
        if (written) {
          won = written.value().first;
          epoch_zk_version = written.value().second;
        }
      }
      if (!epoch_zk_version) {
        set_controller(holder_id);
        co_return;
      }
    }
    is_controller_ = true;
    set_controller(id_());
    LOG(INFO) << "Broker " << id_ << " elected as controller with epoch " << won;
    co_await until_connected_.exists(controller_znode::path(), watch);
    if (cb_.on_elected) cb_.on_elected(won, *epoch_zk_version);
    co_return;
  }
}

asio::awaitable<void> controller_election::backoff(int attempt) {
  asio::steady_timer pause(ex_, std::chrono::milliseconds(std::min(100 * (attempt + 1), 2000)));
  co_await pause.async_wait(asio::use_awaitable);
}

asio::awaitable<result<std::pair<controller_epoch, int32_t>>> controller_election::read_epoch() {
  auto current = co_await until_connected_.get(controller_epoch_znode::path());
  if (!current && current.error() == make_error_code(zk_errc::no_node)) {
    // The first election ever: Kafka creates the epoch with 0 (maybeCreateControllerEpochZNode).
    auto created = co_await until_connected_.create(controller_epoch_znode::path(),
                                       controller_epoch_znode::encode(controller_epoch_znode::initial_epoch));
    if (!created && created.error() != make_error_code(zk_errc::node_exists)) co_return created.error();
    current = co_await until_connected_.get(controller_epoch_znode::path());
  }
  if (!current) co_return current.error();
  if (!current.value().data) co_return make_error_code(zk_errc::marshalling_error);
  auto epoch = controller_epoch_znode::decode(*current.value().data);
  if (!epoch) co_return epoch.error();
  co_return std::pair{epoch.value(), current.value().stat.version};
}

asio::awaitable<void> controller_election::stop() {
  running_ = false;
  ++generation_;
  if (is_controller_) {
    resign();
    co_await zk_.remove(controller_znode::path());
  }
}

void controller_election::on_session_lost() {
  ++generation_;
  resign();
  set_controller(-1);
}

}  // namespace kb::zkmeta
