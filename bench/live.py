#!/usr/bin/env python3
"""bench/live.py: how fast is reading a live catalog, next to pg_dump?

For each size N (default 1000 and 10000 tables) this loads bench/data/to-N.sql
(made by bench/run.sh from ../shared/bench/gen-schema --core) into a database
of a throwaway PostgreSQL 15 cluster, then times, best of K runs:

  pg_dump --schema-only DB                       (the reference)
  schemadiff dump --from URL                     (its read phase: the catalog read alone)
  schemadiff verify --db URL --to to-N.sql       (catalog + file, compared)
  schemadiff plan --from URL --to URL            (the catalog read twice, in parallel)

and prints the catalog read time (SCHEMADIFF_TIMING's read phase), its ratio
to pg_dump, the same read on one connection (SCHEMADIFF_CATALOG_CONNECTIONS=1,
its runs alternating with the two-connection ones), and the number of catalog
queries sent.  A benchmark,
not a test: nothing is compared against a threshold; it exits non-zero only
when a command fails.  Usage: bench/live.py [--tables N ...] [--runs K]
"""
import argparse
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from pgcluster import PgCluster  # noqa: E402


def best_of(runs, cmd, env=None):
    best, out = None, None
    for _ in range(runs):
        t0 = time.monotonic()
        r = subprocess.run(cmd, capture_output=True, text=True, env=env)
        t = time.monotonic() - t0
        if r.returncode not in (0, 1):
            sys.exit("failed (%d): %s\n%s" % (r.returncode, " ".join(cmd), r.stderr[-2000:]))
        if best is None or t < best:
            best, out = t, r
    return best, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tables", type=int, action="append")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--schemadiff", default=os.path.join(ROOT, "build", "schemadiff"))
    args = ap.parse_args()
    sizes = args.tables or [1000, 10000]
    rows = []
    with PgCluster() as pg:
        for n in sizes:
            to_sql = os.path.join(ROOT, "bench", "data", "to-%d.sql" % n)
            if not os.path.exists(to_sql):
                subprocess.run(["bash", os.path.join(ROOT, "bench", "run.sh"), "--tables", str(n),
                                "--runs", "1", "--no-dump"], check=True, capture_output=True)
            db = "bench%d" % n
            pg.createdb(db)
            rc, _, err = pg.psql_file(db, to_sql, timeout=1200)
            if rc != 0:
                sys.exit("loading %s failed: %s" % (to_sql, err[-2000:]))
            url = pg.url(db)
            t_dump, _ = best_of(args.runs, ["pg_dump", "--schema-only", "-h", pg.dir, "-p", str(pg.port),
                                            "-U", "postgres", "-f", os.devnull, db])
            env = dict(os.environ, SCHEMADIFF_TIMING="1")
            t_verify, r = best_of(args.runs, [args.schemadiff, "verify", "--db", url, "--to", to_sql], env)
            if r.returncode != 0:
                sys.exit("verify found drift on a database built from its own file:\n" + r.stdout[-2000:])
            t_plan, r2 = best_of(args.runs, [args.schemadiff, "plan", "--from", url, "--to", url], env)
            q = re.search(r"(\d+) catalog queries", r2.stderr)
            # the catalog read alone: the read phase of `dump --from URL`, best of K
            # and on one connection (SCHEMADIFF_CATALOG_CONNECTIONS=1), the runs alternating
            reads, ones = [], []
            one_env = dict(env, SCHEMADIFF_CATALOG_CONNECTIONS="1")
            for _ in range(args.runs):
                for e, into in ((env, reads), (one_env, ones)):
                    r3 = subprocess.run([args.schemadiff, "dump", "--from", url], capture_output=True, text=True, env=e)
                    m = re.search(r"timing: read\s+([\d.]+) s", r3.stderr)
                    if r3.returncode != 0 or not m:
                        sys.exit("dump --from URL failed:\n" + r3.stderr[-2000:])
                    into.append(float(m.group(1)))
            rows.append((n, t_dump, t_verify, t_plan, min(reads), min(ones), q.group(1) if q else "?"))
    print("live catalog benchmark: best of %d, wall clock; PostgreSQL 15 on a unix socket" % args.runs)
    print("%7s %11s %15s %9s %11s %11s %15s %8s" % ("tables", "pg_dump s", "catalog read s", "read/dump",
                                                     "1-conn s", "verify s", "plan url/url s", "queries"))
    for n, d, v, p, rd, one, q in rows:
        print("%7d %11.3f %15.3f %9.2f %11.3f %11.3f %15.3f %8s" % (n, d, rd, rd / d, one, v, p, q))


if __name__ == "__main__":
    main()
