/*
 * test_reader.c — the DDL reader's errors: located, collected, never fatal.
 */
#include "model.h"
#include "check.h"

static int read_errors(const char *sql, int *first_line, int *first_col, const char **msg)
{
    Arena a = {0};
    Diags d = {&a, {0}};
    ParseSession *ps = parse_session_begin();
    Model *m = model_new(&a, "desired");
    ddl_init_model(m);
    ddl_read_text(m, "x.sql", sql, &d);
    if (!diag_any(&d))
        ddl_finish(m, &d);
    int n = d.items.n;
    static char buf[256];
    if (n) {
        Diag *g = d.items.items[0];
        diag_line_col(g->loc, first_line, first_col);
        snprintf(buf, sizeof buf, "%s", g->message);
        *msg = buf;
    }
    parse_session_end(ps);
    arena_free(&a);
    return n;
}

/* DDL schemadiff wrote itself (the catalog reader's text of a database)
 * that does not parse: an internal error naming the statement, exit 5,
 * never an input error blamed on the database. */
static int generated_error(const char *sql, int *code, const char **msg)
{
    Arena a = {0};
    Diags d = {&a, {0}};
    ParseSession *ps = parse_session_begin();
    Model *m = model_new(&a, "current");
    ddl_init_model(m);
    ddl_read_generated(m, "postgresql://db", sql, 0, &d);
    int n = d.items.n;
    static char buf[512];
    if (n) {
        Diag *g = d.items.items[0];
        *code = g->code;
        snprintf(buf, sizeof buf, "%s", g->message);
        *msg = buf;
    }
    parse_session_end(ps);
    arena_free(&a);
    return n;
}

/* A generated text read in two parts, as parser/catalog.c reads a
 * database's (the first part a text of its own, then the whole text from
 * where it ends), gives the model and the diagnostics, at the same lines
 * and columns, that reading it whole gives. */
static bool two_parts_same(const char *text, const char *cut, int want_diags)
{
    Arena a = {0};
    ParseSession *ps = parse_session_begin();
    Diags whole_d = {&a, {0}}, first_d = {&a, {0}}, rest_d = {&a, {0}};
    Model *whole = model_new(&a, "current"), *parts = model_new(&a, "current");
    ddl_init_model(whole);
    ddl_init_model(parts);
    size_t from = (size_t)(strstr(text, cut) - text);
    ddl_read_generated(whole, "postgresql://db", text, 0, &whole_d);
    bool ok = ddl_read_generated(parts, "postgresql://db", arena_strndup(&a, text, from), 0, &first_d);
    ok = ddl_read_generated(parts, "postgresql://db", text, from, &rest_d) && ok;
    /* the first part's diagnostics, then the rest's, as parser/catalog.c reports them */
    Diags parts_d = {&a, {0}};
    diag_append(&parts_d, &first_d);
    diag_append(&parts_d, &rest_d);
    ok = ok && whole_d.items.n == want_diags && parts_d.items.n == want_diags;
    for (int i = 0; ok && i < whole_d.items.n; i++) {
        const Diag *w = whole_d.items.items[i], *p = parts_d.items.items[i];
        int wl, wc, pl, pc;
        diag_line_col(w->loc, &wl, &wc);
        diag_line_col(p->loc, &pl, &pc);
        ok = !strcmp(w->message, p->message) && w->code == p->code && wl == pl && wc == pc && wl > 0;
        if (!ok)
            fprintf(stderr, "diagnostic %d: %d:%d %s / %d:%d %s\n", i, wl, wc, w->message, pl, pc, p->message);
    }
    if (ok && !want_diags) {
        ddl_finish(whole, &whole_d);
        ddl_finish(parts, &rest_d);
        model_sort(whole);
        model_sort(parts);
        ok = !diag_any(&whole_d) && !diag_any(&rest_d) &&
             !strcmp(output_fingerprint(&a, whole), output_fingerprint(&a, parts));
    }
    parse_session_end(ps);
    arena_free(&a);
    return ok;
}

int main(void)
{
    int line = 0, col = 0;
    const char *msg = NULL;
    CHECK(read_errors("CREATE TABLE t (a int,,);", &line, &col, &msg) == 1);
    CHECK(line == 1 && col == 23);
    CHECK(read_errors("CREATE TABLE t (a int);\n\nCREATE TYPE b (INPUT = int4in, OUTPUT = int4out);", &line, &col,
                      &msg) == 1);
    CHECK(line == 3 && col == 1);
    CHECK(msg && strstr(msg, "CREATE TYPE (base type)") != NULL);
    /* rules are read; one on a missing table is located */
    CHECK(read_errors("CREATE TABLE t (a int);\nCREATE RULE r AS ON DELETE TO t DO INSTEAD NOTHING;", &line, &col,
                      &msg) == 0);
    CHECK(read_errors("CREATE TABLE t (a int);\nCREATE RULE r AS ON DELETE TO u DO INSTEAD NOTHING;", &line, &col,
                      &msg) == 1);
    CHECK(line == 2 && msg && strstr(msg, "\"public.u\" does not exist") != NULL);
    /* data statements: left out when they cannot change the schema, else
     * located errors naming --load-via-db (parser/datastmt.c) */
    CHECK(read_errors("CREATE TABLE t (a int);\nUPDATE t SET a = 1;", &line, &col, &msg) == 0);
    CHECK(read_errors("CREATE TABLE t (a int);\nUPDATE t SET a = ext_fn(a);", &line, &col, &msg) == 1);
    CHECK(line == 2 && col == 18 && msg && strstr(msg, "--load-via-db") != NULL);
    /* rows (pg_dump --inserts, COPY blocks) are data that a schema read skips */
    CHECK(read_errors("CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);\nCOPY t (a) FROM stdin;\n1\n\\.\n",
                      &line, &col, &msg) == 0);
    CHECK(read_errors("\\connect foo\nCREATE TABLE t (a int);", &line, &col, &msg) == 1);
    CHECK(line == 1 && msg && strstr(msg, "meta-command") != NULL);
    /* pg_dump's \restrict lines are accepted */
    CHECK(read_errors("\\restrict abc\nCREATE TABLE t (a int);\n\\unrestrict abc\n", &line, &col, &msg) == 0);
    /* several errors in one file are all reported */
    CHECK(read_errors("CREATE STATISTICS s ON a, b FROM t;\nCREATE TYPE b (INPUT = int4in, OUTPUT = int4out);",
                      &line, &col, &msg) == 2);
    /* operators are read; a bad one is located */
    CHECK(read_errors("CREATE OPERATOR === (FUNCTION = int4eq, LEFTARG = int, RIGHTARG = int);", &line, &col, &msg) == 0);
    CHECK(read_errors("CREATE TABLE t (a int);\nCREATE OPERATOR === (FUNCTION = int4eq, LEFTARG = int);", &line, &col,
                      &msg) == 1);
    CHECK(line == 2 && msg && strstr(msg, "right argument type must be specified") != NULL);
    CHECK(read_errors("CREATE TYPE b (INPUT = box_in, OUTPUT = box_out);\n"
                      "CREATE OPERATOR === (FUNCTION = int4eq, LEFTARG = int);",
                      &line, &col, &msg) == 2);
    /* range types (their multirange types too), casts and statistics objects are read */
    CHECK(read_errors("CREATE TYPE r AS RANGE (SUBTYPE = int);\nCREATE TABLE t (a int, b r, c r_multirange);\n"
                      "CREATE STATISTICS s ON a, b FROM t;\nALTER STATISTICS s SET STATISTICS 10;\n"
                      "CREATE FUNCTION f(r) RETURNS text AS 'select 1' LANGUAGE sql;\n"
                      "CREATE CAST (r AS text) WITH FUNCTION f(r);\nCOMMENT ON CAST (r AS text) IS 'x';",
                      &line, &col, &msg) == 0);
    CHECK(read_errors("CREATE TABLE t (a int);\nCREATE STATISTICS s ON a, zz FROM t;", &line, &col, &msg) == 1);
    CHECK(line == 2 && msg && strstr(msg, "\"zz\"") != NULL);
    CHECK(read_errors("CREATE TYPE r AS RANGE (SUBTYPE = int, COLOR = red);", &line, &col, &msg) == 1);
    CHECK(msg && strstr(msg, "\"color\" not recognized") != NULL);
    /* aggregates are read; a bad one is located */
    CHECK(read_errors("CREATE AGGREGATE g (int) (SFUNC = int4pl, STYPE = int);", &line, &col, &msg) == 0);
    CHECK(read_errors("CREATE TABLE t (a int);\nCREATE AGGREGATE g (int) (SFUNC = int4pl, STYPEX = int);", &line,
                      &col, &msg) == 1);
    CHECK(line == 2 && msg && strstr(msg, "\"stypex\" not recognized") != NULL);
    /* views, functions, triggers, grants on what the file defines are read */
    CHECK(read_errors("CREATE TABLE t (a int);\nCREATE VIEW v AS SELECT a FROM t;\n"
                      "CREATE FUNCTION f() RETURNS int AS 'select 1' LANGUAGE sql;\nGRANT SELECT ON v TO PUBLIC;",
                      &line, &col, &msg) == 0);
    /* ... and references to what it does not define are errors */
    CHECK(read_errors("GRANT SELECT ON missing TO PUBLIC;", &line, &col, &msg) == 1);
    CHECK(read_errors("COMMENT ON FUNCTION missing() IS 'x';", &line, &col, &msg) == 1);
    CHECK(read_errors("CREATE TRIGGER tr BEFORE INSERT ON missing FOR EACH ROW EXECUTE FUNCTION f();", &line, &col,
                      &msg) == 1);
    /* a vector_dims check that contradicts the column type */
    CHECK(read_errors("CREATE EXTENSION vector;\nCREATE TABLE t (e vector(4) CHECK (vector_dims(e) = 3));",
                      &line, &col, &msg) == 1);
    CHECK(msg && strstr(msg, "vector_dims") != NULL);
    CHECK(read_errors("CREATE EXTENSION vector;\nCREATE TABLE t (e vector(3) CHECK (vector_dims(e) = 3));",
                      &line, &col, &msg) == 0);
    /* references to things that do not exist */
    CHECK(read_errors("CREATE INDEX ON missing (a);", &line, &col, &msg) == 1);
    CHECK(read_errors("CREATE TABLE t (a int REFERENCES nowhere);", &line, &col, &msg) == 1);
    /* the catalog reader's own text: a fault of schemadiff, exit 5 */
    int code = 0;
    /* the catalog's DDL read in two parts (parser/catalog.c) */
    static const char objects[] =
        "CREATE SCHEMA app;\n"
        "CREATE TYPE app.mood AS ENUM ('ok', 'sad');\n"
        "CREATE TABLE app.accounts (id bigint NOT NULL, m app.mood, email text DEFAULT 'caf\xc3\xa9');\n"
        "CREATE TABLE app.orders (id bigint NOT NULL, account_id bigint, total numeric(12,2));\n"
        "CREATE VIEW app.big AS SELECT o.id FROM app.orders o WHERE o.total > 100;\n";
    static const char rest[] =
        "ALTER TABLE app.accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);\n"
        "ALTER TABLE app.orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id);\n"
        "ALTER TABLE app.orders ADD CONSTRAINT orders_account FOREIGN KEY (account_id) REFERENCES app.accounts (id);\n"
        "CREATE INDEX orders_total ON app.orders USING btree (total) WHERE total > 0;\n"
        "COMMENT ON TABLE app.orders IS 'orders';\n"
        "COMMENT ON COLUMN app.accounts.email IS 'where';\n";
    char both[4096];
    snprintf(both, sizeof both, "%s%s", objects, rest);
    CHECK(two_parts_same(both, "ALTER TABLE app.accounts ADD", 0));
    /* an error in each part: both, in order, at their places in the whole */
    snprintf(both, sizeof both, "%sCOMMENT ON TABLE app.nope IS 'x';\n%sCOMMENT ON TABLE app.nope2 IS 'y';\n",
             objects, rest);
    CHECK(two_parts_same(both, "ALTER TABLE app.accounts ADD", 2));
    CHECK(generated_error("CREATE TABLE t (a int);\nCREATE OPERATOR CLASS c FOR TYPE int USING btree FAMILY f AS ;\n"
                          "CREATE TABLE u (a int);\n", &code, &msg) == 1);
    CHECK(code == EXIT_INTERNAL && msg && strstr(msg, "internal error") != NULL &&
          strstr(msg, "CREATE OPERATOR CLASS c FOR TYPE int USING btree FAMILY f AS ;") != NULL &&
          strstr(msg, "CREATE TABLE") == NULL);
    return check_report();
}
