#pragma once

// HandlerTest: one broker's worth of state for driving request handlers in a unit test.
//  * broker 1 (this one) is the controller; brokers 1, 2 and 3 are alive;
//  * a log manager over a temp dir and a replica manager for local partitions;
//  * a metadata cache filled by hand (add_topic) and a fake_topic_admin applying admin
//    calls to it;
//  * call<Response>(handler, request, version) encodes the request with its codec, runs
//    the handler on the test's io_context to completion and decodes the response body;
//    start() and finish() split that, for handlers that wait (acks=all, long-poll fetch);
//  * a ZooKeeper session lease, held until a test lets it lapse (lease_.set_held(false));
//  * a manual clock: time moves only when a test advances it, or when finish() finds
//    nothing else left to run (then it jumps to the next deadline, so a timeout costs no
//    real time).

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <exception>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "brokerd/cluster/metadata_cache.h"
#include "brokerd/cluster/replica_manager.h"
#include "brokerd/handlers/broker_services.h"
#include "brokerd/protocol/messages/decode_body.h"
#include "brokerd/protocol/wire_writer.h"
#include "brokerd/server/handler_registry.h"
#include "log/log_manager.h"
#include "tests/support/batches.h"
#include "tests/support/io_runner.h"
#include "tests/support/manual_clock.h"
#include "tests/support/settable_lease.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/handlers/fake_topic_admin.h"

namespace kb::handlers::test {

using kb::test::settable_lease;

class HandlerTest : public ::testing::Test {
 protected:
  static constexpr int32_t local_id = 1;

  HandlerTest() {
    settings_.broker_id = local_id;
    logs_.startup(0);
    metadata_.set_cluster_id("test-cluster");
    metadata_.set_controller(local_id);
    metadata_.set_brokers({{1, {1, "localhost", 9092, std::nullopt}},
                           {2, {2, "localhost", 9093, std::nullopt}},
                           {3, {3, "localhost", 9094, std::nullopt}}});
  }

  ~HandlerTest() override { logs_.shutdown(); }

  // A topic with `partitions` partitions, each with `replicas` (the first leads) and an ISR
  // of all of them. Partitions whose replicas include this broker get a local replica.
  void add_topic(const std::string& name, int32_t partitions, std::vector<int32_t> replicas = {local_id},
                 std::map<std::string, std::string> config = {}) {
    cluster::topic_info& t = metadata_.upsert_topic(name);
    t.config = std::move(config);
    for (int32_t p = 0; p < partitions; ++p) {
      t.assignment[p] = replicas;
      cluster::partition_state state;
      state.leader = replicas.front();
      state.isr = replicas;
      state.replicas = replicas;
      t.partitions[p] = state;
      replicas_.apply({name, p}, state, log::log_config{}, 0);
    }
  }

  cluster::partition& local(const std::string& topic, int32_t p) {
    cluster::partition* part = replicas_.get({topic, p});
    EXPECT_NE(part, nullptr) << topic << "-" << p << " has no local replica";
    return *part;
  }

  // Appends `batches` batches of `records` records each to a local leader.
  void produce(const std::string& topic, int32_t p, int batches, int records) {
    cluster::partition& part = local(topic, p);
    for (int i = 0; i < batches; ++i) {
      auto b = kb::test::make_batch(records);
      ASSERT_TRUE(part.append_as_leader(b, now_ms_));
    }
  }

  // A handler invocation started on io_ and not yet driven: `done` once it has answered.
  struct pending_call {
    server::request_context ctx;
    server::handler_result result;
    std::exception_ptr error;
    bool done = false;
  };

  template <class Request>
  std::shared_ptr<pending_call> start(const server::api_handler& handler, const Request& request, int16_t version) {
    EXPECT_GE(version, handler.min_version);
    EXPECT_LE(version, handler.max_version);
    protocol::wire_writer w;
    request.encode(w, version);
    auto pending = std::make_shared<pending_call>();
    server::request_context& ctx = pending->ctx;
    ctx.frame = server::request_frame::copy_of(std::move(w).take());
    ctx.header.api_key = static_cast<int16_t>(handler.key);
    ctx.header.api_version = version;
    ctx.header.correlation_id = 7;
    ctx.header.client_id = "handler-test";
    ctx.body = ctx.frame.bytes();
    ctx.connection_id = "test";
    boost::asio::co_spawn(
        io_,
        [pending, handle = handler.handle]() -> boost::asio::awaitable<void> {
          pending->result = co_await handle(pending->ctx);
        },
        [pending](std::exception_ptr e) {
          pending->error = e;
          pending->done = true;
        });
    return pending;
  }

  // Drives io_ until `pending` has answered, and decodes the answer.
  template <class Response>
  Response finish(pending_call& pending) {
    // Whatever can run runs; when nothing can, only time can move the handler on.
    for (kb::test::drain(io_); !pending.done; kb::test::drain(io_)) {
      if (!clock_.advance_to_next_alarm()) break;
    }
    if (!kb::test::run_until(io_, [&] { return pending.done; })) {
      throw std::runtime_error("the handler did not answer in time");
    }
    if (pending.error) std::rethrow_exception(pending.error);
    if (!pending.result) throw std::runtime_error("the handler sent no response");
    std::vector<std::byte> body;
    for (auto& chunk : pending.result->take()) {
      if (const auto* slice = std::get_if<log::file_slice>(&chunk)) {  // what sendfile would send
        std::vector<std::byte> bytes(slice->size);
        bytes.resize(slice->file->read_at(slice->position, bytes));
        body.insert(body.end(), bytes.begin(), bytes.end());
        continue;
      }
      const auto& bytes = std::get<std::vector<std::byte>>(chunk);
      body.insert(body.end(), bytes.begin(), bytes.end());
    }
    return protocol::decode_body<Response>(body, pending.ctx.version());
  }

  template <class Response, class Request>
  Response call(const server::api_handler& handler, const Request& request, int16_t version) {
    return finish<Response>(*start(handler, request, version));
  }

  boost::asio::io_context io_;
  kb::test::temp_dir tmp_;
  int64_t now_ms_ = 1'700'000'000'000;
  kb::test::manual_clock clock_{now_ms_};
  kb::delayed_operations<std::string> topic_waiters_{clock_};
  handler_settings settings_;
  cluster::topic_defaults defaults_;
  log::log_manager logs_{{tmp_.path()}, log::log_config{}};
  cluster::replica_manager replicas_{logs_, local_id, clock_};
  cluster::metadata_cache metadata_;
  fake_topic_admin admin_{metadata_, replicas_, clock_, topic_waiters_};
  metrics::broker_metrics metrics_{clock_};
  settable_lease lease_;
  broker_services services_{replicas_, metadata_, admin_, settings_, defaults_, clock_, lease_, topic_waiters_, metrics_};
};

}  // namespace kb::handlers::test
