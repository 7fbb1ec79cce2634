#include "brokerd/protocol/error_code.h"

namespace kb::protocol {

std::string_view name(error_code e) {
  switch (e) {
    case error_code::unknown_server_error: return "UNKNOWN_SERVER_ERROR";
    case error_code::none: return "NONE";
    case error_code::offset_out_of_range: return "OFFSET_OUT_OF_RANGE";
    case error_code::corrupt_message: return "CORRUPT_MESSAGE";
    case error_code::unknown_topic_or_partition: return "UNKNOWN_TOPIC_OR_PARTITION";
    case error_code::invalid_fetch_size: return "INVALID_FETCH_SIZE";
    case error_code::leader_not_available: return "LEADER_NOT_AVAILABLE";
    case error_code::not_leader_or_follower: return "NOT_LEADER_OR_FOLLOWER";
    case error_code::request_timed_out: return "REQUEST_TIMED_OUT";
    case error_code::broker_not_available: return "BROKER_NOT_AVAILABLE";
    case error_code::replica_not_available: return "REPLICA_NOT_AVAILABLE";
    case error_code::message_too_large: return "MESSAGE_TOO_LARGE";
    case error_code::stale_controller_epoch: return "STALE_CONTROLLER_EPOCH";
    case error_code::offset_metadata_too_large: return "OFFSET_METADATA_TOO_LARGE";
    case error_code::network_exception: return "NETWORK_EXCEPTION";
    case error_code::coordinator_load_in_progress: return "COORDINATOR_LOAD_IN_PROGRESS";
    case error_code::coordinator_not_available: return "COORDINATOR_NOT_AVAILABLE";
    case error_code::not_coordinator: return "NOT_COORDINATOR";
    case error_code::invalid_topic_exception: return "INVALID_TOPIC_EXCEPTION";
    case error_code::record_list_too_large: return "RECORD_LIST_TOO_LARGE";
    case error_code::not_enough_replicas: return "NOT_ENOUGH_REPLICAS";
    case error_code::not_enough_replicas_after_append: return "NOT_ENOUGH_REPLICAS_AFTER_APPEND";
    case error_code::invalid_required_acks: return "INVALID_REQUIRED_ACKS";
    case error_code::illegal_generation: return "ILLEGAL_GENERATION";
    case error_code::inconsistent_group_protocol: return "INCONSISTENT_GROUP_PROTOCOL";
    case error_code::invalid_group_id: return "INVALID_GROUP_ID";
    case error_code::unknown_member_id: return "UNKNOWN_MEMBER_ID";
    case error_code::invalid_session_timeout: return "INVALID_SESSION_TIMEOUT";
    case error_code::rebalance_in_progress: return "REBALANCE_IN_PROGRESS";
    case error_code::invalid_commit_offset_size: return "INVALID_COMMIT_OFFSET_SIZE";
    case error_code::topic_authorization_failed: return "TOPIC_AUTHORIZATION_FAILED";
    case error_code::group_authorization_failed: return "GROUP_AUTHORIZATION_FAILED";
    case error_code::cluster_authorization_failed: return "CLUSTER_AUTHORIZATION_FAILED";
    case error_code::invalid_timestamp: return "INVALID_TIMESTAMP";
    case error_code::unsupported_sasl_mechanism: return "UNSUPPORTED_SASL_MECHANISM";
    case error_code::illegal_sasl_state: return "ILLEGAL_SASL_STATE";
    case error_code::unsupported_version: return "UNSUPPORTED_VERSION";
    case error_code::topic_already_exists: return "TOPIC_ALREADY_EXISTS";
    case error_code::invalid_partitions: return "INVALID_PARTITIONS";
    case error_code::invalid_replication_factor: return "INVALID_REPLICATION_FACTOR";
    case error_code::invalid_replica_assignment: return "INVALID_REPLICA_ASSIGNMENT";
    case error_code::invalid_config: return "INVALID_CONFIG";
    case error_code::not_controller: return "NOT_CONTROLLER";
    case error_code::invalid_request: return "INVALID_REQUEST";
    case error_code::unsupported_for_message_format: return "UNSUPPORTED_FOR_MESSAGE_FORMAT";
    case error_code::policy_violation: return "POLICY_VIOLATION";
    case error_code::out_of_order_sequence_number: return "OUT_OF_ORDER_SEQUENCE_NUMBER";
    case error_code::duplicate_sequence_number: return "DUPLICATE_SEQUENCE_NUMBER";
    case error_code::invalid_producer_epoch: return "INVALID_PRODUCER_EPOCH";
    case error_code::invalid_txn_state: return "INVALID_TXN_STATE";
    case error_code::invalid_producer_id_mapping: return "INVALID_PRODUCER_ID_MAPPING";
    case error_code::invalid_transaction_timeout: return "INVALID_TRANSACTION_TIMEOUT";
    case error_code::concurrent_transactions: return "CONCURRENT_TRANSACTIONS";
    case error_code::transaction_coordinator_fenced: return "TRANSACTION_COORDINATOR_FENCED";
    case error_code::transactional_id_authorization_failed: return "TRANSACTIONAL_ID_AUTHORIZATION_FAILED";
    case error_code::security_disabled: return "SECURITY_DISABLED";
    case error_code::operation_not_attempted: return "OPERATION_NOT_ATTEMPTED";
    case error_code::kafka_storage_error: return "KAFKA_STORAGE_ERROR";
    case error_code::log_dir_not_found: return "LOG_DIR_NOT_FOUND";
    case error_code::sasl_authentication_failed: return "SASL_AUTHENTICATION_FAILED";
    case error_code::unknown_producer_id: return "UNKNOWN_PRODUCER_ID";
    case error_code::reassignment_in_progress: return "REASSIGNMENT_IN_PROGRESS";
    case error_code::delegation_token_auth_disabled: return "DELEGATION_TOKEN_AUTH_DISABLED";
    case error_code::delegation_token_not_found: return "DELEGATION_TOKEN_NOT_FOUND";
    case error_code::delegation_token_owner_mismatch: return "DELEGATION_TOKEN_OWNER_MISMATCH";
    case error_code::delegation_token_request_not_allowed: return "DELEGATION_TOKEN_REQUEST_NOT_ALLOWED";
    case error_code::delegation_token_authorization_failed: return "DELEGATION_TOKEN_AUTHORIZATION_FAILED";
    case error_code::delegation_token_expired: return "DELEGATION_TOKEN_EXPIRED";
    case error_code::invalid_principal_type: return "INVALID_PRINCIPAL_TYPE";
    case error_code::non_empty_group: return "NON_EMPTY_GROUP";
    case error_code::group_id_not_found: return "GROUP_ID_NOT_FOUND";
    case error_code::fetch_session_id_not_found: return "FETCH_SESSION_ID_NOT_FOUND";
    case error_code::invalid_fetch_session_epoch: return "INVALID_FETCH_SESSION_EPOCH";
    case error_code::listener_not_found: return "LISTENER_NOT_FOUND";
    case error_code::topic_deletion_disabled: return "TOPIC_DELETION_DISABLED";
    case error_code::fenced_leader_epoch: return "FENCED_LEADER_EPOCH";
    case error_code::unknown_leader_epoch: return "UNKNOWN_LEADER_EPOCH";
    case error_code::unsupported_compression_type: return "UNSUPPORTED_COMPRESSION_TYPE";
    case error_code::stale_broker_epoch: return "STALE_BROKER_EPOCH";
    case error_code::offset_not_available: return "OFFSET_NOT_AVAILABLE";
    case error_code::member_id_required: return "MEMBER_ID_REQUIRED";
    case error_code::preferred_leader_not_available: return "PREFERRED_LEADER_NOT_AVAILABLE";
    case error_code::group_max_size_reached: return "GROUP_MAX_SIZE_REACHED";
    case error_code::fenced_instance_id: return "FENCED_INSTANCE_ID";
    case error_code::eligible_leaders_not_available: return "ELIGIBLE_LEADERS_NOT_AVAILABLE";
    case error_code::election_not_needed: return "ELECTION_NOT_NEEDED";
    case error_code::no_reassignment_in_progress: return "NO_REASSIGNMENT_IN_PROGRESS";
    case error_code::group_subscribed_to_topic: return "GROUP_SUBSCRIBED_TO_TOPIC";
    case error_code::invalid_record: return "INVALID_RECORD";
    case error_code::unstable_offset_commit: return "UNSTABLE_OFFSET_COMMIT";
    case error_code::throttling_quota_exceeded: return "THROTTLING_QUOTA_EXCEEDED";
    case error_code::producer_fenced: return "PRODUCER_FENCED";
    case error_code::resource_not_found: return "RESOURCE_NOT_FOUND";
    case error_code::duplicate_resource: return "DUPLICATE_RESOURCE";
    case error_code::unacceptable_credential: return "UNACCEPTABLE_CREDENTIAL";
    case error_code::inconsistent_voter_set: return "INCONSISTENT_VOTER_SET";
    case error_code::invalid_update_version: return "INVALID_UPDATE_VERSION";
    case error_code::feature_update_failed: return "FEATURE_UPDATE_FAILED";
    case error_code::principal_deserialization_failure: return "PRINCIPAL_DESERIALIZATION_FAILURE";
    case error_code::snapshot_not_found: return "SNAPSHOT_NOT_FOUND";
    case error_code::position_out_of_range: return "POSITION_OUT_OF_RANGE";
    case error_code::unknown_topic_id: return "UNKNOWN_TOPIC_ID";
    case error_code::duplicate_broker_registration: return "DUPLICATE_BROKER_REGISTRATION";
    case error_code::broker_id_not_registered: return "BROKER_ID_NOT_REGISTERED";
    case error_code::inconsistent_topic_id: return "INCONSISTENT_TOPIC_ID";
    case error_code::inconsistent_cluster_id: return "INCONSISTENT_CLUSTER_ID";
    case error_code::transactional_id_not_found: return "TRANSACTIONAL_ID_NOT_FOUND";
    case error_code::fetch_session_topic_id_error: return "FETCH_SESSION_TOPIC_ID_ERROR";
    case error_code::ineligible_replica: return "INELIGIBLE_REPLICA";
    case error_code::new_leader_elected: return "NEW_LEADER_ELECTED";
  }
  return "UNKNOWN";
}

std::string_view message(error_code e) {
  switch (e) {
    case error_code::unknown_server_error: return "The server experienced an unexpected error.";
    case error_code::none: return "No error.";
    case error_code::offset_out_of_range: return "The requested offset is not within the range of offsets maintained by the server.";
    case error_code::corrupt_message: return "The message failed its CRC check, exceeded the valid size or is otherwise corrupt.";
    case error_code::unknown_topic_or_partition: return "This server does not host this topic-partition.";
    case error_code::invalid_fetch_size: return "The requested fetch size is invalid.";
    case error_code::leader_not_available: return "There is no leader for this topic-partition as we are in the middle of a leadership election.";
    case error_code::not_leader_or_follower: return "This server is not the leader or a follower for that topic-partition.";
    case error_code::request_timed_out: return "The request timed out.";
    case error_code::broker_not_available: return "The broker is not available.";
    case error_code::replica_not_available: return "The replica is not available for the requested topic-partition.";
    case error_code::message_too_large: return "The request included a message larger than the max message size the server will accept.";
    case error_code::stale_controller_epoch: return "The controller moved to another broker.";
    case error_code::offset_metadata_too_large: return "The metadata field of the offset request was too large.";
    case error_code::network_exception: return "The server disconnected before a response was received.";
    case error_code::coordinator_load_in_progress: return "The coordinator is loading and hence can't process requests.";
    case error_code::coordinator_not_available: return "The coordinator is not available.";
    case error_code::not_coordinator: return "This is not the correct coordinator.";
    case error_code::invalid_topic_exception: return "The request attempted to perform an operation on an invalid topic.";
    case error_code::record_list_too_large: return "The request included a message batch larger than the configured segment size on the server.";
    case error_code::not_enough_replicas: return "Messages are rejected since there are fewer in-sync replicas than required.";
    case error_code::not_enough_replicas_after_append: return "Messages are written to the log, but to fewer in-sync replicas than required.";
    case error_code::invalid_required_acks: return "Produce request specified an invalid value for required acks.";
    case error_code::illegal_generation: return "Specified group generation id is not valid.";
    case error_code::inconsistent_group_protocol: return "The group member's supported protocols are incompatible with those of existing members.";
    case error_code::invalid_group_id: return "The configured groupId is invalid.";
    case error_code::unknown_member_id: return "The coordinator is not aware of this member.";
    case error_code::invalid_session_timeout: return "The session timeout is not within the range allowed by the broker.";
    case error_code::rebalance_in_progress: return "The group is rebalancing, so a rejoin is needed.";
    case error_code::invalid_commit_offset_size: return "The committing offset data size is not valid.";
    case error_code::topic_authorization_failed: return "Topic authorization failed.";
    case error_code::group_authorization_failed: return "Group authorization failed.";
    case error_code::cluster_authorization_failed: return "Cluster authorization failed.";
    case error_code::invalid_timestamp: return "The timestamp of the message is out of acceptable range.";
    case error_code::unsupported_sasl_mechanism: return "The broker does not support the requested SASL mechanism.";
    case error_code::illegal_sasl_state: return "Request is not valid given the current SASL state.";
    case error_code::unsupported_version: return "The version of API is not supported.";
    case error_code::topic_already_exists: return "Topic with this name already exists.";
    case error_code::invalid_partitions: return "Number of partitions is below 1.";
    case error_code::invalid_replication_factor: return "Replication factor is below 1 or larger than the number of available brokers.";
    case error_code::invalid_replica_assignment: return "Replica assignment is invalid.";
    case error_code::invalid_config: return "Configuration is invalid.";
    case error_code::not_controller: return "This is not the correct controller for this cluster.";
    case error_code::invalid_request: return "This most likely occurs because of a request being malformed by the client library or the message was sent to an incompatible broker.";
    case error_code::unsupported_for_message_format: return "The message format version on the broker does not support the request.";
    case error_code::policy_violation: return "Request parameters do not satisfy the configured policy.";
    case error_code::out_of_order_sequence_number: return "The broker received an out of order sequence number.";
    case error_code::duplicate_sequence_number: return "The broker received a duplicate sequence number.";
    case error_code::invalid_producer_epoch: return "Producer attempted to produce with an old epoch.";
    case error_code::invalid_txn_state: return "The producer attempted a transactional operation in an invalid state.";
    case error_code::invalid_producer_id_mapping: return "The producer attempted to use a producer id which is not currently assigned to its transactional id.";
    case error_code::invalid_transaction_timeout: return "The transaction timeout is larger than the maximum value allowed by the broker.";
    case error_code::concurrent_transactions: return "The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing.";
    case error_code::transaction_coordinator_fenced: return "Indicates that the transaction coordinator sending a WriteTxnMarker is no longer the current coordinator.";
    case error_code::transactional_id_authorization_failed: return "Transactional Id authorization failed.";
    case error_code::security_disabled: return "Security features are disabled.";
    case error_code::operation_not_attempted: return "The broker did not attempt to execute this operation.";
    case error_code::kafka_storage_error: return "Disk error when trying to access log file on the disk.";
    case error_code::log_dir_not_found: return "The user-specified log directory is not found in the broker config.";
    case error_code::sasl_authentication_failed: return "SASL Authentication failed.";
    case error_code::unknown_producer_id: return "This exception is raised by the broker if it could not locate the producer metadata associated with the producerId in question.";
    case error_code::reassignment_in_progress: return "A partition reassignment is in progress.";
    case error_code::delegation_token_auth_disabled: return "Delegation Token feature is not enabled.";
    case error_code::delegation_token_not_found: return "Delegation Token is not found on server.";
    case error_code::delegation_token_owner_mismatch: return "Specified Principal is not valid Owner/Renewer.";
    case error_code::delegation_token_request_not_allowed: return "Delegation Token requests are not allowed on PLAINTEXT/1-way SSL channels and on delegation token authenticated channels.";
    case error_code::delegation_token_authorization_failed: return "Delegation Token authorization failed.";
    case error_code::delegation_token_expired: return "Delegation Token is expired.";
    case error_code::invalid_principal_type: return "Supplied principalType is not supported.";
    case error_code::non_empty_group: return "The group is not empty.";
    case error_code::group_id_not_found: return "The group id does not exist.";
    case error_code::fetch_session_id_not_found: return "The fetch session ID was not found.";
    case error_code::invalid_fetch_session_epoch: return "The fetch session epoch is invalid.";
    case error_code::listener_not_found: return "There is no listener on the leader broker that matches the listener on which metadata request was processed.";
    case error_code::topic_deletion_disabled: return "Topic deletion is disabled.";
    case error_code::fenced_leader_epoch: return "The leader epoch in the request is older than the epoch on the broker.";
    case error_code::unknown_leader_epoch: return "The leader epoch in the request is newer than the epoch on the broker.";
    case error_code::unsupported_compression_type: return "The requesting client does not support the compression type of given partition.";
    case error_code::stale_broker_epoch: return "Broker epoch has changed.";
    case error_code::offset_not_available: return "The leader high watermark has not caught up from a recent leader election so the offsets cannot be guaranteed to be monotonically increasing.";
    case error_code::member_id_required: return "The group member needs to have a valid member id before actually entering a consumer group.";
    case error_code::preferred_leader_not_available: return "The preferred leader was not available.";
    case error_code::group_max_size_reached: return "The consumer group has reached its max size.";
    case error_code::fenced_instance_id: return "The broker rejected this static consumer since another consumer with the same group.instance.id has registered with a different member.id.";
    case error_code::eligible_leaders_not_available: return "Eligible topic partition leaders are not available.";
    case error_code::election_not_needed: return "Leader election not needed for topic partition.";
    case error_code::no_reassignment_in_progress: return "No partition reassignment is in progress.";
    case error_code::group_subscribed_to_topic: return "Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it.";
    case error_code::invalid_record: return "This record has failed the validation on broker and hence will be rejected.";
    case error_code::unstable_offset_commit: return "There are unstable offsets that need to be cleared.";
    case error_code::throttling_quota_exceeded: return "The throttling quota has been exceeded.";
    case error_code::producer_fenced: return "There is a newer producer with the same transactionalId which fences the current one.";
    case error_code::resource_not_found: return "A request illegally referred to a resource that does not exist.";
    case error_code::duplicate_resource: return "A request illegally referred to the same resource twice.";
    case error_code::unacceptable_credential: return "Requested credential would not meet criteria for acceptability.";
    case error_code::inconsistent_voter_set: return "Indicates that the either the sender or recipient of a voter-only request is not one of the expected voters.";
    case error_code::invalid_update_version: return "The given update version was invalid.";
    case error_code::feature_update_failed: return "Unable to update finalized features due to an unexpected server error.";
    case error_code::principal_deserialization_failure: return "Request principal deserialization failed during forwarding.";
    case error_code::snapshot_not_found: return "Requested snapshot was not found.";
    case error_code::position_out_of_range: return "Requested position is not greater than or equal to zero, and less than the size of the snapshot.";
    case error_code::unknown_topic_id: return "This server does not host this topic ID.";
    case error_code::duplicate_broker_registration: return "This broker ID is already in use.";
    case error_code::broker_id_not_registered: return "The given broker ID was not registered.";
    case error_code::inconsistent_topic_id: return "The log's topic ID did not match the topic ID in the request.";
    case error_code::inconsistent_cluster_id: return "The clusterId in the request does not match that found on the server.";
    case error_code::transactional_id_not_found: return "The transactionalId could not be found.";
    case error_code::fetch_session_topic_id_error: return "The fetch session encountered inconsistent topic ID usage.";
    case error_code::ineligible_replica: return "The new ISR contains at least one ineligible replica.";
    case error_code::new_leader_elected: return "The AlterPartition request successfully updated the partition state but the leader has changed.";
  }
  return "Unknown error code.";
}

bool is_retriable(error_code e) {
  switch (e) {
    case error_code::corrupt_message:
    case error_code::unknown_topic_or_partition:
    case error_code::leader_not_available:
    case error_code::not_leader_or_follower:
    case error_code::request_timed_out:
    case error_code::broker_not_available:
    case error_code::replica_not_available:
    case error_code::network_exception:
    case error_code::coordinator_load_in_progress:
    case error_code::coordinator_not_available:
    case error_code::not_coordinator:
    case error_code::not_enough_replicas:
    case error_code::not_enough_replicas_after_append:
    case error_code::rebalance_in_progress:
    case error_code::not_controller:
    case error_code::concurrent_transactions:
    case error_code::kafka_storage_error:
    case error_code::fetch_session_id_not_found:
    case error_code::invalid_fetch_session_epoch:
    case error_code::listener_not_found:
    case error_code::fenced_leader_epoch:
    case error_code::unknown_leader_epoch:
    case error_code::stale_broker_epoch:
    case error_code::offset_not_available:
    case error_code::preferred_leader_not_available:
    case error_code::eligible_leaders_not_available:
    case error_code::election_not_needed:
    case error_code::unstable_offset_commit:
    case error_code::throttling_quota_exceeded:
    case error_code::unknown_topic_id:
    case error_code::inconsistent_topic_id:
      return true;
    default:
      return false;
  }
}

}  // namespace kb::protocol
