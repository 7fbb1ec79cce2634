#!/usr/bin/env bash
# Lab 8: inside a partition directory.
# The files of a partition (.log, .index, .timeindex, leader-epoch-checkpoint), a segment roll,
# and how a record is found by offset (the offset index) and by timestamp (the time index).
#
#   scripts/labs/08-inside-a-partition.sh [--pause] [--keep]
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lab.sh"
lab_begin "Lab 8: inside a partition directory" "$@"

lab_cluster 1
topic=inside
dir="$lab_dir/broker-0/kafka-logs/$topic-0"

step "Create '$topic': segments of 2000 bytes, an index entry every 200 bytes (index.interval.bytes)"
run "$scripts/kafka-topics.sh" --bootstrap-server "$lab_bootstrap" --create --topic "$topic" \
  --config segment.bytes=2000 --config index.interval.bytes=200

step "Write 5 rounds of 20 keyed records, a second apart (each round is one batch with one timestamp)"
for ((round = 0; round < 5; round++)); do
  seq $((round * 20)) $((round * 20 + 19)) | awk '{ print "key-" $1 ":value-" $1 }' |
    "$scripts/kafka-console-producer.sh" --bootstrap-server "$lab_bootstrap" --topic "$topic" \
      --property parse.key=true --property key.separator=:
  ((round < 4)) && sleep 1.1  # so that each round has its own second: the time index can tell them apart
done
echo "\$ for round in 0..4: seq | awk ... | scripts/kafka-console-producer.sh --topic $topic --property parse.key=true ...; sleep 1"

step "The directory: one set of files per segment, each named by the segment's first offset"
run ls -l "$dir"
mapfile -t logs < <(find "$dir" -name '*.log' | sort)
check "the 100 records rolled into ${#logs[@]} segments (segment.bytes=2000)" test "${#logs[@]}" -gt 1
say ".log holds the record batches as the producer sent them; .index maps an offset to a byte position \
in .log, one entry per index.interval.bytes; .timeindex maps a timestamp to an offset; \
leader-epoch-checkpoint lists where each leader epoch began."
run cat "$dir/leader-epoch-checkpoint"
check "leader-epoch-checkpoint: version 0, one epoch (0), which began at offset 0" \
  test "$(tr '\n' ' ' <"$dir/leader-epoch-checkpoint")" == "0 1 0 0 "

step "What a segment holds: kafka-dump-log.sh on the first .log, .index and .timeindex"
first="${logs[0]%.log}"
run_first 12 "$scripts/kafka-dump-log.sh" --files "$first.log" --print-data-log
run "$scripts/kafka-dump-log.sh" --files "$first.index"
run "$scripts/kafka-dump-log.sh" --files "$first.timeindex"

step "Find offset 57 as the broker does: the segment with the largest base offset <= 57, then its index"
target=57
segment=""
for f in "${logs[@]}"; do
  base="$(basename "$f" .log | sed 's/^0*//; s/^$/0/')"
  ((base <= target)) && segment="${f%.log}" && segment_base="$base"
done
say "Segment ${segment##*/} (base offset $segment_base) holds offset $target."
run "$scripts/kafka-dump-log.sh" --files "$segment.index"
position="$("$scripts/kafka-dump-log.sh" --files "$segment.index" |
  awk -v t="$target" '/^offset:/ { if ($2 <= t) p = $4 } END { print p + 0 }')"
say "The last index entry at or below $target says: start reading $segment.log at byte $position, then scan \
forward batch by batch to the one holding $target."
dump="$(run "$scripts/kafka-dump-log.sh" --files "$segment.log")"
head -n 1 <<<"$dump"  # the command line
# The batches from that byte on (the first three).
awk -v p="$position" '/position:/ {
  for (i = 1; i <= NF; i++) if ($i == "position:") pos = $(i + 1); if (pos >= p && shown++ < 3) print }' <<<"$dump"
found="$("$scripts/kafka-console-consumer.sh" --bootstrap-server "$lab_bootstrap" --topic "$topic" --partition 0 \
  --offset "$target" --max-messages 1 --property print.key=true --property print.offset=true 2>/dev/null)"
echo "\$ scripts/kafka-console-consumer.sh --bootstrap-server $lab_bootstrap --topic $topic --partition 0 --offset $target --max-messages 1 --property print.key=true --property print.offset=true"
echo "$found"
check "offset $target is key-57:value-57" grep -q "key-57.value-57" <<<"$found"

step "Find a record by time: ListOffsets with a timestamp, answered from the time indexes"
round3_ts="$("$scripts/kafka-dump-log.sh" --files "$(printf '%s,' "${logs[@]}" | sed 's/,$//')" |
  awk '/baseOffset: 60 / { for (i = 1; i <= NF; i++) if ($i == "CreateTime:") print $(i + 1) }')"
when="$(date -d "@$((round3_ts / 1000)).$(printf '%03d' $((round3_ts % 1000)))" +%Y-%m-%dT%H:%M:%S.%3N)"
say "Round 3 (offsets 60-79) was written at $round3_ts ms ($when local time). The first offset with a \
timestamp at or after that moment:"
run "$scripts/kafka-consumer-groups.sh" --bootstrap-server "$lab_bootstrap" --reset-offsets --group time-lookup \
  --topic "$topic" --to-datetime "$when" --dry-run | tee "$lab_dir/by-time.txt"
by_time="$(awk -v t="$topic" '$2 == t { print $4 }' "$lab_dir/by-time.txt")"
check "the timestamp $when finds offset 60, the first record of round 3" test "$by_time" == 60

saw "A partition is a directory of segments. Each segment is a .log file of record batches, exactly as \
the producer sent them, named by its first offset, with two sparse indexes beside it: .index (offset to \
byte position, an entry every index.interval.bytes) and .timeindex (timestamp to offset). When the active \
segment reached segment.bytes the broker rolled a new one (${#logs[@]} here). To serve offset $target the \
broker picks the segment by name, looks up the nearest index entry below it (byte $position) and scans \
from there; to serve a timestamp it searches the time indexes, which is how offset 60 was found for \
$when. leader-epoch-checkpoint records where each leader epoch began, which followers use to truncate \
correctly after a failover."
