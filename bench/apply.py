#!/usr/bin/env python3
"""bench/apply.py: `schemadiff apply` against `psql -f migration.sql` of the same plan.

On a throwaway cluster (tests/pgcluster.py), for the seed-1 N-table schema of
../shared/bench/gen-schema (default 1000 tables), from an empty database each time:

  apply --to      `schemadiff apply --db URL --to from-N.sql` (catalog read, plan, pre-flight,
                  the run with its history row and per-group counter, the catalog read again
                  and the verify), wall clock; and the run alone (what apply reports on stderr)
  apply --plan    `schemadiff apply --db URL --plan DIR` of the plan `plan --out DIR` wrote
  psql -f         `psql -X -q -v ON_ERROR_STOP=1 -f DIR/migration.sql` of that same plan

The same run, the same server; best of --runs. A benchmark, not a test: exits non-zero only when
something fails to run.

usage: bench/apply.py --schemadiff build/schemadiff [--tables N] [--runs K]
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


def timed(cmd, env=None):
    t0 = time.monotonic()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    dt = time.monotonic() - t0
    if r.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (r.returncode, " ".join(cmd[:3]), r.stderr[-2000:]))
    return dt, r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemadiff", required=True)
    ap.add_argument("--tables", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    sd = os.path.abspath(args.schemadiff)
    gen = os.path.join(ROOT, "..", "shared", "bench", "gen-schema")
    if not os.path.exists(gen):
        gen = "/work/shared/bench/gen-schema"
    env = testlib.child_env({"ASAN_OPTIONS": "detect_leaks=0"})
    with tempfile.TemporaryDirectory(prefix="sd-apply-bench-") as tmp, PgCluster() as pg:
        schema = os.path.join(tmp, "from-%d.sql" % args.tables)
        subprocess.run([sys.executable, gen, "--tables", str(args.tables), "--seed", "1", "--out", schema],
                       check=True)
        pg.createdb("plan_src")
        plan_dir = os.path.join(tmp, "plan")
        timed([sd, "plan", "--from", pg.url("plan_src"), "--to", schema, "--out", plan_dir], env)
        res = {"apply --to": [], "apply --to (run only)": [], "apply --plan": [], "apply --plan (run only)": [],
               "psql -f": []}
        for i in range(args.runs):
            for what in ("to", "plan", "psql"):
                db = "b_%s_%d" % (what, i)
                pg.createdb(db)
                if what == "psql":
                    dt, _ = timed([pg.psql_bin, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", pg.conninfo(db), "-f",
                                   os.path.join(plan_dir, "migration.sql")], env)
                    res["psql -f"].append(dt)
                else:
                    cmd = [sd, "apply", "--db", pg.url(db)] + (["--to", schema] if what == "to" else
                                                                ["--plan", plan_dir])
                    dt, r = timed(cmd, env)
                    res["apply --%s" % what].append(dt)
                    m = re.search(r"run in ([0-9.]+) s", r.stderr)
                    if m:
                        res["apply --%s (run only)" % what].append(float(m.group(1)))
                pg.dropdb(db)
                print("  run %d %-6s %.2f s" % (i + 1, what, dt), flush=True)
        groups = re.search(r"(\d+) groups? \((\d+) statements?\)", r.stderr)
        print("%d tables (%s), %s; best of %d runs" % (args.tables, os.path.basename(schema),
                                                      groups.group(0) if groups else "", args.runs))
        for k, v in res.items():
            if v:
                print("  %-26s %8.2f s   (runs: %s)" % (k, min(v), ", ".join("%.2f" % x for x in v)))


if __name__ == "__main__":
    main()
