#include "brokerd/config/local_hostname.h"

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <climits>
#include <cstring>

namespace kb::brokerd {

std::string canonical_local_hostname() {
  char name[HOST_NAME_MAX + 1] = {};
  if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "localhost";
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_CANONNAME;
  addrinfo* result = nullptr;
  std::string canonical = name;
  if (::getaddrinfo(name, nullptr, &hints, &result) == 0 && result != nullptr) {
    if (result->ai_canonname != nullptr && result->ai_canonname[0] != '\0') canonical = result->ai_canonname;
    ::freeaddrinfo(result);
  }
  return canonical;
}

}  // namespace kb::brokerd
