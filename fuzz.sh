#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan, UBSan) and runs each for SECONDS
# (default 60), or for N executions with --runs N (a long run), one after the other:
#   fuzz_input     TOML text -> checked report (input, check and compose stages)
#   fuzz_pipeline  TOML text -> PDF bytes and HTML (the whole pipeline, as `nianbao build --pdf --html`)
#   fuzz_layout    TOML text -> layout (a format file)
#   fuzz_serve     an HTTP request -> nianbao serve's answer (routes, names, JSON,
#                  edits of the TOML in place, checks, builds)
#   fuzz_pdf       a PDF file -> what extract, verify and sum read of it (PoDoFo's parser in the
#                  reader program, attachments, XMP, fonts, pages); seeds tests/fuzz/pdf-seeds.
#                  The reader program's own crashes (PoDoFo's) are unreadable files, not
#                  findings: counted from build-fuzz/fuzz_pdf-reader.log
# Seeds: input/*.toml and the bad-input corpus tests/corpus/*.toml (layouts/*.toml
# for fuzz_layout); the corpus each run grows is kept in build-fuzz/corpus-TARGET.
# A crash, leak or timeout is written to build-fuzz/artifacts/ and makes the script
# fail; every one becomes a case of tests/corpus.
#   ./fuzz.sh [SECONDS | --runs N] [TARGET …]
# Installs clang and its fuzzer runtime when missing (Debian, as root).
set -euo pipefail
cd "$(dirname "$0")"
limit=(-max_total_time="${1:-60}") what="${1:-60}s"
if [ "${1:-}" = --runs ]; then
  [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "fuzz: --runs needs a count of executions" >&2; exit 2; }
  limit=(-runs="$2") what="$2 executions"
  shift 2
else
  shift $(( $# > 0 ? 1 : 0 ))
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_input fuzz_pipeline fuzz_layout fuzz_serve fuzz_pdf)

missing=()
for p in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "fuzz: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DNIANBAO_FUZZ=ON -DBUILD_TESTING=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j2 --target "${targets[@]}" | grep -v '^\[' || true
mkdir -p build-fuzz/artifacts
status=0
for target in "${targets[@]}"; do
  corpus=build-fuzz/corpus-$target seeds=build-fuzz/seeds-$target
  rm -rf "$seeds" && mkdir -p "$corpus" "$seeds"
  if [ "$target" = fuzz_layout ]; then cp layouts/*.toml "$seeds"/
  elif [ "$target" = fuzz_serve ]; then cp tests/fuzz/serve-seeds/* "$seeds"/
  elif [ "$target" = fuzz_pdf ]; then cp tests/fuzz/pdf-seeds/*.pdf tests/corpus-pdf/*.pdf "$seeds"/
  else cp input/*.toml tests/corpus/*.toml "$seeds"/; fi
  log=build-fuzz/$target.log
  echo "fuzz: $target for $what (log: $log)" >&2
  # The corpus first: new inputs go there. The layouts come from the source tree.
  # No allocation stacks in ASan's reports and a smaller quarantine: 17 % more
  # executions of fuzz_pipeline; run an artifact again without them for the stacks.
  reader_log=build-fuzz/$target-reader.log  # fuzz_pdf's reader program: PoDoFo's crashes, each an unreadable file
  rm -f "$reader_log"
  NIANBAO_DATA=$PWD NIANBAO_READER_LOG=$PWD/$reader_log ASAN_OPTIONS=detect_leaks=1:malloc_context_size=0:quarantine_size_mb=64 \
    build-fuzz/tests/fuzz/$target "${limit[@]}" \
    -max_len=65536 -rss_limit_mb=2048 -timeout=60 -dict=tests/fuzz/$([ "$target" = fuzz_pdf ] && echo pdf || echo toml).dict -print_final_stats=1 \
    -artifact_prefix=build-fuzz/artifacts/$target- "$corpus" "$seeds" >"$log" 2>&1 || status=1
  grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|ERROR|SUMMARY' "$log" |
    sed "s/^/  $target: /" >&2
  if [ -s "$reader_log" ]; then
    echo "  $target: the reader program stopped on $(grep -c '^SUMMARY' "$reader_log" || true) inputs (each reported as an unreadable file, as it must be; $reader_log):" >&2
    grep '^SUMMARY' "$reader_log" | sed 's/^SUMMARY: //; s/ (\/[^)]*)//; s/ (BuildId[^)]*)//' | sort | uniq -c | sort -rn | head -5 | sed "s/^/    /" >&2
  fi
done
exit $status
