/*
 * color.c — the text plan for a person at a terminal.
 *
 * `plan` prints its text plan (emit/output.c) for whoever reads standard
 * output.  When that is a terminal (src/main.c decides: isatty, NO_COLOR,
 * `--color auto|always|never`) the same text gets colour and, as its last
 * line, a one-line summary: the counts a person looks for before scrolling
 * up (changes by operation, steps, hazards with the ones not allowed,
 * pre-flight).  Piped, the plan stays plain text, byte for byte what it was,
 * so scripts and goldens never see an escape sequence.
 *
 * Colour is added line by line from the plan's own layout, never by
 * rewriting words: a created object's line green, a dropped one red, an
 * altered one yellow; "NOT ALLOWED" and a pre-flight that would fail bold
 * red, a passed one green; hazards yellow; the step and rollback lines
 * dim.  Only SGR sequences are written, and every coloured span is reset
 * before its line ends.  This file decides nothing about the plan; it reads
 * the fields diff/ filled.
 */
#include "model.h"

#include <string.h>

#define SGR_RESET "\033[0m"
#define SGR_BOLD "\033[1m"
#define SGR_DIM "\033[2m"
#define SGR_RED "\033[31m"
#define SGR_GREEN "\033[32m"
#define SGR_YELLOW "\033[33m"
#define SGR_BOLD_RED "\033[1;31m"

static bool starts(const char *line, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && !memcmp(line, prefix, n);
}

/* Find `word` inside the line (not past len). */
static const char *find_in(const char *line, size_t len, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i + n <= len; i++)
        if (!memcmp(line + i, word, n))
            return line + i;
    return NULL;
}

/* One span of a line in colour `sgr` (none: NULL); nothing for an empty
 * span, and every coloured span is reset at its end. */
static void span(StrBuf *sb, const char *s, size_t n, const char *sgr)
{
    if (!n)
        return;
    if (sgr)
        sb_puts(sb, sgr);
    sb_putn(sb, s, n);
    if (sgr)
        sb_puts(sb, SGR_RESET);
}

/* The line in `base` colour, with the words a reviewer must not miss
 * ("NOT ALLOWED", "WOULD FAIL") in bold red and a "  [hazards]" list in
 * yellow. */
static void colour_line(StrBuf *sb, const char *line, size_t len, const char *base)
{
    const char *marks[] = {"NOT ALLOWED", "WOULD FAIL"};
    size_t i = 0;
    while (i < len) {
        const char *hit = NULL, *word = NULL;
        for (size_t k = 0; k < sizeof marks / sizeof *marks; k++) {
            const char *h = find_in(line + i, len - i, marks[k]);
            if (h && (!hit || h < hit)) {
                hit = h;
                word = marks[k];
            }
        }
        const char *bracket = find_in(line + i, len - i, "  [");
        const char *close = bracket ? memchr(bracket, ']', (size_t)(line + len - bracket)) : NULL;
        if (close && (!hit || bracket < hit)) {
            span(sb, line + i, (size_t)(bracket + 2 - (line + i)), base);
            span(sb, bracket + 2, (size_t)(close + 1 - (bracket + 2)), SGR_YELLOW);
            i = (size_t)(close + 1 - line);
            continue;
        }
        if (!hit) {
            span(sb, line + i, len - i, base);
            break;
        }
        span(sb, line + i, (size_t)(hit - (line + i)), base);
        span(sb, word, strlen(word), SGR_BOLD_RED);
        i = (size_t)(hit - line) + strlen(word);
    }
}

/* The colour of one line of the text plan, by its place in the layout. */
static const char *line_colour(const char *line, size_t len)
{
    if (starts(line, len, "Plan: "))
        return SGR_BOLD;
    if (starts(line, len, "No changes."))
        return SGR_GREEN;
    if (starts(line, len, "Hazards: none"))
        return SGR_GREEN;
    if (starts(line, len, "Hazards: "))
        return SGR_YELLOW;
    if (starts(line, len, "NOT ALLOWED"))
        return SGR_BOLD_RED;
    if (starts(line, len, "  + "))
        return SGR_GREEN;
    if (starts(line, len, "  - "))
        return SGR_RED;
    if (starts(line, len, "  ~ "))
        return SGR_YELLOW;
    const char *t = line;
    while (t < line + len && *t == ' ')
        t++;
    size_t rest = (size_t)(line + len - t);
    if (t > line && starts(t, rest, "Pre-flight: passed"))
        return SGR_GREEN;
    if (t > line && starts(t, rest, "Pre-flight: WOULD FAIL"))
        return SGR_BOLD_RED;
    if (t - line >= 6)
        return SGR_DIM; /* a step, its pre-flight, its rollback */
    return NULL;
}

const char *color_summary(Arena *a, const MigrationPlan *p)
{
    if (!p->changes.n)
        return "schemadiff: no changes";
    int create = 0, alter = 0, drop = 0, steps = 0, refused = 0, pf_failed = 0;
    unsigned hazards = 0, refused_bits = 0;
    for (int i = 0; i < p->changes.n; i++) {
        const Change *c = p->changes.items[i];
        create += c->op == CHG_CREATE;
        alter += c->op == CHG_ALTER;
        drop += c->op == CHG_DROP;
        steps += c->steps.n;
        hazards |= c->hazards;
        refused_bits |= c->refused;
        refused += c->refused != 0;
        pf_failed += c->pf_failed;
    }
    StrBuf sb;
    sb_init(&sb);
    sb_printf(&sb, "schemadiff: %d change%s (%d create, %d alter, %d drop), %d step%s; hazards: %s", p->changes.n,
              p->changes.n == 1 ? "" : "s", create, alter, drop, steps, steps == 1 ? "" : "s",
              hazards ? hazard_names(a, hazards) : "none");
    if (refused)
        sb_printf(&sb, "; NOT ALLOWED: %s", hazard_names(a, refused_bits));
    if (pf_failed)
        sb_printf(&sb, "; pre-flight: %d step%s WOULD FAIL", pf_failed, pf_failed == 1 ? "" : "s");
    else if (p->preflight_note)
        sb_printf(&sb, "; pre-flight: %s", p->preflight_note);
    char *r = sb_take(&sb, a);
    sb_free(&sb);
    return r;
}

const char *color_text_plan(Arena *a, const char *text, const MigrationPlan *p, bool colour)
{
    StrBuf sb;
    sb_init(&sb);
    for (const char *q = text; q && *q;) {
        const char *nl = strchr(q, '\n');
        size_t len = nl ? (size_t)(nl - q) : strlen(q);
        if (colour && len)
            colour_line(&sb, q, len, line_colour(q, len));
        else
            sb_putn(&sb, q, len);
        sb_putc(&sb, '\n');
        q += len + (nl != NULL);
    }
    const char *summary = color_summary(a, p);
    if (!p->changes.n) { /* "No changes." says it all */
        char *r = sb_take(&sb, a);
        sb_free(&sb);
        return r;
    }
    sb_putc(&sb, '\n');
    if (colour) {
        colour_line(&sb, summary, strlen(summary), SGR_BOLD);
    } else {
        sb_puts(&sb, summary);
    }
    sb_putc(&sb, '\n');
    char *r = sb_take(&sb, a);
    sb_free(&sb);
    return r;
}
