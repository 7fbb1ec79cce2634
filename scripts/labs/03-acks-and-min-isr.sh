#!/usr/bin/env bash
# Lab 3: acks and min.insync.replicas.
# RF 3 with min.insync.replicas=2 and acks=all: stop one follower and writes go on; stop a
# second and acks=all writes are refused with NOT_ENOUGH_REPLICAS while acks=1 still succeeds;
# start them again and acks=all writes resume.
#
#   scripts/labs/03-acks-and-min-isr.sh [--pause] [--keep]
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lab.sh"
lab_begin "Lab 3: acks and min.insync.replicas" "$@"
topic=orders

lab_cluster 3 --override zookeeper.session.timeout.ms=6000

step "Create '$topic': replication factor 3, min.insync.replicas=2"
run "$scripts/kafka-topics.sh" --bootstrap-server "$lab_bootstrap" --create --topic "$topic" --partitions 1 \
  --replication-factor 3 --config min.insync.replicas=2
isr_size() { partition_state "$topic" 0 isr | tr ',' '\n' | wc -l; }
isr_is() { [[ "$(isr_size)" == "$1" ]]; }
wait_until 30 "a full ISR" isr_is 3
run "$scripts/kafka-topics.sh" --bootstrap-server "$lab_bootstrap" --describe --topic "$topic"
leader="$(partition_state "$topic" 0 leader)"
mapfile -t followers < <(partition_state "$topic" 0 isr | tr ',' '\n' | grep -vx "$leader")
leader_address="$(broker_address "$leader")"

# Sends records from..from+count-1 with `acks`, showing what the console producer printed (its
# errors included); sets `acked` to how many were acknowledged and `produced` to the output.
produce() {
  local acks="$1" from="$2" count="$3" rc=0
  produced="$(seq "$from" $((from + count - 1)) |
    run "$scripts/kafka-console-producer.sh" --bootstrap-server "$leader_address" --topic "$topic" \
      --request-required-acks "$acks" --message-send-max-retries 0 --request-timeout-ms 5000 2>&1)" || rc=$?
  printf '%s\n' "$produced"
  acked=$((count - $(grep -c "ERROR Error when sending" <<<"$produced" || true)))
  # The producer exits 0 only when every record was acknowledged.
  if ((rc != 0 && acked == count)); then acked=0; fi
}

step "acks=all with the whole ISR: 10 records"
produce all 1 10
check "all 10 acknowledged" test "$acked" -eq 10

step "Stop follower ${followers[0]} (a clean shutdown: the controller takes it out of the ISR at once)"
run "$scripts/cluster.sh" kill "${followers[0]}" --signal TERM --dir "$lab_dir"
wait_until 30 "the ISR to shrink to 2" isr_is 2
zk get "/brokers/topics/$topic/partitions/0/state"

step "acks=all with 2 in-sync replicas: min.insync.replicas=2 is still met"
produce all 11 10
check "all 10 acknowledged" test "$acked" -eq 10

step "Stop follower ${followers[1]} too: the leader is alone in the ISR"
run "$scripts/cluster.sh" kill "${followers[1]}" --signal TERM --dir "$lab_dir"
wait_until 30 "the ISR to shrink to 1" isr_is 1
zk get "/brokers/topics/$topic/partitions/0/state"

step "acks=all with 1 in-sync replica: refused with NOT_ENOUGH_REPLICAS"
produce all 21 5
refused_all=$((5 - acked))
check "all 5 refused" test "$refused_all" -eq 5
check "the error is NOT_ENOUGH_REPLICAS (\"fewer in-sync replicas than required\")" grep -q "fewer in-sync replicas than required" <<<"$produced"

step "acks=1 with 1 in-sync replica: the leader alone acknowledges"
produce 1 26 5
check "all 5 acknowledged (they exist on the leader only until the followers return)" test "$acked" -eq 5

step "Start both followers again: they catch up, rejoin the ISR, and acks=all works again"
run "$scripts/cluster.sh" start-broker "${followers[0]}" --dir "$lab_dir"
run "$scripts/cluster.sh" start-broker "${followers[1]}" --dir "$lab_dir"
wait_until 60 "a full ISR" isr_is 3
zk get "/brokers/topics/$topic/partitions/0/state"
produce all 31 10
check "all 10 acknowledged" test "$acked" -eq 10

step "Read the partition: the acknowledged records, none of the refused ones"
got="$("$scripts/kafka-console-consumer.sh" --bootstrap-server "$leader_address" --topic "$topic" --from-beginning \
  --max-messages 100 --timeout-ms 10000 2>/dev/null | tr '\n' ' ')"
echo "\$ scripts/kafka-console-consumer.sh --bootstrap-server $leader_address --topic $topic --from-beginning"
say "$got"
expected="$(seq 1 20 | tr '\n' ' ')$(seq 26 40 | tr '\n' ' ')"
check "records 1-20 and 26-40, and not 21-25" test "$got" == "$expected"

saw "With acks=all a write is acknowledged only when every replica in the ISR has it, and \
min.insync.replicas=2 sets how small the ISR may get before the leader refuses such writes. With one \
follower stopped the ISR was 2 and writes went on; with both stopped the leader was alone and refused \
every acks=all write with NOT_ENOUGH_REPLICAS (nothing was written), while acks=1 writes, which only need \
the leader, were acknowledged: durable on one broker only until the followers came back and copied them. \
With the followers back in the ISR, acks=all writes succeeded again."
