#!/usr/bin/env bash
# The whole fault suite in one command: builds, runs every test labelled `faults` (the
# single-fault scenarios, the network fuzzer, the short nemesis runs), then the long nemesis
# run: every fault kind in a cluster of its own for several rounds, with a seed (printed;
# pass it back to replay), writing the table of what was injected and checked to
# build/faults/nemesis-<seed>.md.
#
#   scripts/faults.sh [--seed N] [--rounds N] [--skip-ctest] [fault ...]
#
#   --seed N       the schedule's seed (default: random)
#   --rounds N     steps per fault kind (default 3)
#   --skip-ctest   only the long nemesis run
#   fault          kinds or groups for the long run (default all; see tests/faults/nemesis.py)
#
# Network faults need root (network namespaces, loop devices); without it they are left out.
# Exits 1 when anything failed.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
seed="$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')"
seed=$((seed % 2147483648))
rounds=3
ctest=1
faults=()
while (($#)); do
  case "$1" in
    --seed) seed="${2:-}"; shift $(($# > 1 ? 2 : 1)) ;;
    --rounds) rounds="${2:-}"; shift $(($# > 1 ? 2 : 1)) ;;
    --skip-ctest) ctest=0; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "faults.sh: unknown option $1" >&2; exit 2 ;;
    *) faults+=("$1"); shift ;;
  esac
done
[[ "$seed" =~ ^[0-9]+$ ]] || { echo "faults.sh: --seed needs a number" >&2; exit 2; }
[[ "$rounds" =~ ^[0-9]+$ && "$rounds" -gt 0 ]] || { echo "faults.sh: --rounds needs a positive number" >&2; exit 2; }
if ((${#faults[@]} == 0)); then
  faults=(process zookeeper link)
  if (($(id -u) == 0)); then faults+=(network); else echo "faults.sh: not root: network faults left out" >&2; fi
fi

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
status=0
if ((ctest)); then
  (cd "$root/build" && ctest -L faults --output-on-failure --timeout 1200) || status=1
fi
mkdir -p "$root/build/faults"
table="$root/build/faults/nemesis-$seed.md"
echo "faults.sh: long nemesis run, seed $seed, $rounds rounds per kind: ${faults[*]}"
/usr/bin/python3 "$root/tests/faults/nemesis_run.py" --seed "$seed" --rounds "$rounds" --per-kind \
  --markdown "$table" "${faults[@]}" || status=1
echo "faults.sh: table in $table"
exit "$status"
