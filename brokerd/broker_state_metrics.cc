#include "brokerd/broker_state_metrics.h"

#include <array>
#include <cctype>
#include <string>

#include "brokerd/group/group_state.h"

namespace kb {
namespace {

// ZooKeeper's state names as Kafka's SessionState gauge reports them: CONNECTED, EXPIRED, ...
std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

broker_state_metrics::broker_state_metrics(cluster::replica_manager& replicas, const cluster::isr_manager& isr,
                                           zkmeta::controller& controller, const group::group_store& groups,
                                           zkmeta::zk_client& zk, const kb::clock& clock)
    : replicas_(replicas), isr_(isr), controller_(controller), groups_(groups), zk_(zk), clock_(clock),
      elections_(clock) {
  session_listener_ = zk_.add_session_listener([this](zkmeta::session_state s) {
    if (s == zkmeta::session_state::connecting) ++zk_disconnects_;
    if (s == zkmeta::session_state::expired) ++zk_expires_;
  });
  controller.time_elections_with(this);
}

broker_state_metrics::~broker_state_metrics() {
  controller_.time_elections_with(nullptr);
  zk_.remove_session_listener(session_listener_);
}

void broker_state_metrics::started() { election_started_ = clock_.now(); }

void broker_state_metrics::finished() { elections_.record(clock_.now() - election_started_); }

void broker_state_metrics::collect(metrics::prometheus_writer& out) const {
  size_t partitions = 0, leaders = 0, under_replicated = 0;
  for (const auto& tp : replicas_.partitions()) {
    cluster::partition* p = replicas_.get(tp);
    if (!p) continue;
    ++partitions;
    // Kafka's kafka.log<type=Log, name=LogEndOffset|LogStartOffset, topic, partition>.
    const metrics::labels where{{"topic", tp.topic}, {"partition", std::to_string(tp.partition)}};
    out.gauge("kafka_log_log_logendoffset", "The offset the next record appended to this replica will get",
              static_cast<double>(p->log().log_end_offset()), where);
    out.gauge("kafka_log_log_logstartoffset", "The first offset this replica still holds",
              static_cast<double>(p->log().log_start_offset()), where);
    if (!p->is_leader()) continue;
    ++leaders;
    const auto& s = p->state();
    if (s.isr.size() < s.replicas.size()) ++under_replicated;
  }
  out.gauge("kafka_server_replicamanager_partitioncount", "Partitions with a replica on this broker",
            static_cast<double>(partitions));
  out.gauge("kafka_server_replicamanager_leadercount", "Partitions this broker leads", static_cast<double>(leaders));
  out.gauge("kafka_server_replicamanager_underreplicatedpartitions",
            "Partitions this broker leads whose ISR is smaller than their replica set",
            static_cast<double>(under_replicated));
  out.counter("kafka_server_replicamanager_isrshrinks_total", "ISR shrinks this broker wrote as leader",
              static_cast<double>(isr_.shrinks()));
  out.counter("kafka_server_replicamanager_isrexpands_total", "ISR expansions this broker wrote as leader",
              static_cast<double>(isr_.expands()));

  out.gauge("kafka_controller_kafkacontroller_activecontrollercount", "1 on the broker that is the controller",
            controller_.active() ? 1 : 0);
  out.gauge("kafka_controller_kafkacontroller_offlinepartitionscount",
            "Partitions without a live leader (reported by the controller)",
            static_cast<double>(controller_.offline_partitions()));
  out.percentiles("kafka_controller_controllerstats_leaderelectionrateandtimems",
                  "Milliseconds the controller took to handle a change of live brokers (last 30 to 60 s)", elections_);

  static constexpr std::array states = {group::group_state::preparing_rebalance, group::group_state::completing_rebalance,
                                        group::group_state::stable, group::group_state::dead, group::group_state::empty};
  std::array<size_t, states.size()> by_state{};
  size_t groups = 0, offsets = 0;
  for (const auto& g : groups_.groups()) {
    ++groups;
    offsets += g->offset_count();
    for (size_t i = 0; i < states.size(); ++i) by_state[i] += g->state() == states[i];
  }
  out.gauge("kafka_coordinator_group_groupmetadatamanager_numgroups", "Groups this broker coordinates",
            static_cast<double>(groups));
  for (size_t i = 0; i < states.size(); ++i) {
    out.gauge("kafka_coordinator_group_groupmetadatamanager_numgroupsbystate",
              "Groups this broker coordinates, per state (Kafka's NumGroups<State>)", static_cast<double>(by_state[i]),
              {{"state", std::string(group::name(states[i]))}});
  }
  out.gauge("kafka_coordinator_group_groupmetadatamanager_numoffsets", "Committed offsets this broker holds",
            static_cast<double>(offsets));

  const zkmeta::session_state zk_state = zk_.state();
  for (auto s : {zkmeta::session_state::connecting, zkmeta::session_state::connected, zkmeta::session_state::expired,
                 zkmeta::session_state::auth_failed, zkmeta::session_state::closed}) {
    out.gauge("kafka_server_sessionexpirelistener_sessionstate",
              "1 for the ZooKeeper session's current state (Kafka's SessionState)", s == zk_state ? 1 : 0,
              {{"state", upper(zkmeta::to_string(s))}});
  }
  out.counter("kafka_server_sessionexpirelistener_zookeeperdisconnects_total", "ZooKeeper connections lost",
              static_cast<double>(zk_disconnects_));
  out.counter("kafka_server_sessionexpirelistener_zookeeperexpires_total", "ZooKeeper sessions expired",
              static_cast<double>(zk_expires_));
}

}  // namespace kb
