#!/usr/bin/env bash
# Lab 2: leader failover inside the ISR.
# kill -9 a partition's leader: the controller picks the next in-sync replica, leader_epoch
# goes up and the ISR shrinks; restart the broker: it truncates to the new leader's log,
# catches up and rejoins the ISR; a preferred-leader election gives it leadership back.
#
#   scripts/labs/02-leader-failover.sh [--pause] [--keep]
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lab.sh"
lab_begin "Lab 2: leader failover inside the ISR" "$@"
topic=failover

# A 6 s ZooKeeper session (Kafka's default is 18 s) so a dead broker is noticed quickly, and no
# automatic preferred-leader rebalance (auto.leader.rebalance.enable): the controller would
# otherwise hand leadership back by itself a few seconds after the broker rejoins, before the
# lab's own preferred election shows it.
lab_cluster 3 --override zookeeper.session.timeout.ms=6000 --override auto.leader.rebalance.enable=false

step "Create '$topic': 1 partition on all three brokers (replication factor 3)"
run "$scripts/kafka-topics.sh" --bootstrap-server "$lab_bootstrap" --create --topic "$topic" --partitions 1 \
  --replication-factor 3
full_isr() { [[ "$(partition_state "$topic" 0 isr | tr ',' '\n' | wc -l)" == 3 ]]; }
wait_until 30 "a full ISR" full_isr
run "$scripts/kafka-topics.sh" --bootstrap-server "$lab_bootstrap" --describe --topic "$topic"
zk get "/brokers/topics/$topic/partitions/0/state"
leader="$(partition_state "$topic" 0 leader)"
epoch="$(partition_state "$topic" 0 leader_epoch)"
isr_before="$(partition_state "$topic" 0 isr)"
say "Broker $leader leads at leader_epoch $epoch; the ISR holds all three replicas."

step "Write 100 records with acks=all (every ISR member has each one before it is acknowledged)"
seq 1 100 | run "$scripts/kafka-console-producer.sh" --bootstrap-server "$lab_bootstrap" --topic "$topic" \
  --request-required-acks all
check "the log end is at offset 100" bash -c \
  "[[ \$('$scripts/kafka-console-consumer.sh' --bootstrap-server '$lab_bootstrap' --topic $topic --from-beginning \
     --max-messages 100 --timeout-ms 20000 2>/dev/null | wc -l) == 100 ]]"

step "kill -9 the leader, broker $leader"
killed_at="$(now_ms)"
run "$scripts/cluster.sh" kill "$leader" --dir "$lab_dir"
say "Its ZooKeeper session lives on until it times out (6 s here); then the controller sees /brokers/ids/$leader vanish and elects a new leader from the ISR."
new_leader_elected() { local l; l="$(partition_state "$topic" 0 leader)" && [[ "$l" != "$leader" && "$l" != -1 ]]; }
wait_until 60 "a new leader" new_leader_elected
elected_ms=$(($(now_ms) - killed_at))
zk get "/brokers/topics/$topic/partitions/0/state"
new_leader="$(partition_state "$topic" 0 leader)"
new_epoch="$(partition_state "$topic" 0 leader_epoch)"
isr_after="$(partition_state "$topic" 0 isr)"
say "The new leader, broker $new_leader, comes from the ISR the partition had: [$isr_before]."
check "leader_epoch went up ($epoch -> $new_epoch)" test "$new_epoch" -gt "$epoch"
check "the ISR shrank to [$isr_after], without broker $leader" bash -c "[[ ',$isr_after,' != *,$leader,* ]]"
survivor="$(broker_address "$new_leader")"
run "$scripts/kafka-topics.sh" --bootstrap-server "$survivor" --describe --topic "$topic"

step "Read everything back from the new leader: no acknowledged record is lost"
count="$("$scripts/kafka-console-consumer.sh" --bootstrap-server "$survivor" --topic "$topic" --from-beginning \
  --max-messages 100 --timeout-ms 20000 2>/dev/null | wc -l)"
echo "\$ scripts/kafka-console-consumer.sh --bootstrap-server $survivor --topic $topic --from-beginning --max-messages 100 | wc -l"
echo "$count"
check "all 100 records are there" test "$count" -eq 100

step "Write 100 more while broker $leader is down"
seq 101 200 | run "$scripts/kafka-console-producer.sh" --bootstrap-server "$survivor" --topic "$topic" \
  --request-required-acks all

step "Start broker $leader again: it follows the new leader, truncates to its log by leader epoch, catches up"
restarted_at="$(now_ms)"
run "$scripts/cluster.sh" start-broker "$leader" --dir "$lab_dir"
wait_until 60 "broker $leader to rejoin the ISR" full_isr
rejoined_ms=$(($(now_ms) - restarted_at))
zk get "/brokers/topics/$topic/partitions/0/state"
echo "\$ grep '$topic-0' $lab_dir/broker-$leader/broker.out | tail -4"
grep "$topic-0" "$lab_dir/broker-$leader/broker.out" | tail -4 || true
say "It asked the new leader where its own leader epoch ended (OffsetForLeaderEpoch) and would cut \
anything after that point (a 'truncating diverged log' line); with acks=all every record it had was \
acknowledged by all three, so there was nothing to cut."
still_follows() { [[ "$(partition_state "$topic" 0 leader)" == "$new_leader" ]]; }
check "broker $leader is back in the ISR, still a follower" still_follows

step "Preferred-leader election: leadership goes back to the first replica of the assignment"
preferred="$(zk_data "/brokers/topics/$topic" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["partitions"]["0"][0])')"
run "$scripts/kafka-leader-election.sh" --bootstrap-server "$survivor" --election-type PREFERRED --topic "$topic" \
  --partition 0 || true
back() { [[ "$(partition_state "$topic" 0 leader)" == "$preferred" ]]; }
wait_until 30 "broker $preferred to lead again" back
zk get "/brokers/topics/$topic/partitions/0/state"
run "$scripts/kafka-topics.sh" --bootstrap-server "$lab_bootstrap" --describe --topic "$topic"
check "broker $preferred, the preferred replica, leads again" back

saw "Broker $leader led '$topic'. Killed with kill -9, it stayed registered until its ZooKeeper session \
expired; the controller then made broker $new_leader, an in-sync replica, the leader $elected_ms ms after the \
kill, raised leader_epoch from $epoch to $new_epoch and took broker $leader out of the ISR. Every one of the 100 \
acknowledged records was still there. Restarted, broker $leader fetched from the new leader, truncated whatever \
it had that the new leader did not (nothing, here), caught up and was back in the ISR $rejoined_ms ms after it started. The \
preferred-leader election then moved leadership back to broker $preferred, the first replica of the assignment."
