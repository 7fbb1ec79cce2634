#!/usr/bin/env bash
# Lab 4: every replica of a partition down, then the out-of-sync one returns first.
# Clean election (Kafka's default) waits for a former ISR member: the partition stays offline
# meanwhile, and nothing acknowledged is lost. unclean.leader.election.enable=true makes the
# out-of-sync replica leader at once: the partition is back, without the acknowledged records
# that replica never had, and the old leader truncates them away when it returns.
#
#   scripts/labs/04-clean-and-unclean-election.sh [--pause] [--keep]
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lab.sh"
lab_begin "Lab 4: clean against unclean leader election" "$@"

lab_cluster 2 --override zookeeper.session.timeout.ms=6000
b0="$(broker_address 0)"
b1="$(broker_address 1)"

step "Two topics on brokers 0 (leader) and 1: 'clean' with Kafka's default, 'unclean' with unclean.leader.election.enable=true"
run "$scripts/kafka-topics.sh" --bootstrap-server "$lab_bootstrap" --create --topic clean --replica-assignment 0:1
run "$scripts/kafka-topics.sh" --bootstrap-server "$lab_bootstrap" --create --topic unclean --replica-assignment 0:1 \
  --config unclean.leader.election.enable=true
isr_of() { partition_state "$1" 0 isr; }
both_isr() { [[ "$(isr_of clean)" == "$1" && "$(isr_of unclean)" == "$1" ]]; }
wait_until 30 "full ISRs" both_isr 0,1
run "$scripts/kafka-topics.sh" --bootstrap-server "$lab_bootstrap" --describe --topic clean
run "$scripts/kafka-topics.sh" --bootstrap-server "$lab_bootstrap" --describe --topic unclean

produce() {
  local topic="$1" server="$2" from="$3" to="$4"
  seq "$from" "$to" | run "$scripts/kafka-console-producer.sh" --bootstrap-server "$server" --topic "$topic" \
    --request-required-acks all
}
# The records of `topic` a consumer gets through `server` (space-separated), waiting `ms`. It
# reads partition 0 itself rather than join a group: half of __consumer_offsets (also on
# brokers 0 and 1) is offline too, and a group whose coordinator partition has no leader
# cannot start.
records() {
  "$scripts/kafka-console-consumer.sh" --bootstrap-server "$2" --topic "$1" --partition 0 --offset earliest \
    --max-messages 100 --timeout-ms "$3" 2>/dev/null | tr '\n' ' ' | sed 's/ $//'
}
show_records() {
  echo "\$ scripts/kafka-console-consumer.sh --bootstrap-server $2 --topic $1 --partition 0 --offset earliest --timeout-ms $3"
  got="$(records "$@")"
  echo "${got:-(nothing)}"
}

step "Records 1-10 to both, acks=all: both replicas have them"
produce clean "$b0" 1 10
produce unclean "$b0" 1 10

step "kill -9 broker 1, the follower: once its session expires the ISR shrinks to [0]"
run "$scripts/cluster.sh" kill 1 --dir "$lab_dir"
wait_until 60 "the ISRs to shrink to [0]" both_isr 0
zk get /brokers/topics/unclean/partitions/0/state

step "Records 11-20, acks=all: acknowledged by the ISR, which is broker 0 alone"
produce clean "$b0" 11 20
produce unclean "$b0" 11 20

step "kill -9 broker 0 too: every replica is down"
run "$scripts/cluster.sh" kill 0 --dir "$lab_dir"
say "Nobody is left to change the state znodes: they still name broker 0, the last ISR member."

step "Start broker 1, the replica without records 11-20. It becomes controller and elects leaders"
run "$scripts/cluster.sh" start-broker 1 --dir "$lab_dir"
elected() { [[ "$(partition_state unclean 0 leader)" == 1 && "$(partition_state clean 0 leader)" == -1 ]]; }
wait_until 60 "the controller to decide both partitions" elected
zk get /brokers/topics/clean/partitions/0/state
zk get /brokers/topics/unclean/partitions/0/state
run "$scripts/kafka-topics.sh" --bootstrap-server "$b1" --describe --topic clean
run "$scripts/kafka-topics.sh" --bootstrap-server "$b1" --describe --topic unclean
say "'clean' stays offline (leader -1): it waits for broker 0, the last in-sync replica. 'unclean' is led by \
broker 1, which was not in the ISR."

step "Read both through broker 1"
show_records clean "$b1" 5000
check "'clean': nothing readable while offline" test -z "$got"
show_records unclean "$b1" 20000
check "'unclean': only 1-10; the acknowledged records 11-20 are gone" test "$got" == "$(seq -s ' ' 1 10)"

step "Write 21-25 to 'unclean' on its new leader"
produce unclean "$b1" 21 25

step "Start broker 0, the old leader"
run "$scripts/cluster.sh" start-broker 0 --dir "$lab_dir"
clean_back() { [[ "$(partition_state clean 0 leader)" == 0 ]]; }
wait_until 60 "'clean' to be led by broker 0 again" clean_back
both_full() { [[ "$(isr_of clean | tr ',' '\n' | sort | tr '\n' ,)" == "0,1," && "$(isr_of unclean | tr ',' '\n' | sort | tr '\n' ,)" == "0,1," ]]; }
wait_until 60 "both ISRs to be full again" both_full
zk get /brokers/topics/clean/partitions/0/state
zk get /brokers/topics/unclean/partitions/0/state
echo "\$ grep 'unclean-0: truncating' $lab_dir/broker-0/broker.out"
grep 'unclean-0: truncating' "$lab_dir/broker-0/broker.out" || true
check "broker 0 truncated its copy of 'unclean' to the new leader's log" grep -q 'unclean-0: truncating' \
  "$lab_dir/broker-0/broker.out"
show_records clean "$b0" 20000
check "'clean': all 20 acknowledged records" test "$got" == "$(seq -s ' ' 1 20)"
show_records unclean "$b0" 20000
check "'unclean': 1-10 and 21-25; 11-20 are lost for good" test "$got" == "$(seq -s ' ' 1 10) $(seq -s ' ' 21 25)"

saw "Both topics lost both replicas, the in-sync one (broker 0) last. When broker 1, which had missed \
records 11-20, came back first, the controller treated the two differently. 'clean' (Kafka's default) \
stayed offline, leader -1, because no member of its last ISR was alive; it came back when broker 0 did, \
with all 20 acknowledged records. 'unclean' (unclean.leader.election.enable=true) was available at once, \
led by broker 1, but records 11-20, acknowledged to the producer, were not there; when broker 0 returned \
it followed broker 1 and truncated them from its own log. Unclean election trades acknowledged data for \
availability."
