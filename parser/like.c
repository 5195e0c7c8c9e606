/*
 * like.c — CREATE TABLE t (LIKE other [INCLUDING ...] [EXCLUDING ...], ...).
 *
 * The new table is given what PostgreSQL 15 copies from the model's
 * `other` as it stands at that point of reading, and nothing more: every
 * column in place of the LIKE clause, with its type, collation and NOT
 * NULL; then per option the defaults (DEFAULTS), generation expressions
 * (GENERATED), identity and its sequence options (IDENTITY), storage
 * (STORAGE), compression (COMPRESSION) and column comments (COMMENTS).
 * After the table's own constraints (as PostgreSQL expands LIKE after
 * creating the table): CHECK constraints under their own names
 * (CONSTRAINTS), and every index, primary key, unique and exclusion
 * constraint under the name PostgreSQL chooses for the new table
 * (`t_pkey`, `t_x_key`, `t_lower_idx`: the names an unnamed one would get),
 * with their comments when COMMENTS is included.  Foreign keys are never
 * copied.  STATISTICS copies extended statistics, which the model does not
 * hold (their CREATE STATISTICS is refused where it is read), so it copies
 * nothing here.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

static ExprPair *copy_expr(DdlReader *r, const ExprPair *e)
{
    if (!e)
        return NULL;
    ExprPair *c = arena_alloc(r->a, sizeof(ExprPair));
    c->raw = copyObjectImpl(e->raw);
    c->norm = e->norm ? copyObjectImpl(e->norm) : NULL;
    return c;
}

static Table *like_source(DdlReader *r, TableLikeClause *lc, bool report)
{
    RangeVar *rv = lc->relation;
    Obj *o = ddl_relation(r, rv->schemaname, rv->relname);
    if (!o) {
        if (report)
            ddl_error(r, rv->location, "relation \"%s\" does not exist", rv->relname);
        return NULL;
    }
    if (o->kind != OBJ_TABLE) {
        if (report)
            ddl_error(r, rv->location, "LIKE of a %s is not supported yet", kind_info[o->kind].name);
        return NULL;
    }
    return (Table *)o;
}

void like_columns(DdlReader *r, Table *t, TableLikeClause *lc)
{
    Table *src = like_source(r, lc, true);
    if (!src)
        return;
    bits32 opt = lc->options;
    for (int i = 0; i < src->columns.n; i++) {
        const Column *sc = src->columns.items[i];
        Column *c = model_add(r->m, sizeof(Column), OBJ_COLUMN, t->obj.schema, t->obj.name, sc->obj.name,
                              t->obj.loc);
        if (!c) {
            ddl_error(r, lc->relation->location, "column \"%s\" specified more than once", sc->obj.name);
            continue;
        }
        c->owner = t;
        c->type = sc->type;
        c->collation = sc->collation;
        c->not_null = sc->not_null;
        c->statistics = -1;
        c->type_storage = sc->type_storage;
        if ((opt & CREATE_TABLE_LIKE_DEFAULTS) && sc->def)
            c->def = copy_expr(r, sc->def);
        if ((opt & CREATE_TABLE_LIKE_GENERATED) && sc->generated)
            c->generated = copy_expr(r, sc->generated);
        if ((opt & CREATE_TABLE_LIKE_IDENTITY) && sc->identity) {
            c->identity = sc->identity;
            c->identity_opts = sc->identity_opts;
        }
        if (opt & CREATE_TABLE_LIKE_STORAGE)
            c->storage = sc->storage;
        if (opt & CREATE_TABLE_LIKE_COMPRESSION)
            c->compression = sc->compression;
        if (opt & CREATE_TABLE_LIKE_COMMENTS)
            c->obj.comment = sc->obj.comment;
        vec_push(r->a, &t->columns, c);
    }
}

void like_finish(DdlReader *r, Table *t, TableLikeClause *lc, const LikeHooks *h)
{
    Table *src = like_source(r, lc, false);
    if (!src)
        return;
    bits32 opt = lc->options;
    Model *m = r->m;
    int loc = lc->relation->location;
    /* what exists now: indexes and constraints added below are not copied again */
    int n = m->objs.n;
    if (opt & CREATE_TABLE_LIKE_CONSTRAINTS) {
        for (int i = 0; i < n; i++) {
            TableConstraint *k = m->objs.items[i];
            if (!k || k->obj.kind != OBJ_CONSTRAINT || k->contype != CON_CHECK || strcmp(k->obj.schema, src->obj.schema) ||
                strcmp(k->obj.table, src->obj.name))
                continue;
            Constraint *con = copyObjectImpl(k->raw);
            con->skip_validation = false;
            con->initially_valid = true;
            int before = m->objs.n;
            h->add_constraint(r, t, con, NULL, loc);
            if ((opt & CREATE_TABLE_LIKE_COMMENTS) && m->objs.n > before && m->objs.items[before])
                ((Obj *)m->objs.items[before])->comment = k->obj.comment;
        }
    }
    if (!(opt & CREATE_TABLE_LIKE_INDEXES))
        return;
    for (int i = 0; i < n; i++) {
        Obj *o = m->objs.items[i];
        if (!o || !o->table || strcmp(o->schema, src->obj.schema) || strcmp(o->table, src->obj.name))
            continue;
        int before = m->objs.n;
        if (o->kind == OBJ_CONSTRAINT) {
            TableConstraint *k = (TableConstraint *)o;
            if (k->contype != CON_PRIMARY && k->contype != CON_UNIQUE && k->contype != CON_EXCLUSION)
                continue;
            Constraint *con = copyObjectImpl(k->raw);
            con->conname = NULL;
            con->indexname = NULL;
            h->add_constraint(r, t, con, NULL, loc);
            if ((opt & CREATE_TABLE_LIKE_COMMENTS) && m->objs.n > before && m->objs.items[before])
                ((TableConstraint *)m->objs.items[before])->index_comment = k->index_comment;
        } else if (o->kind == OBJ_INDEX) {
            TableIndex *ix = (TableIndex *)o;
            IndexStmt *st = copyObjectImpl(ix->raw);
            st->relation = makeRangeVar(pstrdup(t->obj.schema), pstrdup(t->obj.name), loc);
            st->idxname = NULL;
            st->idxcomment = NULL;
            h->read_index(r, st);
            if ((opt & CREATE_TABLE_LIKE_COMMENTS) && m->objs.n > before && m->objs.items[before])
                ((Obj *)m->objs.items[before])->comment = ix->obj.comment;
        }
    }
}
