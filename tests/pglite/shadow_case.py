"""Shadow-table cases on PGlite (run by run_pglite.py): tests/pglite/shadow/NAME/.

A pgvector `vector(n)` dimension change can only be tried where pgvector is: PostgreSQL 15 of
the core suite has none, so these shadow cases run here (tests/run_shadow.py runs the others on
15, with concurrent writers). PGlite has one session and no concurrent writers: the writes of
a case run between the phases instead, in the same session, which is enough to make the sync
trigger (and, after cutover, the reverse sync) carry them: a row written after the backfill
reaches the shadow only through the trigger.

A case directory holds:

  from.sql, to.sql   the schemas (from.sql is loaded, then data.sql)
  data.sql           the rows
  schemadiff.yaml    optional: passed with --config (conversions:, shadow.batch_size)
  during.sql         optional: run on the source right after `CALL schemadiff.backfill`
                     (writes only the sync trigger brings into the shadow)
  after.sql          optional: run on the new table right after the cutover (writes the
                     reverse sync brings into the old table)
  expect             lines `KEY: VALUE`:
                       shadow: TABLE            --shadow TABLE (required; repeatable)
                       allow-hazards: LIST      --allow-hazards LIST
                       plan-contains: TEXT      in the text plan (stdout and stderr)
                       cutover-check: SQL       after the cutover (before after.sql): prints t
                       rollback-check: SQL      after rollback.sql: prints t

Steps, on one server M:

  setup     load from.sql and data.sql
  plan      `schemadiff plan --from URL(M) --to to.sql --shadow T [--config] [--allow-hazards]
            --out OUT` exits 0 and writes shadow.sql; the text plan (same run) has plan-contains
  migrate   psql -f migration.sql
  shadow    psql -f shadow.sql, split after its `CALL schemadiff.backfill(...)` statement(s):
            during.sql runs there; the state row ends `cutover`
  converge  `plan --from URL(M) --to to.sql --exit-code` exits 0 (the old table and schemadiff's
            own objects are left out while the cleanup is pending)
  cutover   each cutover-check prints t
  after     psql -f after.sql
  rollback  psql -f rollback.sql; `plan --from URL(M) --to from.sql --exit-code` exits 0; each
            rollback-check prints t
"""

import os
import re
import time

import testlib
from testlib import StepFail

KEYS = ("shadow", "allow-hazards", "plan-contains", "cutover-check", "rollback-check")


def parse(path):
    out = {k: [] for k in KEYS}
    for key, text in testlib.parse_expect(path, KEYS):
        out[key].append(text)
    if not out["shadow"]:
        raise StepFail("setup", "expect: no `shadow: TABLE` line")
    return out


def split_after_backfill(text):
    """shadow.sql cut after its last `CALL schemadiff.backfill(...);` line: (before, after)."""
    cut = None
    for m in re.finditer(r"^CALL schemadiff\.backfill\(.*\);\n", text, re.M):
        cut = m.end()
    if cut is None:
        raise StepFail("shadow", "shadow.sql has no `CALL schemadiff.backfill(...)` statement")
    return text[:cut], text[cut:]


def run(runner, case, cw):
    """Run one shadow case; returns a list of StepFail (empty: passed)."""
    d = case.dir
    p = lambda name: os.path.join(d, name)
    for name in ("from.sql", "to.sql", "data.sql", "expect"):
        if not os.path.isfile(p(name)):
            raise StepFail("setup", "%s missing" % testlib.rel(p(name)))
    exp = parse(p("expect"))
    M = None
    t0 = time.monotonic()
    try:
        try:
            M = runner.pool.acquire()
            runner.log(case, "server after %.1fs" % (time.monotonic() - t0))
        except Exception as e:  # PgliteError
            raise StepFail("setup", "PGlite: %s" % e)
        runner.load(case, M, p("from.sql"), "from")
        runner.load(case, M, p("data.sql"), "data")
        out = os.path.join(cw, "out")
        cfg = ["--config", p("schemadiff.yaml")] if os.path.isfile(p("schemadiff.yaml")) else []
        args = ["plan", "--from", M.url, "--to", p("to.sql"), "--out", out] + cfg
        for t in exp["shadow"]:
            args += ["--shadow", t]
        if exp["allow-hazards"]:
            args += ["--allow-hazards", ",".join(exp["allow-hazards"])]
        r = runner.sd(case, "plan", M, args)
        text = r.out + r.err
        with open(os.path.join(cw, "plan.txt"), "w", encoding="utf-8") as f:
            f.write(text)
        for want in exp["plan-contains"]:
            if want not in text:
                raise StepFail("plan", "plan-contains: %r not found" % want, testlib.head(text, 20))
        shadow = os.path.join(out, "shadow.sql")
        if not os.path.isfile(shadow):
            raise StepFail("plan", "shadow.sql not written", testlib.head(text, 15))
        runner.apply(case, "migrate", M, os.path.join(out, "migration.sql"))
        before, after = split_after_backfill(testlib.read(shadow))
        for name, body in (("shadow-1.sql", before), ("shadow-2.sql", after)):
            with open(os.path.join(cw, name), "w", encoding="utf-8") as f:
                f.write(body)
        runner.apply(case, "shadow", M, os.path.join(cw, "shadow-1.sql"))
        if os.path.isfile(p("during.sql")):
            runner.apply(case, "shadow", M, p("during.sql"))
        runner.apply(case, "shadow", M, os.path.join(cw, "shadow-2.sql"))
        states = M.query("SELECT string_agg(table_schema || '.' || table_name || ' ' || status, ', ' "
                         "ORDER BY table_name) FROM schemadiff.shadow_state").strip()
        if not states or any(not s.endswith(" cutover") for s in states.split(", ")):
            raise StepFail("shadow", "after shadow.sql the state is not `cutover`: %s" % (states or "(no row)"))
        r = runner.sd(case, "converge", M, ["plan", "--from", M.url, "--to", p("to.sql"), "--exit-code"] + cfg,
                      ok=(0, 1))
        if r.rc == 1:
            raise StepFail("converge", "the cut-over database differs from to.sql", testlib.head(r.out, 15))
        check(runner, case, M, "cutover", exp["cutover-check"])
        if os.path.isfile(p("after.sql")):
            runner.apply(case, "after", M, p("after.sql"))
        runner.apply(case, "rollback", M, os.path.join(out, "rollback.sql"))
        runner.equals(case, "rollback", M, p("from.sql"), "M")
        check(runner, case, M, "rollback", exp["rollback-check"])
    finally:
        if M is not None:
            M.stop(wait=False)
        runner.log(case, "done in %.1fs" % (time.monotonic() - t0))
    return []


def check(runner, case, srv, step, queries):
    for q in queries:
        runner.log(case, "check: " + q)
        rc, out, err = srv.psql(["-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", q], timeout=runner.args.timeout)
        srv.discard()
        if rc != 0:
            raise StepFail(step, "check failed to run: %s" % q, testlib.psql_error(err))
        if out.strip() != "t":
            raise StepFail(step, "check is not true (%r): %s" % (out.strip(), q))
