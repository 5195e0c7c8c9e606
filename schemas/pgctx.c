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
 *
 * Scratch contexts (pgctx_temp_begin/end) hold what deparsing and the
 * re-parse checks allocate: their results are copied into arenas, so the
 * trees, protobuf copies and re-parsed statements are freed at once
 * instead of living in the session until the run ends.
 */
#include "model.h"

struct MemoryContextData;
extern __thread struct MemoryContextData *CurrentMemoryContext;
/* libpg_query's exports (utils/memutils.h, which cannot be included here) */
struct MemoryContextData *AllocSetContextCreateInternal(struct MemoryContextData *parent, const char *name,
                                                        size_t minContextSize, size_t initBlockSize,
                                                        size_t maxBlockSize);
void MemoryContextDelete(struct MemoryContextData *context);
void MemoryContextReset(struct MemoryContextData *context);
extern __thread struct MemoryContextData *TopMemoryContext;

static __thread struct MemoryContextData *memo;

void *pgctx_current(void)
{
    return CurrentMemoryContext;
}

void pgctx_restore(void *ctx)
{
    CurrentMemoryContext = ctx;
}

void *pgctx_temp_begin(void **saved)
{
    *saved = CurrentMemoryContext;
    void *t = pgctx_child_new("schemadiff scratch");
    CurrentMemoryContext = t;
    return t;
}

void pgctx_temp_end(void *saved, void *temp)
{
    CurrentMemoryContext = saved;
    pgctx_child_delete(temp);
}

void *pgctx_child_new(const char *name)
{
    /* ALLOCSET_DEFAULT_SIZES: such contexts are recycled from AllocSet's
     * free list, so making one per deparse costs next to nothing */
    return AllocSetContextCreateInternal(CurrentMemoryContext, name, 0, 8 * 1024, 8 * 1024 * 1024);
}

void *pgctx_child_whole(const char *name)
{
    /* a minimum size other than 0 keeps AllocSet from putting the context
     * on its free list when it is deleted: its first block is freed too */
    return AllocSetContextCreateInternal(CurrentMemoryContext, name, 8 * 1024, 8 * 1024, 8 * 1024 * 1024);
}

void pgctx_child_delete(void *ctx)
{
    MemoryContextDelete(ctx);
}

void *pgctx_memo(void)
{
    /* libpg_query's thread-exit handler deletes the top context, and this
     * with it; a thread that has not called libpg_query yet has none */
    if (!memo && TopMemoryContext)
        memo = AllocSetContextCreateInternal(TopMemoryContext, "schemadiff memo", 0, 8 * 1024, 1024 * 1024);
    return memo;
}

void pgctx_memo_reset(void)
{
    if (memo)
        MemoryContextReset(memo);
}
