/*
 * pgctx.c — keep the parse session's memory context across libpg_query
 * calls that leave another one current.
 *
 * Parse trees of a run live in its ParseSession context (parser/source.c),
 * which libpg_query keeps current in the thread-local CurrentMemoryContext.
 * Some of its entry points (pg_query_parse_plpgsql) make a context of their
 * own and, when done, switch to TopMemoryContext rather than back to the
 * one that was current, so every tree parsed afterwards would outlive the
 * session.  PostgreSQL's headers declare CurrentMemoryContext a plain global
 * (schemas/pg.h explains why that cannot link), so this file includes none
 * of them and declares it as libpg_query defines it: thread-local.
 */
#include "model.h"

struct MemoryContextData;
extern __thread struct MemoryContextData *CurrentMemoryContext;

void *pgctx_current(void)
{
    return CurrentMemoryContext;
}

void pgctx_restore(void *ctx)
{
    CurrentMemoryContext = ctx;
}
