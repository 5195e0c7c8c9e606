#!/usr/bin/env python3
"""layers.py — which layer calls which: the pipeline must read one way.

The folders are the pipeline (../shared/DESIGN.md, "Where things live"):
parser/ -> diff/ -> emit/, with schemas/ (the model, arenas, quoting, the
helpers every pass shares) below all three. A file may call its own folder,
schemas/, or a folder later in the pipeline (diff/plan.c drives emit/);
never back up it (emit/ into diff/ or parser/, diff/ into parser/), and
schemas/ calls only schemas/.

The truth is taken from the compiled objects, not from the text: for each
object file of the core library under OBJDIR (CMake's
CMakeFiles/schemadiff_core.dir), `nm` lists the symbols it defines and the
ones it needs; a needed symbol that another folder defines is a call (or a
data reference) from the first folder into the second.

    scripts/layers.py OBJDIR            # print every upward reference, exit 1 if any
                                        # (objects whose .c is gone are skipped)
    scripts/layers.py --table OBJDIR    # also: each exported symbol, where it is
                                        # defined, which folders use it

Registered in tests/CMakeLists.txt as unit_layers (label unit): a new
upward call fails it.
"""
import argparse
import os
import subprocess
import sys

# rank in the pipeline; schemas is the base every folder may use
RANK = {"parser": 1, "diff": 2, "emit": 3}
FOLDERS = ("schemas", "parser", "diff", "emit")


def allowed(caller, callee):
    if caller == callee or callee == "schemas":
        return True
    if caller == "schemas":
        return False
    return RANK[caller] <= RANK[callee]


def objects(objdir, srcdir):
    """(folder, source name, object path) of each object whose source still
    exists (a file moved away leaves its old object behind in the build)."""
    out = []
    for folder in FOLDERS:
        d = os.path.join(objdir, folder)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith(".c.o") and os.path.isfile(os.path.join(srcdir, folder, name[:-2])):
                out.append((folder, name[:-2], os.path.join(d, name)))
    return out


def nm(paths):
    """{path: (defined, undefined)} global symbol names of each object file
    (one nm run for all of them)."""
    text = subprocess.run(["nm", "-P", "-A"] + paths, check=True, capture_output=True, text=True).stdout
    out = {p: (set(), set()) for p in paths}
    for line in text.splitlines():
        path, _, rest = line.partition(": ")
        parts = rest.split()
        if path not in out or len(parts) < 2:
            continue
        sym, kind = parts[0], parts[1]
        if kind == "U":
            out[path][1].add(sym)
        elif kind in "TDBRGSVWC":  # upper case: global (lower case is file-local)
            out[path][0].add(sym)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("objdir", help="CMake's object directory of schemadiff_core")
    ap.add_argument("--table", action="store_true", help="print every exported symbol's users")
    ap.add_argument("--src", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                    help="the source root (default: this script's repository)")
    args = ap.parse_args()

    objs = objects(args.objdir, args.src)
    if len(objs) < 10 or not any(f == "emit" for f, _, _ in objs):
        print(f"layers.py: no objects of the core library under {args.objdir}", file=sys.stderr)
        return 2
    where = {}      # symbol -> (folder, file)
    needs = []      # (folder, file, symbol)
    syms = nm([path for _, _, path in objs])
    for folder, name, path in objs:
        defined, undefined = syms[path]
        for s in defined:
            where[s] = (folder, name)
        for s in undefined:
            needs.append((folder, name, s))

    users = {}      # symbol -> {folder: [files]}
    bad = []
    for folder, name, s in needs:
        if s not in where:
            continue  # libc, libpg_query, libpq, sanitizer runtime
        users.setdefault(s, {}).setdefault(folder, []).append(name)
        dfolder, dname = where[s]
        if not allowed(folder, dfolder):
            bad.append((folder, name, s, dfolder, dname))

    if args.table:
        for s in sorted(where):
            dfolder, dname = where[s]
            u = users.get(s, {})
            used = "; ".join(f"{f}: {', '.join(sorted(set(v)))}" for f, v in sorted(u.items())) or "-"
            print(f"{s}\t{dfolder}/{dname}\t{used}")
    for folder, name, s, dfolder, dname in sorted(bad):
        print(f"{folder}/{name} -> {dfolder}/{dname}: {s} (calls back up the pipeline)")
    if bad:
        print(f"layers.py: {len(bad)} upward reference(s); move the helper to schemas/ "
              "or to the caller's folder", file=sys.stderr)
        return 1
    print(f"layers.py: {len(objs)} objects, {len(where)} exported symbols, no upward reference")
    return 0


if __name__ == "__main__":
    sys.exit(main())
