#include "brokerd/broker.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <glog/logging.h>

#include <chrono>
#include <cstdlib>
#include <random>

#include "brokerd/broker_state_metrics.h"
#include "brokerd/cluster/follower_view.h"
#include "brokerd/cluster/isr_manager.h"
#include "brokerd/cluster/list_offsets_replica_probe.h"
#include "brokerd/cluster/log_dir_failure_handler.h"
#include "brokerd/cluster/metadata_applier.h"
#include "brokerd/cluster/metadata_cache.h"
#include "brokerd/cluster/replica_manager.h"
#include "brokerd/cluster/zk_topic_admin.h"
#include "brokerd/handlers/broker_apis.h"
#include "brokerd/handlers/broker_services.h"
#include "brokerd/handlers/elect_leaders_handler.h"
#include "brokerd/handlers/group_services.h"
#include "brokerd/group/group_coordinator.h"
#include "brokerd/group/group_store.h"
#include "brokerd/group/partition_offsets_log.h"
#include "brokerd/cluster/replica_observer.h"
#include "brokerd/metrics/broker_metrics.h"
#include "brokerd/metrics/metrics_http_server.h"
#include "brokerd/metrics/metrics_registry.h"
#include "brokerd/server/listener.h"
#include "log/log_manager.h"
#include "log/wall_clock.h"
#include "brokerd/protocol/messages/controlled_shutdown.h"
#include "replication/broker_connection.h"
#include "replication/fetcher_manager.h"
#include "zkmeta/broker_registration.h"
#include "zkmeta/controller/controller.h"
#include "zkmeta/controller/controller_election.h"
#include "zkmeta/metadata_watcher.h"
#include "zkmeta/paths.h"
#include "zkmeta/retrying_zk_client.h"
#include "zkmeta/runtime/system_clock.h"
#include "zkmeta/runtime/task_end.h"
#include "zkmeta/znodes/cluster_id_znode.h"
#include "zkmeta/zk_session.h"
#include "zkmeta/zk_session_lease.h"

namespace kb {
namespace asio = boost::asio;
using asio::awaitable;
using std::chrono::milliseconds;

namespace {

// A random v4 UUID as URL-safe base64 without padding (22 characters), as Kafka's cluster id.
std::string random_cluster_id() {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::random_device rd;
  unsigned char b[16];
  for (auto& c : b) c = static_cast<unsigned char>(rd());
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  std::string out;
  for (int i = 0; i < 16; i += 3) {
    uint32_t n = static_cast<uint32_t>(b[i]) << 16;
    if (i + 1 < 16) n |= static_cast<uint32_t>(b[i + 1]) << 8;
    if (i + 2 < 16) n |= b[i + 2];
    int chars = i + 2 < 16 ? 4 : (i + 1 < 16 ? 3 : 2);
    for (int k = 0; k < chars; ++k) out += alphabet[(n >> (18 - 6 * k)) & 0x3f];
  }
  return out;
}

replication::fetcher_settings fetcher_settings_from(const brokerd::broker_config& c) {
  replication::fetcher_settings s;
  s.local_broker_id = c.broker_id();
  s.max_wait_ms = c.replica_fetch_wait_max_ms;
  s.min_bytes = c.replica_fetch_min_bytes;
  s.partition_max_bytes = c.replica_fetch_max_bytes;
  s.response_max_bytes = c.replica_fetch_response_max_bytes;
  s.backoff = milliseconds(c.replica_fetch_backoff_ms);
  return s;
}

zkmeta::controller_settings controller_settings_from(const brokerd::broker_config& c) {
  zkmeta::controller_settings s;
  s.unclean_leader_election = c.unclean_leader_election_enable;
  s.auto_leader_rebalance = c.auto_leader_rebalance_enable;
  s.leader_imbalance_check_interval = std::chrono::seconds(c.leader_imbalance_check_interval_seconds);
  s.leader_imbalance_per_broker_percentage = c.leader_imbalance_per_broker_percentage;
  return s;
}

group::group_config group_config_from(const brokerd::broker_config& c) {
  group::group_config g;
  g.min_session_timeout_ms = c.group_min_session_timeout_ms;
  g.max_session_timeout_ms = c.group_max_session_timeout_ms;
  g.max_size = c.group_max_size;
  g.initial_rebalance_delay_ms = c.group_initial_rebalance_delay_ms;
  g.offsets_topic_num_partitions = c.offsets_topic_num_partitions;
  g.offsets_topic_replication_factor = c.offsets_topic_replication_factor;
  g.offsets_topic_segment_bytes = c.offsets_topic_segment_bytes;
  g.offsets_retention_ms = int64_t{c.offsets_retention_minutes} * 60 * 1000;
  g.offsets_retention_check_interval_ms = c.offsets_retention_check_interval_ms;
  g.offsets_commit_timeout_ms = c.offsets_commit_timeout_ms;
  g.offset_metadata_max_bytes = c.offset_metadata_max_bytes;
  g.offsets_load_buffer_size = c.offsets_load_buffer_size;
  return g;
}

// Where the controller's decisions about local replicas go: a follower follows its leader
// (a leader or an offline partition fetches nothing), and the group coordinator takes over
// the __consumer_offsets partitions this broker leads and lets go of the others; a deleted
// topic's committed offsets and metric series go with it.
class replica_events final : public cluster::replica_observer {
 public:
  replica_events(cluster::replica_manager& replicas, const cluster::metadata_cache& metadata,
                 replication::fetcher_manager& fetchers, group::group_coordinator& coordinator,
                 metrics::broker_metrics& metrics)
      : replicas_(replicas), metadata_(metadata), fetchers_(fetchers), coordinator_(coordinator), metrics_(metrics) {}

  void on_leadership_change(const topic_partition& tp) override {
    cluster::partition* p = replicas_.get(tp);
    if (p && !p->is_leader() && p->state().leader >= 0) {
      fetchers_.follow(tp, p->state().leader, p->leader_epoch());
    } else {
      fetchers_.unfollow(tp);
    }
    if (tp.topic != group::offsets_topic) return;
    if (const cluster::topic_info* t = metadata_.topic(tp.topic)) {
      coordinator_.use_offsets_partition_count(static_cast<int32_t>(t->assignment.size()));
    }
    if (p && p->is_leader()) {
      coordinator_.on_election(tp.partition);
    } else {
      coordinator_.on_resignation(tp.partition);
    }
  }

  void on_topic_deleted(const std::string& topic, int32_t partitions) override {
    std::vector<topic_partition> gone;
    for (int32_t i = 0; i < partitions; ++i) gone.push_back({topic, i});
    coordinator_.on_partitions_deleted(gone);
    metrics_.forget_topic(topic);
  }

 private:
  cluster::replica_manager& replicas_;
  const cluster::metadata_cache& metadata_;
  replication::fetcher_manager& fetchers_;
  group::group_coordinator& coordinator_;
  metrics::broker_metrics& metrics_;
};

cluster::topic_defaults topic_defaults_from(const brokerd::broker_config& c) {
  cluster::topic_defaults d;
  d.log = c.to_log_config();
  d.min_insync_replicas = c.min_insync_replicas;
  d.unclean_leader_election = c.unclean_leader_election_enable;
  return d;
}

}  // namespace

struct broker::parts {
  parts(asio::io_context& io, brokerd::broker_config c)
      : io(io),
        config(std::move(c)),
        zk(io.get_executor(), zkmeta::zk_config{config.zookeeper.to_string(),
                                                milliseconds(config.zookeeper_session_timeout_ms),
                                                milliseconds(config.zookeeper_connection_timeout_ms)}),
        zk_until_connected(io.get_executor(), zk),
        log_dir_failures(config.log_dirs, config.broker_id, zk_until_connected, io.get_executor(),
                         [this] { halt_for_failed_log_dirs(); }),
        logs(config.log_dirs, config.to_log_config(), &log_dir_failures),
        defaults(topic_defaults_from(config)),
        clock(io.get_executor()),
        lease(zk, clock, io.get_executor()),
        topic_waiters(clock),
        replicas(logs, config.broker_id(), clock),
        events(replicas, metadata, fetchers, coordinator, request_metrics),
        applier(metadata, replicas, defaults, topic_waiters, events, config.inter_broker_listener_name,
                wall_clock_ms),
        watcher(zk_until_connected, io.get_executor(), applier.listener()),
        controller(zk_until_connected, config.broker_id, io.get_executor(), controller_settings_from(config)),
        admin(zk, config.num_partitions, static_cast<int16_t>(config.default_replication_factor),
              config.delete_topic_enable),
        request_metrics(clock),
        services{replicas, metadata, admin, settings, defaults, clock, lease, topic_waiters, request_metrics},
        followers(replicas, wall_clock_ms),
        isr(replicas, zk_until_connected, io.get_executor(), config.replica_lag_time_max_ms, wall_clock_ms),
        fetchers(io.get_executor(), followers, fetcher_settings_from(config),
                 [this](int32_t broker) { return metadata.address_of(broker); },
                 milliseconds(config.replica_socket_timeout_ms)) {
    settings.broker_id = config.broker_id();
    settings.auto_create_topics = config.auto_create_topics_enable;
    settings.num_partitions = config.num_partitions;
    settings.default_replication_factor = static_cast<int16_t>(config.default_replication_factor);
    settings.message_max_bytes = config.message_max_bytes;
    controller.probe_replicas_with(&replica_probe);
    replicas.on_follower_caught_up = [this](const topic_partition& tp, int32_t follower) {
      isr.on_follower_caught_up(tp, follower);
    };
  }

  asio::io_context& io;
  brokerd::broker_config config;
  zkmeta::zk_session zk;
  // For the controller, the metadata watcher, the ISR writes and log dir events: requests that
  // meet a connection loss are sent again once reconnected (Kafka's KafkaZkClient), instead of
  // being dropped halfway.
  zkmeta::retrying_zk_client zk_until_connected;
  // Told by `logs`; tells the controller, or halts when no dir is left.
  cluster::log_dir_failure_handler log_dir_failures;
  log::log_manager logs;
  cluster::topic_defaults defaults;
  cluster::metadata_cache metadata;
  kb::system_clock_source clock;
  zkmeta::zk_session_lease lease;  // whether this broker may still lead (see zk_session_lease.h)
  kb::delayed_operations<std::string> topic_waiters;  // admin requests waiting on a topic's metadata
  cluster::replica_manager replicas;
  replica_events events;  // refers to fetchers, coordinator and request_metrics, constructed below
  cluster::metadata_applier applier;
  zkmeta::metadata_watcher watcher;
  // How the controller asks brokers which of their replicas are in failed log dirs; declared
  // before the controller, which must not outlive it.
  cluster::list_offsets_replica_probe replica_probe{io.get_executor(), metadata, config.broker_id(),
                                                   milliseconds(config.controller_socket_timeout_ms)};
  zkmeta::controller controller;
  cluster::zk_topic_admin admin;
  handlers::handler_settings settings;
  metrics::broker_metrics request_metrics;  // what requests count: bytes in/out, per-API times
  handlers::broker_services services;
  cluster::follower_view followers;
  cluster::isr_manager isr;
  replication::fetcher_manager fetchers;
  server::handler_registry registry;
  zkmeta::producer_id_allocator producer_ids{zk, config.broker_id};  // InitProducerId
  handlers::elect_leaders_deps elections{
      [this](zkmeta::election_type type, std::optional<std::vector<kb::topic_partition>> partitions) {
        return controller.elect_leaders(type, std::move(partitions));
      },
      metadata};
  group::group_config groups_config{group_config_from(config)};
  group::partition_offsets_log offsets_log{io.get_executor(), replicas, metadata, defaults, groups_config, clock};
  group::group_store group_store{groups_config, offsets_log, clock};
  group::group_coordinator coordinator{config.broker_id(), groups_config, group_store, clock, lease};
  handlers::group_services groups{coordinator, groups_config, services};
  handlers::describe_log_dirs_deps log_dirs_info{logs, replicas};
  broker_state_metrics state_metrics{replicas, isr, controller, group_store, zk, clock};
  metrics::metrics_registry metrics_sources;
  std::unique_ptr<metrics::metrics_http_server> metrics_endpoint;  // with prometheus.metrics.port
  std::vector<std::unique_ptr<server::listener>> listeners;
  std::unique_ptr<zkmeta::broker_registration> registration;
  std::unique_ptr<zkmeta::controller_election> election;
  bool stopping = false;
  bool started = false;
  int64_t broker_epoch = -1;
  std::vector<std::unique_ptr<asio::steady_timer>> timers;

  std::string prefix() const { return "[KafkaServer id=" + std::to_string(config.broker_id()) + "] "; }
  void halt_for_failed_log_dirs();
  awaitable<std::string> cluster_id();
  void register_handlers();
  void bind_listeners();
  void accept_requests();
  void start_metrics_endpoint(const asio::ip::address& address);
  zkmeta::broker_info registration_info() const;
  void every(std::string name, milliseconds period, std::function<void()> task);
  // After a session expiry: one recovery at a time; an expiry during it starts it over.
  void on_session_expired();
  awaitable<void> recover_session();
  // Sleeps before the next attempt of a recovery step (1 s, 2 s, ... at most 5 s).
  awaitable<void> backoff(int attempt);
  bool recovering = false;
  bool expired_again = false;
  awaitable<void> controlled_shutdown();
  awaitable<bool> request_controlled_shutdown();
  awaitable<std::optional<std::vector<kb::topic_partition>>> local_controlled_shutdown();
};

broker::broker(asio::io_context& io, brokerd::broker_config config)
    : p_(std::make_unique<parts>(io, std::move(config))) {}

broker::~broker() = default;

// /cluster/id: the first broker creates it; everyone else reads it (Kafka's getOrGenerateClusterId).
awaitable<std::string> broker::parts::cluster_id() {
  auto existing = co_await zk.get(zkmeta::cluster_id_znode::path());
  if (!existing && existing.error() == make_error_code(zkmeta::zk_errc::no_node)) {
    std::string id = logs.recorded_cluster_id().value_or(random_cluster_id());
    co_await zkmeta::ensure_path(zk, "/cluster");
    auto created = co_await zk.create(zkmeta::cluster_id_znode::path(), zkmeta::cluster_id_znode::encode(id));
    if (created) co_return id;
    existing = co_await zk.get(zkmeta::cluster_id_znode::path());
  }
  if (!existing || !existing.value().data) {
    throw startup_error("cannot read /cluster/id: " + (existing ? std::string("null data") : existing.error().message()));
  }
  auto decoded = zkmeta::cluster_id_znode::decode(*existing.value().data);
  if (!decoded) throw startup_error("malformed /cluster/id: " + decoded.error().message());
  co_return decoded.value();
}

void broker::parts::register_handlers() {
  handlers::register_broker_apis(registry, {services, controller, elections, producer_ids, groups, log_dirs_info});
}

// Binds every listener (advertised port 0 needs the bound port before registration), but
// accepts nothing yet: connections wait in the backlog until accept_requests.
void broker::parts::bind_listeners() {
  server::connection_limits limits;
  limits.max_request_bytes = config.socket_request_max_bytes;
  for (auto& l : config.listeners) {
    boost::system::error_code ec;
    auto address = l.host.empty() ? asio::ip::address_v4::any() : asio::ip::make_address(l.host, ec);
    if (ec) {
      // A host name: resolve it.
      asio::ip::tcp::resolver resolver(io);
      auto results = resolver.resolve(l.host, std::to_string(l.port), ec);
      if (ec || results.empty()) throw startup_error("cannot resolve listener host " + l.host + ": " + ec.message());
      address = results.begin()->endpoint().address();
    }
    try {
      listeners.push_back(std::make_unique<server::listener>(io.get_executor(), asio::ip::tcp::endpoint(address, l.port),
                                                             registry, limits));
    } catch (const boost::system::system_error& e) {
      throw startup_error("Socket server failed to bind to " + l.to_string() + ": " + e.code().message());
    }
    LOG(INFO) << prefix() << "bound " << l.name << "://" << address.to_string() << ":" << listeners.back()->port();
    if (listeners.size() == 1 && config.prometheus_metrics_port > 0) start_metrics_endpoint(address);
  }
}

// Kafka's SocketServer.enableRequestProcessing: only once startup has completed. A broker
// that answered while waiting for its old session's znode would answer from an empty
// metadata cache (a topic that exists reported unknown).
void broker::parts::accept_requests() {
  for (size_t i = 0; i < listeners.size(); ++i) {
    listeners[i]->start();
    LOG(INFO) << prefix() << "accepting requests on " << config.listeners[i].name << " port " << listeners[i]->port();
  }
}

void broker::parts::start_metrics_endpoint(const asio::ip::address& address) {
  metrics_sources.add(request_metrics);
  metrics_sources.add(state_metrics);
  asio::ip::tcp::endpoint endpoint(address, static_cast<uint16_t>(config.prometheus_metrics_port));
  try {
    metrics_endpoint = std::make_unique<metrics::metrics_http_server>(io.get_executor(), endpoint, metrics_sources);
  } catch (const boost::system::system_error& e) {
    throw startup_error("Metrics endpoint failed to bind to " + address.to_string() + ":" +
                        std::to_string(config.prometheus_metrics_port) + ": " + e.code().message());
  }
  metrics_endpoint->start();
  LOG(INFO) << prefix() << "Prometheus metrics on http://" << address.to_string() << ":" << metrics_endpoint->port()
            << "/metrics";
}

zkmeta::broker_info broker::parts::registration_info() const {
  zkmeta::broker_info info;
  info.id = config.broker_id;
  info.rack = config.broker_rack;
  info.timestamp_ms = wall_clock_ms();
  for (size_t i = 0; i < config.advertised_listeners.size(); ++i) {
    const auto& a = config.advertised_listeners[i];
    int32_t port = a.port;
    // Port 0 means "any": advertise the port the matching listener actually bound.
    if (port == 0) {
      for (size_t j = 0; j < config.listeners.size(); ++j) {
        if (config.listeners[j].name == a.name) port = listeners[j]->port();
      }
    }
    std::string protocol = "PLAINTEXT";
    if (auto it = config.listener_security_protocol_map.find(a.name); it != config.listener_security_protocol_map.end()) {
      protocol = it->second;
    }
    info.endpoints.push_back({a.name, protocol, a.host, port});
  }
  return info;
}

void broker::parts::every(std::string name, milliseconds period, std::function<void()> task) {
  if (period.count() <= 0 || period > std::chrono::hours(24 * 365)) return;
  auto timer = std::make_unique<asio::steady_timer>(io);
  auto* t = timer.get();
  timers.push_back(std::move(timer));
  asio::co_spawn(
      io,
      [this, t, name, period, task = std::move(task)]() -> awaitable<void> {
        while (!stopping) {
          t->expires_after(period);
          boost::system::error_code ec;
          co_await t->async_wait(asio::redirect_error(asio::use_awaitable, ec));
          if (ec || stopping) break;
          try {
            task();
          } catch (const std::exception& e) {
            LOG(ERROR) << prefix() << name << " failed: " << e.what();
          }
        }
      },
      log_task_end(prefix() + name + " schedule"));
}

// Kafka's Exit.halt(1), and the one place brokerd ends itself outside main(): no controlled
// shutdown, no log closing (what failed must be recovered at the next start). Posted, so
// that the request that met the failure is answered first (KAFKA_STORAGE_ERROR) if its
// socket takes the response at once.
void broker::parts::halt_for_failed_log_dirs() {
  asio::post(io, [this] {
    LOG(ERROR) << prefix() << "halting: exit code 1";
    google::FlushLogFiles(google::GLOG_INFO);
    std::_Exit(1);
  });
}

void broker::parts::on_session_expired() {
  expired_again = true;
  if (recovering || stopping) return;
  recovering = true;
  asio::co_spawn(io, recover_session(), [this](std::exception_ptr e) {
    recovering = false;
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      LOG(ERROR) << prefix() << "recovering from the ZooKeeper session expiry failed: " << ex.what();
    }
  });
}

awaitable<void> broker::parts::backoff(int attempt) {
  asio::steady_timer timer(io, milliseconds(std::min(1000 * (attempt + 1), 5000)));
  co_await timer.async_wait(asio::use_awaitable);
}

// Reconnect, register again, re-read everything that changed while the session was gone,
// and only then let the lease be held again: until then what this broker believes it leads
// is stale. Each step is retried; an expiry meanwhile starts the whole over.
awaitable<void> broker::parts::recover_session() {
  while (expired_again && !stopping) {
    expired_again = false;
    LOG(WARNING) << prefix() << "ZooKeeper session expired; re-establishing";
    controller.stop();
    if (election) election->on_session_lost();
    for (int attempt = 0; !stopping; ++attempt) {
      auto r = co_await zk.reconnect();
      if (r) break;
      LOG(WARNING) << prefix() << "reconnecting to ZooKeeper failed: " << r.error().message();
      co_await backoff(attempt);
    }
    for (int attempt = 0; !stopping && !expired_again; ++attempt) {
      auto epoch = co_await registration->register_broker();
      if (epoch) {
        broker_epoch = epoch.value();
        break;
      }
      LOG(ERROR) << prefix() << "re-registration failed: " << registration->failure_message();
      co_await backoff(attempt);
    }
    if (stopping || expired_again) continue;
    if (election) election->start();
    for (int attempt = 0; !stopping && !expired_again; ++attempt) {
      if (co_await watcher.resync()) {
        replicas.startup_view_applied();  // the first one, if the session expired during start()
        break;
      }
      LOG(WARNING) << prefix() << "re-reading the cluster's metadata failed; trying again";
      co_await backoff(attempt);
    }
    if (stopping || expired_again) continue;
    lease.resume();
    LOG(INFO) << prefix() << "in step with ZooKeeper again after the session expiry";
  }
}

// Asks the controller to move this broker's leaderships away (Kafka's controlled shutdown),
// retrying up to controlled.shutdown.max.retries times while partitions remain.
awaitable<void> broker::parts::controlled_shutdown() {
  const int attempts = std::max(1, config.controlled_shutdown_max_retries);
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    bool done = false;
    try {
      done = co_await request_controlled_shutdown();
    } catch (const std::exception& e) {
      LOG(WARNING) << prefix() << "controlled shutdown attempt " << attempt << " failed: " << e.what();
    }
    if (done) {
      LOG(INFO) << prefix() << "controlled shutdown succeeded";
      co_return;
    }
    if (attempt < attempts) {
      asio::steady_timer backoff(io, milliseconds(config.controlled_shutdown_retry_backoff_ms));
      co_await backoff.async_wait(asio::use_awaitable);
    }
  }
  LOG(WARNING) << prefix() << "proceeding to do an unclean shutdown as all the controlled shutdown attempts failed";
}

// This broker's own controller, bounded as a request to another controller is (30 s): its
// ZooKeeper writes wait while ZooKeeper is unreachable, and a shutdown must not wait with them.
// The request stays queued in the controller, which answers it or drops it when it stops.
awaitable<std::optional<std::vector<kb::topic_partition>>> broker::parts::local_controlled_shutdown() {
  using answer = std::optional<std::vector<kb::topic_partition>>;
  auto outcome = std::make_shared<std::optional<answer>>();
  auto answered = std::make_shared<asio::steady_timer>(io, milliseconds(30'000));
  asio::co_spawn(
      io,
      [this, outcome, answered]() -> awaitable<void> {
        *outcome = co_await controller.controlled_shutdown(config.broker_id());
        answered->cancel();
      },
      [prefix = prefix()](std::exception_ptr e) {
        if (!e) return;
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& ex) {
          LOG(WARNING) << prefix << "controlled shutdown by the local controller failed: " << ex.what();
        }
      });
  if (!outcome->has_value()) {
    boost::system::error_code ignored;
    co_await answered->async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  }
  if (!outcome->has_value()) {
    LOG(WARNING) << prefix() << "the local controller did not answer the controlled shutdown within 30 s";
    co_return std::nullopt;
  }
  co_return **outcome;
}

awaitable<bool> broker::parts::request_controlled_shutdown() {
  int32_t controller_id = metadata.controller_id();
  if (controller_id < 0) co_return false;
  std::vector<kb::topic_partition> remaining;
  if (controller_id == config.broker_id()) {
    auto r = co_await local_controlled_shutdown();
    if (!r) co_return false;
    remaining = *r;
  } else {
    replication::broker_connection conn(
        io.get_executor(),
        [this, controller_id] { return metadata.address_of(controller_id); },
        "broker-" + std::to_string(config.broker_id()) + "-controlled-shutdown", milliseconds(30'000));
    protocol::controlled_shutdown_request req;
    req.broker_id = config.broker_id();
    req.broker_epoch = broker_epoch;
    protocol::wire_writer body;
    req.encode(body, protocol::controlled_shutdown_max_version);
    auto bytes = co_await conn.round_trip(static_cast<int16_t>(protocol::api_key::controlled_shutdown),
                                          protocol::controlled_shutdown_max_version, std::move(body).take());
    protocol::wire_reader r(bytes);
    auto resp = protocol::controlled_shutdown_response::decode(r, protocol::controlled_shutdown_max_version);
    if (resp.error_code != protocol::error_code::none) {
      LOG(WARNING) << prefix() << "controlled shutdown refused: " << protocol::name(resp.error_code);
      co_return false;
    }
    for (const auto& p : resp.remaining_partitions) remaining.push_back({p.topic_name, p.partition_index});
  }
  if (!remaining.empty()) {
    LOG(INFO) << prefix() << "remaining partitions to move: " << remaining.size();
    co_return false;
  }
  co_return true;
}

awaitable<void> broker::start() {
  parts& p = *p_;
  const int32_t id = p.config.broker_id();
  LOG(INFO) << p.prefix() << "starting";
  p.logs.startup(wall_clock_ms(), [&](const topic_partition&) { return p.config.to_log_config(); });

  LOG(INFO) << p.prefix() << "connecting to zookeeper on " << p.config.zookeeper.to_string();
  if (auto r = co_await p.zk.start(); !r) {
    throw startup_error("cannot connect to ZooKeeper at " + p.config.zookeeper.to_string() + ": " + r.error().message());
  }
  if (auto r = co_await zkmeta::ensure_persistent_paths(p.zk); !r) {
    throw startup_error("cannot create Kafka's paths in ZooKeeper: " + r.error().message());
  }
  std::string cluster = co_await p.cluster_id();
  LOG(INFO) << p.prefix() << "Cluster ID = " << cluster;
  try {
    p.logs.ensure_meta_properties(id, cluster);
  } catch (const std::exception& e) {
    throw startup_error(e.what());
  }
  p.metadata.set_cluster_id(cluster);

  p.coordinator.startup();
  p.register_handlers();
  p.bind_listeners();

  p.registration = std::make_unique<zkmeta::broker_registration>(
      p.zk, p.io.get_executor(), p.registration_info(),
      milliseconds(p.config.zookeeper_session_timeout_ms) + std::chrono::seconds(2));
  // Listening before anything can expire: an expiry from here on is recovered from.
  p.zk.add_session_listener([this](zkmeta::session_state s) {
    if (s == zkmeta::session_state::expired && !p_->stopping) p_->on_session_expired();
  });
  if (auto epoch = co_await p.registration->register_broker(); !epoch) {
    throw startup_error(p.registration->failure_message().empty() ? "broker registration failed: " + epoch.error().message()
                                                                  : p.registration->failure_message());
  } else {
    p.broker_epoch = epoch.value();
  }
  p.log_dir_failures.start();
  if (auto r = co_await p.lease.start(); !r) {
    LOG(WARNING) << p.prefix() << "ZooKeeper did not answer the first lease probe: " << r.error().message();
  }

  // Replicas in the first whole view existed before this broker started; if the session
  // expired while it was read, the resync that follows completes it (recover_session).
  if (co_await p.watcher.start()) p.replicas.startup_view_applied();
  p.election = std::make_unique<zkmeta::controller_election>(
      p.zk, p.config.broker_id, p.io.get_executor(),
      zkmeta::controller_election::callbacks{
          [&p](kb::controller_epoch epoch, int32_t version) { p.controller.start(epoch, version); },
          [&p] { p.controller.stop(); },
          [&p](int32_t controller_id) {
            p.metadata.set_controller(controller_id);
            LOG(INFO) << p.prefix() << "controller is now broker " << controller_id;
          }},
      wall_clock_ms);
  p.election->start();

  p.every("log retention", milliseconds(p.config.log_retention_check_interval_ms), [&p] {
    int deleted = p.logs.enforce_retention(wall_clock_ms(), [&p](const topic_partition& tp) {
      auto* part = p.replicas.get(tp);
      return part ? part->high_watermark() : 0;
    });
    if (deleted > 0) LOG(INFO) << p.prefix() << "retention deleted " << deleted << " segment(s)";
  });
  p.every("log flush", milliseconds(std::min<int64_t>(p.config.log_flush_scheduler_interval_ms, 1000)),
          [&p] { p.logs.flush_due(wall_clock_ms()); });
  p.every("recovery point checkpoint", milliseconds(p.config.log_flush_offset_checkpoint_interval_ms), [&p] { p.logs.write_checkpoints(); });
  p.every("high watermark checkpoint", milliseconds(p.config.replica_high_watermark_checkpoint_interval_ms),
          [&p] { p.replicas.write_high_watermarks(); });
  p.every("ISR shrink check", milliseconds(p.isr.check_interval_ms()), [&p] { p.isr.check_shrink(); });

  p.accept_requests();
  p.started = true;
  LOG(INFO) << p.prefix() << "started (kafka.server.KafkaServer)";
}

awaitable<void> broker::stop() {
  parts& p = *p_;
  if (p.stopping) co_return;
  p.stopping = true;
  LOG(INFO) << p.prefix() << "shutting down";
  // Stop following first (Kafka's StopReplica to a stopping broker): a replica that keeps
  // fetching would be re-added to the ISRs the controller is about to remove it from.
  p.fetchers.stop_all();
  // Move leadership away while still serving, so clients fail over without errors.
  if (p.started && p.config.controlled_shutdown_enable) co_await p.controlled_shutdown();
  p.lease.stop();
  // Requests parked in the coordinator are answered NOT_COORDINATOR: their members move on to
  // the new leaders of the __consumer_offsets partitions.
  p.coordinator.shutdown();
  for (auto& t : p.timers) t->cancel();
  for (auto& l : p.listeners) l->stop();
  if (p.metrics_endpoint) p.metrics_endpoint->stop();
  // Requests already read (a long-polling fetch, an acks=all produce) are answered before
  // the logs close; connections then close themselves. Bounded, so a stuck peer cannot hold
  // the shutdown.
  auto drain_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  auto open = [&p] {
    size_t n = 0;
    for (auto& l : p.listeners) n += l->open_connections();
    return n;
  };
  while (open() > 0 && std::chrono::steady_clock::now() < drain_deadline) {
    asio::steady_timer tick(p.io, milliseconds(10));
    co_await tick.async_wait(asio::use_awaitable);
  }
  if (size_t left = open(); left > 0) LOG(WARNING) << p.prefix() << left << " connection(s) still open at shutdown";
  if (p.election) co_await p.election->stop();
  p.controller.stop();
  p.watcher.stop();
  p.zk.close();
  try {
    p.replicas.write_high_watermarks();
  } catch (const std::exception& e) {  // the logs must still close cleanly
    LOG(ERROR) << p.prefix() << "writing the high watermark checkpoints failed: " << e.what();
  }
  p.logs.shutdown();
  LOG(INFO) << p.prefix() << "shut down completed (kafka.server.KafkaServer)";
}

}  // namespace kb
