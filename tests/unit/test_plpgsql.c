/*
 * test_plpgsql.c — the SQL of PL/pgSQL bodies (parser/plpgsql.c): every
 * statement and expression a body holds comes back as a statement (loop
 * bodies before the loop's query, as libpg_query lists them), the parse
 * context is current again afterwards, and a body that does not parse
 * gives -1.
 */
#include "model.h"
#include "check.h"

/* The body's statements, deparsed, joined with " | ". */
static const char *statements(Arena *a, const char *create_sql, int *n)
{
    PtrVec v = {0};
    void *ctx = pgctx_current();
    *n = plpgsql_body_statements(a, create_sql, &v);
    /* the trees live in the context that was current (deparsing below
     * leaves another one current: schemas/deparse.c) */
    CHECK(pgctx_current() == ctx);
    StrBuf sb;
    sb_init(&sb);
    for (int i = 0; i < v.n; i++)
        sb_printf(&sb, "%s%s", i ? " | " : "", deparse_stmt(a, v.items[i]));
    const char *r = sb.data ? sb_take(&sb, a) : "";
    sb_free(&sb);
    return r;
}

int main(void)
{
    Arena a = {0};
    ParseSession *ps = parse_session_begin();
    int n;

    /* DECLARE default, assignment, IF condition, PERFORM, FOR query, RETURN */
    const char *got = statements(&a,
        "CREATE FUNCTION f(a integer, OUT b integer) LANGUAGE plpgsql AS $$\n"
        "DECLARE x integer := g(a); r record;\n"
        "BEGIN\n"
        "  x := h(a) + 1;\n"
        "  IF k(x) > 0 THEN PERFORM m('it''s'); END IF;\n"
        "  FOR r IN SELECT * FROM app.t LOOP b := r.v; END LOOP;\n"
        "  INSERT INTO log (v) VALUES (x);\n"
        "  EXECUTE 'DROP TABLE ' || 'x';\n"
        "END $$", &n);
    CHECK(n == 8);
    CHECK_STR(got, "SELECT g(a) | SELECT h(a) + 1 | SELECT k(x) > 0 | SELECT m('it''s') | "
                   "SELECT r.v | SELECT * FROM app.t | INSERT INTO log (v) VALUES (x) | "
                   "SELECT 'DROP TABLE ' || 'x'");

    /* a trigger function: NEW and OLD are variables */
    got = statements(&a,
        "CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN NEW.total := price(NEW.qty); UPDATE stock SET n = n - 1; RETURN NEW; END $$", &n);
    CHECK(n == 3);
    CHECK_STR(got, "SELECT price(new.qty) | UPDATE stock SET n = n - 1 | SELECT new");

    /* a procedure */
    got = statements(&a, "CREATE PROCEDURE p() LANGUAGE plpgsql AS $$ BEGIN CALL q(); END $$", &n);
    CHECK(n == 1);
    CHECK_STR(got, "CALL q()");

    /* not PL/pgSQL that parses: nothing */
    got = statements(&a, "CREATE FUNCTION bad() RETURNS void LANGUAGE plpgsql AS $$ BEGIN x y z; END $$", &n);
    CHECK(n == -1);
    CHECK_STR(got, "");

    parse_session_end(ps);
    arena_free(&a);
    return check_report();
}
