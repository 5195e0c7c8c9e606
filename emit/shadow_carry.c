/*
 * shadow_carry.c — moving a shadowed table's rules, extended statistics,
 * BEGIN ATOMIC functions and publication membership at cutover and back
 * at rollback (diff/shadow_carry.c gathered them; this file only prints).
 *
 * Both directions are the same four moves, from the side that leaves to
 * the side that arrives, in the cutover's (or rollback's) one transaction:
 * before the names are swapped, the leaving table's rules and statistics
 * are dropped (a rule would fire for the reverse sync's writes; a
 * statistics object's name is taken per schema); after the swap, the
 * arriving definitions are created on the table that now has the name,
 * the functions whose BEGIN ATOMIC body reads it are re-created (CREATE OR
 * REPLACE binds the body to the table the name now means), and each
 * publication's list is set again as that side has it (ALTER PUBLICATION
 * … SET TABLE: idempotent, keeps its column lists and row filters, and
 * takes the leaving table out); a REPLICA IDENTITY USING INDEX is set
 * again on the arriving side's index.  The statements come from the ordinary
 * emitters, and emit/shadow.c runs each with EXECUTE after re-parsing it.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

static void add_all(Arena *a, PtrVec *out, ObjKind kind, const Obj *cur, const Obj *des)
{
    Change *c = arena_alloc(a, sizeof *c);
    c->op = des ? CHG_CREATE : CHG_DROP;
    c->kind = kind;
    c->current = cur;
    c->desired = des;
    emit_change(a, c, STYLE_MIGRATION);
    for (int i = 0; i < c->sql.n; i++)
        vec_push(a, out, c->sql.items[i]);
}

void shadow_carry_sql(Arena *a, const ShadowTable *st, bool rollback, bool before, PtrVec *out)
{
    const PtrVec *rules = rollback ? (before ? &st->des_rules : &st->cur_rules) : (before ? &st->cur_rules : &st->des_rules);
    const PtrVec *stats = rollback ? (before ? &st->des_stats : &st->cur_stats) : (before ? &st->cur_stats : &st->des_stats);
    const char *src = q_qual(a, st->schema, st->name);
    if (before) {
        for (int i = 0; i < rules->n; i++) {
            const Obj *r = rules->items[i];
            vec_push(a, out, (void *)arena_printf(a, "DROP RULE IF EXISTS %s ON %s;", q_ident(a, r->name), src));
        }
        for (int i = 0; i < stats->n; i++) {
            const Obj *x = stats->items[i];
            vec_push(a, out, (void *)arena_printf(a, "DROP STATISTICS IF EXISTS %s;", q_qual(a, x->schema, x->name)));
        }
        return;
    }
    for (int i = 0; i < rules->n; i++)
        add_all(a, out, OBJ_RULE, NULL, rules->items[i]);
    for (int i = 0; i < stats->n; i++)
        add_all(a, out, OBJ_STATISTICS, NULL, stats->items[i]);
    const PtrVec *fns = rollback ? &st->cur_atomic : &st->des_atomic;
    for (int i = 0; i < fns->n; i++) /* the function's own emitter: CREATE OR REPLACE FUNCTION (emit/defs.c) */
        add_all(a, out, OBJ_FUNCTION, NULL, fns->items[i]);
    /* REPLICA IDENTITY USING INDEX: the arriving side's key or index,
     * under its own name by now (FULL and NOTHING are the table's own
     * attributes, carried with them) */
    const PtrVec *keys = rollback ? &st->cur_keys : &st->des_keys, *ixs = rollback ? &st->cur_indexes : &st->des_indexes;
    for (int i = 0; i < keys->n; i++) {
        const TableConstraint *k = keys->items[i];
        if (k->replica_identity)
            vec_push(a, out, (void *)arena_printf(a, "ALTER TABLE %s REPLICA IDENTITY USING INDEX %s;", src,
                                                  q_ident(a, k->obj.name)));
    }
    for (int i = 0; i < ixs->n; i++) {
        const TableIndex *ix = ixs->items[i];
        if (ix->replica_identity)
            vec_push(a, out, (void *)arena_printf(a, "ALTER TABLE %s REPLICA IDENTITY USING INDEX %s;", src,
                                                  q_ident(a, ix->obj.name)));
    }
    const PtrVec *pubs = rollback ? &st->cur_pubs : &st->des_pubs;
    for (int i = 0; i < pubs->n; i++) {
        const Definition *d = pubs->items[i];
        AlterPublicationStmt *ap = makeNode(AlterPublicationStmt);
        ap->pubname = pstrdup(d->obj.name);
        ap->action = AP_SetObjects;
        ap->pubobjects = ((const CreatePublicationStmt *)d->raw)->pubobjects;
        vec_push(a, out, (void *)arena_printf(a, "%s;", deparse_stmt(a, (Node *)ap)));
    }
}
