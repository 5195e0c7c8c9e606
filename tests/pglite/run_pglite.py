#!/usr/bin/env python3
"""Live-catalog tests of schemadiff on PGlite: PostgreSQL 18 (WebAssembly) with a real pgvector.

Four kinds of case:

  tests/pglite/cases/NAME/    pgvector: from.sql, to.sql, optional `expect` (as in
                              run_roundtrip.py: `plan-contains: TEXT`, `migration-contains: TEXT`,
                              `rollback-contains: TEXT`); vector/halfvec/sparsevec columns,
                              dimension changes, ivfflat and hnsw indexes with parameters and
                              operator classes
  core/NAME                   the core-suite cases (tests/cases/NAME) listed in
                              tests/pglite/core-cases, which prove the catalog reader on
                              PostgreSQL 18's catalog (NOT NULL constraints in pg_constraint,
                              nullable attstattarget) as run_roundtrip.py --live does on 15
  tests/pglite/pg18/NAME/     a catalog only PostgreSQL 18 can make: db.sql (loaded with psql),
                              schema.sql, and `expect`: `verify: N` (the exit code of
                              `schemadiff verify --db URL --to schema.sql`), `output-contains:
                              TEXT` (its stdout+stderr; repeatable), optional `xfail: REASON` for a
                              known schemadiff bug (then failing is "ok (xfail)", passing is a
                              failure: XPASS, remove the mark). A sanitizer report always fails.
  tests/pglite/shadow/NAME/   shadow-table plans of pgvector tables (a vector(n) dimension
                              change): planned with --shadow, migration.sql and shadow.sql run
                              with writes between the phases, checked after cutover and after
                              rollback.sql (steps and files: tests/pglite/shadow_case.py)

Every database is its own PGlite server (tests/pglite/pglite.py; PGlite serves one database and
one session). Per pgvector or core case, with servers F and M loaded from from.sql and T from
to.sql:

  setup          load F, M (from.sql) and T (to.sql) with psql; a file that fails is a bad case
  plan           `schemadiff plan --from URL(F) --to to.sql --out OUT`: exit 0 (or 6, a blocking
                 hazard not allowed: files written all the same), migration.sql and rollback.sql
                 written
  plan-text      `schemadiff plan --from URL(F) --to to.sql` (the text, for `plan-contains`)
  fixpoint-from  `plan --from URL(F) --to from.sql --exit-code` exits 0
  migrate        `psql -X -v ON_ERROR_STOP=1 -f migration.sql` on M (no -1)
  converge       `plan --from URL(M) --to to.sql --exit-code` exits 0
  idempotent     migration.sql applied again: no error, still converged
  rollback       rollback.sql applied to M: no error; `plan --from URL(M) --to from.sql
                 --exit-code` exits 0
  fixpoint-to    `plan --from URL(T) --to to.sql --exit-code` exits 0
  verify         `schemadiff verify --db URL(T) --to to.sql` exits 0 (match); `verify --db URL(F)
                 --to to.sql` exits 1 (drift), or 0 when the plan from F is empty
  expect         the assertions of the `expect` file

The migrate..rollback chain (on M) stops at its first failure; the other steps always run. After
every psql script and every schemadiff run the server gets `DISCARD ALL` (PGlite keeps its one
session across connections). A schemadiff run fails its step on a sanitizer report or an
unexpected exit code.

Output: `ok NAME` or `FAIL NAME: step: reason` (details indented), then `N passed, M failed`.
Exit status 0 when every case passed, 1 otherwise, 2 when PGlite cannot be set up or on a usage
error. The npm packages are installed on first use (tests/pglite/setup.sh: `npm ci`).
"""

import argparse
import concurrent.futures
import fnmatch
import os
import shutil
import signal
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
ROOT = os.path.dirname(TESTS)
sys.path.insert(0, HERE)
sys.path.insert(0, TESTS)
import testlib  # noqa: E402
import shadow_case  # noqa: E402
from pglite import Pglite, PgliteError  # noqa: E402

EXPECT_KEYS = testlib.EXPECT_KEYS
StepFail = testlib.StepFail


class Case:
    def __init__(self, name, path, kind):
        self.name, self.dir, self.kind = name, path, kind      # kind: "pgvector", "core", "pg18", "shadow"
        self.from_sql = os.path.join(path, "from.sql")
        self.to_sql = os.path.join(path, "to.sql")
        self.db_sql = os.path.join(path, "db.sql")
        self.schema_sql = os.path.join(path, "schema.sql")
        self.expect_file = os.path.join(path, "expect")

    @property
    def label(self):
        return self.name if self.kind == "pgvector" else "%s/%s" % (self.kind, self.name)


rel = testlib.rel


read = testlib.read


parse_expect = testlib.parse_expect


PG18_KEYS = ("verify", "output-contains", "xfail")


def parse_pg18_expect(path):
    """{'verify': N, 'output-contains': [TEXT...], 'xfail': REASON or None}"""
    out = {"verify": None, "output-contains": [], "xfail": None}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key, sep, text = line.partition(":")
            key, text = key.strip(), text.strip()
            if not sep or key not in PG18_KEYS or not text or (key == "verify" and not text.isdigit()):
                raise StepFail("setup", "bad line in expect:%d: %r (want verify: N, output-contains: TEXT "
                               "or xfail: REASON)" % (n, line))
            if key == "output-contains":
                out[key].append(text)
            else:
                out[key] = int(text) if key == "verify" else text
    if out["verify"] is None:
        raise StepFail("setup", "expect: no `verify: N` line")
    return out


psql_error = testlib.psql_error


class Runner:
    def __init__(self, args, pool, work):
        self.args, self.pool, self.work = args, pool, work
        self.schemadiff = args.schemadiff
        self._print_lock = threading.Lock()

    def log(self, case, msg):
        if self.args.verbose:
            with self._print_lock:
                sys.stderr.write("[%s] %s\n" % (case.label, msg))
                sys.stderr.flush()

    def sd(self, case, step, srv, args, ok=(0,)):
        """Run schemadiff ARGS (reading server srv); then DISCARD ALL on srv."""
        shown = " ".join(rel(a) for a in args)
        self.log(case, "$ schemadiff " + shown)
        r = testlib.run([self.schemadiff] + args, timeout=self.args.timeout, env=testlib.child_env())
        self.log(case, "  -> exit %s in %.2fs" % (r.rc, r.seconds))
        if srv is not None:
            srv.discard()
        rep = testlib.sanitizer_report(r.err)
        if rep:
            raise StepFail(step, "sanitizer report from `schemadiff %s`" % shown, rep)
        if r.timed_out:
            raise StepFail(step, "`schemadiff %s` timed out after %ss" % (shown, self.args.timeout))
        if r.rc not in ok:
            raise StepFail(step, "`schemadiff %s` exited %s" % (shown, r.rc),
                           testlib.head(r.err, 10) + ("\n" + testlib.head(r.out, 15) if r.rc == 1 else ""))
        return r

    def load(self, case, srv, path, what):
        rc, out, err = srv.psql_file(path, stop_on_error=True, timeout=self.args.timeout)
        if rc != 0:
            raise StepFail("setup", "%s does not load on PGlite: fix the test case" % rel(path), psql_error(err))

    def apply(self, case, step, srv, script):
        self.log(case, "$ psql -f %s  (%s)" % (rel(script), srv.url))
        rc, out, err = srv.psql_file(script, stop_on_error=True, timeout=self.args.timeout)
        if rc != 0:
            raise StepFail(step, "%s failed (psql exit %s)" % (os.path.basename(script), rc), psql_error(err))

    def equals(self, case, step, srv, want, tag):
        r = self.sd(case, step, srv, ["plan", "--from", srv.url, "--to", want, "--exit-code"], ok=(0, 1))
        if r.rc == 1:
            raise StepFail(step, "%s differs from %s (`schemadiff plan --from URL(%s) --to %s --exit-code` "
                           "exited 1)" % (tag, rel(want), tag, rel(want)),
                           testlib.head(r.out, 15) or testlib.head(r.err, 10))

    def run_pg18_case(self, idx, case):
        """A catalog that only PostgreSQL 18 can make (db.sql, loaded with psql) against a
        schema file (schema.sql): `schemadiff verify` must exit as `expect` says, with no
        sanitizer report. `xfail: REASON` marks a known schemadiff bug: the case is then
        expected to fail, and passing is reported (XPASS) as a failure, so that the mark goes."""
        t0 = time.monotonic()
        srv = None
        fail = None
        xfail = None
        try:
            for p in (case.db_sql, case.schema_sql, case.expect_file):
                if not os.path.isfile(p):
                    raise StepFail("setup", "%s missing" % rel(p))
            exp = parse_pg18_expect(case.expect_file)
            xfail = exp["xfail"]
            try:
                srv = self.pool.acquire()
            except PgliteError as e:
                raise StepFail("setup", "PGlite: %s" % e)
            self.load(case, srv, case.db_sql, "db")
            args = ["verify", "--db", srv.url, "--to", case.schema_sql]
            shown = "schemadiff verify --db URL --to %s" % rel(case.schema_sql)
            self.log(case, "$ " + shown)
            r = testlib.run([self.schemadiff] + args, timeout=self.args.timeout, env=testlib.child_env())
            srv.discard()
            both = r.out + r.err
            rep = testlib.sanitizer_report(r.err)
            if rep:
                raise StepFail("verify", "sanitizer report from `%s`" % shown, rep)
            if r.timed_out:
                raise StepFail("verify", "`%s` timed out" % shown)
            if r.rc != exp["verify"]:
                raise StepFail("verify", "`%s` exited %s, want %s" % (shown, r.rc, exp["verify"]),
                               testlib.head(both, 12))
            for text in exp["output-contains"]:
                if text not in both:
                    raise StepFail("verify", "output of `%s` lacks %r" % (shown, text), testlib.head(both, 12))
        except StepFail as e:
            fail = e
        finally:
            if srv is not None:
                srv.stop(wait=False)
        secs = " (%.1fs)" % (time.monotonic() - t0) if self.args.verbose else ""
        if xfail:
            if fail is None:
                return False, "FAIL %s: XPASS: marked `xfail: %s` but passes now: remove the mark" % (case.label, xfail)
            if fail.step == "setup":
                return False, "FAIL %s: %s: %s\n%s" % (case.label, fail.step, fail.reason, testlib.indent(fail.detail))
            return True, "ok %s (xfail: %s)%s" % (case.label, xfail, secs) + (
                "\n" + testlib.indent("%s: %s\n%s" % (fail.step, fail.reason, fail.detail)) if self.args.verbose else "")
        if fail is None:
            return True, "ok %s%s" % (case.label, secs)
        return False, "FAIL %s: %s: %s" % (case.label, fail.step, fail.reason) + (
            "\n" + testlib.indent(fail.detail) if fail.detail else "")

    def run_shadow_case(self, idx, case):
        """tests/pglite/shadow/NAME (tests/pglite/shadow_case.py)."""
        t0 = time.monotonic()
        cw = os.path.join(self.work, "%03d-shadow-%s" % (idx, case.name))
        os.makedirs(cw)
        try:
            shadow_case.run(self, case, cw)
        except StepFail as e:
            return False, "FAIL %s: %s: %s" % (case.label, e.step, e.reason) + (
                "\n" + testlib.indent(e.detail) if e.detail else "")
        return True, "ok %s" % case.label + (" (%.1fs)" % (time.monotonic() - t0) if self.args.verbose else "")

    def run_case(self, idx, case):
        if case.kind == "pg18":
            return self.run_pg18_case(idx, case)
        if case.kind == "shadow":
            return self.run_shadow_case(idx, case)
        t0 = time.monotonic()
        cw = os.path.join(self.work, "%03d-%s" % (idx, case.name))
        os.makedirs(cw)
        fails = []
        servers = {}
        timing = {}

        def release(tag):
            srv = servers.pop(tag, None)
            if srv is not None:
                srv.stop(wait=False)

        try:
            for p in (case.from_sql, case.to_sql):
                if not os.path.isfile(p):
                    raise StepFail("setup", "%s missing" % rel(p))
            expects = parse_expect(case.expect_file) if os.path.exists(case.expect_file) else []
            ts = time.monotonic()
            for tag in ("F", "M", "T"):
                try:
                    servers[tag] = self.pool.acquire()
                except PgliteError as e:
                    raise StepFail("setup", "PGlite: %s" % e)
            timing["wait-servers"] = time.monotonic() - ts
            F, M, T = servers["F"], servers["M"], servers["T"]
            self.log(case, "servers F=%s M=%s T=%s" % (F.url, M.url, T.url))
            ts = time.monotonic()
            self.load(case, F, case.from_sql, "from")
            self.load(case, M, case.from_sql, "from")
            self.load(case, T, case.to_sql, "to")
            timing["load"] = time.monotonic() - ts

            out = os.path.join(cw, "out")
            mig = os.path.join(out, "migration.sql")
            rb = os.path.join(out, "rollback.sql")
            texts = {}

            def plan():
                # exit 6: a blocking hazard not allowed (a dimension change); files written all the same
                self.sd(case, "plan", F, ["plan", "--from", F.url, "--to", case.to_sql, "--out", out], ok=(0, 6))
                for p in (mig, rb):
                    if not os.path.isfile(p):
                        raise StepFail("plan", "%s not written" % os.path.basename(p),
                                       "files in OUT: %s" % (", ".join(sorted(os.listdir(out)))
                                                             if os.path.isdir(out) else "(no directory)"))
                texts["migration"] = read(mig)
                texts["rollback"] = read(rb)

            def plan_text():
                r = self.sd(case, "plan-text", F, ["plan", "--from", F.url, "--to", case.to_sql], ok=(0, 6))
                texts["plan"] = r.out
                with open(os.path.join(cw, "plan.txt"), "w", encoding="utf-8") as f:
                    f.write(r.out)

            def fixpoint_from():
                self.equals(case, "fixpoint-from", F, case.from_sql, "F")

            def chain():
                if "migration" not in texts:
                    raise StepFail("migrate", "blocked: plan failed")
                self.apply(case, "migrate", M, mig)
                self.equals(case, "converge", M, case.to_sql, "M")
                self.apply(case, "idempotent", M, mig)
                self.equals(case, "idempotent", M, case.to_sql, "M")
                self.apply(case, "rollback", M, rb)
                self.equals(case, "rollback", M, case.from_sql, "M")

            def fixpoint_to():
                self.equals(case, "fixpoint-to", T, case.to_sql, "T")

            def verify():
                r = self.sd(case, "verify", T, ["verify", "--db", T.url, "--to", case.to_sql], ok=(0, 1))
                if r.rc != 0:
                    raise StepFail("verify", "`schemadiff verify --db URL(T) --to %s` exited 1 (drift) on the "
                                   "database built from that file" % rel(case.to_sql), testlib.head(r.out, 15))
                if "plan" not in texts:
                    return
                want = 0 if "No changes." in texts["plan"] else 1
                r = self.sd(case, "verify", F, ["verify", "--db", F.url, "--to", case.to_sql], ok=(0, 1))
                if r.rc != want:
                    raise StepFail("verify", "`schemadiff verify --db URL(F) --to %s` exited %d, but the plan "
                                   "from F %s" % (rel(case.to_sql), r.rc, "is empty" if want == 0 else "has changes"),
                                   testlib.head(r.out, 15) or testlib.head(texts["plan"], 10))

            def expect():
                for key, text in expects:
                    what = key.split("-")[0]
                    if what not in texts:
                        raise StepFail("expect", "%s: no %s to look in (an earlier step failed)" % (key, what))
                    if text not in texts[what]:
                        raise StepFail("expect", "%s: %r not found" % (key, text),
                                       "%s:\n%s" % (what, testlib.head(texts[what], 15)))

            steps = [("plan", plan), ("plan-text", plan_text), ("fixpoint-from", fixpoint_from),
                     ("fixpoint-to", fixpoint_to), ("verify", verify),
                     ("release F+T", lambda: (release("F"), release("T"))),
                     ("chain", chain), ("expect", expect)]
            for name, fn in steps:
                ts = time.monotonic()
                try:
                    fn()
                except StepFail as e:
                    fails.append(e)
                timing[name] = time.monotonic() - ts
        except StepFail as e:
            fails.append(e)
        finally:
            for tag in list(servers):
                release(tag)
        secs = time.monotonic() - t0
        if self.args.verbose:
            self.log(case, "timings: " + ", ".join("%s %.1fs" % kv for kv in timing.items()))
        if not fails:
            return True, "ok %s" % case.label + (" (%.1fs)" % secs if self.args.verbose else "")
        first = fails[0]
        lines = ["FAIL %s: %s: %s" % (case.label, first.step, first.reason)]
        if first.detail:
            lines.append(testlib.indent(first.detail))
        for e in fails[1:]:
            lines.append("    also %s: %s" % (e.step, e.reason))
            if self.args.verbose and e.detail:
                lines.append(testlib.indent(e.detail, "        | "))
        return False, "\n".join(lines)


def discover(args):
    cases = []

    def want(name):
        return not args.case or any(fnmatch.fnmatchcase(name, g) for g in args.case)

    if os.path.isdir(args.cases_dir):
        for name in sorted(os.listdir(args.cases_dir)):
            p = os.path.join(args.cases_dir, name)
            if not name.startswith(".") and os.path.isdir(p) and want(name):
                cases.append(Case(name, p, "pgvector"))
    if args.core_list and os.path.isfile(args.core_list):
        globs = []
        with open(args.core_list, encoding="utf-8") as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if line:
                    globs.append(line)
        names = sorted(n for n in os.listdir(args.core_cases_dir)
                       if os.path.isdir(os.path.join(args.core_cases_dir, n)))
        seen = set()
        for g in globs:
            hits = [n for n in names if fnmatch.fnmatchcase(n, g)]
            if not hits:
                print("run_pglite: %s: no case %r in %s" % (rel(args.core_list), g, rel(args.core_cases_dir)),
                      file=sys.stderr)
                sys.exit(2)
            for n in hits:
                if n not in seen and (want(n) or want("core/" + n)):
                    seen.add(n)
                    cases.append(Case(n, os.path.join(args.core_cases_dir, n), "core"))
    if args.pg18_dir and os.path.isdir(args.pg18_dir):
        for name in sorted(os.listdir(args.pg18_dir)):
            p = os.path.join(args.pg18_dir, name)
            if not name.startswith(".") and os.path.isdir(p) and (want(name) or want("pg18/" + name)):
                cases.append(Case(name, p, "pg18"))
    if args.shadow_dir and os.path.isdir(args.shadow_dir):
        for name in sorted(os.listdir(args.shadow_dir)):
            p = os.path.join(args.shadow_dir, name)
            if not name.startswith(".") and os.path.isdir(p) and (want(name) or want("shadow/" + name)):
                cases.append(Case(name, p, "shadow"))
    return cases


def main(argv=None):
    ap = argparse.ArgumentParser(description="Live-catalog tests of schemadiff on PGlite (PostgreSQL 18 + pgvector).",
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--schemadiff", default=os.path.join(ROOT, "build", "schemadiff"),
                    help="the executable under test (default build/schemadiff)")
    ap.add_argument("--cases-dir", default=os.path.join(HERE, "cases"),
                    help="pgvector case directories (default tests/pglite/cases)")
    ap.add_argument("--core-cases-dir", default=os.path.join(TESTS, "cases"),
                    help="the core suite's cases (default tests/cases)")
    ap.add_argument("--core-list", default=os.path.join(HERE, "core-cases"),
                    help="which core cases also run here (default tests/pglite/core-cases; '' for none)")
    ap.add_argument("--pg18-dir", default=os.path.join(HERE, "pg18"),
                    help="catalog cases only PostgreSQL 18 can make (default tests/pglite/pg18; '' for none)")
    ap.add_argument("--shadow-dir", default=os.path.join(HERE, "shadow"),
                    help="shadow-table cases (default tests/pglite/shadow; '' for none)")
    ap.add_argument("--case", action="append", default=[], metavar="GLOB",
                    help="only cases whose name matches GLOB (also as core/NAME, pg18/NAME, shadow/NAME; repeatable)")
    ap.add_argument("--jobs", "-j", type=int, default=2, help="cases run in parallel (default 2)")
    ap.add_argument("--ahead", type=int, default=3,
                    help="PGlite servers started ahead of use (default 3; ~0.5 GB each)")
    ap.add_argument("--extensions", default="vector",
                    help="extensions every server loads (default vector; PGlite contrib names, e.g. citext)")
    ap.add_argument("--timeout", type=float, default=60, help="seconds per command (default 60)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory (plans, server logs)")
    ap.add_argument("-v", "--verbose", action="store_true", help="log every command and the timings")
    args = ap.parse_args(argv)
    args.schemadiff = os.path.abspath(args.schemadiff)
    if not os.access(args.schemadiff, os.X_OK):
        print("run_pglite: %s: not an executable (build first: make build)" % args.schemadiff, file=sys.stderr)
        return 2

    cases = discover(args)
    if not cases:
        print("run_pglite: no cases%s" % (" matching " + " ".join(args.case) if args.case else ""), file=sys.stderr)
        print("0 passed, 0 failed")
        return 0

    def on_term(*_):
        raise KeyboardInterrupt()
    signal.signal(signal.SIGTERM, on_term)     # stop the servers and remove the work directory

    t0 = time.monotonic()
    work = tempfile.mkdtemp(prefix="sd-pglite-run-")
    passed = failed = 0
    try:
        try:
            pg = Pglite(workdir=os.path.join(work, "srv"))
        except PgliteError as e:
            print("run_pglite: PGlite cannot be set up: %s" % e, file=sys.stderr)
            return 2
        with pg:
            try:
                pg.image()
            except PgliteError as e:
                print("run_pglite: %s" % e, file=sys.stderr)
                return 2
            t_setup = time.monotonic() - t0
            print("PGlite: %s; %d case(s)" % (pg.version(), len(cases)), flush=True)
            pool = pg.pool(extensions=tuple(e for e in args.extensions.split(",") if e), ahead=max(1, args.ahead))
            runner = Runner(args, pool, work)
            ex = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs))
            try:
                for ok, text in ex.map(lambda ic: runner.run_case(*ic), enumerate(cases)):
                    print(text, flush=True)
                    if ok:
                        passed += 1
                    else:
                        failed += 1
            except BaseException:
                testlib.kill_all()
                raise
            finally:
                ex.shutdown(wait=False, cancel_futures=True)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    finally:
        if args.keep:
            print("work directory kept: %s" % work, file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("%d case(s) in %.1fs (PGlite setup %.1fs)" % (len(cases), time.monotonic() - t0, t_setup))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
