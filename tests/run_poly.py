#!/usr/bin/env python3
"""Polymorphic associations (issue 12) against a throwaway PostgreSQL 15.

Each scenario below runs in a fresh database of one cluster (tests/pgcluster.py). A "migrate"
is always the full cycle: `schemadiff plan --from URL --to SRC --config RULES --out OUT`, the
migration applied (psql, ON_ERROR_STOP), `plan --from URL --to SRC --config RULES --exit-code`
exits 0 (recheck), the migration applied again (idempotent) and rechecked; a "rollback" applies
rollback.sql twice and then checks the database against the previous SRC and rules.

  empty_tables     rules added to empty tables (enforce trigger); a row of every type inserted,
                   updated and deleted against each on_delete (restrict, cascade, set_null, none);
                   unknown types and missing targets refused, external types accepted
  populated        a rule added to a populated table with orphans: exit 6, the step and samples
                   named; without the orphans the plan passes and migrates
  targets          a target type added, then another removed: the plan touches only the check
                   function and that target's function and trigger; each migrated and rolled back
  enforce_switch   enforce trigger -> generated_fks (rolled back, migrated again) -> none ->
                   generated_fks, each migrated and re-run; generated_fks refuses a missing target
                   and an unknown type, its cascade deletes
  verify_data      orphans planted with triggers disabled (session_replication_role = replica),
                   rows against NOT VALID foreign keys and checks: `verify --data` counts them
                   exactly (JSON lines, exit 1); clean: exit 0; a rule's table missing: critical;
                   a bad database: exit 4
  example          examples/provenance v1 -> v2 with its schemadiff.yaml, migrated and rolled back

Output: `ok NAME` / `FAIL NAME: reason`, then `N passed, M failed`; exit 0 when all passed.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import testlib  # noqa: E402
from pgcluster import PgCluster  # noqa: E402


class Fail(Exception):
    pass


BASE = """
CREATE TABLE materials (id bigint PRIMARY KEY, title text);
CREATE TABLE ai_dialogue_log (id bigint PRIMARY KEY, body text);
CREATE TABLE photos (id integer PRIMARY KEY);
CREATE TABLE videos (code text PRIMARY KEY, n bigint UNIQUE);
CREATE TABLE provenance (
  id bigserial PRIMARY KEY,
  content_type text,
  content_id bigint,
  note text
);
"""

RULE = """polymorphic:
  - table: public.provenance
    type_column: content_type
    id_column: content_id
    targets:
%(targets)s
    external: [note_article, creation_log]
    on_delete: %(on_delete)s
    enforce: %(enforce)s
"""

ALL_TARGETS = """      material: public.materials(id)
      ai_response: {references: public.ai_dialogue_log(id), on_delete: cascade}
      photo: {references: public.photos(id), on_delete: set_null}
      video: {references: public.videos(n), on_delete: none}"""


class Runner:
    def __init__(self, args, pg, work):
        self.args, self.pg, self.work = args, pg, work
        self.n = 0

    # -- tools -------------------------------------------------------------------------

    def sd(self, args, ok=(0,), cwd=None):
        r = testlib.run([self.args.schemadiff] + args, timeout=self.args.timeout, env=testlib.child_env(), cwd=cwd)
        rep = testlib.sanitizer_report(r.err)
        if rep:
            raise Fail("sanitizer report from schemadiff %s\n%s" % (" ".join(args), rep))
        if r.rc not in ok:
            raise Fail("`schemadiff %s` exited %s (wanted %s)\n%s\n%s" % (" ".join(args), r.rc, ok,
                       testlib.head(r.err, 12), testlib.head(r.out, 30)))
        return r

    def sql(self, db, sql):
        rc, out, err = self.pg.psql(db, sql)
        if rc != 0:
            raise Fail("SQL failed: %s\n%s" % (sql, testlib.head(err)))
        return out.strip()

    def sql_fails(self, db, sql, want):
        rc, out, err = self.pg.psql(db, sql)
        if rc == 0:
            raise Fail("SQL should have failed (%s): %s" % (want, sql))
        if want not in err:
            raise Fail("SQL failed without %r: %s\n%s" % (want, sql, testlib.head(err)))

    def file(self, name, text):
        p = os.path.join(self.work, name)
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)
        return p

    def newdb(self, name, setup=None):
        self.pg.createdb(name)
        if setup:
            self.sql(name, setup)
        return name

    def plan(self, db, to, cfg, extra=(), ok=(0,)):
        self.n += 1
        out = os.path.join(self.work, "out%d" % self.n)
        args = ["plan", "--from", self.pg.url(db), "--to", to, "--out", out] + (["--config", cfg] if cfg else [])
        return self.sd(args + list(extra), ok=ok), out

    def same(self, db, src, cfg, what):
        args = ["plan", "--from", self.pg.url(db), "--to", src, "--exit-code"] + (["--config", cfg] if cfg else [])
        r = self.sd(args, ok=(0, 1))
        if r.rc:
            raise Fail("%s: the database differs from %s\n%s" % (what, src, testlib.head(r.out, 20)))

    def apply(self, db, path, what):
        rc, out, err = self.pg.psql_file(db, path)
        if rc:
            raise Fail("%s: %s failed\n%s" % (what, os.path.basename(path), testlib.head(err, 12)))

    def migrate(self, db, to, cfg, extra=()):
        r, out = self.plan(db, to, cfg, extra)
        mig = os.path.join(out, "migration.sql")
        for what in ("migrate", "re-run"):
            self.apply(db, mig, what)
            self.same(db, to, cfg, what)
        return r, out

    def rollback(self, db, out, src, cfg):
        # applied twice, then checked (a second run must leave the rolled-back state)
        for what in ("rollback", "rollback again"):
            self.apply(db, os.path.join(out, "rollback.sql"), what)
        self.same(db, src, cfg, "rollback (twice)")

    def rules(self, name, targets=ALL_TARGETS, on_delete="restrict", enforce="trigger"):
        return self.file(name, RULE % {"targets": targets, "on_delete": on_delete, "enforce": enforce})

    # -- scenarios ---------------------------------------------------------------------

    def t_empty_tables(self):
        db = self.newdb("p_empty", BASE)
        src = self.file("base.sql", BASE)
        cfg = self.rules("all.yaml")
        r, out = self.migrate(db, src, cfg)
        if "poly_check" not in r.out:
            raise Fail("the plan lacks the check trigger\n" + testlib.head(r.out, 30))
        self.sql(db, "INSERT INTO materials VALUES (1, 'm1'), (2, 'm2'); INSERT INTO ai_dialogue_log VALUES (10, 'a');"
                     "INSERT INTO photos VALUES (20); INSERT INTO videos VALUES ('v', 30)")
        # a row of every type
        self.sql(db, "INSERT INTO provenance (content_type, content_id) VALUES ('material', 1), ('material', 2),"
                     "('ai_response', 10), ('photo', 20), ('video', 30), ('note_article', 999), ('creation_log', 5),"
                     "(NULL, 7), ('material', NULL)")
        self.sql_fails(db, "INSERT INTO provenance (content_type, content_id) VALUES ('material', 404)",
                       "has no row in public.materials")
        self.sql_fails(db, "INSERT INTO provenance (content_type, content_id) VALUES ('nonsense', 1)",
                       "unknown content_type 'nonsense'")
        self.sql_fails(db, "UPDATE provenance SET content_id = 405 WHERE content_type = 'material' AND content_id = 1",
                       "has no row")
        self.sql_fails(db, "UPDATE provenance SET content_type = 'photo' WHERE content_type = 'ai_response'",
                       "has no row in public.photos")
        self.sql(db, "UPDATE provenance SET content_type = 'note_article' WHERE content_type = 'creation_log'")
        # restrict: delete and key update refused while referenced
        self.sql_fails(db, "DELETE FROM materials WHERE id = 1", "still references it")
        self.sql_fails(db, "UPDATE materials SET id = 100 WHERE id = 1", "still references it")
        self.sql(db, "UPDATE materials SET title = 'x' WHERE id = 1")   # not the key: fine
        # cascade: delete removes the rows, key update follows
        self.sql(db, "INSERT INTO ai_dialogue_log VALUES (11, 'b');"
                     "INSERT INTO provenance (content_type, content_id) VALUES ('ai_response', 11)")
        self.sql(db, "UPDATE ai_dialogue_log SET id = 12 WHERE id = 11")
        if self.sql(db, "SELECT count(*) FROM provenance WHERE content_type = 'ai_response' AND content_id = 12") != "1":
            raise Fail("cascade: the key update did not follow")
        self.sql(db, "DELETE FROM ai_dialogue_log WHERE id IN (10, 12)")
        if self.sql(db, "SELECT count(*) FROM provenance WHERE content_type = 'ai_response'") != "0":
            raise Fail("cascade: rows of deleted targets remain")
        # set_null
        self.sql(db, "DELETE FROM photos WHERE id = 20")
        if self.sql(db, "SELECT count(*) FROM provenance WHERE content_type = 'photo' AND content_id IS NULL") != "1":
            raise Fail("set_null: the id was not cleared")
        # none: the delete passes, the row stays (an orphan verify --data finds)
        self.sql(db, "DELETE FROM videos WHERE n = 30")
        if self.sql(db, "SELECT count(*) FROM provenance WHERE content_type = 'video' AND content_id = 30") != "1":
            raise Fail("none: the row should stay")
        r = self.sd(["verify", "--db", self.pg.url(db), "--data", "--config", cfg, "--format", "json"], ok=(1,))
        rows = [json.loads(l) for l in r.out.splitlines() if l.strip()]
        vids = [x for x in rows if x.get("type") == "video"]
        if len(vids) != 1 or vids[0]["count"] != 1 or vids[0]["samples"] != ["30"]:
            raise Fail("verify --data should find the one video orphan\n" + r.out)
        # deleting the rows deletes nothing else; the material rows go, then the target can
        self.sql(db, "DELETE FROM provenance WHERE content_type = 'material'; DELETE FROM materials WHERE id = 1")
        self.rollback(db, out, src, None)
        self.sql(db, "INSERT INTO provenance (content_type, content_id) VALUES ('material', 404)")  # no rule now

    def t_populated(self):
        db = self.newdb("p_pop", BASE + "INSERT INTO materials VALUES (1, 'm');"
                        "INSERT INTO ai_dialogue_log VALUES (10, 'a'); INSERT INTO photos VALUES (20);"
                        "INSERT INTO videos VALUES ('v', 30);"
                        "INSERT INTO provenance (id, content_type, content_id) VALUES (1, 'material', 1),"
                        "(2, 'material', 2), (3, 'ai_response', 10), (4, 'weird', 5), (5, 'note_article', 77),"
                        "(6, 'material', 3); SELECT setval('provenance_id_seq', 100)")
        src = self.file("base.sql", BASE)
        cfg = self.rules("all.yaml")
        r, out = self.plan(db, src, cfg, ok=(6,))
        if "would fail" not in r.err or "3 rows" not in r.out or "2, 4, 6" not in r.out:
            raise Fail("the pre-flight should refuse with 3 rows (ids 2, 4, 6)\n%s\n%s"
                       % (testlib.head(r.err), testlib.head(r.out, 60)))
        if not os.path.exists(os.path.join(out, "migration.sql")):
            raise Fail("a refused plan still writes its files")
        self.sql(db, "DELETE FROM provenance WHERE id IN (2, 4, 6)")
        r, out = self.migrate(db, src, cfg)
        if "CREATE INDEX CONCURRENTLY" not in open(os.path.join(out, "migration.sql")).read():
            raise Fail("the index on an existing table is built concurrently")
        self.sql_fails(db, "INSERT INTO provenance (content_type, content_id) VALUES ('material', 2)", "has no row")
        self.rollback(db, out, src, None)

    def t_targets(self):
        db = self.newdb("p_targets", BASE)
        src = self.file("base.sql", BASE)
        two = "      material: public.materials(id)\n      ai_response: public.ai_dialogue_log(id)"
        three = two + "\n      photo: public.photos(id)"
        c2, c3 = self.rules("two.yaml", two), self.rules("three.yaml", three)
        self.migrate(db, src, c2)
        r, out = self.migrate(db, src, c3)
        changes = [l for l in r.out.splitlines() if l.startswith("  ") and l[2:3] in "+-~"]
        text = "\n".join(changes)
        if len(changes) != 3 or "poly_photo" not in text or "poly_check" not in text or "~" not in text:
            raise Fail("adding a target: exactly the check function (replaced) and the new target's function "
                       "and trigger\n" + text)
        self.sql(db, "INSERT INTO photos VALUES (1); INSERT INTO provenance (content_type, content_id) VALUES ('photo', 1)")
        self.sql_fails(db, "INSERT INTO provenance (content_type, content_id) VALUES ('photo', 2)", "has no row")
        self.sql_fails(db, "DELETE FROM photos", "still references it")
        self.rollback(db, out, src, c2)
        # photo is unknown again
        self.sql_fails(db, "INSERT INTO provenance (content_type, content_id) VALUES ('photo', 1)", "unknown")
        self.sql(db, "DELETE FROM provenance")
        c1 = self.rules("one.yaml", "      material: public.materials(id)")
        r, out = self.migrate(db, src, c1)
        text = "\n".join(l for l in r.out.splitlines() if l.startswith("  ") and l[2:3] in "+-~")
        if text.count("\n") != 2 or "- " not in text or "poly_ai_response" not in text:
            raise Fail("removing a target: the check function and the target's function and trigger\n" + text)
        self.sql_fails(db, "INSERT INTO provenance (content_type, content_id) VALUES ('ai_response', 1)", "unknown")
        self.rollback(db, out, src, c2)

    def t_enforce_switch(self):
        db = self.newdb("p_switch", BASE)
        src = self.file("base.sql", BASE)
        two = "      material: public.materials(id)\n      ai_response: {references: public.ai_dialogue_log(id), on_delete: cascade}"
        cfgs = [self.rules("e-%s.yaml" % e, two, enforce=e) for e in ("trigger", "generated_fks", "none")]
        prev = cfgs[0]
        self.migrate(db, src, prev)
        # trigger -> generated_fks (rolled back to trigger, migrated again) -> none -> generated_fks
        for i, cfg in enumerate((cfgs[1], cfgs[2], cfgs[1])):
            r, out = self.migrate(db, src, cfg, extra=["--allow-hazards", "all"])
            if i == 0:
                self.rollback(db, out, src, prev)
                self.migrate(db, src, cfg, extra=["--allow-hazards", "all"])
            prev = cfg
        # generated_fks is in force now
        self.sql(db, "INSERT INTO materials VALUES (1, 'm'); INSERT INTO ai_dialogue_log VALUES (10, 'a');"
                     "INSERT INTO provenance (content_type, content_id) VALUES ('material', 1), ('ai_response', 10),"
                     "('note_article', 3)")
        self.sql_fails(db, "INSERT INTO provenance (content_type, content_id) VALUES ('material', 2)",
                       "violates foreign key constraint")
        self.sql_fails(db, "INSERT INTO provenance (content_type, content_id) VALUES ('what', 2)",
                       "violates check constraint")
        self.sql_fails(db, "DELETE FROM materials", "violates foreign key constraint")
        self.sql(db, "DELETE FROM ai_dialogue_log")
        if self.sql(db, "SELECT count(*) FROM provenance WHERE content_type = 'ai_response'") != "0":
            raise Fail("generated_fks cascade: the row remains")

    def t_verify_data(self):
        db = self.newdb("p_verify", BASE + """
            CREATE TABLE orders (id int PRIMARY KEY, qty int);
            CREATE TABLE lines (id int PRIMARY KEY, order_id int);
            CREATE TABLE events (id int PRIMARY KEY, subject_type text, subject_id int);""")
        src = self.file("verify.sql", BASE + """
            CREATE TABLE orders (id int PRIMARY KEY, qty int);
            CREATE TABLE lines (id int PRIMARY KEY, order_id int);
            CREATE TABLE events (id int PRIMARY KEY, subject_type text, subject_id int);""")
        cfg = self.rules("all.yaml")
        self.migrate(db, src, cfg)
        url = self.pg.url(db)
        r = self.sd(["verify", "--db", url, "--data", "--config", cfg, "--format", "json"], ok=(1,))
        rows = [json.loads(l) for l in r.out.splitlines() if l.strip()]
        if [x["severity"] for x in rows] != ["warning"] or "events" not in rows[0]["message"]:
            raise Fail("clean data: only the suspected pair events(subject_type, subject_id)\n" + r.out)
        ign = self.file("ign.yaml", open(cfg).read() + "polymorphic_ignore: [public.events]\n")
        self.sd(["verify", "--db", url, "--data", "--config", ign], ok=(0,))
        self.sql(db, """
            INSERT INTO materials VALUES (1, 'm'); INSERT INTO orders VALUES (1, 5);
            SET session_replication_role = replica;
            INSERT INTO provenance (id, content_type, content_id) VALUES
              (1, 'material', 1), (2, 'material', 91), (3, 'material', 92), (4, 'material', 93),
              (5, 'ai_response', 94), (6, 'bogus', 95), (7, 'bogus', 96), (8, 'note_article', 97);
            SET session_replication_role = origin;
            INSERT INTO lines VALUES (1, 1), (2, 7), (3, 8), (4, 9), (5, 10), (6, NULL);
            ALTER TABLE lines ADD CONSTRAINT lines_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;
            INSERT INTO orders VALUES (2, -1), (3, 0);
            ALTER TABLE orders ADD CONSTRAINT orders_qty_positive CHECK (qty > 0) NOT VALID;""")
        r = self.sd(["verify", "--db", url, "--data", "--config", ign, "--format", "json"], ok=(1,))
        rows = [json.loads(l) for l in r.out.splitlines() if l.strip()]
        got = {(x["check"], x.get("type") or x.get("object")): (x["severity"], x.get("count"), x.get("samples"))
               for x in rows}
        want = {("polymorphic", "material"): ("error", 3, ["91", "92", "93"]),
                ("polymorphic", "ai_response"): ("error", 1, ["94"]),
                ("polymorphic", "content_type/content_id"): ("error", 2, ["bogus:95", "bogus:96"]),
                ("foreign_key", "lines_order_fk"): ("error", 4, ["2", "3", "4", "5"]),
                ("check", "orders_qty_positive"): ("error", 2, ["2", "3"])}
        norm = {k: (v[0], v[1], sorted(v[2] or [])) for k, v in got.items()}
        if norm != {k: (v[0], v[1], sorted(v[2])) for k, v in want.items()}:
            raise Fail("verify --data findings\n got  %s\n want %s" % (sorted(norm.items()), sorted(want.items())))
        r = self.sd(["verify", "--db", url, "--data", "--config", ign], ok=(1,))
        if "error: public.provenance: rows of type 'material'" not in r.out or "3 rows" not in r.out:
            raise Fail("text form\n" + r.out)
        # a rule whose table is gone: critical
        self.sql(db, "DROP TABLE photos CASCADE")
        r = self.sd(["verify", "--db", url, "--data", "--config", ign, "--format", "json"], ok=(1,))
        rows = [json.loads(l) for l in r.out.splitlines() if l.strip()]
        if not any(x["severity"] == "critical" and x.get("type") == "photo" for x in rows):
            raise Fail("a missing target is critical\n" + r.out)
        r = self.sd(["verify", "--db", self.pg.url("p_no_such_db"), "--data", "--config", ign], ok=(4,))

    def t_example(self):
        ex = os.path.join(ROOT, "examples", "provenance")
        db = self.newdb("p_example")
        rc, out, err = self.pg.psql_file(db, sorted(os.path.join(ex, "v1", f) for f in os.listdir(os.path.join(ex, "v1"))))
        if rc:
            raise Fail("loading v1: " + testlib.head(err))
        cfg = os.path.join(ex, "schemadiff.yaml")
        # v1's foreign key is refused when the rule applies to it
        r = self.sd(["plan", "--from", self.pg.url(db), "--to", os.path.join(ex, "v1"), "--config", cfg], ok=(3,))
        if "FOREIGN KEY" not in r.err and "foreign key" not in r.err:
            raise Fail("v1 with the rule: the foreign key error\n" + r.err)
        r = self.sd(["plan", "--from", self.pg.url(db), "--to", os.path.join(ex, "v1")], ok=(0,))
        r, out = self.migrate(db, os.path.join(ex, "v2"), cfg)
        self.sql(db, "INSERT INTO ai_dialogue_log (id, prompt) VALUES (7, 'p');"
                     "INSERT INTO provenance (content_type, content_id) VALUES ('ai_response', 7), ('note_article', 1)")
        self.sql_fails(db, "INSERT INTO provenance (content_type, content_id) VALUES ('material', 424242)", "has no row")
        self.sql(db, "DELETE FROM provenance")
        self.rollback(db, out, os.path.join(ex, "v1"), None)


SCENARIOS = ["empty_tables", "populated", "targets", "enforce_switch", "verify_data", "example"]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--schemadiff", default=os.path.join(ROOT, "build", "schemadiff"))
    ap.add_argument("--case", action="append", default=[], help="only these scenarios")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args(argv)
    args.schemadiff = os.path.abspath(args.schemadiff)
    names = [n for n in SCENARIOS if not args.case or any(__import__("fnmatch").fnmatch(n, c) for c in args.case)]
    work = tempfile.mkdtemp(prefix="schemadiff-poly-")
    passed = failed = 0
    try:
        with PgCluster() as pg:
            for name in names:
                t0 = time.monotonic()
                sub = os.path.join(work, name)
                os.makedirs(sub)
                r = Runner(args, pg, sub)
                try:
                    getattr(r, "t_" + name)()
                    print("ok %s (%.1fs)" % (name, time.monotonic() - t0), flush=True)
                    passed += 1
                except Fail as e:
                    print("FAIL %s: %s" % (name, testlib.indent(str(e)).lstrip(" |")), flush=True)
                    failed += 1
                except Exception:
                    print("FAIL %s: %s" % (name, traceback.format_exc()), flush=True)
                    failed += 1
    finally:
        if args.keep:
            print("work directory: %s" % work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
