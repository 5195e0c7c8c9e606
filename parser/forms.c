/*
 * forms.c — statement forms that restate what other statements say.
 *
 * Real dumps and schema files use shorter or older spellings of states the
 * model already holds.  Each is read here into exactly the state its long
 * form builds, so that the diff never sees the difference:
 *
 *   CREATE SCHEMA s CREATE TABLE ... CREATE VIEW ... GRANT ...
 *       each element is applied as its own statement, its created name put
 *       in s and s first on the search path (PostgreSQL's
 *       transformCreateSchemaStmt and CreateSchemaCommand), in PostgreSQL's
 *       order: sequences, tables, views, indexes, triggers, grants;
 *   CLUSTER t USING i
 *       the same state as ALTER TABLE t CLUSTER ON i;
 *   ALTER INDEX i ALTER COLUMN n SET STATISTICS m
 *       kept on the index (TableIndex.col_stats), so that a rebuilt index
 *       gets it again.
 *
 * The reader of each form is called from a small hook in parser/ddl.c.
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <string.h>

/* PostgreSQL's setSchemaName: an element may name the schema being created
 * or none (then it gets that one); any other is an error. */
static bool set_schema_name(DdlReader *r, const char *schema, char **name, int location)
{
    if (*name && strcmp(*name, schema)) {
        ddl_error(r, location, "CREATE specifies a schema (%s) different from the one being created (%s)", *name,
                  schema);
        return false;
    }
    *name = pstrdup(schema);
    return true;
}

/* Rank of an element in PostgreSQL's order; -1: not allowed in CREATE SCHEMA. */
static int element_rank(const Node *n)
{
    switch (nodeTag(n)) {
    case T_CreateSeqStmt: return 0;
    case T_CreateStmt: return 1;
    case T_ViewStmt: return 2;
    case T_IndexStmt: return 3;
    case T_CreateTrigStmt: return 4;
    case T_GrantStmt: return 5;
    default: return -1;
    }
}

static int element_location(const Node *n)
{
    switch (nodeTag(n)) {
    case T_CreateSeqStmt: return ((const CreateSeqStmt *)n)->sequence->location;
    case T_CreateStmt: return ((const CreateStmt *)n)->relation->location;
    case T_ViewStmt: return ((const ViewStmt *)n)->view->location;
    case T_IndexStmt: return ((const IndexStmt *)n)->relation->location;
    case T_CreateTrigStmt: return ((const CreateTrigStmt *)n)->relation->location;
    default: return -1;
    }
}

void forms_schema_elements(DdlReader *r, CreateSchemaStmt *st, const char *schema, int offset,
                           void (*apply)(DdlReader *, RawStmt *))
{
    ListCell *lc;
    foreach (lc, st->schemaElts) {
        Node *n = lfirst(lc);
        int loc = element_location(n);
        if (loc < 0)
            loc = offset;
        bool ok = true;
        switch (nodeTag(n)) {
        case T_CreateSeqStmt: ok = set_schema_name(r, schema, &((CreateSeqStmt *)n)->sequence->schemaname, loc); break;
        case T_CreateStmt: ok = set_schema_name(r, schema, &((CreateStmt *)n)->relation->schemaname, loc); break;
        case T_ViewStmt: ok = set_schema_name(r, schema, &((ViewStmt *)n)->view->schemaname, loc); break;
        case T_IndexStmt: ok = set_schema_name(r, schema, &((IndexStmt *)n)->relation->schemaname, loc); break;
        case T_CreateTrigStmt: ok = set_schema_name(r, schema, &((CreateTrigStmt *)n)->relation->schemaname, loc); break;
        case T_GrantStmt: break;
        default:
            ddl_error(r, offset, "unrecognized node type in CREATE SCHEMA: only CREATE TABLE, VIEW, INDEX, "
                                 "SEQUENCE, TRIGGER and GRANT may be schema elements");
            ok = false;
            break;
        }
        if (!ok)
            return;
    }
    /* s is first on the search path while the elements run */
    const char *saved = r->nc.default_schema;
    int saved_len = r->stmt_len;
    r->nc.default_schema = schema;
    for (int rank = 0; rank <= 5; rank++) {
        foreach (lc, st->schemaElts) {
            Node *n = lfirst(lc);
            if (element_rank(n) != rank)
                continue;
            RawStmt rs = {.type = T_RawStmt, .stmt = n, .stmt_location = offset, .stmt_len = saved_len};
            apply(r, &rs);
        }
    }
    r->nc.default_schema = saved;
    r->stmt_len = saved_len;
}

void forms_cluster(DdlReader *r, ClusterStmt *st, int offset)
{
    offset = ddl_stmt_start(r, offset);
    if (!st->relation)
        return; /* re-clusters what is marked already: no state */
    Obj *rel = ddl_relation(r, st->relation->schemaname, st->relation->relname);
    if (!rel || rel->kind != OBJ_TABLE) {
        ddl_error(r, st->relation->location, "relation \"%s\" does not exist", st->relation->relname);
        return;
    }
    Model *m = r->m;
    TableIndex *target = NULL;
    bool any = false;
    for (int i = 0; i < m->objs.n; i++) {
        TableIndex *ix = m->objs.items[i];
        if (!ix || ix->obj.kind != OBJ_INDEX || strcmp(ix->obj.schema, rel->schema) || strcmp(ix->obj.table, rel->name))
            continue;
        any = any || ix->clustered;
        if (st->indexname && !strcmp(ix->obj.name, st->indexname))
            target = ix;
    }
    if (!st->indexname) {
        if (!any)
            ddl_error(r, st->relation->location, "there is no previously clustered index for table \"%s\"",
                      rel->name);
        return;
    }
    /* a PRIMARY KEY or UNIQUE constraint's index is a constraint here: as
     * for ALTER TABLE ... CLUSTER ON, its clustered state is not modelled */
    if (!target && !model_lookup(m, OBJ_CONSTRAINT, rel->schema, rel->name, st->indexname)) {
        ddl_error(r, offset, "index \"%s\" for table \"%s\" does not exist", st->indexname, rel->name);
        return;
    }
    for (int i = 0; i < m->objs.n; i++) {
        TableIndex *ix = m->objs.items[i];
        if (ix && ix->obj.kind == OBJ_INDEX && !strcmp(ix->obj.schema, rel->schema) &&
            !strcmp(ix->obj.table, rel->name))
            ix->clustered = ix == target;
    }
}

bool forms_index_statistics(DdlReader *r, AlterTableStmt *st)
{
    if (st->objtype != OBJECT_INDEX)
        return false;
    ListCell *lc;
    foreach (lc, st->cmds)
        if (((AlterTableCmd *)lfirst(lc))->subtype != AT_SetStatistics)
            return false;
    RangeVar *rv = st->relation;
    const char *schema = rv->schemaname ? rv->schemaname : r->nc.default_schema;
    char kb[PG_NAMEDATALEN * 2 + 2];
    snprintf(kb, sizeof kb, "%s.%s", schema, rv->relname);
    Obj *o = map_get(&r->m->relnames, kb);
    if (!o || o->kind != OBJ_INDEX) {
        if (o && o->kind == OBJ_CONSTRAINT)
            ddl_error(r, rv->location, "SET STATISTICS on the index of a constraint is not supported yet");
        else if (!st->missing_ok)
            ddl_error(r, rv->location, "relation \"%s\" does not exist", rv->relname);
        return true;
    }
    TableIndex *ix = (TableIndex *)o;
    IndexStmt *is = (IndexStmt *)ix->raw;
    foreach (lc, st->cmds) {
        AlterTableCmd *cmd = lfirst(lc);
        int n = cmd->num;
        if (cmd->name || n < 1 || n > list_length(is->indexParams) + list_length(is->indexIncludingParams)) {
            if (cmd->name)
                ddl_error(r, rv->location, "cannot refer to non-index column by name");
            else
                ddl_error(r, rv->location, "column number %d of relation \"%s\" does not exist", n, rv->relname);
            return true;
        }
        IndexElem *ie = n <= list_length(is->indexParams) ? list_nth(is->indexParams, n - 1) : NULL;
        if (!ie || !ie->expr) {
            ddl_error(r, rv->location, "cannot alter statistics on non-expression column \"%s\" of index \"%s\"",
                      ie && ie->name ? ie->name : "?", rv->relname);
            return true;
        }
        if (!cmd->def || !IsA(cmd->def, Integer))
            return true;
        int target = intVal(cmd->def);
        if (target < -1 || target > 10000) {
            ddl_error(r, rv->location, "statistics target %d is %s", target, target < -1 ? "too low" : "too high");
            return true;
        }
        if (n > ix->n_col_stats) {
            int *v = arena_alloc(r->a, sizeof(int) * (size_t)n);
            for (int i = 0; i < n; i++)
                v[i] = i < ix->n_col_stats ? ix->col_stats[i] : -1;
            ix->col_stats = v;
            ix->n_col_stats = n;
        }
        ix->col_stats[n - 1] = target;
    }
    return true;
}
