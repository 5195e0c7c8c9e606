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
