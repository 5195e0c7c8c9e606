/*
 * shadow_carry.c — what else PostgreSQL binds to a shadowed table's OID.
 *
 * A shadow cutover swaps two tables' names; whatever points at the table
 * by OID stays with the old one unless the cutover moves it.
 * diff/shadow.c gathers the keys, indexes, triggers, policies, views and
 * foreign keys; this file gathers the rest, on both sides (the desired
 * definitions for the cutover, the current ones for the rollback):
 *
 *   - rules (ON INSERT/UPDATE/DELETE … DO ALSO/INSTEAD): left on the old
 *     table, they would also fire for the reverse sync's writes;
 *   - extended statistics (CREATE STATISTICS): named per schema, so the
 *     old table's must go before the new table's can take the name;
 *   - functions whose BEGIN ATOMIC body reads the table (PostgreSQL binds
 *     such a body at creation, and the dependency keeps cleanup from
 *     dropping the old table): re-created with CREATE OR REPLACE;
 *   - publications that list the table (with their column lists and row
 *     filters): their list set again, so the new table is published and
 *     the old one, written only by the reverse sync, is not.
 *
 * emit/shadow_carry.c prints the statements; nothing is printed here.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

static bool names_table(const ShadowTable *st, const char *schema, const char *name)
{
    return str_same(schema ? schema : "public", st->schema) && name && !strcmp(name, st->name);
}

/* Whether dependency o is the table or one of its columns. */
static bool is_it(const ShadowTable *st, const Obj *o)
{
    if (!o)
        return false;
    if (o->kind == OBJ_TABLE)
        return names_table(st, o->schema, o->name);
    return o->kind == OBJ_COLUMN && names_table(st, o->schema, o->table);
}

static void gather_side(Arena *a, const Model *m, const ShadowTable *st, PtrVec *rules, PtrVec *stats, PtrVec *atomic,
                        PtrVec *pubs)
{
    for (int i = 0; i < m->objs.n; i++) {
        Obj *o = m->objs.items[i];
        switch (o->kind) {
        case OBJ_RULE:
            if (o->table && names_table(st, o->schema, o->table))
                vec_push(a, rules, o);
            break;
        case OBJ_STATISTICS: {
            const CreateStatsStmt *cs = (const CreateStatsStmt *)((const Definition *)o)->raw;
            const RangeVar *rv = cs && IsA(cs, CreateStatsStmt) && cs->relations ? linitial(cs->relations) : NULL;
            if (rv && IsA(rv, RangeVar) && names_table(st, rv->schemaname, rv->relname))
                vec_push(a, stats, o);
            break;
        }
        case OBJ_FUNCTION: {
            const Definition *d = (const Definition *)o;
            const CreateFunctionStmt *cf = (const CreateFunctionStmt *)d->raw;
            if (!cf || !IsA(cf, CreateFunctionStmt) || !cf->sql_body)
                break;
            bool reads = false;
            for (int k = 0; k < d->drop_deps && k < o->deps.n && !reads; k++)
                reads = is_it(st, o->deps.items[k]);
            if (reads)
                vec_push(a, atomic, o);
            break;
        }
        case OBJ_PUBLICATION: {
            const CreatePublicationStmt *cp = (const CreatePublicationStmt *)((const Definition *)o)->raw;
            ListCell *lc;
            bool lists = false;
            if (cp && IsA(cp, CreatePublicationStmt))
                foreach (lc, cp->pubobjects) {
                    const PublicationObjSpec *ps = lfirst(lc);
                    if (ps->pubobjtype == PUBLICATIONOBJ_TABLE && ps->pubtable && ps->pubtable->relation &&
                        names_table(st, ps->pubtable->relation->schemaname, ps->pubtable->relation->relname))
                        lists = true;
                }
            if (lists)
                vec_push(a, pubs, o);
            break;
        }
        case OBJ_SCHEMA: case OBJ_EXTENSION: case OBJ_ENUM: case OBJ_SEQUENCE: case OBJ_TABLE: case OBJ_COLUMN:
        case OBJ_CONSTRAINT: case OBJ_INDEX: case OBJ_DOMAIN: case OBJ_COMPOSITE: case OBJ_AGGREGATE: case OBJ_VIEW:
        case OBJ_TRIGGER: case OBJ_POLICY: case OBJ_EVENT_TRIGGER: case OBJ_DEFAULT_ACL: case OBJ_COLLATION:
        case OBJ_OPERATOR: case OBJ_OPFAMILY: case OBJ_OPCLASS: case OBJ_RANGE: case OBJ_CAST: case OBJ_TS_PARSER:
        case OBJ_TS_TEMPLATE: case OBJ_TS_DICT: case OBJ_TS_CONFIG: case OBJ_FDW: case OBJ_SERVER:
        case OBJ_USER_MAPPING: case OBJ_SEQ_OWNER: case OBJ_KIND_COUNT:
            break;
        }
    }
}

void shadow_carry_gather(Arena *a, const MigrationPlan *p, ShadowTable *st)
{
    gather_side(a, p->current, st, &st->cur_rules, &st->cur_stats, &st->cur_atomic, &st->cur_pubs);
    gather_side(a, p->desired, st, &st->des_rules, &st->des_stats, &st->des_atomic, &st->des_pubs);
}
