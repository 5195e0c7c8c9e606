/*
 * verifydata.c — the queries of `verify --data`, run in the catalog read's
 * snapshot.
 *
 * diff/poly.c writes one query per finding (a polymorphic rule's orphans
 * per target type and of unknown types, the rows a NOT VALID foreign key or
 * CHECK would refuse); each returns one row: the exact count and up to five
 * sample keys, newline separated.  They run here, where libpq lives, on the
 * connection the database model was read on (Model.snapshot: the same
 * REPEATABLE READ READ ONLY transaction, so counts and schema agree), each
 * in a savepoint under `SET LOCAL statement_timeout` (the run's statement
 * timeout; 0: none — exact counts read whole tables).  Unlike the plan's
 * pre-flight, a query that fails is not a warning: verify cannot say the
 * data is clean, so the first failure is returned (exit 4) with the
 * server's first line, which holds no connection parameter.
 */
#include "model.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

static const char *first_line(Arena *a, PGconn *conn, PGresult *r)
{
    const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if (!msg || !*msg)
        msg = PQerrorMessage(conn);
    return arena_strndup(a, msg, strcspn(msg, "\n"));
}

const char *verifydata_run(Arena *a, Model *m, PtrVec *findings, const char *timeout)
{
    PGconn *conn = m ? m->snapshot : NULL;
    bool any = false;
    for (int i = 0; i < findings->n; i++)
        any = any || ((DataFinding *)findings->items[i])->query;
    if (!any)
        return NULL;
    if (!conn || PQstatus(conn) != CONNECTION_OK || PQtransactionStatus(conn) != PQTRANS_INTRANS)
        return "the catalog read's transaction is no longer open";
    if (!conn_command_ok(conn, arena_printf(a, "SET LOCAL statement_timeout = %s", q_literal(a, timeout ? timeout : "0"))))
        return first_line(a, conn, NULL);
    for (int i = 0; i < findings->n; i++) {
        DataFinding *f = findings->items[i];
        if (!f->query)
            continue;
        if (!conn_command_ok(conn, "SAVEPOINT schemadiff_verify"))
            return first_line(a, conn, NULL);
        double t0 = timing_clock();
        PGresult *r = PQexec(conn, f->query);
        timing_report("  verify --data %.3f s: %s", timing_clock() - t0, f->message ? f->message : "");
        if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1 || PQnfields(r) != 2) {
            const char *err = arena_printf(a, "the query of \"%s\" (%s) failed: %s", f->message ? f->message : "",
                                           f->table, first_line(a, conn, r));
            PQclear(r);
            return err;
        }
        f->count = atoll(PQgetvalue(r, 0, 0));
        if (!PQgetisnull(r, 0, 1)) {
            const char *s = PQgetvalue(r, 0, 1);
            while (*s) {
                size_t n = strcspn(s, "\n");
                vec_push(a, &f->samples, arena_strndup(a, s, n));
                s += n;
                if (*s)
                    s++;
            }
        }
        PQclear(r);
        conn_command_ok(conn, "RELEASE SAVEPOINT schemadiff_verify");
    }
    return NULL;
}
