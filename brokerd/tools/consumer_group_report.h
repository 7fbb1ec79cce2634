#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "brokerd/tools/consumer_group_view.h"
#include "log/types.h"

namespace kb::tools {

// What kafka-consumer-groups prints, exactly as Kafka 3.5's ConsumerGroupCommand prints it:
// the same headers, the same "%-Ns" columns (Java's String.format: left-justified, padded to
// at least N, never cut), the same blank lines and messages, stdout for tables and "Error:"
// lines, stderr for the notes on empty and rebalancing groups. Column widths follow Kafka's
// rules: 15 at least, or the longest value of the group's rows (30 fixed for reset plans).

// Java's "%-<width>s".
std::string pad_right(const std::string& text, size_t width);

// printError: "\nError: <message>" on its own line.
void print_error(std::ostream& out, const std::string& message);

// shouldPrintMemberState: says what the group's state means for a table of `rows` rows (none:
// the group could not be described) and whether to print it. Dead: "Consumer group 'g' does
// not exist." (an error on `out`); Empty: "Consumer group 'g' has no active members." and
// rebalancing: "Warning: Consumer group 'g' is rebalancing." (on `err`). Throws command_error
// "Expected a valid consumer group state, but found 's'." for any other state than Stable.
bool print_member_state_notice(std::ostream& out, std::ostream& err, const std::string& group,
                               const std::string& state, std::optional<size_t> rows);

// --describe [--offsets], for one group.
void print_offsets(std::ostream& out, std::ostream& err, const std::string& group, const std::string& state,
                   const std::vector<offset_row>& rows);

// --describe --members [--verbose], for one group: GROUP CONSUMER-ID [GROUP-INSTANCE-ID] HOST
// CLIENT-ID #PARTITIONS [ASSIGNMENT]; GROUP-INSTANCE-ID only when some member has one.
void print_members(std::ostream& out, std::ostream& err, const group_view& group, bool verbose);

// The ASSIGNMENT column of --members --verbose: "t1(0,1), t2(0)" (topics sorted, partitions
// sorted numerically), "-" when empty.
std::string assignment_text(const std::vector<kb::topic_partition>& assignment);

// --describe --state, for one group: GROUP COORDINATOR (ID) ASSIGNMENT-STRATEGY STATE #MEMBERS.
// (Kafka widens the GROUP column, not the COORDINATOR one, to fit the coordinator; so does this.)
void print_state(std::ostream& out, std::ostream& err, const group_view& group);

// --list --state: GROUP and STATE.
void print_group_states(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& groups);

// --reset-offsets: the plan (dry run) or what was committed, GROUP TOPIC PARTITION NEW-OFFSET;
// nothing at all when there is no group, the header alone for groups without offsets.
void print_reset_plan(std::ostream& out,
                      const std::vector<std::pair<std::string, std::vector<std::pair<kb::topic_partition, int64_t>>>>&
                          plans);

// --delete-offsets' table: TOPIC PARTITION STATUS, rows sorted as Kafka sorts them (by the
// string topic + partition). A partition of -1 is "Not Provided"; a status is "Successful" or
// "Error: <exception>".
struct offset_deletion_row {
  kb::topic_partition partition;
  std::optional<std::string> error;  // the Java exception text, e.g. "org.apache...: message"
};
void print_offset_deletions(std::ostream& out, std::vector<offset_deletion_row> rows);

// --delete's report: "Deletion of requested consumer groups ('a', 'b') was successful." or the
// failures ("* Group 'g' could not be deleted due to: java.util.concurrent.ExecutionException:
// <exception>") and then the groups that were deleted. `results` in Kafka's iteration order;
// an error is the Java exception text.
void print_group_deletions(std::ostream& out,
                           const std::vector<std::pair<std::string, std::optional<std::string>>>& results);

}  // namespace kb::tools
