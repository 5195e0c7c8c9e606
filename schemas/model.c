/*
 * model.c — the model container.
 *
 * A Model is a flat vector of objects plus a map from identity key to
 * object.  Identity keys are "kind:schema.table.name" with the parts that
 * identify the object in PostgreSQL: a column or constraint is identified
 * within its table, an index within its schema (index names are relation
 * names).  Two further maps record relation and constraint names per schema,
 * which the DDL reader needs to choose names the way PostgreSQL does.
 * Removal (DROP in a schema file) clears the map entry and marks the slot;
 * model_sort() compacts and orders by key for the diff merge.
 */
#include "model.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(OBJ_KIND_COUNT == 34, "kind_info must list every ObjKind");
const KindInfo kind_info[OBJ_KIND_COUNT] = {
    [OBJ_SCHEMA] = {"schema", "SCHEMA", "SCHEMA"},
    [OBJ_EXTENSION] = {"extension", "EXTENSION", NULL},
    [OBJ_ENUM] = {"type", "TYPE", "TYPE"},
    [OBJ_SEQUENCE] = {"sequence", "SEQUENCE", "SEQUENCE"},
    [OBJ_TABLE] = {"table", "TABLE", "TABLE"},
    [OBJ_COLUMN] = {"column", "COLUMN", "TABLE"},
    [OBJ_CONSTRAINT] = {"constraint", "CONSTRAINT", NULL},
    [OBJ_INDEX] = {"index", "INDEX", NULL},
    [OBJ_SEQ_OWNER] = {"sequence ownership", "SEQUENCE", NULL},
    [OBJ_DOMAIN] = {"domain", "DOMAIN", "DOMAIN"},
    [OBJ_COMPOSITE] = {"composite type", "TYPE", "TYPE"},
    [OBJ_FUNCTION] = {"function", "FUNCTION", "FUNCTION"},
    [OBJ_AGGREGATE] = {"aggregate", "AGGREGATE", "FUNCTION"},
    [OBJ_VIEW] = {"view", "VIEW", "TABLE"},
    [OBJ_TRIGGER] = {"trigger", "TRIGGER", NULL},
    [OBJ_POLICY] = {"policy", "POLICY", NULL},
    [OBJ_EVENT_TRIGGER] = {"event trigger", "EVENT TRIGGER", NULL},
    [OBJ_DEFAULT_ACL] = {"default privileges", "DEFAULT PRIVILEGES", NULL},
    [OBJ_COLLATION] = {"collation", "COLLATION", NULL},
    [OBJ_OPERATOR] = {"operator", "OPERATOR", NULL},
    [OBJ_RULE] = {"rule", "RULE", NULL},
    [OBJ_OPFAMILY] = {"operator family", "OPERATOR FAMILY", NULL},
    [OBJ_OPCLASS] = {"operator class", "OPERATOR CLASS", NULL},
    [OBJ_RANGE] = {"range type", "TYPE", "TYPE"},
    [OBJ_CAST] = {"cast", "CAST", NULL},
    [OBJ_STATISTICS] = {"statistics object", "STATISTICS", NULL},
    [OBJ_TS_PARSER] = {"text search parser", "TEXT SEARCH PARSER", NULL},
    [OBJ_TS_TEMPLATE] = {"text search template", "TEXT SEARCH TEMPLATE", NULL},
    [OBJ_TS_DICT] = {"text search dictionary", "TEXT SEARCH DICTIONARY", NULL},
    [OBJ_TS_CONFIG] = {"text search configuration", "TEXT SEARCH CONFIGURATION", NULL},
    [OBJ_PUBLICATION] = {"publication", "PUBLICATION", NULL},
    [OBJ_FDW] = {"foreign data wrapper", "FOREIGN DATA WRAPPER", "FOREIGN DATA WRAPPER"},
    [OBJ_SERVER] = {"server", "SERVER", "FOREIGN SERVER"},
    [OBJ_USER_MAPPING] = {"user mapping", "USER MAPPING", NULL},
};

Model *model_new(Arena *a, const char *label)
{
    Model *m = arena_alloc(a, sizeof(Model));
    m->arena = a;
    m->label = label;
    return m;
}

/* Keys are "kind\x1fschema\x1ftable\x1fname".  The separator \x1f cannot
 * occur in identifiers we accept, so keys of different objects never
 * collide whatever the names contain. */
static size_t key_into(char *buf, size_t cap, ObjKind kind, const char *schema, const char *table,
                       const char *name)
{
    const char *parts[4] = {kind_info[kind].name, schema ? schema : "", table ? table : "", name};
    size_t n = 0;
    for (int i = 0; i < 4; i++) {
        size_t len = strlen(parts[i]);
        if (buf && n + len < cap)
            memcpy(buf + n, parts[i], len);
        n += len;
        if (i < 3) {
            if (buf && n + 1 < cap)
                buf[n] = '\x1f';
            n++;
        }
    }
    if (buf && cap)
        buf[n < cap ? n : cap - 1] = '\0';
    return n;
}

_Static_assert(offsetof(Obj, mark) + sizeof(int) > sizeof(Obj) - _Alignof(Obj), "Obj.mark is its last field (obj_copy)");

void obj_copy(void *dst, const void *src, size_t size)
{
    size_t at = offsetof(Obj, mark), past = sizeof(Obj);
    memcpy(dst, src, at);
    ((Obj *)dst)->mark = 0;
    if (size > past)
        memcpy((char *)dst + past, (const char *)src + past, size - past);
}

const char *model_key(Arena *a, ObjKind kind, const char *schema, const char *table,
                      const char *name)
{
    size_t n = key_into(NULL, 0, kind, schema, table, name);
    char *buf = arena_alloc(a, n + 1);
    key_into(buf, n + 1, kind, schema, table, name);
    return buf;
}

void *model_key_get(const StrMap *map, ObjKind kind, const char *schema, const char *table, const char *name)
{
    char buf[4 * PG_NAMEDATALEN * 2 + 32];
    size_t n = key_into(buf, sizeof buf, kind, schema, table, name);
    if (n < sizeof buf)
        return map_get(map, buf);
    /* a longer key (a function's argument list) on the C heap, not in an
     * arena: a lookup writes nothing, so two threads may read one model at
     * once (src/dumpjob.c) */
    char *key = malloc(n + 1);
    if (!key) {
        fputs("schemadiff: out of memory\n", stderr);
        abort();
    }
    key_into(key, n + 1, kind, schema, table, name);
    void *v = map_get(map, key);
    free(key);
    return v;
}

Obj *model_lookup(const Model *m, ObjKind kind, const char *schema, const char *table,
                  const char *name)
{
    return model_key_get(&m->by_key, kind, schema, table, name);
}

void *model_add(Model *m, size_t size, ObjKind kind, const char *schema, const char *table,
                const char *name, SrcLoc loc)
{
    const char *key = model_key(m->arena, kind, schema, table, name);
    Obj *o = arena_alloc(m->arena, size);
    if (map_put_new(m->arena, &m->by_key, key, o))
        return NULL; /* the key exists: the allocation is left to the arena */
    o->kind = kind;
    o->schema = schema ? arena_strdup(m->arena, schema) : NULL;
    o->table = table ? arena_strdup(m->arena, table) : NULL;
    o->name = arena_strdup(m->arena, name);
    o->key = key;
    o->loc = loc;
    vec_push(m->arena, &m->objs, o);
    m->sorted = false;
    return o;
}

Obj *model_find(const Model *m, const char *key)
{
    return map_get(&m->by_key, key);
}

void model_rename(Model *m, Obj *o, const char *name)
{
    map_put(m->arena, &m->by_key, o->key, NULL);
    o->name = arena_strdup(m->arena, name); /* a name from another model outlives that one */
    o->key = model_key(m->arena, o->kind, o->schema, o->table, name);
    map_put(m->arena, &m->by_key, o->key, o);
    m->sorted = false;
}

void model_remove(Model *m, Obj *o)
{
    map_put(m->arena, &m->by_key, o->key, NULL);
    for (int i = 0; i < m->objs.n; i++)
        if (m->objs.items[i] == o) {
            m->objs.items[i] = NULL;
            break;
        }
}

void obj_add_dep(Arena *a, Obj *o, Obj *target)
{
    if (target == o)
        return;
    for (int i = 0; i < o->deps.n; i++)
        if (o->deps.items[i] == target)
            return;
    vec_push(a, &o->deps, target);
}

static int cmp_obj(const void *x, const void *y)
{
    const Obj *a = *(Obj *const *)x, *b = *(Obj *const *)y;
    return strcmp(a->key, b->key);
}

void model_sort(Model *m)
{
    int n = 0;
    for (int i = 0; i < m->objs.n; i++)
        if (m->objs.items[i])
            m->objs.items[n++] = m->objs.items[i];
    m->objs.n = n;
    qsort(m->objs.items, (size_t)n, sizeof(void *), cmp_obj);
    m->sorted = true;
}

Table *model_table(const Model *m, const char *schema, const char *name)
{
    return (Table *)model_lookup(m, OBJ_TABLE, schema, NULL, name);
}

/* diff/classify.c claims the locks of the statements emit/ writes with these names */
const char *model_partition_index_name(Arena *a, const char *partition, const char *index)
{
    const char *name = arena_printf(a, "%s_%s", partition, index);
    size_t n = strlen(name);
    if (n <= 63)
        return name;
    /* too long: a prefix (whole UTF-8 characters) and a hash of the whole */
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)name[i]) * 16777619u;
    size_t cut = 54;
    while (cut > 0 && ((unsigned char)name[cut] & 0xC0) == 0x80)
        cut--;
    return arena_printf(a, "%.*s_%08x", (int)cut, name, h);
}

bool str_same(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

bool table_inherits(const Table *t, const char *schema, const char *name)
{
    for (int i = 0; i < t->parents.n; i += 2)
        if (!strcmp(t->parents.items[i], schema) && !strcmp(t->parents.items[i + 1], name))
            return true;
    return false;
}

bool table_is_child_of(const Table *t, const char *schema, const char *name)
{
    return table_inherits(t, schema, name) ||
           (t->part_of && !strcmp(t->part_of_schema, schema) && !strcmp(t->part_of, name));
}

Column *table_column(const Table *t, const char *name)
{
    for (int i = 0; i < t->columns.n; i++) {
        Column *c = t->columns.items[i];
        if (strcmp(c->obj.name, name) == 0)
            return c;
    }
    return NULL;
}

const char *obj_display(Arena *a, const Obj *o)
{
    const char *kind = kind_info[o->kind].name;
    if (o->kind == OBJ_SCHEMA || o->kind == OBJ_EXTENSION || o->kind == OBJ_EVENT_TRIGGER || o->kind == OBJ_PUBLICATION ||
        o->kind == OBJ_FDW || o->kind == OBJ_SERVER || o->kind == OBJ_USER_MAPPING)
        return arena_printf(a, "%s (%s)", o->name, kind);
    if (o->kind == OBJ_DEFAULT_ACL)
        return arena_printf(a, "%s of %s%s%s (default privileges)", o->table, *o->name ? o->name : "the current role",
                            o->schema ? " in " : "", o->schema ? o->schema : "");
    if (o->kind == OBJ_OPFAMILY || o->kind == OBJ_OPCLASS)
        return arena_printf(a, "%s.%s (%s)", o->schema, ((const Definition *)o)->identity, kind);
    if (o->kind == OBJ_OPERATOR)
        return arena_printf(a, "%s.%s (operator)", o->schema, ((const Definition *)o)->identity);
    if (o->kind == OBJ_CAST) /* name: "(source AS target)" */
        return arena_printf(a, "%s (cast)", o->name);
    if (o->kind == OBJ_AGGREGATE)
        return arena_printf(a, "%s.%s (aggregate)", o->schema, ((const Definition *)o)->identity);
    if (o->kind == OBJ_FUNCTION)
        return arena_printf(a, "%s.%s (%s)", o->schema, ((const Definition *)o)->identity,
                            ((const Definition *)o)->result ? kind : "procedure");
    if (o->kind == OBJ_VIEW && ((const Definition *)o)->materialized)
        return arena_printf(a, "%s.%s (materialized view)", o->schema, o->name);
    if (o->table && o->kind != OBJ_INDEX && o->kind != OBJ_SEQ_OWNER)
        return arena_printf(a, "%s.%s.%s (%s)", o->schema, o->table, o->name, kind);
    return arena_printf(a, "%s.%s (%s)", o->schema, o->name, kind);
}

static bool in_list(const PtrVec *v, const char *s)
{
    for (int i = 0; i < v->n; i++)
        if (strcmp(v->items[i], s) == 0)
            return true;
    return false;
}

bool filter_selects(const SourceFilter *f, const char *schema)
{
    if (!f || !schema)
        return true;
    return (!f->include.n || in_list(&f->include, schema)) && !in_list(&f->exclude, schema);
}

void model_filter_schemas(Model *m, const SourceFilter *f)
{
    if (!f->include.n && !f->exclude.n)
        return;
    for (int i = 0; i < m->objs.n; i++) {
        Obj *o = m->objs.items[i];
        if (!o)
            continue;
        const char *schema = o->kind == OBJ_SCHEMA      ? o->name
                             : o->kind == OBJ_EXTENSION ? ((Extension *)o)->in_schema
                                                        : o->schema;
        if (!schema)
            continue;
        if (!filter_selects(f, schema)) {
            map_put(m->arena, &m->by_key, o->key, NULL);
            m->objs.items[i] = NULL;
        }
    }
    m->fingerprint = NULL;
    model_sort(m);
}

TypeFamily type_family(const TypeRef *t)
{
    if (t->schema || t->array_dims)
        return FAM_OTHER;
    const char *n = t->name;
    if (!strcmp(n, "smallint") || !strcmp(n, "integer") || !strcmp(n, "bigint"))
        return FAM_INT;
    if (!strcmp(n, "numeric") || !strcmp(n, "real") || !strcmp(n, "double precision"))
        return FAM_NUMERIC;
    if (!strcmp(n, "text") || !strcmp(n, "character varying") || !strcmp(n, "character"))
        return FAM_STRING;
    if (!strncmp(n, "timestamp", 9) || !strcmp(n, "date"))
        return FAM_TIMESTAMP;
    return FAM_OTHER;
}
