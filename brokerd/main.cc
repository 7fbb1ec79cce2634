// brokerd server.properties [--override key=value]...: a Kafka broker in ZooKeeper mode.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <glog/logging.h>

#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include "brokerd/broker.h"
#include "brokerd/config/config_error.h"
#include "brokerd/config/config_notices.h"
#include "brokerd/config/config_parser.h"
#include "brokerd/config/properties_file.h"

namespace {

int usage(const char* argv0) {
  std::cerr << "USAGE: " << argv0 << " server.properties [--override property=value]*\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  FLAGS_logtostderr = true;
  google::InitGoogleLogging(argv[0]);
  // sendfile() to a socket whose client has gone raises SIGPIPE, which would kill the broker
  // silently; ignored, the call fails with EPIPE and only that connection ends.
  std::signal(SIGPIPE, SIG_IGN);
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") return usage(argv[0]);

  kb::brokerd::config_parse_result parsed;
  try {
    auto props = kb::brokerd::read_properties_file(argv[1]);
    for (int i = 2; i < argc; ++i) {
      std::string arg = argv[i];
      if (arg == "--override" && i + 1 < argc) {
        props.push_back(kb::brokerd::parse_override(argv[++i]));
      } else if (arg.rfind("--override=", 0) == 0) {
        props.push_back(kb::brokerd::parse_override(arg.substr(11)));
      } else {
        std::cerr << "Unrecognised argument: " << arg << "\n";
        return usage(argv[0]);
      }
    }
    parsed = kb::brokerd::parse_broker_config(props);
  } catch (const std::exception& e) {
    LOG(ERROR) << "Exiting Kafka due to fatal exception: " << e.what();
    return 1;
  }
  kb::brokerd::log_config_notices(parsed);

  boost::asio::io_context io(1);
  kb::broker broker(io, parsed.config);
  int exit_code = 0;
  bool stopping = false;
  boost::asio::signal_set signals(io, SIGTERM, SIGINT);

  auto shutdown = [&] {
    if (stopping) return;
    stopping = true;
    boost::asio::co_spawn(io, broker.stop(), [&](std::exception_ptr e) {
      if (e) {
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& ex) {
          LOG(ERROR) << "Error during shutdown: " << ex.what();
          exit_code = 1;
        }
      }
      signals.cancel();
      io.stop();
    });
  };
  signals.async_wait([&](boost::system::error_code ec, int signo) {
    if (ec) return;
    LOG(INFO) << "Received signal " << signo << "; shutting down";
    shutdown();
  });
  boost::asio::co_spawn(io, broker.start(), [&](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      LOG(ERROR) << "Exiting Kafka due to fatal exception during startup: " << ex.what();
    }
    exit_code = 1;
    shutdown();
  });
  io.run();
  return exit_code;
}
