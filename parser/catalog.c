/*
 * catalog.c — a live database as a source, read like pg_dump reads it.
 *
 * One query per object kind (never one per object), all inside one
 * REPEATABLE READ READ ONLY transaction so the picture is consistent, with
 * search_path emptied so the server's deparsers (format_type, pg_get_expr,
 * pg_get_constraintdef, pg_get_indexdef, pg_get_viewdef,
 * pg_get_functiondef, pg_get_triggerdef) qualify every name.  The rows are
 * turned into plain DDL (names through schemas/quote.c) and that text goes
 * through the same DDL interpreter as a schema file: one model builder, two
 * sources, so a database built from files plans empty against those files
 * by construction wherever the interpreter normalises.
 *
 * What is read: schemas, extensions (with their version), enum types,
 * domains (with their CHECK constraints), composite types, range types,
 * casts, statistics objects (with their target), sequences,
 * functions, procedures and aggregates, operators, operator families
 * and classes (cat_read_opclasses), rules (cat_read_rules), tables (with row level security), partitioned
 * tables, partitions and inheritance children (see cat_read_tables), views,
 * materialized views (WITH DATA or WITH NO DATA as populated), constraints,
 * indexes (of tables and materialized views), foreign data wrappers,
 * servers, user mappings and foreign tables (cat_read_foreign), text search parsers,
 * templates, dictionaries and configurations, publications, triggers (with their
 * ENABLE/DISABLE state), policies, event triggers, comments, owners (ALTER
 * ... OWNER TO) and privileges: an object's ACL, when not the default, as
 * REVOKE ALL from PUBLIC and the owner then one GRANT per grantee and grant
 * option (the grantor is not kept), column privileges as GRANTs, and
 * ALTER DEFAULT PRIVILEGES.  Roles are named, never created.
 *
 * The text comes in two parts: the objects (c->ddl), then what needs every
 * object to exist (c->late): comments, owners, privileges, partitions
 * attached and inheritance children joined to their parents, constraints
 * (foreign keys last), indexes, triggers, policies, default privileges and,
 * last since they fire on DDL, event triggers.  Schemas, extensions, enums
 * and sequences come first; domains, composite types, functions, tables,
 * views and materialized views follow in dependency order (see Sorted), so
 * that the text, run by psql with check_function_bodies off, rebuilds the
 * schema.
 *
 * What is not the user's schema is left out: system schemas, and objects
 * that belong to an extension (pg_depend deptype 'e'), such as pgvector's
 * types and operators, and functions a type made for itself (deptype 'i').
 * Object kinds the model does not hold yet (window functions,
 * a partition trigger enabled unlike its parent's,
 * virtual generated columns,
 * default privileges on large objects)
 * are reported by name (read_unsupported), as the file reader reports their
 * statements.
 *
 * Catalog differences between servers (15 to 18): from PostgreSQL 18 NOT
 * NULL constraints are rows of pg_constraint (contype 'n'), which are
 * skipped here since attnotnull says the same (and from 17 a domain's NOT
 * NULL, which typnotnull says); attstattarget became nullable in 17; 17
 * added the MAINTAIN privilege (aclexplode names it); 18 added NOT ENFORCED
 * and WITHOUT OVERLAPS constraints and default privileges on large objects,
 * reported as unsupported.
 *
 * The transaction is not ended when the read is done: the model keeps the
 * connection (Model.snapshot) so that the plan's pre-flight queries
 * (parser/pfrun.c) see the same rows as the catalog read; catalog_close()
 * rolls it back.  Each table's row estimate (reltuples; a partitioned
 * table's leaves summed) comes with the table query and goes to the
 * model's Table, for the plan's estimates; its size in bytes
 * (pg_total_relation_size, which opens the table and its indexes) is read
 * later in the same snapshot, for the tables a plan touches only
 * (catalog_table_sizes, parser/catalog_size.c).
 *
 * The queries of each kind family and the text made of their rows are in
 * parser/catalog_types.c (what is not a relation) and parser/catalog_rel.c
 * (relations and what hangs on them); this file holds the read itself and
 * the helpers they share (schemas/model.h, marked internal).
 *
 * SCHEMADIFF_CATALOG_EARLY=1 reads the objects' text early (see
 * read_objects_early) even when every result is already in, =0 never:
 * the tests' way to compare the two reads on any database.
 *
 * SCHEMADIFF_CATALOG_DDL=1 prints the DDL text on stderr, between
 * "-- catalog DDL of NAME" and "-- end of catalog DDL" lines, before it is
 * interpreted (also when unsupported objects stop the reading there).
 *
 * Connection strings, libpq's environment variables and .pgpass work as for
 * any libpq client.  No secret is ever printed: the source is named by its
 * connection string without its secrets, and it is opened through
 * parser/conn.c, which keeps libpq's messages free of them.
 */
#include "model.h"

#include <libpq-fe.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static void cat_error(Cat *c, const char *what, const char *msg)
{
    /* libpq's messages end with a newline; keep the first line.  No
     * message here can hold a secret: see parser/conn.c. */
    size_t len = strcspn(msg, "\n");
    const char *line = arena_strndup(c->a, msg, len);
    diag_plain(c->diags, EXIT_DB, "%s: %s: %s", c->name, what, line);
    c->failed = true;
}

PGresult *cat_query(Cat *c, const char *what, const char *sql)
{
    if (c->failed)
        return NULL;
    c->queries++;
    /* the query is not run here: the engine (parser/catalog_async.c)
     * records it, or hands back the result its pipeline received.  Its
     * text starts with a comment naming it, so that an operator who meets
     * it in pg_stat_activity or the server's log knows what it reads. */
    if (catbatch_recording(c->batch))
        sql = arena_printf(c->a, "/* schemadiff: %s */ %s", what, sql);
    PGresult *r = catbatch_query(c->batch, what, sql);
    if (!r) {
        diag_plain(c->diags, EXIT_INTERNAL, "%s: internal error: the catalog read asked for %s out of the "
                   "order it was recorded in", c->name, what);
        c->failed = true;
        return NULL;
    }
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        catalog_result_error(c->a, c->diags, c->name, what, r, c->conn);
        c->failed = true;
        PQclear(r);
        return NULL;
    }
    return r;
}

void catalog_result_error(Arena *a, Diags *diags, const char *name, const char *what, const struct pg_result *r,
                          struct pg_conn *conn)
{
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    if (state && !strcmp(state, "55P03"))
        what = arena_printf(a, "reading %s waited " CATALOG_LOCK_TIMEOUT " for a lock another session holds (a "
                               "migration running?); try again when it ends", what);
    else
        what = arena_printf(a, "reading %s failed", what);
    /* libpq's messages end with a newline; keep the first line.  No
     * message here can hold a secret: see parser/conn.c. */
    const char *msg = PQresultErrorMessage(r);
    if (!*msg && conn)
        msg = PQerrorMessage(conn);
    diag_plain(diags, EXIT_DB, "%s: %s: %.*s", name, what, (int)strcspn(msg, "\n"), msg);
}

const char *cat_val(PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

void cat_emit(Cat *c, const char *s)
{
    sb_puts(&c->ddl, s);
    sb_putc(&c->ddl, '\n');
}

void cat_emit_late(Cat *c, const char *s)
{
    sb_puts(&c->late, s);
    sb_putc(&c->late, '\n');
}

void cat_comment(Cat *c, const char *text, const char *fmt, ...)
{
    if (!text || !*text)
        return; /* most objects have none: the target is not even formatted */
    va_list ap;
    va_start(ap, fmt);
    const char *target = arena_vprintf(c->a, fmt, ap);
    va_end(ap);
    cat_emit_late(c, arena_printf(c->a, "COMMENT ON %s IS %s;", target, q_literal(c->a, text)));
}


/* The elements of a one-dimensional array in its text form ({a,"b c",NULL});
 * a NULL element is NULL. */
int cat_text_array(Arena *a, const char *s, const char ***out)
{
    PtrVec v = {0};
    if (s && *s == '{') {
        StrBuf sb;
        sb_init(&sb);
        const char *p = s + 1;
        while (*p && *p != '}') {
            bool quoted = *p == '"';
            if (quoted) {
                for (p++; *p && *p != '"'; p++) {
                    if (*p == '\\' && p[1])
                        p++;
                    sb_putc(&sb, *p);
                }
                if (*p)
                    p++;
            } else {
                while (*p && *p != ',' && *p != '}')
                    sb_putc(&sb, *p++);
            }
            char *e = sb_take(&sb, a);
            vec_push(a, &v, !quoted && !strcmp(e, "NULL") ? NULL : e);
            if (*p == ',')
                p++;
        }
        sb_free(&sb);
    }
    *out = (const char **)v.items;
    return v.n;
}

/* A definition the server printed, without trailing blanks and ';'. */
const char *cat_trim_def(Arena *a, const char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t' || s[n - 1] == ';'))
        n--;
    while (n && (*s == ' ' || *s == '\n' || *s == '\t'))
        s++, n--;
    return arena_strndup(a, s, n);
}

const char *cat_grantee(Cat *c, const char *role)
{
    return *role ? q_ident(c->a, role) : "PUBLIC";
}

void cat_owner_to(Cat *c, const char *kind, const char *obj, const char *owner)
{
    if (owner)
        cat_emit_late(c, arena_printf(c->a, "ALTER %s %s OWNER TO %s;", kind, obj, q_ident(c->a, owner)));
}

/* An object's ACL (ACL_GROUPS), after its owner: what PUBLIC and the owner
 * hold by default is revoked, then each grantee's privileges are granted. */
void cat_privileges(Cat *c, const char *kind, const char *obj, const char *owner, const char *acl)
{
    if (!acl)
        return;
    const char **v;
    int n = cat_text_array(c->a, acl, &v);
    cat_emit_late(c, arena_printf(c->a, "REVOKE ALL ON %s %s FROM PUBLIC;", kind, obj));
    cat_emit_late(c, arena_printf(c->a, "REVOKE ALL ON %s %s FROM %s;", kind, obj, q_ident(c->a, owner)));
    for (int i = 0; i + 2 < n; i += 3)
        cat_emit_late(c, arena_printf(c->a, "GRANT %s ON %s %s TO %s%s;", v[i + 1], kind, obj, cat_grantee(c, v[i]),
                                  !strcmp(v[i + 2], "true") ? " WITH GRANT OPTION" : ""));
}

/* A column's ACL: grants only (a column's ACL starts empty), after the
 * table's ACL, whose REVOKE also takes column privileges away. */
void cat_column_privileges(Cat *c, const char *qt, const char *col, const char *acl)
{
    const char **v;
    int n = cat_text_array(c->a, acl, &v);
    for (int i = 0; i + 2 < n; i += 3) {
        StrBuf sb;
        sb_init(&sb);
        sb_puts(&sb, "GRANT ");
        for (const char *p = v[i + 1]; *p;) {
            size_t len = strcspn(p, ",");
            sb_printf(&sb, "%s%.*s (%s)", p == v[i + 1] ? "" : ", ", (int)len, p, col);
            p += len;
            while (*p == ',' || *p == ' ')
                p++;
        }
        sb_printf(&sb, " ON TABLE %s TO %s%s;", qt, cat_grantee(c, v[i]),
                  !strcmp(v[i + 2], "true") ? " WITH GRANT OPTION" : "");
        cat_emit_late(c, sb.data);
        sb_free(&sb);
    }
}

/* The rows [*lo, *hi) of r (ordered by the oid in its first column) that
 * belong to `oid`. */
void cat_rows_of(PGresult *r, const char *oid, int *lo, int *hi)
{
    unsigned long long key = strtoull(oid, NULL, 10);
    int l = 0, h = r ? PQntuples(r) : 0, n = h;
    while (l < h) {
        int m = l + (h - l) / 2;
        if (strtoull(PQgetvalue(r, m, 0), NULL, 10) < key)
            l = m + 1;
        else
            h = m;
    }
    *lo = l;
    while (l < n && strtoull(PQgetvalue(r, l, 0), NULL, 10) == key)
        l++;
    *hi = l;
}

/* Domains, composite types, functions, tables, views and materialized
 * views may need one another (a domain's CHECK calls a function that takes
 * a composite type; a function returns a table's row type; a table's
 * default calls a function; a view reads a view created after it): they are
 * emitted in an order where each follows what it needs, as the server
 * records it in pg_depend, ties broken by oid (creation order).  Keys:
 * "c<oid>" a relation (a table, view or composite type, whose row type
 * stands for it), "t<oid>" a domain, "p<oid>" a function.  A function's
 * body is not a recorded dependency unless it is BEGIN ATOMIC. */
typedef struct Sorted {
    unsigned long long oid;
    const char *key;
    const char **deps;
    int ndeps;
    const char *ddl;
    int state; /* 0 not emitted, 1 on the way, 2 emitted */
} Sorted;


void cat_add_sorted(Cat *c, char kind, const char *oid, const char *deps, const char *ddl)
{
    Sorted *d = arena_alloc(c->a, sizeof *d);
    d->oid = strtoull(oid, NULL, 10);
    d->key = arena_printf(c->a, "%c%s", kind, oid);
    d->ndeps = cat_text_array(c->a, deps, &d->deps);
    d->ddl = ddl;
    vec_push(c->a, &c->sorted, d);
}

static int by_oid(const void *x, const void *y)
{
    const Sorted *a = *(Sorted *const *)x, *b = *(Sorted *const *)y;
    return a->oid < b->oid ? -1 : a->oid > b->oid;
}

static void emit_sorted_one(Cat *c, StrMap *keys, Sorted *d)
{
    if (d->state)
        return; /* emitted, or a cycle: the oid order decides */
    d->state = 1;
    /* what it needs that is emitted here, oldest first */
    Sorted **deps = arena_alloc(c->a, sizeof(Sorted *) * (size_t)(d->ndeps + 1));
    int n = 0;
    for (int i = 0; i < d->ndeps; i++)
        if (d->deps[i] && (deps[n] = map_get(keys, d->deps[i])))
            n++;
    qsort(deps, (size_t)n, sizeof *deps, by_oid);
    for (int i = 0; i < n; i++)
        emit_sorted_one(c, keys, deps[i]);
    d->state = 2;
    cat_emit(c, d->ddl);
}

static void emit_sorted(Cat *c)
{
    if (!c->sorted.n)
        return;
    qsort(c->sorted.items, (size_t)c->sorted.n, sizeof(void *), by_oid);
    StrMap keys = {0};
    map_reserve(c->a, &keys, (size_t)c->sorted.n);
    for (int i = 0; i < c->sorted.n; i++)
        map_put(c->a, &keys, ((Sorted *)c->sorted.items[i])->key, c->sorted.items[i]);
    for (int i = 0; i < c->sorted.n; i++)
        emit_sorted_one(c, &keys, c->sorted.items[i]);
}

static void read_schemas(Cat *c)
{
    PGresult *r = cat_query(c, "schemas",
        "SELECT n.nspname, ds.description, pg_catalog.pg_get_userbyid(n.nspowner), " ACL_GROUPS("n.nspacl") " "
        "FROM pg_catalog.pg_namespace n " DESC_JOIN("n.oid", "0", "pg_catalog.pg_namespace")
        "WHERE " USER_NS " AND " NOT_EXT("pg_catalog.pg_namespace", "n.oid") " ORDER BY 1");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *name = cat_val(r, i, 0), *desc = cat_val(r, i, 1);
        const char *q = q_ident(c->a, name);
        if (strcmp(name, "public") != 0)
            cat_emit(c, arena_printf(c->a, "CREATE SCHEMA %s;", q));
        /* initdb gives public this comment; files and pg_dump leave it out */
        if (desc && !(strcmp(name, "public") == 0 && strcmp(desc, "standard public schema") == 0))
            cat_comment(c, desc, "SCHEMA %s", q);
        cat_owner_to(c, "SCHEMA", q, cat_val(r, i, 2));
        cat_privileges(c, "SCHEMA", q, cat_val(r, i, 2), cat_val(r, i, 3));
    }
    PQclear(r);
}

static void read_extensions(Cat *c)
{
    PGresult *r = cat_query(c, "extensions",
        "SELECT e.extname, n.nspname, e.extversion FROM pg_catalog.pg_extension e "
        "JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' ORDER BY 1");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++)
        cat_emit(c, arena_printf(c->a, "CREATE EXTENSION %s WITH SCHEMA %s VERSION %s;", q_ident(c->a, cat_val(r, i, 0)),
                             q_ident(c->a, cat_val(r, i, 1)), q_literal(c->a, cat_val(r, i, 2))));
    PQclear(r);
}

/* The roles the database has (a plan that grants to or gives objects to
 * a missing role is refused: schemadiff does not create roles). */
static void read_roles(Cat *c, Model *m)
{
    PGresult *r = cat_query(c, "roles",
                            "SELECT rolname, rolname = current_user FROM pg_catalog.pg_roles ORDER BY 1");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        vec_push(c->a, &m->roles, arena_strdup(c->a, cat_val(r, i, 0)));
        if (!strcmp(cat_val(r, i, 1), "t"))
            m->current_user = arena_strdup(c->a, cat_val(r, i, 0));
    }
    m->roles_known = true;
    PQclear(r);
}

/* Object kinds the model does not hold yet are named, not skipped (except
 * in schemas the plan leaves out with --schema / --exclude-schema). */
static void read_unsupported(Cat *c)
{
    /* The catalog queries are many joins over a few thousand rows each: the
     * planner's cost passes jit_above_cost from about 1,000 tables on, and
     * compiling them takes longer than running them (0.4 s of the table
     * query at 1,000 tables).  For this transaction only. */
    PQclear(cat_query(c, "settings", "SELECT pg_catalog.set_config('jit', 'off', true)"));
    /* PostgreSQL 18 features the PostgreSQL 15 grammar cannot say: virtual
     * generated columns (a scan of every pg_attribute row, so only asked of
     * a server that has them), NOT ENFORCED and WITHOUT OVERLAPS constraints */
    const char *pg18 = c->server_version >= 180000 ?
        " UNION ALL SELECT 'virtual generated column', n.nspname || '.' || c.relname || '.' || a.attname, n.nspname"
        "   FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
        "   JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        " WHERE a.attgenerated = 'v' AND NOT a.attisdropped AND " USER_NS
        " UNION ALL SELECT CASE WHEN NOT k.conenforced THEN 'NOT ENFORCED constraint'"
        "   ELSE 'WITHOUT OVERLAPS constraint' END, n.nspname || '.' || t.relname || '.' || k.conname, n.nspname"
        "   FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class t ON t.oid = k.conrelid"
        "   JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace"
        " WHERE (NOT k.conenforced OR k.conperiod) AND " USER_NS
        /* ALTER DEFAULT PRIVILEGES ... ON LARGE OBJECTS is new in 18 */
        " UNION ALL SELECT 'default privileges on large objects', pg_catalog.pg_get_userbyid(d.defaclrole), NULL"
        "   FROM pg_catalog.pg_default_acl d WHERE d.defaclobjtype = 'L'" : "";
    PGresult *r = cat_query(c, "other objects", arena_printf(c->a, "%s%s%s",
        "SELECT kind, name, nsp FROM ("
        /* window functions, less those a type made for itself */
        " SELECT 'window function' AS kind,"
        "   n.nspname || '.' || p.proname AS name, n.nspname AS nsp FROM pg_catalog.pg_proc p"
        "   JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
        " WHERE p.prokind = 'w' AND " USER_NS " AND " NOT_EXT("pg_catalog.pg_proc", "p.oid")
        "   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass"
        "   AND x.objid = p.oid AND x.deptype = 'i')"
        /* a partition's copy of its parent's trigger is made by the parent's
         * CREATE TRIGGER; one enabled differently would be lost */
        " UNION ALL SELECT 'partition trigger enabled unlike its parent''s', n.nspname || '.' || c.relname"
        "   || '.' || g.tgname, n.nspname FROM pg_catalog.pg_trigger g"
        "   JOIN pg_catalog.pg_trigger pg ON pg.oid = g.tgparentid JOIN pg_catalog.pg_class c ON c.oid = g.tgrelid"
        "   JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        " WHERE g.tgenabled <> pg.tgenabled AND " USER_NS,
        pg18, ") u ORDER BY 1, 2"));
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++)
        if (filter_selects(c->filter, cat_val(r, i, 2)))
            diag_plain(c->diags, EXIT_INPUT, "%s: %s (%s) is not supported yet", c->name, cat_val(r, i, 1), cat_val(r, i, 0));
    PQclear(r);
}

/* The objects' text (c->ddl so far: everything up to the tables and
 * views, the larger part of the DDL) is read into the model now, while
 * the server still runs the last queries (constraints and indexes, on the
 * main connection: parser/catalog_async.c), rather than after them; the
 * rest of the text is read at the end, as the same text from where this
 * part ends (ddl_read_generated's `from`), so that the model and every
 * diagnostic are those of reading the whole text at once:
 *   - not read here when nothing is left to wait for (every result in:
 *     a smaller database, where the helper's queries end last, or one
 *     connection), or when the read already failed or reported something
 *     (the end then reads the whole text, or nothing, as it would have);
 *   - this part not read (it does not parse, a statement too deep):
 *     nothing was read, and the end reads the whole text;
 *   - what reading this part said is held in early_diags, and reported
 *     before the rest's only when the rest is read: a rest that does not
 *     parse, or a read that fails after this, means the whole text would
 *     not have been read. */
static void read_objects_early(Cat *c, Model *m)
{
    const char *force = getenv("SCHEMADIFF_CATALOG_EARLY");
    bool early = force && *force ? strcmp(force, "0") != 0 : catbatch_arriving(c->batch);
    if (catbatch_recording(c->batch) || !early || c->failed || diag_any(c->diags) || !c->ddl.len)
        return;
    c->early_len = c->ddl.len;
    c->early = sb_take(&c->ddl, c->a); /* and c->ddl starts again, empty */
    c->early_diags = (Diags){.arena = c->a};
    double t0 = timing_clock();
    catbatch_away(c->batch);
    c->early_read = ddl_read_generated(m, c->name, c->early, 0, &c->early_diags);
    catbatch_back(c->batch);
    timing_report("  catalog: interpret the objects %.3f s, while the last queries run", timing_clock() - t0);
}

/* Every query of the read, in order.  Run twice per database by the engine
 * (parser/catalog_async.c): recording (each cat_query() answers with an
 * empty result, the model is a scratch one), then replaying the results the
 * pipeline received.  A query's text may depend only on the server version
 * and the filter, never on an earlier result: both runs must ask the same. */
static void read_all(Cat *c, Model *m)
{
    /* the engine opened the REPEATABLE READ READ ONLY transaction */
    PGresult *r = cat_query(c, "a snapshot",
        "SELECT pg_catalog.set_config('search_path', '', true), "
        "pg_catalog.set_config('TimeZone', 'UTC', true), "
        /* the sorts of the larger queries (columns, indexes) spilled to
         * disk at 10,000 tables with the default 4MB */
        "pg_catalog.set_config('work_mem', '64MB', true), "
        /* no parallel workers: they are the server's shared pool, and on a
         * busy server (the two connections of a read are two busy
         * backends already) starting them costs more than they save: the
         * read of 10,000 tables took 3.05 s with them, 2.77 s without */
        "pg_catalog.set_config('max_parallel_workers_per_gather', '0', true), "
        /* a size or an expression of a table another session holds in
         * ACCESS EXCLUSIVE (a migration running) waits for its lock:
         * a bounded wait and an error that says so, never a hang */
        "pg_catalog.set_config('lock_timeout', '" CATALOG_LOCK_TIMEOUT "', true)");
    PQclear(r);
    read_unsupported(c);
    read_schemas(c);
    read_extensions(c);
    cat_read_foreign(c);
    read_roles(c, m);
    cat_read_collations(c);
    cat_read_text_search(c);
    cat_read_enums(c);
    cat_read_sequences(c);
    cat_read_relation_parts(c);
    cat_read_domains(c);
    cat_read_composite_types(c);
    cat_read_ranges(c);
    cat_read_functions(c);
    cat_read_operators(c);
    cat_read_tables(c);
    cat_read_views(c);
    emit_sorted(c);
    read_objects_early(c, m);
    cat_read_opclasses(c);
    cat_read_constraints(c);
    cat_read_indexes(c);
    cat_read_statistics(c);
    cat_read_casts(c);
    cat_read_triggers(c);
    cat_read_rules(c);
    cat_read_policies(c);
    cat_read_default_privileges(c);
    cat_read_publications(c);
    cat_read_event_triggers(c);
}

void catalog_read_batch(Arena *a, Model *m, const char *name, struct pg_conn *conn, const char *conn_err,
                        CatBatch *batch, const SourceFilter *filter, Diags *diags, int *queries)
{
    Cat c = {0};
    c.a = a;
    c.diags = diags;
    c.filter = filter;
    c.name = name;
    c.batch = batch;
    c.conn = conn;
    sb_init(&c.ddl);
    sb_init(&c.late);
    if (catbatch_recording(batch)) {
        c.server_version = catbatch_server_version(batch);
        read_all(&c, model_new(a, "recording"));
        PQclear(c.cols);
        PQclear(c.opts);
        PQclear(c.classes);
        sb_free(&c.ddl);
        sb_free(&c.late);
        return;
    }
    if (!c.conn) {
        cat_error(&c, "cannot connect", conn_err);
    } else {
        c.server_version = PQserverVersion(c.conn);
        read_all(&c, m);
        catbatch_done(batch);
    }
    /* the snapshot stays open for the pre-flight queries (parser/pfrun.c)
     * until catalog_close(); a failed read ends it now */
    if (c.conn && !c.failed)
        m->snapshot = c.conn;
    else
        PQfinish(c.conn);
    PQclear(c.cols);
    PQclear(c.opts);
    PQclear(c.classes);
    if (!c.failed) {
        /* the whole text: the part read early (if any), the objects after
         * it, then what needs every object */
        sb_puts(&c.ddl, c.late.data ? c.late.data : "");
        const char *early = c.early ? c.early : "", *rest = c.ddl.data ? c.ddl.data : "";
        const char *debug = getenv("SCHEMADIFF_CATALOG_DDL");
        if (debug && *debug && strcmp(debug, "0") != 0)
            fprintf(stderr, "-- catalog DDL of %s\n%s%s-- end of catalog DDL\n", c.name, early, rest);
        /* the model and any diagnostic point into this text: arena copy */
        if (!diag_any(diags)) {
            double t0 = timing_clock();
            const char *text = c.early ? arena_printf(a, "%s%s", early, rest) : sb_take(&c.ddl, a);
            if (c.early_read) {
                /* the rest, as the whole text from where the early part
                 * ended; that part's diagnostics first, if the rest is read */
                Diags rest = {.arena = a};
                if (ddl_read_generated(m, c.name, text, c.early_len, &rest))
                    diag_append(diags, &c.early_diags);
                diag_append(diags, &rest);
            } else {
                ddl_read_generated(m, c.name, text, 0, diags);
            }
            timing_report("  catalog: interpret %.3f s", timing_clock() - t0);
        }
        /* the old tables a shadow cutover keeps until cleanup are not the user's */
        if (!diag_any(diags))
            c.queries += catalog_own_pending(c.conn, a, m, c.name, diags);
        for (int i = 0; i + 2 < c.estimates.n; i += 3) {
            Table *t = model_table(m, c.estimates.items[i], c.estimates.items[i + 1]);
            if (!t)
                continue;
            const char *rows = c.estimates.items[i + 2];
            t->has_estimate = true;
            t->est_rows = rows ? strtod(rows, NULL) : -1;
            /* the size in bytes is read on demand (catalog_table_sizes) */
            t->est_bytes = -1;
            t->est_bytes_unread = true;
        }
    }
    if (queries)
        *queries = c.queries;
    sb_free(&c.ddl);
    sb_free(&c.late);
}
