/*
 * shadow_part.c — the parts of shadow.sql for a table that becomes
 * partitioned (diff/shadow_part.c decided it; this file only prints).
 *
 * The shadow table is the partitioned table, so three things differ from
 * a plain shadow, each printed here and called from small hooks in
 * emit/shadow.c:
 *
 *   - prepare adds the keys as constraints (`<name>_sdsh`, renamed at
 *     cutover): PostgreSQL has no ADD CONSTRAINT … USING INDEX on a
 *     partitioned table, and the table is still empty, so this is cheap.
 *     Then it creates the partitions, every level, under their desired
 *     names (a direct partition PARTITION OF the shadow), with what the
 *     plan folds into their creation (comments, privileges, indexes of
 *     their own); and, before anything is synced, checks that every row of
 *     the source has a partition: each leaf's partition constraint
 *     (pg_get_partition_constraintdef, ancestors included) over the source
 *     rows as the backfill converts them.  A row without one refuses the
 *     prepare (nothing created), naming the count and one key.
 *   - the backfill's INSERT runs in a block that turns PostgreSQL's "no
 *     partition of relation … found for row" (a row written after the
 *     check) into an error naming the fix, with the row's key values.
 *   - the secondary indexes: CREATE INDEX CONCURRENTLY is refused on a
 *     partitioned table, so each is made ON ONLY the shadow (invalid, no
 *     rows read), built CONCURRENTLY on each leaf and attached, level by
 *     level; the partition indexes get the names in-place plans give them
 *     (model_partition_index_name).
 */
#include "pg.h"
#include "model.h"

#include <string.h>

typedef struct Px {
    Arena *a;
    Emit e;
    Change dummy;
    const char *fault;
} Px;

static void px_init(Px *x, Arena *a)
{
    memset(x, 0, sizeof *x);
    x->a = a;
    x->e = (Emit){a, &x->dummy, STYLE_MIGRATION, NULL, NULL};
}

static void pexec(Px *x, StrBuf *b, const char *indent, const char *sql)
{
    shadow_exec(x->a, b, indent, sql, &x->fault);
}

static const char *no_concurrently(Arena *a, const char *sql)
{
    const char *at = strstr(sql, " CONCURRENTLY");
    if (!at)
        return sql;
    return arena_printf(a, "%.*s%s", (int)(at - sql), sql, at + strlen(" CONCURRENTLY"));
}

static const char *cols_of(Arena *a, const PtrVec *v, const char *rec)
{
    StrBuf sb;
    sb_init(&sb);
    for (int k = 0; k < v->n; k++)
        sb_printf(&sb, "%s%s%s%s", k ? ", " : "", rec ? rec : "", rec ? "." : "", q_ident(a, v->items[k]));
    char *r = sb_take(&sb, a);
    sb_free(&sb);
    return r;
}

const char *shadow_part_spec(Arena *a, const ShadowTable *st)
{
    if (!st->partitioned || !st->desired->partkey_text)
        return "";
    return arena_printf(a, " PARTITION BY %s", st->desired->partkey_text);
}

/* The parent a partition is created under: the shadow for a direct one. */
static const char *parent_of(const ShadowTable *st, const Table *p)
{
    if (str_same(p->part_of_schema ? p->part_of_schema : "public", st->schema) && !strcmp(p->part_of, st->name))
        return st->shadow_name;
    return p->part_of;
}

/* The plan's creation of partition p (with what is folded into it), or NULL. */
static const Change *creation(const ShadowTable *st, const Table *p)
{
    for (int i = 0; i < st->changes.n; i++) {
        const Change *c = st->changes.items[i];
        if (c->kind == OBJ_TABLE && c->op == CHG_CREATE && c->desired == &p->obj)
            return c;
    }
    return NULL;
}

const char *shadow_part_prepare(Arena *a, const ShadowTable *st, const char *key_index, const char **fault)
{
    Px x;
    px_init(&x, a);
    StrBuf b;
    sb_init(&b);
    const char *sh = q_qual(a, st->schema, st->shadow_name), *src = q_qual(a, st->schema, st->name);
    /* the first call (prepare runs again while the state is pending):
     * the shadow has no partitions yet */
    sb_printf(&b, "    fresh := NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits WHERE inhparent = %s::pg_catalog.regclass);\n",
              q_literal(a, sh));
    /* the keys, as constraints of the empty table */
    for (int i = 0; i < st->des_keys.n; i++) {
        TableConstraint k = *(const TableConstraint *)st->des_keys.items[i];
        if (k.contype != CON_PRIMARY && k.contype != CON_UNIQUE)
            continue;
        k.obj.name = q_suffixed(a, k.obj.name, "_sdsh");
        k.obj.table = st->shadow_name;
        sb_printf(&b, "    IF NOT %s THEN\n", emit_constraint_exists(&x.e, sh, k.obj.name, false));
        pexec(&x, &b, "        ", emit_add_constraint_sql(&x.e, &k, false));
        sb_puts(&b, "    END IF;\n");
    }
    if (!st->desired_pk)
        pexec(&x, &b, "    ",
              arena_printf(a, "CREATE UNIQUE INDEX IF NOT EXISTS %s ON %s (%s);", q_ident(a, key_index), sh,
                           cols_of(a, &st->match, NULL)));
    /* the partitions, parents first, under their desired names */
    for (int i = 0; i < st->des_parts.n; i++) {
        const Table *p = st->des_parts.items[i];
        Table *copy = arena_alloc(a, sizeof *copy);
        obj_copy(copy, p, sizeof *copy);
        if (!strcmp(parent_of(st, p), st->shadow_name)) {
            copy->part_of_schema = st->schema;
            copy->part_of = st->shadow_name;
        }
        Change *c = arena_alloc(a, sizeof *c);
        c->op = CHG_CREATE;
        c->kind = OBJ_TABLE;
        c->desired = &copy->obj;
        c->table_is_new = true;
        emit_change(a, c, STYLE_MIGRATION);
        const Change *plan = creation(st, p);
        sb_printf(&b, "    IF pg_catalog.to_regclass(%s) IS NULL THEN\n", q_literal(a, q_qual(a, p->obj.schema, p->obj.name)));
        /* the CREATE TABLE … PARTITION OF the shadow, then what the plan
         * folds into the partition's creation after its CREATE TABLE */
        if (c->sql.n)
            pexec(&x, &b, "        ", c->sql.items[0]);
        const PtrVec *rest = plan ? &plan->sql : &c->sql;
        for (int k = 1; k < rest->n; k++)
            pexec(&x, &b, "        ", no_concurrently(a, rest->items[k]));
        sb_puts(&b, "    END IF;\n");
    }
    /* every source row must find a partition: the leaves' partition
     * constraints over the rows as the backfill converts them */
    StrBuf conv;
    sb_init(&conv);
    sb_printf(&conv, "pg_catalog.jsonb_build_array(%s)::text AS sd_key", cols_of(a, &st->key, "r"));
    for (int i = 0; i < st->desired->columns.n; i++) {
        const Column *d = st->desired->columns.items[i], *f = table_column(st->current, d->obj.name);
        if (d->generated || !f || f->generated)
            continue;
        const char *q = q_ident(a, d->obj.name);
        if (!strcmp(f->type.sql, d->type.sql))
            sb_printf(&conv, ", r.%s", q);
        else
            sb_printf(&conv, ", (r.%s)::%s AS %s", q, d->type.sql, q);
    }
    sb_puts(&b, "    IF fresh THEN\n");
    sb_puts(&b, "    SELECT pg_catalog.string_agg('COALESCE((' || pg_catalog.pg_get_partition_constraintdef(t.relid) "
                "|| '), false)', ' OR ')\n");
    sb_printf(&b, "        INTO parts FROM pg_catalog.pg_partition_tree(%s::pg_catalog.regclass) t "
                  "WHERE t.isleaf AND t.level > 0;\n",
              q_literal(a, sh));
    sb_printf(&b, "    EXECUTE pg_catalog.format('SELECT count(*), min(sd_key) FROM (SELECT %%s FROM %%s r) r WHERE NOT "
                  "(%%s)', %s, %s, COALESCE(parts, 'false'))\n        INTO homeless, sample;\n",
              q_literal(a, conv.data), q_literal(a, src));
    sb_free(&conv);
    sb_printf(&b, "    IF homeless > 0 THEN\n"
                  "        RAISE EXCEPTION 'schemadiff: %% rows of %% have no partition in the desired schema (PARTITION "
                  "BY %%), e.g. the row with key %%', homeless, %s, %s, sample\n"
                  "            USING HINT = 'add a partition for them (or a DEFAULT partition) to the desired schema and "
                  "plan again; nothing was created';\n"
                  "    END IF;\n    END IF;\n",
              q_literal(a, src), q_literal(a, st->desired->partkey_text ? st->desired->partkey_text : "..."));
    char *r = sb_take(&b, a);
    sb_free(&b);
    *fault = x.fault;
    return r;
}

const char *shadow_part_declare(const ShadowTable *st)
{
    return st->partitioned ? "    parts text;\n    homeless bigint;\n    sample text;\n    fresh boolean;\n" : "";
}

const char *shadow_part_insert(Arena *a, const ShadowTable *st, const char *insert)
{
    if (!st->partitioned)
        return insert;
    return arena_printf(a,
                        "    BEGIN\n%s"
                        "    EXCEPTION WHEN check_violation THEN\n"
                        "        GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;\n"
                        "        IF pg_catalog.starts_with(msg, 'no partition of relation') THEN\n"
                        "            RAISE EXCEPTION 'schemadiff: a row of %% has no partition in the desired schema (%%)', "
                        "%s, det\n"
                        "                USING HINT = 'add a partition for it (or a DEFAULT partition) to the desired "
                        "schema and plan again; nothing was swapped';\n"
                        "        END IF;\n"
                        "        RAISE;\n"
                        "    END;\n",
                        insert, q_literal(a, q_qual(a, st->schema, st->name)));
}

/* Whether partition p hangs right under `parent` (NULL: the shadow itself). */
static bool child_of(const ShadowTable *st, const Table *p, const Table *parent)
{
    if (!parent)
        return !strcmp(parent_of(st, p), st->shadow_name);
    return !strcmp(p->part_of, parent->obj.name) &&
           str_same(p->part_of_schema ? p->part_of_schema : "public", parent->obj.schema);
}

/* Index ix on the partitions under `parent`, attached to `parent_ix`,
 * depth first: a sub-partitioned partition's index is attached to its
 * parent's only once all of its own are attached.  Attaching the last
 * child of an index that is already a partition itself makes PostgreSQL
 * validate the parent's too, under ACCESS EXCLUSIVE on the parent table
 * (validatePartitionedIndex) -- the shadow, which the sync trigger's
 * writers hold ROW EXCLUSIVE on while they wait for the leaf: a deadlock.
 * Attached bottom-up, every ATTACH waits for one lock at most. */
static void part_index_level(Px *x, const ShadowTable *st, const TableIndex *ix, const Table *parent,
                             const char *parent_ix, PtrVec *out)
{
    Arena *a = x->a;
    for (int i = 0; i < st->des_parts.n; i++) {
        const Table *p = st->des_parts.items[i];
        if (!child_of(st, p, parent))
            continue;
        const char *name = model_partition_index_name(a, p->obj.name, ix->obj.name);
        const char *qname = q_qual(a, p->obj.schema, name);
        bool leaf = !p->partspec;
        if (leaf)
            vec_push(a, out, (void *)emit_invalid_index_drop(&x->e, p->obj.schema, name));
        /* a leaf's CONCURRENTLY, a sub-partitioned one's ON ONLY and its own first */
        vec_push(a, out, (void *)emit_index_create_on(&x->e, ix, &p->obj, name, leaf, !leaf));
        if (!leaf)
            part_index_level(x, st, ix, p, qname, out);
        /* attach once: an attached index is a partition of the parent's */
        vec_push(a, out,
                 (void *)arena_printf(a,
                                      "DO $sd$\nBEGIN\n    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits WHERE "
                                      "inhrelid = %s::pg_catalog.regclass) THEN\n        ALTER INDEX %s ATTACH "
                                      "PARTITION %s;\n    END IF;\nEND\n$sd$;",
                                      q_literal(a, qname), parent_ix, qname));
    }
}

void shadow_part_indexes(Arena *a, const ShadowTable *st, PtrVec *out)
{
    Px x;
    px_init(&x, a);
    for (int k = 0; k < st->des_indexes.n; k++) {
        const TableIndex *ix = st->des_indexes.items[k];
        const char *tmp = q_suffixed(a, ix->obj.name, "_sdsh");
        Obj on = {.kind = OBJ_TABLE, .schema = st->schema, .name = st->shadow_name};
        vec_push(a, out, (void *)emit_index_create_on(&x.e, ix, &on, tmp, false, true)); /* ON ONLY the shadow */
        part_index_level(&x, st, ix, NULL, q_qual(a, st->schema, tmp), out);
    }
}
