#!/usr/bin/env python3
"""Shadow-table plans (shadow.sql) under concurrent writers, on a throwaway PostgreSQL 15.

Each case tests/shadow/NAME/ holds from.sql, to.sql, data.sql (rows), writer.sql (a pgbench
script of INSERT, UPDATE and DELETE on the table; a table with a second unique index gives each
client its own new keys, `:client_id` modulo 8: two sessions inserting the same absent key race on
any unique index that is not the ON CONFLICT arbiter, and PostgreSQL raises unique_violation there,
with or without a shadow), `table` (the table to shadow) and `sentinel` (a
WHERE condition naming one row of a block data.sql inserts with keys no writer touches, with rows
after it in key order: the row the kill step locks), and optionally `check` (a query that must return
true on the cut-over table: what EXCEPT ALL cannot see, e.g. that rows went to their partitions or
that a new column got a value per row). Per case:

 1. plan --from <live db> --to to.sql --shadow TABLE (batch_size 50 from a schemadiff.yaml):
    shadow.sql is written, migration.sql does none of the table's changes;
 2. on a copy: migration.sql, then pgbench writers start and keep writing while
    `psql -f shadow.sql` runs; the sentinel row is locked by another session before, so the backfill
    waits there midway (after every writer's row); its backend is killed while it waits there, and
    the whole file is run again (it resumes: the batch count goes on, no row is copied twice);
 3. after cutover (writers still on, writing into the new table and, by the reverse sync, the old
    one): writers stopped; the new table equals the old one converted, both ways (EXCEPT ALL),
    with the same row count; `check` holds;
 4. CALL schemadiff.rollback under writers: the restored table equals the shadow converted;
 5. validate and cutover again under writers, equal again; cleanup refuses without its
    confirmation, then drops the old table; `check` holds; planning to.sql from the database: no
    changes;
 6. on a second copy: migration.sql, shadow.sql, then rollback.sql: planning from.sql from the
    database: no changes;
 7. only for a case with a `homeless` file (two lines: an INSERT of rows the desired table has no
    partition for, and the DELETE of them): on a third copy, the INSERT, then shadow.sql must stop
    in prepare naming the rows, with no shadow table left; the DELETE, prepare and enable_sync,
    the INSERT again without firing the sync trigger (a row that came between prepare and
    enable_sync): the backfill must stop naming the row's partition key, nothing swapped.

Usage: run_shadow.py --schemadiff PATH [--case GLOB[,GLOB...]] [-v] [--keep]
"""

import argparse
import fnmatch
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

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "shadow")


class Fail(Exception):
    pass


class Case:
    def __init__(self, pg, sd, name, tmp, verbose):
        self.pg, self.sd, self.name, self.verbose = pg, sd, name, verbose
        self.dir = os.path.join(CASES, name)
        self.tmp = os.path.join(tmp, name)
        os.makedirs(self.tmp)
        self.table = open(os.path.join(self.dir, "table")).read().strip()
        self.schema, self.rel = self.table.split(".") if "." in self.table else ("public", self.table)
        self.writers = None
        self.t0 = time.monotonic()

    def log(self, msg):
        if self.verbose:
            print("  [%s %5.1f s] %s" % (self.name, time.monotonic() - self.t0, msg), flush=True)

    def sql(self, db, q, timeout=120):
        rc, out, err = self.pg.psql(db, q, timeout=timeout)
        if rc != 0:
            raise Fail("psql %s: %s\n%s" % (db, q[:200], err[-2000:]))
        return out.strip()

    def psql_file(self, db, path, timeout=300):
        rc, out, err = self.pg.psql_file(db, path, timeout=timeout)
        if rc != 0:
            raise Fail("psql -f %s on %s failed (%d):\n%s" % (os.path.basename(path), db, rc, err[-3000:]))

    def schemadiff(self, args, ok=(0,)):
        r = testlib.run([self.sd] + args, timeout=300, env=testlib.child_env(), cwd=self.tmp)
        rep = testlib.sanitizer_report(r.err)
        if rep:
            raise Fail("sanitizer report:\n" + rep)
        if r.rc not in ok:
            raise Fail("schemadiff %s: exit %d\n%s%s" % (" ".join(args), r.rc, r.out[-3000:], r.err[-3000:]))
        return r

    # -- writers ---------------------------------------------------------------------------

    def start_writers(self, db):
        pgbench = os.path.join(self.pg.pg_bin, "pgbench")
        cmd = [pgbench, "-n", "-c", "2", "-j", "1", "-T", "600", "-f", os.path.join(self.dir, "writer.sql"),
               "-h", self.pg.dir, "-p", str(self.pg.port), "-U", "postgres", db]
        self.wlog = open(os.path.join(self.tmp, "pgbench.log"), "a")
        self.writers = subprocess.Popen(cmd, stdout=self.wlog, stderr=subprocess.STDOUT, start_new_session=True,
                                        env=testlib.child_env())
        time.sleep(0.5)
        if self.writers.poll() is not None:
            raise Fail("pgbench stopped at once:\n" + open(self.wlog.name).read()[-2000:])

    def stop_writers(self):
        if not self.writers:
            return
        alive = self.writers.poll() is None
        if alive:
            os.killpg(self.writers.pid, signal.SIGINT)
            try:
                self.writers.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.writers.pid, signal.SIGKILL)
                self.writers.wait()
        self.writers = None
        self.wlog.close()
        text = open(self.wlog.name).read()
        if not alive or "aborted" in text or "ERROR" in text:
            raise Fail("the writers failed (a write the shadow phases broke):\n" + text[-3000:])

    def writes_done(self, db):
        """Transactions the writers ran so far (pg_stat of the table: rows inserted)."""
        return int(self.sql(db, "SELECT n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables "
                                "WHERE relid = '%s'::regclass" % self.qt(self.rel)) or 0)

    def qt(self, rel):
        return '"%s"."%s"' % (self.schema, rel)

    # -- comparisons -----------------------------------------------------------------------

    def columns(self, db, rel):
        out = self.sql(db, "SELECT attname || '|' || format_type(atttypid, atttypmod) FROM pg_attribute "
                           "WHERE attrelid = '%s'::regclass AND attnum > 0 AND NOT attisdropped "
                           "AND attgenerated = '' ORDER BY attnum" % self.qt(rel))
        return [tuple(l.split("|", 1)) for l in out.splitlines() if l]

    def same_rows(self, db, old, new):
        """Table `old` (the current definition) converted equals `new` (the desired one), both ways,
        with the same count. Returns the row count."""
        newcols = dict(self.columns(db, new))
        common = [c for c, _ in self.columns(db, old) if c in newcols]
        a = ", ".join('CAST("%s" AS %s)' % (c, newcols[c]) for c in common)
        b = ", ".join('"%s"' % c for c in common)
        q = ("SELECT (SELECT count(*) FROM (SELECT %s FROM %s EXCEPT ALL SELECT %s FROM %s) x), "
             "(SELECT count(*) FROM (SELECT %s FROM %s EXCEPT ALL SELECT %s FROM %s) y), "
             "(SELECT count(*) FROM %s), (SELECT count(*) FROM %s)"
             % (a, self.qt(old), b, self.qt(new), b, self.qt(new), a, self.qt(old), self.qt(old), self.qt(new)))
        lost, extra, n_old, n_new = (int(x) for x in self.sql(db, q).split("|"))
        if lost or extra or n_old != n_new:
            raise Fail("%s and %s differ: %d rows of the first missing from the second, %d extra; counts %d, %d"
                       % (old, new, lost, extra, n_old, n_new))
        if n_old < 1000:
            raise Fail("only %d rows left: the check is too weak" % n_old)
        return n_old

    def replan_empty(self, db, to):
        r = self.schemadiff(["plan", "--from", self.pg.url(db), "--to", to, "--exit-code"], ok=(0, 1, 6))
        if r.rc != 0:
            raise Fail("planning %s from the database is not empty:\n%s" % (os.path.basename(to), r.out[-3000:]))

    def check(self, db, when):
        path = os.path.join(self.dir, "check")
        if not os.path.exists(path):
            return
        got = self.sql(db, open(path).read())
        if got != "t":
            raise Fail("the case's check is %r %s, not true" % (got, when))

    def state(self, db):
        return self.sql(db, "SELECT status || '|' || batch_no || '|' || rows_copied FROM schemadiff.shadow_state "
                            "WHERE table_schema = '%s' AND table_name = '%s'" % (self.schema, self.rel)).split("|")

    # -- the case --------------------------------------------------------------------------

    def run(self):
        base, work, back = "b_" + self.name, "w_" + self.name, "r_" + self.name
        frm, to = os.path.join(self.dir, "from.sql"), os.path.join(self.dir, "to.sql")
        self.pg.createdb(base)
        self.psql_file(base, frm)
        self.psql_file(base, os.path.join(self.dir, "data.sql"))
        self.sql(base, "ANALYZE")
        with open(os.path.join(self.tmp, "schemadiff.yaml"), "w") as f:
            f.write("shadow:\n  batch_size: 50\n  lock_timeout: 2s\n")
        out = os.path.join(self.tmp, "out")
        self.schemadiff(["plan", "--from", self.pg.url(base), "--to", to, "--out", out, "--shadow", self.table,
                         "--allow-hazards", "all"])
        if not os.path.exists(os.path.join(out, "shadow.sql")):
            raise Fail("no shadow.sql written")
        mig = open(os.path.join(out, "migration.sql")).read()
        for line in mig.splitlines():
            if not line.startswith("--") and ("TABLE %s " % self.table) in line:
                raise Fail("migration.sql still changes the shadowed table:\n" + line)
        # a plan without --shadow writes no shadow.sql
        plain = os.path.join(self.tmp, "plain")
        self.schemadiff(["plan", "--from", frm, "--to", to, "--out", plain, "--allow-hazards", "all"])
        if os.path.exists(os.path.join(plain, "shadow.sql")):
            raise Fail("shadow.sql written though no table is shadowed")

        self.log("planned")
        # 2. shadow.sql under writers, killed during the backfill, then run again
        self.pg.createdb(work, template=base)
        self.psql_file(work, os.path.join(out, "migration.sql"))
        self.start_writers(work)
        shadow_sql = os.path.join(out, "shadow.sql")
        # The sentinel row (the case's `sentinel`: a key of a block data.sql inserts after the
        # writers' keys, which no writer touches) is locked by another session BEFORE shadow.sql
        # starts: the backfill, copying in key order, reaches it deterministically after every
        # writer's row, its FOR SHARE waits there, midway, and it is killed while it waits.  No
        # writer ever waits on the locker, so none holds up prepare's CREATE TRIGGER.
        pred = open(os.path.join(self.dir, "sentinel")).read().strip()
        lenv = testlib.child_env()
        lenv["PGAPPNAME"] = "sd_locker"
        locker = subprocess.Popen([self.pg.psql_bin, "-X", "-q", "-d", self.pg.conninfo(work)], stdin=subprocess.PIPE,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, env=lenv)
        locker.stdin.write(("BEGIN;\nSELECT 1 FROM %s WHERE %s FOR UPDATE;\nSELECT pg_sleep(300);\n"
                            % (self.qt(self.rel), pred)).encode())
        locker.stdin.flush()
        # the row is held once the locker sleeps inside its transaction
        locker_pid = None
        deadline = time.monotonic() + 60
        while locker_pid is None and time.monotonic() < deadline:
            o = self.sql(work, "SELECT pid FROM pg_stat_activity WHERE application_name = 'sd_locker' "
                               "AND state = 'active' AND query LIKE 'SELECT pg_sleep%'")
            locker_pid = int(o) if o else None
            if locker_pid is None:
                time.sleep(0.05)
        if locker_pid is None:
            raise Fail("the session locking the sentinel row did not start")
        held = self.sql(work, "SELECT count(*) FROM %s WHERE %s" % (self.qt(self.rel), pred))
        if held != "1":
            raise Fail("the sentinel %r matches %s rows, not one" % (pred, held))
        env = testlib.child_env()
        env["PGAPPNAME"] = "sd_shadow_run"
        psql = subprocess.Popen([self.pg.psql_bin, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.pg.conninfo(work),
                                 "-f", shadow_sql],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True, env=env)
        killed_at = None
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline and psql.poll() is None:
            # only a wait behind the locker counts: that is the backfill at the sentinel
            rc, o, _ = self.pg.psql(work, "SELECT pid FROM pg_stat_activity WHERE application_name = 'sd_shadow_run' "
                                          "AND %d = ANY (pg_blocking_pids(pid))" % locker_pid)
            if rc == 0 and o.strip():
                st = self.state(work)
                hit = self.sql(work, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                     "WHERE application_name = 'sd_shadow_run'")
                if hit != "1":
                    raise Fail("the backend running shadow.sql was not found to kill")
                killed_at = int(st[1])
                break
            time.sleep(0.1)
        self.sql(work, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'sd_locker'")
        locker.stdin.close()
        locker.wait(60)
        err = psql.communicate(timeout=60)[1].decode(errors="replace")
        if killed_at is None:
            raise Fail("the backfill was not caught at the sentinel (psql exit %s):\n%s" % (psql.returncode, err[-2000:]))
        status, batches, copied = self.state(work)
        if status != "synced" or int(batches) < 2:
            raise Fail("after the kill the state is %s after %s batches, not a backfill midway" % (status, batches))
        # rows not copied yet (one snapshot; the sync trigger writes in the writers' transactions)
        left = int(self.sql(work, "SELECT (SELECT count(*) FROM %s) - (SELECT count(*) FROM %s)"
                                  % (self.qt(self.rel), self.qt(self.rel + "_sdshadow"))))
        if left < 100:
            raise Fail("after the kill only %d rows are left to copy: the sentinel is not midway" % left)
        self.log("backfill killed after batch %s (%s rows); running shadow.sql again" % (batches, copied))
        self.psql_file(work, shadow_sql)
        self.log("shadow.sql ran again")
        status, batches2, copied2 = self.state(work)
        if status != "cutover" or int(batches2) <= int(batches):
            raise Fail("after the re-run: state %s, batches %s (was %s)" % (status, batches2, batches))
        n_src = int(self.sql(work, "SELECT count(*) FROM %s" % self.qt(self.rel + "_sdold")))
        if int(copied2) > n_src + 2000:
            raise Fail("the resumed backfill copied %s rows for %d: it started over" % (copied2, n_src))
        time.sleep(1.0)   # writes into the new table, reverse-synced to the old one
        self.stop_writers()
        n = self.same_rows(work, self.rel + "_sdold", self.rel)
        self.check(work, "after the cutover")
        self.log("cut over: %d rows equal both ways" % n)

        # 4. rollback under writers
        self.start_writers(work)
        time.sleep(0.5)
        self.sql(work, "CALL schemadiff.rollback('%s')" % self.table)
        time.sleep(1.0)
        self.stop_writers()
        if self.state(work)[0] != "rolled_back":
            raise Fail("rollback left the state %s" % self.state(work)[0])
        self.same_rows(work, self.rel, self.rel + "_sdshadow")
        self.log("rolled back: equal both ways")

        # 5. again, then cleanup and an empty re-plan
        self.start_writers(work)
        self.sql(work, "CALL schemadiff.validate('%s')" % self.table)
        self.sql(work, "CALL schemadiff.cutover('%s')" % self.table)
        time.sleep(0.5)
        self.stop_writers()
        self.same_rows(work, self.rel + "_sdold", self.rel)
        rc, _, err = self.pg.psql(work, "CALL schemadiff.cleanup('%s')" % self.table)
        if rc == 0 or "confirm" not in err:
            raise Fail("cleanup without confirmation was not refused: %s" % err)
        self.sql(work, "CALL schemadiff.cleanup('%s', confirm => 'drop %s.%s_sdold')" % (self.table, self.schema, self.rel))
        self.check(work, "after the cleanup")
        self.replan_empty(work, to)
        self.log("cleaned up: the database equals to.sql")

        # 6. rollback.sql after a cutover
        self.pg.createdb(back, template=base)
        self.psql_file(back, os.path.join(out, "migration.sql"))
        self.psql_file(back, shadow_sql)
        self.psql_file(back, os.path.join(out, "rollback.sql"))
        self.replan_empty(back, frm)
        self.log("rollback.sql: the database equals from.sql")
        dbs = [work, back, base]
        attached = self.index_locks(base, out)
        if attached:
            dbs.insert(0, attached)
        hpath = os.path.join(self.dir, "homeless")
        if os.path.exists(hpath):
            dbs.insert(0, self.homeless(base, out, hpath))
        for db in dbs:
            self.pg.dropdb(db)

    def index_locks(self, base, out):
        """Step 8, for a partitioned shadow: its secondary indexes (the statements between the
        backfill and the validation) run one by one on a fourth copy, each ATTACH in a transaction
        that reads its own locks before it commits: none may hold a table in ACCESS EXCLUSIVE.
        Attaching the last child of an index that is itself attached to another validates that
        one too, under ACCESS EXCLUSIVE on its table (the shadow, which the sync trigger's writers
        lock first): a deadlock with them, seen in CI.  Returns the database, or None."""
        lines = open(os.path.join(out, "shadow.sql")).read().splitlines()
        try:
            a = next(i for i, l in enumerate(lines) if l.startswith("CALL schemadiff.backfill("))
            b = next(i for i, l in enumerate(lines) if l.startswith("CALL schemadiff.validate("))
        except StopIteration:
            raise Fail("shadow.sql has no backfill or validate call")
        stmts, cur = [], []
        for l in lines[a + 1:b]:
            cur.append(l)
            if l.endswith(";") and (not cur[0].startswith("DO $sd$") or l == "$sd$;"):
                stmts.append("\n".join(cur))
                cur = []
        if not any("ATTACH PARTITION" in st for st in stmts):
            return None
        db = "i_" + self.name
        self.pg.createdb(db, template=base)
        self.psql_file(db, os.path.join(out, "migration.sql"))
        run = next(i for i, l in enumerate(lines) if l.startswith("-- ---- run"))
        procs = os.path.join(self.tmp, "procedures.sql")
        with open(procs, "w") as f:
            f.write("\n".join(lines[:run]) + "\n")
        self.psql_file(db, procs)
        for call in ("prepare('%s')", "enable_sync('%s')", "backfill('%s', 500)"):
            self.sql(db, "CALL schemadiff." + call % ("%s.%s" % (self.schema, self.rel)))
        n = 0
        for st in stmts:
            if "ATTACH PARTITION" not in st:
                self.sql(db, st)
                continue
            held = self.sql(db, "BEGIN;\n%s\nSELECT string_agg(c.relname, ', ') FROM pg_locks l "
                                "JOIN pg_class c ON c.oid = l.relation WHERE l.pid = pg_backend_pid() "
                                "AND l.mode = 'AccessExclusiveLock' AND c.relkind IN ('r', 'p');\nCOMMIT;" % st)
            if held:
                raise Fail("an index attach holds ACCESS EXCLUSIVE on %s (writers deadlock with it):\n%s" % (held, st))
            n += 1
        self.same_rows(db, self.rel, self.rel + "_sdshadow")
        self.log("%d index attaches, none holding a table in ACCESS EXCLUSIVE" % n)
        return db

    def homeless(self, base, out, hpath):
        """Step 7: rows without a partition stop prepare, or the backfill, with an error naming them."""
        ins, dele = [l for l in open(hpath).read().splitlines() if l.strip()]
        db = "h_" + self.name
        self.pg.createdb(db, template=base)
        self.psql_file(db, os.path.join(out, "migration.sql"))
        self.sql(db, ins)
        rc, _, err = self.pg.psql_file(db, os.path.join(out, "shadow.sql"))
        want = "rows of %s.%s have no partition in the desired schema" % (self.schema, self.rel)
        if rc == 0 or want not in err:
            raise Fail("shadow.sql with rows without a partition: exit %d, no %r in:\n%s" % (rc, want, err[-2000:]))
        if self.sql(db, "SELECT to_regclass('%s')" % self.qt(self.rel + "_sdshadow")):
            raise Fail("the refused prepare left the shadow table behind")
        self.sql(db, dele)
        self.sql(db, "CALL schemadiff.enable_sync('%s')" % self.table)
        self.sql(db, "SET session_replication_role = replica; " + ins)
        rc, _, err = self.pg.psql(db, "CALL schemadiff.backfill('%s', 50)" % self.table)
        want = "has no partition in the desired schema (Partition key of the failing row contains"
        if rc == 0 or want not in err:
            raise Fail("the backfill over a row without a partition: exit %d, no %r in:\n%s" % (rc, want, err[-2000:]))
        if self.state(db)[0] != "synced":
            raise Fail("the failed backfill left the state %s" % self.state(db)[0])
        self.log("rows without a partition: prepare and the backfill stop, naming them")
        return db


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemadiff", required=True)
    ap.add_argument("--case", default="*")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    sd = os.path.abspath(args.schemadiff)
    globs = args.case.split(",")  # several globs, comma-separated
    names = sorted(n for n in os.listdir(CASES) if any(fnmatch.fnmatch(n, g) for g in globs))
    if not names:
        print("no case matches %s" % args.case)
        return 2
    tmp = tempfile.mkdtemp(prefix="schemadiff-shadow-")
    failed = []
    t0 = time.monotonic()
    with pgcluster.PgCluster(keep=args.keep) as pg:
        pg.create_roles(["sh_reader"])
        for name in names:
            c = Case(pg, sd, name, tmp, args.verbose)
            t = time.monotonic()
            try:
                c.run()
                print("ok   %s (%.1f s)" % (name, time.monotonic() - t), flush=True)
            except Fail as e:
                failed.append(name)
                print("FAIL %s: %s" % (name, e), flush=True)
            finally:
                try:
                    c.stop_writers()
                except Fail:
                    pass
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d case(s), %d failed, %.1f s" % (len(names), len(failed), time.monotonic() - t0))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
