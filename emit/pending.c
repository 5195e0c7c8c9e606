/*
 * pending.c — the note that a shadow cleanup is pending, as plan, verify
 * and dump print it.
 *
 * Between a shadow table's cutover and its cleanup the catalog reader
 * leaves the retained old table out of the model (parser/catalog_own.c)
 * and records it in Model.shadow_pending.  A plan or verify that is empty
 * then must not look like a database holding nothing more: each pending
 * cleanup gets one note, the same words in every format, naming the table,
 * the old table kept and the call that drops it:
 *
 *   shadow cleanup pending for public.orders (old table public.orders_sdold
 *   kept with reverse sync; run CALL schemadiff.cleanup('public.orders',
 *   confirm => 'drop public.orders_sdold'))
 *
 * Text and markdown plans end with "Note: ..." lines; plan.json has a list
 * `shadow_cleanup_pending` (only when there is one: docs/plan-json.md);
 * verify's JSON adds one object a line {"note": ..., "table": ...}; dump
 * prints the notes on standard error, its output staying pure DDL.  Only
 * tables of the schemas the run selects (--schema, --exclude-schema) are
 * mentioned.  Names are quoted as everywhere (schemas/quote.c).
 */
#include "model.h"

#include <string.h>

/* The pending cleanups of the plan's models (a database may be either
 * side), in the schemas the run selects. */
static void collect(const Model *m, PtrVec *out, Arena *a)
{
    if (!m)
        return;
    for (int i = 0; i < m->shadow_pending.n; i++) {
        const ShadowPending *p = m->shadow_pending.items[i];
        if (filter_selects(m->filter, p->schema))
            vec_push(a, out, (void *)p);
    }
}

static const char *cleanup_call(Arena *a, const ShadowPending *p)
{
    const char *t = q_qual(a, p->schema, p->table), *old = q_qual(a, p->old_schema, p->old_name);
    return arena_printf(a, "CALL " SD_OWN_SCHEMA ".cleanup(%s, confirm => %s)", q_literal(a, t),
                        q_literal(a, arena_printf(a, "drop %s", old)));
}

static const char *note(Arena *a, const ShadowPending *p)
{
    if (p->status && strcmp(p->status, "cutover") != 0)
        return arena_printf(a, "shadow table %s for %s in progress (status %s; shadow.sql goes on from there, or "
                               "%s abandons it)",
                            q_qual(a, p->old_schema, p->old_name), q_qual(a, p->schema, p->table), p->status,
                            cleanup_call(a, p));
    return arena_printf(a, "shadow cleanup pending for %s (old table %s kept with reverse sync; run %s)",
                        q_qual(a, p->schema, p->table), q_qual(a, p->old_schema, p->old_name), cleanup_call(a, p));
}

/* The fields both JSON shapes share (verify's line and plan.json's key);
 * the sentence goes under `note_key`. */
static void json_fields(Arena *a, StrBuf *sb, const ShadowPending *p, const char *note_key)
{
    sb_puts(sb, "\"table\": ");
    planjson_str(sb, q_qual(a, p->schema, p->table));
    sb_puts(sb, ", \"old_table\": ");
    planjson_str(sb, q_qual(a, p->old_schema, p->old_name));
    sb_puts(sb, ", \"cleanup\": ");
    planjson_str(sb, cleanup_call(a, p));
    sb_printf(sb, ", \"%s\": ", note_key);
    planjson_str(sb, note(a, p));
}

void pending_notes(Arena *a, StrBuf *sb, const Model *current, const Model *desired, OutFormat fmt, bool drift)
{
    PtrVec v = {0};
    collect(current, &v, a);
    if (desired != current)
        collect(desired, &v, a);
    if (!v.n)
        return;
    switch (fmt) {
    case FMT_JSON:
        if (drift) {
            for (int i = 0; i < v.n; i++) {
                sb_puts(sb, "{\"note\": \"shadow cleanup pending\", ");
                json_fields(a, sb, v.items[i], "detail");
                sb_puts(sb, "}\n");
            }
        } else {
            /* a plan.json key: ",\n  \"shadow_cleanup_pending\": [...]" */
            sb_puts(sb, ",\n  \"shadow_cleanup_pending\": [");
            for (int i = 0; i < v.n; i++) {
                sb_puts(sb, i ? ",\n    {" : "\n    {");
                json_fields(a, sb, v.items[i], "note");
                sb_putc(sb, '}');
            }
            sb_puts(sb, "\n  ]");
        }
        break;
    case FMT_MARKDOWN:
    case FMT_TEXT:
        sb_putc(sb, '\n');
        for (int i = 0; i < v.n; i++)
            sb_printf(sb, "Note: %s\n", note(a, v.items[i]));
        break;
    case FMT_SQL:
        break; /* migration.sql: the plan's files say it */
    }
}

void pending_report(Arena *a, const Model *m, FILE *out)
{
    PtrVec v = {0};
    collect(m, &v, a);
    for (int i = 0; i < v.n; i++)
        fprintf(out, "schemadiff: note: %s\n", note(a, v.items[i]));
}
