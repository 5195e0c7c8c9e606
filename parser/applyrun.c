/*
 * applyrun.c — a plan run on a database, recorded in one history table
 * (schemadiff apply, schemadiff history).
 *
 * One session does everything: it takes apply's advisory lock (a second
 * apply on the same database is refused while the first one's session
 * lives; PostgreSQL releases the lock when the session ends, however it
 * ends), creates schemadiff's own schema and the history table when they
 * are missing, inserts the apply's row and runs the script's groups.
 *
 * A group is either a transaction — BEGIN, its statements, the history
 * row's `groups_finished` raised to it, COMMIT — or one statement that
 * cannot run in a transaction block, run alone, after which the row is
 * raised in its own statement.  So whatever stops the run (SIGKILL of the
 * client, a lost connection, a server restart), the database is never
 * half-way inside a transaction group, and the row says how far it got:
 * at most the one non-transactional statement that was running is done
 * without being counted, and the migration's statements are idempotent, so
 * running it again is harmless.  The session asks the server to notice a
 * client that went away while a statement runs
 * (client_connection_check_interval, PostgreSQL 14+), so a killed apply's
 * backend stops waiting for locks and rolls its group back promptly.
 *
 * A group that fails with SQLSTATE 55P03 (lock_not_available: the
 * lock_timeout the script sets) is rolled back and tried again after a
 * pause that doubles, APPLY_LOCK_RETRIES times at most; a statement outside
 * a transaction is tried again from the first statement of its change (a
 * failed CREATE INDEX CONCURRENTLY leaves an invalid index that the
 * change's first statement drops).  Statements are sent asynchronously so
 * that a long one (an index build, a validation, a rewrite) is reported on
 * stderr while it runs: which step, how long so far.
 *
 * libpq lives in parser/ only.  Messages are the server's: no statement or
 * query here holds a connection parameter, so none can carry a secret.
 */
#include "model.h"

#include <libpq-fe.h>
#include <poll.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct ApplySession {
    Arena *a;
    PGconn *c;
    const char *name;       /* the connection string without secrets */
    const char *table;      /* the history table, quoted and qualified */
    const char *table_name; /* ... as people read it: schemadiff.history */
    long long row;          /* this apply's history row (0: none yet) */
    bool history_exists;
};

/* ---- small helpers ----------------------------------------------------------- */

static const char *first_line(Arena *a, const char *msg)
{
    if (!msg)
        return "";
    return arena_strndup(a, msg, strcspn(msg, "\n"));
}

/* The server's whole report of a failed statement: ERROR, DETAIL, HINT,
 * CONTEXT (the statement inside a DO block), each on its line. */
static const char *server_report(Arena *a, PGconn *c, const PGresult *r)
{
    const char *primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if (!primary || !*primary)
        return arena_printf(a, "%s", first_line(a, PQerrorMessage(c)));
    StrBuf sb;
    sb_init(&sb);
    const char *sev = PQresultErrorField(r, PG_DIAG_SEVERITY_NONLOCALIZED);
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    sb_printf(&sb, "%s:  %s", sev ? sev : "ERROR", primary);
    if (state)
        sb_printf(&sb, " (SQLSTATE %s)", state);
    static const struct {
        int field;
        const char *label;
    } more[] = {{PG_DIAG_MESSAGE_DETAIL, "DETAIL"}, {PG_DIAG_MESSAGE_HINT, "HINT"}, {PG_DIAG_CONTEXT, "CONTEXT"}};
    for (size_t i = 0; i < sizeof more / sizeof *more; i++) {
        const char *v = PQresultErrorField(r, more[i].field);
        if (v && *v)
            sb_printf(&sb, "\n%s:  %s", more[i].label, v);
    }
    const char *s = sb_take(&sb, a);
    sb_free(&sb);
    return s;
}

static bool ok_status(const PGresult *r)
{
    ExecStatusType st = PQresultStatus(r);
    return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
}

/* Run one command synchronously; on failure an EXIT_DB diagnostic "what:
 * message" and false. */
static bool command(ApplySession *s, const char *what, const char *sql, Diags *diags)
{
    PGresult *r = PQexec(s->c, sql);
    bool ok = ok_status(r);
    if (!ok && diags)
        diag_plain(diags, EXIT_DB, "%s: %s: %s", s->name, what,
                   first_line(s->a, r && PQresultErrorMessage(r)[0] ? PQresultErrorMessage(r) : PQerrorMessage(s->c)));
    PQclear(r);
    return ok;
}

/* One query with text parameters; NULL (and a diagnostic) on failure. */
static PGresult *query(ApplySession *s, const char *what, const char *sql, int n, const char *const *params,
                       Diags *diags)
{
    PGresult *r = PQexecParams(s->c, sql, n, NULL, params, NULL, NULL, 0);
    if (ok_status(r))
        return r;
    if (diags)
        diag_plain(diags, EXIT_DB, "%s: %s: %s", s->name, what,
                   first_line(s->a, r && PQresultErrorMessage(r)[0] ? PQresultErrorMessage(r) : PQerrorMessage(s->c)));
    PQclear(r);
    return NULL;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

/* ---- the session ------------------------------------------------------------- */

const char *applyrun_table_name(Arena *a, const char *config_name)
{
    const char *t = config_name && *config_name ? config_name : APPLY_HISTORY_DEFAULT;
    const char *dot = strchr(t, '.');
    return arena_printf(a, "%s.%s", SD_OWN_SCHEMA, dot ? dot + 1 : t);
}

static ApplySession *session_new(Arena *a, const char *url, const char *table_name, Diags *diags)
{
    ApplySession *s = arena_alloc(a, sizeof *s);
    s->a = a;
    s->name = catalog_display_name(a, url);
    s->table_name = applyrun_table_name(a, table_name);
    s->table = q_qual(a, SD_OWN_SCHEMA, strchr(s->table_name, '.') + 1);
    const char *err = NULL;
    s->c = conn_open(a, url, &err);
    if (!s->c) {
        diag_plain(diags, EXIT_DB, "%s: cannot connect: %s", s->name, err);
        return NULL;
    }
    if (PQsetClientEncoding(s->c, "UTF8") != 0) {
        diag_plain(diags, EXIT_DB, "%s: cannot set client_encoding to UTF8: %s", s->name,
                   first_line(a, PQerrorMessage(s->c)));
        PQfinish(s->c);
        return NULL;
    }
    command(s, "", "SET application_name = 'schemadiff apply'", NULL);
    /* a backend whose client is gone stops at the next check instead of
     * finishing (or waiting for) a statement nobody will commit; the
     * setting is PostgreSQL 14's, and older servers go without it */
    command(s, "", "SELECT pg_catalog.set_config('client_connection_check_interval', '1s', false)", NULL);
    PGresult *r = query(s, "reading the history table", "SELECT pg_catalog.to_regclass($1) IS NOT NULL", 1,
                        (const char *[]){s->table}, diags);
    if (!r) {
        PQfinish(s->c);
        return NULL;
    }
    s->history_exists = PQgetvalue(r, 0, 0)[0] == 't';
    PQclear(r);
    return s;
}

ApplySession *applyrun_open(Arena *a, const char *url, const char *table_name, Diags *diags)
{
    return session_new(a, url, table_name, diags);
}

void applyrun_close(ApplySession *s)
{
    if (s && s->c) {
        PQfinish(s->c);
        s->c = NULL;
    }
}

bool applyrun_history_exists(const ApplySession *s)
{
    return s->history_exists;
}

const char *applyrun_history_name(const ApplySession *s)
{
    return s->table_name;
}

bool applyrun_lock(ApplySession *s, Diags *diags)
{
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)APPLY_LOCK_KEY);
    PGresult *r = query(s, "taking apply's advisory lock", "SELECT pg_catalog.pg_try_advisory_lock($1::bigint)", 1,
                        (const char *[]){key}, diags);
    if (!r)
        return false;
    bool got = PQgetvalue(r, 0, 0)[0] == 't';
    PQclear(r);
    if (got)
        return true;
    /* who holds it: a bigint key is classid (high half), objid (low half),
     * objsubid 1 in pg_locks */
    char cls[16], obj[16];
    snprintf(cls, sizeof cls, "%lu", (unsigned long)((unsigned long long)APPLY_LOCK_KEY >> 32));
    snprintf(obj, sizeof obj, "%lu", (unsigned long)((unsigned long long)APPLY_LOCK_KEY & 0xffffffffu));
    r = query(s, "reading pg_locks",
              "SELECT l.pid, coalesce(a.application_name, ''), coalesce(a.usename::text, ''), "
              "coalesce(to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), '') "
              "FROM pg_catalog.pg_locks l LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid "
              "WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_catalog.pg_database "
              "WHERE datname = pg_catalog.current_database()) AND l.classid = $1::oid AND l.objid = $2::oid "
              "AND l.objsubid = 1",
              2, (const char *[]){cls, obj}, NULL);
    const char *who = "another session";
    if (r && PQntuples(r) > 0)
        who = arena_printf(s->a, "the session of pid %s (%s%s%s, connected since %s UTC)", PQgetvalue(r, 0, 0),
                           *PQgetvalue(r, 0, 1) ? PQgetvalue(r, 0, 1) : "no application name",
                           *PQgetvalue(r, 0, 2) ? ", user " : "", PQgetvalue(r, 0, 2), PQgetvalue(r, 0, 3));
    PQclear(r);
    diag_plain(diags, EXIT_DB,
               "%s: another apply is running on this database: apply's advisory lock (key %lld) is held by %s; "
               "nothing was run (try again when it has finished)",
               s->name, (long long)APPLY_LOCK_KEY, who);
    return false;
}

/* ---- the history table ------------------------------------------------------- */

/* A history table made before refused applies were recorded allows only
 * running, done and failed: its status check is replaced once (the table
 * is small; we hold apply's lock). */
static bool history_upgrade(ApplySession *s, Diags *diags)
{
    PGresult *r = query(s, arena_printf(s->a, "reading %s's constraints", s->table_name),
                        "SELECT c.conname FROM pg_catalog.pg_constraint c WHERE c.conrelid = $1::regclass "
                        "AND c.contype = 'c' AND pg_catalog.pg_get_constraintdef(c.oid) LIKE '%status%' "
                        "AND pg_catalog.pg_get_constraintdef(c.oid) NOT LIKE '%refused%'",
                        1, (const char *[]){s->table}, diags);
    if (!r)
        return false;
    const char *old = PQntuples(r) ? arena_strdup(s->a, PQgetvalue(r, 0, 0)) : NULL;
    PQclear(r);
    if (!old)
        return true;
    return command(s, arena_printf(s->a, "allowing status 'refused' in %s", s->table_name),
                   arena_printf(s->a, "ALTER TABLE %s DROP CONSTRAINT %s, ADD CONSTRAINT %s CHECK (status IN "
                                      "('running', 'done', 'failed', 'refused'))",
                                s->table, q_ident(s->a, old), q_ident(s->a, old)),
                   diags);
}

bool applyrun_history_ready(ApplySession *s, Diags *diags)
{
    if (s->history_exists)
        return history_upgrade(s, diags);
    const char *sql = arena_printf(
        s->a,
        "BEGIN;\n"
        "CREATE SCHEMA IF NOT EXISTS %s;\n"
        "CREATE TABLE IF NOT EXISTS %s (\n"
        "    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
        "    kind text NOT NULL CHECK (kind IN ('apply', 'plan', 'baseline')),\n"
        "    status text NOT NULL CHECK (status IN ('running', 'done', 'failed', 'refused')),\n"
        "    from_fingerprint text,\n"
        "    to_fingerprint text,\n"
        "    sql_checksum text,\n"
        "    groups_total integer NOT NULL DEFAULT 0,\n"
        "    groups_finished integer NOT NULL DEFAULT 0,\n"
        "    started_at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),\n"
        "    finished_at timestamptz,\n"
        "    duration interval GENERATED ALWAYS AS (finished_at - started_at) STORED,\n"
        "    db_user text NOT NULL DEFAULT CURRENT_USER,\n"
        "    os_user text,\n"
        "    client_host text,\n"
        "    schemadiff_version text NOT NULL,\n"
        "    source text,\n"
        "    error text\n"
        ");\n"
        "COMMENT ON TABLE %s IS 'schemadiff apply: one row per apply (schemadiff history --db URL lists it)';\n"
        "COMMIT;",
        q_ident(s->a, SD_OWN_SCHEMA), s->table, s->table);
    if (!command(s, arena_printf(s->a, "creating %s", s->table_name), sql, diags)) {
        command(s, "", "ROLLBACK", NULL);
        return false;
    }
    s->history_exists = true;
    return true;
}

static const char *os_user(Arena *a)
{
    struct passwd *pw = getpwuid(geteuid());
    if (pw && pw->pw_name)
        return arena_strdup(a, pw->pw_name);
    const char *u = getenv("USER");
    return u ? arena_strdup(a, u) : NULL;
}

static const char *host_name(Arena *a)
{
    char buf[256];
    if (gethostname(buf, sizeof buf) != 0)
        return NULL;
    buf[sizeof buf - 1] = '\0';
    return arena_strdup(a, buf);
}

static ApplyRow *row_of(Arena *a, const PGresult *r, int i)
{
    ApplyRow *w = arena_alloc(a, sizeof *w);
    const char **f[] = {&w->id_text, &w->kind, &w->status, &w->from_fp, &w->to_fp, &w->checksum, NULL, NULL,
                        &w->started, &w->finished, &w->duration, &w->db_user, &w->os_user, &w->client_host,
                        &w->version, &w->source, &w->error};
    for (int k = 0; k < (int)(sizeof f / sizeof *f); k++)
        if (f[k] && !PQgetisnull(r, i, k))
            *f[k] = arena_strdup(a, PQgetvalue(r, i, k));
    w->id = atoll(PQgetvalue(r, i, 0));
    w->groups_total = atoi(PQgetvalue(r, i, 6));
    w->groups_finished = atoi(PQgetvalue(r, i, 7));
    return w;
}

#define ROW_COLUMNS                                                                                                \
    "id, kind, status, from_fingerprint, to_fingerprint, sql_checksum, groups_total, groups_finished, "           \
    "to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "                              \
    "to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "                             \
    "round(extract(epoch FROM duration), 3)::text, db_user, os_user, client_host, schemadiff_version, source, "  \
    "error"

PtrVec applyrun_history_close_interrupted(ApplySession *s, Diags *diags)
{
    PtrVec out = {0};
    if (!s->history_exists)
        return out;
    /* we hold the advisory lock: a row still 'running' belongs to an apply
     * whose session ended without finishing it */
    const char *sql = arena_printf(
        s->a,
        "UPDATE %s SET status = 'failed', error = 'interrupted after ' || groups_finished || ' of ' || "
        "groups_total || ' groups (its process or connection ended before it finished); the database holds "
        "every group counted and none half-way' WHERE status = 'running' RETURNING " ROW_COLUMNS,
        s->table);
    PGresult *r = query(s, arena_printf(s->a, "updating %s", s->table_name), sql, 0, NULL, diags);
    if (!r)
        return out;
    for (int i = 0; i < PQntuples(r); i++)
        vec_push(s->a, &out, row_of(s->a, r, i));
    PQclear(r);
    return out;
}

ApplyRow *applyrun_history_last(ApplySession *s, Diags *diags)
{
    if (!s->history_exists)
        return NULL;
    PGresult *r = query(s, arena_printf(s->a, "reading %s", s->table_name),
                        arena_printf(s->a, "SELECT " ROW_COLUMNS " FROM %s WHERE status <> 'refused' ORDER BY id DESC LIMIT 1", s->table), 0,
                        NULL, diags);
    if (!r)
        return NULL;
    ApplyRow *w = PQntuples(r) ? row_of(s->a, r, 0) : NULL;
    PQclear(r);
    return w;
}

const char *applyrun_checksum(ApplySession *s, const char *text, Diags *diags)
{
    (void)diags;
    /* the bytes as given: sha256sum of the file agrees */
    return sha256_hex(s->a, text, strlen(text));
}

bool applyrun_history_begin(ApplySession *s, const ApplyRecord *rec, Diags *diags)
{
    char total[16], done[16];
    snprintf(total, sizeof total, "%d", rec->groups_total);
    snprintf(done, sizeof done, "%d", rec->groups_finished);
    const char *params[] = {rec->kind, rec->status, rec->from_fp, rec->to_fp, rec->checksum, total, done,
                            os_user(s->a), host_name(s->a), SCHEMADIFF_VERSION, rec->source, rec->note};
    const char *sql = arena_printf(
        s->a,
        "INSERT INTO %s (kind, status, from_fingerprint, to_fingerprint, sql_checksum, groups_total, "
        "groups_finished, os_user, client_host, schemadiff_version, source, error, finished_at) "
        "VALUES ($1, $2, $3, $4, $5, $6::integer, $7::integer, $8, $9, $10, $11, $12, "
        "CASE WHEN $2 = 'running' THEN NULL ELSE pg_catalog.clock_timestamp() END) RETURNING id",
        s->table);
    PGresult *r = query(s, arena_printf(s->a, "recording the apply in %s", s->table_name), sql,
                        (int)(sizeof params / sizeof *params), params, diags);
    if (!r)
        return false;
    s->row = atoll(PQgetvalue(r, 0, 0));
    PQclear(r);
    return true;
}

long long applyrun_history_row(const ApplySession *s)
{
    return s->row;
}

bool applyrun_history_end(ApplySession *s, bool done, const char *error, Diags *diags)
{
    if (!s->row || !s->c || PQstatus(s->c) != CONNECTION_OK)
        return false;
    char id[32];
    snprintf(id, sizeof id, "%lld", s->row);
    /* a failed group leaves its transaction aborted: end it first */
    if (PQtransactionStatus(s->c) != PQTRANS_IDLE)
        command(s, "", "ROLLBACK", NULL);
    PGresult *r = query(s, arena_printf(s->a, "updating %s", s->table_name),
                        arena_printf(s->a,
                                     "UPDATE %s SET status = $2, error = $3, finished_at = "
                                     "pg_catalog.clock_timestamp() WHERE id = $1::bigint",
                                     s->table),
                        3, (const char *[]){id, done ? "done" : "failed", error}, diags);
    PQclear(r);
    return r != NULL;
}

/* ---- running the groups ------------------------------------------------------ */

/* Send one statement and wait for it, reporting on stderr while it runs
 * longer than APPLY_PROGRESS_FIRST seconds.  The last result (the error
 * when one failed); NULL when the connection broke. */
static PGresult *run_statement(ApplySession *s, const char *sql, const char *label)
{
    if (!PQsendQuery(s->c, sql))
        return NULL;
    double t0 = timing_clock(), next = t0 + APPLY_PROGRESS_FIRST;
    bool reported = false;
    int fd = PQsocket(s->c);
    while (PQisBusy(s->c)) {
        double now = timing_clock();
        int wait = (int)((next - now) * 1000) + 1;
        struct pollfd p = {fd, POLLIN, 0};
        int rc = poll(&p, 1, wait < 1 ? 1 : wait);
        if (rc > 0 && !PQconsumeInput(s->c))
            break;
        now = timing_clock();
        if (now >= next) {
            fprintf(stderr, "schemadiff: apply: %s: running for %.0f s\n", label, now - t0);
            fflush(stderr);
            reported = true;
            next = now + APPLY_PROGRESS_EVERY;
        }
    }
    PGresult *last = NULL, *r;
    while ((r = PQgetResult(s->c)) != NULL) {
        /* keep the error if there is one, else the last result */
        if (last && PQresultStatus(last) == PGRES_FATAL_ERROR) {
            PQclear(r);
            continue;
        }
        PQclear(last);
        last = r;
    }
    if (reported)
        fprintf(stderr, "schemadiff: apply: %s: finished after %.1f s\n", label, timing_clock() - t0);
    return last;
}

static bool is_lock_timeout(const PGresult *r)
{
    const char *st = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    return st && !strcmp(st, "55P03");
}

/* Raise the row's groups_finished to `k` (never lowers it: a retried
 * change runs groups counted before). */
static PGresult *count_group(ApplySession *s, int k)
{
    char id[32], n[16];
    snprintf(id, sizeof id, "%lld", s->row);
    snprintf(n, sizeof n, "%d", k);
    return PQexecParams(s->c,
                        arena_printf(s->a,
                                     "UPDATE %s SET groups_finished = GREATEST(groups_finished, $2::integer) "
                                     "WHERE id = $1::bigint",
                                     s->table),
                        2, NULL, (const char *[]){id, n}, NULL, NULL, 0);
}

typedef enum { RUN_OK, RUN_LOCK, RUN_FAILED, RUN_LOST } RunResult;

/* Run group g (index gi): a transaction with the counter inside, or one
 * statement then the counter.  On failure *fail is filled. */
static RunResult run_group(ApplySession *s, const ApplyGroup *g, int gi, ApplyFailure *fail)
{
    bool tx = g->transactional;
    if (tx) {
        PGresult *r = run_statement(s, "BEGIN", "BEGIN");
        bool ok = r && ok_status(r);
        PQclear(r);
        if (!ok) {
            fail->statement = "BEGIN;";
            fail->label = "BEGIN";
            fail->message = first_line(s->a, PQerrorMessage(s->c));
            return PQstatus(s->c) == CONNECTION_OK ? RUN_FAILED : RUN_LOST;
        }
    }
    for (int k = 0; k < g->stmts.n; k++) {
        const char *label = g->labels.items[k];
        PGresult *r = run_statement(s, g->stmts.items[k], label);
        if (r && ok_status(r)) {
            PQclear(r);
            continue;
        }
        fail->statement = g->stmts.items[k];
        fail->label = label;
        fail->message = server_report(s->a, s->c, r);
        bool lock = is_lock_timeout(r);
        PQclear(r);
        if (PQstatus(s->c) != CONNECTION_OK)
            return RUN_LOST;
        if (tx)
            command(s, "", "ROLLBACK", NULL);
        return lock ? RUN_LOCK : RUN_FAILED;
    }
    PGresult *r = count_group(s, gi + 1);
    bool ok = ok_status(r);
    if (!ok) {
        fail->statement = "(the history row's groups_finished)";
        fail->label = "recording the group";
        fail->message = server_report(s->a, s->c, r);
    }
    PQclear(r);
    if (!ok) {
        if (PQstatus(s->c) != CONNECTION_OK)
            return RUN_LOST;
        if (tx)
            command(s, "", "ROLLBACK", NULL);
        return RUN_FAILED;
    }
    if (tx) {
        r = run_statement(s, "COMMIT", "COMMIT");
        ok = r && ok_status(r);
        if (!ok) {
            fail->statement = "COMMIT;";
            fail->label = "COMMIT";
            fail->message = server_report(s->a, s->c, r);
        }
        bool lock = is_lock_timeout(r);
        PQclear(r);
        if (!ok) {
            if (PQstatus(s->c) != CONNECTION_OK)
                return RUN_LOST;
            if (PQtransactionStatus(s->c) != PQTRANS_IDLE)
                command(s, "", "ROLLBACK", NULL);
            return lock ? RUN_LOCK : RUN_FAILED;
        }
    }
    return RUN_OK;
}

/* The first group of the change group gi belongs to. */
static int change_start(const ApplyScript *sc, int gi)
{
    const ApplyGroup *g = sc->groups.items[gi];
    if (g->transactional || g->change <= 0)
        return gi;
    while (gi > 0) {
        const ApplyGroup *p = sc->groups.items[gi - 1];
        if (p->transactional || p->change != g->change)
            break;
        gi--;
    }
    return gi;
}

int applyscript_resume_point(const ApplyScript *sc, int finished)
{
    if (finished <= 0)
        return 0;
    if (finished >= sc->groups.n)
        return sc->groups.n;
    return change_start(sc, finished);
}

int applyrun_run(ApplySession *s, const ApplyScript *sc, int first, ApplyFailure *fail)
{
    memset(fail, 0, sizeof *fail);
    for (int i = 0; i < sc->session.n; i++) {
        const char *sql = sc->session.items[i];
        PGresult *r = PQexec(s->c, sql);
        bool ok = ok_status(r);
        if (!ok) {
            fail->statement = sql;
            fail->label = "session setting";
            fail->message = server_report(s->a, s->c, r);
        }
        PQclear(r);
        if (!ok) {
            fail->lost = PQstatus(s->c) != CONNECTION_OK;
            return EXIT_DB;
        }
    }
    int tries = 0;   /* lock-timeout retries of the group that failed */
    int retried_at = -1;
    for (int gi = first; gi < sc->groups.n;) {
        const ApplyGroup *g = sc->groups.items[gi];
        RunResult rr = run_group(s, g, gi, fail);
        if (rr == RUN_OK) {
            gi++;
            continue;
        }
        fail->group = gi;
        if (rr == RUN_LOST) {
            fail->lost = true;
            return EXIT_DB;
        }
        if (rr == RUN_FAILED)
            return EXIT_DB;
        /* lock timeout: try the group (or the change) again, a bounded
         * number of times, pausing longer each time */
        if (retried_at != gi)
            tries = 0;
        retried_at = gi;
        if (tries >= APPLY_LOCK_RETRIES) {
            fail->retries = tries;
            return EXIT_DB;
        }
        long pause = APPLY_RETRY_PAUSE_MS << tries;
        tries++;
        int again = change_start(sc, gi);
        fprintf(stderr, "schemadiff: apply: %s: lock not available (lock_timeout); retry %d of %d in %.1f s%s\n",
                fail->label, tries, APPLY_LOCK_RETRIES, pause / 1000.0,
                again != gi ? " from the first statement of its change" : "");
        fflush(stderr);
        sleep_ms(pause);
        gi = again;
    }
    return EXIT_OK;
}

/* ---- schemadiff history ------------------------------------------------------ */

static void json_field(StrBuf *sb, const char *key, const char *v, bool first)
{
    sb_printf(sb, "%s\"%s\": ", first ? "" : ", ", key);
    planjson_str(sb, v);
}

int applyrun_history_list(Arena *a, const char *url, const char *table_name, bool json, StrBuf *out, Diags *diags)
{
    ApplySession *s = session_new(a, url, table_name, diags);
    if (!s)
        return EXIT_DB;
    int rc = EXIT_OK;
    if (!s->history_exists) {
        if (!json)
            sb_printf(out, "history: no apply recorded on %s (%s does not exist)\n", s->name, s->table_name);
        applyrun_close(s);
        return rc;
    }
    PGresult *r = query(s, arena_printf(a, "reading %s", s->table_name),
                        arena_printf(a, "SELECT " ROW_COLUMNS " FROM %s ORDER BY id", s->table), 0, NULL, diags);
    if (!r) {
        applyrun_close(s);
        return EXIT_DB;
    }
    int n = PQntuples(r);
    if (!json) {
        sb_printf(out, "history of %s (%s): %d appl%s\n", s->name, s->table_name, n, n == 1 ? "y" : "ies");
        if (n)
            sb_printf(out, "%5s  %-8s %-8s %-24s %10s %9s  %-16s    %-16s  %-12s %s\n", "id", "kind", "status",
                      "started (UTC)", "duration", "groups", "from", "to", "checksum", "by");
    }
    for (int i = 0; i < n; i++) {
        ApplyRow *w = row_of(a, r, i);
        if (json) {
            sb_printf(out, "{\"id\": %lld, ", w->id);
            json_field(out, "kind", w->kind, true);
            json_field(out, "status", w->status, false);
            json_field(out, "from_fingerprint", w->from_fp, false);
            json_field(out, "to_fingerprint", w->to_fp, false);
            json_field(out, "sql_checksum", w->checksum, false);
            sb_printf(out, ", \"groups_total\": %d, \"groups_finished\": %d", w->groups_total, w->groups_finished);
            json_field(out, "started_at", w->started, false);
            json_field(out, "finished_at", w->finished, false);
            sb_printf(out, ", \"duration_seconds\": %s", w->duration ? w->duration : "null");
            json_field(out, "db_user", w->db_user, false);
            json_field(out, "os_user", w->os_user, false);
            json_field(out, "client_host", w->client_host, false);
            json_field(out, "schemadiff_version", w->version, false);
            json_field(out, "source", w->source, false);
            json_field(out, "error", w->error, false);
            sb_puts(out, "}\n");
            continue;
        }
        sb_printf(out, "%5lld  %-8s %-8s %-24s %10s %4d/%-4d  %-16s -> %-16s  %-12.12s %s%s%s%s\n", w->id, w->kind,
                  w->status, w->started ? w->started : "", w->duration ? arena_printf(a, "%s s", w->duration) : "-",
                  w->groups_finished, w->groups_total, w->from_fp ? w->from_fp : "-", w->to_fp ? w->to_fp : "-",
                  w->checksum ? w->checksum : "-", w->db_user ? w->db_user : "",
                  w->os_user ? " (os user " : "", w->os_user ? w->os_user : "", w->os_user ? ")" : "");
        if (w->source)
            sb_printf(out, "       source: %s\n", w->source);
        if (w->error)
            sb_printf(out, "       %s: %s\n",
                      !strcmp(w->status, "done") ? "note" : !strcmp(w->status, "refused") ? "refused" : "error",
                      first_line(a, w->error));
    }
    PQclear(r);
    applyrun_close(s);
    return rc;
}
