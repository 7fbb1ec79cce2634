#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace kb::tools {

// The two time arguments of `kafka-consumer-groups --reset-offsets`, read as Kafka 3.5 reads
// them. Failures throw command_error with the Java exception's message, which Kafka prints as
// "Executing consumer group command failed due to <message>".

// --to-datetime: Kafka's Utils.getDateTime. The text must contain a 'T'; without a zone
// ('+', '-' or 'Z' after the 'T') it is UTC; it is read strictly as SimpleDateFormat reads
// "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" (zone "Z" or "+hh:mm"), failing that as "...SSSX" (zone "Z"
// or "+hh", the rest ignored, as Java ignores text after a parsed date). Returns epoch ms.
// Messages: "Error parsing timestamp. It does not contain a 'T' according to ISO8601 format",
// "Unparseable date: \"<text>\"".
int64_t parse_reset_datetime(const std::string& text);

// --by-duration: java.time.Duration.parse of "PnDTnHnMn.nS" (ASCII letters in either case,
// signed components, a fraction of up to nine digits on the seconds). Message: "Text cannot be
// parsed to a Duration".
std::chrono::nanoseconds parse_java_duration(const std::string& text);

// Instant.now().minus(duration).toEpochMilli(): the timestamp --by-duration resets to.
int64_t timestamp_before(std::chrono::system_clock::time_point now, std::chrono::nanoseconds duration);

}  // namespace kb::tools
