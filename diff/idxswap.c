/*
 * idxswap.c — which index rebuilds can run without a moment without an index.
 *
 * The merge (diff.c) turns a changed index, PRIMARY KEY or UNIQUE
 * constraint into a DROP + CREATE pair: between the two statements queries
 * have no index and a unique one enforces nothing.  Where PostgreSQL lets
 * the new definition be built next to the old one, this pass folds the pair
 * into one ALTER marked ALT_REBUILD, which emit/idxswap.c prints as a swap:
 * the new index built CONCURRENTLY under a temporary name, then put in the
 * old one's place (renamed, or taken over by the constraint through
 * ADD CONSTRAINT ... USING INDEX), then the old one dropped.  The temporary
 * names are chosen here, where both models are known, so that they collide
 * with nothing either side has (PostgreSQL's ChooseRelationName: a label,
 * then the label with a counter, the name truncated by makeObjectName's
 * rule to 63 bytes).
 *
 * The pair stays as it is (today's drop then create, with the
 * `index_rebuild` hazard) where a swap cannot work or cannot be ordered:
 *  - on a partitioned table (no CONCURRENTLY there), a table the plan
 *    creates, or, for a constraint, a partition (its key may be the
 *    parent's);
 *  - a dependent rebuild (the index is rebuilt around something else that
 *    is re-created, e.g. an enum its predicate names: the old index must be
 *    gone before that thing is dropped, the new one needs it re-created);
 *  - when something the old definition needs is dropped, re-created or
 *    changed under it (a column retyped, its collation, identity or
 *    generation changed, or its NOT NULL, which a column leaving a primary
 *    key loses once the key is gone): the old index must be gone first
 *    there too, and a retype would rebuild it for nothing; nor when a
 *    column the new definition needs is retyped and so on (a NOT NULL set
 *    is fine: it comes first);
 *  - an EXCLUDE constraint (no USING INDEX for it), or a constraint that
 *    is not PRIMARY KEY / UNIQUE on either side;
 *  - a drop whose name a new constraint takes (mark_reused_names).
 * Foreign keys that reference a rebuilt key are rebuilt around it (diff.c's
 * dependents): PostgreSQL ties a foreign key to one index, so they must be
 * dropped and added back.  For a constraint's swap their drop moves into
 * the swap's transaction, which adds them back NOT VALID at once (new rows
 * are checked from that moment on); their own CREATE change then finds
 * them there and validates them.  A foreign key that also needs something
 * else changed, and one over a unique index (not a constraint: the old
 * index still exists when it would be added back, and PostgreSQL could
 * pick it), keeps its drop before the swap.  Only migrations swap: a dump
 * prints plain DDL.
 */
#include "model.h"

#include <stdint.h>
#include <string.h>

/* What other changes of the plan do to an object, by key: the ALT_* bits
 * of its ALTERs, and TOUCH_DROP when it is dropped (or re-created). */
#define TOUCH_DROP (1u << 31)

/* Changes of a dependency that forbid a swap: on either side, those that
 * need the old index gone or rebuild it anyway; on the old side also
 * NOT NULL (a column leaving a primary key is made nullable after the key
 * is gone). */
static const unsigned blocking_alter = ALT_TYPE | ALT_COLLATION | ALT_GENERATED | ALT_IDENTITY | ALT_INHERIT |
                                       ALT_OF | ALT_ENUM_REBUILD;

static bool key_kind(const Obj *o)
{
    if (o->kind == OBJ_INDEX)
        return true;
    if (o->kind != OBJ_CONSTRAINT)
        return false;
    ConKind k = ((const TableConstraint *)o)->contype;
    return k == CON_PRIMARY || k == CON_UNIQUE;
}

/* Whether the table of o is one a swap can work on, in model m. */
static bool table_ok(const Model *m, const Obj *o)
{
    const Table *t = model_table(m, o->schema, o->table);
    if (!t || t->partspec)
        return false;
    return o->kind == OBJ_INDEX || !t->part_of;
}

static bool deps_free(const StrMap *touched, const Obj *o, bool current_side)
{
    unsigned block = current_side ? blocking_alter | ALT_NOT_NULL | TOUCH_DROP : blocking_alter;
    for (int i = 0; i < o->deps.n; i++) {
        const Obj *d = o->deps.items[i];
        if ((unsigned)(uintptr_t)map_get(touched, d->key) & block)
            return false;
    }
    return true;
}

static bool is_fk(const Obj *o)
{
    return o->kind == OBJ_CONSTRAINT && ((const TableConstraint *)o)->contype == CON_FOREIGN;
}

/* Whether fk (a DROP change of a foreign key) is rebuilt only because it
 * references `key` and can be dropped and added back NOT VALID inside the
 * swap (its CREATE partner `c` validates it): nothing else it uses is
 * dropped or changed, neither table is partitioned or new. */
static bool fk_foldable(const StrMap *touched, const Change *fk, const Change *c, const Obj *key)
{
    if (!c || !c->dependent || !c->rebuild || c->table_is_new || c->on_partitioned || fk->on_partitioned ||
        fk->table_is_new)
        return false;
    bool refs = false;
    for (int i = 0; i < fk->current->deps.n; i++) {
        const Obj *d = fk->current->deps.items[i];
        if (d == key) {
            refs = true;
            continue;
        }
        if ((unsigned)(uintptr_t)map_get(touched, d->key) & (blocking_alter | ALT_NOT_NULL | TOUCH_DROP))
            return false;
    }
    return refs && deps_free(touched, c->desired, false);
}

/* Every relation name of both models, "schema.name" (plus those chosen). */
static void relation_names(Arena *a, const Model *m, StrMap *names)
{
    for (int i = 0; i < m->objs.n; i++) {
        const Obj *o = m->objs.items[i];
        if (!o || !o->schema)
            continue;
        bool rel = o->kind == OBJ_TABLE || o->kind == OBJ_INDEX || o->kind == OBJ_SEQUENCE || o->kind == OBJ_VIEW ||
                   o->kind == OBJ_COMPOSITE ||
                   (o->kind == OBJ_CONSTRAINT && ((const TableConstraint *)o)->contype != CON_CHECK &&
                    ((const TableConstraint *)o)->contype != CON_FOREIGN);
        if (rel)
            map_put(a, names, arena_printf(a, "%s.%s", o->schema, o->name), (void *)o);
    }
}

/* `<name>_<label>`, then `<name>_<label>1`, ... : the first that no
 * relation of the schema has; taken from then on. */
static const char *choose_name(Arena *a, StrMap *names, const char *schema, const char *name, const char *label)
{
    for (int pass = 0;; pass++) {
        const char *lab = pass ? arena_printf(a, "%s%d", label, pass) : label;
        const char *cand = norm_object_name(a, name, NULL, lab);
        const char *key = arena_printf(a, "%s.%s", schema, cand);
        if (!map_get(names, key)) {
            map_put(a, names, key, (void *)cand);
            return cand;
        }
    }
}

void idxswap_plan(Arena *a, const Model *current, const Model *desired, EmitStyle style, PtrVec *changes)
{
    if (style != STYLE_MIGRATION)
        return;
    bool any = false;
    for (int i = 0; i < changes->n && !any; i++) {
        const Change *c = changes->items[i];
        any = c->rebuild && c->op == CHG_DROP && key_kind(c->current);
    }
    if (!any)
        return;
    StrMap touched = {0}, creates = {0};
    for (int i = 0; i < changes->n; i++) {
        Change *c = changes->items[i];
        const Obj *o = c->op == CHG_DROP ? c->current : c->desired;
        uintptr_t t = (uintptr_t)map_get(&touched, o->key);
        if (c->op == CHG_DROP)
            t |= TOUCH_DROP;
        else if (c->op == CHG_ALTER)
            t |= c->alter;
        else if (c->rebuild)
            map_put(a, &creates, o->key, c);
        map_put(a, &touched, o->key, (void *)t);
    }
    PtrVec fk_drops = {0}; /* dependent rebuilds of foreign keys */
    for (int i = 0; i < changes->n; i++) {
        Change *c = changes->items[i];
        if (c->op == CHG_DROP && c->rebuild && c->dependent && is_fk(c->current))
            vec_push(a, &fk_drops, c);
    }
    /* swapped: key -> the create folded in; folded_fks: key -> the FK drop folded in */
    StrMap names = {0}, swapped = {0}, folded_fks = {0};
    bool have_names = false;
    int out = 0;
    for (int i = 0; i < changes->n; i++) {
        Change *d = changes->items[i];
        changes->items[out++] = d;
        if (d->op != CHG_DROP || !d->rebuild || d->dependent || !key_kind(d->current))
            continue;
        Change *c = map_get(&creates, d->current->key);
        if (!c || c->dependent || c->table_is_new || d->table_is_new || c->on_partitioned || d->on_partitioned ||
            d->name_reused || !key_kind(c->desired) || c->desired->kind != d->current->kind)
            continue;
        if (!table_ok(current, d->current) || !table_ok(desired, c->desired))
            continue;
        if (!deps_free(&touched, d->current, true) || !deps_free(&touched, c->desired, false))
            continue;
        if (!have_names) {
            relation_names(a, current, &names);
            relation_names(a, desired, &names);
            have_names = true;
        }
        /* the pair becomes one ALTER (the create is skipped below) */
        Change *s = arena_alloc(a, sizeof(Change));
        *s = *c;
        s->op = CHG_ALTER;
        s->current = d->current;
        s->alter = ALT_REBUILD;
        s->rebuild = true;
        s->swap_new = choose_name(a, &names, c->desired->schema, c->desired->name, "sdnew");
        if (c->kind == OBJ_INDEX)
            s->swap_old = choose_name(a, &names, c->desired->schema, c->desired->name, "sdold");
        changes->items[out - 1] = s;
        map_put(a, &swapped, c->desired->key, c);
        for (int f = 0; c->kind == OBJ_CONSTRAINT && f < fk_drops.n; f++) {
            Change *fk = fk_drops.items[f];
            Change *fc = map_get(&creates, fk->current->key);
            if (!map_get(&folded_fks, fk->current->key) && fk_foldable(&touched, fk, fc, d->current)) {
                map_put(a, &folded_fks, fk->current->key, fk);
                vec_push(a, &s->swap_fks, (void *)fk->current);
                vec_push(a, &s->swap_fks, (void *)fc->desired);
            }
        }
    }
    int n = out;
    out = 0;
    for (int i = 0; i < n; i++) {
        Change *c = changes->items[i];
        bool folded = c->op == CHG_CREATE ? map_get(&swapped, c->desired->key) == c
                      : c->op == CHG_DROP   ? map_get(&folded_fks, c->current->key) == c
                                            : false;
        if (!folded)
            changes->items[out++] = c;
    }
    changes->n = out;
}
