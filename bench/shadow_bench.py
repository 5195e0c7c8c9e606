#!/usr/bin/env python3
"""bench/shadow_bench.py: a column type change of a big table in place against through shadow.sql.

One table `public.big (id integer PRIMARY KEY, v integer NOT NULL, note text NOT NULL)` of R rows
(--rows, default 200,000; the issue's figure is 1,000,000: `--rows 1000000`) changes `v` to
bigint, which rewrites the table.  On a throwaway PostgreSQL 15 cluster, with C pgbench writers
(--clients, default 2) running a script of UPDATE, INSERT and DELETE on random keys throughout,
each on a fresh copy of the loaded database:

  none      the writers alone, --idle seconds (the baseline);
  in place  `ALTER TABLE public.big ALTER COLUMN v TYPE bigint` (ACCESS EXCLUSIVE for the rewrite);
  shadow    `psql -f shadow.sql` from `schemadiff plan --shadow public.big` (batch_size --batch,
            default 5000): prepare, sync, backfill, index, validate, cutover; its cutover alone
            is also timed on the server.

Per mode: the wall time of the change, and of the writers' transactions during it (from pgbench's
per-transaction log): how many committed, TPS, p99 latency and the longest latency (the longest
time a writer was blocked).  Before each change the writers run 1 s alone; the window measured is
the change's own.  A benchmark, not a test: it exits non-zero only when a command fails.

Usage: bench/shadow_bench.py [--rows R] [--clients N] [--batch B] [--idle S] [--schemadiff PATH]
"""
import argparse
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from pgcluster import PgCluster  # noqa: E402

FROM = "CREATE TABLE public.big (id integer PRIMARY KEY, v integer NOT NULL, note text NOT NULL);\n"
TO = "CREATE TABLE public.big (id integer PRIMARY KEY, v bigint NOT NULL, note text NOT NULL);\n"
WRITER = """\\set id random(1, {rows})
UPDATE public.big SET v = v + 1 WHERE id = :id;
INSERT INTO public.big VALUES (:id + {rows}, 1, 'w') ON CONFLICT (id) DO UPDATE SET v = public.big.v + 1;
DELETE FROM public.big WHERE id = :id + {rows} + 7;
"""


def pct(xs, p):
    if not xs:
        return 0.0
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100.0 * (len(xs) - 1))))]


class Writers:
    def __init__(self, pg, db, script, clients, tmp, tag):
        self.prefix = os.path.join(tmp, "lat_" + tag)
        cmd = [os.path.join(pg.pg_bin, "pgbench"), "-n", "-c", str(clients), "-j", str(min(clients, 2)), "-T", "3600",
               "--log", "--log-prefix", self.prefix, "-f", script, "-h", pg.dir, "-p", str(pg.port), "-U", "postgres",
               db]
        self.out = open(os.path.join(tmp, "pgbench_%s.out" % tag), "w")
        self.p = subprocess.Popen(cmd, stdout=self.out, stderr=subprocess.STDOUT, start_new_session=True, cwd=tmp)

    def stop(self):
        os.killpg(self.p.pid, signal.SIGINT)
        try:
            self.p.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(self.p.pid, signal.SIGKILL)
            self.p.wait()
        self.out.close()
        text = open(self.out.name).read()
        if "aborted" in text or "ERROR" in text:
            sys.exit("the writers failed:\n" + text[-2000:])
        tx = []
        for path in glob.glob(self.prefix + "*"):
            with open(path) as f:
                for line in f:
                    p = line.split()
                    if len(p) >= 6:
                        lat = int(p[2]) / 1e6
                        end = int(p[4]) + int(p[5]) / 1e6
                        tx.append((end - lat, end, lat))
        return tx


def window(tx, t0, t1):
    """The writers during [t0, t1]: committed count, TPS, p99 and longest latency (s) of the
    transactions that overlapped it."""
    ended = [l for s, e, l in tx if t0 <= e <= t1]
    over = [l for s, e, l in tx if s <= t1 and e >= t0]
    return len(ended), len(ended) / max(t1 - t0, 1e-9), pct(over, 99), max(over or [0])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200000)
    ap.add_argument("--clients", type=int, default=2)
    ap.add_argument("--batch", type=int, default=5000)
    ap.add_argument("--idle", type=float, default=5.0)
    ap.add_argument("--schemadiff", default=os.path.join(ROOT, "build", "schemadiff"))
    args = ap.parse_args()
    sd = os.path.abspath(args.schemadiff)
    tmp = tempfile.mkdtemp(prefix="schemadiff-shadow-bench-")
    for name, text in (("from.sql", FROM), ("to.sql", TO), ("writer.sql", WRITER.format(rows=args.rows)),
                       ("schemadiff.yaml", "shadow:\n  batch_size: %d\n  lock_timeout: 5s\n" % args.batch)):
        with open(os.path.join(tmp, name), "w") as f:
            f.write(text)
    rows = []
    with PgCluster() as pg:
        def sql(db, q, timeout=3600):
            rc, out, err = pg.psql(db, q, timeout=timeout)
            if rc != 0:
                sys.exit("psql %s: %s\n%s" % (db, q[:200], err[-2000:]))
            return out, err

        t = time.monotonic()
        pg.createdb("base")
        sql("base", FROM)
        sql("base", "INSERT INTO public.big SELECT g, g %% 1000, 'note ' || g FROM generate_series(1, %d) g" % args.rows)
        sql("base", "VACUUM ANALYZE public.big")
        print("# %d rows loaded in %.1f s; %d writer(s); backfill batch %d" % (
            args.rows, time.monotonic() - t, args.clients, args.batch), flush=True)
        out = os.path.join(tmp, "out")
        r = subprocess.run([sd, "plan", "--from", pg.url("base"), "--to", os.path.join(tmp, "to.sql"), "--out", out,
                            "--shadow", "public.big", "--allow-hazards", "all", "--config",
                            os.path.join(tmp, "schemadiff.yaml")], capture_output=True, text=True)
        if r.returncode != 0 or not os.path.exists(os.path.join(out, "shadow.sql")):
            sys.exit("plan failed (%d): %s" % (r.returncode, r.stderr[-2000:]))
        # the phases without the cutover, then the cutover timed on the server
        lines = open(os.path.join(out, "shadow.sql")).read().split("\n")
        phases = [l for l in lines if not l.startswith("CALL schemadiff.cutover(")]
        cut = [l for l in lines if l.startswith("CALL schemadiff.cutover(")]
        with open(os.path.join(tmp, "phases.sql"), "w") as f:
            f.write("\n".join(phases))

        def run(mode):
            db = "w_" + mode.replace(" ", "_")
            pg.createdb(db, template="base")
            w = Writers(pg, db, os.path.join(tmp, "writer.sql"), args.clients, tmp, mode.replace(" ", "_"))
            time.sleep(1.0)
            extra = ""
            t0 = time.time()
            if mode == "none":
                time.sleep(args.idle)
            elif mode == "in place":
                sql(db, "SET lock_timeout = 0; ALTER TABLE public.big ALTER COLUMN v TYPE bigint")
            else:
                rc, _, err = pg.psql_file(db, os.path.join(tmp, "phases.sql"), timeout=7200)
                if rc != 0:
                    sys.exit("shadow phases failed:\n" + err[-3000:])
                tc = time.time()
                _, err = sql(db, "DO $t$ DECLARE t0 timestamptz := clock_timestamp(); BEGIN %s "
                                 "RAISE NOTICE 'cutover_ms=%%', extract(epoch FROM clock_timestamp() - t0) * 1000; "
                                 "END $t$" % cut[0])
                extra = "cutover %.0f ms (server), phases before it %.1f s" % (
                    float(err.split("cutover_ms=")[1].split()[0]), tc - t0)
            t1 = time.time()
            time.sleep(0.5)
            tx = w.stop()
            n, tps, p99, mx = window(tx, t0, t1)
            rows.append((mode, t1 - t0, n, tps, p99, mx, extra))
            print("%-9s %9.1f s %9d %9.0f %10.1f %10.1f  %s" % (mode, t1 - t0, n, tps, p99 * 1000, mx * 1000, extra),
                  flush=True)
            if mode == "shadow":
                got, _ = sql(db, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                                 "'public.big'::regclass AND attname = 'v'")
                if got.strip() != "bigint":
                    sys.exit("after shadow.sql public.big.v is %s" % got.strip())
            pg.dropdb(db)

        print("%-9s %11s %9s %9s %10s %10s" % ("mode", "wall", "writes", "TPS", "p99 ms", "max ms"))
        for mode in ("none", "in place", "shadow"):
            run(mode)
    shutil.rmtree(tmp, ignore_errors=True)
    base = rows[0]
    for mode, wall, n, tps, p99, mx, _ in rows[1:]:
        print("# %s: wall %.1f s; TPS %.0f%% of no migration; p99 %.1fx; longest writer wait %.0f ms" % (
            mode, wall, 100.0 * tps / max(base[3], 1e-9), p99 / max(base[4], 1e-9), mx * 1000))
    return 0


if __name__ == "__main__":
    sys.exit(main())
