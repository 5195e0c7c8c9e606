/*
 * diff.c — one generic merge over identity keys, producing change records.
 *
 * Both models are sorted by identity key, so the merge is a single walk:
 * a key only in the current model is a DROP, only in the desired model a
 * CREATE, in both an ALTER when the per-kind comparison (the kind-indexed
 * `compare` table below) finds a difference.  A difference PostgreSQL
 * cannot apply in place (a constraint or index definition, a generation
 * expression) becomes a DROP + CREATE pair marked `rebuild`.
 *
 * Owners (where both sides state one) and privileges are compared for
 * every kind, on top of the kind's own comparison.
 *
 * Then the rules that make a plan executable:
 *  - dependents of a rebuilt or dropped object are rebuilt too (a foreign
 *    key over a re-created primary key; an index whose predicate names an
 *    enum that is rebuilt; a view over a view that is re-created; a trigger
 *    whose WHEN calls a function that is dropped for an overload); views,
 *    triggers, policies and functions also around a column whose type or
 *    collation changes in place (PostgreSQL refuses ALTER COLUMN TYPE under
 *    them), found through the objects' dependencies;
 *  - children of a table that is created or dropped are folded into that
 *    change (its columns are in the CREATE TABLE; DROP TABLE takes its
 *    constraints and indexes along), keeping their dependencies so the
 *    order stays right; a new column whose default calls a function created
 *    in the same plan is created without it and the default set after the
 *    function (the table <-> function cycle);
 *  - a relation dropped while another kind of relation takes its name has
 *    a drop that checks the kind at run time (idempotence).
 *
 * No SQL is printed here: emit/ turns each record into statements,
 * forward and inverse from the same per-kind function, and diff/order.c
 * orders them; diff/plan.c runs these passes.  The rollback is the merge
 * run the other way round (every change's inverse), folded and ordered the
 * same way.
 */
#include "pg.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool expr_eq(const ExprPair *a, const ExprPair *b)
{
    if (!a || !b)
        return a == b;
    return equal(a->norm, b->norm);
}

static bool seqopts_eq(const SeqOpts *a, const SeqOpts *b)
{
    return str_same(a->type, b->type) && a->start == b->start && a->increment == b->increment &&
           a->min == b->min && a->max == b->max && a->cache == b->cache && a->cycle == b->cycle;
}

/* Per-kind comparison: the ALT_* bits that differ (0: equal). */
/* Nothing of their own to compare (comments, owners, privileges are compared for all kinds). */
static unsigned cmp_schema(Arena *a, const Obj *c, const Obj *d) { (void)c; (void)d; return 0; }
static unsigned cmp_extension(Arena *a, const Obj *c, const Obj *d)
{
    /* a version is compared when both sides state one (a file need not) */
    const char *cv = ((const Extension *)c)->version, *dv = ((const Extension *)d)->version;
    return cv && dv && strcmp(cv, dv) ? ALT_DEFINITION : 0;
}

static unsigned cmp_enum(Arena *a, const Obj *co, const Obj *do_)
{
    const EnumType *c = (const EnumType *)co, *d = (const EnumType *)do_;
    if (c->nlabels == d->nlabels) {
        bool same = true;
        for (int i = 0; i < c->nlabels; i++)
            same = same && !strcmp(c->labels[i], d->labels[i]);
        if (same)
            return 0;
    }
    /* Only additions when the current labels appear in the desired list in
     * the same order. */
    int j = 0;
    for (int i = 0; i < d->nlabels && j < c->nlabels; i++)
        if (!strcmp(d->labels[i], c->labels[j]))
            j++;
    return j == c->nlabels ? ALT_ENUM_ADD : ALT_ENUM_REBUILD;
}

static unsigned cmp_sequence(Arena *a, const Obj *c, const Obj *d)
{
    return seqopts_eq(&((const Sequence *)c)->opts, &((const Sequence *)d)->opts) ? 0 : ALT_SEQ_OPTS;
}

static unsigned cmp_table(Arena *a, const Obj *co, const Obj *do_)
{
    const Table *c = (const Table *)co, *d = (const Table *)do_;
    unsigned bits = c->unlogged != d->unlogged ? ALT_PERSISTENCE : 0;
    if (c->rls != d->rls || c->rls_force != d->rls_force)
        bits |= ALT_RLS;
    if (c->replident != d->replident)
        bits |= ALT_REPLICA;
    /* partitioned or not: a different kind of table, re-created */
    if (!str_same(c->partkey_norm, d->partkey_norm))
        return ALT_REBUILD;
    bool same_parents = c->parents.n == d->parents.n;
    for (int i = 0; same_parents && i < c->parents.n; i++)
        same_parents = !strcmp(c->parents.items[i], d->parents.items[i]);
    if (!same_parents || !str_same(c->part_of_schema, d->part_of_schema) || !str_same(c->part_of, d->part_of) ||
        !str_same(c->bound_norm, d->bound_norm))
        bits |= ALT_INHERIT;
    if ((c->reloptions || d->reloptions) &&
        !str_same(norm_options_text(a, c->reloptions), norm_options_text(a, d->reloptions)))
        bits |= ALT_RELOPTIONS;
    if (!str_same(c->of_schema, d->of_schema) || !str_same(c->of_type, d->of_type))
        bits |= ALT_OF;
    if (c->server || d->server) /* foreign tables: diff/foreign.c */
        bits = (diff_foreign(co, do_) & ALT_REBUILD) ? ALT_REBUILD : bits | diff_foreign(co, do_);
    return bits;
}

static unsigned cmp_column(Arena *a, const Obj *co, const Obj *do_)
{
    const Column *c = (const Column *)co, *d = (const Column *)do_;
    unsigned bits = 0;
    if (!expr_eq(c->generated, d->generated))
        return ALT_REBUILD;
    if (!str_same(c->type.sql, d->type.sql))
        bits |= ALT_TYPE;
    if (!str_same(c->collation, d->collation))
        bits |= ALT_COLLATION;
    if (c->not_null != d->not_null)
        bits |= ALT_NOT_NULL;
    if (!expr_eq(c->def, d->def))
        bits |= ALT_DEFAULT;
    if (c->identity != d->identity ||
        (c->identity && !seqopts_eq(&c->identity_opts, &d->identity_opts)))
        bits |= ALT_IDENTITY;
    if (c->statistics != d->statistics)
        bits |= ALT_STATISTICS;
    if (!colattr_equal(a, c, d) || ((bits & ALT_TYPE) && d->storage))
        bits |= ALT_COLATTR;
    if (c->inherited != d->inherited)
        bits |= ALT_INHERIT;
    if (c->fdw_options.n || d->fdw_options.n) /* diff/foreign.c */
        bits |= diff_foreign(co, do_);
    return bits;
}

static unsigned cmp_constraint(Arena *a, const Obj *c, const Obj *d)
{
    if (!equal(((const TableConstraint *)c)->norm, ((const TableConstraint *)d)->norm))
        return ALT_REBUILD;
    unsigned bits = ((const TableConstraint *)c)->replica_identity != ((const TableConstraint *)d)->replica_identity
                        ? ALT_REPLICA
                        : 0;
    return bits | (str_same(((const TableConstraint *)c)->index_comment, ((const TableConstraint *)d)->index_comment)
                       ? 0
                       : ALT_COMMENT);
}

/* NOT VALID is a state, and the one comparison of a constraint that depends
 * on the direction (so it is kept out of the memo): a constraint becomes
 * valid in place (VALIDATE CONSTRAINT), but nothing makes a valid one not
 * valid again except dropping it and adding it back NOT VALID. */
static unsigned cmp_validity(const TableConstraint *c, const TableConstraint *d)
{
    if (c->not_valid == d->not_valid)
        return 0;
    return c->not_valid ? ALT_VALIDATE : ALT_REBUILD;
}

static unsigned cmp_index(Arena *a, const Obj *c, const Obj *d)
{
    if (!equal(((const TableIndex *)c)->norm, ((const TableIndex *)d)->norm))
        return ALT_REBUILD;
    const TableIndex *x = (const TableIndex *)c, *y = (const TableIndex *)d;
    unsigned bits = x->clustered != y->clustered ? ALT_CLUSTER : 0;
    int n = x->n_col_stats > y->n_col_stats ? x->n_col_stats : y->n_col_stats;
    for (int i = 1; i <= n; i++)
        if (model_index_stat(x, i) != model_index_stat(y, i))
            bits |= ALT_STATISTICS;
    if (x->replica_identity != y->replica_identity)
        bits |= ALT_REPLICA;
    return bits;
}

static unsigned cmp_seq_owner(Arena *a, const Obj *c, const Obj *d)
{
    return str_same(c->table, d->table) && str_same(((const SeqOwner *)c)->column, ((const SeqOwner *)d)->column)
               ? 0
               : ALT_SEQ_OPTS;
}

static bool def_eq(const Obj *c, const Obj *d)
{
    return equal(((const Definition *)c)->norm, ((const Definition *)d)->norm);
}

/* A view column's default by name, or NULL. */
static const Node *view_default(const Definition *v, const char *name)
{
    for (int i = 0; i < v->coldefaults.n; i += 2)
        if (!strcmp(v->coldefaults.items[i], name))
            return v->coldefaults.items[i + 1];
    return NULL;
}

static bool view_defaults_equal(Arena *a, const Definition *c, const Definition *d)
{
    if (c->coldefaults.n != d->coldefaults.n)
        return false;
    NormCtx nc = {a, "public", NULL, true};
    for (int i = 0; i < c->coldefaults.n; i += 2) {
        const Node *other = view_default(d, c->coldefaults.items[i]);
        if (!other || !equal(norm_expr(&nc, c->coldefaults.items[i + 1]), norm_expr(&nc, other)))
            return false;
    }
    return true;
}

static unsigned cmp_view(Arena *a, const Obj *co, const Obj *do_)
{
    const Definition *c = (const Definition *)co, *d = (const Definition *)do_;
    unsigned defaults = view_defaults_equal(a, c, d) ? 0 : ALT_DEFAULT;
    if (def_eq(co, do_) && c->materialized == d->materialized)
        return defaults;
    if (c->materialized || d->materialized || d->columns.n < c->columns.n)
        return ALT_REBUILD;
    /* CREATE OR REPLACE VIEW may only add columns at the end, and must
     * keep the existing columns' types: only when the existing output
     * expressions are the same (types are not known here) */
    const SelectStmt *cs = (const SelectStmt *)((const ViewStmt *)c->norm)->query;
    const SelectStmt *ds = (const SelectStmt *)((const ViewStmt *)d->norm)->query;
    if (!IsA(cs, SelectStmt) || !IsA(ds, SelectStmt) || cs->op != SETOP_NONE || ds->op != SETOP_NONE ||
        !equal(cs->fromClause, ds->fromClause) || !equal(cs->groupClause, ds->groupClause) ||
        cs->distinctClause || ds->distinctClause)
        return ALT_REBUILD;
    for (int i = 0; i < c->columns.n; i++)
        if (strcmp(c->columns.items[i], d->columns.items[i]) ||
            !equal(list_nth(cs->targetList, i), list_nth(ds->targetList, i)))
            return ALT_REBUILD;
    return ALT_REPLACE | defaults;
}

static unsigned cmp_function(Arena *a, const Obj *co, const Obj *do_)
{
    const Definition *c = (const Definition *)co, *d = (const Definition *)do_;
    if (def_eq(co, do_))
        return 0;
    /* CREATE OR REPLACE cannot change the result type, argument names or
     * defaults, or a function into a procedure */
    return str_same(c->result, d->result) && str_same(c->argnames, d->argnames) ? ALT_REPLACE : ALT_REBUILD;
}

/* CREATE OR REPLACE AGGREGATE keeps the kind, the direct arguments, the
 * argument names and the result type (parser/aggregate.c: argnames). */
static unsigned cmp_aggregate(Arena *a, const Obj *co, const Obj *do_)
{
    if (def_eq(co, do_))
        return 0;
    return str_same(((const Definition *)co)->argnames, ((const Definition *)do_)->argnames) ? ALT_REPLACE
                                                                                          : ALT_REBUILD;
}

/* ALTER OPERATOR ... SET changes RESTRICT and JOIN only (PostgreSQL 15):
 * anything else in the definition (parser/operator.c: argnames) re-creates. */
static unsigned cmp_operator(Arena *a, const Obj *co, const Obj *do_)
{
    (void)a;
    if (def_eq(co, do_))
        return 0;
    return str_same(((const Definition *)co)->argnames, ((const Definition *)do_)->argnames) ? ALT_REPLACE
                                                                                          : ALT_REBUILD;
}

/* CREATE OR REPLACE RULE replaces any definition; the enabled state is
 * ALTER TABLE ... ENABLE / DISABLE RULE. */
static unsigned cmp_rule(Arena *a, const Obj *co, const Obj *do_)
{
    (void)a;
    unsigned bits = ((const Definition *)co)->enabled != ((const Definition *)do_)->enabled ? ALT_ENABLED : 0;
    return def_eq(co, do_) ? bits : bits | ALT_REPLACE;
}

static unsigned cmp_trigger(Arena *a, const Obj *co, const Obj *do_)
{
    const Definition *c = (const Definition *)co, *d = (const Definition *)do_;
    unsigned bits = c->enabled != d->enabled ? ALT_ENABLED : 0;
    if (!def_eq(co, do_))
        bits |= co->kind == OBJ_TRIGGER && !((const CreateTrigStmt *)c->raw)->isconstraint &&
                        !((const CreateTrigStmt *)d->raw)->isconstraint
                    ? ALT_REPLACE
                    : ALT_REBUILD;
    return bits;
}

static unsigned cmp_rebuild(Arena *a, const Obj *c, const Obj *d)
{
    return def_eq(c, d) ? 0 : ALT_REBUILD;
}

/* A statistics object: its definition re-creates it, its target is set in place. */
static unsigned cmp_statistics(Arena *a, const Obj *co, const Obj *do_)
{
    unsigned bits = def_eq(co, do_) ? 0 : ALT_REBUILD;
    if (((const Definition *)co)->stat_target != ((const Definition *)do_)->stat_target)
        bits |= ALT_STATISTICS;
    return bits;
}

static unsigned cmp_domain(Arena *a, const Obj *co, const Obj *do_)
{
    if (def_eq(co, do_))
        return 0;
    /* the canonical text starts with the base type: ALTER DOMAIN cannot change it */
    const char *c = strVal(((const Definition *)co)->norm), *d = strVal(((const Definition *)do_)->norm);
    size_t n = strcspn(c, "|");
    return n == strcspn(d, "|") && !strncmp(c, d, n) ? ALT_DEFINITION : ALT_REBUILD;
}

static bool has_attribute(const List *cols, const char *name)
{
    const ListCell *lc;
    foreach (lc, cols)
        if (!strcmp(((const ColumnDef *)lfirst(lc))->colname, name))
            return true;
    return false;
}

static unsigned cmp_composite(Arena *a, const Obj *co, const Obj *do_)
{
    if (def_eq(co, do_))
        return 0;
    /* ALTER TYPE drops, retypes and appends attributes: in place when the
     * attributes both sides have keep their order and new ones come last */
    const List *c = ((const CompositeTypeStmt *)((const Definition *)co)->raw)->coldeflist;
    const List *d = ((const CompositeTypeStmt *)((const Definition *)do_)->raw)->coldeflist;
    const ListCell *cc = list_head(c), *lc;
    bool added = false;
    foreach (lc, d) {
        const char *name = ((const ColumnDef *)lfirst(lc))->colname;
        if (!has_attribute(c, name)) {
            added = true;
            continue;
        }
        if (added)
            return ALT_REBUILD;
        while (cc && strcmp(((const ColumnDef *)lfirst(cc))->colname, name))
            cc = lnext(c, cc);
        if (!cc)
            return ALT_REBUILD;
    }
    return ALT_DEFINITION;
}

/* A text search dictionary's options change in place, its template only
 * by re-creating it; a configuration's mappings change in place, its
 * parser only by re-creating it (parser/textsearch.c: ts_head). */
static unsigned cmp_ts_dict(Arena *a, const Obj *co, const Obj *do_)
{
    if (def_eq(co, do_))
        return 0;
    return str_same(((const Definition *)co)->ts_head, ((const Definition *)do_)->ts_head) ? ALT_DEFINITION
                                                                                        : ALT_REBUILD;
}

static unsigned cmp_ts_config(Arena *a, const Obj *co, const Obj *do_)
{
    return cmp_ts_dict(a, co, do_);
}

/* A publication's tables and options change in place; FOR ALL TABLES (no
 * ALTER changes it in PostgreSQL 15) only by re-creating it. */
static unsigned cmp_publication(Arena *a, const Obj *co, const Obj *do_)
{
    if (def_eq(co, do_))
        return 0;
    return ((const CreatePublicationStmt *)((const Definition *)co)->norm)->for_all_tables ==
                   ((const CreatePublicationStmt *)((const Definition *)do_)->norm)->for_all_tables
               ? ALT_DEFINITION
               : ALT_REBUILD;
}

static unsigned cmp_foreign(Arena *a, const Obj *co, const Obj *do_)
{
    (void)a;
    return diff_foreign(co, do_);
}

/* Ownership (when both sides state it) and privileges, for every kind. */
static unsigned cmp_owner_acl(Arena *a, const Obj *c, const Obj *d, bool owners_all)
{
    unsigned bits = 0;
    if (d->owner && (c->owner ? strcmp(c->owner, d->owner) != 0 : owners_all))
        bits |= ALT_OWNER;
    if (c->kind == OBJ_VIEW && !acl_view_columns_equal(a, (const Definition *)c, (const Definition *)d))
        bits |= ALT_ACL;
    if (c->acl || d->acl) {
        const char *owner = d->owner ? d->owner : c->owner;
        Acl x = acl_effective(a, c, owner), y = acl_effective(a, d, owner);
        if (!acl_equal(&x, &y))
            bits |= ALT_ACL;
    }
    return bits;
}

static const CompareFn compare[OBJ_KIND_COUNT] = {
    [OBJ_SCHEMA] = cmp_schema,
    [OBJ_EXTENSION] = cmp_extension,
    [OBJ_ENUM] = cmp_enum,
    [OBJ_SEQUENCE] = cmp_sequence,
    [OBJ_TABLE] = cmp_table,
    [OBJ_COLUMN] = cmp_column,
    [OBJ_CONSTRAINT] = cmp_constraint,
    [OBJ_INDEX] = cmp_index,
    [OBJ_SEQ_OWNER] = cmp_seq_owner,
    [OBJ_DOMAIN] = cmp_domain,
    [OBJ_COMPOSITE] = cmp_composite,
    [OBJ_FUNCTION] = cmp_function,
    [OBJ_VIEW] = cmp_view,
    [OBJ_TRIGGER] = cmp_trigger,
    [OBJ_POLICY] = cmp_rebuild,
    [OBJ_EVENT_TRIGGER] = cmp_trigger,
    [OBJ_DEFAULT_ACL] = cmp_schema, /* only privileges, compared for every kind */
    [OBJ_COLLATION] = cmp_rebuild,
    [OBJ_AGGREGATE] = cmp_aggregate,
    [OBJ_OPERATOR] = cmp_operator,
    [OBJ_RULE] = cmp_rule,
    [OBJ_OPFAMILY] = cmp_rebuild,
    [OBJ_OPCLASS] = cmp_rebuild,
    [OBJ_RANGE] = cmp_rebuild,
    [OBJ_CAST] = cmp_rebuild,
    [OBJ_STATISTICS] = cmp_statistics,
    [OBJ_TS_PARSER] = cmp_rebuild,
    [OBJ_TS_TEMPLATE] = cmp_rebuild,
    [OBJ_TS_DICT] = cmp_ts_dict,
    [OBJ_TS_CONFIG] = cmp_ts_config,
    [OBJ_PUBLICATION] = cmp_publication,
    [OBJ_FDW] = cmp_foreign,
    [OBJ_SERVER] = cmp_foreign,
    [OBJ_USER_MAPPING] = cmp_foreign,
};

const CompareFn *const diff_kind_table = compare;

static Change *new_change(Arena *a, ChangeOp op, const Obj *cur, const Obj *des)
{
    Change *c = arena_alloc(a, sizeof(Change));
    c->op = op;
    c->kind = (cur ? cur : des)->kind;
    c->current = cur;
    c->desired = des;
    return c;
}

/* The columns of a model whose type is the domain d. */
static void columns_of_domain(Arena *a, const Model *m, const Obj *d, PtrVec *out)
{
    for (int i = 0; i < m->objs.n; i++) {
        const Column *c = m->objs.items[i];
        if (c->obj.kind == OBJ_COLUMN && c->type.schema && !c->type.array_dims &&
            !strcmp(c->type.schema, d->schema) && !strcmp(c->type.name, d->name))
            vec_push(a, out, (void *)c);
    }
}

static void add_rebuild(Arena *a, PtrVec *out, const Obj *cur, const Obj *des, bool dependent)
{
    Change *d = new_change(a, CHG_DROP, cur, NULL);
    Change *c = new_change(a, CHG_CREATE, NULL, des);
    d->rebuild = c->rebuild = true;
    d->dependent = c->dependent = dependent;
    vec_push(a, out, d);
    vec_push(a, out, c);
}

/* Affected objects (rebuilt, or converted under an enum rebuild) are
 * marked on both sides; a dependent is hit when any dependency is marked. */
static void mark_pair(const Obj *c, const Obj *d)
{
    ((Obj *)c)->mark = 1;
    ((Obj *)d)->mark = 1;
}

/* Whether a dependency of o is marked: rebuilt (mark 1), or for kinds
 * that PostgreSQL ties to column types (`in_place`), changed in place (2). */
static bool deps_hit(const Obj *o, bool in_place)
{
    for (int i = 0; i < o->deps.n; i++) {
        int mk = ((const Obj *)o->deps.items[i])->mark;
        if (mk == 1 || (mk == 2 && in_place))
            return true;
    }
    return false;
}

static bool rebuilt_with_deps(ObjKind k)
{
    return k == OBJ_CONSTRAINT || k == OBJ_INDEX || k == OBJ_VIEW || k == OBJ_TRIGGER || k == OBJ_POLICY ||
           k == OBJ_FUNCTION || k == OBJ_AGGREGATE || k == OBJ_OPERATOR || k == OBJ_RULE || k == OBJ_OPFAMILY ||
           k == OBJ_OPCLASS || k == OBJ_SEQ_OWNER || k == OBJ_CAST || k == OBJ_STATISTICS || k == OBJ_TS_DICT ||
           k == OBJ_TS_CONFIG || k == OBJ_SERVER || k == OBJ_USER_MAPPING;
}

static void clear_marks(const Model *m)
{
    for (int i = 0; i < m->objs.n; i++)
        ((Obj *)m->objs.items[i])->mark = 0;
}

/* Before a merge sets its first mark: both models' marks cleared, once. */
static void marks_begin(bool *cleared, const Model *current, const Model *desired)
{
    if (*cleared)
        return;
    clear_marks(current);
    clear_marks(desired);
    *cleared = true;
}

/* Comparison results of one merge, reused by the merge the other way round:
 * both walk the same sorted keys, so the k-th pair is the same pair, and
 * every comparison but those of enums, views and composite types (which
 * depend on the direction) is symmetric. */
struct DiffMemo {
    unsigned *bits;
    int n, cap, next;
    bool filled;
};

DiffMemo *diff_memo_new(Arena *a)
{
    return arena_alloc(a, sizeof(DiffMemo));
}

static unsigned memo_compare(Arena *a, DiffMemo *memo, const Obj *c, const Obj *d)
{
    if (!memo || c->kind == OBJ_ENUM || c->kind == OBJ_VIEW || c->kind == OBJ_COMPOSITE)
        return compare[c->kind](a, c, d);
    if (memo->filled)
        return memo->bits[memo->next++];
    unsigned bits = compare[c->kind](a, c, d);
    if (memo->n == memo->cap) {
        int cap = memo->cap ? memo->cap * 2 : 1024;
        unsigned *nb = arena_alloc(a, sizeof(unsigned) * (size_t)cap);
        if (memo->n)
            memcpy(nb, memo->bits, sizeof(unsigned) * (size_t)memo->n);
        memo->bits = nb;
        memo->cap = cap;
    }
    memo->bits[memo->n++] = bits;
    return bits;
}

void diff_models(Arena *a, const Model *current, const Model *desired, DiffMemo *memo, PtrVec *out)
{
    if (memo && memo->n)
        memo->filled = true;
    int i = 0, j = 0;
    const PtrVec *cv = &current->objs, *dv = &desired->objs;
    PtrVec unchanged = {0}; /* pairs: current, desired */
    int affected = 0;       /* objects marked: their dependents are rebuilt */
    /* The marks of both models are cleared before the first is set, and
     * read only once one is (`affected`): a merge that marks nothing (a
     * dump's: every object a create) writes nothing to either model, so a
     * dump may be made while another thread plans with the same model
     * (src/dumpjob.c). */
    bool cleared = false;
    while (i < cv->n || j < dv->n) {
        const Obj *c = i < cv->n ? cv->items[i] : NULL;
        const Obj *d = j < dv->n ? dv->items[j] : NULL;
        int cmp = !c ? 1 : !d ? -1 : strcmp(c->key, d->key);
        if (cmp < 0) {
            vec_push(a, out, new_change(a, CHG_DROP, c, NULL));
            /* what still depends on it now names another object (an
             * overload, a renamed relation): rebuilt around the drop */
            marks_begin(&cleared, current, desired);
            ((Obj *)c)->mark = 1;
            affected++;
            i++;
        } else if (cmp > 0) {
            vec_push(a, out, new_change(a, CHG_CREATE, NULL, d));
            j++;
        } else {
            unsigned bits = memo_compare(a, memo, c, d) | cmp_owner_acl(a, c, d, desired->owners_all);
            if (c->kind == OBJ_CONSTRAINT)
                bits |= cmp_validity((const TableConstraint *)c, (const TableConstraint *)d);
            if (!str_same(c->comment, d->comment))
                bits |= ALT_COMMENT;
            if ((c->kind == OBJ_VIEW || c->kind == OBJ_COMPOSITE || c->kind == OBJ_DOMAIN) &&
                !model_colcomments_equal((const Definition *)c, (const Definition *)d))
                bits |= ALT_COMMENT;
            if (bits & ALT_REBUILD) {
                marks_begin(&cleared, current, desired);
                add_rebuild(a, out, c, d, false);
                if (c->kind == OBJ_DOMAIN) {
                    /* its columns go to the base type around the rebuild */
                    columns_of_domain(a, current, c, &((Change *)out->items[out->n - 2])->parts);
                    columns_of_domain(a, desired, d, &((Change *)out->items[out->n - 1])->parts);
                }
                if (c->kind == OBJ_RANGE) /* its columns go to text around the rebuild */
                    diff_range_columns(a, current, desired, c, d, out->items[out->n - 2], out->items[out->n - 1]);
                mark_pair(c, d);
                affected++;
            } else if (bits) {
                Change *ch = new_change(a, CHG_ALTER, c, d);
                ch->alter = bits;
                vec_push(a, out, ch);
                if (bits & (ALT_ENUM_REBUILD | ALT_TYPE | ALT_COLLATION))
                    marks_begin(&cleared, current, desired);
                if (bits & ALT_ENUM_REBUILD) {
                    mark_pair(c, d);
                    affected++;
                }
                if (bits & (ALT_TYPE | ALT_COLLATION)) {
                    /* a column changed in place: views, policies and triggers
                     * that read it do not let ALTER COLUMN TYPE run */
                    ((Obj *)c)->mark = ((Obj *)d)->mark = 2;
                    affected++;
                }
                vec_push(a, &unchanged, (void *)c);
                vec_push(a, &unchanged, (void *)d);
            } else {
                vec_push(a, &unchanged, (void *)c);
                vec_push(a, &unchanged, (void *)d);
            }
            i++;
            j++;
        }
    }
    /* Columns of a rebuilt enum are converted in place by the rebuild, but
     * what depends on them (indexes, checks) holds values of the old type
     * and must be rebuilt around it. */
    for (int k = 0; affected && k < unchanged.n; k += 2) {
        const Obj *c = unchanged.items[k], *d = unchanged.items[k + 1];
        if (c->kind == OBJ_COLUMN && ((const Column *)c)->type.schema) {
            const Column *col = (const Column *)c;
            const Obj *e = model_lookup(current, OBJ_ENUM, col->type.schema, NULL, col->type.name);
            if (e && e->mark)
                mark_pair(c, d);
        }
    }
    /* Rebuild unchanged dependents of rebuilt objects, to a fixpoint. */
    bool grew = affected > 0;
    bool *done = arena_alloc(a, sizeof(bool) * (size_t)(unchanged.n / 2 + 1));
    while (grew) {
        grew = false;
        for (int k = 0; k < unchanged.n; k += 2) {
            const Obj *c = unchanged.items[k], *d = unchanged.items[k + 1];
            /* a foreign table holds no rows: re-created with its server */
            bool foreign = c->kind == OBJ_TABLE && ((const Table *)c)->server;
            if (done[k / 2] || (!rebuilt_with_deps(c->kind) && !foreign))
                continue;
            bool in_place = c->kind != OBJ_CONSTRAINT && c->kind != OBJ_INDEX && !foreign;
            if (deps_hit(c, in_place) || deps_hit(d, in_place)) {
                /* an ALTER (comment) of the same object is superseded */
                for (int x = 0; x < out->n; x++) {
                    Change *ch = out->items[x];
                    if (ch->op == CHG_ALTER && ch->current == c) {
                        out->items[x] = out->items[--out->n];
                        break;
                    }
                }
                add_rebuild(a, out, c, d, true);
                mark_pair(c, d);
                done[k / 2] = true;
                grew = true;
            }
        }
    }
    /* publications that list a re-created table take it back */
    if (affected) {
        diff_rebuilt_members(a, &unchanged, out);
        diff_range_dependents(current, desired, out);
    }
}

static bool is_table_child(ObjKind k)
{
    return k == OBJ_COLUMN || k == OBJ_CONSTRAINT || k == OBJ_INDEX || k == OBJ_SEQ_OWNER;
}

/* A column of a new table whose default calls a function created in the
 * same plan: a copy without the default (and without the dependencies on
 * those functions) to create the table with; NULL when not needed. */
static const Column *default_repair(Arena *a, const Column *col, const StrMap *new_functions)
{
    if (!col->def || !new_functions->n)
        return NULL;
    bool hit = false;
    for (int i = 0; i < col->obj.deps.n && !hit; i++) {
        const Obj *d = col->obj.deps.items[i];
        hit = d->kind == OBJ_FUNCTION && map_get(new_functions, d->key);
    }
    if (!hit)
        return NULL;
    Column *late = arena_alloc(a, sizeof(Column));
    obj_copy(late, col, sizeof *late);
    late->def = NULL;
    late->obj.deps = (PtrVec){0};
    for (int i = 0; i < col->obj.deps.n; i++)
        if (((const Obj *)col->obj.deps.items[i])->kind != OBJ_FUNCTION)
            vec_push(a, &late->obj.deps, col->obj.deps.items[i]);
    return late;
}

/* Fold children of created/dropped tables into the table's change; mark
 * the changes on objects of new tables. */
static void fold_changes(Arena *a, const PtrVec *raw, PtrVec *out)
{
    StrMap created = {0}, dropped = {0}, new_functions = {0};
    for (int i = 0; i < raw->n; i++) {
        Change *c = raw->items[i];
        if (c->kind == OBJ_FUNCTION && c->op == CHG_CREATE)
            map_put(a, &new_functions, c->desired->key, c);
        if (c->kind != OBJ_TABLE)
            continue;
        if (c->op == CHG_CREATE)
            map_put(a, &created, c->desired->key, c);
        else if (c->op == CHG_DROP)
            map_put(a, &dropped, c->current->key, c);
    }
    for (int i = 0; i < raw->n; i++) {
        Change *src = raw->items[i];
        const Obj *o = src->desired ? src->desired : src->current;
        bool is_new = false;
        if (is_table_child(src->kind) && o->kind != OBJ_SEQ_OWNER && src->op != CHG_ALTER) {
            /* the change of the child's table: created with it, or dropped */
            Change *t = model_key_get(src->op == CHG_CREATE ? &created : &dropped, OBJ_TABLE, o->schema, NULL,
                                      o->table);
            Change *tc = src->op == CHG_CREATE ? t : NULL, *td = src->op == CHG_DROP ? t : NULL;
            /* a foreign key may point at a table dropped in the same plan
             * (or form a cycle with it): it is dropped on its own first */
            bool fk = src->kind == OBJ_CONSTRAINT && ((const TableConstraint *)o)->contype == CON_FOREIGN;
            if (td && !fk) {
                vec_push(a, &td->parts, (void *)src->current);
                continue;
            }
            if (tc) {
                if (src->kind == OBJ_COLUMN) {
                    const Column *late = default_repair(a, (const Column *)src->desired, &new_functions);
                    if (late) {
                        /* the cycle "table default calls a function that reads
                         * the table": the table is created without the default,
                         * set once the function exists */
                        vec_push(a, &tc->parts, (void *)late);
                        tc->late_parts = true;
                        src->op = CHG_ALTER;
                        src->current = &late->obj;
                        src->alter = ALT_DEFAULT;
                        src->table_is_new = true;
                        src->late_default = true;
                        vec_push(a, out, src);
                        continue;
                    }
                    vec_push(a, &tc->parts, (void *)src->desired);
                    continue;
                }
                is_new = true;
            }
        }
        /* the change itself, not a copy: a dump keeps 70,000 of them */
        src->table_is_new |= is_new;
        vec_push(a, out, src);
    }
}

static bool is_relation(const Obj *o)
{
    return o->kind == OBJ_TABLE || o->kind == OBJ_VIEW || o->kind == OBJ_SEQUENCE;
}

/* A relation dropped while a relation of another kind takes its name: its
 * drop must check the kind at run time, or a second run would try to drop
 * the new one with the wrong statement.  Likewise an index whose name a new
 * constraint's index takes (UNIQUE ... USING INDEX over it, or built under
 * it): a second run must not drop the constraint's index. */
static void mark_reused_names(Arena *a, PtrVec *changes)
{
    bool drops = false; /* none in a dump: nothing to look up */
    for (int i = 0; i < changes->n && !drops; i++)
        drops = ((const Change *)changes->items[i])->op == CHG_DROP;
    if (!drops)
        return;
    StrMap created = {0};
    for (int i = 0; i < changes->n; i++) {
        Change *c = changes->items[i];
        if (c->op == CHG_CREATE && is_relation(c->desired))
            map_put(a, &created, arena_printf(a, "%s.%s", c->desired->schema, c->desired->name), c);
        /* the index of a PRIMARY KEY, UNIQUE or EXCLUDE constraint has its name */
        if (c->op == CHG_CREATE && c->kind == OBJ_CONSTRAINT &&
            ((const TableConstraint *)c->desired)->contype != CON_CHECK &&
            ((const TableConstraint *)c->desired)->contype != CON_FOREIGN)
            map_put(a, &created, arena_printf(a, "%s.%s", c->desired->schema, c->desired->name), c);
    }
    for (int i = 0; created.n && i < changes->n; i++) {
        Change *c = changes->items[i];
        if (c->op == CHG_DROP && c->current->kind == OBJ_INDEX) {
            Change *n = map_get(&created, arena_printf(a, "%s.%s", c->current->schema, c->current->name));
            c->name_reused = n && n->desired->kind == OBJ_CONSTRAINT;
            continue;
        }
        if (c->op != CHG_DROP || !is_relation(c->current))
            continue;
        Change *n = map_get(&created, arena_printf(a, "%s.%s", c->current->schema, c->current->name));
        if (n && (n->desired->kind != c->current->kind ||
                  (c->current->kind == OBJ_VIEW &&
                   ((const Definition *)n->desired)->materialized != ((const Definition *)c->current)->materialized)))
            c->name_reused = true;
    }
}

/* Index and constraint changes on a partitioned table: PostgreSQL allows
 * neither CONCURRENTLY nor NOT VALID there, and builds an index on each
 * partition itself, so the emitter needs the partitions (of the model the
 * change reads: the desired one, except for a drop). */
static void mark_partitioned(Arena *a, const Model *current, const Model *desired, PtrVec *changes)
{
    for (int i = 0; i < changes->n; i++) {
        Change *c = changes->items[i];
        if (c->kind != OBJ_INDEX && c->kind != OBJ_CONSTRAINT)
            continue;
        const Model *m = c->op == CHG_DROP ? current : desired;
        const Obj *o = c->op == CHG_DROP ? c->current : c->desired;
        const Table *t = model_table(m, o->schema, o->table);
        if (!t || !t->partspec)
            continue;
        c->on_partitioned = true;
        for (int j = 0; j < m->objs.n; j++) {
            const Obj *p = m->objs.items[j];
            if (p && p->kind == OBJ_TABLE && ((const Table *)p)->part_of &&
                !strcmp(((const Table *)p)->part_of, t->obj.name) &&
                str_same(((const Table *)p)->part_of_schema, t->obj.schema))
                vec_push(a, &c->partitions, (void *)p);
        }
    }
}

void diff_fold(Arena *a, const Model *current, const Model *desired, const PtrVec *raw, PtrVec *out)
{
    fold_changes(a, raw, out);
    mark_reused_names(a, out);
    mark_partitioned(a, current, desired, out);
    classify_mark_utc(out);
}
