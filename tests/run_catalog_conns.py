#!/usr/bin/env python3
"""The catalog read of one database on two connections, on a throwaway PostgreSQL 15 cluster.

parser/catalog_async.c reads a single database on a main connection and a helper that imports
the main one's snapshot, each running part of the catalog queries; the helper is never a
condition (it falls back to the main connection alone).  Scenarios (the names `--case` matches):

  cc_split_same      `dump --from URL` with SCHEMADIFF_TIMING=1 says it used two connections, and
                     prints exactly what the one-connection read (SCHEMADIFF_CATALOG_CONNECTIONS=1)
                     prints; `plan --from URL --to` the schema file finds no change either way; the
                     read with the objects' DDL read early (SCHEMADIFF_CATALOG_EARLY=1, which a
                     database this small never needs) and without (=0) print the same
  cc_one_slot        a role with CONNECTION LIMIT 1: only one of the two connections gets in
                     (whichever: the main one, or the helper, which then becomes the main one;
                     or neither, each counting the other, and then one connection again);
                     the read succeeds and prints what the one-connection read prints, ten times
                     over (which one wins is a race: each run may take either path)
  cc_no_export       a role that may not call pg_export_snapshot() (EXECUTE revoked from PUBLIC, as
                     a hardened server may have it): the main connection's transaction is started
                     again without a snapshot to share, the read runs on that connection alone
                     (no "two connections" line) and prints what the one-connection read prints;
                     `plan --from URL --to` the schema file finds no change
  cc_server_gone     a port nobody listens on: one "cannot connect" error, exit 4, as before
  cc_helper_killed   the helper's backend terminated (pg_terminate_backend, from a session that
                     waits for it) while it runs its column query, on a database of 800 tables: the
                     replay, already under way on the results that came in, asks the helper's
                     queries without a result again on the main connection; the read succeeds
                     (and says so with SCHEMADIFF_TIMING=1) and prints what the one-connection
                     read prints.  A kill that misses (the query over before it is seen) is tried
                     again, up to five times

Output: `ok NAME` / `FAIL NAME: reason`, then `N passed, M failed`; exit 1 when one failed.
"""

import argparse
import difflib
import fnmatch
import os
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import testlib  # noqa: E402
from pgcluster import PgCluster  # noqa: E402

SCHEMA = """
CREATE TYPE public.mood AS ENUM ('ok', 'sad');
CREATE TABLE public.accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL,
                              m public.mood, created_at timestamptz DEFAULT now(), CHECK (email <> ''));
CREATE TABLE public.orders (id bigserial PRIMARY KEY, account_id bigint REFERENCES public.accounts (id),
                            total numeric(12,2) NOT NULL DEFAULT 0);
CREATE INDEX orders_account ON public.orders (account_id) WHERE total > 0;
CREATE VIEW public.big_orders AS SELECT id, total FROM public.orders WHERE total > 100;
COMMENT ON TABLE public.orders IS 'orders';
"""


class Fail(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Fail(what)


def diff(a, b):
    return "".join(list(difflib.unified_diff(a.splitlines(True), b.splitlines(True), "one", "two", n=2))[:60])


class Env:
    def __init__(self, pg, sd, tmp):
        self.pg, self.sd, self.tmp = pg, sd, tmp
        self.schema = os.path.join(tmp, "schema.sql")
        with open(self.schema, "w") as f:
            f.write(SCHEMA)

    def run(self, args, one=False, early=None):
        env = {"SCHEMADIFF_TIMING": "1"}
        if one:
            env["SCHEMADIFF_CATALOG_CONNECTIONS"] = "1"
        if early is not None:
            env["SCHEMADIFF_CATALOG_EARLY"] = early
        r = testlib.run([self.sd] + args, timeout=300, env=testlib.child_env(env), cwd=self.tmp)
        rep = testlib.sanitizer_report(r.err)
        if rep:
            raise Fail("sanitizer report from %s:\n%s" % (args[:2], testlib.head(rep, 30)))
        return r


TWO = "catalog: two connections"


def s_split_same(e):
    url = e.pg.url("cc")
    two = e.run(["dump", "--from", url])
    one = e.run(["dump", "--from", url], one=True)
    check(two.rc == 0 and one.rc == 0, "dump exits %d / %d: %s" % (two.rc, one.rc, testlib.head(two.err + one.err)))
    check(TWO in two.err, "the read did not use two connections:\n%s" % testlib.head(two.err, 40))
    check(TWO not in one.err, "SCHEMADIFF_CATALOG_CONNECTIONS=1 still used two connections")
    check("CREATE TABLE public.orders" in two.out and "big_orders" in two.out, "dump lacks objects:\n%s" % two.out)
    check(two.out == one.out, "two connections read differently from one:\n%s" % diff(one.out, two.out))
    early = e.run(["dump", "--from", url], early="1")
    late = e.run(["dump", "--from", url], early="0")
    check(early.rc == 0 and late.rc == 0, "dump exits %d / %d: %s" % (early.rc, late.rc, early.err + late.err))
    check("interpret the objects" in early.err and "interpret the objects" not in late.err,
          "SCHEMADIFF_CATALOG_EARLY did not decide:\n%s" % testlib.head(early.err, 40))
    check(early.out == late.out == one.out, "the early read differs:\n%s" % diff(late.out, early.out))
    for single in (False, True):
        p = e.run(["plan", "--from", url, "--to", e.schema], one=single)
        check(p.rc == 0 and "No changes" in p.out, "plan from the database built from the file (one=%s): exit %d\n%s"
              % (single, p.rc, testlib.head(p.out + p.err)))


def s_one_slot(e):
    url = e.pg.url("cc").replace("postgres@", "cc_one@", 1)
    check("cc_one@" in url, "cannot make the role's URL from %s" % url)
    def quiet():
        # the backend of the run before may still be exiting, and would count against the limit
        for _ in range(100):
            rc, out, _ = e.pg.psql("cc", "SELECT count(*) FROM pg_stat_activity WHERE usename = 'cc_one'")
            if rc == 0 and out.strip().endswith("0"):
                return
            time.sleep(0.05)
        raise Fail("a backend of cc_one does not go away")
    quiet()
    want = e.run(["dump", "--from", url], one=True)
    check(want.rc == 0, "one-connection dump as cc_one: exit %d\n%s" % (want.rc, testlib.head(want.err)))
    for _ in range(10):
        quiet()
        r = e.run(["dump", "--from", url])
        check(r.rc == 0, "dump as a role with CONNECTION LIMIT 1: exit %d\n%s" % (r.rc, testlib.head(r.err)))
        check(r.out == want.out, "read differently:\n%s" % diff(want.out, r.out))


def s_no_export(e):
    url = e.pg.url("cc_ne").replace("postgres@", "cc_noexp@", 1)
    check("cc_noexp@" in url, "cannot make the role's URL from %s" % url)
    rc, _, err = e.pg.psql("cc_ne", "SET ROLE cc_noexp; SELECT pg_catalog.pg_export_snapshot()")
    check(rc != 0 and "permission denied" in err, "cc_noexp can still export a snapshot: rc %d %s" % (rc, err))
    two = e.run(["dump", "--from", url])
    one = e.run(["dump", "--from", url], one=True)
    check(two.rc == 0 and one.rc == 0, "dump exits %d / %d: %s" % (two.rc, one.rc, testlib.head(two.err + one.err)))
    check(TWO not in two.err, "two connections without a snapshot to share:\n%s" % testlib.head(two.err, 40))
    check("CREATE TABLE public.orders" in two.out, "dump lacks objects:\n%s" % two.out)
    check(two.out == one.out, "the read without the export differs from one connection's:\n%s" % diff(one.out, two.out))
    p = e.run(["plan", "--from", url, "--to", e.schema])
    check(p.rc == 0 and "No changes" in p.out, "plan as cc_noexp: exit %d\n%s" % (p.rc, testlib.head(p.out + p.err)))


def s_server_gone(e):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    r = e.run(["dump", "--from", "postgresql://postgres@/cc?host=%s&port=%d" % (e.pg.dir, port)])
    check(r.rc == 4, "exit %d, want 4\n%s" % (r.rc, testlib.head(r.err)))
    errs = [l for l in r.err.splitlines() if "cannot connect" in l]
    check(len(errs) == 1, "want one 'cannot connect' line:\n%s" % testlib.head(r.err))


def big_schema(n):
    out = ["CREATE SCHEMA big;"]
    for i in range(n):
        out.append("CREATE TABLE big.t%d (id bigint PRIMARY KEY, a text NOT NULL DEFAULT 'a', b int DEFAULT %d, "
                   "c numeric(10,2) CHECK (c > 0), d timestamptz DEFAULT now(), e boolean, f text, g int, "
                   "h uuid);" % (i, i))
        out.append("CREATE INDEX t%d_b ON big.t%d (b) WHERE g > 0;" % (i, i))
    return "\n".join(out)


# terminates the backend running the helper's column query, once seen (pg_stat_activity is read
# afresh each time round: pg_stat_clear_snapshot)
KILLER = """
DO $$ DECLARE n int := 0; BEGIN
  FOR i IN 1..15000 LOOP
    PERFORM pg_catalog.pg_stat_clear_snapshot();
    SELECT count(pg_catalog.pg_terminate_backend(pid)) INTO n FROM pg_catalog.pg_stat_activity
     WHERE query LIKE '/* schemadiff: columns */%' AND state = 'active' AND pid <> pg_catalog.pg_backend_pid();
    EXIT WHEN n > 0;
    PERFORM pg_catalog.pg_sleep(0.002);
  END LOOP;
  RAISE NOTICE 'killed %', n;
END $$;
"""


def s_helper_killed(e):
    url = e.pg.url("cc_big")
    one = e.run(["dump", "--from", url], one=True)
    check(one.rc == 0 and "big.t799" in one.out, "one-connection dump: exit %d\n%s" % (one.rc, testlib.head(one.err)))
    for _ in range(5):
        killer = subprocess.Popen([e.pg.psql_bin, "-X", "-q", "-d", e.pg.conninfo("cc_big"), "-c", KILLER],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=testlib.child_env())
        time.sleep(0.3)  # the killer's session is up and looking
        r = e.run(["dump", "--from", url])
        try:
            _, kerr = killer.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            killer.kill()
            raise Fail("the killing session did not end")
        check(r.rc == 0, "dump with the helper killed: exit %d\n%s" % (r.rc, testlib.head(r.err, 40)))
        check(r.out == one.out, "read differently with the helper killed:\n%s" % diff(one.out, r.out))
        if "killed 1" in kerr:
            check("the helper connection failed" in r.err and TWO in r.err,
                  "the helper was killed but the read did not ask again:\n%s" % testlib.head(r.err, 40))
            return
    raise Fail("the helper's column query was never caught running in five tries")


SCENARIOS = [("cc_split_same", s_split_same), ("cc_one_slot", s_one_slot), ("cc_no_export", s_no_export),
             ("cc_server_gone", s_server_gone), ("cc_helper_killed", s_helper_killed)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemadiff", required=True)
    ap.add_argument("--case", default="*")
    args = ap.parse_args()
    sd = os.path.abspath(args.schemadiff)
    passed = failed = 0
    with PgCluster() as pg, tempfile.TemporaryDirectory(prefix="sd-cconns-") as tmp:
        pg.createdb("cc")
        rc, _, err = pg.psql("cc", SCHEMA + "CREATE ROLE cc_one LOGIN CONNECTION LIMIT 1;")
        if not rc:
            pg.createdb("cc_ne")
            rc, _, err = pg.psql("cc_ne", SCHEMA + "CREATE ROLE cc_noexp LOGIN; REVOKE EXECUTE ON FUNCTION "
                                 "pg_catalog.pg_export_snapshot() FROM PUBLIC;")
        if not rc:
            pg.createdb("cc_big")
            with open(os.path.join(tmp, "big.sql"), "w") as f:
                f.write(big_schema(800))
            rc, _, err = pg.psql_file("cc_big", os.path.join(tmp, "big.sql"))
        if rc:
            print("FAIL setup: %s" % err)
            return 1
        e = Env(pg, sd, tmp)
        for name, fn in SCENARIOS:
            if not fnmatch.fnmatch(name, args.case):
                continue
            try:
                fn(e)
                print("ok %s" % name)
                passed += 1
            except Fail as x:
                print("FAIL %s: %s" % (name, x))
                failed += 1
            sys.stdout.flush()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
