/*
 * rawparse.c — a large DDL text parsed in two halves, on two threads.
 *
 * The raw parse of a 10,000-table schema file takes about a third of a
 * second, and a live read's generated DDL about half a second, on one core
 * while the other has nothing to do.  libpg_query keeps its memory per
 * thread, so a text of a megabyte or more is cut in two and the halves are
 * parsed at the same time:
 *
 *   - the cut is the first ";\n" past the middle;
 *   - the first half is parsed here, ended at the cut; the second on a
 *     worker thread, from a copy of the whole text whose first half is
 *     blanked (bytes become spaces), so every location in its trees is the
 *     location in the whole text;
 *   - the worker allocates in a child of this thread's current context
 *     (made here before it starts), so its trees live exactly as long as
 *     this side's, whichever thread frees them.
 *
 * The two results are one parse's.  A half that parses ends in the lexer's
 * initial state (an open quote, comment or dollar quote is an error at its
 * end, and a BEGIN ATOMIC body cut short does not parse), so the second
 * half starts where a parse of the whole would be at that byte, and the
 * cut is after a ';', where one statement ends and the next begins.  The
 * one difference, the second half's first statement location (0 in its own
 * parse, the byte after the ';' in the whole), is set right.  When either
 * half does not parse, both are dropped and the whole text is parsed here,
 * so an error is reported exactly as before.
 *
 * Both sides of a plan are read on two threads already: a text is cut only
 * while the other threads at work leave a core for its second half.  Each
 * side holds one while it reads its files (parser/source.c), so two sides
 * read together do not make three threads on two cores; a live read holds
 * its connections while its queries run (a local server's backends are busy
 * on the same cores then, and a schema file parsed meanwhile in two halves
 * only took time from them).
 */
#include "pg.h"
#include "model.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SPLIT_BYTES (1 << 20)

static atomic_int busy;     /* threads running a raw parse of a large text now, and held */
static __thread int mine;  /* of `busy`, what this thread holds (ddl_parse_hold) */

typedef struct Half {
    char *text; /* the whole text, the first half blanked */
    void *ctx;  /* a child of the caller's context: the trees live there */
    PgQueryInternalParsetreeAndError res;
} Half;

static void *half_thread(void *arg)
{
    Half *h = arg;
    MemoryContext own = pg_query_enter_memory_context(); /* the thread's libpg_query set-up */
    pgctx_restore(h->ctx);
    h->res = pg_query_raw_parse(h->text);
    pgctx_restore(own);
    pg_query_exit_memory_context(own);
    return NULL;
}

static void drop(PgQueryInternalParsetreeAndError *r)
{
    free(r->stderr_buffer);
    if (r->error)
        pg_query_free_error(r->error);
}

/* The first ";\n" past the middle of buf[from..len): the byte after it, or 0. */
static size_t find_cut(const char *buf, size_t from, size_t len)
{
    const char *p = buf + from + (len - from) / 2;
    while ((p = strchr(p, ';')) != NULL) {
        if (p[1] == '\n')
            return (size_t)(p - buf) + 2;
        p++;
    }
    return 0;
}

static bool split_parse(char *buf, size_t from, size_t len, PgQueryInternalParsetreeAndError *out)
{
    size_t cut = find_cut(buf, from, len);
    if (!cut || cut >= len)
        return false;
    Half h = {0};
    h.text = malloc(len + 1);
    if (!h.text)
        return false;
    memset(h.text, ' ', cut);
    memcpy(h.text + cut, buf + cut, len - cut + 1);
    void *outer = pgctx_current();
    h.ctx = pgctx_child_whole("schemadiff second half");
    pthread_t th;
    pthread_attr_t attr;
    bool have_attr = stack_attr_init(&attr); /* deep statements are walked recursively */
    bool threaded = pthread_create(&th, have_attr ? &attr : NULL, half_thread, &h) == 0;
    if (have_attr)
        pthread_attr_destroy(&attr);
    if (!threaded) {
        pgctx_child_delete(h.ctx);
        free(h.text);
        return false;
    }
    void *first_ctx = pgctx_child_whole("schemadiff first half");
    pgctx_restore(first_ctx);
    char saved = buf[cut];
    buf[cut] = '\0';
    PgQueryInternalParsetreeAndError first = pg_query_raw_parse(buf);
    buf[cut] = saved;
    pgctx_restore(outer);
    pthread_join(th, NULL);
    free(h.text);
    if (first.error || h.res.error) {
        drop(&first);
        drop(&h.res);
        pgctx_child_delete(first_ctx);
        pgctx_child_delete(h.ctx);
        return false;
    }
    List *second = h.res.tree;
    if (second != NIL) {
        RawStmt *rs = linitial(second);
        if (rs->stmt_location == 0) {
            /* its own parse's first statement; in the whole text it starts
             * after the first half's last ';' */
            rs->stmt_location = (int)cut - 1;
            if (rs->stmt_len)
                rs->stmt_len -= (int)cut - 1;
        }
    }
    free(h.res.stderr_buffer);
    *out = first;
    pgctx_restore(first_ctx); /* list_concat grows the first list where it is */
    out->tree = list_concat(first.tree, second);
    pgctx_restore(outer);
    return true;
}

void ddl_parse_hold(int n)
{
    mine += n;
    atomic_fetch_add(&busy, n);
}

/* The first statement of a parse that began at `from` (the text before it
 * blanked) starts, in a parse of the whole text, after the last ';'
 * before `from` (gram.y's stmtmulti), as the second half's does above. */
static void first_from(PgQueryInternalParsetreeAndError *res, size_t from, size_t semi)
{
    if (!from || res->error || res->tree == NIL)
        return;
    RawStmt *rs = linitial(res->tree);
    if (rs->stmt_location == 0) {
        rs->stmt_location = (int)semi + 1;
        if (rs->stmt_len)
            rs->stmt_len -= (int)semi + 1;
    }
}

PgQueryInternalParsetreeAndError ddl_raw_parse(char *buf, size_t from)
{
    size_t len = strlen(buf), semi = from;
    if (from) {
        while (semi > 0 && buf[semi - 1] != ';')
            semi--;
        semi = semi ? semi - 1 : 0;
        memset(buf, ' ', from);
    }
    PgQueryInternalParsetreeAndError res;
    if (len - from < SPLIT_BYTES) {
        res = pg_query_raw_parse(buf);
        first_from(&res, from, semi);
        return res;
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    /* what other threads run or hold, this one's hold (its read) aside */
    int others = atomic_fetch_add(&busy, 2) - mine;
    if (others + 2 <= cores && split_parse(buf, from, len, &res)) {
        atomic_fetch_sub(&busy, 2);
        first_from(&res, from, semi);
        return res;
    }
    atomic_fetch_sub(&busy, 1); /* one thread parses it whole */
    res = pg_query_raw_parse(buf);
    atomic_fetch_sub(&busy, 1);
    first_from(&res, from, semi);
    return res;
}
