#!/usr/bin/env python3
"""The CI examples cannot rot: every `schemadiff ...` command of examples/ci/*.yml runs on the
bundled example with the exit code the example expects (issue 13).

For each YAML file, the shell of every `run:` (GitHub Actions) or `script:` / `before_script:`
(GitLab CI) item is read, continuation lines joined, and each line whose command is `schemadiff`
is taken as written (a trailing `|| rc=$?` left off). It runs under bash in a sandbox laid out as
the CI job sees its checkout: a copy of examples/ (the pull request's files), and base/, the
target branch's checkout, whose $SCHEMA_DIR holds examples/shop/v1 (the pull request is the
shop's v1 -> v2). The YAML's own `env` / `variables` are the environment, `schemadiff` on PATH is
the binary under test.

Expected, by subcommand and in order of appearance, in EXPECT below: a command the table does
not list (or one listed but gone) fails the test, so adding a command to an example means
saying here what it must do. Also checked: the plan's markdown (redirected to plan.md) starts
with the marker line the comment-updating step looks for, and `--out plan` wrote the plan's
files; no sanitizer report.

Output: `ok FILE: COMMAND` / `FAIL FILE: COMMAND: reason`, then `N passed, M failed`; exit 1 on
a failure.
"""

import argparse
import os
import re
import shutil
import sys
import tempfile


HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import testlib  # noqa: E402

MARKER = "<!-- schemadiff-plan -->"

# file -> the schemadiff subcommands it runs, in order, with their exit codes on the example
# (examples/shop/schemadiff.yaml allows the data_loss of v1 -> v2: the plan is not refused)
EXPECT = {
    "github-actions.yml": [("plan", 0), ("check", 0)],
    "gitlab-ci.yml": [("plan", 0), ("check", 0)],
}


def logical_lines(text):
    """The file's lines with shell continuations (a trailing backslash) joined. The examples are
    read as text, not through a YAML library: PyYAML is not part of a fresh machine's Python."""
    return re.sub(r"\\\n\s*", " ", text).splitlines()


def commands(text):
    """The schemadiff command lines of a workflow file, in order: a line (a `run:` block's, a
    `script:` item's) that starts with `schemadiff `, after an optional `- ` or `run: `."""
    found = []
    for line in logical_lines(text):
        line = line.strip()
        if line.startswith("#"):
            continue
        line = re.sub(r"^(- |run: )", "", line).strip()
        if re.match(r"schemadiff\s", line):
            found.append(re.sub(r"\s*\|\|\s*rc=\$\?\s*$", "", line))
    return found


def environment(text):
    """The top-level `env:` (GitHub) or `variables:` (GitLab) block: KEY: value lines."""
    env, inside = {}, False
    for line in text.splitlines():
        if re.match(r"^(env|variables):\s*(#.*)?$", line):
            inside = True
            continue
        if inside:
            m = re.match(r"^  ([A-Za-z_][A-Za-z0-9_]*):\s*(.*?)\s*(#.*)?$", line)
            if m:
                env[m.group(1)] = m.group(2).strip("\"'")
            elif line.strip() and not line.startswith(" "):
                inside = False
    return env


def sandbox(env):
    """The checkout the job sees: examples/ and base/ with the target branch's schema (v1)."""
    work = tempfile.mkdtemp(prefix="sd-ci-")
    shutil.copytree(os.path.join(ROOT, "examples"), os.path.join(work, "examples"))
    base_schema = os.path.join(work, "base", env["SCHEMA_DIR"])
    shutil.copytree(os.path.join(ROOT, "examples", "shop", "v1"), base_schema)
    bindir = os.path.join(work, ".bin")
    os.mkdir(bindir)
    return work, bindir


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--schemadiff", default=os.path.join(ROOT, "build", "schemadiff"))
    ap.add_argument("--examples-dir", default=os.path.join(ROOT, "examples", "ci"))
    args = ap.parse_args(argv)
    binary = os.path.abspath(args.schemadiff)
    passed = failed = 0
    names = sorted(n for n in os.listdir(args.examples_dir) if n.endswith((".yml", ".yaml")))
    for name in sorted(set(names) | set(EXPECT)):
        path = os.path.join(args.examples_dir, name)
        if not os.path.isfile(path):
            print("FAIL %s: listed in EXPECT but missing" % name)
            failed += 1
            continue
        with open(path, encoding="utf-8") as f:
            doc = f.read()
        cmds = commands(doc)
        want = EXPECT.get(name)
        got_subs = [c.split()[1] if len(c.split()) > 1 else "" for c in cmds]
        if want is None or [w[0] for w in want] != got_subs:
            print("FAIL %s: runs schemadiff %s; EXPECT says %s" % (
                name, got_subs, [w[0] for w in want] if want else "nothing (add it to EXPECT)"))
            failed += 1
            continue
        yenv = environment(doc)
        work, bindir = sandbox(yenv)
        try:
            os.symlink(binary, os.path.join(bindir, "schemadiff"))
            env = testlib.child_env(yenv)
            env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
            for cmd, (sub, code) in zip(cmds, want):
                r = testlib.run(["bash", "-c", "set -u\n" + cmd], timeout=600, env=env, cwd=work)
                why = []
                if r.rc != code:
                    why.append("exit %d, want %d\n%s" % (r.rc, code, testlib.indent(testlib.head(r.err, 10))))
                rep = testlib.sanitizer_report(r.err)
                if rep:
                    why.append("sanitizer report\n" + testlib.indent(rep))
                if sub == "plan" and "> plan.md" in cmd:
                    md = os.path.join(work, "plan.md")
                    text = open(md, encoding="utf-8").read() if os.path.isfile(md) else ""
                    if not text.startswith(MARKER + "\n"):
                        why.append("plan.md does not start with the marker %s" % MARKER)
                    if "--out plan" in cmd and not os.path.isfile(os.path.join(work, "plan", "migration.sql")):
                        why.append("--out plan wrote no migration.sql")
                if why:
                    print("FAIL %s: %s: %s" % (name, cmd, "; ".join(why)), flush=True)
                    failed += 1
                else:
                    print("ok %s: %s" % (name, cmd), flush=True)
                    passed += 1
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
