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
 * per host of the string.
 *
 * One database (catalog_read(), every plan and dump) is read on two
 * connections sharing one snapshot, each with part of the queries: see
 * "one database, on two connections" below.  Its replay does not wait
 * for the last result: it starts once the queries are sent and waits for
 * each result as it comes to it (see Reading).  The many-database engine
 * keeps one connection per database: there the databases themselves keep
 * the server busy.
 *
 * Errors name the source by its display name (no secret); a connection
 * lost mid-pipeline makes every missing result an error carrying libpq's
 * message, reported by the reader as "reading X failed".
 */
#include "model.h"

#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the recording, and its replay --------------------------------------- */

typedef struct Reading Reading;
static void reading_wait(Reading *rd, int q);

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
    Reading *rd;            /* results still arriving: read_one's, else NULL */
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
    if (b->rd) /* results[i] is statement i + 1's: BEGIN is the first */
        reading_wait(b->rd, b->next + 1);
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
    CC_READY,       /* the split read: connected, or a batch's sync arrived; idle */
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
    int cur;                         /* which statement's results arrive now */
    /* a batch other than BEGIN + every query (the split read, below):
     * statement j's first result goes to results[slot[j]], or, for
     * slot[j] < 0, to aux[-1 - slot[j]] */
    int *slot;
    int nslot;
    PGresult *aux[3];
    bool synced;                     /* the batch's sync arrived: idle, still in pipeline mode */
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
    int n = cc->slot ? cc->nslot : cc->rec->what.n + 1;
    while (!PQisBusy(conn)) {
        PGresult *r = PQgetResult(conn);
        int q = cc->cur >= n ? 0 : cc->slot ? cc->slot[cc->cur] : cc->cur;
        PGresult **slot = cc->cur >= n ? NULL : q < 0 ? &cc->aux[-1 - q] : &cc->results[q];
        if (!r) {
            /* the end of one statement's results */
            if (slot && *slot) {
                double t = timing_clock();
                if (q > 0)
                    timing_report("  catalog query %-20s %.3f s, %d rows", (const char *)cc->rec->what.items[q - 1],
                                  t - cc->t_last, PQntuples(*slot));
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
            cc->synced = true;
            return true;
        }
        if (slot && !*slot)
            *slot = r;
        else
            PQclear(r);
    }
    return false;
}

/* The pollfd of a connection being connected or running (false for any
 * other state); a connection attempt's deadline lowers *wake. */
static bool poll_entry(const CatalogConn *cc, struct pollfd *p, double *wake)
{
    if (cc->state != CC_CONNECTING && cc->state != CC_RUNNING)
        return false;
    p->fd = PQsocket(cc->conn);
    p->events = cc->state == CC_CONNECTING ? (cc->poll == PGRES_POLLING_READING ? POLLIN : POLLOUT)
                                           : (short)(POLLIN | (cc->flushing ? POLLOUT : 0));
    p->revents = 0;
    if (cc->state == CC_CONNECTING && cc->deadline > 0 && (*wake == 0 || cc->deadline < *wake))
        *wake = cc->deadline;
    return true;
}

/* poll()'s timeout in ms until `wake` (0: none, -1). */
static int poll_timeout(double wake, double now)
{
    if (wake <= 0)
        return -1;
    int t = (int)((wake - now) * 1000) + 1;
    return t < 0 ? 0 : t;
}

/* A running connection whose socket poll() reported: send what is left,
 * take what arrived.  True when the batch ended: its sync arrived
 * (cc->synced) or the connection broke. */
static bool advance_running(CatalogConn *cc, const struct pollfd *p)
{
    if (p->fd < 0)
        return true;
    if (cc->flushing && (p->revents & POLLOUT)) {
        int f = PQflush(cc->conn);
        cc->flushing = f == 1;
        if (f < 0)
            return true;
    }
    if (!(p->revents & (POLLIN | POLLERR | POLLHUP)))
        return false;
    if (!PQconsumeInput(cc->conn) || take_results(cc))
        return true;
    /* a read may let libpq send more */
    if (cc->flushing) {
        int f = PQflush(cc->conn);
        cc->flushing = f == 1;
        return f < 0;
    }
    return false;
}

/* Start a connection attempt to `url` without blocking: CONNECTING, with
 * its connect_timeout deadline from cc->t0; false (and cc->error set) when
 * it failed at once (a bad string, out of memory). */
static bool start_conn(CatalogConn *cc, Arena *a, const char *url)
{
    const char *err = NULL;
    cc->conn = conn_start(a, url, &err);
    if (!cc->conn)
        cc->error = err;
    else if (PQstatus(cc->conn) == CONNECTION_BAD)
        first_line_error(cc, a, PQerrorMessage(cc->conn));
    if (cc->error)
        return false;
    cc->state = CC_CONNECTING;
    cc->poll = PGRES_POLLING_WRITING;
    cc->deadline = connect_deadline(cc->conn, cc->t0);
    return true;
}

/* ---- the loop ------------------------------------------------------------- */

/* The queries are done: the cores are the parser's again. */
static void release_hold(CatalogTask *t)
{
    if (t->hold) {
        ddl_parse_hold(-t->hold);
        t->hold = 0;
    }
}

/* A connection whose batches are over, back in blocking mode and out of
 * pipeline mode for the queries after the read. */
static void leave_pipeline(PGconn *conn)
{
    if (PQpipelineStatus(conn) != PQ_PIPELINE_OFF)
        PQexitPipelineMode(conn);
    PQsetnonblocking(conn, 0);
}

/* Read the model of task t from its results (rd: still arriving, the
 * replay waits for each; else all are in). */
static void finish_task(CatalogTask *t, const CatalogConn *cc, const SourceFilter *filter,
                        void (*done)(void *, CatalogTask *), void *arg, Reading *rd)
{
    if (!rd)
        release_hold(t);
    const char *name = catalog_display_name(t->a, t->url);
    PGconn *conn = cc->conn;
    if (cc->error || !conn) {
        PQfinish(conn);
        conn = NULL;
    } else if (!rd) {
        leave_pipeline(conn);
    }
    const char *err = cc->error ? cc->error : "out of memory";
    /* BEGIN failed: the snapshot query reports it (the rest were aborted) */
    CatBatch replay = {0};
    int n = cc->rec ? cc->rec->what.n : 0;
    if (conn) {
        replay.rec = cc->rec;
        replay.results = cc->results + 1;
        replay.conn = conn;
        replay.rd = rd;
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
            if (!start_conn(cc, t->a, t->url)) {
                cc->state = CC_DONE;
                finish_task(t, cc, filter, done, arg, NULL);
                finished++;
                continue;
            }
            active++;
        }
        if (finished >= n)
            break;
        /* wait on every open connection */
        int np = 0;
        double now = timing_clock(), wake = 0;
        for (int i = 0; i < next; i++)
            if (poll_entry(&ccs[i], &pfds[np], &wake))
                which[np++] = i;
        int rc = poll(pfds, (nfds_t)np, poll_timeout(wake, now));
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
            } else if (cc->state == CC_RUNNING) {
                ended = advance_running(cc, &pfds[k]);
            }
            if (ended) {
                cc->state = CC_DONE;
                active--;
                finished++;
                finish_task(t, cc, filter, done, arg, NULL);
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

/* ---- one database, on two connections ------------------------------------- */

/* A single database is read on two connections at once, since the server
 * works through one connection's queries one after the other and its time
 * is most of a read (two thirds at 1,000 tables; issue 14).  The main
 * connection opens the REPEATABLE READ transaction and exports its snapshot
 * (pg_export_snapshot); a helper connection, opened at the same moment,
 * starts its own transaction on that snapshot (SET TRANSACTION SNAPSHOT),
 * so both see the catalogs as of the same instant, and the two pipelines
 * share the queries.  The queries that deparse against a table
 * (pg_get_indexdef, pg_get_constraintdef, view and rule definitions) stay on
 * the main connection: they open each table, building its relation cache
 * entry, the larger part of their cost, and on one backend that is paid
 * once.  The helper takes the rest (columns, tables, types, sequences,
 * functions, ...): measured at 10,000 tables (bench/live.py's database),
 * about 3.3 s of server time on the main connection and 2.9 s on the
 * helper, where one connection spent 6.2 s.  Since the reader builds most
 * key and index definitions itself (parser/catalog_rel.c), the queries of
 * the main connection take 2.4 s and the helper's 2.0 s (medians, as the
 * client sees them, 10,000 tables).  Since the reader also decides index
 * operator classes itself (parser/catalog_opc.c), the main connection was
 * the shorter one, and the tables query moved to it, first: the objects'
 * text (the helper's columns with it) is then read into the model while
 * the main connection's constraints and indexes still run (catalog.c,
 * read_objects_early), where the helper ending last left nothing to read
 * early (read phase at 10,000 tables 3.0-3.3 -> 2.9-3.1 s, alternating).
 * The set_config queries that fix search_path, TimeZone, work_mem,
 * parallel workers and lock_timeout run on both.
 *
 * The helper is an optimisation, never a condition: the main connection
 * runs everything itself when the helper cannot connect by the time the
 * snapshot is exported (with some slack: its own connection time again
 * plus 50 ms), when it reports the same backend (a single-session server
 * such as PGlite behind a socket: a second "connection" there is the same
 * session), when the snapshot cannot be exported, and, after the fact, for
 * whatever the helper could not answer because its transaction or its
 * connection failed.  SCHEMADIFF_CATALOG_CONNECTIONS=1 turns it off (the
 * benchmark's before/after). */

enum { SHARE_MAIN, SHARE_HELPER, SHARE_BOTH };

static int share_of(const char *what)
{
    static const char *const both[] = {"a snapshot", "settings"};
    static const char *const main_only[] = {"tables", "indexes", "constraints", "views", "triggers", "rules",
                                            "policies", "statistics objects", "publications"};
    for (size_t i = 0; i < sizeof both / sizeof *both; i++)
        if (!strcmp(what, both[i]))
            return SHARE_BOTH;
    for (size_t i = 0; i < sizeof main_only / sizeof *main_only; i++)
        if (!strcmp(what, main_only[i]))
            return SHARE_MAIN;
    return SHARE_HELPER;
}

/* Send one batch on a connected connection in pipeline mode: `sql[j]`
 * with its result to slot[j] (see CatalogConn), then a sync. */
static void send_batch(CatalogConn *cc, const char **sql, int *slot, int n)
{
    PGconn *conn = cc->conn;
    cc->slot = slot;
    cc->nslot = n;
    cc->cur = 0;
    cc->synced = false;
    bool ok = PQpipelineStatus(conn) != PQ_PIPELINE_OFF ||
              (PQsetnonblocking(conn, 1) == 0 && PQenterPipelineMode(conn) == 1);
    for (int j = 0; ok && j < n; j++)
        ok = PQsendQueryParams(conn, sql[j], 0, NULL, NULL, NULL, NULL, 0) == 1;
    ok = ok && PQpipelineSync(conn) == 1;
    int f = ok ? PQflush(conn) : -1;
    cc->flushing = f == 1;
    cc->state = f < 0 ? CC_DONE : CC_RUNNING;
    cc->t_last = timing_clock();
}

static bool settled(const CatalogConn *cc)
{
    return !cc || cc->state == CC_READY || cc->state == CC_DONE;
}

/* One poll() on the live connections of cs[0..n) (NULL entries skipped),
 * for at most until `deadline` (> 0), and each advanced as far as its
 * socket allows; false, at once, when none is live or the deadline has
 * passed.  A connection attempt past its connect_timeout fails. */
static bool pump_round(CatalogConn **cs, int n, double deadline)
{
    struct pollfd pfds[2];
    int which[2], np = 0;
    double now = timing_clock(), wake = deadline;
    for (int i = 0; i < n; i++)
        if (cs[i] && poll_entry(cs[i], &pfds[np], &wake))
            which[np++] = i;
    if (np == 0 || (deadline > 0 && now >= deadline))
        return false;
    if (poll(pfds, (nfds_t)np, poll_timeout(wake, now)) < 0 && errno != EINTR)
        abort();
    now = timing_clock();
    for (int k = 0; k < np; k++) {
        CatalogConn *cc = cs[which[k]];
        if (cc->state == CC_CONNECTING) {
            if (pfds[k].revents || pfds[k].fd < 0) {
                cc->poll = PQconnectPoll(cc->conn);
                if (cc->poll == PGRES_POLLING_OK)
                    cc->state = CC_READY;
                else if (cc->poll == PGRES_POLLING_FAILED)
                    cc->state = CC_DONE;
            } else if (cc->deadline > 0 && now >= cc->deadline) {
                cc->error = "timeout expired";
                cc->state = CC_DONE;
            }
            continue;
        }
        if (advance_running(cc, &pfds[k]))
            cc->state = cc->synced ? CC_READY : CC_DONE;
    }
    return true;
}

/* Advance the live connections of cs[0..n) until every one is READY or
 * DONE, or `deadline` (> 0) passes, or `until_main` and cs[0] is. */
static void pump(CatalogConn **cs, int n, double deadline, bool until_main)
{
    while (!(until_main && settled(cs[0])) && pump_round(cs, n, deadline))
        ;
}

static bool result_ok(const PGresult *r)
{
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
}

/* One database's read while its results arrive.  The replay (the reader
 * run over the results, parser/catalog.c) starts as soon as the queries
 * are sent and waits for each result as it needs it (reading_wait), so
 * that it turns the first results into text, and reads the objects' text
 * into the model (read_objects_early there), while the server still works
 * on the last queries of the main connection (constraints and indexes:
 * about 0.4 s after the helper's last, at 10,000 tables).  While the
 * reader is away from the connections (catbatch_away .. catbatch_back), a
 * thread of its own keeps reading them: a result not read fills the
 * socket, and the server then waits for the client. */
struct Reading {
    CatalogTask *t;
    CatalogConn *main, *help;
    CatalogConn *cs[2];     /* pumped: main, and the helper until it is closed */
    bool *by_helper;        /* [q]: query q (1-based, as main->results) was the helper's */
    const char **sql;       /* a batch asked again (once main's own is done) */
    int *slot;
    bool asked_again;       /* the helper's failures went to the main connection */
    bool settled;           /* catbatch_done: nothing more arrives */
    bool away;
    atomic_bool stop;
    pthread_t pumper;
};

/* A result of the helper's that can be used: it succeeded, and so did the
 * helper's BEGIN, SET TRANSACTION SNAPSHOT and settings before it (in a
 * pipeline nothing after a failure runs), so it was read in the main
 * connection's snapshot with the same settings. */
static bool helper_usable(const CatalogConn *help, const PGresult *r)
{
    return result_ok(help->aux[0]) && result_ok(help->aux[1]) && result_ok(help->aux[2]) && result_ok(r);
}

/* The helper failed (a result of its that cannot be used, or its batch
 * ended without one): it is closed, and its queries from q on without a
 * usable result are asked again on the main connection, as one batch once
 * the main connection's own is done.  The results the replay took before
 * q were usable. */
static void ask_again(Reading *rd, int q)
{
    CatalogConn *main = rd->main, *help = rd->help;
    rd->asked_again = true;
    PQfinish(help->conn);
    help->conn = NULL;
    help->state = CC_DONE;
    rd->cs[1] = NULL;
    pump(rd->cs, 1, 0, false);
    if (main->state != CC_READY)
        return; /* the main connection failed too: its error is reported */
    int nr = 0;
    for (int j = q; j <= main->rec->what.n; j++) {
        if (!rd->by_helper[j] || helper_usable(help, main->results[j]))
            continue;
        PQclear(main->results[j]);
        main->results[j] = NULL;
        rd->sql[nr] = main->rec->sql.items[j - 1], rd->slot[nr++] = j;
    }
    if (nr > 0) {
        timing_report("  catalog: the helper connection failed; %d queries again on the main one", nr);
        send_batch(main, rd->sql, rd->slot, nr);
        pump(rd->cs, 1, 0, false);
    }
}

/* Until the result of query q (1-based) is in, or never will be (the
 * replay then reports the connection's error for it). */
static void reading_wait(Reading *rd, int q)
{
    for (;;) {
        PGresult *r = rd->main->results[q];
        if (!rd->by_helper[q] || rd->asked_again) {
            if (r || settled(rd->main))
                return;
        } else if (r && helper_usable(rd->help, r)) {
            return;
        } else if (r || settled(rd->help)) {
            ask_again(rd, q);
            continue;
        }
        pump_round(rd->cs, 2, 0);
    }
}

static void *pump_away(void *arg)
{
    Reading *rd = arg;
    while (!atomic_load(&rd->stop) && pump_round(rd->cs, 2, timing_clock() + 0.002))
        ;
    return NULL;
}

void catbatch_away(CatBatch *b)
{
    Reading *rd = b->rd;
    if (!rd || rd->away || rd->settled)
        return;
    atomic_store(&rd->stop, false);
    rd->away = pthread_create(&rd->pumper, NULL, pump_away, rd) == 0;
}

void catbatch_back(CatBatch *b)
{
    Reading *rd = b->rd;
    if (!rd || !rd->away)
        return;
    atomic_store(&rd->stop, true);
    pthread_join(rd->pumper, NULL);
    rd->away = false;
}

/* Every connection settled, the helper closed, the main connection out of
 * pipeline mode; once. */
static void reading_settle(Reading *rd)
{
    if (rd->settled)
        return;
    rd->settled = true;
    pump(rd->cs, 2, 0, false);
    PQfinish(rd->help->conn);
    rd->help->conn = NULL;
    rd->cs[1] = NULL;
    if (rd->main->conn && !rd->main->error)
        leave_pipeline(rd->main->conn);
    release_hold(rd->t);
}

bool catbatch_arriving(const CatBatch *b)
{
    return b->rd && !b->rd->settled && !settled(b->rd->main);
}

void catbatch_done(CatBatch *b)
{
    if (b->rd)
        reading_settle(b->rd);
}

static void read_one(CatalogTask *t, const SourceFilter *filter, bool helper)
{
    Arena ea = {0}; /* the recording */
    PtrVec recs = {0};
    CatalogConn main = {0}, help = {0};
    CatalogConn *cs[2] = {&main, NULL};
    t->cc = &main;
    main.t0 = help.t0 = timing_clock();
    if (!start_conn(&main, t->a, t->url)) {
        finish_task(t, &main, filter, NULL, NULL, NULL);
        arena_free(&ea);
        return;
    }
    if (helper) {
        if (start_conn(&help, t->a, t->url)) {
            cs[1] = &help;
        } else {
            PQfinish(help.conn);
            help.conn = NULL;
        }
    }
    pump(cs, 2, 0, true);
    if (main.state != CC_READY && cs[1]) {
        /* the helper may get in where the main attempt did not (a role's
         * CONNECTION LIMIT 1): then it is the main connection */
        pump(cs + 1, 1, 0, true);
        if (help.state == CC_READY) {
            timing_report("  catalog: the helper connection got in where the main one did not: %s",
                          main.error ? main.error : PQerrorMessage(main.conn));
            PQfinish(main.conn);
            double t0 = main.t0;
            main = help;
            main.t0 = t0;
            memset(&help, 0, sizeof help);
            cs[1] = NULL;
        }
    }
    if (main.state != CC_READY) {
        if (!main.error)
            first_line_error(&main, t->a, PQerrorMessage(main.conn));
        PQfinish(help.conn);
        /* both refused by a limit that counts them together (a role's
         * CONNECTION LIMIT is not enforced strictly: two backends starting
         * at once can each count the other): one connection again */
        if (cs[1] && (strstr(main.error, "too many connections") || strstr(main.error, "too many clients"))) {
            PQfinish(main.conn);
            arena_free(&ea);
            timing_report("  catalog: both connections refused (%s); one again", main.error);
            read_one(t, filter, false);
            return;
        }
        finish_task(t, &main, filter, NULL, NULL, NULL);
        arena_free(&ea);
        return;
    }
    double connected = timing_clock();
    main.rec = recording_for(&ea, &recs, PQserverVersion(main.conn), filter);
    int nq = main.rec->what.n;
    main.results = calloc((size_t)nq + 1, sizeof *main.results);
    const char **sql = calloc((size_t)nq + 3, sizeof *sql);
    int *mslot = calloc((size_t)nq + 3, sizeof *mslot), *hslot = calloc((size_t)nq + 3, sizeof *hslot);
    if (!main.results || !sql || !mslot || !hslot)
        abort();

    /* the transaction, and its snapshot for the helper (none on PGlite,
     * whose wasm build the version names: one session for every socket) */
    int n = 0;
    const char *begin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    sql[n] = begin, mslot[n++] = 0;
    bool helper_started = cs[1] != NULL;
    if (helper_started) {
        sql[n] = "SELECT CASE WHEN pg_catalog.version() ~ 'emscripten' THEN NULL "
                 "ELSE pg_catalog.pg_export_snapshot() END";
        mslot[n++] = -1;
    } else {
        /* no helper: every query in this one pipeline, one round trip */
        for (int q = 0; q < nq; q++)
            sql[n] = main.rec->sql.items[q], mslot[n++] = q + 1;
    }
    send_batch(&main, sql, mslot, n);
    pump(cs, 2, 0, true);
    const char *snap = NULL;
    if (cs[1] && main.state == CC_READY && result_ok(main.aux[0]) && PQntuples(main.aux[0]) == 1 &&
        !PQgetisnull(main.aux[0], 0, 0))
        snap = PQgetvalue(main.aux[0], 0, 0);
    /* the helper's slack: as long again as the main connection took */
    if (snap && help.state == CC_CONNECTING)
        pump(cs, 2, timing_clock() + (connected - main.t0) + 0.05, false);
    if (cs[1] && !snap && main.state == CC_READY && !result_ok(main.aux[0]) && result_ok(main.results[0])) {
        /* the export failed (a server that cannot): a new transaction */
        PQclear(main.results[0]);
        main.results[0] = NULL;
        sql[0] = "ROLLBACK", mslot[0] = -2;
        sql[1] = begin, mslot[1] = 0;
        send_batch(&main, sql, mslot, 2);
        pump(cs, 1, 0, false);
    }
    bool split = snap && help.state == CC_READY && PQbackendPID(help.conn) != PQbackendPID(main.conn) &&
                 main.state == CC_READY;
    if (!split && cs[1]) {
        PQfinish(help.conn);
        help.conn = NULL;
        cs[1] = NULL;
    }

    /* the queries: the main connection's share, the helper's (without a
     * helper from the start, the first batch held them all) */
    int nm = 0, nh = 0;
    const char **hsql = calloc((size_t)nq + 3, sizeof *hsql);
    if (!hsql)
        abort();
    if (split) {
        hsql[nh] = begin, hslot[nh++] = -1;
        hsql[nh] = arena_printf(t->a, "SET TRANSACTION SNAPSHOT %s", q_literal(t->a, snap));
        hslot[nh++] = -2;
    }
    for (int q = 0; helper_started && q < nq; q++) {
        int share = split ? share_of(main.rec->what.items[q]) : SHARE_MAIN;
        if (share != SHARE_HELPER)
            sql[nm] = main.rec->sql.items[q], mslot[nm++] = q + 1;
        if (share == SHARE_HELPER)
            hsql[nh] = main.rec->sql.items[q], hslot[nh++] = q + 1;
        else if (share == SHARE_BOTH) {
            /* the helper's copy of a setting: its result is only checked */
            hsql[nh] = main.rec->sql.items[q], hslot[nh++] = -3;
        }
    }
    if (main.state == CC_READY && helper_started)
        send_batch(&main, sql, mslot, nm);
    if (split) {
        timing_report("  catalog: two connections, %d + %d statements", nm, nh);
        help.rec = main.rec;
        help.results = main.results;
        send_batch(&help, hsql, hslot, nh);
    }

    /* the replay, while the results arrive (see Reading); the helper's
     * failures are asked again on the main connection there */
    Reading rd = {.t = t, .main = &main, .help = &help, .cs = {&main, cs[1]}, .sql = sql, .slot = mslot};
    rd.by_helper = calloc((size_t)nq + 1, sizeof *rd.by_helper);
    if (!rd.by_helper)
        abort();
    for (int j = 0; split && j < nh; j++)
        if (hslot[j] > 0)
            rd.by_helper[hslot[j]] = true;
    if (helper_started && main.state == CC_RUNNING) { /* its second batch sent */
        finish_task(t, &main, filter, NULL, NULL, &rd); /* the replay's end settles rd */
    } else {
        PQfinish(help.conn);
        finish_task(t, &main, filter, NULL, NULL, NULL);
    }
    for (int i = 0; i < 3; i++) {
        PQclear(main.aux[i]);
        PQclear(help.aux[i]);
    }
    free(rd.by_helper);
    free(sql);
    free(hsql);
    free(mslot);
    free(hslot);
    free(main.results);
    t->cc = NULL;
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
    const char *one = getenv("SCHEMADIFF_CATALOG_CONNECTIONS");
    bool helper = !(one && !strcmp(one, "1"));
    t.hold = helper ? 2 : 1;
    ddl_parse_hold(t.hold);
    read_one(&t, filter, helper);
    if (t.hold)
        ddl_parse_hold(-t.hold);
    if (queries)
        *queries = t.queries;
    return m;
}
