/*
 * shadow_check.c — the tables a shadow table cannot take, said clearly.
 *
 * shadow.sql copies one plain table into another and swaps their names.
 * That is wrong for some tables, and the plan must say so instead of
 * quietly doing their heavy changes in place:
 *
 *   - a partitioned table (the copy would be one plain table; its
 *     partitions hang on the old one by OID) — a plain table that BECOMES
 *     partitioned is taken (diff/shadow_part.c), unless its partition key
 *     has an expression or a new column, or a partition is foreign;
 *   - a partition (attached to its parent by OID: the copy would not be);
 *   - an inheritance parent or child (children follow the parent by OID);
 *   - a typed table (OF type: its columns are the type's, not the plan's);
 *   - a foreign table (its rows live on another server: nothing to copy).
 *
 * A table the operator named (--shadow, shadow.tables) and that is one of
 * these is an input error at the table, naming what it is and what to do;
 * one chosen by its size (shadow.min_rows / min_bytes) is left in place
 * with a plan note, as the operator did not ask for it by name.
 *
 * And the names the phases create must be free: the shadow table
 * `<t>_sdshadow` and the old table `<t>_sdold` (each cut to 63 bytes, so
 * two long names can meet), the key and index copies `<name>_sdsh` and
 * the old keys and indexes renamed `<name>_sdold`.  A relation of either
 * side (migration.sql runs first) or another shadowed table's artefact of
 * the same name would make prepare or cutover fail halfway: an input
 * error at the object holding the name.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

/* A table that inherits from t, in m, or NULL: the first in m's order.
 * With an index (kids, built once per model by kids_build) one lookup,
 * else a scan of every object of m: called for each table of a plan, the
 * scan made a 10,000-table plan spend two minutes here. */
static const char *kid_key(Arena *a, const char *schema, const char *name)
{
    return arena_printf(a, "%s\x1f%s", schema ? schema : "", name);
}

static void kids_build(Arena *a, const Model *m, StrMap *kids)
{
    for (int i = 0; i < m->objs.n; i++) {
        const Obj *o = m->objs.items[i];
        if (o->kind != OBJ_TABLE)
            continue;
        const Table *c = (const Table *)o;
        for (int k = 0; k + 1 < c->parents.n; k += 2)
            map_put_new(a, kids, kid_key(a, c->parents.items[k], c->parents.items[k + 1]), (void *)c);
    }
}

static const Table *child_of(Arena *a, const Model *m, const StrMap *kids, const Table *t)
{
    if (kids) {
        char buf[PG_NAMEDATALEN * 4 + 4];
        const char *schema = t->obj.schema ? t->obj.schema : "";
        if ((size_t)snprintf(buf, sizeof buf, "%s\x1f%s", schema, t->obj.name) < sizeof buf)
            return map_get(kids, buf);
        return map_get(kids, kid_key(a, t->obj.schema, t->obj.name));
    }
    for (int i = 0; i < m->objs.n; i++) {
        const Obj *o = m->objs.items[i];
        if (o->kind != OBJ_TABLE)
            continue;
        const Table *c = (const Table *)o;
        for (int k = 0; k + 1 < c->parents.n; k += 2)
            if (str_same(c->parents.items[k], t->obj.schema) && !strcmp(c->parents.items[k + 1], t->obj.name))
                return c;
    }
    return NULL;
}

static const char *unsupported_one(Arena *a, const Model *m, const StrMap *kids, const Table *t, const char *side,
                                   bool may_partition)
{
    if (t->server)
        return arena_printf(a, "it is a foreign table%s (its rows live on server %s: there is nothing to copy)", side,
                            t->server);
    if (t->part_of)
        return arena_printf(a, "it is a partition of %s.%s%s (attached to its parent, which a copy would not be)",
                            t->part_of_schema ? t->part_of_schema : "public", t->part_of, side);
    if (t->partspec && !may_partition)
        return arena_printf(a, "it is partitioned%s (a copy would be one plain table; its partitions stay with the "
                               "old one)",
                            side);
    if (t->parents.n >= 2)
        return arena_printf(a, "it inherits from %s.%s%s (a copy would not)", (const char *)t->parents.items[0],
                            (const char *)t->parents.items[1], side);
    const Table *c = child_of(a, m, kids, t);
    if (c)
        return arena_printf(a, "table %s.%s inherits from it%s (and would stay with the old table)", c->obj.schema,
                            c->obj.name, side);
    if (t->of_type)
        return arena_printf(a, "it is a typed table (OF %s.%s)%s, whose columns are its type's", t->of_schema,
                            t->of_type, side);
    return NULL;
}

const char *shadow_unsupported(Arena *a, const Model *cur_m, const Model *des_m, const Table *cur, const Table *des,
                               ShadowKids *kids)
{
    if (kids && !kids->built) {
        kids_build(a, cur_m, &kids->cur);
        kids_build(a, des_m, &kids->des);
        kids->built = true;
    }
    const char *why = unsupported_one(a, cur_m, kids ? &kids->cur : NULL, cur, "", false);
    /* a plain table may become partitioned (diff/shadow_part.c) */
    if (!why && des)
        why = unsupported_one(a, des_m, kids ? &kids->des : NULL, des, " in the desired schema", true);
    if (!why && des)
        why = shadow_part_unsupported(a, des_m, cur, des);
    return why;
}

/* ---- names ------------------------------------------------------------------ */

const Obj *shadow_name_holder(const Model *m, const char *schema, const char *name, bool types)
{
    for (int i = 0; i < m->objs.n; i++) {
        const Obj *o = m->objs.items[i];
        if (!o->schema || !str_same(o->schema, schema) || strcmp(o->name, name))
            continue;
        switch (o->kind) {
        case OBJ_TABLE: case OBJ_VIEW: case OBJ_SEQUENCE: case OBJ_INDEX:
            return o;
        case OBJ_CONSTRAINT: {
            ConKind k = ((const TableConstraint *)o)->contype;
            if (k == CON_PRIMARY || k == CON_UNIQUE || k == CON_EXCLUSION)
                return o; /* its index has its name */
            break;
        }
        case OBJ_COMPOSITE: case OBJ_ENUM: case OBJ_DOMAIN: case OBJ_RANGE:
            if (types)
                return o;
            break;
        case OBJ_SCHEMA: case OBJ_EXTENSION: case OBJ_COLUMN: case OBJ_FUNCTION: case OBJ_AGGREGATE:
        case OBJ_TRIGGER: case OBJ_POLICY: case OBJ_EVENT_TRIGGER: case OBJ_DEFAULT_ACL: case OBJ_COLLATION:
        case OBJ_OPERATOR: case OBJ_RULE: case OBJ_OPFAMILY: case OBJ_OPCLASS: case OBJ_CAST: case OBJ_STATISTICS:
        case OBJ_TS_PARSER: case OBJ_TS_TEMPLATE: case OBJ_TS_DICT: case OBJ_TS_CONFIG: case OBJ_PUBLICATION:
        case OBJ_FDW: case OBJ_SERVER: case OBJ_USER_MAPPING: case OBJ_SEQ_OWNER: case OBJ_KIND_COUNT:
            break;
        }
    }
    return NULL;
}

/* One name a phase creates, for the check. */
typedef struct Made {
    const ShadowTable *st;
    const char *name, *what; /* what: "its shadow table", ... */
    const char *from;        /* the name it is made from */
    bool table;              /* a table: clashes with types too */
} Made;

static void made(Arena *a, PtrVec *v, const ShadowTable *st, const char *from, const char *suffix, const char *what,
                 bool table)
{
    Made *m = arena_alloc(a, sizeof *m);
    m->st = st;
    m->from = from;
    m->name = q_suffixed(a, from, suffix);
    m->what = what;
    m->table = table;
    vec_push(a, v, m);
}

/* The error: `at` holds the name (NULL: `by` is another name the phases
 * make, `by_own`). */
static void clash(Diags *d, const Made *m, const Obj *at, const char *by, bool by_own)
{
    const ShadowTable *st = m->st;
    bool cut = strncmp(m->name, m->from, strlen(m->from)) != 0;
    SrcLoc loc = at && at->loc.file ? at->loc : st->desired->obj.loc.file ? st->desired->obj.loc : st->current->obj.loc;
    if (by_own)
        diag_at(d, EXIT_INPUT, loc,
                "table %s.%s cannot go through a shadow table: %s would be named %s.%s%s, as %s would; shorten "
                "the names first (their own migration), or leave %s.%s out of --shadow / shadow.tables",
                st->schema, st->name, m->what, st->schema, m->name, cut ? " (cut to 63 bytes)" : "", by, st->schema,
                st->name);
    else
        diag_at(d, EXIT_INPUT, loc,
                "table %s.%s cannot go through a shadow table: %s would be named %s.%s%s, which %s already holds; "
                "rename that first (its own migration), or leave %s.%s out of --shadow / shadow.tables",
                st->schema, st->name, m->what, st->schema, m->name, cut ? " (cut to 63 bytes)" : "", by, st->schema,
                st->name);
}

/* Whether current-side object o is still there when shadow.sql runs: the
 * desired side has it too, or it hangs on a shadowed table (whose changes
 * shadow.sql does, not migration.sql). */
static bool kept(const MigrationPlan *p, const Obj *o)
{
    for (int s = 0; s < p->shadowed.n; s++) {
        const ShadowTable *st = p->shadowed.items[s];
        if (str_same(o->schema, st->schema) &&
            (o->kind == OBJ_TABLE ? !strcmp(o->name, st->name) : (o->table && !strcmp(o->table, st->name))))
            return true;
    }
    for (int i = 0; i < p->desired->objs.n; i++) {
        const Obj *d = p->desired->objs.items[i];
        if (d->kind == o->kind && !strcmp(d->key, o->key))
            return true;
    }
    return false;
}

void shadow_check_names(Arena *a, const MigrationPlan *p, Diags *diags)
{
    PtrVec all = {0};
    for (int s = 0; s < p->shadowed.n; s++) {
        const ShadowTable *st = p->shadowed.items[s];
        made(a, &all, st, st->name, "_sdshadow", "its shadow table", true);
        made(a, &all, st, st->name, "_sdold", "the old table kept after cutover", true);
        const PtrVec *lists[4] = {&st->des_keys, &st->des_indexes, &st->cur_keys, &st->cur_indexes};
        for (int l = 0; l < 4; l++)
            for (int i = 0; i < lists[l]->n; i++) {
                const char *n = ((const Obj *)lists[l]->items[i])->name;
                made(a, &all, st, n, l < 2 ? "_sdsh" : "_sdold",
                     arena_printf(a, l < 2 ? "the copy of %s %s on the shadow table" : "%s %s of the old table after cutover",
                                  l % 2 ? "index" : "key", n),
                     false);
            }
    }
    for (int i = 0; i < all.n; i++) {
        const Made *m = all.items[i];
        /* the desired side holds it after migration.sql; the current side
         * too, unless migration.sql drops it first */
        const Obj *at = shadow_name_holder(p->desired, m->st->schema, m->name, m->table);
        if (!at) {
            at = shadow_name_holder(p->current, m->st->schema, m->name, m->table);
            if (at && !kept(p, at))
                at = NULL;
        }
        if (at) {
            clash(diags, m, at, arena_printf(a, "%s %s.%s", kind_info[at->kind].name, at->schema, at->name), false);
            continue;
        }
        /* two of the phases' own names meeting (after the cut) */
        for (int j = 0; j < i; j++) {
            const Made *o = all.items[j];
            if (str_same(o->st->schema, m->st->schema) && !strcmp(o->name, m->name)) {
                clash(diags, m, NULL, arena_printf(a, "%s of table %s.%s", o->what, o->st->schema, o->st->name), true);
                break;
            }
        }
    }
}

/* ---- column order ------------------------------------------------------------ */

const char *shadow_order_differs(Arena *a, const Table *cur, const Table *des)
{
    /* the usual case first, without a name lookup per column: the same
     * columns in the same order (every table of a plan comes here) */
    if (cur->columns.n == des->columns.n) {
        int same = 0;
        while (same < cur->columns.n && !strcmp(((const Column *)cur->columns.items[same])->obj.name,
                                                ((const Column *)des->columns.items[same])->obj.name))
            same++;
        if (same == cur->columns.n)
            return NULL;
    }
    /* the columns both sides have, in each side's order */
    PtrVec x = {0}, y = {0};
    for (int i = 0; i < cur->columns.n; i++) {
        const Column *c = cur->columns.items[i];
        if (table_column(des, c->obj.name))
            vec_push(a, &x, (void *)c->obj.name);
    }
    for (int i = 0; i < des->columns.n; i++) {
        const Column *c = des->columns.items[i];
        if (table_column(cur, c->obj.name))
            vec_push(a, &y, (void *)c->obj.name);
    }
    for (int i = 0; i < x.n && i < y.n; i++)
        if (strcmp(x.items[i], y.items[i]))
            return arena_printf(a, "column %s comes where the desired schema has %s", (const char *)x.items[i],
                                (const char *)y.items[i]);
    return NULL;
}

void shadow_order_notes(Arena *a, MigrationPlan *p)
{
    ShadowKids kids = {0};
    for (int i = 0; i < p->current->objs.n; i++) {
        const Obj *o = p->current->objs.items[i];
        if (o->kind != OBJ_TABLE)
            continue;
        const Table *cur = (const Table *)o;
        /* the key map, and the cheap test first: a scan of the other side
         * or of every child per table made this quadratic */
        const Table *des = model_table(p->desired, o->schema, o->name);
        const char *why = des ? shadow_order_differs(a, cur, des) : NULL;
        if (!why)
            continue;
        bool shadowed = false;
        for (int s = 0; s < p->shadowed.n && !shadowed; s++) {
            const ShadowTable *st = p->shadowed.items[s];
            shadowed = st->current == cur;
        }
        /* partitions and children may order their columns otherwise than
         * their parent; the kinds no shadow table takes cannot be helped */
        if (shadowed || shadow_unsupported(a, p->current, p->desired, cur, des, &kids))
            continue;
        vec_push(a, &p->notes,
                 (void *)arena_printf(a, "%s.%s: the column order differs (%s); an in-place plan cannot reorder "
                                         "columns and leaves them as they are: only a shadow plan can (--shadow "
                                         "%s.%s)",
                                      o->schema, o->name, why, o->schema, o->name));
    }
}
