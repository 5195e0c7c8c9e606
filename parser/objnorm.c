/*
 * objnorm.c — after all files: the normalised copies of the objects of
 * parser/objects.c (views, functions, triggers, event triggers, policies,
 * domains, composite types, collations) and their dependencies
 * (objects_finish()), the index of functions by name (objects_index())
 * and the calls an expression makes (objects_dep_on_calls()).
 *
 * How a file's spelling and the server's deparsed spelling are made to
 * meet is described atop parser/objects.c, which reads the statements.
 * Moved unchanged from there.
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- after all files: normalisation ----------------------------------------- */

typedef struct Fin {
    Model *m;
    Arena *a;
    Definition *d;
    NormCtx nc;
    int depth;
} Fin;

/* Output column names of a relation: a table's columns, a view's. */
static void view_columns(Fin *f, Definition *v);

static bool relation_columns(Fin *f, Obj *rel, PtrVec *out)
{
    if (!rel)
        return false;
    if (rel->kind == OBJ_TABLE) {
        Table *t = (Table *)rel;
        for (int i = 0; i < t->columns.n; i++)
            vec_push(f->a, out, (void *)((Column *)t->columns.items[i])->obj.name);
        return true;
    }
    if (rel->kind == OBJ_VIEW) {
        view_columns(f, (Definition *)rel);
        for (int i = 0; i < ((Definition *)rel)->columns.n; i++)
            vec_push(f->a, out, ((Definition *)rel)->columns.items[i]);
        return true;
    }
    return false;
}

static bool has_name(const PtrVec *v, const char *s)
{
    for (int i = 0; i < v->n; i++)
        if (!strcmp(v->items[i], s))
            return true;
    return false;
}

/* A relation in a query's FROM: its alias and columns. */
typedef struct FromRel {
    const char *alias;
    const char *auto_alias; /* the catalog's alias it had, or NULL */
    PtrVec cols;
    bool known;
} FromRel;

static void dep_obj(Fin *f, Obj *target)
{
    obj_add_dep(f->a, &f->d->obj, target);
}

static Obj *resolve_relation(Fin *f, RangeVar *rv)
{
    const char *schema = rv->schemaname ? rv->schemaname : f->d->search_schema;
    Obj *rel = NULL;
    static const ObjKind kinds[] = {OBJ_TABLE, OBJ_VIEW, OBJ_SEQUENCE};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0] && !rel; i++)
        rel = model_lookup(f->m, kinds[i], schema, NULL, rv->relname);
    if (rel && !rv->schemaname)
        rv->schemaname = pstrdup(schema);
    return rel;
}

static void collect_from(Fin *f, Node *n, PtrVec *rels, List *ctes)
{
    if (!n)
        return;
    if (IsA(n, RangeVar)) {
        RangeVar *rv = (RangeVar *)n;
        FromRel *fr = arena_alloc(f->a, sizeof(FromRel));
        /* the catalog's "orders_1" for a relation read again */
        if (rv->alias && !rv->alias->colnames && viewnorm_auto_alias(rv->alias->aliasname, rv->relname)) {
            fr->auto_alias = rv->alias->aliasname;
            rv->alias = NULL;
        }
        fr->alias = rv->alias ? rv->alias->aliasname : rv->relname;
        bool is_cte = false;
        ListCell *lc;
        if (!rv->schemaname)
            foreach (lc, ctes)
                is_cte = is_cte || !strcmp(((CommonTableExpr *)lfirst(lc))->ctename, rv->relname);
        if (!is_cte) {
            Obj *rel = resolve_relation(f, rv);
            if (rel)
                dep_obj(f, rel);
            fr->known = relation_columns(f, rel, &fr->cols);
        }
        rv->location = -1;
        vec_push(f->a, rels, fr);
    } else if (IsA(n, JoinExpr)) {
        JoinExpr *j = (JoinExpr *)n;
        collect_from(f, j->larg, rels, ctes);
        collect_from(f, j->rarg, rels, ctes);
    } else if (IsA(n, RangeSubselect)) {
        RangeSubselect *s = (RangeSubselect *)n;
        FromRel *fr = arena_alloc(f->a, sizeof(FromRel));
        fr->alias = s->alias ? s->alias->aliasname : "";
        vec_push(f->a, rels, fr);
    } else if (IsA(n, RangeFunction)) {
        RangeFunction *rf = (RangeFunction *)n;
        FromRel *fr = arena_alloc(f->a, sizeof(FromRel));
        fr->alias = rf->alias ? rf->alias->aliasname : "";
        vec_push(f->a, rels, fr);
    }
}

static void norm_select(Fin *f, SelectStmt *s, List *ctes);

typedef struct RefCtx {
    Fin *f;
    PtrVec *rels;
    List *ctes;
} RefCtx;

/* Qualify or unqualify column references; normalise nested queries. */
static bool fix_refs(Node *n, void *arg)
{
    RefCtx *rc = arg;
    if (!n)
        return false;
    if (IsA(n, ColumnRef)) {
        ColumnRef *cr = (ColumnRef *)n;
        cr->location = -1;
        int nf = list_length(cr->fields);
        Node *last = llast(cr->fields);
        if (!IsA(last, String))
            return false;
        const char *col = strVal(last);
        /* schema.table.column: pg_get_viewdef names the relation alone */
        if (nf == 3 && IsA(linitial(cr->fields), String) && IsA(lsecond(cr->fields), String)) {
            cr->fields = list_make2(lsecond(cr->fields), last);
            nf = 2;
        }
        if (nf == 2 && IsA(linitial(cr->fields), String))
            for (int i = 0; i < rc->rels->n; i++) {
                FromRel *fr = rc->rels->items[i];
                if (fr->auto_alias && !strcmp(strVal(linitial(cr->fields)), fr->auto_alias))
                    cr->fields = list_make2(makeString(pstrdup(fr->alias)), last);
            }
        if (nf == 1 && rc->rels->n > 1) {
            for (int i = 0; i < rc->rels->n; i++) {
                FromRel *fr = rc->rels->items[i];
                if (fr->known && has_name(&fr->cols, col)) {
                    cr->fields = list_make2(makeString(pstrdup(fr->alias)), last);
                    break;
                }
            }
        } else if (nf == 2 && rc->f->d->obj.kind == OBJ_FUNCTION &&
                   !strcmp(strVal(linitial(cr->fields)), rc->f->d->obj.name)) {
            cr->fields = list_make1(last); /* f.param: a parameter by name */
        } else if (nf == 2 && rc->rels->n == 1) {
            FromRel *fr = rc->rels->items[0];
            if (!strcmp(strVal(linitial(cr->fields)), fr->alias))
                cr->fields = list_make1(last);
        }
        return false;
    }
    if (IsA(n, SelectStmt)) {
        norm_select(rc->f, (SelectStmt *)n, rc->ctes);
        return false;
    }
    return raw_expression_tree_walker(n, fix_refs, arg);
}

/* Walk expressions for function calls and type casts: dependencies. */
static bool calls_walker(Node *n, void *arg)
{
    Fin *f = arg;
    if (!n)
        return false;
    if (IsA(n, FuncCall))
        objects_dep_on_calls(f->m, &f->d->obj, n, f->d->search_schema);
    if (IsA(n, A_Expr) && ((A_Expr *)n)->name &&
        (((A_Expr *)n)->kind == AEXPR_OP || ((A_Expr *)n)->kind == AEXPR_OP_ANY || ((A_Expr *)n)->kind == AEXPR_OP_ALL))
        operator_dep_on_use(f->m, &f->d->obj, ((A_Expr *)n)->name, f->d->search_schema);
    if (IsA(n, TypeCast)) {
        TypeRef t = norm_type(&f->nc, (Node *)((TypeCast *)n)->typeName);
        Obj *ty = t.schema ? objects_find_type(f->m, t.schema, t.name) : NULL;
        if (ty)
            dep_obj(f, ty);
    }
    return raw_expression_tree_walker(n, calls_walker, arg);
}

static Node *norm_target_expr(Fin *f, Node *e, PtrVec *rels, List *ctes)
{
    RefCtx rc = {f, rels, ctes};
    fix_refs(e, &rc);
    calls_walker(e, f);
    return norm_expr(&f->nc, e);
}

static void norm_select(Fin *f, SelectStmt *s, List *ctes)
{
    if (!s)
        return;
    if (s->withClause)
        ctes = list_concat(list_copy(ctes), s->withClause->ctes);
    if (s->withClause) {
        ListCell *lc;
        foreach (lc, s->withClause->ctes) {
            CommonTableExpr *cte = lfirst(lc);
            cte->location = -1;
            if (cte->ctequery && IsA(cte->ctequery, SelectStmt))
                norm_select(f, (SelectStmt *)cte->ctequery, ctes);
        }
    }
    if (s->op != SETOP_NONE) {
        norm_select(f, s->larg, ctes);
        norm_select(f, s->rarg, ctes);
        return;
    }
    viewnorm_select(&f->nc, s);
    PtrVec rels = {0};
    ListCell *lc;
    foreach (lc, s->fromClause)
        collect_from(f, lfirst(lc), &rels, ctes);
    /* nested FROM items: subqueries and join conditions */
    RefCtx rc = {f, &rels, ctes};
    foreach (lc, s->fromClause)
        fix_refs(lfirst(lc), &rc);
    /* SELECT *: expanded to the columns known now, as PostgreSQL stores it */
    List *targets = NIL;
    foreach (lc, s->targetList) {
        ResTarget *rt = lfirst(lc);
        ColumnRef *cr = rt->val && IsA(rt->val, ColumnRef) ? (ColumnRef *)rt->val : NULL;
        if (cr && IsA(llast(cr->fields), A_Star)) {
            const char *only = list_length(cr->fields) == 2 ? strVal(linitial(cr->fields)) : NULL;
            bool expanded = true;
            for (int i = 0; i < rels.n; i++) {
                FromRel *fr = rels.items[i];
                if (only && strcmp(only, fr->alias))
                    continue;
                if (!fr->known) {
                    expanded = false;
                    break;
                }
            }
            if (expanded) {
                for (int i = 0; i < rels.n; i++) {
                    FromRel *fr = rels.items[i];
                    if (only && strcmp(only, fr->alias))
                        continue;
                    for (int k = 0; k < fr->cols.n; k++) {
                        ColumnRef *c = makeNode(ColumnRef);
                        c->fields = list_make2(makeString(pstrdup(fr->alias)), makeString(pstrdup(fr->cols.items[k])));
                        c->location = -1;
                        ResTarget *nt = makeNode(ResTarget);
                        nt->val = (Node *)c;
                        nt->location = -1;
                        targets = lappend(targets, nt);
                    }
                }
                continue;
            }
        }
        targets = lappend(targets, rt);
    }
    s->targetList = targets;
    foreach (lc, s->targetList) {
        ResTarget *rt = lfirst(lc);
        rt->location = -1;
        if (!rt->name) {
            const char *nm = norm_figure_colname(rt->val);
            rt->name = pstrdup(nm ? nm : "?column?");
        }
        rt->val = norm_target_expr(f, rt->val, &rels, ctes);
    }
    s->whereClause = norm_target_expr(f, s->whereClause, &rels, ctes);
    s->havingClause = norm_target_expr(f, s->havingClause, &rels, ctes);
    foreach (lc, s->groupClause)
        lfirst(lc) = norm_target_expr(f, lfirst(lc), &rels, ctes);
    foreach (lc, s->sortClause) {
        SortBy *sb = lfirst(lc);
        sb->node = norm_target_expr(f, sb->node, &rels, ctes);
        sb->location = -1;
    }
    /* WINDOW w AS (PARTITION BY ... ORDER BY ...): like the query's own */
    foreach (lc, s->windowClause) {
        WindowDef *w = lfirst(lc);
        w->location = -1;
        ListCell *wc;
        foreach (wc, w->partitionClause)
            lfirst(wc) = norm_target_expr(f, lfirst(wc), &rels, ctes);
        foreach (wc, w->orderClause) {
            SortBy *sb = lfirst(wc);
            sb->node = norm_target_expr(f, sb->node, &rels, ctes);
            sb->location = -1;
        }
    }
    foreach (lc, s->fromClause) {
        Node *fi = lfirst(lc);
        if (IsA(fi, JoinExpr) && ((JoinExpr *)fi)->quals)
            ((JoinExpr *)fi)->quals = norm_target_expr(f, ((JoinExpr *)fi)->quals, &rels, ctes);
    }
}

/* Column dependencies of a view: every column of a relation it reads that
 * the query names (by its last field), so that a column's drop or type
 * change is ordered and rebuilt around the view. */
static bool view_colrefs(Node *n, void *arg)
{
    Fin *f = arg;
    if (!n)
        return false;
    if (IsA(n, ColumnRef)) {
        Node *last = llast(((ColumnRef *)n)->fields);
        if (!IsA(last, String))
            return false;
        for (int i = 0; i < f->d->obj.deps.n; i++) {
            Obj *rel = f->d->obj.deps.items[i];
            if (rel->kind == OBJ_TABLE) {
                Column *c = table_column((Table *)rel, strVal(last));
                if (c)
                    obj_add_dep(f->a, &f->d->obj, &c->obj);
            }
        }
        return false;
    }
    if (IsA(n, ResTarget) && ((ResTarget *)n)->val && IsA(((ResTarget *)n)->val, ColumnRef) &&
        IsA(llast(((ColumnRef *)((ResTarget *)n)->val)->fields), A_Star)) {
        /* SELECT *: every column of the relations read */
        int nd = f->d->obj.deps.n;
        for (int i = 0; i < nd; i++) {
            Obj *rel = f->d->obj.deps.items[i];
            if (rel->kind == OBJ_TABLE)
                for (int k = 0; k < ((Table *)rel)->columns.n; k++)
                    obj_add_dep(f->a, &f->d->obj, ((Table *)rel)->columns.items[k]);
        }
        return false;
    }
    return raw_expression_tree_walker(n, view_colrefs, arg);
}

static Node *view_query(Definition *v)
{
    return v->materialized ? ((CreateTableAsStmt *)v->raw)->query : ((ViewStmt *)v->raw)->query;
}

static List *view_aliases(Definition *v)
{
    return v->materialized ? ((CreateTableAsStmt *)v->raw)->into->colNames : ((ViewStmt *)v->raw)->aliases;
}

/* WITH (security_barrier) and WITH (security_barrier = 'true') alike: one
 * DefElem holding the canonical text. */
static List *canonical_options(List *options)
{
    if (!options)
        return NIL;
    Arena a = {0};
    const char *t = norm_options_text(&a, options);
    List *l = list_make1(makeDefElem(pstrdup("options"), (Node *)makeString(pstrdup(t)), -1));
    arena_free(&a);
    return l;
}

static void view_columns(Fin *f, Definition *v)
{
    if (v->norm || v->obj.mark == 7 || f->depth > 32)
        return; /* done, or in progress (a cycle is reported by the order pass) */
    v->obj.mark = 7;
    Definition *saved = f->d;
    f->d = v;
    f->depth++;
    NormCtx saved_nc = f->nc;
    f->nc.default_schema = v->search_schema;
    Node *q = copyObjectImpl(view_query(v));
    if (IsA(q, SelectStmt))
        norm_select(f, (SelectStmt *)q, NIL);
    SelectStmt *s = IsA(q, SelectStmt) ? (SelectStmt *)q : NULL;
    while (s && s->op != SETOP_NONE)
        s = s->larg;
    v->columns.n = 0;
    ListCell *lc;
    if (s)
        foreach (lc, s->targetList)
            vec_push(f->a, &v->columns, ((ResTarget *)lfirst(lc))->name);
    /* an explicit column list renames the first columns */
    int i = 0;
    foreach (lc, view_aliases(v)) {
        if (i < v->columns.n)
            v->columns.items[i] = strVal(lfirst(lc));
        i++;
    }
    view_colrefs(view_query(v), f);
    /* a column list names the output columns: compared as target names */
    if (s) {
        int k = 0;
        ListCell *ac;
        foreach (ac, view_aliases(v)) {
            if (k < list_length(s->targetList))
                ((ResTarget *)list_nth(s->targetList, k))->name = pstrdup(strVal(lfirst(ac)));
            k++;
        }
    }
    Node *norm;
    if (v->materialized) {
        CreateTableAsStmt *c = copyObjectImpl(v->raw);
        c->query = q;
        c->into->skipData = false;
        c->into->colNames = NIL;
        c->into->options = canonical_options(c->into->options);
        norm = (Node *)c;
    } else {
        ViewStmt *vs = copyObjectImpl(v->raw);
        vs->query = q;
        vs->aliases = NIL;
        vs->options = canonical_options(vs->options);
        norm = (Node *)vs;
    }
    v->norm = norm;
    v->obj.mark = 0;
    f->nc = saved_nc;
    f->depth--;
    f->d = saved;
}

/* Qualify the relations of the printed tree (the migration runs with any
 * search_path). */
static bool qualify_raw(Node *n, void *arg)
{
    Fin *f = arg;
    if (!n)
        return false;
    if (IsA(n, RangeVar)) {
        resolve_relation(f, (RangeVar *)n);
        return false;
    }
    return raw_expression_tree_walker(n, qualify_raw, arg);
}

/* ---- functions: the canonical text -------------------------------------------- */

static bool rel_walker(Node *n, void *arg)
{
    Fin *f = arg;
    if (!n)
        return false;
    if (IsA(n, RangeVar)) {
        Obj *rel = resolve_relation(f, (RangeVar *)n);
        if (rel)
            dep_obj(f, rel);
        return false;
    }
    return raw_expression_tree_walker(n, rel_walker, arg);
}

/* Dependencies of a SQL function's statement: the relations it names, the
 * columns of them it names, the functions it calls (PostgreSQL checks a
 * SQL body when the function is created; BEGIN ATOMIC bodies are even
 * recorded in pg_depend). Only DML and expressions are walked. */
static void body_deps(Fin *f, Node *n, bool is_expr)
{
    if (!n || (!is_expr && !IsA(n, SelectStmt) && !IsA(n, InsertStmt) && !IsA(n, UpdateStmt) &&
               !IsA(n, DeleteStmt)))
        return;
    rel_walker(n, f);
    calls_walker(n, f);
    view_colrefs(n, f);
}

/* What a PL/pgSQL body names (parser/plpgsql.c): the relations it reads or
 * writes and the functions and types it uses, kept in body_names, apart
 * from the dependencies PostgreSQL enforces. */
static void plpgsql_names(Fin *f, Definition *d)
{
    PtrVec stmts = {0};
    if (objects_function_body_error(f->a, (CreateFunctionStmt *)d->raw))
        return; /* the compiler asserts there is a body (read_function refused it) */
    if (plpgsql_body_statements(f->a, deparse_stmt(f->a, d->raw), &stmts) <= 0)
        return;
    int before = d->obj.deps.n;
    for (int i = 0; i < stmts.n; i++) {
        /* DML and expressions only: raw_expression_tree_walker() raises an
         * error (fatal outside libpg_query's own error handling) on utility
         * statements such as a body's CREATE TEMPORARY TABLE */
        Node *n = stmts.items[i];
        if (!IsA(n, SelectStmt) && !IsA(n, InsertStmt) && !IsA(n, UpdateStmt) && !IsA(n, DeleteStmt))
            continue;
        rel_walker(n, f);
        calls_walker(n, f);
    }
    for (int i = before; i < d->obj.deps.n; i++)
        vec_push(f->a, &d->body_names, d->obj.deps.items[i]);
    d->obj.deps.n = before;
}

static const char *expr_text(Fin *f, Node *e)
{
    return e ? deparse_expr(f->a, norm_expr(&f->nc, e)) : "";
}

static const char *defelem_value(Fin *f, DefElem *d)
{
    Node *v = d->arg;
    if (!v)
        return "true";
    switch (nodeTag(v)) {
    case T_String: {
        char *s = arena_strdup(f->a, strVal(v));
        if (strcmp(d->defname, "as"))
            for (char *p = s; *p; p++)
                *p = (char)tolower((unsigned char)*p);
        return s;
    }
    case T_Integer: return arena_printf(f->a, "%d", intVal(v));
    case T_Float: return arena_printf(f->a, "%g", atof(castNode(Float, v)->fval));
    case T_Boolean: return boolVal(v) ? "true" : "false";
    case T_TypeName: /* a bare word: provider = icu */
        return arena_strdup(f->a, strVal(llast(((TypeName *)v)->names)));
    case T_List: {
        StrBuf sb;
        sb_init(&sb);
        ListCell *lc;
        foreach (lc, (List *)v) {
            Node *x = lfirst(lc);
            if (IsA(x, String))
                sb_printf(&sb, "%s\x1e", strVal(x));
            else if (IsA(x, TypeName))
                sb_printf(&sb, "%s\x1e", norm_type(&f->nc, x).sql);
        }
        return sb_take(&sb, f->a);
    }
    case T_VariableSetStmt: {
        VariableSetStmt *vs = (VariableSetStmt *)v;
        StrBuf sb;
        sb_init(&sb);
        sb_printf(&sb, "%s=", vs->name);
        ListCell *lc;
        foreach (lc, vs->args) {
            Node *x = lfirst(lc);
            if (IsA(x, A_Const) && IsA(&((A_Const *)x)->val, String))
                sb_printf(&sb, "%s,", strVal(&((A_Const *)x)->val));
            else
                sb_printf(&sb, "%s,", deparse_expr(f->a, x));
        }
        if (vs->kind != VAR_SET_VALUE)
            sb_printf(&sb, "kind%d", vs->kind);
        return sb_take(&sb, f->a);
    }
    default:
        return deparse_expr(f->a, v);
    }
}

static int cmp_cstr(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static void sort_strings(PtrVec *v)
{
    if (v->n > 1)
        qsort(v->items, (size_t)v->n, sizeof(void *), cmp_cstr);
}

/* The canonical text of a RETURN expression or BEGIN ATOMIC body: each
 * statement normalised like a view's query, then printed. */
static const char *sql_body_text(Fin *f, Node *body)
{
    if (IsA(body, ReturnStmt))
        return arena_printf(f->a, "RETURN %s", expr_text(f, ((ReturnStmt *)body)->returnval));
    StrBuf sb;
    sb_init(&sb);
    sb_puts(&sb, "BEGIN ATOMIC ");
    ListCell *lc;
    foreach (lc, atomic_body_stmts(body)) {
        Node *st = copyObjectImpl(lfirst(lc));
        if (IsA(st, SelectStmt))
            norm_select(f, (SelectStmt *)st, NIL);
        sb_printf(&sb, "%s; ", deparse_stmt(f->a, st));
    }
    sb_puts(&sb, "END");
    return sb_take(&sb, f->a);
}

static void norm_function(Fin *f, Definition *d)
{
    CreateFunctionStmt *st = (CreateFunctionStmt *)d->raw;
    StrBuf sb;
    sb_init(&sb);
    /* arguments: mode, name, type, default */
    int nout = 0;
    const char *single_out = NULL;
    ListCell *lc;
    foreach (lc, st->parameters) {
        FunctionParameter *p = lfirst(lc);
        TypeRef t = norm_type(&f->nc, (Node *)p->argType);
        Obj *ty = t.schema ? objects_find_type(f->m, t.schema, t.name) : NULL;
        if (ty)
            dep_obj(f, ty);
        else if (t.schema && model_table(f->m, t.schema, t.name))
            dep_obj(f, &model_table(f->m, t.schema, t.name)->obj);
        char mode = p->mode == FUNC_PARAM_DEFAULT ? FUNC_PARAM_IN : (char)p->mode;
        if (mode == FUNC_PARAM_OUT || mode == FUNC_PARAM_INOUT || mode == FUNC_PARAM_TABLE) {
            nout++;
            single_out = t.sql;
        }
        sb_printf(&sb, "%c %s %s", mode, p->name ? p->name : "", t.sql);
        if (p->defexpr)
            sb_printf(&sb, " = %s", expr_text(f, p->defexpr));
        sb_puts(&sb, "; ");
    }
    d->argnames = sb_take(&sb, f->a);
    if (st->is_procedure) {
        d->result = NULL;
    } else if (st->returnType) {
        TypeRef t = norm_type(&f->nc, (Node *)st->returnType);
        Obj *ty = t.schema ? objects_find_type(f->m, t.schema, t.name) : NULL;
        if (ty)
            dep_obj(f, ty);
        else if (t.schema) {
            Obj *tab = model_lookup(f->m, OBJ_TABLE, t.schema, NULL, t.name);
            if (!tab)
                tab = model_lookup(f->m, OBJ_VIEW, t.schema, NULL, t.name);
            if (tab)
                dep_obj(f, tab);
        }
        d->result = arena_printf(f->a, "%s%s", st->returnType->setof ? "SETOF " : "", t.sql);
    } else {
        d->result = nout == 1 ? single_out : "record";
    }
    /* options without their defaults, sorted */
    PtrVec opts = {0};
    const char *lang = "sql", *body = "", *sql_source = NULL;
    bool set_returning = st->returnType && st->returnType->setof;
    foreach (lc, st->options) {
        DefElem *o = lfirst(lc);
        const char *v = defelem_value(f, o);
        if (!strcmp(o->defname, "as")) {
            body = v;
            /* the source of a SQL body (C functions: file and symbol) */
            if (IsA(o->arg, List) && list_length((List *)o->arg) == 1)
                sql_source = strVal(linitial((List *)o->arg));
            continue;
        }
        if (!strcmp(o->defname, "language"))
            lang = v;
        if ((!strcmp(o->defname, "volatility") && !strcmp(v, "volatile")) ||
            (!strcmp(o->defname, "parallel") && !strcmp(v, "unsafe")) ||
            (!strcmp(o->defname, "rows") && (!strcmp(v, "1000") || !set_returning)) ||
            ((!strcmp(o->defname, "strict") || !strcmp(o->defname, "security") ||
              !strcmp(o->defname, "leakproof") || !strcmp(o->defname, "window")) && !strcmp(v, "false")))
            continue;
        vec_push(f->a, &opts, (void *)arena_printf(f->a, "%s=%s", o->defname, v));
    }
    sort_strings(&opts);
    StrBuf all;
    sb_init(&all);
    const char *default_cost = !strcmp(lang, "c") || !strcmp(lang, "internal") ? "cost=1" : "cost=100";
    for (int i = 0; i < opts.n; i++)
        if (strcmp(opts.items[i], default_cost))
            sb_printf(&all, "%s; ", (const char *)opts.items[i]);
    if (st->sql_body) {
        body = sql_body_text(f, st->sql_body);
        if (IsA(st->sql_body, ReturnStmt))
            body_deps(f, ((ReturnStmt *)st->sql_body)->returnval, true);
        else {
            ListCell *bc;
            foreach (bc, atomic_body_stmts(st->sql_body))
                body_deps(f, lfirst(bc), false);
        }
    }
    const char *canon = arena_printf(f->a, "%s|%s|%s|%s|%s", st->is_procedure ? "procedure" : "function",
                                     d->argnames, d->result ? d->result : "", sb_take(&all, f->a), body);
    d->norm = (Node *)makeString(pstrdup(canon));
    sb_free(&sb);
    /* a SQL body is checked when the function is created: what it names
     * must exist first */
    d->drop_deps = d->obj.deps.n;
    if (!strcmp(lang, "sql") && sql_source && !st->sql_body) {
        PgQueryInternalParsetreeAndError res = pg_query_raw_parse(sql_source);
        free(res.stderr_buffer);
        if (!res.error) {
            ListCell *sc;
            foreach (sc, res.tree)
                body_deps(f, ((RawStmt *)lfirst(sc))->stmt, false);
        } else {
            pg_query_free_error(res.error);
        }
    }
    if (!strcmp(lang, "plpgsql"))
        plpgsql_names(f, d);
}

/* ---- triggers, policies, domains, composite types ------------------------------- */

/* Qualify an unqualified function name that resolves to a model function. */
static List *qualify_function_name(Fin *f, List *names, bool dep)
{
    const char *schema = list_length(names) == 2 ? strVal(linitial(names)) : f->d->search_schema;
    const PtrVec *fs = objects_functions_named(f->m, schema, strVal(llast(names)));
    bool found = fs && fs->n;
    for (int i = 0; dep && fs && i < fs->n; i++)
        dep_obj(f, fs->items[i]);
    if (list_length(names) == 2 && !strcmp(schema, "pg_catalog"))
        return list_make1(llast(names));
    if (found && list_length(names) == 1)
        return list_make2(makeString(pstrdup(schema)), llast(names));
    return names;
}

static void norm_trigger(Fin *f, Definition *d)
{
    CreateTrigStmt *st = (CreateTrigStmt *)d->raw;
    Obj *rel = model_lookup(f->m, OBJ_TABLE, d->obj.schema, NULL, d->obj.table);
    if (!rel)
        rel = model_lookup(f->m, OBJ_VIEW, d->obj.schema, NULL, d->obj.table);
    if (rel)
        dep_obj(f, rel);
    st->funcname = qualify_function_name(f, st->funcname, true);
    CreateTrigStmt *n = copyObjectImpl(st);
    f->nc.table = (const Table *)(rel && rel->kind == OBJ_TABLE ? rel : NULL);
    n->whenClause = norm_expr(&f->nc, n->whenClause);
    if (st->whenClause)
        calls_walker(st->whenClause, f);
    f->nc.table = NULL;
    ListCell *lc;
    foreach (lc, st->columns)
        if (rel && rel->kind == OBJ_TABLE) {
            Column *c = table_column((Table *)rel, strVal(lfirst(lc)));
            if (c)
                dep_obj(f, &c->obj);
        }
    if (n->constrrel && !n->constrrel->schemaname)
        n->constrrel->schemaname = pstrdup(d->search_schema);
    if (n->constrrel)
        n->constrrel->location = -1;
    d->norm = (Node *)n;
}

static const char *role_name(const RoleSpec *rs)
{
    switch (rs->roletype) {
    case ROLESPEC_CSTRING: return rs->rolename;
    case ROLESPEC_PUBLIC: return "public";
    case ROLESPEC_CURRENT_ROLE: return "current_role";
    case ROLESPEC_CURRENT_USER: return "current_user";
    case ROLESPEC_SESSION_USER: return "session_user";
    }
    return "";
}

static void norm_policy(Fin *f, Definition *d)
{
    CreatePolicyStmt *st = (CreatePolicyStmt *)d->raw;
    Obj *rel = model_lookup(f->m, OBJ_TABLE, d->obj.schema, NULL, d->obj.table);
    if (rel)
        dep_obj(f, rel);
    CreatePolicyStmt *n = copyObjectImpl(st);
    f->nc.table = (const Table *)rel;
    qualify_raw(st->qual, f);
    qualify_raw(st->with_check, f);
    calls_walker(st->qual, f);
    calls_walker(st->with_check, f);
    n->qual = norm_expr(&f->nc, st->qual);
    n->with_check = norm_expr(&f->nc, st->with_check);
    f->nc.table = NULL;
    /* subqueries (IN, EXISTS, ARRAY(...)) as a view's: the catalog prints
     * them qualified */
    PtrVec no_rels = {0};
    RefCtx rc = {f, &no_rels, NIL};
    fix_refs(n->qual, &rc);
    fix_refs(n->with_check, &rc);
    /* roles as a sorted list of names (PUBLIC when none) */
    PtrVec roles = {0};
    ListCell *lc;
    foreach (lc, st->roles)
        vec_push(f->a, &roles, (void *)role_name(lfirst(lc)));
    if (!roles.n)
        vec_push(f->a, &roles, "public");
    sort_strings(&roles);
    List *names = NIL;
    for (int i = 0; i < roles.n; i++)
        if (!i || strcmp(roles.items[i], roles.items[i - 1]))
            names = lappend(names, makeString(pstrdup(roles.items[i])));
    n->roles = names;
    if (!n->cmd_name)
        n->cmd_name = pstrdup("all");
    n->table->location = -1;
    d->norm = (Node *)n;
}

static void dep_on_type_of(Fin *f, TypeName *tn)
{
    TypeRef t = norm_type(&f->nc, (Node *)tn);
    Obj *ty = t.schema ? objects_find_type(f->m, t.schema, t.name) : NULL;
    if (ty)
        dep_obj(f, ty);
    else if (t.schema && model_table(f->m, t.schema, t.name))
        dep_obj(f, &model_table(f->m, t.schema, t.name)->obj);
}

static void norm_domain(Fin *f, Definition *d)
{
    CreateDomainStmt *st = (CreateDomainStmt *)d->raw;
    dep_on_type_of(f, st->typeName);
    StrBuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%s", norm_type(&f->nc, (Node *)st->typeName).sql);
    if (st->collClause)
        sb_printf(&sb, " collate %s", strVal(llast(st->collClause->collname)));
    PtrVec checks = {0};
    bool notnull = false;
    const char *def = NULL;
    ListCell *lc;
    foreach (lc, st->constraints) {
        Constraint *c = lfirst(lc);
        if (c->contype == CONSTR_NOTNULL)
            notnull = true;
        else if (c->contype == CONSTR_DEFAULT)
            def = expr_text(f, c->raw_expr);
        else if (c->contype == CONSTR_CHECK) {
            calls_walker(c->raw_expr, f);
            vec_push(f->a, &checks, (void *)arena_printf(f->a, "%s:%s", c->conname, expr_text(f, c->raw_expr)));
        }
    }
    sort_strings(&checks);
    sb_printf(&sb, "|%s|default %s|", notnull ? "not null" : "", def ? def : "");
    for (int i = 0; i < checks.n; i++)
        sb_printf(&sb, "%s;", (const char *)checks.items[i]);
    d->norm = (Node *)makeString(pstrdup(sb_take(&sb, f->a)));
}

static void norm_composite(Fin *f, Definition *d)
{
    CompositeTypeStmt *st = (CompositeTypeStmt *)d->raw;
    StrBuf sb;
    sb_init(&sb);
    ListCell *lc;
    foreach (lc, st->coldeflist) {
        ColumnDef *cd = lfirst(lc);
        dep_on_type_of(f, cd->typeName);
        sb_printf(&sb, "%s %s", cd->colname, norm_type(&f->nc, (Node *)cd->typeName).sql);
        if (cd->collClause)
            sb_printf(&sb, " collate %s", strVal(llast(cd->collClause->collname)));
        sb_puts(&sb, ", ");
    }
    d->norm = (Node *)makeString(pstrdup(sb_take(&sb, f->a)));
}

static void norm_event_trigger(Fin *f, Definition *d)
{
    CreateEventTrigStmt *st = (CreateEventTrigStmt *)d->raw;
    st->funcname = qualify_function_name(f, st->funcname, true);
    CreateEventTrigStmt *n = copyObjectImpl(st);
    /* WHEN TAG IN (...): tags upper case, sorted */
    ListCell *lc;
    foreach (lc, n->whenclause) {
        DefElem *de = lfirst(lc);
        PtrVec tags = {0};
        ListCell *tc;
        foreach (tc, (List *)de->arg) {
            char *t = arena_strdup(f->a, strVal(lfirst(tc)));
            for (char *p = t; *p; p++)
                *p = (char)toupper((unsigned char)*p);
            vec_push(f->a, &tags, t);
        }
        sort_strings(&tags);
        List *l = NIL;
        for (int i = 0; i < tags.n; i++)
            l = lappend(l, makeString(pstrdup(tags.items[i])));
        de->arg = (Node *)l;
        de->location = -1;
    }
    d->norm = (Node *)n;
}

/* provider, locale and determinism: FROM "C" and the catalog's
 * (provider = libc, lc_collate = 'C', lc_ctype = 'C') alike. */
static void norm_collation(Fin *f, Definition *d)
{
    const char *provider = "libc", *locale = "", *collate = NULL, *ctype = NULL, *det = "true";
    ListCell *lc;
    foreach (lc, ((DefineStmt *)d->raw)->definition) {
        DefElem *de = lfirst(lc);
        const char *v = de->arg && IsA(de->arg, List) ? strVal(llast((List *)de->arg)) : defelem_value(f, de);
        char *low = arena_strdup(f->a, v); /* locale names compared without case, as read */
        for (char *p = low; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        v = low;
        if (!strcmp(de->defname, "from"))
            locale = v;
        else if (!strcmp(de->defname, "provider"))
            provider = v;
        else if (!strcmp(de->defname, "locale"))
            locale = v;
        else if (!strcmp(de->defname, "lc_collate"))
            collate = v;
        else if (!strcmp(de->defname, "lc_ctype"))
            ctype = v;
        else if (!strcmp(de->defname, "deterministic"))
            det = !strcmp(v, "false") || !strcmp(v, "0") || !strcmp(v, "off") ? "false" : "true";
    }
    if (collate || ctype)
        locale = arena_printf(f->a, "%s/%s", collate ? collate : locale, ctype ? ctype : locale);
    else if (!strcmp(provider, "libc"))
        locale = arena_printf(f->a, "%s/%s", locale, locale);
    d->norm = (Node *)makeString(psprintf("%s|%s|%s", provider, locale, det));
}

void objects_finish(Model *m, Obj *o, Diags *diags)
{
    Definition *d = (Definition *)o;
    Fin f = {m, m->arena, d, {m->arena, d->search_schema, NULL, true}, 0};
    Obj *schema = o->schema && !o->table ? model_lookup(m, OBJ_SCHEMA, NULL, NULL, o->schema) : NULL;
    if (schema)
        obj_add_dep(m->arena, o, schema);
    switch (o->kind) {
    case OBJ_VIEW:
        view_columns(&f, d);
        qualify_raw(view_query(d), &f);
        break;
    case OBJ_FUNCTION: norm_function(&f, d); break;
    case OBJ_TRIGGER: norm_trigger(&f, d); break;
    case OBJ_POLICY: norm_policy(&f, d); break;
    case OBJ_DOMAIN: norm_domain(&f, d); break;
    case OBJ_COMPOSITE: norm_composite(&f, d); break;
    case OBJ_EVENT_TRIGGER: norm_event_trigger(&f, d); break;
    case OBJ_COLLATION: norm_collation(&f, d); break;
    case OBJ_AGGREGATE: aggregate_finish(m, d); break;
    case OBJ_OPERATOR: operator_finish(m, d); break;
    case OBJ_RULE: rule_finish(m, d); break;
    case OBJ_OPFAMILY:
    case OBJ_OPCLASS: opclass_finish(m, d); break;
    case OBJ_RANGE:
    case OBJ_CAST:
    case OBJ_STATISTICS: defkinds_finish(m, d, diags); break;
    case OBJ_TS_PARSER:
    case OBJ_TS_TEMPLATE:
    case OBJ_TS_DICT:
    case OBJ_TS_CONFIG:
        textsearch_finish(m, d);
        break;
    case OBJ_PUBLICATION: publication_finish(m, d, diags); break;
    case OBJ_SCHEMA:
    case OBJ_EXTENSION:
    case OBJ_ENUM:
    case OBJ_SEQUENCE:
    case OBJ_TABLE:
    case OBJ_COLUMN:
    case OBJ_CONSTRAINT:
    case OBJ_INDEX:
    case OBJ_SEQ_OWNER:
    case OBJ_DEFAULT_ACL:
    case OBJ_FDW: case OBJ_SERVER: case OBJ_USER_MAPPING:
    case OBJ_KIND_COUNT:
        break;
    }
}

/* The functions named schema.name (all overloads), from the model's index. */
const PtrVec *objects_functions_named(Model *m, const char *schema, const char *name)
{
    char buf[PG_NAMEDATALEN * 2 + 2];
    snprintf(buf, sizeof buf, "%s.%s", schema, name);
    return map_get(&m->funcnames, buf);
}

void objects_index(Model *m)
{
    m->funcnames = (StrMap){0};
    m->collations = (StrMap){0};
    for (int i = 0; i < m->objs.n; i++) {
        Obj *o = m->objs.items[i];
        if (o && o->kind == OBJ_COLLATION)
            map_put(m->arena, &m->collations, q_qual(m->arena, o->schema, o->name), o);
        if (!o || (o->kind != OBJ_FUNCTION && o->kind != OBJ_AGGREGATE))
            continue;
        const char *k = arena_printf(m->arena, "%s.%s", o->schema, o->name);
        PtrVec *v = map_get(&m->funcnames, k);
        if (!v) {
            v = arena_alloc(m->arena, sizeof(PtrVec));
            map_put(m->arena, &m->funcnames, k, v);
        }
        vec_push(m->arena, v, o);
    }
    operator_index(m);
}

typedef struct CallCtx {
    Model *m;
    Obj *o;
    const char *schema;
} CallCtx;

static bool call_walker(Node *n, void *arg)
{
    CallCtx *cc = arg;
    if (!n)
        return false;
    if (IsA(n, FuncCall)) {
        List *names = ((FuncCall *)n)->funcname;
        const char *schema = list_length(names) >= 2 ? strVal(list_nth(names, list_length(names) - 2)) : cc->schema;
        const PtrVec *fs = objects_functions_named(cc->m, schema, strVal(llast(names)));
        for (int i = 0; fs && i < fs->n; i++)
            obj_add_dep(cc->m->arena, cc->o, fs->items[i]);
    }
    if (IsA(n, A_Expr) && ((A_Expr *)n)->name &&
        (((A_Expr *)n)->kind == AEXPR_OP || ((A_Expr *)n)->kind == AEXPR_OP_ANY || ((A_Expr *)n)->kind == AEXPR_OP_ALL))
        operator_dep_on_use(cc->m, cc->o, ((A_Expr *)n)->name, cc->schema);
    if (IsA(n, FuncCall) || IsA(n, TypeCast))
        textsearch_dep_on_config(cc->m, cc->o, n, cc->schema);
    return raw_expression_tree_walker(n, call_walker, arg);
}

void objects_dep_on_calls(Model *m, Obj *o, const Node *expr, const char *default_schema)
{
    if (!expr)
        return;
    CallCtx cc = {m, o, default_schema};
    call_walker((Node *)expr, &cc);
}
