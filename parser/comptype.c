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
 * when it was read.  ALTER TYPE ... CASCADE changes its columns too: each
 * command is then read again as `ALTER TABLE t <command>` on every typed
 * table of the type (so a dropped attribute's column goes with what
 * depends on it, as the ALTER TABLE reader drops it); without CASCADE it is
 * PostgreSQL's error.  RENAME ATTRIBUTE is parser/rename.c's.
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

/* The tables OF this type (Table *), in model order. */
static PtrVec typed_tables_of(Arena *a, const Model *m, const char *schema, const char *name)
{
    PtrVec out = {0};
    for (int i = 0; i < m->objs.n; i++) {
        const Obj *o = m->objs.items[i];
        if (o && o->kind == OBJ_TABLE && ((const Table *)o)->of_type &&
            !strcmp(((const Table *)o)->of_type, name) && ((const Table *)o)->of_schema &&
            !strcmp(((const Table *)o)->of_schema, schema))
            vec_push(a, &out, (void *)o);
    }
    return out;
}

/* ALTER TYPE ... CASCADE: the same command on each typed table, read as
 * `ALTER TABLE t <cmd>` standing where the ALTER TYPE stands (the table's
 * column follows the attribute, as PostgreSQL's cascade makes it). */
static void cascade_to_tables(DdlReader *r, const PtrVec *tables, AlterTableCmd *cmd, int off)
{
    for (int i = 0; i < tables->n; i++) {
        const Table *t = tables->items[i];
        AlterTableStmt *at = makeNode(AlterTableStmt);
        at->relation = makeRangeVar(pstrdup(t->obj.schema), pstrdup(t->obj.name), off);
        at->objtype = OBJECT_TABLE;
        at->cmds = list_make1(copyObjectImpl(cmd));
        RawStmt *rs = makeNode(RawStmt);
        rs->stmt = (Node *)at;
        rs->stmt_location = off;
        rs->stmt_len = r->stmt_len;
        ddl_apply_stmt(r, rs);
    }
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
    PtrVec typed = typed_tables_of(r->a, r->m, schema, rv->relname);
    CompositeTypeStmt *ct = (CompositeTypeStmt *)d->raw;
    ListCell *lc;
    foreach (lc, st->cmds) {
        AlterTableCmd *cmd = lfirst(lc);
        if (typed.n && cmd->behavior != DROP_CASCADE) {
            /* PostgreSQL's words (tablecmds.c, find_typed_table_dependencies) */
            ddl_error(r, off, "cannot alter type \"%s\" because it is the type of a typed table \"%s\" (use ALTER "
                              "... CASCADE to alter the typed tables too)",
                      rv->relname, ((const Table *)typed.items[0])->obj.name);
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
            cascade_to_tables(r, &typed, cmd, off);
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
            cascade_to_tables(r, &typed, cmd, off);
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
            cascade_to_tables(r, &typed, cmd, off);
            break;
        }
        default:
            ddl_error(r, off, "this form of ALTER TYPE on a composite type is not supported yet");
            return true;
        }
    }
    return true;
}
