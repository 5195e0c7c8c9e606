/*
 * quote.c — the one quoting module.
 *
 * Every name and literal that reaches generated SQL passes through here.
 * Identifiers use libpg_query's own quote_identifier(), which knows the
 * keyword list of the grammar we parse with: bare when lower-case and not a
 * reserved word, else double-quoted with embedded quotes doubled.  Literals
 * are standard-conforming strings ('' doubling); a literal holding a
 * backslash is written E'...' with the backslashes doubled too, so it reads
 * the same whatever standard_conforming_strings is.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

const char *q_ident(Arena *a, const char *name)
{
    const char *q = quote_identifier(name);
    const char *r = arena_strdup(a, q);
    if (q != name)
        pfree((void *)q);
    return r;
}

const char *q_qual(Arena *a, const char *schema, const char *name)
{
    if (!schema)
        return q_ident(a, name);
    return arena_printf(a, "%s.%s", q_ident(a, schema), q_ident(a, name));
}

const char *q_literal(Arena *a, const char *s)
{
    StrBuf sb;
    sb_init(&sb);
    if (strchr(s, '\\'))
        sb_putc(&sb, 'E');
    sb_putc(&sb, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '\'' || *p == '\\')
            sb_putc(&sb, *p);
        sb_putc(&sb, *p);
    }
    sb_putc(&sb, '\'');
    char *r = sb_take(&sb, a);
    sb_free(&sb);
    return r;
}

const char *q_qual_literal(Arena *a, const char *schema, const char *name)
{
    return q_literal(a, q_qual(a, schema, name));
}

const char *q_dollar(Arena *a, const char *body)
{
    const char *tag = "$sd$";
    for (int i = 1; strstr(body, tag); i++)
        tag = arena_printf(a, "$sd%d$", i);
    return arena_printf(a, "%s%s%s", tag, body, tag);
}
