#!/usr/bin/env bash
# replay-seeds.sh OUTDIR PLAN_REPLAY CONNINFO_REPLAY CONFIG_REPLAY: regenerate the seed corpora from the
# tests (seeds.py) into OUTDIR and run every seed through its target without libFuzzer. Every
# schema pair the tests hold must plan without a crash, and every statement and file it emits
# must re-parse (fuzz_plan's property); every connection string of the tests must be shown
# without its password (fuzz_conninfo's); every config file of the tests must read without a
# crash, its errors located (fuzz_config's).
set -euo pipefail
out=$1 plan=$2 conninfo=$3 config=$4
here=$(dirname "${BASH_SOURCE[0]}")
rm -rf "$out"
python3 "$here/seeds.py" "$out"
"$plan" "$out/fuzz_plan" 2>&1 | tail -n 1
"$conninfo" "$out/fuzz_conninfo" 2>&1 | tail -n 1
"$config" "$out/fuzz_config" 2>&1 | tail -n 1
