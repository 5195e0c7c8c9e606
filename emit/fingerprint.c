/*
 * fingerprint.c — the state fingerprints printed in every plan header.
 *
 * The fingerprint of a state is a 64-bit FNV-1a hash over its objects'
 * identity keys and compared attributes (types, options, and the node tags
 * and literal values of normalised expressions), so that equal states have
 * equal fingerprints without printing every expression.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

/* ---- fingerprint ------------------------------------------------------------ */

typedef struct FpHash {
    uint64_t h;
} FpHash;

static void h_bytes(FpHash *h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h->h ^= b[i];
        h->h *= 1099511628211ull;
    }
}

static void h_str(FpHash *h, const char *s)
{
    if (s)
        h_bytes(h, s, strlen(s) + 1);
    else
        h_bytes(h, "\xff", 1);
}

static void h_int(FpHash *h, int64_t v)
{
    h_bytes(h, &v, sizeof v);
}

static bool h_walker(Node *n, void *arg)
{
    FpHash *h = arg;
    if (!n)
        return false;
    h_int(h, nodeTag(n));
    switch (nodeTag(n)) {
    case T_A_Const: {
        A_Const *c = (A_Const *)n;
        h_int(h, c->isnull);
        if (!c->isnull) {
            if (IsA(&c->val, Integer))
                h_int(h, intVal(&c->val));
            else if (IsA(&c->val, Float))
                h_str(h, castNode(Float, &c->val)->fval);
            else if (IsA(&c->val, Boolean))
                h_int(h, boolVal(&c->val));
            else if (IsA(&c->val, String))
                h_str(h, strVal(&c->val));
        }
        return false;
    }
    case T_String:
        h_str(h, strVal(n));
        return false;
    case T_A_Expr: {
        ListCell *lc;
        foreach (lc, ((A_Expr *)n)->name)
            h_str(h, strVal(lfirst(lc)));
        h_int(h, ((A_Expr *)n)->kind);
        break;
    }
    case T_FuncCall: {
        ListCell *lc;
        foreach (lc, ((FuncCall *)n)->funcname)
            h_str(h, strVal(lfirst(lc)));
        break;
    }
    case T_ColumnRef:
        return raw_expression_tree_walker((Node *)((ColumnRef *)n)->fields, h_walker, arg);
    default:
        break;
    }
    return raw_expression_tree_walker(n, h_walker, arg);
}

static void h_node(FpHash *h, const Node *n)
{
    h_walker((Node *)n, h);
}

static void h_seq(FpHash *h, const SeqOpts *o)
{
    h_str(h, o->type);
    h_int(h, o->start);
    h_int(h, o->increment);
    h_int(h, o->min);
    h_int(h, o->max);
    h_int(h, o->cache);
    h_int(h, o->cycle);
}

const char *output_fingerprint(Arena *a, const Model *m)
{
    if (m->fingerprint)
        return m->fingerprint;
    FpHash h = {1469598103934665603ull};
    for (int i = 0; i < m->objs.n; i++) {
        const Obj *o = m->objs.items[i];
        h_str(&h, o->key);
        h_str(&h, o->comment);
        /* owners are left out: a database always states them, files
         * rarely do, and the same schema should have the same state */
        for (int k = 0; o->acl && k < o->acl->n; k++) {
            h_str(&h, o->acl->items[k].grantee);
            h_int(&h, o->acl->items[k].privs);
            h_int(&h, o->acl->items[k].grantable);
        }
        switch (o->kind) {
        case OBJ_SCHEMA:
        case OBJ_EXTENSION:
        case OBJ_TABLE:
            if (o->kind == OBJ_TABLE) {
                h_int(&h, ((const Table *)o)->unlogged);
                h_str(&h, norm_options_text(a, ((const Table *)o)->reloptions));
                if (((const Table *)o)->server)
                    h_str(&h, foreign_fingerprint_text(a, o));
            }
            break;
        case OBJ_FDW:
        case OBJ_SERVER:
        case OBJ_USER_MAPPING:
            h_str(&h, foreign_fingerprint_text(a, o));
            break;
        case OBJ_ENUM: {
            const EnumType *e = (const EnumType *)o;
            for (int k = 0; k < e->nlabels; k++)
                h_str(&h, e->labels[k]);
            break;
        }
        case OBJ_SEQUENCE:
            h_seq(&h, &((const Sequence *)o)->opts);
            break;
        case OBJ_COLUMN: {
            const Column *c = (const Column *)o;
            h_str(&h, c->type.sql);
            h_str(&h, c->collation);
            h_int(&h, c->not_null);
            h_int(&h, c->statistics);
            if (c->storage || c->compression || c->attoptions) {
                /* only when stated: fingerprints of states without them stay */
                h_str(&h, "storage, compression, options");
                h_int(&h, c->storage);
                h_str(&h, c->compression);
                h_str(&h, norm_options_text(a, c->attoptions));
            }
            h_int(&h, c->identity);
            if (c->identity)
                h_seq(&h, &c->identity_opts);
            h_node(&h, c->def ? c->def->norm : NULL);
            if (c->fdw_options.n)
                h_str(&h, foreign_fingerprint_text(a, o));
            h_node(&h, c->generated ? c->generated->norm : NULL);
            break;
        }
        case OBJ_CONSTRAINT: {
            const TableConstraint *k = (const TableConstraint *)o;
            const Constraint *con = (const Constraint *)k->norm;
            h_int(&h, k->contype);
            h_node(&h, con->raw_expr);
            h_node(&h, (Node *)con->keys);
            h_node(&h, (Node *)con->pk_attrs);
            h_node(&h, (Node *)con->fk_attrs);
            h_str(&h, k->fk_table);
            h_int(&h, con->fk_del_action);
            h_int(&h, con->fk_upd_action);
            h_int(&h, con->deferrable);
            h_int(&h, con->initdeferred);
            h_int(&h, con->nulls_not_distinct);
            h_node(&h, (Node *)con->including);
            h_str(&h, norm_options_text(a, con->options));
            h_node(&h, con->where_clause);
            break;
        }
        case OBJ_INDEX: {
            const TableIndex *ix = (const TableIndex *)o;
            const IndexStmt *st = (const IndexStmt *)ix->norm;
            h_str(&h, ix->method);
            h_int(&h, ix->unique);
            h_int(&h, ix->clustered);
            for (int k = 1; k <= ix->n_col_stats; k++)
                if (model_index_stat(ix, k) >= 0) {
                    h_int(&h, k);
                    h_int(&h, model_index_stat(ix, k));
                }
            ListCell *lc;
            foreach (lc, st->indexParams) {
                const IndexElem *ie = lfirst(lc);
                h_str(&h, ie->name);
                h_node(&h, ie->expr);
                h_int(&h, ie->ordering);
                h_int(&h, ie->nulls_ordering);
                h_node(&h, (Node *)ie->opclass);
            }
            h_node(&h, st->whereClause);
            /* options are DefElems, which the expression walker does not
             * know: hashed through their canonical text */
            h_str(&h, norm_options_text(a, st->options));
            h_int(&h, st->nulls_not_distinct);
            foreach (lc, st->indexIncludingParams)
                h_str(&h, ((const IndexElem *)lfirst(lc))->name);
            break;
        }
        case OBJ_SEQ_OWNER:
            h_str(&h, o->table);
            h_str(&h, ((const SeqOwner *)o)->column);
            break;
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
        {
            /* statements: the expression walker does not know them; their
             * canonical text (without locations) is hashed */
            const Node *n = ((const Definition *)o)->norm;
            h_str(&h, IsA(n, String) ? strVal(n) : deparse_stmt(a, n));
            h_int(&h, ((const Definition *)o)->enabled);
            if (o->kind == OBJ_STATISTICS)
                h_int(&h, ((const Definition *)o)->stat_target);
        }
            h_int(&h, ((const Definition *)o)->materialized);
            break;
        case OBJ_DEFAULT_ACL:
            break;
        case OBJ_KIND_COUNT:
            break;
        }
    }
    /* computed once per model; the cache is not part of the state */
    ((Model *)m)->fingerprint = arena_printf(a, "%016llx", (unsigned long long)h.h);
    return m->fingerprint;
}
