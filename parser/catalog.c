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
 * and classes (read_opclasses), rules (read_rules), tables (with row level security), partitioned
 * tables, partitions and inheritance children (see read_tables), views,
 * materialized views (WITH DATA or WITH NO DATA as populated), constraints,
 * indexes (of tables and materialized views), foreign data wrappers,
 * servers, user mappings and foreign tables (read_foreign), text search parsers,
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
 * rolls it back.  Each table's row estimate (reltuples) and size
 * (pg_total_relation_size; a partitioned table's leaves summed) come with
 * the table query and go to the model's Table, for the plan's estimates.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Cat {
    PGconn *conn;
    Arena *a;
    Diags *diags;
    const char *name;   /* the URL without its password */
    int server_version;
    int queries;
    StrBuf ddl;         /* the objects: schemas, extensions, types, sequences,
                         * functions, tables, views */
    StrBuf late;        /* what needs every object: owners, privileges, comments,
                         * constraints, indexes, triggers, policies */
    PGresult *cols;     /* columns of tables, views and composite types (read_relation_parts) */
    PGresult *opts;     /* storage parameters of tables and views (read_relation_parts) */
    PtrVec sorted;      /* Sorted: types, functions, tables and views, emitted in
                         * dependency order */
    const SourceFilter *filter;
    PtrVec estimates;   /* per table: schema, name, reltuples, bytes (text or NULL) */
    bool failed;
    CatBatch *batch;    /* the queries recorded, or their results (parser/catalog_async.c) */
} Cat;

/* How long the catalog read waits for a table lock (sizes and expressions
 * open the table) before it fails with a database error. */
#define CATALOG_LOCK_TIMEOUT "30s"

static void cat_error(Cat *c, const char *what, const char *msg)
{
    /* libpq's messages end with a newline; keep the first line.  No
     * message here can hold a secret: see parser/conn.c. */
    size_t len = strcspn(msg, "\n");
    const char *line = arena_strndup(c->a, msg, len);
    diag_plain(c->diags, EXIT_DB, "%s: %s: %s", c->name, what, line);
    c->failed = true;
}

static PGresult *cat_query(Cat *c, const char *what, const char *sql)
{
    if (c->failed)
        return NULL;
    c->queries++;
    /* the query is not run here: the engine (parser/catalog_async.c)
     * records it, or hands back the result its pipeline received */
    PGresult *r = catbatch_query(c->batch, what, sql);
    if (!r) {
        diag_plain(c->diags, EXIT_INTERNAL, "%s: internal error: the catalog read asked for %s out of the "
                   "order it was recorded in", c->name, what);
        c->failed = true;
        return NULL;
    }
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        if (state && !strcmp(state, "55P03"))
            what = arena_printf(c->a, "reading %s waited " CATALOG_LOCK_TIMEOUT " for a lock another session "
                                "holds (a migration running?); try again when it ends", what);
        else
            what = arena_printf(c->a, "reading %s failed", what);
        const char *msg = PQresultErrorMessage(r);
        cat_error(c, what, *msg || !c->conn ? msg : PQerrorMessage(c->conn));
        PQclear(r);
        return NULL;
    }
    return r;
}

static const char *val(PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

static void emit(Cat *c, const char *s)
{
    sb_puts(&c->ddl, s);
    sb_putc(&c->ddl, '\n');
}

static void emit_late(Cat *c, const char *s)
{
    sb_puts(&c->late, s);
    sb_putc(&c->late, '\n');
}

static void comment(Cat *c, const char *target, const char *text)
{
    if (text && *text)
        emit_late(c, arena_printf(c->a, "COMMENT ON %s IS %s;", target, q_literal(c->a, text)));
}

/* Objects in these schemas, or members of an extension, are not the user's;
 * nor is schemadiff's own schema (SD_OWN_SCHEMA: apply's history, the
 * shadow-table phases' state and functions). */
#define USER_NS "n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' AND n.nspname <> 'schemadiff'"
/* The comment of an object, joined (obj_description() runs a query per row). */
#define DESC_JOIN(oid, subid, catalog)                                                            \
    "LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = " oid " AND ds.objsubid = " subid        \
    " AND ds.classoid = '" catalog "'::pg_catalog.regclass "
#define NOT_EXT(classid, oid)                                                                     \
    "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = '" classid                \
    "'::pg_catalog.regclass AND x.objid = " oid " AND x.deptype = 'e')"
/* An ACL as a text[] of (grantee, privileges, grantable) triples: one per
 * grantee and grant option, grantee '' for PUBLIC, privileges in the ACL's
 * order ("SELECT, UPDATE").  NULL for the default ACL, '{}' for an ACL that
 * grants nothing.  The grantor is not read. */
#define ACL_GROUPS(acl)                                                                           \
    "CASE WHEN " acl " IS NOT NULL THEN COALESCE((SELECT pg_catalog.array_agg(u.v ORDER BY g.o, u.k) " \
    "FROM (SELECT e.grantee, e.is_grantable, pg_catalog.min(e.o) AS o, "                           \
    "pg_catalog.string_agg(e.privilege_type, ', ' ORDER BY e.o) AS privs "                         \
    "FROM pg_catalog.aclexplode(" acl ") WITH ORDINALITY e(grantor, grantee, privilege_type, is_grantable, o) " \
    "GROUP BY e.grantee, e.is_grantable) g LEFT JOIN pg_catalog.pg_roles gr ON gr.oid = g.grantee, " \
    "LATERAL (VALUES (1, COALESCE(gr.rolname::text, '')), (2, g.privs), (3, g.is_grantable::text)) u(k, v)), " \
    "'{}') END"
#define REGCLASS(name) "'pg_catalog." name "'::pg_catalog.regclass"

/* The elements of a one-dimensional array in its text form ({a,"b c",NULL});
 * a NULL element is NULL. */
static int text_array(Arena *a, const char *s, const char ***out)
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
static const char *trim_def(Arena *a, const char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t' || s[n - 1] == ';'))
        n--;
    while (n && (*s == ' ' || *s == '\n' || *s == '\t'))
        s++, n--;
    return arena_strndup(a, s, n);
}

static const char *grantee(Cat *c, const char *role)
{
    return *role ? q_ident(c->a, role) : "PUBLIC";
}

static void owner_to(Cat *c, const char *kind, const char *obj, const char *owner)
{
    if (owner)
        emit_late(c, arena_printf(c->a, "ALTER %s %s OWNER TO %s;", kind, obj, q_ident(c->a, owner)));
}

/* An object's ACL (ACL_GROUPS), after its owner: what PUBLIC and the owner
 * hold by default is revoked, then each grantee's privileges are granted. */
static void privileges(Cat *c, const char *kind, const char *obj, const char *owner, const char *acl)
{
    if (!acl)
        return;
    const char **v;
    int n = text_array(c->a, acl, &v);
    emit_late(c, arena_printf(c->a, "REVOKE ALL ON %s %s FROM PUBLIC;", kind, obj));
    emit_late(c, arena_printf(c->a, "REVOKE ALL ON %s %s FROM %s;", kind, obj, q_ident(c->a, owner)));
    for (int i = 0; i + 2 < n; i += 3)
        emit_late(c, arena_printf(c->a, "GRANT %s ON %s %s TO %s%s;", v[i + 1], kind, obj, grantee(c, v[i]),
                                  !strcmp(v[i + 2], "true") ? " WITH GRANT OPTION" : ""));
}

/* A column's ACL: grants only (a column's ACL starts empty), after the
 * table's ACL, whose REVOKE also takes column privileges away. */
static void column_privileges(Cat *c, const char *qt, const char *col, const char *acl)
{
    const char **v;
    int n = text_array(c->a, acl, &v);
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
        sb_printf(&sb, " ON TABLE %s TO %s%s;", qt, grantee(c, v[i]),
                  !strcmp(v[i + 2], "true") ? " WITH GRANT OPTION" : "");
        emit_late(c, sb.data);
        sb_free(&sb);
    }
}

/* The rows [*lo, *hi) of r (ordered by the oid in its first column) that
 * belong to `oid`. */
static void rows_of(PGresult *r, const char *oid, int *lo, int *hi)
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

/* What an object needs, as the keys above: the pg_depend rows of the
 * objects (classid, objid) that `objs` selects (the object and its parts:
 * a table's defaults, a view's rules, a domain's constraints) that name a
 * function, a relation, or a type (an array type stands for its element
 * type, a row type for its relation).  Each part is an index probe. */
#define DEPS(objs)                                                                                \
    "ARRAY(SELECT DISTINCT CASE WHEN d.refclassid = " REGCLASS("pg_proc") " THEN 'p' || d.refobjid::text " \
    "WHEN d.refclassid = " REGCLASS("pg_class") " THEN 'c' || d.refobjid::text "                    \
    "WHEN COALESCE(NULLIF(dt.typrelid, 0), de.typrelid, 0) <> 0 "                                  \
    "THEN 'c' || COALESCE(NULLIF(dt.typrelid, 0), de.typrelid)::text "                             \
    "ELSE 't' || COALESCE(de.oid, dt.oid)::text END FROM (" objs ") o(classid, objid) "            \
    "JOIN pg_catalog.pg_depend d ON d.classid = o.classid AND d.objid = o.objid "                  \
    "LEFT JOIN pg_catalog.pg_type dt ON d.refclassid = " REGCLASS("pg_type") " AND dt.oid = d.refobjid " \
    "LEFT JOIN pg_catalog.pg_type de ON de.oid = dt.typelem AND de.typarray = dt.oid "              \
    "WHERE d.deptype = 'n' AND d.refclassid IN (" REGCLASS("pg_proc") ", " REGCLASS("pg_class") ", "  \
    REGCLASS("pg_type") "))"
#define CLASSID(name) REGCLASS(name) "::pg_catalog.oid"

static void add_sorted(Cat *c, char kind, const char *oid, const char *deps, const char *ddl)
{
    Sorted *d = arena_alloc(c->a, sizeof *d);
    d->oid = strtoull(oid, NULL, 10);
    d->key = arena_printf(c->a, "%c%s", kind, oid);
    d->ndeps = text_array(c->a, deps, &d->deps);
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
    emit(c, d->ddl);
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
        const char *name = val(r, i, 0), *desc = val(r, i, 1);
        const char *q = q_ident(c->a, name);
        if (strcmp(name, "public") != 0)
            emit(c, arena_printf(c->a, "CREATE SCHEMA %s;", q));
        /* initdb gives public this comment; files and pg_dump leave it out */
        if (desc && !(strcmp(name, "public") == 0 && strcmp(desc, "standard public schema") == 0))
            comment(c, arena_printf(c->a, "SCHEMA %s", q), desc);
        owner_to(c, "SCHEMA", q, val(r, i, 2));
        privileges(c, "SCHEMA", q, val(r, i, 2), val(r, i, 3));
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
        emit(c, arena_printf(c->a, "CREATE EXTENSION %s WITH SCHEMA %s VERSION %s;", q_ident(c->a, val(r, i, 0)),
                             q_ident(c->a, val(r, i, 1)), q_literal(c->a, val(r, i, 2))));
    PQclear(r);
}

/* OPTIONS (...) of a generic options array (name=value text[]); "" for
 * none. */
static const char *generic_options(Cat *c, const char *arr)
{
    const char **v;
    int n = arr ? text_array(c->a, arr, &v) : 0;
    StrBuf sb;
    sb_init(&sb);
    for (int k = 0; k < n; k++) {
        const char *eq = v[k] ? strchr(v[k], '=') : NULL;
        const char *name = eq ? arena_strndup(c->a, v[k], (size_t)(eq - v[k])) : NULL;
        /* a secret's value is not read into the text: only its presence counts */
        if (eq)
            sb_printf(&sb, "%s%s %s", sb.len ? ", " : " OPTIONS (", q_ident(c->a, name),
                      q_literal(c->a, foreign_is_secret(name) ? "********" : eq + 1));
    }
    if (sb.len)
        sb_putc(&sb, ')');
    const char *s = sb.len ? sb_take(&sb, c->a) : "";
    sb_free(&sb);
    return s;
}

/* Foreign data wrappers (not an extension's: postgres_fdw's is the
 * extension's), servers and user mappings (rows of kind '1', '2', '3'), in one query, right after the
 * extensions that may provide the wrappers.  A user mapping's options are
 * NULL in pg_user_mappings for who may not see them (not a superuser, not
 * a member of the server's owner, not the mapped user with USAGE on the
 * server, as the view decides): the
 * mapping is then marked as having hidden options (parser/foreign.c), which
 * are not compared. */
static void read_foreign(Cat *c)
{
    PGresult *r = cat_query(c, "foreign data",
        "SELECT '1', w.fdwname, CASE WHEN w.fdwhandler <> 0 THEN w.fdwhandler::pg_catalog.regproc::text END, "
        " CASE WHEN w.fdwvalidator <> 0 THEN w.fdwvalidator::pg_catalog.regproc::text END, NULL, w.fdwoptions, "
        " pg_catalog.pg_get_userbyid(w.fdwowner), " ACL_GROUPS("w.fdwacl") ", ds.description, w.oid "
        "FROM pg_catalog.pg_foreign_data_wrapper w " DESC_JOIN("w.oid", "0", "pg_catalog.pg_foreign_data_wrapper")
        "WHERE " NOT_EXT("pg_catalog.pg_foreign_data_wrapper", "w.oid")
        " UNION ALL SELECT '2', s.srvname, w.fdwname, s.srvtype, s.srvversion, s.srvoptions, "
        " pg_catalog.pg_get_userbyid(s.srvowner), " ACL_GROUPS("s.srvacl") ", ds.description, s.oid "
        "FROM pg_catalog.pg_foreign_server s JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw "
        DESC_JOIN("s.oid", "0", "pg_catalog.pg_foreign_server")
        "WHERE " NOT_EXT("pg_catalog.pg_foreign_server", "s.oid")
        " UNION ALL SELECT '3', u.srvname, CASE WHEN u.umuser <> 0 THEN u.usename::text END, "
        " CASE WHEN u.umoptions IS NULL AND NOT (u.umuser <> 0 AND u.umuser = (SELECT oid FROM pg_catalog.pg_roles "
        "  WHERE rolname = CURRENT_USER) AND pg_catalog.has_server_privilege(s.oid, 'USAGE') "
        "  OR (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = CURRENT_USER) "
        "  OR pg_catalog.pg_has_role(s.srvowner, 'USAGE')) THEN 't' END, NULL, u.umoptions, NULL, NULL, NULL, u.umid "
        "FROM pg_catalog.pg_user_mappings u JOIN pg_catalog.pg_foreign_server s ON s.oid = u.srvid "
        "ORDER BY 1, 2, 3");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        char kind = *val(r, i, 0);
        const char *q = q_ident(c->a, val(r, i, 1)), *opts = generic_options(c, val(r, i, 5));
        if (kind == '1') {
            emit(c, arena_printf(c->a, "CREATE FOREIGN DATA WRAPPER %s%s%s%s%s%s;", q, val(r, i, 2) ? " HANDLER " : "",
                                 val(r, i, 2) ? val(r, i, 2) : "", val(r, i, 3) ? " VALIDATOR " : "",
                                 val(r, i, 3) ? val(r, i, 3) : "", opts));
        } else if (kind == '2') {
            emit(c, arena_printf(c->a, "CREATE SERVER %s%s%s%s%s FOREIGN DATA WRAPPER %s%s;", q,
                                 val(r, i, 3) ? " TYPE " : "", val(r, i, 3) ? q_literal(c->a, val(r, i, 3)) : "",
                                 val(r, i, 4) ? " VERSION " : "", val(r, i, 4) ? q_literal(c->a, val(r, i, 4)) : "",
                                 q_ident(c->a, val(r, i, 2)), opts));
        } else {
            emit(c, arena_printf(c->a, "CREATE USER MAPPING FOR %s SERVER %s%s;",
                                 val(r, i, 2) ? q_ident(c->a, val(r, i, 2)) : "PUBLIC", q,
                                 val(r, i, 3) ? " OPTIONS (\"\001hidden\" '')" : opts));
            continue;
        }
        const char *what = kind == '1' ? "FOREIGN DATA WRAPPER" : "SERVER";
        owner_to(c, what, q, val(r, i, 6));
        privileges(c, kind == '1' ? "FOREIGN DATA WRAPPER" : "FOREIGN SERVER", q, val(r, i, 6), val(r, i, 7));
        comment(c, arena_printf(c->a, "%s %s", what, q), val(r, i, 8));
    }
    PQclear(r);
}

/* User collations: CREATE COLLATION with the provider and locale(s);
 * PostgreSQL 17 renamed colliculocale to colllocale. */
static void read_collations(Cat *c)
{
    const char *icu = c->server_version >= 170000 ? "co.colllocale" : "co.colliculocale";
    PGresult *r = cat_query(c, "collations", arena_printf(c->a,
        "SELECT n.nspname, co.collname, co.collprovider, co.collcollate, co.collctype, %s, "
        "co.collisdeterministic, ds.description, pg_catalog.pg_get_userbyid(co.collowner), co.collencoding "
        "FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace n ON n.oid = co.collnamespace "
        DESC_JOIN("co.oid", "0", "pg_catalog.pg_collation")
        "WHERE " USER_NS " AND " NOT_EXT("pg_catalog.pg_collation", "co.oid") " ORDER BY 1, 2", icu));
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        if (!filter_selects(c->filter, val(r, i, 0)))
            continue;
        const char *q = q_qual(c->a, val(r, i, 0), val(r, i, 1));
        bool is_icu = val(r, i, 2)[0] == 'i';
        const char *what = is_icu
            ? arena_printf(c->a, "provider = icu, locale = %s", q_literal(c->a, val(r, i, 5) ? val(r, i, 5) : ""))
            : arena_printf(c->a, "provider = libc, lc_collate = %s, lc_ctype = %s",
                           q_literal(c->a, val(r, i, 3) ? val(r, i, 3) : ""),
                           q_literal(c->a, val(r, i, 4) ? val(r, i, 4) : ""));
        /* a copy of C or POSIX keeps their "any encoding" (-1): only FROM makes one */
        if (!is_icu && !strcmp(val(r, i, 9), "-1") && val(r, i, 3) && val(r, i, 4) &&
            !strcmp(val(r, i, 3), val(r, i, 4)) && (!strcmp(val(r, i, 3), "C") || !strcmp(val(r, i, 3), "POSIX")))
            emit(c, arena_printf(c->a, "CREATE COLLATION %s FROM pg_catalog.%s;", q, q_ident(c->a, val(r, i, 3))));
        else
            emit(c, arena_printf(c->a, "CREATE COLLATION %s (%s%s);", q, what,
                                 val(r, i, 6)[0] == 'f' ? ", deterministic = false" : ""));
        comment(c, arena_printf(c->a, "COLLATION %s", q), val(r, i, 7));
        owner_to(c, "COLLATION", q, val(r, i, 8));
    }
    PQclear(r);
}

/* Text search parsers, templates, dictionaries and configurations (with
 * their mappings: token, dictionary schema, dictionary name, ... in token
 * and sequence order), in that order; the DDL is written by
 * parser/textsearch.c. */
#define TS_DESC(cls, oid) \
    "(SELECT dsc.description FROM pg_catalog.pg_description dsc WHERE dsc.objoid = " oid " AND dsc.objsubid = 0 " \
    "AND dsc.classoid = 'pg_catalog." cls "'::pg_catalog.regclass)"
static void read_text_search(Cat *c)
{
    PGresult *r = cat_query(c, "text search objects",
        "SELECT * FROM ("
        "SELECT 'p' AS k, n.nspname, p.prsname AS name, NULL::name, NULL::name, p.prsstart::pg_catalog.regproc::text, "
        "p.prstoken::pg_catalog.regproc::text, p.prsend::pg_catalog.regproc::text, "
        "p.prslextype::pg_catalog.regproc::text, "
        "CASE WHEN p.prsheadline <> 0 THEN p.prsheadline::pg_catalog.regproc::text END, NULL::text[], "
        TS_DESC("pg_ts_parser", "p.oid") ", NULL::name "
        "FROM pg_catalog.pg_ts_parser p JOIN pg_catalog.pg_namespace n ON n.oid = p.prsnamespace "
        "WHERE " USER_NS " AND " NOT_EXT("pg_catalog.pg_ts_parser", "p.oid")
        " UNION ALL SELECT 't', n.nspname, t.tmplname, NULL, NULL, "
        "CASE WHEN t.tmplinit <> 0 THEN t.tmplinit::pg_catalog.regproc::text END, "
        "t.tmpllexize::pg_catalog.regproc::text, NULL, NULL, NULL, NULL, " TS_DESC("pg_ts_template", "t.oid") ", NULL "
        "FROM pg_catalog.pg_ts_template t JOIN pg_catalog.pg_namespace n ON n.oid = t.tmplnamespace "
        "WHERE " USER_NS " AND " NOT_EXT("pg_catalog.pg_ts_template", "t.oid")
        " UNION ALL SELECT 'd', n.nspname, d.dictname, tn.nspname, t.tmplname, d.dictinitoption, NULL, NULL, NULL, "
        "NULL, NULL, " TS_DESC("pg_ts_dict", "d.oid") ", pg_catalog.pg_get_userbyid(d.dictowner) "
        "FROM pg_catalog.pg_ts_dict d JOIN pg_catalog.pg_namespace n ON n.oid = d.dictnamespace "
        "JOIN pg_catalog.pg_ts_template t ON t.oid = d.dicttemplate "
        "JOIN pg_catalog.pg_namespace tn ON tn.oid = t.tmplnamespace "
        "WHERE " USER_NS " AND " NOT_EXT("pg_catalog.pg_ts_dict", "d.oid")
        " UNION ALL SELECT 'm', n.nspname, c.cfgname, pn.nspname, p.prsname, NULL, NULL, NULL, NULL, NULL, "
        "(SELECT pg_catalog.array_agg(u.v ORDER BY m.maptokentype, m.mapseqno, u.k) "
        " FROM pg_catalog.pg_ts_config_map m JOIN pg_catalog.pg_ts_dict d ON d.oid = m.mapdict "
        " JOIN pg_catalog.pg_namespace dn ON dn.oid = d.dictnamespace, "
        " LATERAL (VALUES (1, (SELECT tt.alias FROM pg_catalog.ts_token_type(c.cfgparser) tt "
        "   WHERE tt.tokid = m.maptokentype)), (2, dn.nspname::text), (3, d.dictname::text)) u(k, v) "
        " WHERE m.mapcfg = c.oid), "
        TS_DESC("pg_ts_config", "c.oid") ", pg_catalog.pg_get_userbyid(c.cfgowner) "
        "FROM pg_catalog.pg_ts_config c JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace "
        "JOIN pg_catalog.pg_ts_parser p ON p.oid = c.cfgparser "
        "JOIN pg_catalog.pg_namespace pn ON pn.oid = p.prsnamespace "
        "WHERE " USER_NS " AND " NOT_EXT("pg_catalog.pg_ts_config", "c.oid")
        ") u ORDER BY pg_catalog.strpos('ptdm', k), 2, 3");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        if (!filter_selects(c->filter, val(r, i, TS_SCHEMA)))
            continue;
        const char *v[TS_NCOLS];
        for (int k = 0; k < TS_NCOLS; k++)
            v[k] = val(r, i, k);
        if (v[TS_KIND][0] == 'm')
            v[TS_KIND] = "c";
        const char **maps;
        int n = text_array(c->a, v[TS_MAPS], &maps);
        emit(c, textsearch_catalog_sql(c->a, v, maps, n));
    }
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
        vec_push(c->a, &m->roles, arena_strdup(c->a, val(r, i, 0)));
        if (!strcmp(val(r, i, 1), "t"))
            m->current_user = arena_strdup(c->a, val(r, i, 0));
    }
    m->roles_known = true;
    PQclear(r);
}

static void read_enums(Cat *c)
{
    PGresult *r = cat_query(c, "enum types",
        "SELECT n.nspname, t.typname, e.enumlabel, ds.description, pg_catalog.pg_get_userbyid(t.typowner), "
        ACL_GROUPS("t.typacl") " "
        "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
        "LEFT JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid " DESC_JOIN("t.oid", "0", "pg_catalog.pg_type")
        "WHERE t.typtype = 'e' AND " USER_NS " AND " NOT_EXT("pg_catalog.pg_type", "t.oid")
        " ORDER BY n.nspname, t.typname, e.enumsortorder");
    if (!r)
        return;
    int n = PQntuples(r);
    for (int i = 0; i < n;) {
        const char *schema = val(r, i, 0), *type = val(r, i, 1), *desc = val(r, i, 3);
        StrBuf labels;
        sb_init(&labels);
        int j = i;
        for (; j < n && !strcmp(val(r, j, 0), schema) && !strcmp(val(r, j, 1), type); j++)
            if (val(r, j, 2)) /* NULL: an enum without labels */
                sb_printf(&labels, "%s%s", j > i ? ", " : "", q_literal(c->a, val(r, j, 2)));
        const char *qt = q_qual(c->a, schema, type);
        emit(c, arena_printf(c->a, "CREATE TYPE %s AS ENUM (%s);", qt, labels.data ? labels.data : ""));
        sb_free(&labels);
        comment(c, arena_printf(c->a, "TYPE %s", qt), desc);
        owner_to(c, "TYPE", qt, val(r, i, 4));
        privileges(c, "TYPE", qt, val(r, i, 4), val(r, i, 5));
        i = j;
    }
    PQclear(r);
}

/* Domains: one row per CHECK constraint (or one without).  From 17 a
 * domain's NOT NULL is also a pg_constraint row (contype 'n'); typnotnull
 * says the same, so only contype 'c' is read.  A constraint added NOT VALID
 * cannot be written inside CREATE DOMAIN: it follows as ALTER DOMAIN. */
static void read_domains(Cat *c)
{
    PGresult *r = cat_query(c, "domains",
        "SELECT t.oid, n.nspname, t.typname, pg_catalog.format_type(t.typbasetype, t.typtypmod), "
        "CASE WHEN t.typcollation <> bt.typcollation THEN cn.nspname END, "
        "CASE WHEN t.typcollation <> bt.typcollation THEN co.collname END, "
        "pg_catalog.pg_get_expr(t.typdefaultbin, 0), t.typnotnull, ds.description, "
        "pg_catalog.pg_get_userbyid(t.typowner), " ACL_GROUPS("t.typacl") ", "
        "k.conname, pg_catalog.pg_get_constraintdef(k.oid), k.convalidated, kd.description, "
        DEPS("SELECT " CLASSID("pg_type") ", t.oid UNION ALL SELECT " CLASSID("pg_constraint") ", dk.oid "
             "FROM pg_catalog.pg_constraint dk WHERE dk.contypid = t.oid") " "
        "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
        "JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype "
        "LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation "
        "LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace "
        DESC_JOIN("t.oid", "0", "pg_catalog.pg_type")
        "LEFT JOIN pg_catalog.pg_constraint k ON k.contypid = t.oid AND k.contype = 'c' "
        "LEFT JOIN pg_catalog.pg_description kd ON kd.objoid = k.oid AND kd.objsubid = 0 "
        "AND kd.classoid = " REGCLASS("pg_constraint") " "
        "WHERE t.typtype = 'd' AND " USER_NS " AND " NOT_EXT("pg_catalog.pg_type", "t.oid")
        " ORDER BY t.oid, k.conname");
    if (!r)
        return;
    int n = PQntuples(r);
    for (int i = 0; i < n;) {
        const char *qd = q_qual(c->a, val(r, i, 1), val(r, i, 2));
        StrBuf sb, after;
        sb_init(&sb);
        sb_init(&after);
        sb_printf(&sb, "CREATE DOMAIN %s AS %s", qd, val(r, i, 3));
        if (val(r, i, 5))
            sb_printf(&sb, " COLLATE %s", q_qual(c->a, val(r, i, 4), val(r, i, 5)));
        if (val(r, i, 6))
            sb_printf(&sb, " DEFAULT %s", val(r, i, 6));
        if (!strcmp(val(r, i, 7), "t"))
            sb_puts(&sb, " NOT NULL");
        int j = i;
        for (; j < n && !strcmp(val(r, j, 0), val(r, i, 0)); j++) {
            if (!val(r, j, 11))
                continue;
            const char *qk = q_ident(c->a, val(r, j, 11));
            if (!strcmp(val(r, j, 13), "t"))
                sb_printf(&sb, " CONSTRAINT %s %s", qk, val(r, j, 12));
            else
                sb_printf(&after, "ALTER DOMAIN %s ADD CONSTRAINT %s %s;\n", qd, qk, val(r, j, 12));
            comment(c, arena_printf(c->a, "CONSTRAINT %s ON DOMAIN %s", qk, qd), val(r, j, 14));
        }
        sb_putc(&sb, ';');
        if (after.len) {
            after.data[--after.len] = '\0';
            sb_printf(&sb, "\n%s", after.data);
        }
        add_sorted(c, 't', val(r, i, 0), val(r, i, 15), sb_take(&sb, c->a));
        sb_free(&sb);
        sb_free(&after);
        comment(c, arena_printf(c->a, "DOMAIN %s", qd), val(r, i, 8));
        owner_to(c, "DOMAIN", qd, val(r, i, 9));
        privileges(c, "DOMAIN", qd, val(r, i, 9), val(r, i, 10));
        i = j;
    }
    PQclear(r);
}

/* The columns of every relation read here, and the storage parameters of
 * tables, views and materialized views, each ordered by relation oid: one
 * query each, shared by tables, views and composite types.  18 keeps NOT
 * NULL in pg_constraint: one added NOT VALID leaves attnotnull true while
 * old rows may hold NULLs.  17 made attstattarget nullable (NULL: the
 * default). */
enum {
    COL_REL, COL_NAME, COL_TYPE, COL_NOTNULL, COL_DEFAULT, COL_IDENTITY, COL_GENERATED, COL_COLL_NSP,
    COL_COLL, COL_STATS, COL_DESC, COL_SEQ /* 6 columns */, COL_ACL = COL_SEQ + 6, COL_SEQ_NSP, COL_SEQ_NAME,
    COL_SEQ_OWNER, COL_SEQ_ACL, COL_STORAGE, COL_COMPRESSION, COL_ATTOPTIONS, COL_FDWOPTIONS
};

static void read_relation_parts(Cat *c)
{
    c->opts = cat_query(c, "storage parameters",
        "SELECT c.oid, o.option_name, o.option_value FROM pg_catalog.pg_class c "
        "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace, "
        "pg_catalog.pg_options_to_table(c.reloptions) o "
        "WHERE c.relkind IN ('r', 'p', 'v', 'm') AND " USER_NS " ORDER BY c.oid");
    const char *notnull = c->server_version >= 180000
        ? "a.attnotnull AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint nn WHERE nn.conrelid = "
          "a.attrelid AND nn.contype = 'n' AND nn.conkey[1] = a.attnum AND NOT nn.convalidated)"
        : "a.attnotnull";
    const char *stattarget = c->server_version >= 170000 ? "COALESCE(a.attstattarget, -1)" : "a.attstattarget";
    c->cols = cat_query(c, "columns", arena_printf(c->a,
        "SELECT a.attrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), %s, "
        "pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, "
        "CASE WHEN a.attcollation <> t.typcollation THEN cn.nspname END, "
        "CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, "
        "%s, ds.description, "
        "q.seqstart, q.seqincrement, q.seqmin, q.seqmax, q.seqcache, q.seqcycle, "
        ACL_GROUPS("a.attacl") ", sn.nspname, sq.relname, pg_catalog.pg_get_userbyid(sq.relowner), "
        ACL_GROUPS("sq.relacl") ", "
        /* storage only where it differs from the type's; '' compression is the default */
        "CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END, %s, a.attoptions, a.attfdwoptions "
        "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
        "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
        "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
        "LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation "
        "LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace "
        "LEFT JOIN pg_catalog.pg_depend dd ON dd.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass "
        "AND dd.refobjid = a.attrelid AND dd.refobjsubid = a.attnum AND dd.deptype = 'i' "
        "AND dd.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "
        "LEFT JOIN pg_catalog.pg_sequence q ON q.seqrelid = dd.objid "
        "LEFT JOIN pg_catalog.pg_class sq ON sq.oid = q.seqrelid "
        "LEFT JOIN pg_catalog.pg_namespace sn ON sn.oid = sq.relnamespace "
        DESC_JOIN("a.attrelid", "a.attnum", "pg_catalog.pg_class")
        "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'c', 'f') AND " USER_NS
        " ORDER BY a.attrelid, a.attnum", notnull, stattarget,
        c->server_version >= 140000 ? "NULLIF(a.attcompression, '')" : "NULL"));
}

static const char *seq_clause(Cat *c, PGresult *r, int row, int first)
{
    /* start, increment, min, max, cache, cycle */
    return arena_printf(c->a, "START WITH %s INCREMENT BY %s MINVALUE %s MAXVALUE %s CACHE %s %s",
                        val(r, row, first), val(r, row, first + 1), val(r, row, first + 2),
                        val(r, row, first + 3), val(r, row, first + 4),
                        !strcmp(val(r, row, first + 5), "t") ? "CYCLE" : "NO CYCLE");
}

/* Composite types: their attributes are rows of the shared column query. */
static void read_composite_types(Cat *c)
{
    PGresult *r = cat_query(c, "composite types",
        "SELECT t.typrelid, n.nspname, t.typname, ds.description, pg_catalog.pg_get_userbyid(t.typowner), "
        ACL_GROUPS("t.typacl") ", " DEPS("SELECT " CLASSID("pg_class") ", t.typrelid") " "
        "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_class c ON c.oid = t.typrelid "
        "JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
        DESC_JOIN("t.oid", "0", "pg_catalog.pg_type")
        "WHERE t.typtype = 'c' AND c.relkind = 'c' AND " USER_NS " AND " NOT_EXT("pg_catalog.pg_type", "t.oid")
        " ORDER BY t.oid");
    PGresult *a = c->cols;
    if (!r || !a) {
        PQclear(r);
        return;
    }
    for (int i = 0; i < PQntuples(r); i++) {
        const char *qt = q_qual(c->a, val(r, i, 1), val(r, i, 2));
        StrBuf sb;
        sb_init(&sb);
        sb_printf(&sb, "CREATE TYPE %s AS (", qt);
        int lo, hi;
        rows_of(a, val(r, i, 0), &lo, &hi);
        for (int k = lo; k < hi; k++) {
            const char *col = q_ident(c->a, val(a, k, COL_NAME));
            sb_printf(&sb, "%s\n    %s %s", k > lo ? "," : "", col, val(a, k, COL_TYPE));
            if (val(a, k, COL_COLL))
                sb_printf(&sb, " COLLATE %s", q_qual(c->a, val(a, k, COL_COLL_NSP), val(a, k, COL_COLL)));
            comment(c, arena_printf(c->a, "COLUMN %s.%s", qt, col), val(a, k, COL_DESC));
        }
        sb_puts(&sb, hi > lo ? "\n);" : ");");
        add_sorted(c, 'c', val(r, i, 0), val(r, i, 6), sb_take(&sb, c->a));
        sb_free(&sb);
        comment(c, arena_printf(c->a, "TYPE %s", qt), val(r, i, 3));
        owner_to(c, "TYPE", qt, val(r, i, 4));
        privileges(c, "TYPE", qt, val(r, i, 4), val(r, i, 5));
    }
    PQclear(r);
}

/* Range types (parser/defkinds.c builds the statement): options equal to
 * PostgreSQL's defaults (the subtype's default operator class and
 * collation) are left out; the multirange type is always named. */
static void read_ranges(Cat *c)
{
    PGresult *r = cat_query(c, "range types",
        "SELECT n.nspname, t.typname, pg_catalog.format_type(g.rngsubtype, NULL), "
        "CASE WHEN NOT oc.opcdefault THEN ocn.nspname END, CASE WHEN NOT oc.opcdefault THEN oc.opcname END, "
        "CASE WHEN g.rngcollation <> st.typcollation THEN cn.nspname END, "
        "CASE WHEN g.rngcollation <> st.typcollation THEN co.collname END, "
        "CASE WHEN g.rngsubdiff <> 0 THEN g.rngsubdiff::pg_catalog.regproc::text END, mn.nspname, mt.typname, "
        "ds.description, pg_catalog.pg_get_userbyid(t.typowner), " ACL_GROUPS("t.typacl") ", "
        "CASE WHEN g.rngcanonical <> 0 THEN g.rngcanonical::pg_catalog.regproc::text END "
        "FROM pg_catalog.pg_range g JOIN pg_catalog.pg_type t ON t.oid = g.rngtypid "
        "JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
        "JOIN pg_catalog.pg_type st ON st.oid = g.rngsubtype "
        "JOIN pg_catalog.pg_opclass oc ON oc.oid = g.rngsubopc "
        "JOIN pg_catalog.pg_namespace ocn ON ocn.oid = oc.opcnamespace "
        "LEFT JOIN pg_catalog.pg_collation co ON co.oid = g.rngcollation "
        "LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace "
        "JOIN pg_catalog.pg_type mt ON mt.oid = g.rngmultitypid "
        "JOIN pg_catalog.pg_namespace mn ON mn.oid = mt.typnamespace "
        DESC_JOIN("t.oid", "0", "pg_catalog.pg_type")
        "WHERE " USER_NS " AND " NOT_EXT("pg_catalog.pg_type", "t.oid") " ORDER BY t.oid");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *v[RNG_NCOLS];
        for (int k = 0; k < RNG_NCOLS; k++)
            v[k] = val(r, i, k);
        const char *qt = q_qual(c->a, v[RNG_NSP], v[RNG_NAME]);
        if (val(r, i, 13)) { /* refused by the reader, which names it */
            emit(c, arena_printf(c->a, "CREATE TYPE %s AS RANGE (SUBTYPE = %s, CANONICAL = %s);", qt,
                                 v[RNG_SUBTYPE], val(r, i, 13)));
            continue;
        }
        emit(c, defkinds_range_sql(c->a, v));
        comment(c, arena_printf(c->a, "TYPE %s", qt), val(r, i, 10));
        owner_to(c, "TYPE", qt, val(r, i, 11));
        privileges(c, "TYPE", qt, val(r, i, 11), val(r, i, 12));
    }
    PQclear(r);
}

/* Casts of the user's: those whose function, else source type, else
 * target type is in a user schema (the schema the cast belongs to, as the
 * file reader decides it), not an extension's nor one a type made for
 * itself (a range's casts to its multirange). */
static void read_casts(Cat *c)
{
    PGresult *r = cat_query(c, "casts",
        "SELECT * FROM (SELECT pg_catalog.format_type(k.castsource, NULL), "
        "pg_catalog.format_type(k.casttarget, NULL), k.castmethod::text, "
        "CASE WHEN k.castfunc <> 0 THEN k.castfunc::pg_catalog.regprocedure::text END, k.castcontext::text, "
        "ds.description, COALESCE(CASE WHEN pn.nspname <> 'pg_catalog' THEN pn.nspname END, "
        "CASE WHEN sn.nspname <> 'pg_catalog' THEN sn.nspname END, "
        "CASE WHEN tn.nspname <> 'pg_catalog' THEN tn.nspname END) AS nsp "
        "FROM pg_catalog.pg_cast k LEFT JOIN pg_catalog.pg_proc p ON p.oid = k.castfunc "
        "LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace "
        "JOIN pg_catalog.pg_type s ON s.oid = k.castsource JOIN pg_catalog.pg_namespace sn ON sn.oid = s.typnamespace "
        "JOIN pg_catalog.pg_type tt ON tt.oid = k.casttarget JOIN pg_catalog.pg_namespace tn ON tn.oid = tt.typnamespace "
        DESC_JOIN("k.oid", "0", "pg_catalog.pg_cast")
        "WHERE k.oid >= 16384 AND " NOT_EXT("pg_catalog.pg_cast", "k.oid") " "
        /* a range type's casts to its multirange are its own (deptype 'i') */
        "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = 'pg_catalog.pg_cast'::pg_catalog.regclass "
        "AND x.objid = k.oid AND x.deptype = 'i')) u "
        "WHERE u.nsp !~ '^pg_' AND u.nsp <> 'information_schema' ORDER BY 1, 2");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *v[CAST_NCOLS];
        for (int k = 0; k < CAST_NCOLS; k++)
            v[k] = val(r, i, k);
        emit_late(c, defkinds_cast_sql(c->a, v));
        comment(c, arena_printf(c->a, "CAST (%s AS %s)", v[CAST_SOURCE], v[CAST_TARGET]), val(r, i, 5));
    }
    PQclear(r);
}

/* Statistics objects, from pg_get_statisticsobjdef, with their target. */
static void read_statistics(Cat *c)
{
    PGresult *r = cat_query(c, "statistics objects",
        "SELECT n.nspname, s.stxname, pg_catalog.pg_get_statisticsobjdef(s.oid), "
        "COALESCE(s.stxstattarget, -1), ds.description, pg_catalog.pg_get_userbyid(s.stxowner) "
        "FROM pg_catalog.pg_statistic_ext s JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace "
        DESC_JOIN("s.oid", "0", "pg_catalog.pg_statistic_ext")
        "WHERE " USER_NS " AND " NOT_EXT("pg_catalog.pg_statistic_ext", "s.oid") " ORDER BY 1, 2");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *qs = q_qual(c->a, val(r, i, 0), val(r, i, 1));
        emit_late(c, arena_printf(c->a, "%s;", trim_def(c->a, val(r, i, 2))));
        if (atoi(val(r, i, 3)) >= 0)
            emit_late(c, arena_printf(c->a, "ALTER STATISTICS %s SET STATISTICS %s;", qs, val(r, i, 3)));
        comment(c, arena_printf(c->a, "STATISTICS %s", qs), val(r, i, 4));
        owner_to(c, "STATISTICS", qs, val(r, i, 5));
    }
    PQclear(r);
}

static void read_sequences(Cat *c)
{
    PGresult *r = cat_query(c, "sequences",
        "SELECT n.nspname, s.relname, pg_catalog.format_type(q.seqtypid, NULL), q.seqstart, q.seqincrement, "
        "q.seqmin, q.seqmax, q.seqcache, q.seqcycle, ds.description, "
        "tn.nspname, tc.relname, ta.attname, pg_catalog.pg_get_userbyid(s.relowner), " ACL_GROUPS("s.relacl") " "
        "FROM pg_catalog.pg_sequence q JOIN pg_catalog.pg_class s ON s.oid = q.seqrelid "
        "JOIN pg_catalog.pg_namespace n ON n.oid = s.relnamespace "
        "LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "
        "AND d.objid = s.oid AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'a' "
        "LEFT JOIN pg_catalog.pg_class tc ON tc.oid = d.refobjid "
        "LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace "
        "LEFT JOIN pg_catalog.pg_attribute ta ON ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid "
        DESC_JOIN("s.oid", "0", "pg_catalog.pg_class")
        "WHERE " USER_NS " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = "
        "'pg_catalog.pg_class'::pg_catalog.regclass AND x.objid = s.oid AND x.deptype IN ('e', 'i')) "
        "ORDER BY 1, 2");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *qs = q_qual(c->a, val(r, i, 0), val(r, i, 1));
        emit(c, arena_printf(c->a, "CREATE SEQUENCE %s AS %s %s;", qs, val(r, i, 2), seq_clause(c, r, i, 3)));
        comment(c, arena_printf(c->a, "SEQUENCE %s", qs), val(r, i, 9));
        if (val(r, i, 11))
            emit_late(c, arena_printf(c->a, "ALTER SEQUENCE %s OWNED BY %s.%s;", qs,
                                      q_qual(c->a, val(r, i, 10), val(r, i, 11)),
                                      q_ident(c->a, val(r, i, 12))));
        owner_to(c, "SEQUENCE", qs, val(r, i, 13));
        privileges(c, "SEQUENCE", qs, val(r, i, 13), val(r, i, 14));
    }
    PQclear(r);
}

/* Aggregates: the pg_aggregate row of each (NULLs for functions), in the
 * order of AggCol (schemas/model.h), after the 10 columns of a function;
 * support functions as regproc prints them (qualified outside pg_catalog,
 * search_path being empty), types by format_type. */
#define AGG_FN(col) "CASE WHEN a." col " <> 0 THEN a." col "::pg_catalog.text END, "
#define AGG_COLUMNS                                                                               \
    "a.aggkind, pg_catalog.pg_get_function_arguments(p.oid), pg_catalog.oidvectortypes(p.proargtypes), " \
    AGG_FN("aggtransfn") "pg_catalog.format_type(a.aggtranstype, NULL), a.aggtransspace, "        \
    AGG_FN("aggfinalfn") "a.aggfinalextra, a.aggfinalmodify, " AGG_FN("aggcombinefn")              \
    AGG_FN("aggserialfn") AGG_FN("aggdeserialfn") "a.agginitval, " AGG_FN("aggmtransfn")           \
    AGG_FN("aggminvtransfn")                                                                      \
    "CASE WHEN a.aggmtranstype <> 0 THEN pg_catalog.format_type(a.aggmtranstype, NULL) END, "     \
    "a.aggmtransspace, " AGG_FN("aggmfinalfn") "a.aggmfinalextra, a.aggmfinalmodify, a.aggminitval, " \
    "(SELECT on_.nspname FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace on_ "          \
    "ON on_.oid = o.oprnamespace WHERE o.oid = a.aggsortop), "                                     \
    "(SELECT o.oprname FROM pg_catalog.pg_operator o WHERE o.oid = a.aggsortop), p.proparallel "

static void read_aggregate(Cat *c, PGresult *r, int i)
{
    const char *v[AGG_NCOLS];
    for (int k = 0; k < AGG_NCOLS; k++)
        v[k] = val(r, i, 10 + k);
    const char *name = q_qual(c->a, val(r, i, 1), val(r, i, 2)), *types = v[AGG_TYPES];
    add_sorted(c, 'p', val(r, i, 0), val(r, i, 9), aggregate_catalog_sql(c->a, name, v));
    const char *qa = arena_printf(c->a, "%s(%s)", name, types && *types ? types : "*");
    const char *qf = arena_printf(c->a, "%s(%s)", name, types ? types : "");
    comment(c, arena_printf(c->a, "AGGREGATE %s", qa), val(r, i, 6));
    owner_to(c, "AGGREGATE", qa, val(r, i, 7));
    privileges(c, "FUNCTION", qf, val(r, i, 7), val(r, i, 8));
}

/* Functions and procedures, as pg_get_functiondef() prints them; aggregates
 * (read_aggregate). */
static void read_functions(Cat *c)
{
    PGresult *r = cat_query(c, "functions",
        "SELECT p.oid, n.nspname, p.proname, p.prokind, CASE WHEN p.prokind <> 'a' THEN pg_catalog.pg_get_functiondef(p.oid) END, "
        "pg_catalog.pg_get_function_identity_arguments(p.oid), ds.description, "
        "pg_catalog.pg_get_userbyid(p.proowner), " ACL_GROUPS("p.proacl") ", "
        DEPS("SELECT " CLASSID("pg_proc") ", p.oid") ", "
        AGG_COLUMNS
        "FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace "
        "LEFT JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid "
        DESC_JOIN("p.oid", "0", "pg_catalog.pg_proc")
        "WHERE p.prokind IN ('f', 'p', 'a') AND " USER_NS " AND " NOT_EXT("pg_catalog.pg_proc", "p.oid")
        " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = " REGCLASS("pg_proc")
        " AND x.objid = p.oid AND x.deptype = 'i') ORDER BY p.oid");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        if (!strcmp(val(r, i, 3), "a")) {
            read_aggregate(c, r, i);
            continue;
        }
        const char *kind = !strcmp(val(r, i, 3), "p") ? "PROCEDURE" : "FUNCTION";
        const char *qf = arena_printf(c->a, "%s(%s)", q_qual(c->a, val(r, i, 1), val(r, i, 2)), val(r, i, 5));
        const char *def = arena_printf(c->a, "%s;", trim_def(c->a, val(r, i, 4)));
        add_sorted(c, 'p', val(r, i, 0), val(r, i, 9), def);
        comment(c, arena_printf(c->a, "%s %s", kind, qf), val(r, i, 6));
        owner_to(c, kind, qf, val(r, i, 7));
        privileges(c, kind, qf, val(r, i, 7), val(r, i, 8));
    }
    PQclear(r);
}

/* Operators (not the shells a commutator or negator made), from
 * pg_operator's columns: parser/operator.c writes the statement.  They go
 * through the dependency sort after their functions and types. */
static void read_operators(Cat *c)
{
    PGresult *r = cat_query(c, "operators",
        "SELECT o.oid, n.nspname, o.oprname, o.oprcode::pg_catalog.regproc::pg_catalog.text, "
        "CASE WHEN o.oprleft <> 0 THEN pg_catalog.format_type(o.oprleft, NULL) END, "
        "pg_catalog.format_type(o.oprright, NULL), cn.nspname, co.oprname, nn.nspname, ng.oprname, "
        "CASE WHEN o.oprrest <> 0 THEN o.oprrest::pg_catalog.regproc::pg_catalog.text END, "
        "CASE WHEN o.oprjoin <> 0 THEN o.oprjoin::pg_catalog.regproc::pg_catalog.text END, "
        "o.oprcanhash, o.oprcanmerge, ds.description, pg_catalog.pg_get_userbyid(o.oprowner), "
        DEPS("SELECT " CLASSID("pg_operator") ", o.oid") " "
        "FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace "
        "LEFT JOIN pg_catalog.pg_operator co ON co.oid = o.oprcom "
        "LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.oprnamespace "
        "LEFT JOIN pg_catalog.pg_operator ng ON ng.oid = o.oprnegate "
        "LEFT JOIN pg_catalog.pg_namespace nn ON nn.oid = ng.oprnamespace "
        DESC_JOIN("o.oid", "0", "pg_catalog.pg_operator")
        "WHERE o.oprcode <> 0 AND " USER_NS " AND " NOT_EXT("pg_catalog.pg_operator", "o.oid")
        " ORDER BY o.oid");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *v[OPR_NCOLS];
        for (int k = 0; k < OPR_NCOLS; k++)
            v[k] = val(r, i, 1 + k);
        add_sorted(c, 'o', val(r, i, 0), val(r, i, 16), operator_catalog_sql(c->a, v));
        const char *qo = arena_printf(c->a, "%s.%s(%s, %s)", q_ident(c->a, v[OPR_NSP]), v[OPR_NAME],
                                      v[OPR_LEFT] ? v[OPR_LEFT] : "NONE", v[OPR_RIGHT]);
        comment(c, arena_printf(c->a, "OPERATOR %s", qo), val(r, i, 14));
        owner_to(c, "OPERATOR", qo, val(r, i, 15));
    }
    PQclear(r);
}

/* Operator families, then classes, each with its members (pg_amop and
 * pg_amproc rows that depend on it: a class's own, a family's loose ones
 * added by ALTER OPERATOR FAMILY), spelled as parser/opclass.c reads them. */
#define OPC_MEMBERS(cls)                                                                          \
    "ARRAY(SELECT m FROM (SELECT 1 AS k, o.amopstrategy AS num, 'OPERATOR ' || o.amopstrategy || ' ' || " \
    "pg_catalog.quote_ident(opn.nspname) || '.' || op.oprname || '(' || pg_catalog.format_type(o.amoplefttype, NULL) " \
    "|| ', ' || pg_catalog.format_type(o.amoprighttype, NULL) || ')' || CASE WHEN o.amoppurpose = 'o' THEN " \
    "' FOR ORDER BY ' || pg_catalog.quote_ident(sfn.nspname) || '.' || pg_catalog.quote_ident(sf.opfname) ELSE '' END AS m " \
    "FROM pg_catalog.pg_amop o JOIN pg_catalog.pg_depend d ON d.classid = " REGCLASS("pg_amop") " AND d.objid = o.oid " \
    "JOIN pg_catalog.pg_operator op ON op.oid = o.amopopr JOIN pg_catalog.pg_namespace opn ON opn.oid = op.oprnamespace " \
    "LEFT JOIN pg_catalog.pg_opfamily sf ON sf.oid = o.amopsortfamily LEFT JOIN pg_catalog.pg_namespace sfn ON sfn.oid = sf.opfnamespace " \
    "WHERE d.refclassid = " REGCLASS(cls) " AND d.refobjid = q.oid UNION ALL SELECT 2, p.amprocnum, 'FUNCTION ' || " \
    "p.amprocnum || ' (' || pg_catalog.format_type(p.amproclefttype, NULL) || ', ' || " \
    "pg_catalog.format_type(p.amprocrighttype, NULL) || ') ' || p.amproc::pg_catalog.regprocedure::pg_catalog.text " \
    "FROM pg_catalog.pg_amproc p JOIN pg_catalog.pg_depend d ON d.classid = " REGCLASS("pg_amproc") " AND d.objid = p.oid " \
    "WHERE d.refclassid = " REGCLASS(cls) " AND d.refobjid = q.oid) u ORDER BY k, num, m)"

static void read_opclasses(Cat *c)
{
    for (int fam = 1; fam >= 0; fam--) {
        PGresult *r = cat_query(c, fam ? "operator families" : "operator classes", fam ?
            "SELECT q.oid, n.nspname, q.opfname, a.amname, ds.description, pg_catalog.pg_get_userbyid(q.opfowner), "
            OPC_MEMBERS("pg_opfamily") " FROM pg_catalog.pg_opfamily q JOIN pg_catalog.pg_am a ON a.oid = q.opfmethod "
            "JOIN pg_catalog.pg_namespace n ON n.oid = q.opfnamespace " DESC_JOIN("q.oid", "0", "pg_catalog.pg_opfamily")
            "WHERE " USER_NS " AND " NOT_EXT("pg_catalog.pg_opfamily", "q.oid") " ORDER BY q.oid" :
            "SELECT q.oid, n.nspname, q.opcname, a.amname, ds.description, pg_catalog.pg_get_userbyid(q.opcowner), "
            OPC_MEMBERS("pg_opclass") ", q.opcdefault, pg_catalog.format_type(q.opcintype, NULL), "
            "pg_catalog.quote_ident(fn.nspname) || '.' || pg_catalog.quote_ident(f.opfname), "
            "CASE WHEN q.opckeytype <> 0 THEN pg_catalog.format_type(q.opckeytype, NULL) END "
            "FROM pg_catalog.pg_opclass q JOIN pg_catalog.pg_am a ON a.oid = q.opcmethod "
            "JOIN pg_catalog.pg_namespace n ON n.oid = q.opcnamespace JOIN pg_catalog.pg_opfamily f ON f.oid = q.opcfamily "
            "JOIN pg_catalog.pg_namespace fn ON fn.oid = f.opfnamespace " DESC_JOIN("q.oid", "0", "pg_catalog.pg_opclass")
            "WHERE " USER_NS " AND " NOT_EXT("pg_catalog.pg_opclass", "q.oid") " ORDER BY q.oid");
        if (!r)
            return;
        for (int i = 0; i < PQntuples(r); i++) {
            const char *what = arena_printf(c->a, "OPERATOR %s %s USING %s", fam ? "FAMILY" : "CLASS",
                                            q_qual(c->a, val(r, i, 1), val(r, i, 2)), val(r, i, 3));
            const char **m;
            int nm = text_array(c->a, val(r, i, 6), &m);
            StrBuf sb;
            sb_init(&sb);
            for (int k = 0; k < nm; k++)
                sb_printf(&sb, "%s%s", k ? ", " : "", m[k]);
            if (!fam && val(r, i, 10))
                sb_printf(&sb, "%sSTORAGE %s", nm ? ", " : "", val(r, i, 10));
            else if (!fam && !nm)
                /* every member is the family's (polymorphic or optional
                 * ones, see parser/opclass.c): the list may not be empty,
                 * and STORAGE of the class's own type is an item PostgreSQL
                 * accepts and drops */
                sb_printf(&sb, "STORAGE %s", val(r, i, 8));
            const char *items = sb_take(&sb, c->a);
            if (fam) {
                emit(c, arena_printf(c->a, "CREATE %s;", what));
                if (nm)
                    emit(c, arena_printf(c->a, "ALTER %s ADD %s;", what, items));
            } else {
                emit(c, arena_printf(c->a, "CREATE OPERATOR CLASS %s %sFOR TYPE %s USING %s FAMILY %s AS %s;",
                                     q_qual(c->a, val(r, i, 1), val(r, i, 2)), !strcmp(val(r, i, 7), "t") ? "DEFAULT " : "",
                                     val(r, i, 8), val(r, i, 3), val(r, i, 9), items));
            }
            comment(c, what, val(r, i, 4));
            owner_to(c, fam ? "OPERATOR FAMILY" : "OPERATOR CLASS",
                     arena_printf(c->a, "%s USING %s", q_qual(c->a, val(r, i, 1), val(r, i, 2)), val(r, i, 3)), val(r, i, 5));
        }
        PQclear(r);
    }
}

/* Tables: one query for the tables; their storage parameters and columns
 * come from the shared queries; the CREATE TABLE text is assembled here.
 *
 * A partitioned table is a table with PARTITION BY (pg_get_partkeydef).  A
 * partition or an inheritance child is created as a plain table with all
 * its columns, inherited ones included (their NOT NULL and defaults are the
 * child's own), then joined to its parents: ALTER TABLE ONLY parent ATTACH
 * PARTITION child <bound>, or ALTER TABLE child INHERIT parent for each
 * parent in pg_inherits' order.  Those statements follow every table's own
 * late statements (so that a parent's SET STATISTICS does not reach the
 * children) and precede the constraints, indexes and triggers: a parent's
 * CHECK constraints, foreign keys, indexes and triggers then reach the
 * children as the server does it, and their copies on the children are
 * not read (see read_constraints, read_indexes, read_triggers). */
enum {
    TAB_OID, TAB_NSP, TAB_NAME, TAB_PERSISTENCE, TAB_DESC, TAB_RLS, TAB_FORCE_RLS, TAB_OWNER, TAB_ACL, TAB_DEPS,
    TAB_PARTKEY, TAB_BOUND, TAB_PARENT_NSPS, TAB_PARENT_NAMES, TAB_OF_TYPE, TAB_REPLIDENT, TAB_SERVER,
    TAB_FTOPTIONS, TAB_ROWS, TAB_BYTES
};

/* A column's storage, compression and attribute options (late: a child's
 * own, before it joins its parents). */
static void column_attrs(Cat *c, const char *qt, const char *col, PGresult *a, int ai)
{
    const char *storage = val(a, ai, COL_STORAGE), *comp = val(a, ai, COL_COMPRESSION);
    if (storage && colattr_storage_sql(*storage))
        emit_late(c, arena_printf(c->a, "ALTER TABLE %s ALTER COLUMN %s SET STORAGE %s;", qt, col,
                                  colattr_storage_sql(*storage)));
    /* attcompression: 'p' pglz, 'l' lz4 */
    if (comp && (*comp == 'p' || *comp == 'l'))
        emit_late(c, arena_printf(c->a, "ALTER TABLE %s ALTER COLUMN %s SET COMPRESSION %s;", qt, col,
                                  *comp == 'p' ? "pglz" : "lz4"));
    const char **opts;
    int n = val(a, ai, COL_ATTOPTIONS) ? text_array(c->a, val(a, ai, COL_ATTOPTIONS), &opts) : 0;
    for (int k = 0; k < n; k++) {
        /* only the options a statement can set: a server may keep its own
         * there (Debian's 15.20 puts a pg_attver on every column) */
        const char *eq = strchr(opts[k], '=');
        if (eq && (!strncmp(opts[k], "n_distinct=", 11) || !strncmp(opts[k], "n_distinct_inherited=", 21)))
            emit_late(c, arena_printf(c->a, "ALTER TABLE %s ALTER COLUMN %s SET (%s = %s);", qt, col,
                                      q_ident(c->a, arena_strndup(c->a, opts[k], (size_t)(eq - opts[k]))),
                                      q_literal(c->a, eq + 1)));
    }
}

static void read_tables(Cat *c)
{
    PGresult *t = cat_query(c, "tables",
        "SELECT c.oid, n.nspname, c.relname, c.relpersistence, ds.description, c.relrowsecurity, "
        "c.relforcerowsecurity, pg_catalog.pg_get_userbyid(c.relowner), " ACL_GROUPS("c.relacl") ", "
        DEPS("SELECT " CLASSID("pg_class") ", c.oid UNION ALL SELECT " CLASSID("pg_attrdef") ", ad.oid "
             "FROM pg_catalog.pg_attrdef ad WHERE ad.adrelid = c.oid") ", "
        "CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END, "
        "CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END, "
        "ARRAY(SELECT pn.nspname FROM pg_catalog.pg_inherits h JOIN pg_catalog.pg_class pc ON pc.oid = h.inhparent "
        "JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace WHERE h.inhrelid = c.oid ORDER BY h.inhseqno), "
        "ARRAY(SELECT pc.relname FROM pg_catalog.pg_inherits h JOIN pg_catalog.pg_class pc ON pc.oid = h.inhparent "
        "WHERE h.inhrelid = c.oid ORDER BY h.inhseqno), "
        "CASE WHEN c.reloftype <> 0 THEN c.reloftype::pg_catalog.regtype::text END, c.relreplident, "
        /* a foreign table's server and options */
        "fs.srvname, ft.ftoptions, "
        /* the size estimates of the plan's steps (a partitioned table: its leaves') */
        "CASE WHEN c.relkind = 'p' THEN (SELECT pg_catalog.sum(pc.reltuples) FROM pg_catalog.pg_partition_tree(c.oid) pt "
        "JOIN pg_catalog.pg_class pc ON pc.oid = pt.relid WHERE pt.isleaf AND pc.reltuples >= 0) ELSE c.reltuples END, "
        "CASE WHEN c.relkind = 'p' THEN (SELECT pg_catalog.sum(pg_catalog.pg_total_relation_size(pt.relid)) "
        "FROM pg_catalog.pg_partition_tree(c.oid) pt WHERE pt.isleaf) ELSE pg_catalog.pg_total_relation_size(c.oid) END "
        "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "LEFT JOIN pg_catalog.pg_foreign_table ft ON ft.ftrelid = c.oid "
        "LEFT JOIN pg_catalog.pg_foreign_server fs ON fs.oid = ft.ftserver "
        DESC_JOIN("c.oid", "0", "pg_catalog.pg_class")
        "WHERE c.relkind IN ('r', 'p', 'f') AND " USER_NS " AND "
        NOT_EXT("pg_catalog.pg_class", "c.oid") " ORDER BY c.oid");
    PGresult *o = c->opts, *a = c->cols;
    if (!t || !o || !a) {
        PQclear(t);
        return;
    }
    StrBuf parents; /* ATTACH PARTITION and INHERIT, after every table's late statements */
    sb_init(&parents);
    for (int i = 0; i < PQntuples(t); i++) {
        const char *qt = q_qual(c->a, val(t, i, 1), val(t, i, 2));
        StrBuf sb;
        sb_init(&sb);
        const char *server = val(t, i, TAB_SERVER);
        sb_printf(&sb, "CREATE %sTABLE %s (", server ? "FOREIGN " : !strcmp(val(t, i, 3), "u") ? "UNLOGGED " : "", qt);
        int lo, hi;
        rows_of(a, val(t, i, 0), &lo, &hi);
        for (int ai = lo; ai < hi; ai++) {
            const char *col = q_ident(c->a, val(a, ai, COL_NAME));
            sb_printf(&sb, "%s\n    %s %s%s", ai > lo ? "," : "", col, val(a, ai, COL_TYPE),
                      generic_options(c, val(a, ai, COL_FDWOPTIONS)));
            if (val(a, ai, COL_COLL))
                sb_printf(&sb, " COLLATE %s", q_qual(c->a, val(a, ai, COL_COLL_NSP), val(a, ai, COL_COLL)));
            const char *expr = val(a, ai, COL_DEFAULT), *identity = val(a, ai, COL_IDENTITY),
                       *generated = val(a, ai, COL_GENERATED);
            if (expr && generated && *generated == 's')
                sb_printf(&sb, " GENERATED ALWAYS AS (%s) STORED", expr);
            else if (expr)
                sb_printf(&sb, " DEFAULT %s", expr);
            if (!strcmp(val(a, ai, COL_NOTNULL), "t"))
                sb_puts(&sb, " NOT NULL");
            if (identity && *identity && val(a, ai, COL_SEQ))
                sb_printf(&sb, " GENERATED %s AS IDENTITY (%s)", *identity == 'a' ? "ALWAYS" : "BY DEFAULT",
                          seq_clause(c, a, ai, COL_SEQ));
            int stat = atoi(val(a, ai, COL_STATS));
            if (stat >= 0)
                emit_late(c, arena_printf(c->a, "ALTER TABLE %s ALTER COLUMN %s SET STATISTICS %d;", qt, col, stat));
            column_attrs(c, qt, col, a, ai);
            comment(c, arena_printf(c->a, "COLUMN %s.%s", qt, col), val(a, ai, COL_DESC));
        }
        sb_puts(&sb, hi > lo ? "\n)" : ")");
        if (val(t, i, TAB_PARTKEY))
            sb_printf(&sb, " PARTITION BY %s", val(t, i, TAB_PARTKEY));
        rows_of(o, val(t, i, 0), &lo, &hi);
        for (int k = lo; k < hi; k++)
            sb_printf(&sb, "%s%s = %s", k > lo ? ", " : " WITH (", q_ident(c->a, val(o, k, 1)),
                      q_literal(c->a, val(o, k, 2)));
        if (hi > lo)
            sb_putc(&sb, ')');
        if (server)
            sb_printf(&sb, " SERVER %s%s", q_ident(c->a, server), generic_options(c, val(t, i, TAB_FTOPTIONS)));
        sb_putc(&sb, ';');
        if (!strcmp(val(t, i, 5), "t"))
            sb_printf(&sb, "\nALTER TABLE %s ENABLE ROW LEVEL SECURITY;", qt);
        if (!strcmp(val(t, i, 6), "t"))
            sb_printf(&sb, "\nALTER TABLE %s FORCE ROW LEVEL SECURITY;", qt);
        /* REPLICA IDENTITY USING INDEX comes with the index; a foreign
         * table's is always NOTHING, and no statement sets it */
        if (!server && (!strcmp(val(t, i, TAB_REPLIDENT), "f") || !strcmp(val(t, i, TAB_REPLIDENT), "n")))
            sb_printf(&sb, "\nALTER TABLE %s REPLICA IDENTITY %s;", qt,
                      !strcmp(val(t, i, TAB_REPLIDENT), "f") ? "FULL" : "NOTHING");
        add_sorted(c, 'c', val(t, i, 0), val(t, i, TAB_DEPS), sb_take(&sb, c->a));
        vec_push(c->a, &c->estimates, (void *)arena_strdup(c->a, val(t, i, TAB_NSP)));
        vec_push(c->a, &c->estimates, (void *)arena_strdup(c->a, val(t, i, TAB_NAME)));
        vec_push(c->a, &c->estimates, (void *)(val(t, i, TAB_ROWS) ? arena_strdup(c->a, val(t, i, TAB_ROWS)) : NULL));
        vec_push(c->a, &c->estimates, (void *)(val(t, i, TAB_BYTES) ? arena_strdup(c->a, val(t, i, TAB_BYTES)) : NULL));
        sb_free(&sb);
        const char **pnsp, **pname;
        int np = text_array(c->a, val(t, i, TAB_PARENT_NSPS), &pnsp);
        if (text_array(c->a, val(t, i, TAB_PARENT_NAMES), &pname) == np) {
            for (int k = 0; k < np; k++) {
                const char *qp = q_qual(c->a, pnsp[k], pname[k]);
                if (val(t, i, TAB_BOUND))
                    sb_printf(&parents, "ALTER TABLE ONLY %s ATTACH PARTITION %s %s;\n", qp, qt,
                              val(t, i, TAB_BOUND));
                else
                    sb_printf(&parents, "ALTER TABLE %s INHERIT %s;\n", qt, qp);
            }
        }
        /* a typed table: its columns as read, then the type (the reader takes
         * them for the type's, as CREATE TABLE ... OF would make them) */
        if (val(t, i, TAB_OF_TYPE))
            emit_late(c, arena_printf(c->a, "ALTER TABLE %s OF %s;", qt, val(t, i, TAB_OF_TYPE)));
        comment(c, arena_printf(c->a, "TABLE %s", qt), val(t, i, 4));
        owner_to(c, "TABLE", qt, val(t, i, 7));
        privileges(c, "TABLE", qt, val(t, i, 7), val(t, i, 8));
        rows_of(a, val(t, i, 0), &lo, &hi);
        for (int ai = lo; ai < hi; ai++) {
            if (val(a, ai, COL_ACL))
                column_privileges(c, qt, q_ident(c->a, val(a, ai, COL_NAME)), val(a, ai, COL_ACL));
            /* an identity column's sequence has the table's owner; its
             * privileges are its own */
            if (val(a, ai, COL_SEQ_NAME) && val(a, ai, COL_SEQ_ACL))
                privileges(c, "SEQUENCE", q_qual(c->a, val(a, ai, COL_SEQ_NSP), val(a, ai, COL_SEQ_NAME)),
                           val(a, ai, COL_SEQ_OWNER), val(a, ai, COL_SEQ_ACL));
        }
    }
    sb_puts(&c->late, parents.data ? parents.data : "");
    sb_free(&parents);
    PQclear(t);
}

/* Views and materialized views, as pg_get_viewdef() prints them. */
static void read_views(Cat *c)
{
    PGresult *r = cat_query(c, "views",
        "SELECT c.oid, n.nspname, c.relname, c.relkind, pg_catalog.pg_get_viewdef(c.oid, false), "
        "c.relispopulated, ds.description, pg_catalog.pg_get_userbyid(c.relowner), " ACL_GROUPS("c.relacl") ", "
        DEPS("SELECT " CLASSID("pg_rewrite") ", w.oid FROM pg_catalog.pg_rewrite w WHERE w.ev_class = c.oid") " "
        "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        DESC_JOIN("c.oid", "0", "pg_catalog.pg_class")
        "WHERE c.relkind IN ('v', 'm') AND " USER_NS " AND " NOT_EXT("pg_catalog.pg_class", "c.oid")
        " ORDER BY c.oid");
    PGresult *o = c->opts, *a = c->cols;
    if (!r || !o || !a) {
        PQclear(r);
        return;
    }
    for (int i = 0; i < PQntuples(r); i++) {
        bool mat = !strcmp(val(r, i, 3), "m");
        const char *kind = mat ? "MATERIALIZED VIEW" : "VIEW";
        const char *qv = q_qual(c->a, val(r, i, 1), val(r, i, 2));
        const char *check = NULL;
        StrBuf sb;
        sb_init(&sb);
        sb_printf(&sb, "CREATE %s %s", kind, qv);
        int lo, hi, nopt = 0;
        rows_of(o, val(r, i, 0), &lo, &hi);
        for (int k = lo; k < hi; k++) {
            if (!mat && !strcmp(val(o, k, 1), "check_option")) {
                check = val(o, k, 2);
                continue;
            }
            sb_printf(&sb, "%s%s = %s", nopt++ ? ", " : " WITH (", q_ident(c->a, val(o, k, 1)),
                      q_literal(c->a, val(o, k, 2)));
        }
        if (nopt)
            sb_putc(&sb, ')');
        sb_printf(&sb, " AS %s", trim_def(c->a, val(r, i, 4)));
        if (mat)
            sb_puts(&sb, !strcmp(val(r, i, 5), "t") ? " WITH DATA" : " WITH NO DATA");
        else if (check)
            sb_printf(&sb, " WITH %s CHECK OPTION", !strcmp(check, "local") ? "LOCAL" : "CASCADED");
        sb_putc(&sb, ';');
        add_sorted(c, 'c', val(r, i, 0), val(r, i, 9), sb_take(&sb, c->a));
        sb_free(&sb);
        rows_of(a, val(r, i, 0), &lo, &hi);
        for (int k = lo; k < hi; k++) {
            const char *col = q_ident(c->a, val(a, k, COL_NAME));
            /* a view's column may have a default (for INSERT through it) */
            if (val(a, k, COL_DEFAULT))
                emit_late(c, arena_printf(c->a, "ALTER %s %s ALTER COLUMN %s SET DEFAULT %s;", kind, qv, col,
                                          val(a, k, COL_DEFAULT)));
            int stat = atoi(val(a, k, COL_STATS));
            if (stat >= 0)
                emit_late(c, arena_printf(c->a, "ALTER %s %s ALTER COLUMN %s SET STATISTICS %d;", kind, qv, col,
                                          stat));
            comment(c, arena_printf(c->a, "COLUMN %s.%s", qv, col), val(a, k, COL_DESC));
        }
        comment(c, arena_printf(c->a, "%s %s", kind, qv), val(r, i, 6));
        owner_to(c, kind, qv, val(r, i, 7));
        privileges(c, "TABLE", qv, val(r, i, 7), val(r, i, 8));
        for (int k = lo; k < hi; k++)
            if (val(a, k, COL_ACL))
                column_privileges(c, qv, q_ident(c->a, val(a, k, COL_NAME)), val(a, k, COL_ACL));
    }
    PQclear(r);
}

/* Foreign keys last: the keys they reference come first.  What a table has
 * only from a parent is left out: a constraint not defined locally (a
 * CHECK the parent's ADD CONSTRAINT gives its children), and a partition's
 * copy of its parent's PRIMARY KEY, UNIQUE or foreign key (conparentid),
 * which the parent's ADD CONSTRAINT creates on every partition. */
static void read_constraints(Cat *c)
{
    PGresult *r = cat_query(c, "constraints",
        "SELECT n.nspname, t.relname, k.conname, pg_catalog.pg_get_constraintdef(k.oid), ds.description, "
        "ix.description, ixc.relname, (SELECT xi.indisreplident FROM pg_catalog.pg_index xi "
        "WHERE xi.indexrelid = k.conindid AND k.contype IN ('p', 'u')) "
        "FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class t ON t.oid = k.conrelid "
        DESC_JOIN("k.oid", "0", "pg_catalog.pg_constraint")
        /* the comment of the index a PRIMARY KEY, UNIQUE or EXCLUDE builds */
        "LEFT JOIN pg_catalog.pg_class ixc ON ixc.oid = k.conindid AND k.contype IN ('p', 'u', 'x') "
        "LEFT JOIN pg_catalog.pg_description ix ON ix.objoid = k.conindid AND ix.objsubid = 0 "
        "AND ix.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND k.contype IN ('p', 'u', 'x') "
        "JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
        "WHERE k.contype IN ('p', 'u', 'c', 'f', 'x') AND t.relkind IN ('r', 'p', 'f') AND k.conislocal "
        "AND k.conparentid = 0 AND " USER_NS " AND " NOT_EXT("pg_catalog.pg_class", "t.oid")
        " ORDER BY k.contype = 'f', 1, 2, 3");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *qt = q_qual(c->a, val(r, i, 0), val(r, i, 1));
        const char *qn = q_ident(c->a, val(r, i, 2));
        emit_late(c, arena_printf(c->a, "ALTER TABLE %s ADD CONSTRAINT %s %s;", qt, qn, val(r, i, 3)));
        comment(c, arena_printf(c->a, "CONSTRAINT %s ON %s", qn, qt), val(r, i, 4));
        if (val(r, i, 6))
            comment(c, arena_printf(c->a, "INDEX %s", q_qual(c->a, val(r, i, 0), val(r, i, 6))), val(r, i, 5));
        if (val(r, i, 7) && !strcmp(val(r, i, 7), "t"))
            emit_late(c, arena_printf(c->a, "ALTER TABLE %s REPLICA IDENTITY USING INDEX %s;", qt,
                                      q_ident(c->a, val(r, i, 6))));
    }
    PQclear(r);
}

/* pg_get_indexdef() says CREATE INDEX name ON ONLY table for the index of a
 * partitioned table, which would leave the partitions without it: the
 * ONLY after the index name is removed. */
static const char *without_only(Cat *c, const char *def)
{
    const char *p = def;
    if (!strncmp(p, "CREATE UNIQUE INDEX ", 20))
        p += 20;
    else if (!strncmp(p, "CREATE INDEX ", 13))
        p += 13;
    else
        return def;
    if (*p == '"') { /* a quoted name, "" inside */
        for (p++; *p && !(*p == '"' && p[1] != '"'); p += *p == '"' ? 2 : 1)
            ;
        if (*p)
            p++;
    } else {
        p += strcspn(p, " ");
    }
    if (strncmp(p, " ON ONLY ", 9) != 0)
        return def;
    return arena_printf(c->a, "%.*s ON %s", (int)(p - def), def, p + 9);
}

static void read_indexes(Cat *c)
{
    /* Indexes of tables, partitioned tables and materialized views.
     * Indexes that implement a constraint come with the constraint.  An
     * invalid index (a failed CONCURRENTLY build) is not the schema: a plan
     * creates it again (and the migration drops the invalid one first).  A
     * partition's index that is a partition of its parent's (valid) index
     * is left out: CREATE INDEX on the parent makes it, under a name the
     * server chooses. */
    PGresult *r = cat_query(c, "indexes",
        "SELECT n.nspname, t.relname, ic.relname, pg_catalog.pg_get_indexdef(i.indexrelid), i.indisclustered, "
        "ds.description, t.relkind, "
        "ARRAY(SELECT a.attnum || '=' || a.attstattarget FROM pg_catalog.pg_attribute a "
        "WHERE a.attrelid = i.indexrelid AND COALESCE(a.attstattarget, -1) >= 0 ORDER BY a.attnum), i.indisreplident "
        "FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
        DESC_JOIN("i.indexrelid", "0", "pg_catalog.pg_class")
        "JOIN pg_catalog.pg_class t ON t.oid = i.indrelid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
        "WHERE t.relkind IN ('r', 'p', 'm') AND i.indisvalid AND " USER_NS " AND "
        NOT_EXT("pg_catalog.pg_class", "t.oid") " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k "
        "WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')) "
        "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits h JOIN pg_catalog.pg_index pi "
        "ON pi.indexrelid = h.inhparent WHERE h.inhrelid = i.indexrelid AND pi.indisvalid) "
        "ORDER BY 1, 3");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *qt = q_qual(c->a, val(r, i, 0), val(r, i, 1));
        const char *qi = q_ident(c->a, val(r, i, 2));
        const char *def = val(r, i, 3);
        if (!strcmp(val(r, i, 6), "p"))
            def = without_only(c, def);
        emit_late(c, arena_printf(c->a, "%s;", def));
        if (!strcmp(val(r, i, 4), "t"))
            emit_late(c, arena_printf(c->a, "ALTER %s %s CLUSTER ON %s;",
                                      !strcmp(val(r, i, 6), "m") ? "MATERIALIZED VIEW" : "TABLE", qt, qi));
        if (!strcmp(val(r, i, 8), "t"))
            emit_late(c, arena_printf(c->a, "ALTER TABLE %s REPLICA IDENTITY USING INDEX %s;", qt, qi));
        comment(c, arena_printf(c->a, "INDEX %s", q_qual(c->a, val(r, i, 0), val(r, i, 2))), val(r, i, 5));
        /* statistics targets of expression columns */
        const char **st;
        int ns = text_array(c->a, val(r, i, 7), &st);
        for (int k = 0; k < ns; k++) {
            const char *eq = strchr(st[k], '=');
            if (eq)
                emit_late(c, arena_printf(c->a, "ALTER INDEX %s ALTER COLUMN %d SET STATISTICS %d;",
                                          q_qual(c->a, val(r, i, 0), val(r, i, 2)), atoi(st[k]), atoi(eq + 1)));
        }
    }
    PQclear(r);
}

/* Triggers of tables and views (not those the server makes for foreign
 * keys, nor a partition's copy of its parent's trigger, which CREATE
 * TRIGGER on the parent makes), as pg_get_triggerdef() prints them, with
 * their firing state. */
static void read_triggers(Cat *c)
{
    PGresult *r = cat_query(c, "triggers",
        "SELECT n.nspname, c.relname, g.tgname, pg_catalog.pg_get_triggerdef(g.oid, false), g.tgenabled, "
        "ds.description FROM pg_catalog.pg_trigger g JOIN pg_catalog.pg_class c ON c.oid = g.tgrelid "
        "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        DESC_JOIN("g.oid", "0", "pg_catalog.pg_trigger")
        "WHERE NOT g.tgisinternal AND g.tgparentid = 0 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND " USER_NS
        " AND " NOT_EXT("pg_catalog.pg_class", "c.oid")
        /* schemadiff's own sync triggers (shadow tables) run its functions */
        " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace pn ON pn.oid = "
        "p.pronamespace WHERE p.oid = g.tgfoid AND pn.nspname = 'schemadiff')"
        " ORDER BY 1, 2, 3");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *qt = q_qual(c->a, val(r, i, 0), val(r, i, 1));
        const char *qg = q_ident(c->a, val(r, i, 2));
        emit_late(c, arena_printf(c->a, "%s;", val(r, i, 3)));
        const char *state = NULL;
        switch (*val(r, i, 4)) {
        case 'D': state = "DISABLE"; break;
        case 'R': state = "ENABLE REPLICA"; break;
        case 'A': state = "ENABLE ALWAYS"; break;
        }
        if (state)
            emit_late(c, arena_printf(c->a, "ALTER TABLE %s %s TRIGGER %s;", qt, state, qg));
        comment(c, arena_printf(c->a, "TRIGGER %s ON %s", qg, qt), val(r, i, 5));
    }
    PQclear(r);
}

/* Rules of tables and views, as pg_get_ruledef() prints them, with their
 * firing state (a view's _RETURN rule is the view). */
static void read_rules(Cat *c)
{
    PGresult *r = cat_query(c, "rules",
        "SELECT n.nspname, c.relname, w.rulename, pg_catalog.pg_get_ruledef(w.oid, false), w.ev_enabled, "
        "ds.description FROM pg_catalog.pg_rewrite w JOIN pg_catalog.pg_class c ON c.oid = w.ev_class "
        "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        DESC_JOIN("w.oid", "0", "pg_catalog.pg_rewrite")
        "WHERE w.rulename <> '_RETURN' AND " USER_NS " AND " NOT_EXT("pg_catalog.pg_class", "c.oid")
        " ORDER BY 1, 2, 3");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *qt = q_qual(c->a, val(r, i, 0), val(r, i, 1));
        emit_late(c, arena_printf(c->a, "%s;", trim_def(c->a, val(r, i, 3))));
        const char *en = rule_catalog_enable(c->a, qt, val(r, i, 2), *val(r, i, 4));
        if (en)
            emit_late(c, en);
        comment(c, arena_printf(c->a, "RULE %s ON %s", q_ident(c->a, val(r, i, 2)), qt), val(r, i, 5));
    }
    PQclear(r);
}

/* Row level security policies of tables (the tables' ENABLE / FORCE ROW
 * LEVEL SECURITY come with the tables). */
static void read_policies(Cat *c)
{
    PGresult *r = cat_query(c, "policies",
        "SELECT n.nspname, c.relname, po.polname, po.polpermissive, po.polcmd, "
        "ARRAY(SELECT COALESCE(pr.rolname::text, '') FROM pg_catalog.unnest(po.polroles) WITH ORDINALITY u(oid, k) "
        "  LEFT JOIN pg_catalog.pg_roles pr ON pr.oid = u.oid ORDER BY u.k), "
        "pg_catalog.pg_get_expr(po.polqual, po.polrelid), pg_catalog.pg_get_expr(po.polwithcheck, po.polrelid), "
        "ds.description FROM pg_catalog.pg_policy po JOIN pg_catalog.pg_class c ON c.oid = po.polrelid "
        "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        DESC_JOIN("po.oid", "0", "pg_catalog.pg_policy")
        "WHERE c.relkind IN ('r', 'p') AND " USER_NS " AND "
        NOT_EXT("pg_catalog.pg_class", "c.oid") " ORDER BY 1, 2, 3");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *qt = q_qual(c->a, val(r, i, 0), val(r, i, 1));
        const char *qp = q_ident(c->a, val(r, i, 2));
        const char *cmd;
        switch (*val(r, i, 4)) {
        case 'r': cmd = "SELECT"; break;
        case 'a': cmd = "INSERT"; break;
        case 'w': cmd = "UPDATE"; break;
        case 'd': cmd = "DELETE"; break;
        default: cmd = "ALL"; break;
        }
        StrBuf sb;
        sb_init(&sb);
        sb_printf(&sb, "CREATE POLICY %s ON %s AS %s FOR %s TO ", qp, qt,
                  !strcmp(val(r, i, 3), "t") ? "PERMISSIVE" : "RESTRICTIVE", cmd);
        const char **roles;
        int nroles = text_array(c->a, val(r, i, 5), &roles);
        for (int k = 0; k < nroles; k++)
            sb_printf(&sb, "%s%s", k ? ", " : "", grantee(c, roles[k] ? roles[k] : ""));
        if (!nroles)
            sb_puts(&sb, "PUBLIC");
        if (val(r, i, 6))
            sb_printf(&sb, " USING (%s)", val(r, i, 6));
        if (val(r, i, 7))
            sb_printf(&sb, " WITH CHECK (%s)", val(r, i, 7));
        sb_putc(&sb, ';');
        emit_late(c, sb.data);
        sb_free(&sb);
        comment(c, arena_printf(c->a, "POLICY %s ON %s", qp, qt), val(r, i, 8));
    }
    PQclear(r);
}

/* Default privileges (ALTER DEFAULT PRIVILEGES), after every object so that
 * none of the objects above is created under them.  A row for all schemas
 * replaces the built-in defaults (so those are revoked first); a row for
 * one schema only adds to them. */
static void read_default_privileges(Cat *c)
{
    PGresult *r = cat_query(c, "default privileges",
        "SELECT pg_catalog.pg_get_userbyid(d.defaclrole), n.nspname, d.defaclobjtype, "
        ACL_GROUPS("d.defaclacl") " FROM pg_catalog.pg_default_acl d "
        "LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace "
        "WHERE d.defaclobjtype IN ('r', 'S', 'f', 'T', 'n') AND (d.defaclnamespace = 0 OR (" USER_NS ")) "
        "ORDER BY 1, 2 NULLS FIRST, 3");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *role = q_ident(c->a, val(r, i, 0)), *kind;
        switch (*val(r, i, 2)) {
        case 'r': kind = "TABLES"; break;
        case 'S': kind = "SEQUENCES"; break;
        case 'f': kind = "FUNCTIONS"; break;
        case 'T': kind = "TYPES"; break;
        default: kind = "SCHEMAS"; break;
        }
        const char *head = val(r, i, 1)
            ? arena_printf(c->a, "ALTER DEFAULT PRIVILEGES FOR ROLE %s IN SCHEMA %s", role,
                           q_ident(c->a, val(r, i, 1)))
            : arena_printf(c->a, "ALTER DEFAULT PRIVILEGES FOR ROLE %s", role);
        if (!val(r, i, 1)) {
            emit_late(c, arena_printf(c->a, "%s REVOKE ALL ON %s FROM PUBLIC;", head, kind));
            emit_late(c, arena_printf(c->a, "%s REVOKE ALL ON %s FROM %s;", head, kind, role));
        }
        const char **v;
        int n = text_array(c->a, val(r, i, 3), &v);
        for (int k = 0; k + 2 < n; k += 3)
            emit_late(c, arena_printf(c->a, "%s GRANT %s ON %s TO %s%s;", head, v[k + 1], kind, grantee(c, v[k]),
                                      !strcmp(v[k + 2], "true") ? " WITH GRANT OPTION" : ""));
    }
    PQclear(r);
}

/* Event triggers, last: once one exists it fires on the DDL that follows. */
/* Publications, after the tables they hold: their tables (schema, name,
 * column list as quoted names, row filter, ... in name order) and schemas. */
static void read_publications(Cat *c)
{
    PGresult *r = cat_query(c, "publications",
        "SELECT p.pubname, p.puballtables, p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate, p.pubviaroot, "
        "pg_catalog.pg_get_userbyid(p.pubowner), ds.description, "
        "(SELECT pg_catalog.array_agg(u.v ORDER BY n.nspname, t.relname, u.k) FROM pg_catalog.pg_publication_rel pr "
        " JOIN pg_catalog.pg_class t ON t.oid = pr.prrelid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace, "
        " LATERAL (VALUES (1, n.nspname::text), (2, t.relname::text), (3, (SELECT pg_catalog.string_agg("
        "   pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_catalog.pg_attribute a "
        "   WHERE a.attrelid = pr.prrelid AND a.attnum = ANY (pr.prattrs::pg_catalog.int2[]))), "
        "   (4, pg_catalog.pg_get_expr(pr.prqual, pr.prrelid))) u(k, v) WHERE pr.prpubid = p.oid), "
        "(SELECT pg_catalog.array_agg(n.nspname::text ORDER BY n.nspname) FROM pg_catalog.pg_publication_namespace pn "
        " JOIN pg_catalog.pg_namespace n ON n.oid = pn.pnnspid WHERE pn.pnpubid = p.oid) "
        "FROM pg_catalog.pg_publication p " DESC_JOIN("p.oid", "0", "pg_catalog.pg_publication") "ORDER BY 1");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *q = q_ident(c->a, val(r, i, 0));
        StrBuf sb;
        sb_init(&sb);
        sb_printf(&sb, "CREATE PUBLICATION %s", q);
        if (val(r, i, 1)[0] == 't')
            sb_puts(&sb, " FOR ALL TABLES");
        const char **rels, **schemas;
        int nrels = text_array(c->a, val(r, i, 9), &rels), nschemas = text_array(c->a, val(r, i, 10), &schemas);
        for (int k = 0; k + 3 < nrels; k += 4) {
            sb_printf(&sb, "%s TABLE %s", k ? "," : " FOR", q_qual(c->a, rels[k], rels[k + 1]));
            if (rels[k + 2])
                sb_printf(&sb, " (%s)", rels[k + 2]);
            if (rels[k + 3])
                sb_printf(&sb, " WHERE (%s)", rels[k + 3]);
        }
        for (int k = 0; k < nschemas; k++)
            sb_printf(&sb, "%s TABLES IN SCHEMA %s", k || nrels ? "," : " FOR", q_ident(c->a, schemas[k]));
        static const char *const ops[] = {"insert", "update", "delete", "truncate"};
        sb_puts(&sb, " WITH (publish = '");
        for (int k = 0, n = 0; k < 4; k++)
            if (val(r, i, 2 + k)[0] == 't')
                sb_printf(&sb, "%s%s", n++ ? ", " : "", ops[k]);
        sb_printf(&sb, "', publish_via_partition_root = %s);", val(r, i, 6)[0] == 't' ? "true" : "false");
        emit_late(c, sb.data);
        sb_free(&sb);
        owner_to(c, "PUBLICATION", q, val(r, i, 7));
        comment(c, arena_printf(c->a, "PUBLICATION %s", q), val(r, i, 8));
    }
    PQclear(r);
}

static void read_event_triggers(Cat *c)
{
    PGresult *r = cat_query(c, "event triggers",
        "SELECT e.evtname, e.evtevent, e.evttags, fn.nspname, f.proname, e.evtenabled, "
        "pg_catalog.pg_get_userbyid(e.evtowner), ds.description FROM pg_catalog.pg_event_trigger e "
        "JOIN pg_catalog.pg_proc f ON f.oid = e.evtfoid JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace "
        DESC_JOIN("e.oid", "0", "pg_catalog.pg_event_trigger")
        "WHERE " NOT_EXT("pg_catalog.pg_event_trigger", "e.oid") " AND fn.nspname <> 'schemadiff' ORDER BY 1");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *qe = q_ident(c->a, val(r, i, 0));
        StrBuf sb;
        sb_init(&sb);
        sb_printf(&sb, "CREATE EVENT TRIGGER %s ON %s", qe, q_ident(c->a, val(r, i, 1)));
        const char **tags;
        int ntags = text_array(c->a, val(r, i, 2), &tags);
        for (int k = 0; k < ntags; k++)
            sb_printf(&sb, "%s%s", k ? ", " : " WHEN TAG IN (", q_literal(c->a, tags[k] ? tags[k] : ""));
        if (ntags)
            sb_putc(&sb, ')');
        sb_printf(&sb, " EXECUTE FUNCTION %s();", q_qual(c->a, val(r, i, 3), val(r, i, 4)));
        emit_late(c, sb.data);
        sb_free(&sb);
        const char *state = NULL;
        switch (*val(r, i, 5)) {
        case 'D': state = "DISABLE"; break;
        case 'R': state = "ENABLE REPLICA"; break;
        case 'A': state = "ENABLE ALWAYS"; break;
        }
        if (state)
            emit_late(c, arena_printf(c->a, "ALTER EVENT TRIGGER %s %s;", qe, state));
        owner_to(c, "EVENT TRIGGER", qe, val(r, i, 6));
        comment(c, arena_printf(c->a, "EVENT TRIGGER %s", qe), val(r, i, 7));
    }
    PQclear(r);
}

/* Object kinds the model does not hold yet are named, not skipped (except
 * in schemas the plan leaves out with --schema / --exclude-schema). */
static void read_unsupported(Cat *c)
{
    /* PostgreSQL 18 constraint features the PostgreSQL 15 grammar cannot say */
    const char *pg18 = c->server_version >= 180000 ?
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
        " UNION ALL SELECT 'virtual generated column', n.nspname || '.' || c.relname || '.' || a.attname, n.nspname"
        "   FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
        "   JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        " WHERE a.attgenerated = 'v' AND NOT a.attisdropped AND " USER_NS
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
        if (filter_selects(c->filter, val(r, i, 2)))
            diag_plain(c->diags, EXIT_INPUT, "%s: %s (%s) is not supported yet", c->name, val(r, i, 1), val(r, i, 0));
    PQclear(r);
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
        /* a size or an expression of a table another session holds in
         * ACCESS EXCLUSIVE (a migration running) waits for its lock:
         * a bounded wait and an error that says so, never a hang */
        "pg_catalog.set_config('lock_timeout', '" CATALOG_LOCK_TIMEOUT "', true)");
    PQclear(r);
    read_unsupported(c);
    read_schemas(c);
    read_extensions(c);
    read_foreign(c);
    read_roles(c, m);
    read_collations(c);
    read_text_search(c);
    read_enums(c);
    read_sequences(c);
    read_relation_parts(c);
    read_domains(c);
    read_composite_types(c);
    read_ranges(c);
    read_functions(c);
    read_operators(c);
    read_tables(c);
    read_views(c);
    emit_sorted(c);
    read_opclasses(c);
    read_constraints(c);
    read_indexes(c);
    read_statistics(c);
    read_casts(c);
    read_triggers(c);
    read_rules(c);
    read_policies(c);
    read_default_privileges(c);
    read_publications(c);
    read_event_triggers(c);
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
        sb_free(&c.ddl);
        sb_free(&c.late);
        return;
    }
    if (!c.conn) {
        cat_error(&c, "cannot connect", conn_err);
    } else {
        c.server_version = PQserverVersion(c.conn);
        read_all(&c, m);
    }
    /* the snapshot stays open for the pre-flight queries (parser/pfrun.c)
     * until catalog_close(); a failed read ends it now */
    if (c.conn && !c.failed)
        m->snapshot = c.conn;
    else
        PQfinish(c.conn);
    PQclear(c.cols);
    PQclear(c.opts);
    if (!c.failed) {
        sb_puts(&c.ddl, c.late.data ? c.late.data : "");
        const char *debug = getenv("SCHEMADIFF_CATALOG_DDL");
        if (debug && *debug && strcmp(debug, "0") != 0)
            fprintf(stderr, "-- catalog DDL of %s\n%s-- end of catalog DDL\n", c.name, c.ddl.data ? c.ddl.data : "");
        /* the model and any diagnostic point into this text: arena copy */
        if (!diag_any(diags))
            ddl_read_generated(m, c.name, sb_take(&c.ddl, a), diags);
        /* the old tables a shadow cutover keeps until cleanup are not the user's */
        if (!diag_any(diags))
            c.queries += catalog_own_pending(c.conn, a, m, c.name, diags);
        for (int i = 0; i + 3 < c.estimates.n; i += 4) {
            Table *t = model_table(m, c.estimates.items[i], c.estimates.items[i + 1]);
            if (!t)
                continue;
            const char *rows = c.estimates.items[i + 2], *bytes = c.estimates.items[i + 3];
            t->has_estimate = true;
            t->est_rows = rows ? strtod(rows, NULL) : -1;
            t->est_bytes = bytes ? strtoll(bytes, NULL, 10) : -1;
        }
    }
    if (queries)
        *queries = c.queries;
    sb_free(&c.ddl);
    sb_free(&c.late);
}
