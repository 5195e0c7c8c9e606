/*
 * aggregate.c — CREATE AGGREGATE as a model object (OBJ_AGGREGATE).
 *
 * An aggregate is a row of pg_proc (prokind 'a') plus a row of
 * pg_aggregate, so its identity is a function's: schema, name and argument
 * types, in the same namespace as functions (the reader refuses a function
 * and an aggregate of one signature, as PostgreSQL does).  Its privileges
 * are function privileges (GRANT ... ON FUNCTION), its owner is changed
 * with ALTER AGGREGATE, and it is found by calls through the model's
 * function index (objects_index), so views, defaults and SQL bodies that
 * call it depend on it.
 *
 * Both syntaxes are read: CREATE AGGREGATE name (args) (options), ordered-
 * set aggregates (args ORDER BY args), and the old style (BASETYPE = t,
 * SFUNC1 ...), which becomes the new one on reading.  The definition is
 * kept as one canonical text, "(args) (OPTIONS)", built after all files:
 *
 *   - options in one fixed order (the table below), upper-case names;
 *   - support functions qualified where they resolve to a model function,
 *     pg_catalog's unqualified (the catalog's regproc output, with an empty
 *     search_path, spells them so); types through norm_type; INITCOND as a
 *     literal of its text; words (PARALLEL, FINALFUNC_MODIFY) upper case;
 *   - what PostgreSQL does by default left out (SSPACE = 0, PARALLEL =
 *     UNSAFE, FINALFUNC_MODIFY = READ_ONLY for a plain aggregate and
 *     READ_WRITE for an ordered-set one, FINALFUNC_EXTRA false), and the
 *     final function's options where there is none (pg_dump omits them).
 *
 * That text is both what two sides compare and what the emitter prints
 * after the name, so the printed statement is the compared one.  For the
 * catalog reader (parser/catalog.c, one query with the functions) the
 * statement is written from pg_aggregate's columns here
 * (aggregate_catalog_sql), every option stated, and comes back through
 * this reader like a file's.
 *
 * CREATE OR REPLACE AGGREGATE (PostgreSQL 12+) cannot change the kind
 * (plain, ordered-set, hypothetical), the number of direct arguments, the
 * argument names or the result type (the final function's, else the state
 * type): `argnames` holds those, and a change to them is a drop and
 * re-create (diff/diff.c).
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Options in canonical (and printing) order; the value kinds:
 * f function, t type, i integer, s string, w word, b boolean, o operator. */
static const struct {
    const char *name;
    char kind;
} agg_opts[] = {
    {"sfunc", 'f'},        {"stype", 't'},         {"sspace", 'i'},       {"finalfunc", 'f'},
    {"finalfunc_extra", 'b'}, {"finalfunc_modify", 'w'}, {"combinefunc", 'f'}, {"serialfunc", 'f'},
    {"deserialfunc", 'f'}, {"initcond", 's'},      {"msfunc", 'f'},       {"minvfunc", 'f'},
    {"mstype", 't'},       {"msspace", 'i'},       {"mfinalfunc", 'f'},   {"mfinalfunc_extra", 'b'},
    {"mfinalfunc_modify", 'w'}, {"minitcond", 's'}, {"sortop", 'o'},       {"parallel", 'w'},
    {"hypothetical", 'b'},
};
#define N_OPTS ((int)(sizeof agg_opts / sizeof agg_opts[0]))

/* The option's index, old spellings (sfunc1, stype1, initcond1) included;
 * -1 when unknown. */
static int opt_index(const char *name)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s", name);
    size_t n = strlen(buf);
    if (n > 1 && buf[n - 1] == '1' && (!strcasecmp(buf, "sfunc1") || !strcasecmp(buf, "stype1") ||
                                       !strcasecmp(buf, "initcond1")))
        buf[n - 1] = '\0';
    for (int i = 0; i < N_OPTS; i++)
        if (!strcasecmp(buf, agg_opts[i].name))
            return i;
    return -1;
}

static int nth_opt(const char *name)
{
    for (int i = 0; i < N_OPTS; i++)
        if (!strcmp(agg_opts[i].name, name))
            return i;
    return -1;
}

static TypeName *as_type(Node *v)
{
    if (v && IsA(v, TypeName))
        return (TypeName *)v;
    if (v && IsA(v, String))
        return makeTypeNameFromNameList(list_make1(makeString(pstrdup(strVal(v)))));
    return NULL;
}

/* The argument list: (FunctionParameter list, ndirect) of the new syntax. */
static List *agg_params(const DefineStmt *st, int *ndirect)
{
    *ndirect = -1;
    if (list_length(st->args) != 2)
        return NIL;
    Node *nd = lsecond(st->args);
    if (nd && IsA(nd, Integer))
        *ndirect = intVal(nd);
    return (List *)linitial(st->args);
}

static const char *signature_of_types(DdlReader *r, List *params)
{
    StrBuf sb;
    sb_init(&sb);
    sb_putc(&sb, '(');
    ListCell *lc;
    foreach (lc, params) {
        FunctionParameter *p = lfirst(lc);
        if (sb.len > 1)
            sb_puts(&sb, ", ");
        sb_puts(&sb, norm_type(&r->nc, (Node *)p->argType).sql);
    }
    sb_putc(&sb, ')');
    return sb_take(&sb, r->a);
}

/* The old syntax: BASETYPE = t (ANY: no arguments) becomes the argument list. */
static bool convert_old_style(DdlReader *r, DefineStmt *st, int off)
{
    List *rest = NIL;
    TypeName *base = NULL;
    bool found = false;
    ListCell *lc;
    foreach (lc, st->definition) {
        DefElem *de = lfirst(lc);
        if (!strcasecmp(de->defname, "basetype")) {
            base = as_type(de->arg);
            found = true;
        } else {
            rest = lappend(rest, de);
        }
    }
    if (!found || !base) {
        ddl_error(r, off, "aggregate input type must be specified");
        return false;
    }
    List *params = NIL;
    if (!(list_length(base->names) == 1 && !strcasecmp(strVal(linitial(base->names)), "any"))) {
        FunctionParameter *p = makeNode(FunctionParameter);
        p->argType = base;
        p->mode = FUNC_PARAM_DEFAULT;
        params = list_make1(p);
    }
    st->args = list_make2(params, makeInteger(-1));
    st->definition = rest;
    st->oldstyle = false;
    return true;
}

void aggregate_read(DdlReader *r, DefineStmt *st, int off)
{
    off = ddl_stmt_start(r, off);
    if (st->oldstyle && !convert_old_style(r, st, off))
        return;
    bool sfunc = false, stype = false;
    ListCell *lc;
    foreach (lc, st->definition) {
        DefElem *de = lfirst(lc);
        int i = opt_index(de->defname);
        if (i < 0) {
            ddl_error(r, de->location >= 0 ? de->location : off, "aggregate attribute \"%s\" not recognized",
                      de->defname);
            return;
        }
        if (!de->arg && agg_opts[i].kind != 'b') {
            /* PostgreSQL's defGet*() on an option without a value */
            ddl_error(r, de->location >= 0 ? de->location : off, "%s requires a parameter", de->defname);
            return;
        }
        sfunc = sfunc || !strcmp(agg_opts[i].name, "sfunc");
        stype = stype || !strcmp(agg_opts[i].name, "stype");
    }
    if (!stype || !sfunc) {
        ddl_error(r, off, "aggregate %s must be specified", stype ? "sfunc" : "stype");
        return;
    }
    const char *schema, *name;
    ddl_qualified(r, st->defnames, &schema, &name);
    int ndirect;
    List *params = agg_params(st, &ndirect);
    const char *sig = signature_of_types(r, params);
    const char *identity = arena_printf(r->a, "%s%s", name, sig);
    if (model_lookup(r->m, OBJ_FUNCTION, schema, NULL, identity)) {
        ddl_error(r, off, "function \"%s\" already exists with same argument types", identity);
        return;
    }
    Obj *old = model_lookup(r->m, OBJ_AGGREGATE, schema, NULL, identity);
    if (old && !st->replace) {
        ddl_error(r, off, "aggregate \"%s\" already exists", identity);
        return;
    }
    st->defnames = list_make2(makeString(pstrdup(schema)), makeString(pstrdup(name)));
    st->replace = false;
    SrcLoc l = {r->file, r->text, off};
    Obj keep = old ? *old : (Obj){0};
    if (old)
        model_remove(r->m, old);
    Definition *d = model_add(r->m, sizeof(Definition), OBJ_AGGREGATE, schema, NULL, identity, l);
    if (!d)
        return;
    if (old) { /* OR REPLACE keeps the comment, owner and privileges */
        d->obj.comment = keep.comment;
        d->obj.owner = keep.owner;
        d->obj.acl = keep.acl;
    }
    d->raw = (Node *)st;
    d->search_schema = r->nc.default_schema;
    d->enabled = 'O';
    d->obj.name = arena_strdup(r->a, name);
    d->signature = sig;
    d->identity = identity;
}

Obj *aggregate_find(DdlReader *r, const Node *node)
{
    const ObjectWithArgs *owa = (const ObjectWithArgs *)node;
    const char *schema, *name;
    ddl_qualified(r, owa->objname, &schema, &name);
    if (owa->args_unspecified) {
        Obj *found = NULL;
        for (int i = 0; i < r->m->objs.n; i++) {
            Obj *o = r->m->objs.items[i];
            if (o && o->kind == OBJ_AGGREGATE && !strcmp(o->schema, schema) && !strcmp(o->name, name)) {
                if (found)
                    return NULL; /* ambiguous without arguments */
                found = o;
            }
        }
        return found;
    }
    StrBuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%s(", name);
    bool first = true;
    ListCell *lc;
    foreach (lc, owa->objargs) {
        sb_printf(&sb, "%s%s", first ? "" : ", ", norm_type(&r->nc, lfirst(lc)).sql);
        first = false;
    }
    sb_putc(&sb, ')');
    return model_lookup(r->m, OBJ_AGGREGATE, schema, NULL, sb_take(&sb, r->a));
}

/* ---- after all files: the canonical text ------------------------------------- */

static const char *value_text(Arena *a, Node *v)
{
    if (!v)
        return "";
    switch (nodeTag(v)) {
    case T_String: return strVal(v);
    case T_Integer: return arena_printf(a, "%d", intVal(v));
    case T_Float: return castNode(Float, v)->fval;
    case T_Boolean: return boolVal(v) ? "true" : "false";
    case T_TypeName: return strVal(llast(((TypeName *)v)->names));
    default: return deparse_expr(a, v);
    }
}

static void dep_on_type(Model *m, Obj *o, TypeRef t)
{
    if (!t.schema)
        return;
    Obj *ty = objects_find_type(m, t.schema, t.name);
    if (!ty)
        ty = (Obj *)model_table(m, t.schema, t.name);
    if (ty)
        obj_add_dep(m->arena, o, ty);
}

/* A support function: qualified when the model has it (and depended on,
 * every overload of the name), pg_catalog's bare. */
static const char *func_text(Model *m, Definition *d, Node *v)
{
    List *names = v && IsA(v, TypeName) ? ((TypeName *)v)->names
                  : v && IsA(v, List)   ? (List *)v
                  : v && IsA(v, String) ? list_make1(v)
                                        : NIL;
    int n = list_length(names);
    if (!n)
        return value_text(m->arena, v);
    const char *name = strVal(llast(names));
    const char *schema = n >= 2 ? strVal(list_nth(names, n - 2)) : NULL;
    if (schema && !strcmp(schema, "pg_catalog"))
        return q_ident(m->arena, name);
    const char *look = schema ? schema : d->search_schema;
    char buf[PG_NAMEDATALEN * 2 + 2];
    snprintf(buf, sizeof buf, "%s.%s", look, name);
    const PtrVec *fs = map_get(&m->funcnames, buf);
    for (int i = 0; fs && i < fs->n; i++)
        if (fs->items[i] != d)
            obj_add_dep(m->arena, &d->obj, fs->items[i]);
    if (schema || (fs && fs->n))
        return q_qual(m->arena, look, name);
    return q_ident(m->arena, name);
}

static const char *op_text(Arena *a, Node *v)
{
    List *names = v && IsA(v, List) ? (List *)v : NIL;
    if (!names)
        return value_text(a, v);
    const char *op = strVal(llast(names));
    const char *schema = list_length(names) >= 2 ? strVal(list_nth(names, list_length(names) - 2)) : NULL;
    if (!schema || !strcmp(schema, "pg_catalog"))
        return arena_strdup(a, op);
    return arena_printf(a, "OPERATOR(%s.%s)", q_ident(a, schema), op);
}

static bool bool_value(Arena *a, Node *v)
{
    if (!v)
        return true;
    if (IsA(v, Boolean))
        return boolVal(v);
    if (IsA(v, Integer))
        return intVal(v) != 0;
    const char *s = value_text(a, v);
    return !strcasecmp(s, "true") || !strcasecmp(s, "on") || !strcasecmp(s, "t") || !strcasecmp(s, "yes") ||
           !strcmp(s, "1");
}

static const char *upper(Arena *a, const char *s)
{
    char *u = arena_strdup(a, s);
    for (char *p = u; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    return u;
}

/* "(x text)", "(p double precision ORDER BY v double precision)", "(*)". */
static const char *args_text(Model *m, Definition *d, const NormCtx *nc, List *params, int ndirect, bool *named)
{
    StrBuf sb;
    sb_init(&sb);
    sb_putc(&sb, '(');
    int nargs = list_length(params), i = 0;
    if (!nargs)
        sb_putc(&sb, '*');
    ListCell *lc;
    const char *last = NULL;
    foreach (lc, params) {
        FunctionParameter *p = lfirst(lc);
        if (i == ndirect)
            sb_puts(&sb, i ? " ORDER BY " : "ORDER BY ");
        else if (i)
            sb_puts(&sb, ", ");
        TypeRef t = norm_type(nc, (Node *)p->argType);
        dep_on_type(m, &d->obj, t);
        last = arena_printf(m->arena, "%s%s", p->mode == FUNC_PARAM_VARIADIC ? "VARIADIC " : "", t.sql);
        sb_printf(&sb, "%s%s%s%s", p->mode == FUNC_PARAM_VARIADIC ? "VARIADIC " : "",
                  p->name ? q_ident(m->arena, p->name) : "", p->name ? " " : "", t.sql);
        *named = *named || p->name;
        i++;
    }
    /* (VARIADIC "any" ORDER BY VARIADIC "any"): the grammar merged the two */
    if (ndirect == nargs && nargs && last)
        sb_printf(&sb, " ORDER BY %s", last);
    sb_putc(&sb, ')');
    return sb_take(&sb, m->arena);
}

void aggregate_finish(Model *m, Definition *d)
{
    DefineStmt *st = (DefineStmt *)d->raw;
    NormCtx nc = {m->arena, d->search_schema, NULL, true};
    int ndirect;
    List *params = agg_params(st, &ndirect);
    Node *vals[N_OPTS] = {0};
    bool set[N_OPTS] = {0};
    ListCell *lc;
    foreach (lc, st->definition) {
        DefElem *de = lfirst(lc);
        int i = opt_index(de->defname);
        if (i >= 0) {
            vals[i] = de->arg;
            set[i] = true;
        }
    }
    bool hypothetical = set[nth_opt("hypothetical")] && bool_value(m->arena, vals[nth_opt("hypothetical")]);
    char kind = ndirect < 0 ? 'n' : hypothetical ? 'h' : 'o';
    const char *modify_default = kind == 'n' ? "READ_ONLY" : "READ_WRITE";
    bool named = false;
    const char *args = args_text(m, d, &nc, params, ndirect, &named);
    StrBuf sb;
    sb_init(&sb);
    const char *result = NULL, *stype = NULL;
    /* a final function's options mean nothing without one (pg_dump omits them) */
    if (!set[nth_opt("finalfunc")])
        set[nth_opt("finalfunc_extra")] = set[nth_opt("finalfunc_modify")] = false;
    if (!set[nth_opt("mfinalfunc")])
        set[nth_opt("mfinalfunc_extra")] = set[nth_opt("mfinalfunc_modify")] = false;
    for (int i = 0; i < N_OPTS; i++) {
        if (!set[i])
            continue;
        const char *name = agg_opts[i].name, *text = NULL;
        Node *v = vals[i];
        switch (agg_opts[i].kind) {
        case 'f':
            text = func_text(m, d, v);
            if (!strcmp(name, "finalfunc"))
                result = text;
            break;
        case 't': {
            TypeName *tn = as_type(v);
            TypeRef t = tn ? norm_type(&nc, (Node *)tn) : (TypeRef){0};
            if (tn)
                dep_on_type(m, &d->obj, t);
            text = tn ? t.sql : value_text(m->arena, v);
            if (!strcmp(name, "stype"))
                stype = text;
            break;
        }
        case 'i':
            text = value_text(m->arena, v);
            if (!strcmp(text, "0"))
                text = NULL;
            break;
        case 's': text = q_literal(m->arena, value_text(m->arena, v)); break;
        case 'w':
            text = upper(m->arena, value_text(m->arena, v));
            if ((!strcmp(name, "parallel") && !strcmp(text, "UNSAFE")) ||
                (strstr(name, "modify") && !strcmp(text, modify_default)))
                text = NULL;
            break;
        case 'b':
            if (bool_value(m->arena, v)) {
                sb_printf(&sb, "%s%s", sb.len ? ", " : "", upper(m->arena, name));
            }
            continue;
        case 'o': text = op_text(m->arena, v); break;
        }
        if (text)
            sb_printf(&sb, "%s%s = %s", sb.len ? ", " : "", upper(m->arena, name), text);
    }
    d->agg_def = arena_printf(m->arena, "%s (%s)", args, sb_take(&sb, m->arena));
    d->norm = (Node *)makeString(pstrdup(d->agg_def));
    /* what CREATE OR REPLACE cannot change: kind, direct arguments, argument
     * names (compared with the whole list), result type */
    (void)named;
    d->argnames = arena_printf(m->arena, "%c|%d|%s|%s", kind, ndirect, args, result ? result : stype ? stype : "");
    d->drop_deps = d->obj.deps.n;
}

/* ---- from the catalog --------------------------------------------------------- */

static void agg_opt(StrBuf *sb, const char *name, const char *v)
{
    if (v && *v)
        sb_printf(sb, ", %s = %s", name, v);
}

static const char *agg_modify(const char *m)
{
    return !m ? NULL : *m == 'r' ? "READ_ONLY" : *m == 's' ? "SHAREABLE" : "READ_WRITE";
}


const char *aggregate_catalog_sql(Arena *a, const char *name, const char *const *v)
{
    const char *args = v[AGG_ARGS];
    StrBuf sb;
    sb_init(&sb);
    sb_printf(&sb, "CREATE AGGREGATE %s(%s) (SFUNC = %s, STYPE = %s", name, args && *args ? args : "*",
              v[AGG_SFUNC], v[AGG_STYPE]);
    if (strcmp(v[AGG_SSPACE], "0"))
        agg_opt(&sb, "SSPACE", v[AGG_SSPACE]);
    agg_opt(&sb, "FINALFUNC", v[AGG_FINALFUNC]);
    if (!strcmp(v[AGG_FINALEXTRA], "t"))
        sb_puts(&sb, ", FINALFUNC_EXTRA");
    if (v[AGG_FINALFUNC])
        agg_opt(&sb, "FINALFUNC_MODIFY", agg_modify(v[AGG_FINALMODIFY]));
    agg_opt(&sb, "COMBINEFUNC", v[AGG_COMBINEFUNC]);
    agg_opt(&sb, "SERIALFUNC", v[AGG_SERIALFUNC]);
    agg_opt(&sb, "DESERIALFUNC", v[AGG_DESERIALFUNC]);
    if (v[AGG_INITCOND])
        agg_opt(&sb, "INITCOND", q_literal(a, v[AGG_INITCOND]));
    agg_opt(&sb, "MSFUNC", v[AGG_MSFUNC]);
    agg_opt(&sb, "MINVFUNC", v[AGG_MINVFUNC]);
    agg_opt(&sb, "MSTYPE", v[AGG_MSTYPE]);
    if (strcmp(v[AGG_MSSPACE], "0"))
        agg_opt(&sb, "MSSPACE", v[AGG_MSSPACE]);
    agg_opt(&sb, "MFINALFUNC", v[AGG_MFINALFUNC]);
    if (!strcmp(v[AGG_MFINALEXTRA], "t"))
        sb_puts(&sb, ", MFINALFUNC_EXTRA");
    if (v[AGG_MFINALFUNC]) /* without the function the catalog's value means nothing */
        agg_opt(&sb, "MFINALFUNC_MODIFY", agg_modify(v[AGG_MFINALMODIFY]));
    if (v[AGG_MINITCOND])
        agg_opt(&sb, "MINITCOND", q_literal(a, v[AGG_MINITCOND]));
    if (v[AGG_SORTOP])
        agg_opt(&sb, "SORTOP", !strcmp(v[AGG_SORTOP_NSP], "pg_catalog")
                                      ? v[AGG_SORTOP]
                                      : arena_printf(a, "OPERATOR(%s.%s)", q_ident(a, v[AGG_SORTOP_NSP]),
                                                     v[AGG_SORTOP]));
    const char *par = v[AGG_PARALLEL];
    agg_opt(&sb, "PARALLEL", !strcmp(par, "s") ? "SAFE" : !strcmp(par, "r") ? "RESTRICTED" : NULL);
    if (!strcmp(v[AGG_KIND], "h"))
        sb_puts(&sb, ", HYPOTHETICAL");
    sb_puts(&sb, ");");
    return sb_take(&sb, a);
}
