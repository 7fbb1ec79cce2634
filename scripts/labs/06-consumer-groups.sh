#!/usr/bin/env bash
# Lab 6: partitions and consumers in a group.
# A group shares a topic's partitions among its consumers, one consumer per partition:
# 1 partition with 1 consumer, 3 partitions with 1 consumer, 3 with 3 (one each), 3 with 4
# (one idle). Then a consumer dies and its partition moves to a survivor. Each shape's
# throughput and end-to-end time, side by side.
#
#   scripts/labs/06-consumer-groups.sh [--pause] [--keep]
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lab.sh"
lab_begin "Lab 6: partitions and consumers in a group" "$@"

lab_cluster 3 --override zookeeper.session.timeout.ms=6000 --override group.initial.rebalance.delay.ms=0
records=100000
results=()

# Starts consumer `name` in group `group` on `topic` (a 6 s session, so a dead one is noticed soon).
consumer() {
  background "$1" "$scripts/kafka-console-consumer.sh" --bootstrap-server "$lab_bootstrap" --topic "$3" \
    --group "$2" --from-beginning --consumer-property "client.id=$1" --consumer-property session.timeout.ms=6000
  echo "\$ scripts/kafka-console-consumer.sh --bootstrap-server $lab_bootstrap --topic $3 --group $2 --from-beginning --consumer-property client.id=$1 --consumer-property session.timeout.ms=6000 > $1.out &"
}

# "members assigned": how many members the group has and how many partitions they hold.
members_line() {
  "$scripts/kafka-consumer-groups.sh" --bootstrap-server "$lab_bootstrap" --describe --group "$1" --members \
    2>/dev/null | awk '$1 != "GROUP" && NF >= 5 { m++; p += $NF } END { print m + 0, p + 0 }'
}
group_is() { [[ "$(members_line "$1")" == "$2 $3" ]]; }

# Lines "key:value" for 1..n: keyed records, spread evenly over the partitions by key hash.
keyed() { seq 1 "$1" | awk '{ print "k" $1 ":" $1 }'; }

lines_of() { local n=0 f; for f in "$@"; do n=$((n + $(wc -l <"$lab_dir/$f.out"))); done; echo "$n"; }
all_read() { [[ "$(lines_of "${@:2}")" -ge "$1" ]]; }

# One shape: `partitions` partitions read by `consumers` consumers in a fresh group.
shape() {
  local partitions="$1" consumers="$2" topic="t${1}x${2}" group="g${1}x${2}" names=() i start ms
  step "$partitions partition(s), $consumers consumer(s) in group $group"
  run "$scripts/kafka-topics.sh" --bootstrap-server "$lab_bootstrap" --create --topic "$topic" \
    --partitions "$partitions" --replication-factor 1
  for ((i = 1; i <= consumers; i++)); do
    names+=("$group-c$i")
    consumer "$group-c$i" "$group" "$topic"
    pids["$group-c$i"]="$last_pid"
  done
  wait_until 60 "$consumers members sharing $partitions partition(s)" group_is "$group" "$consumers" "$partitions"
  run "$scripts/kafka-consumer-groups.sh" --bootstrap-server "$lab_bootstrap" --describe --group "$group" --members
  start="$(now_ms)"
  keyed "$records" | run "$scripts/kafka-console-producer.sh" --bootstrap-server "$lab_bootstrap" --topic "$topic" \
    --request-required-acks 1 --property parse.key=true --property key.separator=:
  wait_until 60 "the group to read all $records records" all_read "$records" "${names[@]}"
  ms=$(($(now_ms) - start))
  run "$scripts/kafka-consumer-groups.sh" --bootstrap-server "$lab_bootstrap" --describe --group "$group"
  for name in "${names[@]}"; do echo "  $name read $(lines_of "$name") records"; done
  check "the group read each record exactly once ($records in all)" test "$(lines_of "${names[@]}")" -eq "$records"
  results+=("$(printf '%-24s %8d ms  %9d records/s' "$partitions partition(s), $consumers consumer(s)" "$ms" \
    $((records * 1000 / (ms > 0 ? ms : 1))))")
  last_names=("${names[@]}")
}
declare -A pids

shape 1 1
shape 3 1
one_consumer="${last_names[0]}"
check "one consumer holds all 3 partitions" test "$(members_line g3x1)" == "1 3"
shape 3 3
readers=0
for name in "${last_names[@]}"; do [[ "$(lines_of "$name")" -gt 0 ]] && readers=$((readers + 1)); done
check "each of the 3 consumers read some records (one partition each)" test "$readers" -eq 3
three=("${last_names[@]}")
shape 3 4
idle=0
for name in "${last_names[@]}"; do [[ "$(lines_of "$name")" -eq 0 ]] && idle=$((idle + 1)); done
check "one of the 4 consumers is idle (no partition for it)" test "$idle" -eq 1

step "A consumer of group g3x3 dies (kill -9): after its session (6 s) its partition moves"
victim="${three[0]}"
echo "\$ kill -9 ${pids[$victim]}   # $victim"
kill -9 "${pids[$victim]}"
wait "${pids[$victim]}" 2>/dev/null || true
moved_at="$(now_ms)"
wait_until 60 "the group to rebalance to 2 members" group_is g3x3 2 3
moved_ms=$(($(now_ms) - moved_at))
run "$scripts/kafka-consumer-groups.sh" --bootstrap-server "$lab_bootstrap" --describe --group g3x3 --members
before="$(lines_of "${three[1]}" "${three[2]}")"
keyed 3000 | run "$scripts/kafka-console-producer.sh" --bootstrap-server "$lab_bootstrap" --topic t3x3 \
  --request-required-acks 1 --property parse.key=true --property key.separator=:
wait_until 60 "the survivors to read the 3000 new records" all_read $((before + 3000)) "${three[1]}" "${three[2]}"
check "the two survivors read all 3000 new records, the dead one's partition included" \
  test "$(lines_of "${three[1]}" "${three[2]}")" -eq $((before + 3000))

step "Side by side: $records records produced and read by each shape (end to end, from the first send)"
printf '%s\n' "${results[@]}"

saw "Within a group each partition is read by exactly one consumer: one consumer took the single \
partition, then all three of a 3-partition topic ($one_consumer); three consumers took one partition \
each; a fourth consumer had none and sat idle, since a partition is never split between members. \
Every record was read exactly once by each group. When a consumer died without leaving, the coordinator \
noticed after its session timeout and rebalanced ($moved_ms ms after the kill): a survivor took its \
partition over and read the records written there after. Partitions are the unit of parallelism: \
more consumers than partitions adds nothing. The table compares the shapes' end-to-end times; on a \
small machine, where one console producer and every consumer share the same cores, extra consumers \
buy little, while on separate machines each partition's consumer works in parallel."
