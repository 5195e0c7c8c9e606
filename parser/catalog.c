/*
 * catalog.c — a live database as a source, read like pg_dump reads it.
 *
 * One query per object kind (never one per table), all inside one
 * REPEATABLE READ READ ONLY transaction so the picture is consistent, with
 * search_path emptied so the server's deparsers (format_type, pg_get_expr,
 * pg_get_constraintdef, pg_get_indexdef) qualify every name.  The rows are
 * turned into plain DDL (names through emit/quote.c) and that text goes
 * through the same DDL interpreter as a schema file: one model builder, two
 * sources, so a database built from files plans empty against those files
 * by construction wherever the interpreter normalises.
 *
 * What is not the user's schema is left out: system schemas, and objects
 * that belong to an extension (pg_depend deptype 'e'), such as pgvector's
 * types and operators.  Object kinds the model does not hold yet (views,
 * functions, triggers, policies, domains, partitioned or inherited tables)
 * are reported by name, as the file reader reports their statements.
 * Owners and privileges are not read.
 *
 * Catalog differences between servers: from PostgreSQL 18 NOT NULL
 * constraints are rows of pg_constraint (contype 'n'), which are skipped
 * here since attnotnull says the same; attstattarget became nullable in 17.
 *
 * Connection strings, libpq's environment variables and .pgpass work as for
 * any libpq client.  The password is never printed: the source is named by
 * its URL with the password removed, and libpq's messages do not carry it.
 */
#include "model.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

typedef struct Cat {
    PGconn *conn;
    Arena *a;
    Diags *diags;
    const char *name;   /* the URL without its password */
    int server_version;
    int queries;
    StrBuf ddl;         /* schemas, types, sequences, tables */
    StrBuf late;        /* what needs every table: ownership, constraints, indexes */
    PtrVec secrets;     /* spellings of the password, removed from every message */
    const SourceFilter *filter;
    bool failed;
} Cat;

static int hexval(char ch)
{
    return ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
           : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
}

/* %-decoding as libpq does it (invalid escapes are kept as they are). */
static char *pct_decode(Arena *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n + 1 && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            out[o++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = '\0';
    return out;
}

bool catalog_is_connection(const char *src)
{
    if (!strncmp(src, "postgres://", 11) || !strncmp(src, "postgresql://", 13))
        return true;
    /* keyword=value form: starts with a keyword followed by '=' */
    const char *p = src;
    while (*p == ' ' || *p == '\t')
        p++;
    const char *k = p;
    while ((*p >= 'a' && *p <= 'z') || *p == '_')
        p++;
    while (*p == ' ')
        p++;
    return p > k && *p == '=';
}

static bool is_url(const char *src)
{
    return !strncmp(src, "postgres://", 11) || !strncmp(src, "postgresql://", 13);
}

/* Every spelling of the password a message could echo: the raw and the
 * decoded text of the URL's user-info part and of any parameter whose
 * decoded name is "password", and the value libpq itself parses. */
static void collect_secrets(Arena *a, const char *src, PtrVec *out)
{
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(src, &err);
    if (err)
        PQfreemem(err);
    if (opts) {
        for (PQconninfoOption *o = opts; o->keyword; o++)
            if (!strcmp(o->keyword, "password") && o->val && *o->val)
                vec_push(a, out, arena_strdup(a, o->val));
        PQconninfoFree(opts);
    }
    if (is_url(src)) {
        const char *rest = strstr(src, "://") + 3;
        const char *at = strchr(rest, '@');
        const char *end = rest + strcspn(rest, "/?");
        if (at && at < end + strlen(end)) {
            const char *colon = memchr(rest, ':', (size_t)(at - rest));
            if (colon && at > colon + 1) {
                vec_push(a, out, arena_strndup(a, colon + 1, (size_t)(at - colon - 1)));
                vec_push(a, out, pct_decode(a, colon + 1, (size_t)(at - colon - 1)));
            }
        }
        const char *q = strchr(src, '?');
        while (q && *q) {
            q++;
            const char *eq = strchr(q, '=');
            const char *amp = strchr(q, '&');
            if (!eq || (amp && amp < eq)) {
                q = amp;
                continue;
            }
            const char *key = pct_decode(a, q, (size_t)(eq - q));
            size_t vlen = amp ? (size_t)(amp - eq - 1) : strlen(eq + 1);
            if (!strcmp(key, "password") && vlen) {
                vec_push(a, out, arena_strndup(a, eq + 1, vlen));
                vec_push(a, out, pct_decode(a, eq + 1, vlen));
            }
            q = amp;
        }
    } else {
        /* keyword=value: password=secret or password='sec ret' */
        const char *p = src;
        while ((p = strstr(p, "password"))) {
            const char *v = p + 8;
            while (*v == ' ')
                v++;
            if (*v == '=') {
                v++;
                while (*v == ' ')
                    v++;
                size_t len = *v == '\'' ? strcspn(v + 1, "'") + 2 : strcspn(v, " \t");
                if (len)
                    vec_push(a, out, arena_strndup(a, v, len));
            }
            p += 8;
        }
    }
}

/* Replace every secret in text by ***. */
static const char *redact(Arena *a, const PtrVec *secrets, const char *text)
{
    const char *cur = text;
    for (int i = 0; i < secrets->n; i++) {
        const char *sec = secrets->items[i];
        size_t n = strlen(sec);
        if (!n || !strstr(cur, sec))
            continue;
        StrBuf sb;
        sb_init(&sb);
        for (const char *p = cur; *p;) {
            const char *hit = strstr(p, sec);
            if (!hit) {
                sb_puts(&sb, p);
                break;
            }
            sb_putn(&sb, p, (size_t)(hit - p));
            sb_puts(&sb, "***");
            p = hit + n;
        }
        cur = sb_take(&sb, a);
        sb_free(&sb);
    }
    return cur;
}

const char *catalog_display_name(Arena *a, const char *src)
{
    StrBuf sb;
    sb_init(&sb);
    if (!is_url(src)) {
        /* keyword=value: every pair but the password, as libpq parsed them */
        char *err = NULL;
        PQconninfoOption *opts = PQconninfoParse(src, &err);
        if (err)
            PQfreemem(err);
        if (opts) {
            for (PQconninfoOption *o = opts; o->keyword; o++)
                if (o->val && *o->val && strcmp(o->keyword, "password"))
                    sb_printf(&sb, "%s%s=%s", sb.len ? " " : "", o->keyword, o->val);
            PQconninfoFree(opts);
        }
        if (!sb.len)
            sb_puts(&sb, "(connection string)");
    } else {
        const char *rest = strstr(src, "://") + 3;
        const char *at = strchr(rest, '@');
        const char *slash = strchr(rest, '/');
        sb_putn(&sb, src, (size_t)(rest - src));
        if (at && (!slash || at < slash)) {
            const char *colon = memchr(rest, ':', (size_t)(at - rest));
            sb_putn(&sb, rest, (size_t)((colon ? colon : at) - rest));
            rest = at;
        }
        const char *q = strchr(rest, '?');
        sb_putn(&sb, rest, q ? (size_t)(q - rest) : strlen(rest));
        if (q) {
            const char *p = q + 1;
            bool first = true;
            while (*p) {
                const char *amp = strchr(p, '&');
                size_t len = amp ? (size_t)(amp - p) : strlen(p);
                const char *eq = memchr(p, '=', len);
                const char *key = pct_decode(a, p, eq ? (size_t)(eq - p) : len);
                if (strcmp(key, "password") != 0) {
                    sb_putc(&sb, first ? '?' : '&');
                    sb_putn(&sb, p, len);
                    first = false;
                }
                p += len + (amp ? 1 : 0);
            }
        }
    }
    char *r = sb_take(&sb, a);
    sb_free(&sb);
    /* a malformed URL may still hide the password somewhere */
    PtrVec secrets = {0};
    collect_secrets(a, src, &secrets);
    return redact(a, &secrets, r);
}

static void cat_error(Cat *c, const char *what, const char *msg)
{
    /* libpq's messages end with a newline; keep the first line.  libpq
     * echoes a malformed URL whole: secrets are cut out first. */
    size_t len = strcspn(msg, "\n");
    const char *line = redact(c->a, &c->secrets, arena_strndup(c->a, msg, len));
    diag_plain(c->diags, EXIT_DB, "%s: %s: %s", c->name, what, line);
    c->failed = true;
}

static PGresult *cat_query(Cat *c, const char *what, const char *sql)
{
    if (c->failed)
        return NULL;
    c->queries++;
    double t0 = timing_clock();
    PGresult *r = PQexec(c->conn, sql);
    timing_report("  catalog query %-20s %.3f s, %d rows", what, timing_clock() - t0, PQntuples(r));
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        cat_error(c, arena_printf(c->a, "reading %s failed", what), PQerrorMessage(c->conn));
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

/* Objects in these schemas, or members of an extension, are not the user's. */
#define USER_NS "n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'"
/* The comment of an object, joined (obj_description() runs a query per row). */
#define DESC_JOIN(oid, subid, catalog)                                                            \
    "LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = " oid " AND ds.objsubid = " subid        \
    " AND ds.classoid = '" catalog "'::pg_catalog.regclass "
#define NOT_EXT(classid, oid)                                                                     \
    "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = '" classid                \
    "'::pg_catalog.regclass AND x.objid = " oid " AND x.deptype = 'e')"

static void read_schemas(Cat *c)
{
    PGresult *r = cat_query(c, "schemas",
        "SELECT n.nspname, pg_catalog.obj_description(n.oid, 'pg_namespace') "
        "FROM pg_catalog.pg_namespace n WHERE " USER_NS " AND " NOT_EXT("pg_catalog.pg_namespace", "n.oid")
        " ORDER BY 1");
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
    }
    PQclear(r);
}

static void read_extensions(Cat *c)
{
    PGresult *r = cat_query(c, "extensions",
        "SELECT e.extname, n.nspname FROM pg_catalog.pg_extension e "
        "JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' ORDER BY 1");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++)
        emit(c, arena_printf(c->a, "CREATE EXTENSION %s WITH SCHEMA %s;", q_ident(c->a, val(r, i, 0)),
                             q_ident(c->a, val(r, i, 1))));
    PQclear(r);
}

static void read_enums(Cat *c)
{
    PGresult *r = cat_query(c, "enum types",
        "SELECT n.nspname, t.typname, e.enumlabel, pg_catalog.obj_description(t.oid, 'pg_type') "
        "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
        "JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid WHERE " USER_NS " AND "
        NOT_EXT("pg_catalog.pg_type", "t.oid") " ORDER BY n.nspname, t.typname, e.enumsortorder");
    if (!r)
        return;
    int n = PQntuples(r);
    for (int i = 0; i < n;) {
        const char *schema = val(r, i, 0), *type = val(r, i, 1), *desc = val(r, i, 3);
        StrBuf labels;
        sb_init(&labels);
        int j = i;
        for (; j < n && !strcmp(val(r, j, 0), schema) && !strcmp(val(r, j, 1), type); j++)
            sb_printf(&labels, "%s%s", j > i ? ", " : "", q_literal(c->a, val(r, j, 2)));
        const char *qt = q_qual(c->a, schema, type);
        emit(c, arena_printf(c->a, "CREATE TYPE %s AS ENUM (%s);", qt, labels.data));
        sb_free(&labels);
        comment(c, arena_printf(c->a, "TYPE %s", qt), desc);
        i = j;
    }
    PQclear(r);
}

static const char *seq_clause(Cat *c, PGresult *r, int row, int first)
{
    /* start, increment, min, max, cache, cycle */
    return arena_printf(c->a, "START WITH %s INCREMENT BY %s MINVALUE %s MAXVALUE %s CACHE %s %s",
                        val(r, row, first), val(r, row, first + 1), val(r, row, first + 2),
                        val(r, row, first + 3), val(r, row, first + 4),
                        !strcmp(val(r, row, first + 5), "t") ? "CYCLE" : "NO CYCLE");
}

static void read_sequences(Cat *c)
{
    PGresult *r = cat_query(c, "sequences",
        "SELECT n.nspname, s.relname, pg_catalog.format_type(q.seqtypid, NULL), q.seqstart, q.seqincrement, "
        "q.seqmin, q.seqmax, q.seqcache, q.seqcycle, ds.description, "
        "tn.nspname, tc.relname, ta.attname "
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
    }
    PQclear(r);
}

/* Tables: one query for the tables, one for their storage parameters, one
 * for all columns; the CREATE TABLE text is assembled here. */
static void read_tables(Cat *c)
{
    PGresult *t = cat_query(c, "tables",
        "SELECT c.oid, n.nspname, c.relname, c.relpersistence, ds.description "
        "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        DESC_JOIN("c.oid", "0", "pg_catalog.pg_class")
        "WHERE c.relkind = 'r' AND NOT c.relispartition AND " USER_NS " AND "
        NOT_EXT("pg_catalog.pg_class", "c.oid") " ORDER BY c.oid");
    PGresult *o = cat_query(c, "storage parameters",
        "SELECT c.oid, o.option_name, o.option_value FROM pg_catalog.pg_class c "
        "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace, "
        "pg_catalog.pg_options_to_table(c.reloptions) o "
        "WHERE c.relkind = 'r' AND " USER_NS " ORDER BY c.oid");
    /* 18 keeps NOT NULL in pg_constraint: one added NOT VALID leaves
     * attnotnull true while old rows may hold NULLs.  17 made attstattarget
     * nullable (NULL: the default). */
    const char *notnull = c->server_version >= 180000
        ? "a.attnotnull AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint nn WHERE nn.conrelid = "
          "a.attrelid AND nn.contype = 'n' AND nn.conkey[1] = a.attnum AND NOT nn.convalidated)"
        : "a.attnotnull";
    const char *stattarget = c->server_version >= 170000 ? "COALESCE(a.attstattarget, -1)" : "a.attstattarget";
    PGresult *a = cat_query(c, "columns", arena_printf(c->a,
        "SELECT a.attrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), %s, "
        "pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, "
        "CASE WHEN a.attcollation <> t.typcollation THEN cn.nspname END, "
        "CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, "
        "%s, ds.description, "
        "q.seqstart, q.seqincrement, q.seqmin, q.seqmax, q.seqcache, q.seqcycle "
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
        DESC_JOIN("a.attrelid", "a.attnum", "pg_catalog.pg_class")
        "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind = 'r' AND " USER_NS
        " ORDER BY a.attrelid, a.attnum", notnull, stattarget));
    if (!t || !o || !a) {
        PQclear(t);
        PQclear(o);
        PQclear(a);
        return;
    }
    /* all three are ordered by table oid: walk them together */
    int oi = 0, ai = 0, no = PQntuples(o), na = PQntuples(a);
    for (int i = 0; i < PQntuples(t); i++) {
        long long oid = atoll(val(t, i, 0));
        const char *qt = q_qual(c->a, val(t, i, 1), val(t, i, 2));
        StrBuf sb;
        sb_init(&sb);
        sb_printf(&sb, "CREATE %sTABLE %s (", !strcmp(val(t, i, 3), "u") ? "UNLOGGED " : "", qt);
        int ncol = 0;
        while (ai < na && atoll(val(a, ai, 0)) < oid)
            ai++;
        for (; ai < na && atoll(val(a, ai, 0)) == oid; ai++) {
            const char *col = q_ident(c->a, val(a, ai, 1));
            sb_printf(&sb, "%s\n    %s %s", ncol++ ? "," : "", col, val(a, ai, 2));
            if (val(a, ai, 8))
                sb_printf(&sb, " COLLATE %s", q_qual(c->a, val(a, ai, 7), val(a, ai, 8)));
            const char *expr = val(a, ai, 4), *identity = val(a, ai, 5), *generated = val(a, ai, 6);
            if (expr && generated && *generated == 's')
                sb_printf(&sb, " GENERATED ALWAYS AS (%s) STORED", expr);
            else if (expr)
                sb_printf(&sb, " DEFAULT %s", expr);
            if (!strcmp(val(a, ai, 3), "t"))
                sb_puts(&sb, " NOT NULL");
            if (identity && *identity && val(a, ai, 11))
                sb_printf(&sb, " GENERATED %s AS IDENTITY (%s)", *identity == 'a' ? "ALWAYS" : "BY DEFAULT",
                          seq_clause(c, a, ai, 11));
            int stat = atoi(val(a, ai, 9));
            if (stat >= 0)
                emit_late(c, arena_printf(c->a, "ALTER TABLE %s ALTER COLUMN %s SET STATISTICS %d;", qt, col, stat));
            comment(c, arena_printf(c->a, "COLUMN %s.%s", qt, col), val(a, ai, 10));
        }
        sb_puts(&sb, ncol ? "\n)" : ")");
        while (oi < no && atoll(val(o, oi, 0)) < oid)
            oi++;
        for (int k = 0; oi < no && atoll(val(o, oi, 0)) == oid; oi++, k++)
            sb_printf(&sb, "%s%s = %s", k ? ", " : " WITH (", q_ident(c->a, val(o, oi, 1)),
                      q_literal(c->a, val(o, oi, 2)));
        if (oi > 0 && atoll(val(o, oi - 1, 0)) == oid)
            sb_putc(&sb, ')');
        sb_putc(&sb, ';');
        emit(c, sb.data);
        sb_free(&sb);
        comment(c, arena_printf(c->a, "TABLE %s", qt), val(t, i, 4));
    }
    PQclear(t);
    PQclear(o);
    PQclear(a);
}

static void read_constraints(Cat *c)
{
    PGresult *r = cat_query(c, "constraints",
        "SELECT n.nspname, t.relname, k.conname, pg_catalog.pg_get_constraintdef(k.oid), ds.description "
        "FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class t ON t.oid = k.conrelid "
        DESC_JOIN("k.oid", "0", "pg_catalog.pg_constraint")
        "JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
        "WHERE k.contype IN ('p', 'u', 'c', 'f', 'x') AND t.relkind = 'r' AND NOT t.relispartition AND "
        USER_NS " AND " NOT_EXT("pg_catalog.pg_class", "t.oid") " ORDER BY 1, 2, 3");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *qt = q_qual(c->a, val(r, i, 0), val(r, i, 1));
        const char *qn = q_ident(c->a, val(r, i, 2));
        emit_late(c, arena_printf(c->a, "ALTER TABLE %s ADD CONSTRAINT %s %s;", qt, qn, val(r, i, 3)));
        comment(c, arena_printf(c->a, "CONSTRAINT %s ON %s", qn, qt), val(r, i, 4));
    }
    PQclear(r);
}

static void read_indexes(Cat *c)
{
    /* Indexes that implement a constraint come with the constraint.  An
     * invalid index (a failed CONCURRENTLY build) is not the schema: a plan
     * creates it again (and the migration drops the invalid one first). */
    PGresult *r = cat_query(c, "indexes",
        "SELECT n.nspname, t.relname, ic.relname, pg_catalog.pg_get_indexdef(i.indexrelid), i.indisclustered, "
        "ds.description "
        "FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
        DESC_JOIN("i.indexrelid", "0", "pg_catalog.pg_class")
        "JOIN pg_catalog.pg_class t ON t.oid = i.indrelid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
        "WHERE t.relkind = 'r' AND NOT t.relispartition AND i.indisvalid AND " USER_NS " AND "
        NOT_EXT("pg_catalog.pg_class", "t.oid") " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k "
        "WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')) "
        "ORDER BY 1, 3");
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *qt = q_qual(c->a, val(r, i, 0), val(r, i, 1));
        const char *qi = q_ident(c->a, val(r, i, 2));
        emit_late(c, arena_printf(c->a, "%s;", val(r, i, 3)));
        if (!strcmp(val(r, i, 4), "t"))
            emit_late(c, arena_printf(c->a, "ALTER TABLE %s CLUSTER ON %s;", qt, qi));
        comment(c, arena_printf(c->a, "INDEX %s", q_qual(c->a, val(r, i, 0), val(r, i, 2))), val(r, i, 5));
    }
    PQclear(r);
}

/* Object kinds the model does not hold yet are named, not skipped (except
 * in schemas the plan leaves out with --schema / --exclude-schema). */
static void read_unsupported(Cat *c)
{
#define REL_KIND "CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' " \
                 "WHEN 'p' THEN 'partitioned table' WHEN 'f' THEN 'foreign table' ELSE 'composite type' END"
    /* PostgreSQL 18 constraint features the PostgreSQL 15 grammar cannot say */
    const char *pg18 = c->server_version >= 180000 ?
        " UNION ALL SELECT CASE WHEN NOT k.conenforced THEN 'NOT ENFORCED constraint'"
        "   ELSE 'WITHOUT OVERLAPS constraint' END, n.nspname || '.' || t.relname || '.' || k.conname, n.nspname"
        "   FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class t ON t.oid = k.conrelid"
        "   JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace"
        " WHERE (NOT k.conenforced OR k.conperiod) AND " USER_NS : "";
    PGresult *r = cat_query(c, "other objects", arena_printf(c->a, "%s%s%s",
        "SELECT kind, name, nsp FROM ("
        " SELECT " REL_KIND " AS kind, n.nspname || '.' || c.relname AS name, n.nspname AS nsp"
        " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relkind IN ('v', 'm', 'p', 'f', 'c') AND " USER_NS " AND " NOT_EXT("pg_catalog.pg_class", "c.oid") " AND "
        "   NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type ty JOIN pg_catalog.pg_depend x ON x.objid = ty.oid "
        "     AND x.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND x.deptype = 'e' WHERE ty.typrelid = c.oid)"
        " UNION ALL SELECT CASE WHEN c.relispartition THEN 'partition' ELSE 'inherited table' END, "
        "   n.nspname || '.' || c.relname, n.nspname FROM pg_catalog.pg_class c"
        "   JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relkind = 'r' AND " USER_NS " AND EXISTS (SELECT 1 FROM pg_catalog.pg_inherits h WHERE h.inhrelid = c.oid)"
        /* functions, less those a type made for itself (range constructors) */
        " UNION ALL SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,"
        "   n.nspname || '.' || p.proname, n.nspname FROM pg_catalog.pg_proc p"
        "   JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
        " WHERE " USER_NS " AND " NOT_EXT("pg_catalog.pg_proc", "p.oid") " AND NOT EXISTS (SELECT 1 FROM "
        "   pg_catalog.pg_depend x WHERE x.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND x.objid = p.oid"
        "   AND x.deptype = 'i')"
        " UNION ALL SELECT 'trigger', n.nspname || '.' || c.relname || '.' || g.tgname, n.nspname"
        "   FROM pg_catalog.pg_trigger g JOIN pg_catalog.pg_class c ON c.oid = g.tgrelid"
        "   JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        " WHERE NOT g.tgisinternal AND " USER_NS
        " UNION ALL SELECT 'row level security', n.nspname || '.' || c.relname, n.nspname FROM pg_catalog.pg_class c"
        "   JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        " WHERE (c.relrowsecurity OR c.relforcerowsecurity) AND " USER_NS
        " UNION ALL SELECT 'virtual generated column', n.nspname || '.' || c.relname || '.' || a.attname, n.nspname"
        "   FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
        "   JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        " WHERE a.attgenerated = 'v' AND NOT a.attisdropped AND " USER_NS
        /* column and table attributes the model does not hold yet */
        " UNION ALL SELECT CASE WHEN a.attstorage <> ty.typstorage THEN 'column storage'"
        "   ELSE 'column compression' END, n.nspname || '.' || c.relname || '.' || a.attname, n.nspname"
        "   FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
        "   JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND (a.attstorage <> ty.typstorage"
        "   OR a.attcompression <> '') AND " USER_NS
        " UNION ALL SELECT 'replica identity', n.nspname || '.' || c.relname, n.nspname FROM pg_catalog.pg_class c"
        "   JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relkind = 'r' AND c.relreplident <> 'd' AND " USER_NS
        " UNION ALL SELECT 'policy', n.nspname || '.' || c.relname || '.' || po.polname, n.nspname"
        "   FROM pg_catalog.pg_policy po JOIN pg_catalog.pg_class c ON c.oid = po.polrelid"
        "   JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        " WHERE " USER_NS
        " UNION ALL SELECT CASE t.typtype WHEN 'r' THEN 'range type' ELSE 'domain' END,"
        "   n.nspname || '.' || t.typname, n.nspname FROM pg_catalog.pg_type t"
        "   JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
        " WHERE t.typtype IN ('d', 'r') AND " USER_NS " AND " NOT_EXT("pg_catalog.pg_type", "t.oid")
        " UNION ALL SELECT 'statistics object', n.nspname || '.' || s.stxname, n.nspname"
        "   FROM pg_catalog.pg_statistic_ext s JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace"
        " WHERE " USER_NS " AND " NOT_EXT("pg_catalog.pg_statistic_ext", "s.oid")
        " UNION ALL SELECT 'rule', n.nspname || '.' || c.relname || '.' || w.rulename, n.nspname"
        "   FROM pg_catalog.pg_rewrite w JOIN pg_catalog.pg_class c ON c.oid = w.ev_class"
        "   JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        " WHERE w.rulename <> '_RETURN' AND " USER_NS
        " UNION ALL SELECT 'collation', n.nspname || '.' || co.collname, n.nspname"
        "   FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace n ON n.oid = co.collnamespace"
        " WHERE " USER_NS " AND " NOT_EXT("pg_catalog.pg_collation", "co.oid")
        " UNION ALL SELECT 'operator', n.nspname || '.' || o.oprname, n.nspname"
        "   FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace"
        " WHERE " USER_NS " AND " NOT_EXT("pg_catalog.pg_operator", "o.oid")
        " UNION ALL SELECT 'text search configuration', n.nspname || '.' || t.cfgname, n.nspname"
        "   FROM pg_catalog.pg_ts_config t JOIN pg_catalog.pg_namespace n ON n.oid = t.cfgnamespace"
        " WHERE " USER_NS " AND " NOT_EXT("pg_catalog.pg_ts_config", "t.oid")
        " UNION ALL SELECT 'text search dictionary', n.nspname || '.' || t.dictname, n.nspname"
        "   FROM pg_catalog.pg_ts_dict t JOIN pg_catalog.pg_namespace n ON n.oid = t.dictnamespace"
        " WHERE " USER_NS " AND " NOT_EXT("pg_catalog.pg_ts_dict", "t.oid")
        " UNION ALL SELECT 'event trigger', e.evtname, NULL FROM pg_catalog.pg_event_trigger e"
        " WHERE " NOT_EXT("pg_catalog.pg_event_trigger", "e.oid"),
        pg18, ") u ORDER BY 1, 2"));
#undef REL_KIND
    if (!r)
        return;
    for (int i = 0; i < PQntuples(r); i++)
        if (filter_selects(c->filter, val(r, i, 2)))
            diag_plain(c->diags, EXIT_INPUT, "%s: %s (%s) is not supported yet", c->name, val(r, i, 1), val(r, i, 0));
    PQclear(r);
}

Model *catalog_read(Arena *a, Model *m, const char *url, const SourceFilter *filter, Diags *diags,
                    int *queries)
{
    Cat c = {0};
    c.a = a;
    c.diags = diags;
    c.filter = filter;
    c.name = catalog_display_name(a, url);
    collect_secrets(a, url, &c.secrets);
    sb_init(&c.ddl);
    sb_init(&c.late);
    c.conn = PQconnectdb(url);
    if (PQstatus(c.conn) != CONNECTION_OK) {
        cat_error(&c, "cannot connect", PQerrorMessage(c.conn));
    } else if (PQsetClientEncoding(c.conn, "UTF8") != 0) {
        /* names and definitions must arrive as UTF-8 whatever the database's encoding */
        cat_error(&c, "cannot set client_encoding to UTF8", PQerrorMessage(c.conn));
    } else {
        c.server_version = PQserverVersion(c.conn);
        PGresult *r = cat_query(&c, "a snapshot",
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; "
            "SELECT pg_catalog.set_config('search_path', '', true)");
        PQclear(r);
        read_unsupported(&c);
        read_schemas(&c);
        read_extensions(&c);
        read_enums(&c);
        read_sequences(&c);
        read_tables(&c);
        read_constraints(&c);
        read_indexes(&c);
        PQclear(cat_query(&c, "the end of the snapshot", "COMMIT"));
    }
    PQfinish(c.conn);
    if (!c.failed && !diag_any(diags)) {
        sb_puts(&c.ddl, c.late.data ? c.late.data : "");
        /* the model and any diagnostic point into this text: arena copy */
        ddl_read_text(m, c.name, sb_take(&c.ddl, a), diags);
    }
    if (queries)
        *queries = c.queries;
    sb_free(&c.ddl);
    sb_free(&c.late);
    return m;
}

