#!/usr/bin/env python3
"""bench/check.py: `schemadiff check` on 200 migrations that build the 1,000-table schema.

The seed-1 N-table schema of ../shared/bench/gen-schema (default 1000 tables) is cut into M
migration files (default 200) at statement boundaries, in file order (which is dependency order),
each about the same number of statements: a hand-kept migrations directory whose replay is the
schema.  Then, in the same run, on one throwaway cluster (tests/pgcluster.py), best of --runs:

  check (file reader)   `schemadiff check --migrations DIR --to from-N.sql`: the replay needs no
                        database (the output must say "replayed by the file reader")
  check --dev-url       the same with `--dev-url URL`: the files run on a scratch database made on
                        the cluster, the catalog is read back and compared
  psql -f               one `psql -X -q -v ON_ERROR_STOP=1 -f 001.sql -f 002.sql ...` into a
                        fresh database: what running the migrations costs, with no comparison

Statements are split with a small scanner that knows quotes, comments and dollar quotes (the
generator's DDL has function bodies with semicolons in them); each migration starts on a
statement.  A benchmark, not a test: exits non-zero only when something fails to run or check
does not exit 0.

usage: bench/check.py --schemadiff build/schemadiff [--tables N] [--migrations M] [--runs K]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests"))
import testlib  # noqa: E402
from pgcluster import PgCluster  # noqa: E402

DOLLAR = re.compile(r"\$([A-Za-z_][A-Za-z_0-9]*)?\$")


def statements(sql):
    """The text cut after each top-level ';' (quotes, comments and dollar quotes skipped)."""
    out, start, i, n = [], 0, 0, len(sql)
    while i < n:
        c = sql[i]
        if c == "'" or c == '"':
            j = i + 1
            while j < n:
                if sql[j] == c:
                    if j + 1 < n and sql[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            i = j + 1
        elif c == "-" and sql.startswith("--", i):
            j = sql.find("\n", i)
            i = n if j < 0 else j + 1
        elif c == "/" and sql.startswith("/*", i):
            j = sql.find("*/", i + 2)
            i = n if j < 0 else j + 2
        elif c == "$":
            m = DOLLAR.match(sql, i)
            if m:
                j = sql.find(m.group(0), m.end())
                i = n if j < 0 else j + len(m.group(0))
            else:
                i += 1
        elif c == ";":
            out.append(sql[start:i + 1])
            start = i + 1
            i += 1
        else:
            i += 1
    if sql[start:].strip():
        out.append(sql[start:])
    return out


def timed(cmd, env, ok=(0,)):
    t0 = time.monotonic()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    dt = time.monotonic() - t0
    if r.returncode not in ok:
        sys.exit("failed (%d): %s\n%s\n%s" % (r.returncode, " ".join(cmd[:4]), r.stdout[-1500:], r.stderr[-2000:]))
    return dt, r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemadiff", required=True)
    ap.add_argument("--tables", type=int, default=1000)
    ap.add_argument("--migrations", type=int, default=200)
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    sd = os.path.abspath(args.schemadiff)
    gen = os.path.join(ROOT, "..", "shared", "bench", "gen-schema")
    if not os.path.exists(gen):
        gen = "/work/shared/bench/gen-schema"
    env = testlib.child_env({"ASAN_OPTIONS": "detect_leaks=0"})
    with tempfile.TemporaryDirectory(prefix="sd-check-bench-") as tmp, PgCluster() as pg:
        schema = os.path.join(tmp, "from-%d.sql" % args.tables)
        subprocess.run([sys.executable, gen, "--tables", str(args.tables), "--seed", "1", "--out", schema],
                       check=True)
        with open(schema) as f:
            stmts = [s for s in statements(f.read()) if s.strip()]
        mig = os.path.join(tmp, "migrations")
        os.makedirs(mig)
        files = []
        per = len(stmts) / args.migrations
        for k in range(args.migrations):
            chunk = stmts[round(k * per):round((k + 1) * per)]
            path = os.path.join(mig, "%03d_part.sql" % (k + 1))
            with open(path, "w") as f:
                f.write("".join(chunk).lstrip("\n") + "\n")
            files.append(path)
        size = sum(os.path.getsize(p) for p in files)
        print("%d statements of %s in %d migrations (%.1f MB)" % (len(stmts), os.path.basename(schema),
                                                                 len(files), size / 1e6), flush=True)
        res = {"check (file reader)": [], "check --dev-url": [], "psql -f (200 files)": []}
        for i in range(args.runs):
            dt, r = timed([sd, "check", "--migrations", mig, "--to", schema], env)
            if "(replayed by the file reader)" not in r.stdout:
                sys.exit("check did not replay with the file reader:\n%s\n%s" % (r.stdout[-800:], r.stderr[-800:]))
            res["check (file reader)"].append(dt)
            print("  run %d check (file reader) %.2f s" % (i + 1, dt), flush=True)
            dt, r = timed([sd, "check", "--migrations", mig, "--to", schema, "--dev-url", pg.url("postgres")], env)
            if "(replayed by the scratch database)" not in r.stdout:
                sys.exit("check --dev-url did not use the scratch database:\n%s" % r.stdout[-800:])
            res["check --dev-url"].append(dt)
            print("  run %d check --dev-url      %.2f s" % (i + 1, dt), flush=True)
            db = "psql_%d" % i
            pg.createdb(db)
            cmd = [pg.psql_bin, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", pg.conninfo(db)]
            for p in files:
                cmd += ["-f", p]
            dt, _ = timed(cmd, env)
            pg.dropdb(db)
            res["psql -f (200 files)"].append(dt)
            print("  run %d psql -f             %.2f s" % (i + 1, dt), flush=True)
        try:
            load = os.getloadavg()[0]
        except OSError:
            load = -1
        print("\n| what | best of %d | runs |\n|---|---|---|" % args.runs)
        for k, v in res.items():
            print("| %s | %.2f s | %s |" % (k, min(v), ", ".join("%.2f" % x for x in v)))
        print("\nload average at the end: %.1f; binary: %s" % (load, sd))
    return 0


if __name__ == "__main__":
    sys.exit(main())
