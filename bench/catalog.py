#!/usr/bin/env python3
"""bench/catalog.py: where the live catalog read's time goes, next to pg_dump, in one run.

For each size N (default 1,000 and 10,000 tables) this builds a database on a throwaway
PostgreSQL 15 cluster (tests/pgcluster.py) from `../shared/bench/gen-schema --tables N --seed 1
--core` (cached in bench/data/core-N.sql) and times, best of K runs each:

  pg_dump --schema-only                   the reference
  schemadiff dump --from URL              the catalog read (and the canonical dump of the model)
  schemadiff plan --from URL --to FILE    a plan with no changes (FILE: the file the database
                                          was built from)

With several --schemadiff binaries (before and after a change) their runs are interleaved, so
that a busy machine's slow spells fall on each alike.
then splits schemadiff's time (SCHEMADIFF_TIMING=1 of the fastest run) into: the catalog queries
(the server's own time of each, best of K, from its log: log_min_duration_statement=0 for those
sessions through PGOPTIONS), building the DDL text and the rest of the read (what is left of the read
phase), interpreting the DDL (`catalog: interpret`), and for `plan` the file side and the diff.
Last, each catalog query alone (its SQL as the server logged it) is run again through psql in
the same snapshot settings, best of K, client-side time (psql's \\timing: sent to last row
received); with --explain DIR also EXPLAIN (ANALYZE, BUFFERS) of each, one file per query.

A benchmark, not a test: nothing is compared against a threshold (the targets of issue 14 are
printed next to the numbers); it exits non-zero only when a command fails.

    bench/catalog.py [--tables N ...] [--runs K] [--schemadiff PATH ...] [--explain DIR]
                     [--queries-only]
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

GEN = os.path.join(ROOT, "..", "shared", "bench", "gen-schema")
if not os.path.exists(GEN):
    GEN = "/work/shared/bench/gen-schema"


class Reused:
    """A cluster already running (--reuse): the few things of PgCluster used here."""

    def __init__(self, dir, port):
        self.dir, self.port = dir, int(port)
        self.psql_bin = "psql"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def url(self, db):
        return "postgresql://postgres@/%s?host=%s&port=%d" % (db, self.dir.replace("/", "%2F"), self.port)


def run(cmd, env=None, check=True):
    t0 = time.monotonic()
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
    t = time.monotonic() - t0
    if check and r.returncode not in (0, 1):
        sys.exit("failed (%d): %s\n%s" % (r.returncode, " ".join(cmd), r.stderr[-3000:]))
    return t, r


def best_of(k, cmd, env=None):
    best = None
    for _ in range(k):
        t, r = run(cmd, env)
        if best is None or t < best[0]:
            best = (t, r)
    return best


def timing(stderr):
    """SCHEMADIFF_TIMING lines: (phases {name: s}, catalog queries [(what, s, rows)], interpret s)."""
    phases, queries, interpret = {}, [], 0.0
    for line in stderr.splitlines():
        m = re.match(r"timing: (\w[\w-]*)\s+([\d.]+) s(?:\s|$)", line)
        if m:
            phases[m.group(1)] = phases.get(m.group(1), 0) + float(m.group(2))
        m = re.match(r"timing:\s+catalog query (.+?)\s+([\d.]+) s, (\d+) rows", line)
        if m:
            queries.append((m.group(1), float(m.group(2)), int(m.group(3))))
        # the whole text, or its objects while the last queries run and then the rest
        m = re.match(r"timing:\s+catalog: interpret (?:the objects )?([\d.]+) s", line)
        if m:
            interpret += float(m.group(1))
    return phases, queries, interpret


def server_queries(log_path, start):
    """The statements the server logged (with their duration) after byte offset `start`."""
    with open(log_path, errors="replace") as f:
        f.seek(start)
        text = f.read()
    out = []
    # a statement may span lines: the log's continuation lines start with a tab
    for m in re.finditer(r"LOG:  duration: ([\d.]+) ms  (?:statement|execute [^:]*): (.*?)(?=\n\S|\Z)", text, re.S):
        sql = m.group(2).replace("\n\t", "\n").strip()
        out.append((float(m.group(1)) / 1000, sql))
    return out


def query_name(sql):
    """A short name of a catalog query: the name its leading comment gives it, or the main catalog
    it reads."""
    m = re.match(r"/\* schemadiff: (.*?) \*/", sql)
    if m:
        return m.group(1)
    m = re.search(r"FROM pg_catalog\.(pg_\w+)", sql)
    return m.group(1) if m else sql[:30]


def psql_time(pg, db, sql, k, jit_off):
    """Best client-side time of `sql` alone, in the catalog read's session settings."""
    script = ("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;\n"
              "SELECT pg_catalog.set_config('search_path', '', true), pg_catalog.set_config('TimeZone', 'UTC', true);\n"
              + ("SET LOCAL jit = off;\n" if jit_off else "") +
              "\\timing on\n" + sql.rstrip().rstrip(";") + ";\n\\timing off\nROLLBACK;\n")
    best = None
    for _ in range(k):
        r = subprocess.run([pg.psql_bin, "-X", "-q", "-h", pg.dir, "-p", str(pg.port), "-U", "postgres", "-d", db,
                            "-v", "ON_ERROR_STOP=1", "-o", os.devnull], input=script, capture_output=True, text=True)
        m = re.search(r"Time: ([\d.]+) ms", r.stdout + r.stderr)
        if r.returncode != 0 or not m:
            return None
        t = float(m.group(1)) / 1000
        best = t if best is None else min(best, t)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tables", type=int, action="append")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--schemadiff", action="append",
                    help="the binary to time (repeatable: each is timed on the same databases, e.g. before and "
                         "after a change; default build/schemadiff)")
    ap.add_argument("--explain", metavar="DIR", help="write EXPLAIN (ANALYZE, BUFFERS) of each query here")
    ap.add_argument("--reuse", metavar="DIR:PORT",
                    help="a running cluster (socket directory and port, e.g. one tests/pgcluster.py keeps) whose "
                         "databases coreN are already built: nothing is created, loaded or dropped")
    ap.add_argument("--no-alone", action="store_true", help="skip running each query alone through psql")
    ap.add_argument("--queries-only", action="store_true", help="skip pg_dump and the schemadiff runs' best-of")
    args = ap.parse_args()
    sizes = args.tables or [1000, 10000]
    binaries = args.schemadiff or [os.path.join(ROOT, "build", "schemadiff")]
    k = args.runs
    report = []
    with (Reused(*args.reuse.rsplit(":", 1)) if args.reuse else PgCluster()) as pg:
        log_path = os.path.join(pg.dir, "server.log")
        for n in sizes:
            sql_file = os.path.join(ROOT, "bench", "data", "core-%d.sql" % n)
            if not os.path.exists(sql_file):
                os.makedirs(os.path.dirname(sql_file), exist_ok=True)
                subprocess.run([sys.executable, GEN, "--tables", str(n), "--seed", "1", "--core",
                                "--out", sql_file + ".tmp"], check=True)
                os.replace(sql_file + ".tmp", sql_file)
            db = "core%d" % n
            if not args.reuse:
                pg.createdb(db)
                t0 = time.monotonic()
                rc, _, err = pg.psql_file(db, sql_file, timeout=3600)
                if rc != 0:
                    sys.exit("loading %s failed: %s" % (sql_file, err[-2000:]))
                pg.psql(db, "VACUUM ANALYZE", timeout=3600)
                print("# %d tables: database built in %.1f s" % (n, time.monotonic() - t0), flush=True)
            url = pg.url(db)
            t_dump, _ = best_of(k, ["pg_dump", "--schema-only", "-h", pg.dir, "-p", str(pg.port), "-U",
                                    "postgres", "-f", os.devnull, db])
            # the binaries' runs interleaved (base, new, base, new, ...): a busy machine's
            # slow spells then fall on each alike, and the best of each is compared
            env = dict(os.environ, SCHEMADIFF_TIMING="1")
            timed = {}
            if not args.queries_only:
                for _ in range(k):
                    for binary in binaries:
                        for what, cmd in (("dump", [binary, "dump", "--from", url]),
                                          ("plan", [binary, "plan", "--from", url, "--to", sql_file])):
                            t, r = run(cmd, env)
                            if (binary, what) not in timed or t < timed[(binary, what)][0]:
                                timed[(binary, what)] = (t, r)
            # the server's own time of each query, from its log: best of K, interleaved alike
            logged_best = {}
            for _ in range(k):
                for binary in binaries:
                    start = os.path.getsize(log_path)
                    _, r_log = run([binary, "dump", "--from", url], dict(env, PGOPTIONS="-c log_min_duration_statement=0"))
                    time.sleep(0.3)
                    got = [(d, s) for d, s in server_queries(log_path, start) if "pg_catalog" in s]
                    old = logged_best.get(binary)
                    if old and len(old[0]) == len(got):
                        got = [(min(d, od), s) for (d, s), (od, _) in zip(got, old[0])]
                    logged_best[binary] = (got, r_log)
            for binary in binaries:
                lines = ["## %d tables, %s (best of %d, wall clock, PostgreSQL 15 on a unix socket)" % (n, binary, k)]
                if not args.queries_only:
                    t_sd, r_sd = timed[(binary, "dump")]
                    t_plan, r_plan = timed[(binary, "plan")]
                    if r_plan.returncode != 0 or "No changes" not in r_plan.stdout and "no changes" not in r_plan.stdout:
                        print("warning: the plan of the database against its own file is not empty:\n"
                              + r_plan.stdout[:1500])
                    ph, qs, interp = timing(r_sd.stderr)
                    read = ph.get("read", 0)
                    qsum = sum(q[1] for q in qs)
                    lines.append("pg_dump --schema-only          %8.3f s" % t_dump)
                    lines.append("schemadiff dump --from URL     %8.3f s   (%.2f x pg_dump; target <= 0.25)"
                                 % (t_sd, t_sd / t_dump))
                    lines.append("  read phase                   %8.3f s   (%.2f x pg_dump)" % (read, read / t_dump))
                    lines.append("    catalog queries (client)   %8.3f s   (%d queries)" % (qsum, len(qs)))
                    lines.append("    text building and rest     %8.3f s" % max(0.0, read - qsum - interp))
                    lines.append("    DDL interpretation         %8.3f s" % interp)
                    lines.append("  other phases                 %s" % ", ".join(
                        "%s %.3f" % (p, s) for p, s in ph.items() if p != "read"))
                    ph2, _, interp2 = timing(r_plan.stderr)
                    lines.append("schemadiff plan --from URL --to FILE %8.3f s   (target <= 0.15 s at 1,000 tables)"
                                 % t_plan)
                    lines.append("  phases                       %s" % ", ".join("%s %.3f" % (p, s) for p, s in ph2.items()))
                # the server's own time of each query, from its log (one run)
                logged, r_log = logged_best[binary]
                _, client_q, _ = timing(r_log.stderr)
                # the read turns JIT off for its transaction (when it does): so do the queries alone
                jit_off = any("set_config('jit', 'off'" in s for _, s in logged)
                lines.append("%-24s %10s %10s %8s" % ("catalog query", "server s", "alone s", "rows"))
                rows_of = {q[0]: q[2] for q in client_q}
                total_server = total_alone = 0.0
                for i, (d, sql) in enumerate(logged):
                    name = query_name(sql)
                    alone = psql_time(pg, db, sql, k, jit_off) if not args.no_alone and not sql.lstrip().upper().startswith("BEGIN") else None
                    total_server += d
                    total_alone += alone or 0
                    lines.append("%-24s %10.4f %10s %8s" % (name[:24], d, "%.4f" % alone if alone is not None else "-",
                                                            rows_of.get(name, "")))
                    if args.explain and alone is not None:
                        os.makedirs(args.explain, exist_ok=True)
                        r = subprocess.run([pg.psql_bin, "-X", "-q", "-h", pg.dir, "-p", str(pg.port), "-U", "postgres",
                                            "-d", db, "-c", "SET search_path = ''",
                                            "-c", "SET jit = %s" % ("off" if jit_off else "on"),
                                            "-c", "EXPLAIN (ANALYZE, BUFFERS) " + sql.rstrip().rstrip(";")],
                                           capture_output=True, text=True)
                        with open(os.path.join(args.explain, "%d-%d-%02d-%s.txt" % (n, binaries.index(binary), i, re.sub(r"\W+", "_", name))),
                                  "w") as f:
                            f.write(sql + "\n\n" + r.stdout + r.stderr)
                lines.append("%-24s %10.4f %10.4f" % ("total", total_server, total_alone))
                report.append("\n".join(lines))
                print(report[-1], flush=True)
            if not args.reuse:
                pg.dropdb(db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
