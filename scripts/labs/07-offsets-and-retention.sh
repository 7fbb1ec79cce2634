#!/usr/bin/env bash
# Lab 7: committed offsets, auto.offset.reset, and retention.
# A group commits how far it read; a new group starts where auto.offset.reset says (earliest
# or latest). Retention deletes whole old segments (small segment.bytes, short retention.ms);
# a group whose committed offset was deleted gets OFFSET_OUT_OF_RANGE, and its reset policy
# decides: earliest jumps to the new log start, latest to the end, none (librdkafka: error)
# fails. kafka-dump-log.sh shows what a segment holds.
#
#   scripts/labs/07-offsets-and-retention.sh [--pause] [--keep]
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lab.sh"
lab_begin "Lab 7: offsets, auto.offset.reset and retention" "$@"

lab_cluster 1 --override log.retention.check.interval.ms=1000
topic=events
partition_dir="$lab_dir/broker-0/kafka-logs/$topic-0"

step "Create '$topic' with tiny segments (segment.bytes=600) kept 30 s (retention.ms=30000)"
run "$scripts/kafka-topics.sh" --bootstrap-server "$lab_bootstrap" --create --topic "$topic" \
  --config segment.bytes=600 --config retention.ms=30000

step "Write records 1-100, ten at a time (each run of the producer sends one batch)"
for ((i = 0; i < 10; i++)); do
  seq $((i * 10 + 1)) $((i * 10 + 10)) | "$scripts/kafka-console-producer.sh" --bootstrap-server "$lab_bootstrap" \
    --topic "$topic"
done
echo "\$ for i in 0..9: seq ... | scripts/kafka-console-producer.sh --bootstrap-server $lab_bootstrap --topic $topic"
run ls "$partition_dir"
segments_before="$(find "$partition_dir" -name '*.log' | wc -l)"
check "the partition rolled into several segments ($segments_before), each named by its first offset" \
  test "$segments_before" -gt 2
first_log="$(find "$partition_dir" -name '*.log' | sort | sed -n 1p)"
run_first 8 "$scripts/kafka-dump-log.sh" --files "$first_log"

# Reads `count` records as group `group`, printing offsets; extra arguments go to the consumer.
read_as() {
  local group="$1" count="$2"; shift 2
  run "$scripts/kafka-console-consumer.sh" --bootstrap-server "$lab_bootstrap" --topic "$topic" --group "$group" \
    --max-messages "$count" --timeout-ms 20000 --property print.offset=true "$@"
}

step "Three groups each read 30 records and commit: their committed offset is 30"
for g in g-earliest g-latest g-none; do read_as "$g" 30 --from-beginning | tail -1; done
run "$scripts/kafka-consumer-groups.sh" --bootstrap-server "$lab_bootstrap" --describe --group g-earliest
committed() {
  "$scripts/kafka-consumer-groups.sh" --bootstrap-server "$lab_bootstrap" --describe --group "$1" 2>/dev/null |
    awk -v t="$topic" '$2 == t { print $4 }'
}
check "g-earliest's committed offset is 30 (the next record to read)" test "$(committed g-earliest)" == 30

step "A new group starts where auto.offset.reset says: earliest (--from-beginning) or latest (the default)"
read_as new-from-start 3 --from-beginning
background new-at-end "$scripts/kafka-console-consumer.sh" --bootstrap-server "$lab_bootstrap" --topic "$topic" \
  --group new-at-end --property print.offset=true
echo "\$ scripts/kafka-console-consumer.sh --bootstrap-server $lab_bootstrap --topic $topic --group new-at-end --property print.offset=true &"
joined() { "$scripts/kafka-consumer-groups.sh" --bootstrap-server "$lab_bootstrap" --describe --group new-at-end \
  --members 2>/dev/null | awk '$1 == "new-at-end" && $NF == 1 { found = 1 } END { exit !found }'; }
wait_until 30 "the new group to get its partition" joined
# Having its partition is not yet having looked up where "latest" is: write markers until one
# arrives, then the records to watch for.
reads_markers() {
  echo marker | "$scripts/kafka-console-producer.sh" --bootstrap-server "$lab_bootstrap" --topic "$topic" &&
    grep -q marker "$lab_dir/new-at-end.out"
}
wait_until 30 "the latest-starting group to read from the end" reads_markers
seq 101 105 | run "$scripts/kafka-console-producer.sh" --bootstrap-server "$lab_bootstrap" --topic "$topic"
got_five() { [[ "$(grep -vc marker "$lab_dir/new-at-end.out")" -ge 5 ]]; }
wait_until 30 "the latest-starting group to read the 5 new records" got_five
run cat "$lab_dir/new-at-end.out"
check "it read none of records 1-100: only markers and the 5 records written after it started" \
  test "$(awk -F'\t' '$2 != "marker" { print $2 }' "$lab_dir/new-at-end.out" | tr '\n' ' ')" == "101 102 103 104 105 "

step "Wait for retention: segments whose newest record is older than 30 s are deleted, oldest first"
log_start() { find "$partition_dir" -name '*.log' | sort | sed -n 1p | xargs basename | sed 's/\.log$//; s/^0*//; s/^$/0/'; }
past_30() { [[ "$(log_start)" -gt 30 ]]; }
wait_until 90 "retention to delete the segments holding offsets up to 30" past_30
run ls "$partition_dir"
echo "\$ grep -e 'deleting segment' -e 'retention deleted' $lab_dir/broker-0/broker.out | tail -4"
grep -e 'deleting segment' -e 'retention deleted' "$lab_dir/broker-0/broker.out" | tail -4 || true
start="$(log_start)"
say "The log now starts at offset $start: the groups' committed offset 30 points at deleted records."

step "Each group comes back to offset 30, out of range: its auto.offset.reset decides"
read_as g-earliest 3 --consumer-property auto.offset.reset=earliest | tee "$lab_dir/earliest.txt"
first_offset="$(grep -m1 '^Offset:' "$lab_dir/earliest.txt" | sed 's/^Offset:\([0-9]*\).*/\1/')"
# Retention may have moved on meanwhile: the consumer started at the log start of its moment.
check "earliest: it jumped forward past offset 30 to the log start ($first_offset >= $start)" \
  test "$first_offset" -ge "$start"
none_out="$(read_as g-none 3 --consumer-property auto.offset.reset=error 2>&1 || true)"
echo "$none_out"
check "none (librdkafka's 'error'): it stops with OFFSET_OUT_OF_RANGE" grep -qi "out of range" <<<"$none_out"
latest_out="$(run "$scripts/kafka-console-consumer.sh" --bootstrap-server "$lab_bootstrap" --topic "$topic" \
  --group g-latest --max-messages 1 --timeout-ms 5000 --consumer-property auto.offset.reset=latest 2>&1 || true)"
echo "$latest_out"
check "latest: it jumped to the end and found nothing new to read" grep -q "Processed a total of 0 messages" \
  <<<"$latest_out"

saw "Each group's committed offset is simply the next offset it will read, kept by the broker in \
__consumer_offsets. A group with nothing committed starts where auto.offset.reset says: earliest from \
the first record still in the log, latest (the default) with records written after it joined. \
Retention works on whole segments: with segment.bytes=600 the partition rolled into $segments_before \
files, named by their first offset, and once a segment's newest record was older than retention.ms \
the broker deleted it, moving the log start to $start. The groups' committed offset 30 then pointed at \
deleted records: with earliest the consumer skipped ahead to $first_offset (records 31 to $first_offset were never \
read by it), with latest it jumped to the end, and with none (librdkafka calls it error) it stopped \
with an out-of-range error rather than skip anything silently."
