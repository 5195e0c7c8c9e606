#!/usr/bin/env bash
# fuzz/triage.sh REPLAY_DRIVER DIR... — sort saved fuzz inputs (crash-*, timeout-*, ...) into
# buckets by what they trigger, replaying each (60 s limit) with a driver built without
# libFuzzer, e.g.
#
#   fuzz/triage.sh build-asan/fuzz/fuzz_plan_replay /work/fuzz-logs/fuzz_plan-crashes
#
# A bucket is the property the target reported (fuzz_plan: / fuzz_conninfo: line, object names
# cut out, and the parser's message), or the sanitizer's SUMMARY with the first frame in
# schemadiff's own code, or "timeout", or "passes now". Prints each bucket with its count and
# its smallest input.
set -u
export LC_ALL=C
driver=$1
shift
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for dir in "$@"; do
  for f in "$dir"/*; do
    [ -f "$f" ] || continue
    out=$(ASAN_OPTIONS=detect_leaks=1 timeout 60 "$driver" "$f" 2>&1)
    rc=$?
    if [ $rc -eq 0 ]; then
      b="passes now"
    elif [ $rc -eq 124 ]; then
      b="timeout (over 60 s)"
    elif p=$(grep -a -m1 -E '^fuzz_(plan|conninfo): ' <<<"$out"); then
      detail=$(grep -a -A200 -E '^fuzz_plan: ' <<<"$out" | grep -a '^--- ' | sed -n 2p | cut -c5- | cut -c1-60)
      b="$(sed -E 's/"[^"]*"/"…"/g' <<<"$p") ${detail:+| $detail}"
      # known class: a type modifier printed as ? (fuzz/pending/README.md, typmod-*)
      if grep -a -A200 -E '^fuzz_plan: ' <<<"$out" | grep -a -q -E '\((\?|[0-9]+,\?)'; then b="$b [typmod printed as ?]"; fi
    else
      sum=$(grep -a -m1 '^SUMMARY: ' <<<"$out" | sed -E 's/^SUMMARY: ([A-Za-z]+Sanitizer: [a-z-]+).*/\1/; s/^SUMMARY: //')
      frame=$(grep -a -m1 -E '^ +#[0-9]+ .* in [a-z_0-9]+ .*/(parser|schemas|diff|emit|fuzz)/[a-z_]+\.c:[0-9]+' <<<"$out" |
              sed -E 's/.* in ([a-z_0-9]+) .*\/((parser|schemas|diff|emit|fuzz)\/[a-z_]+\.c:[0-9]+).*/\1 \2/')
      # else the first frame outside the sanitizer runtime (e.g. inside libpg_query)
      [ -n "$frame" ] || frame=$(grep -a -E '^ +#[0-9]+ ' <<<"$out" | grep -a -v -E 'sanitizer|asan|ubsan|libc\.so' |
              head -n 1 | sed -E 's/^ +#[0-9]+ 0x[0-9a-f]+ //; s/\(([^()]*\/)?([^/()+]+)\+0x[0-9a-f]+\)/(\2)/')
      b="${sum:-exit $rc} @ ${frame:-?}"
    fi
    printf '%s\t%s\t%s\n' "$b" "$(stat -c %s "$f")" "$f" >>"$tmp"
  done
done
sort -t$'\t' -k1,1 -k2,2n "$tmp" | awk -F'\t' '
  $1 != last { if (last != "") printf "%5d  %s\n       e.g. %s (%s bytes)\n", n, last, ex, sz; last = $1; n = 0; ex = $3; sz = $2 }
  { n++ }
  END { if (last != "") printf "%5d  %s\n       e.g. %s (%s bytes)\n", n, last, ex, sz }'
