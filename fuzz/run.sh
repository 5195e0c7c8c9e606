#!/usr/bin/env bash
# fuzz/run.sh — `make fuzz`: build the libFuzzer targets with clang, seed them from the tests,
# run each for FUZZ_TIME seconds (default 60), and fail when one finds a crash.
#
#   FUZZ_TIME=600 make fuzz                 ten minutes per target
#   FUZZ_TARGETS=fuzz_conninfo make fuzz    one target
#   FUZZ_BUILD=build-fuzz                   the build directory (default build-fuzz)
#   FUZZ_SEED=1                             libFuzzer's random seed (default: a new one each run).
#                                           CI fixes it, so the inputs CI tries are the first ones
#                                           a longer local run with the same seed, on a fresh
#                                           build directory, tries too: run that before a stop.
#
# Per target T, under $FUZZ_BUILD/:
#   seeds/T/          regenerated from tests/cases, examples, tests/errors, tests/live (seeds.py)
#   corpus/T/         the corpus libFuzzer grows; kept between runs (delete to start over)
#   artifacts/T/      crash-*, leak-*, timeout-*, oom-* inputs that failed; each one is printed
#   fuzz-T.log        libFuzzer's output
# Replay one input with the target (`build-fuzz/fuzz/T FILE`) or without libFuzzer
# (`build-asan/fuzz/T_replay FILE`); keep it in fuzz/regressions/T/ once its bug is fixed, or in
# fuzz/pending/T/ (with a README line) until then.
# Exit status: 0 no target failed, 1 a target found a crash (or failed to run), 2 build failure.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BUILD=${FUZZ_BUILD:-build-fuzz}
TIME=${FUZZ_TIME:-60}
TARGETS=${FUZZ_TARGETS:-"fuzz_plan fuzz_conninfo fuzz_config"}
SEED=${FUZZ_SEED:-}
JOBS=${JOBS:-2}

if ! command -v clang >/dev/null 2>&1; then
  echo "fuzz: clang is not installed (scripts/deps.sh installs clang and libclang-rt-14-dev)" >&2
  exit 2
fi
cmake -S . -B "$BUILD" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DSCHEMADIFF_FUZZ=ON >/dev/null &&
  cmake --build "$BUILD" -j"$JOBS" --target $TARGETS >/dev/null || {
  echo "fuzz: building the fuzz targets failed (cmake --build $BUILD)" >&2
  exit 2
}
python3 fuzz/seeds.py "$BUILD/seeds"

opts_for() {
  case $1 in
    fuzz_plan) echo "-dict=$ROOT/fuzz/sql.dict -max_len=8192 -timeout=30 -rss_limit_mb=3072" ;;
    fuzz_conninfo) echo "-dict=$ROOT/fuzz/conninfo.dict -max_len=1024 -timeout=10" ;;
    fuzz_config) echo "-dict=$ROOT/fuzz/config.dict -max_len=4096 -timeout=10" ;;
    *) echo "" ;;
  esac
}

status=0
for t in $TARGETS; do
  corpus=$BUILD/corpus/$t art=$BUILD/artifacts/$t log=$BUILD/fuzz-$t.log
  mkdir -p "$corpus" "$art"
  before=$(ls "$art" | wc -l)
  echo "== fuzz $t for ${TIME}s${SEED:+, seed $SEED} (log $log)"
  # shellcheck disable=SC2046
  "$BUILD/fuzz/$t" -max_total_time="$TIME" ${SEED:+-seed=$SEED} -print_final_stats=1 $(opts_for "$t") \
    -artifact_prefix="$art/" "$corpus" "$BUILD/seeds/$t" >"$log" 2>&1
  rc=$?
  grep -a -E '^(stat::number_of_executed_units|stat::peak_rss_mb)|^#[0-9]+ +DONE' "$log" | sed 's/^/   /'
  after=$(ls "$art" | wc -l)
  if [ "$rc" -ne 0 ] || [ "$after" -gt "$before" ]; then
    echo "FAIL: $t exited $rc; new inputs in $art/:" >&2
    ls -t "$art" | head -n $((after - before > 0 ? after - before : 1)) | sed "s|^|   $art/|" >&2
    grep -a -m1 -E '^fuzz_(plan|conninfo|config): |ERROR: |SUMMARY: ' "$log" | sed 's/^/   /' >&2
    echo "   replay: $BUILD/fuzz/$t FILE; sort many: fuzz/triage.sh build-asan/fuzz/${t}_replay $art" >&2
    status=1
  fi
done
exit $status
