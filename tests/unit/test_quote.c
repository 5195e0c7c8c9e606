/*
 * test_quote.c — the quoting module and PostgreSQL's name rules.
 */
#include "pg.h"
#include "model.h"
#include "check.h"

#include <stdlib.h>

int main(void)
{
    Arena a = {0};
    ParseSession *ps = parse_session_begin();
    CHECK_STR(q_ident(&a, "users"), "users");
    CHECK_STR(q_ident(&a, "user"), "\"user\"");
    CHECK_STR(q_ident(&a, "Order"), "\"Order\"");
    CHECK_STR(q_ident(&a, "a\"b"), "\"a\"\"b\"");
    CHECK_STR(q_ident(&a, "has space"), "\"has space\"");
    CHECK_STR(q_qual(&a, "app", "select"), "app.\"select\"");
    CHECK_STR(q_literal(&a, "it's"), "'it''s'");
    CHECK_STR(q_literal(&a, "back\\slash"), "E'back\\\\slash'");
    CHECK_STR(q_dollar(&a, "x $sd$ y"), "$sd1$x $sd$ y$sd1$");
    /* a body ending in part of the tag would close early */
    CHECK_STR(q_dollar(&a, "SELECT 1 -- $"), "$sd$SELECT 1 -- $$sd$");
    CHECK_STR(q_dollar(&a, "SELECT 1 -- $sd"), "$sd1$SELECT 1 -- $sd$sd1$");
    CHECK_STR(q_dollar(&a, "SELECT 1 -- $s"), "$sd$SELECT 1 -- $s$sd$");
    CHECK_STR(q_dollar(&a, "$sd"), "$sd1$$sd$sd1$");
    CHECK_STR(q_dollar(&a, "$"), "$sd$$$sd$");
    CHECK_STR(q_dollar(&a, ""), "$sd$$sd$");
    CHECK_STR(q_dollar(&a, "x $sd$ $sd1"), "$sd2$x $sd$ $sd1$sd2$");
    /* every body comes back exactly from the lexer */
    const char *bodies[] = {"SELECT 1 -- $", "$", "$$", "$sd", "$sd$", "sd$", "a$sd1", "$sd1$$sd$", "x $sd2$ $sd1 $sd"};
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
        const char *sql = arena_printf(&a, "SELECT %s", q_dollar(&a, bodies[i]));
        PgQueryInternalParsetreeAndError r = pg_query_raw_parse(sql);
        free(r.stderr_buffer);
        CHECK(!r.error && list_length(r.tree) == 1);
        if (!r.error && list_length(r.tree) == 1) {
            SelectStmt *sel = (SelectStmt *)((RawStmt *)linitial(r.tree))->stmt;
            A_Const *c = (A_Const *)((ResTarget *)linitial(sel->targetList))->val;
            CHECK(IsA(c, A_Const) && IsA(&c->val, String));
            CHECK_STR(strVal(&c->val), bodies[i]);
        }
    }

    /* makeObjectName: truncation keeps the label, shortens the longer name */
    CHECK_STR(norm_object_name(&a, "t", "a", "key"), "t_a_key");
    CHECK_STR(norm_object_name(&a, "t", NULL, "pkey"), "t_pkey");
    const char *long1 = "a_very_long_table_name_that_goes_on_and_on_and_on_forever_more";
    const char *n = norm_object_name(&a, long1, "column_name", "fkey");
    CHECK(strlen(n) == 63);
    /* 63 - len("_column_name_fkey") = 46 bytes of the table name survive */
    CHECK(strncmp(n, long1, 46) == 0 && strcmp(n + 46, "_column_name_fkey") == 0);
    CHECK(strncmp(n + strlen(n) - 5, "_fkey", 5) == 0);

    /* sequence defaults */
    SeqOpts o = {.type = "integer"};
    norm_seq_defaults(&o, false, false, false);
    CHECK(o.min == 1 && o.max == 2147483647 && o.start == 1 && o.increment == 1 && o.cache == 1);
    SeqOpts d = {.type = "bigint", .increment = -1};
    norm_seq_defaults(&d, false, false, false);
    CHECK(d.max == -1 && d.start == -1 && d.min == INT64_MIN);
    parse_session_end(ps);
    arena_free(&a);
    return check_report();
}
