#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan, UBSan) and runs each for SECONDS
# (default 60) on a seed corpus made of input/*.toml. Crashes are written to
# build-fuzz/artifacts/ and make the script fail.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DNIANBAO_FUZZ=ON -DBUILD_TESTING=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j2 --target fuzz_input fuzz_pipeline
mkdir -p build-fuzz/artifacts
for target in fuzz_input fuzz_pipeline; do
  corpus=build-fuzz/corpus-$target
  mkdir -p "$corpus"
  cp input/*.toml "$corpus"/
  echo "fuzz: $target for ${seconds}s" >&2
  build-fuzz/tests/fuzz/$target -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=30 \
    -artifact_prefix=build-fuzz/artifacts/ -print_final_stats=1 "$corpus" 2>&1 | grep -E 'stat::number_of_executed_units|Done|ERROR|SUMMARY' >&2
done
