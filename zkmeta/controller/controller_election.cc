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
    : zk_(zk), id_(id), ex_(std::move(ex)), cb_(std::move(cb)), now_ms_(std::move(now_ms)) {}

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

asio::awaitable<void> controller_election::contend() {
  uint64_t generation = generation_;
  auto watch = [this, generation](const watch_event& e) {
    if (generation == generation_) on_controller_event(e);
  };
  for (int attempt = 0; running_ && generation == generation_; ++attempt) {
    auto created = co_await zk_.create(controller_znode::path(), controller_znode::encode(id_, now_ms_()),
                                       create_mode::ephemeral);
    if (created) {
      auto epoch = co_await bump_epoch();
      if (!epoch) {
        // Another controller wrote the epoch between our create and our write: we lost.
        LOG(WARNING) << "Broker " << id_ << " won /controller but could not bump /controller_epoch ("
                     << epoch.error().message() << "); resigning";
        co_await zk_.remove(controller_znode::path());
        continue;
      }
      is_controller_ = true;
      set_controller(id_());
      LOG(INFO) << "Broker " << id_ << " elected as controller with epoch " << epoch.value().first;
      co_await zk_.exists(controller_znode::path(), watch);
      if (cb_.on_elected) cb_.on_elected(epoch.value().first, epoch.value().second);
      co_return;
    }
    if (created.error() == make_error_code(zk_errc::node_exists)) {
      auto current = co_await zk_.get(controller_znode::path(), watch);
      if (!current) continue;  // it vanished between create and get: race again
      auto info = current.value().data ? controller_znode::decode(*current.value().data)
                                       : result<controller_info>(make_error_code(zk_errc::marshalling_error));
      set_controller(info ? info.value().broker() : -1);
      co_return;
    }
    // Connection trouble: try again shortly (the session layer reconnects).
    LOG(WARNING) << "Controller election: " << created.error().message() << "; retrying";
    asio::steady_timer backoff(ex_, std::chrono::milliseconds(std::min(100 * (attempt + 1), 2000)));
    co_await backoff.async_wait(asio::use_awaitable);
  }
}

asio::awaitable<result<std::pair<controller_epoch, int32_t>>> controller_election::bump_epoch() {
  auto current = co_await zk_.get(controller_epoch_znode::path());
  if (!current && current.error() == make_error_code(zk_errc::no_node)) {
    // The first election ever: Kafka creates the epoch with 0, then sets it to 1.
    auto created = co_await zk_.create(controller_epoch_znode::path(),
                                       controller_epoch_znode::encode(controller_epoch_znode::initial_epoch));
    if (!created && created.error() != make_error_code(zk_errc::node_exists)) co_return created.error();
    current = co_await zk_.get(controller_epoch_znode::path());
  }
  if (!current) co_return current.error();
  if (!current.value().data) co_return make_error_code(zk_errc::marshalling_error);
  auto epoch = controller_epoch_znode::decode(*current.value().data);
  if (!epoch) co_return epoch.error();
  controller_epoch next{epoch.value()() + 1};
  auto written = co_await zk_.set(controller_epoch_znode::path(), controller_epoch_znode::encode(next),
                                  current.value().stat.version);
  if (!written) co_return written.error();
  co_return std::pair{next, written.value().version};
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
