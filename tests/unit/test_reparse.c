/*
 * test_reparse.c — the safety net of emit/reparse.c.
 *
 * Every row of the statement-kind table is exercised by a sample statement
 * of that kind (a row without a sample fails the test), and scripts that
 * smuggle in a statement, lose one, change a statement's kind, carry an
 * invalid DO body or an unprintable marker are refused, naming the object
 * whose statement is at fault.
 */
#include "model.h"
#include "check.h"

#include <string.h>

static const char *samples[] = {
    "CREATE TABLE t (a integer);",
    "CREATE UNLOGGED TABLE t (a integer);",
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);",
    "CREATE UNIQUE INDEX i ON t (a);",
    "CREATE VIEW v AS SELECT 1;",
    "CREATE RECURSIVE VIEW v (n) AS SELECT 1;",
    "CREATE OR REPLACE VIEW v AS SELECT 1;",
    "CREATE OR REPLACE RECURSIVE VIEW v (n) AS SELECT 1;",
    "CREATE MATERIALIZED VIEW m AS SELECT 1;",
    "CREATE FUNCTION f() RETURNS integer LANGUAGE sql AS $$SELECT 1$$;",
    "CREATE PROCEDURE p() LANGUAGE sql AS $$SELECT 1$$;",
    "CREATE OR REPLACE FUNCTION f() RETURNS integer LANGUAGE sql AS $$SELECT 1$$;",
    "CREATE OR REPLACE PROCEDURE p() LANGUAGE sql AS $$SELECT 1$$;",
    "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();",
    "CREATE CONSTRAINT TRIGGER tr AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();",
    "CREATE OR REPLACE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();",
    "CREATE EVENT TRIGGER e ON ddl_command_start EXECUTE FUNCTION f();",
    "CREATE POLICY p ON t USING (true);",
    "CREATE DOMAIN d AS integer CHECK (VALUE > 0);",
    "CREATE TYPE c AS (a integer);",
    "CREATE SCHEMA IF NOT EXISTS s;",
    "CREATE EXTENSION IF NOT EXISTS x;",
    "CREATE SEQUENCE IF NOT EXISTS s;",
    "CREATE COLLATION c (provider = icu, locale = 'und');",
    "CREATE OR REPLACE AGGREGATE s.a(*) (SFUNC = int8inc, STYPE = bigint, INITCOND = '0');",
    "CREATE OPERATOR s.=== (FUNCTION = int4eq, LEFTARG = integer, RIGHTARG = integer);",
    "CREATE OR REPLACE RULE r AS ON DELETE TO s.t DO INSTEAD NOTHING;",
    "CREATE OPERATOR FAMILY s.f USING btree;",
    "CREATE OPERATOR CLASS s.c FOR TYPE integer USING btree FAMILY s.f AS OPERATOR 1 pg_catalog.<(integer, integer), FUNCTION 1 (integer, integer) btint4cmp(integer, integer);",
    "CREATE CAST (s.c AS text) WITH INOUT;",
    "CREATE STATISTICS s.st ON a, b FROM t;",
    "ALTER TABLE t ADD COLUMN b integer;",
    "ALTER INDEX i RENAME TO j;",
    "ALTER VIEW v OWNER TO r;",
    "ALTER MATERIALIZED VIEW m SET SCHEMA s;",
    "ALTER SEQUENCE s INCREMENT BY 2;",
    "ALTER TYPE e ADD VALUE IF NOT EXISTS 'x';",
    "ALTER DOMAIN d SET DEFAULT 1;",
    "ALTER FUNCTION f() OWNER TO r;",
    "ALTER PROCEDURE p() OWNER TO r;",
    "ALTER ROUTINE f() OWNER TO r;",
    "ALTER EXTENSION x UPDATE TO '2';",
    "ALTER EVENT TRIGGER e DISABLE;",
    "ALTER POLICY p ON t USING (false);",
    "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO r;",
    "ALTER SCHEMA s OWNER TO r;",
    "ALTER COLLATION c OWNER TO r;",
    "ALTER AGGREGATE s.a(*) OWNER TO r;",
    "ALTER OPERATOR s.===(integer, integer) SET (RESTRICT = eqsel, JOIN = NONE);",
    "ALTER OPERATOR FAMILY s.f USING btree ADD OPERATOR 1 pg_catalog.<(integer, bigint);",
    "ALTER OPERATOR CLASS s.c USING btree OWNER TO r;",
    "ALTER STATISTICS s.st SET STATISTICS 100;",
    "ALTER TRIGGER tr ON t RENAME TO tr2;",
    "CREATE TEXT SEARCH PARSER p (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype);",
    "CREATE TEXT SEARCH TEMPLATE t (LEXIZE = dsimple_lexize);",
    "CREATE TEXT SEARCH DICTIONARY d (TEMPLATE = simple, stopwords = 'english');",
    "CREATE TEXT SEARCH CONFIGURATION c (PARSER = pg_catalog.\"default\");",
    "ALTER TEXT SEARCH DICTIONARY d (stopwords);",
    "ALTER TEXT SEARCH CONFIGURATION c ALTER MAPPING FOR word WITH simple;",
    "CREATE PUBLICATION p FOR TABLE t (a) WHERE (a > 0) WITH (publish = 'insert');",
    "ALTER PUBLICATION p SET TABLE t, TABLES IN SCHEMA s;",
    "CREATE FOREIGN TABLE ft (a integer OPTIONS (column_name 'b')) SERVER s OPTIONS (table_name 't');",
    "CREATE FOREIGN DATA WRAPPER w HANDLER h VALIDATOR v OPTIONS (a '1');",
    "CREATE SERVER IF NOT EXISTS s TYPE 't' VERSION '1' FOREIGN DATA WRAPPER w OPTIONS (host 'h');",
    "CREATE USER MAPPING IF NOT EXISTS FOR PUBLIC SERVER s OPTIONS (\"user\" 'u');",
    "ALTER FOREIGN TABLE ft ALTER COLUMN a OPTIONS (SET column_name 'c');",
    "ALTER FOREIGN DATA WRAPPER w NO HANDLER NO VALIDATOR;",
    "ALTER SERVER s VERSION NULL;",
    "ALTER USER MAPPING FOR r SERVER s OPTIONS (DROP \"user\");",
    "DROP USER MAPPING IF EXISTS FOR CURRENT_USER SERVER s;",
    "DROP TABLE IF EXISTS t;",
    "COMMENT ON TABLE t IS 'x';",
    "GRANT SELECT ON t TO r;",
    "REVOKE SELECT ON t FROM r;",
    "DO $$BEGIN NULL; END$$;",
    "SET lock_timeout = '5s';",
    "RESET lock_timeout;",
    "BEGIN;",
    "COMMIT;",
    "SELECT 1;",
    "REFRESH MATERIALIZED VIEW m;",
    "CLUSTER t USING i;",
    "LOCK TABLE t IN ACCESS EXCLUSIVE MODE;",
    "CALL schemadiff.backfill('public.t', 1000);",
    "INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO NOTHING;",
};

/* A script of the given statements, one a line; statement k belongs to
 * change k (all named after `o`). */
static Script *script(Arena *a, const char **stmts, int n, const Change *c)
{
    StrBuf sb;
    sb_init(&sb);
    Script *s = arena_alloc(a, sizeof *s);
    s->stmts = arena_alloc(a, sizeof(ScriptStmt) * (size_t)n);
    for (int i = 0; i < n; i++) {
        s->stmts[i].start = (int)sb.len;
        sb_puts(&sb, stmts[i]);
        s->stmts[i].end = (int)sb.len;
        s->stmts[i].change = c;
        sb_putc(&sb, '\n');
    }
    s->n = n;
    s->text = sb_take(&sb, a);
    sb_free(&sb);
    return s;
}

static const char *check1(Arena *a, const char *stmt, const Change *c)
{
    return reparse_script(a, script(a, &stmt, 1, c));
}

int main(void)
{
    Arena a = {0};
    ParseSession *ps = parse_session_begin();
    Model *m = model_new(&a, "desired");
    Obj *t = model_add(m, sizeof(Table), OBJ_TABLE, "public", NULL, "victim", (SrcLoc){0});
    Change c = {.op = CHG_CREATE, .kind = OBJ_TABLE, .desired = t};

    /* every row of the table has a sample that starts with its prefix and
     * passes; every sample passes */
    int rows = reparse_announce_count();
    CHECK(rows > 40);
    for (int i = 0; i < rows; i++) {
        const char *prefix = reparse_announce_prefix(i);
        bool covered = false;
        for (size_t k = 0; k < sizeof samples / sizeof samples[0]; k++) {
            size_t l = strlen(prefix);
            if (!strncmp(samples[k], prefix, l) && samples[k][l] == ' ')
                covered = true;
            if (!strncmp(samples[k], prefix, l) && samples[k][l] == ';')
                covered = true;
        }
        if (!covered)
            fprintf(stderr, "no sample for row '%s'\n", prefix);
        CHECK(covered);
    }
    CHECK(reparse_announce_prefix(rows) == NULL);
    for (size_t k = 0; k < sizeof samples / sizeof samples[0]; k++) {
        const char *why = check1(&a, samples[k], &c);
        if (why)
            fprintf(stderr, "sample refused: %s\n", why);
        CHECK(why == NULL);
    }

    /* a smuggled statement: refused, naming the object */
    const char *why = check1(&a, "CREATE TABLE t (a integer); DROP TABLE foobar;", &c);
    CHECK(why && strstr(why, "public.victim (table)") && strstr(why, "more statements"));
    /* the statement of another kind than announced */
    why = check1(&a, "ALTER TABLE x DROP TABLE y;", &c);
    CHECK(why && strstr(why, "does not parse"));
    why = check1(&a, "CREATE TABLE t AS SELECT 1;", &c);
    CHECK(why && strstr(why, "one CREATE TABLE statement"));
    /* an unknown statement kind */
    why = check1(&a, "TRUNCATE t;", &c);
    CHECK(why && strstr(why, "one TRUNCATE statement"));
    /* a DO block whose body is not PL/pgSQL */
    why = check1(&a, "DO $$BEGIN IF THEN END$$;", &c);
    CHECK(why && strstr(why, "PL/pgSQL"));
    /* the marker of an unprintable deparse */
    why = check1(&a, "ALTER TABLE t ALTER COLUMN a SET DEFAULT " DEPARSE_UNPRINTABLE "node 42\001;", &c);
    CHECK(why && strstr(why, "node 42") && strstr(why, "public.victim"));
    /* a statement that swallows the next one (an open quote) */
    const char *two[] = {"COMMENT ON TABLE t IS 'x;", "COMMENT ON TABLE t IS 'y';"};
    why = reparse_script(&a, script(&a, two, 2, &c));
    CHECK(why != NULL);
    /* a statement lost: fewer than written */
    const char *merged[] = {"SELECT 1", "SELECT 2;"};
    why = reparse_script(&a, script(&a, merged, 2, &c));
    CHECK(why != NULL);
    /* header statements have no change */
    const char *hdr[] = {"SET lock_timeout = '5s'; SET x = 1;"};
    why = reparse_script(&a, script(&a, hdr, 1, NULL));
    CHECK(why && strstr(why, "script's own statements"));
    /* well-formed multi-statement scripts pass */
    const char *ok[] = {"BEGIN;", "CREATE TABLE \"a;b\" (\"--\" integer);", "COMMENT ON TABLE \"a;b\" IS 'x; DROP TABLE y; --';",
                        "COMMIT;"};
    CHECK(reparse_script(&a, script(&a, ok, 4, &c)) == NULL);

    /* in parts on threads (reparse_script_parts): the same verdicts, every
     * statement checked, the fault found in whichever part holds it */
    const char *many[] = {"BEGIN;", "CREATE TABLE a (x integer);", "COMMENT ON TABLE a IS 'x; DROP TABLE y; --';",
                          "DO $$BEGIN NULL; END$$;", "CREATE INDEX i ON a (x);", "ALTER TABLE a ADD COLUMN y text;",
                          "SELECT 1;", "COMMIT;"};
    Obj *t2 = model_add(m, sizeof(Table), OBJ_TABLE, "public", NULL, "bystander", (SrcLoc){0});
    Change others = {.op = CHG_CREATE, .kind = OBJ_TABLE, .desired = t2};
    for (int parts = 1; parts <= 9; parts++) {
        CHECK(reparse_script_parts(&a, script(&a, many, 8, &c), parts) == NULL);
        for (int at = 0; at < 8; at++) {
            /* statement `at` smuggles one in, swallows the next (an open
             * quote: at a part's end it is an unterminated string there),
             * or is of another kind than announced */
            const char *bad[8], *swallow[8], *kind[8], *syntax[8];
            for (int k = 0; k < 8; k++)
                bad[k] = swallow[k] = kind[k] = syntax[k] = many[k];
            syntax[at] = "ALTER TABLE x DROP TABLE y;";
            bad[at] = "CREATE TABLE t (a integer); DROP TABLE foobar;";
            swallow[at] = "COMMENT ON TABLE t IS 'x;";
            kind[at] = "CREATE TABLE t AS SELECT 1;";
            Script *sb = script(&a, bad, 8, &others), *ss = script(&a, swallow, 8, &others),
                   *sk = script(&a, kind, 8, &others);
            sb->stmts[at].change = ss->stmts[at].change = sk->stmts[at].change = &c;
            why = reparse_script_parts(&a, sb, parts);
            CHECK(why && strstr(why, "public.victim (table)") && strstr(why, "DROP TABLE foobar"));
            why = reparse_script_parts(&a, ss, parts);
            CHECK(why != NULL);
            why = reparse_script_parts(&a, sk, parts);
            CHECK(why && strstr(why, "one CREATE TABLE statement") && strstr(why, "public.victim"));
            Script *sx = script(&a, syntax, 8, &others);
            sx->stmts[at].change = &c;
            why = reparse_script_parts(&a, sx, parts);
            CHECK(why && strstr(why, "does not parse") && strstr(why, "public.victim"));
        }
    }
    /* a DO body at fault in the last part, on a worker thread */
    const char *late[] = {"BEGIN;", "SELECT 1;", "SELECT 2;", "DO $$BEGIN IF THEN END$$;"};
    why = reparse_script_parts(&a, script(&a, late, 4, &c), 4);
    CHECK(why && strstr(why, "PL/pgSQL") && strstr(why, "public.victim"));

    /* guarded bodies: exactly the statements built */
    CHECK(reparse_guarded_body(&a, "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0);", 1) == NULL);
    CHECK(reparse_guarded_body(&a, "ALTER TABLE t ADD COLUMN b integer; DROP TABLE foobar;", 1) != NULL);
    CHECK(reparse_guarded_body(&a, "ALTER TABLE t ADD COLUMN b integer;\n ALTER TABLE t INHERIT p;", 2) == NULL);
    CHECK(reparse_guarded_body(&a, "ALTER TABLE t ADD COLUMN b integer) ;", 1) != NULL);
    CHECK(reparse_condition(&a, "NOT EXISTS (SELECT 1 FROM pg_class)") == NULL);
    CHECK(reparse_condition(&a, "true; DROP TABLE x") != NULL);

    parse_session_end(ps);
    arena_free(&a);
    return check_report();
}
