#!/usr/bin/env bash
# Install the pinned npm packages of the PGlite tests (PGlite = PostgreSQL 18 in WebAssembly,
# pglite-socket, pglite-pgvector) into tests/pglite/node_modules with `npm ci`, i.e. exactly what
# package-lock.json says, integrity-checked. Silent and instant when they are already installed:
# a stamp in node_modules holds the hash of the lock file that was installed.
#
# Called by scripts/deps.sh (so by `make deps`, `make check`) and by run_pglite.py itself.
# Exit 0 when installed; 1 (with the reason on stderr) when node/npm are missing or npm fails.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"

stamp=node_modules/.schemadiff-installed
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "tests/pglite/setup.sh: $tool not found (scripts/deps.sh installs Debian's nodejs and npm)" >&2
    exit 1
  fi
done

echo "pglite: npm ci in tests/pglite (pinned by package-lock.json) ..." >&2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# --prefer-offline: take what npm's cache already has (works offline once installed before)
if ! npm ci --no-audit --no-fund --prefer-offline --loglevel=error >"$log" 2>&1; then
  echo "tests/pglite/setup.sh: npm ci failed:" >&2
  grep -v 'Unknown user config' "$log" | tail -n 20 >&2
  exit 1
fi
echo "$want" > "$stamp"
