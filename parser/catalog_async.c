/*
 * catalog_async.c — the catalog reads of one or many databases over
 * libpq's asynchronous API.
 *
 * The catalog reader (parser/catalog.c) asks about thirty queries, one
 * after the other.  Their text depends only on the server version and the
 * schema filter, never on an earlier answer, so they need not wait for
 * each other: the reader is run once in a *recording* mode, where each
 * cat_query() notes (what, sql) and answers with an empty result, and the
 * recorded queries are then sent all at once in libpq's pipeline mode
 * (PQenterPipelineMode, PQsendQueryParams, one PQpipelineSync), after
 * the engine's own BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY.  One
 * round trip instead of thirty, and the server works through the queue
 * while the client is still sending.  When the sync's result arrives the
 * connection leaves pipeline mode, goes back to blocking, and the reader
 * runs again in *replay* mode, where cat_query() hands back the stored
 * results in order (the `what` of each must be the one recorded there:
 * anything else is an internal error, never a silently wrong model).  The
 * transaction stays open after the read, as before: the model keeps the
 * connection (Model.snapshot) for the pre-flight queries.
 *
 * Many databases: each task connects without blocking (conn_start and
 * PQconnectPoll), at most `jobs` connections at a time, and one poll()
 * waits on the sockets of every open connection, in whatever phase each
 * is (connecting, sending, receiving).  A recording is made once per
 * server version and shared.  The model of a database is read on this
 * thread as soon as its results are in, while the others keep streaming
 * (the kernel buffers them).  libpq's connect_timeout (and
 * PGCONNECT_TIMEOUT) is honoured here, since PQconnectPoll does not time
 * out by itself: the whole connection attempt may take that many seconds
 * per host of the string.  The single-database catalog_read() is one task
 * of the same engine, so every plan takes the same path.
 *
 * Errors name the source by its display name (no secret); a connection
 * lost mid-pipeline makes every missing result an error carrying libpq's
 * message, reported by the reader as "reading X failed".
 */
#include "model.h"

#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the recording, and its replay --------------------------------------- */

struct CatBatch {
    Arena *a;               /* recording: where it lives */
    bool recording;
    int server_version;
    /* recorded: parallel arrays */
    PtrVec what, sql;
    /* replay */
    const CatBatch *rec;    /* the recording replayed */
    PGresult **results;     /* one per recorded query (NULL: none received) */
    PGconn *conn;           /* for the error of a result never received */
    int next;
};

PGresult *catbatch_query(CatBatch *b, const char *what, const char *sql)
{
    if (b->recording) {
        vec_push(b->a, &b->what, (void *)what);
        vec_push(b->a, &b->sql, (void *)sql);
        return PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
    }
    const CatBatch *rec = b->rec;
    if (b->next >= rec->what.n || strcmp(rec->what.items[b->next], what) != 0)
        return NULL;
    PGresult *r = b->results[b->next];
    b->results[b->next++] = NULL;
    /* nothing received for it: the connection failed mid-pipeline */
    return r ? r : PQmakeEmptyPGresult(b->conn, PGRES_FATAL_ERROR);
}

bool catbatch_recording(const CatBatch *b)
{
    return b->recording;
}

int catbatch_server_version(const CatBatch *b)
{
    return b->server_version;
}

/* ---- one connection -------------------------------------------------------- */

typedef enum {
    CC_IDLE,        /* not started */
    CC_CONNECTING,  /* PQconnectPoll until CONNECTION_OK */
    CC_RUNNING,     /* the pipeline sent (perhaps still flushing), results coming */
    CC_DONE
} CcState;

typedef struct CatalogConn {
    CcState state;
    PGconn *conn;
    PostgresPollingStatusType poll;  /* CONNECTING: what PQconnectPoll waits for */
    bool flushing;                   /* RUNNING: output not all sent yet */
    double t0, deadline, t_last;     /* deadline 0: none */
    const CatBatch *rec;
    PGresult **results;              /* [rec->what.n + 1]: BEGIN first */
    int cur;                         /* which query's results arrive now */
    const char *error;               /* connecting failed: why */
} CatalogConn;

/* The connection attempt's time limit: connect_timeout (libpq's minimum
 * of 2 s) per host, 0 for none. */
static double connect_deadline(PGconn *conn, double now)
{
    PQconninfoOption *opts = PQconninfo(conn);
    int secs = 0, hosts = 1;
    for (PQconninfoOption *o = opts; o && o->keyword; o++) {
        if (!strcmp(o->keyword, "connect_timeout") && o->val && *o->val)
            secs = atoi(o->val);
        else if (!strcmp(o->keyword, "host") && o->val)
            for (const char *p = o->val; *p; p++)
                hosts += *p == ',';
    }
    PQconninfoFree(opts);
    if (secs <= 0)
        return 0;
    if (secs < 2)
        secs = 2;
    return now + (double)secs * hosts;
}

static const CatBatch *recording_for(Arena *a, PtrVec *recs, int version, const SourceFilter *filter)
{
    for (int i = 0; i < recs->n; i++) {
        const CatBatch *b = recs->items[i];
        if (b->server_version == version)
            return b;
    }
    CatBatch *b = arena_alloc(a, sizeof *b);
    memset(b, 0, sizeof *b);
    b->a = a;
    b->recording = true;
    b->server_version = version;
    catalog_read_batch(a, NULL, "recording", NULL, NULL, b, filter, NULL, NULL);
    vec_push(a, recs, b);
    return b;
}

static void first_line_error(CatalogConn *cc, Arena *a, const char *msg)
{
    cc->error = arena_strndup(a, msg, strcspn(msg, "\n"));
}

/* Connected: send BEGIN and every recorded query, then the sync. */
static void send_pipeline(CatalogConn *cc, Arena *a, PtrVec *recs, const SourceFilter *filter)
{
    PGconn *conn = cc->conn;
    cc->rec = recording_for(a, recs, PQserverVersion(conn), filter);
    int n = cc->rec->what.n + 1;
    cc->results = calloc((size_t)n, sizeof *cc->results);
    if (!cc->results)
        abort();
    cc->cur = 0;
    bool ok = PQsetnonblocking(conn, 1) == 0 && PQenterPipelineMode(conn) == 1 &&
              PQsendQueryParams(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL, NULL, NULL,
                                NULL, 0) == 1;
    for (int i = 0; ok && i < cc->rec->sql.n; i++)
        ok = PQsendQueryParams(conn, cc->rec->sql.items[i], 0, NULL, NULL, NULL, NULL, 0) == 1;
    ok = ok && PQpipelineSync(conn) == 1;
    int f = ok ? PQflush(conn) : -1;
    cc->flushing = f == 1;
    /* a send that failed: the results never come; the reader reports
     * libpq's message for each missing one */
    cc->state = CC_RUNNING;
    if (f < 0)
        cc->state = CC_DONE;
    cc->t_last = timing_clock();
}

/* Take every result libpq has; true when the sync's result arrived (or the
 * connection broke). */
static bool take_results(CatalogConn *cc)
{
    PGconn *conn = cc->conn;
    int n = cc->rec->what.n + 1;
    while (!PQisBusy(conn)) {
        PGresult *r = PQgetResult(conn);
        if (!r) {
            /* the end of one query's results */
            if (cc->cur < n && cc->results[cc->cur]) {
                double t = timing_clock();
                if (cc->cur > 0)
                    timing_report("  catalog query %-20s %.3f s, %d rows", (const char *)cc->rec->what.items[cc->cur - 1],
                                  t - cc->t_last, PQntuples(cc->results[cc->cur]));
                cc->t_last = t;
                cc->cur++;
                continue;
            }
            if (PQstatus(conn) == CONNECTION_BAD)
                return true;
            return false;
        }
        if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
            PQclear(r);
            return true;
        }
        if (cc->cur < n && !cc->results[cc->cur])
            cc->results[cc->cur] = r;
        else
            PQclear(r);
    }
    return false;
}

/* ---- the loop ------------------------------------------------------------- */

static void finish_task(CatalogTask *t, const CatalogConn *cc, const SourceFilter *filter,
                        void (*done)(void *, CatalogTask *), void *arg)
{
    const char *name = catalog_display_name(t->a, t->url);
    PGconn *conn = cc->conn;
    if (cc->error || !conn) {
        PQfinish(conn);
        conn = NULL;
    } else {
        if (PQpipelineStatus(conn) != PQ_PIPELINE_OFF)
            PQexitPipelineMode(conn);
        PQsetnonblocking(conn, 0);
    }
    const char *err = cc->error ? cc->error : "out of memory";
    /* BEGIN failed: the snapshot query reports it (the rest were aborted) */
    CatBatch replay = {0};
    int n = cc->rec ? cc->rec->what.n : 0;
    if (conn) {
        replay.rec = cc->rec;
        replay.results = cc->results + 1;
        replay.conn = conn;
        PGresult *begin = cc->results[0];
        if (begin && PQresultStatus(begin) != PGRES_COMMAND_OK && n > 0) {
            PQclear(replay.results[0]);
            replay.results[0] = begin;
            cc->results[0] = NULL;
        }
    }
    catalog_read_batch(t->a, t->m, name, conn, err, &replay, filter, t->diags, &t->queries);
    for (int i = 0; cc->results && i <= n; i++)
        PQclear(cc->results[i]);
    t->seconds = timing_clock() - cc->t0;
    if (done)
        done(arg, t);
}

void catalog_read_tasks(CatalogTask *tasks, int n, const SourceFilter *filter, int jobs,
                        void (*start)(void *arg, CatalogTask *t), void (*done)(void *arg, CatalogTask *t),
                        void *arg)
{
    Arena ea = {0}; /* the recordings */
    PtrVec recs = {0};
    CatalogConn *ccs = calloc((size_t)(n ? n : 1), sizeof *ccs);
    struct pollfd *pfds = calloc((size_t)(n ? n : 1), sizeof *pfds);
    int *which = calloc((size_t)(n ? n : 1), sizeof *which);
    if (!ccs || !pfds || !which)
        abort();
    if (jobs < 1)
        jobs = 1;
    int next = 0, active = 0, finished = 0;
    while (finished < n) {
        /* start tasks up to the bound */
        while (active < jobs && next < n) {
            CatalogTask *t = &tasks[next];
            CatalogConn *cc = &ccs[next++];
            t->cc = cc;
            if (start)
                start(arg, t);
            cc->t0 = timing_clock();
            const char *err = NULL;
            cc->conn = conn_start(t->a, t->url, &err);
            if (cc->conn && PQstatus(cc->conn) == CONNECTION_BAD) {
                first_line_error(cc, t->a, PQerrorMessage(cc->conn));
            } else if (!cc->conn) {
                cc->error = err;
            }
            if (cc->error) {
                cc->state = CC_DONE;
                finish_task(t, cc, filter, done, arg);
                finished++;
                continue;
            }
            cc->state = CC_CONNECTING;
            cc->poll = PGRES_POLLING_WRITING;
            cc->deadline = connect_deadline(cc->conn, cc->t0);
            active++;
        }
        if (finished >= n)
            break;
        /* wait on every open connection */
        int np = 0;
        double now = timing_clock(), wake = 0;
        for (int i = 0; i < next; i++) {
            CatalogConn *cc = &ccs[i];
            if (cc->state != CC_CONNECTING && cc->state != CC_RUNNING)
                continue;
            pfds[np].fd = PQsocket(cc->conn);
            pfds[np].events = cc->state == CC_CONNECTING
                                  ? (cc->poll == PGRES_POLLING_READING ? POLLIN : POLLOUT)
                                  : (short)(POLLIN | (cc->flushing ? POLLOUT : 0));
            pfds[np].revents = 0;
            which[np++] = i;
            if (cc->state == CC_CONNECTING && cc->deadline > 0 && (wake == 0 || cc->deadline < wake))
                wake = cc->deadline;
        }
        int timeout = wake > 0 ? (int)((wake - now) * 1000) + 1 : -1;
        if (wake > 0 && timeout < 0)
            timeout = 0;
        int rc = poll(pfds, (nfds_t)np, timeout);
        if (rc < 0 && errno != EINTR)
            abort();
        now = timing_clock();
        for (int k = 0; k < np; k++) {
            int i = which[k];
            CatalogConn *cc = &ccs[i];
            CatalogTask *t = &tasks[i];
            bool ended = false;
            if (cc->state == CC_CONNECTING) {
                if (pfds[k].revents || pfds[k].fd < 0) {
                    cc->poll = PQconnectPoll(cc->conn);
                    if (cc->poll == PGRES_POLLING_OK) {
                        send_pipeline(cc, &ea, &recs, filter);
                        ended = cc->state == CC_DONE;
                    } else if (cc->poll == PGRES_POLLING_FAILED) {
                        first_line_error(cc, t->a, PQerrorMessage(cc->conn));
                        ended = true;
                    }
                } else if (cc->deadline > 0 && now >= cc->deadline) {
                    cc->error = "timeout expired";
                    ended = true;
                }
            } else if (cc->state == CC_RUNNING && pfds[k].fd < 0) {
                ended = true;
            } else if (cc->state == CC_RUNNING && pfds[k].revents) {
                if (cc->flushing && (pfds[k].revents & POLLOUT)) {
                    int f = PQflush(cc->conn);
                    cc->flushing = f == 1;
                    if (f < 0)
                        ended = true;
                }
                if (!ended && (pfds[k].revents & (POLLIN | POLLERR | POLLHUP))) {
                    if (!PQconsumeInput(cc->conn))
                        ended = true;
                    else
                        ended = take_results(cc);
                    /* a read may let libpq send more */
                    if (!ended && cc->flushing) {
                        int f = PQflush(cc->conn);
                        cc->flushing = f == 1;
                        ended = f < 0;
                    }
                }
            }
            if (ended) {
                cc->state = CC_DONE;
                active--;
                finished++;
                finish_task(t, cc, filter, done, arg);
            }
        }
    }
    for (int i = 0; i < n; i++)
        free(ccs[i].results);
    free(ccs);
    free(pfds);
    free(which);
    arena_free(&ea);
}

/* ---- one database ----------------------------------------------------------- */

Model *catalog_read(Arena *a, Model *m, const char *url, const SourceFilter *filter, Diags *diags,
                    int *queries)
{
    CatalogTask t = {0};
    t.url = url;
    t.a = a;
    t.m = m;
    t.diags = diags;
    catalog_read_tasks(&t, 1, filter, 1, NULL, NULL, NULL);
    if (queries)
        *queries = t.queries;
    return m;
}
