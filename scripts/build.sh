#!/usr/bin/env bash
# Configures and builds everything into build/ (executables in build/bin/).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"  # through symlinks and PATH
build_type="${BUILD_TYPE:-Release}"
launcher=()
# ccache (installed by install-deps.sh) makes rebuilds of unchanged files free.
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE="$build_type" "${launcher[@]}" >/dev/null
cmake --build "$root/build" -j"$(nproc)"
