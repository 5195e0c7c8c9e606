#!/usr/bin/env python3
"""`verify` and `plan` against many databases at once, on a throwaway PostgreSQL 15 cluster.

One cluster (tests/pgcluster.py), one schema file, databases:

  md_sync1, md_sync2   built from schema.sql: in sync
  md_drift             schema.sql plus an extra table, minus a column: drifted
  unreachable          the cluster's socket directory with a port nobody listens on, and a
                       password in the URL (which must never be printed)

Scenarios (each its own check; the names are what `--case` matches):

  md_verify_text       text report: per database (in the order given) its status, the drift
                       indented under the drifted one, the connection error under the unreachable
                       one, the summary line; exit 4 (the worst); no password anywhere
  md_verify_json       --format json: one document, per-database array in order, statuses,
                       the drifted one's drift objects, summary counts, "exit"
  md_exit_codes        only in-sync databases: 0; in sync + drifted: 1; with the unreachable: 4
  md_jobs              --jobs 1 and --jobs 4 print the same report (text and JSON); progress lines
                       ([k/N]) on stderr only when there are more databases than jobs
  md_db_list           --db-list FILE (comments, blank lines) equals the same --db flags; a bad
                       line is an input error naming the line, not echoing it (exit 3)
  md_plan_out          plan --db … --out DIR: one subdirectory per database (host_port_db, a
                       repeated database numbered -2), each with migration.sql, rollback.sql and
                       plan.json; none for the unreachable one; --exit-code; the drifted one's
                       migration applied with psql makes every database verify in sync
  md_single_same       one database through the multi-database path (plan --db) finds the same
                       changes as plan --from for it (one engine, one reader)

Output: `ok NAME` / `FAIL NAME: reason`, then `N passed, M failed`; exit 1 when one failed.
"""

import argparse
import fnmatch
import json
import os
import re
import socket
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import testlib  # noqa: E402
from pgcluster import PgCluster  # noqa: E402

SCHEMA = """
CREATE TABLE public.accounts (id bigint PRIMARY KEY, email text NOT NULL, created_at timestamptz);
CREATE TABLE public.orders (id bigint PRIMARY KEY, account_id bigint REFERENCES public.accounts (id),
                            total numeric(12,2) NOT NULL DEFAULT 0);
CREATE INDEX orders_account ON public.orders (account_id);
"""

DRIFT = """
CREATE TABLE public.extra_t (x int);
ALTER TABLE public.accounts DROP COLUMN created_at;
"""

PASSWORD = "Sup3rSecretPw"


class Fail(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Fail(what)


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Env:
    def __init__(self, pg, sd, tmp):
        self.pg, self.sd, self.tmp = pg, sd, tmp
        self.schema = os.path.join(tmp, "schema.sql")
        with open(self.schema, "w") as f:
            f.write(SCHEMA)
        self.url = {db: pg.url(db) for db in ("md_sync1", "md_sync2", "md_drift")}
        port = free_port()
        while port == pg.port:
            port = free_port()
        self.bad = "postgresql://postgres:%s@/md_gone?host=%s&port=%d" % (PASSWORD, pg.dir, port)

    def run(self, args, env=None):
        r = testlib.run([self.sd] + args, timeout=300, env=testlib.child_env(env), cwd=self.tmp)
        rep = testlib.sanitizer_report(r.err)
        if rep:
            raise Fail("sanitizer report from %s:\n%s" % (args[:2], testlib.head(rep, 30)))
        if PASSWORD in r.out or PASSWORD in r.err:
            raise Fail("the password was printed by %s" % " ".join(args[:2]))
        return r

    def verify(self, dbs, extra=()):
        args = ["verify"]
        for d in dbs:
            args += ["--db", d]
        return self.run(args + ["--to", self.schema] + list(extra))


def build(pg, tmp):
    for db in ("md_sync1", "md_sync2", "md_drift"):
        pg.createdb(db)
        rc, _, err = pg.psql(db, SCHEMA)
        if rc:
            raise Fail("setup %s: %s" % (db, err))
    rc, _, err = pg.psql("md_drift", DRIFT)
    if rc:
        raise Fail("setup drift: %s" % err)


def s_verify_text(e):
    order = [e.url["md_sync1"], e.url["md_drift"], e.bad, e.url["md_sync2"]]
    r = e.verify(order)
    check(r.rc == 4, "exit %d, want 4 (unreachable is the worst): %s" % (r.rc, testlib.head(r.err)))
    heads = [l for l in r.out.splitlines() if l and not l.startswith(" ")]
    names = ["md_sync1", "md_drift", "md_gone", "md_sync2"]
    want = ["in sync", "drifted", "unreachable", "in sync"]
    check(len(heads) == 5, "want 4 database lines and a summary:\n%s" % r.out)
    for h, n, w in zip(heads, names, want):
        check(("/%s?" % n) in h and h.endswith(": " + w), "line %r: want %s %s" % (h, n, w))
    check(heads[4] == "4 databases: 2 in sync, 1 drifted, 0 refused, 1 unreachable"
          or heads[4].startswith("4 databases: 2 in sync, 1 drifted"), "summary: %r" % heads[4])
    check("1 unreachable" in heads[4], "summary: %r" % heads[4])
    body = r.out.split(heads[1], 1)[1].split(heads[2], 1)[0]
    check("extra    public.extra_t (table)" in body, "drift body lacks the extra table:\n%s" % body)
    check("missing  public.accounts.created_at (column)" in body, "drift body lacks the column:\n%s" % body)
    bad = r.out.split(heads[2], 1)[1].split(heads[3], 1)[0]
    check("cannot connect" in bad and "md_gone" in bad, "unreachable without its error:\n%s" % bad)
    check("postgres@" in heads[2], "the user should stay in the name: %r" % heads[2])


def s_verify_json(e):
    order = [e.url["md_sync1"], e.url["md_drift"], e.bad, e.url["md_sync2"]]
    r = e.verify(order, ["--format", "json"])
    check(r.rc == 4, "exit %d, want 4" % r.rc)
    try:
        doc = json.loads(r.out)
    except ValueError as x:
        raise Fail("not one JSON document (%s):\n%s" % (x, r.out[:2000]))
    dbs = doc["databases"]
    check([d["status"] for d in dbs] == ["in sync", "drifted", "unreachable", "in sync"],
          "statuses %s" % [d["status"] for d in dbs])
    check([d["exit"] for d in dbs] == [0, 1, 4, 0], "exits %s" % [d["exit"] for d in dbs])
    drift = {(x["object"], x["drift"]) for x in dbs[1]["drift"]}
    check(drift == {("public.extra_t", "extra"), ("public.accounts.created_at", "missing")}, "drift %s" % drift)
    check(dbs[0]["drift"] == [] and "cannot connect" in dbs[2]["error"], "in sync / unreachable: %s" % dbs[:3])
    s = doc["summary"]
    check((s["databases"], s["in_sync"], s["drifted"], s["unreachable"]) == (4, 2, 1, 1), "summary %s" % s)
    check(doc["exit"] == 4, "exit field %s" % doc["exit"])


def s_exit_codes(e):
    r = e.verify([e.url["md_sync1"], e.url["md_sync2"]])
    check(r.rc == 0, "two in sync: exit %d\n%s%s" % (r.rc, r.out, r.err))
    check(r.out.rstrip().endswith("2 databases: 2 in sync, 0 drifted, 0 unreachable"), "summary:\n%s" % r.out)
    r = e.verify([e.url["md_sync1"], e.url["md_drift"]])
    check(r.rc == 1, "in sync + drifted: exit %d" % r.rc)
    r = e.verify([e.bad, e.url["md_sync1"]])
    check(r.rc == 4, "unreachable + in sync: exit %d" % r.rc)


def s_jobs(e):
    order = [e.url["md_drift"], e.bad, e.url["md_sync1"], e.url["md_sync2"], e.url["md_drift"]]
    for fmt in ("text", "json"):
        a = e.verify(order, ["--jobs", "1", "--format", fmt])
        b = e.verify(order, ["--jobs", "4", "--format", fmt])
        c = e.verify(order, ["--jobs", "8", "--format", fmt])
        check(a.rc == b.rc == c.rc == 4, "exits %d %d %d" % (a.rc, b.rc, c.rc))
        check(a.out == b.out == c.out, "--jobs 1/4/8 differ (%s):\n%s\n----\n%s" % (fmt, a.out, b.out))
    # progress: 5 databases, 1 job -> five [k/5] lines; 8 jobs, not a terminal -> none
    prog = re.findall(r"^\[(\d+)/5\] .*: (in sync|drifted|unreachable) \(", a.err, re.M)
    check(sorted(int(k) for k, _ in prog) == [1, 2, 3, 4, 5], "progress lines with --jobs 1:\n%s" % a.err)
    check("[1/5]" not in c.err, "progress with 8 jobs for 5 databases, not a terminal:\n%s" % c.err)


def s_db_list(e):
    path = os.path.join(e.tmp, "dbs.txt")
    with open(path, "w") as f:
        f.write("# tenants\n\n  %s  \n%s\n# the old one\n%s\n\n" % (e.url["md_sync1"], e.url["md_drift"], e.bad))
    a = e.run(["verify", "--db-list", path, "--to", e.schema])
    b = e.verify([e.url["md_sync1"], e.url["md_drift"], e.bad])
    check(a.rc == b.rc == 4 and a.out == b.out, "--db-list differs from --db:\n%s\n----\n%s" % (a.out, b.out))
    # --db first, then the list
    c = e.run(["verify", "--db", e.url["md_sync2"], "--db-list", path, "--to", e.schema])
    check(c.out.splitlines()[0].startswith(e.url["md_sync2"]) and "4 databases" in c.out, "--db + --db-list:\n%s" % c.out)
    with open(path, "w") as f:
        f.write("%s\nnot a url with %s\n" % (e.url["md_sync1"], PASSWORD))
    r = e.run(["verify", "--db-list", path, "--to", e.schema])
    check(r.rc == 3 and "dbs.txt:2: not a connection string" in r.err and not r.out,
          "bad line: exit %d\n%s" % (r.rc, r.err))
    with open(path, "w") as f:
        f.write("# nothing\n\n")
    r = e.run(["verify", "--db-list", path, "--to", e.schema])
    check(r.rc == 3 and "no database listed" in r.err, "empty list: exit %d %s" % (r.rc, r.err))
    r = e.run(["verify", "--db-list", os.path.join(e.tmp, "missing.txt"), "--to", e.schema])
    check(r.rc == 3 and "cannot read" in r.err, "missing list: exit %d %s" % (r.rc, r.err))


def s_plan_out(e):
    out = os.path.join(e.tmp, "plans")
    order = [e.url["md_sync1"], e.url["md_drift"], e.bad, e.url["md_sync1"]]
    args = ["plan", "--to", e.schema, "--out", out, "--allow-hazards", "data_loss"]
    for d in order:
        args += ["--db", d]
    r = e.run(args)
    check(r.rc == 4, "exit %d, want 4: %s" % (r.rc, testlib.head(r.err)))
    host = re.sub(r"[^A-Za-z0-9.-]", "_", e.pg.dir)
    want = ["%s_%d_md_sync1" % (host, e.pg.port), "%s_%d_md_drift" % (host, e.pg.port),
            "%s_%d_md_sync1-2" % (host, e.pg.port)]
    got = sorted(os.listdir(out))
    check(got == sorted(want), "subdirectories %s, want %s" % (got, want))
    for d in want:
        files = sorted(f for f in os.listdir(os.path.join(out, d)))
        check(files == ["migration.sql", "plan.json", "rollback.sql"], "%s holds %s" % (d, files))
        check("files: %s" % os.path.join(out, d) in r.out, "report does not name %s:\n%s" % (d, r.out))
    mig = open(os.path.join(out, want[1], "migration.sql")).read()
    check("extra_t" in mig and "created_at" in mig, "drift migration:\n%s" % mig[:1500])
    plan = json.load(open(os.path.join(out, want[1], "plan.json")))
    check(plan.get("changes"), "plan.json of the drifted database has no changes")
    # --exit-code: drifted counts 1 (without the unreachable one); without it 0
    base = ["plan", "--to", e.schema, "--db", e.url["md_sync1"], "--db", e.url["md_drift"],
            "--allow-hazards", "data_loss"]
    r0 = e.run(base)
    r1 = e.run(base + ["--exit-code"])
    check(r0.rc == 0 and r1.rc == 1, "plan exits %d / --exit-code %d" % (r0.rc, r1.rc))
    check("+ add public.accounts.created_at (column)" in r0.out, "plan text lacks the change:\n%s" % r0.out)
    # a blocking hazard not allowed refuses that database's plan: 6
    r6 = e.run(["plan", "--to", e.schema, "--db", e.url["md_sync1"], "--db", e.url["md_drift"]])
    check(r6.rc == 6 and "refused" in r6.out, "refused plan: exit %d\n%s" % (r6.rc, r6.out))
    # the drifted database's migration converges it
    rc, _, err = e.pg.psql_file("md_drift", os.path.join(out, want[1], "migration.sql"))
    check(rc == 0, "migration.sql failed: %s" % testlib.head(err))
    r = e.verify([e.url["md_sync1"], e.url["md_drift"], e.url["md_sync2"]])
    check(r.rc == 0, "after the migration: exit %d\n%s" % (r.rc, r.out))
    rc, _, err = e.pg.psql("md_drift", DRIFT)
    check(rc == 0, "re-drifting: %s" % err)


def s_single_same(e):
    one = e.run(["plan", "--from", e.url["md_drift"], "--to", e.schema, "--allow-hazards", "data_loss",
                 "--format", "json"])
    many = e.run(["plan", "--db", e.url["md_drift"], "--to", e.schema, "--allow-hazards", "data_loss",
                  "--format", "json"])
    check(one.rc == 0 and many.rc == 0, "exits %d %d: %s %s" % (one.rc, many.rc, one.err, many.err))
    p1 = json.loads(one.out)
    p2 = json.loads(many.out)["databases"][0]["plan"]
    s1 = [c.get("summary") for c in p1["changes"]]
    s2 = [c.get("summary") for c in p2["changes"]]
    check(s1 == s2 and s1, "changes differ:\n%s\n%s" % (s1, s2))


SCENARIOS = [
    ("md_verify_text", s_verify_text),
    ("md_verify_json", s_verify_json),
    ("md_exit_codes", s_exit_codes),
    ("md_jobs", s_jobs),
    ("md_db_list", s_db_list),
    ("md_plan_out", s_plan_out),
    ("md_single_same", s_single_same),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemadiff", required=True)
    ap.add_argument("--case", default="*")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    sd = os.path.abspath(args.schemadiff)
    passed = failed = 0
    with PgCluster() as pg, tempfile.TemporaryDirectory(prefix="sd-multidb-") as tmp:
        build(pg, tmp)
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
