/*
 * operator.c — CREATE OPERATOR as a model object (OBJ_OPERATOR).
 *
 * An operator is a row of pg_operator, identified by schema, name and its
 * two argument types (NONE for the left one of a prefix operator): the
 * model key is "name(left, right)", e.g. "===(integer, integer)" or
 * "!!(NONE, bigint)", which is also how DROP / COMMENT ON / ALTER
 * OPERATOR name it.
 *
 * The definition is kept as one canonical text "(FUNCTION = f, LEFTARG =
 * t, RIGHTARG = t, COMMUTATOR = OPERATOR(s.x), NEGATOR = ..., RESTRICT =
 * r, JOIN = j, HASHES, MERGES)", built after all files: options in that
 * order, the function and estimators qualified when they resolve to a
 * model function and bare in pg_catalog (as regproc prints them with an
 * empty search_path), types through norm_type, commutator and negator
 * always qualified (unqualified, PostgreSQL looks them up in the creation
 * schema).  That text is what two sides compare and what the emitter
 * prints after the name.  `argnames` holds it without RESTRICT and JOIN:
 * when only those differ, ALTER OPERATOR ... SET changes them in place;
 * anything else re-creates the operator (and what depends on it).
 *
 * A commutator or negator that names another operator is not a
 * dependency (a pair names each other): the first CREATE OPERATOR of a
 * pair makes a shell for the second, and the second fills the shell.  The
 * emitter's guard therefore skips an operator only when it exists and is
 * not a shell (oprcode <> 0), and the catalog reader leaves shells out.
 *
 * Expressions that use an operator depend on it (parser/objects.c,
 * objects_dep_on_calls through model->opnames: OPERATOR(s.x) and bare
 * a x b, every operator of that name in the schema it resolves to).
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

enum { O_FUNCTION, O_LEFTARG, O_RIGHTARG, O_COMMUTATOR, O_NEGATOR, O_RESTRICT, O_JOIN, O_HASHES, O_MERGES, O_N };
static const char *const op_opts[O_N] = {"function", "leftarg", "rightarg", "commutator", "negator",
                                         "restrict", "join",     "hashes",   "merges"};

static int opt_index(const char *name)
{
    if (!strcasecmp(name, "procedure"))
        return O_FUNCTION;
    for (int i = 0; i < O_N; i++)
        if (!strcasecmp(name, op_opts[i]))
            return i;
    return -1;
}

static const char *type_text(const NormCtx *nc, Node *v)
{
    if (!v)
        return "NONE";
    return norm_type(nc, v).sql;
}

/* "name(left, right)": the key, from the two argument types (NULL: NONE). */
static const char *identity_of(const NormCtx *nc, const char *name, Node *left, Node *right)
{
    return arena_printf(nc->arena, "%s(%s, %s)", name, type_text(nc, left), type_text(nc, right));
}

static Node *find_opt(List *defs, int which)
{
    ListCell *lc;
    foreach (lc, defs) {
        DefElem *de = lfirst(lc);
        if (opt_index(de->defname) == which)
            return de->arg;
    }
    return NULL;
}

void operator_read(DdlReader *r, DefineStmt *st, int off)
{
    off = ddl_stmt_start(r, off);
    bool have[O_N] = {0};
    ListCell *lc;
    foreach (lc, st->definition) {
        DefElem *de = lfirst(lc);
        int i = opt_index(de->defname);
        if (i < 0) {
            /* PostgreSQL only warns; a schema file that says something
             * the model cannot hold is an error here */
            ddl_error(r, de->location >= 0 ? de->location : off, "operator attribute \"%s\" not recognized",
                      de->defname);
            return;
        }
        if ((i == O_LEFTARG || i == O_RIGHTARG) && (!de->arg || !IsA(de->arg, TypeName))) {
            ddl_error(r, de->location >= 0 ? de->location : off, "operator %s must be a type", op_opts[i]);
            return;
        }
        have[i] = true;
    }
    if (!have[O_FUNCTION]) {
        ddl_error(r, off, "operator function must be specified");
        return;
    }
    if (!have[O_RIGHTARG]) {
        ddl_error(r, off, "operator right argument type must be specified");
        return;
    }
    const char *schema, *name;
    ddl_qualified(r, st->defnames, &schema, &name);
    const char *identity =
        identity_of(&r->nc, name, find_opt(st->definition, O_LEFTARG), find_opt(st->definition, O_RIGHTARG));
    if (model_lookup(r->m, OBJ_OPERATOR, schema, NULL, identity)) {
        ddl_error(r, off, "operator %s already exists", identity);
        return;
    }
    st->defnames = list_make2(makeString(pstrdup(schema)), makeString(pstrdup(name)));
    SrcLoc l = {r->file, r->text, off};
    Definition *d = model_add(r->m, sizeof(Definition), OBJ_OPERATOR, schema, NULL, identity, l);
    if (!d)
        return;
    d->raw = (Node *)st;
    d->search_schema = r->nc.default_schema;
    d->obj.name = arena_strdup(r->a, name);
    d->identity = identity;
    d->signature = identity + strlen(name);
}

Obj *operator_find(DdlReader *r, const Node *node)
{
    const ObjectWithArgs *owa = (const ObjectWithArgs *)node;
    if (!owa || !IsA(owa, ObjectWithArgs) || list_length(owa->objargs) != 2)
        return NULL;
    const char *schema, *name;
    ddl_qualified(r, owa->objname, &schema, &name);
    return model_lookup(r->m, OBJ_OPERATOR, schema, NULL,
                        identity_of(&r->nc, name, linitial(owa->objargs), lsecond(owa->objargs)));
}

void operator_alter(DdlReader *r, AlterOperatorStmt *st, int off)
{
    Definition *d = (Definition *)operator_find(r, (Node *)st->opername);
    if (!d) {
        const char *schema, *name;
        ddl_qualified(r, st->opername->objname, &schema, &name);
        List *args = st->opername->objargs;
        ddl_error(r, ddl_stmt_start(r, off), "operator %s does not exist",
                  list_length(args) == 2 ? identity_of(&r->nc, name, linitial(args), lsecond(args)) : name);
        return;
    }
    DefineStmt *def = (DefineStmt *)d->raw;
    ListCell *lc;
    foreach (lc, st->options) {
        DefElem *de = lfirst(lc);
        int i = opt_index(de->defname);
        if (i != O_RESTRICT && i != O_JOIN && i != O_COMMUTATOR && i != O_NEGATOR && i != O_HASHES &&
            i != O_MERGES) {
            ddl_error(r, de->location >= 0 ? de->location : ddl_stmt_start(r, off),
                      "operator attribute \"%s\" cannot be changed", de->defname);
            return;
        }
        List *rest = NIL;
        ListCell *lc2;
        foreach (lc2, def->definition) {
            DefElem *old = lfirst(lc2);
            if (opt_index(old->defname) != i)
                rest = lappend(rest, old);
        }
        /* SET (RESTRICT = NONE) takes the option away */
        if (de->arg || i == O_HASHES || i == O_MERGES)
            rest = lappend(rest, de);
        def->definition = rest;
    }
}

/* ---- after all files: the canonical text ------------------------------------- */

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
        return "";
    const char *name = strVal(llast(names));
    const char *schema = n >= 2 ? strVal(list_nth(names, n - 2)) : NULL;
    if (schema && !strcmp(schema, "pg_catalog"))
        return q_ident(m->arena, name);
    const char *look = schema ? schema : d->search_schema;
    char buf[PG_NAMEDATALEN * 2 + 2];
    snprintf(buf, sizeof buf, "%s.%s", look, name);
    const PtrVec *fs = map_get(&m->funcnames, buf);
    for (int i = 0; fs && i < fs->n; i++)
        obj_add_dep(m->arena, &d->obj, fs->items[i]);
    if (schema || (fs && fs->n))
        return q_qual(m->arena, look, name);
    return q_ident(m->arena, name);
}

/* COMMUTATOR / NEGATOR: always qualified (the creation schema when not). */
static const char *other_text(Model *m, Definition *d, Node *v)
{
    List *names = v && IsA(v, List) ? (List *)v : NIL;
    if (!names)
        return "";
    const char *op = strVal(llast(names));
    const char *schema = list_length(names) >= 2 ? strVal(list_nth(names, list_length(names) - 2)) : NULL;
    if (!schema) { /* found on the search path, else made as a shell in the creation schema */
        char buf[PG_NAMEDATALEN * 2 + 2];
        snprintf(buf, sizeof buf, "%s.%s", d->search_schema, op);
        schema = map_get(&m->opnames, buf) ? d->search_schema : "pg_catalog";
    }
    return arena_printf(m->arena, "OPERATOR(%s.%s)", q_ident(m->arena, schema), op);
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

static bool flag_value(Node *v)
{
    if (!v)
        return true;
    if (IsA(v, Boolean))
        return boolVal(v);
    if (IsA(v, Integer))
        return intVal(v) != 0;
    if (IsA(v, String)) {
        const char *s = strVal(v);
        return !strcasecmp(s, "true") || !strcasecmp(s, "on") || !strcasecmp(s, "t") || !strcasecmp(s, "yes");
    }
    return true;
}

void operator_finish(Model *m, Definition *d)
{
    DefineStmt *st = (DefineStmt *)d->raw;
    NormCtx nc = {m->arena, d->search_schema, NULL, true};
    Node *vals[O_N] = {0};
    bool set[O_N] = {0};
    ListCell *lc;
    foreach (lc, st->definition) {
        DefElem *de = lfirst(lc);
        int i = opt_index(de->defname);
        if (i >= 0) {
            vals[i] = de->arg;
            set[i] = true;
        }
    }
    StrBuf all, fixed;
    sb_init(&all);
    sb_init(&fixed);
    for (int i = 0; i < O_N; i++) {
        if (!set[i])
            continue;
        const char *text = NULL;
        switch (i) {
        case O_FUNCTION:
        case O_RESTRICT:
        case O_JOIN: text = func_text(m, d, vals[i]); break;
        case O_LEFTARG:
        case O_RIGHTARG: {
            TypeRef t = norm_type(&nc, vals[i]);
            dep_on_type(m, &d->obj, t);
            text = t.sql;
            break;
        }
        case O_COMMUTATOR:
        case O_NEGATOR: text = other_text(m, d, vals[i]); break;
        case O_HASHES:
        case O_MERGES:
            if (flag_value(vals[i])) {
                sb_printf(&all, "%s%s", all.len ? ", " : "", i == O_HASHES ? "HASHES" : "MERGES");
                sb_printf(&fixed, "%s%s", fixed.len ? ", " : "", i == O_HASHES ? "HASHES" : "MERGES");
            }
            continue;
        }
        const char *opt = i == O_FUNCTION ? "FUNCTION" : i == O_LEFTARG ? "LEFTARG" : i == O_RIGHTARG ? "RIGHTARG"
                          : i == O_COMMUTATOR ? "COMMUTATOR" : i == O_NEGATOR ? "NEGATOR" : i == O_RESTRICT ? "RESTRICT"
                                                                                                           : "JOIN";
        sb_printf(&all, "%s%s = %s", all.len ? ", " : "", opt, text);
        if (i != O_RESTRICT && i != O_JOIN)
            sb_printf(&fixed, "%s%s = %s", fixed.len ? ", " : "", opt, text);
        if (i == O_RESTRICT)
            d->op_restrict = text;
        if (i == O_JOIN)
            d->op_join = text;
    }
    d->canon = arena_printf(m->arena, "(%s)", sb_take(&all, m->arena));
    d->norm = (Node *)makeString(pstrdup(d->canon));
    d->argnames = sb_take(&fixed, m->arena);
    d->drop_deps = d->obj.deps.n;
}

void operator_index(Model *m)
{
    m->opnames = (StrMap){0};
    for (int i = 0; i < m->objs.n; i++) {
        Obj *o = m->objs.items[i];
        if (!o || o->kind != OBJ_OPERATOR)
            continue;
        const char *k = arena_printf(m->arena, "%s.%s", o->schema, o->name);
        PtrVec *v = map_get(&m->opnames, k);
        if (!v) {
            v = arena_alloc(m->arena, sizeof(PtrVec));
            map_put(m->arena, &m->opnames, k, v);
        }
        vec_push(m->arena, v, o);
    }
}

void operator_dep_on_use(Model *m, Obj *o, const List *opname, const char *default_schema)
{
    int n = list_length(opname);
    if (!n)
        return;
    const char *schema = n >= 2 ? strVal(list_nth(opname, n - 2)) : default_schema;
    char buf[PG_NAMEDATALEN * 2 + 2];
    snprintf(buf, sizeof buf, "%s.%s", schema ? schema : "", strVal(llast(opname)));
    const PtrVec *v = map_get(&m->opnames, buf);
    for (int i = 0; v && i < v->n; i++)
        if (v->items[i] != o)
            obj_add_dep(m->arena, o, v->items[i]);
}

/* ---- from the catalog --------------------------------------------------------- */

const char *operator_catalog_sql(Arena *a, const char *const *v)
{
    StrBuf sb;
    sb_init(&sb);
    sb_printf(&sb, "CREATE OPERATOR %s.%s (FUNCTION = %s", q_ident(a, v[OPR_NSP]), v[OPR_NAME], v[OPR_CODE]);
    if (v[OPR_LEFT])
        sb_printf(&sb, ", LEFTARG = %s", v[OPR_LEFT]);
    sb_printf(&sb, ", RIGHTARG = %s", v[OPR_RIGHT]);
    if (v[OPR_COM])
        sb_printf(&sb, ", COMMUTATOR = OPERATOR(%s.%s)", q_ident(a, v[OPR_COM_NSP]), v[OPR_COM]);
    if (v[OPR_NEG])
        sb_printf(&sb, ", NEGATOR = OPERATOR(%s.%s)", q_ident(a, v[OPR_NEG_NSP]), v[OPR_NEG]);
    if (v[OPR_REST])
        sb_printf(&sb, ", RESTRICT = %s", v[OPR_REST]);
    if (v[OPR_JOIN])
        sb_printf(&sb, ", JOIN = %s", v[OPR_JOIN]);
    if (!strcmp(v[OPR_HASHES], "t"))
        sb_puts(&sb, ", HASHES");
    if (!strcmp(v[OPR_MERGES], "t"))
        sb_puts(&sb, ", MERGES");
    sb_puts(&sb, ");");
    return sb_take(&sb, a);
}
