#!/usr/bin/env python3
"""Hostile names: every name position of the model × hostile strings, against PostgreSQL 15.

A schema file that is valid PostgreSQL must never make schemadiff write SQL that does
something else (issue 8: a parameter name such as `")RETURNS int AS'select 1'LANGUAGE sql;
DROP TABLE foobar;--"` was printed raw and dropped a table). For each hostile string H one
schema is generated that puts H (made distinct per position by a short prefix) in every name
position the model holds: schema, table, column, constraint (check, unique, foreign key),
index, sequence, composite type and its attributes, enum type and its labels, domain and its
constraint, function and its parameters (IN, INOUT, OUT, VARIADIC, RETURNS TABLE, defaults),
named arguments in calls, a SQL-standard (RETURN / BEGIN ATOMIC) body, view and its columns
(column list, aliases, CTE name, WINDOW name and OVER name), trigger, policy, comment text,
default literal and a dollar-quoted body holding H; and the kinds of issue 9 (kinds_sql):
aggregate, operator (schema, argument types, function), operator family and class, range type
and multirange (with columns), cast, statistics object, text search template, dictionary and
configuration, rule, publication, typed table, REPLICA IDENTITY, column storage and attribute
options, DO-block guarded DDL and CREATE SCHEMA with elements. A variant (v2) alters each of them (types,
defaults, checks, labels added, bodies and queries replaced, index rebuilt, comments changed) so
that the ALTER and rebuild paths run too.

The schemas of all hostile strings (each in its own schema) go into one database, next to a
sentinel table `public.foobar` that the injection strings try to drop:

  setup    v1 and v2 load into scratch databases (they are valid PostgreSQL)
  plan     empty -> v1, v1 -> v2 and v1 -> empty (`plan --out`): exit 0 (or 6: hazards not
           allowed, files written all the same), both scripts written
  apply    every script twice, in this order (each rollback right after a migration):
           empty -create-> v1 -alter-> v2 -rollback-> v1 -drop-> empty -rollback-> v1
           -create's rollback-> empty; every script applies (psql ON_ERROR_STOP) and the
           sentinel survives each run
  replan   after the first run of a script `verify --db DB --to STATE`, after the second
           `plan --exit-code` from the database (read live through its URL, schema public
           excluded) to the state and back: all empty

When that combined run fails, each hostile string is run alone in its own database (--jobs in
parallel) to name the ones that fail. Output: `ok NAME` or `FAIL NAME: step: reason` (details
indented), then `N passed, M failed`. Exit status 0 when all passed, 1 otherwise, 2 on usage error.
"""

import argparse
import concurrent.futures
import os
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import testlib  # noqa: E402
from pgcluster import PgCluster, ClusterError  # noqa: E402

StepFail = testlib.StepFail
rel = testlib.rel

# kinds_sql() puts each of its kinds in the schemas of every KIND_SAMPLE-th hostile string
# (--every-kind: 1, all of them)
KIND_SAMPLE = 3

INJECT = ")RETURNS int AS'select 1'LANGUAGE sql;DROP TABLE foobar;--"

# (name of the case, hostile string). A name in a position is PREFIX + H, where PREFIX is
# short and distinct per position, so all names differ; "trunc63" is built per position.
HOSTILE = [
    ("inject", INJECT),
    ("dquote", 'a"b";DROP TABLE foobar;--'),
    ("squote", "a'b';DROP TABLE foobar;--"),
    ("semicolon", "x;DROP TABLE foobar"),
    ("dashdash", "x -- y"),
    ("slashstar", "x /* y"),
    ("newline", "x\nDROP TABLE foobar;\n"),
    ("dollar2", "x$$y$$"),
    ("dollarsd", "$sd$;DROP TABLE foobar;$sd$"),
    ("dollarend", "x$"),
    ("backslash", "x\\y\\'"),
    ("binary", "\x01\x02\x1f\x7f"),
    ("unicode", "\u00e9t\u00e9 \u2603 \U0001F600 \u202e"),
    ("keyword", "select"),
    ("mixedcase", "MiXeD"),
    ("trunc63", None),
]


def name(prefix, h, limit=None):
    """The name of one position: prefix + h. For trunc63 (h None) a 68-byte name whose 63rd
    and 64th bytes are one two-byte character, so that PostgreSQL, which never cuts a
    character, keeps 62 bytes; with limit=63 (enum labels, which are not truncated but
    refused when longer) a 63-byte label ending in that character."""
    if h is None:
        if limit:
            s = prefix + "x" * (61 - len(prefix)) + "\u00e9"
            assert len(s.encode()) == 63
            return s
        s = prefix + "x" * (62 - len(prefix)) + "\u00e9" + "tail"
        assert len(s.encode()) == 68 and s.encode()[62] == 0xC3
        return s
    return prefix + h


def ident(s):
    return '"%s"' % s.replace('"', '""')


def lit(s):
    if "\\" in s:
        return "E'%s'" % s.replace("\\", "\\\\").replace("'", "''")
    return "'%s'" % s.replace("'", "''")


def dollar(body):
    tag = "$h$"
    i = 0
    while tag in body + tag[:-1] or (body + tag).find(tag) != len(body):
        i += 1
        tag = "$h%d$" % i
    return tag + body + tag


def schema_sql(h, v2):
    """The schema of one hostile string; v2: the variant that alters every object."""
    n = {}
    for p in ("s", "t", "r", "c", "d", "e", "f", "g", "ck", "uq", "fk", "ix", "sq", "ct", "ca", "cb",
              "en", "dm", "dc", "fn", "p1", "p2", "p3", "p4", "ft", "r1", "r2", "fr", "q1", "pr", "q2",
              "tf", "tg", "po", "v", "v1", "v2", "al", "cte", "w", "vn", "an", "cd", "nc"):
        n[p] = ident(name(p + "_", h))
    text = name("", h) if h is not None else name("lit_", None)
    S = n["s"]

    def q(k):
        return "%s.%s" % (S, n[k])

    lab = [lit(name(p, h, 63)) for p in ("l1_", "l2_", "l3_")]
    out = []
    w = out.append
    w("CREATE SCHEMA %s;" % S)
    w("CREATE TYPE %s AS ENUM (%s);" % (q("en"), ", ".join(lab[:2])))
    if v2:
        w("ALTER TYPE %s ADD VALUE %s AFTER %s;" % (q("en"), lab[2], lab[0]))
    w("CREATE DOMAIN %s AS int CONSTRAINT %s CHECK (VALUE > %d);" % (q("dm"), n["dc"], 1 if v2 else 0))
    w("CREATE TYPE %s AS (%s int, %s text%s);" % (q("ct"), n["ca"], n["cb"],
                                                 ", %s int" % n["cd"] if v2 else ""))
    w("CREATE SEQUENCE %s INCREMENT %d;" % (q("sq"), 2 if v2 else 1))
    w("CREATE TABLE %s (%s int PRIMARY KEY, %s text);" % (q("r"), n["c"], n["d"]))
    w("CREATE TABLE %s (\n"
      "  %s %s CONSTRAINT %s CHECK (%s > %d),\n"
      "  %s text DEFAULT %s,\n"
      "  %s %s DEFAULT %s,\n"
      "  %s %s,\n"
      "  %s int DEFAULT nextval(%s),\n"
      "  CONSTRAINT %s UNIQUE (%s),\n"
      "  CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (%s)\n);"
      % (q("t"),
         n["c"], "bigint" if v2 else "int", n["ck"], n["c"], 1 if v2 else 0,
         n["d"], lit(text + ("2" if v2 else "")),
         n["e"], q("en"), lab[1],
         n["f"], q("dm"),
         n["g"], lit("%s.%s" % (S, n["sq"])),
         n["uq"], n["c"],
         n["fk"], n["c"], q("r"), n["c"]))
    if v2:
        w("ALTER TABLE %s ADD COLUMN %s text;" % (q("t"), n["nc"]))
    w("CREATE INDEX %s ON %s (%s%s);" % (n["ix"], q("t"), n["c"], " DESC" if v2 else ""))
    w("COMMENT ON TABLE %s IS %s;" % (q("t"), lit(text + ("2" if v2 else ""))))
    w("COMMENT ON COLUMN %s.%s IS %s;" % (q("t"), n["c"], lit(text)))
    # a comment (its text ends the body: a body ending in `$` for "dollarend") and a literal
    comment = text.replace("\n", " ")
    body = "SELECT %s + %d, %s -- %s" % (n["p1"], 2 if v2 else 1, lit(text), comment)
    w("CREATE FUNCTION %s(%s int, INOUT %s int DEFAULT 1, OUT %s text, VARIADIC %s int[] DEFAULT '{}')\n"
      "  LANGUAGE sql AS %s;" % (q("fn"), n["p1"], n["p2"], n["p3"], n["p4"], dollar(body)))
    w("CREATE FUNCTION %s(%s int) RETURNS TABLE (%s int, %s text)\n  LANGUAGE sql AS %s;"
      % (q("ft"), n["p1"], n["r1"], n["r2"], dollar("SELECT %s, %s" % (n["p1"], lit(text)))))
    w("CREATE FUNCTION %s(%s int DEFAULT 1) RETURNS int LANGUAGE sql IMMUTABLE RETURN %s + %d;"
      % (q("fr"), n["q1"], n["q1"], 2 if v2 else 1))
    w("CREATE PROCEDURE %s(%s int) LANGUAGE sql BEGIN ATOMIC SELECT %s %s %s; END;"
      % (q("pr"), n["q2"], n["q2"], "*" if v2 else "+", 1))
    w("CREATE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS %s;"
      % (q("tf"), dollar("BEGIN\n  -- %s\n  RETURN NEW;\nEND" % text.replace("\n", " "))))
    w("CREATE TRIGGER %s BEFORE INSERT%s ON %s FOR EACH ROW EXECUTE FUNCTION %s();"
      % (n["tg"], " OR UPDATE" if v2 else "", q("t"), q("tf")))
    w("COMMENT ON FUNCTION %s(int) IS %s;" % (q("fr"), lit(text)))
    w("ALTER TABLE %s ENABLE ROW LEVEL SECURITY;" % q("t"))
    w("CREATE POLICY %s ON %s USING (%s > %d);" % (n["po"], q("t"), n["c"], 1 if v2 else 0))
    w("CREATE VIEW %s (%s, %s) AS\n"
      "  WITH %s AS (SELECT %s AS %s FROM %s)\n"
      "  SELECT %s, count(*) OVER %s FROM %s WINDOW %s AS (ORDER BY %s%s);"
      % (q("v"), n["v1"], n["v2"], n["cte"], n["c"], n["al"], q("t"),
         n["al"], n["w"], n["cte"], n["w"], n["al"], " DESC" if v2 else ""))
    w("CREATE VIEW %s AS SELECT %s(%s => %d) AS %s;" % (q("vn"), q("fr"), n["q1"], 2 if v2 else 1, n["an"]))
    w("COMMENT ON VIEW %s IS %s;" % (q("v"), lit(text)))
    out.extend(kinds_sql(h, S, q, n, text, v2))
    return "\n".join(out) + "\n"


def kinds_sql(h, S, q, n0, text, v2):
    """The kinds added after the first hostile run (issue 9): aggregate, operator (its name is
    a symbol: hostile are its schema, argument types and function), operator family and class,
    range type and its multirange (v2 re-creates it under a column), cast, statistics object,
    text search template, dictionary and configuration, rule, publication, typed table,
    REPLICA IDENTITY, column storage and attribute options, DO-block guarded DDL and CREATE
    SCHEMA with elements; every name in them hostile too."""
    n = dict(n0)
    for p in ("ag", "opf", "oa", "ob", "of", "oc", "rg", "mr", "rt", "rc", "rm", "rd", "cf", "cx", "st",
              "tst", "tsd", "tsc", "ru", "pb", "tt", "ri", "dt", "s2", "et", "ea", "ei", "ev"):
        n[p] = ident(name(p + "_", h))

    def q(k):
        return "%s.%s" % (S, n[k])

    units = []

    def unit():
        units.append([])
        return units[-1].append

    w = unit()  # aggregate
    w("CREATE AGGREGATE %s(int) (SFUNC = int4pl, STYPE = int, INITCOND = %s);" % (q("ag"), "'1'" if v2 else "'0'"))
    w = unit()  # operator: its schema, argument types and function
    w("CREATE FUNCTION %s(%s %s, %s %s) RETURNS boolean LANGUAGE sql IMMUTABLE AS %s;"
      % (q("opf"), n["oa"], q("dm"), n["ob"], q("dm"), dollar("SELECT %s::int = %s::int" % (n["oa"], n["ob"]))))
    w("CREATE OPERATOR %s.#=# (LEFTARG = %s, RIGHTARG = %s, FUNCTION = %s%s);"
      % (S, q("dm"), q("dm"), q("opf"), ", COMMUTATOR = OPERATOR(%s.#=#)" % S if v2 else ""))
    w = unit()  # operator family and class
    w("CREATE OPERATOR FAMILY %s USING hash;" % q("of"))
    w("CREATE OPERATOR CLASS %s FOR TYPE int4 USING hash FAMILY %s AS OPERATOR 1 = (int4, int4), "
      "FUNCTION 1 hashint4(int4);" % (q("oc"), q("of")))
    w = unit()  # range type and multirange, with columns: v2 re-creates it under them
    w("CREATE FUNCTION %s(%s int, %s int) RETURNS float8 LANGUAGE sql IMMUTABLE STRICT AS %s;"
      % (q("rd"), n["oa"], n["ob"], dollar("SELECT (%s - %s)::float8" % (n["oa"], n["ob"]))))
    w("CREATE TYPE %s AS RANGE (SUBTYPE = int4, MULTIRANGE_TYPE_NAME = %s%s);"
      % (q("rg"), q("mr"), ", SUBTYPE_DIFF = %s" % q("rd") if v2 else ""))
    w("CREATE TABLE %s (%s %s, %s %s);" % (q("rt"), n["rc"], q("rg"), n["rm"], q("mr")))
    w = unit()  # cast
    w("CREATE FUNCTION %s(%s %s) RETURNS int LANGUAGE sql IMMUTABLE AS %s;"
      % (q("cf"), n["cx"], q("ct"), dollar("SELECT (%s).%s" % (n["cx"], n["ca"]))))
    w("CREATE CAST (%s AS int) WITH FUNCTION %s(%s)%s;" % (q("ct"), q("cf"), q("ct"), " AS ASSIGNMENT" if v2 else ""))
    w = unit()  # statistics object
    w("CREATE STATISTICS %s (dependencies) ON %s, %s FROM %s;" % (q("st"), n["c"], n["d"], q("r")))
    if v2:
        w("ALTER STATISTICS %s SET STATISTICS 100;" % q("st"))
    w = unit()  # text search
    w("CREATE TEXT SEARCH TEMPLATE %s (INIT = dsimple_init, LEXIZE = dsimple_lexize);" % q("tst"))
    w("CREATE TEXT SEARCH DICTIONARY %s (TEMPLATE = %s, STOPWORDS = english%s);"
      % (q("tsd"), q("tst"), ", ACCEPT = false" if v2 else ""))
    w("CREATE TEXT SEARCH CONFIGURATION %s (PARSER = default);" % q("tsc"))
    w("ALTER TEXT SEARCH CONFIGURATION %s ADD MAPPING FOR asciiword WITH %s%s;"
      % (q("tsc"), q("tsd"), ", simple" if v2 else ""))
    w("COMMENT ON TEXT SEARCH CONFIGURATION %s IS %s;" % (q("tsc"), lit(text)))
    w = unit()  # rule
    w("CREATE RULE %s AS ON DELETE TO %s%s DO INSTEAD NOTHING;"
      % (n["ru"], q("r"), " WHERE old.%s > 1" % n["c"] if v2 else ""))
    w = unit()  # publication (no schema: its own name is hostile)
    w("CREATE PUBLICATION %s FOR TABLE %s (%s, %s)%s;"
      % (n["pb"], q("r"), n["c"], n["d"], " WHERE (%s > 1)" % n["c"] if v2 else ""))
    w = unit()  # typed table
    w("CREATE TABLE %s OF %s%s;" % (q("tt"), q("ct"), " (%s WITH OPTIONS NOT NULL)" % n["ca"] if v2 else ""))
    w = unit()  # REPLICA IDENTITY
    w("CREATE UNIQUE INDEX %s ON %s (%s);" % (n["ri"], q("r"), n["c"]))
    w("ALTER TABLE %s REPLICA IDENTITY %s;" % (q("r"), "USING INDEX %s" % n["ri"] if v2 else "FULL"))
    w = unit()  # storage
    w("ALTER TABLE %s ALTER COLUMN %s SET STORAGE %s;" % (q("r"), n["d"], "MAIN" if v2 else "EXTERNAL"))
    w = unit()  # attribute options
    w("ALTER TABLE %s ALTER COLUMN %s SET (n_distinct = %d);" % (q("r"), n["c"], 20 if v2 else 10))
    w = unit()  # DO-block guarded DDL
    w("DO %s;" % dollar("BEGIN\n  CREATE TYPE %s AS ENUM (%s);\nEXCEPTION WHEN duplicate_object THEN null;\nEND"
                        % (q("dt"), lit(name("dl_", h, 63)))))
    w = unit()  # CREATE SCHEMA with elements
    w("CREATE SCHEMA %s\n  CREATE TABLE %s (%s int%s)\n  CREATE INDEX %s ON %s (%s)\n"
      "  CREATE VIEW %s AS SELECT %s FROM %s;"
      % (n["s2"], n["et"], n["ea"], ", %s text" % n["d"] if v2 else "", n["ei"], n["et"], n["ea"],
         n["ev"], n["ea"], n["et"]))
    # sampled, deterministically: unit k for the hostile strings whose index i has
    # (i + k) % KIND_SAMPLE == 0, so each kind meets every KIND_SAMPLE-th string and each
    # string some kinds (run time)
    i = [x[1] for x in HOSTILE].index(h)
    out = []
    for k, u in enumerate(units):
        if (i + k) % KIND_SAMPLE == 0:
            out.extend(u)
    return out


class Runner:
    def __init__(self, args, pg, work):
        self.args = args
        self.pg = pg
        self.work = work

    def sd(self, step, argv, ok=(0,)):
        r = testlib.run([self.args.schemadiff] + argv, timeout=self.args.timeout, env=testlib.child_env())
        rep = testlib.sanitizer_report(r.err)
        if rep:
            raise StepFail(step, "sanitizer report from `schemadiff %s`" % " ".join(argv[:1]), rep)
        if r.timed_out:
            raise StepFail(step, "`schemadiff %s` timed out" % " ".join(argv))
        if r.rc not in ok:
            raise StepFail(step, "`schemadiff %s` exited %s" % (" ".join(rel(a) for a in argv), r.rc),
                           testlib.head(r.err, 10) + "\n" + testlib.head(r.out, 10))
        return r

    def sentinel(self, step, db):
        rc, out, err = self.pg.psql(db, "SELECT count(*) FROM public.foobar")
        if rc != 0 or out.strip() != "1":
            raise StepFail(step, "the sentinel table public.foobar is gone (or changed)", testlib.head(err or out))

    def same(self, step, db, src):
        url = self.pg.url(db)
        for a, b in ((url, src), (src, url)):
            r = self.sd(step, ["plan", "--from", a, "--to", b, "--exclude-schema", "public", "--exit-code"],
                        ok=(0, 1))
            if r.rc == 1:
                raise StepFail(step, "re-plan not empty: `plan --from %s --to %s`"
                               % ("DB" if a == url else rel(a), "DB" if b == url else rel(b)),
                               testlib.head(r.out, 15))

    def verify(self, step, db, src):
        r = self.sd(step, ["verify", "--db", self.pg.url(db), "--to", src, "--exclude-schema", "public"],
                    ok=(0, 1))
        if r.rc == 1:
            raise StepFail(step, "database differs from %s (`verify`)" % rel(src), testlib.head(r.out, 15))

    def apply(self, step, db, script, state):
        """script applied twice; after the first run `verify`, after the second re-plans both ways."""
        for i in (1, 2):
            rc, out, err = self.pg.psql_file(db, script, timeout=self.args.timeout)
            if rc != 0:
                raise StepFail("%s#%d" % (step, i), "%s failed (psql exit %s)" % (rel(script), rc),
                               testlib.psql_error(err))
            self.sentinel("%s#%d" % (step, i), db)
            if i == 1:
                self.verify("%s#%d" % (step, i), db, state)
            else:
                self.same("%s#%d" % (step, i), db, state)

    def run_case(self, idx, label, hs):
        """One database holding the schemas of every hostile string in hs."""
        t0 = time.monotonic()
        cw = os.path.join(self.work, "%02d-%s" % (idx, label))
        os.makedirs(cw)
        v1 = os.path.join(cw, "v1.sql")
        v2 = os.path.join(cw, "v2.sql")
        empty = os.path.join(cw, "empty.sql")
        for path, text in ((v1, "".join(schema_sql(h, False) for h in hs)),
                           (v2, "".join(schema_sql(h, True) for h in hs)), (empty, "")):
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        db = "hostile%02d" % idx
        try:
            for d, script in ((db + "_v1", v1), (db + "_v2", v2), (db, None)):
                rc, _, err = self.pg.psql("postgres", "CREATE DATABASE %s TEMPLATE template0" % d)
                if rc != 0:
                    raise StepFail("setup", "createdb failed", testlib.head(err))
                if script:
                    # the generated schemas are valid PostgreSQL: v1 and v2 load as they are
                    rc, _, err = self.pg.psql_file(d, script)
                    self.pg.psql("postgres", "DROP DATABASE %s" % d)
                    if rc != 0:
                        raise StepFail("setup", "%s does not load" % rel(script), testlib.psql_error(err))
            rc, _, err = self.pg.psql(db, "CREATE TABLE public.foobar (x int); INSERT INTO public.foobar VALUES (1)")
            if rc != 0:
                raise StepFail("setup", "sentinel", testlib.head(err))
            plans = {}
            for tag, a, b in (("create", empty, v1), ("alter", v1, v2), ("drop", v1, empty)):
                out = os.path.join(cw, tag)
                # exit 6: v1 -> empty drops data (a blocking hazard no run here allows); the
                # files are written all the same, and they are what this test is about
                self.sd("plan-" + tag, ["plan", "--from", a, "--to", b, "--out", out], ok=(0, 6))
                mig, rb = os.path.join(out, "migration.sql"), os.path.join(out, "rollback.sql")
                for p in (mig, rb):
                    if not os.path.isfile(p):
                        raise StepFail("plan-" + tag, "%s not written" % rel(p))
                plans[tag] = (mig, rb)
            # empty -> v1 -> v2 -> v1 -> empty -> v1 -> empty
            self.apply("create", db, plans["create"][0], v1)
            self.apply("alter", db, plans["alter"][0], v2)
            self.apply("alter-rollback", db, plans["alter"][1], v1)
            self.apply("drop", db, plans["drop"][0], empty)
            self.apply("drop-rollback", db, plans["drop"][1], v1)
            self.apply("create-rollback", db, plans["create"][1], empty)
        except StepFail as e:
            lines = ["FAIL %s: %s: %s (%.1fs)" % (label, e.step, e.reason, time.monotonic() - t0)]
            if e.detail:
                lines.append(testlib.indent(e.detail))
            return False, "\n".join(lines)
        finally:
            self.pg.psql("postgres", "DROP DATABASE IF EXISTS %s" % db)
        return True, "ok %s (%.1fs)" % (label, time.monotonic() - t0)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Hostile names against PostgreSQL 15.",
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--schemadiff", default=os.path.join(ROOT, "build", "schemadiff"))
    ap.add_argument("--case", action="append", default=[], metavar="NAME", help="only these hostile strings")
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--keep", action="store_true", help="keep the work directory (schemas, plans)")
    ap.add_argument("--no-split", action="store_true",
                    help="when the combined run fails, do not re-run each hostile string alone")
    ap.add_argument("--every-kind", action="store_true",
                    help="every kind of issue 9 for every hostile string (not a third of them)")
    ap.add_argument("--print-schema", metavar="NAME", help="print v1 and v2 of one hostile string and exit")
    args = ap.parse_args(argv)
    global KIND_SAMPLE
    if args.every_kind:
        KIND_SAMPLE = 1
    if args.print_schema:
        h = dict(HOSTILE)[args.print_schema]
        sys.stdout.write(schema_sql(h, False) + "\n-- v2\n" + schema_sql(h, True))
        return 0
    args.schemadiff = os.path.abspath(args.schemadiff)
    if not os.access(args.schemadiff, os.X_OK):
        print("run_hostile: %s: not an executable" % args.schemadiff, file=sys.stderr)
        return 2
    chosen = [(l, h) for l, h in HOSTILE if not args.case or l in args.case]
    work = tempfile.mkdtemp(prefix="schemadiff-hostile-")
    passed = failed = 0
    try:
        with PgCluster() as pg:
            runner = Runner(args, pg, work)
            # all hostile strings in one database (each in its own schema): one run is fast
            ok, text = runner.run_case(0, "all", [h for _, h in chosen])
            print(text, flush=True)
            if ok or len(chosen) == 1 or args.no_split:
                passed, failed = (1, 0) if ok else (0, 1)
            else:
                # which strings fail: each alone
                print("one database per hostile string, to find which fail:", flush=True)
                cases = [(i + 1, l, [h]) for i, (l, h) in enumerate(chosen)]
                ex = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs))
                try:
                    for ok1, text in ex.map(lambda c: runner.run_case(*c), cases):
                        print(text, flush=True)
                        passed += ok1
                        failed += not ok1
                except BaseException:
                    testlib.kill_all()
                    raise
                finally:
                    ex.shutdown(wait=False, cancel_futures=True)
                failed = max(failed, 1)
    except KeyboardInterrupt:
        testlib.kill_all()
        return 130
    except ClusterError as e:
        print("run_hostile: %s" % e, file=sys.stderr)
        return 2
    finally:
        if args.keep:
            print("work directory kept: %s" % work, file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
