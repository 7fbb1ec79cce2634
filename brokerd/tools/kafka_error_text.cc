#include "brokerd/tools/kafka_error_text.h"

#include <cstring>
#include <optional>

namespace kb::tools {
namespace {

// Default messages of org.apache.kafka.common.protocol.Errors (Kafka 3.5), for the codes the
// admin, metadata and produce paths of these tools can meet.
const char* kafka_default_message(rd_kafka_resp_err_t err) {
  switch (err) {
    case RD_KAFKA_RESP_ERR_UNKNOWN:
      return "The server experienced an unexpected error when processing the request.";
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
      return "This server does not host this topic-partition.";
    case RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE:
      return "There is no leader for this topic-partition as we are in the middle of a leadership election.";
    case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
      return "The request timed out.";
    case RD_KAFKA_RESP_ERR_BROKER_NOT_AVAILABLE:
      return "The broker is not available.";
    case RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION:
      return "The request attempted to perform an operation on an invalid topic.";
    case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS:
      return "Messages are rejected since there are fewer in-sync replicas than required.";
    case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND:
      return "Messages are written to the log, but to fewer in-sync replicas than required.";
    case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
      return "Topic authorization failed.";
    case RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED:
      return "Cluster authorization failed.";
    case RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION:
      return "The version of API is not supported.";
    case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS:
      return "Topic with this name already exists.";
    case RD_KAFKA_RESP_ERR_INVALID_PARTITIONS:
      return "Number of partitions is below 1.";
    case RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR:
      return "Replication factor is below 1 or larger than the number of available brokers.";
    case RD_KAFKA_RESP_ERR_INVALID_REPLICA_ASSIGNMENT:
      return "Replica assignment is invalid.";
    case RD_KAFKA_RESP_ERR_INVALID_CONFIG:
      return "Configuration is invalid.";
    case RD_KAFKA_RESP_ERR_NOT_CONTROLLER:
      return "This is not the correct controller for this cluster.";
    case RD_KAFKA_RESP_ERR_INVALID_REQUEST:
      return "This most likely occurs because of a request being malformed by the client library or the "
             "message was sent to an incompatible broker. See the broker logs for more details.";
    case RD_KAFKA_RESP_ERR_POLICY_VIOLATION:
      return "Request parameters do not satisfy the configured policy.";
    case RD_KAFKA_RESP_ERR_TOPIC_DELETION_DISABLED:
      return "Topic deletion is disabled.";
    default:
      return nullptr;
  }
}

struct kafka_exception {
  const char* name;
  const char* message;
};

// Errors.java (Kafka 3.5): the exception class and default message of the codes the group tools meet.
std::optional<kafka_exception> exception_of(rd_kafka_resp_err_t err) {
  switch (err) {
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
      return kafka_exception{"UnknownTopicOrPartitionException", "This server does not host this topic-partition."};
    case RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE:
      return kafka_exception{"LeaderNotAvailableException",
                             "There is no leader for this topic-partition as we are in the middle of a leadership "
                             "election."};
    case RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION:
      return kafka_exception{"NotLeaderOrFollowerException",
                             "For requests intended only for the leader, this error indicates that the broker is "
                             "not the current leader. For requests intended for any replica, this error indicates "
                             "that the broker is not a replica of the topic partition."};
    case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
    case RD_KAFKA_RESP_ERR__TIMED_OUT:
      return kafka_exception{"TimeoutException", "The request timed out."};
    case RD_KAFKA_RESP_ERR_OFFSET_METADATA_TOO_LARGE:
      return kafka_exception{"OffsetMetadataTooLarge", "The metadata field of the offset request was too large."};
    case RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS:
      return kafka_exception{"CoordinatorLoadInProgressException",
                             "The coordinator is loading and hence can't process requests."};
    case RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE:
      return kafka_exception{"CoordinatorNotAvailableException", "The coordinator is not available."};
    case RD_KAFKA_RESP_ERR_NOT_COORDINATOR:
      return kafka_exception{"NotCoordinatorException", "This is not the correct coordinator."};
    case RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION:
      return kafka_exception{"IllegalGenerationException", "Specified group generation id is not valid."};
    case RD_KAFKA_RESP_ERR_INVALID_GROUP_ID:
      return kafka_exception{"InvalidGroupIdException", "The configured groupId is invalid."};
    case RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID:
      return kafka_exception{"UnknownMemberIdException", "The coordinator is not aware of this member."};
    case RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS:
      return kafka_exception{"RebalanceInProgressException", "The group is rebalancing, so a rejoin is needed."};
    case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
      return kafka_exception{"TopicAuthorizationException", "Topic authorization failed."};
    case RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED:
      return kafka_exception{"GroupAuthorizationException", "Group authorization failed."};
    case RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION:
      return kafka_exception{"UnsupportedVersionException", "The version of API is not supported."};
    case RD_KAFKA_RESP_ERR_NON_EMPTY_GROUP:
      return kafka_exception{"GroupNotEmptyException", "The group is not empty."};
    case RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND:
      return kafka_exception{"GroupIdNotFoundException", "The group id does not exist."};
    case RD_KAFKA_RESP_ERR_GROUP_SUBSCRIBED_TO_TOPIC:
      return kafka_exception{"GroupSubscribedToTopicException",
                             "Deleting offsets of a topic is forbidden while the consumer group is actively "
                             "subscribed to it."};
    case RD_KAFKA_RESP_ERR_UNKNOWN:
      return kafka_exception{"UnknownServerException",
                             "The server experienced an unexpected error when processing the request."};
    default:
      return std::nullopt;
  }
}

}  // namespace

std::string kafka_exception_text(rd_kafka_resp_err_t err) {
  constexpr const char* package = "org.apache.kafka.common.errors.";
  if (auto e = exception_of(err)) return std::string(package) + e->name + ": " + e->message;
  return std::string(package) + "UnknownServerException: " + rd_kafka_err2str(err);
}

std::string kafka_error_text(rd_kafka_resp_err_t err, const char* librdkafka_text) {
  const char* generic = rd_kafka_err2str(err);
  const bool broker_sent_message = librdkafka_text && *librdkafka_text && std::strcmp(librdkafka_text, generic) != 0;
  if (broker_sent_message) return librdkafka_text;
  if (const char* kafka = kafka_default_message(err)) return kafka;
  return generic;
}

}  // namespace kb::tools
