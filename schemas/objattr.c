/*
 * objattr.c — small facts about model objects that more than one pass
 * reads: an index column's statistics target, whether two views' column
 * comments or two OPTIONS lists are the same, the range type a name (or
 * its multirange's name) stands for, and the marker a secret option value
 * is kept as.
 *
 * The readers fill these fields (parser/forms.c, objects.c, foreign.c,
 * defkinds.c, where they lived); diff/ compares them and emit/ prints
 * them, so they live here, below all three.  Moved unchanged but for the
 * names, which now carry this module's prefix (model_).
 */
#include "pg.h"
#include "model.h"

#include <stdio.h>
#include <string.h>

const char *const MODEL_SECRET = "\001secret";

int model_index_stat(const TableIndex *ix, int n)
{
    return n >= 1 && n <= ix->n_col_stats ? ix->col_stats[n - 1] : -1;
}

bool model_colcomments_equal(const Definition *a, const Definition *b)
{
    if (a->colcomments.n != b->colcomments.n)
        return false;
    for (int i = 0; i < a->colcomments.n; i++)
        if (strcmp(a->colcomments.items[i], b->colcomments.items[i]))
            return false;
    return true;
}

bool model_options_equal(const PtrVec *x, const PtrVec *y)
{
    if (x->n != y->n)
        return false;
    for (int i = 0; i < x->n; i++)
        if (strcmp(x->items[i], y->items[i]))
            return false;
    return true;
}

Obj *model_find_range(const Model *m, const char *schema, const char *name)
{
    Obj *o = model_lookup(m, OBJ_RANGE, schema, NULL, name);
    if (o || !m->multiranges.n)
        return o;
    char buf[PG_NAMEDATALEN * 2 + 2];
    snprintf(buf, sizeof buf, "%s.%s", schema, name);
    Obj *rg = map_get(&m->multiranges, buf);
    /* a range dropped since it was mapped is no longer in the model */
    return rg && model_lookup(m, OBJ_RANGE, rg->schema, NULL, rg->name) == rg ? rg : NULL;
}

static bool keys_same_set(List *a, List *b)
{
    if (list_length(a) != list_length(b))
        return false;
    ListCell *la, *lb;
    foreach (la, a) {
        bool found = false;
        foreach (lb, b)
            found = found || !strcmp(strVal(lfirst(la)), strVal(lfirst(lb)));
        if (!found)
            return false;
    }
    return true;
}

/* A unique index's key columns (NULL when it has expressions or a predicate). */
static List *unique_index_keys(const TableIndex *ix)
{
    IndexStmt *st = (IndexStmt *)ix->raw;
    if (!ix->unique || st->whereClause)
        return NIL;
    List *keys = NIL;
    ListCell *lc;
    foreach (lc, st->indexParams) {
        IndexElem *ie = lfirst(lc);
        if (!ie->name)
            return NIL;
        keys = lappend(keys, makeString(ie->name));
    }
    return keys;
}

/* See schemas/model.h.  The primary key, or for explicit columns any
 * PRIMARY KEY, UNIQUE or unique index without expressions or predicate on
 * exactly those columns (in any order), not deferrable. */
Obj *model_referenced_key(const Model *m, const StrMap *unique_ix, const char *schema, const char *table, List *cols,
                         bool *deferrable)
{
    *deferrable = false;
    Table *t = model_table(m, schema, table);
    if (!t)
        return NULL;
    for (int i = 0; i < t->constraints.n; i++) {
        TableConstraint *u = t->constraints.items[i];
        if (model_find(m, u->obj.key) != &u->obj)
            continue; /* dropped since */
        Constraint *uc = (Constraint *)u->raw;
        if (u->contype != CON_PRIMARY && (u->contype != CON_UNIQUE || !cols))
            continue;
        if (cols && !keys_same_set(uc->keys, cols))
            continue;
        if (!uc->deferrable)
            return &u->obj;
        *deferrable = true;
    }
    char buf[PG_NAMEDATALEN * 2 + 2];
    snprintf(buf, sizeof buf, "%s.%s", schema, table);
    const PtrVec *ixs = cols ? map_get(unique_ix, buf) : NULL;
    for (int i = 0; ixs && i < ixs->n; i++)
        if (keys_same_set(unique_index_keys(ixs->items[i]), cols))
            return ixs->items[i];
    return NULL;
}

void model_index_unique(Arena *a, const Model *m, StrMap *out)
{
    for (int i = 0; i < m->objs.n; i++) {
        Obj *o = m->objs.items[i];
        if (!o || o->kind != OBJ_INDEX || !((TableIndex *)o)->unique)
            continue;
        const char *k = arena_printf(a, "%s.%s", o->schema, o->table);
        PtrVec *v = map_get(out, k);
        if (!v) {
            v = arena_alloc(a, sizeof(PtrVec));
            map_put(a, out, k, v);
        }
        vec_push(a, v, o);
    }
}
