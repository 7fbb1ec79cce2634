#!/usr/bin/env bash
# Runs the libFuzzer targets (tests/fuzz/*_fuzz.cc) under AddressSanitizer and
# UndefinedBehaviorSanitizer, each for a given time, starting from its checked-in corpus
# (tests/fuzz/corpus/<target>/). Builds them with clang into build-fuzz/ first.
#
#   scripts/fuzz.sh [--seconds N] [--workers N] [--merge] [target ...]
#
#   --seconds N  time per target (default 60)
#   --workers N  fuzzing processes per target (default 1; libFuzzer's -fork)
#   --merge      add the inputs that reached new code to the checked-in corpus (libFuzzer -merge=1)
#   target       request_decoders, response_decoders, record_batches, znodes, server_properties,
#                consumer_offsets (default: all)
#
# A failure (crash, sanitizer report, leak, failed check) stops the script with exit 1; the
# input is in build-fuzz/findings/<target>/. Once fixed, copy it into the target's corpus: every
# build replays the corpus as a unit test (fuzz_corpus_<target>), so it stays fixed.
# Prints executions and speed per target.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
all_targets=(request_decoders response_decoders record_batches znodes server_properties consumer_offsets)
seconds=60
workers=1
merge=0
targets=()
while (($#)); do
  case "$1" in
    --seconds) seconds="${2:-}"; shift $(($# > 1 ? 2 : 1)) ;;
    --workers) workers="${2:-}"; shift $(($# > 1 ? 2 : 1)) ;;
    --merge) merge=1; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
((${#targets[@]})) || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [[ " ${all_targets[*]} " == *" $t "* ]] || { echo "fuzz.sh: unknown target $t (have: ${all_targets[*]})" >&2; exit 2; }
done
[[ "$seconds" =~ ^[0-9]+$ && "$seconds" -gt 0 ]] || { echo "fuzz.sh: --seconds needs a positive number" >&2; exit 2; }
[[ "$workers" =~ ^[0-9]+$ && "$workers" -gt 0 ]] || { echo "fuzz.sh: --workers needs a positive number" >&2; exit 2; }

build="$root/build-fuzz"
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache); fi
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DKB_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
total=0
for t in "${targets[@]}"; do
  corpus="$root/tests/fuzz/corpus/$t"
  work="$build/corpus-work/$t"     # what this run adds; the checked-in corpus is only read
  findings="$build/findings/$t"
  mkdir -p "$work" "$findings"
  log="$build/fuzz-$t.log"
  fork=()
  ((workers > 1)) && fork=(-fork="$workers" -ignore_crashes=0)
  echo "fuzz.sh: $t for ${seconds}s"
  if ! "$build/bin/fuzz_$t" "$work" "$corpus" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
      -timeout=10 -artifact_prefix="$findings/" -print_final_stats=1 "${fork[@]}" >"$log" 2>&1; then
    tail -60 "$log"
    echo "fuzz.sh: FAILED: $t; the input is in $findings/ (log: $log)" >&2
    exit 1
  fi
  # The final stats line, or with -fork (no final stats) the last "#<executions>" progress line.
  runs=$(awk '/^stat::number_of_executed_units:/ {s += $2; found = 1}
              match($0, /^#[0-9]+/) {last = substr($0, 2, RLENGTH - 1)}
              END {print found ? s : last + 0}' "$log")
  total=$((total + runs))
  printf 'fuzz.sh: %-18s %12d executions in %ss (%d/s)\n' "$t" "$runs" "$seconds" $((runs / seconds))
  if ((merge)); then
    "$build/bin/fuzz_$t" -merge=1 "$corpus" "$work" >"$build/merge-$t.log" 2>&1
    echo "fuzz.sh: $t corpus now $(find "$corpus" -type f | wc -l) inputs"
  fi
done
echo "fuzz.sh: ${#targets[@]} target(s), $total executions, no failure"
