/*
 * steps.c — a plan's steps and inverse links as people read them.
 *
 * One short line per statement for migration.sql, rollback.sql, the text
 * and the markdown plan: the lock mode it takes on each relation (grouped
 * by mode, strongest first; "none" when it locks no relation or only ones
 * the plan creates), whether it rewrites or scans a table, its hazards and
 * the table's estimated size when it rewrites or scans one (the pre-flight
 * line under a step is emit/preflight.c's).  The fields are filled
 * by diff/ (classification, pre-flight) before anything is printed; this
 * file decides nothing, it only spells them.
 */
#include "model.h"

#include <stdio.h>
#include <string.h>

static const char *rel_name(Arena *a, const StepLock *l)
{
    return l->schema ? arena_printf(a, "%s.%s", l->schema, l->name) : l->name;
}

/* The relation of the step's strongest lock (what a rewrite or scan
 * reads), NULL when it locks none. */
static const char *main_relation(Arena *a, const Step *s)
{
    const StepLock *best = NULL;
    for (int i = 0; i < s->locks.n; i++) {
        const StepLock *l = s->locks.items[i];
        if (!best || l->mode > best->mode)
            best = l;
    }
    return best ? rel_name(a, best) : NULL;
}

const char *steps_size_text(Arena *a, long long bytes)
{
    if (bytes < 10 * 1024)
        return arena_printf(a, "%lld bytes", bytes);
    if (bytes < 10ll * 1024 * 1024)
        return arena_printf(a, "%lld kB", bytes / 1024);
    if (bytes < 10ll * 1024 * 1024 * 1024)
        return arena_printf(a, "%lld MB", bytes / (1024 * 1024));
    return arena_printf(a, "%lld GB", bytes / (1024ll * 1024 * 1024));
}

const char *steps_describe(Arena *a, const Step *s)
{
    StrBuf sb;
    sb_init(&sb);
    sb_puts(&sb, "lock: ");
    int shown = 0;
    /* grouped by mode, strongest first */
    for (int m = LOCK_ACCESS_EXCLUSIVE; m > LOCK_NONE; m--) {
        int n = 0;
        for (int i = 0; i < s->locks.n; i++) {
            const StepLock *l = s->locks.items[i];
            if ((int)l->mode != m)
                continue;
            if (!n++)
                sb_printf(&sb, "%s%s on ", shown ? ", " : "", lock_level_name((LockLevel)m));
            else
                sb_puts(&sb, ", ");
            sb_puts(&sb, rel_name(a, l));
            shown++;
        }
    }
    if (!shown)
        sb_puts(&sb, "none");
    const char *rel = main_relation(a, s);
    if (s->rewrite)
        sb_printf(&sb, "; rewrites%s%s", rel ? " " : "", rel ? rel : " a table");
    if (s->scan)
        sb_printf(&sb, "; scans%s%s", rel ? " " : "", rel ? rel : " a table");
    if (s->hazards)
        sb_printf(&sb, "; hazards: %s", hazard_names(a, s->hazards));
    if ((s->rewrite || s->scan) && (s->est_rows >= 0 || s->est_bytes >= 0)) { /* what the rewrite or scan reads */
        sb_puts(&sb, "; table:");
        if (s->est_rows >= 0)
            sb_printf(&sb, " ~%.0f rows", s->est_rows);
        if (s->est_bytes >= 0)
            sb_printf(&sb, "%s%s", s->est_rows >= 0 ? ", " : " ", steps_size_text(a, s->est_bytes));
    }
    if (!s->transactional && (s->locks.n || s->rewrite || s->scan || s->hazards))
        sb_puts(&sb, "; outside a transaction");
    char *r = sb_take(&sb, a);
    sb_free(&sb);
    return r;
}

StrMap steps_positions(Arena *a, const PtrVec *changes)
{
    StrMap m = {0};
    map_reserve(a, &m, (size_t)changes->n);
    for (int i = 0; i < changes->n; i++)
        map_put(a, &m, arena_printf(a, "%p", changes->items[i]), (void *)(intptr_t)(i + 1));
    return m;
}

int steps_position(Arena *a, const StrMap *positions, const Change *c)
{
    return c ? (int)(intptr_t)map_get(positions, arena_printf(a, "%p", (const void *)c)) : 0;
}
