#!/usr/bin/env bash
# bench/run.sh: how fast is schemadiff compared with libpg_query's raw parse?
#
# For each size N (default 1000 and 10000 tables) this
#   1. generates, once, a seed-1 schema pair with ../shared/bench/gen-schema
#      (--core: no views, functions or triggers) into bench/data/from-N.sql
#      and to-N.sql (5% of the tables changed); cached, regenerated only when
#      missing or older than gen-schema;
#   2. times pg_query_raw_parse alone on both files (build/bench-rawparse,
#      compiled from bench/rawparse.c when missing or out of date), summed;
#   3. times `schemadiff plan --from from-N.sql --to to-N.sql --out DIR --allow-hazards all` (the
#      planning is measured, not the gating: a refused plan would exit 6) and
#      `schemadiff dump --from to-N.sql >/dev/null`, wall clock, best of K
#      runs, with the peak RSS of the largest run;
#   4. times apgdiff (Debian's apgdiff, when installed: `scripts/deps.sh --bench`,
#      which `make bench` runs) on the same two files, as a peer;
# and prints one table. plan/raw is the number to watch (README.md). Besides
# wall clock, every row has the CPU time (user + system) and the peak RSS,
# and the raw parse its trees' memory (libpg_query's context): wall clock on
# a loaded machine counts the time other processes had the cores, CPU time
# does not, and issue 14's memory target is peak RSS / the two trees.
#
# Timings are never compared against thresholds: this is a benchmark, not a
# test. It exits non-zero only when something fails to run (schemadiff
# missing, a non-zero exit status, rawparse not building or not parsing).
#
# usage: bench/run.sh [--tables N[,N...]]... [--runs K] [--no-dump]
#                     [--no-apgdiff] [--schemadiff PATH]
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/run.sh [options]
  --tables N[,N...]   sizes to run (repeatable; default 1000,10000)
  --runs K            runs per measurement, best one reported (default 3)
  --no-dump           skip the `schemadiff dump` rows
  --no-apgdiff        skip the apgdiff rows (they are skipped anyway when it is not installed)
  --schemadiff PATH   binary to time (default: build/schemadiff)
  -h, --help          this text
Environment: SCHEMADIFF_SHARED (default: <repo>/../shared), CC (default: cc).
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${SCHEMADIFF_SHARED:-$(dirname "$ROOT")/shared}
GEN=$SHARED/bench/gen-schema
DATA=$ROOT/bench/data
BUILD=$ROOT/build
RAWPARSE=$BUILD/bench-rawparse
SCHEMADIFF=$BUILD/schemadiff
CC=${CC:-cc}

sizes=()
runs=3
do_dump=1
do_apgdiff=1
while [ $# -gt 0 ]; do
  case $1 in
    --tables)     [ $# -ge 2 ] || { usage >&2; exit 2; }
                  IFS=, read -r -a more <<<"$2"; sizes+=("${more[@]}"); shift 2 ;;
    --tables=*)   IFS=, read -r -a more <<<"${1#*=}"; sizes+=("${more[@]}"); shift ;;
    --runs)       [ $# -ge 2 ] || { usage >&2; exit 2; }; runs=$2; shift 2 ;;
    --runs=*)     runs=${1#*=}; shift ;;
    --no-dump)    do_dump=0; shift ;;
    --no-apgdiff) do_apgdiff=0; shift ;;
    --schemadiff) [ $# -ge 2 ] || { usage >&2; exit 2; }; SCHEMADIFF=$2; shift 2 ;;
    --schemadiff=*) SCHEMADIFF=${1#*=}; shift ;;
    -h|--help)    usage; exit 0 ;;
    *)            echo "bench: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
for n in "${sizes[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "bench: bad table count '$n'" >&2; exit 2; }
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "bench: bad run count '$runs'" >&2; exit 2; }

command -v python3 >/dev/null || { echo "bench: python3 is required (gen-schema, timing)" >&2; exit 2; }
[ -f "$GEN" ] || { echo "bench: $GEN not found (set SCHEMADIFF_SHARED)" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/schemadiff-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# --- rawparse: the baseline -------------------------------------------------
mkdir -p "$BUILD"
if [ ! -x "$RAWPARSE" ] || [ "$ROOT/bench/rawparse.c" -nt "$RAWPARSE" ]; then
  echo "bench: compiling $RAWPARSE" >&2
  if ! "$CC" -O2 -I/usr/include/postgresql/15/server "$ROOT/bench/rawparse.c" \
         -lpg_query -o "$RAWPARSE"; then
    echo "bench: cannot build bench/rawparse.c (needs libpg-query-dev and postgresql-server-dev-15)" >&2
    exit 1
  fi
fi

# --- data: generated once, cached in bench/data (git-ignored) ----------------
mkdir -p "$DATA"
generate() {  # generate OUT ARGS...: write atomically, skip when up to date
  local out=$1; shift
  if [ -s "$out" ] && [ "$out" -nt "$GEN" ]; then return; fi
  echo "bench: generating $(basename "$out") (gen-schema $*)" >&2
  python3 "$GEN" "$@" --out "$out.tmp"
  mv -f "$out.tmp" "$out"
}
for n in "${sizes[@]}"; do
  generate "$DATA/from-$n.sql" --tables "$n" --seed 1 --core
  generate "$DATA/to-$n.sql"   --tables "$n" --seed 1 --core --mutate 5
done

# --- timing wrapper -----------------------------------------------------------
# timeit RUNS STDOUT ERRFILE OUTDIR|- CMD...: runs CMD up to RUNS times (stdin
# /dev/null, stdout to STDOUT, stderr to ERRFILE; OUTDIR, unless "-", emptied
# before each run) and prints "STATUS BEST_SECONDS PEAK_RSS_KB BEST_CPU". It stops at
# the first failing run; STATUS is the exit code, or "signal-N". Each run's
# resources come from wait4(), so they are that child's own (ru_maxrss is
# kilobytes on Linux), the peak reported is the largest of the runs; BEST_CPU
# is the smallest user + system time of a run (its threads together).
cat >"$WORK/timeit.py" <<'PY'
import os, shutil, sys, time
runs, out, err, outdir, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
best, best_cpu, peak, status = None, None, 0, "0"
for _ in range(runs):
    if outdir != "-":
        shutil.rmtree(outdir, ignore_errors=True)
        os.mkdir(outdir)
    fa = [(os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
          (os.POSIX_SPAWN_OPEN, 1, out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
          (os.POSIX_SPAWN_OPEN, 2, err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)]
    try:
        start = time.perf_counter()
        pid = os.posix_spawn(cmd[0], cmd, os.environ, file_actions=fa)
        _, wstatus, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - start
    except OSError as e:
        with open(err, "w") as f:
            f.write(f"{cmd[0]}: {e.strerror}\n")
        status = "cannot-run"
        break
    peak = max(peak, usage.ru_maxrss)
    code = os.waitstatus_to_exitcode(wstatus)
    if code != 0:
        status = str(code) if code > 0 else f"signal-{-code}"
        break
    best = elapsed if best is None else min(best, elapsed)
    cpu = usage.ru_utime + usage.ru_stime
    best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
print(status, "-" if best is None else f"{best:.6f}", peak, "-" if best_cpu is None else f"{best_cpu:.6f}")
PY
timeit() { python3 "$WORK/timeit.py" "$@"; }

rawparse_stats() {  # "WALL TREE_BYTES CPU": summed best-of-K raw parse of the given files
  "$RAWPARSE" -k "$runs" "$@" |
    awk '$1 == "rawparse" { s += $3; m += $4; c += $5 } END { printf "%.6f %d %.6f\n", s, m, c }'
}

# --- run ----------------------------------------------------------------------
have_binary=1
if [ ! -e "$SCHEMADIFF" ]; then
  have_binary=0
  echo "bench: $SCHEMADIFF does not exist: build it first (make bench builds it)." >&2
  echo "bench: only the raw parse baseline is measured." >&2
elif [ ! -x "$SCHEMADIFF" ]; then
  have_binary=0
  echo "bench: $SCHEMADIFF is not executable" >&2
fi

failures=0
errors=$WORK/errors.txt
: >"$errors"
record_failure() {  # record_failure WHAT STATUS ERRFILE
  failures=$((failures + 1))
  {
    echo "--- $1: exit status $2"
    if [ -s "$3" ]; then
      head -c 4000 "$3"; echo
      [ "$(wc -c <"$3")" -le 4000 ] || echo "[... $(wc -c <"$3") bytes of error output, cut]"
    else
      echo "(no error output)"
    fi
  } >>"$errors"
}

row() {  # row COMMAND N BYTES RAW RAW_CPU TREE_BYTES SECONDS CPU RSS_KB STATUS
  awk -v c="$1" -v n="$2" -v b="$3" -v raw="$4" -v rawc="$5" -v tree="$6" -v t="$7" -v cpu="$8" \
      -v kb="$9" -v st="${10}" 'BEGIN {
    ratio = (t == "-" || raw <= 0) ? "-" : sprintf("%.2f", t / raw)
    cratio = (cpu == "-" || rawc <= 0) ? "-" : sprintf("%.2f", cpu / rawc)
    tt = (t == "-") ? "-" : sprintf("%.3f", t)
    cc = (cpu == "-") ? "-" : sprintf("%.3f", cpu)
    mb = (kb == "-" || kb == 0) ? "-" : sprintf("%.1f", kb / 1024)
    mratio = (kb == "-" || kb == 0 || tree <= 0) ? "-" : sprintf("%.2f", kb * 1024 / tree)
    printf "%-7s %6s %9s %7.3f %7.3f %7.1f %8s %8s %6s %6s %8s %6s  %s\n", c, n, b, raw, rawc, tree / 1048576,
           tt, cc, ratio, cratio, mb, mratio, st
  }'
}

have_apgdiff=0
if [ $do_apgdiff = 1 ]; then
  if command -v apgdiff >/dev/null 2>&1; then
    have_apgdiff=1
  else
    echo "bench: apgdiff is not installed (scripts/deps.sh --bench installs it): no apgdiff rows" >&2
  fi
fi

echo
echo "schemadiff benchmark: best of $runs; raw = pg_query_raw_parse of the same input (wall, CPU, tree memory)"
printf '%-7s %6s %9s %7s %7s %7s %8s %8s %6s %6s %8s %6s  %s\n' \
  "cmd" "tables" "bytes" "raw s" "raw cpu" "tree MB" "time s" "cpu s" "t/raw" "c/raw" "RSS MB" "R/tree" "exit"
for n in "${sizes[@]}"; do
  from=$DATA/from-$n.sql
  to=$DATA/to-$n.sql
  bytes_from=$(wc -c <"$from")
  bytes_to=$(wc -c <"$to")

  if ! read -r raw_from tree_from rawc_from < <(rawparse_stats "$from") ||
     ! read -r raw_to tree_to rawc_to < <(rawparse_stats "$to") || [ "$tree_to" = 0 ]; then
    echo "bench: raw parse of $from or $to failed" >&2
    exit 1
  fi
  raw_pair=$(awk -v a="$raw_from" -v b="$raw_to" 'BEGIN { printf "%.6f", a + b }')
  rawc_pair=$(awk -v a="$rawc_from" -v b="$rawc_to" 'BEGIN { printf "%.6f", a + b }')
  tree_pair=$((tree_from + tree_to))

  if [ $have_binary = 0 ]; then
    row plan "$n" $((bytes_from + bytes_to)) "$raw_pair" "$rawc_pair" "$tree_pair" - - - "not built"
    [ $do_dump = 0 ] || row dump "$n" "$bytes_to" "$raw_to" "$rawc_to" "$tree_to" - - - "not built"
  else
    err=$WORK/plan-$n.err
    if ! read -r status secs kb cpu < <(timeit "$runs" /dev/null "$err" "$WORK/plan-$n" \
        "$SCHEMADIFF" plan --from "$from" --to "$to" --out "$WORK/plan-$n" --allow-hazards all); then
      echo "bench: timing wrapper failed" >&2; exit 1
    fi
    if [ "$status" = 0 ]; then
      row plan "$n" $((bytes_from + bytes_to)) "$raw_pair" "$rawc_pair" "$tree_pair" "$secs" "$cpu" "$kb" 0
      [ -s "$WORK/plan-$n/migration.sql" ] ||
        echo "bench: warning: plan --out wrote no migration.sql for N=$n" >&2
    else
      row plan "$n" $((bytes_from + bytes_to)) "$raw_pair" "$rawc_pair" "$tree_pair" - - - "FAILED ($status)"
      record_failure "schemadiff plan --from $from --to $to --out DIR" "$status" "$err"
    fi

    if [ $do_dump = 1 ]; then
      err=$WORK/dump-$n.err
      if ! read -r status secs kb cpu < <(timeit "$runs" /dev/null "$err" - \
          "$SCHEMADIFF" dump --from "$to"); then
        echo "bench: timing wrapper failed" >&2; exit 1
      fi
      if [ "$status" = 0 ]; then
        row dump "$n" "$bytes_to" "$raw_to" "$rawc_to" "$tree_to" "$secs" "$cpu" "$kb" 0
      else
        row dump "$n" "$bytes_to" "$raw_to" "$rawc_to" "$tree_to" - - - "FAILED ($status)"
        record_failure "schemadiff dump --from $to" "$status" "$err"
      fi
    fi
  fi

  # the peer: apgdiff OLD NEW prints the migration on stdout (its exit status is
  # reported, not counted as a failure of this benchmark)
  if [ $have_apgdiff = 1 ]; then
    err=$WORK/apgdiff-$n.err
    if ! read -r status secs kb cpu < <(timeit "$runs" "$WORK/apgdiff-$n.sql" "$err" - \
        "$(command -v apgdiff)" "$from" "$to"); then
      echo "bench: timing wrapper failed" >&2; exit 1
    fi
    if [ "$status" = 0 ]; then
      row apgdiff "$n" $((bytes_from + bytes_to)) "$raw_pair" "$rawc_pair" "$tree_pair" "$secs" "$cpu" "$kb" 0
    else
      row apgdiff "$n" $((bytes_from + bytes_to)) "$raw_pair" "$rawc_pair" "$tree_pair" - - - \
        "FAILED ($status): $(head -c 120 "$err" | tr '\n' ' ')"
    fi
  fi
done
echo "(plan, apgdiff: raw parse of from + to; dump: raw parse of to. t/raw: wall clock, c/raw: CPU time,"
echo " R/tree: peak RSS / the raw parse trees' memory. Issue 14's targets: t/raw <= 1.5, R/tree <= 1.5.)"

if [ $have_binary = 0 ]; then
  echo >&2
  echo "bench: FAILED: $SCHEMADIFF is missing; build it (cmake RelWithDebInfo) and run again." >&2
  exit 1
fi
if [ $failures -gt 0 ]; then
  echo >&2
  echo "bench: FAILED: $failures command(s) did not succeed:" >&2
  cat "$errors" >&2
  exit 1
fi
