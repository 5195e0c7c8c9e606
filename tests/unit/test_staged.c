/*
 * test_staged.c — the staged-cutover SQL text (emit/shadow_staged.c).
 *
 * As a unit test (no argument): the text passes the safety net
 * (shadow_staged_check: every statement parses back as what it announces,
 * every PL/pgSQL body parses), is deterministic, holds every object the
 * issue names, and a copy with a statement smuggled into it, or with a
 * broken PL/pgSQL body, is refused by that same net.
 *
 * With `--print` it writes the text on standard output and exits 0: that is
 * how tests/run_staged.py loads it into PostgreSQL (schemadiff itself has
 * no command for it; shadow.sql carries it when shadow.cutover is staged).
 */
#include "model.h"
#include "check.h"

#include <pg_query.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    Arena a = {0};
    if (argc > 1 && !strcmp(argv[1], "--print")) {
        const char *why = shadow_staged_check(&a);
        if (why) {
            fprintf(stderr, "test_staged: %s\n", why);
            return 1;
        }
        fputs(shadow_staged_sql(&a), stdout);
        arena_free(&a);
        return 0;
    }
    const char *sql = shadow_staged_sql(&a);
    const char *why = shadow_staged_check(&a);
    if (why)
        fprintf(stderr, "%s\n", why);
    CHECK(why == NULL);
    CHECK_STR(shadow_staged_sql(&a), sql); /* deterministic */

    static const char *const objects[] = {
        "CREATE TYPE schemadiff.cutover_stage AS ENUM",
        "('disabled', 'dual_write', 'test_1', 'test_10', 'half_50', 'full_100', 'completed')",
        "schemadiff.staged_routing (", "schemadiff.staged_metrics (", "schemadiff.staged_events (",
        "max_error_rate", "max_latency_increase", "min_validation_score", "max_consecutive_failures",
        "FUNCTION schemadiff.staged_start(", "FUNCTION schemadiff.staged_advance(",
        "FUNCTION schemadiff.staged_complete(", "FUNCTION schemadiff.staged_emergency_rollback(",
        "FUNCTION schemadiff.staged_emergency_stop_all(", "FUNCTION schemadiff.should_route_to_shadow(",
        "FUNCTION schemadiff.staged_record_metric(", "FUNCTION schemadiff.staged_health(",
        "VIEW schemadiff.staged_status AS",
    };
    for (size_t i = 0; i < sizeof objects / sizeof objects[0]; i++) {
        bool found = strstr(sql, objects[i]) != NULL;
        if (!found)
            fprintf(stderr, "missing: %s\n", objects[i]);
        CHECK(found);
    }
    /* idempotent forms only: no bare CREATE TABLE / TYPE / FUNCTION / VIEW */
    Script *s = shadow_staged_script(&a);
    for (int i = 0; i < s->n; i++) {
        const char *st = s->text + s->stmts[i].start;
        bool ok = !strncmp(st, "CREATE SCHEMA IF NOT EXISTS ", 28) || !strncmp(st, "CREATE TABLE IF NOT EXISTS ", 27) ||
                  !strncmp(st, "CREATE INDEX IF NOT EXISTS ", 27) || !strncmp(st, "CREATE OR REPLACE ", 18) ||
                  !strncmp(st, "DO $sd$", 7);
        if (!ok)
            fprintf(stderr, "not idempotent: %.60s\n", st);
        CHECK(ok);
    }

    /* the net catches a smuggled statement ... */
    Script bad = *s;
    char *text = arena_strdup(&a, s->text);
    char *semi = text + s->stmts[0].end - 1; /* ';' of CREATE SCHEMA */
    CHECK(*semi == ';');
    const char *smuggled = arena_printf(&a, "%.*s; DROP TABLE x%s", (int)(semi - text), text, semi);
    /* same bounds, shifted by the inserted text after the first statement */
    int shift = (int)strlen("; DROP TABLE x");
    bad.stmts = arena_alloc(&a, sizeof(ScriptStmt) * (size_t)s->n);
    for (int i = 0; i < s->n; i++) {
        bad.stmts[i] = s->stmts[i];
        if (i > 0) {
            bad.stmts[i].start += shift;
            bad.stmts[i].end += shift;
        } else {
            bad.stmts[i].end += shift;
        }
    }
    bad.text = smuggled;
    CHECK(reparse_script(&a, &bad) != NULL);
    /* ... and a PL/pgSQL body that does not parse (checked by the same
     * parser shadow_staged_check uses) */
    PgQueryPlpgsqlParseResult r = pg_query_parse_plpgsql(
        "CREATE OR REPLACE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN IF true THEN END; $fn$;");
    CHECK(r.error != NULL);
    pg_query_free_plpgsql_parse_result(r);
    arena_free(&a);
    return check_report();
}
