/*
 * catalog_types.c — the catalog reader's queries for what is not a
 * relation: foreign data wrappers, servers and user mappings, collations,
 * text search objects, enum types, domains, range types, casts, statistics
 * objects, sequences, functions, procedures and aggregates, operators,
 * operator families and classes, default privileges, publications and event
 * triggers.
 *
 * Each cat_read_*() sends one query (cat_query, parser/catalog.c) and turns
 * its rows into DDL text: objects go to the first part of the text
 * (cat_emit) or, for domains, functions and operators, through the
 * dependency sort (cat_add_sorted); what needs every object to exist goes
 * to the late part (cat_emit_late).  parser/catalog.c's header says what is
 * read and why the text is built this way; the order of the calls is
 * catalog_read()'s.  A query's text depends only on the server version and
 * the filter, never on an earlier query's result.
 */
#include "model.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* OPTIONS (...) of a generic options array (name=value text[]); "" for
 * none. */
const char *cat_generic_options(Cat *c, const char *arr)
{
    const char **v;
    int n = arr ? cat_text_array(c->a, arr, &v) : 0;
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
void cat_read_foreign(Cat *c)
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
        char kind = *cat_val(r, i, 0);
        const char *q = q_ident(c->a, cat_val(r, i, 1)), *opts = cat_generic_options(c, cat_val(r, i, 5));
        if (kind == '1') {
            cat_emit(c, arena_printf(c->a, "CREATE FOREIGN DATA WRAPPER %s%s%s%s%s%s;", q, cat_val(r, i, 2) ? " HANDLER " : "",
                                 cat_val(r, i, 2) ? cat_val(r, i, 2) : "", cat_val(r, i, 3) ? " VALIDATOR " : "",
                                 cat_val(r, i, 3) ? cat_val(r, i, 3) : "", opts));
        } else if (kind == '2') {
            cat_emit(c, arena_printf(c->a, "CREATE SERVER %s%s%s%s%s FOREIGN DATA WRAPPER %s%s;", q,
                                 cat_val(r, i, 3) ? " TYPE " : "", cat_val(r, i, 3) ? q_literal(c->a, cat_val(r, i, 3)) : "",
                                 cat_val(r, i, 4) ? " VERSION " : "", cat_val(r, i, 4) ? q_literal(c->a, cat_val(r, i, 4)) : "",
                                 q_ident(c->a, cat_val(r, i, 2)), opts));
        } else {
            cat_emit(c, arena_printf(c->a, "CREATE USER MAPPING FOR %s SERVER %s%s;",
                                 cat_val(r, i, 2) ? q_ident(c->a, cat_val(r, i, 2)) : "PUBLIC", q,
                                 cat_val(r, i, 3) ? " OPTIONS (\"\001hidden\" '')" : opts));
            continue;
        }
        const char *what = kind == '1' ? "FOREIGN DATA WRAPPER" : "SERVER";
        cat_owner_to(c, what, q, cat_val(r, i, 6));
        cat_privileges(c, kind == '1' ? "FOREIGN DATA WRAPPER" : "FOREIGN SERVER", q, cat_val(r, i, 6), cat_val(r, i, 7));
        cat_comment(c, cat_val(r, i, 8), "%s %s", what, q);
    }
    PQclear(r);
}

/* User collations: CREATE COLLATION with the provider and locale(s);
 * PostgreSQL 17 renamed colliculocale to colllocale. */
void cat_read_collations(Cat *c)
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
        if (!filter_selects(c->filter, cat_val(r, i, 0)))
            continue;
        const char *q = q_qual(c->a, cat_val(r, i, 0), cat_val(r, i, 1));
        bool is_icu = cat_val(r, i, 2)[0] == 'i';
        const char *what = is_icu
            ? arena_printf(c->a, "provider = icu, locale = %s", q_literal(c->a, cat_val(r, i, 5) ? cat_val(r, i, 5) : ""))
            : arena_printf(c->a, "provider = libc, lc_collate = %s, lc_ctype = %s",
                           q_literal(c->a, cat_val(r, i, 3) ? cat_val(r, i, 3) : ""),
                           q_literal(c->a, cat_val(r, i, 4) ? cat_val(r, i, 4) : ""));
        /* a copy of C or POSIX keeps their "any encoding" (-1): only FROM makes one */
        if (!is_icu && !strcmp(cat_val(r, i, 9), "-1") && cat_val(r, i, 3) && cat_val(r, i, 4) &&
            !strcmp(cat_val(r, i, 3), cat_val(r, i, 4)) && (!strcmp(cat_val(r, i, 3), "C") || !strcmp(cat_val(r, i, 3), "POSIX")))
            cat_emit(c, arena_printf(c->a, "CREATE COLLATION %s FROM pg_catalog.%s;", q, q_ident(c->a, cat_val(r, i, 3))));
        else
            cat_emit(c, arena_printf(c->a, "CREATE COLLATION %s (%s%s);", q, what,
                                 cat_val(r, i, 6)[0] == 'f' ? ", deterministic = false" : ""));
        cat_comment(c, cat_val(r, i, 7), "COLLATION %s", q);
        cat_owner_to(c, "COLLATION", q, cat_val(r, i, 8));
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
void cat_read_text_search(Cat *c)
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
        if (!filter_selects(c->filter, cat_val(r, i, TS_SCHEMA)))
            continue;
        const char *v[TS_NCOLS];
        for (int k = 0; k < TS_NCOLS; k++)
            v[k] = cat_val(r, i, k);
        if (v[TS_KIND][0] == 'm')
            v[TS_KIND] = "c";
        const char **maps;
        int n = cat_text_array(c->a, v[TS_MAPS], &maps);
        cat_emit(c, textsearch_catalog_sql(c->a, v, maps, n));
    }
    PQclear(r);
}

void cat_read_enums(Cat *c)
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
        const char *schema = cat_val(r, i, 0), *type = cat_val(r, i, 1), *desc = cat_val(r, i, 3);
        StrBuf labels;
        sb_init(&labels);
        int j = i;
        for (; j < n && !strcmp(cat_val(r, j, 0), schema) && !strcmp(cat_val(r, j, 1), type); j++)
            if (cat_val(r, j, 2)) /* NULL: an enum without labels */
                sb_printf(&labels, "%s%s", j > i ? ", " : "", q_literal(c->a, cat_val(r, j, 2)));
        const char *qt = q_qual(c->a, schema, type);
        cat_emit(c, arena_printf(c->a, "CREATE TYPE %s AS ENUM (%s);", qt, labels.data ? labels.data : ""));
        sb_free(&labels);
        cat_comment(c, desc, "TYPE %s", qt);
        cat_owner_to(c, "TYPE", qt, cat_val(r, i, 4));
        cat_privileges(c, "TYPE", qt, cat_val(r, i, 4), cat_val(r, i, 5));
        i = j;
    }
    PQclear(r);
}

/* Domains: one row per CHECK constraint (or one without).  From 17 a
 * domain's NOT NULL is also a pg_constraint row (contype 'n'); typnotnull
 * says the same, so only contype 'c' is read.  A constraint added NOT VALID
 * cannot be written inside CREATE DOMAIN: it follows as ALTER DOMAIN. */
void cat_read_domains(Cat *c)
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
        const char *qd = q_qual(c->a, cat_val(r, i, 1), cat_val(r, i, 2));
        StrBuf sb, after;
        sb_init(&sb);
        sb_init(&after);
        sb_printf(&sb, "CREATE DOMAIN %s AS %s", qd, cat_val(r, i, 3));
        if (cat_val(r, i, 5))
            sb_printf(&sb, " COLLATE %s", q_qual(c->a, cat_val(r, i, 4), cat_val(r, i, 5)));
        if (cat_val(r, i, 6))
            sb_printf(&sb, " DEFAULT %s", cat_val(r, i, 6));
        if (!strcmp(cat_val(r, i, 7), "t"))
            sb_puts(&sb, " NOT NULL");
        int j = i;
        for (; j < n && !strcmp(cat_val(r, j, 0), cat_val(r, i, 0)); j++) {
            if (!cat_val(r, j, 11))
                continue;
            const char *qk = q_ident(c->a, cat_val(r, j, 11));
            if (!strcmp(cat_val(r, j, 13), "t"))
                sb_printf(&sb, " CONSTRAINT %s %s", qk, cat_val(r, j, 12));
            else
                sb_printf(&after, "ALTER DOMAIN %s ADD CONSTRAINT %s %s;\n", qd, qk, cat_val(r, j, 12));
            cat_comment(c, cat_val(r, j, 14), "CONSTRAINT %s ON DOMAIN %s", qk, qd);
        }
        sb_putc(&sb, ';');
        if (after.len) {
            after.data[--after.len] = '\0';
            sb_printf(&sb, "\n%s", after.data);
        }
        cat_add_sorted(c, 't', cat_val(r, i, 0), cat_val(r, i, 15), sb_take(&sb, c->a));
        sb_free(&sb);
        sb_free(&after);
        cat_comment(c, cat_val(r, i, 8), "DOMAIN %s", qd);
        cat_owner_to(c, "DOMAIN", qd, cat_val(r, i, 9));
        cat_privileges(c, "DOMAIN", qd, cat_val(r, i, 9), cat_val(r, i, 10));
        i = j;
    }
    PQclear(r);
}

/* Range types (parser/defkinds.c builds the statement): options equal to
 * PostgreSQL's defaults (the subtype's default operator class and
 * collation) are left out; the multirange type is always named. */
void cat_read_ranges(Cat *c)
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
            v[k] = cat_val(r, i, k);
        const char *qt = q_qual(c->a, v[RNG_NSP], v[RNG_NAME]);
        if (cat_val(r, i, 13)) { /* refused by the reader, which names it */
            cat_emit(c, arena_printf(c->a, "CREATE TYPE %s AS RANGE (SUBTYPE = %s, CANONICAL = %s);", qt,
                                 v[RNG_SUBTYPE], cat_val(r, i, 13)));
            continue;
        }
        cat_emit(c, defkinds_range_sql(c->a, v));
        cat_comment(c, cat_val(r, i, 10), "TYPE %s", qt);
        cat_owner_to(c, "TYPE", qt, cat_val(r, i, 11));
        cat_privileges(c, "TYPE", qt, cat_val(r, i, 11), cat_val(r, i, 12));
    }
    PQclear(r);
}

/* Casts of the user's: those whose function, else source type, else
 * target type is in a user schema (the schema the cast belongs to, as the
 * file reader decides it), not an extension's nor one a type made for
 * itself (a range's casts to its multirange). */
void cat_read_casts(Cat *c)
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
            v[k] = cat_val(r, i, k);
        cat_emit_late(c, defkinds_cast_sql(c->a, v));
        cat_comment(c, cat_val(r, i, 5), "CAST (%s AS %s)", v[CAST_SOURCE], v[CAST_TARGET]);
    }
    PQclear(r);
}

/* Statistics objects, from pg_get_statisticsobjdef, with their target. */
void cat_read_statistics(Cat *c)
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
        const char *qs = q_qual(c->a, cat_val(r, i, 0), cat_val(r, i, 1));
        cat_emit_late(c, arena_printf(c->a, "%s;", cat_trim_def(c->a, cat_val(r, i, 2))));
        if (atoi(cat_val(r, i, 3)) >= 0)
            cat_emit_late(c, arena_printf(c->a, "ALTER STATISTICS %s SET STATISTICS %s;", qs, cat_val(r, i, 3)));
        cat_comment(c, cat_val(r, i, 4), "STATISTICS %s", qs);
        cat_owner_to(c, "STATISTICS", qs, cat_val(r, i, 5));
    }
    PQclear(r);
}

void cat_read_sequences(Cat *c)
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
        const char *qs = q_qual(c->a, cat_val(r, i, 0), cat_val(r, i, 1));
        cat_emit(c, arena_printf(c->a, "CREATE SEQUENCE %s AS %s %s;", qs, cat_val(r, i, 2), cat_seq_clause(c, r, i, 3)));
        cat_comment(c, cat_val(r, i, 9), "SEQUENCE %s", qs);
        if (cat_val(r, i, 11))
            cat_emit_late(c, arena_printf(c->a, "ALTER SEQUENCE %s OWNED BY %s.%s;", qs,
                                      q_qual(c->a, cat_val(r, i, 10), cat_val(r, i, 11)),
                                      q_ident(c->a, cat_val(r, i, 12))));
        cat_owner_to(c, "SEQUENCE", qs, cat_val(r, i, 13));
        cat_privileges(c, "SEQUENCE", qs, cat_val(r, i, 13), cat_val(r, i, 14));
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
        v[k] = cat_val(r, i, 10 + k);
    const char *name = q_qual(c->a, cat_val(r, i, 1), cat_val(r, i, 2)), *types = v[AGG_TYPES];
    cat_add_sorted(c, 'p', cat_val(r, i, 0), cat_val(r, i, 9), aggregate_catalog_sql(c->a, name, v));
    const char *qa = arena_printf(c->a, "%s(%s)", name, types && *types ? types : "*");
    const char *qf = arena_printf(c->a, "%s(%s)", name, types ? types : "");
    cat_comment(c, cat_val(r, i, 6), "AGGREGATE %s", qa);
    cat_owner_to(c, "AGGREGATE", qa, cat_val(r, i, 7));
    cat_privileges(c, "FUNCTION", qf, cat_val(r, i, 7), cat_val(r, i, 8));
}

/* Functions and procedures, as pg_get_functiondef() prints them; aggregates
 * (read_aggregate). */
void cat_read_functions(Cat *c)
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
        if (!strcmp(cat_val(r, i, 3), "a")) {
            read_aggregate(c, r, i);
            continue;
        }
        const char *kind = !strcmp(cat_val(r, i, 3), "p") ? "PROCEDURE" : "FUNCTION";
        const char *qf = arena_printf(c->a, "%s(%s)", q_qual(c->a, cat_val(r, i, 1), cat_val(r, i, 2)), cat_val(r, i, 5));
        const char *def = arena_printf(c->a, "%s;", cat_trim_def(c->a, cat_val(r, i, 4)));
        cat_add_sorted(c, 'p', cat_val(r, i, 0), cat_val(r, i, 9), def);
        cat_comment(c, cat_val(r, i, 6), "%s %s", kind, qf);
        cat_owner_to(c, kind, qf, cat_val(r, i, 7));
        cat_privileges(c, kind, qf, cat_val(r, i, 7), cat_val(r, i, 8));
    }
    PQclear(r);
}

/* Operators (not the shells a commutator or negator made), from
 * pg_operator's columns: parser/operator.c writes the statement.  They go
 * through the dependency sort after their functions and types. */
void cat_read_operators(Cat *c)
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
            v[k] = cat_val(r, i, 1 + k);
        cat_add_sorted(c, 'o', cat_val(r, i, 0), cat_val(r, i, 16), operator_catalog_sql(c->a, v));
        const char *qo = arena_printf(c->a, "%s.%s(%s, %s)", q_ident(c->a, v[OPR_NSP]), v[OPR_NAME],
                                      v[OPR_LEFT] ? v[OPR_LEFT] : "NONE", v[OPR_RIGHT]);
        cat_comment(c, cat_val(r, i, 14), "OPERATOR %s", qo);
        cat_owner_to(c, "OPERATOR", qo, cat_val(r, i, 15));
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

void cat_read_opclasses(Cat *c)
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
                                            q_qual(c->a, cat_val(r, i, 1), cat_val(r, i, 2)), cat_val(r, i, 3));
            const char **m;
            int nm = cat_text_array(c->a, cat_val(r, i, 6), &m);
            StrBuf sb;
            sb_init(&sb);
            for (int k = 0; k < nm; k++)
                sb_printf(&sb, "%s%s", k ? ", " : "", m[k]);
            if (!fam && cat_val(r, i, 10))
                sb_printf(&sb, "%sSTORAGE %s", nm ? ", " : "", cat_val(r, i, 10));
            else if (!fam && !nm)
                /* every member is the family's (polymorphic or optional
                 * ones, see parser/opclass.c): the list may not be empty,
                 * and STORAGE of the class's own type is an item PostgreSQL
                 * accepts and drops */
                sb_printf(&sb, "STORAGE %s", cat_val(r, i, 8));
            const char *items = sb_take(&sb, c->a);
            if (fam) {
                cat_emit(c, arena_printf(c->a, "CREATE %s;", what));
                if (nm)
                    cat_emit(c, arena_printf(c->a, "ALTER %s ADD %s;", what, items));
            } else {
                cat_emit(c, arena_printf(c->a, "CREATE OPERATOR CLASS %s %sFOR TYPE %s USING %s FAMILY %s AS %s;",
                                     q_qual(c->a, cat_val(r, i, 1), cat_val(r, i, 2)), !strcmp(cat_val(r, i, 7), "t") ? "DEFAULT " : "",
                                     cat_val(r, i, 8), cat_val(r, i, 3), cat_val(r, i, 9), items));
            }
            cat_comment(c, cat_val(r, i, 4), "%s", what);
            cat_owner_to(c, fam ? "OPERATOR FAMILY" : "OPERATOR CLASS",
                     arena_printf(c->a, "%s USING %s", q_qual(c->a, cat_val(r, i, 1), cat_val(r, i, 2)), cat_val(r, i, 3)), cat_val(r, i, 5));
        }
        PQclear(r);
    }
}

/* Default privileges (ALTER DEFAULT PRIVILEGES), after every object so that
 * none of the objects above is created under them.  A row for all schemas
 * replaces the built-in defaults (so those are revoked first); a row for
 * one schema only adds to them. */
void cat_read_default_privileges(Cat *c)
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
        const char *role = q_ident(c->a, cat_val(r, i, 0)), *kind;
        switch (*cat_val(r, i, 2)) {
        case 'r': kind = "TABLES"; break;
        case 'S': kind = "SEQUENCES"; break;
        case 'f': kind = "FUNCTIONS"; break;
        case 'T': kind = "TYPES"; break;
        default: kind = "SCHEMAS"; break;
        }
        const char *head = cat_val(r, i, 1)
            ? arena_printf(c->a, "ALTER DEFAULT PRIVILEGES FOR ROLE %s IN SCHEMA %s", role,
                           q_ident(c->a, cat_val(r, i, 1)))
            : arena_printf(c->a, "ALTER DEFAULT PRIVILEGES FOR ROLE %s", role);
        if (!cat_val(r, i, 1)) {
            cat_emit_late(c, arena_printf(c->a, "%s REVOKE ALL ON %s FROM PUBLIC;", head, kind));
            cat_emit_late(c, arena_printf(c->a, "%s REVOKE ALL ON %s FROM %s;", head, kind, role));
        }
        const char **v;
        int n = cat_text_array(c->a, cat_val(r, i, 3), &v);
        for (int k = 0; k + 2 < n; k += 3)
            cat_emit_late(c, arena_printf(c->a, "%s GRANT %s ON %s TO %s%s;", head, v[k + 1], kind, cat_grantee(c, v[k]),
                                      !strcmp(v[k + 2], "true") ? " WITH GRANT OPTION" : ""));
    }
    PQclear(r);
}

/* Event triggers, last: once one exists it fires on the DDL that follows. */
/* Publications, after the tables they hold: their tables (schema, name,
 * column list as quoted names, row filter, ... in name order) and schemas. */
void cat_read_publications(Cat *c)
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
        const char *q = q_ident(c->a, cat_val(r, i, 0));
        StrBuf sb;
        sb_init(&sb);
        sb_printf(&sb, "CREATE PUBLICATION %s", q);
        if (cat_val(r, i, 1)[0] == 't')
            sb_puts(&sb, " FOR ALL TABLES");
        const char **rels, **schemas;
        int nrels = cat_text_array(c->a, cat_val(r, i, 9), &rels), nschemas = cat_text_array(c->a, cat_val(r, i, 10), &schemas);
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
            if (cat_val(r, i, 2 + k)[0] == 't')
                sb_printf(&sb, "%s%s", n++ ? ", " : "", ops[k]);
        sb_printf(&sb, "', publish_via_partition_root = %s);", cat_val(r, i, 6)[0] == 't' ? "true" : "false");
        cat_emit_late(c, sb.data);
        sb_free(&sb);
        cat_owner_to(c, "PUBLICATION", q, cat_val(r, i, 7));
        cat_comment(c, cat_val(r, i, 8), "PUBLICATION %s", q);
    }
    PQclear(r);
}

void cat_read_event_triggers(Cat *c)
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
        const char *qe = q_ident(c->a, cat_val(r, i, 0));
        StrBuf sb;
        sb_init(&sb);
        sb_printf(&sb, "CREATE EVENT TRIGGER %s ON %s", qe, q_ident(c->a, cat_val(r, i, 1)));
        const char **tags;
        int ntags = cat_text_array(c->a, cat_val(r, i, 2), &tags);
        for (int k = 0; k < ntags; k++)
            sb_printf(&sb, "%s%s", k ? ", " : " WHEN TAG IN (", q_literal(c->a, tags[k] ? tags[k] : ""));
        if (ntags)
            sb_putc(&sb, ')');
        sb_printf(&sb, " EXECUTE FUNCTION %s();", q_qual(c->a, cat_val(r, i, 3), cat_val(r, i, 4)));
        cat_emit_late(c, sb.data);
        sb_free(&sb);
        const char *state = NULL;
        switch (*cat_val(r, i, 5)) {
        case 'D': state = "DISABLE"; break;
        case 'R': state = "ENABLE REPLICA"; break;
        case 'A': state = "ENABLE ALWAYS"; break;
        }
        if (state)
            cat_emit_late(c, arena_printf(c->a, "ALTER EVENT TRIGGER %s %s;", qe, state));
        cat_owner_to(c, "EVENT TRIGGER", qe, cat_val(r, i, 6));
        cat_comment(c, cat_val(r, i, 7), "EVENT TRIGGER %s", qe);
    }
    PQclear(r);
}

