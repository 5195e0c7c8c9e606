/*
 * catalog_own.c — schemadiff's own artefacts in a database, between a
 * shadow table's cutover and its cleanup.
 *
 * After shadow.sql's cutover (docs/shadow.md) a database holds, besides the
 * user's schema: the state schema `schemadiff` (never read: USER_NS in
 * parser/catalog.c), the reverse-sync trigger `_schemadiff_rsync` on the
 * new table (never read: its function lives in that schema), and the
 * retained old table `<name>_sdold`, a user-schema table like any other to
 * the catalog, with its indexes, constraints, triggers, policies, grants
 * and owned sequences.  It stays until `CALL schemadiff.cleanup(...)`, so
 * that a rollback loses nothing.  Read as the user's, it would make every
 * plan against the desired schema drop it (data_loss) and verify report it
 * as drift.
 *
 * So the catalog reader asks the state table which old tables are kept:
 * rows of schemadiff.shadow_state with status `cutover`, old_name the old
 * table (a bare name in the row's schema, or a qualified one).  Each such
 * table leaves the model with everything of it: its columns, constraints,
 * indexes, triggers, policies, rules, sequences owned by its columns (and
 * their owner records), statistics objects on it, its partitions and
 * inheritance children, and its membership of publications.  The model
 * records each as a pending cleanup (Model.shadow_pending), which plan,
 * verify and dump mention (emit/pending.c), so the plan right after a
 * cutover is empty and says why the database holds more than it shows.
 *
 * Cost: one query when the state table does not exist (is there one, with
 * the columns read?), two when it does; both in the catalog read's
 * snapshot.  A state table the role may not read is a database error (exit
 * 4): reading on without it would plan dropping the old table.
 */
#include "pg.h"
#include "model.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <string.h>

/* Is there a state table with the columns read here (the layout of
 * docs/shadow.md)?  Asked of the catalog by name, which needs no
 * privilege on the schema (to_regclass() would).  Search path is empty in
 * the catalog snapshot. */
#define OWN_STATE_EXISTS                                                                          \
    "SELECT pg_catalog.count(*) = 5 FROM pg_catalog.pg_attribute a "                              \
    "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "                                           \
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "                                   \
    "WHERE n.nspname = '" SD_OWN_SCHEMA "' AND c.relname = 'shadow_state' AND c.relkind IN ('r', 'p') " \
    "AND a.attnum > 0 AND NOT a.attisdropped "                                                    \
    "AND a.attname IN ('table_schema', 'table_name', 'status', 'old_name', 'shadow_name')"
/* The tables of schemadiff's in the user's schema, as they exist: the old
 * table kept after a cutover (old_name), or the shadow table being built
 * before it or again after a rollback (shadow_name); the row's table, the
 * kept table's schema and name, the status. */
#define OWN_STATE_PENDING                                                                         \
    "SELECT s.table_schema, s.table_name, n.nspname, c.relname, s.status "                        \
    "FROM (SELECT table_schema, table_name, status, CASE WHEN status = 'cutover' THEN old_name "   \
    "      ELSE shadow_name END AS kept FROM " SD_OWN_SCHEMA ".shadow_state "                      \
    "      WHERE status IN ('pending', 'synced', 'conflict', 'migrated', 'validated', 'cutover', " \
    "      'rolled_back')) s "                                                                    \
    "JOIN pg_catalog.pg_class c ON c.relkind IN ('r', 'p') "                                      \
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "                                   \
    "WHERE s.kept IS NOT NULL "                                                                   \
    "AND ((n.nspname = s.table_schema AND c.relname = s.kept) "                                   \
    "OR pg_catalog.format('%I.%I', n.nspname, c.relname) = s.kept) "                              \
    "ORDER BY 1, 2, 3, 4"

static PGresult *own_query(PGconn *conn, Arena *a, const char *name, Diags *diags, const char *sql)
{
    double t0 = timing_clock();
    PGresult *r = PQexec(conn, sql);
    timing_report("  catalog query %-20s %.3f s, %d rows", "shadow state", timing_clock() - t0, PQntuples(r));
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        /* libpq's messages end with a newline; keep the first line (no
         * secret can be in it: parser/conn.c) */
        const char *msg = PQerrorMessage(conn);
        diag_plain(diags, EXIT_DB, "%s: reading " SD_OWN_SCHEMA ".shadow_state failed: %s", name,
                   arena_strndup(a, msg, strcspn(msg, "\n")));
        PQclear(r);
        return NULL;
    }
    return r;
}

static bool same_rel(const char *schema, const char *name, const char *s2, const char *n2)
{
    return s2 && n2 && !strcmp(schema, s2) && !strcmp(name, n2);
}

/* Take a publication's membership of schema.name away (its raw statement
 * is what is compared and printed). */
static void leave_publication(Definition *d, const char *schema, const char *name)
{
    CreatePublicationStmt *st = (CreatePublicationStmt *)d->raw;
    if (!st || !IsA(st, CreatePublicationStmt))
        return;
    List *kept = NIL;
    ListCell *lc;
    foreach (lc, st->pubobjects) {
        PublicationObjSpec *o = lfirst(lc);
        RangeVar *rv = o->pubobjtype == PUBLICATIONOBJ_TABLE && o->pubtable ? o->pubtable->relation : NULL;
        if (!rv || !same_rel(schema, name, rv->schemaname, rv->relname))
            kept = lappend(kept, o);
    }
    st->pubobjects = kept;
}

/* Remove table schema.name from the model with everything of it. */
static void remove_table(Model *m, const char *schema, const char *name, int depth)
{
    Arena *a = m->arena;
    Table *t = model_table(m, schema, name);
    if (!t || depth > 64)
        return;
    for (int i = 0; i < m->objs.n; i++) {
        Obj *o = m->objs.items[i];
        if (!o)
            continue;
        /* its partitions and children first (their own parts with them) */
        if (o->kind == OBJ_TABLE && o != &t->obj && table_is_child_of((Table *)o, schema, name)) {
            remove_table(m, o->schema, o->name, depth + 1);
            continue;
        }
        if (o->kind == OBJ_STATISTICS) {
            CreateStatsStmt *st = (CreateStatsStmt *)((Definition *)o)->raw;
            RangeVar *rv = st && IsA(st, CreateStatsStmt) && st->relations ? linitial(st->relations) : NULL;
            if (rv && IsA(rv, RangeVar) && same_rel(schema, name, rv->schemaname, rv->relname))
                model_remove(m, o);
            continue;
        }
        if (o->kind == OBJ_PUBLICATION) {
            leave_publication((Definition *)o, schema, name);
            continue;
        }
        if (!o->table || !o->schema || strcmp(o->schema, schema) || strcmp(o->table, name))
            continue;
        if (o->kind == OBJ_SEQ_OWNER) {
            Obj *seq = model_lookup(m, OBJ_SEQUENCE, o->schema, NULL, o->name);
            if (seq) {
                model_remove(m, seq);
                map_put(a, &m->relnames, arena_printf(a, "%s.%s", seq->schema, seq->name), NULL);
            }
        }
        if (o->kind == OBJ_CONSTRAINT || o->kind == OBJ_INDEX) {
            const char *k = arena_printf(a, "%s.%s", o->schema, o->name);
            if (map_get(&m->relnames, k) == o)
                map_put(a, &m->relnames, k, NULL);
            if (map_get(&m->connames, k) == o)
                map_put(a, &m->connames, k, NULL);
        }
        model_remove(m, o);
    }
    const char *k = arena_printf(a, "%s.%s", schema, name);
    if (map_get(&m->relnames, k) == &t->obj)
        map_put(a, &m->relnames, k, NULL);
    model_remove(m, &t->obj);
}

int catalog_own_pending(struct pg_conn *conn, Arena *a, Model *m, const char *name, Diags *diags)
{
    int queries = 1;
    PGresult *r = own_query(conn, a, name, diags, OWN_STATE_EXISTS);
    bool exists = r && PQntuples(r) == 1 && !strcmp(PQgetvalue(r, 0, 0), "t");
    PQclear(r);
    if (!exists)
        return queries;
    queries++;
    r = own_query(conn, a, name, diags, OWN_STATE_PENDING);
    if (!r)
        return queries;
    for (int i = 0; i < PQntuples(r); i++) {
        ShadowPending *p = arena_alloc(a, sizeof *p);
        p->schema = arena_strdup(a, PQgetvalue(r, i, 0));
        p->table = arena_strdup(a, PQgetvalue(r, i, 1));
        p->old_schema = arena_strdup(a, PQgetvalue(r, i, 2));
        p->old_name = arena_strdup(a, PQgetvalue(r, i, 3));
        p->status = arena_strdup(a, PQgetvalue(r, i, 4));
        vec_push(a, &m->shadow_pending, p);
        remove_table(m, p->old_schema, p->old_name, 0);
    }
    PQclear(r);
    return queries;
}
