/*
 * shadow_part.c — a plain table that becomes partitioned, through a shadow.
 *
 * In place, a table becomes partitioned only by being dropped and created
 * again: its rows are lost, or copied by hand under an ACCESS EXCLUSIVE
 * lock.  Through a shadow table it is the ordinary online path: the shadow
 * is the partitioned table itself, created in prepare with the desired
 * partitions under their desired names (every level, each after its
 * parent), and the sync trigger and the backfill insert through the
 * parent, so PostgreSQL routes each row to its partition.  At cutover only
 * the parent swaps names: the partitions already have theirs, and the old
 * table never had partitions, so no name of the old table can clash with
 * them; a desired partition whose name a relation of the current side
 * still holds is an input error here, before anything runs.
 *
 * A unique index of a partitioned table must hold the partition key's
 * columns, so the shadow's rows are matched (ON CONFLICT, the sync
 * trigger's DELETE) by the current key plus those columns: `match`.  The
 * current key stays unique on the source, so the backfill still walks it
 * in key order, and the reverse sync into the old plain table still
 * matches by the key alone.
 *
 * What no shadow can take is said as a clause for shadow_check.c's
 * message: a partition key with an expression (no unique index can hold
 * it), a partition key column the current table lacks (the sync trigger
 * could not match by it), a foreign partition (its rows live elsewhere).
 *
 * And, for every shadow, a note per new column: validation compares the
 * columns both sides have, so a new column (say `token uuid DEFAULT
 * gen_random_uuid()`) is filled per row by its default and not compared.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

/* The partition key's column names of `t` (false: an expression). */
static bool part_columns(Arena *a, const Table *t, PtrVec *out)
{
    const PartitionSpec *ps = (const PartitionSpec *)t->partspec;
    ListCell *lc;
    if (!ps)
        return true;
    foreach (lc, ps->partParams) {
        const PartitionElem *pe = lfirst(lc);
        if (!pe->name)
            return false;
        vec_push(a, out, (void *)pe->name);
    }
    return true;
}

static bool is_partition_of(const Table *t, const char *schema, const char *name)
{
    return t->part_of && str_same(t->part_of_schema ? t->part_of_schema : "public", schema) &&
           !strcmp(t->part_of, name);
}

/* The partitions of schema.name in m, every level, parents first. */
static void partitions(Arena *a, const Model *m, const char *schema, const char *name, PtrVec *out, int depth)
{
    if (depth > 64)
        return;
    for (int i = 0; i < m->objs.n; i++) {
        const Obj *o = m->objs.items[i];
        if (o->kind != OBJ_TABLE || !is_partition_of((const Table *)o, schema, name))
            continue;
        vec_push(a, out, (void *)o);
        if (((const Table *)o)->partspec)
            partitions(a, m, o->schema, o->name, out, depth + 1);
    }
}

const char *shadow_part_unsupported(Arena *a, const Model *des_m, const Table *cur, const Table *des)
{
    if (!des || !des->partspec)
        return NULL;
    PtrVec cols = {0};
    if (!part_columns(a, des, &cols))
        return arena_printf(a, "it becomes partitioned by an expression (PARTITION BY %s), which no unique index of "
                               "the shadow table can hold, and the sync matches rows by one",
                            des->partkey_text ? des->partkey_text : "...");
    for (int i = 0; i < cols.n; i++)
        if (!table_column(cur, cols.items[i]))
            return arena_printf(a, "its partition key column %s is new (the sync trigger matches rows by the "
                                   "partition key, which the current rows lack); add the column first (its own "
                                   "migration)",
                                (const char *)cols.items[i]);
    PtrVec parts = {0};
    partitions(a, des_m, des->obj.schema, des->obj.name, &parts, 0);
    for (int i = 0; i < parts.n; i++) {
        const Table *p = parts.items[i];
        if (p->server)
            return arena_printf(a, "its partition %s.%s is a foreign table (its rows live on server %s: a copy "
                                   "cannot put them there)",
                                p->obj.schema, p->obj.name, p->server);
        if (p->partspec) {
            PtrVec sub = {0};
            if (!part_columns(a, p, &sub))
                return arena_printf(a, "its partition %s.%s is partitioned by an expression, which no unique index "
                                       "of the shadow table can hold",
                                    p->obj.schema, p->obj.name);
        }
    }
    return NULL;
}

void shadow_part_gather(Arena *a, const MigrationPlan *p, ShadowTable *st, Diags *diags)
{
    for (int i = 0; i < st->key.n; i++)
        vec_push(a, &st->match, st->key.items[i]);
    if (!st->desired->partspec)
        return;
    st->partitioned = true;
    partitions(a, p->desired, st->schema, st->name, &st->des_parts, 0);
    /* the partition key's columns (of every level: a sub-partition's
     * unique index holds its own key's columns too) */
    PtrVec cols = {0};
    part_columns(a, st->desired, &cols);
    for (int i = 0; i < st->des_parts.n; i++)
        part_columns(a, st->des_parts.items[i], &cols);
    for (int i = 0; i < cols.n; i++) {
        bool have = false;
        for (int k = 0; k < st->match.n && !have; k++)
            have = !strcmp(st->match.items[k], cols.items[i]);
        if (!have)
            vec_push(a, &st->match, cols.items[i]);
    }
    for (int i = 0; i < st->des_parts.n; i++) {
        const Table *part = st->des_parts.items[i];
        const Obj *at = shadow_name_holder(p->current, part->obj.schema, part->obj.name, true);
        if (!at)
            continue;
        bool same_table = at->kind == OBJ_TABLE;
        diag_at(diags, EXIT_INPUT, at->loc.file ? at->loc : part->obj.loc,
                "table %s.%s cannot go through a shadow table: its partition %s.%s would be created under its "
                "desired name, which %s %s.%s already holds%s; rename or drop that first (its own migration), or "
                "leave %s.%s out of --shadow / shadow.tables",
                st->schema, st->name, part->obj.schema, part->obj.name, kind_info[at->kind].name, at->schema, at->name,
                same_table ? " (attaching an existing table as a partition is not done through a shadow table)" : "",
                st->schema, st->name);
    }
}

bool shadow_part_owns(const ShadowTable *st, const char *schema, const char *table)
{
    for (int i = 0; i < st->des_parts.n; i++) {
        const Table *t = st->des_parts.items[i];
        if (str_same(t->obj.schema, schema) && !strcmp(t->obj.name, table))
            return true;
    }
    return false;
}

void shadow_new_column_notes(Arena *a, MigrationPlan *p, ShadowTable *st)
{
    for (int i = 0; i < st->desired->columns.n; i++) {
        const Column *c = st->desired->columns.items[i];
        if (c->generated || table_column(st->current, c->obj.name))
            continue;
        const char *how = c->def ? arena_printf(a, "its default (%s), evaluated row by row", deparse_expr(a, c->def->raw))
                          : c->identity ? "its identity sequence, row by row"
                                        : "NULL (it has no default)";
        const char *note = arena_printf(a, "%s.%s: new column %s is filled by the backfill and the sync trigger "
                                           "with %s; validation compares only the columns the current table has, "
                                           "not this one",
                                        st->schema, st->name, c->obj.name, how);
        vec_push(a, &st->notes, (void *)note);
        vec_push(a, &p->notes, (void *)note);
    }
}
