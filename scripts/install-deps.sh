#!/usr/bin/env bash
# Installs everything needed to build, test and run the broker on Debian 12.
# Idempotent: packages already present are skipped; apt runs only when something is missing.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake pkg-config ccache
  # the fixed stack
  libzookeeper-mt-dev zookeeper zookeeper-bin
  libboost-system-dev libboost-program-options-dev libboost-dev
  libgoogle-glog-dev libgtest-dev libgmock-dev libbenchmark-dev
  # JSON, CRC-32C (ISA-L crc32_iscsi), compression codecs
  nlohmann-json3-dev libisal-dev zlib1g-dev libsnappy-dev liblz4-dev libzstd-dev
  # real Kafka clients for tools and tests
  librdkafka-dev kcat python3-confluent-kafka python3-kafka python3-kazoo
  # codecs kafka-python needs to write snappy, lz4 and zstd batches (tests/integration/dump_log_test.py)
  python3-snappy python3-lz4 python3-zstandard
  # process and network helpers used by tests and scripts
  procps iproute2 netcat-openbsd
  # log dirs on filesystems of their own for the disk faults (tests/faults/log_dir_failure_test.py)
  mount util-linux e2fsprogs
  # stacks of a broker the nemesis found stuck (tests/faults/nemesis_run.py)
  gdb
  # fuzzing: clang with libFuzzer and the sanitizers (scripts/fuzz.sh)
  clang libclang-rt-14-dev
  # measurement
  iperf3
  # the live view's page is tested in a real browser (tests/integration/cluster_view_test.py)
  chromium python3-websocket
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
