// The group coordinator after a join phase: SyncGroup (the leader's assignment, the pending-
// sync deadline), heartbeats and session expiry, and LeaveGroup (Kafka's GroupCoordinator.scala,
// classic groups). The join phase is in group_coordinator_join.cc.
#include <set>

#include <glog/logging.h>

#include "brokerd/group/group_coordinator.h"

namespace kb::group {

using protocol::error_code;
using std::chrono::milliseconds;

protocol::sync_group_response sync_error(error_code error) {
  protocol::sync_group_response r;
  r.error_code = error;
  return r;
}

// Members that have not sent their SyncGroup by the rebalance timeout are removed (Kafka's
// DelayedSync, KAFKA-13766).
class group_coordinator::delayed_sync final : public kb::delayed_operation {
 public:
  delayed_sync(group_coordinator& c, group_ptr g, int32_t generation, bool lapse_seen = false)
      : c_(c), g_(std::move(g)), generation_(generation), lapse_seen_(lapse_seen) {}
  bool try_complete() override {
    if (generation_ != g_->generation_id()) return true;
    if (g_->is(group_state::completing_rebalance) || g_->is(group_state::stable)) {
      return g_->has_received_sync_from_all_members();
    }
    return true;
  }
  void on_expiration() override { c_.expire_pending_sync(g_, generation_, lapse_seen_); }

 private:
  group_coordinator& c_;
  group_ptr g_;
  int32_t generation_;
  bool lapse_seen_;  // its deadline passed while the session lease was lapsed
};

// A member's session (Kafka's DelayedHeartbeat): ends quietly when the member shows it is
// alive or leaves; at the deadline the member is removed. For a pending member (KIP-394) it
// ends when the member rejoins with its id.
class group_coordinator::delayed_heartbeat final : public kb::delayed_operation {
 public:
  delayed_heartbeat(group_coordinator& c, group_ptr g, std::string member_id, bool is_pending, bool lapse_seen = false)
      : c_(c), g_(std::move(g)), member_id_(std::move(member_id)), is_pending_(is_pending), lapse_seen_(lapse_seen) {}
  bool try_complete() override {
    if (g_->is(group_state::dead)) return true;
    if (is_pending_) return g_->has(member_id_);
    if (!g_->has(member_id_)) return true;
    return g_->get(member_id_).has_satisfied_heartbeat();
  }
  void on_expiration() override { c_.expire_heartbeat(g_, member_id_, is_pending_, lapse_seen_); }

 private:
  group_coordinator& c_;
  group_ptr g_;
  std::string member_id_;
  bool is_pending_;
  bool lapse_seen_;  // its deadline passed while the session lease was lapsed
};

// --- SyncGroup -------------------------------------------------------------------------

void group_coordinator::sync_group(sync_request request, sync_callback respond) {
  if (auto e = group_status_error(request.group_id, false)) {
    // A loading coordinator has lost the rebalance in progress: the member must rejoin.
    // (Older clients do not know COORDINATOR_LOAD_IN_PROGRESS here.)
    return respond(sync_error(*e == error_code::coordinator_load_in_progress ? error_code::rebalance_in_progress : *e));
  }
  group_ptr g = store_.get(request.group_id);
  if (!g) return respond(sync_error(error_code::unknown_member_id));
  do_sync_group(g, std::move(request), std::move(respond));
}

void group_coordinator::do_sync_group(const group_ptr& g, sync_request request, sync_callback respond) {
  if (g->is(group_state::dead)) return respond(sync_error(error_code::coordinator_not_available));
  if (auto e = validate_current_member(*g, request.member_id, request.group_instance_id)) {
    return respond(sync_error(*e));
  }
  if (request.generation_id != g->generation_id()) return respond(sync_error(error_code::illegal_generation));
  const std::string member_id = request.member_id;
  switch (g->state()) {
    case group_state::empty:
      return respond(sync_error(error_code::unknown_member_id));
    case group_state::preparing_rebalance:
      return respond(sync_error(error_code::rebalance_in_progress));
    case group_state::completing_rebalance: {
      g->get(member_id).awaiting_sync = std::move(respond);
      remove_pending_sync_member(g, member_id);
      if (!g->is_leader(member_id)) return;  // answered when the leader's assignment is stored
      LOG(INFO) << "Group " << g->id() << ": assignment received from leader " << member_id << " for generation "
                << g->generation_id() << "; " << g->size() << " member(s)";
      std::map<std::string, std::vector<std::byte>> assignment = std::move(request.assignments);
      for (const auto& [id, _] : g->members()) assignment.try_emplace(id);  // missing: an empty assignment
      const int32_t generation = g->generation_id();
      store_.store_group(g, assignment, [this, g, generation, assignment, member_id](error_code error) {
        // Another member may have joined meanwhile: only the same generation still waits.
        if (!g->is(group_state::completing_rebalance) || g->generation_id() != generation) return;
        if (error != error_code::none) {
          reset_and_propagate_assignment_error(g, error);
          maybe_prepare_rebalance(g, std::string("storing the assignment of ") + member_id + " failed: " +
                                         std::string(protocol::name(error)));
          return;
        }
        set_and_propagate_assignment(g, assignment);
        g->transition_to(group_state::stable, clock_.wall_ms());
      });
      return;
    }
    case group_state::stable: {
      remove_pending_sync_member(g, member_id);
      member& m = g->get(member_id);
      protocol::sync_group_response r;
      r.assignment = m.assignment;
      respond(std::move(r));
      complete_and_schedule_next_heartbeat_expiration(g, m);
      return;
    }
    case group_state::dead:
      return respond(sync_error(error_code::coordinator_not_available));
  }
}

void group_coordinator::set_and_propagate_assignment(const group_ptr& g,
                                                     const std::map<std::string, std::vector<std::byte>>& assignment) {
  for (const auto& [id, _] : g->members()) {
    auto it = assignment.find(id);
    g->get(id).assignment = it == assignment.end() ? std::vector<std::byte>{} : it->second;
  }
  propagate_assignment(g, error_code::none);
}

void group_coordinator::reset_and_propagate_assignment_error(const group_ptr& g, error_code error) {
  for (const auto& [id, _] : g->members()) g->get(id).assignment.clear();
  propagate_assignment(g, error);
}

void group_coordinator::propagate_assignment(const group_ptr& g, error_code error) {
  std::vector<std::string> ids;
  for (const auto& [id, _] : g->members()) ids.push_back(id);
  for (const std::string& id : ids) {
    if (!g->has(id)) continue;
    member& m = g->get(id);
    protocol::sync_group_response r;
    r.error_code = error;
    if (error == error_code::none) r.assignment = m.assignment;
    // A session that ran out while the member waited for its assignment restarts now.
    if (g->maybe_invoke_sync(m, std::move(r))) complete_and_schedule_next_heartbeat_expiration(g, m);
  }
}

void group_coordinator::remove_pending_sync_member(const group_ptr& g, const std::string& member_id) {
  g->remove_pending_sync_member(member_id);
  syncs_.notify(g->id());
}

void group_coordinator::remove_sync_expiration(const group_ptr& g) {
  g->clear_pending_sync_members();
  syncs_.notify(g->id());
}

void group_coordinator::schedule_pending_sync(const group_ptr& g) {
  syncs_.watch(std::make_shared<delayed_sync>(*this, g, g->generation_id()), {g->id()},
               clock_.now() + milliseconds(g->rebalance_timeout_ms()));
}

void group_coordinator::expire_pending_sync(const group_ptr& g, int32_t generation_id, bool lapse_seen) {
  if (auto after = postponement(lapse_seen, milliseconds(g->rebalance_timeout_ms()))) {
    syncs_.watch(std::make_shared<delayed_sync>(*this, g, generation_id, lapse_seen), {g->id()}, clock_.now() + *after);
    return;
  }
  if (generation_id != g->generation_id() ||
      !(g->is(group_state::completing_rebalance) || g->is(group_state::stable))) {
    LOG(ERROR) << "Group " << g->id() << ": a sync expiry of generation " << generation_id
               << " arrived in generation " << g->generation_id() << ", state " << name(g->state());
    return;
  }
  if (g->has_received_sync_from_all_members()) return;
  const std::set<std::string> silent = g->pending_sync_members();
  for (const std::string& id : silent) {
    g->remove(id);
    remove_heartbeat_for_leaving_member(g, id);
  }
  prepare_rebalance(g, "removing " + std::to_string(silent.size()) + " member(s) that sent no SyncGroup in time");
}

// --- Heartbeat and sessions -------------------------------------------------------------

error_code group_coordinator::heartbeat(const std::string& group_id, const std::string& member_id,
                                        const std::optional<std::string>& group_instance_id, int32_t generation_id) {
  if (auto e = group_status_error(group_id, false)) {
    // While loading, members are answered blindly: the group's state is not known yet.
    return *e == error_code::coordinator_load_in_progress ? error_code::none : *e;
  }
  group_ptr g = store_.get(group_id);
  if (!g) return error_code::unknown_member_id;
  if (g->is(group_state::dead)) return error_code::coordinator_not_available;
  if (auto e = validate_current_member(*g, member_id, group_instance_id)) return *e;
  if (generation_id != g->generation_id()) return error_code::illegal_generation;
  switch (g->state()) {
    case group_state::empty:
    case group_state::dead:
      return error_code::unknown_member_id;
    case group_state::completing_rebalance:
    case group_state::stable:
      complete_and_schedule_next_heartbeat_expiration(g, g->get(member_id));
      return error_code::none;
    case group_state::preparing_rebalance:
      // The session is kept alive, and the member learns that it must rejoin.
      complete_and_schedule_next_heartbeat_expiration(g, g->get(member_id));
      return error_code::rebalance_in_progress;
  }
  return error_code::unknown_server_error;
}

void group_coordinator::complete_and_schedule_next_heartbeat_expiration(const group_ptr& g, member& m) {
  complete_and_schedule_next_expiration(g, m, m.session_timeout_ms);
}

void group_coordinator::complete_and_schedule_next_expiration(const group_ptr& g, member& m, int32_t timeout_ms) {
  const member_key key{g->id(), m.id};
  m.heartbeat_satisfied = true;
  heartbeats_.notify(key);
  m.heartbeat_satisfied = false;
  heartbeats_.watch(std::make_shared<delayed_heartbeat>(*this, g, m.id, false), {key},
                    clock_.now() + milliseconds(timeout_ms));
}

void group_coordinator::add_pending_member_expiration(const group_ptr& g, const std::string& member_id,
                                                      int32_t timeout_ms) {
  heartbeats_.watch(std::make_shared<delayed_heartbeat>(*this, g, member_id, true), {{g->id(), member_id}},
                    clock_.now() + milliseconds(timeout_ms));
}

void group_coordinator::remove_heartbeat_for_leaving_member(const group_ptr& g, const std::string& member_id) {
  heartbeats_.notify({g->id(), member_id});
}

void group_coordinator::expire_heartbeat(const group_ptr& g, const std::string& member_id, bool is_pending,
                                         bool lapse_seen) {
  if (g->is(group_state::dead)) return;
  const int32_t session_ms = g->has(member_id) ? g->get(member_id).session_timeout_ms : config_.min_session_timeout_ms;
  if (auto after = postponement(lapse_seen, milliseconds(session_ms))) {
    heartbeats_.watch(std::make_shared<delayed_heartbeat>(*this, g, member_id, is_pending, lapse_seen),
                      {{g->id(), member_id}}, clock_.now() + *after);
    return;
  }
  if (is_pending) {
    LOG(INFO) << "Group " << g->id() << ": pending member " << member_id << " did not rejoin within its session";
    return remove_pending_member_and_update_group(g, member_id);
  }
  if (!g->has(member_id) || g->get(member_id).has_satisfied_heartbeat()) return;
  LOG(INFO) << "Group " << g->id() << ": member " << member_id << " failed (its session expired); removing it";
  remove_member_and_update_group(g, member_id, "removing member " + member_id + " on heartbeat expiration");
}

// --- LeaveGroup ------------------------------------------------------------------------

leave_result group_coordinator::leave_group(const std::string& group_id,
                                            const std::vector<protocol::leave_group_request::member_identity>& members) {
  leave_result out;
  auto answer = [&out](const protocol::leave_group_request::member_identity& who, error_code e) {
    out.members.push_back({who.member_id, who.group_instance_id, e});
  };
  if (auto e = group_status_error(group_id, false)) return {*e, {}};
  group_ptr g = store_.get(group_id);
  if (!g) {
    for (const auto& who : members) answer(who, error_code::unknown_member_id);
    return out;
  }
  if (g->is(group_state::dead)) return {error_code::coordinator_not_available, {}};
  auto remove_current = [&](const std::string& id) {
    LOG(INFO) << "Group " << g->id() << ": member " << id << " left (LeaveGroup)";
    remove_member_and_update_group(g, id, "removing member " + id + " on LeaveGroup");
    remove_heartbeat_for_leaving_member(g, id);
  };
  for (const auto& who : members) {
    if (who.member_id.empty()) {
      // An administrator removing a static member by its instance id (KIP-345).
      auto current = who.group_instance_id ? g->static_member_id(*who.group_instance_id) : std::nullopt;
      if (!current) {
        answer(who, error_code::unknown_member_id);
        continue;
      }
      remove_current(*current);
      answer(who, error_code::none);
    } else if (g->is_pending_member(who.member_id)) {
      remove_pending_member_and_update_group(g, who.member_id);
      heartbeats_.notify({g->id(), who.member_id});
      answer(who, error_code::none);
    } else if (auto e = validate_current_member(*g, who.member_id, who.group_instance_id)) {
      answer(who, *e);
    } else {
      remove_current(who.member_id);
      answer(who, error_code::none);
    }
  }
  return out;
}

}  // namespace kb::group
