#!/usr/bin/env python3
"""Write the seed corpora of the fuzz targets from the test inputs (not committed).

    python3 fuzz/seeds.py OUTDIR

OUTDIR/fuzz_plan/:     every tests/cases/NAME and examples/NAME as `from.sql NUL to.sql`
                       (a directory side is its *.sql files concatenated in name order), each
                       side of those alone (against the empty schema), and every .sql / stdin
                       input of tests/errors/NAME as the desired side.
OUTDIR/fuzz_conninfo/: every connection string the live and CLI tests use (placeholders
                       filled with plausible values), plus a few hand-written spellings.
OUTDIR/fuzz_config/:   every *.yaml file of tests/errors and examples (schemadiff.yaml and
                       the files --config names), plus a few hand-written ones.

Files are named by the SHA-1 of their content, as libFuzzer names corpus entries, so
re-running adds nothing twice. Prints how many seeds each target got.
"""
import hashlib
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def side(path):
    """A .sql file's bytes, or a directory's *.sql files (recursively) concatenated."""
    if os.path.isfile(path):
        with open(path, "rb") as f:
            return f.read()
    parts = []
    for base, dirs, files in os.walk(path):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".sql"):
                with open(os.path.join(base, name), "rb") as f:
                    parts.append(f.read())
    return b"\n".join(parts)


def put(outdir, data, seen):
    h = hashlib.sha1(data).hexdigest()
    if h in seen:
        return
    seen.add(h)
    with open(os.path.join(outdir, h), "wb") as f:
        f.write(data)


def plan_seeds(outdir):
    seen = set()
    for parent, a, b in (("tests/cases", "from.sql", "to.sql"), ("examples", "v1", "v2")):
        top = os.path.join(ROOT, parent)
        if not os.path.isdir(top):
            continue
        for name in sorted(os.listdir(top)):
            fa, fb = os.path.join(top, name, a), os.path.join(top, name, b)
            if not (os.path.exists(fa) and os.path.exists(fb)):
                continue
            x, y = side(fa), side(fb)
            put(outdir, x + b"\0" + y, seen)
            put(outdir, b"\0" + x, seen)
            put(outdir, b"\0" + y, seen)
    errors = os.path.join(ROOT, "tests/errors")
    for name in sorted(os.listdir(errors)):
        for base, dirs, files in os.walk(os.path.join(errors, name)):
            for f in sorted(files):
                if f.endswith(".sql") or f == "stdin":
                    put(outdir, b"\0" + side(os.path.join(base, f)), seen)
    return len(seen)


FILL = {"host": "/tmp/pg sock", "port": "5432", "noport": "1", "db": "app", "dir": "/tmp"}

EXTRA = [
    "postgres://alice:s3cr3t@db.example.com:5432/app?sslmode=require",
    "postgresql://alice:p%40ss@[::1]:5433/app?application_name=x&password=again",
    "postgresql://h1:5432,h2:5433/app?target_session_attrs=read-write",
    "postgresql:///app?host=/var/run/postgresql",
    "host=localhost port=5432 dbname=app user=alice password=secret",
    "host='my host' password='it''s \\' quoted' sslpassword=key",
    "dbname = app password = x",
    "service=prod",
    "postgresql://u@h/db?sslpassword=k&sslmode=verify-full&options=-c%20search_path%3Dx",
]


def conninfo_seeds(outdir):
    seen = set()
    found = set(EXTRA)
    pat = re.compile(r"(postgres(?:ql)?://[^\s'\"]*|(?:[a-z_]+ ?= ?[^\s]+ ?)+)")
    for top in ("tests/live", "tests/errors"):
        for base, dirs, files in os.walk(os.path.join(ROOT, top)):
            for f in files:
                if f.endswith(".sql"):
                    continue
                try:
                    with open(os.path.join(base, f), encoding="utf-8") as fh:
                        text = fh.read()
                except (UnicodeDecodeError, OSError):
                    continue
                for m in pat.finditer(text):
                    s = m.group(1).strip()
                    if "://" in s or ("=" in s and len(s) < 200):
                        found.add(s)
    for s in sorted(found):
        for k, v in FILL.items():
            s = s.replace("{%s}" % k, v)
        put(outdir, s.encode(), seen)
    return len(seen)


CONFIG_EXTRA = [
    b"hazards:\n  allow: [data_loss, table_rewrite]\ntimeouts:\n  lock: 5s\n  statement: 1min\n"
    b"schemas:\n  include: [app]\n  exclude:\n    - scratch\nowners: true\n",
    b"hazards: {allow: [all]}\n",
    b"x: &a [1, 2]\ny: *a\n? [k]\n: v\n--- !tag\n...\n",
    b"\xef\xbb\xbfowners: false\n",
    b"timeouts: {lock: '0', statement: \"2147483647\"}\n",
]


def config_seeds(outdir):
    seen = set()
    for data in CONFIG_EXTRA:
        put(outdir, data, seen)
    for top in ("tests/errors", "examples"):
        for base, dirs, files in os.walk(os.path.join(ROOT, top)):
            for f in sorted(files):
                if f.endswith((".yaml", ".yml")):
                    with open(os.path.join(base, f), "rb") as fh:
                        put(outdir, fh.read(), seen)
    return len(seen)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: seeds.py OUTDIR")
    out = sys.argv[1]
    for target, fn in (("fuzz_plan", plan_seeds), ("fuzz_conninfo", conninfo_seeds),
                       ("fuzz_config", config_seeds)):
        d = os.path.join(out, target)
        os.makedirs(d, exist_ok=True)
        print("%s: %d seeds in %s" % (target, fn(d), d))


if __name__ == "__main__":
    main()
