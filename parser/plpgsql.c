/*
 * plpgsql.c — the SQL a PL/pgSQL body runs, as parse trees.
 *
 * PostgreSQL records nothing of what a PL/pgSQL function calls or reads:
 * the body is compiled at its first call, so `DROP FUNCTION helper` goes
 * through while `main` still calls it, and `CREATE FUNCTION main` goes
 * through before `helper` exists.  The plan still has to respect those
 * names to be runnable: an index on main(x) built before helper exists
 * fails, and so does a rollback that drops helper while something still
 * runs main.  So the body is read here the way the server reads it:
 * libpg_query's pg_query_parse_plpgsql() compiles the whole CREATE FUNCTION
 * (so parameter names are variables, as they are for the server) and
 * returns the function as JSON, in which every SQL expression or statement
 * the body holds is a `"PLpgSQL_expr":{"query":"..."}` entry: a full
 * statement (`SELECT * FROM t`, `INSERT ...`, `PERFORM f()` already as
 * `SELECT f()`), an expression (`f(x) > 0`, a DECLARE default) or an
 * assignment (`x := f(y)`).  Each is given back to the raw parser as a
 * statement: as it is, else as `SELECT expr`, else as `SELECT` of the
 * right-hand side of the assignment.  Dynamic SQL (EXECUTE of a string) is
 * a string to the parser and names nothing; so is a body that does not
 * parse (the server rejects it anyway).
 *
 * The caller (parser/objects.c) walks the trees with the same walkers as a
 * SQL body and keeps what they find apart from the function's own
 * dependencies: they order the plan where no cycle results (diff/order.c)
 * but never make the function rebuilt.
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>

#include <stdlib.h>
#include <string.h>

/* Parse `sql` as statements; append them to out.  false: it does not parse. */
static bool raw_statements(const char *sql, PtrVec *out, Arena *a)
{
    PgQueryInternalParsetreeAndError res = pg_query_raw_parse(sql);
    free(res.stderr_buffer);
    if (res.error) {
        pg_query_free_error(res.error);
        return false;
    }
    ListCell *lc;
    foreach (lc, res.tree)
        vec_push(a, out, ((RawStmt *)lfirst(lc))->stmt);
    return true;
}

/* Where an assignment's value starts (after `:=` or the first `=` outside
 * quotes), or NULL. */
static const char *assigned_value(const char *q)
{
    char quote = 0;
    for (const char *p = q; *p; p++) {
        if (quote) {
            if (*p == quote)
                quote = 0;
            continue;
        }
        if (*p == '\'' || *p == '"')
            quote = *p;
        else if (p[0] == ':' && p[1] == '=')
            return p + 2;
        else if (p[0] == '=')
            return p + 1;
    }
    return NULL;
}

static void one_query(Arena *a, const char *q, PtrVec *out)
{
    if (raw_statements(q, out, a) || raw_statements(arena_printf(a, "SELECT %s", q), out, a))
        return;
    const char *v = assigned_value(q);
    if (v)
        raw_statements(arena_printf(a, "SELECT %s", v), out, a);
}

char *plpgsql_json_string(Arena *a, const char *p, const char **end)
{
    StrBuf sb;
    sb_init(&sb);
    while (*p && *p != '"') {
        if (*p != '\\') {
            sb_putc(&sb, *p++);
            continue;
        }
        p++;
        switch (*p) {
        case 'n': sb_putc(&sb, '\n'); break;
        case 't': sb_putc(&sb, '\t'); break;
        case 'r': sb_putc(&sb, '\r'); break;
        case 'b': sb_putc(&sb, '\b'); break;
        case 'f': sb_putc(&sb, '\f'); break;
        case 'u': {
            unsigned cp = 0;
            int i = 1;
            for (; i <= 4 && isxdigit((unsigned char)p[i]); i++) {
                char h = (char)tolower((unsigned char)p[i]);
                cp = cp * 16 + (unsigned)(h >= 'a' ? h - 'a' + 10 : h - '0');
            }
            p += i - 1;
            /* control characters only: libpg_query escapes nothing else */
            if (cp < 0x80)
                sb_putc(&sb, (char)cp);
            else
                sb_putc(&sb, ' ');
            break;
        }
        case '\0': p--; break;
        default: sb_putc(&sb, *p); break; /* \" \\ \/ */
        }
        p++;
    }
    *end = *p ? p + 1 : p;
    char *s = sb.data ? sb_take(&sb, a) : arena_strdup(a, "");
    sb_free(&sb);
    return s;
}

int plpgsql_body_statements(Arena *a, const char *create_sql, PtrVec *out)
{
    return plpgsql_body_statements_dyn(a, create_sql, out, NULL);
}

int plpgsql_body_statements_dyn(Arena *a, const char *create_sql, PtrVec *out, bool *dynamic)
{
    void *ctx = pgctx_current();
    PgQueryPlpgsqlParseResult r = pg_query_parse_plpgsql(create_sql);
    pgctx_restore(ctx);
    if (r.error || !r.plpgsql_funcs) {
        pg_query_free_plpgsql_parse_result(r);
        return -1;
    }
    /* EXECUTE, FOR ... IN EXECUTE, OPEN ... FOR EXECUTE: SQL built at run time */
    if (dynamic)
        *dynamic = strstr(r.plpgsql_funcs, "\"PLpgSQL_stmt_dynexecute\"") ||
                   strstr(r.plpgsql_funcs, "\"PLpgSQL_stmt_dynfors\"") ||
                   strstr(r.plpgsql_funcs, "\"dynquery\"");
    static const char key[] = "\"PLpgSQL_expr\":{\"query\":\"";
    int n = 0;
    for (const char *p = strstr(r.plpgsql_funcs, key); p; p = strstr(p, key)) {
        const char *end;
        char *q = plpgsql_json_string(a, p + strlen(key), &end);
        one_query(a, q, out);
        n++;
        p = end;
    }
    pg_query_free_plpgsql_parse_result(r);
    return n;
}
