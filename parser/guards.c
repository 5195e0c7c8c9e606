/*
 * guards.c — the run-time guards schemadiff's own migration.sql writes,
 * decided against the model the file reader is building.
 *
 * emit/ makes every statement idempotent.  Where PostgreSQL has no
 * IF [NOT] EXISTS it wraps the statement in a DO block whose IF asks the
 * catalog (grep emit/ for "FROM pg_catalog" and "FOR r IN" to list them):
 * `conrelid = pg_catalog.to_regclass('s.t') AND conname = 'c'`, an index
 * left invalid by a failed CONCURRENTLY build (`NOT i.indisvalid`), a
 * column's `attrelid = 's.t'::regclass AND attname = 'c' AND NOT
 * attisdropped`, a sequence that is an identity's (`pg_depend ... deptype
 * = 'i'`), an owner that is not the grantee (`pg_get_userbyid(...) <>
 * 'role'`) and so on.  parser/doblock.c's IF evaluation asks here first
 * (guards_cond): a condition of one of these shapes is answered from the
 * model, anything else is left to doblock.c's own lookups by name.
 *
 * Names in the literals are parsed, never cut at a dot: `'"My.Schema".t'`
 * goes through libpg_query as `SELECT * FROM "My.Schema".t` (a relation)
 * or `SELECT NULL::"My.Schema".t` (a type).  A model built from files never
 * holds an invalid index, so that guard is always false.
 *
 * Three of emit's blocks loop or keep a sequence position in variables:
 * an identity giving up its sequence's name (emit/seqpos.c
 * seqpos_identity_to_serial), a serial column becoming an identity
 * (seqpos_serial_to_identity) and an enum rebuilt with fewer or reordered
 * labels (emit/sql.c enum_rebuild).  guards_block recognises them and
 * returns the straight-line body they amount to for this model (the loop's
 * rows computed from the model, the sequence position — data, not schema
 * — left out), which doblock.c then walks like any other block.
 */
#include "pg.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

/* ---- names in literals --------------------------------------------------- */

static List *raw_parse(const char *sql)
{
    PgQueryInternalParsetreeAndError res = pg_query_raw_parse(sql);
    free(res.stderr_buffer);
    if (res.error) {
        pg_query_free_error(res.error);
        return NIL;
    }
    return res.tree;
}

static SelectStmt *one_select(List *tree)
{
    if (list_length(tree) != 1)
        return NULL;
    Node *n = ((RawStmt *)linitial(tree))->stmt;
    return n && IsA(n, SelectStmt) ? (SelectStmt *)n : NULL;
}

/* A relation name as to_regclass() reads it: schema (default applied) and
 * name; false when `lit` is not one. */
static bool rel_name(DdlReader *r, const char *lit, const char **schema, const char **name)
{
    SelectStmt *s = one_select(raw_parse(arena_printf(r->a, "SELECT * FROM %s", lit)));
    if (!s || list_length(s->fromClause) != 1 || !IsA(linitial(s->fromClause), RangeVar))
        return false;
    RangeVar *rv = linitial(s->fromClause);
    if (rv->catalogname || rv->alias || !rv->inh)
        return false;
    *schema = rv->schemaname ? rv->schemaname : r->nc.default_schema;
    *name = rv->relname;
    return true;
}

/* A type name as to_regtype() reads it (user types only: qualified or in
 * the default schema); *array set for `t[]`. */
static bool type_name(DdlReader *r, const char *lit, const char **schema, const char **name, bool *array)
{
    SelectStmt *s = one_select(raw_parse(arena_printf(r->a, "SELECT NULL::%s", lit)));
    if (!s || list_length(s->targetList) != 1)
        return false;
    Node *v = ((ResTarget *)linitial(s->targetList))->val;
    if (!v || !IsA(v, TypeCast))
        return false;
    TypeName *t = ((TypeCast *)v)->typeName;
    if (t->typmods || list_length(t->names) < 1 || list_length(t->names) > 2)
        return false;
    *array = t->arrayBounds != NIL;
    if (list_length(t->names) == 2) {
        *schema = strVal(linitial(t->names));
        *name = strVal(lsecond(t->names));
    } else {
        *schema = r->nc.default_schema;
        *name = strVal(linitial(t->names));
    }
    return true;
}

/* ---- values and predicates ------------------------------------------------ */

typedef enum { V_OTHER, V_STR, V_REG, V_SUB } VKind;

typedef struct Val {
    VKind kind;
    const char *str;   /* V_STR, V_REG: the literal */
    const char *reg;   /* V_REG: regclass, regtype, regnamespace, regoperator, regprocedure */
    SelectStmt *sub;   /* V_SUB */
} Val;

static const char *last_name(List *names)
{
    Node *n = llast(names);
    return IsA(n, String) ? strVal(n) : "";
}

static const char *string_const(Node *n)
{
    if (n && IsA(n, A_Const) && !((A_Const *)n)->isnull && IsA(&((A_Const *)n)->val, String))
        return strVal(&((A_Const *)n)->val);
    return NULL;
}

static Val value(Node *n)
{
    Val v = {V_OTHER, NULL, NULL, NULL};
    if (!n)
        return v;
    if (IsA(n, TypeCast)) {
        TypeCast *tc = (TypeCast *)n;
        const char *s = string_const(tc->arg), *t = last_name(tc->typeName->names);
        if (s && !strncmp(t, "reg", 3)) {
            v.kind = V_REG, v.str = s, v.reg = t;
            return v;
        }
        if (s && !strcmp(t, "text")) {
            v.kind = V_STR, v.str = s;
            return v;
        }
        return v;
    }
    if (IsA(n, FuncCall)) {
        FuncCall *f = (FuncCall *)n;
        const char *fn = last_name(f->funcname);
        if (list_length(f->args) == 1 && !strncmp(fn, "to_reg", 6) && string_const(linitial(f->args))) {
            v.kind = V_REG, v.str = string_const(linitial(f->args)), v.reg = fn + 3;
        }
        return v;
    }
    if (IsA(n, SubLink) && ((SubLink *)n)->subLinkType == EXPR_SUBLINK && IsA(((SubLink *)n)->subselect, SelectStmt)) {
        v.kind = V_SUB, v.sub = (SelectStmt *)((SubLink *)n)->subselect;
        return v;
    }
    const char *s = string_const(n);
    if (s)
        v.kind = V_STR, v.str = s;
    return v;
}

static const char *colref(Node *n)
{
    if (n && IsA(n, ColumnRef)) {
        Node *last = llast(((ColumnRef *)n)->fields);
        return IsA(last, String) ? strVal(last) : NULL;
    }
    return NULL;
}

#define MAX_PRED 12

/* A catalog query: the catalogs named and what the WHERE clause says. */
typedef struct CatQuery {
    const char *catalogs[4];
    int ncat;
    Arena *a;
    const char *cols[MAX_PRED];
    Val vals[MAX_PRED];
    int n;
    bool bad;
    SelectStmt *opts_of; /* FROM pg_options_to_table((SELECT <options> FROM ...)) */
} CatQuery;

static void pred(CatQuery *q, const char *col, Val v)
{
    if (q->n == MAX_PRED) {
        q->bad = true;
        return;
    }
    q->cols[q->n] = col;
    q->vals[q->n++] = v;
}

static Val flag(bool on)
{
    Val v = {V_STR, on ? "t" : "f", NULL, NULL};
    return v;
}

static void where(CatQuery *q, Node *n)
{
    Arena *a = q->a;
    if (!n)
        return;
    if (IsA(n, BoolExpr)) {
        BoolExpr *b = (BoolExpr *)n;
        if (b->boolop == AND_EXPR) {
            ListCell *lc;
            foreach (lc, b->args)
                where(q, lfirst(lc));
            return;
        }
        if (b->boolop == NOT_EXPR && colref(linitial(b->args))) {
            pred(q, colref(linitial(b->args)), flag(false));
            return;
        }
        q->bad = true;
        return;
    }
    if (colref(n)) {
        pred(q, colref(n), flag(true));
        return;
    }
    if (IsA(n, A_Expr)) {
        A_Expr *e = (A_Expr *)n;
        const char *op = e->kind == AEXPR_OP && list_length(e->name) == 1 ? strVal(linitial(e->name)) : "";
        const char *l = colref(e->lexpr), *rc = colref(e->rexpr);
        if (!strcmp(op, "=") && l && rc)
            return; /* a join condition */
        if (!strcmp(op, "=") && l) {
            pred(q, l, value(e->rexpr));
            return;
        }
        if (!strcmp(op, "=") && e->lexpr && IsA(e->lexpr, FuncCall) &&
            !strcmp(last_name(((FuncCall *)e->lexpr)->funcname), "format_type")) {
            pred(q, "format_type", value(e->rexpr));
            return;
        }
        if (!strcmp(op, "<>") && l && e->rexpr && IsA(e->rexpr, A_Const)) {
            pred(q, l, flag(true)); /* oprcode <> 0: not a shell */
            return;
        }
        if (e->kind == AEXPR_IN && l && IsA(e->rexpr, List)) {
            /* relkind IN ('r', 'p'), relreplident IN ('f', 'n'): kept as a
             * list of the letters */
            StrBuf sb;
            sb_init(&sb);
            ListCell *lc;
            foreach (lc, (List *)e->rexpr) {
                const char *s = string_const(lfirst(lc));
                if (!s) {
                    q->bad = true;
                    sb_free(&sb);
                    return;
                }
                sb_puts(&sb, s);
            }
            Val v = {V_STR, NULL, "in", NULL};
            v.str = sb_take(&sb, a);
            pred(q, l, v);
            return;
        }
    }
    q->bad = true;
}

static void from(CatQuery *q, Node *n)
{
    if (IsA(n, RangeVar)) {
        RangeVar *rv = (RangeVar *)n;
        if ((rv->schemaname && strcmp(rv->schemaname, "pg_catalog")) || q->ncat == 4) {
            q->bad = true;
            return;
        }
        q->catalogs[q->ncat++] = rv->relname;
        return;
    }
    if (IsA(n, RangeFunction) && list_length(((RangeFunction *)n)->functions) == 1 && q->ncat < 4) {
        /* pg_options_to_table(<an option array's sub-select>) */
        List *pair = linitial(((RangeFunction *)n)->functions);
        FuncCall *f = pair && IsA(linitial(pair), FuncCall) ? linitial(pair) : NULL;
        Val v = {V_OTHER, NULL, NULL, NULL};
        if (f && list_length(f->args) == 1)
            v = value(linitial(f->args));
        if (f && !strcmp(last_name(f->funcname), "pg_options_to_table") && v.kind == V_SUB) {
            q->opts_of = v.sub;
            q->catalogs[q->ncat++] = "pg_options_to_table";
            return;
        }
    }
    if (IsA(n, JoinExpr)) {
        JoinExpr *j = (JoinExpr *)n;
        from(q, j->larg);
        from(q, j->rarg);
        where(q, j->quals);
        return;
    }
    q->bad = true;
}

static bool read_query(Arena *a, SelectStmt *s, CatQuery *q)
{
    memset(q, 0, sizeof *q);
    q->a = a;
    if (!s || s->op != SETOP_NONE || s->groupClause || s->havingClause || s->withClause || !s->fromClause)
        return false;
    ListCell *lc;
    foreach (lc, s->fromClause)
        from(q, lfirst(lc));
    where(q, s->whereClause);
    return !q->bad && q->ncat > 0;
}

static const Val *get(const CatQuery *q, const char *col)
{
    for (int i = 0; i < q->n; i++)
        if (!strcmp(q->cols[i], col))
            return &q->vals[i];
    return NULL;
}

static const char *get_str(const CatQuery *q, const char *col)
{
    const Val *v = get(q, col);
    return v && v->kind == V_STR ? v->str : NULL;
}

static bool has_catalog(const CatQuery *q, const char *c)
{
    for (int i = 0; i < q->ncat; i++)
        if (!strcmp(q->catalogs[i], c))
            return true;
    return false;
}

/* Every predicate's column is one of `known` (NULL-terminated). */
static bool only(const CatQuery *q, const char *const *known)
{
    for (int i = 0; i < q->n; i++) {
        bool ok = false;
        for (const char *const *k = known; *k && !ok; k++)
            ok = !strcmp(q->cols[i], *k);
        if (!ok)
            return false;
    }
    return true;
}

/* ---- the model's answers ------------------------------------------------- */

/* A relation of any kind pg_class holds: relkind, 0 when there is none. */
static char relkind_of(DdlReader *r, const char *schema, const char *name)
{
    const char *k = arena_printf(r->a, "%s.%s", schema, name);
    Obj *o = map_get(&r->m->relnames, k);
    if (o) {
        switch (o->kind) {
        case OBJ_TABLE:
            return ((Table *)o)->partspec ? 'p' : 'r';
        case OBJ_VIEW:
            return ((Definition *)o)->materialized ? 'm' : 'v';
        case OBJ_SEQUENCE:
            return 'S';
        case OBJ_INDEX: {
            Table *t = model_table(r->m, o->schema, o->table);
            return t && t->partspec ? 'I' : 'i';
        }
        default:
            break;
        }
    }
    Obj *c = map_get(&r->m->connames, k);
    if (c && c->kind == OBJ_CONSTRAINT) {
        ConKind t = ((TableConstraint *)c)->contype;
        if (t == CON_PRIMARY || t == CON_UNIQUE || t == CON_EXCLUSION)
            return 'i';
    }
    if (model_lookup(r->m, OBJ_COMPOSITE, schema, NULL, name))
        return 'c';
    return 0;
}

/* The relation a V_REG regclass value names: schema, name; false when the
 * value is not one. */
static bool reg_rel(DdlReader *r, const Val *v, const char **schema, const char **name)
{
    return v && v->kind == V_REG && !strcmp(v->reg, "regclass") && rel_name(r, v->str, schema, name);
}

static bool reg_type(DdlReader *r, const Val *v, const char **schema, const char **name, bool *array)
{
    return v && v->kind == V_REG && !strcmp(v->reg, "regtype") && type_name(r, v->str, schema, name, array);
}

/* The sequence PostgreSQL makes for an identity column (when its options
 * do not name one): table_column_seq, cut to fit as for any derived name. */
static const char *identity_seq(Arena *a, const Column *c)
{
    return norm_object_name(a, c->obj.table, c->obj.name, "seq");
}

/* Whether a column of a table in the model is an identity whose sequence
 * is schema.name. */
static bool identity_uses(DdlReader *r, const char *schema, const char *name)
{
    for (int i = 0; i < r->m->objs.n; i++) {
        const Obj *o = r->m->objs.items[i];
        if (!o)
            continue;
        if (o->kind != OBJ_COLUMN || strcmp(o->schema, schema) || !((const Column *)o)->identity)
            continue;
        if (!strcmp(identity_seq(r->a, (const Column *)o), name))
            return true;
    }
    return false;
}

/* Whether a column default draws from sequence schema.name (nextval). */
static bool default_uses(DdlReader *r, const char *schema, const char *name)
{
    const char *want = arena_printf(r->a, "%s.%s", schema, name);
    for (int i = 0; i < r->m->objs.n; i++) {
        const Obj *o = r->m->objs.items[i];
        if (!o)
            continue;
        if (o->kind != OBJ_COLUMN || !((const Column *)o)->def)
            continue;
        NormCtx nc = {r->a, o->schema, NULL, false};
        const char *t = norm_nextval_target(&nc, ((const Column *)o)->def->raw);
        if (t && (!strcmp(t, want) || !strcmp(t, arena_printf(r->a, "%s.%s", q_ident(r->a, schema),
                                                                  q_ident(r->a, name)))))
            return true;
    }
    return false;
}

static const char *const no_cols[] = {NULL};

/* Whether q reads a foreign-data wrapper or server by name
 * (pg_foreign_data_wrapper.fdwname, pg_foreign_server.srvname); *o is then
 * the model's, or NULL. */
static bool foreign_named(DdlReader *r, const CatQuery *q, const Obj **o)
{
    const char *c = q->catalogs[0];
    bool fdw = !strcmp(c, "pg_foreign_data_wrapper"), srv = !strcmp(c, "pg_foreign_server");
    const char *name = fdw ? get_str(q, "fdwname") : srv ? get_str(q, "srvname") : NULL;
    if (!name)
        return false;
    *o = model_lookup(r->m, fdw ? OBJ_FDW : OBJ_SERVER, NULL, NULL, name);
    return true;
}

/* The OPTIONS of what `sub` selects (emit/foreign.c's option arrays: a
 * wrapper, a server, a user mapping, a foreign table, a foreign table's
 * column) hold `name`: 1, 0 (also when the object does not exist: the
 * sub-select is NULL, pg_options_to_table gives no row), -1 when the
 * query is not one of those. */
static int has_option(DdlReader *r, SelectStmt *sub, const char *name)
{
    CatQuery q;
    if (!read_query(r->a, sub, &q) || q.ncat != 1)
        return -1;
    const char *c = q.catalogs[0], *schema = NULL, *rel = NULL;
    const PtrVec *opts = NULL;
    const Obj *d = NULL;
    if (q.n == 1 && foreign_named(r, &q, &d)) {
        /* d: the wrapper or server, or none */
    } else if (!strcmp(c, "pg_user_mappings") && q.n == 2 && get_str(&q, "srvname") && get(&q, "usename")) {
        /* usename = 'role', 'public' or CURRENT_USER (not a literal) */
        const char *role = get_str(&q, "usename");
        role = !role ? "CURRENT_USER" : !strcmp(role, "public") ? "PUBLIC" : role;
        d = model_lookup(r->m, OBJ_USER_MAPPING, NULL, NULL, arena_printf(r->a, "%s on %s", role, get_str(&q, "srvname")));
    } else if (!strcmp(c, "pg_foreign_table") && q.n == 1 && reg_rel(r, get(&q, "ftrelid"), &schema, &rel)) {
        Table *t = (Table *)model_lookup(r->m, OBJ_TABLE, schema, NULL, rel);
        opts = t ? &t->fdw_options : NULL;
    } else if (!strcmp(c, "pg_attribute") && q.n == 2 && get_str(&q, "attname") &&
               reg_rel(r, get(&q, "attrelid"), &schema, &rel)) {
        Column *col = (Column *)model_lookup(r->m, OBJ_COLUMN, schema, rel, get_str(&q, "attname"));
        opts = col ? &col->fdw_options : NULL;
    } else
        return -1;
    if (d)
        opts = &((const Definition *)d)->fdw_options;
    for (int i = 0; opts && i < opts->n; i += 2)
        if (!strcmp(opts->items[i], name))
            return 1;
    return 0;
}

/* EXISTS (SELECT ... FROM pg_catalog.<catalog> ...): 1, 0, or -1 when the
 * shape is not one emit/ writes. */
static int exists(DdlReader *r, SelectStmt *sub)
{
    CatQuery q;
    if (!read_query(r->a, sub, &q))
        return -1;
    const char *c = q.catalogs[0];
    const char *schema = NULL, *name = NULL;
    bool array = false;
    (void)no_cols;
    if (!strcmp(c, "pg_constraint")) {
        static const char *const k[] = {"conrelid", "conname", "contypid", "conindid", NULL};
        if (!only(&q, k) || q.ncat != 1)
            return -1;
        const char *con = get_str(&q, "conname");
        if (reg_rel(r, get(&q, "conrelid"), &schema, &name) && con)
            return model_lookup(r->m, OBJ_CONSTRAINT, schema, name, con) != NULL;
        if (reg_rel(r, get(&q, "conindid"), &schema, &name) && !con) {
            Obj *o = map_get(&r->m->connames, arena_printf(r->a, "%s.%s", schema, name));
            return o && o->kind == OBJ_CONSTRAINT;
        }
        if (reg_type(r, get(&q, "contypid"), &schema, &name, &array) && con && !array) {
            Definition *d = (Definition *)model_lookup(r->m, OBJ_DOMAIN, schema, NULL, name);
            if (!d)
                return 0;
            ListCell *lc;
            foreach (lc, ((CreateDomainStmt *)d->raw)->constraints) {
                Constraint *k2 = lfirst(lc);
                if (k2->conname && !strcmp(k2->conname, con))
                    return 1;
            }
            return 0;
        }
        return -1;
    }
    if (!strcmp(c, "pg_index")) {
        /* from files no index is ever invalid */
        const Val *valid = get(&q, "indisvalid");
        if (valid && valid->kind == V_STR && !strcmp(valid->str, "f"))
            return 0;
        if (!reg_rel(r, get(&q, "indexrelid"), &schema, &name) || q.ncat != 1)
            return -1;
        if (get(&q, "indisclustered") && q.n == 2) {
            Obj *o = map_get(&r->m->relnames, arena_printf(r->a, "%s.%s", schema, name));
            return o && o->kind == OBJ_INDEX && ((TableIndex *)o)->clustered;
        }
        if (get(&q, "indisreplident") && q.n == 2) {
            Obj *o = map_get(&r->m->relnames, arena_printf(r->a, "%s.%s", schema, name));
            if (o && o->kind == OBJ_INDEX)
                return ((TableIndex *)o)->replica_identity;
            o = map_get(&r->m->connames, arena_printf(r->a, "%s.%s", schema, name));
            return o && o->kind == OBJ_CONSTRAINT && ((TableConstraint *)o)->replica_identity;
        }
        if (valid && q.n == 2) {
            /* `indexrelid = to_regclass('x') AND indisvalid` (the gap-free
             * index swap, diff/idxswap.c): from files, an index that exists
             * is valid; a PRIMARY KEY / UNIQUE constraint's index too */
            Obj *o = map_get(&r->m->relnames, arena_printf(r->a, "%s.%s", schema, name));
            if (o && o->kind == OBJ_INDEX)
                return 1;
            o = map_get(&r->m->connames, arena_printf(r->a, "%s.%s", schema, name));
            return o && o->kind == OBJ_CONSTRAINT;
        }
        return -1;
    }
    if (!strcmp(c, "pg_class") && q.ncat == 1) {
        static const char *const k[] = {"oid", "relkind", "relreplident", NULL};
        if (!only(&q, k) || !reg_rel(r, get(&q, "oid"), &schema, &name))
            return -1;
        char kind = relkind_of(r, schema, name);
        const char *want = get_str(&q, "relkind");
        const char *ri = get_str(&q, "relreplident");
        if (!kind || (want && !strchr(want, kind)))
            return 0;
        if (ri) {
            Table *t = model_table(r->m, schema, name);
            return t && t->replident && strchr(ri, t->replident);
        }
        return 1;
    }
    if (!strcmp(c, "pg_attribute") && q.ncat == 1) {
        static const char *const k[] = {"attrelid", "attname", "attisdropped", "attidentity", NULL};
        bool identity = get(&q, "attidentity") != NULL; /* attidentity <> '' */
        const char *att = get_str(&q, "attname");
        const Val *rel = get(&q, "attrelid");
        if (!only(&q, k) || !att || !rel)
            return -1;
        if (reg_rel(r, rel, &schema, &name)) {
            Obj *o = ddl_relation(r, schema, name);
            if (o && o->kind == OBJ_TABLE) {
                Column *col = table_column((Table *)o, att);
                return col && (!identity || col->identity);
            }
            if (identity)
                return 0;
            if (o && o->kind == OBJ_VIEW) {
                Definition *d = (Definition *)o;
                for (int i = 0; i < d->columns.n; i++)
                    if (!strcmp(d->columns.items[i], att))
                        return 1;
            }
            return 0;
        }
        if (rel->kind == V_SUB) {
            /* (SELECT typrelid FROM pg_type WHERE oid = 'x'::regtype): a
             * composite type's attribute */
            CatQuery tq;
            if (!read_query(r->a, rel->sub, &tq) || strcmp(tq.catalogs[0], "pg_type") || tq.n != 1 ||
                !reg_type(r, get(&tq, "oid"), &schema, &name, &array) || array)
                return -1;
            Definition *d = (Definition *)model_lookup(r->m, OBJ_COMPOSITE, schema, NULL, name);
            if (!d)
                return 0;
            ListCell *lc;
            foreach (lc, ((CompositeTypeStmt *)d->raw)->coldeflist)
                if (!strcmp(((ColumnDef *)lfirst(lc))->colname, att))
                    return 1;
            return 0;
        }
        return -1;
    }
    if (!strcmp(c, "pg_depend") && q.ncat == 1) {
        const char *dep = get_str(&q, "deptype");
        if (dep && !strcmp(dep, "i") && reg_rel(r, get(&q, "objid"), &schema, &name))
            return identity_uses(r, schema, name);
        if (dep && !strcmp(dep, "n") && reg_rel(r, get(&q, "refobjid"), &schema, &name))
            return default_uses(r, schema, name);
        return -1;
    }
    if (!strcmp(c, "pg_inherits") && q.ncat == 1) {
        const char *ps, *pn;
        if (!reg_rel(r, get(&q, "inhrelid"), &schema, &name) || !reg_rel(r, get(&q, "inhparent"), &ps, &pn))
            return -1;
        Table *t = model_table(r->m, schema, name);
        return t && table_is_child_of(t, ps, pn); /* INHERITS or PARTITION OF */
    }
    if (!strcmp(c, "pg_type") && q.ncat == 1) {
        const char *base = get_str(&q, "format_type");
        if (!base || !reg_type(r, get(&q, "oid"), &schema, &name, &array) || array || q.n != 2)
            return -1;
        Definition *d = (Definition *)model_lookup(r->m, OBJ_DOMAIN, schema, NULL, name);
        if (!d)
            return 0;
        NormCtx nc = {r->a, d->search_schema ? d->search_schema : schema, NULL, false};
        TypeRef t = norm_type(&nc, (Node *)((CreateDomainStmt *)d->raw)->typeName);
        return t.sql && !strcmp(t.sql, base);
    }
    if (!strcmp(c, "pg_cast") && q.ncat == 1 && q.n == 2) {
        /* the canonical type texts emit/ prints are the model's */
        const Val *src = get(&q, "castsource"), *tgt = get(&q, "casttarget");
        if (!src || !tgt || src->kind != V_REG || tgt->kind != V_REG)
            return -1;
        for (int i = 0; i < r->m->objs.n; i++) {
            const Definition *d = r->m->objs.items[i];
            if (d && d->obj.kind == OBJ_CAST && d->cast_source && d->cast_target &&
                !strcmp(d->cast_source, src->str) && !strcmp(d->cast_target, tgt->str))
                return 1;
        }
        return 0;
    }
    if (!strcmp(c, "pg_operator") && q.ncat == 1) {
        /* oid = to_regoperator('s.op(left, right)') [AND oprcode <> 0]:
         * the model holds no shells, only operators made by CREATE */
        const Val *v = get(&q, "oid");
        if (!v || v->kind != V_REG || strcmp(v->reg, "regoperator") || q.n > 2 || (q.n == 2 && !get(&q, "oprcode")))
            return -1;
        for (int i = 0; i < r->m->objs.n; i++) {
            const Definition *d = r->m->objs.items[i];
            if (!d || d->obj.kind != OBJ_OPERATOR || !d->signature)
                continue;
            if (!strcmp(arena_printf(r->a, "%s.%s%s", q_ident(r->a, d->obj.schema), d->obj.name, d->signature), v->str) ||
                !strcmp(arena_printf(r->a, "%s.%s%s", d->obj.schema, d->obj.name, d->signature), v->str))
                return 1;
        }
        return 0;
    }
    if ((!strcmp(c, "pg_opfamily") || !strcmp(c, "pg_opclass")) && has_catalog(&q, "pg_am") && q.ncat == 2) {
        bool fam = !strcmp(c, "pg_opfamily");
        const char *n = get_str(&q, fam ? "opfname" : "opcname"), *am = get_str(&q, "amname");
        const Val *ns = get(&q, fam ? "opfnamespace" : "opcnamespace");
        const char *dummy;
        if (!n || !am || !ns || ns->kind != V_REG || strcmp(ns->reg, "regnamespace") || q.n != 3 ||
            !rel_name(r, ns->str, &dummy, &schema))
            return -1;
        return model_lookup(r->m, fam ? OBJ_OPFAMILY : OBJ_OPCLASS, schema, NULL,
                            arena_printf(r->a, "%s USING %s", n, am)) != NULL;
    }
    if (!strcmp(c, "pg_event_trigger") && q.ncat == 1 && q.n == 1 && get_str(&q, "evtname"))
        return model_lookup(r->m, OBJ_EVENT_TRIGGER, NULL, NULL, get_str(&q, "evtname")) != NULL;
    if (!strcmp(c, "pg_publication") && q.ncat == 1 && q.n == 1 && get_str(&q, "pubname"))
        return model_lookup(r->m, OBJ_PUBLICATION, NULL, NULL, get_str(&q, "pubname")) != NULL;
    if ((!strcmp(c, "pg_trigger") || !strcmp(c, "pg_policy")) && q.ncat == 1 && q.n == 2) {
        bool trig = !strcmp(c, "pg_trigger");
        const char *n = get_str(&q, trig ? "tgname" : "polname");
        if (!n || !reg_rel(r, get(&q, trig ? "tgrelid" : "polrelid"), &schema, &name))
            return -1;
        return model_lookup(r->m, trig ? OBJ_TRIGGER : OBJ_POLICY, schema, name, n) != NULL;
    }
    const Obj *named = NULL;
    if (q.ncat == 1 && q.n == 1 && foreign_named(r, &q, &named))
        return named != NULL;
    if (!strcmp(c, "pg_options_to_table") && q.ncat == 1 && q.n == 1 && get_str(&q, "option_name"))
        return has_option(r, q.opts_of, get_str(&q, "option_name"));
    if (!strncmp(c, "pg_ts_", 6) && has_catalog(&q, "pg_namespace") && q.ncat == 2) {
        static const struct {
            const char *cat, *col;
            ObjKind kind;
        } ts[] = {{"pg_ts_config", "cfgname", OBJ_TS_CONFIG},
                  {"pg_ts_dict", "dictname", OBJ_TS_DICT},
                  {"pg_ts_parser", "prsname", OBJ_TS_PARSER},
                  {"pg_ts_template", "tmplname", OBJ_TS_TEMPLATE}};
        for (size_t i = 0; i < sizeof ts / sizeof *ts; i++)
            if (!strcmp(c, ts[i].cat) && get_str(&q, ts[i].col) && get_str(&q, "nspname") && q.n == 2)
                return model_lookup(r->m, ts[i].kind, get_str(&q, "nspname"), NULL, get_str(&q, ts[i].col)) != NULL;
        return -1;
    }
    return -1;
}

/* pg_get_userbyid((SELECT <owner> FROM ...)) <> 'role': the object's owner
 * is not `role`.  An owner the model does not state is not that role (the
 * files granted to it, so the grant stands). */
static int owner_is_not(DdlReader *r, A_Expr *e)
{
    FuncCall *f = e->lexpr && IsA(e->lexpr, FuncCall) ? (FuncCall *)e->lexpr : NULL;
    const char *role = string_const(e->rexpr);
    if (!f || !role || strcmp(last_name(f->funcname), "pg_get_userbyid") || list_length(f->args) != 1)
        return -1;
    Val v = value(linitial(f->args));
    CatQuery q;
    if (v.kind != V_SUB || !read_query(r->a, v.sub, &q))
        return -1;
    const char *schema = NULL, *name = NULL;
    bool array;
    const Obj *o = NULL;
    const char *c = q.catalogs[0];
    if (!strcmp(c, "pg_namespace") && get_str(&q, "nspname"))
        o = model_lookup(r->m, OBJ_SCHEMA, NULL, NULL, get_str(&q, "nspname"));
    else if (!strcmp(c, "pg_class") && reg_rel(r, get(&q, "oid"), &schema, &name))
        o = map_get(&r->m->relnames, arena_printf(r->a, "%s.%s", schema, name));
    else if (!strcmp(c, "pg_type") && reg_type(r, get(&q, "oid"), &schema, &name, &array)) {
        static const ObjKind kinds[] = {OBJ_ENUM, OBJ_DOMAIN, OBJ_COMPOSITE, OBJ_RANGE};
        for (size_t i = 0; i < sizeof kinds / sizeof *kinds && !o; i++)
            o = model_lookup(r->m, kinds[i], schema, NULL, name);
    } else if (!strcmp(c, "pg_publication") && get_str(&q, "pubname"))
        o = model_lookup(r->m, OBJ_PUBLICATION, NULL, NULL, get_str(&q, "pubname"));
    else if (foreign_named(r, &q, &o)) {
        /* o: the wrapper or server, or none */
    }
    else if (!strcmp(c, "pg_ts_dict") || !strcmp(c, "pg_ts_config")) {
        bool dict = !strcmp(c, "pg_ts_dict");
        if (get_str(&q, "nspname") && get_str(&q, dict ? "dictname" : "cfgname"))
            o = model_lookup(r->m, dict ? OBJ_TS_DICT : OBJ_TS_CONFIG, get_str(&q, "nspname"), NULL,
                             get_str(&q, dict ? "dictname" : "cfgname"));
    } else if (!strcmp(c, "pg_statistic_ext") && get_str(&q, "nspname") && get_str(&q, "stxname"))
        o = model_lookup(r->m, OBJ_STATISTICS, get_str(&q, "nspname"), NULL, get_str(&q, "stxname"));
    else if (!strcmp(c, "pg_proc")) {
        const Val *p = get(&q, "oid");
        if (!p || p->kind != V_REG)
            return -1;
        /* 's.f(integer)': the function of that signature */
        for (int i = 0; i < r->m->objs.n && !o; i++) {
            const Obj *f2 = r->m->objs.items[i];
            if (!f2)
                continue;
            if ((f2->kind == OBJ_FUNCTION || f2->kind == OBJ_AGGREGATE) &&
                !strcmp(arena_printf(r->a, "%s.%s", q_ident(r->a, f2->schema), f2->name), p->str))
                o = f2;
        }
        if (!o)
            return 1;
    } else
        return -1;
    if (!o || !o->owner)
        return 1;
    return strcmp(o->owner, role) != 0;
}

/* (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM
 * pg_enum e WHERE e.enumtypid = 'x'::regtype) IS DISTINCT FROM
 * ARRAY['a', ...]::text[]: the enum's labels are not these. */
static int labels_differ(DdlReader *r, A_Expr *e)
{
    Val v = value(e->lexpr);
    CatQuery q;
    if (v.kind != V_SUB || !read_query(r->a, v.sub, &q) || strcmp(q.catalogs[0], "pg_enum") || q.n != 1)
        return -1;
    const char *schema, *name;
    bool array;
    if (!reg_type(r, get(&q, "enumtypid"), &schema, &name, &array) || array)
        return -1;
    Node *arr = e->rexpr;
    while (arr && IsA(arr, TypeCast))
        arr = ((TypeCast *)arr)->arg;
    if (!arr || !IsA(arr, A_ArrayExpr))
        return -1;
    const EnumType *t = (const EnumType *)model_lookup(r->m, OBJ_ENUM, schema, NULL, name);
    if (!t)
        return -1; /* the server would fail on the regtype */
    List *els = ((A_ArrayExpr *)arr)->elements;
    if (list_length(els) != t->nlabels)
        return 1;
    int i = 0;
    ListCell *lc;
    foreach (lc, els) {
        const char *s = string_const(lfirst(lc));
        if (!s)
            return -1;
        if (strcmp(s, t->labels[i++]))
            return 1;
    }
    return 0;
}

/* (SELECT reloftype FROM pg_catalog.pg_class WHERE oid = 's.t'::regclass)
 * = 0 or <> 0: whether table s.t is a typed table (emit/ guards ALTER TABLE
 * ... OF / NOT OF with it); -1 when `e` is not that shape. */
static int reloftype_cmp(DdlReader *r, A_Expr *e)
{
    if (e->kind != AEXPR_OP || list_length(e->name) != 1 || !e->rexpr || !IsA(e->rexpr, A_Const) ||
        ((A_Const *)e->rexpr)->isnull || !IsA(&((A_Const *)e->rexpr)->val, Integer) ||
        intVal(&((A_Const *)e->rexpr)->val) != 0)
        return -1;
    const char *op = strVal(linitial(e->name));
    bool eq = !strcmp(op, "=");
    if (!eq && strcmp(op, "<>"))
        return -1;
    Val v = value(e->lexpr);
    CatQuery q;
    if (v.kind != V_SUB || !read_query(r->a, v.sub, &q) || strcmp(q.catalogs[0], "pg_class") ||
        list_length(v.sub->targetList) != 1)
        return -1;
    ResTarget *rt = linitial(v.sub->targetList);
    const char *col = colref(rt->val);
    const char *schema, *name;
    if (!col || strcmp(col, "reloftype") || !reg_rel(r, get(&q, "oid"), &schema, &name))
        return -1;
    const Table *t = model_table(r->m, schema, name);
    if (!t)
        return -1; /* the server's error: no such relation */
    bool typed = t->of_type != NULL;
    return eq ? !typed : typed;
}

int guards_cond(DdlReader *r, Node *n)
{
    if (!n)
        return -1;
    if (IsA(n, SubLink) && ((SubLink *)n)->subLinkType == EXISTS_SUBLINK &&
        IsA(((SubLink *)n)->subselect, SelectStmt))
        return exists(r, (SelectStmt *)((SubLink *)n)->subselect);
    if (IsA(n, NullTest)) {
        /* to_regclass('s.t') IS [NOT] NULL */
        NullTest *t = (NullTest *)n;
        Val v = value((Node *)t->arg);
        const char *schema, *name;
        if (!reg_rel(r, &v, &schema, &name))
            return -1;
        bool there = relkind_of(r, schema, name) != 0;
        return t->nulltesttype == IS_NOT_NULL ? there : !there;
    }
    if (IsA(n, A_Expr)) {
        A_Expr *e = (A_Expr *)n;
        if (e->kind == AEXPR_DISTINCT)
            return labels_differ(r, e);
        int typed = reloftype_cmp(r, e);
        if (typed >= 0)
            return typed;
        if (e->kind == AEXPR_OP && list_length(e->name) == 1 && !strcmp(strVal(linitial(e->name)), "<>"))
            return owner_is_not(r, e);
    }
    if (IsA(n, BoolExpr)) {
        BoolExpr *b = (BoolExpr *)n;
        int acc = b->boolop == AND_EXPR ? 1 : 0;
        ListCell *lc;
        foreach (lc, b->args) {
            int v = guards_cond(r, lfirst(lc));
            if (v < 0)
                return -1;
            if (b->boolop == NOT_EXPR)
                return !v;
            acc = b->boolop == AND_EXPR ? (acc && v) : (acc || v);
        }
        return acc;
    }
    return -1;
}

/* ---- blocks with loops and variables ------------------------------------- */

/* The SQL string literal at p ('...' with '' doubled): its value, *end
 * past it; NULL when p is not at one. */
static const char *sql_literal(Arena *a, const char *p, const char **end)
{
    if (*p != '\'')
        return NULL;
    StrBuf sb;
    sb_init(&sb);
    for (p++; *p; p++) {
        if (*p == '\'') {
            if (p[1] != '\'')
                break;
            p++;
        }
        sb_putc(&sb, *p);
    }
    if (*p != '\'') {
        sb_free(&sb);
        return NULL;
    }
    *end = p + 1;
    return sb_take(&sb, a);
}

static const char identity_loop[] =
    "FOR r IN SELECT d.refobjid::pg_catalog.regclass AS tbl, a.attname FROM pg_catalog.pg_depend d "
    "JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
    "WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = pg_catalog.to_regclass(";
static const char drop_identity[] =
    "EXECUTE pg_catalog.format('ALTER TABLE %s ALTER COLUMN %I DROP IDENTITY', r.tbl, r.attname);\n";

/* seqpos_identity_to_serial: for each identity column whose sequence has
 * the name, drop the identity, then create the sequence. */
static const char *identity_to_serial(DdlReader *r, const char *body)
{
    const char *p = strstr(body, identity_loop);
    if (!p || strncmp(body, "\nDECLARE\n    r record;\n    pos bigint;\nBEGIN\n    FOR r IN ", 48))
        return NULL;
    const char *end;
    const char *seq = sql_literal(r->a, p + strlen(identity_loop), &end);
    const char *x = strstr(body, drop_identity), *y = x ? strstr(x, "\n        IF pos BETWEEN ") : NULL;
    const char *schema, *name;
    if (!seq || !y || !rel_name(r, seq, &schema, &name))
        return NULL;
    x += strlen(drop_identity);
    const char *create = arena_strndup(r->a, x, (size_t)(y - x));
    StrBuf sb;
    sb_init(&sb);
    sb_puts(&sb, "BEGIN\n");
    for (int i = 0; i < r->m->objs.n; i++) {
        const Obj *o = r->m->objs.items[i];
        if (!o)
            continue;
        if (o->kind != OBJ_COLUMN || strcmp(o->schema, schema) || !((const Column *)o)->identity ||
            strcmp(identity_seq(r->a, (const Column *)o), name))
            continue;
        sb_printf(&sb, "ALTER TABLE %s ALTER COLUMN %s DROP IDENTITY;\n%s\n", q_qual(r->a, o->schema, o->table),
                  q_ident(r->a, o->name), create);
    }
    sb_puts(&sb, "END\n");
    return sb_take(&sb, r->a);
}

/* seqpos_serial_to_identity: the same block without the sequence position
 * (pos: data, not schema). */
static const char *serial_to_identity(DdlReader *r, const char *body)
{
    if (strncmp(body, "\nDECLARE\n    pos bigint;\nBEGIN\n    IF ", 37) ||
        !strstr(body, " INTO pos FROM pg_catalog.pg_sequences q WHERE "))
        return NULL;
    StrBuf sb;
    sb_init(&sb);
    bool skipping = false;
    for (const char *p = body; *p;) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) + 1 : strlen(p);
        const char *t = p;
        while (*t == ' ')
            t++;
        const char *into = strstr(t, " INTO pos FROM ");
        bool drop = skipping || !strncmp(t, "DECLARE\n", 8) || !strncmp(t, "pos bigint;", 11) ||
                    (!strncmp(t, "SELECT q.last_value", 19) && into && into < p + len);
        if (!strncmp(t, "IF pos BETWEEN ", 15))
            drop = skipping = true;
        else if (skipping && !strncmp(t, "END IF;", 7))
            skipping = false;
        if (!drop)
            sb_putn(&sb, p, len);
        p += len;
    }
    return sb_take(&sb, r->a);
}

/* An array literal '{a,"b c"}' of an enum array's default: whether every
 * element is one of the labels (a literal it cannot read is kept). */
static bool label_array_kept(Arena *a, const char *lit, const char *const *labels, int n)
{
    size_t len = strlen(lit);
    if (len < 2 || lit[0] != '{' || lit[len - 1] != '}')
        return true;
    const char *p = lit + 1, *end = lit + len - 1;
    while (p < end) {
        const char *q = p;
        const char *el;
        if (*p == '"') {
            q = strchr(p + 1, '"');
            if (!q || q > end || memchr(p, '\\', (size_t)(q - p)))
                return true;
            el = arena_strndup(a, p + 1, (size_t)(q - p - 1));
            q++;
        } else {
            while (q < end && *q != ',')
                q++;
            el = arena_strndup(a, p, (size_t)(q - p));
        }
        bool found = false;
        for (int j = 0; j < n && !found; j++)
            found = !strcmp(labels[j], el);
        if (!found)
            return false;
        p = q < end && *q == ',' ? q + 1 : q;
        if (p < end && p[-1] != ',' && p != lit + 1)
            return true;
    }
    return true;
}

static const char enum_prefix[] =
    "\nDECLARE\n    r record;\n    saved_path text := current_setting('search_path');\nBEGIN\n"
    "    IF (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = ";

/* emit/sql.c enum_rebuild: when the enum's labels are not the new ones,
 * the type is re-created under its name with them and its columns are
 * converted (through a renamed copy dropped at the end), keeping each
 * default whose label survives.  In the model that is the enum with the
 * new labels, and no default naming a removed label; done here, and the
 * block left with nothing to run. */
static const char *enum_rebuild(DdlReader *r, const char *body)
{
    if (strncmp(body, enum_prefix, strlen(enum_prefix)))
        return NULL;
    /* the new labels: the block's CREATE TYPE ... AS ENUM */
    const char *p = strstr(body, "\n        CREATE TYPE ");
    const char *eol = p ? strchr(p + 1, '\n') : NULL;
    if (!eol)
        return NULL;
    List *tree = raw_parse(arena_strndup(r->a, p + 1, (size_t)(eol - p - 1)));
    if (list_length(tree) != 1 || !IsA(((RawStmt *)linitial(tree))->stmt, CreateEnumStmt))
        return NULL;
    CreateEnumStmt *ce = (CreateEnumStmt *)((RawStmt *)linitial(tree))->stmt;
    const char *schema = NULL, *name = NULL;
    ddl_qualified(r, ce->typeName, &schema, &name);
    EnumType *t = (EnumType *)model_lookup(r->m, OBJ_ENUM, schema, NULL, name);
    if (!t)
        return NULL; /* the server fails on the regtype: the walker says so */
    int n = list_length(ce->vals), i = 0;
    bool same = n == t->nlabels;
    const char **labels = arena_alloc(r->a, sizeof(char *) * (size_t)(n ? n : 1));
    ListCell *lc;
    foreach (lc, ce->vals) {
        labels[i] = strVal(lfirst(lc));
        same = same && !strcmp(labels[i], t->labels[i]);
        i++;
    }
    if (!same) {
        t->labels = labels;
        t->nlabels = n;
        for (int k = 0; k < r->m->objs.n; k++) {
            Column *c = r->m->objs.items[k];
            if (!c || c->obj.kind != OBJ_COLUMN || !c->def || !c->type.schema || strcmp(c->type.schema, schema) ||
                strcmp(c->type.name, name))
                continue;
            Node *d = c->def->raw;
            while (d && IsA(d, TypeCast))
                d = ((TypeCast *)d)->arg;
            const char *label = string_const(d);
            bool kept = !label || (c->type.array_dims && label_array_kept(r->a, label, labels, n));
            for (int j = 0; j < n && !kept && !c->type.array_dims; j++)
                kept = !strcmp(labels[j], label);
            if (!kept)
                c->def = NULL; /* the block's SET DEFAULT fails and is swallowed */
        }
    }
    return "BEGIN\nEND\n";
}

const char *guards_block(DdlReader *r, const char *body)
{
    const char *plain = enum_rebuild(r, body);
    if (!plain)
        plain = identity_to_serial(r, body);
    if (!plain)
        plain = serial_to_identity(r, body);
    return plain;
}

bool guards_sequence_position(const Node *n)
{
    /* SELECT pg_catalog.setval(s.seqrelid, ...) FROM pg_catalog.pg_sequence s, ... */
    if (!n || !IsA(n, SelectStmt))
        return false;
    const SelectStmt *s = (const SelectStmt *)n;
    if (s->op != SETOP_NONE || list_length(s->targetList) != 1 || !s->fromClause || s->intoClause)
        return false;
    Node *v = ((ResTarget *)linitial(s->targetList))->val;
    Node *f = linitial(s->fromClause);
    if (!v || !IsA(v, FuncCall) || list_length(((FuncCall *)v)->funcname) != 2 ||
        strcmp(strVal(linitial(((FuncCall *)v)->funcname)), "pg_catalog") || strcmp(last_name(((FuncCall *)v)->funcname), "setval"))
        return false;
    return f && IsA(f, RangeVar) && ((RangeVar *)f)->schemaname && !strcmp(((RangeVar *)f)->schemaname, "pg_catalog") &&
           !strcmp(((RangeVar *)f)->relname, "pg_sequence");
}
