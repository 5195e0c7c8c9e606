/*
 * replident.c — REPLICA IDENTITY, as a file states it.
 *
 * `ALTER TABLE t REPLICA IDENTITY {DEFAULT | FULL | NOTHING | USING INDEX i}`
 * says which old values logical decoding writes for an UPDATE or DELETE.
 * FULL and NOTHING are the table's (Table.replident); USING INDEX is kept
 * on the index, or on the PRIMARY KEY / UNIQUE constraint whose index it is
 * (replica_identity), so that it is made after the index and goes with it,
 * without the table depending on its own index.  Each statement replaces
 * what the table had before, as in PostgreSQL.  The catalog reader prints
 * the same statements (parser/catalog.c), so both readers end here.
 */
#include "model.h"

#include <string.h>

bool replident_apply(Model *m, Table *t, char type, const char *index)
{
    Obj *target = NULL;
    if (type == 'i') {
        for (int i = 0; i < m->objs.n && !target; i++) {
            Obj *o = m->objs.items[i];
            if (!o || strcmp(o->name, index) || !o->schema || strcmp(o->schema, t->obj.schema) || !o->table ||
                strcmp(o->table, t->obj.name))
                continue;
            if (o->kind == OBJ_INDEX ||
                (o->kind == OBJ_CONSTRAINT && (((TableConstraint *)o)->contype == CON_PRIMARY ||
                                               ((TableConstraint *)o)->contype == CON_UNIQUE)))
                target = o;
        }
        if (!target)
            return false;
    }
    for (int i = 0; i < m->objs.n; i++) {
        Obj *o = m->objs.items[i];
        if (!o || !o->schema || strcmp(o->schema, t->obj.schema) || !o->table || strcmp(o->table, t->obj.name))
            continue;
        if (o->kind == OBJ_INDEX)
            ((TableIndex *)o)->replica_identity = o == target;
        else if (o->kind == OBJ_CONSTRAINT)
            ((TableConstraint *)o)->replica_identity = o == target;
    }
    t->replident = type == 'f' || type == 'n' ? type : 0;
    return true;
}
