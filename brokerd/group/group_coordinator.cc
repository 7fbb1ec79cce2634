// The group coordinator's lifecycle, offsets and administration: OffsetCommit, OffsetFetch,
// OffsetDelete, DeleteGroups, ListGroups, DescribeGroups, taking over and letting go of
// __consumer_offsets partitions, and offset expiry. The membership protocol is in
// group_coordinator_join.cc and group_coordinator_sessions.cc.
#include "brokerd/group/group_coordinator.h"

#include <glog/logging.h>

namespace kb::group {

using protocol::error_code;
using std::chrono::milliseconds;

group_coordinator::group_coordinator(int32_t broker_id, const group_config& config, group_store& store,
                                     kb::clock& clock, const zkmeta::session_lease& lease)
    : broker_id_(broker_id),
      config_(config),
      store_(store),
      clock_(clock),
      lease_(lease),
      joins_(clock),
      syncs_(clock),
      heartbeats_(clock),
      member_ids_(std::random_device{}()) {}

group_coordinator::~group_coordinator() = default;

void group_coordinator::startup() {
  LOG(INFO) << "[GroupCoordinator " << broker_id_ << "]: Starting up.";
  active_ = true;
  schedule_offset_expiration();
}

void group_coordinator::shutdown() {
  LOG(INFO) << "[GroupCoordinator " << broker_id_ << "]: Shutting down.";
  active_ = false;
  expiration_.reset();
  for (int32_t p : store_.partitions()) store_.unload(p, [this](const group_ptr& g) { on_group_unloaded(g); });
}

std::optional<milliseconds> group_coordinator::postponement(bool& lapse_seen, milliseconds full) const {
  // Short enough that a deadline runs again soon after the lease is back, long enough not to
  // busy the io thread while ZooKeeper is away.
  constexpr milliseconds lease_recheck{500};
  if (!lease_.held()) {
    lapse_seen = true;
    return lease_recheck;
  }
  if (lapse_seen) {
    lapse_seen = false;
    return full;
  }
  return std::nullopt;
}

std::optional<error_code> group_coordinator::group_status_error(const std::string& group_id,
                                                                bool empty_id_allowed) const {
  // OffsetCommit, OffsetFetch, DescribeGroups and DeleteGroups accept the empty group id, for
  // compatibility; the membership APIs do not.
  if (group_id.empty() && !empty_id_allowed) return error_code::invalid_group_id;
  if (!active_) return error_code::coordinator_not_available;
  if (!lease_.held()) return error_code::not_coordinator;
  if (store_.is_group_loading(group_id)) return error_code::coordinator_load_in_progress;
  if (!store_.is_group_local(group_id)) return error_code::not_coordinator;
  return std::nullopt;
}

std::optional<error_code> group_coordinator::validate_current_member(
    group_metadata& g, const std::string& member_id, const std::optional<std::string>& group_instance_id) const {
  if (group_instance_id) {
    auto current = g.static_member_id(*group_instance_id);
    if (!current) return error_code::unknown_member_id;
    if (*current != member_id) {
      LOG(INFO) << "Group " << g.id() << ": member " << member_id << " of static instance " << *group_instance_id
                << " is fenced by " << *current;
      return error_code::fenced_instance_id;
    }
  }
  if (!g.has(member_id)) return error_code::unknown_member_id;
  return std::nullopt;
}

// --- offsets ---------------------------------------------------------------------------

void group_coordinator::commit_offsets(commit_request request, std::function<void(group_store::commit_errors)> respond) {
  auto fail_all = [&](error_code e) {
    group_store::commit_errors errors;
    for (const auto& [tp, _] : request.offsets) errors[tp] = e;
    respond(std::move(errors));
  };
  if (auto e = group_status_error(request.group_id, true)) return fail_all(*e);
  group_ptr g = store_.get(request.group_id);
  if (!g) {
    // Only a commit outside group management may create a group ("simple" consumers, tools).
    if (request.generation_id >= 0) return fail_all(error_code::illegal_generation);
    LOG(INFO) << "Group " << request.group_id << " created by an offset commit outside group management";
    g = store_.get_or_create(request.group_id, true);
  }
  if (auto e = validate_offset_commit(*g, request)) return fail_all(*e);
  switch (g->state()) {
    case group_state::empty:
      break;
    case group_state::stable:
    case group_state::preparing_rebalance:
      // A commit shows the member alive; during a rebalance it is still accepted, and the
      // member learns of the rebalance from its next heartbeat.
      complete_and_schedule_next_heartbeat_expiration(g, g->get(request.member_id));
      break;
    case group_state::completing_rebalance:
      // A valid member of the new generation that has not synced: it should wait for its assignment.
      return fail_all(error_code::rebalance_in_progress);
    case group_state::dead:
      return fail_all(error_code::coordinator_not_available);
  }
  store_.store_offsets(g, request.offsets, std::move(respond));
}

std::optional<error_code> group_coordinator::validate_offset_commit(group_metadata& g,
                                                                    const commit_request& request) const {
  if (g.is(group_state::dead)) return error_code::coordinator_not_available;
  // Generation -1 from an admin client or a consumer without group management: fine while
  // nobody else is in the group.
  if (request.generation_id < 0 && g.is(group_state::empty)) return std::nullopt;
  if (request.generation_id >= 0 || !request.member_id.empty() || request.group_instance_id) {
    if (auto e = validate_current_member(g, request.member_id, request.group_instance_id)) return e;
    if (request.generation_id != g.generation_id()) return error_code::illegal_generation;
    return std::nullopt;
  }
  // A group with members takes commits from its members only.
  if (!g.is(group_state::empty)) return error_code::unknown_member_id;
  return std::nullopt;
}

std::pair<error_code, std::map<topic_partition, fetched_offset>> group_coordinator::fetch_offsets(
    const std::string& group_id, const std::optional<std::vector<topic_partition>>& partitions) {
  if (auto e = group_status_error(group_id, true)) return {*e, {}};
  // Offsets are returned whatever the group's state: a group may use Kafka for offsets only.
  return {error_code::none, store_.fetch_offsets(group_id, partitions)};
}

std::pair<error_code, std::map<topic_partition, error_code>> group_coordinator::delete_offsets(
    const std::string& group_id, const std::vector<topic_partition>& partitions) {
  if (auto e = group_status_error(group_id, false)) return {*e, {}};
  group_ptr g = store_.get(group_id);
  if (!g || g->is(group_state::dead)) {
    return {store_.group_not_exists(group_id) ? error_code::group_id_not_found : error_code::not_coordinator, {}};
  }
  std::map<topic_partition, error_code> errors;
  std::vector<topic_partition> eligible;
  if (g->is(group_state::empty)) {
    eligible = partitions;
  } else if (g->is_consumer_group()) {
    // A live consumer group keeps the offsets of the topics it reads.
    for (const auto& tp : partitions) {
      if (g->is_subscribed_to(tp.topic)) {
        errors[tp] = error_code::group_subscribed_to_topic;
      } else {
        eligible.push_back(tp);
      }
    }
  } else {
    return {error_code::non_empty_group, {}};
  }
  if (!eligible.empty()) {
    const size_t removed = store_.cleanup({g}, [&eligible](group_metadata& each) { return each.remove_offsets(eligible); });
    LOG(INFO) << "Group " << group_id << ": deleted " << removed << " offset(s) on request";
    for (const auto& tp : eligible) errors[tp] = error_code::none;
  }
  return {error_code::none, std::move(errors)};
}

std::map<std::string, error_code> group_coordinator::delete_groups(const std::vector<std::string>& group_ids) {
  std::map<std::string, error_code> errors;
  std::vector<group_ptr> deleted;
  for (const std::string& id : group_ids) {
    if (auto e = group_status_error(id, true)) {
      errors[id] = *e;
      continue;
    }
    group_ptr g = store_.get(id);
    if (!g || g->is(group_state::dead)) {
      errors[id] = store_.group_not_exists(id) ? error_code::group_id_not_found : error_code::not_coordinator;
    } else if (g->is(group_state::empty)) {
      g->transition_to(group_state::dead, clock_.wall_ms());
      deleted.push_back(g);
    } else {
      errors[id] = error_code::non_empty_group;
    }
  }
  if (!deleted.empty()) {
    const size_t removed = store_.cleanup(deleted, [](group_metadata& g) { return g.remove_all_offsets(); });
    for (const auto& g : deleted) {
      errors[g->id()] = error_code::none;
      LOG(INFO) << "Group " << g->id() << " deleted";
    }
    LOG(INFO) << "Deleting " << deleted.size() << " group(s) removed " << removed << " offset(s)";
  }
  return errors;
}

std::pair<error_code, std::vector<protocol::list_groups_response::listed_group>> group_coordinator::list_groups() const {
  if (!active_) return {error_code::coordinator_not_available, {}};
  if (!lease_.held()) return {error_code::not_coordinator, {}};
  std::vector<protocol::list_groups_response::listed_group> out;
  for (const group_ptr& g : store_.groups()) out.push_back({g->id(), g->protocol_type().value_or("")});
  return {store_.is_loading() ? error_code::coordinator_load_in_progress : error_code::none, std::move(out)};
}

protocol::describe_groups_response::described_group group_coordinator::describe_group(const std::string& group_id) {
  protocol::describe_groups_response::described_group out;
  out.group_id = group_id;
  if (auto e = group_status_error(group_id, true)) {
    out.error_code = *e;
    return out;
  }
  group_ptr g = store_.get(group_id);
  if (!g) {
    out.group_state = name(group_state::dead);
    return out;
  }
  out.group_state = name(g->state());
  out.protocol_type = g->protocol_type().value_or("");
  const bool stable = g->is(group_state::stable) && g->protocol_name();
  if (stable) out.protocol_data = *g->protocol_name();
  for (const auto& [id, m] : g->members()) {
    auto& d = out.members.emplace_back();
    d.member_id = id;
    d.group_instance_id = m.group_instance_id;
    d.client_id = m.client_id;
    d.client_host = m.client_host;
    // Subscriptions and assignments are shown only for a Stable group, as in Kafka.
    if (stable) {
      d.member_metadata = m.metadata(*g->protocol_name());
      d.member_assignment = m.assignment;
    }
  }
  return out;
}

void group_coordinator::on_partitions_deleted(const std::vector<topic_partition>& partitions) {
  const size_t removed =
      store_.cleanup(store_.groups(), [&partitions](group_metadata& g) { return g.remove_offsets(partitions); });
  if (removed > 0) LOG(INFO) << "Removed " << removed << " offset(s) of deleted partitions";
}

size_t group_coordinator::expire_offsets() {
  const int64_t now = clock_.wall_ms();
  const int64_t retention = config_.offsets_retention_ms;
  const size_t removed = store_.cleanup(
      store_.groups(), [now, retention](group_metadata& g) { return g.remove_expired_offsets(now, retention); });
  if (removed > 0) LOG(INFO) << "Removed " << removed << " expired offset(s)";
  return removed;
}

void group_coordinator::schedule_offset_expiration() {
  expiration_ = clock_.schedule(clock_.now() + milliseconds(config_.offsets_retention_check_interval_ms), [this] {
    expire_offsets();
    schedule_offset_expiration();
  });
}

// --- taking partitions over and letting them go ----------------------------------------

void group_coordinator::on_election(int32_t partition) {
  LOG(INFO) << "[GroupCoordinator " << broker_id_ << "]: Elected as the group coordinator for partition " << partition;
  store_.load(partition, [this](const group_ptr& g) { on_group_loaded(g); });
}

void group_coordinator::on_resignation(int32_t partition) {
  VLOG(1) << "[GroupCoordinator " << broker_id_ << "]: Resigned as the group coordinator for partition " << partition;
  store_.unload(partition, [this](const group_ptr& g) { on_group_unloaded(g); });
}

void group_coordinator::on_group_loaded(const group_ptr& g) {
  LOG(INFO) << "Group " << g->id() << " loaded with generation " << g->generation_id() << " in state "
            << name(g->state());
  if (g->size() > static_cast<size_t>(config_.max_size)) {
    prepare_rebalance(g, "the loaded group is over group.max.size; rebalancing so that members can commit");
  }
  std::vector<std::string> ids;
  for (const auto& [id, _] : g->members()) ids.push_back(id);
  // Loaded members get a full session to show up at this coordinator.
  for (const std::string& id : ids) complete_and_schedule_next_heartbeat_expiration(g, g->get(id));
}

void group_coordinator::on_group_unloaded(const group_ptr& g) {
  LOG(INFO) << "Group " << g->id() << " unloaded with generation " << g->generation_id();
  const group_state previous = g->state();
  g->transition_to(group_state::dead, clock_.wall_ms());
  std::vector<std::string> ids;
  for (const auto& [id, _] : g->members()) ids.push_back(id);
  switch (previous) {
    case group_state::empty:
    case group_state::dead:
      break;
    case group_state::preparing_rebalance:
      for (const std::string& id : ids) g->maybe_invoke_join(g->get(id), join_error(id, error_code::not_coordinator));
      joins_.notify(g->id());
      break;
    case group_state::stable:
    case group_state::completing_rebalance:
      for (const std::string& id : ids) {
        g->maybe_invoke_sync(g->get(id), sync_error(error_code::not_coordinator));
        heartbeats_.notify({g->id(), id});
      }
      break;
  }
  remove_sync_expiration(g);
}

}  // namespace kb::group
