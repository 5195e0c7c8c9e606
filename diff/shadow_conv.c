/*
 * shadow_conv.c — how a shadow table fills a column whose type changes.
 *
 * The backfill, the sync trigger and the validation of shadow.sql copy
 * each column of the source into the shadow converted to its new type
 * (the reverse sync, after cutover, the other way).  By default that is
 * PostgreSQL's cast; a conversion named in schemadiff.yaml (`using:` the
 * forward way, `rollback_using:` the reverse one, diff/conv.c put them on
 * the columns as conv_using) replaces it, evaluated against the row, and
 * emit/shadow.c prints exactly the same expression in all three places.
 *
 * One change has no cast at all: a pgvector `vector(n)` (halfvec,
 * sparsevec) of another dimension — an embedding of 3 numbers is not one
 * of 4, and the cast raises an error on every non-NULL row.  In place the
 * ALTER fails (hazard vector_dimension_change, and a pre-flight counting
 * the rows).  Through a shadow table, decided here:
 *
 *   - with a conversion, the rows are converted by it: the change loses
 *     its vector_dimension_change hazard (the user named how), and the
 *     plan says which expression fills the column;
 *   - without one, the shadow leaves the column NULL in every row (the
 *     sync trigger too), so the desired column must allow NULL — else an
 *     input error at the column saying why and how; the change keeps its
 *     blocking vector_dimension_change hazard, has no pre-flight (no row
 *     makes the shadow fail), and a plan note says the embeddings must be
 *     recomputed after cutover and that validation compares them as NULL.
 *
 * The same holds backwards for the reverse sync after cutover (desired to
 * current; rollback_using): without it, the old table's column is left
 * NULL for rows the new table writes (an update that keeps the vector
 * keeps the old one), so the current column must allow NULL too.
 *
 * The decision is recorded on the ShadowTable (`nulled`, `rnulled`) and
 * on the current Column (`shadow_no_conv`, which diff/preflight.c reads);
 * emit/shadow.c prints what it says and decides nothing.
 */
#include "model.h"

#include <string.h>

bool shadow_vector_dim_change(const Column *from, const Column *to)
{
    const TypeRef *f = &from->type, *t = &to->type;
    return f->schema && t->schema && !strcmp(f->name, t->name) && f->array_dims == t->array_dims &&
           (!strcmp(t->name, "vector") || !strcmp(t->name, "halfvec") || !strcmp(t->name, "sparsevec")) &&
           strcmp(f->sql, t->sql) != 0;
}

static const Obj *place(const Column *des, const Column *cur)
{
    return des->obj.loc.file ? &des->obj : &cur->obj;
}

/* The forward change of column `name` of the shadowed table, or NULL. */
static Change *column_change(const ShadowTable *st, const char *name)
{
    for (int i = 0; i < st->changes.n; i++) {
        Change *c = st->changes.items[i];
        const Obj *o = c->desired ? c->desired : c->current;
        if (c->kind == OBJ_COLUMN && o && o->kind == OBJ_COLUMN && o->table && !strcmp(o->table, st->name) &&
            !strcmp(o->name, name))
            return c;
    }
    return NULL;
}

static void one_table(Arena *a, MigrationPlan *p, ShadowTable *st, Diags *diags)
{
    const char *cfg = "schemadiff.yaml";
    for (int i = 0; i < st->desired->columns.n; i++) {
        Column *des = st->desired->columns.items[i];
        Column *cur = (Column *)table_column(st->current, des->obj.name);
        if (!cur || des->generated || cur->generated || !shadow_vector_dim_change(cur, des))
            continue;
        const char *col = arena_printf(a, "%s.%s.%s", st->schema, st->name, des->obj.name);
        Change *c = column_change(st, des->obj.name);
        /* forward: source -> shadow (backfill, sync, validate) */
        if (des->conv_using) {
            if (c) {
                c->hazards &= ~(unsigned)HAZ_VECTOR_DIM;
                for (int k = 0; k < c->steps.n; k++)
                    ((Step *)c->steps.items[k])->hazards &= ~(unsigned)HAZ_VECTOR_DIM;
            }
            vec_push(a, &p->notes,
                     (void *)arena_printf(a,
                                          "%s: %s -> %s through the shadow table: its backfill and sync trigger fill it "
                                          "with the conversion (%s) of %s, and validation compares the converted rows",
                                          col, cur->type.sql, des->type.sql, des->conv_using, cfg));
        } else if (des->not_null) {
            diag_at(diags, EXIT_INPUT, place(des, cur)->loc,
                    "column %s cannot go through the shadow table: %s -> %s has no cast and no conversion, so the "
                    "shadow leaves it NULL in every row, but it is NOT NULL; name a conversion in %s (conversions: "
                    "- column: %s, using: <expression of the old row>) or let the column be NULL until the "
                    "embeddings are recomputed",
                    col, cur->type.sql, des->type.sql, cfg, col);
            continue;
        } else {
            vec_push(a, &st->nulled, des);
            cur->shadow_no_conv = true;
            if (c)
                c->hazards |= HAZ_VECTOR_DIM;
            vec_push(a, &p->notes,
                     (void *)arena_printf(a,
                                          "%s: %s -> %s through the shadow table with no conversion in %s: the shadow "
                                          "leaves it NULL in every row (the sync trigger too; validation compares it as "
                                          "NULL), so the embeddings must be recomputed after cutover "
                                          "(vector_dimension_change); to fill it instead, name a conversion (conversions: "
                                          "- column: %s, using: <expression of the old row>)",
                                          col, cur->type.sql, des->type.sql, cfg, col));
        }
        /* backward: the reverse sync after cutover, new -> old */
        if (cur->conv_using)
            continue;
        if (cur->not_null) {
            diag_at(diags, EXIT_INPUT, cur->obj.loc.file ? cur->obj.loc : des->obj.loc,
                    "column %s cannot go through the shadow table: after cutover the reverse sync would leave the old "
                    "table's %s NULL in the rows the new table writes (%s -> %s has no cast, and no rollback_using "
                    "converts back), but it is NOT NULL there; add rollback_using to the column's conversion in %s "
                    "(conversions: - column: %s, rollback_using: <expression of the new row>), or make the current "
                    "column nullable first",
                    col, des->obj.name, des->type.sql, cur->type.sql, cfg, col);
            continue;
        }
        vec_push(a, &st->rnulled, cur);
        vec_push(a, &p->notes,
                 (void *)arena_printf(a,
                                      "%s: after cutover the reverse sync leaves %s.%s.%s NULL in the rows the new table "
                                      "inserts or whose %s it changes (no rollback_using in %s): a rollback keeps the "
                                      "old embeddings of the other rows",
                                      col, st->schema, st->old_name, des->obj.name, des->obj.name, cfg));
    }
}

void shadow_columns(Arena *a, MigrationPlan *p, Diags *diags)
{
    for (int s = 0; s < p->shadowed.n; s++)
        one_table(a, p, p->shadowed.items[s], diags);
}
