/*
 * copydata.c — pg_dump's COPY ... FROM stdin data blocks, found by statement.
 *
 * A dump holds table rows as `COPY t (a, b) FROM stdin;` followed by data
 * lines up to a line `\.`.  The rows are data, not schema, and are not SQL:
 * they are blanked (same length, newlines kept, so every location stays
 * right) before the file is parsed.  A block starts only after a real COPY
 * ... FROM stdin *statement*, never at a line that merely looks like one
 * inside a string, a comment or a dollar-quoted body: statement boundaries
 * come from libpg_query itself.
 *
 * The text from `pos` on is parsed; the rows of the first block stop that
 * parse with an error (or, rarely, parse as SQL).  Either way the first
 * COPY ... FROM stdin statement before that point is found (the parse tree
 * when it succeeded; libpg_query's scanner split of the text before the
 * error otherwise), its rows are blanked, and the search goes on after the
 * block's `\.`.  An error with no such statement before it is a real one,
 * left for the reader's own parse to report.  Each stretch of text is
 * parsed about twice, so a dump costs a few parses, never one per line.
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* libpg_query's cursor counts characters from 1; a byte offset into s. */
static size_t cursor_to_byte(const char *s, int cursorpos)
{
    const char *p = s;
    for (int chars = 1; *p && chars < cursorpos; chars++) {
        p++;
        while (((unsigned char)*p & 0xC0) == 0x80)
            p++;
    }
    return (size_t)(p - s);
}

static bool is_copy_from_stdin(const Node *n)
{
    return n && IsA(n, CopyStmt) && ((const CopyStmt *)n)->is_from && !((const CopyStmt *)n)->filename &&
           !((const CopyStmt *)n)->is_program;
}


/* End (relative to s) of the first COPY ... FROM stdin statement in s, or
 * -1 when the text up to the first parse error holds none. */
static long first_copy_end(const char *s)
{
    PgQueryInternalParsetreeAndError r = pg_query_raw_parse(s);
    free(r.stderr_buffer);
    long end = -1;
    if (!r.error) {
        ListCell *lc;
        foreach (lc, r.tree) {
            RawStmt *rs = lfirst(lc);
            if (is_copy_from_stdin(rs->stmt)) {
                end = rs->stmt_len ? rs->stmt_location + rs->stmt_len : (long)strlen(s);
                break;
            }
        }
        return end;
    }
    size_t err = cursor_to_byte(s, r.error->cursorpos);
    pg_query_free_error(r.error);
    /* The first COPY ... FROM stdin's rows are what the parse stopped at,
     * so that COPY is the last statement of the text before the error's
     * line: parse that text alone; when its last statement is such a COPY,
     * the rows start on the error's line. */
    size_t nl = err;
    while (nl > 0 && s[nl - 1] != '\n')
        nl--;
    if (nl == 0)
        return -1;
    char *prefix = strndup(s, nl);
    if (!prefix)
        abort();
    PgQueryInternalParsetreeAndError pr = pg_query_raw_parse(prefix);
    free(pr.stderr_buffer);
    if (pr.error)
        pg_query_free_error(pr.error);
    else if (pr.tree && is_copy_from_stdin(((RawStmt *)llast(pr.tree))->stmt))
        end = (long)nl - 1; /* the line break before the rows */
    free(prefix);
    return end;
}

void copydata_blank(char *buf)
{
    /* no COPY ... FROM stdin without the word: most files are not parsed
     * here (found by its first letter: strncasecmp() at every byte of a
     * 13 MB schema was 4% of its plan) */
    const char *w = buf;
    while ((w = strpbrk(w, "sS")) && strncasecmp(w, "stdin", 5) != 0)
        w++;
    if (!w)
        return;
    size_t pos = 0;
    for (;;) {
        long end = first_copy_end(buf + pos);
        if (end < 0)
            return;
        /* the rows start on the line after the statement's semicolon */
        char *p = buf + pos + end, *q = p;
        /* the end may stand before the ';' (the parser's length) or after
         * it (the scanner's): step over the ';' only, never over the line
         * break after it, or an empty block's `\.` would be taken for a row */
        while (isspace((unsigned char)*q))
            q++;
        if (*q == ';')
            p = q + 1;
        p = strchr(p, '\n');
        if (!p)
            return;
        p++;
        while (*p) {
            char *eol = strchr(p, '\n');
            size_t len = eol ? (size_t)(eol - p) : strlen(p);
            bool last = len >= 2 && p[0] == '\\' && p[1] == '.' && (len == 2 || (len == 3 && p[2] == '\r'));
            memset(p, ' ', len);
            p = eol ? eol + 1 : p + len;
            if (last)
                break;
        }
        pos = (size_t)(p - buf);
    }
}
