#pragma once

// CoordinatorTest: a group coordinator over a fake __consumer_offsets on a manual clock.
// Every partition is led here (loaded in the constructor) unless a test says otherwise.
// join()/sync()/commit() start a request and return a slot that holds the answer once it
// comes; advance() moves time, firing session expiries and rebalance timeouts. config_ is
// read by reference, so a test may change it before the requests it affects.

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

#include "brokerd/group/consumer_offsets_key.h"
#include "brokerd/group/group_coordinator.h"
#include "tests/support/manual_clock.h"
#include "tests/support/settable_lease.h"
#include "tests/unit/group/fake_offsets_log.h"

namespace kb::protocol {
// gtest prints failed error-code comparisons by name.
inline void PrintTo(error_code e, std::ostream* os) { *os << name(e) << " (" << static_cast<int>(e) << ")"; }
}  // namespace kb::protocol

namespace kb::group::test {

template <class T>
using answer_slot = std::shared_ptr<std::optional<T>>;

// A consumer's subscription to `topics` (ConsumerProtocolSubscription v0, null user data).
inline std::vector<std::byte> consumer_subscription(const std::vector<std::string>& topics) {
  std::vector<std::byte> out;
  auto put16 = [&](int v) {
    out.push_back(std::byte(v >> 8));
    out.push_back(std::byte(v & 0xff));
  };
  put16(0);  // version
  for (int i = 0; i < 3; ++i) out.push_back(std::byte{0});
  out.push_back(std::byte(topics.size()));
  for (const auto& t : topics) {
    put16(static_cast<int>(t.size()));
    for (char c : t) out.push_back(std::byte(c));
  }
  for (int i = 0; i < 4; ++i) out.push_back(std::byte{0xff});
  return out;
}

class CoordinatorTest : public ::testing::Test {
 protected:
  static constexpr int32_t session_ms = 10000;
  static constexpr int32_t rebalance_ms = 30000;

  CoordinatorTest() {
    config_.offsets_topic_num_partitions = 4;
    store_.use_partition_count(config_.offsets_topic_num_partitions);
    config_.initial_rebalance_delay_ms = 0;
    coordinator_.startup();
    for (int32_t p = 0; p < config_.offsets_topic_num_partitions; ++p) coordinator_.on_election(p);
  }
  ~CoordinatorTest() override { coordinator_.shutdown(); }

  // A consumer subscribing to `topics` with the given assignors.
  static std::vector<member_protocol> protocols(std::vector<std::string> names = {"range"},
                                                std::vector<std::string> topics = {"t"}) {
    std::vector<member_protocol> out;
    for (auto& n : names) out.push_back({n, consumer_subscription(topics)});
    return out;
  }

  join_request join_of(const std::string& group, const std::string& member_id = "",
                       std::optional<std::string> instance = std::nullopt, bool require_known = false) {
    join_request r;
    r.group_id = group;
    r.member_id = member_id;
    r.group_instance_id = std::move(instance);
    r.require_known_member_id = require_known;
    r.client_id = "client";
    r.client_host = "/127.0.0.1";
    r.rebalance_timeout_ms = rebalance_ms;
    r.session_timeout_ms = session_ms;
    r.protocol_type = "consumer";
    r.protocols = protocols();
    return r;
  }

  answer_slot<protocol::join_group_response> join(join_request r) {
    auto slot = std::make_shared<std::optional<protocol::join_group_response>>();
    coordinator_.join_group(std::move(r), [slot](protocol::join_group_response resp) { *slot = std::move(resp); });
    settle();
    return slot;
  }

  answer_slot<protocol::sync_group_response> sync(const std::string& group, int32_t generation,
                                                  const std::string& member_id,
                                                  std::map<std::string, std::vector<std::byte>> assignments = {},
                                                  std::optional<std::string> instance = std::nullopt) {
    auto slot = std::make_shared<std::optional<protocol::sync_group_response>>();
    sync_request r{group, generation, member_id, std::move(instance), std::move(assignments)};
    coordinator_.sync_group(std::move(r), [slot](protocol::sync_group_response resp) { *slot = std::move(resp); });
    settle();
    return slot;
  }

  // A member that joins a new group alone and completes its first rebalance: its id.
  std::string join_alone(const std::string& group, std::vector<std::byte> assignment = {std::byte{1}}) {
    auto joined = join(join_of(group));
    EXPECT_TRUE(joined->has_value());
    const std::string id = (*joined)->member_id;
    auto synced = sync(group, (*joined)->generation_id, id, {{id, assignment}});
    EXPECT_TRUE(synced->has_value());
    return id;
  }

  // A Stable group formed by `requests` (all new members), in that order: the first is the
  // leader, and the i-th member's assignment is the single byte i + 1. Needs
  // group.initial.rebalance.delay.ms = 0 (the fixture's), so that a lone first join completes.
  struct formed_group {
    std::vector<std::string> ids;  // in the order of `requests`
    int32_t generation = -1;
    const std::string& leader() const { return ids.front(); }
  };
  formed_group form_group(const std::string& group, std::vector<join_request> requests) {
    formed_group out;
    auto first = join(requests[0]);
    EXPECT_TRUE(first->has_value()) << "a lone first member completes its join at once";
    out.ids.push_back((*first)->member_id);
    std::vector<answer_slot<protocol::join_group_response>> others;
    for (size_t i = 1; i < requests.size(); ++i) others.push_back(join(requests[i]));
    auto last = first;
    if (!others.empty()) {
      requests[0].member_id = out.ids[0];
      last = join(requests[0]);  // the leader rejoins; everyone is in
    }
    EXPECT_TRUE(last->has_value());
    out.generation = (*last)->generation_id;
    for (auto& slot : others) {
      EXPECT_TRUE(slot->has_value());
      out.ids.push_back((*slot)->member_id);
    }
    std::map<std::string, std::vector<std::byte>> assignment;
    for (size_t i = 0; i < out.ids.size(); ++i) assignment[out.ids[i]] = {std::byte(i + 1)};
    for (size_t i = 0; i < out.ids.size(); ++i) {
      auto synced = sync(group, out.generation, out.ids[i], i == 0 ? assignment : decltype(assignment){},
                         requests[i].group_instance_id);
      EXPECT_TRUE(synced->has_value());
    }
    EXPECT_EQ(describe(group).group_state, "Stable");
    return out;
  }
  formed_group form_group(const std::string& group, size_t members) {
    return form_group(group, std::vector<join_request>(members, join_of(group)));
  }

  answer_slot<group_store::commit_errors> commit(const std::string& group, const std::string& member_id,
                                                 int32_t generation,
                                                 std::map<topic_partition, offset_and_metadata> offsets,
                                                 std::optional<std::string> instance = std::nullopt) {
    auto slot = std::make_shared<std::optional<group_store::commit_errors>>();
    coordinator_.commit_offsets({group, member_id, std::move(instance), generation, std::move(offsets)},
                                [slot](group_store::commit_errors e) { *slot = std::move(e); });
    return slot;
  }
  // An offset committed now.
  offset_and_metadata at(int64_t offset, std::string metadata = "") const {
    return {offset, -1, std::move(metadata), clock_.wall_ms(), std::nullopt};
  }

  // The records of an append, readably: "offset <group> <topic>-<partition>" or
  // "group <group>", prefixed "tombstone " when the value is null.
  static std::vector<std::string> records_of(const fake_offsets_log::append_call& call) {
    std::vector<std::string> out;
    for (const auto& r : call.records) {
      std::string text = r.value ? "" : "tombstone ";
      auto key = decode_consumer_offsets_key(r.key);
      if (!key) {
        text += "undecodable";
      } else if (const auto* k = std::get_if<offset_commit_key>(&key.value())) {
        text += "offset " + k->group + " " + k->topic + "-" + std::to_string(k->partition);
      } else {
        text += "group " + std::get<group_metadata_key>(key.value()).group;
      }
      out.push_back(std::move(text));
    }
    return out;
  }

  protocol::describe_groups_response::described_group describe(const std::string& group) {
    return coordinator_.describe_group(group);
  }

  // Stops leading the group's partition and leads it again, with the log's read held until
  // the test calls log_.finish_reads() if `hold`: the group's partition is then loading.
  void reload_partition_of(const std::string& group, bool hold = false) {
    const int32_t p = coordinator_.partition_for(group);
    coordinator_.on_resignation(p);
    log_.hold_reads = hold;
    coordinator_.on_election(p);
  }

  void advance(std::chrono::milliseconds d) { clock_.advance(d); }
  // Fires what is due now without moving time: a delayed operation whose deadline has
  // already passed (a zero initial rebalance delay) ends at the clock's next tick.
  void settle() { clock_.advance(std::chrono::milliseconds(0)); }
  // Moves time to `t` after the test started.
  void advance_to(std::chrono::milliseconds t) { clock_.advance(t - (clock_.now() - kb::clock::time_point{})); }

  kb::test::manual_clock clock_;
  group_config config_;
  fake_offsets_log log_;
  group_store store_{config_, log_, clock_};
  kb::test::settable_lease lease_;  // held unless a test lets it lapse
  group_coordinator coordinator_{1, config_, store_, clock_, lease_};
};

}  // namespace kb::group::test
