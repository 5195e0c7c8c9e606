/*
 * colattr.c — a column's storage, compression and attribute options.
 *
 * `ALTER TABLE t ALTER COLUMN c SET STORAGE {PLAIN|EXTERNAL|EXTENDED|MAIN}`,
 * `SET COMPRESSION m` (and `COMPRESSION m` in CREATE TABLE), `SET
 * (n_distinct = ..., n_distinct_inherited = ...)` and `RESET (...)`.
 *
 * Only what differs from the default is kept, as the catalog reader reads
 * only that: the catalog's attstorage equals the type's typstorage unless
 * someone set it, so a storage equal to the type's default storage is no
 * storage (Column.storage 0); attcompression '' is the default (NULL here).
 * A type's default storage is known for the built-in types (the table
 * below, from PostgreSQL 15's pg_type), arrays (extended), enums (plain),
 * composite types (extended) and domains (their base type's); for any other
 * type (an extension's) the stated storage is kept as stated.
 *
 * PostgreSQL's rules followed: SET STORAGE reaches the children of an
 * inheritance tree (unless ONLY), SET COMPRESSION and SET (...) do not; a
 * child copies its parent's storage and compression when it inherits a
 * column; ALTER COLUMN ... TYPE resets the storage to the new type's.
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <string.h>

/* Built-in types whose typstorage is not 'p' (plain), by canonical name. */
static const struct {
    const char *name;
    char storage;
} builtin_storage[] = {
    {"bit", 'x'}, {"bit varying", 'x'}, {"bytea", 'x'}, {"character", 'x'}, {"character varying", 'x'},
    {"cidr", 'm'}, {"inet", 'm'}, {"json", 'x'}, {"jsonb", 'x'}, {"jsonpath", 'x'}, {"numeric", 'm'},
    {"path", 'x'}, {"polygon", 'x'}, {"refcursor", 'x'}, {"text", 'x'}, {"tsvector", 'x'},
    {"txid_snapshot", 'x'}, {"xml", 'x'},
};

char colattr_type_storage(const Model *m, const TypeRef *t, const NormCtx *nc, int depth)
{
    if (t->array_dims)
        return 'x';
    if (!t->schema) {
        /* every column comes here: the first byte before strcmp() */
        for (size_t i = 0; i < sizeof builtin_storage / sizeof builtin_storage[0]; i++)
            if (builtin_storage[i].name[0] == t->name[0] && !strcmp(builtin_storage[i].name, t->name))
                return builtin_storage[i].storage;
        return 'p';
    }
    Obj *o = objects_find_type(m, t->schema, t->name);
    if (!o || depth > 8)
        return 0;
    switch (o->kind) {
    case OBJ_ENUM: return 'p';
    case OBJ_COMPOSITE: return 'x';
    case OBJ_DOMAIN: {
        CreateDomainStmt *d = (CreateDomainStmt *)((Definition *)o)->raw;
        TypeRef base = norm_type(nc, (Node *)d->typeName);
        return colattr_type_storage(m, &base, nc, depth + 1);
    }
    case OBJ_SCHEMA: case OBJ_EXTENSION: case OBJ_SEQUENCE: case OBJ_TABLE: case OBJ_COLUMN:
    case OBJ_CONSTRAINT: case OBJ_INDEX: case OBJ_SEQ_OWNER: case OBJ_FUNCTION: case OBJ_AGGREGATE:
    case OBJ_VIEW: case OBJ_TRIGGER: case OBJ_POLICY: case OBJ_EVENT_TRIGGER: case OBJ_DEFAULT_ACL:
    case OBJ_RANGE: return 'x'; /* range and multirange types are varlena, extended */
    case OBJ_COLLATION: case OBJ_OPERATOR: case OBJ_RULE: case OBJ_OPFAMILY: case OBJ_OPCLASS: case OBJ_CAST:
    case OBJ_STATISTICS: case OBJ_TS_PARSER: case OBJ_TS_TEMPLATE: case OBJ_TS_DICT: case OBJ_TS_CONFIG:
    case OBJ_PUBLICATION: case OBJ_FDW: case OBJ_SERVER: case OBJ_USER_MAPPING: case OBJ_KIND_COUNT:
        break;
    }
    return 0;
}

/* Set c's storage from its name ("plain", ...); false if no such storage. */
static bool set_storage(DdlReader *r, Column *c, const char *name)
{
    char letter = !strcmp(name, "plain")      ? 'p'
                  : !strcmp(name, "external") ? 'e'
                  : !strcmp(name, "extended") ? 'x'
                  : !strcmp(name, "main")     ? 'm'
                                              : 0;
    if (!letter)
        return false;
    c->storage = letter == c->type_storage ? 0 : letter;
    return true;
}

static bool set_compression(DdlReader *r, Column *c, const char *name, int location)
{
    if (!strcmp(name, "default")) {
        c->compression = NULL;
        return true;
    }
    if (strcmp(name, "pglz") && strcmp(name, "lz4")) {
        ddl_error(r, location, "invalid compression method \"%s\"", name);
        return false;
    }
    c->compression = arena_strdup(r->a, name);
    return true;
}

void colattr_from_def(DdlReader *r, Column *c, ColumnDef *cd)
{
    c->type_storage = colattr_type_storage(r->m, &c->type, &r->nc, 0);
    if (cd->storage) {
        /* PostgreSQL 15's grammar has no STORAGE in a column definition;
         * a tree may still hold one (LIKE ... INCLUDING STORAGE) */
        const char *name = cd->storage == 'p' ? "plain" : cd->storage == 'e' ? "external"
                           : cd->storage == 'x' ? "extended" : "main";
        set_storage(r, c, name);
    }
    if (cd->compression)
        set_compression(r, c, cd->compression, cd->location);
}

/* The table's inheritance children that have column `name` from it. */
static void recurse_children(DdlReader *r, Table *t, AlterTableCmd *cmd, int where, int depth)
{
    if (depth > 32 || !r->m->child_tables)
        return;
    for (int i = 0; i < r->m->objs.n; i++) {
        Table *ch = r->m->objs.items[i];
        if (!ch || ch->obj.kind != OBJ_TABLE || !table_is_child_of(ch, t->obj.schema, t->obj.name))
            continue;
        Column *cc = table_column(ch, cmd->name);
        if (!cc)
            continue;
        set_storage(r, cc, strVal(cmd->def));
        recurse_children(r, ch, cmd, where, depth + 1);
    }
}

static bool valid_attoption(const char *name)
{
    return !strcmp(name, "n_distinct") || !strcmp(name, "n_distinct_inherited");
}

void colattr_alter(DdlReader *r, Table *t, Column *c, AlterTableCmd *cmd, bool recurse, int where)
{
    switch (cmd->subtype) {
    case AT_SetStorage:
        if (!cmd->def || !IsA(cmd->def, String) || !set_storage(r, c, strVal(cmd->def))) {
            ddl_error(r, where, "invalid storage type \"%s\"",
                      cmd->def && IsA(cmd->def, String) ? strVal(cmd->def) : "");
            return;
        }
        if (recurse)
            recurse_children(r, t, cmd, where, 0);
        return;
    case AT_SetCompression:
        /* PostgreSQL 15 sets it on this table only */
        if (cmd->def && IsA(cmd->def, String))
            set_compression(r, c, strVal(cmd->def), where);
        return;
    case AT_SetOptions:
    case AT_ResetOptions: {
        ListCell *lc;
        foreach (lc, (List *)cmd->def) {
            DefElem *d = lfirst(lc);
            if (d->defnamespace || !valid_attoption(d->defname)) {
                ddl_error(r, where, "unrecognized parameter \"%s\"", d->defname);
                return;
            }
            if (cmd->subtype == AT_SetOptions && !d->arg) {
                ddl_error(r, where, "parameter \"%s\" needs a value", d->defname);
                return;
            }
        }
        /* merge as the catalog does: SET replaces or adds, RESET removes */
        List *opts = NIL;
        foreach (lc, c->attoptions) {
            DefElem *d = lfirst(lc);
            bool replaced = false;
            ListCell *nc;
            foreach (nc, (List *)cmd->def)
                replaced = replaced || !strcmp(((DefElem *)lfirst(nc))->defname, d->defname);
            if (!replaced)
                opts = lappend(opts, d);
        }
        if (cmd->subtype == AT_SetOptions)
            opts = list_concat(opts, list_copy((List *)cmd->def));
        c->attoptions = opts;
        return;
    }
    default:
        return;
    }
}

void colattr_inherit(Column *child, const Column *parent)
{
    child->type_storage = parent->type_storage;
    child->storage = parent->storage;
    child->compression = parent->compression;
}

void colattr_type_changed(DdlReader *r, Column *c)
{
    c->storage = 0;
    c->type_storage = colattr_type_storage(r->m, &c->type, &r->nc, 0);
}
