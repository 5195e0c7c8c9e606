/*
 * catalog_size.c — the size in bytes of the tables a plan touches, read
 * after the plan in the catalog read's snapshot.
 *
 * A table's size (pg_total_relation_size: its heap, TOAST and indexes; a
 * partitioned table's leaves summed) feeds the plan's step estimates
 * ("table: 24 kB") and shadow.min_bytes.  The server computes it from the
 * files of the table and of each of its indexes, which it must open first:
 * a relcache entry built per relation, and a lock taken.  In the catalog
 * read that was most of the table query's time (1.85 s of 3.65 s of server
 * time at 1,000 tables on a loaded machine), for numbers a plan with no
 * changes never prints.  So the catalog read keeps only pg_class.reltuples
 * (free: a column) and marks every table's bytes unread
 * (Table.est_bytes_unread); once the plan is known, the driver (src/) asks
 * here for the tables its changes touch (diff/sizes.c chooses them), in
 * one query over the same connection and snapshot the model was read in
 * (Model.snapshot), so the numbers are those the whole read would have
 * given.  A plan with no changes sends nothing.
 *
 * The tables are named by schema and name (two text[] parameters, never
 * spliced into the SQL).  A lock wait is bounded by the read's
 * lock_timeout and reported as the catalog read reports it; a failed
 * query is an EXIT_DB diagnostic (the transaction is then aborted, so the
 * pre-flight queries could not run either).
 */
#include "model.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

/* A text[] literal of one field of each table: {"a","b"}, each element
 * quoted, " and \ escaped. */
static const char *text_array(Arena *a, const PtrVec *tables, bool schema)
{
    StrBuf sb;
    sb_init(&sb);
    sb_putc(&sb, '{');
    for (int i = 0; i < tables->n; i++) {
        const Table *t = tables->items[i];
        const char *s = schema ? (t->obj.schema ? t->obj.schema : "") : t->obj.name;
        sb_puts(&sb, i ? ",\"" : "\"");
        for (; *s; s++) {
            if (*s == '"' || *s == '\\')
                sb_putc(&sb, '\\');
            sb_putc(&sb, *s);
        }
        sb_putc(&sb, '"');
    }
    sb_putc(&sb, '}');
    char *r = sb_take(&sb, a);
    sb_free(&sb);
    return r;
}

int catalog_table_sizes(Arena *a, Model *m, const char *name, const PtrVec *tables, Diags *diags)
{
    if (!m->snapshot || !tables->n)
        return 0;
    double t0 = timing_clock();
    const char *params[2] = {text_array(a, tables, true), text_array(a, tables, false)};
    PGresult *r = PQexecParams(m->snapshot,
        "SELECT u.i, CASE WHEN c.relkind = 'p' THEN (SELECT pg_catalog.sum(pg_catalog.pg_total_relation_size(pt.relid)) "
        "FROM pg_catalog.pg_partition_tree(c.oid) pt WHERE pt.isleaf) ELSE pg_catalog.pg_total_relation_size(c.oid) END "
        "FROM ROWS FROM (pg_catalog.unnest($1::pg_catalog.text[]), pg_catalog.unnest($2::pg_catalog.text[])) "
        "WITH ORDINALITY u(nsp, rel, i) "
        "JOIN pg_catalog.pg_namespace n ON n.nspname = u.nsp "
        "JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = u.rel AND c.relkind IN ('r', 'p', 'f')",
        2, NULL, params, NULL, NULL, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        catalog_result_error(a, diags, name, "table sizes", r, m->snapshot); /* the catalog read's wording */
        PQclear(r);
        return 1;
    }
    for (int i = 0; i < tables->n; i++) {
        Table *t = tables->items[i];
        t->est_bytes = -1;
        t->est_bytes_unread = false;
    }
    for (int k = 0; k < PQntuples(r); k++) {
        long i = strtol(PQgetvalue(r, k, 0), NULL, 10) - 1;
        if (i >= 0 && i < tables->n && !PQgetisnull(r, k, 1))
            ((Table *)tables->items[i])->est_bytes = strtoll(PQgetvalue(r, k, 1), NULL, 10);
    }
    timing_report("  catalog: sizes of %d table%s %.3f s", tables->n, tables->n == 1 ? "" : "s", timing_clock() - t0);
    PQclear(r);
    return 1;
}
