/*
 * sizes.c — which tables' sizes a plan needs.
 *
 * The catalog read leaves each table's size in bytes unread
 * (Table.est_bytes_unread; parser/catalog_size.c says why): it costs the
 * server a relation open per table and index.  Two things use the size,
 * both after the plan is built: the step estimates diff/preflight.c copies
 * from a change's table, and shadow.min_bytes (diff/shadow.c).  The first
 * needs the tables the changes touch: a change of a table, or of a column,
 * constraint, index, trigger, policy or rule on it, on either side of the
 * change.  The second looks at every table both sides hold, but only when
 * shadow.min_bytes is set.  This file lists them; the driver (src/) has
 * them read and hands the plan on.  diff/ never calls parser/.
 */
#include "model.h"

#include <string.h>

static void add(Arena *a, const Model *current, StrMap *seen, PtrVec *out, const char *schema, const char *name)
{
    Table *t = model_table(current, schema, name);
    if (!t || !t->has_estimate || !t->est_bytes_unread)
        return;
    const char *key = arena_printf(a, "%s.%s", schema ? schema : "", name);
    if (map_get(seen, key))
        return;
    map_put(a, seen, key, t);
    vec_push(a, out, t);
}

static void add_obj(Arena *a, const Model *current, StrMap *seen, PtrVec *out, const Obj *o)
{
    if (!o)
        return;
    if (o->kind == OBJ_TABLE)
        add(a, current, seen, out, o->schema, o->name);
    else if (o->table && o->kind != OBJ_DEFAULT_ACL)
        add(a, current, seen, out, o->schema, o->table);
}

void plan_size_tables(Arena *a, const MigrationPlan *p, bool every_kept, PtrVec *out)
{
    StrMap seen = {0};
    const Model *current = p->current;
    if (every_kept) {
        for (int i = 0; i < current->objs.n; i++) {
            const Obj *o = current->objs.items[i];
            if (o && o->kind == OBJ_TABLE && model_table(p->desired, o->schema, o->name))
                add(a, current, &seen, out, o->schema, o->name);
        }
    }
    for (int i = 0; i < p->changes.n; i++) {
        const Change *c = p->changes.items[i];
        add_obj(a, current, &seen, out, c->current);
        add_obj(a, current, &seen, out, c->desired);
    }
}
