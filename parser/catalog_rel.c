/*
 * catalog_rel.c — the catalog reader's queries for relations and what
 * hangs on them: the shared column and storage-parameter queries, composite
 * types, tables (partitioned, partitions, inheritance children, foreign
 * tables), views and materialized views, constraints, indexes, triggers,
 * rules and row level security policies.
 *
 * Columns and storage parameters are read once for every relation
 * (cat_read_relation_parts; the storage parameters ordered by relation oid
 * on the server, the columns on the client) and each relation's rows are
 * found by binary search (cat_rows_of, col_range), so the reader sends one
 * query per kind whatever the number of tables.  CREATE TABLE, CREATE VIEW
 * and CREATE TYPE ... AS go through the dependency sort (cat_add_sorted);
 * keys, indexes, triggers, rules and policies go to the late part of the
 * text (cat_emit_late), after every object they may name.
 * parser/catalog.c's header says what is read and why.
 */
#include "model.h"

#include <libpq-fe.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The columns of every relation read here, and the storage parameters of
 * tables, views and materialized views, each ordered by relation oid: one
 * query each, shared by tables, views and composite types.  18 keeps NOT
 * NULL in pg_constraint: one added NOT VALID leaves attnotnull true while
 * old rows may hold NULLs.  17 made attstattarget nullable (NULL: the
 * default). */
enum {
    COL_REL, COL_NAME, COL_TYPE, COL_NOTNULL, COL_DEFAULT, COL_IDENTITY, COL_GENERATED, COL_COLL_NSP,
    COL_COLL, COL_STATS, COL_DESC, COL_SEQ /* 6 columns */, COL_ACL = COL_SEQ + 6, COL_SEQ_NSP, COL_SEQ_NAME,
    COL_SEQ_OWNER, COL_SEQ_ACL, COL_STORAGE, COL_COMPRESSION, COL_ATTOPTIONS, COL_FDWOPTIONS, COL_ATTNUM,
    COL_TYPID, COL_COLLID /* oids: an index's operator class and collation are told against them */
};

typedef struct ColKey {
    unsigned long long rel;
    int num, row;
} ColKey;

static int by_rel_num(const void *x, const void *y)
{
    const ColKey *a = x, *b = y;
    if (a->rel != b->rel)
        return a->rel < b->rel ? -1 : 1;
    return (a->num > b->num) - (a->num < b->num);
}

/* The column query's rows in (relation oid, attribute number) order:
 * c->col_order[k] is the k-th row in that order, c->col_rel[k] and
 * c->col_num[k] its relation and attribute number.  Sorted here, not by
 * the server, whose sort of the wide joined rows spilled to disk and took
 * 0.2 s of the helper connection at 10,000 tables. */
static void col_index(Cat *c)
{
    int n = c->cols ? PQntuples(c->cols) : 0;
    ColKey *keys = malloc((size_t)(n ? n : 1) * sizeof *keys);
    if (!keys)
        abort();
    for (int k = 0; k < n; k++) {
        keys[k].rel = strtoull(PQgetvalue(c->cols, k, COL_REL), NULL, 10);
        keys[k].num = atoi(PQgetvalue(c->cols, k, COL_ATTNUM));
        keys[k].row = k;
    }
    qsort(keys, (size_t)n, sizeof *keys, by_rel_num);
    c->col_rel = arena_alloc(c->a, (size_t)(n ? n : 1) * sizeof *c->col_rel);
    c->col_num = arena_alloc(c->a, (size_t)(n ? n : 1) * sizeof *c->col_num);
    c->col_order = arena_alloc(c->a, (size_t)(n ? n : 1) * sizeof *c->col_order);
    for (int k = 0; k < n; k++) {
        c->col_rel[k] = keys[k].rel;
        c->col_num[k] = keys[k].num;
        c->col_order[k] = keys[k].row;
    }
    c->ncols = n;
    free(keys);
}

/* The positions [*lo, *hi) in c->col_order of the columns of relation
 * `oid` (text), in attribute number order. */
static void col_range(Cat *c, const char *oid, int *lo, int *hi)
{
    unsigned long long key = strtoull(oid, NULL, 10);
    int l = 0, h = c->ncols;
    while (l < h) {
        int m = l + (h - l) / 2;
        if (c->col_rel[m] < key)
            l = m + 1;
        else
            h = m;
    }
    *lo = l;
    while (l < c->ncols && c->col_rel[l] == key)
        l++;
    *hi = l;
}

void cat_read_relation_parts(Cat *c)
{
    /* what cat_read_indexes() needs of the types and operator classes,
     * asked before the long queries so that it is there when they end */
    c->classes = cat_query(c, "index operator classes", cat_opc_sql(c));
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
        /* a default holds no column reference (a generated column's
         * expression does): deparsed without the table as context, which
         * would open the table (building its relcache entry, the larger
         * part of this query's time) */
        "pg_catalog.pg_get_expr(d.adbin, CASE WHEN a.attgenerated = '' THEN 0 ELSE d.adrelid END), "
        "a.attidentity, a.attgenerated, "
        "CASE WHEN a.attcollation <> t.typcollation THEN cn.nspname END, "
        "CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, "
        "%s, ds.description, "
        "q.seqstart, q.seqincrement, q.seqmin, q.seqmax, q.seqcache, q.seqcycle, "
        ACL_GROUPS("a.attacl") ", sn.nspname, sq.relname, pg_catalog.pg_get_userbyid(sq.relowner), "
        ACL_GROUPS("sq.relacl") ", "
        /* storage only where it differs from the type's; '' compression is the default */
        "CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END, %s, a.attoptions, a.attfdwoptions, a.attnum, "
        "a.atttypid, a.attcollation "
        "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
        "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
        "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
        "LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation "
        "LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace "
        /* an identity column's sequence: looked up for those alone (the
         * filter on the outer row gates the scan), where a join probed
         * pg_depend for every column, a tenth of this query's time */
        "LEFT JOIN LATERAL (SELECT xd.objid FROM pg_catalog.pg_depend xd WHERE a.attidentity <> '' "
        "AND xd.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND xd.refobjid = a.attrelid "
        "AND xd.refobjsubid = a.attnum AND xd.deptype = 'i' AND xd.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "
        "OFFSET 0) dd ON true "
        "LEFT JOIN pg_catalog.pg_sequence q ON q.seqrelid = dd.objid "
        "LEFT JOIN pg_catalog.pg_class sq ON sq.oid = q.seqrelid "
        "LEFT JOIN pg_catalog.pg_namespace sn ON sn.oid = sq.relnamespace "
        DESC_JOIN("a.attrelid", "a.attnum", "pg_catalog.pg_class")
        "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'c', 'f') AND " USER_NS
        "", notnull, stattarget,
        c->server_version >= 140000 ? "NULLIF(a.attcompression, '')" : "NULL"));
    col_index(c);
}

const char *cat_seq_clause(Cat *c, PGresult *r, int row, int first)
{
    /* start, increment, min, max, cache, cycle */
    return arena_printf(c->a, "START WITH %s INCREMENT BY %s MINVALUE %s MAXVALUE %s CACHE %s %s",
                        cat_val(r, row, first), cat_val(r, row, first + 1), cat_val(r, row, first + 2),
                        cat_val(r, row, first + 3), cat_val(r, row, first + 4),
                        !strcmp(cat_val(r, row, first + 5), "t") ? "CYCLE" : "NO CYCLE");
}

/* Composite types: their attributes are rows of the shared column query. */
void cat_read_composite_types(Cat *c)
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
        const char *qt = q_qual(c->a, cat_val(r, i, 1), cat_val(r, i, 2));
        StrBuf sb;
        sb_init(&sb);
        sb_printf(&sb, "CREATE TYPE %s AS (", qt);
        int lo, hi;
        col_range(c, cat_val(r, i, 0), &lo, &hi);
        for (int x = lo; x < hi; x++) {
            int k = c->col_order[x];
            const char *col = q_ident(c->a, cat_val(a, k, COL_NAME));
            sb_printf(&sb, "%s\n    %s %s", x > lo ? "," : "", col, cat_val(a, k, COL_TYPE));
            if (cat_val(a, k, COL_COLL))
                sb_printf(&sb, " COLLATE %s", q_qual(c->a, cat_val(a, k, COL_COLL_NSP), cat_val(a, k, COL_COLL)));
            cat_comment(c, cat_val(a, k, COL_DESC), "COLUMN %s.%s", qt, col);
        }
        sb_puts(&sb, hi > lo ? "\n);" : ");");
        cat_add_sorted(c, 'c', cat_val(r, i, 0), cat_val(r, i, 6), sb_take(&sb, c->a));
        sb_free(&sb);
        cat_comment(c, cat_val(r, i, 3), "TYPE %s", qt);
        cat_owner_to(c, "TYPE", qt, cat_val(r, i, 4));
        cat_privileges(c, "TYPE", qt, cat_val(r, i, 4), cat_val(r, i, 5));
    }
    PQclear(r);
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
 * not read (see cat_read_constraints, read_indexes, read_triggers). */
enum {
    TAB_OID, TAB_NSP, TAB_NAME, TAB_PERSISTENCE, TAB_DESC, TAB_RLS, TAB_FORCE_RLS, TAB_OWNER, TAB_ACL, TAB_DEPS,
    TAB_PARTKEY, TAB_BOUND, TAB_PARENT_NSPS, TAB_PARENT_NAMES, TAB_OF_TYPE, TAB_REPLIDENT, TAB_SERVER,
    TAB_FTOPTIONS, TAB_ROWS
};

/* A column's storage, compression and attribute options (late: a child's
 * own, before it joins its parents). */
static void column_attrs(Cat *c, const char *qt, const char *col, PGresult *a, int ai)
{
    const char *storage = cat_val(a, ai, COL_STORAGE), *comp = cat_val(a, ai, COL_COMPRESSION);
    if (storage && colattr_storage_sql(*storage))
        cat_emit_late(c, arena_printf(c->a, "ALTER TABLE %s ALTER COLUMN %s SET STORAGE %s;", qt, col,
                                  colattr_storage_sql(*storage)));
    /* attcompression: 'p' pglz, 'l' lz4 */
    if (comp && (*comp == 'p' || *comp == 'l'))
        cat_emit_late(c, arena_printf(c->a, "ALTER TABLE %s ALTER COLUMN %s SET COMPRESSION %s;", qt, col,
                                  *comp == 'p' ? "pglz" : "lz4"));
    const char **opts;
    const char *attoptions = cat_val(a, ai, COL_ATTOPTIONS);
    int n = attoptions && strstr(attoptions, "n_distinct") ? cat_text_array(c->a, attoptions, &opts) : 0;
    for (int k = 0; k < n; k++) {
        /* only the options a statement can set: a server may keep its own
         * there (Debian's 15.20 puts a pg_attver on every column) */
        const char *eq = strchr(opts[k], '=');
        if (eq && (!strncmp(opts[k], "n_distinct=", 11) || !strncmp(opts[k], "n_distinct_inherited=", 21)))
            cat_emit_late(c, arena_printf(c->a, "ALTER TABLE %s ALTER COLUMN %s SET (%s = %s);", qt, col,
                                      q_ident(c->a, arena_strndup(c->a, opts[k], (size_t)(eq - opts[k]))),
                                      q_literal(c->a, eq + 1)));
    }
}

void cat_read_tables(Cat *c)
{
    PGresult *t = cat_query(c, "tables",
        "SELECT c.oid, n.nspname, c.relname, c.relpersistence, ds.description, c.relrowsecurity, "
        "c.relforcerowsecurity, pg_catalog.pg_get_userbyid(c.relowner), " ACL_GROUPS("c.relacl") ", "
        DEPS("SELECT " CLASSID("pg_class") ", c.oid UNION ALL SELECT " CLASSID("pg_attrdef") ", ad.oid "
             "FROM pg_catalog.pg_attrdef ad WHERE ad.adrelid = c.oid") ", "
        "CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END, "
        /* a bound holds constants only: no table context to open */
        "CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, 0) END, "
        "ARRAY(SELECT pn.nspname FROM pg_catalog.pg_inherits h JOIN pg_catalog.pg_class pc ON pc.oid = h.inhparent "
        "JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace WHERE h.inhrelid = c.oid ORDER BY h.inhseqno), "
        "ARRAY(SELECT pc.relname FROM pg_catalog.pg_inherits h JOIN pg_catalog.pg_class pc ON pc.oid = h.inhparent "
        "WHERE h.inhrelid = c.oid ORDER BY h.inhseqno), "
        "CASE WHEN c.reloftype <> 0 THEN c.reloftype::pg_catalog.regtype::text END, c.relreplident, "
        /* a foreign table's server and options */
        "fs.srvname, ft.ftoptions, "
        /* the size estimates of the plan's steps (a partitioned table: its leaves') */
        "CASE WHEN c.relkind = 'p' THEN (SELECT pg_catalog.sum(pc.reltuples) FROM pg_catalog.pg_partition_tree(c.oid) pt "
        "JOIN pg_catalog.pg_class pc ON pc.oid = pt.relid WHERE pt.isleaf AND pc.reltuples >= 0) ELSE c.reltuples END "
        /* not the size in bytes: pg_total_relation_size opens every table
         * and its indexes (a relcache entry each: most of this query's
         * time); the driver asks for the sizes of the tables a plan
         * touches (catalog_table_sizes, parser/catalog_size.c) */
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
        const char *qt = q_qual(c->a, cat_val(t, i, 1), cat_val(t, i, 2));
        StrBuf sb;
        sb_init(&sb);
        const char *server = cat_val(t, i, TAB_SERVER);
        sb_printf(&sb, "CREATE %sTABLE %s (", server ? "FOREIGN " : !strcmp(cat_val(t, i, 3), "u") ? "UNLOGGED " : "", qt);
        int lo, hi;
        col_range(c, cat_val(t, i, 0), &lo, &hi);
        for (int x = lo; x < hi; x++) {
            int ai = c->col_order[x];
            const char *col = q_ident(c->a, cat_val(a, ai, COL_NAME));
            /* appended, not formatted: this runs for every column (issue 14) */
            sb_puts(&sb, x > lo ? ",\n    " : "\n    ");
            sb_puts(&sb, col);
            sb_putc(&sb, ' ');
            sb_puts(&sb, cat_val(a, ai, COL_TYPE));
            if (cat_val(a, ai, COL_FDWOPTIONS))
                sb_puts(&sb, cat_generic_options(c, cat_val(a, ai, COL_FDWOPTIONS)));
            if (cat_val(a, ai, COL_COLL)) {
                sb_puts(&sb, " COLLATE ");
                sb_puts(&sb, q_qual(c->a, cat_val(a, ai, COL_COLL_NSP), cat_val(a, ai, COL_COLL)));
            }
            const char *expr = cat_val(a, ai, COL_DEFAULT), *identity = cat_val(a, ai, COL_IDENTITY),
                       *generated = cat_val(a, ai, COL_GENERATED);
            if (expr && generated && *generated == 's') {
                sb_puts(&sb, " GENERATED ALWAYS AS (");
                sb_puts(&sb, expr);
                sb_puts(&sb, ") STORED");
            } else if (expr) {
                sb_puts(&sb, " DEFAULT ");
                sb_puts(&sb, expr);
            }
            if (!strcmp(cat_val(a, ai, COL_NOTNULL), "t"))
                sb_puts(&sb, " NOT NULL");
            if (identity && *identity && cat_val(a, ai, COL_SEQ))
                sb_printf(&sb, " GENERATED %s AS IDENTITY (%s)", *identity == 'a' ? "ALWAYS" : "BY DEFAULT",
                          cat_seq_clause(c, a, ai, COL_SEQ));
            int stat = atoi(cat_val(a, ai, COL_STATS));
            if (stat >= 0)
                cat_emit_late(c, arena_printf(c->a, "ALTER TABLE %s ALTER COLUMN %s SET STATISTICS %d;", qt, col, stat));
            column_attrs(c, qt, col, a, ai);
            cat_comment(c, cat_val(a, ai, COL_DESC), "COLUMN %s.%s", qt, col);
        }
        sb_puts(&sb, hi > lo ? "\n)" : ")");
        if (cat_val(t, i, TAB_PARTKEY))
            sb_printf(&sb, " PARTITION BY %s", cat_val(t, i, TAB_PARTKEY));
        cat_rows_of(o, cat_val(t, i, 0), &lo, &hi);
        for (int k = lo; k < hi; k++)
            sb_printf(&sb, "%s%s = %s", k > lo ? ", " : " WITH (", q_ident(c->a, cat_val(o, k, 1)),
                      q_literal(c->a, cat_val(o, k, 2)));
        if (hi > lo)
            sb_putc(&sb, ')');
        if (server)
            sb_printf(&sb, " SERVER %s%s", q_ident(c->a, server), cat_generic_options(c, cat_val(t, i, TAB_FTOPTIONS)));
        sb_putc(&sb, ';');
        if (!strcmp(cat_val(t, i, 5), "t"))
            sb_printf(&sb, "\nALTER TABLE %s ENABLE ROW LEVEL SECURITY;", qt);
        if (!strcmp(cat_val(t, i, 6), "t"))
            sb_printf(&sb, "\nALTER TABLE %s FORCE ROW LEVEL SECURITY;", qt);
        /* REPLICA IDENTITY USING INDEX comes with the index; a foreign
         * table's is always NOTHING, and no statement sets it */
        if (!server && (!strcmp(cat_val(t, i, TAB_REPLIDENT), "f") || !strcmp(cat_val(t, i, TAB_REPLIDENT), "n")))
            sb_printf(&sb, "\nALTER TABLE %s REPLICA IDENTITY %s;", qt,
                      !strcmp(cat_val(t, i, TAB_REPLIDENT), "f") ? "FULL" : "NOTHING");
        cat_add_sorted(c, 'c', cat_val(t, i, 0), cat_val(t, i, TAB_DEPS), sb_take(&sb, c->a));
        vec_push(c->a, &c->estimates, (void *)arena_strdup(c->a, cat_val(t, i, TAB_NSP)));
        vec_push(c->a, &c->estimates, (void *)arena_strdup(c->a, cat_val(t, i, TAB_NAME)));
        vec_push(c->a, &c->estimates, (void *)(cat_val(t, i, TAB_ROWS) ? arena_strdup(c->a, cat_val(t, i, TAB_ROWS)) : NULL));
        sb_free(&sb);
        const char **pnsp, **pname;
        int np = cat_text_array(c->a, cat_val(t, i, TAB_PARENT_NSPS), &pnsp);
        if (cat_text_array(c->a, cat_val(t, i, TAB_PARENT_NAMES), &pname) == np) {
            for (int k = 0; k < np; k++) {
                const char *qp = q_qual(c->a, pnsp[k], pname[k]);
                if (cat_val(t, i, TAB_BOUND))
                    sb_printf(&parents, "ALTER TABLE ONLY %s ATTACH PARTITION %s %s;\n", qp, qt,
                              cat_val(t, i, TAB_BOUND));
                else
                    sb_printf(&parents, "ALTER TABLE %s INHERIT %s;\n", qt, qp);
            }
        }
        /* a typed table: its columns as read, then the type (the reader takes
         * them for the type's, as CREATE TABLE ... OF would make them) */
        if (cat_val(t, i, TAB_OF_TYPE))
            cat_emit_late(c, arena_printf(c->a, "ALTER TABLE %s OF %s;", qt, cat_val(t, i, TAB_OF_TYPE)));
        cat_comment(c, cat_val(t, i, 4), "TABLE %s", qt);
        cat_owner_to(c, "TABLE", qt, cat_val(t, i, 7));
        cat_privileges(c, "TABLE", qt, cat_val(t, i, 7), cat_val(t, i, 8));
        col_range(c, cat_val(t, i, 0), &lo, &hi);
        for (int x = lo; x < hi; x++) {
            int ai = c->col_order[x];
            if (cat_val(a, ai, COL_ACL))
                cat_column_privileges(c, qt, q_ident(c->a, cat_val(a, ai, COL_NAME)), cat_val(a, ai, COL_ACL));
            /* an identity column's sequence has the table's owner; its
             * privileges are its own */
            if (cat_val(a, ai, COL_SEQ_NAME) && cat_val(a, ai, COL_SEQ_ACL))
                cat_privileges(c, "SEQUENCE", q_qual(c->a, cat_val(a, ai, COL_SEQ_NSP), cat_val(a, ai, COL_SEQ_NAME)),
                           cat_val(a, ai, COL_SEQ_OWNER), cat_val(a, ai, COL_SEQ_ACL));
        }
    }
    sb_puts(&c->late, parents.data ? parents.data : "");
    sb_free(&parents);
    PQclear(t);
}

/* Views and materialized views, as pg_get_viewdef() prints them. */
void cat_read_views(Cat *c)
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
        bool mat = !strcmp(cat_val(r, i, 3), "m");
        const char *kind = mat ? "MATERIALIZED VIEW" : "VIEW";
        const char *qv = q_qual(c->a, cat_val(r, i, 1), cat_val(r, i, 2));
        const char *check = NULL;
        StrBuf sb;
        sb_init(&sb);
        sb_printf(&sb, "CREATE %s %s", kind, qv);
        int lo, hi, nopt = 0;
        cat_rows_of(o, cat_val(r, i, 0), &lo, &hi);
        for (int k = lo; k < hi; k++) {
            if (!mat && !strcmp(cat_val(o, k, 1), "check_option")) {
                check = cat_val(o, k, 2);
                continue;
            }
            sb_printf(&sb, "%s%s = %s", nopt++ ? ", " : " WITH (", q_ident(c->a, cat_val(o, k, 1)),
                      q_literal(c->a, cat_val(o, k, 2)));
        }
        if (nopt)
            sb_putc(&sb, ')');
        sb_printf(&sb, " AS %s", cat_trim_def(c->a, cat_val(r, i, 4)));
        if (mat)
            sb_puts(&sb, !strcmp(cat_val(r, i, 5), "t") ? " WITH DATA" : " WITH NO DATA");
        else if (check)
            sb_printf(&sb, " WITH %s CHECK OPTION", !strcmp(check, "local") ? "LOCAL" : "CASCADED");
        sb_putc(&sb, ';');
        cat_add_sorted(c, 'c', cat_val(r, i, 0), cat_val(r, i, 9), sb_take(&sb, c->a));
        sb_free(&sb);
        col_range(c, cat_val(r, i, 0), &lo, &hi);
        for (int x = lo; x < hi; x++) {
            int k = c->col_order[x];
            const char *col = q_ident(c->a, cat_val(a, k, COL_NAME));
            /* a view's column may have a default (for INSERT through it) */
            if (cat_val(a, k, COL_DEFAULT))
                cat_emit_late(c, arena_printf(c->a, "ALTER %s %s ALTER COLUMN %s SET DEFAULT %s;", kind, qv, col,
                                          cat_val(a, k, COL_DEFAULT)));
            int stat = atoi(cat_val(a, k, COL_STATS));
            if (stat >= 0)
                cat_emit_late(c, arena_printf(c->a, "ALTER %s %s ALTER COLUMN %s SET STATISTICS %d;", kind, qv, col,
                                          stat));
            cat_comment(c, cat_val(a, k, COL_DESC), "COLUMN %s.%s", qv, col);
        }
        cat_comment(c, cat_val(r, i, 6), "%s %s", kind, qv);
        cat_owner_to(c, kind, qv, cat_val(r, i, 7));
        cat_privileges(c, "TABLE", qv, cat_val(r, i, 7), cat_val(r, i, 8));
        for (int x = lo; x < hi; x++) {
            int k = c->col_order[x];
            if (cat_val(a, k, COL_ACL))
                cat_column_privileges(c, qv, q_ident(c->a, cat_val(a, k, COL_NAME)), cat_val(a, k, COL_ACL));
        }
    }
    PQclear(r);
}

/* The row of column `attnum` of relation `relid` in the shared column
 * query (every column of every relation in a user schema); -1 when it has
 * none. */
static int column_row(Cat *c, const char *relid, long attnum)
{
    int lo, hi;
    col_range(c, relid, &lo, &hi);
    while (lo < hi) { /* attribute numbers ascend */
        int m = lo + (hi - lo) / 2;
        if (c->col_num[m] < attnum)
            lo = m + 1;
        else
            hi = m;
    }
    return lo < c->ncols && c->col_rel[lo] == strtoull(relid, NULL, 10) && c->col_num[lo] == attnum
               ? c->col_order[lo] : -1;
}

/* That column's name; NULL when there is none. */
static const char *column_name(Cat *c, const char *relid, long attnum)
{
    int row = column_row(c, relid, attnum);
    return row >= 0 ? cat_val(c->cols, row, COL_NAME) : NULL;
}

/* Appends the names of the columns a list of attribute numbers (an int2[]
 * or int2vector in text form: {1,2} or "1 2") names, the `from`-th up to
 * (not including) the `to`-th, quoted and separated by ", " as the
 * server's deparser writes them; false when one is not a column the shared
 * query knows. */
static bool column_list(Cat *c, StrBuf *sb, const char *relid, const char *nums, int from, int to)
{
    int i = 0;
    for (const char *p = nums; *p && i < to;) {
        if (*p < '0' || *p > '9') {
            p++;
            continue;
        }
        char *end;
        long n = strtol(p, &end, 10);
        p = end;
        if (i++ < from)
            continue;
        const char *name = column_name(c, relid, n);
        if (!name)
            return false;
        if (i - 1 > from)
            sb_puts(sb, ", ");
        sb_quote_ident(sb, name);
    }
    return true;
}

/* How many numbers an int2vector's text ("1 2 3") holds. */
static int count_numbers(const char *s)
{
    int n = 0;
    for (const char *p = s; *p; p++)
        n += *p != ' ' && (p[1] == ' ' || !p[1]);
    return n;
}

static const char *fk_action(const char *code)
{
    switch (code ? *code : 'a') {
    case 'r': return " RESTRICT";
    case 'c': return " CASCADE";
    case 'n': return " SET NULL";
    case 'd': return " SET DEFAULT";
    }
    return NULL; /* 'a', NO ACTION: the default, not written */
}

/* A PRIMARY KEY, UNIQUE or FOREIGN KEY constraint's definition built here
 * from its catalog row, the text pg_get_constraintdef() prints (its
 * server time was two thirds of the constraint query's: it scans
 * pg_constraint for every row), and the index's storage parameters, which
 * that function leaves out: they were lost.  The query leaves to the
 * server what this does not write: CHECK and EXCLUDE constraints, an index
 * in a tablespace of its own, ON DELETE SET NULL (columns), a table
 * outside the user schemas.  NULL when a column is missing from the
 * shared column query (the caller reports it). */
static const char *constraint_def(Cat *c, PGresult *r, int i)
{
    enum { K_TYPE = 8, K_REL, K_KEY, K_FNSP, K_FREL, K_FRELID, K_FKEY, K_MATCH, K_UPD, K_DEL, K_DEFERRABLE,
           K_DEFERRED, K_VALID, K_INDKEY, K_NKEY, K_NND, K_RELOPTIONS };
    const char *type = cat_val(r, i, K_TYPE), *rel = cat_val(r, i, K_REL);
    StrBuf sb;
    sb_init(&sb);
    bool ok;
    if (*type == 'f') {
        sb_puts(&sb, "FOREIGN KEY (");
        ok = column_list(c, &sb, rel, cat_val(r, i, K_KEY), 0, INT_MAX);
        sb_printf(&sb, ") REFERENCES %s(", q_qual(c->a, cat_val(r, i, K_FNSP), cat_val(r, i, K_FREL)));
        ok = ok && column_list(c, &sb, cat_val(r, i, K_FRELID), cat_val(r, i, K_FKEY), 0, INT_MAX);
        sb_putc(&sb, ')');
        const char *m = cat_val(r, i, K_MATCH);
        sb_puts(&sb, *m == 'f' ? " MATCH FULL" : *m == 'p' ? " MATCH PARTIAL" : "");
        if (fk_action(cat_val(r, i, K_UPD)))
            sb_printf(&sb, " ON UPDATE%s", fk_action(cat_val(r, i, K_UPD)));
        if (fk_action(cat_val(r, i, K_DEL)))
            sb_printf(&sb, " ON DELETE%s", fk_action(cat_val(r, i, K_DEL)));
    } else {
        sb_puts(&sb, *type == 'p' ? "PRIMARY KEY (" : !strcmp(cat_val(r, i, K_NND), "t") ? "UNIQUE NULLS NOT DISTINCT ("
                                                                                        : "UNIQUE (");
        ok = column_list(c, &sb, rel, cat_val(r, i, K_KEY), 0, INT_MAX);
        sb_putc(&sb, ')');
        /* the index's columns past its key columns: INCLUDE */
        int nkey = atoi(cat_val(r, i, K_NKEY));
        if (count_numbers(cat_val(r, i, K_INDKEY)) > nkey) {
            sb_puts(&sb, " INCLUDE (");
            ok = ok && column_list(c, &sb, rel, cat_val(r, i, K_INDKEY), nkey, INT_MAX);
            sb_putc(&sb, ')');
        }
        /* the index's storage parameters (pg_get_constraintdef() leaves
         * them out unless asked for a whole command) */
        const char **opts;
        int n = cat_text_array(c->a, cat_val(r, i, K_RELOPTIONS), &opts);
        for (int k = 0; k < n; k++) {
            const char *eq = opts[k] ? strchr(opts[k], '=') : NULL;
            if (eq)
                sb_printf(&sb, "%s%s = %s", k ? ", " : " WITH (",
                          q_ident(c->a, arena_strndup(c->a, opts[k], (size_t)(eq - opts[k]))), q_literal(c->a, eq + 1));
        }
        if (n > 0)
            sb_putc(&sb, ')');
    }
    if (!strcmp(cat_val(r, i, K_DEFERRABLE), "t"))
        sb_puts(&sb, " DEFERRABLE");
    if (!strcmp(cat_val(r, i, K_DEFERRED), "t"))
        sb_puts(&sb, " INITIALLY DEFERRED");
    if (strcmp(cat_val(r, i, K_VALID), "t"))
        sb_puts(&sb, " NOT VALID");
    const char *def = ok ? sb_take(&sb, c->a) : NULL;
    sb_free(&sb);
    return def;
}

/* Foreign keys last: the keys they reference come first.  What a table has
 * only from a parent is left out: a constraint not defined locally (a
 * CHECK the parent's ADD CONSTRAINT gives its children), and a partition's
 * copy of its parent's PRIMARY KEY, UNIQUE or foreign key (conparentid),
 * which the parent's ADD CONSTRAINT creates on every partition. */
void cat_read_constraints(Cat *c)
{
    /* the definitions constraint_def() writes; the server deparses the rest */
    const char *pg15 = c->server_version >= 150000 ? " AND k.confdelsetcols IS NULL" : "";
    const char *pg18 = c->server_version >= 180000 ? " AND k.conenforced AND NOT k.conperiod" : "";
    const char *nnd = c->server_version >= 150000 ? "xi.indnullsnotdistinct" : "false";
    const char *here = arena_printf(c->a,
        "(k.contype = 'f'%s AND " NS_IS_USER("rn.nspname") " OR k.contype IN ('p', 'u') AND xi.indexrelid IS NOT NULL "
        "AND ixc.reltablespace = 0)%s", pg15, pg18);
    PGresult *r = cat_query(c, "constraints", arena_printf(c->a,
        "SELECT n.nspname, t.relname, k.conname, "
        "CASE WHEN NOT COALESCE(%s, false) THEN pg_catalog.pg_get_constraintdef(k.oid) END, "
        "ds.description, ix.description, ixc.relname, xi.indisreplident, "
        "k.contype, k.conrelid, k.conkey, rn.nspname, rt.relname, k.confrelid, k.confkey, k.confmatchtype, "
        "k.confupdtype, k.confdeltype, k.condeferrable, k.condeferred, k.convalidated, xi.indkey, xi.indnkeyatts, %s, "
        "ixc.reloptions "
        "FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class t ON t.oid = k.conrelid "
        DESC_JOIN("k.oid", "0", "pg_catalog.pg_constraint")
        /* the comment of the index a PRIMARY KEY, UNIQUE or EXCLUDE builds */
        "LEFT JOIN pg_catalog.pg_class ixc ON ixc.oid = k.conindid AND k.contype IN ('p', 'u', 'x') "
        "LEFT JOIN pg_catalog.pg_description ix ON ix.objoid = k.conindid AND ix.objsubid = 0 "
        "AND ix.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND k.contype IN ('p', 'u', 'x') "
        "LEFT JOIN pg_catalog.pg_index xi ON xi.indexrelid = k.conindid AND k.contype IN ('p', 'u') "
        "LEFT JOIN pg_catalog.pg_class rt ON rt.oid = k.confrelid AND k.contype = 'f' "
        "LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rt.relnamespace "
        "JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
        "WHERE k.contype IN ('p', 'u', 'c', 'f', 'x') AND t.relkind IN ('r', 'p', 'f') AND k.conislocal "
        "AND k.conparentid = 0 AND " USER_NS " AND " NOT_EXT("pg_catalog.pg_class", "t.oid")
        " ORDER BY k.contype = 'f', 1, 2, 3", here, nnd));
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *qt = q_qual(c->a, cat_val(r, i, 0), cat_val(r, i, 1));
        const char *qn = q_ident(c->a, cat_val(r, i, 2));
        const char *def = cat_val(r, i, 3) ? cat_val(r, i, 3) : constraint_def(c, r, i);
        if (!def) {
            diag_plain(c->diags, EXIT_INTERNAL, "%s: internal error: constraint %s on %s names a column the "
                       "catalog read did not see", c->name, qn, qt);
            c->failed = true;
            break;
        }
        cat_emit_late(c, arena_printf(c->a, "ALTER TABLE %s ADD CONSTRAINT %s %s;", qt, qn, def));
        cat_comment(c, cat_val(r, i, 4), "CONSTRAINT %s ON %s", qn, qt);
        if (cat_val(r, i, 6))
            cat_comment(c, cat_val(r, i, 5), "INDEX %s", q_qual(c->a, cat_val(r, i, 0), cat_val(r, i, 6)));
        if (cat_val(r, i, 7) && !strcmp(cat_val(r, i, 7), "t"))
            cat_emit_late(c, arena_printf(c->a, "ALTER TABLE %s REPLICA IDENTITY USING INDEX %s;", qt,
                                      q_ident(c->a, cat_val(r, i, 6))));
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

/* An index the server need not deparse: on plain columns (no expression;
 * a predicate is deparsed alone), without storage parameters nor operator
 * class options.  That is decided on the server from the index's own rows
 * alone, and index_def() writes the rest: each key column's COLLATE and
 * operator class where they are not its defaults (parser/catalog_opc.c).
 * The test of those on the server, a correlated subquery per index, cost
 * 0.25 s of the index query at 10,000 tables. */
#define SIMPLE_INDEX                                                                               \
    "(i.indexprs IS NULL AND ic.reloptions IS NULL AND NOT EXISTS (SELECT 1 FROM "                \
    "pg_catalog.pg_attribute ia WHERE ia.attrelid = i.indexrelid AND ia.attoptions IS NOT NULL))"

/* A simple index's definition (SIMPLE_INDEX) built here from its catalog
 * row, the same text pg_get_indexdef() prints: that function's server
 * time was four fifths of the index query's (it looks up the default
 * operator class of every key column in pg_opclass, uncached).  Each key
 * column is its name, its COLLATE and operator class where they are not
 * the column's defaults (`opc`), and DESC / NULLS FIRST / NULLS LAST from
 * indoption (only an access method that orders, btree, ever sets it); the
 * columns past the key columns are INCLUDE.  A partial index's predicate
 * is the server's pg_get_expr() of indpred, the text pg_get_indexdef()
 * writes after WHERE (the same deparse of the same stored AND tree,
 * against the table), at a tenth of that function's cost.  ON ONLY, which
 * the server writes for a partitioned table's index and the caller
 * removes, is not written.  NULL when a column, a type, an operator class
 * or a collation is missing from the queries. */
static const char *index_def(Cat *c, CatOpc *opc, PGresult *r, int i, const char *qt, const char *qi)
{
    enum { X_DEF = 3, X_REL = 9, X_KEY, X_OPTION, X_NKEY, X_AM, X_UNIQUE, X_NND, X_CLASS, X_COLL };
    const char *rel = cat_val(r, i, X_REL), *keys = cat_val(r, i, X_KEY), *opts = cat_val(r, i, X_OPTION);
    const char *classes = cat_val(r, i, X_CLASS), *colls = cat_val(r, i, X_COLL);
    int nkey = atoi(cat_val(r, i, X_NKEY));
    StrBuf sb;
    sb_init(&sb);
    sb_printf(&sb, "CREATE %sINDEX %s ON %s USING %s (", !strcmp(cat_val(r, i, X_UNIQUE), "t") ? "UNIQUE " : "", qi,
              qt, q_ident(c->a, cat_val(r, i, X_AM)));
    bool ok = true;
    const char *o = opts, *k = keys, *cl = classes, *co = colls;
    for (int n = 0; ok && n < nkey; n++) {
        if (n > 0)
            sb_puts(&sb, ", ");
        char *end;
        long attnum = strtol(k, &end, 10);
        k = end;
        long opt = strtol(o, &end, 10);
        o = end;
        /* the n-th of indclass and of indcollation (oidvectors: "1978 1978") */
        char cls[24], coll[24];
        int used = 0, row = column_row(c, rel, attnum);
        ok = row >= 0 && sscanf(cl, " %23[0-9]%n", cls, &used) == 1;
        cl += used;
        used = 0;
        ok = ok && sscanf(co, " %23[0-9]%n", coll, &used) == 1;
        co += used;
        if (ok)
            sb_quote_ident(&sb, cat_val(c->cols, row, COL_NAME));
        ok = ok &&
             cat_opc_extras(opc, &sb, cls, coll, cat_val(c->cols, row, COL_TYPID), cat_val(c->cols, row, COL_COLLID));
        if (opt & 1) /* INDOPTION_DESC: NULLS FIRST is then the default */
            sb_puts(&sb, opt & 2 ? " DESC" : " DESC NULLS LAST");
        else if (opt & 2) /* INDOPTION_NULLS_FIRST */
            sb_puts(&sb, " NULLS FIRST");
    }
    sb_putc(&sb, ')');
    if (ok && count_numbers(keys) > nkey) {
        sb_puts(&sb, " INCLUDE (");
        ok = column_list(c, &sb, rel, keys, nkey, INT_MAX);
        sb_putc(&sb, ')');
    }
    if (!strcmp(cat_val(r, i, X_NND), "t"))
        sb_puts(&sb, " NULLS NOT DISTINCT");
    const char *pred = cat_val(r, i, X_DEF);
    if (pred && *pred == 'W' && pred[1])
        sb_printf(&sb, " WHERE %s", pred + 1);
    const char *def = ok ? sb_take(&sb, c->a) : NULL;
    sb_free(&sb);
    return def;
}

void cat_read_indexes(Cat *c)
{
    /* Indexes of tables, partitioned tables and materialized views.
     * Indexes that implement a constraint come with the constraint.  An
     * invalid index (a failed CONCURRENTLY build) is not the schema: a plan
     * creates it again (and the migration drops the invalid one first).  A
     * partition's index that is a partition of its parent's (valid) index
     * is left out: CREATE INDEX on the parent makes it, under a name the
     * server chooses. */
    const char *nnd = c->server_version >= 150000 ? "i.indnullsnotdistinct" : "false";
    CatOpc *opc = cat_opc_new(c->a, c->classes);
    PGresult *r = cat_query(c, "indexes", arena_printf(c->a,
        "SELECT n.nspname, t.relname, ic.relname, "
        /* one test per index: 'D' and the server's definition, or 'W' and
         * a simple index's predicate (none: 'W' alone) */
        "CASE WHEN " SIMPLE_INDEX " THEN 'W' || COALESCE(pg_catalog.pg_get_expr(i.indpred, i.indrelid), '') "
        "ELSE 'D' || pg_catalog.pg_get_indexdef(i.indexrelid) END, "
        "i.indisclustered, ds.description, t.relkind, "
        /* statistics targets: only an expression column has one (ALTER
         * INDEX ... SET STATISTICS refuses the others), so only an index
         * with expressions is looked at (a scan per index: 0.1 s at
         * 10,000 tables) */
        "CASE WHEN i.indexprs IS NOT NULL THEN ARRAY(SELECT a.attnum || '=' || a.attstattarget "
        "FROM pg_catalog.pg_attribute a WHERE a.attrelid = i.indexrelid AND COALESCE(a.attstattarget, -1) >= 0 "
        "ORDER BY a.attnum) END, i.indisreplident, "
        "i.indrelid, i.indkey, i.indoption, i.indnkeyatts, am.amname, i.indisunique, %s, i.indclass, i.indcollation "
        "FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
        "JOIN pg_catalog.pg_am am ON am.oid = ic.relam "
        DESC_JOIN("i.indexrelid", "0", "pg_catalog.pg_class")
        "JOIN pg_catalog.pg_class t ON t.oid = i.indrelid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
        "WHERE t.relkind IN ('r', 'p', 'm') AND i.indisvalid AND " USER_NS " AND "
        NOT_EXT("pg_catalog.pg_class", "t.oid") " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k "
        "WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')) "
        "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits h JOIN pg_catalog.pg_index pi "
        "ON pi.indexrelid = h.inhparent WHERE h.inhrelid = i.indexrelid AND pi.indisvalid) "
        "ORDER BY 1, 3", nnd));
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *qt = q_qual(c->a, cat_val(r, i, 0), cat_val(r, i, 1));
        const char *qi = q_ident(c->a, cat_val(r, i, 2));
        const char *def = cat_val(r, i, 3);
        def = def && *def == 'D' ? def + 1 : index_def(c, opc, r, i, qt, qi);
        if (!def) {
            diag_plain(c->diags, EXIT_INTERNAL, "%s: internal error: index %s on %s names a column, type, operator "
                       "class or collation the catalog read did not see", c->name, qi, qt);
            c->failed = true;
            break;
        }
        if (!strcmp(cat_val(r, i, 6), "p"))
            def = without_only(c, def);
        cat_emit_late(c, arena_printf(c->a, "%s;", def));
        if (!strcmp(cat_val(r, i, 4), "t"))
            cat_emit_late(c, arena_printf(c->a, "ALTER %s %s CLUSTER ON %s;",
                                      !strcmp(cat_val(r, i, 6), "m") ? "MATERIALIZED VIEW" : "TABLE", qt, qi));
        if (!strcmp(cat_val(r, i, 8), "t"))
            cat_emit_late(c, arena_printf(c->a, "ALTER TABLE %s REPLICA IDENTITY USING INDEX %s;", qt, qi));
        cat_comment(c, cat_val(r, i, 5), "INDEX %s", q_qual(c->a, cat_val(r, i, 0), cat_val(r, i, 2)));
        /* statistics targets of expression columns */
        const char **st;
        int ns = cat_text_array(c->a, cat_val(r, i, 7), &st);
        for (int k = 0; k < ns; k++) {
            const char *eq = strchr(st[k], '=');
            if (eq)
                cat_emit_late(c, arena_printf(c->a, "ALTER INDEX %s ALTER COLUMN %d SET STATISTICS %d;",
                                          q_qual(c->a, cat_val(r, i, 0), cat_val(r, i, 2)), atoi(st[k]), atoi(eq + 1)));
        }
    }
    PQclear(r);
}

/* Triggers of tables and views (not those the server makes for foreign
 * keys, nor a partition's copy of its parent's trigger, which CREATE
 * TRIGGER on the parent makes), as pg_get_triggerdef() prints them, with
 * their firing state. */
void cat_read_triggers(Cat *c)
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
        const char *qt = q_qual(c->a, cat_val(r, i, 0), cat_val(r, i, 1));
        const char *qg = q_ident(c->a, cat_val(r, i, 2));
        cat_emit_late(c, arena_printf(c->a, "%s;", cat_val(r, i, 3)));
        const char *state = NULL;
        switch (*cat_val(r, i, 4)) {
        case 'D': state = "DISABLE"; break;
        case 'R': state = "ENABLE REPLICA"; break;
        case 'A': state = "ENABLE ALWAYS"; break;
        }
        if (state)
            cat_emit_late(c, arena_printf(c->a, "ALTER TABLE %s %s TRIGGER %s;", qt, state, qg));
        cat_comment(c, cat_val(r, i, 5), "TRIGGER %s ON %s", qg, qt);
    }
    PQclear(r);
}

/* Rules of tables and views, as pg_get_ruledef() prints them, with their
 * firing state (a view's _RETURN rule is the view). */
void cat_read_rules(Cat *c)
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
        const char *qt = q_qual(c->a, cat_val(r, i, 0), cat_val(r, i, 1));
        cat_emit_late(c, arena_printf(c->a, "%s;", cat_trim_def(c->a, cat_val(r, i, 3))));
        const char *en = rule_catalog_enable(c->a, qt, cat_val(r, i, 2), *cat_val(r, i, 4));
        if (en)
            cat_emit_late(c, en);
        cat_comment(c, cat_val(r, i, 5), "RULE %s ON %s", q_ident(c->a, cat_val(r, i, 2)), qt);
    }
    PQclear(r);
}

/* Row level security policies of tables (the tables' ENABLE / FORCE ROW
 * LEVEL SECURITY come with the tables). */
void cat_read_policies(Cat *c)
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
        const char *qt = q_qual(c->a, cat_val(r, i, 0), cat_val(r, i, 1));
        const char *qp = q_ident(c->a, cat_val(r, i, 2));
        const char *cmd;
        switch (*cat_val(r, i, 4)) {
        case 'r': cmd = "SELECT"; break;
        case 'a': cmd = "INSERT"; break;
        case 'w': cmd = "UPDATE"; break;
        case 'd': cmd = "DELETE"; break;
        default: cmd = "ALL"; break;
        }
        StrBuf sb;
        sb_init(&sb);
        sb_printf(&sb, "CREATE POLICY %s ON %s AS %s FOR %s TO ", qp, qt,
                  !strcmp(cat_val(r, i, 3), "t") ? "PERMISSIVE" : "RESTRICTIVE", cmd);
        const char **roles;
        int nroles = cat_text_array(c->a, cat_val(r, i, 5), &roles);
        for (int k = 0; k < nroles; k++)
            sb_printf(&sb, "%s%s", k ? ", " : "", cat_grantee(c, roles[k] ? roles[k] : ""));
        if (!nroles)
            sb_puts(&sb, "PUBLIC");
        if (cat_val(r, i, 6))
            sb_printf(&sb, " USING (%s)", cat_val(r, i, 6));
        if (cat_val(r, i, 7))
            sb_printf(&sb, " WITH CHECK (%s)", cat_val(r, i, 7));
        sb_putc(&sb, ';');
        cat_emit_late(c, sb.data);
        sb_free(&sb);
        cat_comment(c, cat_val(r, i, 8), "POLICY %s ON %s", qp, qt);
    }
    PQclear(r);
}

