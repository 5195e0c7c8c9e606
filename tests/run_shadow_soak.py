#!/usr/bin/env python3
"""Soak of shadow-table plans: N runs of the phases under heavier pgbench writers (label soak).

Each run takes the next case of tests/shadow/ (the cases of tests/run_shadow.py, in turn): a fresh
copy of the case's database, migration.sql, then 4 pgbench writers (the case's writer.sql, with a
per-transaction latency log) write throughout:

  before    1.5 s of writers alone (the baseline);
  phases    `psql -f shadow.sql` without its last statement (prepare, enable_sync, backfill, the
            indexes, validate);
  cutover   `CALL schemadiff.cutover(...)`, timed on the server (clock_timestamp around it);
  after     1 s of writers into the new table (reverse-synced to the old one).

Then the writers stop and the new table must equal the old one converted, both ways (EXCEPT ALL)
with the same count: no row lost or duplicated.  From pgbench's log: the writers' p99 and longest
latency before, and of the transactions that overlapped the cutover (the longest is the longest
time a writer was held by it).  One line a run, then the totals; exit 1 when a run lost or
duplicated a row or failed.

Usage: run_shadow_soak.py --schemadiff PATH [--runs N] [--clients N] [--case GLOB] [-v] [--keep]
"""

import argparse
import fnmatch
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pgcluster  # noqa: E402
import testlib  # noqa: E402
from run_shadow import CASES, Case, Fail  # noqa: E402


def pct(xs, p):
    if not xs:
        return 0.0
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100.0 * (len(xs) - 1))))]


def read_log(prefix):
    """pgbench --log lines: (start, end, latency) in seconds, of every transaction."""
    out = []
    for path in glob.glob(prefix + "*"):
        with open(path) as f:
            for line in f:
                p = line.split()
                if len(p) < 6:
                    continue
                lat = int(p[2]) / 1e6
                end = int(p[4]) + int(p[5]) / 1e6
                out.append((end - lat, end, lat))
    return out


class SoakCase(Case):
    def writers_on(self, db, clients, prefix):
        pgbench = os.path.join(self.pg.pg_bin, "pgbench")
        cmd = [pgbench, "-n", "-c", str(clients), "-j", "2", "-T", "900", "--log", "--log-prefix", prefix,
               "-f", os.path.join(self.dir, "writer.sql"), "-h", self.pg.dir, "-p", str(self.pg.port), "-U",
               "postgres", db]
        self.wlog = open(os.path.join(self.tmp, "pgbench.out"), "a")
        self.writers = subprocess.Popen(cmd, stdout=self.wlog, stderr=subprocess.STDOUT, start_new_session=True,
                                        env=testlib.child_env(), cwd=self.tmp)
        time.sleep(0.3)
        if self.writers.poll() is not None:
            raise Fail("pgbench stopped at once:\n" + open(self.wlog.name).read()[-2000:])

    def prepare_plan(self):
        self.base = "b_" + self.name
        self.pg.createdb(self.base)
        self.psql_file(self.base, os.path.join(self.dir, "from.sql"))
        self.psql_file(self.base, os.path.join(self.dir, "data.sql"))
        self.sql(self.base, "ANALYZE")
        with open(os.path.join(self.tmp, "schemadiff.yaml"), "w") as f:
            f.write("shadow:\n  batch_size: 200\n  lock_timeout: 2s\n")
        self.out = os.path.join(self.tmp, "out")
        self.schemadiff(["plan", "--from", self.pg.url(self.base), "--to", os.path.join(self.dir, "to.sql"), "--out",
                         self.out, "--shadow", self.table, "--allow-hazards", "all"])
        lines = open(os.path.join(self.out, "shadow.sql")).read().split("\n")
        keep = [l for l in lines if not l.startswith("CALL schemadiff.cutover(")]
        if len(keep) != len(lines) - 1:
            raise Fail("shadow.sql does not hold one CALL schemadiff.cutover line")
        self.phases_sql = os.path.join(self.tmp, "phases.sql")
        with open(self.phases_sql, "w") as f:
            f.write("\n".join(keep))

    def soak_run(self, i, clients):
        work = "w_%s_%d" % (self.name, i)
        self.pg.createdb(work, template=self.base)
        self.psql_file(work, os.path.join(self.out, "migration.sql"))
        prefix = os.path.join(self.tmp, "lat%d" % i)
        self.writers_on(work, clients, prefix)
        time.sleep(1.5)
        t_phases = time.time()
        self.psql_file(work, self.phases_sql, timeout=600)
        if self.state(work)[0] != "validated":
            raise Fail("after the phases the state is %s, not validated" % self.state(work)[0])
        time.sleep(0.5)
        # timed on the server too (clock_timestamp around the CALL; the wall clock adds psql's start)
        t0 = time.time()
        rc, _, err = self.pg.psql(work, "DO $t$ DECLARE t0 timestamptz := clock_timestamp(); BEGIN "
                                        "CALL schemadiff.cutover('%s'); RAISE NOTICE 'cutover_ms=%%', "
                                        "extract(epoch FROM clock_timestamp() - t0) * 1000; END $t$" % self.table)
        t1 = time.time()
        if rc != 0:
            raise Fail("cutover failed:\n" + err[-2000:])
        server_ms = float(err.split("cutover_ms=")[1].split()[0])
        time.sleep(1.0)
        self.stop_writers()
        n = self.same_rows(work, self.rel + "_sdold", self.rel)
        tx = read_log(prefix)
        before = [l for s, e, l in tx if e < t_phases]
        during = [l for s, e, l in tx if s <= t1 and e >= t0]
        for p in glob.glob(prefix + "*"):
            os.unlink(p)
        self.pg.dropdb(work)
        return {"rows": n, "cutover": server_ms / 1000, "n_before": len(before), "p99_before": pct(before, 99),
                "max_before": max(before or [0]), "n_during": len(during), "p99_during": pct(during, 99),
                "max_during": max(during or [0]), "tx": len(tx)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemadiff", required=True)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--case", default="*")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    sd = os.path.abspath(args.schemadiff)
    names = sorted(n for n in os.listdir(CASES) if fnmatch.fnmatch(n, args.case))
    if not names:
        print("no case matches %s" % args.case)
        return 2
    tmp = tempfile.mkdtemp(prefix="schemadiff-shadow-soak-")
    failed, results = 0, []
    t_all = time.monotonic()
    with pgcluster.PgCluster(keep=args.keep) as pg:
        pg.create_roles(["sh_reader"])
        cases = {}
        for name in names:
            c = SoakCase(pg, sd, name, tmp, args.verbose)
            c.prepare_plan()
            cases[name] = c
        print("run case            rows  cutover ms  before: tx   p99 ms   max ms   cutover: tx   p99 ms   max ms")
        for i in range(args.runs):
            name = names[i % len(names)]
            c = cases[name]
            try:
                r = c.soak_run(i, args.clients)
                results.append(r)
                print("%3d %-14s %6d %11.1f %10d %8.1f %8.1f %13d %8.1f %8.1f" % (
                    i + 1, name, r["rows"], r["cutover"] * 1000, r["n_before"], r["p99_before"] * 1000,
                    r["max_before"] * 1000, r["n_during"], r["p99_during"] * 1000, r["max_during"] * 1000), flush=True)
            except Fail as e:
                failed += 1
                print("%3d %-14s FAIL: %s" % (i + 1, name, e), flush=True)
            finally:
                try:
                    c.stop_writers()
                except Fail:
                    pass
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    if results:
        print("%d run(s), %d failed; rows lost or duplicated: 0 in every passing run; cutover: median %.1f ms, "
              "max %.1f ms; writers' p99 before: median %.1f ms; writers' longest wait at cutover: median %.1f ms, "
              "max %.1f ms; %.1f s" % (
                  len(results) + failed, failed, pct([r["cutover"] for r in results], 50) * 1000,
                  max(r["cutover"] for r in results) * 1000, pct([r["p99_before"] for r in results], 50) * 1000,
                  pct([r["max_during"] for r in results], 50) * 1000, max(r["max_during"] for r in results) * 1000,
                  time.monotonic() - t_all))
    else:
        print("%d run(s), %d failed" % (failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
