// The group coordinator's join phase: JoinGroup, the delayed joins of a rebalance (the initial
// delay of a new group, the rebalance timeout), and members leaving the group (Kafka's
// GroupCoordinator.scala, classic groups). SyncGroup, heartbeats and LeaveGroup are in
// group_coordinator_sessions.cc.
#include <algorithm>
#include <cstdio>
#include <set>

#include <glog/logging.h>

#include "brokerd/group/group_coordinator.h"

namespace kb::group {

using protocol::error_code;
using std::chrono::milliseconds;

protocol::join_group_response join_error(const std::string& member_id, error_code error) {
  protocol::join_group_response r;
  r.error_code = error;
  r.member_id = member_id;
  r.generation_id = -1;
  return r;
}


// --- the delayed operations -------------------------------------------------------------

// The join phase of a rebalance (Kafka's DelayedJoin): completes once every known member
// has rejoined; at the rebalance timeout it completes with those that did.
class group_coordinator::delayed_join final : public kb::delayed_operation {
 public:
  delayed_join(group_coordinator& c, group_ptr g, bool lapse_seen = false)
      : c_(c), g_(std::move(g)), lapse_seen_(lapse_seen) {}
  bool try_complete() override { return c_.try_complete_join(g_); }
  void on_expiration() override { c_.expire_join(g_, lapse_seen_); }

 private:
  group_coordinator& c_;
  group_ptr g_;
  bool lapse_seen_;  // its deadline passed while the session lease was lapsed
};

// The first join phase of a new group (Kafka's InitialDelayedJoin): waits `delay_ms` for
// more members, again (up to the rebalance timeout) while new members keep arriving.
class group_coordinator::initial_delayed_join final : public kb::delayed_operation {
 public:
  initial_delayed_join(group_coordinator& c, group_ptr g, int32_t delay_ms, int32_t remaining_ms)
      : c_(c), g_(std::move(g)), delay_ms_(delay_ms), remaining_ms_(remaining_ms) {}
  bool try_complete() override { return false; }
  void on_expiration() override {
    if (g_->new_member_added && remaining_ms_ != 0) {
      g_->new_member_added = false;
      const int32_t delay = std::min(c_.config_.initial_rebalance_delay_ms, remaining_ms_);
      const int32_t remaining = std::max(remaining_ms_ - delay_ms_, 0);
      c_.joins_.watch(std::make_shared<initial_delayed_join>(c_, g_, delay, remaining), {g_->id()},
                      c_.clock_.now() + milliseconds(delay));
    } else {
      c_.complete_join(g_);
    }
  }

 private:
  group_coordinator& c_;
  group_ptr g_;
  int32_t delay_ms_;
  int32_t remaining_ms_;
};

// --- JoinGroup -------------------------------------------------------------------------

void group_coordinator::join_group(join_request request, join_callback respond) {
  if (auto e = group_status_error(request.group_id, false)) return respond(join_error(request.member_id, *e));
  if (request.session_timeout_ms < config_.min_session_timeout_ms ||
      request.session_timeout_ms > config_.max_session_timeout_ms) {
    return respond(join_error(request.member_id, error_code::invalid_session_timeout));
  }
  // A protocol named twice would be counted twice, and no protocol would then be one that
  // every member supports exactly once: refused as no real client sends it.
  std::set<std::string> names;
  for (const auto& p : request.protocols) {
    if (!names.insert(p.name).second) {
      return respond(join_error(request.member_id, error_code::inconsistent_group_protocol));
    }
  }
  const bool unknown_member = request.member_id.empty();
  // A group comes into being with its first member; a known member of an unknown group is stale.
  group_ptr g = store_.get_or_create(request.group_id, unknown_member);
  if (!g) return respond(join_error(request.member_id, error_code::unknown_member_id));
  if (!accept_joining_member(*g, request.member_id)) {
    g->remove(request.member_id);
    respond(join_error("", error_code::group_max_size_reached));
  } else if (unknown_member) {
    join_new_member(g, std::move(request), std::move(respond));
  } else {
    join_current_member(g, std::move(request), std::move(respond));
  }
  if (g->is(group_state::preparing_rebalance)) joins_.notify(g->id());
}

bool group_coordinator::accept_joining_member(const group_metadata& g, const std::string& member_id) const {
  const auto max = static_cast<size_t>(config_.max_size);
  switch (g.state()) {
    case group_state::empty:
    case group_state::dead:
      return true;
    case group_state::preparing_rebalance: {
      // Members already rejoining are kept; new ones only while room is left among those
      // that rejoined (the group may be over a lowered maximum).
      auto it = g.members().find(member_id);
      return (it != g.members().end() && it->second.is_awaiting_join()) || g.awaiting_join_count() < max;
    }
    case group_state::completing_rebalance:
    case group_state::stable:
      return g.has(member_id) || g.size() < max;
  }
  return false;
}

std::string group_coordinator::new_member_id(const std::string& prefix) {
  // Kafka: the client id (or group instance id), '-', and a random UUID in Java's text form.
  uint64_t hi = member_ids_(), lo = member_ids_();
  hi = (hi & ~uint64_t{0xF000}) | 0x4000;                                 // version 4
  lo = (lo & ~(uint64_t{0xC} << 60)) | (uint64_t{0x8} << 60);             // IETF variant
  char uuid[37];
  std::snprintf(uuid, sizeof uuid, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return prefix + "-" + uuid;
}

void group_coordinator::join_new_member(const group_ptr& g, join_request request, join_callback respond) {
  std::set<std::string> names;
  for (const auto& p : request.protocols) names.insert(p.name);
  if (g->is(group_state::dead)) return respond(join_error("", error_code::coordinator_not_available));
  if (!g->supports_protocols(request.protocol_type, names)) {
    return respond(join_error("", error_code::inconsistent_group_protocol));
  }
  const std::string id = new_member_id(request.group_instance_id.value_or(request.client_id));
  if (request.group_instance_id) return join_static_new_member(g, std::move(request), id, std::move(respond));
  if (request.require_known_member_id) {
    // KIP-394: the member gets its id now and must come back with it within its session.
    LOG(INFO) << "Group " << g->id() << ": dynamic member joins in " << name(g->state()) << "; asking it to rejoin as "
              << id;
    g->add_pending_member(id);
    add_pending_member_expiration(g, id, request.session_timeout_ms);
    return respond(join_error(id, error_code::member_id_required));
  }
  add_member_and_rebalance(g, std::move(request), id, std::move(respond));
}

void group_coordinator::join_static_new_member(const group_ptr& g, join_request request,
                                               const std::string& new_member_id, join_callback respond) {
  const std::string instance = *request.group_instance_id;
  if (auto old_member_id = g->static_member_id(instance)) {
    LOG(INFO) << "Group " << g->id() << ": static member " << instance << " rejoins with an unknown member id in "
              << name(g->state()) << "; " << new_member_id << " replaces " << *old_member_id;
    return update_static_member_and_rebalance(g, std::move(request), *old_member_id, new_member_id, std::move(respond));
  }
  add_member_and_rebalance(g, std::move(request), new_member_id, std::move(respond));
}

void group_coordinator::join_current_member(const group_ptr& g, join_request request, join_callback respond) {
  std::set<std::string> names;
  for (const auto& p : request.protocols) names.insert(p.name);
  const std::string member_id = request.member_id;
  if (g->is(group_state::dead)) return respond(join_error(member_id, error_code::coordinator_not_available));
  if (!g->supports_protocols(request.protocol_type, names)) {
    return respond(join_error(member_id, error_code::inconsistent_group_protocol));
  }
  if (g->is_pending_member(member_id)) {
    // A pending member is never static: an instance id here is a client's mistake.
    if (request.group_instance_id) return respond(join_error(member_id, error_code::unknown_server_error));
    LOG(INFO) << "Group " << g->id() << ": pending member " << member_id << " joins in " << name(g->state());
    return add_member_and_rebalance(g, std::move(request), member_id, std::move(respond));
  }
  if (auto e = validate_current_member(*g, member_id, request.group_instance_id)) {
    return respond(join_error(member_id, *e));
  }
  member& m = g->get(member_id);
  switch (g->state()) {
    case group_state::preparing_rebalance:
      return update_member_and_rebalance(g, m, std::move(request), std::move(respond),
                                         "member " + member_id + " rejoins during PreparingRebalance");
    case group_state::completing_rebalance:
      // The same metadata: it missed the JoinGroup answer; tell it the current generation.
      if (m.matches(request.protocols)) return respond(join_result_for(*g, member_id, g->is_leader(member_id)));
      return update_member_and_rebalance(g, m, std::move(request), std::move(respond),
                                         "member " + member_id + " changed its metadata during CompletingRebalance");
    case group_state::stable:
      // The leader rejoining asks for a rebalance (its topics' metadata may have changed).
      if (g->is_leader(member_id)) {
        return update_member_and_rebalance(g, m, std::move(request), std::move(respond),
                                           "leader " + member_id + " rejoins during Stable");
      }
      if (!m.matches(request.protocols)) {
        return update_member_and_rebalance(g, m, std::move(request), std::move(respond),
                                           "member " + member_id + " changed its metadata during Stable");
      }
      return respond(join_result_for(*g, member_id, false));
    case group_state::empty:
    case group_state::dead:
      LOG(WARNING) << "Group " << g->id() << ": member " << member_id << " rejoins in unexpected state "
                   << name(g->state());
      return respond(join_error(member_id, error_code::unknown_member_id));
  }
}

void group_coordinator::add_member_and_rebalance(const group_ptr& g, join_request request, const std::string& member_id,
                                                 join_callback respond) {
  member m;
  m.id = member_id;
  m.group_instance_id = request.group_instance_id;
  m.client_id = request.client_id;
  m.client_host = request.client_host;
  m.rebalance_timeout_ms = request.rebalance_timeout_ms;
  m.session_timeout_ms = request.session_timeout_ms;
  m.protocol_type = request.protocol_type;
  m.protocols = std::move(request.protocols);
  m.is_new = true;
  // A member arriving during a new group's initial delay extends it.
  if (g->is(group_state::preparing_rebalance) && g->generation_id() == 0) g->new_member_added = true;
  member& added = g->add(std::move(m), std::move(respond));
  // A new member cannot heartbeat before it has its id, and a client that gave up on its
  // JoinGroup retries as another member: a parked JoinGroup of a new member times out.
  complete_and_schedule_next_expiration(g, added, new_member_join_timeout_ms);
  maybe_prepare_rebalance(g, "adding new member " + member_id);
}

void group_coordinator::update_static_member_and_rebalance(const group_ptr& g, join_request request,
                                                           const std::string& old_member_id,
                                                           const std::string& new_member_id, join_callback respond) {
  const std::optional<std::string> current_leader = g->leader();
  const std::string instance = *request.group_instance_id;
  member& m = g->replace_static_member(instance, old_member_id, new_member_id);
  // The old id's session ends without effect (the group no longer has it); the new id's begins.
  complete_and_schedule_next_heartbeat_expiration(g, m);
  const std::vector<member_protocol> old_protocols = m.protocols;
  const int32_t old_rebalance_timeout = m.rebalance_timeout_ms;
  const int32_t old_session_timeout = m.session_timeout_ms;
  join_callback answer = respond;  // kept: a failed store answers it directly
  g->update_member(m, std::move(request.protocols), request.rebalance_timeout_ms, request.session_timeout_ms,
                   std::move(respond));
  switch (g->state()) {
    case group_state::stable: {
      // Without a change of protocol the group need not rebalance: the restarted static
      // member gets its old assignment back (KIP-345). Its new member id is stored first.
      if (g->protocol_name() != g->select_protocol()) {
        return maybe_prepare_rebalance(g, "static member " + instance + " rejoins with another protocol");
      }
      std::map<std::string, std::vector<std::byte>> assignment;
      for (const auto& [id, each] : g->members()) assignment[id] = each.assignment;
      store_.store_group(g, assignment, [this, g, instance, old_member_id, new_member_id, current_leader, old_protocols,
                                         old_rebalance_timeout, old_session_timeout, answer](error_code error) {
        if (!g->has(new_member_id)) return;  // gone meanwhile; its parked JoinGroup was answered
        member& replaced = g->get(new_member_id);
        if (error != error_code::none) {
          LOG(WARNING) << "Group " << g->id() << ": storing static member " << instance
                       << "'s new member id failed: " << protocol::name(error) << "; keeping " << old_member_id;
          g->update_member(replaced, old_protocols, old_rebalance_timeout, old_session_timeout, nullptr);
          member& old = g->replace_static_member(instance, new_member_id, old_member_id);
          complete_and_schedule_next_heartbeat_expiration(g, old);
          protocol::join_group_response r = join_result_for(*g, "", false);
          r.leader = current_leader.value_or("");
          r.error_code = error;
          return answer(std::move(r));
        }
        // The old leader id is returned, so that a restarted leader does not compute a new
        // assignment that a Stable group would never hand out.
        protocol::join_group_response r = join_result_for(*g, new_member_id, false);
        r.leader = current_leader.value_or("");
        g->maybe_invoke_join(replaced, std::move(r));
      });
      return;
    }
    case group_state::completing_rebalance:
      // The leader may already be assigning to the old member id: start over.
      return prepare_rebalance(g, "static member " + instance + " rejoins during CompletingRebalance");
    case group_state::preparing_rebalance:
      return;  // answered when the join phase ends
    case group_state::empty:
    case group_state::dead:
      LOG(ERROR) << "Group " << g->id() << " has static member " << instance << " in state " << name(g->state());
      return g->maybe_invoke_join(m, join_error(new_member_id, error_code::unknown_server_error));
  }
}

void group_coordinator::update_member_and_rebalance(const group_ptr& g, member& m, join_request request,
                                                    join_callback respond, const std::string& reason) {
  g->update_member(m, std::move(request.protocols), request.rebalance_timeout_ms, request.session_timeout_ms,
                   std::move(respond));
  maybe_prepare_rebalance(g, reason);
}

void group_coordinator::maybe_prepare_rebalance(const group_ptr& g, const std::string& reason) {
  if (g->can_rebalance()) prepare_rebalance(g, reason);
}

void group_coordinator::prepare_rebalance(const group_ptr& g, const std::string& reason) {
  // Members waiting for their assignment must rejoin instead.
  if (g->is(group_state::completing_rebalance)) {
    reset_and_propagate_assignment_error(g, error_code::rebalance_in_progress);
  }
  remove_sync_expiration(g);
  std::shared_ptr<kb::delayed_operation> join;
  int32_t delay_ms;
  if (g->is(group_state::empty)) {
    delay_ms = config_.initial_rebalance_delay_ms;
    join = std::make_shared<initial_delayed_join>(*this, g, delay_ms,
                                                  std::max(g->rebalance_timeout_ms() - delay_ms, 0));
  } else {
    delay_ms = g->rebalance_timeout_ms();
    join = std::make_shared<delayed_join>(*this, g);
  }
  LOG(INFO) << "Group " << g->id() << ": preparing to rebalance in state " << name(g->state())
            << " with old generation " << g->generation_id() << " (" << offsets_topic << "-" << partition_for(g->id())
            << ") (reason: " << reason << ")";
  g->transition_to(group_state::preparing_rebalance, clock_.wall_ms());
  joins_.watch(join, {g->id()}, clock_.now() + milliseconds(delay_ms));
}

void group_coordinator::remove_member_and_update_group(const group_ptr& g, const std::string& member_id,
                                                       const std::string& reason) {
  // A new member may be removed while its JoinGroup is parked: it is told to rejoin.
  g->maybe_invoke_join(g->get(member_id), join_error("", error_code::unknown_member_id));
  g->remove(member_id);
  switch (g->state()) {
    case group_state::dead:
    case group_state::empty:
      return;
    case group_state::stable:
    case group_state::completing_rebalance:
      return maybe_prepare_rebalance(g, reason);
    case group_state::preparing_rebalance:
      joins_.notify(g->id());
      return;
  }
}

void group_coordinator::remove_pending_member_and_update_group(const group_ptr& g, const std::string& member_id) {
  g->remove(member_id);
  if (g->is(group_state::preparing_rebalance)) joins_.notify(g->id());
}

bool group_coordinator::try_complete_join(const group_ptr& g) {
  if (!g->has_all_members_joined()) return false;
  complete_join(g);
  return true;
}

void group_coordinator::expire_join(const group_ptr& g, bool lapse_seen) {
  if (auto after = postponement(lapse_seen, milliseconds(g->rebalance_timeout_ms()))) {
    joins_.watch(std::make_shared<delayed_join>(*this, g, lapse_seen), {g->id()}, clock_.now() + *after);
    return;
  }
  complete_join(g);
}

void group_coordinator::complete_join(const group_ptr& g) {
  // Dynamic members that did not rejoin in time are gone; static ones keep their place.
  for (const std::string& id : g->not_yet_rejoined()) {
    if (g->get(id).is_static()) continue;
    LOG(INFO) << "Group " << g->id() << ": removing member " << id << ", which did not rejoin in time";
    g->remove(id);
    remove_heartbeat_for_leaving_member(g, id);
  }
  if (g->is(group_state::dead)) {
    LOG(INFO) << "Group " << g->id() << " is dead; skipping the rebalance";
    return;
  }
  if (!g->maybe_elect_new_joined_leader() && g->size() > 0) {
    // Nobody rejoined: wait again, until sessions expire the silent members.
    LOG(ERROR) << "Group " << g->id() << " could not complete the rebalance: no member rejoined";
    joins_.watch(std::make_shared<delayed_join>(*this, g), {g->id()},
                 clock_.now() + milliseconds(g->rebalance_timeout_ms()));
    return;
  }
  g->init_next_generation(clock_.wall_ms());
  if (g->is(group_state::empty)) {
    LOG(INFO) << "Group " << g->id() << " with generation " << g->generation_id() << " is now empty";
    store_.store_group(g, {}, [g](error_code error) {
      // Harmless if lost: an empty generation has no members to confuse.
      if (error != error_code::none) {
        LOG(WARNING) << "Group " << g->id() << ": writing its empty metadata failed: " << protocol::name(error);
      }
    });
    return;
  }
  LOG(INFO) << "Group " << g->id() << ": stabilized generation " << g->generation_id() << " (" << offsets_topic << "-"
            << partition_for(g->id()) << ") with " << g->size() << " member(s); protocol "
            << g->protocol_name().value_or("") << ", leader " << g->leader().value_or("");
  std::vector<std::string> ids;
  for (const auto& [id, _] : g->members()) ids.push_back(id);
  for (const std::string& id : ids) {
    member& m = g->get(id);
    g->maybe_invoke_join(m, join_result_for(*g, id, g->is_leader(id)));
    complete_and_schedule_next_heartbeat_expiration(g, m);
    m.is_new = false;
    g->add_pending_sync_member(id);
  }
  schedule_pending_sync(g);
}

protocol::join_group_response group_coordinator::join_result_for(const group_metadata& g, const std::string& member_id,
                                                                 bool with_members) const {
  protocol::join_group_response r;
  r.generation_id = g.generation_id();
  r.protocol_name = g.protocol_name().value_or("");
  r.leader = g.leader().value_or("");
  r.member_id = member_id;
  if (with_members) r.members = g.current_member_metadata();  // only the leader assigns
  return r;
}

}  // namespace kb::group
