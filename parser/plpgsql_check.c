/*
 * plpgsql_check.c — libpg_query's PL/pgSQL compiler, called without losing the
 * run's memory context.
 *
 * pg_query_parse_plpgsql() enters a memory context of its own and, when it
 * leaves it, switches to libpg_query's top context rather than back to the
 * one that was current: the run's ParseSession context, where every parse
 * tree of the model is allocated (parser/source.c).  Later raw parses would
 * then allocate outside the session.  The current context is saved and
 * restored around the call here, through schemas/pgctx.c.
 */
#include "model.h"

#include <pg_query.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

const char *plpgsql_compile_error(Arena *a, const char *stmt_sql, int *line)
{
    *line = 0;
    void *saved = pgctx_current();
#if defined(__SANITIZE_ADDRESS__)
    /* libpg_query 15 does not free its copy of the parser's stderr when a
     * function fails to compile (one byte per error): not ours to report */
    __lsan_disable();
#endif
    PgQueryPlpgsqlParseResult res = pg_query_parse_plpgsql(stmt_sql);
#if defined(__SANITIZE_ADDRESS__)
    __lsan_enable();
#endif
    pgctx_restore(saved);
    const char *msg = NULL;
    if (res.error) {
        msg = arena_strdup(a, res.error->message);
        /* "compilation of PL/pgSQL function "f" near line 3" */
        const char *ctx = res.error->context;
        const char *near = ctx ? strstr(ctx, " near line ") : NULL;
        if (near)
            *line = atoi(near + strlen(" near line "));
    }
    pg_query_free_plpgsql_parse_result(res);
    return msg;
}
