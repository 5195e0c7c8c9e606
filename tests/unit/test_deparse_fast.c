/*
 * test_deparse_fast.c — schemas/deparse_fast.c prints what the deparser prints.
 *
 * deparse_expr() prints the common expressions itself rather than through
 * libpg_query's protobuf round trip; its text must be the deparser's,
 * character for character, or plans, dumps and their expected outputs
 * would change with a speed-up.  Two sets of expressions are printed both
 * ways (deparse_expr() and deparse_expr_slow()) and must be equal:
 *   - the list below, each marked with whether the fast printer must take
 *     it (so that the test fails if it silently stops covering a shape);
 *   - every column default, CHECK and index expression of the round-trip
 *     cases' SQL files (tests/cases/ * /{before,after}.sql and the like).
 */
#include "pg.h"
#include "model.h"
#include "check.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *expr;
    bool fast; /* the fast printer takes it */
} list[] = {
    {"1", true},
    {"-1", true},
    {"2147483648", true},
    {"1.5", true},
    {"-1.5", true},
    {"1e10", true},
    {".5", true},
    {"'it''s'", true},
    {"E'a\\\\b'", true},
    {"E'a\\\\b''c'", true},
    {"''", true},
    {"true", true},
    {"false", true},
    {"NULL", true},
    {"now()", true},
    {"gen_random_uuid()", true},
    {"pg_catalog.lower('X')", true},
    {"\"left\"('abc', 1)", true},
    {"\"Weird Fn\"(1, 'x')", true},
    {"public.\"Fn\"(1, 'x', NULL)", true},
    {"nextval('public.s'::regclass)", true},
    {"abs(-5)", true},
    {"coalesce(a, 1)", false},
    {"'{}'::text[]", true},
    {"'{}'::jsonb", true},
    {"'[]'::jsonb", true},
    {"'5'::integer", true},
    {"'x'::character varying", true},
    {"'x'::varchar(10)", true},
    {"'x'::character(4)", true},
    {"'x'::char", true},
    {"'x'::bpchar", true},
    {"'x'::\"char\"", true},
    {"0::numeric(10,2)", true},
    {"0::numeric", true},
    {"0::decimal(5)", true},
    {"1::smallint", true},
    {"1::bigint", true},
    {"1::int8", true},
    {"1::int4", true},
    {"1::real", true},
    {"1::float", true},
    {"1::float(10)", true},
    {"1::double precision", true},
    {"1::boolean", true},
    {"'t'::boolean", false},
    {"'f'::bool", true},
    {"'true'::boolean", true},
    {"'t'::pg_catalog.bool", false},
    {"'2020-01-01'::timestamp with time zone", true},
    {"'2020-01-01'::timestamp(3) with time zone", false},
    {"'2020-01-01'::timestamp", true},
    {"'2020-01-01'::timestamp(3)", true},
    {"'2020-01-01'::timestamp without time zone", true},
    {"'10:00'::time", false},
    {"'1 day'::interval", true},
    {"'1'::interval year", false},
    {"'101'::bit(3)", false},
    {"1::bit varying(5)", false},
    {"1::int[][]", true},
    {"1::int[3]", true},
    {"1::\"MyType\"", true},
    {"1::public.\"T\"[]", true},
    {"'x'::vector(3)", false},
    {"(-1)::int", true},
    {"(-1.5)::numeric", true},
    {"now()::timestamp", true},
    {"now()::date::text", true},
    {"(1 + 2)::text", false},
    {"1.5::numeric", true},
    {"(NOT a) AND b", true},
    {"a AND (b AND c)", true},
    {"a OR (b OR c)", true},
    {"NOT (a OR b)", true},
    {"a::text", true},
    {"(a)::text <> ''::text", true},
    {"t.a", true},
    {"public.t.a", true},
    {"\"Col\"", true},
    {"\"select\"", true},
    {"t.*", false},
    {"a > 0", true},
    {"a > -1", true},
    {"-1 + a", true},
    {"- a", false},
    {"a + 1 > a - 1 * 2", true},
    {"(1 + 2) * 3", true},
    {"1 + 2 * 3", true},
    {"a % 2 = 0", true},
    {"a ^ 2 > 1", true},
    {"b || 'x' = 'y'", true},
    {"b ~ '^[a-z]+$'", true},
    {"b ~~ 'x%'", true},
    {"b @> 'x'", true},
    {"a OPERATOR(pg_catalog.=) 1", false},
    {"a > 0 AND a < 10", true},
    {"a >= 0 AND a <= 100 AND a <> 50", true},
    {"a > 0 OR a < 10 AND a = 5", true},
    {"(a > 0 OR a < 10) AND a = 5", true},
    {"NOT a > 0", true},
    {"NOT (a > 0 AND a < 1)", true},
    {"NOT NOT a", true},
    {"(a AND b) = true", true},
    {"a IS NULL", true},
    {"a IS NOT NULL", true},
    {"lower(a) IS NOT NULL", true},
    {"a IS NOT NULL AND b IS NULL", true},
    {"(a + 1) IS NULL", false},
    {"b IN ('x', 'y')", true},
    {"b NOT IN ('x', 'y')", true},
    {"lower(b) IN ('x')", true},
    {"b = ANY (ARRAY['a', 'b'])", false},
    {"b LIKE 'x%'", false},
    {"a BETWEEN 1 AND 2", false},
    {"CASE WHEN a THEN 1 END", false},
    {"current_date", true},
    {"current_time", true},
    {"current_timestamp", true},
    {"current_timestamp(3)", false},
    {"localtime", true},
    {"localtimestamp", true},
    {"current_user", true},
    {"current_role", true},
    {"session_user", true},
    {"user", true},
    {"current_catalog", true},
    {"current_schema", true},
    {"char_length(b) <= 100", true},
    {"jsonb_typeof(settings) = 'object'::text", true},
    {"cardinality(tags) <= 50", true},
    {"count(*)", false},
    {"count(DISTINCT a)", false},
    {"f(VARIADIC a)", false},
    {"f(x => 1)", false},
    {"B'101'", false},
    {"X'ff'", false},
    {"a COLLATE \"C\"", false},
    {"(ts AT TIME ZONE 'UTC')::date", false},
};

static Node *expr_of(const char *expr)
{
    char *sql = malloc(strlen(expr) + 8);
    strcpy(sql, "SELECT ");
    strcat(sql, expr);
    PgQueryInternalParsetreeAndError r = pg_query_raw_parse(sql);
    free(r.stderr_buffer);
    free(sql);
    if (r.error) {
        pg_query_free_error(r.error);
        return NULL;
    }
    return ((ResTarget *)linitial(((SelectStmt *)((RawStmt *)linitial(r.tree))->stmt)->targetList))->val;
}

static int fast_taken, compared;

/* Both ways, equal; returns whether the fast printer took it. */
static bool both_ways(Arena *a, const Node *e, const char *what)
{
    StrBuf sb;
    sb_init(&sb);
    bool fast = deparse_fast_expr(&sb, e);
    sb_free(&sb);
    const char *got = deparse_expr(a, e), *want = deparse_expr_slow(a, e);
    compared++;
    fast_taken += fast;
    if (strcmp(got, want)) {
        check_failed++;
        fprintf(stderr, "%s:\n  fast:     %s\n  deparser: %s\n", what, got, want);
    } else {
        check_passed++;
    }
    return fast;
}

/* Every column default, CHECK and index expression of one statement. */
static void harvest(Arena *a, const Node *stmt, const char *file)
{
    ListCell *lc, *k;
    if (IsA(stmt, CreateStmt)) {
        foreach (lc, ((const CreateStmt *)stmt)->tableElts) {
            const Node *el = lfirst(lc);
            if (IsA(el, ColumnDef)) {
                const ColumnDef *cd = (const ColumnDef *)el;
                if (cd->raw_default)
                    both_ways(a, cd->raw_default, file);
                foreach (k, cd->constraints) {
                    const Constraint *c = lfirst(k);
                    if (c->raw_expr)
                        both_ways(a, c->raw_expr, file);
                }
            } else if (IsA(el, Constraint) && ((const Constraint *)el)->raw_expr) {
                both_ways(a, ((const Constraint *)el)->raw_expr, file);
            }
        }
    } else if (IsA(stmt, AlterTableStmt)) {
        foreach (lc, ((const AlterTableStmt *)stmt)->cmds) {
            const AlterTableCmd *c = lfirst(lc);
            if (c->subtype == AT_ColumnDefault && c->def)
                both_ways(a, c->def, file);
            else if (c->subtype == AT_AddConstraint && c->def && IsA(c->def, Constraint) &&
                     ((const Constraint *)c->def)->raw_expr)
                both_ways(a, ((const Constraint *)c->def)->raw_expr, file);
        }
    } else if (IsA(stmt, IndexStmt)) {
        const IndexStmt *ix = (const IndexStmt *)stmt;
        foreach (lc, ix->indexParams) {
            const IndexElem *el = lfirst(lc);
            if (el->expr)
                both_ways(a, el->expr, file);
        }
        if (ix->whereClause)
            both_ways(a, ix->whereClause, file);
    }
}

static void cases(Arena *a)
{
    const char *root = SCHEMADIFF_SOURCE_DIR "/tests/cases";
    DIR *d = opendir(root);
    CHECK(d != NULL);
    if (!d)
        return;
    struct dirent *e;
    int files = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        static const char *const names[] = {"before.sql", "after.sql", "from.sql", "to.sql"};
        for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s/%s", root, e->d_name, names[i]);
            char *sql = check_slurp(path);
            if (!sql)
                continue;
            PgQueryInternalParsetreeAndError r = pg_query_raw_parse(sql);
            free(r.stderr_buffer);
            if (r.error) {
                pg_query_free_error(r.error);
            } else {
                ListCell *lc;
                foreach (lc, r.tree)
                    harvest(a, ((RawStmt *)lfirst(lc))->stmt, path);
                files++;
            }
            free(sql);
        }
    }
    closedir(d);
    CHECK(files > 100);
}

int main(void)
{
    Arena a = {0};
    ParseSession *ps = parse_session_begin();
    for (size_t i = 0; i < sizeof list / sizeof *list; i++) {
        const Node *e = expr_of(list[i].expr);
        CHECK(e != NULL);
        if (!e)
            continue;
        bool fast = both_ways(&a, e, list[i].expr);
        if (fast != list[i].fast) {
            check_failed++;
            fprintf(stderr, "%s: the fast printer %s it\n", list[i].expr, fast ? "takes" : "does not take");
        }
    }
    int listed = compared, listed_fast = fast_taken;
    cases(&a);
    printf("list: %d expressions, %d printed fast; cases: %d expressions, %d printed fast\n", listed, listed_fast,
           compared - listed, fast_taken - listed_fast);
    /* most expressions of real schemas are the shapes it knows */
    CHECK(fast_taken - listed_fast > (compared - listed) / 2);
    parse_session_end(ps);
    arena_free(&a);
    return check_report();
}
