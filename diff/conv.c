/*
 * conv.c — schemadiff.yaml `conversions:` applied to the two models.
 *
 * A type change PostgreSQL has no cast for is refused (casts.c) unless the
 * config gives its USING expression (parser/config_conv.c reads it).  Here,
 * once both schemas are read, each rule is checked against them — the
 * column must be in the desired schema (else an input error at its YAML
 * line: a misspelt name), and in the current one with another type (else
 * a warning only: the config outlives the migration, and the rule is
 * simply done once a database has the new type) — and
 * the expressions are put where the emitter finds them: `using` on the
 * desired Column (the forward ALTER ... TYPE ... USING), `rollback_using`
 * on the current Column (the rollback changes the type back to it).  When
 * no rollback_using is given and no cast leads back either, the current
 * Column is marked: the rollback step then says, in a comment and in a plan
 * note, that it needs rollback_using — it is never silently wrong.
 */
#include "model.h"

#include <string.h>

void conv_apply(Arena *a, const Config *cfg, Model *current, Model *desired, Diags *diags, PtrVec *notes)
{
    for (int i = 0; i < cfg->conversions.n; i++) {
        const ConvRule *r = cfg->conversions.items[i];
        Column *d = (Column *)model_lookup(desired, OBJ_COLUMN, r->schema, r->table, r->column);
        if (!d || d->obj.kind != OBJ_COLUMN) {
            diag_at(diags, EXIT_INPUT, r->column_loc,
                    "conversion for column %s.%s.%s: the desired schema has no such column", r->schema, r->table,
                    r->column);
            continue;
        }
        Column *c = (Column *)model_lookup(current, OBJ_COLUMN, r->schema, r->table, r->column);
        if (!c || c->obj.kind != OBJ_COLUMN) {
            diag_warn(diags, r->column_loc,
                    "conversion for column %s.%s.%s not used: the current schema has no such column (a new "
                    "column has no rows to convert)",
                    r->schema, r->table, r->column);
            continue;
        }
        if (!strcmp(c->type.sql, d->type.sql)) {
            diag_warn(diags, r->column_loc,
                    "conversion for column %s.%s.%s not used: its type does not change (%s); once every database "
                    "is migrated, remove it",
                    r->schema, r->table, r->column, d->type.sql);
            continue;
        }
        d->conv_using = r->using_expr;
        c->conv_using = r->rollback_using;
        c->conv_no_cast_back = !r->rollback_using && !casts_convertible(&d->type, &c->type);
        if (c->conv_no_cast_back && notes)
            vec_push(a, notes,
                     (void *)arena_printf(a,
                                          "%s.%s.%s: the rollback cannot change the type back from %s to %s: "
                                          "PostgreSQL has no cast; add rollback_using to its conversion in %s",
                                          r->schema, r->table, r->column, d->type.sql, c->type.sql,
                                          cfg->file ? cfg->file : "schemadiff.yaml"));
    }
}
