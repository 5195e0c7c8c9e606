#!/usr/bin/env python3
"""Tests of `--load-via-db` and `--dev-url` (parser/scratch.c) against a throwaway PostgreSQL 15
cluster (tests/pgcluster.py), which plays the --dev-url server.

1. Same plan: for the round-trip cases tests/cases/NAME (those of --part, default 0/6, and every
   do_* case), `plan --from from.sql --to to.sql` reading the files, and the same plan with both
   files loaded into scratch databases (`--load-via-db --dev-url URL`), must list the same
   changes and hazards (the plan text, but for the line naming the sources). The SQL printed
   may differ in spelling only: a loaded side's definitions are the server's deparse
   (`0::numeric`, `timestamp with time zone`), a file's are as written. A case the file reader
   refuses (exit 3) is skipped; a case it reads that the loaded plan cannot make fails. The roles
   the round-trip cases name (run_roundtrip.CASE_ROLES) exist on the server.
2. Scratch databases are always dropped: after every run, also failed ones, the server holds no
   database named schemadiff_scratch_*.
3. A name that exists is refused: schemadiff_scratch_<pid>_1 made before schemadiff starts (the
   child creates it, then execs schemadiff with the same pid): exit 4, the database untouched.
4. Without --dev-url a temporary cluster is started and removed: exit 0, and no
   schemadiff-scratch-* directory left in the temporary directory.

Usage: run_load_via_db.py --schemadiff build-asan/schemadiff [--case GLOB] [--part I/N] [-v]
"""
import argparse
import fnmatch
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402
from pgcluster import PgCluster  # noqa: E402
from run_roundtrip import CASE_ROLES  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STATE = re.compile(r"^Plan: .*$", re.M)


def in_part(name, part):
    i, n = (int(x) for x in part.split("/"))
    return zlib.crc32(name.encode("utf-8")) % n == i


def scrub(text):
    # a pre-flight line quotes the constraint as its reader spelled it (a
    # file's `balance >= 0`, the catalog's `balance >= 0::numeric`)
    return re.sub(r"(?m)^ *Pre-flight: not run .*\n", "", STATE.sub("", text))


def scratch_dbs(pg):
    rc, out, err = pg.psql("postgres", "SELECT datname FROM pg_database WHERE datname LIKE 'schemadiff_scratch%'")
    if rc != 0:
        raise RuntimeError("cannot list databases: %s" % err)
    return out.split()


def run_sd(args, work, timeout=300):
    r = testlib.run(args, timeout=timeout, env=testlib.child_env(), cwd=work)
    rep = testlib.sanitizer_report(r.err)
    return r, rep


def same_plan(pg, sd, case_dir, work, verbose):
    base = [sd, "plan", "--from", os.path.join(case_dir, "from.sql"), "--to", os.path.join(case_dir, "to.sql")]
    a, rep = run_sd(base, work)
    if rep:
        return "fail", "sanitizer report (files): " + rep
    if a.rc == 3:
        return "skip", "the file reader refuses it"
    if a.rc not in (0, 6):  # 6: a blocking hazard not allowed; the plan is still printed
        return "fail", "files plan exit %d: %s" % (a.rc, testlib.head(a.err))
    b, rep = run_sd(base + ["--load-via-db", "--dev-url", pg.url("postgres")], work)
    if rep:
        return "fail", "sanitizer report (--load-via-db): " + rep
    left = scratch_dbs(pg)
    if left:
        return "fail", "scratch databases left behind: %s" % left
    if b.rc != a.rc:  # the same hazards gate both
        return "fail", "--load-via-db plan exit %d (files: %d): %s" % (b.rc, a.rc, testlib.head(b.err))
    x, y = scrub(a.out), scrub(b.out)
    if x != y:
        import difflib
        d = "".join(difflib.unified_diff(x.splitlines(True), y.splitlines(True), "files", "load-via-db", n=1))
        return "fail", "the plans differ:\n%s" % testlib.head(d, 40)
    return "ok", ""


def refused_when_exists(pg, sd, work):
    x = os.path.join(work, "x.sql")
    with open(x, "w") as f:
        f.write("CREATE TABLE t (id int);\n")
    env = testlib.child_env()
    pid = os.fork()
    if pid == 0:
        try:
            name = "schemadiff_scratch_%d_1" % os.getpid()
            subprocess.run([pg.psql_bin, "-X", "-q", "-d", pg.conninfo("postgres"), "-c",
                            'CREATE DATABASE "%s"' % name], check=True, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            subprocess.run([pg.psql_bin, "-X", "-q", "-d", pg.conninfo(name), "-c",
                            "CREATE TABLE keep_me (id int)"], check=True, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            err = os.open(os.path.join(work, "refused.err"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(err, 2)
            os.execve(sd, [sd, "plan", "--from", "empty", "--to", x, "--load-via-db", "--dev-url",
                           pg.url("postgres")], env)
        except BaseException:
            os._exit(99)
    _, status = os.waitpid(pid, 0)
    rc = os.waitstatus_to_exitcode(status)
    name = "schemadiff_scratch_%d_1" % pid
    err = testlib.read(os.path.join(work, "refused.err"))
    try:
        if rc != 4:
            return "fail", "exit %d, want 4: %s" % (rc, testlib.head(err))
        if "already exists" not in err or name not in err:
            return "fail", "the message does not name the database: %s" % testlib.head(err)
        r2 = pg.psql(name, "SELECT count(*) FROM keep_me")
        if r2[0] != 0:
            return "fail", "the existing database was changed: %s" % r2[2]
        return "ok", ""
    finally:
        pg.dropdb(name)


def errors_drop_too(pg, sd, work):
    x = os.path.join(work, "bad.sql")
    with open(x, "w") as f:
        f.write("CREATE TABLE t (id int);\n-- comment\nCREATE VIEW v AS\n  SELECT nosuch FROM t;\n")
    r, rep = run_sd([sd, "plan", "--from", "empty", "--to", x, "--load-via-db", "--dev-url", pg.url("postgres")],
                    work)
    if rep:
        return "fail", "sanitizer report: " + rep
    want = "%s:4:10: error: column \"nosuch\" does not exist" % x
    if r.rc != 3 or not r.err.startswith(want):
        return "fail", "exit %d, want 3 and %r: %s" % (r.rc, want, testlib.head(r.err))
    left = scratch_dbs(pg)
    if left:
        return "fail", "scratch databases left behind after an error: %s" % left
    return "ok", ""


def temp_cluster(sd, work):
    tmp = os.path.join(work, "tmp")
    os.makedirs(tmp)
    # as root the server runs as user postgres, which must reach its directory
    os.chmod(work, 0o755)
    os.chmod(tmp, 0o1777)
    x = os.path.join(work, "loop.sql")
    with open(x, "w") as f:
        f.write("CREATE TABLE t (id int PRIMARY KEY, s text);\n"
                "DO $$ BEGIN FOR i IN 1..2 LOOP EXECUTE format('CREATE TABLE p%s (id int)', i); END LOOP; END $$;\n"
                "INSERT INTO t VALUES (1, 'a');\nUPDATE t SET s = 'b';\n")
    env = testlib.child_env({"TMPDIR": tmp})
    r = testlib.run([sd, "plan", "--from", "empty", "--to", x, "--load-via-db", "--format", "sql"],
                    timeout=300, env=env, cwd=work)
    rep = testlib.sanitizer_report(r.err)
    if rep:
        return "fail", "sanitizer report: " + rep
    if r.rc != 0:
        return "fail", "exit %d: %s" % (r.rc, testlib.head(r.err))
    for want in ("CREATE TABLE IF NOT EXISTS public.p1", "CREATE TABLE IF NOT EXISTS public.p2"):
        if want not in r.out:
            return "fail", "the plan lacks %r" % want
    if "OWNER TO" in r.out:
        return "fail", "the loading role's ownership reached the plan"
    left = os.listdir(tmp)
    if left:
        return "fail", "left in TMPDIR: %s" % left
    return "ok", ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--schemadiff", default=os.path.join(ROOT, "build", "schemadiff"))
    ap.add_argument("--cases-dir", default=os.path.join(ROOT, "tests", "cases"))
    ap.add_argument("--case", action="append", default=[])
    ap.add_argument("--part", default="0/6")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    sd = os.path.abspath(args.schemadiff)
    cases = sorted(d for d in glob.glob(os.path.join(args.cases_dir, "*")) if os.path.isdir(d))
    if args.case:
        cases = [d for d in cases if any(fnmatch.fnmatch(os.path.basename(d), g) for g in args.case)]
    else:
        cases = [d for d in cases if os.path.basename(d).startswith("do_") or
                 in_part(os.path.basename(d), args.part)]
    results = []
    work = tempfile.mkdtemp(prefix="schemadiff-lvd-")
    try:
        with PgCluster() as pg:
            pg.create_roles(CASE_ROLES)
            checks = [("same_plan " + os.path.basename(c), lambda c=c: same_plan(pg, sd, c, work, args.verbose))
                      for c in cases]
            if not args.case:
                checks += [("errors_drop_too", lambda: errors_drop_too(pg, sd, work)),
                           ("refused_when_exists", lambda: refused_when_exists(pg, sd, work)),
                           ("temp_cluster", lambda: temp_cluster(sd, work))]
            for name, fn in checks:
                try:
                    status, detail = fn()
                except Exception as e:  # a runner error is a failure, never a pass
                    status, detail = "fail", "runner error: %r" % e
                results.append((name, status))
                if status == "fail" or args.verbose:
                    print("%s %s%s" % ("FAIL" if status == "fail" else status, name,
                                       (": " + detail) if detail else ""), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    n_ok = sum(1 for _, s in results if s == "ok")
    n_skip = sum(1 for _, s in results if s == "skip")
    n_fail = sum(1 for _, s in results if s == "fail")
    print("%d passed, %d skipped, %d failed" % (n_ok, n_skip, n_fail))
    return 1 if n_fail or not n_ok else 0


if __name__ == "__main__":
    sys.exit(main())
