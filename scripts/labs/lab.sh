# shellcheck shell=bash
# Sourced by every lab in scripts/labs/: its own cluster (a fresh directory and free ports, so
# a lab never touches a cluster.sh cluster), narration (each command shown, then its output),
# checks that end the lab with a FAILED line and exit 1, and the closing "What you saw".
#
#   lab_begin "Title" "$@"                parse --pause/--keep/--help, set lab_dir
#   lab_cluster N [--override k=v]...     start ZooKeeper and N brokers (cluster.sh)
#   step "what happens next"              a numbered heading (and, with --pause, wait for Enter)
#   run cmd args...                       show `$ cmd args`, run it
#   run_first N cmd args...               the same, showing only the first N lines of its output
#   zk get|ls PATH                        zookeeper-shell.sh (zkCli) without its chatter
#   partition_state TOPIC P [FIELD]       the state znode's JSON, or one field of it
#   wait_until SECONDS "what" cmd...      poll cmd every 0.2 s; FAILED if it never succeeds
#   check "what" cmd...                   FAILED unless cmd succeeds; prints "  ok: what"
#   background NAME cmd...                run cmd in the background, output in $lab_dir/NAME.out;
#                                         its pid in $last_pid; stopped at the end of the lab
#   saw "paragraph"                       the closing summary; the lab then exits 0
#
# Environment: KB_BUILD_BIN picks another build's bin directory (default build/bin);
# KB_LAB_KEEP_ON_FAILURE=0 stops the cluster of a failed lab too (the test suite sets it).
set -euo pipefail
lab_root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
scripts="$lab_root/scripts"
lab_pause=0
lab_keep=0
lab_step=0
lab_dir=""
lab_title=""
lab_finished=0
lab_children=()

lab_usage() {
  echo "USAGE: $0 [--pause] [--keep]"
  echo "  --pause   wait for Enter before each step (for a classroom)"
  echo "  --keep    leave the cluster running at the end, for poking at (the lab prints how to stop it)"
}

lab_begin() {
  lab_title="$1"; shift
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --pause) lab_pause=1 ;;
      --keep) lab_keep=1 ;;
      --help|-h) lab_usage; exit 0 ;;
      *) echo "$0: unknown argument $1" >&2; lab_usage >&2; exit 1 ;;
    esac
    shift
  done
  lab_dir="$(mktemp -d "${TMPDIR:-/tmp}/kb-lab-XXXXXX")"
  trap lab_end EXIT
  trap 'exit 143' TERM INT  # so that lab_end stops the cluster
  printf '%s\n%s\n' "$lab_title" "$(printf '%*s' "${#lab_title}" '' | tr ' ' '=')"
}

lab_end() {
  local rc=$? pid
  for pid in ${lab_children[@]+"${lab_children[@]}"}; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in ${lab_children[@]+"${lab_children[@]}"}; do wait "$pid" 2>/dev/null || true; done
  if ((rc != 0 && lab_finished == 0)); then
    echo "FAILED: $lab_title (see the step above; the cluster's logs are in $lab_dir)" >&2
    [[ "${KB_LAB_KEEP_ON_FAILURE:-1}" == 0 ]] || lab_keep=1
  fi
  if [[ -f "$lab_dir/cluster.env" ]]; then
    if ((lab_keep)); then
      echo
      echo "The cluster is still running in $lab_dir:"
      echo "  $scripts/cluster.sh status --dir $lab_dir"
      echo "  $scripts/cluster.sh stop --dir $lab_dir && rm -rf $lab_dir"
    else
      "$scripts/cluster.sh" stop --dir "$lab_dir" >/dev/null 2>&1 || true
    fi
  fi
  if ((!lab_keep)); then rm -rf "$lab_dir"; fi
  exit "$rc"
}

# A base port P with P .. P+count-1 free on 127.0.0.1.
lab_free_ports() {
  /usr/bin/python3 - "$1" <<'PY'
import socket, sys
count = int(sys.argv[1])
for _ in range(100):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        base = s.getsockname()[1]
    if base + count >= 65535:
        continue
    socks = []
    try:
        for p in range(base, base + count):
            s = socket.socket()
            socks.append(s)
            s.bind(("127.0.0.1", p))
        print(base)
        break
    except OSError:
        continue
    finally:
        for s in socks:
            s.close()
else:
    sys.exit("no free port range")
PY
}

lab_cluster() {
  lab_brokers="$1"; shift
  local base
  base="$(lab_free_ports $((2 + 2 * lab_brokers)))"  # ZooKeeper, brokers, their metrics, the live view
  lab_zookeeper="127.0.0.1:$base"
  lab_bootstrap=""
  for ((i = 0; i < lab_brokers; i++)); do lab_bootstrap+="${lab_bootstrap:+,}127.0.0.1:$((base + 1 + i))"; done
  step "Start ZooKeeper and $lab_brokers brokers (ids 0..$((lab_brokers - 1))) in $lab_dir"
  run "$scripts/cluster.sh" start --brokers "$lab_brokers" --dir "$lab_dir" --base-port "$base" "$@"
}

# The address of broker `id`.
broker_address() { echo "127.0.0.1:$(($(cut -d: -f2 <<<"$lab_zookeeper") + 1 + $1))"; }

step() {
  lab_step=$((lab_step + 1))
  printf '\n==> %d. %s\n' "$lab_step" "$*"
  if ((lab_pause)); then
    read -r -p "(press Enter to run it) " _ </dev/tty || true
  fi
}

# Shows a command (paths relative to the repository, quoting only where the shell needs it),
# then runs it. Its exit status is the command's.
run() {
  local arg shown=()
  for arg in "${@/#$lab_root\//}"; do
    if [[ "$arg" =~ ^[A-Za-z0-9_./:,=@%+-]+$ ]]; then shown+=("$arg"); else shown+=("$(printf '%q' "$arg")"); fi
  done
  echo "\$ ${shown[*]}"
  "$@"
}

background() {
  local name="$1"; shift
  "$@" >"$lab_dir/$name.out" 2>"$lab_dir/$name.err" &
  last_pid=$!
  lab_children+=("$last_pid")
}

# A pipe into `head` would end the command early with SIGPIPE, which pipefail turns into a
# failure: the whole output is taken first.
run_first() {
  local n="$1" out; shift
  out="$(run "$@")"
  head -n $((n + 1)) <<<"$out"  # the shown command line, then n lines
}

say() { printf '%s\n' "$*" | fold -s -w 100; }

# zkCli through Kafka's script name, without its connection chatter.
zk() {
  printf '$ scripts/zookeeper-shell.sh %s %s\n' "$lab_zookeeper" "$*"
  "$scripts/zookeeper-shell.sh" "$lab_zookeeper" "$@" 2>/dev/null |
    grep -v -e '^Connecting to' -e '^WATCHER::' -e '^WatchedEvent' -e '^$' || true
}

# A znode's data, read quietly (for checks; `zk get` is what the learner sees).
zk_data() {
  /usr/bin/python3 - "$lab_zookeeper" "$1" <<'PY'
import logging, sys
logging.disable(logging.CRITICAL)
from kazoo.client import KazooClient
from kazoo.exceptions import NoNodeError
zk = KazooClient(hosts=sys.argv[1])
zk.start(timeout=10)
try:
    print(zk.get(sys.argv[2])[0].decode())
except NoNodeError:
    sys.exit(1)
finally:
    zk.stop()
PY
}

json_field() { /usr/bin/python3 -c 'import json, sys; v = json.loads(sys.stdin.read())[sys.argv[1]]; print(",".join(map(str, v)) if isinstance(v, list) else v)' "$1"; }

# partition_state TOPIC P: the JSON of /brokers/topics/TOPIC/partitions/P/state;
# partition_state TOPIC P FIELD: one field (a list is printed comma-separated).
partition_state() {
  local data
  data="$(zk_data "/brokers/topics/$1/partitions/$2/state")" || return 1
  if [[ $# -ge 3 ]]; then json_field "$3" <<<"$data"; else echo "$data"; fi
}

# Milliseconds since the epoch.
now_ms() { echo $(($(date +%s%N) / 1000000)); }

wait_until() {
  local seconds="$1" what="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      echo "FAILED: $what did not happen within $seconds s" >&2
      exit 1
    fi
    sleep 0.2
  done
}

check() {
  local what="$1"; shift
  if "$@"; then
    echo "  ok: $what"
  else
    echo "FAILED: expected $what" >&2
    exit 1
  fi
}

saw() {
  echo
  echo "What you saw"
  echo "------------"
  say "$*"
  lab_finished=1
}
