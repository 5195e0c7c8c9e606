/*
 * casts.c — which built-in type changes PostgreSQL can convert.
 *
 * `ALTER TABLE ... ALTER COLUMN ... TYPE new USING col::new` runs only where
 * PostgreSQL has a cast from the old type to the new one: a pg_cast entry,
 * or the I/O conversion every type has to and from the string types (to
 * text, varchar and char by assignment, from them with an explicit cast).
 * A change with neither (bigint to timestamp, date to integer, json to
 * bigint) would plan a migration that fails when it runs, on the first row
 * or even on an empty table; it is refused here instead, before anything is
 * planned, as an input error at the desired column naming both types: the
 * user must write the conversion (a new column, a data migration).
 *
 * The table is PostgreSQL 15's pg_cast restricted to built-in types (oid
 * below 16384), every context (implicit, assignment, explicit: a migration
 * writes USING col::type, which any of them allows), generated once with
 *
 *   SELECT DISTINCT format_type(castsource, NULL) || '|' || format_type(casttarget, NULL)
 *   FROM pg_cast WHERE castsource < 16384 AND casttarget < 16384 ORDER BY 1;
 *
 * minus the length-coercion rows from a type to itself.  format_type() names
 * are the model's canonical type names (TypeRef.name).  Arrays convert as
 * their elements do.  User types (enums, domains, composites, extension
 * types such as vector) are not judged here: they keep the conversions
 * emit/sql.c gives them (through text).
 */
#include "model.h"

#include <stdlib.h>
#include <string.h>

static const char *const pg_casts[] = {
    "\"char\"|character",
    "\"char\"|character varying",
    "\"char\"|integer",
    "\"char\"|text",
    "bigint|bit",
    "bigint|double precision",
    "bigint|integer",
    "bigint|money",
    "bigint|numeric",
    "bigint|oid",
    "bigint|real",
    "bigint|regclass",
    "bigint|regcollation",
    "bigint|regconfig",
    "bigint|regdictionary",
    "bigint|regnamespace",
    "bigint|regoper",
    "bigint|regoperator",
    "bigint|regproc",
    "bigint|regprocedure",
    "bigint|regrole",
    "bigint|regtype",
    "bigint|smallint",
    "bit varying|bit",
    "bit|bigint",
    "bit|bit varying",
    "bit|integer",
    "boolean|character",
    "boolean|character varying",
    "boolean|integer",
    "boolean|text",
    "box|circle",
    "box|lseg",
    "box|point",
    "box|polygon",
    "character varying|\"char\"",
    "character varying|character",
    "character varying|name",
    "character varying|regclass",
    "character varying|text",
    "character varying|xml",
    "character|\"char\"",
    "character|character varying",
    "character|name",
    "character|text",
    "character|xml",
    "cidr|character",
    "cidr|character varying",
    "cidr|inet",
    "cidr|text",
    "circle|box",
    "circle|point",
    "circle|polygon",
    "daterange|datemultirange",
    "date|timestamp with time zone",
    "date|timestamp without time zone",
    "double precision|bigint",
    "double precision|integer",
    "double precision|numeric",
    "double precision|real",
    "double precision|smallint",
    "inet|character",
    "inet|character varying",
    "inet|cidr",
    "inet|text",
    "int4range|int4multirange",
    "int8range|int8multirange",
    "integer|\"char\"",
    "integer|bigint",
    "integer|bit",
    "integer|boolean",
    "integer|double precision",
    "integer|money",
    "integer|numeric",
    "integer|oid",
    "integer|real",
    "integer|regclass",
    "integer|regcollation",
    "integer|regconfig",
    "integer|regdictionary",
    "integer|regnamespace",
    "integer|regoper",
    "integer|regoperator",
    "integer|regproc",
    "integer|regprocedure",
    "integer|regrole",
    "integer|regtype",
    "integer|smallint",
    "interval|time without time zone",
    "jsonb|bigint",
    "jsonb|boolean",
    "jsonb|double precision",
    "jsonb|integer",
    "jsonb|json",
    "jsonb|numeric",
    "jsonb|real",
    "jsonb|smallint",
    "json|jsonb",
    "lseg|point",
    "macaddr8|macaddr",
    "macaddr|macaddr8",
    "money|numeric",
    "name|character",
    "name|character varying",
    "name|text",
    "numeric|bigint",
    "numeric|double precision",
    "numeric|integer",
    "numeric|money",
    "numeric|real",
    "numeric|smallint",
    "numrange|nummultirange",
    "oid|bigint",
    "oid|integer",
    "oid|regclass",
    "oid|regcollation",
    "oid|regconfig",
    "oid|regdictionary",
    "oid|regnamespace",
    "oid|regoper",
    "oid|regoperator",
    "oid|regproc",
    "oid|regprocedure",
    "oid|regrole",
    "oid|regtype",
    "path|polygon",
    "pg_dependencies|bytea",
    "pg_dependencies|text",
    "pg_mcv_list|bytea",
    "pg_mcv_list|text",
    "pg_ndistinct|bytea",
    "pg_ndistinct|text",
    "pg_node_tree|text",
    "point|box",
    "polygon|box",
    "polygon|circle",
    "polygon|path",
    "polygon|point",
    "real|bigint",
    "real|double precision",
    "real|integer",
    "real|numeric",
    "real|smallint",
    "regclass|bigint",
    "regclass|integer",
    "regclass|oid",
    "regcollation|bigint",
    "regcollation|integer",
    "regcollation|oid",
    "regconfig|bigint",
    "regconfig|integer",
    "regconfig|oid",
    "regdictionary|bigint",
    "regdictionary|integer",
    "regdictionary|oid",
    "regnamespace|bigint",
    "regnamespace|integer",
    "regnamespace|oid",
    "regoperator|bigint",
    "regoperator|integer",
    "regoperator|oid",
    "regoperator|regoper",
    "regoper|bigint",
    "regoper|integer",
    "regoper|oid",
    "regoper|regoperator",
    "regprocedure|bigint",
    "regprocedure|integer",
    "regprocedure|oid",
    "regprocedure|regproc",
    "regproc|bigint",
    "regproc|integer",
    "regproc|oid",
    "regproc|regprocedure",
    "regrole|bigint",
    "regrole|integer",
    "regrole|oid",
    "regtype|bigint",
    "regtype|integer",
    "regtype|oid",
    "smallint|bigint",
    "smallint|double precision",
    "smallint|integer",
    "smallint|numeric",
    "smallint|oid",
    "smallint|real",
    "smallint|regclass",
    "smallint|regcollation",
    "smallint|regconfig",
    "smallint|regdictionary",
    "smallint|regnamespace",
    "smallint|regoper",
    "smallint|regoperator",
    "smallint|regproc",
    "smallint|regprocedure",
    "smallint|regrole",
    "smallint|regtype",
    "text|\"char\"",
    "text|character",
    "text|character varying",
    "text|name",
    "text|regclass",
    "text|xml",
    "time with time zone|time without time zone",
    "time without time zone|interval",
    "time without time zone|time with time zone",
    "timestamp with time zone|date",
    "timestamp with time zone|time with time zone",
    "timestamp with time zone|time without time zone",
    "timestamp with time zone|timestamp without time zone",
    "timestamp without time zone|date",
    "timestamp without time zone|time without time zone",
    "timestamp without time zone|timestamp with time zone",
    "tsrange|tsmultirange",
    "tstzrange|tstzmultirange",
    "xid8|xid",
    "xml|character",
    "xml|character varying",
    "xml|text",
};

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static bool is_string_type(const char *n)
{
    return !strcmp(n, "text") || !strcmp(n, "character varying") || !strcmp(n, "character") ||
           !strcmp(n, "name") || !strcmp(n, "\"char\"");
}

/* Whether a built-in type name is one the table knows (else: not judged). */
static bool known_type(const char *n)
{
    size_t len = strlen(n);
    for (size_t i = 0; i < sizeof pg_casts / sizeof pg_casts[0]; i++) {
        const char *bar = strchr(pg_casts[i], '|');
        if (((size_t)(bar - pg_casts[i]) == len && !strncmp(pg_casts[i], n, len)) || !strcmp(bar + 1, n))
            return true;
    }
    return false;
}

bool casts_convertible(const TypeRef *from, const TypeRef *to)
{
    if (from->schema || to->schema || from->array_dims != to->array_dims)
        return true; /* not judged here */
    const char *f = from->name, *t = to->name;
    if (!strcmp(f, t) || is_string_type(f) || is_string_type(t))
        return true;
    if (!known_type(f) || !known_type(t))
        return true;
    char key[256];
    snprintf(key, sizeof key, "%s|%s", f, t);
    const char *k = key;
    return bsearch(&k, pg_casts, sizeof pg_casts / sizeof pg_casts[0], sizeof pg_casts[0], cmp_str) != NULL;
}

int casts_table_size(void)
{
    return (int)(sizeof pg_casts / sizeof pg_casts[0]);
}

const char *casts_table_row(int i)
{
    return i >= 0 && i < casts_table_size() ? pg_casts[i] : NULL;
}

void casts_check(const Model *current, const Model *desired, Diags *diags)
{
    for (int i = 0; i < desired->objs.n; i++) {
        const Obj *o = desired->objs.items[i];
        if (o->kind != OBJ_COLUMN)
            continue;
        const Column *d = (const Column *)o;
        const Column *c = (const Column *)model_lookup(current, OBJ_COLUMN, o->schema, o->table, o->name);
        if (!c || d->inherited || !strcmp(c->type.sql, d->type.sql) || casts_convertible(&c->type, &d->type))
            continue;
        if (d->conv_using) /* schemadiff.yaml conversions: (diff/conv.c) */
            continue;
        diag_at(diags, EXIT_INPUT, o->loc,
                "column \"%s\" of table \"%s.%s\" cannot change type from %s to %s: PostgreSQL has no cast "
                "between them; add a new column and convert the data instead, or give the conversion in "
                "schemadiff.yaml (conversions: - column: %s.%s.%s, using: <expression>)",
                o->name, o->schema, o->table, c->type.sql, d->type.sql, o->schema, o->table, o->name);
    }
    range_check(current, desired, diags); /* diff/rangecols.c */
}
