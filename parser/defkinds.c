/*
 * defkinds.c — range types, casts and statistics objects (OBJ_RANGE,
 * OBJ_CAST, OBJ_STATISTICS), each a Definition kept as one canonical
 * CREATE statement (`def_text`) that is both what two sides compare and
 * what the emitter prints (emit/defkinds.c), as aggregates do.
 *
 * Range types.  CREATE TYPE r AS RANGE (SUBTYPE = t, ...) also creates the
 * multirange type, named MULTIRANGE_TYPE_NAME or as PostgreSQL names it
 * (makeMultirangeTypeName: "range" in the name becomes "multirange", else
 * "_multirange" is appended); both names resolve as types here (the model's
 * `multiranges` map, objects_find_type), so columns of either type depend
 * on the range.  The canonical text states every option but those equal to
 * PostgreSQL's default (the subtype's default btree operator class, from a
 * table of the built-in ones; the subtype's collation), qualifies user
 * functions and always names the multirange type.  CANONICAL needs a shell
 * type first and a C function (PostgreSQL 15: "SQL function cannot accept
 * shell type", "PL/pgSQL functions cannot return type"): in a file it is
 * PostgreSQL's own error (shell types are refused, so none precedes); a
 * database's is refused by name.
 *
 * Casts.  Identity: the two canonical types, "(source AS target)".
 * pg_cast has no namespace; a cast belongs to the schema of its function
 * when that is a user function, else to its source type's schema, else to
 * its target type's (so --schema keeps a cast with the function or type it
 * is made of).  A cast with neither a user function nor a user type is not
 * part of any schema and is refused.  The function is printed qualified
 * with its argument types (regprocedure's form).
 *
 * Statistics objects.  CREATE STATISTICS [name] [(kinds)] ON cols, (exprs)
 * FROM table: unnamed ones get PostgreSQL's generated name (table_cols_stat)
 * in the table's schema; the kinds are left out when they are all three
 * (or none is stated); plain columns are printed in the table's column
 * order, then the expressions, as pg_get_statisticsobjdef prints them.  The
 * statistics target (ALTER STATISTICS ... SET STATISTICS) is compared
 * apart and altered in place.  It depends on its table and columns.
 *
 * The catalog reader (parser/catalog.c) builds the same statements from
 * pg_range, pg_cast and pg_get_statisticsobjdef; the SQL of its queries
 * and the row-to-DDL helpers are here.
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static Definition *add(DdlReader *r, ObjKind k, const char *schema, const char *name, int off, Node *raw)
{
    SrcLoc l = {r->file, r->text, off};
    Definition *d = model_add(r->m, sizeof(Definition), k, schema, NULL, name, l);
    if (!d)
        return NULL;
    d->raw = raw;
    d->search_schema = r->nc.default_schema;
    d->enabled = 'O';
    d->stat_target = -1;
    return d;
}

/* Names of a DefElem argument (TypeName, String or a name list). */
static List *arg_names(Node *v)
{
    if (!v)
        return NIL;
    if (IsA(v, TypeName))
        return ((TypeName *)v)->names;
    if (IsA(v, List))
        return (List *)v;
    if (IsA(v, String))
        return list_make1(v);
    return NIL;
}

/* ---- range types ---------------------------------------------------------------- */

static const char *const range_opts[] = {"subtype", "subtype_opclass", "collation", "canonical", "subtype_diff",
                                         "multirange_type_name"};

/* PostgreSQL's makeMultirangeTypeName. */
static const char *multirange_name(Arena *a, const char *range)
{
    const char *at = strstr(range, "range");
    char buf[PG_NAMEDATALEN * 2 + 16];
    if (at)
        snprintf(buf, sizeof buf, "%.*smulti%s", (int)(at - range), range, at);
    else
        snprintf(buf, sizeof buf, "%.*s_multirange", PG_NAMEDATALEN - 12, range);
    size_t n = strlen(buf);
    if (n > PG_NAMEDATALEN - 1) { /* clip at 63 bytes, on a character boundary */
        n = PG_NAMEDATALEN - 1;
        while (n && ((unsigned char)buf[n] & 0xC0) == 0x80)
            n--;
        buf[n] = '\0';
    }
    return arena_strdup(a, buf);
}

static void read_range(DdlReader *r, CreateRangeStmt *st, int off)
{
    off = ddl_stmt_start(r, off);
    const char *schema, *name;
    ddl_qualified(r, st->typeName, &schema, &name);
    bool subtype = false;
    const char *mschema = schema, *mname = NULL;
    ListCell *lc;
    foreach (lc, st->params) {
        DefElem *de = lfirst(lc);
        int at = de->location >= 0 ? de->location : off;
        size_t i = 0;
        while (i < sizeof range_opts / sizeof range_opts[0] && strcasecmp(de->defname, range_opts[i]))
            i++;
        if (i == sizeof range_opts / sizeof range_opts[0]) {
            ddl_error(r, at, "type attribute \"%s\" not recognized", de->defname);
            return;
        }
        subtype = subtype || i == 0;
        if (i == 3) {
            /* Files: no shell type can precede (they are refused), and
             * PostgreSQL refuses CANONICAL without one.  A database's
             * range (catalog text, text_no 0) has a C function there. */
            if (map_get(&r->m->shell_types, arena_printf(r->a, "%s.%s", schema, name)))
                ; /* its shell type was refused: that error says it */
            else if (r->text_no > 0)
                ddl_error(r, at, "cannot specify a canonical function without a pre-created shell type "
                                 "(create the type as a shell type, then its canonicalization function, then "
                                 "do a full CREATE TYPE)");
            else
                ddl_error(r, at, "range type %s has a CANONICAL function, which PostgreSQL takes only in C over "
                                 "a shell type; C functions and shell types are not supported yet", name);
            return;
        }
        if (i == 5) {
            List *names = arg_names(de->arg);
            if (!names) {
                ddl_error(r, at, "MULTIRANGE_TYPE_NAME needs a type name");
                return;
            }
            ddl_qualified(r, names, &mschema, &mname);
        }
    }
    if (!subtype) {
        ddl_error(r, off, "type attribute \"subtype\" is required");
        return;
    }
    if (!mname)
        mname = multirange_name(r->a, name);
    if (objects_find_type(r->m, schema, name) || ddl_relation(r, schema, name)) {
        ddl_error(r, off, "type \"%s\" already exists", name);
        return;
    }
    if (objects_find_type(r->m, mschema, mname) || ddl_relation(r, mschema, mname)) {
        ddl_error(r, off, "type \"%s\" already exists", mname);
        return;
    }
    st->typeName = list_make2(makeString(pstrdup(schema)), makeString(pstrdup(name)));
    Definition *d = add(r, OBJ_RANGE, schema, name, off, (Node *)st);
    if (!d)
        return;
    d->multirange_schema = mschema;
    d->multirange = mname;
    map_put(r->a, &r->m->multiranges, arena_printf(r->a, "%s.%s", mschema, mname), d);
}

/* The default btree operator class of the built-in subtypes. */
static const struct {
    const char *type, *opclass;
} default_opclass[] = {
    {"bigint", "int8_ops"},       {"bit", "bit_ops"},
    {"boolean", "bool_ops"},      {"bytea", "bytea_ops"},
    {"character", "bpchar_ops"},  {"character varying", "text_ops"},
    {"date", "date_ops"},         {"double precision", "float8_ops"},
    {"inet", "inet_ops"},         {"integer", "int4_ops"},
    {"interval", "interval_ops"}, {"macaddr", "macaddr_ops"},
    {"money", "money_ops"},       {"numeric", "numeric_ops"},
    {"oid", "oid_ops"},           {"real", "float4_ops"},
    {"smallint", "int2_ops"},     {"text", "text_ops"},
    {"time with time zone", "timetz_ops"}, {"time without time zone", "time_ops"},
    {"timestamp with time zone", "timestamptz_ops"}, {"timestamp without time zone", "timestamp_ops"},
    {"uuid", "uuid_ops"},
};

static void dep_on_type(Model *m, Obj *o, TypeRef t)
{
    if (!t.schema)
        return;
    Obj *ty = objects_find_type(m, t.schema, t.name);
    if (ty && ty != o)
        obj_add_dep(m->arena, o, ty);
}

/* A function named by a list: qualified when the model has it (and depended
 * on, every overload), pg_catalog's bare. */
static const char *func_name(Model *m, Obj *o, const char *search, List *names)
{
    int n = list_length(names);
    if (!n)
        return "";
    const char *name = strVal(llast(names));
    const char *schema = n >= 2 ? strVal(list_nth(names, n - 2)) : NULL;
    if (schema && !strcmp(schema, "pg_catalog"))
        return q_ident(m->arena, name);
    const char *look = schema ? schema : search;
    char buf[PG_NAMEDATALEN * 2 + 2];
    snprintf(buf, sizeof buf, "%s.%s", look, name);
    const PtrVec *fs = map_get(&m->funcnames, buf);
    for (int i = 0; fs && i < fs->n; i++)
        obj_add_dep(m->arena, o, fs->items[i]);
    if (schema || (fs && fs->n))
        return q_qual(m->arena, look, name);
    return q_ident(m->arena, name);
}

/* An operator class or collation name: pg_catalog's bare, else qualified. */
static const char *object_name(Model *m, const char *search, List *names, ObjKind k, Obj *o)
{
    int n = list_length(names);
    if (!n)
        return "";
    const char *name = strVal(llast(names));
    const char *schema = n >= 2 ? strVal(list_nth(names, n - 2)) : NULL;
    if (schema && !strcmp(schema, "pg_catalog"))
        return q_ident(m->arena, name);
    if (!schema && k == OBJ_COLLATION && !model_lookup(m, k, search, NULL, name))
        return q_ident(m->arena, name);
    if (!schema && k != OBJ_COLLATION)
        return q_ident(m->arena, name);
    Obj *c = model_lookup(m, k, schema ? schema : search, NULL, name);
    if (c)
        obj_add_dep(m->arena, o, c);
    return q_qual(m->arena, schema ? schema : search, name);
}

static void finish_range(Model *m, Definition *d)
{
    CreateRangeStmt *st = (CreateRangeStmt *)d->raw;
    NormCtx nc = {m->arena, d->search_schema, NULL, true};
    const char *subtype = NULL, *opclass = NULL, *collation = NULL, *diff = NULL;
    ListCell *lc;
    foreach (lc, st->params) {
        DefElem *de = lfirst(lc);
        if (!strcasecmp(de->defname, "subtype") && de->arg && IsA(de->arg, TypeName)) {
            TypeRef t = norm_type(&nc, de->arg);
            dep_on_type(m, &d->obj, t);
            subtype = t.sql;
        } else if (!strcasecmp(de->defname, "subtype_opclass")) {
            opclass = object_name(m, d->search_schema, arg_names(de->arg), OBJ_KIND_COUNT, &d->obj);
        } else if (!strcasecmp(de->defname, "collation")) {
            collation = object_name(m, d->search_schema, arg_names(de->arg), OBJ_COLLATION, &d->obj);
            if (!strcmp(collation, "\"default\"") || !strcmp(collation, "default"))
                collation = NULL;
        } else if (!strcasecmp(de->defname, "subtype_diff")) {
            diff = func_name(m, &d->obj, d->search_schema, arg_names(de->arg));
        }
    }
    if (!subtype)
        subtype = "?"; /* refused on reading; never printed */
    for (size_t i = 0; opclass && i < sizeof default_opclass / sizeof default_opclass[0]; i++)
        if (!strcmp(subtype, default_opclass[i].type) && !strcmp(opclass, default_opclass[i].opclass))
            opclass = NULL;
    StrBuf sb;
    sb_init(&sb);
    sb_printf(&sb, "CREATE TYPE %s AS RANGE (SUBTYPE = %s", q_qual(m->arena, d->obj.schema, d->obj.name), subtype);
    if (opclass)
        sb_printf(&sb, ", SUBTYPE_OPCLASS = %s", opclass);
    if (collation)
        sb_printf(&sb, ", COLLATION = %s", collation);
    if (diff)
        sb_printf(&sb, ", SUBTYPE_DIFF = %s", diff);
    sb_printf(&sb, ", MULTIRANGE_TYPE_NAME = %s)", q_qual(m->arena, d->multirange_schema, d->multirange));
    d->def_text = sb_take(&sb, m->arena);
    d->norm = (Node *)makeString(pstrdup(d->def_text));
}

/* ---- casts ---------------------------------------------------------------------- */

/* The schema of an unqualified or qualified function name: the user's
 * (stated, or the search schema when the model has it there), NULL for a
 * built-in one. */
static const char *function_schema(const Model *m, const char *search, List *names)
{
    int n = list_length(names);
    const char *schema = n >= 2 ? strVal(list_nth(names, n - 2)) : NULL;
    if (schema)
        return strcmp(schema, "pg_catalog") ? schema : NULL;
    char buf[PG_NAMEDATALEN * 2 + 2];
    snprintf(buf, sizeof buf, "%s.%s", search, strVal(llast(names)));
    return map_get(&m->funcnames, buf) ? search : NULL;
}

static void read_cast(DdlReader *r, CreateCastStmt *st, int off)
{
    off = ddl_stmt_start(r, off);
    TypeRef src = norm_type(&r->nc, (Node *)st->sourcetype), tgt = norm_type(&r->nc, (Node *)st->targettype);
    const char *schema = NULL;
    if (st->func) {
        Obj *f = objects_find_function(r, (Node *)st->func);
        int n = list_length(st->func->objname);
        if (f)
            schema = f->schema;
        else if (n >= 2 && strcmp(strVal(list_nth(st->func->objname, n - 2)), "pg_catalog"))
            schema = strVal(list_nth(st->func->objname, n - 2));
    }
    if (!schema)
        schema = src.schema ? src.schema : tgt.schema;
    if (!schema) {
        ddl_error(r, off, "a cast between built-in types without a user function belongs to no schema; "
                          "it is not supported");
        return;
    }
    const char *name = arena_printf(r->a, "(%s AS %s)", src.sql, tgt.sql);
    for (int i = 0; i < r->m->objs.n; i++) {
        Obj *o = r->m->objs.items[i];
        if (o && o->kind == OBJ_CAST && !strcmp(o->name, name)) {
            ddl_error(r, off, "cast from type %s to type %s already exists", src.sql, tgt.sql);
            return;
        }
    }
    add(r, OBJ_CAST, schema, name, off, (Node *)st);
}

static const char *type_list(Model *m, const NormCtx *nc, List *types)
{
    StrBuf sb;
    sb_init(&sb);
    sb_putc(&sb, '(');
    ListCell *lc;
    foreach (lc, types) {
        if (sb.len > 1)
            sb_puts(&sb, ", ");
        sb_puts(&sb, norm_type(nc, lfirst(lc)).sql);
    }
    sb_putc(&sb, ')');
    return sb_take(&sb, m->arena);
}

static void finish_cast(Model *m, Definition *d, Diags *diags)
{
    CreateCastStmt *st = (CreateCastStmt *)d->raw;
    NormCtx nc = {m->arena, d->search_schema, NULL, true};
    TypeRef src = norm_type(&nc, (Node *)st->sourcetype), tgt = norm_type(&nc, (Node *)st->targettype);
    dep_on_type(m, &d->obj, src);
    dep_on_type(m, &d->obj, tgt);
    d->cast_source = src.sql;
    d->cast_target = tgt.sql;
    StrBuf sb;
    sb_init(&sb);
    sb_printf(&sb, "CREATE CAST (%s AS %s) ", src.sql, tgt.sql);
    if (st->func) {
        List *names = st->func->objname;
        const char *fschema = function_schema(m, d->search_schema, names);
        const char *fname = strVal(llast(names));
        const char *sig = NULL;
        if (!st->func->args_unspecified)
            sig = type_list(m, &nc, st->func->objargs);
        if (fschema) {
            char buf[PG_NAMEDATALEN * 2 + 2];
            snprintf(buf, sizeof buf, "%s.%s", fschema, fname);
            const PtrVec *fs = map_get(&m->funcnames, buf);
            bool found = false;
            for (int i = 0; fs && i < fs->n; i++) {
                Definition *f = fs->items[i];
                if (!sig && fs->n == 1)
                    sig = f->signature;
                if (sig && !strcmp(sig, f->signature)) {
                    obj_add_dep(m->arena, &d->obj, &f->obj);
                    found = true;
                }
            }
            /* a user schema's function that nothing creates (a database's
             * casts name what it has) */
            if (!found && !m->roles_known && filter_selects(m->filter, fschema))
                diag_at(diags, EXIT_INPUT, d->obj.loc, "function %s%s does not exist",
                        q_qual(m->arena, fschema, fname), sig ? sig : "");
        }
        sb_printf(&sb, "WITH FUNCTION %s%s", fschema ? q_qual(m->arena, fschema, fname) : q_ident(m->arena, fname),
                  sig ? sig : "");
    } else {
        sb_puts(&sb, st->inout ? "WITH INOUT" : "WITHOUT FUNCTION");
    }
    if (st->context == COERCION_ASSIGNMENT)
        sb_puts(&sb, " AS ASSIGNMENT");
    else if (st->context == COERCION_IMPLICIT)
        sb_puts(&sb, " AS IMPLICIT");
    d->def_text = sb_take(&sb, m->arena);
    d->norm = (Node *)makeString(pstrdup(d->def_text));
}

/* ---- statistics objects ------------------------------------------------------------ */

static const char *const stat_kinds[] = {"ndistinct", "dependencies", "mcv"};

static void read_statistics(DdlReader *r, CreateStatsStmt *st, int off)
{
    off = ddl_stmt_start(r, off);
    if (list_length(st->relations) != 1 || !IsA(linitial(st->relations), RangeVar)) {
        ddl_error(r, off, "only a single relation is allowed in CREATE STATISTICS");
        return;
    }
    RangeVar *rv = linitial(st->relations);
    const char *tschema = rv->schemaname ? rv->schemaname : r->nc.default_schema;
    ListCell *lc;
    foreach (lc, st->stat_types) {
        const char *k = strVal(lfirst(lc));
        if (strcmp(k, stat_kinds[0]) && strcmp(k, stat_kinds[1]) && strcmp(k, stat_kinds[2])) {
            ddl_error(r, off, "unrecognized statistics kind \"%s\"", k);
            return;
        }
    }
    const char *schema, *name;
    if (st->defnames) {
        ddl_qualified(r, st->defnames, &schema, &name);
    } else {
        /* PostgreSQL's ChooseExtendedStatisticName, in the table's schema */
        PtrVec cols = {0};
        foreach (lc, st->exprs) {
            StatsElem *se = lfirst(lc);
            vec_push(r->a, &cols, (void *)(se->name ? se->name : "expr"));
        }
        const char *addition = norm_name_addition(r->a, &cols);
        schema = tschema;
        for (int n = 0;; n++) {
            const char *label = n ? arena_printf(r->a, "stat%d", n) : "stat";
            name = norm_object_name(r->a, rv->relname, addition, label);
            if (!model_lookup(r->m, OBJ_STATISTICS, schema, NULL, name))
                break;
        }
    }
    if (model_lookup(r->m, OBJ_STATISTICS, schema, NULL, name)) {
        if (!st->if_not_exists)
            ddl_error(r, off, "statistics object \"%s\" already exists", name);
        return;
    }
    if (!model_table(r->m, tschema, rv->relname)) {
        ddl_error(r, rv->location >= 0 ? rv->location : off, "relation \"%s.%s\" does not exist", tschema,
                  rv->relname);
        return;
    }
    st->defnames = list_make2(makeString(pstrdup(schema)), makeString(pstrdup(name)));
    st->if_not_exists = false;
    rv->schemaname = pstrdup(tschema);
    add(r, OBJ_STATISTICS, schema, name, off, (Node *)st);
}

static void read_alter_statistics(DdlReader *r, AlterStatsStmt *st, int off)
{
    const char *schema, *name;
    ddl_qualified(r, st->defnames, &schema, &name);
    Definition *d = (Definition *)model_lookup(r->m, OBJ_STATISTICS, schema, NULL, name);
    if (!d) {
        if (!st->missing_ok)
            ddl_error(r, ddl_stmt_start(r, off), "statistics object \"%s.%s\" does not exist", schema, name);
        return;
    }
    d->stat_target = st->stxstattarget;
}

static int column_position(const Table *t, const char *name)
{
    for (int i = 0; i < t->columns.n; i++)
        if (!strcmp(((Column *)t->columns.items[i])->obj.name, name))
            return i;
    return -1;
}

typedef struct StatCol {
    int pos;
    const char *name;
} StatCol;

static int by_position(const void *x, const void *y)
{
    int a = ((const StatCol *)x)->pos, b = ((const StatCol *)y)->pos;
    return (a > b) - (a < b);
}

static void finish_statistics(Model *m, Definition *d, Diags *diags)
{
    CreateStatsStmt *st = (CreateStatsStmt *)d->raw;
    RangeVar *rv = linitial(st->relations);
    Table *t = model_table(m, rv->schemaname, rv->relname);
    if (!t) {
        diag_at(diags, EXIT_INPUT, d->obj.loc, "statistics object \"%s\" is on a table that does not exist",
                d->obj.name);
        d->def_text = "";
        d->norm = (Node *)makeString(pstrdup(""));
        return;
    }
    obj_add_dep(m->arena, &d->obj, &t->obj);
    NormCtx nc = {m->arena, d->search_schema, t, true};
    int ncols = 0;
    StatCol *cols = arena_alloc(m->arena, sizeof(StatCol) * (size_t)(list_length(st->exprs) + 1));
    StrBuf ex;
    sb_init(&ex);
    ListCell *lc;
    foreach (lc, st->exprs) {
        StatsElem *se = lfirst(lc);
        if (se->name) {
            int p = column_position(t, se->name);
            if (p < 0) {
                diag_at(diags, EXIT_INPUT, d->obj.loc, "column \"%s\" of relation \"%s\" does not exist", se->name,
                        t->obj.name);
                continue;
            }
            obj_add_dep(m->arena, &d->obj, t->columns.items[p]);
            cols[ncols++] = (StatCol){p, se->name};
        } else if (se->expr) {
            PtrVec refs = {0};
            norm_column_refs(m->arena, se->expr, &refs);
            for (int i = 0; i < refs.n; i++) {
                Column *c = table_column(t, refs.items[i]);
                if (c)
                    obj_add_dep(m->arena, &d->obj, &c->obj);
            }
            objects_dep_on_calls(m, &d->obj, se->expr, d->search_schema);
            sb_printf(&ex, ", (%s)", deparse_expr(m->arena, norm_expr(&nc, se->expr)));
        }
    }
    qsort(cols, (size_t)ncols, sizeof *cols, by_position);
    StrBuf sb;
    sb_init(&sb);
    sb_printf(&sb, "CREATE STATISTICS %s", q_qual(m->arena, d->obj.schema, d->obj.name));
    bool set[3] = {0};
    int nkinds = 0;
    foreach (lc, st->stat_types)
        for (int k = 0; k < 3; k++)
            if (!strcmp(strVal(lfirst(lc)), stat_kinds[k]) && !set[k]) {
                set[k] = true;
                nkinds++;
            }
    if (nkinds && nkinds < 3) {
        sb_puts(&sb, " (");
        for (int k = 0, first = 1; k < 3; k++)
            if (set[k]) {
                sb_printf(&sb, "%s%s", first ? "" : ", ", stat_kinds[k]);
                first = 0;
            }
        sb_putc(&sb, ')');
    }
    sb_puts(&sb, " ON ");
    for (int i = 0; i < ncols; i++)
        sb_printf(&sb, "%s%s", i ? ", " : "", q_ident(m->arena, cols[i].name));
    const char *exprs = sb_take(&ex, m->arena);
    sb_puts(&sb, ncols ? exprs : exprs + (*exprs ? 2 : 0));
    sb_printf(&sb, " FROM %s", q_qual(m->arena, t->obj.schema, t->obj.name));
    d->def_text = sb_take(&sb, m->arena);
    d->norm = (Node *)makeString(pstrdup(d->def_text));
}

/* ---- dispatch --------------------------------------------------------------------- */

bool defkinds_read_stmt(DdlReader *r, Node *n, int off)
{
    switch (nodeTag(n)) {
    case T_DefineStmt:
        /* CREATE TYPE name; — a shell type */
        if (((DefineStmt *)n)->kind != OBJECT_TYPE || ((DefineStmt *)n)->definition)
            return false;
        const char *schema, *name;
        ddl_qualified(r, ((DefineStmt *)n)->defnames, &schema, &name);
        map_put(r->a, &r->m->shell_types, arena_printf(r->a, "%s.%s", schema, name), (void *)name);
        ddl_error(r, off, "shell types (CREATE TYPE name;) are not supported yet: PostgreSQL needs one only "
                          "before a base type or a range type's CANONICAL function, whose functions must be "
                          "written in C (SQL and PL/pgSQL functions cannot take or return a shell type)");
        return true;
    case T_CreateRangeStmt: read_range(r, (CreateRangeStmt *)n, off); return true;
    case T_CreateCastStmt: read_cast(r, (CreateCastStmt *)n, off); return true;
    case T_CreateStatsStmt: read_statistics(r, (CreateStatsStmt *)n, off); return true;
    case T_AlterStatsStmt: read_alter_statistics(r, (AlterStatsStmt *)n, off); return true;
    default: return false;
    }
}

Obj *defkinds_find(DdlReader *r, int objtype, Node *object, bool *handled)
{
    *handled = true;
    switch ((ObjectType)objtype) {
    case OBJECT_CAST: {
        List *types = (List *)object;
        if (list_length(types) != 2)
            return NULL;
        const char *name = arena_printf(r->a, "(%s AS %s)", norm_type(&r->nc, linitial(types)).sql,
                                        norm_type(&r->nc, lsecond(types)).sql);
        for (int i = 0; i < r->m->objs.n; i++) {
            Obj *o = r->m->objs.items[i];
            if (o && o->kind == OBJ_CAST && !strcmp(o->name, name))
                return o;
        }
        return NULL;
    }
    case OBJECT_STATISTIC_EXT: {
        const char *schema, *name;
        ddl_qualified(r, (List *)object, &schema, &name);
        return model_lookup(r->m, OBJ_STATISTICS, schema, NULL, name);
    }
    default:
        *handled = false;
        return NULL;
    }
}

void defkinds_finish(Model *m, Definition *d, Diags *diags)
{
    switch (d->obj.kind) {
    case OBJ_RANGE: finish_range(m, d); break;
    case OBJ_CAST: finish_cast(m, d, diags); break;
    case OBJ_STATISTICS: finish_statistics(m, d, diags); break;
    case OBJ_SCHEMA: case OBJ_EXTENSION: case OBJ_ENUM: case OBJ_SEQUENCE: case OBJ_TABLE: case OBJ_COLUMN:
    case OBJ_CONSTRAINT: case OBJ_INDEX: case OBJ_SEQ_OWNER: case OBJ_DOMAIN: case OBJ_COMPOSITE:
    case OBJ_FUNCTION: case OBJ_AGGREGATE: case OBJ_VIEW: case OBJ_TRIGGER: case OBJ_POLICY:
    case OBJ_EVENT_TRIGGER: case OBJ_DEFAULT_ACL: case OBJ_COLLATION: case OBJ_OPERATOR: case OBJ_RULE:
    case OBJ_OPFAMILY: case OBJ_OPCLASS: case OBJ_TS_PARSER: case OBJ_TS_TEMPLATE: case OBJ_TS_DICT:
    case OBJ_TS_CONFIG: case OBJ_PUBLICATION: case OBJ_FDW: case OBJ_SERVER: case OBJ_USER_MAPPING: case OBJ_KIND_COUNT:
        break; /* not defkinds' (parser/objects.c calls it for its three only) */
    }
}

/* ---- from the catalog ----------------------------------------------------------------- */

const char *defkinds_range_sql(Arena *a, const char *const *v)
{
    StrBuf sb;
    sb_init(&sb);
    sb_printf(&sb, "CREATE TYPE %s AS RANGE (SUBTYPE = %s", q_qual(a, v[RNG_NSP], v[RNG_NAME]), v[RNG_SUBTYPE]);
    if (v[RNG_OPCLASS])
        sb_printf(&sb, ", SUBTYPE_OPCLASS = %s", q_qual(a, v[RNG_OPCLASS_NSP], v[RNG_OPCLASS]));
    if (v[RNG_COLLATION])
        sb_printf(&sb, ", COLLATION = %s", q_qual(a, v[RNG_COLLATION_NSP], v[RNG_COLLATION]));
    if (v[RNG_DIFF])
        sb_printf(&sb, ", SUBTYPE_DIFF = %s", v[RNG_DIFF]);
    sb_printf(&sb, ", MULTIRANGE_TYPE_NAME = %s);", q_qual(a, v[RNG_MR_NSP], v[RNG_MR_NAME]));
    return sb_take(&sb, a);
}

const char *defkinds_cast_sql(Arena *a, const char *const *v)
{
    const char *method = *v[CAST_METHOD] == 'f' ? arena_printf(a, "WITH FUNCTION %s", v[CAST_FUNC])
                         : *v[CAST_METHOD] == 'i' ? "WITH INOUT"
                                                  : "WITHOUT FUNCTION";
    const char *ctx = *v[CAST_CONTEXT] == 'a' ? " AS ASSIGNMENT" : *v[CAST_CONTEXT] == 'i' ? " AS IMPLICIT" : "";
    return arena_printf(a, "CREATE CAST (%s AS %s) %s%s;", v[CAST_SOURCE], v[CAST_TARGET], method, ctx);
}

/* ---- typed tables ------------------------------------------------------------------ */

static ColumnDef *option_of(List *elts, const char *name)
{
    ListCell *lc;
    foreach (lc, elts) {
        Node *n = lfirst(lc);
        if (IsA(n, ColumnDef) && !strcmp(((ColumnDef *)n)->colname, name))
            return (ColumnDef *)n;
    }
    return NULL;
}

bool defkinds_typed_table(DdlReader *r, CreateStmt *cs, const char **of_schema, const char **of_type)
{
    TypeRef t = norm_type(&r->nc, (Node *)cs->ofTypename);
    Obj *ty = t.schema ? model_lookup(r->m, OBJ_COMPOSITE, t.schema, NULL, t.name) : NULL;
    int at = cs->ofTypename->location >= 0 ? cs->ofTypename->location : cs->relation->location;
    if (!ty) {
        ddl_error(r, at, "type %s is not a composite type the schema creates", t.sql);
        return false;
    }
    List *attrs = ((CompositeTypeStmt *)((Definition *)ty)->raw)->coldeflist;
    ListCell *lc;
    foreach (lc, cs->tableElts) {
        ColumnDef *o = lfirst(lc);
        if (IsA(o, ColumnDef) && !option_of(attrs, o->colname)) {
            ddl_error(r, o->location >= 0 ? o->location : at, "column \"%s\" does not exist", o->colname);
            return false;
        }
    }
    List *elts = NIL;
    foreach (lc, attrs) {
        ColumnDef *a = lfirst(lc), *o = option_of(cs->tableElts, a->colname);
        ColumnDef *c = makeNode(ColumnDef);
        c->colname = a->colname;
        c->typeName = copyObjectImpl(a->typeName);
        c->collClause = copyObjectImpl(a->collClause);
        c->is_local = true;
        c->location = cs->relation->location;
        if (o) {
            c->constraints = o->constraints;
            c->raw_default = o->raw_default;
            c->is_not_null = o->is_not_null;
            if (o->collClause)
                c->collClause = o->collClause;
            c->location = o->location;
        }
        elts = lappend(elts, c);
    }
    foreach (lc, cs->tableElts)
        if (!IsA(lfirst(lc), ColumnDef))
            elts = lappend(elts, lfirst(lc));
    cs->tableElts = elts;
    cs->ofTypename = NULL;
    *of_schema = t.schema;
    *of_type = t.name;
    return true;
}
