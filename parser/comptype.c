/*
 * comptype.c — ALTER TYPE ... ADD / DROP / ALTER ATTRIBUTE of a composite type.
 *
 * PostgreSQL's grammar reads these as an AlterTableStmt whose objtype is
 * OBJECT_TYPE (a composite type is a relation underneath), so the ALTER
 * TABLE reader hands them here.  The model of a composite type is its
 * CREATE TYPE ... AS (...) statement (parser/objects.c), normalised only
 * when the model is finished: changing its attribute list in place is all
 * it takes, and the type then compares as if it had been created so —
 * which is what `check` needs to replay schemadiff's own migrations (the
 * diff emits these three forms, emit/defs.c).
 *
 * ADD ATTRIBUTE appends (an existing name is PostgreSQL's error), DROP
 * ATTRIBUTE [IF EXISTS] removes (the last one too: PostgreSQL allows a
 * composite type with no attribute), ALTER ATTRIBUTE ... TYPE retypes and
 * sets or keeps its collation; comments of a dropped attribute go with it.
 * A typed table (CREATE TABLE ... OF type) copied the type's attributes
 * when it was read, and ALTER TYPE ... CASCADE would change its columns
 * too: that is not modelled, and is a located "not supported yet" error,
 * which points to the scratch database (check --dev-url, plan
 * --load-via-db).  RENAME ATTRIBUTE is parser/rename.c's.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

static ColumnDef *find_attribute(List *attrs, const char *name)
{
    ListCell *lc;
    foreach (lc, attrs) {
        ColumnDef *cd = lfirst(lc);
        if (!strcmp(cd->colname, name))
            return cd;
    }
    return NULL;
}

/* A table OF this type, NULL when none. */
static const Table *typed_table_of(const Model *m, const char *schema, const char *name)
{
    for (int i = 0; i < m->objs.n; i++) {
        const Obj *o = m->objs.items[i];
        if (o && o->kind == OBJ_TABLE && ((const Table *)o)->of_type &&
            !strcmp(((const Table *)o)->of_type, name) && ((const Table *)o)->of_schema &&
            !strcmp(((const Table *)o)->of_schema, schema))
            return (const Table *)o;
    }
    return NULL;
}

bool comptype_alter(DdlReader *r, AlterTableStmt *st)
{
    if (st->objtype != OBJECT_TYPE)
        return false;
    RangeVar *rv = st->relation;
    int off = rv->location;
    const char *schema = rv->schemaname ? rv->schemaname : r->nc.default_schema;
    Definition *d = (Definition *)model_lookup(r->m, OBJ_COMPOSITE, schema, NULL, rv->relname);
    if (!d) {
        if (!st->missing_ok)
            ddl_error(r, off, "type \"%s\" does not exist", rv->relname);
        return true;
    }
    const Table *typed = typed_table_of(r->m, schema, rv->relname);
    CompositeTypeStmt *ct = (CompositeTypeStmt *)d->raw;
    ListCell *lc;
    foreach (lc, st->cmds) {
        AlterTableCmd *cmd = lfirst(lc);
        if (typed) {
            ddl_error(r, off, "ALTER TYPE ... ATTRIBUTE of a composite type that the typed table \"%s\" uses is not "
                              "supported yet", typed->obj.name);
            return true;
        }
        switch (cmd->subtype) {
        case AT_AddColumn: {
            ColumnDef *cd = castNode(ColumnDef, cmd->def);
            if (find_attribute(ct->coldeflist, cd->colname)) {
                ddl_error(r, off, "column \"%s\" of relation \"%s\" already exists", cd->colname, rv->relname);
                return true;
            }
            ColumnDef *n = makeNode(ColumnDef);
            n->colname = pstrdup(cd->colname);
            n->typeName = copyObjectImpl(cd->typeName);
            n->collClause = copyObjectImpl(cd->collClause);
            n->is_local = true;
            n->location = -1;
            ct->coldeflist = lappend(ct->coldeflist, n);
            break;
        }
        case AT_DropColumn: {
            ColumnDef *cd = find_attribute(ct->coldeflist, cmd->name);
            if (!cd) {
                if (!cmd->missing_ok)
                    ddl_error(r, off, "column \"%s\" of relation \"%s\" does not exist", cmd->name, rv->relname);
                break;
            }
            List *kept = NIL; /* libpg_query exports no list_delete_ptr */
            ListCell *k2;
            foreach (k2, ct->coldeflist)
                if (lfirst(k2) != cd)
                    kept = lappend(kept, lfirst(k2));
            ct->coldeflist = kept;
            PtrVec *v = &d->colcomments;
            int k = 0;
            for (int i = 0; i + 1 < v->n; i += 2)
                if (strcmp(v->items[i], cmd->name)) {
                    v->items[k++] = v->items[i];
                    v->items[k++] = v->items[i + 1];
                }
            v->n = k;
            break;
        }
        case AT_AlterColumnType: {
            ColumnDef *cd = find_attribute(ct->coldeflist, cmd->name);
            ColumnDef *def = castNode(ColumnDef, cmd->def);
            if (!cd) {
                ddl_error(r, off, "column \"%s\" of relation \"%s\" does not exist", cmd->name, rv->relname);
                return true;
            }
            cd->typeName = copyObjectImpl(def->typeName);
            /* PostgreSQL keeps the attribute's collation only when the new
             * type has the same one; a COLLATE clause sets it */
            cd->collClause = def->collClause ? copyObjectImpl(def->collClause) : NULL;
            break;
        }
        default:
            ddl_error(r, off, "this form of ALTER TYPE on a composite type is not supported yet");
            return true;
        }
    }
    return true;
}
