#!/usr/bin/env python3
"""Round-trip tests of schemadiff against a real PostgreSQL 15.

Every case directory under --cases-dir (default tests/cases) holds a current and a desired
schema: either the files `from.sql` and `to.sql` (an empty from.sql is the empty schema) or the
directories `v1/` and `v2/` (as in examples/; loaded as schemadiff reads a directory: its *.sql
files in name order, recursively). Optional `expect` file, one assertion a line:

    plan-contains: TEXT        the text plan of from -> to contains TEXT (e.g. a hazard name)
    migration-contains: TEXT   migration.sql contains TEXT
    rollback-contains: TEXT    rollback.sql contains TEXT
    # comment

Optional `operator` file: SQL run (psql) on M right after migration.sql is applied the first
time, before it is checked, in both modes: what the migration tells the operator to run by hand
(a user mapping's password, which schemadiff never writes). Optional `secret` file: strings, one a
line, that must never appear in anything schemadiff writes (every file of --out, standard output
and error of every run).

Optional `after-migrate` and `after-rollback` files: SQL run (psql, ON_ERROR_STOP) on M right
after migration.sql (resp. rollback.sql) has been applied and checked, the first time, in both
modes; the step fails when they do.  They check what a schema comparison cannot see, e.g. that
an INSERT without the id column does not collide with the rows from.sql inserted (from.sql is
loaded with psql, so its INSERTs are rows of F and M; schemadiff's file reader skips them).

One throwaway cluster serves the whole run; cases run on --jobs workers (default 2). Right after
it starts, the roles of CASE_ROLES (sd_reader, sd_writer, sd_owner; NOLOGIN) are created in it,
once: cases that GRANT, set an OWNER or ALTER DEFAULT PRIVILEGES use these roles and no others
(roles are global to the cluster, so no case creates or drops one). Per case:

  setup          database F from from.sql, T from to.sql (a file that fails to load is a bad case)
  plan           `schemadiff plan --from FROM --to TO --out OUT`: exit 0, OUT/migration.sql and
                 OUT/rollback.sql exist; or exit 6 (a blocking hazard not allowed: no case allows
                 any, so every hazardous plan takes this path), then the files are written all the
                 same and the gating is consistent: exit 6 exactly when plan.json's `not_allowed`
                 is not empty, each change's `not_allowed` is among its `hazards`, and every such
                 change is marked `-- NOT ALLOWED` in migration.sql (see check_gate)
  plan-text      `schemadiff plan --from FROM --to TO` (text plan, for `plan-contains`)
  desired        OUT/desired.sql (made on the desired side's reader thread while the plan is
                 made, src/dumpjob.c) is byte for byte `schemadiff dump --from TO`
  migrate        M = copy of F; `psql -X -v ON_ERROR_STOP=1 -f migration.sql` succeeds (no -1)
  converge       M equals TO
  idempotent     migration.sql applied again: no error, M still equals TO
  rollback       rollback.sql applied to M: no error, M equals FROM
  rollback-again rollback.sql applied again: no error, M still equals FROM
  noop           `plan --from TO --to TO --exit-code` exits 0
  fixpoint-to    pg_dump T: `plan --from DUMP --to TO --exit-code` and `--from TO --to DUMP` exit 0
  fixpoint-from  the same for F and FROM
  expect         the assertions of the `expect` file

"M equals X" means: `pg_dump --schema-only M > dump.sql`, then
`schemadiff plan --from dump.sql --to X --exit-code` exits 0 (its plan is shown when it does not).
The migrate..rollback-again chain stops at its first failure; the other steps always run.
Every schemadiff run fails its step on a sanitizer report in stderr or an unexpected exit code.

With --live the same cases run against live databases instead, every schemadiff read of a
database going through its libpq URL (postgresql://postgres@/DB?host=SOCKDIR&port=PORT):

  setup          databases F (from.sql) and T (to.sql); M = copy of F, made before any plan;
                 a full pg_dump of F (schema and data) is kept
  plan           `schemadiff plan --from URL(F) --to TO --out OUT`: exit 0, both scripts written
  same-plan      migration.sql is byte for byte the one planned from the files FROM -> TO, once the
                 URL is replaced by FROM's path in its header (same changes, same fingerprints);
                 not when the file plan guards grants by an owner check (files without OWNER TO)
                 or sets default privileges without FOR ROLE (the database names the role).
                 Not rollback.sql: it recreates F's objects in the server's own spelling
                 (`CHECK (price > 0::numeric)`), which is as right as the file's
  migrate        migration.sql applied to M: no error
  recheck        `plan --from URL(M) --to TO --exit-code` exits 0 (an empty plan)
  idempotent     migration.sql applied again: no error; recheck again
  rollback       rollback.sql applied to M: no error; `plan --from URL(M) --to FROM --exit-code` exits 0
  rollback-again rollback.sql applied again: no error; the same check
  fixpoint-to    `plan --from URL(T) --to TO --exit-code` and `--from TO --to URL(T)` exit 0
  fixpoint-from  the same for F and FROM
  read-only      pg_dump of F after every read of it equals the one taken before (schemadiff
                 changed nothing, neither schema nor data nor sequence state)
  expect         the assertions of the `expect` file, against the live plan

Messages name the databases URL(F), URL(T), URL(M). The chain stops at its first failure here too.

--part I/N keeps the cases whose name's CRC-32 is I modulo N, --part '!I/N' the others: `make check`
runs part 0/4 of tests/cases in both modes (about ten minutes on two cores with the rest of the
suite), `make soak` the other three quarters; CI runs both, so every case runs in every mode.

Output: `ok NAME` or `FAIL NAME: step: reason` (details indented below), one line per case,
then `N passed, M failed`. Exit status 0 when every case passed, 1 otherwise, 2 on usage error.
"""

import argparse
import concurrent.futures
import difflib
import fnmatch
import json
import os
import re
import shutil
import sys
import tempfile
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import testlib  # noqa: E402
from pgcluster import PgCluster, ClusterError  # noqa: E402

# Roles that exist in the cluster for the cases (GRANT ... TO, OWNER TO, FOR ROLE, policy TO).
CASE_ROLES = ("sd_reader", "sd_writer", "sd_owner")

EXPECT_KEYS = testlib.EXPECT_KEYS
StepFail = testlib.StepFail


class Case:
    def __init__(self, name, path):
        self.name = name
        self.dir = path
        if os.path.isfile(os.path.join(path, "from.sql")) and os.path.isfile(os.path.join(path, "to.sql")):
            self.from_src = os.path.join(path, "from.sql")
            self.to_src = os.path.join(path, "to.sql")
        elif os.path.isdir(os.path.join(path, "v1")) and os.path.isdir(os.path.join(path, "v2")):
            self.from_src = os.path.join(path, "v1")
            self.to_src = os.path.join(path, "v2")
        else:
            self.from_src = self.to_src = None
        self.expect_file = os.path.join(path, "expect")
        self.after = {}
        op = os.path.join(path, "operator")
        self.operator = op if os.path.isfile(op) else None
        sec = os.path.join(path, "secret")
        self.secrets = [l for l in read(sec).splitlines() if l.strip()] if os.path.isfile(sec) else []
        for step in ("after-migrate", "after-rollback"):
            f = os.path.join(path, step)
            if os.path.isfile(f):
                self.after[step] = f

    def check_secrets(self, step, args, texts):
        """No secret of the case in `texts` nor in the files of the run's --out directory."""
        if not self.secrets:
            return
        texts = list(texts)
        if "--out" in args:
            out = args[args.index("--out") + 1]
            for f in sorted(os.listdir(out)) if os.path.isdir(out) else []:
                texts.append(read(os.path.join(out, f)))
        for sec in self.secrets:
            if any(sec in (t or "") for t in texts):
                raise StepFail(step, "a secret of the case (%r) appears in what `schemadiff %s` wrote"
                               % (sec, " ".join(rel(a) for a in args)))

    def run_after(self, runner, step, db):
        if step in self.after:
            runner.apply(self, step, db, self.after[step])


def sql_files(src):
    """The files psql loads for SRC: the file itself, or a directory's *.sql files in name
    order, recursively (sorted by their path relative to the directory)."""
    if os.path.isfile(src):
        return [src]
    found = []
    for d, dirs, files in os.walk(src):
        dirs[:] = [x for x in dirs if not x.startswith(".")]
        for f in files:
            if f.endswith(".sql") and not f.startswith("."):
                found.append(os.path.relpath(os.path.join(d, f), src))
    return [os.path.join(src, f) for f in sorted(found)]


rel = testlib.rel


parse_expect = testlib.parse_expect


class Runner:
    def __init__(self, args, pg, work):
        self.args = args
        self.pg = pg
        self.work = work
        self.schemadiff = args.schemadiff

    def log(self, case, msg):
        if self.args.verbose:
            sys.stderr.write("[%s] %s\n" % (case.name, msg))

    # -- tools ---------------------------------------------------------------------------

    def sd(self, case, step, args, ok=(0,), cwd=None):
        """Run schemadiff ARGS; raise StepFail on a sanitizer report, a timeout or an exit code
        outside ok. Returns the Result."""
        cmd = [self.schemadiff] + args
        self.log(case, "$ schemadiff " + " ".join(rel(a) for a in args))
        r = testlib.run(cmd, timeout=self.args.timeout, env=testlib.child_env(), cwd=cwd)
        self.log(case, "  -> exit %s in %.2fs" % (r.rc, r.seconds))
        case.check_secrets(step, args, (r.out, r.err))
        rep = testlib.sanitizer_report(r.err)
        if rep:
            raise StepFail(step, "sanitizer report from `schemadiff %s`" % " ".join(rel(a) for a in args), rep)
        if r.timed_out:
            raise StepFail(step, "`schemadiff %s` timed out after %ss" % (" ".join(rel(a) for a in args),
                                                                        self.args.timeout))
        if r.rc not in ok:
            raise StepFail(step, "`schemadiff %s` exited %s" % (" ".join(rel(a) for a in args), r.rc),
                           testlib.head(r.err, 10) + ("\n" + testlib.head(r.out, 10) if r.rc == 1 else ""))
        return r

    def apply(self, case, step, db, script):
        self.log(case, "$ psql -f %s  (db %s)" % (rel(script), db))
        rc, out, err = self.pg.psql_file(db, script, timeout=self.args.timeout)
        if rc != 0:
            raise StepFail(step, "%s failed (psql exit %s)" % (os.path.basename(script), rc), psql_error(err))

    def dump(self, case, step, db, path):
        rc, out, err = self.pg.dump_schema(db, path, timeout=self.args.timeout)
        if rc != 0:
            raise StepFail(step, "pg_dump failed (exit %s)" % rc, testlib.head(err))

    def check_equals(self, case, step, db, want_src, tag, cw):
        """db's schema (through pg_dump) equals want_src according to `schemadiff plan --exit-code`."""
        dump = os.path.join(cw, "dump-%s.sql" % tag)
        self.dump(case, step, db, dump)
        r = self.sd(case, step, ["plan", "--from", dump, "--to", want_src, "--exit-code"], ok=(0, 1))
        if r.rc == 1:
            raise StepFail(step, "database differs from %s (`schemadiff plan --from %s --to %s --exit-code` "
                           "exited 1)" % (rel(want_src), rel(dump), rel(want_src)),
                           testlib.head(r.out, 15) or testlib.head(r.err, 10))

    def full_dump(self, case, step, db, path):
        """pg_dump of db, schema and data (sequence state included), into path."""
        r = testlib.run([self.pg.pg_dump_bin, "--no-sync", "-f", path, "-d", self.pg.conninfo(db)],
                        timeout=self.args.timeout, env=testlib.child_env())
        if r.rc != 0 or r.timed_out:
            raise StepFail(step, "pg_dump failed (exit %s)" % r.rc, testlib.head(r.err))

    def check_empty(self, case, step, a, b, names):
        """`schemadiff plan --from a --to b --exit-code` exits 0 (names: how a and b are shown)."""
        r = self.sd(case, step, ["plan", "--from", a, "--to", b, "--exit-code"], ok=(0, 1))
        if r.rc == 1:
            raise StepFail(step, "`schemadiff plan --from %s --to %s --exit-code` exited 1" % names,
                           testlib.head(r.out, 15) or testlib.head(r.err, 10))

    # -- one case ------------------------------------------------------------------------

    def run_case(self, idx, case):
        if self.args.live:
            return self.run_case_live(idx, case)
        t0 = time.monotonic()
        cw = os.path.join(self.work, "%03d-%s" % (idx, case.name))
        os.makedirs(cw)
        dbs = []
        fails = []
        try:
            if case.from_src is None:
                raise StepFail("setup", "no from.sql + to.sql, nor v1/ + v2/, in %s" % rel(case.dir))
            expects = parse_expect(case.expect_file) if os.path.exists(case.expect_file) else []
            f_db, t_db, m_db = self.load_dbs(case, "rt%03d" % idx, dbs)

            out = os.path.join(cw, "out")
            mig = os.path.join(out, "migration.sql")
            rb = os.path.join(out, "rollback.sql")
            texts = {}

            def chain():
                r = self.sd(case, "plan", ["plan", "--from", case.from_src, "--to", case.to_src, "--out", out],
                            ok=(0, 6))
                require_written(out, (mig, rb))
                check_gate(r, out)
                texts["migration"] = read(mig)
                texts["rollback"] = read(rb)
                same_desired(case, out)
                self.apply(case, "migrate", m_db, mig)
                if case.operator:
                    self.apply(case, "operator", m_db, case.operator)
                self.check_equals(case, "converge", m_db, case.to_src, "migrated", cw)
                case.run_after(self, "after-migrate", m_db)
                self.apply(case, "idempotent", m_db, mig)
                self.check_equals(case, "idempotent", m_db, case.to_src, "migrated-twice", cw)
                self.apply(case, "rollback", m_db, rb)
                self.check_equals(case, "rollback", m_db, case.from_src, "rolled-back", cw)
                case.run_after(self, "after-rollback", m_db)
                self.apply(case, "rollback-again", m_db, rb)
                self.check_equals(case, "rollback-again", m_db, case.from_src, "rolled-back-twice", cw)

            def same_desired(case, out):
                r = self.sd(case, "desired", ["dump", "--from", case.to_src])
                got = read(os.path.join(out, "desired.sql"))
                if got != r.out:
                    diff = difflib.unified_diff(r.out.splitlines(), got.splitlines(), "dump --from TO",
                                                "OUT/desired.sql", lineterm="", n=1)
                    raise StepFail("desired", "OUT/desired.sql is not `schemadiff dump --from %s`" % rel(case.to_src),
                                   testlib.head("\n".join(diff), 15))

            def plan_text():
                r = self.sd(case, "plan-text", ["plan", "--from", case.from_src, "--to", case.to_src], ok=(0, 6))
                if (r.rc == 6) != ("NOT ALLOWED" in r.out):
                    raise StepFail("plan-text", "exit %s but the text plan %s NOT ALLOWED"
                                   % (r.rc, "lacks" if r.rc == 6 else "says"), testlib.head(r.out, 10))
                texts["plan"] = r.out
                with open(os.path.join(cw, "plan.txt"), "w", encoding="utf-8") as f:
                    f.write(r.out)

            def noop():
                a = b = case.to_src
                r = self.sd(case, "noop", ["plan", "--from", a, "--to", b, "--exit-code"], ok=(0, 1))
                if r.rc == 1:
                    raise StepFail("noop", "`schemadiff plan --from %s --to %s --exit-code` exited 1" % (rel(a), rel(b)),
                                   testlib.head(r.out, 15) or testlib.head(r.err, 10))

            def fixpoint(step, db, src, tag):
                dump = os.path.join(cw, "dump-%s.sql" % tag)
                self.dump(case, step, db, dump)
                for a, b in ((dump, src), (src, dump)):
                    r = self.sd(case, step, ["plan", "--from", a, "--to", b, "--exit-code"], ok=(0, 1))
                    if r.rc == 1:
                        raise StepFail(step, "`schemadiff plan --from %s --to %s --exit-code` exited 1"
                                       % (rel(a), rel(b)), testlib.head(r.out, 15) or testlib.head(r.err, 10))

            def expect():
                for key, text in expects:
                    what = key.split("-")[0]
                    if what not in texts:
                        raise StepFail("expect", "%s: no %s to look in (an earlier step failed)" % (key, what))
                    if text not in texts[what]:
                        raise StepFail("expect", "%s: %r not found" % (key, text),
                                       "%s:\n%s" % (what, testlib.head(texts[what], 15)))

            for fn in (chain, plan_text, noop,
                       lambda: fixpoint("fixpoint-to", t_db, case.to_src, "to"),
                       lambda: fixpoint("fixpoint-from", f_db, case.from_src, "from"),
                       expect):
                try:
                    fn()
                except StepFail as e:
                    fails.append(e)
        except StepFail as e:
            fails.append(e)
        except ClusterError as e:
            fails.append(StepFail("setup", "cluster: %s" % e))
        finally:
            self.drop_dbs(dbs)
        return self.report(case, fails, time.monotonic() - t0)


    def run_case_live(self, idx, case):
        t0 = time.monotonic()
        cw = os.path.join(self.work, "%03d-%s" % (idx, case.name))
        os.makedirs(cw)
        dbs = []
        fails = []
        try:
            if case.from_src is None:
                raise StepFail("setup", "no from.sql + to.sql, nor v1/ + v2/, in %s" % rel(case.dir))
            expects = parse_expect(case.expect_file) if os.path.exists(case.expect_file) else []
            f_db, t_db, m_db = self.load_dbs(case, "lv%03d" % idx, dbs)     # M before schemadiff has seen F
            before = os.path.join(cw, "f-before.dump")
            self.full_dump(case, "setup", f_db, before)
            url = {d: self.pg.url(d) for d in (f_db, t_db, m_db)}
            # how a URL is shown in messages: URL(F), not the socket path
            show = {f_db: "URL(F)", t_db: "URL(T)", m_db: "URL(M)"}

            out = os.path.join(cw, "out")
            file_out = os.path.join(cw, "file-out")
            mig = os.path.join(out, "migration.sql")
            rb = os.path.join(out, "rollback.sql")
            texts = {}

            def chain():
                r = self.sd(case, "plan", ["plan", "--from", url[f_db], "--to", case.to_src, "--out", out],
                            ok=(0, 6))
                require_written(out, (mig, rb))
                check_gate(r, out)
                texts["plan"] = r.out
                texts["migration"] = read(mig)
                texts["rollback"] = read(rb)
                self.apply(case, "migrate", m_db, mig)
                if case.operator:
                    self.apply(case, "operator", m_db, case.operator)
                self.check_empty(case, "recheck", url[m_db], case.to_src, (show[m_db], rel(case.to_src)))
                case.run_after(self, "after-migrate", m_db)
                self.apply(case, "idempotent", m_db, mig)
                self.check_empty(case, "idempotent", url[m_db], case.to_src, (show[m_db], rel(case.to_src)))
                self.apply(case, "rollback", m_db, rb)
                self.check_empty(case, "rollback", url[m_db], case.from_src, (show[m_db], rel(case.from_src)))
                case.run_after(self, "after-rollback", m_db)
                self.apply(case, "rollback-again", m_db, rb)
                self.check_empty(case, "rollback-again", url[m_db], case.from_src, (show[m_db], rel(case.from_src)))

            def same_plan():
                if "migration" not in texts:
                    return
                self.sd(case, "same-plan", ["plan", "--from", case.from_src, "--to", case.to_src, "--out", file_out],
                        ok=(0, 6))
                for fname in ("migration.sql",):
                    # what only a live current side knows (table estimates, pre-flight
                    # results) is in the step comments: compare the rest
                    def known_to_both(text):
                        text = re.sub(r"; table: [^;\n]*", "", text)
                        return re.sub(r"(?m)^--   Pre-flight: .*\n", "", text)
                    live = known_to_both(read(os.path.join(out, fname)).replace(url[f_db], case.from_src))
                    want = known_to_both(read(os.path.join(file_out, fname)))
                    if "pg_get_userbyid(" in want or re.search(r"ALTER DEFAULT PRIVILEGES (IN|GRANT|REVOKE)", want):
                        # files that do not state owners get grants guarded by an
                        # owner check the live plan (which knows the owner) does
                        # not need, and default privileges without FOR ROLE the
                        # role the database names: the plans differ by design
                        continue
                    if live != want:
                        diff = "".join(difflib.unified_diff(want.splitlines(True), live.splitlines(True),
                                                            "from %s" % rel(case.from_src), "from %s" % show[f_db],
                                                            n=1))
                        raise StepFail("same-plan", "%s planned from %s differs from the one planned from %s"
                                       % (fname, show[f_db], rel(case.from_src)), testlib.head(diff, 20))

            def fixpoint(step, d, src):
                self.check_empty(case, step, url[d], src, (show[d], rel(src)))
                self.check_empty(case, step, src, url[d], (rel(src), show[d]))

            def read_only():
                after = os.path.join(cw, "f-after.dump")
                self.full_dump(case, "read-only", f_db, after)
                a, b = dump_lines(before), dump_lines(after)
                if a != b:
                    diff = "".join(difflib.unified_diff(a, b,
                                                        "F before", "F after", n=1))
                    raise StepFail("read-only", "database F changed while schemadiff read it", testlib.head(diff, 20))

            def expect():
                for key, text in expects:
                    what = key.split("-")[0]
                    if what not in texts:
                        raise StepFail("expect", "%s: no %s to look in (an earlier step failed)" % (key, what))
                    if text not in texts[what]:
                        raise StepFail("expect", "%s: %r not found" % (key, text),
                                       "%s:\n%s" % (what, testlib.head(texts[what], 15)))

            for fn in (chain, same_plan,
                       lambda: fixpoint("fixpoint-to", t_db, case.to_src),
                       lambda: fixpoint("fixpoint-from", f_db, case.from_src),
                       read_only, expect):
                try:
                    fn()
                except StepFail as e:
                    fails.append(e)
        except StepFail as e:
            fails.append(e)
        except ClusterError as e:
            fails.append(StepFail("setup", "cluster: %s" % e))
        finally:
            self.drop_dbs(dbs)
        return self.report(case, fails, time.monotonic() - t0)

    def load_dbs(self, case, prefix, dbs):
        """PREFIX_from and PREFIX_to loaded from the case's two sides, PREFIX_mig a copy of
        the first; each name is appended to dbs (to drop) as soon as it exists."""
        f_db, t_db, m_db = prefix + "_from", prefix + "_to", prefix + "_mig"
        for name, src in ((f_db, case.from_src), (t_db, case.to_src)):
            self.pg.createdb(name)
            dbs.append(name)
            files = sql_files(src)
            if files:
                rc, out, err = self.pg.psql_file(name, files, timeout=self.args.timeout)
                if rc != 0:
                    raise StepFail("setup", "%s does not load: fix the test case" % rel(src), psql_error(err))
        self.pg.createdb(m_db, template=f_db)
        dbs.append(m_db)
        return f_db, t_db, m_db

    def drop_dbs(self, dbs):
        for d in dbs:
            try:
                self.pg.dropdb(d)
            except ClusterError:
                pass

    def report(self, case, fails, secs):
        if not fails:
            return True, "ok %s" % case.name + (" (%.1fs)" % secs if self.args.verbose else "")
        first = fails[0]
        lines = ["FAIL %s: %s: %s" % (case.name, first.step, first.reason)]
        if first.detail:
            lines.append(testlib.indent(first.detail))
        for e in fails[1:]:
            lines.append("    also %s: %s" % (e.step, e.reason))
            if self.args.verbose and e.detail:
                lines.append(testlib.indent(e.detail, "        | "))
        return False, "\n".join(lines)


def check_gate(r, out):
    """StepFail("plan") unless the exit code and the written plan agree on the gating: exit 6
    exactly when plan.json lists hazards `not_allowed`; each change's `not_allowed` is among its
    `hazards`; migration.sql marks as many changes `-- NOT ALLOWED: ` as plan.json refuses."""
    path = os.path.join(out, "plan.json")
    if not os.path.isfile(path):
        raise StepFail("plan", "plan.json not written")
    plan = json.loads(read(path))
    refused = [c for c in plan["changes"] if c["not_allowed"]]
    if (r.rc == 6) != bool(plan["not_allowed"]) or bool(refused) != bool(plan["not_allowed"]):
        raise StepFail("plan", "exit %s but plan.json's not_allowed is %r (%d changes refused)"
                       % (r.rc, plan["not_allowed"], len(refused)), testlib.head(r.err, 5))
    for c in refused:
        if not set(c["not_allowed"]) <= set(c["hazards"]):
            raise StepFail("plan", "%s: not_allowed %r is not among its hazards %r"
                           % (c["object"], c["not_allowed"], c["hazards"]))
    marked = len(re.findall(r"(?m)^-- NOT ALLOWED: [a-z_, ]+$", read(os.path.join(out, "migration.sql"))))
    if marked != len(refused):
        raise StepFail("plan", "migration.sql marks %d changes NOT ALLOWED, plan.json refuses %d"
                       % (marked, len(refused)))


def require_written(out, paths):
    """StepFail("plan") unless schemadiff wrote every one of paths into out."""
    for p in paths:
        if not os.path.isfile(p):
            raise StepFail("plan", "%s not written" % rel(p),
                           "files in %s: %s" % (rel(out), ", ".join(sorted(os.listdir(out)))
                                                if os.path.isdir(out) else "(no directory)"))


def dump_lines(path):
    """pg_dump's output without the \\restrict/\\unrestrict lines that carry a random key
    (pg_dump 15.14 and later): two dumps of the same database compare equal."""
    return [l for l in read(path).splitlines(True)
            if not (l.startswith("\\restrict ") or l.startswith("\\unrestrict "))]


read = testlib.read


psql_error = testlib.psql_error


def in_part(name, part):
    """part "I/N": the cases whose name hashes (CRC-32) to I modulo N; "!I/N": all the others.
    Stable under adding and removing other cases, so `make check` (part 0/4) and `make soak`
    (!0/4) together run every case once."""
    if not part:
        return True
    neg = part.startswith("!")
    i, n = (int(x) for x in part.lstrip("!").split("/"))
    hit = zlib.crc32(name.encode("utf-8")) % n == i
    return hit != neg


def discover(cases_dir, patterns, part=None):
    if not os.path.isdir(cases_dir):
        return []
    cases = []
    for name in sorted(os.listdir(cases_dir)):
        p = os.path.join(cases_dir, name)
        if name.startswith(".") or not os.path.isdir(p):
            continue
        # a directory with no SQL at all (examples/ci: CI pipelines) is not a case; one with
        # some SQL but not a case's files still fails, as "no from.sql + to.sql"
        if not any(f.endswith(".sql") or os.path.isdir(os.path.join(p, f)) for f in os.listdir(p)):
            continue
        if patterns and not any(fnmatch.fnmatchcase(name, g) for g in patterns):
            continue
        if not in_part(name, part):
            continue
        cases.append(Case(name, p))
    return cases


def main(argv=None):
    ap = argparse.ArgumentParser(description="Round-trip tests of schemadiff against PostgreSQL 15.",
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--schemadiff", default=os.path.join(ROOT, "build", "schemadiff"),
                    help="the executable under test (default build/schemadiff)")
    ap.add_argument("--cases-dir", default=os.path.join(ROOT, "tests", "cases"),
                    help="directory of case directories (default tests/cases)")
    ap.add_argument("--case", action="append", default=[], metavar="GLOB",
                    help="only cases whose name matches GLOB (repeatable)")
    ap.add_argument("--part", metavar="[!]I/N",
                    help="only the cases whose name's CRC-32 is I modulo N (with !, only the others)")
    ap.add_argument("--jobs", "-j", type=int, default=2, help="cases run in parallel (default 2)")
    ap.add_argument("--timeout", type=float, default=60, help="seconds per command (default 60)")
    ap.add_argument("--live", action="store_true",
                    help="read the databases through their URLs instead of pg_dump files (see below)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory (plans, dumps, scripts)")
    ap.add_argument("-v", "--verbose", action="store_true", help="log every command; show every failure's detail")
    args = ap.parse_args(argv)
    args.schemadiff = os.path.abspath(args.schemadiff)
    if not os.access(args.schemadiff, os.X_OK):
        print("run_roundtrip: %s: not an executable (build first: make build)" % args.schemadiff, file=sys.stderr)
        return 2

    if args.part and not re.fullmatch(r"!?\d+/[1-9]\d*", args.part):
        print("run_roundtrip: --part %s: not I/N or !I/N" % args.part, file=sys.stderr)
        return 2
    cases = discover(args.cases_dir, args.case, args.part)
    if not cases:
        print("run_roundtrip: no cases in %s%s" % (rel(args.cases_dir),
              " matching " + " ".join(args.case) if args.case else ""), file=sys.stderr)
        print("0 passed, 0 failed")
        return 0

    work = tempfile.mkdtemp(prefix="schemadiff-roundtrip-")
    passed = failed = 0
    t0 = time.monotonic()
    try:
        with PgCluster() as pg:
            pg.create_roles(CASE_ROLES)
            runner = Runner(args, pg, work)
            ex = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs))
            try:
                for ok, text in ex.map(lambda ic: runner.run_case(*ic), enumerate(cases)):
                    print(text, flush=True)
                    if ok:
                        passed += 1
                    else:
                        failed += 1
            except BaseException:
                testlib.kill_all()      # end running schemadiff/psql children; workers then finish fast
                raise
            finally:
                ex.shutdown(wait=False, cancel_futures=True)
    except KeyboardInterrupt:
        testlib.kill_all()
        print("\ninterrupted", file=sys.stderr)
        return 130
    except ClusterError as e:
        print("run_roundtrip: %s" % e, file=sys.stderr)
        return 2
    finally:
        if args.keep:
            print("work directory kept: %s" % work, file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    if args.verbose:
        print("%d case(s) in %.1fs" % (len(cases), time.monotonic() - t0), file=sys.stderr)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
