/*
 * rangecols.c — columns of a range type that is re-created.
 *
 * PostgreSQL cannot ALTER a range type (its subtype, operator class,
 * collation, subtype_diff or multirange name): schemadiff drops and
 * re-creates it (diff.c), which fails while a column is of the range, of
 * its multirange or of an array of either.  Such a change is planned as a
 * rebuild that keeps the data: the DROP change takes the current columns
 * as parts (emit/defkinds.c moves each to text, its default dropped, then
 * drops the type), the CREATE change the desired ones (converted back
 * through text once the new type exists, default set again).  Text is the
 * one form both types read and print, so values convert exactly when the
 * subtype stays the same; a new operator class or collation can still
 * order two bounds the other way, and then the conversion fails in its
 * transaction and nothing is changed.
 *
 * What depends on such a column (indexes, views, constraints, policies,
 * triggers) is rebuilt around it: the columns are marked like a rebuilt
 * object's, and each dependent's change gets the range as a dependency
 * (Change.range_dep) so that diff/order.c drops it before the range and
 * creates it after.
 *
 * When the subtype itself changes and a column uses the range, the values
 * would not convert in general ('[1.5,2)' is no integer range): that is an
 * input error at the desired range type, naming the first such column
 * (range_check, called by casts_check before planning).
 */
#include "model.h"

#include <string.h>

static bool of_range(const Column *col, const Definition *r)
{
    const TypeRef *t = &col->type;
    if (!t->schema)
        return false;
    return (!strcmp(t->schema, r->obj.schema) && !strcmp(t->name, r->obj.name)) ||
           (r->multirange && r->multirange_schema && !strcmp(t->schema, r->multirange_schema) &&
            !strcmp(t->name, r->multirange));
}

static void columns_of(Arena *a, const Model *m, const Definition *r, PtrVec *out)
{
    for (int i = 0; i < m->objs.n; i++) {
        Column *c = m->objs.items[i];
        if (c && c->obj.kind == OBJ_COLUMN && of_range(c, r))
            vec_push(a, out, c);
    }
}

/* The columns of range `r` in model `m` that the other model `om` has too,
 * of its range `or_` (the others are dropped, created or retyped by their
 * own changes, which diff/order.c places around the type's); marked. */
static void kept_columns(Arena *a, const Model *m, const Definition *r, const Model *om, const Definition *or_,
                         PtrVec *out)
{
    PtrVec all = {0};
    columns_of(a, m, r, &all);
    for (int i = 0; i < all.n; i++) {
        Column *c = all.items[i];
        Column *oc = (Column *)model_lookup(om, OBJ_COLUMN, c->obj.schema, c->obj.table, c->obj.name);
        if (!oc || !of_range(oc, or_))
            continue;
        vec_push(a, out, c);
        c->obj.mark = oc->obj.mark = 1;
    }
}

void diff_range_columns(Arena *a, const Model *current, const Model *desired, const Obj *c, const Obj *d,
                        Change *drop, Change *create)
{
    const Definition *cr = (const Definition *)c, *dr = (const Definition *)d;
    kept_columns(a, current, cr, desired, dr, &drop->parts);
    kept_columns(a, desired, dr, current, cr, &create->parts);
}

/* The range type whose column o depends on, when that range is re-created. */
static const Obj *rebuilt_range_of(const Model *m, const Obj *o)
{
    for (int i = 0; i < o->deps.n; i++) {
        const Obj *dep = o->deps.items[i];
        if (dep->kind != OBJ_COLUMN || !((const Column *)dep)->type.schema)
            continue;
        const TypeRef *t = &((const Column *)dep)->type;
        const Obj *r = model_find_range(m, t->schema, t->name);
        if (r && r->mark == 1)
            return r;
    }
    return NULL;
}

void diff_range_dependents(const Model *current, const Model *desired, PtrVec *out)
{
    for (int i = 0; i < out->n; i++) {
        Change *ch = out->items[i];
        if (!ch->dependent || !ch->rebuild)
            continue;
        const Obj *o = ch->current ? ch->current : ch->desired;
        ch->range_dep = rebuilt_range_of(ch->current ? current : desired, o);
    }
}

/* The SUBTYPE of a canonical range statement (parser/defkinds.c). */
static const char *subtype_of(Arena *a, const Definition *r)
{
    const char *s = r->def_text ? strstr(r->def_text, "(SUBTYPE = ") : NULL;
    if (!s)
        return NULL;
    s += strlen("(SUBTYPE = ");
    int depth = 0;
    const char *p = s;
    for (; *p; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')' && depth-- == 0)
            break;
        else if (*p == ',' && depth == 0)
            break;
    }
    return arena_printf(a, "%.*s", (int)(p - s), s);
}

void range_check(const Model *current, const Model *desired, Diags *diags)
{
    Arena *a = desired->arena;
    for (int i = 0; i < desired->objs.n; i++) {
        const Obj *o = desired->objs.items[i];
        if (!o || o->kind != OBJ_RANGE)
            continue;
        const Obj *c = model_lookup(current, OBJ_RANGE, o->schema, NULL, o->name);
        if (!c)
            continue;
        const char *cs = subtype_of(a, (const Definition *)c), *ds = subtype_of(a, (const Definition *)o);
        if (!cs || !ds || !strcmp(cs, ds))
            continue;
        PtrVec cols = {0};
        columns_of(a, current, (const Definition *)c, &cols);
        for (int k = 0; k < cols.n; k++) {
            const Column *col = cols.items[k];
            /* a column the plan drops, or gives another type, holds no values to convert */
            const Column *dc = (const Column *)model_lookup(desired, OBJ_COLUMN, col->obj.schema, col->obj.table,
                                                            col->obj.name);
            if (!dc || !of_range(dc, (const Definition *)o))
                continue;
            diag_at(diags, EXIT_INPUT, o->loc,
                    "range type \"%s.%s\" cannot change its subtype from %s to %s while column \"%s\" of table "
                    "\"%s.%s\" uses it: its values would not convert; create a new range type and convert the "
                    "column to it instead",
                    o->schema, o->name, cs, ds, col->obj.name, col->obj.schema, col->obj.table);
            break;
        }
    }
}
