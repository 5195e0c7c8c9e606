#!/usr/bin/env bash
# replay-all.sh DRIVER DIR [DRIVER DIR ...]: run each replay driver over its directory of
# saved inputs (a missing directory counts as empty); fail if any driver fails.
set -u
status=0
while [ $# -ge 2 ]; do
  driver=$1 dir=$2
  shift 2
  if [ ! -d "$dir" ]; then
    echo "$(basename "$driver"): no $dir, nothing to replay"
    continue
  fi
  if ! "$driver" "$dir"; then
    echo "FAIL: $(basename "$driver") $dir" >&2
    status=1
  fi
done
exit $status
