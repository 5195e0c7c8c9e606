/*
 * planjson.c — the plan as JSON (`plan --format json`, `plan.json`).
 *
 * An interface other tools read, documented key by key in
 * docs/plan-json.md and versioned by `format_version` (2 since steps were
 * added): keys are only ever added within a version; a key renamed,
 * removed or given another meaning bumps it.  Everything printed here was
 * decided before (diff/: changes, steps, locks, hazards, inverses; the
 * gate: not_allowed; the command: pre-flight results); this file only
 * spells it.  Output is deterministic: the same plan prints the same bytes.
 */
#include "model.h"

#include <stdio.h>
#include <string.h>

void planjson_str(StrBuf *sb, const char *s)
{
    if (!s) {
        sb_puts(sb, "null");
        return;
    }
    sb_putc(sb, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': sb_puts(sb, "\\\""); break;
        case '\\': sb_puts(sb, "\\\\"); break;
        case '\n': sb_puts(sb, "\\n"); break;
        case '\r': sb_puts(sb, "\\r"); break;
        case '\t': sb_puts(sb, "\\t"); break;
        default:
            if (*p < 0x20)
                sb_printf(sb, "\\u%04x", *p);
            else
                sb_putc(sb, (char)*p);
        }
    }
    sb_putc(sb, '"');
}

static void jhazards(StrBuf *sb, unsigned h)
{
    sb_putc(sb, '[');
    int n = 0;
    for (int i = 0; i < HAZ_COUNT; i++)
        if (h & hazard_table[i].bit) {
            sb_puts(sb, n++ ? ", " : "");
            planjson_str(sb, hazard_table[i].name);
        }
    sb_putc(sb, ']');
}

static unsigned union_of(const PtrVec *changes, bool refused)
{
    unsigned h = 0;
    for (int i = 0; i < changes->n; i++) {
        const Change *c = changes->items[i];
        h |= refused ? c->refused : c->hazards;
    }
    return h;
}

static const char *pf_state_name(PreflightState s)
{
    switch (s) {
    case PF_NONE:
    case PF_NOT_RUN: return "not_run";
    case PF_PASSED: return "passed";
    case PF_FAILED: return "failed";
    case PF_TIMEOUT: return "timeout";
    case PF_ERROR: return "error";
    }
    return "not_run";
}

static void step_json(Arena *a, StrBuf *sb, const Step *st)
{
    sb_puts(sb, "{\"sql\": ");
    planjson_str(sb, st->sql);
    if (st->body && st->body != st->sql && strcmp(st->body, st->sql)) {
        sb_puts(sb, ", \"body\": ");
        planjson_str(sb, st->body);
    }
    sb_puts(sb, ", \"locks\": [");
    for (int i = 0; i < st->locks.n; i++) {
        const StepLock *l = st->locks.items[i];
        sb_puts(sb, i ? ", {\"relation\": " : "{\"relation\": ");
        planjson_str(sb, q_qual(a, l->schema, l->name));
        sb_puts(sb, ", \"mode\": ");
        planjson_str(sb, lock_level_name(l->mode));
        sb_putc(sb, '}');
    }
    sb_puts(sb, "], \"lock\": ");
    planjson_str(sb, lock_level_name(st->lock));
    sb_printf(sb, ", \"rewrite\": %s, \"scan\": %s, \"transactional\": %s, \"hazards\": ",
              st->rewrite ? "true" : "false", st->scan ? "true" : "false", st->transactional ? "true" : "false");
    jhazards(sb, st->hazards);
    sb_puts(sb, ", \"preflight\": ");
    if (!st->preflight) {
        sb_puts(sb, "null");
    } else {
        sb_puts(sb, "{\"query\": ");
        planjson_str(sb, st->preflight);
        sb_puts(sb, ", \"what\": ");
        planjson_str(sb, st->preflight_what);
        sb_puts(sb, ", \"state\": ");
        planjson_str(sb, pf_state_name(st->pf_state));
        if (st->pf_state == PF_PASSED || st->pf_state == PF_FAILED)
            sb_printf(sb, ", \"count\": %lld", st->pf_state == PF_PASSED ? 0LL : st->pf_count);
        else
            sb_puts(sb, ", \"count\": null");
        sb_printf(sb, ", \"capped\": %s, \"samples\": [", st->pf_capped ? "true" : "false");
        for (int i = 0; i < st->pf_samples.n; i++) {
            sb_puts(sb, i ? ", " : "");
            planjson_str(sb, st->pf_samples.items[i]);
        }
        sb_puts(sb, "], \"error\": ");
        planjson_str(sb, st->pf_error);
        sb_putc(sb, '}');
    }
    sb_puts(sb, ", \"estimate\": ");
    if (st->est_rows < 0 && st->est_bytes < 0)
        sb_puts(sb, "null");
    else
        sb_printf(sb, "{\"rows\": %.0f, \"bytes\": %lld}", st->est_rows < 0 ? 0.0 : st->est_rows,
                  st->est_bytes < 0 ? 0LL : st->est_bytes);
    sb_putc(sb, '}');
}

static const char *op_word(ChangeOp op)
{
    switch (op) {
    case CHG_CREATE: return "create";
    case CHG_DROP: return "drop";
    case CHG_ALTER: return "alter";
    }
    return "?";
}

/* Position of each change of `list`, by address, for "inverse". */
static StrMap positions(Arena *a, const PtrVec *list)
{
    StrMap m = {0};
    map_reserve(a, &m, (size_t)list->n);
    for (int i = 0; i < list->n; i++)
        map_put(a, &m, arena_printf(a, "%p", list->items[i]), (void *)(intptr_t)(i + 1));
    return m;
}

static void changes_json(Arena *a, StrBuf *sb, const PtrVec *list, const StrMap *other)
{
    for (int i = 0; i < list->n; i++) {
        const Change *c = list->items[i];
        const Obj *obj = c->desired ? c->desired : c->current;
        sb_puts(sb, i ? ",\n    {" : "\n    {");
        sb_puts(sb, "\"op\": ");
        planjson_str(sb, op_word(c->op));
        sb_puts(sb, ", \"kind\": ");
        planjson_str(sb, kind_info[c->kind].name);
        sb_puts(sb, ", \"object\": ");
        planjson_str(sb, obj_display(a, obj));
        sb_puts(sb, ", \"summary\": ");
        planjson_str(sb, c->summary);
        sb_puts(sb, ", \"hazards\": ");
        jhazards(sb, c->hazards);
        sb_puts(sb, ", \"not_allowed\": ");
        jhazards(sb, c->refused);
        sb_puts(sb, ", \"lock\": ");
        planjson_str(sb, lock_level_name(c->lock));
        sb_printf(sb, ", \"transactional\": %s, \"shadow\": ", c->transactional ? "true" : "false");
        if (c->shadow)
            planjson_str(sb, arena_printf(a, "%s.%s", c->shadow->schema, c->shadow->name));
        else
            sb_puts(sb, "null");
        sb_puts(sb, ", \"sql\": [");
        for (int k = 0; k < c->sql.n; k++) {
            sb_puts(sb, k ? ", " : "");
            planjson_str(sb, c->sql.items[k]);
        }
        sb_puts(sb, "],\n     \"steps\": [");
        for (int k = 0; k < c->steps.n; k++) {
            sb_puts(sb, k ? ",\n       " : "\n       ");
            step_json(a, sb, c->steps.items[k]);
        }
        sb_puts(sb, c->steps.n ? "\n     ], \"inverse\": " : "], \"inverse\": ");
        intptr_t at = c->inverse ? (intptr_t)map_get(other, arena_printf(a, "%p", (void *)c->inverse)) : 0;
        if (at)
            sb_printf(sb, "%ld", (long)(at - 1));
        else
            sb_puts(sb, "null");
        sb_putc(sb, '}');
    }
}

void plan_json_write(Arena *a, StrBuf *sb, const MigrationPlan *p, const OutputOpts *o)
{
    sb_puts(sb, "{\n  \"format_version\": 2,\n  \"generator\": ");
    planjson_str(sb, "schemadiff " SCHEMADIFF_VERSION);
    sb_puts(sb, ",\n  \"from\": ");
    planjson_str(sb, o->from_src);
    sb_puts(sb, ",\n  \"to\": ");
    planjson_str(sb, o->to_src);
    sb_puts(sb, ",\n  \"fingerprints\": {\"from\": ");
    planjson_str(sb, output_fingerprint(a, p->current));
    sb_puts(sb, ", \"to\": ");
    planjson_str(sb, output_fingerprint(a, p->desired));
    sb_puts(sb, "},\n  \"hazards\": ");
    jhazards(sb, union_of(&p->changes, false));
    sb_puts(sb, ",\n  \"not_allowed\": ");
    jhazards(sb, union_of(&p->changes, true));
    pending_notes(a, sb, p->current, p->desired, FMT_JSON, false); /* emit/pending.c */
    /* the plan's notes, as the text plan prints them after "Note: " (a
     * table left in place, a column order kept, a new column validation
     * skips, ...); absent when there are none */
    for (int i = 0; i < p->notes.n; i++) {
        sb_puts(sb, i ? ",\n    " : ",\n  \"notes\": [\n    ");
        planjson_str(sb, p->notes.items[i]);
    }
    if (p->notes.n)
        sb_puts(sb, "\n  ]");
    /* the tables whose changes shadow.sql does (diff/shadow.c) */
    sb_puts(sb, ",\n  \"shadow\": [");
    for (int i = 0; i < p->shadowed.n; i++) {
        const ShadowTable *st = p->shadowed.items[i];
        sb_puts(sb, i ? ",\n    {\"table\": " : "\n    {\"table\": ");
        planjson_str(sb, arena_printf(a, "%s.%s", st->schema, st->name));
        sb_puts(sb, ", \"reason\": ");
        planjson_str(sb, st->reason);
        sb_puts(sb, ", \"heavy\": ");
        planjson_str(sb, st->heavy);
        sb_puts(sb, ", \"key\": [");
        for (int k = 0; k < st->key.n; k++) {
            sb_puts(sb, k ? ", " : "");
            planjson_str(sb, st->key.items[k]);
        }
        sb_puts(sb, "], \"shadow_table\": ");
        planjson_str(sb, st->shadow_name);
        sb_puts(sb, ", \"old_table\": ");
        planjson_str(sb, st->old_name);
        if (st->partitioned) { /* becomes partitioned: its partitions, made by prepare */
            sb_puts(sb, ", \"partitions\": [");
            for (int k = 0; k < st->des_parts.n; k++) {
                const Table *pt = st->des_parts.items[k];
                sb_puts(sb, k ? ", " : "");
                planjson_str(sb, arena_printf(a, "%s.%s", pt->obj.schema, pt->obj.name));
            }
            sb_puts(sb, "]");
        }
        sb_printf(sb, ", \"changes\": %d}", st->changes.n);
    }
    sb_puts(sb, p->shadowed.n ? "\n  ]" : "]");
    StrMap fwd = positions(a, &p->changes), back = positions(a, &p->inverse);
    sb_puts(sb, ",\n  \"changes\": [");
    changes_json(a, sb, &p->changes, &back);
    sb_puts(sb, p->changes.n ? "\n  ],\n  \"rollback\": [" : "],\n  \"rollback\": [");
    changes_json(a, sb, &p->inverse, &fwd);
    sb_puts(sb, p->inverse.n ? "\n  ]\n}\n" : "]\n}\n");
}
