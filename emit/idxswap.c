/*
 * idxswap.c — the statements of an index rebuild that leaves no moment
 * without an index.
 *
 * diff/idxswap.c folds a changed index (or PRIMARY KEY / UNIQUE
 * constraint) into one ALTER with two temporary names; this prints it.
 *
 * An index i becomes, with i_sdnew and i_sdold those names:
 *
 *   1. DROP INDEX CONCURRENTLY IF EXISTS i_sdold   -- an earlier run's leftover
 *   2. DO: drop i_sdnew if it is INVALID           -- a failed build's leftover
 *   3. CREATE INDEX CONCURRENTLY IF NOT EXISTS i_sdnew ... (the new definition)
 *   4. [DO: REPLICA IDENTITY DEFAULT while i is it, when the new one is not]
 *   5. DO, when i_sdnew is a valid index, in one transaction: i renamed to
 *      i_sdold, i_sdnew to i; its statistics targets, comment, REPLICA
 *      IDENTITY USING INDEX and CLUSTER ON set
 *   6. DROP INDEX CONCURRENTLY IF EXISTS i_sdold
 *
 * At every moment a valid index of each definition exists, and i names
 * one: the old until step 5 commits, the new from then on.  The old index
 * is renamed before it is dropped, rather than dropped by its own name,
 * so that no statement ever drops an index by the name the new one ends
 * up with: a re-run, or a run that goes on after a failed build, can drop
 * only the old.  Re-running after any prefix of the steps finishes the
 * job; PostgreSQL cannot run CREATE INDEX CONCURRENTLY conditionally (not
 * in a DO block), so a run after the swap builds i_sdnew once more and
 * swaps it in again: harmless, and never a gap.
 *
 * A PRIMARY KEY or UNIQUE constraint k becomes 2. and 3. (a unique index
 * k_sdnew on the key, INCLUDE, NULLS NOT DISTINCT, WITH), 4., then in one
 * DO block guarded the same way `ALTER TABLE t DROP CONSTRAINT IF EXISTS k,
 * ADD CONSTRAINT k PRIMARY KEY USING INDEX k_sdnew` (one statement:
 * PostgreSQL renames the index to k), its REPLICA IDENTITY and comments.
 * The old key enforces uniqueness until the new one takes over in the
 * same transaction; ACCESS EXCLUSIVE is held only for that moment.  The
 * foreign keys that reference the key (c->swap_fks) are dropped first in
 * that transaction and added back NOT VALID at its end: they check every
 * new row throughout, and their own change validates the old rows after.
 */
#include "pg.h"
#include "model.h"

/* SQL condition: schema.name is a valid index. */
static const char *valid_index(Emit *e, const char *schema, const char *name)
{
    return arena_printf(e->a,
                        "EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = "
                        "pg_catalog.to_regclass(%s) AND indisvalid)",
                        q_literal(e->a, q_qual(e->a, schema, name)));
}

static void swap_index(Emit *e)
{
    Change *c = e->c;
    const TableIndex *cur = (const TableIndex *)c->current, *des = (const TableIndex *)c->desired;
    const char *schema = des->obj.schema;
    const char *tname = q_qual(e->a, schema, des->obj.table);
    const char *name = q_ident(e->a, des->obj.name);
    const char *qname = q_qual(e->a, schema, des->obj.name);
    const char *qnew = q_qual(e->a, schema, c->swap_new);
    const char *qold = q_qual(e->a, schema, c->swap_old);
    const char *drop_old = arena_printf(e->a, "DROP INDEX CONCURRENTLY IF EXISTS %s;", qold);

    emit_stmt(e, drop_old);
    emit_stmt(e, emit_invalid_index_drop(e, schema, c->swap_new));
    emit_stmt(e, emit_index_create_sql(e, des, c->swap_new));
    replident_index_change(e, &cur->obj, cur->replica_identity, des->replica_identity && cur->replica_identity);

    StrBuf body;
    sb_init(&body);
    int n = 2;
    sb_printf(&body, "ALTER INDEX IF EXISTS %s RENAME TO %s;\n        ALTER INDEX %s RENAME TO %s;", qname,
              q_ident(e->a, c->swap_old), qnew, name);
    for (int i = 1; i <= des->n_col_stats; i++) {
        int t = model_index_stat(des, i);
        if (t >= 0) {
            sb_printf(&body, "\n        ALTER INDEX %s ALTER COLUMN %d SET STATISTICS %d;", qname, i, t);
            n++;
        }
    }
    if (des->obj.comment) {
        sb_printf(&body, "\n        %s", emit_comment_sql(e, &des->obj));
        n++;
    }
    if (des->replica_identity) {
        sb_printf(&body, "\n        ALTER TABLE %s REPLICA IDENTITY USING INDEX %s;", tname, name);
        n++;
    }
    if (des->clustered) {
        sb_printf(&body, "\n        ALTER TABLE %s CLUSTER ON %s;", tname, name);
        n++;
    }
    emit_stmt(e, emit_guarded_n(e, valid_index(e, schema, c->swap_new), sb_take(&body, e->a), n));
    sb_free(&body);
    emit_stmt(e, drop_old);
    emit_summary(e, "rebuild", &des->obj,
                 arena_printf(e->a, "built concurrently as %s, swapped in, old one dropped concurrently",
                              q_ident(e->a, c->swap_new)));
}

static void swap_key(Emit *e)
{
    Change *c = e->c;
    const TableConstraint *cur = (const TableConstraint *)c->current, *des = (const TableConstraint *)c->desired;
    const Constraint *con = (const Constraint *)des->raw;
    const char *schema = des->obj.schema;
    const char *tname = q_qual(e->a, schema, des->obj.table);
    const char *name = q_ident(e->a, des->obj.name);

    emit_stmt(e, emit_invalid_index_drop(e, schema, c->swap_new));
    emit_stmt(e, emit_key_index_sql(e, des, tname, q_ident(e->a, c->swap_new)));
    replident_index_change(e, &cur->obj, cur->replica_identity, des->replica_identity && cur->replica_identity);

    StrBuf body;
    sb_init(&body);
    int n = 1;
    for (int i = 0; i < c->swap_fks.n; i += 2) {
        const Obj *fk = c->swap_fks.items[i];
        sb_printf(&body, "ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s;\n        ", q_qual(e->a, fk->schema, fk->table),
                  q_ident(e->a, fk->name));
        n++;
    }
    sb_printf(&body, "ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s, ADD CONSTRAINT %s %s USING INDEX %s%s%s;", tname,
              name, name, des->contype == CON_PRIMARY ? "PRIMARY KEY" : "UNIQUE", q_ident(e->a, c->swap_new),
              con->deferrable ? " DEFERRABLE" : "", con->initdeferred ? " INITIALLY DEFERRED" : "");
    for (int i = 1; i < c->swap_fks.n; i += 2) {
        sb_printf(&body, "\n        %s", emit_add_constraint_sql(e, c->swap_fks.items[i], true));
        n++;
    }
    if (des->replica_identity) {
        sb_printf(&body, "\n        ALTER TABLE %s REPLICA IDENTITY USING INDEX %s;", tname, name);
        n++;
    }
    if (des->obj.comment) {
        sb_printf(&body, "\n        %s", emit_comment_sql(e, &des->obj));
        n++;
    }
    if (des->index_comment) {
        sb_printf(&body, "\n        COMMENT ON INDEX %s IS %s;", q_qual(e->a, schema, des->obj.name),
                  q_literal(e->a, des->index_comment));
        n++;
    }
    emit_stmt(e, emit_guarded_n(e, valid_index(e, schema, c->swap_new), sb_take(&body, e->a), n));
    sb_free(&body);
    emit_summary(e, "rebuild", &des->obj,
                 arena_printf(e->a, "unique index built concurrently as %s, then the constraint takes it over",
                              q_ident(e->a, c->swap_new)));
}

void idxswap_emit(Emit *e)
{
    if (e->c->kind == OBJ_INDEX)
        swap_index(e);
    else
        swap_key(e);
}
