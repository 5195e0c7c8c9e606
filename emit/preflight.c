/*
 * preflight.c — the pre-flight result of a step, as people read it.
 *
 * diff/preflight.c gives a step that existing rows can make fail a query
 * and a phrase for what it finds ("rows where email IS NULL");
 * parser/pfrun.c runs it against a live current side.  This file only
 * prints what they decided, in one line per step, for the plan text and
 * markdown (and whoever prints steps: the SQL comments of a migration):
 *
 *   Pre-flight: WOULD FAIL: 3 rows where email IS NULL, e.g. 1, 7, 9
 *   Pre-flight: WOULD FAIL: at least 1000 rows where ..., e.g. ...
 *   Pre-flight: passed (no rows where email IS NULL)
 *   Pre-flight: not run (files as the current side): rows where email IS NULL
 *   Pre-flight: timed out, not checked (warning): rows where ...: <server message>
 *   Pre-flight: could not run, not checked (warning): rows where ...: <server message>
 *
 * Sample keys are data from the database: each is shown on one line (control
 * characters as spaces) and cut at 60 characters.
 */
#include "model.h"

#include <string.h>

/* A sample as printed: one line, at most 60 characters (UTF-8 aware). */
static const char *sample_text(Arena *a, const char *s)
{
    if (!s)
        return "NULL";
    StrBuf sb;
    sb_init(&sb);
    int chars = 0;
    const char *p = s;
    for (; *p && chars < 60; chars++) {
        size_t n = diag_utf8_len(p, strlen(p));
        if (!n) {
            sb_putc(&sb, '?');
            p++;
            continue;
        }
        if (n == 1 && ((unsigned char)*p < 0x20 || *p == 0x7f))
            sb_putc(&sb, ' ');
        else
            sb_putn(&sb, p, n);
        p += n;
    }
    if (*p)
        sb_puts(&sb, "...");
    char *r = sb_take(&sb, a);
    sb_free(&sb);
    return r ? r : "";
}

/* "3 rows where ...", "1 row where ...", "at least 1000 duplicate values ...". */
static const char *counted(Arena *a, const Step *st)
{
    const char *what = st->preflight_what ? st->preflight_what : "rows";
    if (st->pf_count == 1 && !st->pf_capped) {
        if (!strncmp(what, "rows", 4))
            what = arena_printf(a, "row%s", what + 4);
        else if (!strncmp(what, "duplicate values", 16))
            what = arena_printf(a, "duplicate value%s", what + 16);
        else if (!strncmp(what, "duplicate or NULL values", 24))
            what = arena_printf(a, "duplicate or NULL value%s", what + 24);
    }
    return arena_printf(a, "%s%lld %s", st->pf_capped ? "at least " : "", st->pf_count, what);
}

const char *preflight_found(Arena *a, const Step *st)
{
    StrBuf sb;
    sb_init(&sb);
    sb_puts(&sb, counted(a, st));
    for (int i = 0; i < st->pf_samples.n && i < 5; i++) /* five samples at most, however many are kept */
        sb_printf(&sb, "%s%s", i ? ", " : ", e.g. ", sample_text(a, st->pf_samples.items[i]));
    char *r = sb_take(&sb, a);
    sb_free(&sb);
    return r;
}

static const char *first_line(Arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strcspn(s, "\n")) : "";
}

const char *preflight_describe(Arena *a, const Step *st)
{
    if (!st->preflight || st->pf_state == PF_NONE)
        return NULL;
    const char *what = st->preflight_what ? st->preflight_what : "rows that make it fail";
    switch (st->pf_state) {
    case PF_NONE:
        break;
    case PF_NOT_RUN:
        return arena_printf(a, "Pre-flight: not run%s%s%s: %s", st->pf_reason ? " (" : "",
                            st->pf_reason ? st->pf_reason : "", st->pf_reason ? ")" : "", what);
    case PF_PASSED:
        return arena_printf(a, "Pre-flight: passed (no %s)", what);
    case PF_FAILED:
        return arena_printf(a, "Pre-flight: WOULD FAIL: %s", preflight_found(a, st));
    case PF_TIMEOUT:
        return arena_printf(a, "Pre-flight: timed out, not checked (warning): %s: %s", what,
                            first_line(a, st->pf_error));
    case PF_ERROR:
        return arena_printf(a, "Pre-flight: could not run, not checked (warning): %s: %s", what,
                            first_line(a, st->pf_error));
    }
    return NULL;
}
