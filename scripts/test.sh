#!/usr/bin/env bash
# Installs dependencies if missing, builds, and runs every test (unit and integration).
# Exits non-zero on any failure. Extra arguments go to ctest (e.g. -L unit).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"  # through symlinks and PATH
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cd "$root/build"
# Integration tests start their own processes on free ports; keep them sequential on 2 cores.
ctest --output-on-failure --timeout 600 "$@"
