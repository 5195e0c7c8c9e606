#!/usr/bin/env python3
"""`schemadiff apply` and `schemadiff history` against a real PostgreSQL 15.

One throwaway cluster (tests/pgcluster.py); each scenario gets its own database(s):

  recorded       apply --to from empty: exit 0, the tables exist, one history row `done` whose
                 groups_finished = groups_total and whose sql_checksum is the SHA-256 of the
                 migration `plan --format sql` prints for the same step; verify says no drift;
                 apply --plan DIR (from `plan --out`): the row's checksum is sha256(migration.sql)
  refusal        apply --plan DIR on a database changed since the plan: exit 1, both fingerprints
                 on stderr, nothing run, a row `refused` with the reason; a blocking hazard not
                 allowed: exit 6, a `refused` row; history text shows them; a history table of an
                 older schemadiff (no 'refused' status) is upgraded
  preflight_plan apply --plan re-runs the plan's pre-flight queries: a NULL inserted after the review
                 refuses a SET NOT NULL plan (exit 6, row `refused`, nothing run); fixed, the same
                 plan runs; a plan refused at review (exit 6) runs once the rows are fixed
  lock           another session holds apply's advisory lock: exit 4 naming it, nothing run; held
                 again once the history table exists: a `refused` row
  retry          another session holds ACCESS SHARE on the table a group alters and releases it
                 once the first retry is reported: apply retries (lock_timeout 200ms) and succeeds; held for good:
                 apply gives up after APPLY_LOCK_RETRIES retries, exit 4 with SQLSTATE 55P03, the
                 row `failed`, the database unchanged
  kill_tx        SIGKILL while a transaction group waits for a lock after its first statement ran:
                 the group's first table does not exist (never half-way), the row is still
                 `running` with the groups before it counted; a re-run marks it failed
                 (interrupted), converges (verify), its own row `done`
  kill_cic       apply --plan: SIGKILL while CREATE INDEX CONCURRENTLY on a table of rows waits
                 for a writer (progress reported on stderr first): an invalid index is left, the
                 row counts the groups before it; `apply --plan` again resumes from the first
                 statement of that change (which drops the invalid index), the index is valid, the
                 database is the plan's to-state
  verify_fails   an event trigger (in schemadiff's own schema, so the plan does not see it) adds a
                 column to every new table: the run ends with exit 1, the drift printed, the row
                 `failed`; the same with apply --plan (verified against DIR/desired.sql)
  baseline       apply --baseline on a database built by psql: a `baseline` row with the
                 database's fingerprint (= the files' state), nothing run; history text and JSON

Output: `ok NAME` / `FAIL NAME: reason`, then `N passed, M failed`; exit 1 when one failed.
"""

import argparse
import fnmatch
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import testlib  # noqa: E402
from pgcluster import PgCluster  # noqa: E402

RETRIES = 4          # APPLY_LOCK_RETRIES in schemas/model.h
LOCK_KEY = 0x7363686461707031


class Fail(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Fail(what)


class Ctx:
    def __init__(self, pg, sd, tmp):
        self.pg, self.sd, self.tmp = pg, sd, tmp

    def write(self, name, text):
        p = os.path.join(self.tmp, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(text)
        return p

    def run(self, args, timeout=300, cwd=None):
        r = testlib.run([self.sd] + args, timeout=timeout, env=testlib.child_env(), cwd=cwd or self.tmp)
        rep = testlib.sanitizer_report(r.err)
        if rep:
            raise Fail("sanitizer report from %s:\n%s" % (args[:2], testlib.head(rep, 30)))
        if r.timed_out:
            raise Fail("timed out: %s" % args)
        return r

    def start(self, args, name):
        out = open(os.path.join(self.tmp, name + ".out"), "w")
        err = open(os.path.join(self.tmp, name + ".err"), "w")
        p = subprocess.Popen([self.sd] + args, stdout=out, stderr=err, env=testlib.child_env(), cwd=self.tmp,
                             start_new_session=True)
        out.close()
        err.close()
        return p

    def read(self, name):
        with open(os.path.join(self.tmp, name)) as f:
            return f.read()

    def sql(self, db, q):
        rc, out, err = self.pg.psql(db, q)
        if rc != 0:
            raise Fail("psql failed: %s: %s" % (q[:80], testlib.head(err)))
        return out.strip()

    def history(self, db):
        r = self.run(["history", "--db", self.pg.url(db), "--format", "json"])
        check(r.rc == 0, "history --format json exit %s: %s" % (r.rc, testlib.head(r.err)))
        return [json.loads(l) for l in r.out.splitlines() if l.strip()]

    def wait_for(self, db, q, what, timeout=30):
        t0 = time.monotonic()
        while time.monotonic() - t0 < timeout:
            if self.sql(db, q) == "t":
                return
            time.sleep(0.1)
        raise Fail("timed out waiting for %s" % what)

    def fresh(self, db):
        self.pg.dropdb(db)
        self.pg.createdb(db)


class Holder:
    """A psql session that holds locks while a test runs."""

    def __init__(self, pg, db):
        self.p = subprocess.Popen([pg.psql_bin, "-X", "-q", "-A", "-t", "-d", pg.conninfo(db)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  env=testlib.child_env({"PGAPPNAME": "ap_holder"}), text=True, bufsize=1)
        self.n = 0

    def run(self, sql, timeout=30):
        self.n += 1
        mark = "__ap_mark_%d__" % self.n
        self.p.stdin.write(sql + "\n\\echo " + mark + "\n")
        self.p.stdin.flush()
        out = []
        t0 = time.monotonic()
        while time.monotonic() - t0 < timeout:
            line = self.p.stdout.readline()
            if not line:
                raise Fail("holder session ended: %s" % out)
            if line.strip() == mark:
                return out
            out.append(line.rstrip("\n"))
        raise Fail("holder timed out")

    def close(self):
        try:
            self.p.stdin.close()
            self.p.wait(timeout=10)
        except Exception:
            self.p.kill()


def sha256(text):
    return hashlib.sha256(text.encode()).hexdigest()


V1 = "CREATE TABLE items (id int PRIMARY KEY, name text);\nCREATE TABLE orders (id int PRIMARY KEY, item int);\n"
V2 = V1 + "CREATE TABLE extra (x int);\nCREATE INDEX orders_item ON orders (item);\n"


# ---- scenarios -----------------------------------------------------------------------------

def t_recorded(c):
    db = "ap_rec"
    c.fresh(db)
    url = c.pg.url(db)
    v1 = c.write("rec/v1.sql", V1)
    plan = c.run(["plan", "--from", url, "--to", v1, "--format", "sql"])
    check(plan.rc == 0, "plan exit %s" % plan.rc)
    r = c.run(["apply", "--db", url, "--to", v1])
    check(r.rc == 0, "apply --to exit %s: %s" % (r.rc, testlib.head(r.err)))
    check("Plan: 3 changes" in r.out or "Plan:" in r.out, "the plan is printed: %s" % testlib.head(r.out))
    check(c.sql(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "2", "tables created")
    h = c.history(db)
    check(len(h) == 1, "one history row, got %d" % len(h))
    row = h[0]
    check(row["status"] == "done" and row["kind"] == "apply", "row done: %s" % row)
    check(row["groups_total"] > 0 and row["groups_finished"] == row["groups_total"], "groups counted: %s" % row)
    check(row["sql_checksum"] == sha256(plan.out), "checksum is sha256 of the migration plan printed")
    check(row["db_user"] == "postgres" and row["os_user"], "who ran it: %s" % row)
    check(row["schemadiff_version"] and row["finished_at"] and row["duration_seconds"] is not None, "times: %s" % row)
    v = c.run(["verify", "--db", url, "--to", v1])
    check(v.rc == 0, "verify after apply exit %s" % v.rc)
    # a reviewed plan directory
    v2 = c.write("rec/v2.sql", V2)
    out = os.path.join(c.tmp, "rec/plan2")
    p = c.run(["plan", "--from", url, "--to", v2, "--out", out])
    check(p.rc == 0, "plan --out exit %s" % p.rc)
    r = c.run(["apply", "--db", url, "--plan", out])
    check(r.rc == 0, "apply --plan exit %s: %s" % (r.rc, testlib.head(r.err)))
    h = c.history(db)
    check(len(h) == 2 and h[1]["kind"] == "plan" and h[1]["status"] == "done", "second row: %s" % h[-1:])
    check(h[1]["sql_checksum"] == sha256(c.read("rec/plan2/migration.sql")), "checksum = sha256sum migration.sql")
    check(h[1]["from_fingerprint"] == h[0]["to_fingerprint"], "from of the second = to of the first")
    check(c.run(["verify", "--db", url, "--to", v2]).rc == 0, "verify v2")
    # text history
    t = c.run(["history", "--db", url])
    check(t.rc == 0 and "2 applies" in t.out and " done " in t.out, "history text: %s" % testlib.head(t.out))


def t_refusal(c):
    db = "ap_ref"
    c.fresh(db)
    url = c.pg.url(db)
    v1 = c.write("ref/v1.sql", V1)
    check(c.run(["apply", "--db", url, "--to", v1]).rc == 0, "setup apply")
    v2 = c.write("ref/v2.sql", V2)
    out = os.path.join(c.tmp, "ref/plan")
    check(c.run(["plan", "--from", url, "--to", v2, "--out", out]).rc == 0, "plan --out")
    fp_from = json.load(open(os.path.join(out, "plan.json")))["fingerprints"]["from"]
    c.sql(db, "CREATE TABLE sneaked_in (a int)")
    r = c.run(["apply", "--db", url, "--plan", out])
    check(r.rc == 1, "changed database: exit %s (want 1): %s" % (r.rc, testlib.head(r.err)))
    check(fp_from in r.err and "database:" in r.err, "both fingerprints printed: %s" % testlib.head(r.err))
    check(c.sql(db, "SELECT to_regclass('public.extra') IS NULL") == "t", "nothing run")
    h = c.history(db)
    check(len(h) == 2, "one row for the refusal: %s" % h)
    check(h[1]["status"] == "refused" and h[1]["kind"] == "plan" and fp_from in (h[1]["error"] or "")
          and h[1]["finished_at"] and h[1]["groups_finished"] == 0, "the refused row and why: %s" % h[1])
    # a blocking hazard not allowed
    v0 = c.write("ref/v0.sql", "CREATE TABLE items (id int PRIMARY KEY);\n")
    r = c.run(["apply", "--db", url, "--to", v0])
    check(r.rc == 6, "data_loss not allowed: exit %s (want 6)" % r.rc)
    check(c.sql(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "3", "nothing dropped")
    h = c.history(db)
    check(len(h) == 3 and h[2]["status"] == "refused" and h[2]["kind"] == "apply"
          and "data_loss" in (h[2]["error"] or ""), "a row for the refused plan: %s" % h[2:])
    t = c.run(["history", "--db", url])
    check(t.rc == 0 and " refused " in t.out and "refused: blocking hazard" in t.out, "history text shows "
          "refusals: %s" % testlib.head(t.out, 20))
    # a history table of an older schemadiff (status: running, done, failed) is upgraded once
    c.sql(db, "DELETE FROM schemadiff.history WHERE status = 'refused'; "
              "ALTER TABLE schemadiff.history DROP CONSTRAINT history_status_check, ADD CONSTRAINT "
              "history_status_check CHECK (status IN ('running', 'done', 'failed'))")
    r = c.run(["apply", "--db", url, "--to", v0])
    check(r.rc == 6 and c.history(db)[-1]["status"] == "refused", "refused on an old table: %s" % r.err)


def t_preflight_plan(c):
    """apply --plan runs the plan's pre-flight queries again: the rows at deploy time decide."""
    db = "ap_pf"
    c.fresh(db)
    url = c.pg.url(db)
    v1 = c.write("pf/v1.sql", V1)
    check(c.run(["apply", "--db", url, "--to", v1]).rc == 0, "setup")
    c.sql(db, "INSERT INTO items VALUES (1, 'a'), (2, 'b')")
    v2 = c.write("pf/v2.sql", V1.replace("name text", "name text NOT NULL"))
    out = os.path.join(c.tmp, "pf/plan")
    p = c.run(["plan", "--from", url, "--to", v2, "--out", out])
    check(p.rc == 0 and "passed" in p.out, "plan --out on clean rows: exit %s" % p.rc)
    # a NULL arrives after the review
    c.sql(db, "INSERT INTO items VALUES (3, NULL)")
    r = c.run(["apply", "--db", url, "--plan", out])
    check(r.rc == 6, "a NULL since the review: exit %s (want 6): %s" % (r.rc, testlib.head(r.err)))
    check("would fail" in r.err and "3" in r.err, "the step and the row named: %s" % testlib.head(r.err))
    check(c.sql(db, "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'items'::regclass "
                    "AND attname = 'name'") == "f", "nothing run")
    last = c.history(db)[-1]
    check(last["status"] == "refused" and "pre-flight" in (last["error"] or "") and last["kind"] == "plan",
          "refused row: %s" % last)
    # apply --to refuses the same way, with its row
    r = c.run(["apply", "--db", url, "--to", v2])
    check(r.rc == 6, "apply --to with the NULL: exit %s (want 6)" % r.rc)
    last = c.history(db)[-1]
    check(last["status"] == "refused" and last["kind"] == "apply" and "would fail" in (last["error"] or ""),
          "apply --to refused row: %s" % last)
    # the row fixed: the same reviewed plan runs
    c.sql(db, "UPDATE items SET name = 'c' WHERE id = 3")
    r = c.run(["apply", "--db", url, "--plan", out])
    check(r.rc == 0, "rows fixed: exit %s: %s" % (r.rc, testlib.head(r.err)))
    check("pre-flight run again on the database: 1 check, 0 would fail" in r.err, "re-run said: %s"
          % testlib.head(r.err))
    check(c.history(db)[-1]["status"] == "done", "done")
    # a plan refused at review (exit 6, files written) runs once the data is fixed
    c.sql(db, "INSERT INTO orders VALUES (1, 1), (2, 1)")
    v3 = c.write("pf/v3.sql", V1.replace("name text", "name text NOT NULL").replace("item int)", "item int UNIQUE)"))
    out3 = os.path.join(c.tmp, "pf/plan3")
    check(c.run(["plan", "--from", url, "--to", v3, "--out", out3]).rc == 6, "plan refused at review")
    c.sql(db, "UPDATE orders SET item = 2 WHERE id = 2")
    r = c.run(["apply", "--db", url, "--plan", out3])
    check(r.rc == 0, "fixed since: exit %s: %s" % (r.rc, testlib.head(r.err)))
    check(c.run(["verify", "--db", url, "--to", v3]).rc == 0, "verify v3")


def t_lock(c):
    db = "ap_lock"
    c.fresh(db)
    url = c.pg.url(db)
    v1 = c.write("lock/v1.sql", V1)
    h = Holder(c.pg, db)
    try:
        h.run("SELECT pg_advisory_lock(%d);" % LOCK_KEY)
        pid = h.run("SELECT pg_backend_pid();")[0].strip()
        r = c.run(["apply", "--db", url, "--to", v1])
        check(r.rc == 4, "second apply while the lock is held: exit %s (want 4)" % r.rc)
        check("another apply is running" in r.err and ("pid %s" % pid) in r.err, "names the holder: %s" % r.err)
        check(c.sql(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "0", "nothing run")
    finally:
        h.close()
    r = c.run(["apply", "--db", url, "--to", v1])
    check(r.rc == 0, "after the lock is released: exit %s" % r.rc)
    # held again, now that the history table exists: the refused attempt gets its row
    h = Holder(c.pg, db)
    try:
        h.run("SELECT pg_advisory_lock(%d);" % LOCK_KEY)
        r = c.run(["apply", "--db", url, "--to", v1])
        check(r.rc == 4, "held again: exit %s" % r.rc)
    finally:
        h.close()
    last = c.history(db)[-1]
    check(last["status"] == "refused" and "advisory lock" in (last["error"] or ""), "lock refusal row: %s" % last)


def t_retry(c):
    db = "ap_retry"
    c.fresh(db)
    url = c.pg.url(db)
    cfg = c.write("retry/schemadiff.yaml", "timeouts:\n  lock: 200ms\n")
    v1 = c.write("retry/v1.sql", V1)
    check(c.run(["apply", "--db", url, "--to", v1, "--config", cfg]).rc == 0, "setup")
    v2 = c.write("retry/v2.sql", V1.replace("name text", "name text, price int"))
    h = Holder(c.pg, db)
    try:
        # ACCESS SHARE: the catalog read goes on, ALTER TABLE waits
        h.run("BEGIN; SELECT count(*) FROM items;")
        p = c.start(["apply", "--db", url, "--to", v2, "--config", cfg], "retry1")
        t0 = time.monotonic()
        while "retry 1 of" not in c.read("retry1.err") and time.monotonic() - t0 < 60 and p.poll() is None:
            time.sleep(0.1)
        h.run("COMMIT;")
        rc = p.wait(timeout=120)
    finally:
        h.close()
    err = c.read("retry1.err")
    check(rc == 0, "released after a moment: exit %s: %s" % (rc, testlib.head(err)))
    check("retry 1 of %d" % RETRIES in err, "a retry reported: %s" % testlib.head(err))
    check(c.sql(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'items' "
                    "AND column_name = 'price'") == "1", "the column was added")
    # held for good: gives up after the bound
    v3 = c.write("retry/v3.sql", V1.replace("name text", "name text, price int, qty int"))
    h = Holder(c.pg, db)
    try:
        h.run("BEGIN; SELECT count(*) FROM items;")
        r = c.run(["apply", "--db", url, "--to", v3, "--config", cfg], timeout=120)
    finally:
        h.run("ROLLBACK;")
        h.close()
    check(r.rc == 4, "held: exit %s (want 4)" % r.rc)
    check("retry %d of %d" % (RETRIES, RETRIES) in r.err and "retry %d of" % (RETRIES + 1) not in r.err,
          "exactly %d retries: %s" % (RETRIES, testlib.head(r.err, 20)))
    check("55P03" in r.err and "ALTER TABLE" in r.err, "the statement and the server's message: %s" % r.err)
    check(c.sql(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'items' "
                    "AND column_name = 'qty'") == "0", "nothing half-done")
    last = c.history(db)[-1]
    check(last["status"] == "failed" and "55P03" in (last["error"] or ""), "row failed with the error: %s" % last)


def backend_gone(c, db):
    c.wait_for(db, "SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = 'schemadiff apply' "
                   "AND datname = current_database())", "the killed apply's backend to end")


def t_kill_tx(c):
    db = "ap_ktx"
    c.fresh(db)
    url = c.pg.url(db)
    cfg = c.write("ktx/schemadiff.yaml", "timeouts:\n  lock: 1min\n")
    v1 = c.write("ktx/v1.sql", V1)
    check(c.run(["apply", "--db", url, "--to", v1, "--config", cfg]).rc == 0, "setup")
    # one transaction group: create a new table, then alter `orders` (which the holder locks)
    v2 = c.write("ktx/v2.sql", V1.replace("item int)", "item int, qty int)") + "CREATE TABLE aaa_new (x int);\n")
    h = Holder(c.pg, db)
    try:
        h.run("BEGIN; SELECT count(*) FROM orders;")
        p = c.start(["apply", "--db", url, "--to", v2, "--config", cfg], "ktx")
        c.wait_for(db, "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = 'schemadiff apply' "
                       "AND wait_event_type = 'Lock' AND query LIKE 'ALTER TABLE%')", "apply waiting for the lock")
        check(c.sql(db, "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) WHERE "
                        "a.application_name = 'schemadiff apply' AND l.relation = 'orders'::regclass") != "0",
              "apply is inside the group")
        os.killpg(p.pid, signal.SIGKILL)
        p.wait(timeout=30)
        backend_gone(c, db)
    finally:
        h.run("ROLLBACK;")
        h.close()
    check(c.sql(db, "SELECT to_regclass('public.aaa_new') IS NULL") == "t",
          "the group's first statement was rolled back with it")
    last = c.history(db)[-1]
    check(last["status"] == "running" and last["groups_finished"] < last["groups_total"],
          "the row says where it stopped: %s" % last)
    r = c.run(["apply", "--db", url, "--to", v2, "--config", cfg])
    check(r.rc == 0, "re-run: exit %s: %s" % (r.rc, testlib.head(r.err)))
    check("interrupted after" in r.err, "the re-run says the old row was interrupted: %s" % testlib.head(r.err))
    h2 = c.history(db)
    old = [x for x in h2 if x["id"] == last["id"]][0]
    check(old["status"] == "failed" and "interrupted" in old["error"], "old row failed/interrupted: %s" % old)
    check(h2[-1]["status"] == "done", "new row done")
    check(c.run(["verify", "--db", url, "--to", v2]).rc == 0, "converged")


def t_kill_cic(c):
    db = "ap_kcic"
    c.fresh(db)
    url = c.pg.url(db)
    v1 = c.write("kcic/v1.sql", V1)
    check(c.run(["apply", "--db", url, "--to", v1]).rc == 0, "setup")
    c.sql(db, "INSERT INTO orders SELECT g, g % 100 FROM generate_series(1, 20000) g")
    v2 = c.write("kcic/v2.sql", V2)
    out = os.path.join(c.tmp, "kcic/plan")
    check(c.run(["plan", "--from", url, "--to", v2, "--out", out]).rc == 0, "plan --out")
    check("CREATE INDEX CONCURRENTLY" in c.read("kcic/plan/migration.sql"), "the plan builds concurrently")
    h = Holder(c.pg, db)
    try:
        # an open writer: CREATE INDEX CONCURRENTLY waits for it after making its (invalid) index
        h.run("BEGIN; INSERT INTO orders VALUES (100001, 1);")
        p = c.start(["apply", "--db", url, "--plan", out], "kcic")
        c.wait_for(db, "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = 'schemadiff apply' "
                       "AND wait_event_type = 'Lock' AND query LIKE 'CREATE INDEX CONCURRENTLY%')",
                   "CREATE INDEX CONCURRENTLY waiting")
        t0 = time.monotonic()
        while "running for" not in c.read("kcic.err") and time.monotonic() - t0 < 20:
            time.sleep(0.2)
        check("running for" in c.read("kcic.err") and "step" in c.read("kcic.err"),
              "progress of the long step on stderr: %s" % c.read("kcic.err"))
        os.killpg(p.pid, signal.SIGKILL)
        p.wait(timeout=30)
        backend_gone(c, db)
    finally:
        h.run("COMMIT;")
        h.close()
    check(c.sql(db, "SELECT EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = to_regclass('public.orders_item') "
                    "AND NOT indisvalid)") == "t", "killed during the build: an invalid index is left")
    last = c.history(db)[-1]
    check(last["status"] == "running" and last["kind"] == "plan", "row still running: %s" % last)
    check(last["groups_finished"] >= 1 and last["groups_finished"] < last["groups_total"],
          "groups before the build counted: %s" % last)
    check(c.sql(db, "SELECT to_regclass('public.extra') IS NOT NULL") == "t", "the transaction group before it "
          "committed")
    r = c.run(["apply", "--db", url, "--plan", out])
    check(r.rc == 0, "re-run --plan: exit %s: %s" % (r.rc, testlib.head(r.err, 20)))
    check("resumes history row %d" % last["id"] in r.err, "resumed: %s" % testlib.head(r.err))
    check(c.sql(db, "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('public.orders_item')") == "t",
          "the index is valid")
    h2 = c.history(db)
    check([x for x in h2 if x["id"] == last["id"]][0]["status"] == "failed", "old row failed (interrupted)")
    check(h2[-1]["status"] == "done" and h2[-1]["sql_checksum"] == last["sql_checksum"], "new row done")
    check(c.run(["verify", "--db", url, "--to", v2]).rc == 0, "converged")


SNEAK = r"""
CREATE FUNCTION public.sneak() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT * FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE TABLE' LOOP
    EXECUTE format('ALTER TABLE %s ADD COLUMN IF NOT EXISTS sneaky int', r.object_identity);
  END LOOP;
END $$;
CREATE EVENT TRIGGER sneak ON ddl_command_end EXECUTE FUNCTION public.sneak();
"""


def t_verify_fails(c):
    db = "ap_vf"
    c.fresh(db)
    url = c.pg.url(db)
    # the database and the files both have the event trigger; the plan only creates the tables,
    # and the trigger gives each a column the files do not have
    c.sql(db, SNEAK)
    v1 = c.write("vf/v1.sql", SNEAK + V1)
    r = c.run(["apply", "--db", url, "--to", v1])
    if r.rc == 0 and c.sql(db, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'sneaky'") == "0":
        raise Fail("the event trigger did not fire; the scenario proves nothing")
    check(r.rc == 1, "the database differs after the run: exit %s (want 1): %s" % (r.rc, testlib.head(r.err)))
    check("sneaky" in r.out, "the drift is listed like verify lists it: %s" % testlib.head(r.out, 30))
    last = c.history(db)[-1]
    check(last["status"] == "failed" and "verify after apply" in (last["error"] or ""), "row failed: %s" % last)
    # apply --plan verifies against the plan's desired state (desired.sql) and lists the drift too
    v2 = c.write("vf/v2.sql", SNEAK + V2)
    out = os.path.join(c.tmp, "vf/plan")
    c.sql(db, "ALTER TABLE items DROP COLUMN sneaky; ALTER TABLE orders DROP COLUMN sneaky")
    p = c.run(["plan", "--from", url, "--to", v2, "--out", out])
    check(p.rc == 0 and os.path.isfile(os.path.join(out, "desired.sql")), "plan --out writes desired.sql")
    r = c.run(["apply", "--db", url, "--plan", out])
    check(r.rc == 1, "--plan: the database differs after the run: exit %s (want 1): %s" % (r.rc, testlib.head(r.err)))
    check("sneaky" in r.out and "public.extra" in r.out, "--plan lists the drift like verify: %s"
          % testlib.head(r.out, 30))
    last = c.history(db)[-1]
    check(last["status"] == "failed" and last["kind"] == "plan" and "desired state" in (last["error"] or ""),
          "row failed: %s" % last)


def t_baseline(c):
    db = "ap_base"
    c.fresh(db)
    url = c.pg.url(db)
    v1 = c.write("base/v1.sql", V1)
    rc, out, err = c.pg.psql_file(db, v1)
    check(rc == 0, "psql -f")
    r = c.run(["history", "--db", url])
    check(r.rc == 0 and "no apply recorded" in r.out, "history before any apply: %s" % r.out)
    r = c.run(["apply", "--db", url, "--baseline"])
    check(r.rc == 0, "baseline exit %s: %s" % (r.rc, testlib.head(r.err)))
    h = c.history(db)
    check(len(h) == 1 and h[0]["kind"] == "baseline" and h[0]["status"] == "done", "baseline row: %s" % h)
    files_fp = c.run(["plan", "--from", "empty", "--to", v1, "--format", "json"])
    to_fp = json.loads(files_fp.out)["fingerprints"]["to"]
    check(h[0]["from_fingerprint"] == to_fp == h[0]["to_fingerprint"], "the state recorded is the files' state")
    check(h[0]["groups_total"] == 0 and h[0]["sql_checksum"] is None, "nothing run")
    r = c.run(["apply", "--db", url, "--to", v1])
    check(r.rc == 0 and "0 changes applied" in r.out, "apply after the baseline runs nothing: %s" % r.out)


SCENARIOS = [("recorded", t_recorded), ("refusal", t_refusal), ("preflight_plan", t_preflight_plan),
             ("lock", t_lock), ("retry", t_retry),
             ("kill_tx", t_kill_tx), ("kill_cic", t_kill_cic), ("verify_fails", t_verify_fails),
             ("baseline", t_baseline)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--schemadiff", required=True)
    ap.add_argument("--case", default="*", help="glob of scenario names")
    args = ap.parse_args()
    sd = os.path.abspath(args.schemadiff)
    passed = failed = 0
    with PgCluster() as pg, tempfile.TemporaryDirectory(prefix="sd-apply-") as tmp:
        c = Ctx(pg, sd, tmp)
        for name, fn in SCENARIOS:
            if not fnmatch.fnmatch(name, args.case):
                continue
            t0 = time.monotonic()
            try:
                fn(c)
                print("ok %s (%.1f s)" % (name, time.monotonic() - t0), flush=True)
                passed += 1
            except Fail as e:
                print("FAIL %s: %s" % (name, e), flush=True)
                failed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
