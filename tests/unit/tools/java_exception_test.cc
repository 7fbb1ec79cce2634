// The names Kafka's tools print for a broker's error codes (Errors.java).
#include "brokerd/tools/java_exception.h"

#include <gtest/gtest.h>

namespace kb::tools {
namespace {

using protocol::error_code;

TEST(JavaExceptionTest, AsJavaPrintsTheClientsException) {
  EXPECT_EQ(java_exception_text(error_code::preferred_leader_not_available, std::nullopt),
            "org.apache.kafka.common.errors.PreferredLeaderNotAvailableException: The preferred leader was not "
            "available.");
  EXPECT_EQ(java_exception_text(error_code::cluster_authorization_failed, std::nullopt),
            "org.apache.kafka.common.errors.ClusterAuthorizationException: Cluster authorization failed.");
  EXPECT_EQ(java_exception_text(error_code::unknown_server_error, std::string("boom")),
            "org.apache.kafka.common.errors.UnknownServerException: boom");
  EXPECT_EQ(java_exception_text(error_code::invalid_topic_exception, std::string("The topic is being deleted")),
            "org.apache.kafka.common.errors.InvalidTopicException: The topic is being deleted");
}

// Errors.java names some classes otherwise than the code's name says.
TEST(JavaExceptionTest, ClassNamesErrorsJavaSpellsItsOwnWay) {
  EXPECT_EQ(java_exception_class(error_code::kafka_storage_error), "org.apache.kafka.common.errors.KafkaStorageException");
  EXPECT_EQ(java_exception_class(error_code::request_timed_out), "org.apache.kafka.common.errors.TimeoutException");
  EXPECT_EQ(java_exception_class(error_code::topic_already_exists), "org.apache.kafka.common.errors.TopicExistsException");
  EXPECT_EQ(java_exception_class(error_code::network_exception), "org.apache.kafka.common.errors.NetworkException");
  EXPECT_EQ(java_exception_class(error_code::offset_metadata_too_large),
            "org.apache.kafka.common.errors.OffsetMetadataTooLarge");
  EXPECT_EQ(java_exception_class(error_code::not_controller), "org.apache.kafka.common.errors.NotControllerException")
      << "the rule: CamelCase plus Exception";
}

}  // namespace
}  // namespace kb::tools
