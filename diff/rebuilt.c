/*
 * rebuilt.c — what a re-created table takes back that no rebuild of its
 * own restores.
 *
 * A table the plan drops and re-creates (it becomes partitioned or stops
 * being so) loses, with DROP TABLE, everything PostgreSQL keeps about it
 * in other objects' catalogs.  Its columns, constraints, indexes, triggers,
 * rules, statistics objects, comments, grants and replica identity come
 * back with it: they are its children or dependents (diff.c rebuilds them)
 * or part of its CREATE (emit/sql.c, emit/defs.c).  A publication is
 * neither: it outlives the table, and PostgreSQL silently removes the
 * table (with its column list and row filter) from it.  Since the desired
 * publication still lists the table, the merge sees no difference there;
 * this pass adds the ALTER that puts the table back.
 *
 * The ALTER is marked `dependent` with ALT_DEFINITION: emit/publication.c
 * then prints ALTER PUBLICATION ... SET with the whole desired list (which
 * is idempotent and carries column lists and row filters), and
 * diff/order.c places it after the table's CREATE, since a publication
 * depends on its tables.  An ALTER the merge already made for the
 * publication (options, comment) is reused.  The rollback is the same
 * pass on the plan the other way round.
 */
#include "model.h"

#include <string.h>

/* Whether a table that o depends on is re-created (marked 1 by diff.c). */
static bool table_rebuilt(const Obj *o)
{
    for (int i = 0; i < o->deps.n; i++) {
        const Obj *d = o->deps.items[i];
        if (d->kind == OBJ_TABLE && d->mark == 1)
            return true;
    }
    return false;
}

void diff_rebuilt_members(Arena *a, const PtrVec *pairs, PtrVec *out)
{
    for (int k = 0; k < pairs->n; k += 2) {
        const Obj *c = pairs->items[k], *d = pairs->items[k + 1];
        if (c->kind != OBJ_PUBLICATION || !table_rebuilt(d))
            continue;
        Change *ch = NULL;
        for (int x = 0; x < out->n && !ch; x++) {
            Change *o = out->items[x];
            if (o->op == CHG_ALTER && o->current == c)
                ch = o;
        }
        if (!ch) {
            ch = arena_alloc(a, sizeof(Change));
            ch->op = CHG_ALTER;
            ch->kind = c->kind;
            ch->current = c;
            ch->desired = d;
            vec_push(a, out, ch);
        }
        ch->alter |= ALT_DEFINITION;
        ch->dependent = true;
    }
}
