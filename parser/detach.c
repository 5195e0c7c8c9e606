/*
 * detach.c — a model made independent of the trees it was read from.
 *
 * Reading a source parses its whole text: every CREATE TABLE's column
 * definitions, type names, inline constraints and their lists, most of which
 * the model never looks at again once it has read them into its own structs.
 * Those trees are the larger part of a side's memory: at 10,000 tables about
 * 190 MB, against about 64 MB for what the model keeps of them.  So a source
 * is read into a memory context of its own (ddl_reading_begin, below, for
 * source_read() and replay_read()), and once every statement is read the model
 * is detached from it: every parse tree node a model object keeps (defaults,
 * constraints, index statements, definitions, options, partition bounds) is
 * copied into the caller's context, and every string a model object or map
 * keeps that is neither in the model's arena nor a constant of the program
 * (names taken from a tree) is copied into the arena.  After that nothing of
 * the model points into the reading context, which is deleted whole, before
 * ddl_finish() makes its normalised copies (in the caller's context too).
 *
 * Every field of every kind that can hold a pointer is named below; the
 * switch over kinds has no default, so a kind added later does not compile
 * until it says what it keeps.  A field forgotten here would dangle after
 * the delete: the ASan build of the test suite reads every model the tests
 * read after its reading context is gone, which is what finds one.
 */
#include "pg.h"
#include "model.h"

#include <stdint.h>
#include <string.h>

/* A tripwire: a field added to one of these structs changes its size, and
 * the build stops here until the field is detached below (or found to need
 * nothing: a number, a flag, an object of the same model) and the size is
 * brought up to date.  Sizes as on the 64-bit targets the project builds on. */
#if defined(__x86_64__) || defined(__aarch64__)
#define DETACHED(T, size) _Static_assert(sizeof(T) == (size), "a field of " #T " changed: see parser/detach.c")
DETACHED(Obj, 112);
DETACHED(ExprPair, 16);
DETACHED(TypeRef, 40);
DETACHED(AclItem, 16);
DETACHED(Acl, 16);
DETACHED(Schema, 112);
DETACHED(Extension, 128);
DETACHED(EnumType, 128);
DETACHED(Sequence, 176);
DETACHED(SeqOwner, 120);
DETACHED(Column, 328);
DETACHED(Table, 320);
DETACHED(TableConstraint, 176);
DETACHED(TableIndex, 160);
DETACHED(Definition, 480);
DETACHED(Model, 328);
#endif

typedef struct Detach {
    Arena *a;
    ArenaSpans *spans; /* the arena as it was when detaching began */
    const char *text_from, *text_to; /* the last source text copied */
    const char *file_from, *file_to; /* the last file name copied */
} Detach;

/* The program's own image (GNU ld and lld define these): its string
 * constants, such as the names of built-in types a TypeRef points to. */
extern const char __executable_start[], edata[];

static const char *str(Detach *d, const char *s)
{
    /* MODEL_SECRET is told apart by its address (parser/foreign.c) */
    if (!s || s == MODEL_SECRET || arena_holds(d->spans, s))
        return s;
    if ((uintptr_t)s >= (uintptr_t)__executable_start && (uintptr_t)s < (uintptr_t)edata)
        return s;
    return arena_strdup(d->a, s);
}

/* A string many objects share (their source text, its file name): copied
 * once, and still one pointer after. */
static const char *shared(Detach *d, const char *s, const char **from, const char **to)
{
    if (!s || arena_holds(d->spans, s))
        return s;
    if (s != *from) {
        *from = s;
        *to = arena_strdup(d->a, s);
    }
    return *to;
}

static void *node(void *n)
{
    return n ? copyObjectImpl(n) : NULL;
}

static void strs(Detach *d, PtrVec *v, int from, int step)
{
    for (int i = from; i < v->n; i += step)
        v->items[i] = (void *)str(d, v->items[i]);
}

static void nodes(PtrVec *v, int from, int step)
{
    for (int i = from; i < v->n; i += step)
        v->items[i] = node(v->items[i]);
}

static void expr(ExprPair *e)
{
    if (!e)
        return;
    e->raw = node(e->raw);
    e->norm = node(e->norm);
}

static void obj_common(Detach *d, Obj *o)
{
    o->schema = str(d, o->schema);
    o->table = str(d, o->table);
    o->name = str(d, o->name);
    o->key = str(d, o->key);
    o->comment = str(d, o->comment);
    o->owner = str(d, o->owner);
    o->loc.file = shared(d, o->loc.file, &d->file_from, &d->file_to);
    o->loc.text = shared(d, o->loc.text, &d->text_from, &d->text_to);
    if (o->acl)
        for (int i = 0; i < o->acl->n; i++)
            o->acl->items[i].grantee = str(d, o->acl->items[i].grantee);
}

static void typeref(Detach *d, TypeRef *t)
{
    t->schema = str(d, t->schema);
    t->name = str(d, t->name);
    t->typmods = str(d, t->typmods);
    t->sql = str(d, t->sql);
}

static void column(Detach *d, Column *c)
{
    typeref(d, &c->type);
    c->collation = str(d, c->collation);
    c->compression = str(d, c->compression);
    c->conv_using = str(d, c->conv_using);
    c->identity_opts.type = str(d, c->identity_opts.type);
    expr(c->def);
    expr(c->generated);
    c->attoptions = node(c->attoptions);
    strs(d, &c->fdw_options, 0, 1);
}

static void table(Detach *d, Table *t)
{
    t->reloptions = node(t->reloptions);
    strs(d, &t->parents, 0, 1);
    t->part_of_schema = str(d, t->part_of_schema);
    t->part_of = str(d, t->part_of);
    t->partbound = node(t->partbound);
    t->partspec = node(t->partspec);
    t->bound_text = str(d, t->bound_text);
    t->partkey_text = str(d, t->partkey_text);
    t->bound_norm = str(d, t->bound_norm);
    t->partkey_norm = str(d, t->partkey_norm);
    t->of_schema = str(d, t->of_schema);
    t->of_type = str(d, t->of_type);
    t->server = str(d, t->server);
    strs(d, &t->fdw_options, 0, 1);
}

static void definition(Detach *d, Definition *f)
{
    f->raw = node(f->raw);
    f->norm = node(f->norm);
    f->search_schema = str(d, f->search_schema);
    strs(d, &f->columns, 0, 1);
    f->signature = str(d, f->signature);
    f->identity = str(d, f->identity);
    f->result = str(d, f->result);
    f->argnames = str(d, f->argnames);
    strs(d, &f->colcomments, 0, 1);
    strs(d, &f->coldefaults, 0, 2);
    nodes(&f->coldefaults, 1, 2);
    for (int i = 0; i < f->colacls.n; i++)
        obj_common(d, f->colacls.items[i]); /* columns of a view, not in the model */
    f->sql_body = str(d, f->sql_body);
    f->agg_def = str(d, f->agg_def);
    f->canon = str(d, f->canon);
    f->op_restrict = str(d, f->op_restrict);
    f->op_join = str(d, f->op_join);
    nodes(&f->members, 0, 1);
    f->def_text = str(d, f->def_text);
    f->multirange_schema = str(d, f->multirange_schema);
    f->multirange = str(d, f->multirange);
    f->cast_source = str(d, f->cast_source);
    f->cast_target = str(d, f->cast_target);
    f->ts_head = str(d, f->ts_head);
    if (f->obj.kind == OBJ_TS_CONFIG) {
        /* token, PtrVec * of dictionaries, ... */
        strs(d, &f->ts_items, 0, 2);
        for (int i = 1; i < f->ts_items.n; i += 2)
            if (f->ts_items.items[i])
                strs(d, f->ts_items.items[i], 0, 1);
    } else {
        strs(d, &f->ts_items, 0, 1); /* a dictionary's name, value, ... */
    }
    f->fdw_handler = str(d, f->fdw_handler);
    f->fdw_validator = str(d, f->fdw_validator);
    f->srv_fdw = str(d, f->srv_fdw);
    f->srv_type = str(d, f->srv_type);
    f->srv_version = str(d, f->srv_version);
    strs(d, &f->fdw_options, 0, 1);
    f->um_role = str(d, f->um_role);
    f->um_server = str(d, f->um_server);
}

static void object(Detach *d, Obj *o)
{
    obj_common(d, o);
    switch (o->kind) {
    case OBJ_SCHEMA:
    case OBJ_DEFAULT_ACL:
        break;
    case OBJ_EXTENSION: {
        Extension *e = (Extension *)o;
        e->in_schema = str(d, e->in_schema);
        e->version = str(d, e->version);
        break;
    }
    case OBJ_ENUM: {
        EnumType *e = (EnumType *)o;
        for (int i = 0; i < e->nlabels; i++)
            e->labels[i] = str(d, e->labels[i]);
        break;
    }
    case OBJ_SEQUENCE:
        ((Sequence *)o)->opts.type = str(d, ((Sequence *)o)->opts.type);
        break;
    case OBJ_SEQ_OWNER:
        ((SeqOwner *)o)->column = str(d, ((SeqOwner *)o)->column);
        break;
    case OBJ_TABLE:
        table(d, (Table *)o);
        break;
    case OBJ_COLUMN:
        column(d, (Column *)o);
        break;
    case OBJ_CONSTRAINT: {
        TableConstraint *k = (TableConstraint *)o;
        k->raw = node(k->raw);
        k->norm = node(k->norm);
        k->fk_schema = str(d, k->fk_schema);
        k->fk_table = str(d, k->fk_table);
        k->index_comment = str(d, k->index_comment);
        break;
    }
    case OBJ_INDEX: {
        TableIndex *ix = (TableIndex *)o;
        ix->method = str(d, ix->method);
        ix->raw = node(ix->raw);
        ix->norm = node(ix->norm);
        break;
    }
    case OBJ_DOMAIN:
    case OBJ_COMPOSITE:
    case OBJ_FUNCTION:
    case OBJ_AGGREGATE:
    case OBJ_VIEW:
    case OBJ_TRIGGER:
    case OBJ_POLICY:
    case OBJ_EVENT_TRIGGER:
    case OBJ_COLLATION:
    case OBJ_OPERATOR:
    case OBJ_RULE:
    case OBJ_OPFAMILY:
    case OBJ_OPCLASS:
    case OBJ_RANGE:
    case OBJ_CAST:
    case OBJ_STATISTICS:
    case OBJ_TS_PARSER:
    case OBJ_TS_TEMPLATE:
    case OBJ_TS_DICT:
    case OBJ_TS_CONFIG:
    case OBJ_PUBLICATION:
    case OBJ_FDW:
    case OBJ_SERVER:
    case OBJ_USER_MAPPING:
        definition(d, (Definition *)o);
        break;
    case OBJ_KIND_COUNT:
        break;
    }
}

/* A map's keys are borrowed (schemas/arena.c): one from a tree is copied. */
static void map_keys(Detach *d, StrMap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            m->slots[i].key = str(d, m->slots[i].key);
}

void ddl_detach(Model *m)
{
    Detach d = {m->arena, arena_spans(m->arena), NULL, NULL, NULL, NULL};
    for (int i = 0; i < m->objs.n; i++)
        if (m->objs.items[i])
            object(&d, m->objs.items[i]);
    map_keys(&d, &m->by_key);
    map_keys(&d, &m->relnames);
    map_keys(&d, &m->connames);
    map_keys(&d, &m->funcnames);
    map_keys(&d, &m->collations);
    map_keys(&d, &m->opnames);
    map_keys(&d, &m->multiranges);
    map_keys(&d, &m->shell_types);
    strs(&d, &m->roles, 0, 1);
    m->current_user = str(&d, m->current_user);
    m->label = str(&d, m->label);
    m->fingerprint = str(&d, m->fingerprint);
    arena_spans_free(d.spans);
}

/* ---- reading a source ----------------------------------------------------- */

/* Bytes a memory context and its descendants hold from malloc (timing). */
static size_t context_bytes(MemoryContext ctx)
{
    size_t n = ctx->mem_allocated;
    for (MemoryContext c = ctx->firstchild; c; c = c->nextchild)
        n += context_bytes(c);
    return n;
}

DdlReading ddl_reading_begin(void)
{
    DdlReading r;
    r.outer = pgctx_current();
    r.reading = pgctx_child_whole("schemadiff reading");
    pgctx_restore(r.reading);
    return r;
}

void ddl_reading_end(Model *m, DdlReading r, Diags *diags)
{
    /* the model is detached before it is finished: the finishing pass's
     * normalised copies go straight into `outer`, and the trees read are
     * gone before they are made */
    pgctx_restore(r.outer);
    double read_mb = timing_enabled() ? (double)context_bytes(r.reading) / (1024.0 * 1024.0) : 0;
    double t0 = timing_clock();
    if (!diag_any(diags)) {
        ddl_detach(m);
        pgctx_child_delete(r.reading);
    }
    double t1 = timing_clock();
    if (!diag_any(diags))
        ddl_finish(m, diags);
    double t2 = timing_clock();
    model_sort(m);
    if (!diag_any(diags))
        output_fingerprint(m->arena, m); /* cached in the model */
    timing_report("  %s: detach %.3f s, finish %.3f s, sort %.3f s", m->label, t1 - t0, t2 - t1,
                  timing_clock() - t2);
    if (timing_enabled())
        timing_report("  %s: parse trees read %.1f MB, kept with their copies %.1f MB, model arena %.1f MB",
                      m->label, read_mb, (double)context_bytes(r.outer) / (1024.0 * 1024.0),
                      (double)arena_bytes(m->arena) / (1024.0 * 1024.0));
}
