#!/usr/bin/env python3
"""bench/preflight.py: what does pre-flight cost a live plan?

Two measurements, each `schemadiff plan --from URL --to FILE --allow-hazards all` with and
without `--no-preflight`, best of K runs, wall clock, on a throwaway PostgreSQL 15 cluster:

  1. the bench schema pair (bench/data/from-N.sql loaded into a database, to-N.sql as the
     desired side; made by bench/run.sh from ../shared/bench/gen-schema --core): the whole
     plan, whose changed tables are empty, so the cost is the queries' planning and round trips;
  2. one table of R rows (default 1,000,000) that gains a NOT NULL and a UNIQUE constraint
     (no violating row: the queries must read everything), and the same with violating rows
     (the NOT NULL query stops at the cap).

It prints the pre-flight query count of each plan (from its plan.json) and the ratio.  A
benchmark, not a test: it exits non-zero only when a command fails.
Usage: bench/preflight.py [--tables N] [--rows R] [--runs K] [--schemadiff PATH]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from pgcluster import PgCluster  # noqa: E402


def plan(sd, url, to_file, extra, runs):
    best = None
    queries = 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            t0 = time.monotonic()
            r = subprocess.run([sd, "plan", "--from", url, "--to", to_file, "--allow-hazards", "all",
                                "--out", out] + extra, capture_output=True, text=True)
            t = time.monotonic() - t0
            if r.returncode not in (0, 6):
                sys.exit("plan failed (%d): %s" % (r.returncode, r.stderr[-2000:]))
            with open(os.path.join(out, "plan.json")) as f:
                doc = json.load(f)
            queries = sum(1 for c in doc.get("changes", []) for s in c.get("steps", [])
                          if s.get("preflight"))
        best = t if best is None or t < best else best
    return best, queries


def row(label, sd, url, to_file, runs):
    t_on, q = plan(sd, url, to_file, [], runs)
    t_off, _ = plan(sd, url, to_file, ["--no-preflight"], runs)
    print("%-44s %8d %10.3f %12.3f %7.2f" % (label, q, t_on, t_off, t_on / t_off))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tables", type=int, default=10000)
    ap.add_argument("--rows", type=int, default=1000000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--schemadiff", default=os.path.join(ROOT, "build", "schemadiff"))
    args = ap.parse_args()
    n = args.tables
    data = os.path.join(ROOT, "bench", "data")
    from_sql, to_sql = os.path.join(data, "from-%d.sql" % n), os.path.join(data, "to-%d.sql" % n)
    if not os.path.exists(to_sql) or not os.path.exists(from_sql):
        subprocess.run(["bash", os.path.join(ROOT, "bench", "run.sh"), "--tables", str(n), "--runs", "1",
                        "--no-dump"], check=True, capture_output=True)
    print("pre-flight benchmark: best of %d, wall clock; PostgreSQL 15 on a unix socket" % args.runs)
    print("%-44s %8s %10s %12s %7s" % ("plan", "queries", "with s", "without s", "ratio"))
    with PgCluster() as pg, tempfile.TemporaryDirectory() as tmp:
        db = "pf%d" % n
        pg.createdb(db)
        rc, _, err = pg.psql_file(db, from_sql, timeout=3600)
        if rc != 0:
            sys.exit("loading %s failed: %s" % (from_sql, err[-2000:]))
        row("%d tables, from-%d -> to-%d" % (n, n, n), args.schemadiff, pg.url(db), to_sql, args.runs)

        r = args.rows
        pg.createdb("big")
        rc, _, err = pg.psql("big", "CREATE TABLE t (id bigint PRIMARY KEY, a int, b text);"
                             "INSERT INTO t SELECT g, g, 'v' || g FROM generate_series(1, %d) g;"
                             "ANALYZE t;" % r, timeout=3600)
        if rc != 0:
            sys.exit("building the big table failed: " + err[-2000:])
        to_big = os.path.join(tmp, "big.sql")
        with open(to_big, "w") as f:
            f.write("CREATE TABLE t (id bigint PRIMARY KEY, a int NOT NULL, b text UNIQUE);\n")
        row("%d rows, NOT NULL + UNIQUE, clean" % r, args.schemadiff, pg.url("big"), to_big, args.runs)
        pg.psql("big", "UPDATE t SET a = NULL WHERE id %% 1000 = 0; UPDATE t SET b = 'dup' WHERE id %% 997 = 0;"
                "ANALYZE t;", timeout=3600)
        row("%d rows, NOT NULL + UNIQUE, violations" % r, args.schemadiff, pg.url("big"), to_big, args.runs)


if __name__ == "__main__":
    main()
