#!/usr/bin/env python3
"""Proof of schemadiff's lock and rewrite claims on a real PostgreSQL 15.

For every case (tests/cases/NAME/ with from.sql and to.sql, or v1/ and v2/: the whole corpus, as
make check runs it; --case GLOB and --part I/N (a CRC-32 slice, as run_roundtrip.py's; auto/N the
slice of the day) narrow it by hand, and every `lock_*` case always runs):

  setup      a fresh database F (made ahead by a pool: CREATE DATABASE … TEMPLATE template0
             STRATEGY FILE_COPY; dropped after the case), the case's from-side run in it by psql
             (`\\i`), the session then reset (ROLLBACK, DISCARD ALL); meanwhile the plan
             `schemadiff plan --from FROM --to TO --format json --allow-hazards all` (one run)
  migrate    every step of every change of "changes", in order, on F, in one session:
               - a step that may run in a transaction (`"transactional": true`): BEGIN; the
                 statement; then pg_locks for the session's own relation locks; COMMIT;
               - one that may not (CONCURRENTLY, validations meant to commit alone): run on its
                 own (autocommit) while a second session samples pg_locks for the first one's
                 pid every millisecond from before the statement starts until pg_stat_activity
                 shows it ended, and two more make it wait, so that it is seen holding or
                 requesting its locks: a blocker holds EXCLUSIVE on every table (the statement's
                 first table lock stronger than ACCESS SHARE waits: VALIDATE CONSTRAINT's too),
                 and a holder ACCESS SHARE inside a REPEATABLE READ transaction with a snapshot
                 (CONCURRENTLY waits for older snapshots and lockers holding its locks; ACCESS
                 EXCLUSIVE waits for the lock); the blocker commits once the sampler has read
                 pg_locks while pg_stat_activity showed the statement waiting for a lock, the
                 holder when it is seen waiting again (each after --hold seconds, 2 by default,
                 when it does not wait, or when it ended); a sampler that reports nothing fails
                 the step;
             and pg_class.relfilenode of every table and materialized view before and after.
  rollback   the same for "rollback", from the migrated database.

Cases run on --jobs workers (default 4), each with its own long-lived psql sessions (runner,
sampler, blocker, holder: no process per query) and its own databases; a worker's time is mostly spent
waiting for the server or for schemadiff. `--profile` prints where the workers' time went and the
CPU time of the server, of this runner and of its children (psql, schemadiff).

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
A case fails too when its from-side does not load, when schemadiff plan exits non-zero or with a
sanitizer report, or when this runner meets an error of its own (a psql session ended, a time-out).

Output: `ok NAME` or `FAIL NAME: ...` per case (in the order they end), then `N passed, M
failed`. Exit 0 when all passed, 1 otherwise (a case not run counts as failed), 2 on usage error.
"""

import argparse
import fnmatch
import json
import os
import queue
import subprocess
import sys
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


EOF_LINE = object()     # what a session's reader queues when psql's output ends


class Session:
    """One long-lived psql fed through stdin (no process per query: under load starting psql
    costs a third of a second). A reader thread queues its output lines; send() writes a script
    followed by `\\echo MARK` and returns MARK, wait(MARK) returns the output up to it, and
    wait_for(pred) peeks at the output of a running script (it stays there for wait()).
    connect(db) moves the session to another database (`\\c`: a new backend, a clean state)."""

    def __init__(self, pg, db, appname):
        env = testlib.child_env({"PGAPPNAME": appname})
        self.p = subprocess.Popen([pg.psql_bin, "-X", "-q", "-A", "-t", "-v", "VERBOSITY=terse",
                                   "-d", pg.conninfo(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, env=env, text=True, bufsize=1,
                                  errors="replace")
        self.q = queue.Queue()
        self.pending = []
        self.n = 0
        self.db = db
        threading.Thread(target=self._read, daemon=True).start()
        self.pid = self.backend_pid()

    def _read(self):
        for line in self.p.stdout:
            self.q.put(line.rstrip("\n"))
        self.q.put(EOF_LINE)

    def _get(self, deadline):
        if self.pending:
            return self.pending.pop(0)
        try:
            line = self.q.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise StepError("timed out")
        if line is EOF_LINE:
            self.q.put(EOF_LINE)
            raise StepError("psql session ended")
        return line

    def send(self, sql):
        self.n += 1
        mark = "__sd_mark_%d__" % self.n
        try:
            self.p.stdin.write(sql + "\n\\echo " + mark + "\n")
            self.p.stdin.flush()
        except OSError as e:
            raise StepError("psql session ended: %s" % e)
        return mark

    def wait(self, mark, timeout=60):
        out = []
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._get(deadline)
            except StepError as e:
                raise StepError("%s: %s" % (e, " / ".join(out[-5:])))
            if line == mark:
                return out
            out.append(line)

    def wait_for(self, pred, timeout):
        """Whether a line for which pred holds comes within timeout (lines stay pending)."""
        deadline = time.monotonic() + timeout
        i = 0
        while True:
            while i < len(self.pending):
                if pred(self.pending[i]):
                    return True
                i += 1
            try:
                line = self.q.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return False
            if line is EOF_LINE:
                self.q.put(EOF_LINE)
                return False
            self.pending.append(line)

    def run(self, sql, timeout=60):
        return self.wait(self.send(sql), timeout)

    def backend_pid(self):
        out = self.run("SELECT 'P', pg_backend_pid();")
        pids = [l.split("|", 1)[1] for l in out if l.startswith("P|")]
        if not pids:
            raise StepError("no connection to %s: %s" % (self.db, " / ".join(out[-3:])))
        return int(pids[0])

    def connect(self, db):
        self.db = db
        self.run("\\c %s" % db)
        self.pid = self.backend_pid()

    def close(self):
        try:
            self.p.stdin.close()
            self.p.wait(timeout=10)
        except Exception:
            self.p.kill()
            self.p.wait()


def errors_in(lines):
    return [l for l in lines if "ERROR:" in l or "FATAL:" in l]


def parse_relations(lines):
    rels = {}
    for l in lines:
        if l.startswith("R|"):
            _, oid, name, kind, node = l.split("|", 4)
            rels[int(oid)] = (name, kind, node)
    return rels


# The sampler runs in a session of its own while the step runs in the runner's: it notes the
# runner's query_start (the runner is idle), says READY, then reads the runner's relation locks
# (held or requested) every millisecond until the runner is idle again with another
# query_start: the statement has ended and, in autocommit, released every lock it took. It says
# WAITING after a read of pg_locks made while pg_stat_activity showed the runner waiting for a
# lock (a relation, or a virtualxid: CONCURRENTLY waiting for older snapshots or lockers), once
# for each number of the holders (`holders`: blocker, holder) still in their transaction: the
# holders are released one at a time, each only when it is seen, so the locks the statement
# holds or requests while it waits are read at each wait.
# pg_stat_clear_snapshot(): pg_stat_activity is otherwise frozen for the transaction.
SAMPLER = r"""
DO $sd$
DECLARE seen text[] := '{}'; r record; t0 timestamptz; st text; qs timestamptz; wt text;
        held int; last_held int; started timestamptz := clock_timestamp();
BEGIN
    SELECT query_start INTO t0 FROM pg_stat_activity WHERE pid = %(pid)d;
    RAISE NOTICE 'SD_READY';
    LOOP
        PERFORM pg_stat_clear_snapshot();
        SELECT state, query_start, wait_event_type INTO st, qs, wt FROM pg_stat_activity WHERE pid = %(pid)d;
        SELECT count(*) INTO held FROM pg_stat_activity
         WHERE pid IN (%(holders)s) AND state LIKE 'idle in transaction%%';
        FOR r IN SELECT l.relation::bigint AS rel, l.mode FROM pg_locks l
                 WHERE l.pid = %(pid)d AND l.locktype = 'relation' AND l.relation IS NOT NULL LOOP
            IF NOT ((r.rel || ':' || r.mode) = ANY (seen)) THEN
                seen := seen || (r.rel || ':' || r.mode);
            END IF;
        END LOOP;
        IF wt = 'Lock' AND held IS DISTINCT FROM last_held THEN
            last_held := held;
            RAISE NOTICE 'SD_WAITING';
        END IF;
        EXIT WHEN st IS DISTINCT FROM 'active' AND qs IS DISTINCT FROM t0;
        EXIT WHEN st IS NULL;   -- the runner's backend is gone
        EXIT WHEN clock_timestamp() - started > interval '%(limit)d seconds';
        PERFORM pg_sleep(0.001);
    END LOOP;
    RAISE NOTICE 'SD_SEEN:%%', array_to_string(seen, ',');
END
$sd$;
"""


class Worker:
    """The sessions of one worker: the runner (loads the case, then runs its steps), the
    sampler (in the postgres database: pg_locks and pg_stat_activity are cluster-wide), the
    blocker and the holder (connected to a case's database only when a step of it may not run
    in a transaction). A case's database goes back to the pool (to be dropped) once none of the
    worker's sessions is connected to it."""

    def __init__(self, pg, pool, wid):
        self.pg = pg
        self.pool = pool
        self.wid = wid
        self.runner = None
        self.sampler = None
        self.holder = None
        self.blocker = None
        self.db = None          # the database of its current case
        self.spent = []         # databases of its earlier cases, not yet back in the pool

    def sessions(self):
        return [s for s in (self.runner, self.sampler, self.holder, self.blocker) if s]

    def release(self):
        used = {s.db for s in self.sessions()}
        for d in [d for d in self.spent if d not in used]:
            self.spent.remove(d)
            self.pool.put(d)

    def start_case(self, db):
        if self.db:
            self.spent.append(self.db)
        self.db = db
        if self.sampler is None:
            self.sampler = Session(self.pg, "postgres", "sd_lock_sampler")
        if self.runner is None:
            self.runner = Session(self.pg, db, "sd_lock_runner")
        else:
            self.runner.connect(db)
        self.release()

    def reset_runner(self):
        """The runner as a new session would be, after the case's files ran in it: no open
        transaction, role, setting, temporary table, prepared statement or advisory lock."""
        out = self.runner.run("ROLLBACK;\nDISCARD ALL;")
        if errors_in(out):
            raise StepError("cannot reset the runner: %s" % errors_in(out)[0])

    def hold(self, db):
        if self.holder is None:
            self.holder = Session(self.pg, db, "sd_lock_holder")
        elif self.holder.db != db:
            self.holder.connect(db)
        self.release()
        return self.holder

    def block(self, db):
        if self.blocker is None:
            self.blocker = Session(self.pg, db, "sd_lock_blocker")
        elif self.blocker.db != db:
            self.blocker.connect(db)
        self.release()
        return self.blocker

    def close(self):
        """Every session closed (a session may be mid-script after an error), every database
        back to the pool."""
        for s in self.sessions():
            s.close()
        self.runner = self.sampler = self.holder = self.blocker = None
        if self.db:
            self.spent.append(self.db)
            self.db = None
        self.release()


TIMES = {}              # --profile: seconds spent per phase, summed over the workers
TIMES_LOCK = threading.Lock()


def add_time(name, secs):
    with TIMES_LOCK:
        TIMES[name] = TIMES.get(name, 0.0) + secs


def observe_outside(w, db, sql, tables, hold_max):
    """Run sql in the runner in autocommit while the sampler reads its locks. Two sessions make
    it wait, so that it is seen holding or requesting its locks: the blocker holds EXCLUSIVE on
    `tables` (every table lock but ACCESS SHARE waits for it: the statement's first such request
    is read, e.g. the SHARE UPDATE EXCLUSIVE of a VALIDATE CONSTRAINT, which nothing else makes
    wait), and the holder ACCESS SHARE on them in a REPEATABLE READ transaction with a snapshot
    (CONCURRENTLY then waits for it holding its locks; ACCESS EXCLUSIVE waits for the lock).
    The blocker is released when the statement is first seen waiting, the holder when it is seen
    waiting again (each after hold_max seconds at most, or when it ended). Returns (output of
    sql, set of (oid, mode) seen)."""
    holders = []
    try:
        if tables:
            blocker = w.block(db)
            out = blocker.run("BEGIN; LOCK TABLE %s IN EXCLUSIVE MODE;" % ", ".join(tables))
            holders.append(blocker)
            if errors_in(out):
                raise StepError("the blocker cannot lock the tables: %s" % errors_in(out)[0])
        holder = w.hold(db)
        if tables:
            out = holder.run("BEGIN ISOLATION LEVEL REPEATABLE READ; LOCK TABLE %s IN ACCESS SHARE MODE; SELECT 1;"
                             % ", ".join(tables))
        else:
            out = holder.run("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT 1;")
        holders.append(holder)
        if errors_in(out):
            raise StepError("the holder cannot lock the tables: %s" % errors_in(out)[0])
        smark = w.sampler.send(SAMPLER % {"pid": w.runner.pid, "limit": 120,
                                          "holders": ", ".join(str(h.pid) for h in holders)})
        if not w.sampler.wait_for(lambda l: "SD_READY" in l, 30):
            raise StepError("the sampler did not start")
        rmark = w.runner.send(sql)
        for n in range(1, len(holders) + 1):
            counter = {"waits": 0}

            def nth_wait(line):
                if "SD_WAITING" in line:
                    counter["waits"] += 1
                return counter["waits"] >= n or "SD_SEEN:" in line
            w.sampler.wait_for(nth_wait, hold_max)
            holders.pop(0).run("COMMIT;")
        out = w.runner.wait(rmark, 120)
        sout = w.sampler.wait(smark, 150)
    finally:
        for h in holders:
            h.run("ROLLBACK;")
    seen = set()
    if not any("SD_SEEN:" in l for l in sout):
        # nothing sampled is not "no lock seen": the step is not proven
        raise StepError("the lock sampler failed: %s" % " / ".join(sout[-3:]))
    for l in sout:
        if "SD_SEEN:" in l:
            for item in l.split("SD_SEEN:", 1)[1].strip().split(","):
                if item:
                    oid, mode = item.split(":")
                    seen.add((int(oid), PG_MODE.get(mode, mode)))
    return out, seen


def run_direction(w, db, changes, label, args):
    """Run every step of `changes` on db through the worker's runner; return a list of failure
    lines."""
    fails = []
    sess = w.runner
    before = parse_relations(sess.run(RELS_SQL))
    existed = {oid: v[0] for oid, v in before.items()}
    for ci, c in enumerate(changes):
        for si, st in enumerate(c.get("steps", [])):
            where = "%s[%d] %s, step %d" % (label, ci, c.get("object"), si + 1)
            tables = sorted({v[0] for v in before.values() if v[1] in ("r", "p")})
            if st["transactional"]:
                # one round trip: the step, its locks, its end (COMMIT of a failed transaction
                # rolls it back), then the relations after it
                out = sess.run("BEGIN;\n" + st["sql"] + "\n" + LOCKS_SQL + "\nCOMMIT;\n" + RELS_SQL,
                               args.timeout)
                err = errors_in(out)
                seen = set()
                for l in out:
                    if l.startswith("L|"):
                        _, oid, mode = l.split("|", 2)
                        seen.add((int(oid), PG_MODE.get(mode, mode)))
                after = parse_relations(out)
            else:
                out, seen = observe_outside(w, db, st["sql"], tables, args.hold)
                err = errors_in(out)
                after = parse_relations(sess.run(RELS_SQL))
            if err:
                fails.append("%s: the statement failed: %s\n      %s" % (where, err[0], st["sql"][:300]))
                before = after
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
            if args.verbose:
                sys.stderr.write("  %s: declared %s; seen %s\n" % (where, declared,
                                                                  sorted((str(existed.get(o, o)), m) for o, m in seen)))
            before = after
    return fails


class DbPool:
    """Empty databases made ahead (CREATE DATABASE … STRATEGY FILE_COPY from template0) by one
    thread, and used ones dropped by another, each with a session of its own, so that no worker
    waits for either: get() hands out a fresh database, put(name) drops one nobody is connected
    to any more (a dropped database frees its disk; an unused one goes with the cluster)."""

    def __init__(self, pg, ahead, keep):
        self.pg = pg
        self.keep = keep
        self.ready = queue.Queue()
        self.creates = queue.Queue()
        self.drops = queue.Queue()
        self.n = 0
        for _ in range(ahead):
            self.creates.put(True)
        self.threads = [threading.Thread(target=self._work, args=(self.creates, self._create), daemon=True) for _ in range(2)] + [
                        threading.Thread(target=self._work, args=(self.drops, self._drop), daemon=True)]
        for t in self.threads:
            t.start()

    def _create(self, sess, _):
        self.n += 1
        name = "lk_%04d" % self.n
        t = time.monotonic()
        # FILE_COPY: under load about half the time of WAL_LOG's block-by-block copy
        err = errors_in(sess.run("CREATE DATABASE %s TEMPLATE template0 STRATEGY FILE_COPY;" % name, 120))
        add_time("create database (pool)", time.monotonic() - t)
        self.ready.put(StepError("CREATE DATABASE %s: %s" % (name, err[0])) if err else name)

    def _drop(self, sess, name):
        sess.run("DROP DATABASE IF EXISTS %s WITH (FORCE);" % name, 120)

    def _work(self, jobs, do):
        sess = None
        try:
            sess = Session(self.pg, "postgres", "sd_lock_admin")
            while True:
                job = jobs.get()
                if job is None:
                    return
                do(sess, job)
        except Exception as e:     # every worker waiting for a database hears of it
            for _ in range(1000):
                self.ready.put(StepError("the database pool failed: %s" % e))
        finally:
            if sess:
                sess.close()

    def get(self):
        self.creates.put(True)
        got = self.ready.get(timeout=600)
        if isinstance(got, Exception):
            raise got
        return got

    def put(self, name):
        if name and not self.keep:
            self.drops.put(name)

    def close(self):
        for _ in self.threads:
            self.creates.put(None)
        self.drops.put(None)
        for t in self.threads:
            t.join(timeout=180)


def plan_case(args, case, result):
    result["r"] = testlib.run([args.schemadiff, "plan", "--from", case.from_src, "--to", case.to_src,
                               "--format", "json", "--allow-hazards", "all"], timeout=args.timeout,
                              env=testlib.child_env())


def run_case(w, pool, args, case):
    """One case on worker w, in a fresh database of the pool; returns its failure lines."""
    # schemadiff plans while the database is made and loaded
    planned = {}
    planner = threading.Thread(target=plan_case, args=(args, case, planned), daemon=True)
    planner.start()
    tm = {"t": time.monotonic()}

    def lap(name):
        now = time.monotonic()
        add_time(name, now - tm["t"])
        tm["t"] = now
    db = pool.get()
    lap("wait for a database")
    if args.keep:
        print("run_locks: %s in database %s" % (case.name, db))
    w.start_case(db)
    lap("connect")
    files = sql_files(case.from_src)
    out = w.runner.run("\\cd '%s'\n" % os.path.dirname(os.path.abspath(files[0]))
                       + "\n".join("\\i '%s'" % os.path.abspath(f) for f in files), args.timeout)
    lap("load the from-side")
    planner.join()
    lap("wait for the plan")
    err = errors_in(out)
    if err:
        return ["setup: from-side does not load: %s" % err[0]]
    w.reset_runner()        # nothing the files SET or left open carries over
    r = planned.get("r")
    if r is None:
        return ["setup: schemadiff plan did not run"]
    rep = testlib.sanitizer_report(r.err)
    if rep or r.rc != 0:
        return ["setup: schemadiff plan exited %s: %s" % (r.rc, rep or testlib.head(r.err))]
    plan = json.loads(r.out)
    lap("reset the session")
    fails = run_direction(w, db, plan["changes"], "changes", args)
    # a misclaim leaves the database migrated all the same: the rollback is proven too,
    # unless a statement failed to run (then the database is not the plan's to-state)
    if not any(": the statement failed: " in f for f in fails):
        fails += run_direction(w, db, plan.get("rollback", []), "rollback", args)
    lap("run the steps")
    return fails


def print_profile(pg):
    """Where the workers' time went, and the CPU time of the server (the postmaster with the
    backends it reaped, and those still running), of this runner and of its children."""
    import resource
    for name, secs in sorted(TIMES.items(), key=lambda kv: -kv[1]):
        print("profile: %-24s %7.1f s" % (name, secs))
    tck = os.sysconf("SC_CLK_TCK")
    srv = 0.0
    try:
        with open(os.path.join(pg.dir, "data", "postmaster.pid")) as f:
            pm = int(f.readline())
        for d in os.listdir("/proc"):
            if not d.isdigit():
                continue
            try:
                with open("/proc/%s/stat" % d) as f:
                    fs = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(d) == pm:
                srv += sum(int(x) for x in fs[11:15]) / tck      # utime stime cutime cstime
            elif int(fs[1]) == pm:
                srv += sum(int(x) for x in fs[11:13]) / tck
    except (OSError, ValueError):
        srv = float("nan")
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print("profile: CPU: server %.1f s, this runner %.1f s, its children (psql, schemadiff) %.1f s"
          % (srv, me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime))


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
    ap.add_argument("--jobs", "-j", type=int, default=4, help="cases run in parallel (default 4: most of a "
                    "case's time is spent waiting for the server or for schemadiff)")
    ap.add_argument("--hold", type=float, default=2.0, metavar="S",
                    help="longest hold of a step that may not run in a transaction before it is "
                    "seen waiting (default 2 s)")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--max-problems", type=int, default=12, metavar="N",
                    help="problems printed per failing case (default 12)")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--profile", action="store_true", help="print where the time went")
    args = ap.parse_args(argv)
    if args.jobs < 1 or args.hold <= 0:
        ap.error("--jobs must be at least 1 and --hold positive")
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
    lock = threading.Lock()
    todo = queue.Queue()
    for c in cases:
        todo.put(c)
    t0 = time.monotonic()

    def work(pg, pool, wid):
        nonlocal passed, failed
        w = Worker(pg, pool, wid)
        try:
            while True:
                try:
                    case = todo.get_nowait()
                except queue.Empty:
                    return
                c0 = time.monotonic()
                try:
                    fails = run_case(w, pool, args, case)
                except Exception as e:  # noqa: BLE001 (a bug of this runner fails the case too)
                    fails = ["error: %s: %s" % (type(e).__name__, e)]
                    w.close()       # a session may be mid-script: start the next case afresh
                with lock:
                    if fails:
                        failed += 1
                        print("FAIL %s: %d problem(s)" % (case.name, len(fails)))
                        for f in fails[:args.max_problems]:
                            print("    " + f)
                    else:
                        passed += 1
                        print("ok %s%s" % (case.name, " (%.1fs)" % (time.monotonic() - c0)
                                           if args.verbose else ""))
                    sys.stdout.flush()
        finally:
            w.close()

    try:
        with PgCluster() as pg:
            pg.create_roles(CASE_ROLES)
            pool = DbPool(pg, args.jobs + 2, args.keep)
            threads = [threading.Thread(target=work, args=(pg, pool, i), daemon=True)
                       for i in range(args.jobs)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            pool.close()
            if args.profile:
                print_profile(pg)
    except ClusterError as e:
        print("run_locks: %s" % e, file=sys.stderr)
        return 1
    print("run_locks: %d cases in %.0fs on %d workers" % (len(cases), time.monotonic() - t0, args.jobs))
    print("%d passed, %d failed" % (passed, failed))
    if passed + failed != len(cases):
        print("run_locks: %d case(s) not run" % (len(cases) - passed - failed), file=sys.stderr)
        return 1
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
