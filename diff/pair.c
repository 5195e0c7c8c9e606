/*
 * pair.c — each forward change linked to the rollback change that undoes
 * it, and back.
 *
 * The rollback is the merge run the other way round, so almost every
 * forward change has a twin there: the same kind and identity key with the
 * operation reversed (a CREATE is undone by a DROP, a DROP by a CREATE, an
 * ALTER by an ALTER).  A rebuild (DROP + CREATE of one object) therefore
 * pairs with the rollback's rebuild of it: the forward DROP with the
 * rollback's CREATE, the forward CREATE with the rollback's DROP.  Those
 * links are mutual (c->inverse->inverse == c).
 *
 * An ALTER may be undone by a rebuild: a view column added at the end is
 * a CREATE OR REPLACE, removing it again needs a DROP and a CREATE.  The
 * ALTER pairs with the rebuild's CREATE (mutually) and the rebuild's DROP
 * points at the ALTER (one way).
 *
 * Folding breaks the symmetry too: a new table's indexes and constraints are
 * changes of their own going forward, while the rollback's DROP TABLE takes
 * them along (they are its `parts`), and the other way round for a dropped
 * table.  Such a change points at the table change that undoes it with
 * the rest of the table; that change's own link stays its twin's.
 *
 * What remains unpaired (inverse NULL) is a rebuild one direction alone
 * needs, undone by nothing: an object dropped and re-created unchanged
 * around another change (an index over an enum that loses a label, a view
 * over a view whose column goes; the way back alters them in place), or
 * a dependent rebuild the reverse merge alone finds.  pair_unmatched()
 * counts them and the plan lists them.
 *
 * Identity keys are unique per model, so the first twin found is the one;
 * matching is one map lookup per change.
 */
#include "model.h"

#include <string.h>

static const Obj *obj_of(const Change *c)
{
    return c->desired ? c->desired : c->current;
}

static ChangeOp reversed(ChangeOp op)
{
    switch (op) {
    case CHG_CREATE: return CHG_DROP;
    case CHG_DROP: return CHG_CREATE;
    case CHG_ALTER: return CHG_ALTER;
    }
    return op;
}

static const char *twin_key(Arena *a, ChangeOp op, const Obj *o)
{
    return arena_printf(a, "%d|%s", (int)op, o->key);
}

/* Index `to`: each change under its op and key (a list: a key may, rarely,
 * carry two changes of one op, e.g. a late default), and each object
 * folded into a table change under the object's key. */
static void index_changes(Arena *a, const PtrVec *to, StrMap *twins, StrMap *folded)
{
    for (int i = 0; i < to->n; i++) {
        Change *c = to->items[i];
        const char *k = twin_key(a, c->op, obj_of(c));
        PtrVec *list = map_get(twins, k);
        if (!list) {
            list = arena_alloc(a, sizeof(PtrVec));
            map_put(a, twins, k, list);
        }
        vec_push(a, list, c);
        for (int j = 0; j < c->parts.n; j++) {
            const Obj *part = c->parts.items[j];
            if (!map_get(folded, part->key))
                map_put(a, folded, part->key, c);
        }
    }
}

/* The first change of `list` not yet linked, of kind k and one of the ops
 * (a rebuild's CREATE only when `rebuild_only`). */
static Change *free_twin(const PtrVec *list, ObjKind k, bool rebuild_only)
{
    for (int j = 0; list && j < list->n; j++) {
        Change *t = list->items[j];
        if (!t->inverse && t->kind == k && (!rebuild_only || t->rebuild))
            return t;
    }
    return NULL;
}

/* Link the changes of `from` to their twins in `to` (both ways).  An ALTER
 * without an ALTER twin is undone by the other direction's rebuild of the
 * object (a view column added at the end is a CREATE OR REPLACE; removing
 * it again needs a drop and a create): it pairs with the rebuild's CREATE.
 * `twins` indexes `to`. */
static void link_twins(Arena *a, const PtrVec *from, const StrMap *twins)
{
    for (int i = 0; i < from->n; i++) {
        Change *c = from->items[i];
        if (c->inverse)
            continue;
        const Obj *o = obj_of(c);
        Change *t = free_twin(map_get(twins, twin_key(a, reversed(c->op), o)), c->kind, false);
        if (!t && c->op == CHG_ALTER)
            t = free_twin(map_get(twins, twin_key(a, CHG_CREATE, o)), c->kind, true);
        if (t) {
            c->inverse = t;
            t->inverse = c;
        }
    }
}

/* One-way links for what has no twin: the DROP of a rebuild whose CREATE
 * was paired with an ALTER points at that ALTER too; a change on an object
 * folded into a table create / drop of the other direction points at that
 * table change.  `own` indexes `from`, `folded` the other list. */
static void link_rest(Arena *a, const PtrVec *from, const StrMap *own, const StrMap *folded)
{
    for (int i = 0; i < from->n; i++) {
        Change *c = from->items[i];
        if (c->inverse)
            continue;
        const Obj *o = obj_of(c);
        if (c->op == CHG_DROP && c->rebuild) {
            PtrVec *list = map_get(own, twin_key(a, CHG_CREATE, o));
            for (int j = 0; list && j < list->n && !c->inverse; j++) {
                const Change *s = list->items[j];
                if (s->kind == c->kind && s->rebuild && s->inverse && s->inverse->op == CHG_ALTER)
                    c->inverse = s->inverse;
            }
        }
        if (!c->inverse)
            c->inverse = map_get(folded, o->key);
    }
}

void pair_plan(Arena *a, MigrationPlan *p)
{
    StrMap fwd_twins = {0}, fwd_folded = {0}, inv_twins = {0}, inv_folded = {0};
    index_changes(a, &p->inverse, &inv_twins, &inv_folded);
    index_changes(a, &p->changes, &fwd_twins, &fwd_folded);
    link_twins(a, &p->changes, &inv_twins);
    link_twins(a, &p->inverse, &fwd_twins);
    link_rest(a, &p->changes, &fwd_twins, &inv_folded);
    link_rest(a, &p->inverse, &inv_twins, &fwd_folded);
}

bool pair_mutual(const Change *c)
{
    return c->inverse && c->inverse->inverse == c;
}

bool pair_consistent(const Change *c)
{
    const Change *t = c->inverse;
    if (!t)
        return true;
    const Obj *o = obj_of(c), *to = obj_of(t);
    bool same = t->kind == c->kind && !strcmp(o->key, to->key);
    if (pair_mutual(c))
        return same && (t->op == reversed(c->op) || (c->op == CHG_ALTER && t->op == CHG_CREATE && t->rebuild) ||
                        (t->op == CHG_ALTER && c->op == CHG_CREATE && c->rebuild));
    /* one way: the DROP of a rebuild undoing an ALTER with its CREATE */
    if (same)
        return c->op == CHG_DROP && c->rebuild && t->op == CHG_ALTER;
    /* or c's object is one of the parts of the table change t */
    if (t->kind != OBJ_TABLE || t->op == CHG_ALTER)
        return false;
    for (int j = 0; j < t->parts.n; j++)
        if (!strcmp(((const Obj *)t->parts.items[j])->key, o->key))
            return true;
    return false;
}

int pair_unmatched(const PtrVec *changes)
{
    int n = 0;
    for (int i = 0; i < changes->n; i++)
        n += ((const Change *)changes->items[i])->inverse == NULL;
    return n;
}
