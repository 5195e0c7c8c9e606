#!/usr/bin/env bash
# bench/same_output.sh: does a speed change keep schemadiff's output byte-identical?
#
# Runs `schemadiff plan --from from.sql --to to.sql --out DIR --allow-hazards all` (and, in
# both directions, `dump --from`) of every round-trip case (tests/cases/*/) and of the bench
# pairs bench/data/{from,to}-N.sql that exist, and stores per run: the exit status, stdout,
# stderr and every file written under --out, in one tree:
#
#     bench/same_output.sh --schemadiff OLD_BINARY --into /tmp/before
#     bench/same_output.sh --schemadiff build/schemadiff --into /tmp/after
#     diff -r /tmp/before /tmp/after && echo identical
#
# Timing lines (SCHEMADIFF_TIMING) are not produced: the variable is unset for these runs.
# usage: bench/same_output.sh --schemadiff PATH --into DIR [--no-bench] [--cases GLOB]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=
into=
bench=1
glob='*'
while [ $# -gt 0 ]; do
  case $1 in
    --schemadiff) bin=$2; shift 2 ;;
    --into) into=$2; shift 2 ;;
    --no-bench) bench=0; shift ;;
    --cases) glob=$2; shift 2 ;;
    *) echo "usage: bench/same_output.sh --schemadiff PATH --into DIR [--no-bench] [--cases GLOB]" >&2; exit 2 ;;
  esac
done
[ -n "$bin" ] && [ -n "$into" ] || { echo "same_output: --schemadiff and --into are required" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
unset SCHEMADIFF_TIMING
rm -rf "$into"
mkdir -p "$into"

run() {  # run NAME FROM TO
  local name=$1 from=$2 to=$3 d=$into/$1
  mkdir -p "$d/out"
  set +e
  (cd "$(dirname "$from")" && "$bin" plan --from "$from" --to "$to" --out "$d/out" --allow-hazards all \
      >"$d/stdout" 2>"$d/stderr" </dev/null)
  echo $? >"$d/exit"
  (cd "$(dirname "$from")" && "$bin" dump --from "$to" >"$d/dump-to" 2>"$d/dump-to.err" </dev/null)
  echo $? >>"$d/exit"
  set -e
  # the --out directory's name appears in the text plan; make it relative
  sed -i "s|$d/out|OUT|g" "$d/stdout" "$d/stderr"
}

for c in "$ROOT"/tests/cases/$glob/; do
  [ -f "$c/from.sql" ] && [ -f "$c/to.sql" ] || continue
  run "case-$(basename "$c")" "$c/from.sql" "$c/to.sql"
done
if [ $bench = 1 ]; then
  for f in "$ROOT"/bench/data/from-*.sql; do
    [ -f "$f" ] || continue
    n=${f##*/from-}; n=${n%.sql}
    [ -f "$ROOT/bench/data/to-$n.sql" ] || continue
    run "bench-$n" "$f" "$ROOT/bench/data/to-$n.sql"
  done
fi
echo "same_output: $(ls "$into" | wc -l) runs stored in $into"
