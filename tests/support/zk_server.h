#pragma once

// zk_server: a real, standalone ZooKeeper for one integration test suite (Kafka's
// EmbeddedZookeeper, as a child process). The constructor picks a free 127.0.0.1 port, writes a
// fresh zoo.cfg (admin server off, so no port 8080 clashes) and data dir under a temp dir, starts
//
//   java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dzookeeper.admin.enableServer=false
//        -cp /usr/share/java/zookeeper.jar org.apache.zookeeper.server.quorum.QuorumPeerMain zoo.cfg
//
// (Debian's zookeeper.jar names its dependencies in its manifest Class-Path; override the java
// binary or the class path with $KB_JAVA / $KB_ZOOKEEPER_CLASSPATH) and waits, with a deadline,
// until a ZooKeeper C client session is established. The destructor SIGKILLs the server and
// removes the directory; the server also dies with the test process (PR_SET_PDEATHSIG).

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zookeeper/zookeeper.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/io_runner.h"
#include "tests/support/temp_dir.h"

namespace kb::test {

// A TCP port on 127.0.0.1 that nobody listened on a moment ago.
inline int free_local_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("bind/getsockname on 127.0.0.1:0 failed");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

// Takes the session `id` over with a second client and closes it, so the server ends the session:
// the original client then sees ZOO_EXPIRED_SESSION_STATE when it reconnects (the trick of
// Kafka's ZooKeeperTestHarness). Returns false if the takeover did not connect in time.
inline bool expire_session(const std::string& connect, int64_t id, const std::string& password,
                           std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
  struct waiter {
    std::mutex mutex;
    std::condition_variable cv;
    bool connected = false;
  } w;
  const auto watcher = [](zhandle_t*, int type, int state, const char*, void* ctx) {
    if (type != ZOO_SESSION_EVENT || state != ZOO_CONNECTED_STATE) return;
    auto* self = static_cast<waiter*>(ctx);
    std::lock_guard lock(self->mutex);
    self->connected = true;
    self->cv.notify_all();
  };
  clientid_t client{};
  client.client_id = id;
  std::copy_n(password.data(), std::min(password.size(), sizeof client.passwd), client.passwd);
  zhandle_t* zh = zookeeper_init2(connect.c_str(), watcher, 10'000, &client, &w, 0, [](const char*) {});
  if (zh == nullptr) return false;
  bool connected = false;
  {
    std::unique_lock lock(w.mutex);
    connected = w.cv.wait_for(lock, scaled(timeout), [&] { return w.connected; });
  }
  zookeeper_close(zh);  // closes the shared session on the server
  return connected;
}

class zk_server {
 public:
  explicit zk_server(std::chrono::milliseconds startup_timeout = std::chrono::seconds(60)) : port_(free_local_port()) {
    const std::string data_dir = (dir_.path() / "data").string();
    {
      std::ofstream cfg(config_path());
      cfg << "tickTime=500\n"
          << "initLimit=10\n"
          << "syncLimit=5\n"
          << "dataDir=" << data_dir << "\n"
          << "clientPort=" << port_ << "\n"
          << "clientPortAddress=127.0.0.1\n"
          << "maxClientCnxns=0\n"
          << "admin.enableServer=false\n"
          << "4lw.commands.whitelist=srvr,ruok\n";
    }
    start_process();
    wait_until_serving(startup_timeout);
  }

  ~zk_server() { stop(); }
  zk_server(const zk_server&) = delete;
  zk_server& operator=(const zk_server&) = delete;

  int port() const { return port_; }
  // "127.0.0.1:<port>" followed by `chroot` (e.g. "/kafka").
  std::string connect_string(std::string_view chroot = "") const {
    return "127.0.0.1:" + std::to_string(port_) + std::string(chroot);
  }
  // The server's stdout/stderr so far, for failure messages.
  std::string output() const {
    std::ifstream in(dir_.path() / "zookeeper.out");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  std::string config_path() const { return (dir_.path() / "zoo.cfg").string(); }

  void start_process() {
    const char* java_env = std::getenv("KB_JAVA");
    const char* cp_env = std::getenv("KB_ZOOKEEPER_CLASSPATH");
    const std::string java = java_env != nullptr ? java_env : "/usr/bin/java";
    const std::string classpath = cp_env != nullptr ? cp_env : "/usr/share/java/zookeeper.jar";
    std::vector<std::string> args = {java,
                                     "-Xmx256m",
                                     "-XX:+UseSerialGC",
                                     "-XX:TieredStopAtLevel=1",
                                     "-Dzookeeper.admin.enableServer=false",
                                     "-cp",
                                     classpath,
                                     "org.apache.zookeeper.server.quorum.QuorumPeerMain",
                                     config_path()};
    const std::string out = (dir_.path() / "zookeeper.out").string();
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork() failed");
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(127);
      const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (fd >= 0) {
        ::dup2(fd, STDOUT_FILENO);
        ::dup2(fd, STDERR_FILENO);
        ::close(fd);
      }
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
  }

  // Ready = a ZooKeeper client session gets established. The C client retries the connection
  // itself; we wait on its session event (no polling), checking the child stays alive.
  void wait_until_serving(std::chrono::milliseconds timeout) {
    struct waiter {
      std::mutex mutex;
      std::condition_variable cv;
      bool connected = false;
    } w;
    const auto watcher = [](zhandle_t*, int type, int state, const char*, void* ctx) {
      if (type != ZOO_SESSION_EVENT || state != ZOO_CONNECTED_STATE) return;
      auto* self = static_cast<waiter*>(ctx);
      std::lock_guard lock(self->mutex);
      self->connected = true;
      self->cv.notify_all();
    };
    const auto quiet = [](const char*) {};
    zhandle_t* zh = zookeeper_init2(connect_string().c_str(), watcher, 10'000, nullptr, &w, 0, quiet);
    if (zh == nullptr) throw std::runtime_error("zookeeper_init failed");
    const auto deadline = std::chrono::steady_clock::now() + scaled(timeout);
    std::string failure;
    {
      std::unique_lock lock(w.mutex);
      while (!w.connected) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
          pid_ = -1;
          failure = "ZooKeeper exited during startup";
          break;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
          failure = "ZooKeeper did not accept a session within " + std::to_string(scaled(timeout).count()) + " ms";
          break;
        }
        w.cv.wait_for(lock, std::chrono::milliseconds(200));
      }
    }
    zookeeper_close(zh);
    if (!failure.empty()) {
      stop();
      throw std::runtime_error(failure + "; output:\n" + output());
    }
  }

  temp_dir dir_;
  int port_;
  pid_t pid_ = -1;
};

}  // namespace kb::test
