/*
 * partlocks.c — the names of the copies a partition holds of its
 * ancestors' indexes and keys, for the lock claims of diff/classify.c.
 *
 * A partitioned table's index or PRIMARY KEY / UNIQUE / EXCLUDE key has a
 * copy in every partition, at every level; the model holds only the
 * parent's object (parser/catalog.c leaves the copies out, and schema
 * files never name them).  Yet the statements that reach the copies lock
 * them: DROP INDEX of the parent's index drops each copy, DETACH
 * PARTITION locks the partition's copies, a rewrite rebuilds them.  So the
 * claims name each copy as PostgreSQL names it when it makes one
 * (DefineIndex for a partition: ChooseIndexName over the partition's name
 * and ChooseIndexColumnNames of the key and INCLUDE columns, label "pkey"
 * for a primary key, "excl" for an exclusion constraint, "key" for a
 * UNIQUE constraint and "idx" for any index, a unique one too).  A copy
 * that an online partitioned index build made is named
 * model_partition_index_name() instead; a partition that was a table of
 * its own before ATTACH keeps whatever name its matching index had, which
 * no model records.
 *
 * When that name is taken (two indexes of the parent on the same columns,
 * a plain and a partial one; or a relation of the schema by that name),
 * ChooseRelationName numbers the label: idx1, idx2, ... (`pass`).  Which
 * copy got which number depends on the order they were made, which no
 * model records, so diff/classify.c claims every name of such a group.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

static void elem_names(Arena *a, List *elems, PtrVec *cols)
{
    ListCell *lc;
    foreach (lc, elems) {
        const Node *n = lfirst(lc);
        if (IsA(n, IndexElem)) {
            const IndexElem *ie = (const IndexElem *)n;
            const char *name = ie->name ? ie->name : norm_figure_colname(ie->expr);
            vec_push(a, cols, (void *)(name ? name : "expr"));
        } else if (IsA(n, String)) {
            vec_push(a, cols, (void *)strVal(n));
        } else if (IsA(n, List) && list_length((List *)n) >= 1 && IsA(linitial((List *)n), IndexElem)) {
            /* an exclusion element: (IndexElem, operator name) */
            const IndexElem *ie = linitial((List *)n);
            const char *name = ie->name ? ie->name : norm_figure_colname(ie->expr);
            vec_push(a, cols, (void *)(name ? name : "expr"));
        }
    }
}

const char *partlocks_copy_name(Arena *a, const char *partition, const Obj *ix, int pass)
{
    PtrVec cols = {0};
    const char *label = NULL;
    if (ix->kind == OBJ_INDEX) {
        const IndexStmt *s = (const IndexStmt *)((const TableIndex *)ix)->raw;
        if (!s || !IsA(s, IndexStmt))
            return NULL;
        label = "idx";
        elem_names(a, s->indexParams, &cols);
        elem_names(a, s->indexIncludingParams, &cols);
    } else if (ix->kind == OBJ_CONSTRAINT) {
        const TableConstraint *k = (const TableConstraint *)ix;
        const Constraint *con = (const Constraint *)k->raw;
        if (!con || !IsA(con, Constraint))
            return NULL;
        switch (k->contype) {
        case CON_PRIMARY:
            return norm_object_name(a, partition, NULL, pass ? arena_printf(a, "pkey%d", pass) : "pkey");
        case CON_UNIQUE:
            label = "key";
            elem_names(a, con->keys, &cols);
            elem_names(a, con->including, &cols);
            break;
        case CON_EXCLUSION:
            label = "excl";
            elem_names(a, con->exclusions, &cols);
            elem_names(a, con->including, &cols);
            break;
        case CON_CHECK:
        case CON_FOREIGN:
            return NULL;
        }
    }
    if (!label)
        return NULL;
    return norm_object_name(a, partition, norm_name_addition(a, &cols),
                            pass ? arena_printf(a, "%s%d", label, pass) : label);
}
