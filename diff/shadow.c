/*
 * shadow.c — which tables' heavy changes go through a shadow table.
 *
 * A pass over the finished plan (both directions, classified, ordered),
 * run by the command after plan_build: a table is shadowed when the
 * operator chose it (--shadow, shadow.tables) or, with a database as the
 * current side, its estimated size reaches shadow.min_rows / min_bytes,
 * AND doing its changes in place would hurt: a step rewrites it, or holds
 * ACCESS EXCLUSIVE on it while scanning it, or the table is re-created, or
 * its column order changes (which an in-place plan cannot do at all).
 *
 * Everything PostgreSQL ties to the table's OID must then move with it, so
 * every change of the table and of what hangs on it — its columns,
 * constraints, indexes, triggers, policies, sequence ownerships, the
 * foreign keys of other tables that reference it, and the views that read
 * it, transitively — is marked (Change.shadow) in both directions: the
 * migration and rollback scripts print a pointer to shadow.sql instead,
 * and emit/shadow.c writes the phases from the lists gathered here.
 * Nothing is printed here, and nothing in emit/ decides who is shadowed.
 *
 * The sync trigger and the backfill find rows by a key: the current side's
 * PRIMARY KEY, else a UNIQUE constraint over NOT NULL columns; the desired
 * table must keep those columns.  A table without one is an input error
 * naming the table and what to do.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

/* The table a change is about (its own, or its owner's), or false. */
static bool change_table(const Change *c, const char **schema, const char **name)
{
    const Obj *o = c->desired ? c->desired : c->current;
    if (!o)
        return false;
    if (o->kind == OBJ_TABLE) {
        *schema = o->schema;
        *name = o->name;
        return true;
    }
    if (o->table && o->kind != OBJ_DEFAULT_ACL) {
        *schema = o->schema;
        *name = o->table;
        return true;
    }
    return false;
}

static bool is_table(const Obj *o, const char *schema, const char *name)
{
    return o && o->kind == OBJ_TABLE && str_same(o->schema, schema) && !strcmp(o->name, name);
}

static const Table *find_table(const Model *m, const char *schema, const char *name)
{
    return model_table(m, schema, name); /* the key map: a scan here made every plan quadratic */
}

/* Whether `opts` names schema.name ("name" alone: schema public). */
static bool named(const ShadowOpts *o, const char *schema, const char *name)
{
    for (int i = 0; i < o->tables.n; i++) {
        const char *t = o->tables.items[i], *dot = strchr(t, '.');
        if (dot ? (strlen(schema) == (size_t)(dot - t) && !strncmp(t, schema, (size_t)(dot - t)) && !strcmp(dot + 1, name))
                : (!strcmp(schema, "public") && !strcmp(t, name)))
            return true;
    }
    return false;
}

/* Column names of a key constraint (NULL when it has expressions). */
static bool key_columns(Arena *a, const TableConstraint *k, PtrVec *out)
{
    const Constraint *con = (const Constraint *)k->raw;
    ListCell *lc;
    if (!con || !con->keys)
        return false;
    foreach (lc, con->keys)
        vec_push(a, out, (void *)strVal(lfirst(lc)));
    return out->n > 0;
}

/* The same column names, in any order (ON CONFLICT infers a unique index
 * by its set of columns). */
static bool same_names(const PtrVec *x, const PtrVec *y)
{
    if (x->n != y->n)
        return false;
    for (int i = 0; i < x->n; i++) {
        bool found = false;
        for (int k = 0; k < y->n && !found; k++)
            found = !strcmp(x->items[i], y->items[k]);
        if (!found)
            return false;
    }
    return true;
}

/* The children of table st in model m, sorted into st's lists. */
static void gather(Arena *a, const Model *m, ShadowTable *st, bool desired)
{
    for (int i = 0; i < m->objs.n; i++) {
        Obj *o = m->objs.items[i];
        bool own = o->table && str_same(o->schema, st->schema) && !strcmp(o->table, st->name);
        switch (o->kind) {
        case OBJ_CONSTRAINT: {
            TableConstraint *k = (TableConstraint *)o;
            if (k->contype == CON_FOREIGN && k->fk_table && str_same(k->fk_schema, st->schema) &&
                !strcmp(k->fk_table, st->name) && !own)
                vec_push(a, desired ? &st->des_fks_in : &st->cur_fks_in, k);
            if (!own)
                break;
            if (k->contype == CON_PRIMARY || k->contype == CON_UNIQUE || k->contype == CON_EXCLUSION)
                vec_push(a, desired ? &st->des_keys : &st->cur_keys, k);
            else if (desired && k->contype == CON_CHECK)
                vec_push(a, &st->des_checks, k);
            else if (desired && k->contype == CON_FOREIGN)
                vec_push(a, &st->des_fks, k);
            break;
        }
        case OBJ_INDEX:
            if (own)
                vec_push(a, desired ? &st->des_indexes : &st->cur_indexes, o);
            break;
        case OBJ_TRIGGER:
            if (own)
                vec_push(a, desired ? &st->des_triggers : &st->cur_triggers, o);
            break;
        case OBJ_POLICY:
            if (own && desired)
                vec_push(a, &st->des_policies, o);
            break;
        case OBJ_SEQ_OWNER:
            if (own)
                vec_push(a, desired ? &st->des_seq_owners : &st->cur_seq_owners, o);
            break;
        case OBJ_SCHEMA: case OBJ_EXTENSION: case OBJ_ENUM: case OBJ_SEQUENCE: case OBJ_TABLE:
        case OBJ_COLUMN: case OBJ_DOMAIN: case OBJ_COMPOSITE: case OBJ_FUNCTION: case OBJ_AGGREGATE:
        case OBJ_VIEW: case OBJ_EVENT_TRIGGER: case OBJ_DEFAULT_ACL: case OBJ_COLLATION: case OBJ_OPERATOR:
        case OBJ_RULE: case OBJ_OPFAMILY: case OBJ_OPCLASS: case OBJ_RANGE: case OBJ_CAST: case OBJ_STATISTICS:
        case OBJ_TS_PARSER: case OBJ_TS_TEMPLATE: case OBJ_TS_DICT: case OBJ_TS_CONFIG: case OBJ_PUBLICATION:
        case OBJ_FDW: case OBJ_SERVER: case OBJ_USER_MAPPING: case OBJ_KIND_COUNT:
            break;
        }
    }
    /* the views reading the table, transitively, in rounds: round n reads
     * the table or a view of an earlier round */
    PtrVec *views = desired ? &st->des_views : &st->cur_views;
    for (bool grew = true; grew;) {
        grew = false;
        PtrVec round = {0};
        for (int i = 0; i < m->objs.n; i++) {
            Obj *o = m->objs.items[i];
            if (o->kind != OBJ_VIEW)
                continue;
            bool in = false;
            for (int k = 0; k < views->n && !in; k++)
                in = views->items[k] == o;
            if (in)
                continue;
            for (int d = 0; d < o->deps.n && !in; d++) {
                const Obj *x = o->deps.items[d];
                in = is_table(x, st->schema, st->name) ||
                     (x->kind == OBJ_COLUMN && str_same(x->schema, st->schema) && !strcmp(x->table, st->name));
                for (int k = 0; k < views->n && !in; k++)
                    in = views->items[k] == x;
            }
            if (in)
                vec_push(a, &round, o);
        }
        for (int k = 0; k < round.n; k++)
            vec_push(a, views, round.items[k]);
        grew = round.n > 0;
    }
    if (!desired) {
        /* drop order: the last round first */
        for (int i = 0, j = views->n - 1; i < j; i++, j--) {
            void *t = views->items[i];
            views->items[i] = views->items[j];
            views->items[j] = t;
        }
    }
}

/* Whether change c belongs to shadowed table st. */
static bool belongs(const Change *c, const ShadowTable *st)
{
    const char *schema, *name;
    if (change_table(c, &schema, &name) &&
        ((str_same(schema, st->schema) && !strcmp(name, st->name)) || shadow_part_owns(st, schema, name)))
        return true;
    const Obj *objs[2] = {c->current, c->desired};
    for (int j = 0; j < 2; j++) {
        const Obj *o = objs[j];
        if (!o)
            continue;
        if (o->kind == OBJ_CONSTRAINT) {
            const TableConstraint *k = (const TableConstraint *)o;
            if (k->contype == CON_FOREIGN && k->fk_table && str_same(k->fk_schema, st->schema) &&
                !strcmp(k->fk_table, st->name))
                return true;
        }
        if (o->kind == OBJ_VIEW) {
            const PtrVec *v = j ? &st->des_views : &st->cur_views;
            for (int k = 0; k < v->n; k++)
                if (v->items[k] == o)
                    return true;
        }
    }
    return false;
}

/* Why in place would hurt: the first step of a change of the table that
 * rewrites it or holds ACCESS EXCLUSIVE while scanning it, a re-creation,
 * or a column order change; NULL when nothing does. */
static const char *heavy_reason(Arena *a, const MigrationPlan *p, const Table *cur, const Table *des)
{
    const char *schema = cur->obj.schema, *name = cur->obj.name;
    for (int i = 0; i < p->changes.n; i++) {
        const Change *c = p->changes.items[i];
        const char *s, *n;
        if (!change_table(c, &s, &n) || !str_same(s, schema) || strcmp(n, name))
            continue;
        if (c->kind == OBJ_TABLE && c->rebuild)
            return arena_printf(a, "%s re-creates the table", c->summary ? c->summary : "a change");
        for (int k = 0; k < c->steps.n; k++) {
            const Step *st = c->steps.items[k];
            if (st->rewrite)
                return arena_printf(a, "%s: step %d rewrites the table", c->summary ? c->summary : "", k + 1);
            if (st->scan && st->lock == LOCK_ACCESS_EXCLUSIVE)
                return arena_printf(a, "%s: step %d scans the table under ACCESS EXCLUSIVE", c->summary ? c->summary : "",
                                    k + 1);
        }
    }
    if (shadow_order_differs(a, cur, des)) /* diff/shadow_check.c */
        return "the column order changes (an in-place plan cannot reorder columns)";
    return NULL;
}

static const char *fmt_count(Arena *a, long long n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%lld", n);
    StrBuf sb;
    sb_init(&sb);
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            sb_putc(&sb, ',');
        sb_putc(&sb, digits[i]);
    }
    char *r = sb_take(&sb, a);
    sb_free(&sb);
    return r;
}

void shadow_route(Arena *a, MigrationPlan *p, const ShadowOpts *o, Diags *diags)
{
    p->shadow_batch_size = o->batch_size > 0 ? o->batch_size : 1000;
    p->shadow_lock_timeout = o->lock_timeout ? o->lock_timeout : "5s";
    p->shadow_staged = o->staged;
    ShadowKids kids = {0};
    for (int i = 0; i < p->current->objs.n; i++) {
        const Obj *obj = p->current->objs.items[i];
        if (obj->kind != OBJ_TABLE)
            continue;
        const Table *cur = (const Table *)obj;
        const Table *des = find_table(p->desired, obj->schema, obj->name);
        if (!des)
            continue;
        /* foreign, partitioned, a partition, inherited, typed: never
         * shadowed, and said so (diff/shadow_check.c); asked only of the
         * tables named or big enough (of every table, it was most of a
         * 10,000-table plan's time) */
        bool is_named = named(o, obj->schema, obj->name);
        bool by_rows = cur->has_estimate && o->min_rows > 0 && cur->est_rows >= (double)o->min_rows;
        bool by_bytes = cur->has_estimate && o->min_bytes > 0 && cur->est_bytes >= o->min_bytes;
        if (!is_named && !by_rows && !by_bytes)
            continue;
        const char *unsupported = shadow_unsupported(a, p->current, p->desired, cur, des, &kids);
        if (is_named && unsupported) {
            const Obj *at = des->obj.loc.file ? &des->obj : &cur->obj;
            diag_at(diags, EXIT_INPUT, at->loc,
                    "table %s.%s cannot go through a shadow table: %s; leave it out of --shadow / shadow.tables "
                    "(its changes then run in place)",
                    obj->schema, obj->name, unsupported);
            continue;
        }
        const char *reason =
            is_named ? "named by --shadow / shadow.tables"
            : by_rows ? arena_printf(a, "about %s rows, at least shadow.min_rows (%s)",
                                     fmt_count(a, (long long)cur->est_rows), fmt_count(a, o->min_rows))
                      : arena_printf(a, "%s bytes, at least shadow.min_bytes (%s)", fmt_count(a, cur->est_bytes),
                                     fmt_count(a, o->min_bytes));
        const char *heavy = heavy_reason(a, p, cur, des);
        if (!heavy)
            continue;
        if (unsupported) {
            vec_push(a, &p->notes, (void *)arena_printf(a, "%s.%s is not shadowed though %s: %s; its changes run in "
                                                            "place (%s)",
                                                        obj->schema, obj->name, reason, unsupported, heavy));
            continue;
        }
        ShadowTable *st = arena_alloc(a, sizeof *st);
        st->schema = obj->schema;
        st->name = obj->name;
        st->current = cur;
        st->desired = des;
        st->reason = reason;
        st->heavy = heavy;
        st->shadow_name = q_suffixed(a, obj->name, "_sdshadow");
        st->old_name = q_suffixed(a, obj->name, "_sdold");
        gather(a, p->current, st, false);
        gather(a, p->desired, st, true);
        /* the key: PRIMARY KEY, else UNIQUE over NOT NULL columns, whose
         * columns the desired table keeps */
        for (int pass = 0; pass < 2 && !st->key.n; pass++)
            for (int k = 0; k < st->cur_keys.n && !st->key.n; k++) {
                const TableConstraint *kc = st->cur_keys.items[k];
                PtrVec cols = {0};
                if (kc->contype != (pass ? CON_UNIQUE : CON_PRIMARY) || !key_columns(a, kc, &cols))
                    continue;
                bool ok = true;
                for (int c = 0; c < cols.n && ok; c++) {
                    const Column *cc = table_column(cur, cols.items[c]), *dc = table_column(des, cols.items[c]);
                    ok = cc && dc && (pass == 0 || cc->not_null) && !dc->generated;
                }
                if (ok)
                    st->key = cols;
            }
        if (!st->key.n) {
            const Obj *at = des->obj.loc.file ? &des->obj : &cur->obj;
            diag_at(diags, EXIT_INPUT, at->loc,
                    "table %s.%s cannot go through a shadow table: it has no PRIMARY KEY or UNIQUE constraint over "
                    "NOT NULL columns that the desired table keeps, which the sync trigger and the backfill find rows "
                    "by; add one to the table first (its own migration), or leave it out of --shadow / shadow.tables",
                    obj->schema, obj->name);
            continue;
        }
        for (int c = 0; c < st->key.n; c++)
            vec_push(a, &st->key_types, (void *)table_column(cur, st->key.items[c])->type.sql);
        /* a table becoming partitioned: its partitions, and the key plus
         * the partition key's columns to match shadow rows by */
        shadow_part_gather(a, p, st, diags);
        for (int k = 0; k < st->des_keys.n && !st->desired_pk; k++) {
            const TableConstraint *kc = st->des_keys.items[k];
            PtrVec cols = {0};
            if ((kc->contype == CON_PRIMARY || kc->contype == CON_UNIQUE) && !((const Constraint *)kc->raw)->including &&
                key_columns(a, kc, &cols) && same_names(&cols, &st->match))
                st->desired_pk = kc;
        }
        shadow_new_column_notes(a, p, st);
        shadow_carry_gather(a, p, st); /* rules, statistics, functions, publications */
        /* a short, stable prefix for its functions: the position among the
         * plan's shadowed tables would change with the plan, a hash of the
         * name does not */
        unsigned h = 2166136261u;
        for (const char *s = obj->schema; *s; s++)
            h = (h ^ (unsigned char)*s) * 16777619u;
        h = (h ^ '.') * 16777619u;
        for (const char *s = obj->name; *s; s++)
            h = (h ^ (unsigned char)*s) * 16777619u;
        st->fn_prefix = arena_printf(a, "t%08x", h);
        vec_push(a, &p->shadowed, st);
    }
    /* the names the phases create must be free; a column order the
     * in-place plan leaves as it is gets a note (diff/shadow_check.c) */
    shadow_check_names(a, p, diags);
    shadow_order_notes(a, p);
    for (int s = 0; s < p->shadowed.n; s++) {
        ShadowTable *st = p->shadowed.items[s];
        for (int dir = 0; dir < 2; dir++) {
            PtrVec *list = dir ? &p->inverse : &p->changes;
            for (int i = 0; i < list->n; i++) {
                Change *c = list->items[i];
                if (c->shadow || !belongs(c, st))
                    continue;
                c->shadow = st;
                /* the rewrite happens on the shadow table, online */
                c->hazards &= ~(unsigned)HAZ_TABLE_REWRITE;
                if (!dir)
                    vec_push(a, &st->changes, c);
            }
        }
    }
    /* columns no cast converts (vector dimensions): diff/shadow_conv.c */
    shadow_columns(a, p, diags);
}
