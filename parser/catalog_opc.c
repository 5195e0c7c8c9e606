/*
 * catalog_opc.c — the operator class and collation of an index's key
 * column, as pg_get_indexdef() writes them, decided on the client.
 *
 * pg_get_indexdef() writes a plain key column's COLLATE when the index's
 * collation is not the column's, and its operator class when that is not
 * the default for the column's type: GetDefaultOpClass() of PostgreSQL's
 * indexcmds.c, which looks the access method's default classes up in
 * pg_opclass, uncached, for every key column.  At 10,000 tables that was
 * 0.3 s of the index query, and deciding on the server which indexes need
 * the function (a correlated subquery per index: 14 µs each) another
 * 0.25 s.  So the catalog reader writes every index on plain columns
 * itself (parser/catalog_rel.c, index_def), and asks this file what comes
 * after each key column's name.
 *
 * It reads, with one query, every type (kind, base type, element, array or
 * not, category, preferred), every operator class (access method, input
 * type, default or not, its name as the server prints it: qualified when
 * not visible with the read's empty search_path), the binary-coercible
 * implicit casts and every collation's printed name, and decides as the
 * server does:
 *
 *   GetDefaultOpClass(type, am): the type through its domains to the base
 *   type; among the method's default classes the one whose input type is
 *   that type, or else the only one whose input type the type is binary
 *   coercible to, or of several such, the only one whose input type is the
 *   preferred type of the type's category (varchar: text_ops).
 *
 *   IsBinaryCoercible(src, target) (parse_coerce.c): the same type; any
 *   type to "any", anyelement, anycompatible; a domain as its base type;
 *   an array to anyarray / anycompatiblearray, a non-array to anynonarray /
 *   anycompatiblenonarray, an enum to anyenum, a range to anyrange /
 *   anycompatiblerange, a multirange to anymultirange /
 *   anycompatiblemultirange, a composite to record, an array of
 *   composites to record[]; else a cast WITHOUT FUNCTION AS IMPLICIT.
 *
 * The pseudo-types are named by their fixed oids (pg_type.dat; the same
 * in every release that has them).  An oid the query did not return (an
 * object made after the snapshot cannot be one) makes the caller report an
 * internal error rather than guess.
 */
#include "pg.h"
#include "model.h"

#include <libpq-fe.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
    ANY_OID = 2276, ANYELEMENT_OID = 2283, ANYCOMPATIBLE_OID = 5077, ANYARRAY_OID = 2277,
    ANYCOMPATIBLEARRAY_OID = 5078, ANYNONARRAY_OID = 2776, ANYCOMPATIBLENONARRAY_OID = 5079,
    ANYENUM_OID = 3500, ANYRANGE_OID = 3831, ANYCOMPATIBLERANGE_OID = 5080, ANYMULTIRANGE_OID = 4537,
    ANYCOMPATIBLEMULTIRANGE_OID = 4538, RECORD_OID = 2249, RECORDARRAY_OID = 2287
};

/* The query's rows: kind ('t' type, 'o' operator class, 'k' cast, 'c'
 * collation), oid, then per kind:
 *   t: typtype, typbasetype, typelem, flags ('a' a true array, then the
 *      category, then 'p' when preferred)
 *   o: opcmethod, opcintype, 'd' when default, the printed name
 *   k: casttarget
 *   c: -, -, -, the printed name */
enum { R_KIND, R_OID, R_A, R_B, R_C, R_D };

struct CatOpc {
    PGresult *r;
    StrMap types, opcs, casts, colls; /* oid (or "source target") -> row + 1 */
    StrMap defaults;                  /* "type am" -> the default class's row + 2, 1: none */
    int *classes, nclasses;           /* the operator classes' rows */
    Arena *a;
};

const char *cat_opc_sql(Cat *c)
{
    const char *array = c->server_version >= 140000
        ? "t.typelem <> 0 AND t.typsubscript = 'pg_catalog.array_subscript_handler'::pg_catalog.regproc"
        : "t.typelem <> 0 AND t.typlen = -1";
    return arena_printf(c->a,
        "SELECT 't', t.oid::pg_catalog.text, t.typtype::pg_catalog.text, t.typbasetype::pg_catalog.text, "
        "t.typelem::pg_catalog.text, CASE WHEN %s THEN 'a' ELSE '' END || t.typcategory::pg_catalog.text || "
        "CASE WHEN t.typispreferred THEN 'p' ELSE '' END FROM pg_catalog.pg_type t "
        "UNION ALL SELECT 'o', oc.oid::pg_catalog.text, oc.opcmethod::pg_catalog.text, "
        "oc.opcintype::pg_catalog.text, CASE WHEN oc.opcdefault THEN 'd' END, "
        "CASE WHEN pg_catalog.pg_opclass_is_visible(oc.oid) THEN pg_catalog.quote_ident(oc.opcname) "
        "ELSE pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(oc.opcname) END "
        "FROM pg_catalog.pg_opclass oc JOIN pg_catalog.pg_namespace n ON n.oid = oc.opcnamespace "
        "UNION ALL SELECT 'k', k.castsource::pg_catalog.text, k.casttarget::pg_catalog.text, NULL, NULL, NULL "
        "FROM pg_catalog.pg_cast k WHERE k.castmethod = 'b' AND k.castcontext = 'i' "
        "UNION ALL SELECT 'c', co.oid::pg_catalog.text, NULL, NULL, NULL, "
        "CASE WHEN pg_catalog.pg_collation_is_visible(co.oid) THEN pg_catalog.quote_ident(co.collname) "
        "ELSE pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(co.collname) END "
        "FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace n ON n.oid = co.collnamespace",
        array);
}

CatOpc *cat_opc_new(Arena *a, struct pg_result *r)
{
    CatOpc *o = arena_alloc(a, sizeof *o);
    o->r = r;
    o->a = a;
    int n = r ? PQntuples(r) : 0;
    o->classes = arena_alloc(a, sizeof(int) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        const char *kind = PQgetvalue(r, i, R_KIND), *oid = PQgetvalue(r, i, R_OID);
        void *row = (void *)(intptr_t)(i + 1);
        switch (*kind) {
        case 't': map_put(a, &o->types, oid, row); break;
        case 'o':
            map_put(a, &o->opcs, oid, row);
            o->classes[o->nclasses++] = i;
            break;
        case 'c': map_put(a, &o->colls, oid, row); break;
        case 'k': map_put(a, &o->casts, arena_printf(a, "%s %s", oid, PQgetvalue(r, i, R_A)), row); break;
        }
    }
    return o;
}

/* The row of `oid` in `map`, or -1. */
static int row_of(const StrMap *map, const char *oid)
{
    return (int)(intptr_t)map_get(map, oid) - 1;
}

static unsigned long oid_num(const char *s)
{
    return strtoul(s, NULL, 10);
}

/* A type's row, or -1; its domains followed to the base type (ten deep at
 * most: the server refuses a cycle). */
static int base_type(const CatOpc *o, const char *oid)
{
    int t = row_of(&o->types, oid);
    for (int depth = 0; t >= 0 && depth < 10 && *PQgetvalue(o->r, t, R_A) == 'd'; depth++)
        t = row_of(&o->types, PQgetvalue(o->r, t, R_B));
    return t;
}

static char typtype(const CatOpc *o, int t)
{
    return *PQgetvalue(o->r, t, R_A);
}

static bool is_array(const CatOpc *o, int t)
{
    return *PQgetvalue(o->r, t, R_D) == 'a';
}

static char category(const CatOpc *o, int t)
{
    const char *f = PQgetvalue(o->r, t, R_D);
    return f[*f == 'a'];
}

static bool preferred(const CatOpc *o, int t)
{
    const char *f = PQgetvalue(o->r, t, R_D);
    f += *f == 'a';
    return *f && f[1] == 'p';
}

/* IsBinaryCoercible(src, target) for a source already reduced to its base
 * type (row `s`, oid `src`). */
static bool coercible(const CatOpc *o, int s, const char *src, const char *target)
{
    unsigned long tg = oid_num(target);
    if (!strcmp(src, target) || tg == ANY_OID || tg == ANYELEMENT_OID || tg == ANYCOMPATIBLE_OID)
        return true;
    if ((tg == ANYARRAY_OID || tg == ANYCOMPATIBLEARRAY_OID) && is_array(o, s))
        return true;
    if ((tg == ANYNONARRAY_OID || tg == ANYCOMPATIBLENONARRAY_OID) && !is_array(o, s))
        return true;
    if (tg == ANYENUM_OID && typtype(o, s) == 'e')
        return true;
    if ((tg == ANYRANGE_OID || tg == ANYCOMPATIBLERANGE_OID) && typtype(o, s) == 'r')
        return true;
    if ((tg == ANYMULTIRANGE_OID || tg == ANYCOMPATIBLEMULTIRANGE_OID) && typtype(o, s) == 'm')
        return true;
    if (tg == RECORD_OID && typtype(o, s) == 'c')
        return true;
    if (tg == RECORDARRAY_OID && is_array(o, s)) {
        int e = base_type(o, PQgetvalue(o->r, s, R_C));
        if (e >= 0 && typtype(o, e) == 'c')
            return true;
    }
    char key[64];
    snprintf(key, sizeof key, "%s %s", src, target);
    return row_of(&o->casts, key) >= 0;
}

/* GetDefaultOpClass(type, am): the default class's oid, "" when there is
 * none, NULL when the type is not known. */
static const char *default_class(CatOpc *o, const char *type, const char *am)
{
    char key[64];
    snprintf(key, sizeof key, "%s %s", type, am);
    intptr_t known = (intptr_t)map_get(&o->defaults, key);
    if (known)
        return known > 1 ? PQgetvalue(o->r, (int)known - 2, R_OID) : "";
    int t = base_type(o, type);
    if (t < 0)
        return NULL;
    const char *base = PQgetvalue(o->r, t, R_OID);
    char cat = category(o, t);
    int result = -1, nexact = 0, ncompatible = 0, npreferred = 0;
    for (int k = 0; k < o->nclasses; k++) {
        int i = o->classes[k];
        if (strcmp(PQgetvalue(o->r, i, R_A), am) != 0 || strcmp(PQgetvalue(o->r, i, R_C), "d") != 0)
            continue;
        const char *in = PQgetvalue(o->r, i, R_B);
        if (!strcmp(in, base)) {
            nexact++;
            result = i;
        } else if (nexact == 0 && coercible(o, t, base, in)) {
            int it = row_of(&o->types, in);
            /* IsPreferredType(category, input type) */
            if (it >= 0 && category(o, it) == cat && preferred(o, it)) {
                npreferred++;
                result = i;
            } else if (npreferred == 0) {
                ncompatible++;
                result = i;
            }
        }
    }
    bool one = nexact == 1 || npreferred == 1 || (npreferred == 0 && ncompatible == 1);
    map_put(o->a, &o->defaults, arena_strdup(o->a, key), (void *)(intptr_t)(one ? result + 2 : 1));
    return one ? PQgetvalue(o->r, result, R_OID) : "";
}

bool cat_opc_extras(CatOpc *o, StrBuf *sb, const char *opclass, const char *indcoll, const char *coltype,
                    const char *colcoll)
{
    if (strcmp(indcoll, "0") != 0 && strcmp(indcoll, colcoll) != 0) {
        int k = row_of(&o->colls, indcoll);
        if (k < 0)
            return false;
        sb_printf(sb, " COLLATE %s", PQgetvalue(o->r, k, R_D));
    }
    int oc = row_of(&o->opcs, opclass);
    if (oc < 0)
        return false;
    const char *def = default_class(o, coltype, PQgetvalue(o->r, oc, R_A));
    if (!def)
        return false;
    if (strcmp(def, opclass) != 0)
        sb_printf(sb, " %s", PQgetvalue(o->r, oc, R_D));
    return true;
}
