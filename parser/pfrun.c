/*
 * pfrun.c — pre-flight queries against the live current side.
 *
 * The catalog reader (parser/catalog.c) reads a database in one REPEATABLE
 * READ READ ONLY transaction and leaves it open (Model.snapshot), so the
 * pre-flight queries diff/preflight.c wrote see exactly the rows of the
 * state the plan was computed from: no export/import of the snapshot, no
 * second connection, nothing written (the transaction is read-only and is
 * rolled back at the end).  search_path is still the empty one the reader
 * set, so the queries name everything qualified.
 *
 * Each query runs under `SET LOCAL statement_timeout` in a savepoint of its
 * own: one that times out or fails (an expression that raises on some row,
 * a permission missing) is rolled back to its savepoint and reported as a
 * warning on its step, and the others still run.  Each query is capped by
 * its LIMIT (PREFLIGHT_CAP + 1 rows): a step with more rows than the cap
 * says "at least" and the table is not read to the end; duplicate groups
 * need the whole key column hashed or sorted, which the timeout bounds.
 *
 * libpq lives in parser/ only; this file is the one that sends queries that
 * are not catalog reads.  Messages are the server's first line: a query
 * holds no connection parameter, so none can carry a secret.
 */
#include "model.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

static const char *server_message(Arena *a, PGconn *conn, PGresult *r)
{
    const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if (!msg || !*msg)
        msg = PQerrorMessage(conn);
    return arena_strndup(a, msg, strcspn(msg, "\n"));
}

static void run_one(Arena *a, PGconn *conn, Step *st, int cap)
{
    st->pf_count = 0;
    st->pf_capped = false;
    st->pf_samples.n = 0;
    st->pf_error = NULL;
    if (!conn_command_ok(conn, "SAVEPOINT schemadiff_preflight")) {
        st->pf_state = PF_ERROR;
        st->pf_error = server_message(a, conn, NULL);
        return;
    }
    double t0 = timing_clock();
    PGresult *r = PQexec(conn, st->preflight);
    timing_report("  pre-flight %.3f s: %s", timing_clock() - t0, st->preflight_what ? st->preflight_what : "");
    if (PQresultStatus(r) == PGRES_TUPLES_OK) {
        int n = PQntuples(r);
        st->pf_capped = n > cap;
        st->pf_count = n > cap ? cap : n;
        for (int i = 0; i < n && i < PREFLIGHT_SAMPLES; i++)
            vec_push(a, &st->pf_samples, PQgetisnull(r, i, 0) ? NULL : arena_strdup(a, PQgetvalue(r, i, 0)));
        st->pf_state = n ? PF_FAILED : PF_PASSED;
        PQclear(r);
        conn_command_ok(conn, "RELEASE SAVEPOINT schemadiff_preflight");
        return;
    }
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    /* 57014 query_canceled: the statement timeout */
    st->pf_state = state && !strcmp(state, "57014") ? PF_TIMEOUT : PF_ERROR;
    st->pf_error = server_message(a, conn, r);
    PQclear(r);
    conn_command_ok(conn, "ROLLBACK TO SAVEPOINT schemadiff_preflight");
    conn_command_ok(conn, "RELEASE SAVEPOINT schemadiff_preflight");
}

void pfrun_steps(Arena *a, Model *m, PtrVec *steps, const char *timeout, int cap)
{
    PGconn *conn = m ? m->snapshot : NULL;
    if (!conn || !steps->n)
        return;
    const char *set = arena_printf(a, "SET LOCAL statement_timeout = %s", q_literal(a, timeout));
    bool ok = PQstatus(conn) == CONNECTION_OK && PQtransactionStatus(conn) == PQTRANS_INTRANS &&
              conn_command_ok(conn, set);
    const char *why = ok ? NULL : server_message(a, conn, NULL);
    for (int i = 0; i < steps->n; i++) {
        Step *st = steps->items[i];
        if (!ok) {
            st->pf_state = PF_ERROR;
            st->pf_error = why && *why ? why : "the catalog read's transaction is no longer open";
            continue;
        }
        run_one(a, conn, st, cap);
    }
}

void catalog_close(Model *m)
{
    if (!m || !m->snapshot)
        return;
    PGconn *conn = m->snapshot;
    m->snapshot = NULL;
    if (PQstatus(conn) == CONNECTION_OK && PQtransactionStatus(conn) != PQTRANS_IDLE)
        PQclear(PQexec(conn, "ROLLBACK"));
    PQfinish(conn);
}
