#!/usr/bin/env python3
"""Proof of schemadiff's `data_loss` claims on a real PostgreSQL 15.

Each case below is a from-schema, a to-schema and rows for the from-side. For each one:

  plan      `schemadiff plan --from from.sql --to to.sql --out DIR --allow-hazards all`; the
            claim is whether any forward change carries the `data_loss` hazard (plan.json)
  apply     a database made from from.sql and the rows; the rows of every table in schema
            public (as text, sorted) are kept; migration.sql is run, then rollback.sql
  compare   the rows of every table the from-side had, after the rollback, with those kept

Data is lost when the rows differ after the round trip (a value converted for good, a column or
a table dropped). A case fails when the claim and the observation disagree: `data_loss` claimed
and every row came back (the claim is broader than what happens), or not claimed and a row did
not; and when migration.sql or rollback.sql fails (a conversion that refuses a row is the
pre-flight's business, and the rows of a case are chosen so that none does: a varchar narrowed
without USING keeps its rows or fails, it never truncates). The rows of the
cases that change a type are chosen to show a loss where one can happen (a value past the new
limit, a fraction, a time of day); no case says what the plan should claim.

Output: `ok NAME (claimed: …, observed: …)` or `FAIL NAME: …` per case, then `N passed, M failed`.
Exit 0 when all passed, 1 otherwise, 2 on usage error.
"""

import argparse
import fnmatch
import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import testlib  # noqa: E402
from pgcluster import PgCluster, ClusterError  # noqa: E402

DOMAINS = ("CREATE DOMAIN v3 AS varchar(3);\nCREATE DOMAIN v5 AS varchar(5);\nCREATE DOMAIN tx AS text;\n"
           "CREATE DOMAIN n1 AS numeric(8,1);\n")


def column_case(name, old, new, *values):
    """A column of table t changing type old -> new, with rows holding `values` (SQL literals)."""
    frm = DOMAINS + "CREATE TABLE t (id integer PRIMARY KEY, a %s);\n" % old
    to = DOMAINS + "CREATE TABLE t (id integer PRIMARY KEY, a %s);\n" % new
    rows = "".join("INSERT INTO t VALUES (%d, %s);\n" % (i + 1, v) for i, v in enumerate(values))
    return (name, frm, to, rows)


CASES = [
    # objects that hold data, dropped
    ("drop_column", "CREATE TABLE t (id integer PRIMARY KEY, a text, b text);\n",
     "CREATE TABLE t (id integer PRIMARY KEY, a text);\n", "INSERT INTO t VALUES (1, 'x', 'y');\n"),
    ("drop_table", "CREATE TABLE t (id integer PRIMARY KEY);\nCREATE TABLE u (id integer PRIMARY KEY);\n",
     "CREATE TABLE t (id integer PRIMARY KEY);\n", "INSERT INTO t VALUES (1);\nINSERT INTO u VALUES (2);\n"),
    ("drop_composite_attribute", "CREATE TYPE pair AS (x integer, y integer);\n"
     "CREATE TABLE t (id integer PRIMARY KEY, p pair);\n",
     "CREATE TYPE pair AS (x integer);\nCREATE TABLE t (id integer PRIMARY KEY, p pair);\n",
     "INSERT INTO t VALUES (1, ROW(1, 2));\n"),
    # strings
    # (narrowed without USING: the assignment cast fails on a longer value, never truncates it)
    column_case("varchar_narrowed", "varchar(10)", "varchar(5)", "'abcde'", "'ab'"),
    column_case("char_narrowed", "char(5)", "char(3)", "'ab'"),
    column_case("varchar_widened", "varchar(5)", "varchar(10)", "'abcde'", "'a '"),
    column_case("varchar_to_text", "varchar(5)", "text", "'abcde'", "'a  '"),
    column_case("text_to_varchar_limited", "text", "varchar(3)", "'abc'"),
    column_case("text_to_varchar", "text", "varchar", "'abcdef'", "' x '"),
    column_case("char_to_varchar", "char(5)", "varchar(5)", "'ab'", "'abcde'"),
    # numbers
    column_case("numeric_scale_lowered", "numeric(8,2)", "numeric(8,1)", "1.25", "3.5"),
    column_case("numeric_precision_raised", "numeric(8,2)", "numeric(10,2)", "123456.78", "0.01"),
    column_case("numeric_unconstrained", "numeric(8,2)", "numeric", "123456.78"),
    column_case("numeric_constrained", "numeric", "numeric(12,2)", "1.005", "2"),
    column_case("numeric_to_integer", "numeric(6,2)", "integer", "1.5", "2"),
    column_case("integer_widened", "integer", "bigint", "2147483647", "-2147483648"),
    column_case("bigint_narrowed_in_range", "bigint", "integer", "2147483647", "-5"),
    column_case("integer_to_numeric", "integer", "numeric(12,2)", "2147483647"),
    column_case("integer_to_double", "integer", "double precision", "2147483647", "-2147483648"),
    column_case("integer_to_real", "integer", "real", "16777217"),
    column_case("bigint_to_double", "bigint", "double precision", "9007199254740993"),
    column_case("double_to_real", "double precision", "real", "1.23456789012"),
    column_case("real_to_double", "real", "double precision", "1.1", "3.4e38"),
    column_case("double_to_numeric", "double precision", "numeric", "0.30000000000000004"),
    # text read as another type and back
    column_case("text_to_integer", "text", "integer", "'012'", "'7'"),
    column_case("integer_to_text", "integer", "text", "-12", "0"),
    # times
    column_case("timestamp_to_date", "timestamp", "date", "'2024-01-01 10:30'"),
    column_case("date_to_timestamp", "date", "timestamp", "'2024-01-01'"),
    column_case("timestamp_precision_lowered", "timestamp(6)", "timestamp(0)", "'2024-01-01 10:00:00.123456'"),
    column_case("timestamp_to_timestamptz", "timestamp", "timestamptz", "'2024-01-01 10:00:00.123456'"),
    column_case("time_precision_raised", "time(2)", "time(4)", "'10:00:00.25'"),
    column_case("time_precision_lowered", "time(4)", "time(1)", "'10:00:00.2567'"),
    column_case("interval_range_widened", "interval day", "interval", "'3 days'"),
    column_case("interval_range_narrowed", "interval", "interval day", "'1 day 03:00'"),
    column_case("bit_varying_widened", "bit varying(3)", "bit varying(5)", "B'101'"),
    column_case("cidr_to_inet", "cidr", "inet", "'10.0.0.0/8'"),
    # domains
    column_case("domain_to_base", "v3", "varchar", "'abc'"),
    column_case("into_wider_domain", "varchar(3)", "v5", "'abc'"),
    column_case("into_text_domain", "text", "tx", "'abcdef'"),
    column_case("into_narrower_domain", "varchar(5)", "v3", "'abcde'"),
    column_case("into_numeric_domain", "numeric(8,2)", "n1", "1.25"),
]

SNAPSHOT = ("SELECT format('%I', c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1;")


def snapshot(pg, db):
    rc, out, err = pg.psql(db, SNAPSHOT)
    if rc != 0:
        raise ClusterError("listing tables: %s" % testlib.psql_error(err))
    rows = {}
    for table in out.split():
        rc, out2, err = pg.psql(db, "SELECT x::text FROM public.%s x ORDER BY 1;" % table)
        if rc != 0:
            raise ClusterError("reading %s: %s" % (table, testlib.psql_error(err)))
        rows[table] = out2.splitlines()
    return rows


def run_case(pg, args, case, work):
    name, frm, to, rows = case
    d = os.path.join(work, name)
    os.makedirs(d)
    for fn, text in (("from.sql", frm), ("to.sql", to), ("rows.sql", rows)):
        with open(os.path.join(d, fn), "w") as f:
            f.write(text)
    out = os.path.join(d, "plan")
    r = testlib.run([args.schemadiff, "plan", "--from", os.path.join(d, "from.sql"), "--to",
                     os.path.join(d, "to.sql"), "--out", out, "--allow-hazards", "all", "--format", "json"],
                    timeout=args.timeout, env=testlib.child_env())
    rep = testlib.sanitizer_report(r.err)
    if rep or r.rc != 0:
        return None, ["schemadiff plan exited %s: %s" % (r.rc, rep or testlib.head(r.err))]
    with open(os.path.join(out, "plan.json")) as f:
        plan = json.load(f)
    claimed = any("data_loss" in c.get("hazards", []) for c in plan["changes"])
    db = "dl_" + name
    pg.dropdb(db)
    pg.createdb(db)
    try:
        rc, _, err = pg.psql_file(db, [os.path.join(d, "from.sql"), os.path.join(d, "rows.sql")])
        if rc != 0:
            return claimed, ["setup: %s" % testlib.psql_error(err)]
        before = snapshot(pg, db)
        for script in ("migration.sql", "rollback.sql"):
            rc, _, err = pg.psql_file(db, os.path.join(out, script))
            if rc != 0:
                return claimed, ["%s failed: %s" % (script, testlib.psql_error(err))]
        after = snapshot(pg, db)
    finally:
        if not args.keep:
            pg.dropdb(db)
    lost = [t for t in sorted(before) if after.get(t) != before[t]]
    what = "claimed %s, observed %s" % ("data_loss" if claimed else "none",
                                         "rows of %s lost" % ", ".join(lost) if lost else "every row back")
    if claimed != bool(lost):
        detail = "; ".join("%s: %s -> %s" % (t, before[t][:3], after.get(t, "gone")[:3]) for t in lost)
        return claimed, ["%s%s" % (what, (" (" + detail + ")") if detail else "")]
    return claimed, what


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--schemadiff", default=os.path.join(ROOT, "build", "schemadiff"))
    ap.add_argument("--case", action="append", default=[], metavar="GLOB")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args(argv)
    cases = [c for c in CASES if not args.case or any(fnmatch.fnmatch(c[0], g) for g in args.case)]
    if not cases:
        print("run_dataloss: no case matches", file=sys.stderr)
        return 2
    passed = failed = 0
    try:
        with PgCluster() as pg, tempfile.TemporaryDirectory(prefix="sd-dataloss-") as work:
            for case in cases:
                try:
                    _, res = run_case(pg, args, case, work)
                except (ClusterError, OSError, ValueError) as e:
                    res = ["error: %s" % e]
                if isinstance(res, list):
                    failed += 1
                    print("FAIL %s: %s" % (case[0], "; ".join(res)))
                else:
                    passed += 1
                    print("ok %s (%s)" % (case[0], res))
                sys.stdout.flush()
    except ClusterError as e:
        print("run_dataloss: %s" % e, file=sys.stderr)
        return 1
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
