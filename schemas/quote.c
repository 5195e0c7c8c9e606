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
    const char *qs = quote_identifier(schema), *qn = quote_identifier(name);
    size_t ls = strlen(qs), ln = strlen(qn);
    char *r = arena_alloc(a, ls + ln + 2);
    memcpy(r, qs, ls);
    r[ls] = '.';
    memcpy(r + ls + 1, qn, ln + 1);
    if (qs != schema)
        pfree((void *)qs);
    if (qn != name)
        pfree((void *)qn);
    return r;
}

void sb_quote_ident(StrBuf *sb, const char *name)
{
    const char *q = quote_identifier(name);
    sb_puts(sb, q);
    if (q != name)
        pfree((void *)q);
}

void sb_quote_literal(StrBuf *sb, const char *s)
{
    if (strchr(s, '\\'))
        sb_putc(sb, 'E');
    sb_putc(sb, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '\'' || *p == '\\')
            sb_putc(sb, *p);
        sb_putc(sb, *p);
    }
    sb_putc(sb, '\'');
}

const char *q_literal(Arena *a, const char *s)
{
    StrBuf sb;
    sb_init(&sb);
    sb_quote_literal(&sb, s);
    char *r = sb_take(&sb, a);
    sb_free(&sb);
    return r;
}

const char *q_qual_literal(Arena *a, const char *schema, const char *name)
{
    return q_literal(a, q_qual(a, schema, name));
}

/* The lexer ends a dollar-quoted string at the first occurrence of its tag
 * after the opening one, so the tag must not occur in body + tag anywhere
 * but at the very end: a body ending in `$sd` (or `$`, with tag `$$`)
 * would otherwise close early.  The opening tag always ends at its second
 * `$`, whatever the body starts with. */
static bool tag_fits(const char *body, size_t blen, const char *tag)
{
    if (strstr(body, tag))
        return false;
    size_t tlen = strlen(tag);
    /* an occurrence straddling the end of the body and the closing tag */
    for (size_t k = 1; k < tlen && k <= blen; k++)
        if (!strncmp(body + blen - k, tag, k) && !strncmp(tag + k, tag, tlen - k))
            return false;
    return true;
}

const char *q_dollar(Arena *a, const char *body)
{
    size_t blen = strlen(body);
    const char *tag = "$sd$";
    for (int i = 1; !tag_fits(body, blen, tag); i++)
        tag = arena_printf(a, "$sd%d$", i);
    return arena_printf(a, "%s%s%s", tag, body, tag);
}

const char *q_suffixed(Arena *a, const char *name, const char *suffix)
{
    size_t room = 63 - strlen(suffix), n = strlen(name);
    if (n > room) {
        n = room;
        /* never cut inside a UTF-8 sequence */
        while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80)
            n--;
    }
    return arena_printf(a, "%.*s%s", (int)n, name, suffix);
}
