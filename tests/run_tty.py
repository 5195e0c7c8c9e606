#!/usr/bin/env python3
"""The text plan at a terminal (issue 13): colour and a one-line summary on a TTY, plain text
when piped, NO_COLOR, TERM=dumb and `--color auto|always|never`.

The CLI cases (tests/errors/prc_color_*) cannot have a terminal: they pin `--color always` and
`never` byte for byte. This runner gives schemadiff a pseudo-terminal as its standard output
(Python's pty module) and checks what `auto`, the default, does with one:

  auto on a TTY                    colour (SGR escapes) and the summary line `schemadiff: N changes`
  auto on a TTY, NO_COLOR=1        the summary, no escape
  auto on a TTY, NO_COLOR=""       colour (an empty NO_COLOR does not count)
  auto on a TTY, TERM=dumb         the summary, no escape
  always on a TTY, NO_COLOR=1      colour: the flag is the user asking
  never on a TTY                   exactly the piped text
  auto, piped                      no escape, no summary

Each run's exit code must be 6 (the plan of tests/errors/prc_md_refused is refused) and its
standard error free of sanitizer reports. Output: `ok NAME` / `FAIL NAME: reason`, then
`N passed, M failed`; exit 1 on a failure.
"""

import argparse
import os
import pty
import select
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import testlib  # noqa: E402

CASE = os.path.join(HERE, "errors", "prc_md_refused")
ESC = "\033["
SUMMARY = "schemadiff: 8 changes (5 create, 1 alter, 2 drop), 9 steps"


def run_tty(binary, args, env):
    """Run with a pseudo-terminal as stdout; return (rc, stdout text, stderr text)."""
    master, slave = pty.openpty()
    try:
        p = subprocess.Popen([binary] + args, stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.PIPE,
                             cwd=CASE, env=env)
    finally:
        os.close(slave)
    chunks, deadline = [], time.time() + 120
    while time.time() < deadline:
        r, _, _ = select.select([master], [], [], 1.0)
        if not r:
            if p.poll() is not None:
                break
            continue
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    err = p.stderr.read().decode("utf-8", "replace")
    p.stderr.close()
    try:
        rc = p.wait(timeout=max(1, deadline - time.time()))
    except subprocess.TimeoutExpired:
        p.kill()
        rc = p.wait()
    # the terminal's line discipline turns \n into \r\n
    return rc, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n"), err


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--schemadiff", default=os.path.join(ROOT, "build", "schemadiff"))
    args = ap.parse_args(argv)
    binary = os.path.abspath(args.schemadiff)
    base = testlib.child_env()
    base.pop("NO_COLOR", None)
    base["TERM"] = "xterm"
    plan = ["plan", "--from", "from.sql", "--to", "to.sql"]
    piped = testlib.run([binary] + plan, env=base, cwd=CASE)
    cases = [
        # name, extra args, env changes, want colour, want summary
        ("auto_tty", [], {}, True, True),
        ("no_color", [], {"NO_COLOR": "1"}, False, True),
        ("no_color_empty", [], {"NO_COLOR": ""}, True, True),
        ("term_dumb", [], {"TERM": "dumb"}, False, True),
        ("always_beats_no_color", ["--color", "always"], {"NO_COLOR": "1"}, True, True),
        ("never_tty", ["--color", "never"], {}, False, False),
    ]
    failed = 0
    problems = []
    if piped.rc != 6 or ESC in piped.out or SUMMARY in piped.out or testlib.sanitizer_report(piped.err):
        problems.append(("piped", "exit %d, escapes %s, summary %s" % (piped.rc, ESC in piped.out,
                                                                      SUMMARY in piped.out)))
    else:
        print("ok piped", flush=True)
    for name, extra, envs, want_colour, want_summary in cases:
        env = dict(base)
        env.update(envs)
        rc, out, err = run_tty(binary, plan + extra, env)
        why = []
        if rc != 6:
            why.append("exit %d, want 6" % rc)
        if testlib.sanitizer_report(err):
            why.append("sanitizer report:\n" + testlib.indent(testlib.sanitizer_report(err)))
        if (ESC in out) != want_colour:
            why.append("colour %s, want %s" % (ESC in out, want_colour))
        if (SUMMARY in out) != want_summary:
            why.append("summary line %s, want %s" % (SUMMARY in out, want_summary))
        if not want_colour and not want_summary and out != piped.out:
            why.append("not the piped text")
        if want_summary and not want_colour and out != piped.out + "\n" + out.splitlines()[-1] + "\n":
            why.append("not the piped text and the summary line")
        if why:
            problems.append((name, "; ".join(why)))
        else:
            print("ok %s" % name, flush=True)
    for name, why in problems:
        failed += 1
        print("FAIL %s: %s" % (name, why), flush=True)
    print("%d passed, %d failed" % (len(cases) + 1 - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
