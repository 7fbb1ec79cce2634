#!/usr/bin/env bash
# Installs dependencies if missing, builds, and runs every test (unit and integration), then,
# for the whole suite (no arguments), a short run of every fuzz target under ASan and UBSan
# (KB_FUZZ_SECONDS each, default 10; 0 skips it).
# Exits non-zero on any failure. Extra arguments go to ctest (e.g. -L unit) and skip the fuzzing.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"  # through symlinks and PATH
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cd "$root/build"
# Integration tests start their own processes on free ports; keep them sequential on 2 cores.
ctest --output-on-failure --timeout 600 "$@"
fuzz_seconds="${KB_FUZZ_SECONDS:-10}"
if (($# == 0)) && ((fuzz_seconds > 0)); then
  "$root/scripts/fuzz.sh" --seconds "$fuzz_seconds"
fi
