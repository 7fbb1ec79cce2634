#!/usr/bin/env bash
# Lab 5: controller failover.
# kill -9 the controller: /controller names another broker once the dead one's session
# expires, /controller_epoch goes up, and the new controller carries on: a topic created right
# after gets its leaders.
#
#   scripts/labs/05-controller-failover.sh [--pause] [--keep]
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lab.sh"
lab_begin "Lab 5: controller failover" "$@"

lab_cluster 3 --override zookeeper.session.timeout.ms=6000

step "Who is the controller? The first broker to create the ephemeral /controller znode"
zk get /controller
zk get /controller_epoch
controller="$(zk_data /controller | json_field brokerid)"
epoch="$(zk_data /controller_epoch)"
say "Broker $controller is the controller, in controller epoch $epoch. Every state znode it writes carries that epoch, so a deposed controller's writes are refused."

step "kill -9 the controller, broker $controller"
killed_at="$(now_ms)"
run "$scripts/cluster.sh" kill "$controller" --dir "$lab_dir"
say "/controller is ephemeral: it goes when broker $controller's ZooKeeper session expires (6 s here). The other brokers watch it and race to create it again."
moved() { local c; c="$(zk_data /controller | json_field brokerid)" && [[ "$c" != "$controller" ]]; }
wait_until 60 "another broker to become controller" moved
moved_ms=$(($(now_ms) - killed_at))
zk get /controller
zk get /controller_epoch
new_controller="$(zk_data /controller | json_field brokerid)"
new_epoch="$(zk_data /controller_epoch)"
check "broker $new_controller is the new controller" test "$new_controller" != "$controller"
check "the controller epoch went up ($epoch -> $new_epoch)" test "$new_epoch" -gt "$epoch"
zk ls /brokers/ids

step "The new controller carries on: create a topic on the two live brokers"
survivor="$(broker_address "$new_controller")"
run "$scripts/kafka-topics.sh" --bootstrap-server "$survivor" --create --topic after-failover --partitions 2 \
  --replication-factor 2
led() {
  local l0 l1
  l0="$(partition_state after-failover 0 leader)" && l1="$(partition_state after-failover 1 leader)" &&
    [[ "$l0" -ge 0 && "$l1" -ge 0 ]]
}
wait_until 30 "leaders for both partitions" led
zk get /brokers/topics/after-failover/partitions/0/state
run "$scripts/kafka-topics.sh" --bootstrap-server "$survivor" --describe --topic after-failover
state_epoch="$(partition_state after-failover 0 controller_epoch)"
check "the state znode carries controller_epoch $new_epoch" test "$state_epoch" -eq "$new_epoch"

step "Start broker $controller again: it joins as an ordinary broker"
run "$scripts/cluster.sh" start-broker "$controller" --dir "$lab_dir"
zk get /controller
still="$(zk_data /controller | json_field brokerid)"
check "broker $new_controller is still the controller" test "$still" == "$new_controller"

saw "Broker $controller was the controller. Killed with kill -9, its ephemeral /controller znode \
disappeared when its ZooKeeper session expired; broker $new_controller won the race to create it \
$moved_ms ms after the kill, and /controller_epoch went from $epoch to $new_epoch. The new controller \
read the cluster's state from ZooKeeper and carried on: the topic created next got its leaders, its \
state znodes written with controller_epoch $new_epoch. The old controller came back as an ordinary \
broker: a controller keeps its role until it dies."
