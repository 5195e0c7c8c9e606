#!/usr/bin/env bash
# Install what schemadiff needs to build and test (Debian 12). Idempotent: checks every
# package with dpkg and installs only what is missing; silent when nothing is.
# usage: scripts/deps.sh [--bench]   (--bench: also apgdiff, for bench/run.sh)
set -euo pipefail

pkgs=(
  cmake gcc make                  # build
  libpg-query-dev                 # the parser (libpg_query, PostgreSQL 15 grammar)
  postgresql-server-dev-15        # PostgreSQL 15's node headers for the raw parse route
  libprotobuf-c-dev               # libpg_query's deparse path
  libpq-dev libyaml-dev           # live databases; schemadiff.yaml
  postgresql-15                   # initdb/pg_ctl/postgres for the round-trip tests
  postgresql-client-15            # psql, pg_dump
  clang libclang-rt-14-dev        # make fuzz: libFuzzer targets (fuzz/), -fsanitize=fuzzer
)

# --bench (make bench): also the peers bench/run.sh compares with; the tests never need them
if [ "${1:-}" = "--bench" ]; then
  pkgs+=(apgdiff)                 # Debian's apgdiff (Java): bench/run.sh's peer row
fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing+=("$p")
  fi
done
# python3 (test runners) only when none is on PATH: a pyenv one is as good
if ! command -v python3 >/dev/null 2>&1; then
  missing+=(python3)
fi

# node + npm for the PGlite tests (tests/pglite): Debian's packages, only when there is no node
if ! command -v node >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if [ ${#missing[@]} -gt 0 ]; then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
  fi
  echo "deps: installing ${missing[*]}" >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi

# The pinned npm packages of the PGlite tests (PostgreSQL 18 + pgvector in WebAssembly):
# `npm ci` from tests/pglite/package-lock.json, silent when already installed. A failure (say,
# offline with an empty npm cache) does not stop the build: the `pglite` test then fails with
# the reason, and every other test still runs.
if ! bash "$(dirname "${BASH_SOURCE[0]}")/../tests/pglite/setup.sh"; then
  echo "deps: warning: the PGlite test packages are not installed; ctest's pglite test will fail" >&2
fi
