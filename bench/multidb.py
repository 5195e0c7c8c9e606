#!/usr/bin/env python3
"""bench/multidb.py: many databases at once against one at a time.

Loads a `gen-schema --core --tables T` schema (../shared/bench/gen-schema, seed 1) into D
databases of one throwaway PostgreSQL 15 cluster (default 50 databases of 100 tables; one
loaded with psql, the others copied from it with CREATE DATABASE … TEMPLATE), then times, best
of K runs each:

  one at a time   `schemadiff verify --db URL --to schema.sql`, D times in a row
  all at once     `schemadiff verify --db-list FILE --to schema.sql --jobs J` for each J given

Every database is in sync, so each command must exit 0 (anything else stops the benchmark).
With --single it also times the single-database no-op `plan --from URL --to schema.sql` on
one database of --single tables (for the async engine's effect on one database: run it with
two builds, e.g. --schemadiff build-main/schemadiff and build/schemadiff).

A benchmark, not a test: nothing is compared against a threshold.
Usage: bench/multidb.py [--dbs D] [--tables T] [--jobs J ...] [--runs K] [--single N]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from pgcluster import PgCluster  # noqa: E402

GEN = os.path.join(os.path.dirname(ROOT), "shared", "bench", "gen-schema")
if not os.path.exists(GEN):
    GEN = "/work/shared/bench/gen-schema"


def timed(cmd, env):
    t0 = time.monotonic()
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    t = time.monotonic() - t0
    if r.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (r.returncode, " ".join(cmd[:3]), r.stderr[-2000:]))
    return t


def best(runs, fn):
    return min(fn() for _ in range(runs))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dbs", type=int, default=50)
    ap.add_argument("--tables", type=int, default=100)
    ap.add_argument("--jobs", type=int, action="append")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--single", type=int, default=0, help="also time one no-op plan at N tables")
    ap.add_argument("--schemadiff", action="append",
                    help="binaries to time (repeatable; default build/schemadiff)")
    args = ap.parse_args()
    sds = [os.path.abspath(s) for s in (args.schemadiff or [os.path.join(ROOT, "build", "schemadiff")])]
    jobs = args.jobs or [1, 4, 8]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    with PgCluster() as pg, tempfile.TemporaryDirectory(prefix="sd-bench-multidb-") as tmp:
        schema = os.path.join(tmp, "schema.sql")
        subprocess.run([sys.executable, GEN, "--tables", str(args.tables), "--seed", "1", "--core",
                        "--out", schema], check=True)
        pg.createdb("tmpl")
        rc, _, err = pg.psql_file("tmpl", schema, timeout=1200)
        if rc:
            sys.exit("loading the schema failed: %s" % err[-2000:])
        urls = []
        for i in range(args.dbs):
            db = "tenant%03d" % i
            pg.copydb("tmpl", db)
            urls.append(pg.url(db))
        listing = os.path.join(tmp, "dbs.txt")
        with open(listing, "w") as f:
            f.write("\n".join(urls) + "\n")
        print("%d databases of %d tables (gen-schema --core), best of %d, PostgreSQL 15, local socket"
              % (args.dbs, args.tables, args.runs))
        for sd in sds:
            print("\n%s" % sd)
            seq = best(args.runs, lambda: sum(timed([sd, "verify", "--db", u, "--to", schema], env) for u in urls))
            print("  %-34s %7.2f s  (%.3f s a database)" % ("verify, one at a time (x%d)" % args.dbs, seq,
                                                           seq / args.dbs))
            probe = subprocess.run([sd, "verify", "--db-list", "/nonexistent", "--to", schema], capture_output=True,
                                   text=True, env=env)
            if "unknown option" in probe.stderr:
                print("  (no --db-list in this build)")
                continue
            for j in jobs:
                t = best(args.runs, lambda: timed([sd, "verify", "--db-list", listing, "--to", schema, "--jobs",
                                                   str(j)], env))
                print("  %-34s %7.2f s  (%.1fx faster)" % ("verify --db-list, --jobs %d" % j, t, seq / t))
        if args.single:
            big = os.path.join(tmp, "single.sql")
            subprocess.run([sys.executable, GEN, "--tables", str(args.single), "--seed", "1", "--core",
                            "--out", big], check=True)
            pg.createdb("single")
            rc, _, err = pg.psql_file("single", big, timeout=1200)
            if rc:
                sys.exit("loading the single schema failed: %s" % err[-2000:])
            print("\nno-op plan --from one database of %d tables --to its schema (best of %d)"
                  % (args.single, max(args.runs, 5)))
            for sd in sds:
                t = best(max(args.runs, 5), lambda: timed([sd, "plan", "--from", pg.url("single"), "--to", big],
                                                          env))
                print("  %-60s %7.3f s" % (sd, t))


if __name__ == "__main__":
    main()
