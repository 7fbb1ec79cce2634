#include "brokerd/tools/java_exception.h"

#include <cctype>

namespace kb::tools {
namespace {

using protocol::error_code;

// Errors.java (Kafka 3.5), where its class is not the code's name in CamelCase plus "Exception".
std::string simple_class_name(error_code code) {
  switch (code) {
    case error_code::unknown_server_error: return "UnknownServerException";
    case error_code::request_timed_out: return "TimeoutException";
    case error_code::invalid_topic_exception: return "InvalidTopicException";
    case error_code::cluster_authorization_failed: return "ClusterAuthorizationException";
    case error_code::topic_authorization_failed: return "TopicAuthorizationException";
    case error_code::unsupported_version: return "UnsupportedVersionException";
    case error_code::kafka_storage_error: return "KafkaStorageException";
    case error_code::corrupt_message: return "CorruptRecordException";
    case error_code::message_too_large: return "RecordTooLargeException";
    case error_code::stale_controller_epoch: return "ControllerMovedException";
    case error_code::offset_metadata_too_large: return "OffsetMetadataTooLarge";
    case error_code::network_exception: return "NetworkException";
    case error_code::group_authorization_failed: return "GroupAuthorizationException";
    case error_code::topic_already_exists: return "TopicExistsException";
    case error_code::invalid_config: return "InvalidConfigurationException";
    case error_code::invalid_transaction_timeout: return "InvalidTxnTimeoutException";
    case error_code::non_empty_group: return "GroupNotEmptyException";
    default: break;
  }
  std::string out;
  bool upper = true;
  for (char c : protocol::name(code)) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                 : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    upper = false;
  }
  return out + "Exception";
}

}  // namespace

std::string java_exception_class(error_code code) { return "org.apache.kafka.common.errors." + simple_class_name(code); }

std::string java_exception_text(error_code code, const std::optional<std::string>& message) {
  std::string text = java_exception_class(code);
  const std::string detail = message ? *message : std::string(protocol::message(code));
  if (!detail.empty()) text += ": " + detail;
  return text;
}

}  // namespace kb::tools
