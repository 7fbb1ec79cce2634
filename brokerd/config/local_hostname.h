#pragma once

#include <string>

namespace kb::brokerd {

// This machine's canonical host name, which Kafka advertises for a listener with an empty host
// (java.net.InetAddress.getLocalHost().getCanonicalHostName()): gethostname(), resolved with
// AI_CANONNAME; the plain host name if resolution fails; "localhost" if even that fails.
// Does a blocking name lookup: call it at startup, not on the io thread.
std::string canonical_local_hostname();

}  // namespace kb::brokerd
