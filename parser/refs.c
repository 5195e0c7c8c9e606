/*
 * refs.c — references the desired state cannot satisfy.
 *
 * A schema file can be valid PostgreSQL grammar and still name something
 * that will not be there when the migration runs: a foreign key to a table
 * nobody creates, or to columns no PRIMARY KEY / UNIQUE constraint or
 * unique index covers; a view reading a relation that does not exist, or
 * itself, or a column `alias.column` its table lacks; a type, relation or
 * function in a schema the files never create.
 * PostgreSQL would reject such a migration halfway through applying it;
 * here it is an input error (exit 3) located at the reference itself.
 *
 * The model only knows what the files create.  Objects of extensions are
 * not in it (CREATE EXTENSION vector brings the type vector, postgis its
 * tables and functions), nor are PostgreSQL's own (pg_catalog,
 * information_schema).  So a name the model lacks is an error only when it
 * cannot exist after all:
 *
 *  - never in a system schema (pg_catalog, information_schema, pg_*), nor
 *    in one the run's --schema / --exclude-schema leave out (a platform's
 *    schema such as Supabase's auth, which the files reference but do not
 *    manage);
 *  - never in a schema an extension is installed into (WITH SCHEMA, or the
 *    search_path's first schema at CREATE EXTENSION);
 *  - in a schema the files never create: an error, unless the model has an
 *    extension that may create schemas of its own (anything but the common
 *    contrib-style ones listed below, which never do);
 *  - in a schema the files create: an error unless the model has any
 *    extension at all (an unqualified name may resolve to an extension's
 *    schema further along the search_path) or an object of that name
 *    exists in another schema (the model keeps only the search_path's
 *    first schema, so an unqualified name may have resolved elsewhere).
 *
 * Checks run once, after all files and before the finishing pass rewrites
 * the trees (it qualifies names and clears locations), so that every error
 * points at the name as written.  A model read from a database is skipped:
 * the server has already resolved every reference in it.
 *
 * Function bodies are checked while reading (refs_check_function_body):
 * a LANGUAGE sql body is raw-parsed, a LANGUAGE plpgsql one compiled by
 * libpg_query's PL/pgSQL parser; errors are mapped back into the file.
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct Refs {
    Model *m;
    Diags *diags;
    Arena *a;
    bool any_ext;        /* the model has an extension */
    bool schema_ext;     /* one that may create schemas of its own */
    StrMap ext_schemas;  /* schema -> (void *)1: an extension is installed there */
    StrMap rel_names;    /* bare relation name -> Obj * (any schema) */
    StrMap type_names;   /* bare type name -> Obj * (any schema) */
    StrMap func_names;   /* bare function name -> Obj * (any schema) */
    StrMap unique_ix;    /* "schema.table" -> PtrVec * of unique TableIndex */
} Refs;

/* Extensions known to create no schema of their own. */
static const char *const plain_extensions[] = {
    "adminpack", "amcheck", "autoinc", "bloom", "btree_gin", "btree_gist", "citext", "cube",
    "dblink", "dict_int", "dict_xsyn", "earthdistance", "file_fdw", "fuzzystrmatch", "hstore",
    "insert_username", "intagg", "intarray", "isn", "lo", "ltree", "moddatetime", "old_snapshot",
    "pageinspect", "pg_buffercache", "pg_freespacemap", "pg_prewarm", "pg_stat_statements",
    "pg_surgery", "pg_trgm", "pg_visibility", "pg_walinspect", "pgcrypto", "pgrowlocks",
    "pgstattuple", "plpgsql", "postgis", "postgis_raster", "postgis_sfcgal", "postgres_fdw",
    "refint", "seg", "sslinfo", "tablefunc", "tcn", "tsm_system_rows", "tsm_system_time",
    "unaccent", "uuid-ossp", "vector", "xml2", "address_standardizer",
    "address_standardizer_data_us", "pg_hashids", "pgrouting", "h3", "h3_postgis", "rum",
    "hypopg", "pg_jsonschema", "pgaudit", "plv8", "pg_uuidv7",
};

/* pg_catalog's types that normalize.c does not spell canonically. */
static const char *const system_types[] = {
    "int2vector", "oidvector", "pg_node_tree", "pg_ndistinct", "pg_dependencies", "pg_mcv_list",
    "pg_ddl_command", "xid8", "unknown", "aclitem", "refcursor", "gtsvector", "cstring", "any",
    "event_trigger", "language_handler", "internal", "anyenum", "fdw_handler",
    "index_am_handler", "tsm_handler", "table_am_handler", "anyrange", "anycompatible",
    "anycompatiblerange", "anymultirange", "anycompatiblemultirange", "anynonarray",
    "anycompatiblearray", "anycompatiblenonarray", "opaque", "pg_brin_bloom_summary",
    "pg_brin_minmax_multi_summary", "bpchar", "varchar", "float4", "float8", "int2", "int4",
    "int8", "bool", "timestamptz", "timetz", "varbit", "char", "text", "name",
};

/* Trigger functions of pg_catalog a file may name unqualified. */
static const char *const system_trigger_functions[] = {
    "tsvector_update_trigger", "tsvector_update_trigger_column",
    "suppress_redundant_updates_trigger", "unique_key_recheck",
};

static bool in_list(const char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list[i], s))
            return true;
    return false;
}

static bool ident_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || (unsigned char)c >= 0x80;
}

#define IN_LIST(list, s) in_list((list), sizeof(list) / sizeof((list)[0]), (s))

static bool system_schema(const char *s)
{
    return !strcmp(s, "information_schema") || !strncmp(s, "pg_", 3);
}

static void error_at(Refs *x, const Obj *o, int offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* An input error at `offset` of o's file (-1: at o itself). */
static void error_at(Refs *x, const Obj *o, int offset, const char *fmt, ...)
{
    SrcLoc l = o->loc;
    if (offset >= 0)
        l.offset = offset;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    diag_at(x->diags, EXIT_INPUT, l, "%s", buf);
}

typedef enum Verdict {
    MAY_EXIST,   /* an extension's, a system object, or resolved elsewhere */
    NO_SCHEMA,   /* in a schema the files never create */
    NO_OBJECT,   /* in a schema the files create, where nothing else can put it */
} Verdict;

/* Judge a name the model does not have in `schema`. */
static Verdict judge(Refs *x, const char *schema, const char *name, const StrMap *anywhere)
{
    if (system_schema(schema) || map_get(&x->ext_schemas, schema))
        return MAY_EXIST;
    if (x->m->filter && !filter_selects(x->m->filter, schema))
        return MAY_EXIST; /* --schema / --exclude-schema: not this run's */
    if (!model_lookup(x->m, OBJ_SCHEMA, NULL, NULL, schema))
        return x->schema_ext ? MAY_EXIST : NO_SCHEMA;
    if (x->any_ext || (anywhere && map_get(anywhere, name)))
        return MAY_EXIST;
    return NO_OBJECT;
}

/* Report `what` ("type", "relation", "function") schema.name as missing,
 * if the verdict says it cannot exist. */
static void report_missing(Refs *x, const Obj *o, int offset, const char *what, const char *schema,
                           const char *name, const StrMap *anywhere)
{
    switch (judge(x, schema, name, anywhere)) {
    case MAY_EXIST:
        return;
    case NO_SCHEMA:
        error_at(x, o, offset, "%s \"%s.%s\" does not exist: no file creates schema \"%s\"", what,
                 schema, name, schema);
        return;
    case NO_OBJECT:
        error_at(x, o, offset, "%s \"%s.%s\" does not exist", what, schema, name);
        return;
    }
}

/* ---- types ------------------------------------------------------------------- */

static bool type_exists(Refs *x, const char *schema, const char *name)
{
    if (objects_find_type(x->m, schema, name))
        return true;
    /* every table, view and composite type is a row type too */
    char buf[PG_NAMEDATALEN * 2 + 2];
    snprintf(buf, sizeof buf, "%s.%s", schema, name);
    return map_get(&x->m->relnames, buf) != NULL;
}

static void check_type(Refs *x, const Obj *o, int offset, const char *schema, const char *name)
{
    if (!schema)
        return; /* built-in */
    if (name[0] == '_' && name[1]) {
        name++; /* _name: the array type of name, maybe a built-in one */
        NormCtx nc = {x->a, schema, NULL, false};
        if (!norm_type(&nc, (Node *)makeTypeName(pstrdup(name))).schema)
            return;
    }
    if (type_exists(x, schema, name))
        return;
    if (system_schema(schema) || IN_LIST(system_types, name))
        return;
    report_missing(x, o, offset, "type", schema, name, &x->type_names);
}

static void check_type_name(Refs *x, const Obj *o, const Node *tn, const char *default_schema)
{
    if (!tn || !IsA(tn, TypeName) || ((const TypeName *)tn)->pct_type)
        return; /* table.column%TYPE names a column, checked by PostgreSQL at CREATE */
    NormCtx nc = {x->a, default_schema, NULL, false};
    TypeRef t = norm_type(&nc, tn);
    check_type(x, o, ((const TypeName *)tn)->location, t.schema, t.name);
}

/* ---- expressions: casts, qualified calls, relations of subqueries ------------- */

typedef struct Walk {
    Refs *x;
    const Obj *o;
    const char *schema;      /* the default schema where o was read */
    List *ctes;              /* CTE names in scope */
    List *scopes;            /* FROM aliases in scope, innermost first:
                              * a List of FromName * per query level */
} Walk;

/* A FROM item's name and, when it is a table of the model, the table. */
typedef struct FromName {
    const char *name;
    Table *table;
} FromName;

static void check_relation(Walk *w, RangeVar *rv);

static Table *from_table(Walk *w, RangeVar *rv)
{
    if (!rv->schemaname) {
        ListCell *lc;
        foreach (lc, w->ctes)
            if (!strcmp(lfirst(lc), rv->relname))
                return NULL;
    }
    return model_table(w->x->m, rv->schemaname ? rv->schemaname : w->schema, rv->relname);
}

/* The names a FROM clause brings into scope. */
static List *from_aliases(Walk *w, Node *n, List *out)
{
    if (!n)
        return out;
    FromName *a = arena_alloc(w->x->a, sizeof(FromName));
    switch (nodeTag(n)) {
    case T_RangeVar: {
        RangeVar *rv = (RangeVar *)n;
        a->name = rv->alias ? rv->alias->aliasname : rv->relname;
        a->table = rv->alias && rv->alias->colnames ? NULL : from_table(w, rv);
        return lappend(out, a);
    }
    case T_JoinExpr: {
        JoinExpr *j = (JoinExpr *)n;
        out = from_aliases(w, j->larg, out);
        out = from_aliases(w, j->rarg, out);
        if (!j->alias)
            return out;
        a->name = j->alias->aliasname;
        return lappend(out, a);
    }
    case T_RangeSubselect:
        a->name = ((RangeSubselect *)n)->alias ? ((RangeSubselect *)n)->alias->aliasname : NULL;
        return a->name ? lappend(out, a) : out;
    case T_RangeFunction:
        a->name = ((RangeFunction *)n)->alias ? ((RangeFunction *)n)->alias->aliasname : NULL;
        return a->name ? lappend(out, a) : out;
    default:
        return out;
    }
}

/* alias.column of a model's table: the column must exist (system columns
 * always do).  Aliases are looked up innermost query first; a name that is
 * not a FROM item (a composite column's field, ...) is not judged. */
static void check_column_ref(Walk *w, ColumnRef *cr)
{
    static const char *const system_columns[] = {"ctid", "xmin", "xmax", "cmin", "cmax", "tableoid"};
    if (list_length(cr->fields) != 2 || !IsA(linitial(cr->fields), String) || !IsA(llast(cr->fields), String))
        return;
    const char *alias = strVal(linitial(cr->fields)), *col = strVal(llast(cr->fields));
    ListCell *sc, *ac;
    foreach (sc, w->scopes) {
        foreach (ac, (List *)lfirst(sc)) {
            FromName *a = lfirst(ac);
            if (!a->name || strcmp(a->name, alias))
                continue;
            if (a->table && !table_column(a->table, col) && !IN_LIST(system_columns, col))
                error_at(w->x, w->o, cr->location, "column %s.%s does not exist (table \"%s.%s\" has no column \"%s\")",
                         alias, col, a->table->obj.schema, a->table->obj.name, col);
            return;
        }
    }
}

static bool expr_walker(Node *n, void *arg)
{
    Walk *w = arg;
    if (!n)
        return false;
    switch (nodeTag(n)) {
    case T_TypeCast:
        check_type_name(w->x, w->o, (Node *)((TypeCast *)n)->typeName, w->schema);
        break;
    case T_FuncCall: {
        FuncCall *fc = (FuncCall *)n;
        int nn = list_length(fc->funcname);
        if (nn >= 2) {
            const char *schema = strVal(list_nth(fc->funcname, nn - 2));
            const char *name = strVal(llast(fc->funcname));
            char buf[PG_NAMEDATALEN * 2 + 2];
            snprintf(buf, sizeof buf, "%s.%s", schema, name);
            if (!map_get(&w->x->m->funcnames, buf))
                report_missing(w->x, w->o, fc->location, "function", schema, name, &w->x->func_names);
        }
        break;
    }
    case T_RangeVar:
        check_relation(w, (RangeVar *)n);
        return false;
    case T_SelectStmt: {
        SelectStmt *s = (SelectStmt *)n;
        List *saved = w->ctes;
        if (s->withClause) {
            ListCell *lc;
            foreach (lc, s->withClause->ctes)
                w->ctes = lappend(list_copy(w->ctes), ((CommonTableExpr *)lfirst(lc))->ctename);
        }
        List *saved_scopes = w->scopes;
        ListCell *lc;
        List *frame = NIL;
        foreach (lc, s->fromClause)
            frame = from_aliases(w, lfirst(lc), frame);
        w->scopes = lcons(frame, list_copy(w->scopes));
        /* FOR UPDATE OF names aliases, not relations */
        List *locking = s->lockingClause;
        s->lockingClause = NIL;
        bool r = raw_expression_tree_walker(n, expr_walker, arg);
        s->lockingClause = locking;
        w->ctes = saved;
        w->scopes = saved_scopes;
        return r;
    }
    case T_ColumnRef:
        check_column_ref(w, (ColumnRef *)n);
        return false;
    default:
        break;
    }
    return raw_expression_tree_walker(n, expr_walker, arg);
}

static void check_expr(Refs *x, const Obj *o, Node *expr, const char *schema)
{
    if (!expr)
        return;
    Walk w = {x, o, schema, NIL, NIL};
    expr_walker(expr, &w);
}

/* A relation a query reads (views, subqueries in expressions). */
static void check_relation(Walk *w, RangeVar *rv)
{
    if (rv->location < 0)
        return; /* made by the reader, not written */
    if (!rv->schemaname) {
        ListCell *lc;
        foreach (lc, w->ctes)
            if (!strcmp(lfirst(lc), rv->relname))
                return;
    }
    const char *schema = rv->schemaname ? rv->schemaname : w->schema;
    Refs *x = w->x;
    char buf[PG_NAMEDATALEN * 2 + 2];
    snprintf(buf, sizeof buf, "%s.%s", schema, rv->relname);
    Obj *rel = map_get(&x->m->relnames, buf);
    if (rel && rel == w->o && w->o->kind == OBJ_VIEW) {
        error_at(x, w->o, rv->location, "view \"%s.%s\" reads itself", schema, rv->relname);
        return;
    }
    if (rel)
        return;
    if (!rv->schemaname && !strncmp(rv->relname, "pg_", 3))
        return; /* pg_catalog comes first in every search_path */
    report_missing(x, w->o, rv->location, "relation", schema, rv->relname,
                   rv->schemaname ? NULL : &x->rel_names);
}

/* ---- foreign keys -------------------------------------------------------------- */

static void check_foreign_key(Refs *x, TableConstraint *k)
{
    Constraint *con = (Constraint *)k->raw;
    const Obj *o = &k->obj;
    int at = con->pktable ? con->pktable->location : -1;
    Table *self = model_table(x->m, o->schema, o->table);
    ListCell *lc;
    foreach (lc, con->fk_attrs)
        if (self && !table_column(self, strVal(lfirst(lc))))
            error_at(x, o, -1, "column \"%s\" referenced in foreign key constraint does not exist",
                     strVal(lfirst(lc)));
    Table *t = model_table(x->m, k->fk_schema, k->fk_table);
    if (!t) {
        char buf[PG_NAMEDATALEN * 2 + 2];
        snprintf(buf, sizeof buf, "%s.%s", k->fk_schema, k->fk_table);
        Obj *rel = map_get(&x->m->relnames, buf);
        if (rel && rel->kind != OBJ_CONSTRAINT)
            error_at(x, o, at, "referenced relation \"%s.%s\" is not a table", k->fk_schema,
                     k->fk_table);
        else
            report_missing(x, o, at, "relation", k->fk_schema, k->fk_table, &x->rel_names);
        return;
    }
    bool cols_ok = true;
    foreach (lc, con->pk_attrs)
        if (!table_column(t, strVal(lfirst(lc)))) {
            error_at(x, o, at, "column \"%s\" referenced in foreign key constraint does not exist",
                     strVal(lfirst(lc)));
            cols_ok = false;
        }
    if (!cols_ok)
        return;
    if (con->pk_attrs && list_length(con->pk_attrs) != list_length(con->fk_attrs)) {
        error_at(x, o, at, "number of referencing and referenced columns for foreign key disagree");
        return;
    }
    bool deferrable = false;
    bool found = model_referenced_key(x->m, &x->unique_ix, t->obj.schema, t->obj.name, con->pk_attrs, &deferrable) != NULL;
    if (found)
        return;
    if (!con->pk_attrs)
        error_at(x, o, at, "there is no primary key for referenced table \"%s.%s\"", t->obj.schema,
                 t->obj.name);
    else if (deferrable)
        error_at(x, o, at, "cannot use a deferrable unique constraint for referenced table \"%s.%s\"",
                 t->obj.schema, t->obj.name);
    else
        error_at(x, o, at, "there is no unique constraint matching given keys for referenced table \"%s.%s\"",
                 t->obj.schema, t->obj.name);
}

/* ---- the Definition kinds -------------------------------------------------------- */

static void check_function(Refs *x, Definition *d)
{
    CreateFunctionStmt *st = (CreateFunctionStmt *)d->raw;
    ListCell *lc;
    foreach (lc, st->parameters) {
        FunctionParameter *p = lfirst(lc);
        check_type_name(x, &d->obj, (Node *)p->argType, d->search_schema);
        check_expr(x, &d->obj, p->defexpr, d->search_schema);
    }
    check_type_name(x, &d->obj, (Node *)st->returnType, d->search_schema);
}

/* The tree does not locate a trigger's function: it is the name after
 * EXECUTE FUNCTION (or PROCEDURE); -1 (the statement) if not found. */
static int trigger_function_offset(const Obj *o)
{
    const char *text = o->loc.text, *p = text + o->loc.offset;
    for (; *p && *p != ';'; p++) {
        if (strncasecmp(p, "execute", 7) || (p > text && ident_char(p[-1])) || !isspace((unsigned char)p[7]))
            continue;
        p += 7;
        while (isspace((unsigned char)*p))
            p++;
        while (ident_char(*p))
            p++;
        while (isspace((unsigned char)*p))
            p++;
        return (int)(p - text);
    }
    return -1;
}

static void check_trigger(Refs *x, Definition *d)
{
    CreateTrigStmt *st = (CreateTrigStmt *)d->raw;
    check_expr(x, &d->obj, st->whenClause, d->search_schema);
    int nn = list_length(st->funcname);
    const char *name = strVal(llast(st->funcname));
    const char *schema = nn >= 2 ? strVal(list_nth(st->funcname, nn - 2)) : d->search_schema;
    char buf[PG_NAMEDATALEN * 2 + 2];
    snprintf(buf, sizeof buf, "%s.%s", schema, name);
    if (map_get(&x->m->funcnames, buf))
        return;
    if (nn < 2 && (IN_LIST(system_trigger_functions, name) || !strncasecmp(name, "RI_FKey_", 8)))
        return;
    report_missing(x, &d->obj, trigger_function_offset(&d->obj), "function", schema, name,
                   nn >= 2 ? NULL : &x->func_names);
}

static void check_definition(Refs *x, Definition *d)
{
    Obj *o = &d->obj;
    switch (o->kind) {
    case OBJ_VIEW: {
        Node *q = IsA(d->raw, ViewStmt) ? ((ViewStmt *)d->raw)->query : ((CreateTableAsStmt *)d->raw)->query;
        check_expr(x, o, q, d->search_schema);
        break;
    }
    case OBJ_FUNCTION:
        check_function(x, d);
        break;
    case OBJ_TRIGGER:
        check_trigger(x, d);
        break;
    case OBJ_DOMAIN: {
        CreateDomainStmt *st = (CreateDomainStmt *)d->raw;
        check_type_name(x, o, (Node *)st->typeName, d->search_schema);
        break;
    }
    case OBJ_COMPOSITE: {
        CompositeTypeStmt *st = (CompositeTypeStmt *)d->raw;
        ListCell *lc;
        foreach (lc, st->coldeflist)
            check_type_name(x, o, (Node *)((ColumnDef *)lfirst(lc))->typeName, d->search_schema);
        break;
    }
    case OBJ_POLICY: {
        CreatePolicyStmt *st = (CreatePolicyStmt *)d->raw;
        check_expr(x, o, st->qual, d->search_schema);
        check_expr(x, o, st->with_check, d->search_schema);
        break;
    }
    case OBJ_SCHEMA:
    case OBJ_EXTENSION:
    case OBJ_ENUM:
    case OBJ_SEQUENCE:
    case OBJ_TABLE:
    case OBJ_COLUMN:
    case OBJ_CONSTRAINT:
    case OBJ_INDEX:
    case OBJ_SEQ_OWNER:
    case OBJ_EVENT_TRIGGER:
    case OBJ_DEFAULT_ACL:
    case OBJ_RANGE: {
        ListCell *lc;
        foreach (lc, ((CreateRangeStmt *)d->raw)->params) {
            DefElem *de = lfirst(lc);
            if (!strcmp(de->defname, "subtype"))
                check_type_name(x, o, de->arg, d->search_schema);
        }
        break;
    }
    case OBJ_CAST: {
        CreateCastStmt *st = (CreateCastStmt *)d->raw;
        check_type_name(x, o, (Node *)st->sourcetype, d->search_schema);
        check_type_name(x, o, (Node *)st->targettype, d->search_schema);
        break;
    }
    case OBJ_COLLATION:
    case OBJ_OPERATOR:
    case OBJ_RULE:
    case OBJ_OPFAMILY:
    case OBJ_OPCLASS:
    case OBJ_TS_PARSER:
    case OBJ_TS_TEMPLATE:
    case OBJ_TS_DICT:
    case OBJ_TS_CONFIG:
    case OBJ_PUBLICATION:
    case OBJ_AGGREGATE:
    case OBJ_STATISTICS:
    case OBJ_FDW: case OBJ_SERVER: case OBJ_USER_MAPPING:
    case OBJ_KIND_COUNT:
        break;
    }
}

/* A column is located at its name; its type follows it. */
static int column_type_offset(const Obj *o)
{
    const char *text = o->loc.text, *p = text + o->loc.offset;
    if (o->loc.offset < 0)
        return -1;
    if (*p == '"') {
        for (p++; *p && !(*p == '"' && p[1] != '"'); p++)
            if (*p == '"')
                p++;
        if (*p)
            p++;
    } else {
        while (ident_char(*p))
            p++;
    }
    if (!isspace((unsigned char)*p))
        return -1; /* not at a column definition (ALTER ... ADD COLUMN is) */
    while (isspace((unsigned char)*p))
        p++;
    return (int)(p - text);
}

/* ---- the pass ---------------------------------------------------------------------- */

static void index_model(Refs *x)
{
    Model *m = x->m;
    for (int i = 0; i < m->objs.n; i++) {
        Obj *o = m->objs.items[i];
        if (!o)
            continue;
        switch (o->kind) {
        case OBJ_EXTENSION: {
            Extension *e = (Extension *)o;
            x->any_ext = true;
            if (!IN_LIST(plain_extensions, o->name))
                x->schema_ext = true;
            if (e->in_schema)
                map_put(x->a, &x->ext_schemas, e->in_schema, (void *)1);
            break;
        }
        case OBJ_TABLE:
        case OBJ_VIEW:
        case OBJ_SEQUENCE:
            map_put(x->a, &x->rel_names, o->name, o);
            map_put(x->a, &x->type_names, o->name, o);
            break;
        case OBJ_ENUM:
        case OBJ_DOMAIN:
        case OBJ_COMPOSITE:
            map_put(x->a, &x->type_names, o->name, o);
            break;
        case OBJ_RANGE:
            map_put(x->a, &x->type_names, o->name, o);
            map_put(x->a, &x->type_names, ((Definition *)o)->multirange, o);
            break;
        case OBJ_CAST:
        case OBJ_STATISTICS:
            break;
        case OBJ_FUNCTION:
        case OBJ_AGGREGATE:  /* called like a function */
            map_put(x->a, &x->func_names, o->name, o);
            break;
        case OBJ_INDEX:
            break;  /* unique ones: model_index_unique() */
        case OBJ_SCHEMA:
        case OBJ_COLUMN:
        case OBJ_CONSTRAINT:
        case OBJ_SEQ_OWNER:
        case OBJ_TRIGGER:
        case OBJ_POLICY:
        case OBJ_EVENT_TRIGGER:
        case OBJ_DEFAULT_ACL:
        case OBJ_COLLATION:
        case OBJ_OPERATOR:
        case OBJ_RULE:
        case OBJ_OPFAMILY:
        case OBJ_OPCLASS:
        case OBJ_TS_PARSER:
        case OBJ_TS_TEMPLATE:
        case OBJ_TS_DICT:
        case OBJ_TS_CONFIG:
        case OBJ_PUBLICATION:
        case OBJ_FDW: case OBJ_SERVER: case OBJ_USER_MAPPING:
        case OBJ_KIND_COUNT:
            break;
        }
    }
}

void refs_check_model(Model *m, Diags *diags)
{
    if (m->roles_known)
        return; /* read from a database: the server resolved every reference */
    Refs x = {m, diags, m->arena, false, false, {0}, {0}, {0}, {0}, {0}};
    index_model(&x);
    model_index_unique(x.a, m, &x.unique_ix);
    for (int i = 0; i < m->objs.n; i++) {
        Obj *o = m->objs.items[i];
        if (!o || !o->loc.text)
            continue;
        switch (o->kind) {
        case OBJ_COLUMN: {
            Column *c = (Column *)o;
            if (c->inherited || c->parent_column)
                break;
            check_type(&x, o, column_type_offset(o), c->type.schema, c->type.name);
            if (c->def)
                check_expr(&x, o, c->def->raw, "public");
            if (c->generated)
                check_expr(&x, o, c->generated->raw, "public");
            break;
        }
        case OBJ_CONSTRAINT: {
            TableConstraint *k = (TableConstraint *)o;
            if (k->contype == CON_FOREIGN)
                check_foreign_key(&x, k);
            else if (k->contype == CON_CHECK)
                check_expr(&x, o, ((Constraint *)k->raw)->raw_expr, "public");
            break;
        }
        case OBJ_VIEW:
        case OBJ_FUNCTION:
        case OBJ_TRIGGER:
        case OBJ_DOMAIN:
        case OBJ_COMPOSITE:
        case OBJ_POLICY:
        case OBJ_RANGE:
        case OBJ_CAST:
            check_definition(&x, (Definition *)o);
            break;
        case OBJ_INDEX: {
            IndexStmt *st = (IndexStmt *)((TableIndex *)o)->raw;
            ListCell *lc;
            foreach (lc, st->indexParams)
                check_expr(&x, o, ((IndexElem *)lfirst(lc))->expr, "public");
            check_expr(&x, o, st->whereClause, "public");
            break;
        }
        case OBJ_SCHEMA:
        case OBJ_EXTENSION:
        case OBJ_ENUM:
        case OBJ_SEQUENCE:
        case OBJ_TABLE:
        case OBJ_SEQ_OWNER:
        case OBJ_EVENT_TRIGGER:
        case OBJ_DEFAULT_ACL:
        case OBJ_COLLATION:
        case OBJ_OPERATOR:
        case OBJ_RULE:
        case OBJ_OPFAMILY:
        case OBJ_OPCLASS:
        case OBJ_TS_PARSER:
        case OBJ_TS_TEMPLATE:
        case OBJ_TS_DICT:
        case OBJ_TS_CONFIG:
        case OBJ_PUBLICATION:
        case OBJ_AGGREGATE:  /* support functions and types: parser/aggregate.c */
        case OBJ_STATISTICS: /* its table and columns: parser/defkinds.c */
        case OBJ_FDW: case OBJ_SERVER: case OBJ_USER_MAPPING:
        case OBJ_KIND_COUNT:
            break;
        }
    }
}

/* ---- function bodies ------------------------------------------------------------- */

/* Where a function's AS string is in the file, and how its bytes map. */
typedef struct BodyLit {
    int start;      /* file offset of the body's first byte */
    bool quoted;    /* '...': a doubled quote in the file is one in the body */
} BodyLit;

/* Find the string literal after the AS keyword at `as_off`. */
static bool find_body(const char *text, int as_off, BodyLit *b)
{
    const char *p = text + as_off;
    if (strncasecmp(p, "as", 2))
        return false;
    p += 2;
    for (;;) {
        while (isspace((unsigned char)*p))
            p++;
        if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                p++;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            if (!e)
                return false;
            p = e + 2;
        } else {
            break;
        }
    }
    if (*p == '$') {
        const char *q = strchr(p + 1, '$');
        if (!q)
            return false;
        b->start = (int)(q + 1 - text);
        b->quoted = false;
        return true;
    }
    if (*p == 'E' || *p == 'e')
        p++; /* escapes shift columns a little; the line stays right */
    if (*p != '\'')
        return false;
    b->start = (int)(p + 1 - text);
    b->quoted = true;
    return true;
}

/* The file offset of byte `off` of the body. */
static int body_to_file(const char *text, const BodyLit *b, int off)
{
    if (!b->quoted)
        return b->start + off;
    const char *p = text + b->start;
    for (int i = 0; i < off && *p; i++)
        p += (p[0] == '\'' && p[1] == '\'') ? 2 : 1;
    return (int)(p - text);
}

/* libpg_query's error cursor (1-based, in characters) as a byte offset. */
static int cursor_to_byte(const char *s, int cursorpos)
{
    int chars = 0;
    const char *p = s;
    while (*p && chars < cursorpos - 1) {
        p++;
        while (((unsigned char)*p & 0xC0) == 0x80)
            p++;
        chars++;
    }
    return (int)(p - s);
}

/* Where in a PL/pgSQL body an error is: the first occurrence of the name
 * the message quotes (`at or near "x"`, `"x" is not a known variable`) at
 * or after the line the compiler names (it names the line where the
 * failing statement began, or an earlier one), else that line's first
 * token. */
static int plpgsql_error_offset(const char *body, const char *msg, int line)
{
    const char *p = body;
    for (int l = 1; l < line && *p; p++)
        if (*p == '\n')
            l++;
    const char *line_start = p;
    const char *q1 = strchr(msg, '"');
    const char *q2 = q1 ? strrchr(q1 + 1, '"') : NULL;
    if (q1 && q2 && q2 > q1 + 1 && !strstr(msg, "at end of input")) {
        size_t n = (size_t)(q2 - q1 - 1);
        bool word = ident_char(q1[1]);
        for (const char *s = line_start; *s; s++) {
            if (strncasecmp(s, q1 + 1, n))
                continue;
            if (word && ((s > body && ident_char(s[-1])) || ident_char(s[n])))
                continue;
            return (int)(s - body);
        }
    }
    while (*line_start && isspace((unsigned char)*line_start))
        line_start++;
    return (int)(line_start - body);
}

void refs_check_function_body(DdlReader *r, Node *stmt, int offset)
{
    if (!r->text || r->m->roles_known)
        return; /* a database's functions were checked by the server */
    CreateFunctionStmt *st = (CreateFunctionStmt *)stmt;
    if (st->sql_body)
        return; /* BEGIN ATOMIC / RETURN: parsed with the statement */
    const char *language = NULL;
    DefElem *as = NULL;
    ListCell *lc;
    foreach (lc, st->options) {
        DefElem *d = lfirst(lc);
        if (!strcmp(d->defname, "language") && d->arg && IsA(d->arg, String))
            language = strVal(d->arg);
        else if (!strcmp(d->defname, "as"))
            as = d;
    }
    if (!language || !as || !as->arg || !IsA(as->arg, List) || list_length((List *)as->arg) != 1)
        return;
    const char *body = strVal(linitial((List *)as->arg));
    BodyLit lit;
    if (as->location < 0 || !find_body(r->text, as->location, &lit))
        return;
    if (!strcmp(language, "sql")) {
        PgQueryInternalParsetreeAndError res = pg_query_raw_parse(body);
        free(res.stderr_buffer);
        if (res.error) {
            int off = cursor_to_byte(body, res.error->cursorpos);
            ddl_error(r, body_to_file(r->text, &lit, off), "%s", res.error->message);
            pg_query_free_error(res.error);
        }
    } else if (!strcmp(language, "plpgsql")) {
        size_t len = r->stmt_len ? (size_t)r->stmt_len : strlen(r->text + offset);
        const char *sql = arena_strndup(r->a, r->text + offset, len);
        int line;
        const char *msg = plpgsql_compile_error(r->a, sql, &line);
        /* Only syntax errors: libpg_query compiles without a catalog, so
         * unnamed parameters ($1 ALIAS), RETURNS TABLE columns and
         * refcursor variables give it errors PostgreSQL would not. */
        if (msg && !strncmp(msg, "syntax error", 12)) {
            int off = plpgsql_error_offset(body, msg, line);
            /* the compiler names where the failing statement began, or an
             * earlier line; without a token to look for, say so */
            bool approx = strstr(msg, "at end of input") != NULL;
            ddl_error(r, body_to_file(r->text, &lit, off), "%s%s", msg,
                      approx ? " (in a PL/pgSQL statement at or after this line)" : "");
        }
    }
}
