#!/usr/bin/env python3
"""Tests of schemadiff against live databases: verify, schema filters, connection errors,
passwords, libpq's environment, unsupported objects, extensions and dump.

Each directory tests/live/NAME/ (--cases-dir) is one case, run in its own fresh database
`lv_NAME` of one throwaway PostgreSQL 15 cluster (tests/pgcluster.py), cases one after another:

  setup.sql   optional: run first in the case database as the superuser (psql -X -v ON_ERROR_STOP=1
              -v db=lv_NAME, so the script can say :"db" for the database's name). Roles are
              global to the cluster: a case that creates one gives it a name no other case uses.
  steps       what to run and what to expect, one directive a line (below)
  *.sql ...   any other files the steps name (schemadiff's working directory is the case directory)

Directives of `steps` (blank lines and lines starting with # are ignored):

  $ ARGS            run `schemadiff ARGS` (split like a shell would; placeholders expanded)
  env NAME=VALUE    an environment variable for the next `$` only (repeatable). schemadiff runs
                    without the caller's PG* variables (PGCLIENTENCODING=UTF8 and
                    PGCONNECT_TIMEOUT=20 are set), so a case sets the ones it means to test
  unset NAME        the next `$` runs without the environment variable NAME
  exit N            the exit code of the last `$` (every `$` must be followed by one)
  stdout:           the exact standard output of the last `$`: the `| ` lines that follow, each
                    `| TEXT` one line TEXT (a bare `|` is an empty line); no such line: empty
  stderr:           the same for standard error
  json:             standard output holds exactly these JSON objects, one a line, in this order:
                    each following `| ` line is parsed and compared as JSON (keys and values)
  contains: TEXT    standard output contains TEXT (repeatable)
  stderr-contains: TEXT    standard error contains TEXT (repeatable)
  lacks: TEXT       standard output and standard error do not contain TEXT (repeatable)
  save PATH         write the last `$`'s standard output to PATH
  file PATH contains: TEXT    the file PATH exists and contains TEXT
  no-file PATH      PATH does not exist
  file PATH lacks: TEXT       the file PATH exists and does not contain TEXT
  sql SQL           run SQL in the case database as the superuser (psql -c, in the case
                    directory: `sql \\i {out}/migration.sql` applies a plan); it must succeed
  sql@DB SQL        the same in database DB (e.g. sql@postgres CREATE DATABASE {db}_copy)
  stdout-file PATH  the last `$`'s standard output is byte for byte the content of PATH
  write PATH        write the `| ` lines that follow to PATH (mode 0600, e.g. a .pgpass file)

Placeholders in ARGS, VALUEs, SQL, PATHs and expected text:
  {db} the case database   {host} the cluster's socket directory   {port} its port
  {url} postgresql://postgres@/{db}?host={host}&port={port}
  {dir} the case directory   {work} a fresh work directory for the case
  {out} {work}/out, which does not exist until schemadiff writes it
  {noport} a port no server listens on
Standard output and error are compared after the same substitution backwards: the text
schemadiff printed with the expansions of {url}, {work}, {dir}, {host}, {db} (and the port in
`.s.PGSQL.PORT` and `port=PORT`) replaced by their names, and every state fingerprint
`(state 0123456789abcdef)` by `(state {fp})`.

Checked for every `$`, whatever the case says: no sanitizer report; no time-out; the passwords
in SECRETS below never appear in standard output or error; when the exit code is an error (2 to
5) and the arguments name {out}, {out} was not created (exit 6, a plan refused for its hazards,
writes its files for review). At the end of a case: no file under
{work}, except those written by `write`, holds one of SECRETS. When a check fails, the checks
left for that command are skipped and the case goes on with its next `$`, so that one run
reports every failure of a case (the first in full, the others in a line, in full with -v).

The cluster allows password logins (scram-sha-256) for the role `pw_user` only, trust otherwise;
the case that uses `pw_user` creates it. Its server runs with PGCLIENTENCODING=UTF8 in its
environment (tests/pgcluster.py), which makes UTF8 the default client encoding of every session:
a case about encodings sets the database's own default (ALTER DATABASE ... SET client_encoding).

Output: `ok NAME` or `FAIL NAME: line N: reason` per case, then `N passed, M failed`. Exit status 0
when every case passed, 1 otherwise, 2 on usage error or when the cluster cannot start.
"""

import argparse
import difflib
import fnmatch
import json
import os
import re
import shlex
import shutil
import socket
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import testlib  # noqa: E402
from pgcluster import PgCluster, ClusterError  # noqa: E402

# Passwords the cases use; none may ever be printed or written by schemadiff.
SECRETS = ("S3cretPw", "RightPw", "SslS3cret", "KvS3cret")


class CaseFail(Exception):
    def __init__(self, line, reason, detail=""):
        super().__init__(reason)
        self.line, self.reason, self.detail = line, reason, detail


read = testlib.read


def unused_port(pg_port):
    # a TCP port free right now, other than the cluster's: nothing listens on its unix socket
    while True:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        if port != pg_port:
            return port


def rewrite_blocks(path, updates):
    """--update: replace the `| ` block after each `stdout:` line (1-based) with the output."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for n, count, text in sorted(updates, reverse=True):
        block = ["| " + l if l else "|" for l in text.splitlines()]
        lines[n:n + count] = block
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def parse_steps(path):
    """[(lineno, directive, arg, block)] where block is the list of `| ` lines that follow."""
    steps = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    i = 0
    while i < len(lines):
        n, line = i + 1, lines[i]
        i += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("|"):
            raise CaseFail(n, "bad steps: a `|` line outside a stdout:/stderr:/json:/write block")
        if line.startswith("$ "):
            d, arg = "$", line[2:].strip()
        elif line.startswith("file ") and " contains: " in line:
            p, _, text = line[5:].partition(" contains: ")
            d, arg = "file-contains", (p.strip(), text)
        elif line.startswith("file ") and " lacks: " in line:
            p, _, text = line[5:].partition(" lacks: ")
            d, arg = "file-lacks", (p.strip(), text)
        else:
            m = re.match(r"(stdout:|stderr:|json:|contains:|stderr-contains:|lacks:|exit|env|unset|save|no-file|"
                         r"sql(?:@\S+)?|write|stdout-file)(?:\s+(.*))?$", line)
            if not m:
                raise CaseFail(n, "bad steps: unknown directive %r" % line)
            d, arg = m.group(1).rstrip(":"), (m.group(2) or "")
        block = None
        if d in ("stdout", "stderr", "json", "write"):
            block = []
            while i < len(lines) and lines[i].startswith("|"):
                t = lines[i]
                if t != "|" and not t.startswith("| "):
                    raise CaseFail(i + 1, "bad steps: a block line is `| TEXT` or a bare `|`")
                block.append(t[2:])
                i += 1
        steps.append((n, d, arg, block))
    return steps


class Runner:
    def __init__(self, args, pg, work):
        self.args, self.pg, self.work = args, pg, work
        self.noport = unused_port(pg.port)

    def log(self, name, msg):
        if self.args.verbose:
            sys.stderr.write("[%s] %s\n" % (name, msg))

    def psql(self, db, sql=None, path=None, variables=None, cwd=None):
        cmd = [self.pg.psql_bin, "-X", "-q", "-v", "ON_ERROR_STOP=1"]
        for k, v in (variables or {}).items():
            cmd += ["-v", "%s=%s" % (k, v)]
        cmd += ["-d", self.pg.conninfo(db)] + (["-c", sql] if sql is not None else ["-f", path])
        return testlib.run(cmd, timeout=self.args.timeout, env=testlib.child_env(), cwd=cwd)

    def run_case(self, name, cdir):
        cdir = os.path.abspath(cdir)
        cw = os.path.join(self.work, name)
        os.makedirs(cw)
        db = "lv_" + name
        ph = {"db": db, "host": self.pg.dir, "port": str(self.pg.port), "dir": cdir, "work": cw,
              "out": os.path.join(cw, "out"), "noport": str(self.noport)}
        ph["url"] = "postgresql://postgres@/%s?host=%s&port=%s" % (db, ph["host"], ph["port"])

        def expand(text):
            return re.sub(r"\{(db|host|port|dir|work|out|noport|url)\}", lambda m: ph[m.group(1)], text)

        def unexpand(text):
            for key in ("url", "work", "dir", "host", "db"):
                text = text.replace(ph[key], "{%s}" % key)
            text = text.replace(".s.PGSQL.%s" % ph["port"], ".s.PGSQL.{port}")
            text = re.sub(r"\bport=%s\b" % ph["port"], "port={port}", text)
            return re.sub(r"\(state [0-9a-f]{16}\)", "(state {fp})", text)

        written = set()
        fails = []          # failed checks; the case goes on with its next command
        updates = []        # --update: (line of `stdout:`, lines of its block, new output)
        created = False
        try:
            if not os.path.isfile(os.path.join(cdir, "steps")):
                raise CaseFail(0, "bad case: no `steps` file")
            steps = parse_steps(os.path.join(cdir, "steps"))
            self.pg.createdb(db)
            created = True
            setup = os.path.join(cdir, "setup.sql")
            if os.path.isfile(setup):
                r = self.psql(db, path=setup, variables={"db": db})
                if r.rc != 0:
                    raise CaseFail(0, "setup.sql failed (psql exit %s): fix the case" % r.rc, testlib.head(r.err))
            env_next = {}
            skipping = False
            last = None          # (lineno, argv, Result, the `$` line)
            need_exit = None     # line of a `$` still waiting for its `exit`
            for n, d, arg, block in steps:
                if skipping and not (d in ("$", "env", "unset", "write") or d.startswith("sql")):
                    if d == "exit":
                        need_exit = None
                    continue       # the checks of a command that already failed
                skipping = False
                try:
                    if d == "$":
                        if need_exit:
                            raise CaseFail(need_exit, "bad steps: `$` without an `exit` line after it")
                        try:
                            argv = [expand(a) for a in shlex.split(arg)]
                        except ValueError as e:
                            raise CaseFail(n, "bad steps: cannot split the command: %s" % e)
                        env = testlib.child_env({k: v for k, v in env_next.items() if v is not None})
                        for k in [k for k, v in env_next.items() if v is None]:
                            env.pop(k, None)
                        env_next = {}
                        self.log(name, "$ schemadiff " + " ".join(shlex.quote(a) for a in argv))
                        r = testlib.run([self.args.schemadiff] + argv, timeout=self.args.timeout, env=env, cwd=cdir)
                        self.log(name, "  -> exit %s in %.2fs" % (r.rc, r.seconds))
                        rep = testlib.sanitizer_report(r.err)
                        if rep:
                            raise CaseFail(n, "sanitizer report", rep)
                        if r.timed_out:
                            raise CaseFail(n, "timed out after %ss" % self.args.timeout)
                        for s in SECRETS:
                            if s in r.out or s in r.err:
                                raise CaseFail(n, "the password %r was printed (on %s)" % (
                                    s, "standard output" if s in r.out else "standard error"),
                                    testlib.head(r.out + "\n" + r.err, 12))
                        # exit 6 (a plan refused for its hazards) writes its files, for review
                        if r.rc >= 2 and r.rc != 6 and any("{out}" in a for a in shlex.split(arg)) \
                                and os.path.exists(ph["out"]):
                            raise CaseFail(n, "exit %s, but %s was created" % (r.rc, "{out}"),
                                           "holds: %s" % ", ".join(sorted(os.listdir(ph["out"])))
                                           if os.path.isdir(ph["out"]) else "")
                        last = (n, argv, r, arg)
                        need_exit = n
                        continue
                    if d == "unset":
                        env_next[arg.strip()] = None
                        continue
                    if d == "env":
                        k, sep, v = arg.partition("=")
                        if not sep or not k:
                            raise CaseFail(n, "bad steps: env NAME=VALUE")
                        env_next[k] = expand(v)
                        continue
                    if d.startswith("sql"):
                        r = self.psql(expand(d[4:]) if d.startswith("sql@") else db, sql=expand(arg), cwd=cdir)
                        if r.rc != 0:
                            raise CaseFail(n, "sql failed (psql exit %s)" % r.rc, testlib.head(r.err))
                        continue
                    if d == "write":
                        p = expand(arg)
                        os.makedirs(os.path.dirname(p), exist_ok=True)
                        with open(p, "w", encoding="utf-8") as f:
                            f.write("".join(expand(b) + "\n" for b in block))
                        os.chmod(p, 0o600)
                        written.add(os.path.realpath(p))
                        continue
                    if d == "no-file":
                        if os.path.exists(expand(arg)):
                            raise CaseFail(n, "%s exists" % arg)
                        continue
                    if d == "file-contains":
                        p, text = expand(arg[0]), expand(arg[1])
                        if not os.path.isfile(p):
                            raise CaseFail(n, "%s was not written" % arg[0])
                        if text not in read(p):
                            raise CaseFail(n, "%s lacks %r" % (arg[0], arg[1]), testlib.head(read(p), 12))
                        continue
                    if d == "file-lacks":
                        p, text = expand(arg[0]), expand(arg[1])
                        if not os.path.isfile(p):
                            raise CaseFail(n, "%s was not written" % arg[0])
                        if text in read(p):
                            raise CaseFail(n, "%s contains %r" % (arg[0], arg[1]),
                                           testlib.head("\n".join(l for l in read(p).splitlines() if text in l)))
                        continue
                    # the rest look at the last command
                    if last is None:
                        raise CaseFail(n, "bad steps: `%s` before any `$`" % d)
                    ln, argv, r, _ = last
                    out, err = unexpand(r.out), unexpand(r.err)
                    if d == "exit":
                        need_exit = None
                        try:
                            want = int(arg)
                        except ValueError:
                            raise CaseFail(n, "bad steps: exit takes a number")
                        if r.rc != want:
                            raise CaseFail(ln, "exit %s, want %s" % (r.rc, want),
                                           "stderr:\n%s\nstdout:\n%s" % (testlib.head(err, 8) or "(empty)",
                                                                         testlib.head(out, 12) or "(empty)"))
                    elif d in ("stdout", "stderr"):
                        want = "".join(expand(b) + "\n" for b in block)
                        want = unexpand(want)
                        got = out if d == "stdout" else err
                        if got != want and self.args.update and d == "stdout":
                            updates.append((n, len(block), unexpand(got)))
                        elif got != want:
                            diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                                                "expected " + d, "actual " + d, n=2))
                            raise CaseFail(n, "%s differs" % d, testlib.head(diff, 30, width=500))
                    elif d == "json":
                        got_lines = [l for l in r.out.splitlines() if l.strip()]
                        got = []
                        for l in got_lines:
                            try:
                                got.append(json.loads(l))
                            except ValueError as e:
                                raise CaseFail(n, "standard output is not one JSON object a line: %s" % e,
                                               testlib.head(r.out, 12))
                        if len(got_lines) != len(r.out.splitlines()):
                            raise CaseFail(n, "standard output holds empty lines between the JSON objects")
                        want = []
                        for b in block:
                            try:
                                want.append(json.loads(expand(b)))
                            except ValueError as e:
                                raise CaseFail(n, "bad steps: expected JSON does not parse: %s" % e)
                        got = [json.loads(unexpand(json.dumps(o))) for o in got]
                        want = [json.loads(unexpand(json.dumps(o))) for o in want]
                        if got != want:
                            raise CaseFail(n, "JSON differs", "expected:\n%s\nactual:\n%s" % (
                                "\n".join(json.dumps(o, sort_keys=True) for o in want) or "(nothing)",
                                "\n".join(json.dumps(o, sort_keys=True) for o in got) or "(nothing)"))
                    elif d == "contains":
                        if unexpand(expand(arg)) not in out:
                            raise CaseFail(n, "standard output lacks %r" % arg, testlib.head(out, 15))
                    elif d == "stderr-contains":
                        if unexpand(expand(arg)) not in err:
                            raise CaseFail(n, "standard error lacks %r" % arg, testlib.head(err, 15) or "(empty)")
                    elif d == "lacks":
                        t = unexpand(expand(arg))
                        if t in out or t in err:
                            where = "standard output" if t in out else "standard error"
                            raise CaseFail(n, "%s holds %r" % (where, arg), testlib.head(out if t in out else err, 15))
                    elif d == "stdout-file":
                        want = read(expand(arg))
                        if r.out != want:
                            diff = "".join(difflib.unified_diff(want.splitlines(True), r.out.splitlines(True),
                                                                arg, "actual stdout", n=2))
                            raise CaseFail(n, "standard output differs from %s" % arg, testlib.head(diff, 30, 500))
                    elif d == "save":
                        p = expand(arg)
                        with open(p, "w", encoding="utf-8") as f:
                            f.write(r.out)
                except CaseFail as e:
                    if e.reason.startswith("bad steps"):
                        raise
                    if d == "$":
                        e.cmd = arg
                    elif last is not None:
                        e.cmd = last[3]
                    fails.append(e)
                    skipping = True
                    if d == "exit":
                        need_exit = None
            if need_exit:
                raise CaseFail(need_exit, "bad steps: `$` without an `exit` line after it")
            # nothing schemadiff wrote may hold a password
            for d, dirs, files in os.walk(cw):
                for f in files:
                    p = os.path.join(d, f)
                    if os.path.realpath(p) in written:
                        continue
                    text = read(p)
                    for s in SECRETS:
                        if s in text:
                            raise CaseFail(0, "the password %r was written into %s" % (s, unexpand(p)),
                                           testlib.head("\n".join(l for l in text.splitlines() if s in l)))
            if updates:
                rewrite_blocks(os.path.join(cdir, "steps"), updates)
            if fails:
                raise fails[0]
        except CaseFail as e:
            fails = [f for f in fails if f is not e]
            text = "FAIL %s: %s%s" % (name, "line %d: " % e.line if e.line else "", e.reason)
            if getattr(e, "cmd", None):
                text += "\n    | $ schemadiff %s" % e.cmd
            if e.detail:
                text += "\n" + testlib.indent(e.detail)
            for f in fails:
                text += "\n    also line %d: %s" % (f.line, f.reason)
                if getattr(f, "cmd", None):
                    text += " ($ schemadiff %s)" % f.cmd
                if self.args.verbose and f.detail:
                    text += "\n" + testlib.indent(f.detail, "        | ")
            return False, text
        except ClusterError as e:
            return False, "FAIL %s: cluster: %s" % (name, e)
        except OSError as e:
            return False, "FAIL %s: %s" % (name, e)
        finally:
            if created:
                try:
                    self.pg.dropdb(db)
                except ClusterError:
                    pass
        return True, "ok %s" % name


def allow_password_logins(pg):
    """Password (scram-sha-256) authentication for the role pw_user; trust stays for the rest."""
    hba = os.path.join(pg.dir, "data", "pg_hba.conf")
    with open(hba, encoding="utf-8") as f:
        old = f.read()
    with open(hba, "w", encoding="utf-8") as f:
        f.write("local all pw_user scram-sha-256\n" + old)
    rc, out, err = pg.psql("postgres", "SELECT pg_reload_conf()")
    if rc != 0:
        raise ClusterError("cannot reload pg_hba.conf: %s" % testlib.head(err))


def main(argv=None):
    ap = argparse.ArgumentParser(description="Tests of schemadiff against live databases.",
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--schemadiff", default=os.path.join(ROOT, "build", "schemadiff"),
                    help="the executable under test (default build/schemadiff)")
    ap.add_argument("--cases-dir", default=os.path.join(ROOT, "tests", "live"),
                    help="directory of case directories (default tests/live)")
    ap.add_argument("--case", action="append", default=[], metavar="GLOB",
                    help="only cases whose name matches GLOB (repeatable)")
    ap.add_argument("--timeout", type=float, default=60, help="seconds per command (default 60)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument("--update", action="store_true",
                    help="rewrite each differing stdout: block with the actual output (check each by eye)")
    ap.add_argument("-v", "--verbose", action="store_true", help="log every command")
    args = ap.parse_args(argv)
    args.schemadiff = os.path.abspath(args.schemadiff)
    if not os.access(args.schemadiff, os.X_OK):
        print("run_live: %s: not an executable (build first: make build)" % args.schemadiff, file=sys.stderr)
        return 2
    names = []
    if os.path.isdir(args.cases_dir):
        names = [n for n in sorted(os.listdir(args.cases_dir))
                 if not n.startswith(".") and os.path.isdir(os.path.join(args.cases_dir, n))
                 and (not args.case or any(fnmatch.fnmatchcase(n, g) for g in args.case))]
    if not names:
        print("run_live: no cases in %s" % args.cases_dir, file=sys.stderr)
        print("0 passed, 0 failed")
        return 0
    bad = [n for n in names if not re.match(r"^[a-z0-9_]{1,60}$", n)]
    if bad:
        print("run_live: case names are lowercase letters, digits and _ (they name databases): %s"
              % ", ".join(bad), file=sys.stderr)
        return 2

    work = tempfile.mkdtemp(prefix="schemadiff-live-")
    passed = failed = 0
    t0 = time.monotonic()
    try:
        with PgCluster() as pg:
            allow_password_logins(pg)
            runner = Runner(args, pg, work)
            for n in names:
                ok, text = runner.run_case(n, os.path.join(args.cases_dir, n))
                print(text, flush=True)
                passed += ok
                failed += not ok
    except KeyboardInterrupt:
        testlib.kill_all()
        print("\ninterrupted", file=sys.stderr)
        return 130
    except ClusterError as e:
        print("run_live: %s" % e, file=sys.stderr)
        return 2
    finally:
        if args.keep:
            print("work directory kept: %s" % work, file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    if args.verbose:
        print("%d case(s) in %.1fs" % (len(names), time.monotonic() - t0), file=sys.stderr)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
