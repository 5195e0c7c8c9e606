/*
 * test_rawparse.c — parser/rawparse.c: a large text parsed in two halves on
 * two threads gives exactly one parse's result.
 *
 * Each text is over the split size.  ddl_raw_parse() is compared with
 * pg_query_raw_parse() of the same text: the statements' trees as protobuf
 * (every node and every location in it), their stmt_location and stmt_len,
 * or the same error at the same cursor position.  That the halves were
 * really parsed apart is seen from where the trees live: the first and the
 * last statement in different memory contexts.
 */
#include "pg.h"
#include "model.h"
#include "check.h"
#include "utils/memutils.h"

#include <string.h>

static const char *parse_whole(const char *text, PgQueryInternalParsetreeAndError *out)
{
    *out = pg_query_raw_parse(text);
    return out->error ? out->error->message : NULL;
}

/* a's statements are b's from the k-th on: the same locations, lengths
 * and trees. */
static bool same_statements(List *a, List *b, int k)
{
    bool ok = list_length(a) == list_length(b) - k;
    for (int i = 0; ok && i < list_length(a); i++) {
        RawStmt *x = list_nth(a, i), *y = list_nth(b, k + i);
        PgQueryProtobuf px = pg_query_nodes_to_protobuf(x), py = pg_query_nodes_to_protobuf(y);
        ok = x->stmt_location == y->stmt_location && x->stmt_len == y->stmt_len && px.len == py.len &&
             !memcmp(px.data, py.data, px.len);
        if (!ok)
            fprintf(stderr, "statement %d differs: location %d/%d, length %d/%d\n", i, x->stmt_location,
                    y->stmt_location, x->stmt_len, y->stmt_len);
        free(px.data);
        free(py.data);
    }
    return ok;
}

static void free_results(PgQueryInternalParsetreeAndError *a, PgQueryInternalParsetreeAndError *b)
{
    if (a->error)
        pg_query_free_error(a->error);
    if (b->error)
        pg_query_free_error(b->error);
    free(a->stderr_buffer);
    free(b->stderr_buffer);
}

/* The two results are the same parse; *split: the halves were parsed apart. */
static bool same(const char *text, bool *split)
{
    char *buf = strdup(text);
    PgQueryInternalParsetreeAndError a = ddl_raw_parse(buf, 0), b;
    parse_whole(text, &b);
    bool ok = strcmp(buf, text) == 0; /* the text is as it was */
    *split = false;
    if (a.error || b.error) {
        ok = ok && a.error && b.error && !strcmp(a.error->message, b.error->message) &&
             a.error->cursorpos == b.error->cursorpos;
    } else {
        ok = ok && same_statements(a.tree, b.tree, 0);
        if (list_length(a.tree) > 1)
            *split = GetMemoryChunkContext(linitial(a.tree)) != GetMemoryChunkContext(llast(a.tree));
    }
    free_results(&a, &b);
    free(buf);
    return ok;
}

/* Byte offset of 1-based character position pos in text. */
static size_t byte_of(const char *text, int pos)
{
    const char *p = text;
    for (int chars = 0; *p && chars < pos - 1; chars++)
        for (p++; ((unsigned char)*p & 0xC0) == 0x80; p++)
            ;
    return (size_t)(p - text);
}

/* ddl_raw_parse(buf, from) gives the statements a whole parse has from the
 * one after the ';' before `from` on, at the same locations (an error:
 * the same message at the same byte), and leaves buf[0..from) blank. */
static bool same_from(const char *text, size_t from)
{
    char *buf = strdup(text);
    PgQueryInternalParsetreeAndError a = ddl_raw_parse(buf, from), b;
    parse_whole(text, &b);
    bool ok = strspn(buf, " ") >= from && strcmp(buf + from, text + from) == 0;
    if (a.error || b.error) {
        ok = ok && a.error && b.error && !strcmp(a.error->message, b.error->message) &&
             byte_of(buf, a.error->cursorpos) == byte_of(text, b.error->cursorpos);
    } else {
        int k = 0;
        while (k < list_length(b.tree) && ((RawStmt *)list_nth(b.tree, k))->stmt_location < (int)from - 2)
            k++;
        ok = ok && list_length(a.tree) > 0 && same_statements(a.tree, b.tree, k);
    }
    free_results(&a, &b);
    free(buf);
    return ok;
}

/* The byte after the first ";\n" at or past fraction f of text. */
static size_t after_semi(const char *text, double f)
{
    const char *p = strstr(text + (size_t)(f * (double)strlen(text)), ";\n");
    return p ? (size_t)(p - text) + 2 : 0;
}

/* About 1.5 MB of tables, each with columns, a default, a check and a
 * comment; `middle` goes in at the middle, `tail` at three quarters. */
static char *schema(const char *middle, const char *tail)
{
    StrBuf sb;
    sb_init(&sb);
    int n = 6000;
    for (int i = 0; i < n; i++) {
        if (i == n / 2 && middle)
            sb_puts(&sb, middle);
        if (i == 3 * n / 4 && tail)
            sb_puts(&sb, tail);
        sb_printf(&sb, "CREATE TABLE s.t%d (id bigint PRIMARY KEY, name text NOT NULL DEFAULT 'x;y', "
                       "n numeric(10,2) CHECK (n > 0), at timestamptz DEFAULT now());\n"
                       "COMMENT ON TABLE s.t%d IS 'table %d; -- not a comment';\n",
                  i, i, i);
    }
    char *r = strdup(sb.data);
    sb_free(&sb);
    return r;
}

int main(void)
{
    ParseSession *ps = parse_session_begin();
    bool split;

    /* a plain large file: cut, and the same trees */
    char *t = schema(NULL, NULL);
    CHECK(strlen(t) > (1 << 20));
    CHECK(same(t, &split));
    CHECK(split);
    free(t);

    /* empty statements where the second half starts */
    t = schema(";;\n ;\n", NULL);
    CHECK(same(t, &split));
    free(t);

    /* a function body spanning the middle, ";\n" inside its dollar quote:
     * the first half does not parse there, the whole is parsed instead */
    StrBuf body;
    sb_init(&body);
    sb_puts(&body, "CREATE FUNCTION s.f() RETURNS void LANGUAGE plpgsql AS $b$\nBEGIN\n");
    for (int i = 0; i < 3000; i++)
        sb_printf(&body, "  PERFORM %d;\n", i);
    sb_puts(&body, "END\n$b$;\n");
    t = schema(body.data, NULL);
    CHECK(same(t, &split));
    free(t);
    /* a BEGIN ATOMIC body so spanning it */
    sb_free(&body);
    sb_init(&body);
    sb_puts(&body, "CREATE FUNCTION s.g() RETURNS int LANGUAGE sql BEGIN ATOMIC\n");
    for (int i = 0; i < 3000; i++)
        sb_printf(&body, "  SELECT %d;\n", i);
    sb_puts(&body, "END;\n");
    t = schema(body.data, NULL);
    CHECK(same(t, &split));
    free(t);
    /* a quoted string and a comment spanning it */
    sb_free(&body);
    sb_init(&body);
    sb_puts(&body, "COMMENT ON SCHEMA s IS '\n");
    for (int i = 0; i < 3000; i++)
        sb_printf(&body, "line %d;\n", i);
    sb_puts(&body, "';\n/*\n");
    for (int i = 0; i < 3000; i++)
        sb_printf(&body, "old %d;\n", i);
    sb_puts(&body, "*/\n");
    t = schema(body.data, NULL);
    CHECK(same(t, &split));
    free(t);
    sb_free(&body);

    /* errors in either half: the same message at the same position */
    t = schema("CREATE TABLE s.bad (a int,, b int);\n", NULL);
    CHECK(same(t, &split));
    free(t);
    t = schema(NULL, "CREATE TABLE s.bad (a int,, b int);\n");
    CHECK(same(t, &split));
    free(t);
    t = schema(NULL, "COMMENT ON SCHEMA s IS 'open;\n");
    CHECK(same(t, &split));
    free(t);

    /* from a statement on (the catalog's DDL read in two parts): the rest
     * large enough to be cut in two, or not; a prefix with characters of
     * several bytes (blanked byte by byte), an error after it */
    t = schema("COMMENT ON SCHEMA s IS 'caf\xc3\xa9 \xe2\x82\xac';\n", NULL);
    CHECK(same_from(t, after_semi(t, 0.6)));
    CHECK(same_from(t, after_semi(t, 0.05)));
    CHECK(same_from(t, after_semi(t, 0.95)));
    free(t);
    t = schema("COMMENT ON SCHEMA s IS 'caf\xc3\xa9';\n", "CREATE TABLE s.bad (a int,, b int);\n");
    CHECK(same_from(t, after_semi(t, 0.6)));
    free(t);
    t = schema(NULL, NULL);
    CHECK(same_from(t, after_semi(t, 0.5) - 1)); /* just after the ';' */
    free(t);

    parse_session_end(ps);
    return check_report();
}
