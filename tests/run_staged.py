#!/usr/bin/env python3
"""The staged-cutover control objects (emit/shadow_staged.c) on a throwaway PostgreSQL 15.

The SQL text comes from the test-only executable `test_staged --print` (tests/unit/test_staged.c,
built next to schemadiff: BUILD/tests/test_staged); schemadiff has no command for it (shadow.sql
carries it when `shadow.cutover: staged`). One database, checks in order, each a psql call:

  - the text loads, and loads again, and again after rows exist (idempotent: same objects,
    rows kept);
  - staged_start refuses without schemadiff.shadow_state, without the table's row, and while its
    status is not validated; then disabled -> dual_write, and a second start changes nothing;
  - every transition dual_write -> test_1 -> test_10 -> half_50 -> full_100 -> completed, each
    refusal: the stage's minimum duration not passed, an error rate, a latency increase, a
    validation score, too few samples and consecutive failures past their thresholds (each
    reason named), advance past full_100, complete without (or with a wrong) confirmation;
    a forced advance; the events log of every move;
  - should_route_to_shadow at every stage over 10,000 calls, both by routing key
    (deterministic, sticky: the keys routed at 1 % are routed at 10 % and 50 %) and at random
    (setseed), within binomial tolerance of 0, 1, 10, 50, 100 %; writes never routed;
  - emergency rollback of one table (the others unchanged), emergency stop of all (completed
    tables stay), the automatic rollback on consecutive shadow failures;
  - the staged_status view.

Output: `ok NAME` / `FAIL NAME: why` per check, then `N passed, M failed`; exit 0 when all
passed, 1 otherwise, 2 when the cluster cannot start or the executable is missing.
"""

import argparse
import os
import re
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import testlib  # noqa: E402
from pgcluster import PgCluster, ClusterError  # noqa: E402

DB = "st_staged"

# docs/shadow.md: the state table every shadow.sql starts with (the other half of issue 11)
SHADOW_STATE = """
CREATE SCHEMA IF NOT EXISTS schemadiff;
CREATE TABLE IF NOT EXISTS schemadiff.shadow_state (
    table_schema text NOT NULL,
    table_name text NOT NULL,
    version integer NOT NULL DEFAULT 1,
    status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'synced', 'conflict', 'migrated', 'validated', 'cutover',
                          'rolled_back', 'cleaned')),
    shadow_name text NOT NULL,
    old_name text,
    fn_prefix text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    batch_no bigint NOT NULL DEFAULT 0,
    last_key text,
    rows_copied bigint NOT NULL DEFAULT 0,
    rows_estimate bigint,
    validation_hash text,
    mismatches text,
    PRIMARY KEY (table_schema, table_name)
);
"""

N_CALLS = 10000
# binomial: 5 standard deviations of N_CALLS draws at p (0 and 1 are exact)
def tolerance(p):
    return 5 * (N_CALLS * p * (1 - p)) ** 0.5


class Runner:
    def __init__(self, pg, verbose):
        self.pg = pg
        self.verbose = verbose
        self.passed = 0
        self.failed = []

    def psql(self, sql):
        r = testlib.run([self.pg.psql_bin, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-v",
                         "VERBOSITY=verbose", "-d", self.pg.conninfo(DB), "-c", sql],
                        timeout=120, env=testlib.child_env())
        return r.rc, r.out, r.err

    def ok(self, name):
        self.passed += 1
        print("ok %s" % name)

    def fail(self, name, why):
        self.failed.append(name)
        print("FAIL %s: %s" % (name, why))

    def run(self, name, sql):
        """Run sql; it must succeed. Returns its last output line (stripped)."""
        rc, out, err = self.psql(sql)
        if rc != 0:
            self.fail(name, "psql exit %d: %s" % (rc, testlib.head(err)))
            return None
        lines = [l for l in out.splitlines() if l.strip()]
        return lines[-1].strip() if lines else ""

    def expect(self, name, sql, want):
        got = self.run(name + " (run)", sql)
        if got is None:
            return
        if got == want:
            self.ok(name)
        else:
            self.fail(name, "got %r, want %r" % (got, want))

    def refuse(self, name, sql, sqlstate, pattern, unchanged=None):
        """sql must fail with SQLSTATE sqlstate and a message matching pattern; `unchanged` is
        a (query, expected) pair checked afterwards: the refusal changed nothing."""
        rc, out, err = self.psql(sql)
        m = re.search(r"ERROR:\s+([0-9A-Z]{5}):\s+(.*)", err)
        if rc == 0 or not m:
            self.fail(name, "not refused (exit %d): %s" % (rc, testlib.head(out + err)))
            return
        if m.group(1) != sqlstate or not re.search(pattern, err):
            self.fail(name, "refused differently: %s" % testlib.head(err))
            return
        if self.verbose:
            print("    " + m.group(0))
        if unchanged:
            got = self.run(name + " (after)", unchanged[0])
            if got != unchanged[1]:
                self.fail(name, "the refusal changed something: %r, want %r" % (got, unchanged[1]))
                return
        self.ok(name)

    def fraction(self, name, table, want_pct, keyed=True, seed=0.25):
        """should_route_to_shadow over N_CALLS reads (1,000 at 0 and 100 %, which are exact):
        count within tolerance of want_pct."""
        calls = N_CALLS if 0 < want_pct < 100 else 1000
        if keyed:
            sql = ("SELECT count(*) FILTER (WHERE schemadiff.should_route_to_shadow(%s, 'read', g::text)) "
                   "FROM generate_series(1, %d) g" % (lit(table), calls))
        else:
            sql = ("SELECT setseed(%s); SELECT count(*) FILTER (WHERE schemadiff.should_route_to_shadow(%s, "
                   "'select')) FROM generate_series(1, %d) g" % (seed, lit(table), calls))
        got = self.run(name + " (run)", sql)
        if got is None:
            return None
        n = int(got)
        p = want_pct / 100.0
        if abs(n - calls * p) <= tolerance(p):
            self.ok("%s: %d of %d (%s%%)" % (name, n, calls, want_pct))
        else:
            self.fail(name, "%d of %d routed, want %s%% (± %.0f)" % (n, calls, want_pct, tolerance(p)))
        return n

    def stage(self, table):
        return self.run("stage of %s" % table, "SELECT stage FROM schemadiff.staged_routing "
                        "WHERE format('%%I.%%I', table_schema, table_name) = %s" % lit(table))

    def backdate(self, table, by="2 hours"):
        self.run("backdate %s" % table, "UPDATE schemadiff.staged_routing SET stage_entered_at = stage_entered_at - "
                 "interval %s WHERE format('%%I.%%I', table_schema, table_name) = %s" % (lit(by), lit(table)))

    def metric(self, table, target, op, success, latency=None, score=None, n=1):
        self.metrics(table, (target, op, success, latency, score, n))

    def metrics(self, table, *rows):
        """Record metrics in one psql call: rows of (target, operation, success, latency_ms,
        validation_score, times), in order."""
        sql = "; ".join(
            "SELECT schemadiff.staged_record_metric(%s, %s, %s, %s, %s, %s) FROM generate_series(1, %d)"
            % (lit(table), lit(target), lit(op), "true" if success else "false",
               "NULL" if latency is None else latency, "NULL" if score is None else score, n)
            for target, op, success, latency, score, n in rows)
        self.run("metrics", sql)

def lit(s):
    return "'" + s.replace("'", "''") + "'"


OBJECTS = ("SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
           "WHERE n.nspname = 'schemadiff' AND c.relname LIKE 'staged%') || '/' || (SELECT count(*) FROM pg_proc p JOIN pg_namespace n "
           "ON n.oid = p.pronamespace WHERE n.nspname = 'schemadiff') || '/' || (SELECT count(*) FROM pg_type t "
           "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'schemadiff' AND t.typtype = 'e')")


def checks(t, sql_path):
    load = ["-f", sql_path]

    def load_text(name):
        r = testlib.run([t.pg.psql_bin, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", t.pg.conninfo(DB)] + load,
                        timeout=120, env=testlib.child_env())
        if r.rc != 0:
            t.fail(name, "psql -f exit %d: %s" % (r.rc, testlib.head(r.err)))
            return False
        t.ok(name)
        return True

    # ---- loading, twice -------------------------------------------------------------------
    if not load_text("load the text"):
        return
    objects = t.run("objects after the first load", OBJECTS)
    load_text("load it again (idempotent)")
    t.expect("the same objects after the second load", OBJECTS, objects)

    # ---- start: refusals, then disabled -> dual_write -------------------------------------
    t.run("tables", "CREATE TABLE public.orders (id bigint PRIMARY KEY, note text); "
          "CREATE TABLE public.items (id bigint PRIMARY KEY); CREATE TABLE public.a (id int PRIMARY KEY); "
          "CREATE TABLE public.b (id int PRIMARY KEY); CREATE TABLE public.auto (id int PRIMARY KEY); "
          "CREATE TABLE public.unstarted (id int PRIMARY KEY); CREATE TABLE public.routed (stage text, k int)")
    t.refuse("start refused without schemadiff.shadow_state", "SELECT schemadiff.staged_start('orders')",
             "55000", r"schemadiff\.shadow_state does not exist",
             ("SELECT count(*) FROM schemadiff.staged_routing", "0"))
    t.run("the shadow state table (docs/shadow.md)", SHADOW_STATE)
    t.refuse("start refused without the table's state row", "SELECT schemadiff.staged_start('orders')",
             "55000", r"public\.orders: the table has no shadow table")
    t.run("state rows", "INSERT INTO schemadiff.shadow_state (table_schema, table_name, status, shadow_name, fn_prefix) "
          "SELECT 'public', x, 'migrated', x || '_sdshadow', 'sd_' || x FROM unnest(ARRAY['orders', 'items', 'a', 'b', "
          "'auto']) x")
    t.refuse("start refused while the shadow is migrated, not validated", "SELECT schemadiff.staged_start('orders')",
             "55000", r"its shadow table is migrated, not validated",
             ("SELECT count(*) FROM schemadiff.staged_routing WHERE stage <> 'disabled'", "0"))
    t.refuse("start refused for a relation that does not exist", "SELECT schemadiff.staged_start('nosuch')",
             "42P01", r'relation "nosuch" does not exist')
    t.run("validated", "UPDATE schemadiff.shadow_state SET status = 'validated'")
    t.refuse("start refused with a min_durations key that is no stage",
             "SELECT schemadiff.staged_start('orders', '{\"test_2\": \"1 s\"}')", "22023",
             r'"test_2" is not a stage with a minimum duration')
    t.expect("start: disabled -> dual_write", "SELECT schemadiff.staged_start('orders')", "dual_write")
    t.expect("start again: no change", "SELECT schemadiff.staged_start('public.orders') || ' ' || "
             "(SELECT count(*) FROM schemadiff.staged_events)", "dual_write 1")
    t.fraction("route at dual_write", "public.orders", 0)

    # ---- dual_write -> test_1: the minimum duration ---------------------------------------
    t.refuse("advance refused before the stage's minimum duration", "SELECT schemadiff.staged_advance('orders')",
             "55000", r"stage dual_write has run for .*, its minimum duration is 00:05:00",
             ("SELECT stage FROM schemadiff.staged_routing WHERE table_name = 'orders'", "dual_write"))
    t.backdate("public.orders", "4 minutes")
    t.refuse("advance refused at 4 of 5 minutes", "SELECT schemadiff.staged_advance('orders')", "55000",
             r"minimum duration is 00:05:00")
    t.backdate("public.orders", "2 minutes")
    t.expect("advance: dual_write -> test_1", "SELECT schemadiff.staged_advance('orders')", "test_1")
    k1 = t.fraction("route at test_1 by key", "public.orders", 1)
    t.fraction("route at test_1 at random", "public.orders", 1, keyed=False)
    t.expect("route at test_1 by key is deterministic",
             "SELECT count(*) FILTER (WHERE schemadiff.should_route_to_shadow('public.orders', 'read', g::text)) "
             "FROM generate_series(1, %d) g" % N_CALLS, str(k1))
    t.run("keys routed at test_1", "INSERT INTO public.routed SELECT 'test_1', g FROM generate_series(1, %d) g "
          "WHERE schemadiff.should_route_to_shadow('public.orders', 'read', g::text)" % N_CALLS)
    t.expect("writes never routed", "SELECT count(*) FILTER (WHERE schemadiff.should_route_to_shadow('orders', op)) "
             "FROM unnest(ARRAY['insert', 'update', 'delete', 'write', 'MERGE']) op, generate_series(1, 200)", "0")
    t.refuse("an unknown operation is an error", "SELECT schemadiff.should_route_to_shadow('orders', 'vacuum')",
             "22023", r'unknown operation "vacuum"')
    t.expect("a table without routing is never routed",
             "SELECT schemadiff.should_route_to_shadow('public.unstarted', 'read', 'k')::text || "
             "schemadiff.should_route_to_shadow('nosuch', 'read')::text", "falsefalse")

    # ---- test_1: an error rate past its threshold; forced advance ---------------------------
    t.backdate("public.orders")
    # 3 failures in 6, never 3 in a row
    t.metrics("orders", *([("shadow", "read", True, 2.0, None, 1), ("shadow", "read", False, 2.0, None, 1)] * 3),
              ("source", "read", True, 2.0, None, 6))
    t.expect("health names the error rate", "SELECT healthy || ' ' || array_to_string(reasons, '|') "
             "FROM schemadiff.staged_health('orders')",
             "false error rate 0.5000 exceeds 0.01 (3 of 6 shadow operations failed)")
    t.refuse("advance refused on the error rate", "SELECT schemadiff.staged_advance('orders')", "55000",
             r"not healthy in stage test_1: error rate 0\.5000 exceeds 0\.01",
             ("SELECT stage FROM schemadiff.staged_routing WHERE table_name = 'orders'", "test_1"))
    t.expect("forced advance: test_1 -> test_10", "SELECT schemadiff.staged_advance('orders', force => true, "
             "reason => 'errors were a test client')", "test_10")
    t.expect("the forced move is logged", "SELECT forced || ' ' || reason FROM schemadiff.staged_events "
             "ORDER BY id DESC LIMIT 1", "true errors were a test client")
    k10 = t.fraction("route at test_10 by key", "public.orders", 10)
    t.fraction("route at test_10 at random", "public.orders", 10, keyed=False, seed=0.5)
    t.run("keys routed at test_10", "INSERT INTO public.routed SELECT 'test_10', g FROM generate_series(1, %d) g "
          "WHERE schemadiff.should_route_to_shadow('public.orders', 'read', g::text)" % N_CALLS)
    t.expect("sticky: every key routed at 1 % is routed at 10 %",
             "SELECT count(*) FROM public.routed a WHERE a.stage = 'test_1' AND NOT EXISTS (SELECT 1 FROM "
             "public.routed b WHERE b.stage = 'test_10' AND b.k = a.k)", "0")

    # ---- test_10: a latency increase past its threshold ---------------------------------------
    t.backdate("public.orders")
    t.metrics("orders", ("source", "read", True, 10.0, None, 5), ("shadow", "read", True, 20.0, None, 5))
    t.refuse("advance refused on the latency increase", "SELECT schemadiff.staged_advance('orders')", "55000",
             r"latency increase 1\.0000 exceeds 0\.25 \(shadow 20\.000 ms, source 10\.000 ms")
    t.run("a looser latency threshold", "UPDATE schemadiff.staged_routing SET max_latency_increase = 1.5 "
          "WHERE table_name = 'orders'")
    t.expect("advance: test_10 -> half_50", "SELECT schemadiff.staged_advance('orders')", "half_50")
    t.fraction("route at half_50 by key", "public.orders", 50)
    t.fraction("route at half_50 at random", "public.orders", 50, keyed=False, seed=0.75)
    t.expect("sticky: every key routed at 10 % is routed at 50 %",
             "SELECT count(*) FROM public.routed a WHERE a.stage = 'test_10' AND NOT "
             "schemadiff.should_route_to_shadow('public.orders', 'read', a.k::text)", "0")

    # ---- half_50: validation score and minimum samples ----------------------------------------
    t.backdate("public.orders")
    t.metric("orders", "shadow", "validate", True, score=0.95)
    t.refuse("advance refused on the validation score", "SELECT schemadiff.staged_advance('orders')", "55000",
             r"validation score 0\.95 is below 0\.999")
    t.metric("orders", "shadow", "validate", True, score=1)
    t.run("samples needed", "UPDATE schemadiff.staged_routing SET min_samples = 5 WHERE table_name = 'orders'")
    t.refuse("advance refused on too few samples", "SELECT schemadiff.staged_advance('orders')", "55000",
             r"2 shadow samples in this stage, 5 needed")
    t.metric("orders", "shadow", "read", True, 1.0, n=3)
    t.expect("advance: half_50 -> full_100", "SELECT schemadiff.staged_advance('orders')", "full_100")
    t.fraction("route at full_100 by key", "public.orders", 100)
    t.fraction("route at full_100 at random", "public.orders", 100, keyed=False)

    # ---- full_100 -> completed: confirmation, consecutive failures ------------------------------
    t.backdate("public.orders")
    t.refuse("advance refused past full_100", "SELECT schemadiff.staged_advance('orders', force => true)", "55000",
             r"full_100 -> completed is staged_complete, with its confirmation")
    t.refuse("complete refused without confirmation", "SELECT schemadiff.staged_complete('orders')", "55000",
             r"completing needs the confirmation 'complete public\.orders'",
             ("SELECT stage FROM schemadiff.staged_routing WHERE table_name = 'orders'", "full_100"))
    t.refuse("complete refused with a wrong confirmation",
             "SELECT schemadiff.staged_complete('orders', confirm => 'complete public.items')", "55000",
             r"completing needs the confirmation")
    t.run("no automatic rollback, any error rate", "UPDATE schemadiff.staged_routing SET auto_rollback = false, "
          "max_error_rate = 1, min_samples = 0 WHERE table_name = 'orders'")
    t.metric("orders", "shadow", "read", False, n=3)
    t.refuse("complete refused on consecutive failures",
             "SELECT schemadiff.staged_complete('orders', confirm => 'complete public.orders')", "55000",
             r"3 consecutive shadow failures \(at most 2\)")
    t.metric("orders", "shadow", "read", True, 1.0)
    t.expect("complete: full_100 -> completed",
             "SELECT schemadiff.staged_complete('orders', confirm => 'complete public.orders')", "completed")
    t.expect("complete again: no change",
             "SELECT schemadiff.staged_complete('orders', confirm => 'complete public.orders')", "completed")
    t.refuse("advance refused after completed", "SELECT schemadiff.staged_advance('orders', force => true)",
             "55000", r"already completed")
    t.fraction("route at completed", "public.orders", 100)
    t.expect("every transition logged in order",
             "SELECT string_agg(action || ':' || coalesce(from_stage::text, '-') || '>' || to_stage, ' ' ORDER BY id) "
             "FROM schemadiff.staged_events WHERE table_name = 'orders'",
             "start:disabled>dual_write advance:dual_write>test_1 advance:test_1>test_10 advance:test_10>half_50 "
             "advance:half_50>full_100 complete:full_100>completed")

    # ---- emergency rollback of one table -----------------------------------------------------
    t.expect("items: start, forced to test_10", "SELECT schemadiff.staged_start('items'); "
             "SELECT schemadiff.staged_advance('items', force => true); "
             "SELECT schemadiff.staged_advance('items', force => true)", "test_10")
    t.fraction("items route at test_10", "public.items", 10)
    t.expect("emergency rollback of items", "SELECT schemadiff.staged_emergency_rollback('items', 'pager')",
             "disabled")
    t.fraction("items route after its emergency rollback", "public.items", 0)
    t.expect("orders unchanged by items' rollback", "SELECT stage FROM schemadiff.staged_routing "
             "WHERE table_name = 'orders'", "completed")
    t.refuse("advance refused after an emergency rollback", "SELECT schemadiff.staged_advance('items')", "55000",
             r"public\.items is not started")
    t.expect("restart after an emergency rollback", "SELECT schemadiff.staged_start('items')", "dual_write")

    # ---- emergency stop of all -----------------------------------------------------------------
    t.expect("a and b started", "SELECT schemadiff.staged_start('a'); SELECT schemadiff.staged_start('b'); "
             "SELECT schemadiff.staged_advance('b', force => true)", "test_1")
    t.expect("emergency stop of all: 3 tables in progress",
             "SELECT schemadiff.staged_emergency_stop_all('incident 42')", "3")
    t.expect("every table in progress disabled, completed kept",
             "SELECT string_agg(table_name || '=' || stage, ' ' ORDER BY table_name) FROM schemadiff.staged_routing",
             "a=disabled b=disabled items=disabled orders=completed")
    t.expect("nothing routed after the stop", "SELECT count(*) FILTER (WHERE schemadiff.should_route_to_shadow(x, "
             "'read', g::text)) FROM unnest(ARRAY['a', 'b', 'items']) x, generate_series(1, 1000) g", "0")
    t.expect("emergency stop again: nothing to stop", "SELECT schemadiff.staged_emergency_stop_all()", "0")

    # ---- automatic rollback on consecutive shadow failures ---------------------------------------
    t.expect("auto: start, forced to test_1", "SELECT schemadiff.staged_start('auto'); "
             "SELECT schemadiff.staged_advance('auto', force => true)", "test_1")
    t.metric("auto", "shadow", "read", False, n=2)
    t.expect("two failures: still test_1", "SELECT stage FROM schemadiff.staged_routing WHERE table_name = 'auto'",
             "test_1")
    t.metric("auto", "shadow", "read", False)
    t.expect("the third failure in a row rolls back", "SELECT stage || ' ' || last_action FROM "
             "schemadiff.staged_routing WHERE table_name = 'auto'",
             "disabled automatic rollback (forced): 3 consecutive shadow failures")
    t.refuse("advance refused for a table never started", "SELECT schemadiff.staged_advance('unstarted')", "55000",
             r"public\.unstarted is not started")
    t.refuse("a metric refused for a table never started",
             "SELECT schemadiff.staged_record_metric('unstarted', 'shadow', 'read', true)", "55000",
             r"never started")

    # ---- the status view -----------------------------------------------------------------------
    t.expect("staged_status", "SELECT string_agg(format('%s.%s %s %s%% next=%s healthy=%s', table_schema, table_name, "
             "stage, read_percent, coalesce(next_stage::text, '-'), healthy), '; ' ORDER BY table_name) "
             "FROM schemadiff.staged_status",
             "public.a disabled 0% next=dual_write healthy=t; public.auto disabled 0% next=dual_write healthy=t; "
             "public.b disabled 0% next=dual_write healthy=t; public.items disabled 0% next=dual_write healthy=t; "
             "public.orders completed 100% next=- healthy=t")
    t.run("items: start again", "SELECT schemadiff.staged_start('items')")
    t.expect("staged_status: minimum duration and when advance is allowed",
             "SELECT min_duration || ' ' || (advance_after = stage_entered_at + interval '5 minutes') || ' ' || "
             "(in_stage_for < interval '1 minute') FROM schemadiff.staged_status WHERE table_name = 'items'",
             "00:05:00 true true")

    # ---- the text once more, with rows in place ----------------------------------------------
    rows = t.run("rows before a third load", "SELECT (SELECT count(*) FROM schemadiff.staged_routing) || '/' || "
                 "(SELECT count(*) FROM schemadiff.staged_metrics) || '/' || (SELECT count(*) FROM "
                 "schemadiff.staged_events)")
    load_text("load it a third time, with rows")
    t.expect("rows kept", "SELECT (SELECT count(*) FROM schemadiff.staged_routing) || '/' || "
             "(SELECT count(*) FROM schemadiff.staged_metrics) || '/' || (SELECT count(*) FROM "
             "schemadiff.staged_events)", rows)
    t.expect("objects kept", OBJECTS, objects)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--schemadiff", required=True, help="the schemadiff binary; test_staged is BUILD/tests/test_staged")
    ap.add_argument("--staged-bin", help="the test_staged executable (default: beside --schemadiff)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    exe = args.staged_bin or os.path.join(os.path.dirname(os.path.abspath(args.schemadiff)), "tests", "test_staged")
    r = testlib.run([exe, "--print"], env=testlib.child_env())
    if r.rc != 0 or testlib.sanitizer_report(r.err):
        print("cannot get the staged SQL from %s (exit %d): %s" % (exe, r.rc, testlib.head(r.err)))
        return 2
    with tempfile.TemporaryDirectory(prefix="schemadiff-staged-") as tmp:
        sql_path = os.path.join(tmp, "staged.sql")
        with open(sql_path, "w", encoding="utf-8") as f:
            f.write(r.out)
        try:
            with PgCluster(verbose=args.verbose) as pg:
                pg.createdb(DB)
                t = Runner(pg, args.verbose)
                checks(t, sql_path)
        except ClusterError as e:
            print("cluster: %s" % e)
            return 2
    print("%d passed, %d failed" % (t.passed, len(t.failed)))
    return 0 if not t.failed else 1


if __name__ == "__main__":
    sys.exit(main())
