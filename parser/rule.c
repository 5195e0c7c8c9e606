/*
 * rule.c — CREATE RULE as a model object (OBJ_RULE), a part of its table
 * like a trigger: schema and table of the relation, name the rule's.
 *
 * CREATE [OR REPLACE] RULE r AS ON event TO t [WHERE cond] DO [ALSO |
 * INSTEAD] {NOTHING | command | (commands)} is kept as its statement, the
 * relation qualified.  ALTER TABLE ... ENABLE / DISABLE [ALWAYS | REPLICA]
 * RULE sets `enabled` as for triggers.  The catalog reader reads
 * pg_get_ruledef (the views' _RETURN rules are the views themselves), and
 * its text spells the same rule differently from a schema file: relations
 * qualified, the INSERT column list always stated, unqualified columns of
 * an UPDATE's or DELETE's target prefixed with its name, casts on
 * literals.  The comparison therefore uses a canonical text (`canon`, put
 * in `norm` as a String): the statement with those spellings made one
 * (rule_finish), expressions through norm_expr, then printed.  A change
 * is one CREATE OR REPLACE RULE (diff/diff.c, emit/defs.c).
 *
 * A rule depends on its relation, on the relations its actions name and
 * on the functions and operators they call.
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <string.h>

void rule_read(DdlReader *r, RuleStmt *st, int off)
{
    off = ddl_stmt_start(r, off);
    RangeVar *rv = st->relation;
    const char *schema = rv->schemaname ? rv->schemaname : r->nc.default_schema;
    Obj *rel = ddl_relation(r, schema, rv->relname);
    if (!rel || (rel->kind != OBJ_TABLE && rel->kind != OBJ_VIEW)) {
        ddl_error(r, rv->location >= 0 ? rv->location : off, "relation \"%s.%s\" does not exist", schema,
                  rv->relname);
        return;
    }
    if (!strcmp(st->rulename, "_RETURN") || st->event == CMD_SELECT) {
        ddl_error(r, off, "an ON SELECT rule (\"_RETURN\") is a view's query: write CREATE VIEW");
        return;
    }
    rv->schemaname = pstrdup(schema);
    rv->location = -1;
    Obj *old = model_lookup(r->m, OBJ_RULE, schema, rv->relname, st->rulename);
    if (old && !st->replace) {
        ddl_error(r, off, "rule \"%s\" for relation \"%s\" already exists", st->rulename, rv->relname);
        return;
    }
    Obj keep = old ? *old : (Obj){0};
    if (old)
        model_remove(r->m, old);
    SrcLoc l = {r->file, r->text, off};
    Definition *d = model_add(r->m, sizeof(Definition), OBJ_RULE, schema, rv->relname, st->rulename, l);
    if (!d)
        return;
    if (old)
        d->obj.comment = keep.comment;
    st->replace = false;
    d->raw = (Node *)st;
    d->search_schema = r->nc.default_schema;
    d->enabled = old ? ((Definition *)old)->enabled : 'O';
}

bool rule_set_enabled(DdlReader *r, Obj *rel, const char *name, int subtype, int off)
{
    Definition *d = rel ? (Definition *)model_lookup(r->m, OBJ_RULE, rel->schema, rel->name, name) : NULL;
    if (!d) {
        ddl_error(r, off, "rule \"%s\" does not exist", name ? name : "");
        return false;
    }
    d->enabled = subtype == AT_EnableRule        ? 'O'
                 : subtype == AT_DisableRule     ? 'D'
                 : subtype == AT_EnableAlwaysRule ? 'A'
                                                 : 'R';
    return true;
}

/* ---- after all files: the canonical text ------------------------------------- */

static Obj *ddl_relation_in(Model *m, const char *schema, const char *name)
{
    char buf[PG_NAMEDATALEN * 2 + 2];
    snprintf(buf, sizeof buf, "%s.%s", schema, name);
    Obj *o = map_get(&m->relnames, buf);
    return o && (o->kind == OBJ_TABLE || o->kind == OBJ_VIEW || o->kind == OBJ_SEQUENCE) ? o : NULL;
}

typedef struct RuleFin {
    Model *m;
    Definition *d;
    NormCtx nc;
    const char *target; /* the action's target relation name: prefixes its bare columns */
} RuleFin;

/* Qualify relations (and depend on those the model has); prefix the bare
 * column references of an UPDATE's or DELETE's target. */
static bool rule_walk(Node *n, void *arg)
{
    RuleFin *f = arg;
    if (!n)
        return false;
    if (IsA(n, RangeVar)) {
        RangeVar *rv = (RangeVar *)n;
        if (!rv->schemaname) {
            /* pg_get_ruledef qualifies every relation; a bare name is the
             * search path's: the default schema's, else pg_catalog's */
            Obj *o = ddl_relation_in(f->m, f->d->search_schema, rv->relname);
            rv->schemaname = pstrdup(o ? f->d->search_schema : "pg_catalog");
        }
        rv->location = -1;
        Obj *o = ddl_relation_in(f->m, rv->schemaname, rv->relname);
        if (o && o != &f->d->obj)
            obj_add_dep(f->m->arena, &f->d->obj, o);
        return false;
    }
    if (IsA(n, ColumnRef)) {
        ColumnRef *cr = (ColumnRef *)n;
        cr->location = -1;
        if (f->target && list_length(cr->fields) == 1 && IsA(linitial(cr->fields), String))
            cr->fields = list_make2(makeString(pstrdup(f->target)), linitial(cr->fields));
        return false;
    }
    return raw_expression_tree_walker(n, rule_walk, arg);
}

/* The actions the raw tree walker knows (NOTIFY is not one, nor needs it). */
static bool walkable(const Node *a)
{
    return a && (IsA(a, InsertStmt) || IsA(a, UpdateStmt) || IsA(a, DeleteStmt) || IsA(a, SelectStmt));
}

static Node *norm(RuleFin *f, Node *e)
{
    if (!e)
        return NULL;
    rule_walk(e, f);
    objects_dep_on_calls(f->m, &f->d->obj, e, f->d->search_schema);
    return norm_expr(&f->nc, e);
}

static void norm_targets(RuleFin *f, List *targets)
{
    ListCell *lc;
    foreach (lc, targets) {
        ResTarget *rt = lfirst(lc);
        rt->location = -1;
        rt->val = norm(f, rt->val);
    }
}

static void norm_action(RuleFin *f, Node *a)
{
    switch (nodeTag(a)) {
    case T_InsertStmt: {
        InsertStmt *s = (InsertStmt *)a;
        f->target = NULL;
        rule_walk((Node *)s->relation, f);
        SelectStmt *sel = s->selectStmt && IsA(s->selectStmt, SelectStmt) ? (SelectStmt *)s->selectStmt : NULL;
        if (sel && sel->valuesLists) {
            ListCell *lc;
            foreach (lc, sel->valuesLists) {
                ListCell *vc;
                foreach (vc, (List *)lfirst(lc))
                    lfirst(vc) = norm(f, lfirst(vc));
            }
            /* pg_get_ruledef states the column list: the first columns */
            Table *t = model_table(f->m, s->relation->schemaname, s->relation->relname);
            int nvals = list_length((List *)linitial(sel->valuesLists));
            if (!s->cols && t && nvals <= t->columns.n) {
                for (int i = 0; i < nvals; i++) {
                    ResTarget *rt = makeNode(ResTarget);
                    rt->name = pstrdup(((Column *)t->columns.items[i])->obj.name);
                    rt->location = -1;
                    s->cols = lappend(s->cols, rt);
                }
            }
        } else if (s->selectStmt) {
            rule_walk(s->selectStmt, f);
            objects_dep_on_calls(f->m, &f->d->obj, s->selectStmt, f->d->search_schema);
        }
        ListCell *lc;
        foreach (lc, s->cols)
            ((ResTarget *)lfirst(lc))->location = -1;
        norm_targets(f, s->returningList);
        break;
    }
    case T_UpdateStmt: {
        UpdateStmt *s = (UpdateStmt *)a;
        rule_walk((Node *)s->relation, f);
        f->target = s->relation->alias ? s->relation->alias->aliasname : s->relation->relname;
        norm_targets(f, s->targetList);
        s->whereClause = norm(f, s->whereClause);
        norm_targets(f, s->returningList);
        f->target = NULL;
        break;
    }
    case T_DeleteStmt: {
        DeleteStmt *s = (DeleteStmt *)a;
        rule_walk((Node *)s->relation, f);
        f->target = s->relation->alias ? s->relation->alias->aliasname : s->relation->relname;
        s->whereClause = norm(f, s->whereClause);
        norm_targets(f, s->returningList);
        f->target = NULL;
        break;
    }
    default: /* SELECT: relations qualified, calls depended on; NOTIFY */
        f->target = NULL;
        if (walkable(a)) {
            rule_walk(a, f);
            objects_dep_on_calls(f->m, &f->d->obj, a, f->d->search_schema);
        }
        break;
    }
}

void rule_finish(Model *m, Definition *d)
{
    Obj *rel = ddl_relation_in(m, d->obj.schema, d->obj.table);
    if (rel)
        obj_add_dep(m->arena, &d->obj, rel);
    RuleFin f = {m, d, {m->arena, d->search_schema, NULL, true}, NULL};
    /* what is printed: the statement as written, its relations qualified */
    RuleStmt *raw = (RuleStmt *)d->raw;
    rule_walk(raw->whereClause, &f);
    ListCell *rc;
    foreach (rc, raw->actions)
        if (walkable(lfirst(rc)))
            rule_walk(lfirst(rc), &f);
    RuleStmt *st = copyObjectImpl(d->raw);
    st->whereClause = norm(&f, st->whereClause);
    ListCell *lc;
    foreach (lc, st->actions)
        norm_action(&f, lfirst(lc));
    st->replace = true;
    d->canon = deparse_stmt(m->arena, (Node *)st);
    d->norm = (Node *)makeString(pstrdup(d->canon));
    d->drop_deps = d->obj.deps.n;
}

/* ---- from the catalog --------------------------------------------------------- */

const char *rule_catalog_enable(Arena *a, const char *table, const char *rule, char enabled)
{
    const char *w = enabled == 'D' ? "DISABLE" : enabled == 'A' ? "ENABLE ALWAYS" : enabled == 'R' ? "ENABLE REPLICA" : NULL;
    return w ? arena_printf(a, "ALTER TABLE %s %s RULE %s;", table, w, q_ident(a, rule)) : NULL;
}
