/*
 * plan.c — the plan driver: the one place the passes are run in order.
 *
 * For each direction (the migration, then the rollback, which is the same
 * driver with the models swapped): diff/diff.c merges the two models into
 * change records and folds a table's children into its create or drop;
 * emit/ prints each change's statements (its steps); the steps are
 * classified (the hook below); diff/order.c orders the changes.  Then the
 * changes of the two directions are paired (diff/pair.c).  The dump of one
 * model is the same driver from the empty model, printed plainly.
 *
 * The commands in src/ call this and then emit/output.c, which only prints
 * what it is given: nothing in emit/ calls back into diff/.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

void plan_changes(Arena *a, const Model *current, const Model *desired, DiffMemo *memo, EmitStyle style,
                  PtrVec *out, PtrVec *cycle)
{
    double t0 = timing_clock();
    PtrVec raw = {0};
    diff_models(a, current, desired, memo, &raw);
    double t1 = timing_clock();
    diff_fold(a, current, desired, &raw, out);
    idxswap_plan(a, current, desired, style, out);
    double t2 = timing_clock();
    for (int i = 0; i < out->n; i++)
        emit_change(a, out->items[i], style);
    double t3 = timing_clock();
    if (style == STYLE_MIGRATION)
        classify_changes(a, current, desired, out);
    double t4 = timing_clock();
    order_changes(a, out, cycle);
    timing_report("  plan: diff %.3f s, fold %.3f s, emit %.3f s, classify %.3f s, order %.3f s, %d changes", t1 - t0,
                  t2 - t1, t3 - t2, t4 - t3, timing_clock() - t4, out->n);
}

/* Default privileges a file sets without FOR ROLE are the running role's:
 * where the other side has them for exactly one role (a database names
 * it), they are taken to be that role's. */
static void match_unstated_roles(Model *files, const Model *other)
{
    bool renamed = false;
    for (int i = 0; i < files->objs.n; i++) {
        Obj *o = files->objs.items[i];
        if (o->kind != OBJ_DEFAULT_ACL || *o->name)
            continue;
        const Obj *match = NULL;
        int n = 0;
        for (int k = 0; k < other->objs.n; k++) {
            const Obj *x = other->objs.items[k];
            if (x->kind == OBJ_DEFAULT_ACL && *x->name && str_same(x->schema, o->schema) && !strcmp(x->table, o->table)) {
                match = x;
                n++;
            }
        }
        if (n == 1 && !model_lookup(files, OBJ_DEFAULT_ACL, o->schema, o->table, match->name)) {
            model_rename(files, o, match->name);
            o->owner = o->name;
            renamed = true;
        }
    }
    if (renamed)
        model_sort(files);
}

void plan_match_roles(Model *current, Model *desired)
{
    match_unstated_roles(desired, current);
    match_unstated_roles(current, desired);
}

MigrationPlan *plan_build(Arena *a, const Model *current, const Model *desired)
{
    plan_match_roles((Model *)current, (Model *)desired);
    return plan_build_matched(a, current, desired);
}

MigrationPlan *plan_build_matched(Arena *a, const Model *current, const Model *desired)
{
    MigrationPlan *p = arena_alloc(a, sizeof(MigrationPlan));
    p->arena = a;
    p->current = current;
    p->desired = desired;
    DiffMemo *memo = diff_memo_new(a);
    plan_changes(a, current, desired, memo, STYLE_MIGRATION, &p->changes, &p->cycle);
    /* The rollback is the plan from desired back to current: each of its
     * changes is the inverse of one above, and it also finds the dependent
     * rebuilds the way back needs (an enum losing a label again). */
    plan_changes(a, desired, current, memo, STYLE_MIGRATION, &p->inverse, p->cycle.n ? NULL : &p->cycle);
    pair_plan(a, p);
    return p;
}

MigrationPlan *plan_dump(Arena *a, const Model *empty, const Model *m)
{
    MigrationPlan *p = arena_alloc(a, sizeof(MigrationPlan));
    p->arena = a;
    p->current = empty;
    p->desired = m;
    /* the creates of a plan from the empty schema, printed plainly */
    plan_changes(a, empty, m, NULL, STYLE_DUMP, &p->changes, NULL);
    return p;
}
