/*
 * test_deparse.c — names in every position the deparser prints, hostile.
 *
 * libpg_query's deparser prints some name fields raw (no quote_identifier),
 * so a name like `")RETURNS int ...;DROP TABLE x;--"` became live SQL.
 * schemas/deparse.c pre-quotes those fields and re-parses what it printed.
 * Each statement below is parsed with a hostile name (or literal) in every
 * `@` (or `~`) position, printed through deparse_stmt()/deparse_expr(), and
 * the printed text must parse back to a tree equal() to the one given — or
 * be refused with the DEPARSE_UNPRINTABLE marker, which no template here is
 * allowed to need.  Bodies of functions are checked for exact text.
 */
#include "pg.h"
#include "model.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

static const char *const hostile[] = {
    ")RETURNS int AS'select 1'LANGUAGE sql;DROP TABLE foobar;--",
    "Abc",
    "select",
    "a\"b",
    "a'b",
    "x;DROP TABLE foobar;--",
    "a b",
    "/* c",
    "-- c",
    "line\nbreak",
    "$$",
    "$sd$",
    "back\\slash",
    "\xc3\xa9t\xc3\xa9 \xe2\x98\x83",
    "user",
    "end",
    "value",
};

/* Statements (one each); `@` is an identifier, `~` a string literal. */
static const char *const stmts[] = {
    /* functions: parameters, OUT/INOUT/VARIADIC, RETURNS TABLE, types, options */
    "CREATE FUNCTION @.@(@ int, @ text DEFAULT 'x') RETURNS int LANGUAGE sql AS 'select 1'",
    "CREATE FUNCTION f(IN @ int, OUT @ int, INOUT @ int) LANGUAGE sql AS 'select 1, 2'",
    "CREATE FUNCTION f(VARIADIC @ int[]) RETURNS int LANGUAGE sql AS 'select 1'",
    "CREATE FUNCTION f() RETURNS TABLE (@ int, @ text) LANGUAGE sql AS 'select 1, 2'",
    "CREATE FUNCTION f(a @.@, b @.@[]) RETURNS SETOF @.@ LANGUAGE sql AS 'select 1'",
    "CREATE FUNCTION f(a @.@.@%TYPE) RETURNS int LANGUAGE sql AS 'select 1'",
    "CREATE FUNCTION f() RETURNS int LANGUAGE @ AS 'select 1'",
    "CREATE FUNCTION f() RETURNS int LANGUAGE sql SET search_path = @, public AS 'select 1'",
    "CREATE FUNCTION f() RETURNS int LANGUAGE sql SET search_path = ~ AS 'select 1'",
    "CREATE FUNCTION f() RETURNS int LANGUAGE sql SUPPORT @.@ AS 'select 1'",
    "CREATE FUNCTION f() RETURNS int LANGUAGE c AS ~, ~",
    "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS ~",
    "CREATE FUNCTION f(@ int) RETURNS int LANGUAGE sql RETURN @ + 1",
    "CREATE PROCEDURE @(@ int, INOUT @ int) LANGUAGE sql AS 'select 1'",
    /* views: aliases, CTEs, windows, named arguments, joins, functions in FROM */
    "CREATE VIEW @.@ (@, @) AS SELECT 1 AS @, 2 AS b",
    "CREATE VIEW v AS SELECT @.@.@, @.* FROM @.@ AS @ (@)",
    "CREATE VIEW v AS WITH @ (@) AS (SELECT 1) SELECT * FROM @",
    "CREATE VIEW v AS WITH RECURSIVE @ (@) AS (SELECT 1 UNION ALL SELECT @ + 1 FROM @ WHERE @ < 3) "
    "SEARCH DEPTH FIRST BY @ SET @ CYCLE @ SET @ USING @ SELECT * FROM @",
    "CREATE VIEW v AS SELECT count(*) OVER @, sum(a) OVER (@ ROWS UNBOUNDED PRECEDING) FROM t WINDOW @ AS (ORDER BY a)",
    "CREATE VIEW v AS SELECT @.@(@ => 1, @ := 2)",
    "CREATE VIEW v AS SELECT 1 FROM t JOIN u USING (@) AS @",
    "CREATE VIEW v AS SELECT 1 FROM t @ JOIN u @ ON @.a = @.a",
    "CREATE VIEW v AS SELECT * FROM @.@(1) AS @ (@ int, @ text)",
    "CREATE VIEW v AS SELECT * FROM ROWS FROM (@(1) AS (@ int)) WITH ORDINALITY AS @ (@, @)",
    "CREATE VIEW v AS SELECT * FROM LATERAL (SELECT 1) AS @ (@)",
    "CREATE VIEW v AS SELECT (@).@, (a).@[1], a::@.@, 'x' COLLATE @.@",
    "CREATE VIEW v AS SELECT a OPERATOR(@.+) b, a IS DISTINCT FROM b FROM t",
    "CREATE VIEW v AS SELECT xmlelement(NAME @, xmlattributes(a AS @), 'x') FROM t",
    "CREATE VIEW v AS SELECT * FROM xmltable('/x' PASSING 'x' COLUMNS @ int PATH 'a', @ FOR ORDINALITY) AS @",
    "CREATE VIEW v AS SELECT * FROM t TABLESAMPLE @ (1)",
    "CREATE VIEW v AS SELECT ~ AS a, E'\\n' AS b, B'101' AS c, 1.5 AS d",
    "CREATE VIEW v AS SELECT a FROM t ORDER BY a USING OPERATOR(@.<)",
    "CREATE VIEW v AS SELECT a FROM t GROUP BY GROUPING SETS ((@), ()) HAVING count(@) > 1",
    "CREATE VIEW v WITH (@ = 1, check_option = ~) AS SELECT 1",
    "CREATE VIEW v AS SELECT (SELECT @ FROM @ LIMIT 1), EXISTS (SELECT 1 FROM @), a IN (SELECT @ FROM @) FROM t",
    "CREATE VIEW v AS SELECT CAST(a AS @), a::@[], @.@ 'lit', ROW(a, b)::@ FROM t",
    "CREATE VIEW v AS SELECT CASE WHEN @ THEN @ ELSE @ END, COALESCE(@, @), GREATEST(@, 1) FROM t",
    "CREATE VIEW v AS SELECT array_agg(@ ORDER BY @) FILTER (WHERE @) FROM t",
    "CREATE MATERIALIZED VIEW @.@ (@) USING @ WITH (@ = 1) TABLESPACE @ AS SELECT 1 WITH NO DATA",
    /* triggers */
    "CREATE TRIGGER @ AFTER INSERT OR UPDATE OF @, @ ON @.@ FOR EACH ROW WHEN (NEW.@ IS NOT NULL) "
    "EXECUTE FUNCTION @.@(~, ~)",
    "CREATE TRIGGER @ AFTER INSERT ON t REFERENCING NEW TABLE AS @ OLD TABLE AS @ "
    "FOR EACH STATEMENT EXECUTE FUNCTION f()",
    "CREATE CONSTRAINT TRIGGER @ AFTER INSERT ON t FROM @.@ DEFERRABLE INITIALLY DEFERRED "
    "FOR EACH ROW EXECUTE FUNCTION f()",
    "CREATE EVENT TRIGGER @ ON @ WHEN @ IN (~, ~) EXECUTE FUNCTION @.@()",
    /* policies */
    "CREATE POLICY @ ON @.@ AS RESTRICTIVE FOR UPDATE TO @, PUBLIC, CURRENT_USER USING (@ = 1) WITH CHECK (@ > 0)",
    /* domains and composite types, collations */
    "CREATE DOMAIN @.@ AS @.@ COLLATE @.@ DEFAULT ~ CONSTRAINT @ CHECK (VALUE <> ~) CONSTRAINT @ NOT NULL",
    "CREATE TYPE @.@ AS (@ int, @ @.@ COLLATE @)",
    "CREATE TYPE @.@ AS ENUM (~, ~)",
    "CREATE COLLATION @.@ (provider = icu, locale = ~, deterministic = false)",
    "CREATE COLLATION @.@ FROM @.@",
    /* indexes, tables, constraints, ALTER TABLE */
    "CREATE UNIQUE INDEX @ ON @.@ USING @ (@ @.@ DESC NULLS LAST, (@ + 1), @ COLLATE @) INCLUDE (@) "
    "WITH (@ = 1) TABLESPACE @ WHERE @ > 0",
    "CREATE INDEX i ON t (@ @(@ = 1))",
    "CREATE TABLE @.@ (@ int CONSTRAINT @ PRIMARY KEY, @ text COLLATE @ DEFAULT ~ CONSTRAINT @ CHECK (@ <> ~), "
    "CONSTRAINT @ UNIQUE (@) INCLUDE (@) USING INDEX TABLESPACE @, "
    "CONSTRAINT @ FOREIGN KEY (@) REFERENCES @.@ (@) ON DELETE SET NULL (@), "
    "CONSTRAINT @ EXCLUDE USING @ (@ WITH OPERATOR(@.=)) WHERE (@ > 0))",
    "CREATE TABLE t (a int GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME @.@ START 1), "
    "b int GENERATED ALWAYS AS (@ + 1) STORED) PARTITION BY RANGE (@, (@ + 1) @)",
    "CREATE TABLE @ PARTITION OF @.@ FOR VALUES IN (~)",
    "CREATE TABLE @ PARTITION OF @.@ FOR VALUES FROM (@.@(@ => 1)) TO (MAXVALUE)",
    "ALTER TABLE @.@ ADD CONSTRAINT @ CHECK (@ > 0) NOT VALID",
    "ALTER TABLE t RENAME CONSTRAINT @ TO @",
    "ALTER TABLE t OWNER TO @",
    "CREATE SEQUENCE @.@ AS int OWNED BY @.@.@",
    "CREATE SCHEMA @ AUTHORIZATION @",
    "COMMENT ON COLUMN @.@.@ IS ~",
    "GRANT SELECT (@), UPDATE ON @.@ TO @ WITH GRANT OPTION",
    "ALTER DEFAULT PRIVILEGES FOR ROLE @ IN SCHEMA @ GRANT SELECT ON TABLES TO @",
    "CREATE EXTENSION @ WITH SCHEMA @ VERSION ~",
    "ALTER TYPE @.@ ADD VALUE IF NOT EXISTS ~ BEFORE ~",
    "ALTER TYPE @.@ ADD ATTRIBUTE @ @.@ COLLATE @",
    "ALTER DOMAIN @.@ ADD CONSTRAINT @ CHECK (VALUE > 0)",
    "ALTER FUNCTION @.@(@ int) RENAME TO @",
    "ALTER TABLE t SET (@ = 1)",
    "CREATE FUNCTION f() RETURNS int LANGUAGE sql SET @.x = 1 AS 'select 1'",
    "CREATE FUNCTION f() RETURNS int LANGUAGE sql SET @ TO DEFAULT AS 'select 1'",
    "CREATE FUNCTION f() RETURNS int LANGUAGE sql TRANSFORM FOR TYPE @.@ AS 'select 1'",
    "CREATE VIEW v AS SELECT * FROM xmltable(xmlnamespaces(~ AS @), '/x' PASSING 'x' COLUMNS a int) AS x",
    "CREATE VIEW v AS SELECT * FROM t FOR UPDATE OF @",
    "CREATE VIEW v AS SELECT extract(~ FROM a), a IS NOT DISTINCT FROM b, ROW(a) OPERATOR(@.=) ROW(b) FROM t",
    "CREATE VIEW v AS SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY @), @(VARIADIC ARRAY[1]) FROM t",
    "CREATE VIEW v AS SELECT DISTINCT ON (@) @ FROM t ORDER BY @ FETCH FIRST 1 ROWS WITH TIES",
    "CREATE VIEW v AS WITH @ AS MATERIALIZED (SELECT 1) TABLE @",
    "CREATE VIEW v AS VALUES (~, @)",
    "INSERT INTO @.@ AS @ (@, @) VALUES (1, 2) ON CONFLICT ON CONSTRAINT @ DO UPDATE SET @ = EXCLUDED.@ RETURNING @",
    "INSERT INTO t (@) VALUES (1) ON CONFLICT (@, (@ + 1)) WHERE @ > 0 DO NOTHING",
    "UPDATE @.@ AS @ SET (@, @) = (1, 2), @ = DEFAULT FROM @ WHERE @.a = 1 RETURNING *",
    "DELETE FROM @.@ AS @ USING @ WHERE @ RETURNING @",
    "ALTER TABLE t ADD CONSTRAINT @ PRIMARY KEY USING INDEX @",
    "CREATE TABLE t (a int) PARTITION BY LIST (@ @.@, (@ + 1) COLLATE @)",
    "CREATE TABLE t (LIKE @.@ INCLUDING ALL) INHERITS (@.@) WITH (@ = 1) TABLESPACE @",
};

/* Statements the deparser prints wrongly whatever the names: the re-parse
 * check must refuse them (they are not printed by emit/ today). */
static const char *const refused[] = {
    /* the constraint's WITH (...) is dropped */
    "CREATE TABLE @ (a int, CONSTRAINT @ UNIQUE (a) WITH (fillfactor = 50))",
    /* COLLATE moves from the type into the USING expression */
    "ALTER TABLE @ ALTER COLUMN @ TYPE text COLLATE @ USING @::text",
    /* a qualified setting name is printed as one identifier, truncated */
    "CREATE FUNCTION f() RETURNS int LANGUAGE sql SET "
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbb = 1 AS 'select 1'",
};

/* Expressions (printed through deparse_expr). */
static const char *const exprs[] = {
    "@(@ => 1)",
    "@ || ~",
    "(@ AT TIME ZONE ~)::date",
    "ROW(@, @)::@.@",
    "CAST(~ AS @.@)",
    "(SELECT count(*) OVER @ FROM @ WINDOW @ AS ())",
    "EXISTS (WITH @ AS (SELECT 1 AS @) SELECT @ FROM @)",
    "nextval(~::regclass)",
    "@ COLLATE @",
    "xmlelement(NAME @)",
    /* the shapes schemas/deparse_fast.c prints itself */
    "@.@(@, ~, -1, 1.5, NULL, true)",
    "~::@.@[]",
    "(-1)::@",
    "@.@.@ = ~ AND @ IS NOT NULL OR NOT @ IS NULL",
    "@ IN (~, ~) AND @ NOT IN (~)",
    "@(@) <> ~::varchar(3)",
    "NOT (@ OR @) AND @ || ~ = ~",
};

static char *subst(const char *tmpl, const char *ident, const char *lit)
{
    StrBuf sb;
    sb_init(&sb);
    for (const char *p = tmpl; *p; p++) {
        if (*p == '@')
            sb_puts(&sb, ident);
        else if (*p == '~')
            sb_puts(&sb, lit);
        else
            sb_putc(&sb, *p);
    }
    char *r = malloc(sb.len + 1);
    memcpy(r, sb.data, sb.len);
    r[sb.len] = 0;
    sb_free(&sb);
    return r;
}

static Node *parse1(const char *sql)
{
    PgQueryInternalParsetreeAndError r = pg_query_raw_parse(sql);
    free(r.stderr_buffer);
    if (r.error) {
        pg_query_free_error(r.error);
        return NULL;
    }
    if (list_length(r.tree) != 1)
        return NULL;
    return ((RawStmt *)linitial(r.tree))->stmt;
}

static int failures_shown;
static int cur_h, cur_t;

static void fail(const char *what, const char *sql, const char *out)
{
    check_failed++;
    if (failures_shown++ < 2000)
        fprintf(stderr, "[t%d h%d] %s:\n  in:  %s\n  out: %s\n", cur_t, cur_h, what, sql, out);
}

/* The statement prints and parses back to itself. */
static void check_stmt(Arena *a, const char *sql)
{
    Node *in = parse1(sql);
    if (!in) {
        fail("template does not parse", sql, "");
        return;
    }
    Node *keep = copyObjectImpl(in);
    const char *out = deparse_stmt(a, in);
    if (!equal(in, keep)) {
        fail("deparse_stmt changed its argument", sql, out);
        return;
    }
    if (!strncmp(out, DEPARSE_UNPRINTABLE, strlen(DEPARSE_UNPRINTABLE))) {
        fail("refused", sql, out);
        return;
    }
    Node *back = parse1(out);
    if (!back || !equal(back, in))
        fail("does not parse back to the same tree", sql, out);
    else
        check_passed++;
}

static void check_refused(Arena *a, const char *sql)
{
    Node *in = parse1(sql);
    if (!in) {
        fail("template does not parse", sql, "");
        return;
    }
    const char *out = deparse_stmt(a, in);
    if (strncmp(out, DEPARSE_UNPRINTABLE, strlen(DEPARSE_UNPRINTABLE)))
        fail("printed though it does not parse back the same", sql, out);
    else
        check_passed++;
}

static void check_expr(Arena *a, const char *expr)
{
    char *sql = malloc(strlen(expr) + 8);
    strcpy(sql, "SELECT ");
    strcat(sql, expr);
    Node *sel = parse1(sql);
    if (!sel) {
        fail("expression does not parse", sql, "");
        free(sql);
        return;
    }
    Node *e = ((ResTarget *)linitial(((SelectStmt *)sel)->targetList))->val;
    const char *out = deparse_expr(a, e);
    if (!strncmp(out, DEPARSE_UNPRINTABLE, strlen(DEPARSE_UNPRINTABLE))) {
        fail("refused", sql, out);
        free(sql);
        return;
    }
    char *sql2 = malloc(strlen(out) + 8);
    strcpy(sql2, "SELECT ");
    strcat(sql2, out);
    Node *back = parse1(sql2);
    /* (ts AT TIME ZONE x)::date is printed as timezone(x, ts)::date: equal
     * only in meaning, so such input only needs to parse back */
    bool same = back && (strstr(expr, "AT TIME ZONE") ||
                         equal(((ResTarget *)linitial(((SelectStmt *)back)->targetList))->val, e));
    if (!same)
        fail("expression does not parse back to the same tree", sql, out);
    else
        check_passed++;
    free(sql);
    free(sql2);
}

/* A tree the deparser cannot print faithfully is refused with the marker. */
static void check_refusal(Arena *a)
{
    /* a String where a column name belongs cannot hold a NUL-free name the
     * deparser prints wrongly any more; a node it has no case for errors */
    SelectStmt *sel = makeNode(SelectStmt);
    ResTarget *rt = makeNode(ResTarget);
    rt->val = (Node *)makeNode(RangeVar); /* not an expression */
    sel->targetList = list_make1(rt);
    const char *out = deparse_stmt(a, (Node *)sel);
    CHECK(!strncmp(out, DEPARSE_UNPRINTABLE, strlen(DEPARSE_UNPRINTABLE)));
    CHECK(strchr(out + 1, '\001') != NULL);
}

/* The deparser keeps, per thread, the statement each short printed text
 * parsed to, and checks a later print of the same text against it (a
 * memo, schemas/deparse.c).  The verdicts must be the ones a parse gives:
 * the same print for the same tree on a hit; a tree the text does not parse
 * to refused on a hit as on a miss (a Float constant "1" prints as 1, which
 * parses to an Integer); and the same prints after the memo was emptied
 * (more texts than it keeps replaced). */
static void check_memo(Arena *a)
{
    A_Const *f = makeNode(A_Const);
    f->val.fval.type = T_Float;
    f->val.fval.fval = "1";
    f->location = -1;
    const char *float_miss = deparse_expr(a, (Node *)f); /* the first print of "1": parsed */
    Node *one = ((ResTarget *)linitial(((SelectStmt *)parse1("SELECT 1"))->targetList))->val;
    CHECK_STR(deparse_expr(a, one), "1");                 /* a hit, the same tree */
    const char *float_hit = deparse_expr(a, (Node *)f);   /* a hit, another tree */
    CHECK_STR(float_hit, float_miss);
    CHECK(strcmp(float_hit, "1") != 0);

    /* the same prints before and after the memo is emptied */
    enum { N = 6000 };
    const char *first[20];
    for (int i = 0; i < N; i++) {
        char sql[64];
        snprintf(sql, sizeof sql, "SELECT coalesce(x%d, %d) + 1", i, i);
        const char *out = deparse_expr(a, ((ResTarget *)linitial(((SelectStmt *)parse1(sql))->targetList))->val);
        if (i < 20)
            first[i] = out;
        char want[64];
        snprintf(want, sizeof want, "COALESCE(x%d, %d) + 1", i, i);
        if (strcmp(out, want) != 0) {
            fail("memo: not the print of a parse", sql, out);
            return;
        }
    }
    for (int i = 0; i < 20; i++) {
        char sql[64];
        snprintf(sql, sizeof sql, "SELECT coalesce(x%d, %d) + 1", i, i);
        CHECK_STR(deparse_expr(a, ((ResTarget *)linitial(((SelectStmt *)parse1(sql))->targetList))->val), first[i]);
    }
    CHECK_STR(deparse_expr(a, (Node *)f), float_miss);
}

int main(void)
{
    Arena a = {0};
    ParseSession *ps = parse_session_begin();
    for (size_t h = 0; h < sizeof hostile / sizeof *hostile; h++) {
        const char *id = q_ident(&a, hostile[h]);
        const char *lit = q_literal(&a, hostile[h]);
        for (size_t i = 0; i < sizeof stmts / sizeof *stmts; i++) {
            cur_h = (int)h, cur_t = (int)i;
            char *sql = subst(stmts[i], id, lit);
            check_stmt(&a, sql);
            free(sql);
        }
        for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
            cur_h = (int)h, cur_t = 500 + (int)i;
            char *sql = subst(refused[i], id, lit);
            check_refused(&a, sql);
            free(sql);
        }
        for (size_t i = 0; i < sizeof exprs / sizeof *exprs; i++) {
            cur_h = (int)h, cur_t = 1000 + (int)i;
            char *sql = subst(exprs[i], id, lit);
            check_expr(&a, sql);
            free(sql);
        }
    }
    check_refusal(&a);
    check_memo(&a);
    parse_session_end(ps);
    arena_free(&a);
    return check_report();
}
