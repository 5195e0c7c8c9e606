/*
 * classify.c — what each statement of a plan does to the database.
 *
 * emit/ writes the statements of every change; this pass, run on each
 * direction's changes before they are ordered, decides for every step (one
 * statement) what PostgreSQL 15 will do when it runs it:
 *
 *   - locks: every relation the statement locks and in which of the eight
 *     table lock modes, read from the statement's parse tree (libpg_query's
 *     raw parser; for a DO guard, the DDL inside it) with the tables below,
 *     which follow PostgreSQL's own code (AlterTableGetLockLevel in
 *     tablecmds.c for ALTER TABLE's subcommands, the commands' table_open /
 *     RangeVarGetRelid lock modes for the rest), plus what the statement
 *     reaches through the model: the indexes a rewrite rebuilds, the
 *     tables a domain constraint checks, the relations a view or a
 *     materialized view reads.  A relation this direction creates (a
 *     CREATE change of it, or a table_is_new change) is locked by nobody
 *     else yet: LOCK_NONE.
 *   - rewrite: the statement gives a table a new relfilenode.  A column's
 *     type change rewrites unless PostgreSQL proves the new type binary
 *     compatible (type_change_rewrites below: the varchar / numeric /
 *     timestamp length coercions its planner support functions remove,
 *     pg_cast's binary-coercible casts, timestamp <-> timestamptz in UTC —
 *     which emit/ makes the session's zone for that statement —, domains
 *     without constraints over the same base).
 *   - scan: the statement reads every row to validate it.
 *   - transactional: false for what cannot or should not run in a
 *     transaction block (CONCURRENTLY, validations, new enum labels).
 *   - hazards: table_rewrite from rewrite, validation from scan, and the
 *     others (data_loss, enum_rebuild, vector_dimension_change,
 *     index_build, repopulate) from the statement and the model.
 *
 * The change's lock (the strongest), hazards (the union) and transactional
 * (all steps) are then derived from its steps: emit/ decides none of them.
 * tests/run_locks.py runs every step on a real server and compares these
 * claims with pg_locks and pg_class.relfilenode.
 */
#include "pg.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

/* ---- the pass ---------------------------------------------------------------- */

typedef struct Ctx {
    Arena *a;
    const Model *from, *to;  /* this direction's current and desired states */
    StrMap created;          /* "schema.name" of relations this direction creates */
    StrMap dropped;          /* "schema.name" of indexes and keys it drops */
    StrMap indexes;          /* "schema.table" -> PtrVec * of index names (from) */
    StrMap fkpeers;          /* "schema.table" -> PtrVec * of "schema.table" (from) */
    StrMap owned;            /* "schema.table" -> PtrVec * of owned sequence names (from;
                              * build_column_maps) */
    StrMap colseqs;          /* column_key() -> PtrVec * of the SeqOwner objects (OWNED BY
                              * that column) (from) */
    StrMap users;            /* "schema.type" -> PtrVec * of Column * of that user type (from;
                              * build_column_maps) */
    StrMap copy_bases;       /* "schema.partition" -> PtrVec * of the unnumbered names of its
                              * copies of every ancestor index and key (copy_names) */
    StrMap keyed;            /* "schema.table" -> PtrVec * of its index and constraint Obj *
                              * (from) */
    StrMap children;         /* "schema.table" -> PtrVec * of Table *: its partitions and
                              * inheritance children (from; then those of `to` that
                              * the direction attaches on the way) */
    bool maps_built, column_maps_built;
    /* "name" and qual_key() -> (void *)1 when a function so named is
     * VOLATILE, in `from` and in `to`; built on first use */
    StrMap volatile_from, volatile_to;
    bool volatile_built;
    StrMap identity_seqs;    /* qual_key() of a sequence -> PtrVec * of the identity Column * of
                              * `from` whose sequence PostgreSQL names so; on first use */
    bool identities_built;
    Change *c;
    Step *st;
    int index;               /* the step's position in its change */
    bool existing_names;     /* the names being claimed are of relations that exist
                              * now, whatever this direction creates under them */
} Ctx;

static const char *relkey(Ctx *x, const char *schema, const char *name)
{
    return arena_printf(x->a, "%s.%s", schema ? schema : "public", name);
}

/* An object's key in the maps below that name objects, not relations: the
 * unit separator keeps a name with a dot apart from a schema and a name. */
static const char *qual_key(Ctx *x, const char *schema, const char *name)
{
    return arena_printf(x->a, "%s\x1f%s", schema ? schema : "public", name);
}

/* A column's key in colseqs: the unit separator keeps names with dots apart. */
static const char *column_key(Ctx *x, const char *schema, const char *table, const char *column)
{
    return arena_printf(x->a, "%s\x1f%s\x1f%s", schema ? schema : "public", table, column);
}

static void push_to(Ctx *x, StrMap *m, const char *key, void *v)
{
    PtrVec *vec = map_get(m, key);
    if (!vec) {
        vec = arena_alloc(x->a, sizeof(PtrVec));
        map_put(x->a, m, key, vec);
    }
    vec_push(x->a, vec, v);
}

/* The names partition `t`'s copy of ancestor index or key `ix` may have
 * (diff/partlocks.c), appended to `out`: its name, or when other copies in
 * `t` have that name too, or a relation of the schema has it, every
 * number PostgreSQL may have given one of them (label, label1, ...: which
 * copy got which depends on the order they were made). */
static void copy_names(Ctx *x, const Table *t, const Obj *ix, PtrVec *out)
{
    const char *base = partlocks_copy_name(x->a, t->obj.name, ix, 0);
    if (!base)
        return;
    /* the partition's copies' names, made once per partition */
    const char *key = relkey(x, t->obj.schema, t->obj.name);
    PtrVec *bases = map_get(&x->copy_bases, key);
    if (!bases) {
        bases = arena_alloc(x->a, sizeof *bases);
        const Table *up = t;
        for (int depth = 0; up && up->part_of && depth < 64; depth++) {
            const PtrVec *objs = map_get(&x->keyed, relkey(x, up->part_of_schema, up->part_of));
            for (int k = 0; objs && k < objs->n; k++) {
                const char *other = partlocks_copy_name(x->a, t->obj.name, objs->items[k], 0);
                if (other)
                    vec_push(x->a, bases, (void *)other);
            }
            up = model_table(x->from, up->part_of_schema, up->part_of);
        }
        map_put(x->a, &x->copy_bases, key, bases);
    }
    int same = 0;
    for (int k = 0; k < bases->n; k++)
        same += !strcmp(bases->items[k], base);
    if (map_get(&x->from->relnames, relkey(x, t->obj.schema, base)))
        same++;
    vec_push(x->a, out, (void *)base);
    for (int pass = 1; pass < same; pass++)
        vec_push(x->a, out, (void *)partlocks_copy_name(x->a, t->obj.name, ix, pass));
}

static void build_maps(Ctx *x)
{
    if (x->maps_built)
        return;
    x->maps_built = true;
    /* a table's index and key objects, for its partitions' copies below */
    for (int i = 0; i < x->from->objs.n; i++) {
        const Obj *o = x->from->objs.items[i];
        if (o && (o->kind == OBJ_INDEX || o->kind == OBJ_CONSTRAINT))
            push_to(x, &x->keyed, relkey(x, o->schema, o->table), (void *)o);
    }
    /* a partition the direction attaches (a table before, a partition in
     * `to`) is one for what runs after: claimed as one all along */
    for (int i = 0; i < x->to->objs.n; i++) {
        const Table *t = x->to->objs.items[i];
        if (t && t->obj.kind == OBJ_TABLE && t->part_of) {
            const Table *was = model_table(x->from, t->obj.schema, t->obj.name);
            if (was && !was->part_of)
                push_to(x, &x->children, relkey(x, t->part_of_schema, t->part_of), (void *)was);
        }
    }
    for (int i = 0; i < x->from->objs.n; i++) {
        const Obj *o = x->from->objs.items[i];
        if (!o)
            continue;
        if (o->kind == OBJ_INDEX) {
            push_to(x, &x->indexes, relkey(x, o->schema, o->table), (void *)o->name);
        } else if (o->kind == OBJ_CONSTRAINT) {
            const TableConstraint *k = (const TableConstraint *)o;
            if (k->contype == CON_PRIMARY || k->contype == CON_UNIQUE || k->contype == CON_EXCLUSION)
                push_to(x, &x->indexes, relkey(x, o->schema, o->table), (void *)o->name);
            if (k->contype == CON_FOREIGN && k->fk_table) {
                const char *mine = relkey(x, o->schema, o->table), *theirs = relkey(x, k->fk_schema, k->fk_table);
                push_to(x, &x->fkpeers, mine, (void *)theirs);
                push_to(x, &x->fkpeers, theirs, (void *)mine);
            }
        } else if (o->kind == OBJ_SEQ_OWNER) {
            if (o->table && ((const SeqOwner *)o)->column)
                push_to(x, &x->colseqs, column_key(x, o->schema, o->table, ((const SeqOwner *)o)->column),
                        (void *)o);
        } else if (o->kind == OBJ_TABLE) {
            const Table *t = (const Table *)o;
            if (t->part_of)
                push_to(x, &x->children, relkey(x, t->part_of_schema, t->part_of), (void *)t);
            for (int k = 0; k + 1 < t->parents.n; k += 2)
                push_to(x, &x->children, relkey(x, t->parents.items[k], t->parents.items[k + 1]), (void *)t);
            /* a partition's copies of its ancestors' indexes and keys, as
             * PostgreSQL names them (diff/partlocks.c) */
            const Table *up = t;
            for (int depth = 0; up && up->part_of && depth < 64; depth++) {
                const PtrVec *objs = map_get(&x->keyed, relkey(x, up->part_of_schema, up->part_of));
                for (int k = 0; objs && k < objs->n; k++) {
                    PtrVec names = {0};
                    copy_names(x, t, objs->items[k], &names);
                    for (int n = 0; n < names.n; n++)
                        push_to(x, &x->indexes, relkey(x, o->schema, o->name), names.items[n]);
                }
                up = model_table(x->from, up->part_of_schema, up->part_of);
            }
        }
    }
}

/* The maps of `from` that its columns make (most of its objects, so only
 * when a change asks): `users`, and `owned` (with the OWNED BY sequences,
 * in the order of the objects). */
static void build_column_maps(Ctx *x)
{
    if (x->column_maps_built)
        return;
    x->column_maps_built = true;
    for (int i = 0; i < x->from->objs.n; i++) {
        const Obj *o = x->from->objs.items[i];
        if (!o)
            continue;
        if (o->kind == OBJ_SEQ_OWNER) {
            push_to(x, &x->owned, relkey(x, o->schema, o->table), (void *)o->name);
        } else if (o->kind == OBJ_COLUMN) {
            const Column *col = (const Column *)o;
            if (col->type.schema)
                push_to(x, &x->users, relkey(x, col->type.schema, col->type.name), (void *)col);
            for (int k = 0; k < o->deps.n; k++) {
                const Obj *d = o->deps.items[k];
                if (d->kind == OBJ_SEQUENCE && ((const Sequence *)d)->owned && !strcmp(d->schema, o->schema))
                    push_to(x, &x->owned, relkey(x, o->schema, o->table), (void *)d->name);
            }
            /* an identity's sequence, as PostgreSQL names it */
            if (col->identity)
                push_to(x, &x->owned, relkey(x, o->schema, o->table),
                        (void *)norm_object_name(x->a, o->table, o->name, "seq"));
        }
    }
}

/* The weakest mode that conflicts with everything a and b conflict with:
 * the larger of the two, but for SHARE with ROW EXCLUSIVE or SHARE UPDATE
 * EXCLUSIVE (neither covers the other: SHARE does not conflict with
 * itself), SHARE ROW EXCLUSIVE.  LOCK_NONE (a relation this direction
 * creates) stays the lesser. */
static LockLevel lock_join(LockLevel a, LockLevel b)
{
    /* PostgreSQL's conflict table, one bit per mode (LOCK_ACCESS_SHARE = bit 1) */
    static const unsigned conflicts[] = {
        [LOCK_NONE] = 0,
        [LOCK_ACCESS_SHARE] = 1u << 8,
        [LOCK_ROW_SHARE] = 1u << 7 | 1u << 8,
        [LOCK_ROW_EXCLUSIVE] = 1u << 5 | 1u << 6 | 1u << 7 | 1u << 8,
        [LOCK_SHARE_UPDATE_EXCLUSIVE] = 1u << 4 | 1u << 5 | 1u << 6 | 1u << 7 | 1u << 8,
        [LOCK_SHARE] = 1u << 3 | 1u << 4 | 1u << 6 | 1u << 7 | 1u << 8,
        [LOCK_SHARE_ROW_EXCLUSIVE] = 1u << 3 | 1u << 4 | 1u << 5 | 1u << 6 | 1u << 7 | 1u << 8,
        [LOCK_EXCLUSIVE] = 1u << 2 | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 6 | 1u << 7 | 1u << 8,
        [LOCK_ACCESS_EXCLUSIVE] = 0x1FEu,
    };
    LockLevel hi = a > b ? a : b;
    if (a == LOCK_NONE || b == LOCK_NONE)
        return hi;
    unsigned need = conflicts[a] | conflicts[b];
    for (LockLevel m = hi; m < LOCK_ACCESS_EXCLUSIVE; m++)
        if ((conflicts[m] & need) == need)
            return m;
    return LOCK_ACCESS_EXCLUSIVE;
}

static void add_lock_key(Ctx *x, const char *schema, const char *name, LockLevel mode)
{
    if (!name)
        return;
    if (!schema)
        schema = "public";
    /* a relation this direction creates: nobody can be using it (its own
     * drop, in a rebuild, is of the old one) */
    if (x->c->op != CHG_DROP && !x->existing_names && map_get(&x->created, relkey(x, schema, name)))
        mode = LOCK_NONE;
    for (int i = 0; i < x->st->locks.n; i++) {
        StepLock *l = x->st->locks.items[i];
        if (!strcmp(l->schema, schema) && !strcmp(l->name, name)) {
            l->mode = lock_join(l->mode, mode);
            return;
        }
    }
    StepLock *l = arena_alloc(x->a, sizeof(StepLock));
    l->schema = arena_strdup(x->a, schema); /* the parse tree goes with its context */
    l->name = arena_strdup(x->a, name);
    l->mode = mode;
    vec_push(x->a, &x->st->locks, l);
}

/* A lock on the owning table of the change's object: LOCK_NONE when the
 * change says the table is new. */
static void add_lock(Ctx *x, const char *schema, const char *name, LockLevel mode)
{
    if (x->c->table_is_new) {
        const Obj *o = x->c->desired ? x->c->desired : x->c->current;
        if (o->table && str_same(o->schema, schema) && !strcmp(o->table, name))
            mode = LOCK_NONE;
    }
    add_lock_key(x, schema, name, mode);
}

static void add_rv(Ctx *x, const RangeVar *rv, LockLevel mode)
{
    if (rv)
        add_lock(x, rv->schemaname, rv->relname, mode);
}

/* A dotted name list (schema, name); `drop` trailing elements. */
static void add_names(Ctx *x, List *names, int drop, LockLevel mode)
{
    int n = list_length(names) - drop;
    if (n == 1)
        add_lock(x, NULL, strVal(linitial(names)), mode);
    else if (n >= 2)
        add_lock(x, strVal(list_nth(names, n - 2)), strVal(list_nth(names, n - 1)), mode);
}

static void add_indexes(Ctx *x, const char *schema, const char *table, LockLevel mode)
{
    build_maps(x);
    PtrVec *v = map_get(&x->indexes, relkey(x, schema, table));
    for (int i = 0; v && i < v->n; i++)
        add_lock(x, schema, v->items[i], mode);
}

static void add_fkpeers(Ctx *x, const char *schema, const char *table, LockLevel mode)
{
    build_maps(x);
    PtrVec *v = map_get(&x->fkpeers, relkey(x, schema, table));
    for (int i = 0; v && i < v->n; i++) {
        const char *k = v->items[i], *dot = strchr(k, '.');
        add_lock(x, arena_strndup(x->a, k, (size_t)(dot - k)), dot + 1, mode);
    }
}

static void add_owned(Ctx *x, const char *schema, const char *table, LockLevel mode)
{
    build_column_maps(x);
    PtrVec *v = map_get(&x->owned, relkey(x, schema, table));
    for (int i = 0; v && i < v->n; i++)
        add_lock(x, schema, v->items[i], mode);
}

/* The sequences column schema.table.col owns (current state): its
 * identity's (as PostgreSQL names it), a serial's, any OWNED BY it. */
static void add_column_seqs(Ctx *x, const char *schema, const char *table, const char *col, LockLevel mode,
                            bool identity_only)
{
    if (!schema)
        schema = "public";
    const Table *t = model_table(x->from, schema, table);
    const Column *c = t ? table_column(t, col) : NULL;
    if (c && c->identity)
        add_lock(x, schema, norm_object_name(x->a, table, col, "seq"), mode);
    if (!c || identity_only)
        return;
    for (int k = 0; k < c->obj.deps.n; k++) {
        const Obj *d = c->obj.deps.items[k];
        if (d->kind == OBJ_SEQUENCE && ((const Sequence *)d)->owned)
            add_lock(x, d->schema, d->name, mode);
    }
    /* the sequences OWNED BY the column (a map: a scan of every object per
     * column was a tenth of a 10,000-table plan) */
    build_maps(x);
    const PtrVec *v = map_get(&x->colseqs, column_key(x, schema, table, col));
    for (int i = 0; v && i < v->n; i++) {
        const Obj *o = v->items[i];
        add_lock(x, o->schema, o->name, mode);
    }
}

/* The partitions (partitions_only) or also the inheritance children of
 * schema.table, at every level below it (current state), in `mode`; with
 * their indexes (and partitions' copies) in ACCESS EXCLUSIVE when
 * `indexes`: what an ALTER TABLE that recurses locks. */
static void add_descendants(Ctx *x, const char *schema, const char *table, LockLevel mode, bool partitions_only,
                            bool indexes, int depth)
{
    build_maps(x);
    const PtrVec *v = map_get(&x->children, relkey(x, schema, table));
    for (int i = 0; v && i < v->n && depth < 64; i++) {
        const Table *t = v->items[i];
        bool partition = !table_inherits(t, schema ? schema : "public", table);
        if (partitions_only && !partition)
            continue;
        add_lock(x, t->obj.schema, t->obj.name, mode);
        if (indexes)
            add_indexes(x, t->obj.schema, t->obj.name, LOCK_ACCESS_EXCLUSIVE);
        add_descendants(x, t->obj.schema, t->obj.name, mode, partitions_only, indexes, depth + 1);
    }
}

/* The copies of a partitioned table's index or key `ix` (current state)
 * in the partitions at every level below, with those partitions, in
 * `mode`: each copy under the name PostgreSQL gives it and, in the
 * partitions right below, under the name an online build gives it
 * (model_partition_index_name; a copy has one or the other). */
static void add_index_copies(Ctx *x, const Obj *ix, const char *schema, const char *table, LockLevel mode, int depth)
{
    build_maps(x);
    const PtrVec *v = map_get(&x->children, relkey(x, schema, table));
    for (int i = 0; v && i < v->n && depth < 64; i++) {
        const Table *t = v->items[i];
        if (table_inherits(t, schema, table))
            continue;
        add_lock(x, t->obj.schema, t->obj.name, mode);
        PtrVec names = {0};
        copy_names(x, t, ix, &names);
        for (int n = 0; n < names.n; n++)
            add_lock(x, t->obj.schema, names.items[n], mode);
        if (depth == 0)
            add_lock(x, t->obj.schema, model_partition_index_name(x->a, t->obj.name, ix->name), mode);
        add_index_copies(x, ix, t->obj.schema, t->obj.name, mode, depth + 1);
    }
}

/* A foreign key's referenced table schema.table, when it is partitioned:
 * each partition at every level in `mode` (the key's triggers go on each),
 * and the copies there of the table's keys and indexes in ACCESS SHARE
 * (the referenced key's index is looked up in each partition; a check
 * query reads them). */
static void add_referenced_partitions(Ctx *x, const char *schema, const char *table, LockLevel mode)
{
    if (!schema)
        schema = "public";
    add_descendants(x, schema, table, mode, true, false, 0);
    const PtrVec *objs = map_get(&x->keyed, relkey(x, schema, table));
    for (int i = 0; objs && i < objs->n; i++) {
        const Obj *o = objs->items[i];
        if (o->kind == OBJ_INDEX || (((const TableConstraint *)o)->contype != CON_CHECK &&
                                     ((const TableConstraint *)o)->contype != CON_FOREIGN))
            add_index_copies(x, o, schema, table, LOCK_ACCESS_SHARE, 0);
    }
}

/* A partition joins (attach, CREATE TABLE ... PARTITION OF) or leaves
 * (detach) schema.parent's tree: the ancestors above the parent are read;
 * the foreign keys of the parent and its ancestors, both ways, get their
 * copies on the partition made (SHARE ROW EXCLUSIVE on the peer, whose
 * key index is read) or dropped (ACCESS EXCLUSIVE, as emit/detach.c drops
 * the copies the detached table keeps); joining, the parent's indexes are
 * matched against the partition's (SHARE UPDATE EXCLUSIVE). */
static void add_tree_peers(Ctx *x, const char *schema, const char *parent, const char *partition, bool joins)
{
    build_maps(x);
    const Table *t = model_table(x->from, schema ? schema : "public", parent);
    if (joins)
        add_indexes(x, schema, parent, LOCK_SHARE_UPDATE_EXCLUSIVE);
    /* the parent's DEFAULT partition gets its partition constraint changed
     * (and, when one joins, is scanned for rows the new one would hold) */
    const PtrVec *kids = map_get(&x->children, relkey(x, schema, parent));
    for (int i = 0; kids && i < kids->n; i++) {
        const Table *k = kids->items[i];
        if (k->partbound && IsA(k->partbound, PartitionBoundSpec) && ((PartitionBoundSpec *)k->partbound)->is_default &&
            (!partition || strcmp(k->obj.name, partition)))
            add_lock(x, k->obj.schema, k->obj.name, LOCK_ACCESS_EXCLUSIVE);
    }
    for (int depth = 0; t && depth < 64; depth++) {
        if (depth > 0)
            add_lock(x, t->obj.schema, t->obj.name, LOCK_ACCESS_SHARE);
        const PtrVec *v = map_get(&x->fkpeers, relkey(x, t->obj.schema, t->obj.name));
        for (int i = 0; v && i < v->n; i++) {
            const char *k = v->items[i], *dot = strchr(k, '.');
            const char *ps = arena_strndup(x->a, k, (size_t)(dot - k));
            add_lock(x, ps, dot + 1, joins ? LOCK_SHARE_ROW_EXCLUSIVE : LOCK_ACCESS_EXCLUSIVE);
            if (joins)
                add_indexes(x, ps, dot + 1, LOCK_ACCESS_SHARE);
        }
        t = t->part_of ? model_table(x->from, t->part_of_schema, t->part_of) : NULL;
    }
}

/* The table of index `name` in schema (either state), else NULL. */
static const Obj *index_owner(Ctx *x, const char *schema, const char *name)
{
    const char *key = relkey(x, schema, name);
    const Obj *ix = map_get(&x->from->relnames, key);
    if (!ix || (ix->kind != OBJ_INDEX && ix->kind != OBJ_CONSTRAINT))
        ix = map_get(&x->to->relnames, key);
    return ix && (ix->kind == OBJ_INDEX || ix->kind == OBJ_CONSTRAINT) ? ix : NULL;
}

/* A query PostgreSQL plans and runs reads `t`: ACCESS SHARE on it and, from
 * the planner, on each of its indexes. */
static void add_read(Ctx *x, const char *schema, const char *name, bool planned)
{
    add_lock(x, schema, name, LOCK_ACCESS_SHARE);
    if (planned)
        add_indexes(x, schema, name, LOCK_ACCESS_SHARE);
}

/* The relations an object reads (its dependencies that are relations). */
static void add_dep_reads_at(Ctx *x, const Obj *o, bool planned, int depth)
{
    for (int i = 0; o && i < o->deps.n && depth < 16; i++) {
        const Obj *d = o->deps.items[i];
        if (d->kind == OBJ_TABLE || d->kind == OBJ_VIEW || d->kind == OBJ_SEQUENCE)
            add_read(x, d->schema, d->name, planned && d->kind != OBJ_SEQUENCE);
        else if (d->kind == OBJ_COLUMN)
            add_read(x, d->schema, d->table, planned);
        /* a view is expanded: what it reads is read (and planned) too */
        if (d->kind == OBJ_VIEW && !((const Definition *)d)->materialized)
            add_dep_reads_at(x, d, planned, depth + 1);
    }
}

static void add_dep_reads(Ctx *x, const Obj *o, bool planned)
{
    add_dep_reads_at(x, o, planned, 0);
}

/* Tables (of the current state) with a column of type schema.name (or an array of it). */
static void add_tables_using(Ctx *x, const char *schema, const char *name, LockLevel mode, bool rewrite)
{
    build_column_maps(x);
    const PtrVec *v = map_get(&x->users, relkey(x, schema, name));
    for (int i = 0; v && i < v->n; i++) {
        const Obj *o = v->items[i];
        add_lock(x, o->schema, o->table, mode);
        if (rewrite)
            add_indexes(x, o->schema, o->table, mode);
    }
}

static const Column *change_column(const Ctx *x, bool desired)
{
    if (x->c->kind != OBJ_COLUMN)
        return NULL;
    return (const Column *)(desired ? x->c->desired : x->c->current);
}

/* Whether an earlier step of the change validated a CHECK that proves the
 * column NOT NULL (the online SET NOT NULL). */
static bool proved_not_null(const Ctx *x)
{
    for (int i = 0; i < x->index; i++) {
        const Step *s = x->c->steps.items[i];
        if (strstr(s->body, "VALIDATE CONSTRAINT"))
            return true;
    }
    return false;
}

/* The VOLATILE functions of model m (PostgreSQL's default when CREATE
 * FUNCTION does not say), by name and by qual_key(). */
static void index_volatile(Ctx *x, const Model *m, StrMap *out)
{
    for (int i = 0; i < m->objs.n; i++) {
        const Obj *o = m->objs.items[i];
        if (!o || o->kind != OBJ_FUNCTION)
            continue;
        const Node *raw = ((const Definition *)o)->raw;
        if (!raw || !IsA(raw, CreateFunctionStmt))
            continue;
        const char *volatility = "volatile";
        ListCell *lc;
        foreach (lc, ((const CreateFunctionStmt *)raw)->options) {
            const DefElem *d = lfirst(lc);
            if (!strcmp(d->defname, "volatility") && d->arg && IsA(d->arg, String))
                volatility = strVal(d->arg);
        }
        if (!strcmp(volatility, "volatile")) {
            map_put(x->a, out, o->name, (void *)1);
            map_put(x->a, out, qual_key(x, o->schema, o->name), (void *)1);
        }
    }
}

/* Whether a function named schema.name (any schema when NULL) is VOLATILE
 * in either state. */
static bool user_function_volatile(Ctx *x, const char *schema, const char *name)
{
    if (!x->volatile_built) {
        x->volatile_built = true;
        index_volatile(x, x->from, &x->volatile_from);
        index_volatile(x, x->to, &x->volatile_to);
    }
    const char *key = schema ? qual_key(x, schema, name) : name;
    return map_get(&x->volatile_to, key) || map_get(&x->volatile_from, key);
}

/* Whether a new column's default calls a volatile function (then ADD
 * COLUMN rewrites the table to store each row's value, instead of one
 * "missing" value): the built-in ones below, or one of the plan's own
 * functions declared (or left) VOLATILE. */
static bool is_volatile_default(Node *n, void *arg)
{
    if (!n)
        return false;
    Ctx *x = arg;
    if (IsA(n, FuncCall)) {
        static const char *const volatile_fns[] = {"nextval", "random", "gen_random_uuid", "clock_timestamp",
                                                   "timeofday", "uuid_generate_v1", "uuid_generate_v1mc",
                                                   "uuid_generate_v4", "txid_current", "setseed"};
        List *fn = ((FuncCall *)n)->funcname;
        const char *name = strVal(llast(fn));
        const char *schema = list_length(fn) >= 2 ? strVal(list_nth(fn, list_length(fn) - 2)) : NULL;
        for (size_t i = 0; i < sizeof volatile_fns / sizeof volatile_fns[0]; i++)
            if (!strcmp(name, volatile_fns[i]))
                return true;
        if (user_function_volatile(x, schema, name))
            return true;
    }
    return raw_expression_tree_walker(n, is_volatile_default, arg);
}

/* Whether type `tn` is a domain (of the desired state, else the current)
 * with a CHECK or NOT NULL constraint, itself or a domain it is over. */
static bool domain_checks(const Ctx *x, const TypeName *tn, int depth)
{
    if (!tn || tn->arrayBounds || depth > 16)
        return false;
    int n = list_length(tn->names);
    const char *schema = n >= 2 ? strVal(list_nth(tn->names, n - 2)) : "public";
    if (!strcmp(schema, "pg_catalog"))
        return false;
    const Obj *d = model_lookup(x->to, OBJ_DOMAIN, schema, NULL, strVal(llast(tn->names)));
    if (!d)
        d = model_lookup(x->from, OBJ_DOMAIN, schema, NULL, strVal(llast(tn->names)));
    if (!d)
        return false;
    return classify_domain_has_constraints((const Definition *)d) ||
           domain_checks(x, ((const CreateDomainStmt *)((const Definition *)d)->raw)->typeName, depth + 1);
}

static bool refs_column(Node *n, void *col)
{
    if (!n)
        return false;
    if (IsA(n, ColumnRef)) {
        const Node *last = llast(((ColumnRef *)n)->fields);
        return IsA(last, String) && !strcmp(strVal(last), col);
    }
    return raw_expression_tree_walker(n, refs_column, col);
}

static bool elems_use(List *elems, const char *col)
{
    ListCell *lc;
    foreach (lc, elems) {
        Node *e = lfirst(lc);
        if (IsA(e, List)) /* EXCLUDE: (IndexElem, operator) */
            e = linitial((List *)e);
        if (IsA(e, IndexElem) && ((((IndexElem *)e)->name && !strcmp(((IndexElem *)e)->name, col)) ||
                                  refs_column(((IndexElem *)e)->expr, (void *)col)))
            return true;
        if (IsA(e, String) && !strcmp(strVal(e), col))
            return true;
    }
    return false;
}

/* Whether an index or key of schema.table (current state) is on column `col`. */
static bool column_indexed(const Ctx *x, const char *schema, const char *table, const char *col)
{
    for (int i = 0; i < x->from->objs.n; i++) {
        const Obj *o = x->from->objs.items[i];
        if (!o || !o->table || strcmp(o->table, table) || !str_same(o->schema, schema ? schema : "public"))
            continue;
        /* an index the direction drops is gone before the type changes, or
         * built anew after it */
        if (map_get(&((Ctx *)x)->dropped, relkey((Ctx *)x, o->schema, o->name)))
            continue;
        if (o->kind == OBJ_INDEX && ((const TableIndex *)o)->raw && IsA(((const TableIndex *)o)->raw, IndexStmt)) {
            const IndexStmt *is = (const IndexStmt *)((const TableIndex *)o)->raw;
            if (elems_use(is->indexParams, col) || elems_use(is->indexIncludingParams, col) ||
                refs_column(is->whereClause, (void *)col))
                return true;
        } else if (o->kind == OBJ_CONSTRAINT && ((const TableConstraint *)o)->raw &&
                   IsA(((const TableConstraint *)o)->raw, Constraint)) {
            const Constraint *k = (const Constraint *)((const TableConstraint *)o)->raw;
            if (k->contype != CONSTR_CHECK && k->contype != CONSTR_FOREIGN &&
                (elems_use(k->keys, col) || elems_use(k->including, col) || elems_use(k->exclusions, col)))
                return true;
        }
    }
    return false;
}

static void alter_cmd(Ctx *x, const AlterTableStmt *s, const AlterTableCmd *cmd)
{
    const RangeVar *rv = s->relation;
    const char *schema = rv->schemaname, *rel = rv->relname;
    const ClassifyAtRow *row = classify_at_row(cmd->subtype);
    LockLevel mode = row ? (LockLevel)row->lock : LOCK_ACCESS_EXCLUSIVE;
    bool existing = !x->c->table_is_new && !map_get(&x->created, relkey(x, schema, rel));
    switch (cmd->subtype) {
    case AT_SetRelOptions:
    case AT_ResetRelOptions: {
        mode = LOCK_NONE;
        ListCell *lc;
        foreach (lc, (List *)cmd->def) {
            LockLevel l = s->objtype == OBJECT_VIEW ? LOCK_ACCESS_EXCLUSIVE
                                                    : classify_reloption_lock(((DefElem *)lfirst(lc))->defname);
            if (l > mode)
                mode = l;
        }
        break;
    }
    case AT_AddConstraint:
    case AT_AddConstraintRecurse: {
        const Constraint *k = (const Constraint *)cmd->def;
        if (k && IsA(k, Constraint) && k->contype == CONSTR_FOREIGN) {
            mode = LOCK_SHARE_ROW_EXCLUSIVE;
            add_rv(x, k->pktable, LOCK_SHARE_ROW_EXCLUSIVE);
            /* a partitioned referenced table: each partition gets the
             * key's triggers (addFkRecurseReferenced) */
            if (k->pktable)
                add_referenced_partitions(x, k->pktable->schemaname, k->pktable->relname, LOCK_SHARE_ROW_EXCLUSIVE);
            /* the referenced key's index is looked up */
            if (k->pktable)
                add_indexes(x, k->pktable->schemaname, k->pktable->relname, LOCK_ACCESS_SHARE);
            if (!k->skip_validation && existing) {
                x->st->scan = true;
                add_read(x, schema, rel, true);
                if (k->pktable)
                    add_read(x, k->pktable->schemaname, k->pktable->relname, true);
            }
        } else if (k && IsA(k, Constraint) && k->contype == CONSTR_CHECK && !k->skip_validation && existing) {
            x->st->scan = true;
        }
        break;
    }
    case AT_ValidateConstraint:
    case AT_ValidateConstraintRecurse: {
        if (existing) {
            x->st->scan = true;
            x->st->transactional = false;
        }
        /* a foreign key's check query reads both tables */
        build_maps(x);
        const Obj *k = model_lookup(x->from, OBJ_CONSTRAINT, schema ? schema : "public", rel, cmd->name);
        if (!k)
            k = model_lookup(x->to, OBJ_CONSTRAINT, schema ? schema : "public", rel, cmd->name);
        if (k && ((const TableConstraint *)k)->contype == CON_FOREIGN) {
            const TableConstraint *fk = (const TableConstraint *)k;
            add_read(x, schema, rel, true);
            add_read(x, fk->fk_schema, fk->fk_table, true);
            add_lock(x, fk->fk_schema, fk->fk_table, LOCK_ROW_SHARE);
            add_referenced_partitions(x, fk->fk_schema, fk->fk_table, LOCK_ACCESS_SHARE);
        }
        break;
    }
    case AT_SetNotNull:
        if (existing && !proved_not_null(x))
            x->st->scan = true;
        break;
    case AT_AddColumn: {
        const ColumnDef *cd = (const ColumnDef *)cmd->def;
        ListCell *lc;
        bool rewrite = false;
        foreach (lc, cd->constraints) {
            const Constraint *k = lfirst(lc);
            if (k->contype == CONSTR_IDENTITY || k->contype == CONSTR_GENERATED ||
                (k->contype == CONSTR_DEFAULT && is_volatile_default(k->raw_expr, x)))
                rewrite = true;
            if (k->contype == CONSTR_FOREIGN)
                add_rv(x, k->pktable, LOCK_SHARE_ROW_EXCLUSIVE);
        }
        /* a domain with constraints: every row is rewritten to check them
         * (ATExecAddColumn: DomainHasConstraints) */
        if (rewrite || domain_checks(x, cd->typeName, 0)) {
            if (existing) {
                x->st->rewrite = true;
                add_indexes(x, schema, rel, LOCK_ACCESS_EXCLUSIVE);
            }
        }
        break;
    }
    case AT_AlterColumnType: {
        const Column *cur = change_column(x, false), *des = change_column(x, true);
        bool rewrite = true;
        if (cur && des && !strcmp(cur->obj.name, cmd->name)) {
            rewrite = classify_type_rewrites(x->a, x->from, x->to, &cur->type, &des->type);
        } else if (x->c->kind == OBJ_DOMAIN && cmd->def && IsA(cmd->def, ColumnDef) &&
                   ((const ColumnDef *)cmd->def)->typeName) {
            /* the domain-change block: from the old domain to the type the
             * statement names (dropped), or from the old domain's base type
             * to the new domain (created) */
            TypeRef target = norm_type(&(NormCtx){x->a, "public", NULL, false},
                                       (Node *)((const ColumnDef *)cmd->def)->typeName);
            const Definition *old = (const Definition *)(x->c->current ? x->c->current
                                                         : model_lookup(x->from, OBJ_DOMAIN, x->c->desired->schema,
                                                                        NULL, x->c->desired->name));
            if (x->c->op == CHG_DROP && old) {
                TypeRef dom = {old->obj.schema, old->obj.name, NULL, 0,
                               arena_printf(x->a, "%s.%s", old->obj.schema, old->obj.name)};
                rewrite = classify_type_rewrites(x->a, x->from, NULL, &dom, &target);
            } else if (x->c->op == CHG_CREATE && old) {
                TypeRef base = norm_type(&(NormCtx){x->a, old->search_schema, NULL, false},
                                         (Node *)((const CreateDomainStmt *)old->raw)->typeName);
                rewrite = classify_type_rewrites(x->a, NULL, x->to, &base, &target);
            }
        }
        /* a foreign table's rows are the server's: nothing here is rewritten or lost */
        const Table *ft = model_table(x->from, schema, rel);
        bool foreign = ft && ft->server;
        if (existing && rewrite && !foreign)
            x->st->rewrite = true;
        /* no rewrite, yet an index on the column whose operator class does
         * not fit the new type is built again (int -> oid) */
        if (existing && !rewrite && cur && des && !strcmp(cur->obj.name, cmd->name) &&
            (classify_type_reindexes(x->a, x->from, x->to, &cur->type, &des->type) ||
             !str_same(cur->collation, des->collation)) /* CheckIndexCompatible compares collations */ &&
            column_indexed(x, schema, rel, cmd->name))
            x->st->hazards |= HAZ_INDEX_REBUILD;
        if (existing) {
            /* indexes on the column are re-made, the others reindexed by a rewrite */
            add_indexes(x, schema, rel, LOCK_ACCESS_EXCLUSIVE);
            add_fkpeers(x, schema, rel, LOCK_ACCESS_EXCLUSIVE);
            /* a re-made foreign key is validated by a planned query on its peer */
            build_maps(x);
            const PtrVec *v = map_get(&x->fkpeers, relkey(x, schema, rel));
            for (int i = 0; v && i < v->n; i++) {
                const char *k = v->items[i], *dot = strchr(k, '.');
                add_indexes(x, arena_strndup(x->a, k, (size_t)(dot - k)), dot + 1, LOCK_ACCESS_SHARE);
            }
        }
        if (cur && des && cur->type.schema && des->type.schema && !strcmp(cur->type.name, des->type.name) &&
            (!strcmp(des->type.name, "vector") || !strcmp(des->type.name, "halfvec") ||
             !strcmp(des->type.name, "sparsevec")) && strcmp(cur->type.sql, des->type.sql))
            x->st->hazards |= HAZ_VECTOR_DIM;
        bool explicit_cast = cmd->def && IsA(cmd->def, ColumnDef) && ((const ColumnDef *)cmd->def)->raw_default;
        if (cur && des && !foreign &&
            classify_type_lossy_in(x->a, x->from, x->to, &cur->type, &des->type, explicit_cast))
            x->st->hazards |= HAZ_DATA_LOSS;
        break;
    }
    case AT_DropColumn:
    case AT_DropColumnRecurse: {
        const Table *ft = model_table(x->from, schema, rel);
        if (!ft || !ft->server) /* a foreign table's rows are the server's */
            x->st->hazards |= HAZ_DATA_LOSS;
        if (existing) {
            add_indexes(x, schema, rel, LOCK_ACCESS_EXCLUSIVE);
            add_fkpeers(x, schema, rel, LOCK_ACCESS_EXCLUSIVE);
            /* its identity's or serial's sequence goes with it */
            add_column_seqs(x, schema, rel, cmd->name, LOCK_ACCESS_EXCLUSIVE, false);
        }
        break;
    }
    case AT_DropIdentity:
        if (existing)
            add_column_seqs(x, schema, rel, cmd->name, LOCK_ACCESS_EXCLUSIVE, true);
        break;
    case AT_SetIdentity: {
        /* SET INCREMENT BY / RESTART / ...: an ALTER SEQUENCE of the identity's */
        ListCell *lc;
        bool seq_options = false;
        foreach (lc, (List *)cmd->def)
            seq_options = seq_options || strcmp(((const DefElem *)lfirst(lc))->defname, "generated") != 0;
        if (existing && seq_options)
            add_column_seqs(x, schema, rel, cmd->name, LOCK_SHARE_ROW_EXCLUSIVE, true);
        break;
    }
    case AT_SetLogged:
    case AT_SetUnLogged:
    case AT_SetAccessMethod:
    case AT_SetTableSpace:
        if (existing) {
            x->st->rewrite = true;
            add_indexes(x, schema, rel, LOCK_ACCESS_EXCLUSIVE);
            add_owned(x, schema, rel, LOCK_ACCESS_EXCLUSIVE);
        }
        break;
    case AT_AddOf:
        if (cmd->def && IsA(cmd->def, TypeName))
            add_names(x, ((const TypeName *)cmd->def)->names, 0, LOCK_ACCESS_SHARE);
        break;
    case AT_ClusterOn:
        add_lock(x, schema, cmd->name, LOCK_SHARE_UPDATE_EXCLUSIVE);
        break;
    case AT_ChangeOwner:
        add_indexes(x, schema, rel, LOCK_ACCESS_EXCLUSIVE);
        add_owned(x, schema, rel, LOCK_ACCESS_EXCLUSIVE);
        break;
    case AT_AttachPartition: {
        const PartitionCmd *pc = (const PartitionCmd *)cmd->def;
        if (s->objtype == OBJECT_INDEX) {
            add_rv(x, pc->name, LOCK_ACCESS_EXCLUSIVE);
            /* both indexes' tables are opened (ACCESS SHARE) */
            const Obj *parent = index_owner(x, schema, rel);
            if (parent)
                add_lock(x, parent->schema, parent->table, LOCK_ACCESS_SHARE);
            const Obj *child = pc->name ? index_owner(x, pc->name->schemaname ? pc->name->schemaname : schema,
                                                      pc->name->relname) : NULL;
            if (child)
                add_lock(x, child->schema, child->table, LOCK_ACCESS_SHARE);
            for (int i = 0; !child && pc->name && i < x->c->partitions.n; i++) {
                const Table *p = x->c->partitions.items[i];
                if (!strcmp(model_partition_index_name(x->a, p->obj.name, rel), pc->name->relname))
                    add_lock(x, p->obj.schema, p->obj.name, LOCK_ACCESS_SHARE);
            }
            break;
        }
        add_rv(x, pc->name, LOCK_ACCESS_EXCLUSIVE);
        if (pc->name && !map_get(&x->created, relkey(x, pc->name->schemaname, pc->name->relname))) {
            x->st->scan = true;
            add_indexes(x, pc->name->schemaname, pc->name->relname, LOCK_ACCESS_EXCLUSIVE);
        }
        add_tree_peers(x, schema, rel, pc->name ? pc->name->relname : NULL, true);
        break;
    }
    case AT_DetachPartition: {
        const PartitionCmd *pc = (const PartitionCmd *)cmd->def;
        mode = pc->concurrent ? LOCK_SHARE_UPDATE_EXCLUSIVE : LOCK_ACCESS_EXCLUSIVE;
        add_rv(x, pc->name, mode);
        if (pc->name)
            add_indexes(x, pc->name->schemaname, pc->name->relname, LOCK_ACCESS_EXCLUSIVE);
        if (pc->concurrent)
            x->st->transactional = false;
        add_tree_peers(x, schema, rel, pc->name ? pc->name->relname : NULL, false);
        break;
    }
    case AT_AddInherit:
        add_rv(x, (const RangeVar *)cmd->def, LOCK_SHARE_UPDATE_EXCLUSIVE);
        break;
    case AT_DropInherit:
        add_rv(x, (const RangeVar *)cmd->def, LOCK_ACCESS_SHARE);
        break;
    case AT_DropConstraint:
    case AT_DropConstraintRecurse: {
        /* a foreign key's triggers go from both tables; a key's index goes */
        const Obj *k = model_lookup(x->from, OBJ_CONSTRAINT, schema ? schema : "public", rel, cmd->name);
        if (k && ((const TableConstraint *)k)->contype == CON_FOREIGN) {
            const TableConstraint *fk = (const TableConstraint *)k;
            add_lock(x, fk->fk_schema, fk->fk_table, LOCK_ACCESS_EXCLUSIVE);
            /* a partitioned referenced table: the key's triggers are on
             * each of its partitions too */
            add_referenced_partitions(x, fk->fk_schema, fk->fk_table, LOCK_ACCESS_EXCLUSIVE);
        } else if (k && ((const TableConstraint *)k)->contype != CON_CHECK) {
            add_lock(x, schema, cmd->name, LOCK_ACCESS_EXCLUSIVE);
            /* a partitioned table's key: its copies in the partitions go too */
            const Table *t = model_table(x->from, k->schema, k->table);
            if (t && t->partspec && rv->inh)
                add_index_copies(x, k, k->schema, k->table, LOCK_ACCESS_EXCLUSIVE, 0);
        }
        break;
    }
    case AT_ReplicaIdentity: {
        /* USING INDEX: ATExecReplicaIdentity opens the index in SHARE */
        const ReplicaIdentityStmt *ri = (const ReplicaIdentityStmt *)cmd->def;
        if (ri && IsA(ri, ReplicaIdentityStmt) && ri->identity_type == 'i' /* REPLICA_IDENTITY_INDEX */ && ri->name)
            add_lock(x, schema, ri->name, LOCK_SHARE);
        break;
    }
    case AT_AddIndexConstraint: {
        const Constraint *k = (const Constraint *)cmd->def;
        if (k && IsA(k, Constraint) && k->indexname)
            add_lock(x, schema, k->indexname, LOCK_ACCESS_EXCLUSIVE);
        break;
    }
    default:
        break;
    }
    /* without ONLY, most subcommands recurse to the partitions and
     * inheritance children (ATSimpleRecursion, ATPrepCmd's recurse) */
    bool partitions_only = false, indexes = false;
    if (rv->inh && s->objtype == OBJECT_TABLE && existing && classify_at_recurses(cmd, &partitions_only, &indexes))
        add_descendants(x, schema, rel, mode, partitions_only, indexes || x->st->rewrite, 0);
    add_lock(x, schema, rel, mode);
}

static void alter_table(Ctx *x, const AlterTableStmt *s)
{
    if (s->objtype == OBJECT_TYPE) {
        /* ALTER TYPE ... ATTRIBUTE ... CASCADE: the type's relation, its typed tables */
        const RangeVar *rv = s->relation;
        add_rv(x, rv, LOCK_ACCESS_EXCLUSIVE);
        for (int i = 0; i < x->from->objs.n; i++) {
            const Obj *o = x->from->objs.items[i];
            if (o && o->kind == OBJ_TABLE && ((const Table *)o)->of_type &&
                !strcmp(((const Table *)o)->of_type, rv->relname) &&
                str_same(((const Table *)o)->of_schema, rv->schemaname ? rv->schemaname : "public")) {
                add_lock(x, o->schema, o->name, LOCK_ACCESS_EXCLUSIVE);
                ListCell *lc;
                foreach (lc, s->cmds) {
                    const AlterTableCmd *cmd = lfirst(lc);
                    if (cmd->subtype == AT_AlterColumnType) {
                        /* the typed table's column changes as ALTER COLUMN
                         * TYPE would change it: a rewrite only where that
                         * one rewrites (varchar(200) -> text does not) */
                        const Column *col = table_column((const Table *)o, cmd->name);
                        bool rewrite = true;
                        if (col && cmd->def && IsA(cmd->def, ColumnDef) && ((const ColumnDef *)cmd->def)->typeName) {
                            TypeRef target = norm_type(&(NormCtx){x->a, "public", NULL, false},
                                                       (Node *)((const ColumnDef *)cmd->def)->typeName);
                            rewrite = classify_type_rewrites(x->a, x->from, x->to, &col->type, &target);
                        }
                        if (rewrite)
                            x->st->rewrite = true;
                        add_indexes(x, o->schema, o->name, LOCK_ACCESS_EXCLUSIVE);
                    }
                    if (cmd->subtype == AT_DropColumn)
                        x->st->hazards |= HAZ_DATA_LOSS;
                }
            }
        }
        /* DROP ATTRIBUTE: the attribute's values go from every column of
         * the type as well as from its typed tables */
        ListCell *dc;
        foreach (dc, s->cmds)
            if (((const AlterTableCmd *)lfirst(dc))->subtype == AT_DropColumn)
                x->st->hazards |= HAZ_DATA_LOSS;
        return;
    }
    ListCell *lc;
    foreach (lc, s->cmds)
        alter_cmd(x, s, lfirst(lc));
}

static void create_table(Ctx *x, const CreateStmt *s)
{
    add_rv(x, s->relation, LOCK_ACCESS_EXCLUSIVE);
    if (s->ofTypename)
        add_names(x, s->ofTypename->names, 0, LOCK_ACCESS_SHARE);
    ListCell *lc;
    foreach (lc, s->inhRelations) {
        const RangeVar *parent = lfirst(lc);
        add_rv(x, parent, s->partbound ? LOCK_ACCESS_EXCLUSIVE : LOCK_SHARE_UPDATE_EXCLUSIVE);
        /* the inherited defaults are checked: a serial's sequence is opened */
        add_owned(x, parent->schemaname, parent->relname, LOCK_ACCESS_SHARE);
        if (s->partbound)
            add_tree_peers(x, parent->schemaname, parent->relname, s->relation->relname, true);
    }
    foreach (lc, s->tableElts) {
        Node *n = lfirst(lc);
        if (IsA(n, Constraint) && ((Constraint *)n)->contype == CONSTR_FOREIGN)
            add_rv(x, ((Constraint *)n)->pktable, LOCK_SHARE_ROW_EXCLUSIVE);
        if (IsA(n, ColumnDef)) {
            ListCell *k;
            foreach (k, ((ColumnDef *)n)->constraints)
                if (((Constraint *)lfirst(k))->contype == CONSTR_FOREIGN)
                    add_rv(x, ((Constraint *)lfirst(k))->pktable, LOCK_SHARE_ROW_EXCLUSIVE);
        }
        if (IsA(n, TableLikeClause))
            add_rv(x, ((TableLikeClause *)n)->relation, LOCK_ACCESS_SHARE);
    }
}

static void drop_stmt(Ctx *x, const DropStmt *s)
{
    ListCell *lc;
    LockLevel mode = s->concurrent ? LOCK_SHARE_UPDATE_EXCLUSIVE : LOCK_ACCESS_EXCLUSIVE;
    if (s->concurrent)
        x->st->transactional = false;
    foreach (lc, s->objects) {
        List *names = lfirst(lc);
        switch (s->removeType) {
        case OBJECT_TABLE:
        case OBJECT_MATVIEW:
        case OBJECT_VIEW:
        case OBJECT_SEQUENCE:
        case OBJECT_FOREIGN_TABLE:
        case OBJECT_INDEX: {
            add_names(x, names, 0, mode);
            int n = list_length(names);
            const char *schema = n >= 2 ? strVal(list_nth(names, n - 2)) : "public";
            const char *name = strVal(llast(names));
            if (s->removeType == OBJECT_INDEX) {
                /* CONCURRENTLY too: once no one can use the index any more,
                 * it is dropped under ACCESS EXCLUSIVE */
                add_names(x, names, 0, LOCK_ACCESS_EXCLUSIVE);
                const Obj *ix = map_get(&x->from->relnames, relkey(x, schema, name));
                if (ix && (ix->kind == OBJ_INDEX || ix->kind == OBJ_CONSTRAINT))
                    add_lock(x, ix->schema, ix->table, mode);
                else if (x->c->current && x->c->current->table)
                    add_lock(x, x->c->current->schema, x->c->current->table, mode);
                /* a partitioned table's index: every partition below and its copy */
                const Table *t = ix && ix->kind == OBJ_INDEX ? model_table(x->from, ix->schema, ix->table) : NULL;
                if (t && t->partspec)
                    add_index_copies(x, ix, ix->schema, ix->table, LOCK_ACCESS_EXCLUSIVE, 0);
            } else if (s->removeType != OBJECT_SEQUENCE && s->removeType != OBJECT_VIEW) {
                add_indexes(x, schema, name, LOCK_ACCESS_EXCLUSIVE);
                add_owned(x, schema, name, LOCK_ACCESS_EXCLUSIVE);
                add_fkpeers(x, schema, name, LOCK_ACCESS_EXCLUSIVE);
                const Table *t = model_table(x->from, schema, name);
                if (t && t->part_of)
                    add_lock(x, t->part_of_schema, t->part_of, LOCK_ACCESS_EXCLUSIVE);
                /* a partition's copies of its ancestors' foreign keys go too */
                for (int depth = 0; t && t->part_of && depth < 64; depth++) {
                    add_fkpeers(x, t->part_of_schema, t->part_of, LOCK_ACCESS_EXCLUSIVE);
                    t = model_table(x->from, t->part_of_schema, t->part_of);
                }
                if (s->removeType == OBJECT_TABLE)
                    x->st->hazards |= HAZ_DATA_LOSS;
            }
            break;
        }
        case OBJECT_TRIGGER:
        case OBJECT_POLICY:
        case OBJECT_RULE:
            add_names(x, names, 1, LOCK_ACCESS_EXCLUSIVE);
            break;
        case OBJECT_TYPE: {
            /* a composite type is a relation (relkind 'c') */
            TypeName *tn = (TypeName *)names;
            int n = list_length(tn->names);
            const char *schema = n >= 2 ? strVal(list_nth(tn->names, n - 2)) : "public";
            if (model_lookup(x->from, OBJ_COMPOSITE, schema, NULL, strVal(llast(tn->names))))
                add_names(x, tn->names, 0, LOCK_ACCESS_EXCLUSIVE);
            break;
        }
        case OBJECT_STATISTIC_EXT: {
            int n = list_length(names);
            const Obj *st = model_lookup(x->from, OBJ_STATISTICS, n >= 2 ? strVal(list_nth(names, n - 2)) : "public",
                                         NULL, strVal(llast(names)));
            const Node *raw = st ? ((const Definition *)st)->raw : NULL;
            ListCell *rc;
            if (raw && IsA(raw, CreateStatsStmt))
                foreach (rc, ((const CreateStatsStmt *)raw)->relations)
                    if (IsA(lfirst(rc), RangeVar))
                        add_rv(x, lfirst(rc), LOCK_SHARE_UPDATE_EXCLUSIVE);
            break;
        }
        default:
            break;
        }
    }
}

static void comment_stmt(Ctx *x, const CommentStmt *s)
{
    switch (s->objtype) {
    case OBJECT_TABLE:
    case OBJECT_VIEW:
    case OBJECT_MATVIEW:
    case OBJECT_INDEX:
    case OBJECT_SEQUENCE:
    case OBJECT_FOREIGN_TABLE:
        add_names(x, (List *)s->object, 0, LOCK_SHARE_UPDATE_EXCLUSIVE);
        break;
    case OBJECT_COLUMN:
    case OBJECT_TABCONSTRAINT:
    case OBJECT_TRIGGER:
    case OBJECT_POLICY:
    case OBJECT_RULE:
        add_names(x, (List *)s->object, 1, LOCK_SHARE_UPDATE_EXCLUSIVE);
        break;
    default:
        break;
    }
}

/* Relations a DO block reaches that its text does not show as DDL: from
 * the model, per change kind. */
static void select_reads(Ctx *x, const SelectStmt *s);

static void do_block(Ctx *x)
{
    const Change *c = x->c;
    if (c->kind == OBJ_ENUM && (c->alter & ALT_ENUM_REBUILD)) {
        /* every column of the type is converted through text, and back */
        int before = x->st->locks.n;
        add_tables_using(x, c->desired->schema, c->desired->name, LOCK_ACCESS_EXCLUSIVE, true);
        x->st->rewrite = x->st->locks.n > before;
        x->st->hazards |= HAZ_ENUM_REBUILD;
    } else if (c->kind == OBJ_SEQUENCE && c->op == CHG_ALTER) {
        add_lock(x, c->desired->schema, c->desired->name, LOCK_SHARE_ROW_EXCLUSIVE);
    } else if (c->kind == OBJ_SEQUENCE && c->op == CHG_CREATE) {
        /* identity -> serial (seqpos_identity_to_serial): the identity whose
         * sequence has the new sequence's name drops it (DROP IDENTITY) */
        if (!x->identities_built) {
            x->identities_built = true;
            for (int i = 0; i < x->from->objs.n; i++) {
                const Obj *o = x->from->objs.items[i];
                if (o && o->kind == OBJ_COLUMN && ((const Column *)o)->identity)
                    push_to(x, &x->identity_seqs, qual_key(x, o->schema, norm_object_name(x->a, o->table, o->name, "seq")),
                            (void *)o);
            }
        }
        const PtrVec *same = map_get(&x->identity_seqs, qual_key(x, c->desired->schema, c->desired->name));
        for (int i = 0; same && i < same->n; i++) {
            const Obj *o = same->items[i];
            add_lock(x, o->schema, o->table, LOCK_ACCESS_EXCLUSIVE);
            x->existing_names = true;
            add_lock(x, o->schema, c->desired->name, LOCK_ACCESS_EXCLUSIVE);
            x->existing_names = false;
        }
    } else if (c->kind == OBJ_COLUMN && c->desired) {
        const Column *cur = change_column(x, false), *des = change_column(x, true);
        if (cur && des && des->identity && !cur->identity) {
            /* serial -> identity (seqpos_serial_to_identity): DROP DEFAULT,
             * DROP SEQUENCE of the serial's, ADD GENERATED, RESTART */
            add_lock(x, des->obj.schema, des->obj.table, LOCK_ACCESS_EXCLUSIVE);
            add_column_seqs(x, cur->obj.schema, cur->obj.table, cur->obj.name, LOCK_ACCESS_EXCLUSIVE, false);
        }
        /* the sequence position blocks read the column's table */
        add_read(x, c->desired->schema, c->desired->table, true);
        for (int i = 0; i < c->desired->deps.n; i++) {
            const Obj *d = c->desired->deps.items[i];
            if (d->kind == OBJ_SEQUENCE)
                add_lock(x, d->schema, d->name, LOCK_ROW_EXCLUSIVE);
        }
    }
}

/* OWNED BY table.column: the table is read */
static void owned_by(Ctx *x, List *options)
{
    ListCell *lc;
    foreach (lc, options) {
        const DefElem *d = lfirst(lc);
        if (!strcmp(d->defname, "owned_by") && list_length((List *)d->arg) >= 2)
            add_names(x, (List *)d->arg, 1, LOCK_ACCESS_SHARE);
    }
}

static void from_reads(Ctx *x, Node *n)
{
    if (!n)
        return;
    if (IsA(n, RangeVar)) {
        const RangeVar *rv = (const RangeVar *)n;
        if (!rv->schemaname || strcmp(rv->schemaname, "pg_catalog"))
            add_read(x, rv->schemaname, rv->relname, true);
    } else if (IsA(n, JoinExpr)) {
        from_reads(x, ((JoinExpr *)n)->larg);
        from_reads(x, ((JoinExpr *)n)->rarg);
    } else if (IsA(n, RangeSubselect)) {
        Node *q = ((RangeSubselect *)n)->subquery;
        if (q && IsA(q, SelectStmt))
            select_reads(x, (const SelectStmt *)q);
    }
}

/* A query's FROM relations (outside pg_catalog), read and planned. */
static void select_reads(Ctx *x, const SelectStmt *s)
{
    ListCell *lc;
    foreach (lc, s->fromClause)
        from_reads(x, lfirst(lc));
    if (s->larg)
        select_reads(x, s->larg);
    if (s->rarg)
        select_reads(x, s->rarg);
}

/* The tables a statement writes (INSERT, UPDATE, DELETE, MERGE, at any
 * depth): its parse analysis, as a rule's action or a LANGUAGE sql body
 * checked at creation, takes ROW EXCLUSIVE on each. */
static bool dml_targets(Node *n, void *arg)
{
    if (!n)
        return false;
    Ctx *x = arg;
    const RangeVar *rv = IsA(n, InsertStmt)   ? ((InsertStmt *)n)->relation
                         : IsA(n, UpdateStmt) ? ((UpdateStmt *)n)->relation
                         : IsA(n, DeleteStmt) ? ((DeleteStmt *)n)->relation
                         : IsA(n, MergeStmt)  ? ((MergeStmt *)n)->relation
                                              : NULL;
    if (rv)
        add_rv(x, rv, LOCK_ROW_EXCLUSIVE);
    return raw_expression_tree_walker(n, dml_targets, arg);
}

/* dml_targets() of statements: the raw walker knows the nodes of queries
 * and expressions, not those of other statements (RETURN, utilities). */
static void dml_stmt_targets(Ctx *x, Node *n)
{
    if (!n)
        return;
    if (IsA(n, List)) { /* a BEGIN ATOMIC body: a list of statements */
        ListCell *lc;
        foreach (lc, (List *)n)
            dml_stmt_targets(x, lfirst(lc));
    } else if (IsA(n, InsertStmt) || IsA(n, UpdateStmt) || IsA(n, DeleteStmt) || IsA(n, MergeStmt) ||
               IsA(n, SelectStmt)) {
        dml_targets(n, x);
    }
}

/* A LANGUAGE sql function or procedure is parse-analysed when created
 * (check_function_bodies): the tables its statements write. */
static void sql_body_targets(Ctx *x, const CreateFunctionStmt *s)
{
    const char *lang = NULL, *body = NULL;
    ListCell *lc;
    foreach (lc, s->options) {
        const DefElem *d = lfirst(lc);
        if (!strcmp(d->defname, "language") && d->arg && IsA(d->arg, String))
            lang = strVal(d->arg);
        else if (!strcmp(d->defname, "as") && d->arg && IsA(d->arg, List) && list_length((List *)d->arg) == 1)
            body = strVal(linitial((List *)d->arg));
    }
    if (s->sql_body) {
        dml_stmt_targets(x, s->sql_body);
        return;
    }
    if (!lang || strcmp(lang, "sql") || !body)
        return;
    PgQueryInternalParsetreeAndError r = pg_query_raw_parse(body);
    free(r.stderr_buffer);
    if (r.error) {
        pg_query_free_error(r.error);
        return;
    }
    foreach (lc, r.tree)
        dml_stmt_targets(x, ((RawStmt *)lfirst(lc))->stmt);
}

static void classify_stmt(Ctx *x, Node *n)
{
    const Change *c = x->c;
    switch (nodeTag(n)) {
    case T_CreateStmt:
        create_table(x, (const CreateStmt *)n);
        break;
    case T_CreateForeignTableStmt: /* a CreateStmt with a server: PARTITION OF and INHERITS lock alike */
        create_table(x, &((const CreateForeignTableStmt *)n)->base);
        break;
    case T_AlterTableStmt:
        alter_table(x, (const AlterTableStmt *)n);
        break;
    case T_IndexStmt: {
        const IndexStmt *s = (const IndexStmt *)n;
        add_rv(x, s->relation, s->concurrent ? LOCK_SHARE_UPDATE_EXCLUSIVE : LOCK_SHARE);
        /* on a partitioned table (not ONLY): built on every partition below */
        const Table *t = model_table(x->from, s->relation->schemaname ? s->relation->schemaname : "public",
                                     s->relation->relname);
        if (t && t->partspec && s->relation->inh)
            add_descendants(x, t->obj.schema, t->obj.name, LOCK_SHARE, true, false, 0);
        if (s->idxname)
            add_lock(x, s->relation->schemaname, s->idxname, LOCK_ACCESS_EXCLUSIVE);
        if (s->concurrent)
            x->st->transactional = false;
        if (c->kind == OBJ_INDEX && c->rebuild)
            x->st->hazards |= HAZ_INDEX_REBUILD;
        break;
    }
    case T_DropStmt:
        drop_stmt(x, (const DropStmt *)n);
        break;
    case T_CommentStmt:
        comment_stmt(x, (const CommentStmt *)n);
        break;
    case T_ViewStmt: {
        const ViewStmt *s = (const ViewStmt *)n;
        add_rv(x, s->view, LOCK_ACCESS_EXCLUSIVE);
        add_dep_reads(x, c->desired, false);
        break;
    }
    case T_CreateTableAsStmt: {
        const CreateTableAsStmt *s = (const CreateTableAsStmt *)n;
        add_rv(x, s->into->rel, LOCK_ACCESS_EXCLUSIVE);
        add_dep_reads(x, c->desired, !s->into->skipData);
        if (c->rebuild && !s->into->skipData)
            x->st->hazards |= HAZ_REPOPULATE;
        break;
    }
    case T_RefreshMatViewStmt: {
        const RefreshMatViewStmt *s = (const RefreshMatViewStmt *)n;
        add_rv(x, s->relation, s->concurrent ? LOCK_EXCLUSIVE : LOCK_ACCESS_EXCLUSIVE);
        add_dep_reads(x, c->desired, true);
        if (s->concurrent)
            x->st->transactional = false;
        break;
    }
    case T_CreateTrigStmt:
        add_rv(x, ((const CreateTrigStmt *)n)->relation, LOCK_SHARE_ROW_EXCLUSIVE);
        break;
    case T_CreatePolicyStmt:
        add_rv(x, ((const CreatePolicyStmt *)n)->table, LOCK_ACCESS_EXCLUSIVE);
        add_dep_reads(x, c->desired, false);
        break;
    case T_AlterPolicyStmt:
        add_rv(x, ((const AlterPolicyStmt *)n)->table, LOCK_ACCESS_EXCLUSIVE);
        add_dep_reads(x, c->desired, false);
        break;
    case T_RuleStmt: {
        add_rv(x, ((const RuleStmt *)n)->relation, LOCK_ACCESS_EXCLUSIVE);
        add_dep_reads(x, c->desired, false);
        ListCell *lc;
        foreach (lc, ((const RuleStmt *)n)->actions)
            dml_stmt_targets(x, lfirst(lc));
        break;
    }
    case T_AlterSeqStmt:
        add_rv(x, ((const AlterSeqStmt *)n)->sequence, LOCK_SHARE_ROW_EXCLUSIVE);
        owned_by(x, ((const AlterSeqStmt *)n)->options);
        break;
    case T_CreateSeqStmt:
        add_rv(x, ((const CreateSeqStmt *)n)->sequence, LOCK_ACCESS_EXCLUSIVE);
        owned_by(x, ((const CreateSeqStmt *)n)->options);
        break;
    case T_SelectStmt:
        select_reads(x, (const SelectStmt *)n);
        if (c->kind == OBJ_COLUMN)
            do_block(x);
        break;
    case T_CreateStatsStmt: {
        ListCell *lc;
        foreach (lc, ((const CreateStatsStmt *)n)->relations)
            if (IsA(lfirst(lc), RangeVar))
                add_rv(x, lfirst(lc), LOCK_SHARE_UPDATE_EXCLUSIVE);
        break;
    }
    case T_CreatePublicationStmt:
    case T_AlterPublicationStmt: {
        List *objs = IsA(n, CreatePublicationStmt) ? ((const CreatePublicationStmt *)n)->pubobjects
                                                   : ((const AlterPublicationStmt *)n)->pubobjects;
        ListCell *lc;
        foreach (lc, objs) {
            const PublicationObjSpec *o = lfirst(lc);
            if (o->pubtable)
                add_rv(x, o->pubtable->relation, LOCK_SHARE_UPDATE_EXCLUSIVE);
        }
        /* SET: the tables it holds now are opened too, those it drops
         * (AlterPublicationTables' delrels) */
        if (IsA(n, AlterPublicationStmt) && ((const AlterPublicationStmt *)n)->action == AP_SetObjects) {
            const Definition *pub = (const Definition *)model_lookup(
                x->from, OBJ_PUBLICATION, NULL, NULL, ((const AlterPublicationStmt *)n)->pubname);
            if (pub && pub->raw && IsA(pub->raw, CreatePublicationStmt))
                foreach (lc, ((const CreatePublicationStmt *)pub->raw)->pubobjects) {
                    const PublicationObjSpec *o = lfirst(lc);
                    if (o->pubobjtype == PUBLICATIONOBJ_TABLE && o->pubtable)
                        add_rv(x, o->pubtable->relation, LOCK_SHARE_UPDATE_EXCLUSIVE);
                }
        }
        break;
    }
    case T_AlterOwnerStmt: {
        /* a composite type is a relation: AlterTypeOwner changes its
         * pg_class row under ACCESS EXCLUSIVE (ATExecChangeOwner) */
        const AlterOwnerStmt *s = (const AlterOwnerStmt *)n;
        if (s->objectType == OBJECT_TYPE && s->object && IsA(s->object, List)) {
            List *names = (List *)s->object;
            int k = list_length(names);
            const char *schema = k >= 2 ? strVal(list_nth(names, k - 2)) : "public";
            if (model_lookup(x->from, OBJ_COMPOSITE, schema, NULL, strVal(llast(names))))
                add_names(x, names, 0, LOCK_ACCESS_EXCLUSIVE);
        }
        break;
    }
    case T_AlterDomainStmt: {
        const AlterDomainStmt *s = (const AlterDomainStmt *)n;
        bool checks = s->subtype == 'O' || s->subtype == 'V' ||
                      (s->subtype == 'C' && s->def && IsA(s->def, Constraint) &&
                       !((const Constraint *)s->def)->skip_validation);
        if (checks) {
            int k = list_length(s->typeName);
            add_tables_using(x, k >= 2 ? strVal(list_nth(s->typeName, k - 2)) : "public",
                             strVal(llast(s->typeName)), LOCK_SHARE, false);
            x->st->scan = x->st->locks.n > 0;
        }
        break;
    }
    case T_CreateFunctionStmt:
        add_dep_reads(x, c->desired, false);
        sql_body_targets(x, (const CreateFunctionStmt *)n);
        break;
    case T_AlterEnumStmt:
        /* a new label cannot be used in the transaction that adds it */
        if (!((const AlterEnumStmt *)n)->oldVal)
            x->st->transactional = false;
        break;
    case T_RenameStmt: {
        const RenameStmt *s = (const RenameStmt *)n;
        if (s->relation)
            add_rv(x, s->relation, s->renameType == OBJECT_INDEX ? LOCK_SHARE_UPDATE_EXCLUSIVE
                                                                 : LOCK_ACCESS_EXCLUSIVE);
        break;
    }
    case T_DoStmt:
        do_block(x);
        break;
    default:
        break;
    }
}

static bool parse_free_create(const Change *c)
{
    /* a new object that reaches nothing existing: nothing to find in its
     * statements but its own name */
    if (c->op != CHG_CREATE || c->parts.n) /* parts: e.g. a range type's columns converted back */
        return false;
    switch (c->kind) {
    case OBJ_SCHEMA:
    case OBJ_EXTENSION:
    case OBJ_ENUM:
    case OBJ_COMPOSITE:
    case OBJ_COLLATION:
    case OBJ_RANGE:
    case OBJ_TS_PARSER:
    case OBJ_TS_TEMPLATE:
    case OBJ_TS_DICT:
    case OBJ_TS_CONFIG:
    case OBJ_DEFAULT_ACL:
    case OBJ_FDW:
    case OBJ_SERVER:
    case OBJ_USER_MAPPING:
        return true;
    case OBJ_SEQUENCE:
    case OBJ_TABLE:
    case OBJ_COLUMN:
    case OBJ_CONSTRAINT:
    case OBJ_INDEX:
    case OBJ_SEQ_OWNER:
    case OBJ_DOMAIN:
    case OBJ_FUNCTION:
    case OBJ_AGGREGATE:
    case OBJ_VIEW:
    case OBJ_TRIGGER:
    case OBJ_POLICY:
    case OBJ_EVENT_TRIGGER:
    case OBJ_OPERATOR:
    case OBJ_RULE:
    case OBJ_OPFAMILY:
    case OBJ_OPCLASS:
    case OBJ_CAST:
    case OBJ_STATISTICS:
    case OBJ_PUBLICATION:
    case OBJ_KIND_COUNT:
        break;
    }
    return false;
}

static int lock_cmp(const void *a, const void *b)
{
    const StepLock *l = *(const StepLock *const *)a, *r = *(const StepLock *const *)b;
    int c = strcmp(l->schema ? l->schema : "", r->schema ? r->schema : "");
    return c ? c : strcmp(l->name, r->name);
}

static void classify_step(Ctx *x)
{
    Step *st = x->st;
    st->transactional = true;
    if (!parse_free_create(x->c)) {
        PgQueryInternalParsetreeAndError r = pg_query_raw_parse(st->body);
        free(r.stderr_buffer);
        if (r.error) {
            pg_query_free_error(r.error);
        } else {
            ListCell *lc;
            foreach (lc, r.tree)
                classify_stmt(x, ((RawStmt *)lfirst(lc))->stmt);
        }
    }
    /* by relation name: the same plan lists them alike whichever reader
     * built the models */
    if (st->locks.n > 1)
        qsort(st->locks.items, (size_t)st->locks.n, sizeof(void *), lock_cmp);
    st->lock = LOCK_NONE;
    for (int i = 0; i < st->locks.n; i++) {
        const StepLock *l = st->locks.items[i];
        if (l->mode > st->lock)
            st->lock = l->mode;
    }
    if (st->rewrite)
        st->hazards |= HAZ_TABLE_REWRITE;
    if (st->scan)
        st->hazards |= HAZ_VALIDATION;
}

void classify_changes(Arena *a, const Model *current, const Model *desired, PtrVec *changes)
{
    Ctx x = {0};
    x.a = a;
    x.from = current;
    x.to = desired;
    for (int i = 0; i < changes->n; i++) {
        const Change *c = changes->items[i];
        if (c->op == CHG_DROP && (c->kind == OBJ_INDEX || c->kind == OBJ_CONSTRAINT))
            map_put_new(a, &x.dropped, relkey(&x, c->current->schema, c->current->name), (void *)c->current);
        if (c->op != CHG_CREATE)
            continue;
        const Obj *o = c->desired;
        if (o->kind == OBJ_TABLE || o->kind == OBJ_VIEW || o->kind == OBJ_SEQUENCE || o->kind == OBJ_INDEX)
            map_put_new(a, &x.created, relkey(&x, o->schema, o->name), (void *)o);
        else if (o->kind == OBJ_CONSTRAINT && ((const TableConstraint *)o)->contype != CON_CHECK &&
                 ((const TableConstraint *)o)->contype != CON_FOREIGN)
            map_put_new(a, &x.created, relkey(&x, o->schema, o->name), (void *)o);
        for (int k = 0; k < c->parts.n; k++) {
            const Obj *p = c->parts.items[k];
            if (p->kind == OBJ_INDEX || (p->kind == OBJ_CONSTRAINT &&
                                         ((const TableConstraint *)p)->contype != CON_CHECK &&
                                         ((const TableConstraint *)p)->contype != CON_FOREIGN))
                map_put_new(a, &x.created, relkey(&x, p->schema, p->name), (void *)p);
        }
    }
    void *ctx = pgctx_current();
    MemoryContext mc = pg_query_enter_memory_context();
    for (int i = 0; i < changes->n; i++) {
        Change *c = changes->items[i];
        x.c = c;
        c->lock = LOCK_NONE;
        c->hazards = 0;
        c->transactional = true;
        for (int k = 0; k < c->steps.n; k++) {
            x.st = c->steps.items[k];
            x.index = k;
            classify_step(&x);
            if (x.st->lock > c->lock)
                c->lock = x.st->lock;
            c->hazards |= x.st->hazards;
            c->transactional = c->transactional && x.st->transactional;
        }
    }
    pg_query_exit_memory_context(mc);
    pgctx_restore(ctx);
}
