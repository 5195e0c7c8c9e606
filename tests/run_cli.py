#!/usr/bin/env python3
"""Data-driven command-line and error tests of schemadiff.

Each directory tests/errors/NAME/ (--errors-dir) is one case:

  args             one line: the arguments after `schemadiff`, split like a shell would (shlex);
                   `{dir}` is replaced by the case directory's absolute path and `{out}` by a
                   fresh, not yet existing output directory. schemadiff runs with the case
                   directory as its working directory, so relative names work too.
  exit             the expected exit code
  stderr           optional: the exact expected standard error, after the case directory's
                   path is replaced by `{dir}` and the output directory's by `{out}`
  stdout-contains  optional: every non-empty line of it must occur in standard output
  stdout           optional golden: the exact standard output
  out/NAME         optional golden: the exact content of file NAME written into {out}
  out-absent       optional: names (one a line) that must not exist in {out} after the run
  stdin            optional: fed to standard input (for SRC `-`); otherwise stdin is empty
  setup            optional: a shell script run (`sh setup`) before schemadiff, with its working
                   directory a fresh copy of the case directory (the case then runs in that copy:
                   {dir} is the copy) and `$OUT` set to {out}. For inputs git cannot hold (FIFOs,
                   symbolic link loops, dangling links, generated large or deep files) and for
                   what {out} must hold first (an older plan, a directory where a file must go, a
                   file where {out} must be). A failing setup fails the case.

Checks: the exit code; stderr (when the file exists); when the exit code is not 0 (nor 6),
`{out}` was not created or is empty (no partial output) or, when `setup` made it, is exactly as
`setup` left it (same names, kinds and contents); exit 6 (a plan refused for hazards not
allowed) writes its files all the same: when `args` names {out}, it must then hold
migration.sql, rollback.sql and plan.json; {out} never keeps a hidden file (a temporary) that
`setup` did not make; no sanitizer report on stderr.

`--update` (re)writes every case's `stderr` file from the actual output, for review with
`git diff`; the other checks still run. Output: `ok NAME` / `FAIL NAME: reason` per case,
then `N passed, M failed`; exit status 1 when a case failed, 2 on usage error.
"""

import argparse
import difflib
import fnmatch
import os
import shlex
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import testlib  # noqa: E402


class CaseError(Exception):
    def __init__(self, reason, detail=""):
        super().__init__(reason)
        self.reason, self.detail = reason, detail


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def snapshot(path):
    """What is at path: None, or {relative name: kind and content} of everything under it."""
    if not os.path.lexists(path):
        return None
    def one(p):
        if os.path.islink(p):
            return ("link", os.readlink(p))
        if os.path.isdir(p):
            return ("dir",)
        if os.path.isfile(p):
            with open(p, "rb") as f:
                return ("file", f.read())
        return ("other",)
    snap = {".": one(path)}
    if snap["."] == ("dir",):
        for root, dirs, files in os.walk(path):
            for n in dirs + files:
                full = os.path.join(root, n)
                snap[os.path.relpath(full, path)] = one(full)
    return snap


def run_case(args, name, cdir, work):
    """Returns (ok, text, updated)."""
    cdir = os.path.abspath(cdir)
    updated = False
    try:
        for req in ("args", "exit"):
            if not os.path.isfile(os.path.join(cdir, req)):
                raise CaseError("bad case: no `%s` file" % req)
        lines = [l for l in read(os.path.join(cdir, "args")).splitlines() if l.strip()]
        if len(lines) != 1:
            raise CaseError("bad case: `args` must hold exactly one line (has %d)" % len(lines))
        try:
            want_rc = int(read(os.path.join(cdir, "exit")).strip())
        except ValueError:
            raise CaseError("bad case: `exit` is not a number")
        out_dir = os.path.join(work, name, "out")
        os.makedirs(os.path.dirname(out_dir))
        golden_cdir = cdir  # goldens are read and --update written in the case itself
        before = None
        if os.path.isfile(os.path.join(cdir, "setup")):
            copy = os.path.join(work, name, "case")
            shutil.copytree(cdir, copy, symlinks=True)
            r = testlib.run(["sh", "setup"], timeout=args.timeout, env=dict(testlib.child_env(), OUT=out_dir),
                            cwd=copy)
            if r.rc != 0 or r.timed_out:
                raise CaseError("setup failed (exit %s)" % r.rc, testlib.head(r.err, 10))
            cdir = copy
            before = snapshot(out_dir)
        try:
            argv = [t.replace("{dir}", cdir).replace("{out}", out_dir) for t in shlex.split(lines[0])]
        except ValueError as e:
            raise CaseError("bad case: cannot split `args`: %s" % e)
        stdin_file = os.path.join(cdir, "stdin")
        stdin = open(stdin_file, "rb").read() if os.path.isfile(stdin_file) else b""

        if args.verbose:
            sys.stderr.write("[%s] $ schemadiff %s\n" % (name, " ".join(shlex.quote(a) for a in argv)))
        r = testlib.run([args.schemadiff] + argv, timeout=args.timeout, env=testlib.child_env(), cwd=cdir,
                        input_bytes=stdin)
        if args.verbose:
            sys.stderr.write("[%s]   -> exit %s in %.2fs\n" % (name, r.rc, r.seconds))

        rep = testlib.sanitizer_report(r.err)
        if rep:
            raise CaseError("sanitizer report", rep)
        if r.timed_out:
            raise CaseError("timed out after %ss" % args.timeout)

        err = r.err
        for path in sorted({out_dir, os.path.realpath(out_dir)}, key=len, reverse=True):
            err = err.replace(path, "{out}")
        for path in sorted({cdir, os.path.realpath(cdir)}, key=len, reverse=True):
            err = err.replace(path, "{dir}")

        problems = []
        details = []
        if r.rc != want_rc:
            problems.append("exit %s, want %s" % (r.rc, want_rc))
            details.append("stderr:\n" + testlib.head(err, 10) if err.strip() else "(stderr empty)")
        err_file = os.path.join(golden_cdir, "stderr")
        if args.update:
            if not os.path.isfile(err_file) or read(err_file) != err:
                with open(err_file, "w", encoding="utf-8") as f:
                    f.write(err)
                updated = True
        elif os.path.isfile(err_file):
            want_err = read(err_file)
            if err != want_err:
                problems.append("stderr differs")
                diff = "".join(difflib.unified_diff(want_err.splitlines(True), err.splitlines(True),
                                                    "expected stderr", "actual stderr", n=1))
                details.append(testlib.head(diff, 25, width=500))
        # golden files: `stdout` (exact standard output) and `out/NAME` (exact
        # content of a file the run wrote into {out}); --update rewrites the
        # ones that exist, for review with git diff
        out_text = r.out
        for path in sorted({out_dir, os.path.realpath(out_dir)}, key=len, reverse=True):
            out_text = out_text.replace(path, "{out}")
        for path in sorted({cdir, os.path.realpath(cdir)}, key=len, reverse=True):
            out_text = out_text.replace(path, "{dir}")
        goldens = []
        if os.path.isfile(os.path.join(golden_cdir, "stdout")):
            goldens.append((os.path.join(golden_cdir, "stdout"), out_text, "stdout"))
        golden_dir = os.path.join(golden_cdir, "out")
        if os.path.isdir(golden_dir):
            for gname in sorted(os.listdir(golden_dir)):
                produced = os.path.join(out_dir, gname)
                got = read(produced) if os.path.isfile(produced) else None
                if got is not None:
                    for path in sorted({cdir, os.path.realpath(cdir)}, key=len, reverse=True):
                        got = got.replace(path, "{dir}")
                goldens.append((os.path.join(golden_dir, gname), got, "{out}/" + gname))
        for gpath, got, label in goldens:
            if got is None:
                problems.append("%s was not written" % label)
            elif args.update:
                if read(gpath) != got:
                    with open(gpath, "w", encoding="utf-8") as f:
                        f.write(got)
                    updated = True
            elif read(gpath) != got:
                problems.append("%s differs from %s" % (label, os.path.relpath(gpath, golden_cdir)))
                diff = "".join(difflib.unified_diff(read(gpath).splitlines(True), got.splitlines(True),
                                                    "expected", "actual", n=2))
                details.append(testlib.head(diff, 40, width=500))
        absent_file = os.path.join(cdir, "out-absent")
        if os.path.isfile(absent_file):
            present = [l for l in read(absent_file).splitlines()
                       if l.strip() and os.path.lexists(os.path.join(out_dir, l.strip()))]
            if present:
                problems.append("{out} still holds %s" % ", ".join(present))
        sc_file = os.path.join(cdir, "stdout-contains")
        if os.path.isfile(sc_file):
            missing = [l for l in read(sc_file).splitlines() if l.strip() and l not in r.out]
            if missing:
                problems.append("stdout lacks %r" % missing[0] + (" (+%d more)" % (len(missing) - 1)
                                                                 if len(missing) > 1 else ""))
                details.append("stdout:\n" + testlib.head(r.out, 12))
        after = snapshot(out_dir)
        if r.rc == 6 and "{out}" in lines[0]:
            # a refused plan is still written, for review
            missing = [f for f in ("migration.sql", "rollback.sql", "plan.json")
                       if not os.path.isfile(os.path.join(out_dir, f))]
            if missing:
                problems.append("exit 6 but {out} lacks %s" % ", ".join(missing))
        elif r.rc != 0 and before is None and after is not None:
            left = sorted(os.listdir(out_dir)) if os.path.isdir(out_dir) else [os.path.basename(out_dir)]
            if left:
                problems.append("exit %s but {out} holds %s" % (r.rc, ", ".join(left[:5])))
        elif r.rc not in (0, 6) and before != after:
            changed = sorted(k for k in set(before or {}) | set(after or {})
                             if (before or {}).get(k) != (after or {}).get(k))
            problems.append("exit %s but {out} changed: %s" % (r.rc, ", ".join(changed[:5])))
        hidden = sorted(k for k in (after or {}) if os.path.basename(k).startswith(".") and k != "."
                        and k not in (before or {}))
        if hidden:
            problems.append("{out} keeps hidden files: %s" % ", ".join(hidden[:5]))
        if problems:
            raise CaseError("; ".join(problems), "\n".join(d for d in details if d))
    except CaseError as e:
        text = "FAIL %s: %s" % (name, e.reason)
        if e.detail:
            text += "\n" + testlib.indent(e.detail)
        return False, text, updated
    return True, "ok %s" % name + (" (stderr file written)" if updated else ""), updated


def main(argv=None):
    ap = argparse.ArgumentParser(description="CLI and error tests of schemadiff.",
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--schemadiff", default=os.path.join(ROOT, "build", "schemadiff"),
                    help="the executable under test (default build/schemadiff)")
    ap.add_argument("--errors-dir", default=os.path.join(ROOT, "tests", "errors"),
                    help="directory of case directories (default tests/errors)")
    ap.add_argument("--case", action="append", default=[], metavar="GLOB",
                    help="only cases whose name matches GLOB (repeatable)")
    ap.add_argument("--timeout", type=float, default=60, help="seconds per run (default 60)")
    ap.add_argument("--update", action="store_true", help="write each case's stderr file from the actual output")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    args.schemadiff = os.path.abspath(args.schemadiff)
    if not os.access(args.schemadiff, os.X_OK):
        print("run_cli: %s: not an executable (build first: make build)" % args.schemadiff, file=sys.stderr)
        return 2

    names = []
    if os.path.isdir(args.errors_dir):
        names = [n for n in sorted(os.listdir(args.errors_dir))
                 if not n.startswith(".") and os.path.isdir(os.path.join(args.errors_dir, n))
                 and (not args.case or any(fnmatch.fnmatchcase(n, g) for g in args.case))]
    if not names:
        print("run_cli: no cases in %s" % args.errors_dir, file=sys.stderr)

    work = tempfile.mkdtemp(prefix="schemadiff-cli-")
    passed = failed = updated = 0
    try:
        for n in names:
            ok, text, upd = run_case(args, n, os.path.join(args.errors_dir, n), work)
            print(text, flush=True)
            passed += ok
            failed += not ok
            updated += upd
    except KeyboardInterrupt:
        testlib.kill_all()
        print("\ninterrupted", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.update:
        print("%d stderr file(s) written; review them with git diff" % updated, file=sys.stderr)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
