#!/usr/bin/env bash
# Lab 1: replication factor 1 against 3 when a broker dies.
# With RF 1 the partition goes offline with its broker and its records are unreadable until
# the broker returns; with RF 3 a new leader serves every record at once.
#
#   scripts/labs/01-replication-factor.sh [--pause] [--keep]
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lab.sh"
lab_begin "Lab 1: replication factor 1 against 3 when a broker dies" "$@"

lab_cluster 3 --override zookeeper.session.timeout.ms=6000
victim=1

step "Two topics: 'single' with its one replica on broker $victim, 'triple' on all three with broker $victim leading"
run "$scripts/kafka-topics.sh" --bootstrap-server "$lab_bootstrap" --create --topic single \
  --replica-assignment "$victim"
run "$scripts/kafka-topics.sh" --bootstrap-server "$lab_bootstrap" --create --topic triple \
  --replica-assignment "$victim:0:2"
full() { [[ "$(partition_state triple 0 isr | tr ',' '\n' | wc -l)" == 3 && "$(partition_state single 0 leader)" == "$victim" ]]; }
wait_until 30 "leaders and a full ISR" full
run "$scripts/kafka-topics.sh" --bootstrap-server "$lab_bootstrap" --describe --topic single
run "$scripts/kafka-topics.sh" --bootstrap-server "$lab_bootstrap" --describe --topic triple

step "Write 50 records to each (acks=all)"
for t in single triple; do
  seq 1 50 | run "$scripts/kafka-console-producer.sh" --bootstrap-server "$lab_bootstrap" --topic "$t" \
    --request-required-acks all
done

# How many records of `topic` a consumer reads through `server` within `ms`.
readable() {
  local topic="$1" server="$2" ms="$3" n
  n="$("$scripts/kafka-console-consumer.sh" --bootstrap-server "$server" --topic "$topic" --from-beginning \
    --max-messages 50 --timeout-ms "$ms" 2>/dev/null | wc -l)"
  echo "\$ scripts/kafka-console-consumer.sh --bootstrap-server $server --topic $topic --from-beginning --timeout-ms $ms | wc -l" >&2
  echo "$n" >&2
  echo "$n"
}
check "all 50 of 'single' readable" test "$(readable single "$lab_bootstrap" 20000)" -eq 50
check "all 50 of 'triple' readable" test "$(readable triple "$lab_bootstrap" 20000)" -eq 50

step "kill -9 broker $victim"
killed_at="$(now_ms)"
run "$scripts/cluster.sh" kill "$victim" --dir "$lab_dir"
moved() { local l; l="$(partition_state triple 0 leader)" && [[ "$l" != "$victim" && "$l" != -1 ]]; }
wait_until 60 "'triple' to get a new leader" moved
moved_ms=$(($(now_ms) - killed_at))
zk get /brokers/topics/single/partitions/0/state
zk get /brokers/topics/triple/partitions/0/state
survivor="$(broker_address 0)"
run "$scripts/kafka-topics.sh" --bootstrap-server "$survivor" --describe --topic single
run "$scripts/kafka-topics.sh" --bootstrap-server "$survivor" --describe --topic triple
single_leader="$(partition_state single 0 leader)"
check "'single' has no leader (offline: its only replica is dead)" test "$single_leader" -eq -1

step "Read both topics while broker $victim is down"
offline_count="$(readable single "$survivor" 5000)"
check "'single': nothing can be read" test "$offline_count" -eq 0
check "'triple': all 50, from its new leader" test "$(readable triple "$survivor" 20000)" -eq 50

step "Start broker $victim again"
run "$scripts/cluster.sh" start-broker "$victim" --dir "$lab_dir"
online() { [[ "$(partition_state single 0 leader)" == "$victim" ]]; }
wait_until 60 "'single' to be led by broker $victim again" online
run "$scripts/kafka-topics.sh" --bootstrap-server "$survivor" --describe --topic single
check "'single': all 50 readable again" test "$(readable single "$survivor" 20000)" -eq 50

saw "A partition is readable only through its leader, and only a replica can lead. 'single' had one \
replica, on broker $victim: when that broker died the partition went offline (Leader: none, leader -1 \
in ZooKeeper) and its 50 records could not be read until broker $victim came back with its log. \
'triple' had replicas on all three brokers: $moved_ms ms after the kill the controller made an \
in-sync replica its leader and all 50 records were served from there. Replication costs disk and \
network (each record stored three times) and buys availability and durability."
