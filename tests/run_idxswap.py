#!/usr/bin/env python3
"""Gap-free index rebuilds (issue 10, section 5), against a real PostgreSQL 15.

A changed index, PRIMARY KEY or UNIQUE constraint is built CONCURRENTLY under a temporary
name and swapped in (emit/idxswap.c). Three checks:

  resume    for every tests/cases/idx_* case (or --case GLOB): the migration is cut into its
            units (a statement, or a BEGIN ... COMMIT group, which commits whole or not at
            all), and for every k the first k units are applied to a copy of F (a crash after
            unit k), then the whole migration: the result must equal to.sql (pg_dump, then
            `plan --exit-code`), with no temporary index left. The same for rollback.sql from
            the migrated database back to from.sql.
  no-gap    a table of --rows rows with a plain index, a unique index and a primary key, all
            three changed; the migration is run one unit at a time, each in its own session as
            psql runs it, and before the first, after each and after the last, another session
            checks pg_index: a valid and ready index (indisvalid AND indisready) whose first key
            is the indexed column exists for each of the three, and for the unique ones a
            duplicate row is refused (unique_violation); a foreign key over the primary key refuses
            an orphan row throughout (it is dropped and added back NOT VALID inside the swap's
            transaction, then validated). A poller in a third session checks the
            same continuously while the statements run. The control runs the same checks over
            the drop-then-create form (what plans did before, the foreign key dropped first) and
            must see the gaps, so that the
            check is known to be able to fail.
  failed    a CREATE UNIQUE INDEX CONCURRENTLY that fails on duplicates (rollback to a stricter
            unique index after rows that break it were added) leaves an INVALID index behind:
            the old index is still valid and enforcing, and once the duplicates are gone the
            same script run again finishes the job (the invalid leftover is dropped first).

Output: `ok NAME` or `FAIL NAME: reason` lines, then `N passed, M failed`; exit 0 when all pass.
"""

import argparse
import fnmatch
import os
import re
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402
from pgcluster import PgCluster  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


# -- a script cut into statements ----------------------------------------------------------------

_DOLLAR = re.compile(r"\$([A-Za-z_][A-Za-z_0-9]*)?\$")


def split_sql(text):
    """The statements of a script (comments outside statements dropped), each ending with ';'.
    Knows quotes, dollar quotes and comments: enough for what schemadiff writes."""
    out, cur, i, n = [], [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "-" and text.startswith("--", i):
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if ch == "/" and text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
            continue
        if ch in "'\"":
            j = i + 1
            while j < n:
                if text[j] == ch:
                    if j + 1 < n and text[j + 1] == ch:
                        j += 2
                        continue
                    break
                j += 1
            cur.append(text[i:j + 1])
            i = j + 1
            continue
        if ch == "$":
            m = _DOLLAR.match(text, i)
            if m:
                tag = m.group(0)
                j = text.find(tag, m.end())
                j = n if j < 0 else j + len(tag)
                cur.append(text[i:j])
                i = j
                continue
        if ch == ";":
            stmt = "".join(cur).strip()
            if stmt:
                out.append(stmt + ";")
            cur = []
            i += 1
            continue
        cur.append(ch)
        i += 1
    if "".join(cur).strip():
        out.append("".join(cur).strip())
    return out


def units(stmts):
    """Statements grouped as they commit: BEGIN ... COMMIT is one unit, any other statement
    its own (psql autocommits it)."""
    out, group = [], None
    for s in stmts:
        word = s.rstrip(";").strip().upper()
        if word == "BEGIN":
            group = [s]
        elif group is not None:
            group.append(s)
            if word == "COMMIT":
                out.append(group)
                group = None
        else:
            out.append([s])
    if group:
        out.append(group)
    return out


# -- helpers -------------------------------------------------------------------------------------

class Fail(Exception):
    pass


def schemadiff(args, sd, expect=(0, 6)):
    r = testlib.run([sd] + args, timeout=300, env=testlib.child_env())
    rep = testlib.sanitizer_report(r.err)
    if rep:
        raise Fail("sanitizer report from schemadiff %s:\n%s" % (" ".join(args), rep))
    if r.rc not in expect:
        raise Fail("schemadiff %s exited %d:\n%s" % (" ".join(args), r.rc, testlib.head(r.err + r.out, 20)))
    return r


def apply_units(pg, db, us, tmp, label):
    path = os.path.join(tmp, "%s.sql" % label)
    with open(path, "w") as f:
        for u in us:
            f.write("\n".join(u) + "\n")
    rc, out, err = pg.psql_file(db, path)
    return rc, err


def converged(pg, db, target, sd, tmp):
    dump = os.path.join(tmp, "dump-%s.sql" % db)
    rc, out, err = pg.dump_schema(db, dump)
    if rc != 0:
        raise Fail("pg_dump %s: %s" % (db, testlib.head(err)))
    r = schemadiff(["plan", "--from", dump, "--to", target, "--exit-code"], sd, expect=(0, 1, 6))
    if r.rc != 0:
        return r.out
    if re.search(r"_sd(new|old)\d*\b", open(dump).read()):
        return "a temporary index is left:\n" + "\n".join(
            l for l in open(dump).read().splitlines() if re.search(r"_sd(new|old)", l))
    return None


# -- resume after every prefix -------------------------------------------------------------------

def check_resume(pg, case_dir, sd, tmp, tag):
    frm, to = os.path.join(case_dir, "from.sql"), os.path.join(case_dir, "to.sql")
    out = os.path.join(tmp, "out")
    schemadiff(["plan", "--from", frm, "--to", to, "--out", out], sd)
    mig = units(split_sql(open(os.path.join(out, "migration.sql")).read()))
    rb = units(split_sql(open(os.path.join(out, "rollback.sql")).read()))
    if not any("_sdnew" in s for u in mig for s in u):
        raise Fail("the migration swaps no index: nothing to test")
    f, done = "f_" + tag, "d_" + tag
    pg.createdb(f)
    rc, _, err = pg.psql_file(f, frm)
    if rc != 0:
        raise Fail("loading from.sql: %s" % testlib.head(err))
    pg.copydb(f, done)
    rc, err = apply_units(pg, done, mig, tmp, "full")
    if rc != 0:
        raise Fail("migration.sql: %s" % testlib.head(err))
    for direction, script, base, target in (("migration", mig, f, to), ("rollback", rb, done, frm)):
        for k in range(len(script) + 1):
            db = "m_%s_%d" % (tag, k)
            pg.copydb(base, db)
            rc, err = apply_units(pg, db, script[:k], tmp, "prefix")
            if rc != 0:
                raise Fail("%s: first %d units: %s" % (direction, k, testlib.head(err)))
            rc, err = apply_units(pg, db, script, tmp, "whole")
            if rc != 0:
                raise Fail("%s: whole script after the first %d units: %s" % (direction, k, testlib.head(err)))
            diff = converged(pg, db, target, sd, tmp)
            if diff:
                raise Fail("%s: first %d of %d units, then the whole script: not converged:\n%s"
                           % (direction, k, len(script), testlib.indent(testlib.head(diff, 30))))
            pg.dropdb(db)
    pg.dropdb(f)
    pg.dropdb(done)
    return "%d + %d prefixes" % (len(mig) + 1, len(rb) + 1)


# -- no gap --------------------------------------------------------------------------------------

GAP_FROM = """
CREATE TABLE items (
    id integer NOT NULL,
    sku text NOT NULL,
    shelf integer NOT NULL,
    note text,
    CONSTRAINT items_pkey PRIMARY KEY (id)
);
CREATE INDEX items_shelf ON items (shelf);
CREATE UNIQUE INDEX items_sku ON items (sku);
CREATE TABLE holds (
    item integer NOT NULL REFERENCES items (id)
);
"""
GAP_TO = """
CREATE TABLE items (
    id integer NOT NULL,
    sku text NOT NULL,
    shelf integer NOT NULL,
    note text,
    CONSTRAINT items_pkey PRIMARY KEY (id) INCLUDE (shelf)
);
CREATE INDEX items_shelf ON items (shelf, id DESC);
CREATE UNIQUE INDEX items_sku ON items (sku) INCLUDE (note);
CREATE TABLE holds (
    item integer NOT NULL REFERENCES items (id)
);
"""
GAP_ROWS = ("INSERT INTO items SELECT g, 'sku-' || g, g %% 97, NULL FROM generate_series(1, %d) g; "
            "INSERT INTO holds SELECT g FROM generate_series(1, 1000) g; ANALYZE items;")

# (column, unique): the index each changed one must keep existing
GAP_KEYS = (("shelf", False), ("sku", True), ("id", True))
GAP_QUERY = """
SELECT string_agg(a.attname || ':' || i.indisunique::text, ',' ORDER BY a.attname)
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
WHERE i.indrelid = 'public.items'::regclass AND i.indisvalid AND i.indisready
"""


def gap_state(pg, db):
    """What is missing now: a list of strings, empty when every key has its index."""
    rc, out, err = pg.psql(db, GAP_QUERY)
    if rc != 0:
        return ["pg_index query failed: %s" % testlib.head(err)]
    have = set((out.strip() or "").split(","))
    missing = []
    for col, uniq in GAP_KEYS:
        if not any(h == "%s:true" % col or (not uniq and h == "%s:false" % col) for h in have):
            missing.append("no valid, ready %sindex with %s first" % ("unique " if uniq else "", col))
    return missing


def duplicates_refused(pg, db):
    missing = []
    for col, uniq in GAP_KEYS:
        if not uniq:
            continue
        # a copy of row 1 with only this column kept: refused only by this column's index
        sql = ("BEGIN; INSERT INTO items SELECT %s, %s, shelf, note FROM items WHERE id = 1; ROLLBACK;"
               % ("id" if col == "id" else "-1", "sku" if col == "sku" else "'dup-' || sku"))
        rc, out, err = pg.psql(db, sql)
        if "duplicate key value violates unique constraint" not in err:
            missing.append("a duplicate %s was not refused (%s)" % (col, testlib.head(err or "accepted", 2)))
    # the foreign key over the primary key checks new rows throughout
    rc, out, err = pg.psql(db, "BEGIN; INSERT INTO holds VALUES (-5); ROLLBACK;")
    if "violates foreign key constraint" not in err:
        missing.append("an orphan row was not refused (%s)" % testlib.head(err or "accepted", 2))
    return missing


def run_stepwise(pg, db, script_units, tmp):
    """Apply the units one by one, checking before, after each and after the last; a poller
    checks pg_index meanwhile. Returns the problems seen."""
    problems = []
    stop = threading.Event()
    polled = [0]

    def poll():
        while not stop.is_set():
            for m in gap_state(pg, db):
                problems.append("poller: " + m)
            polled[0] += 1

    t = threading.Thread(target=poll)
    t.start()
    try:
        for k in range(len(script_units) + 1):
            if k:
                rc, err = apply_units(pg, db, [script_units[k - 1]], tmp, "unit")
                if rc != 0:
                    problems.append("unit %d failed: %s" % (k, testlib.head(err)))
                    break
            for m in gap_state(pg, db) + duplicates_refused(pg, db):
                problems.append("after %d of %d units (%s): %s"
                                % (k, len(script_units), script_units[k - 1][0].split("\n")[0][:60] if k else "start",
                                   m))
    finally:
        stop.set()
        t.join()
    return problems, polled[0]


def check_no_gap(pg, sd, tmp, rows):
    frm, to = os.path.join(tmp, "gap_from.sql"), os.path.join(tmp, "gap_to.sql")
    open(frm, "w").write(GAP_FROM)
    open(to, "w").write(GAP_TO)
    out = os.path.join(tmp, "gap_out")
    schemadiff(["plan", "--from", frm, "--to", to, "--out", out], sd)
    mig = units(split_sql(open(os.path.join(out, "migration.sql")).read()))
    rb = units(split_sql(open(os.path.join(out, "rollback.sql")).read()))
    pg.createdb("gap")
    rc, _, err = pg.psql_file("gap", frm)
    if rc != 0:
        raise Fail("loading: %s" % testlib.head(err))
    rc, _, err = pg.psql("gap", GAP_ROWS % rows, timeout=600)
    if rc != 0:
        raise Fail("rows: %s" % testlib.head(err))
    pg.copydb("gap", "gap_control")
    t0 = time.monotonic()
    problems, polls = run_stepwise(pg, "gap", mig, tmp)
    if problems:
        raise Fail("migration:\n" + testlib.indent("\n".join(problems[:20])))
    diff = converged(pg, "gap", to, sd, tmp)
    if diff:
        raise Fail("migration did not converge:\n" + testlib.indent(testlib.head(diff, 30)))
    problems, polls2 = run_stepwise(pg, "gap", rb, tmp)
    if problems:
        raise Fail("rollback:\n" + testlib.indent("\n".join(problems[:20])))
    diff = converged(pg, "gap", frm, sd, tmp)
    if diff:
        raise Fail("rollback did not converge:\n" + testlib.indent(testlib.head(diff, 30)))
    seconds = time.monotonic() - t0
    # the control: the drop-then-create form must be caught by the same checks
    control = [["ALTER TABLE public.holds DROP CONSTRAINT holds_item_fkey;"],
               ["DROP INDEX CONCURRENTLY IF EXISTS public.items_shelf;"],
               ["CREATE INDEX CONCURRENTLY IF NOT EXISTS items_shelf ON public.items USING btree (shelf, id DESC);"],
               ["DROP INDEX CONCURRENTLY IF EXISTS public.items_sku;"],
               ["CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS items_sku ON public.items USING btree (sku) "
                "INCLUDE (note);"]]
    problems, _ = run_stepwise(pg, "gap_control", control, tmp)
    want = ("no valid, ready index with shelf first", "no valid, ready unique index with sku first",
            "a duplicate sku was not refused", "an orphan row was not refused")
    seen = [w for w in want if any(w in p for p in problems)]
    if len(seen) != len(want):
        raise Fail("control: the drop-then-create form was not caught (%s); the check cannot fail"
                   % ", ".join(sorted(set(want) - set(seen))))
    pg.dropdb("gap")
    pg.dropdb("gap_control")
    return "%d rows, %d + %d units, %d polls, %.1fs; control caught: %s" % (
        rows, len(mig), len(rb), polls + polls2, seconds, "; ".join(seen))


# -- a failed concurrent build -------------------------------------------------------------------

def check_failed_build(pg, sd, tmp):
    case = os.path.join(HERE, "cases", "idx_unique")
    frm, to = os.path.join(case, "from.sql"), os.path.join(case, "to.sql")
    out = os.path.join(tmp, "fail_out")
    schemadiff(["plan", "--from", frm, "--to", to, "--out", out], sd)
    mig = units(split_sql(open(os.path.join(out, "migration.sql")).read()))
    rb = units(split_sql(open(os.path.join(out, "rollback.sql")).read()))
    pg.createdb("failed")
    rc, _, err = pg.psql_file("failed", frm)
    if rc == 0:
        rc, err = apply_units(pg, "failed", mig, tmp, "mig")
    if rc != 0:
        raise Fail("setup: %s" % testlib.head(err))
    # allowed by (email, tenant), refused by the rollback's (email)
    rc, _, err = pg.psql("failed", "INSERT INTO users VALUES (100001, 'u1@example.com', 99)")
    if rc != 0:
        raise Fail("duplicate row: %s" % testlib.head(err))
    rc, err = apply_units(pg, "failed", rb, tmp, "rb")
    if rc == 0:
        raise Fail("the rollback succeeded although its unique index cannot be built")
    rc, out_, err2 = pg.psql("failed", "SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c "
                                       "ON c.oid = i.indexrelid WHERE c.relname LIKE 'users_email%' ORDER BY 1")
    state = out_.split()
    if state != ["users_email|t", "users_email_sdnew|f"]:
        raise Fail("after the failed build, expected the old index valid and an invalid leftover, got %r" % state)
    rc, _, err = pg.psql("failed", "DELETE FROM users WHERE id = 100001")
    rc, err = apply_units(pg, "failed", rb, tmp, "rb")
    if rc != 0:
        raise Fail("the rollback run again: %s" % testlib.head(err))
    diff = converged(pg, "failed", frm, sd, tmp)
    if diff:
        raise Fail("not converged after the re-run:\n" + testlib.indent(testlib.head(diff, 30)))
    pg.dropdb("failed")
    return "invalid leftover dropped and rebuilt"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--schemadiff", required=True)
    ap.add_argument("--cases-dir", default=os.path.join(HERE, "cases"))
    ap.add_argument("--case", default="idx_*", help="resume cases (glob); default idx_*")
    ap.add_argument("--rows", type=int, default=200000, help="rows of the no-gap table")
    ap.add_argument("--only", choices=("resume", "no-gap", "failed"), action="append")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    sd = os.path.abspath(args.schemadiff)
    only = set(args.only or ("resume", "no-gap", "failed"))
    passed = failed = 0
    with PgCluster() as pg, tempfile.TemporaryDirectory(prefix="sd-idxswap-") as tmp:
        checks = []
        if "resume" in only:
            for name in sorted(os.listdir(args.cases_dir)):
                d = os.path.join(args.cases_dir, name)
                if fnmatch.fnmatch(name, args.case) and os.path.isfile(os.path.join(d, "to.sql")):
                    # the partitioned case keeps the drop-then-create form: nothing to resume
                    if name == "idx_partitioned_kept":
                        continue
                    checks.append(("resume " + name,
                                   lambda d=d, i=len(checks): check_resume(pg, d, sd, tmp, "c%d" % i)))
        if "no-gap" in only:
            checks.append(("no-gap", lambda: check_no_gap(pg, sd, tmp, args.rows)))
        if "failed" in only:
            checks.append(("failed-build", lambda: check_failed_build(pg, sd, tmp)))
        for name, fn in checks:
            try:
                what = fn()
                print("ok %s%s" % (name, " (%s)" % what if args.v and what else ""))
                passed += 1
            except Fail as e:
                print("FAIL %s: %s" % (name, e))
                failed += 1
            sys.stdout.flush()
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
