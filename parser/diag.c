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

#include <stdarg.h>
#include <string.h>

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
    *line = *col = 0;
    if (!loc.text || loc.offset < 0)
        return;
    if ((size_t)loc.offset > strlen(loc.text))
        loc.offset = (int)strlen(loc.text);
    const char *start = line_start_of(loc, line);
    *col = 1;
    for (const char *p = start; p < loc.text + loc.offset; p++)
        if (((unsigned char)*p & 0xC0) != 0x80)
            (*col)++;
}

int diag_report(const Diags *d, FILE *out)
{
    int worst = 0;
    for (int i = 0; i < d->items.n; i++) {
        const Diag *g = d->items.items[i];
        if (g->code > worst)
            worst = g->code;
        int line, col;
        diag_line_col(g->loc, &line, &col);
        if (g->loc.file && line)
            fprintf(out, "%s:%d:%d: error: %s\n", g->loc.file, line, col, g->message);
        else if (g->loc.file)
            fprintf(out, "%s: error: %s\n", g->loc.file, g->message);
        else
            fprintf(out, "schemadiff: error: %s\n", g->message);
        if (!line)
            continue;
        int l;
        const char *start = line_start_of(g->loc, &l);
        const char *eol = strchr(start, '\n');
        size_t len = eol ? (size_t)(eol - start) : strlen(start);
        if (len && start[len - 1] == '\r')
            len--;
        fprintf(out, "    %.*s\n    ", (int)len, start);
        int c = 1;
        for (const char *p = start; p < start + len && c < col; p++) {
            if (((unsigned char)*p & 0xC0) == 0x80)
                continue;
            fputc(*p == '\t' ? '\t' : ' ', out);
            c++;
        }
        fputs("^\n", out);
    }
    return worst;
}
