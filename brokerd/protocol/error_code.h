#pragma once

#include <cstdint>
#include <string_view>

namespace kb::protocol {

// Kafka's error codes (Errors.java). The numbers are part of the protocol and never change.
enum class error_code : int16_t {
  unknown_server_error = -1,  // The server experienced an unexpected error
  none = 0,  // No error
  offset_out_of_range = 1,  // The requested offset is not within the range of offsets maintained by the server
  corrupt_message = 2,  // The message failed its CRC check, exceeded the valid size or is otherwise corrupt
  unknown_topic_or_partition = 3,  // This server does not host this topic-partition
  invalid_fetch_size = 4,  // The requested fetch size is invalid
  leader_not_available = 5,  // There is no leader for this topic-partition as we are in the middle of a leadership election
  not_leader_or_follower = 6,  // This server is not the leader or a follower for that topic-partition
  request_timed_out = 7,  // The request timed out
  broker_not_available = 8,  // The broker is not available
  replica_not_available = 9,  // The replica is not available for the requested topic-partition
  message_too_large = 10,  // The request included a message larger than the max message size the server will accept
  stale_controller_epoch = 11,  // The controller moved to another broker
  offset_metadata_too_large = 12,  // The metadata field of the offset request was too large
  network_exception = 13,  // The server disconnected before a response was received
  coordinator_load_in_progress = 14,  // The coordinator is loading and hence can't process requests
  coordinator_not_available = 15,  // The coordinator is not available
  not_coordinator = 16,  // This is not the correct coordinator
  invalid_topic_exception = 17,  // The request attempted to perform an operation on an invalid topic
  record_list_too_large = 18,  // The request included a message batch larger than the configured segment size on the server
  not_enough_replicas = 19,  // Messages are rejected since there are fewer in-sync replicas than required
  not_enough_replicas_after_append = 20,  // Messages are written to the log, but to fewer in-sync replicas than required
  invalid_required_acks = 21,  // Produce request specified an invalid value for required acks
  illegal_generation = 22,  // Specified group generation id is not valid
  inconsistent_group_protocol = 23,  // The group member's supported protocols are incompatible with those of existing members
  invalid_group_id = 24,  // The configured groupId is invalid
  unknown_member_id = 25,  // The coordinator is not aware of this member
  invalid_session_timeout = 26,  // The session timeout is not within the range allowed by the broker
  rebalance_in_progress = 27,  // The group is rebalancing, so a rejoin is needed
  invalid_commit_offset_size = 28,  // The committing offset data size is not valid
  topic_authorization_failed = 29,  // Topic authorization failed
  group_authorization_failed = 30,  // Group authorization failed
  cluster_authorization_failed = 31,  // Cluster authorization failed
  invalid_timestamp = 32,  // The timestamp of the message is out of acceptable range
  unsupported_sasl_mechanism = 33,  // The broker does not support the requested SASL mechanism
  illegal_sasl_state = 34,  // Request is not valid given the current SASL state
  unsupported_version = 35,  // The version of API is not supported
  topic_already_exists = 36,  // Topic with this name already exists
  invalid_partitions = 37,  // Number of partitions is below 1
  invalid_replication_factor = 38,  // Replication factor is below 1 or larger than the number of available brokers
  invalid_replica_assignment = 39,  // Replica assignment is invalid
  invalid_config = 40,  // Configuration is invalid
  not_controller = 41,  // This is not the correct controller for this cluster
  invalid_request = 42,  // This most likely occurs because of a request being malformed by the client library or the message was sent to an incompatible broker
  unsupported_for_message_format = 43,  // The message format version on the broker does not support the request
  policy_violation = 44,  // Request parameters do not satisfy the configured policy
  out_of_order_sequence_number = 45,  // The broker received an out of order sequence number
  duplicate_sequence_number = 46,  // The broker received a duplicate sequence number
  invalid_producer_epoch = 47,  // Producer attempted to produce with an old epoch
  invalid_txn_state = 48,  // The producer attempted a transactional operation in an invalid state
  invalid_producer_id_mapping = 49,  // The producer attempted to use a producer id which is not currently assigned to its transactional id
  invalid_transaction_timeout = 50,  // The transaction timeout is larger than the maximum value allowed by the broker
  concurrent_transactions = 51,  // The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing
  transaction_coordinator_fenced = 52,  // Indicates that the transaction coordinator sending a WriteTxnMarker is no longer the current coordinator
  transactional_id_authorization_failed = 53,  // Transactional Id authorization failed
  security_disabled = 54,  // Security features are disabled
  operation_not_attempted = 55,  // The broker did not attempt to execute this operation
  kafka_storage_error = 56,  // Disk error when trying to access log file on the disk
  log_dir_not_found = 57,  // The user-specified log directory is not found in the broker config
  sasl_authentication_failed = 58,  // SASL Authentication failed
  unknown_producer_id = 59,  // This exception is raised by the broker if it could not locate the producer metadata associated with the producerId in question
  reassignment_in_progress = 60,  // A partition reassignment is in progress
  delegation_token_auth_disabled = 61,  // Delegation Token feature is not enabled
  delegation_token_not_found = 62,  // Delegation Token is not found on server
  delegation_token_owner_mismatch = 63,  // Specified Principal is not valid Owner/Renewer
  delegation_token_request_not_allowed = 64,  // Delegation Token requests are not allowed on PLAINTEXT/1-way SSL channels and on delegation token authenticated channels
  delegation_token_authorization_failed = 65,  // Delegation Token authorization failed
  delegation_token_expired = 66,  // Delegation Token is expired
  invalid_principal_type = 67,  // Supplied principalType is not supported
  non_empty_group = 68,  // The group is not empty
  group_id_not_found = 69,  // The group id does not exist
  fetch_session_id_not_found = 70,  // The fetch session ID was not found
  invalid_fetch_session_epoch = 71,  // The fetch session epoch is invalid
  listener_not_found = 72,  // There is no listener on the leader broker that matches the listener on which metadata request was processed
  topic_deletion_disabled = 73,  // Topic deletion is disabled
  fenced_leader_epoch = 74,  // The leader epoch in the request is older than the epoch on the broker
  unknown_leader_epoch = 75,  // The leader epoch in the request is newer than the epoch on the broker
  unsupported_compression_type = 76,  // The requesting client does not support the compression type of given partition
  stale_broker_epoch = 77,  // Broker epoch has changed
  offset_not_available = 78,  // The leader high watermark has not caught up from a recent leader election so the offsets cannot be guaranteed to be monotonically increasing
  member_id_required = 79,  // The group member needs to have a valid member id before actually entering a consumer group
  preferred_leader_not_available = 80,  // The preferred leader was not available
  group_max_size_reached = 81,  // The consumer group has reached its max size
  fenced_instance_id = 82,  // The broker rejected this static consumer since another consumer with the same group.instance.id has registered with a different member.id
  eligible_leaders_not_available = 83,  // Eligible topic partition leaders are not available
  election_not_needed = 84,  // Leader election not needed for topic partition
  no_reassignment_in_progress = 85,  // No partition reassignment is in progress
  group_subscribed_to_topic = 86,  // Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it
  invalid_record = 87,  // This record has failed the validation on broker and hence will be rejected
  unstable_offset_commit = 88,  // There are unstable offsets that need to be cleared
  throttling_quota_exceeded = 89,  // The throttling quota has been exceeded
  producer_fenced = 90,  // There is a newer producer with the same transactionalId which fences the current one
  resource_not_found = 91,  // A request illegally referred to a resource that does not exist
  duplicate_resource = 92,  // A request illegally referred to the same resource twice
  unacceptable_credential = 93,  // Requested credential would not meet criteria for acceptability
  inconsistent_voter_set = 94,  // Indicates that the either the sender or recipient of a voter-only request is not one of the expected voters
  invalid_update_version = 95,  // The given update version was invalid
  feature_update_failed = 96,  // Unable to update finalized features due to an unexpected server error
  principal_deserialization_failure = 97,  // Request principal deserialization failed during forwarding
  snapshot_not_found = 98,  // Requested snapshot was not found
  position_out_of_range = 99,  // Requested position is not greater than or equal to zero, and less than the size of the snapshot
  unknown_topic_id = 100,  // This server does not host this topic ID
  duplicate_broker_registration = 101,  // This broker ID is already in use
  broker_id_not_registered = 102,  // The given broker ID was not registered
  inconsistent_topic_id = 103,  // The log's topic ID did not match the topic ID in the request
  inconsistent_cluster_id = 104,  // The clusterId in the request does not match that found on the server
  transactional_id_not_found = 105,  // The transactionalId could not be found
  fetch_session_topic_id_error = 106,  // The fetch session encountered inconsistent topic ID usage
  ineligible_replica = 107,  // The new ISR contains at least one ineligible replica
  new_leader_elected = 108,  // The AlterPartition request successfully updated the partition state but the leader has changed
};

// The upper-case name Kafka uses ("NOT_LEADER_OR_FOLLOWER"), or "UNKNOWN(n)".
std::string_view name(error_code e);
// Kafka's default message for the code.
std::string_view message(error_code e);
// True for errors a client may retry as is (Kafka's RetriableException subclasses).
bool is_retriable(error_code e);

}  // namespace kb::protocol
