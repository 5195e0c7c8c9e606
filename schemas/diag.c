/*
 * diag.c — located diagnostics.
 *
 * Errors are collected through a phase (all files are read even after the
 * first error) and printed together, jq/gcc style:
 *
 *   schema/a.sql:3:14: error: syntax error at or near ","
 *       CREATE TABLE t (a int,,);
 *                            ^
 *
 * Locations are byte offsets into the file text (libpg_query node
 * locations are bytes; its error cursor counts characters and is converted
 * by the caller).  Columns are reported in characters, counting a UTF-8
 * sequence once, so the caret lines up with what an editor shows.
 */
#include "model.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- text aliases ------------------------------------------------------------
 * A statement that stands verbatim inside a file (the DDL of a DO block) is
 * parsed on its own, so its locations count from its first byte; its reader
 * then uses a pointer into the file text as its text.  An alias registered
 * here maps that pointer back to the file's start, so line and column are
 * counted in the whole file.  Both reading threads register aliases: a
 * mutex guards the table.  Entries live until the process exits. */
typedef struct Alias {
    const char *alias, *start;
} Alias;

static pthread_mutex_t alias_mu = PTHREAD_MUTEX_INITIALIZER;
static Alias *aliases;
static size_t n_aliases, cap_aliases;

void diag_alias_text(const char *alias, const char *start)
{
    if (alias == start)
        return;
    pthread_mutex_lock(&alias_mu);
    if (n_aliases == cap_aliases) {
        size_t cap = cap_aliases ? cap_aliases * 2 : 64;
        Alias *grown = realloc(aliases, cap * sizeof(Alias));
        if (grown) {
            aliases = grown;
            cap_aliases = cap;
        }
    }
    if (n_aliases < cap_aliases)
        aliases[n_aliases++] = (Alias){alias, start};
    pthread_mutex_unlock(&alias_mu);
}

/* loc with text at the file's start (an alias undone). */
static SrcLoc unalias(SrcLoc loc)
{
    if (!loc.text)
        return loc;
    pthread_mutex_lock(&alias_mu);
    for (size_t i = n_aliases; i-- > 0;)
        if (aliases[i].alias == loc.text) {
            if (loc.offset >= 0)
                loc.offset += (int)(aliases[i].alias - aliases[i].start);
            loc.text = aliases[i].start;
            break;
        }
    pthread_mutex_unlock(&alias_mu);
    return loc;
}

static char *vformat(Arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *msg = arena_alloc(a, (size_t)n + 1);
    vsnprintf(msg, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return msg;
}

void diag_at(Diags *d, int code, SrcLoc loc, const char *fmt, ...)
{
    Diag *g = arena_alloc(d->arena, sizeof(Diag));
    g->code = code;
    g->loc = loc;
    va_list ap;
    va_start(ap, fmt);
    g->message = vformat(d->arena, fmt, ap);
    va_end(ap);
    /* what the file reader cannot model yet, the server can: say how */
    if (code == EXIT_INPUT && loc.file && strstr(g->message, "not supported yet") &&
        !strstr(g->message, "--load-via-db"))
        g->message = arena_printf(d->arena, "%s; --load-via-db reads it through a scratch database", g->message);
    vec_push(d->arena, &d->items, g);
}

void diag_plain(Diags *d, int code, const char *fmt, ...)
{
    Diag *g = arena_alloc(d->arena, sizeof(Diag));
    g->code = code;
    g->loc.offset = -1;
    va_list ap;
    va_start(ap, fmt);
    g->message = vformat(d->arena, fmt, ap);
    va_end(ap);
    vec_push(d->arena, &d->items, g);
}

bool diag_any(const Diags *d)
{
    return d->items.n > 0;
}

void diag_append(Diags *to, const Diags *from)
{
    for (int i = 0; i < from->items.n; i++)
        vec_push(to->arena, &to->items, from->items.items[i]);
    for (int i = 0; i < from->warnings.n; i++)
        vec_push(to->arena, &to->warnings, from->warnings.items[i]);
}

static const char *line_start_of(SrcLoc loc, int *line)
{
    *line = 1;
    const char *start = loc.text;
    for (const char *p = loc.text; p < loc.text + loc.offset; p++)
        if (*p == '\n') {
            (*line)++;
            start = p + 1;
        }
    return start;
}

void diag_line_col(SrcLoc loc, int *line, int *col)
{
    loc = unalias(loc);
    *line = *col = 0;
    if (!loc.text || loc.offset < 0)
        return;
    if ((size_t)loc.offset > strlen(loc.text))
        loc.offset = (int)strlen(loc.text);
    const char *start = line_start_of(loc, line);
    const char *end = loc.text + loc.offset;
    *col = 1;
    for (const char *p = start; p < end; (*col)++) {
        size_t n = diag_utf8_len(p, (size_t)(end - p));
        p += n ? n : 1;
    }
}

/* A character of the shown excerpt: one valid UTF-8 sequence, or one byte
 * that is not part of any (shown as '?', like a control character, so that
 * neither a terminal escape nor a broken sequence reaches the terminal). */
size_t diag_utf8_len(const char *s, size_t avail)
{
    const unsigned char *p = (const unsigned char *)s;
    if (!avail)
        return 0;
    if (p[0] < 0x80)
        return 1;
    size_t n;
    unsigned min;
    unsigned cp;
    if (p[0] >= 0xC2 && p[0] <= 0xDF) {
        n = 2, min = 0x80, cp = p[0] & 0x1F;
    } else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
        n = 3, min = 0x800, cp = p[0] & 0x0F;
    } else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
        n = 4, min = 0x10000, cp = p[0] & 0x07;
    } else {
        return 0;
    }
    if (avail < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

long diag_utf8_invalid(const char *text, size_t len)
{
    for (size_t i = 0; i < len;) {
        if ((unsigned char)text[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = diag_utf8_len(text + i, len - i);
        if (!n)
            return (long)i;
        i += n;
    }
    return -1;
}

/* The excerpt around the caret: a line longer than EXCERPT_WHOLE characters
 * is cut to EXCERPT of them, "..." where cut, so a 50 MB line prints one
 * screen line. */
enum { EXCERPT_WHOLE = 120, EXCERPT = 100, EXCERPT_BEFORE = 50 };

static void put_char(FILE *out, const char *p, size_t n)
{
    if (n == 0 || (n == 1 && (((unsigned char)*p < 0x20 && *p != '\t') || *p == 0x7F)))
        fputc('?', out);
    else
        fwrite(p, 1, n, out);
}

static void print_excerpt(FILE *out, const char *start, size_t len, const char *caret)
{
    /* characters of the line, and the caret's */
    size_t total = 0, at = 0;
    for (const char *p = start; p < start + len; total++) {
        if (p < caret)
            at = total + 1;
        size_t n = diag_utf8_len(p, (size_t)(start + len - p));
        p += n ? n : 1;
    }
    if (caret <= start)
        at = 0;
    size_t from = 0, to = total;
    if (total > EXCERPT_WHOLE) {
        from = at > EXCERPT_BEFORE ? at - EXCERPT_BEFORE : 0;
        to = from + EXCERPT;
        if (to > total) {
            to = total;
            from = total - EXCERPT;
        }
    }
    fputs("    ", out);
    if (from > 0)
        fputs("...", out);
    size_t i = 0;
    const char *p = start;
    StrBuf pad;
    sb_init(&pad);
    for (; p < start + len && i < to; i++) {
        size_t n = diag_utf8_len(p, (size_t)(start + len - p));
        if (i >= from) {
            put_char(out, p, n);
            if (i < at)
                sb_putn(&pad, *p == '\t' ? "\t" : " ", 1);
        }
        p += n ? n : 1;
    }
    if (to < total)
        fputs("...", out);
    fprintf(out, "\n    %s%.*s^\n", from > 0 ? "   " : "", (int)pad.len, pad.len ? pad.data : "");
    sb_free(&pad);
}

static void print_one(FILE *out, const Diag *g, const char *label)
{
    int line, col;
    SrcLoc loc = unalias(g->loc);
    diag_line_col(loc, &line, &col);
    if (loc.file && line)
        fprintf(out, "%s:%d:%d: %s: %s\n", loc.file, line, col, label, g->message);
    else if (loc.file)
        fprintf(out, "%s: %s: %s\n", loc.file, label, g->message);
    else
        fprintf(out, "schemadiff: %s: %s\n", label, g->message);
    if (!line)
        return;
    int l;
    const char *start = line_start_of(loc, &l);
    const char *eol = strchr(start, '\n');
    size_t len = eol ? (size_t)(eol - start) : strlen(start);
    if (len && start[len - 1] == '\r')
        len--;
    const char *caret = loc.text + ((size_t)loc.offset > strlen(loc.text) ? strlen(loc.text) : (size_t)loc.offset);
    print_excerpt(out, start, len, caret > start + len ? start + len : caret);
}

void diag_warn(Diags *d, SrcLoc loc, const char *fmt, ...)
{
    Diag *g = arena_alloc(d->arena, sizeof(Diag));
    g->code = EXIT_OK;
    g->loc = loc;
    va_list ap;
    va_start(ap, fmt);
    g->message = vformat(d->arena, fmt, ap);
    va_end(ap);
    vec_push(d->arena, &d->warnings, g);
}

void diag_flush_warnings(Diags *d, FILE *out)
{
    if (!d)
        return;
    for (int i = 0; i < d->warnings.n; i++)
        print_one(out, d->warnings.items[i], "warning");
    d->warnings.n = 0;
}

int diag_report(const Diags *d, FILE *out)
{
    int worst = 0;
    for (int i = 0; i < d->warnings.n; i++)
        print_one(out, d->warnings.items[i], "warning");
    for (int i = 0; i < d->items.n; i++) {
        const Diag *g = d->items.items[i];
        if (g->code > worst)
            worst = g->code;
        print_one(out, g, "error");
    }
    return worst;
}
