/*
 * partcheck.c — a partition's copies of its ancestors' CHECK constraints.
 *
 * PostgreSQL gives every partition the CHECK constraints of its partitioned
 * table, under the same names, and keeps them there as inherited only
 * (conislocal false: a partition has one parent and its copies are never
 * its own).  The model holds them on the table that declares them only:
 * the catalog reader skips non-local constraints, and a file's PARTITION
 * OF table lists none.  pg_dump, though, writes each partition as a
 * CREATE TABLE that spells the constraints out, then ALTER TABLE ...
 * ATTACH PARTITION, which merges them (by name) into the parent's.  So an
 * ATTACH here removes, from the partition and from the partitions already
 * attached below it, each CHECK constraint named as one of the new
 * parent's or of its ancestors' (a sub-partitioned table is attached to
 * its parent before or after its own partitions are attached to it).
 * Without this a dump of a partitioned table with a CHECK differs from
 * the file it was made from (a spurious DROP CONSTRAINT on each partition).
 */
#include "pg.h"
#include "model.h"

#include <string.h>

/* Whether `name` is a CHECK constraint of t or of one of its ancestors. */
static bool ancestor_check(const Model *m, const Table *t, const char *name)
{
    for (int depth = 0; t && depth < 64; depth++) {
        for (int i = 0; i < t->constraints.n; i++) {
            const TableConstraint *k = t->constraints.items[i];
            if (k && k->contype == CON_CHECK && !strcmp(k->obj.name, name))
                return true;
        }
        t = t->part_of ? model_table(m, t->part_of_schema, t->part_of) : NULL;
    }
    return false;
}

static void drop_copies(DdlReader *r, Table *child, const Table *parent, int depth)
{
    int kept = 0;
    for (int i = 0; i < child->constraints.n; i++) {
        TableConstraint *k = child->constraints.items[i];
        if (k && k->contype == CON_CHECK && model_find(r->m, k->obj.key) == &k->obj &&
            ancestor_check(r->m, parent, k->obj.name)) {
            char kb[PG_NAMEDATALEN * 2 + 2];
            snprintf(kb, sizeof kb, "%s.%s", k->obj.schema, k->obj.name);
            if (map_get(&r->m->connames, kb) == k)
                map_put(r->a, &r->m->connames, kb, NULL);
            model_remove(r->m, &k->obj);
            continue;
        }
        child->constraints.items[kept++] = k;
    }
    child->constraints.n = kept;
    /* only a partitioned table has partitions below it (leaves: no walk) */
    if (depth > 32 || !child->partspec)
        return;
    for (int i = 0; i < r->m->objs.n; i++) {
        Table *p = r->m->objs.items[i];
        if (p && p->obj.kind == OBJ_TABLE && p->part_of && !strcmp(p->part_of, child->obj.name) &&
            !strcmp(p->part_of_schema, child->obj.schema))
            drop_copies(r, p, parent, depth + 1);
    }
}

void partcheck_attached(DdlReader *r, Table *child, const Table *parent)
{
    drop_copies(r, child, parent, 0);
}
