#!/usr/bin/env python3
"""bench/catalog_same.py: does a rewrite of the catalog reader read every database as before?

Runs tests/run_live.py and tests/run_roundtrip.py --live with this script standing in for
schemadiff (--schemadiff). As a stand-in it runs the NEW binary with the arguments it was given
(standard input, output and error passed through, its exit code returned, so the suites judge it
as usual), then, for every database URL among those arguments (postgres://, postgresql://), it
runs `dump --from URL` once with the BASE binary and once with the NEW one, both with
SCHEMADIFF_CATALOG_DDL=1, and compares their exit codes, standard output (the model's canonical
DDL) and standard error (the catalog DDL text, then any diagnostic). Each comparison is a line
of a log; the driver sums them up and prints the first differences in full.

    bench/catalog_same.py --base OLD/schemadiff --new build-asan/schemadiff [--live-only |
                          --roundtrip-only] [--case GLOB ...] [--jobs N]

A tool, not a test: exit 0 when every read was the same, 1 when one differed or was not run.
"""
import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
URL = re.compile(r"^postgres(ql)?://")
# sanitizer and run-specific noise that is not the reader's output
PID = re.compile(r"schemadiff_scratch_\d+_\d+")


def dump(binary, url):
    env = dict(os.environ, SCHEMADIFF_CATALOG_DDL="1")
    env.pop("SCHEMADIFF_TIMING", None)
    r = subprocess.run([binary, "dump", "--from", url], capture_output=True, text=True, env=env,
                       stdin=subprocess.DEVNULL, timeout=600)
    return r.returncode, r.stdout, PID.sub("schemadiff_scratch_N_N", r.stderr)


def stand_in(argv):
    base, new, log = (os.environ["CATALOG_SAME_BASE"], os.environ["CATALOG_SAME_NEW"],
                      os.environ["CATALOG_SAME_LOG"])
    rc = subprocess.run([new] + argv).returncode
    urls = [a for a in argv if URL.match(a)]
    for a in argv:  # --from=URL
        if "=" in a and a.startswith("--") and URL.match(a.split("=", 1)[1]):
            urls.append(a.split("=", 1)[1])
    for url in urls:
        b, n = dump(base, url), dump(new, url)
        entry = {"url": url, "args": argv, "cwd": os.getcwd(), "same": b == n}
        if b != n:
            entry["diff"] = []
            for what, x, y in (("exit", str(b[0]), str(n[0])), ("stdout", b[1], n[1]), ("stderr", b[2], n[2])):
                if x != y:
                    entry["diff"].append("--- %s\n" % what + "".join(difflib.unified_diff(
                        x.splitlines(True), y.splitlines(True), "base", "new", n=2))[:20000])
        with open(log, "a") as f:
            f.write(json.dumps(entry) + "\n")
    return rc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True, help="the schemadiff before the change")
    ap.add_argument("--new", required=True, help="the schemadiff after it")
    ap.add_argument("--live-only", action="store_true")
    ap.add_argument("--roundtrip-only", action="store_true")
    ap.add_argument("--case", action="append", default=[])
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    fd, log = tempfile.mkstemp(prefix="catalog-same-", suffix=".jsonl")
    os.close(fd)
    env = dict(os.environ, CATALOG_SAME_BASE=os.path.abspath(args.base), CATALOG_SAME_NEW=os.path.abspath(args.new),
               CATALOG_SAME_LOG=log)
    me = os.path.abspath(__file__)
    cases = sum((["--case", c] for c in args.case), [])
    runs = []
    if not args.roundtrip_only:
        runs.append(("live", [sys.executable, os.path.join(ROOT, "tests", "run_live.py"), "--schemadiff", me,
                              "--timeout", "300"] + cases))
    if not args.live_only:
        runs.append(("roundtrip --live", [sys.executable, os.path.join(ROOT, "tests", "run_roundtrip.py"), "--live",
                                          "--schemadiff", me, "--timeout", "300", "-j", str(args.jobs)] + cases))
    suite_rc = {}
    for name, cmd in runs:
        r = subprocess.run(cmd, env=env, capture_output=True, text=True)
        suite_rc[name] = r.returncode
        out = r.stdout.strip().splitlines()
        print("%s: exit %d; %s" % (name, r.returncode, out[-1] if out else ""))
        for line in out[:-1]:
            if line.strip() and not line.startswith("ok "):
                print("  " + line[:300])
    entries = [json.loads(line) for line in open(log)]
    os.unlink(log)
    differ = [e for e in entries if not e["same"]]
    print("catalog reads compared: %d (%d databases), differing: %d" %
          (len(entries), len({e["url"] for e in entries}), len(differ)))
    for e in differ[:5]:
        print("\n== %s  (schemadiff %s, in %s)" % (e["url"], " ".join(e["args"]), e["cwd"]))
        print("\n".join(e["diff"])[:6000])
    return 1 if differ or not entries else 0


if __name__ == "__main__":
    if "CATALOG_SAME_NEW" in os.environ:
        sys.exit(stand_in(sys.argv[1:]))
    sys.exit(main())
