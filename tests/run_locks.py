#!/usr/bin/env python3
"""Proof of schemadiff's lock and rewrite claims on a real PostgreSQL 15.

For every case (tests/cases/NAME/ with from.sql and to.sql, or v1/ and v2/; --part I/N keeps a
CRC-32 slice of them as run_roundtrip.py does, --part auto/N the slice of the day, so that
make check covers the whole corpus in N days; every `lock_*` case always runs):

  setup      database F from the case's from-side (psql), the plan
             `schemadiff plan --from FROM --to TO --format json --allow-hazards all`
  migrate    every step of every change of "changes", in order, on F, in one session:
               - a step that may run in a transaction (`"transactional": true`): BEGIN; the
                 statement; then pg_locks for the session's own relation locks; COMMIT;
               - one that may not (CONCURRENTLY, validations meant to commit alone): run on its
                 own while a second session samples pg_locks for the first one's pid every few
                 milliseconds, and a third holds ACCESS SHARE on every table inside a REPEATABLE
                 READ transaction for a second, so that the statement waits (CONCURRENTLY waits for
                 older snapshots and lockers; anything stronger waits for the lock) while holding
                 or requesting its locks, and is seen doing so;
             and pg_class.relfilenode of every table and materialized view before and after.
  rollback   the same for "rollback", from the migrated database.

A step fails the case when:
  - it fails to run;
  - a relation it locked (that existed when the direction started, named as it is when the step
    starts; system catalogs and TOAST
    are exempt) is not in its `locks`, or is declared with a weaker mode: declared D covers
    observed O when every mode that conflicts with O also conflicts with D (PostgreSQL's
    table-level conflict table); `none` covers nothing;
  - `rewrite` is not what relfilenode shows (a table or materialized view that existed got a
    new relfilenode, or none did);
  - an index that existed is built again (a new relfilenode, or, re-created under a new oid by
    ALTER COLUMN TYPE, not on its old storage) and the step claims neither a rewrite nor the
    `index_rebuild` hazard; or a step changing a column's type claims `index_rebuild` without a
    rewrite and no index is built again.

Output: `ok NAME` or `FAIL NAME: ...` per case, then `N passed, M failed`. Exit 0 when all
passed, 1 otherwise, 2 on usage error.
"""

import argparse
import fnmatch
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import testlib  # noqa: E402
from pgcluster import PgCluster, ClusterError  # noqa: E402
from run_roundtrip import Case, sql_files, CASE_ROLES  # noqa: E402

MODES = ["ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE",
         "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"]
PG_MODE = {"AccessShareLock": "ACCESS SHARE", "RowShareLock": "ROW SHARE",
           "RowExclusiveLock": "ROW EXCLUSIVE", "ShareUpdateExclusiveLock": "SHARE UPDATE EXCLUSIVE",
           "ShareLock": "SHARE", "ShareRowExclusiveLock": "SHARE ROW EXCLUSIVE",
           "ExclusiveLock": "EXCLUSIVE", "AccessExclusiveLock": "ACCESS EXCLUSIVE"}
# PostgreSQL's table-level lock conflicts (docs: "Conflicting Lock Modes")
CONFLICTS = {
    "ACCESS SHARE": {"ACCESS EXCLUSIVE"},
    "ROW SHARE": {"EXCLUSIVE", "ACCESS EXCLUSIVE"},
    "ROW EXCLUSIVE": {"SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"},
    "SHARE UPDATE EXCLUSIVE": {"SHARE UPDATE EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE",
                               "ACCESS EXCLUSIVE"},
    "SHARE": {"ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"},
    "SHARE ROW EXCLUSIVE": {"ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE",
                            "EXCLUSIVE", "ACCESS EXCLUSIVE"},
    "EXCLUSIVE": {"ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE",
                  "EXCLUSIVE", "ACCESS EXCLUSIVE"},
    "ACCESS EXCLUSIVE": set(MODES),
    "none": set(),
}


def covers(declared, observed):
    """Whether a declared mode is enough for an observed one."""
    return CONFLICTS[observed] <= CONFLICTS.get(declared, set())


RELS_SQL = ("SELECT 'R', c.oid, format('%I.%I', n.nspname, c.relname), c.relkind, c.relfilenode "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') "
            "AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%';")
LOCKS_SQL = ("SELECT 'L', relation::bigint, mode FROM pg_locks WHERE pid = pg_backend_pid() "
             "AND locktype = 'relation' AND relation IS NOT NULL;")


class StepError(Exception):
    pass


class Session:
    """One psql session fed through stdin; run() returns the output of a script up to a marker."""

    def __init__(self, pg, db, appname):
        env = testlib.child_env({"PGAPPNAME": appname})
        self.p = subprocess.Popen([pg.psql_bin, "-X", "-q", "-A", "-t", "-v", "VERBOSITY=terse",
                                   "-d", pg.conninfo(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, env=env, text=True, bufsize=1)
        self.n = 0
        self.pid = int(self.run("SELECT pg_backend_pid();")[0])

    def run(self, sql, timeout=60):
        self.n += 1
        mark = "__sd_mark_%d__" % self.n
        self.p.stdin.write(sql + "\n\\echo " + mark + "\n")
        self.p.stdin.flush()
        out = []
        deadline = time.monotonic() + timeout
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise StepError("psql session ended: %s" % "".join(out[-5:]))
            line = line.rstrip("\n")
            if line == mark:
                return out
            out.append(line)
            if time.monotonic() > deadline:
                raise StepError("timed out")

    def close(self):
        try:
            self.p.stdin.close()
            self.p.wait(timeout=10)
        except Exception:
            self.p.kill()


def errors_in(lines):
    return [l for l in lines if "ERROR:" in l or "FATAL:" in l]


def relations(sess):
    rels = {}
    for l in sess.run(RELS_SQL):
        if l.startswith("R|"):
            _, oid, name, kind, node = l.split("|", 4)
            rels[int(oid)] = (name, kind, node)
    return rels


SAMPLER = r"""
DO $sd$
DECLARE seen text[] := '{}'; r record; t0 timestamptz := clock_timestamp(); last timestamptz; any_now bool;
BEGIN
    LOOP
        any_now := false;
        FOR r IN SELECT l.relation::bigint AS rel, l.mode FROM pg_locks l
                 WHERE l.pid = %d AND l.locktype = 'relation' AND l.relation IS NOT NULL LOOP
            any_now := true;
            IF NOT ((r.rel || ':' || r.mode) = ANY (seen)) THEN
                seen := seen || (r.rel || ':' || r.mode);
            END IF;
        END LOOP;
        IF any_now THEN
            last := clock_timestamp();
        END IF;
        -- done: no lock for 150 ms after some were seen, or nothing at all for 1.5 s
        EXIT WHEN last IS NOT NULL AND clock_timestamp() - last > interval '150 milliseconds';
        EXIT WHEN last IS NULL AND clock_timestamp() - t0 > interval '1.5 seconds';
        EXIT WHEN clock_timestamp() - t0 > interval '%s seconds';
        PERFORM pg_sleep(0.001);
    END LOOP;
    RAISE NOTICE 'SEEN:%%', array_to_string(seen, ',');
END
$sd$;
"""


def observe_outside(pg, db, sess, sql, tables):
    """Run sql in sess in autocommit while another session samples sess's locks; a third holds
    ACCESS SHARE on `tables` in a REPEATABLE READ transaction for a second meanwhile."""
    holder = Session(pg, db, "sd_lock_holder")
    sampler = None
    try:
        if tables:
            holder.run("BEGIN ISOLATION LEVEL REPEATABLE READ; LOCK TABLE %s IN ACCESS SHARE MODE;"
                       % ", ".join(tables))
        else:
            holder.run("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT 1;")
        # the holder commits by itself a second later, whatever waits on it
        holder.p.stdin.write("SELECT pg_sleep(0.5); COMMIT;\n")
        holder.p.stdin.flush()
        env = testlib.child_env({"PGAPPNAME": "sd_lock_sampler"})
        sampler = subprocess.Popen([pg.psql_bin, "-X", "-q", "-A", "-t", "-d", pg.conninfo(db), "-c",
                                    SAMPLER % (sess.pid, "10")], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, env=env, text=True)
        time.sleep(0.2)     # the sampler is connected and looping
        out = sess.run(sql)
        sout, _ = sampler.communicate(timeout=30)
        seen = set()
        for l in sout.splitlines():
            if "SEEN:" in l:
                for item in l.split("SEEN:", 1)[1].strip().split(","):
                    if item:
                        oid, mode = item.split(":")
                        seen.add((int(oid), PG_MODE.get(mode, mode)))
        return out, seen
    finally:
        if sampler and sampler.poll() is None:
            sampler.kill()
        holder.close()


def run_direction(pg, db, sess, changes, label, verbose):
    """Run every step of `changes` on db through sess; return a list of failure lines."""
    fails = []
    start = relations(sess)
    existed = {oid: v[0] for oid, v in start.items()}
    for ci, c in enumerate(changes):
        for si, st in enumerate(c.get("steps", [])):
            where = "%s[%d] %s, step %d" % (label, ci, c.get("object"), si + 1)
            before = relations(sess)
            tables = sorted({v[0] for v in before.values() if v[1] in ("r", "p")})
            if st["transactional"]:
                out = sess.run("BEGIN;\n" + st["sql"] + "\n" + LOCKS_SQL)
                err = errors_in(out)
                sess.run("COMMIT;" if not err else "ROLLBACK;")
                seen = set()
                for l in out:
                    if l.startswith("L|"):
                        _, oid, mode = l.split("|", 2)
                        seen.add((int(oid), PG_MODE.get(mode, mode)))
            else:
                out, seen = observe_outside(pg, db, sess, st["sql"], tables)
                err = errors_in(out)
            if err:
                fails.append("%s: the statement failed: %s\n      %s" % (where, err[0], st["sql"][:300]))
                continue
            declared = {l["relation"]: l["mode"] for l in st["locks"]}
            for oid, mode in sorted(seen):
                if oid not in existed:
                    continue        # created by this direction (or a system relation)
                # named as the step names it: as it is called when the step starts (an index
                # swap renames the old index to …_sdold, then drops that)
                name = before[oid][0] if oid in before else existed[oid]
                d = declared.get(name)
                if d is None:
                    fails.append("%s: locks %s in %s, not declared (declared: %s)\n      %s"
                                 % (where, name, mode, declared or "nothing", st["sql"][:300]))
                elif not covers(d, mode):
                    fails.append("%s: locks %s in %s, declared %s (weaker)\n      %s"
                                 % (where, name, mode, d, st["sql"][:300]))
            after = relations(sess)
            rewritten = sorted(before[o][0] for o in before
                               if o in existed and before[o][1] in ("r", "m") and o in after
                               and after[o][2] != before[o][2])
            # indexes built again: the same index with a new relfilenode, or
            # (ALTER COLUMN TYPE re-creates each index on the column under a
            # new oid) an index gone whose name a new index has, on storage of
            # its own rather than the old one's (CheckIndexCompatible reuses it)
            after_names = {v[0]: (o, v) for o, v in after.items() if v[1] == "i" and o not in before}
            rebuilt = []
            for o, (name, kind, node) in before.items():
                if kind != "i" or o not in existed:
                    continue
                if o in after:
                    if after[o][2] != node:
                        rebuilt.append(name)
                elif name in after_names and after_names[name][1][2] != node:
                    rebuilt.append(name)
            rebuilt.sort()
            hazards = st.get("hazards", [])
            if rebuilt and not st["rewrite"] and "index_rebuild" not in hazards:
                fails.append("%s: index %s built again (a new relfilenode), declared neither a rewrite nor "
                             "index_rebuild\n      %s" % (where, ", ".join(rebuilt), st["sql"][:300]))
            if (not rebuilt and not st["rewrite"] and "index_rebuild" in hazards
                    and " TYPE " in st["sql"] and "ALTER COLUMN" in st["sql"]):
                fails.append("%s: declared index_rebuild, observed no index built again\n      %s"
                             % (where, st["sql"][:300]))
            if bool(rewritten) != bool(st["rewrite"]):
                fails.append("%s: declared rewrite %s, observed %s\n      %s"
                             % (where, st["rewrite"], "new relfilenode of " + ", ".join(rewritten)
                                if rewritten else "no new relfilenode", st["sql"][:300]))
            if verbose:
                sys.stderr.write("  %s: declared %s; seen %s\n" % (where, declared,
                                                                  sorted((existed.get(o, o), m) for o, m in seen)))
    return fails


def run_case(pg, args, case, work):
    db = "lk_" + case.name.lower()[:50]
    pg.dropdb(db)
    pg.createdb(db)
    try:
        rc, out, err = pg.psql_file(db, sql_files(case.from_src), timeout=args.timeout)
        if rc != 0:
            return ["setup: from-side does not load: %s" % testlib.psql_error(err)]
        r = testlib.run([args.schemadiff, "plan", "--from", case.from_src, "--to", case.to_src, "--format", "json",
                         "--allow-hazards", "all"], timeout=args.timeout, env=testlib.child_env())
        rep = testlib.sanitizer_report(r.err)
        if rep or r.rc != 0:
            return ["setup: schemadiff plan exited %s: %s" % (r.rc, rep or testlib.head(r.err))]
        plan = json.loads(r.out)
        sess = Session(pg, db, "sd_lock_runner")
        try:
            fails = run_direction(pg, db, sess, plan["changes"], "changes", args.verbose)
            # a misclaim leaves the database migrated all the same: the rollback is proven too,
            # unless a statement failed to run (then the database is not the plan's to-state)
            if not any(": the statement failed: " in f for f in fails):
                fails += run_direction(pg, db, sess, plan.get("rollback", []), "rollback", args.verbose)
        finally:
            sess.close()
        return fails
    finally:
        if not args.keep:
            pg.dropdb(db)


def in_part(name, part):
    if not part:
        return True
    neg = part.startswith("!")
    i, n = (int(x) for x in part.lstrip("!").split("/"))
    hit = zlib.crc32(name.encode("utf-8")) % n == i
    return hit != neg


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--schemadiff", default=os.path.join(ROOT, "build", "schemadiff"))
    ap.add_argument("--cases-dir", default=os.path.join(ROOT, "tests", "cases"))
    ap.add_argument("--case", action="append", default=[], metavar="GLOB")
    ap.add_argument("--part", metavar="[!]I/N", help="a slice of the cases (I = auto: the day's, or "
                    "$SCHEMADIFF_LOCKS_PART); lock_* cases always run")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--max-problems", type=int, default=12, metavar="N",
                    help="problems printed per failing case (default 12)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    names = sorted(d for d in os.listdir(args.cases_dir) if os.path.isdir(os.path.join(args.cases_dir, d)))
    if args.case:
        names = [n for n in names if any(fnmatch.fnmatch(n, g) for g in args.case)]
    if args.part and args.part.lstrip("!").startswith("auto/"):
        # the slice of the day (UTC), or SCHEMADIFF_LOCKS_PART: sixteen days cover the corpus,
        # and the part a run took is printed so that a failure can be run again
        n = int(args.part.split("/", 1)[1])
        day = int(time.time() // 86400)
        i = int(os.environ.get("SCHEMADIFF_LOCKS_PART", day % n))
        args.part = ("!" if args.part.startswith("!") else "") + "%d/%d" % (i % n, n)
        print("run_locks: part %s (auto; SCHEMADIFF_LOCKS_PART=%d reruns it)" % (args.part, i % n))
    names = [n for n in names if n.startswith("lock_") or in_part(n, args.part)]
    cases = [Case(n, os.path.join(args.cases_dir, n)) for n in names]
    cases = [c for c in cases if c.from_src]
    if not cases:
        print("run_locks: no case matches", file=sys.stderr)
        return 2
    passed = failed = 0
    try:
        with PgCluster() as pg, tempfile.TemporaryDirectory(prefix="sd-locks-") as work:
            pg.create_roles(CASE_ROLES)
            for case in cases:
                try:
                    fails = run_case(pg, args, case, work)
                except (StepError, ClusterError, OSError, ValueError) as e:
                    fails = ["error: %s" % e]
                if fails:
                    failed += 1
                    print("FAIL %s: %d problem(s)" % (case.name, len(fails)))
                    for f in fails[:args.max_problems]:
                        print("    " + f)
                else:
                    passed += 1
                    print("ok %s" % case.name)
                sys.stdout.flush()
    except ClusterError as e:
        print("run_locks: %s" % e, file=sys.stderr)
        return 1
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
