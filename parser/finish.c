/*
 * finish.c — the reader's pass after all files (ddl_finish()).
 *
 * Once every statement of a source is applied, the model is completed:
 * every reference is checked to be satisfiable (parser/refs.c), FOREIGN
 * KEY targets are resolved, the normalised copies used for comparison are
 * built (options sorted, index elements and constraints in canonical
 * form), dependencies are recorded (on extensions, types, casts, columns;
 * objects_finish() for the kinds of objects.c) and the rules that span
 * statements are checked (a vector_dims CHECK against its column's
 * dimension).  Moved unchanged from parser/ddl.c, which applies the
 * statements.
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- after all files -------------------------------------------------------- */

/* The finishing pass's context: lookups prepared once, not per object. */
typedef struct Finish {
    Model *m;
    Diags *diags;
    NormCtx nc;
    PtrVec extensions;   /* Extension objects */
    StrMap sequences;    /* quoted "schema.name" -> sequence */
    StrMap unique_indexes; /* model_index_unique(): "schema.table" -> unique indexes */
} Finish;

static void dep_on_extensions(Finish *f, Obj *o)
{
    for (int i = 0; i < f->extensions.n; i++)
        obj_add_dep(f->m->arena, o, f->extensions.items[i]);
}

/* Depend on an object if the model has it (storing the model's own key). */
static bool dep_if_exists(Finish *f, Obj *o, ObjKind kind, const char *schema, const char *table,
                          const char *name)
{
    Obj *target = model_lookup(f->m, kind, schema, table, name);
    if (target)
        obj_add_dep(f->m->arena, o, target);
    return target != NULL;
}

static void dep_on_type(Finish *f, Obj *o, const char *schema, const char *name)
{
    Obj *t = objects_find_type(f->m, schema, name);
    if (t)
        obj_add_dep(f->m->arena, o, t);
    else
        dep_on_extensions(f, o);
}

static void dep_on_casts(Finish *f, Obj *o, Node *expr)
{
    PtrVec types = {0};
    norm_cast_types(&f->nc, expr, &types);
    for (int i = 0; i + 1 < types.n; i += 2)
        dep_on_type(f, o, types.items[i], types.items[i + 1]);
}

static void dep_on_columns(Finish *f, Obj *o, const char *schema, const char *table, Node *expr)
{
    PtrVec cols = {0};
    norm_column_refs(f->m->arena, expr, &cols);
    for (int i = 0; i < cols.n; i++)
        dep_if_exists(f, o, OBJ_COLUMN, schema, table, cols.items[i]);
}

static void dep_on_name_list(Finish *f, Obj *o, const char *schema, const char *table, List *names)
{
    ListCell *lc;
    foreach (lc, names)
        dep_if_exists(f, o, OBJ_COLUMN, schema, table, strVal(lfirst(lc)));
}

static void norm_defelems(List *options)
{
    ListCell *lc;
    foreach (lc, options) {
        DefElem *d = lfirst(lc);
        d->location = -1;
        if (!d->arg)
            continue;
        char buf[64];
        if (IsA(d->arg, Integer)) {
            snprintf(buf, sizeof buf, "%d", intVal(d->arg));
            d->arg = (Node *)makeString(pstrdup(buf));
        } else if (IsA(d->arg, Float)) {
            d->arg = (Node *)makeString(pstrdup(castNode(Float, d->arg)->fval));
        } else if (IsA(d->arg, Boolean)) {
            d->arg = (Node *)makeString(pstrdup(boolVal(d->arg) ? "true" : "false"));
        } else if (IsA(d->arg, TypeName)) {
            d->arg = (Node *)makeString(pstrdup(strVal(llast(castNode(TypeName, d->arg)->names))));
        }
    }
}

/* An index or exclusion element's COLLATE names a collation of the model
 * (unqualified: of public, as the files' search path): made first.  Its
 * column's own collation is a dependency of the column already. */
static void dep_on_elem_collation(Model *m, Obj *o, const IndexElem *ie)
{
    if (!ie->collation)
        return;
    const char *schema = list_length(ie->collation) == 2 ? strVal(linitial(ie->collation)) : "public";
    objects_dep_on_collation(m, o, q_qual(m->arena, schema, strVal(llast(ie->collation))));
}

static void norm_index_elem(NormCtx *nc, IndexElem *ie)
{
    ie->expr = ie->expr ? norm_expr(nc, ie->expr) : NULL;
    ie->indexcolname = NULL;
    if (ie->collation && list_length(ie->collation) == 2 &&
        !strcmp(strVal(linitial(ie->collation)), "pg_catalog"))
        ie->collation = list_make1(llast(ie->collation));
    if (ie->collation && list_length(ie->collation) == 1 && nc->collations && nc->default_schema &&
        map_get(nc->collations, q_qual(nc->arena, nc->default_schema, strVal(linitial(ie->collation)))))
        ie->collation = list_make2(makeString((char *)nc->default_schema), linitial(ie->collation));
    if (ie->collation && ie->name && nc->table) {
        /* COLLATE restating the column's own collation is not stored */
        const Column *col = table_column(nc->table, ie->name);
        const char *want = col && col->collation ? col->collation : NULL;
        const char *got = strVal(llast(ie->collation));
        if (want && (!strcmp(want, got) || !strcmp(want, q_ident(nc->arena, got))))
            ie->collation = NIL;
    }
    if (ie->opclass && list_length(ie->opclass) == 2)
        ie->opclass = list_make1(llast(ie->opclass));
    /* pg_get_indexdef() leaves out an operator class that is its type's
     * default; these are the built-in defaults people still write out. */
    static const char *defaults[] = {
        "text_ops", "int2_ops", "int4_ops", "int8_ops", "numeric_ops", "float4_ops", "float8_ops",
        "bool_ops", "date_ops", "timestamp_ops", "timestamptz_ops", "time_ops", "timetz_ops",
        "interval_ops", "uuid_ops", "bpchar_ops", "bytea_ops", "oid_ops", "char_ops", "name_ops",
        "jsonb_ops", "array_ops", "tsvector_ops", "enum_ops", "money_ops", "macaddr_ops",
        "range_ops", "multirange_ops", "bit_ops", "varbit_ops", "pg_lsn_ops", "tsquery_ops"};
    if (ie->opclass && !ie->opclassopts) {
        const char *oc = strVal(llast(ie->opclass));
        for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
            if (!strcmp(oc, defaults[i])) {
                ie->opclass = NIL;
                break;
            }
    }
    norm_defelems(ie->opclassopts);
    if (ie->ordering == SORTBY_ASC)
        ie->ordering = SORTBY_DEFAULT;
    if (ie->ordering == SORTBY_DESC && ie->nulls_ordering == SORTBY_NULLS_FIRST)
        ie->nulls_ordering = SORTBY_NULLS_DEFAULT;
    if (ie->ordering == SORTBY_DEFAULT && ie->nulls_ordering == SORTBY_NULLS_LAST)
        ie->nulls_ordering = SORTBY_NULLS_DEFAULT;
}

static Node *norm_index_stmt(NormCtx *nc, IndexStmt *raw)
{
    IndexStmt *st = copyObject(raw);
    st->idxname = NULL;
    st->relation = NULL;
    st->accessMethod = pstrdup(st->accessMethod ? st->accessMethod : "btree");
    st->tableSpace = NULL;
    st->idxcomment = NULL;
    st->concurrent = false;
    st->if_not_exists = false;
    ListCell *lc;
    foreach (lc, st->indexParams)
        norm_index_elem(nc, lfirst(lc));
    foreach (lc, st->indexIncludingParams)
        norm_index_elem(nc, lfirst(lc));
    norm_defelems(st->options);
    st->whereClause = norm_expr(nc, st->whereClause);
    return (Node *)st;
}

static Node *norm_constraint(NormCtx *nc, Constraint *raw)
{
    Constraint *c = copyObject(raw);
    c->conname = NULL;
    c->location = -1;
    c->raw_expr = norm_expr(nc, c->raw_expr);
    c->cooked_expr = NULL;
    c->skip_validation = false;
    c->initially_valid = true;
    c->indexspace = NULL;
    c->indexname = NULL;
    norm_defelems(c->options);
    if (c->contype == CONSTR_EXCLUSION && !c->access_method)
        c->access_method = pstrdup("btree");
    ListCell *lc;
    foreach (lc, c->exclusions) {
        List *pair = lfirst(lc);
        norm_index_elem(nc, linitial(pair));
        List *op = lsecond(pair);
        if (list_length(op) == 2)
            lsecond(pair) = list_make1(llast(op));
    }
    c->where_clause = norm_expr(nc, c->where_clause);
    if (c->pktable) {
        c->pktable->inh = true;
        c->pktable->location = -1;
        c->pktable->relpersistence = 'p';
    }
    if (!c->fk_matchtype)
        c->fk_matchtype = FKCONSTR_MATCH_SIMPLE;
    if (!c->fk_upd_action)
        c->fk_upd_action = FKCONSTR_ACTION_NOACTION;
    if (!c->fk_del_action)
        c->fk_del_action = FKCONSTR_ACTION_NOACTION;
    return (Node *)c;
}

/* Find the PRIMARY KEY (or, for explicit columns, the matching UNIQUE)
 * constraint of a referenced table. */
/* vector_dims(col) = N in a CHECK must agree with the column's vector(M). */
static void check_vector_dims(Model *m, Diags *diags, TableConstraint *k, Table *t)
{
    Constraint *con = (Constraint *)k->raw;
    Node *e = con->raw_expr;
    if (!e || !IsA(e, A_Expr) || ((A_Expr *)e)->kind != AEXPR_OP)
        return;
    A_Expr *ae = (A_Expr *)e;
    if (strcmp(strVal(llast(ae->name)), "="))
        return;
    Node *l = ae->lexpr, *rr = ae->rexpr;
    if (l && IsA(l, A_Const)) {
        Node *tmp = l;
        l = rr;
        rr = tmp;
    }
    if (!l || !IsA(l, FuncCall) || !rr || !IsA(rr, A_Const))
        return;
    FuncCall *f = (FuncCall *)l;
    if (strcmp(strVal(llast(f->funcname)), "vector_dims") || list_length(f->args) != 1)
        return;
    Node *arg = linitial(f->args);
    if (!IsA(arg, ColumnRef) || !IsA(&((A_Const *)rr)->val, Integer))
        return;
    const char *colname = strVal(llast(((ColumnRef *)arg)->fields));
    Column *c = table_column(t, colname);
    int want = intVal(&((A_Const *)rr)->val);
    if (!c || !c->type.typmods)
        return;
    if (strcmp(c->type.name, "vector") && strcmp(c->type.name, "halfvec"))
        return;
    int have = atoi(c->type.typmods + 1);
    if (have != want)
        diag_at(diags, EXIT_INPUT, k->obj.loc,
                "CHECK (vector_dims(%s) = %d) contradicts the column's type %s",
                colname, want, c->type.sql);
    (void)m;
}

/* The text after `marker` in a deparsed statement, or NULL. */
static const char *deparsed_tail(Arena *a, Node *stmt, const char *marker)
{
    const char *sql = deparse_stmt(a, stmt);
    if (!strncmp(sql, DEPARSE_UNPRINTABLE, strlen(DEPARSE_UNPRINTABLE)))
        return sql; /* refused wherever it is printed */
    const char *p = strstr(sql, marker);
    return p ? arena_strdup(a, p + (marker[0] == ' ' ? 1 : 0)) : NULL;
}

/* Partition key and bound in canonical text; parents as dependencies;
 * columns a parent has marked inherited. */
static void finish_table(Finish *f, Table *t)
{
    Arena *a = f->m->arena;
    if (t->of_type)
        dep_on_type(f, &t->obj, t->of_schema, t->of_type);
    PtrVec parents = {0};
    for (int i = 0; i < t->parents.n; i += 2) {
        Table *p = model_table(f->m, t->parents.items[i], t->parents.items[i + 1]);
        if (p)
            vec_push(a, &parents, p);
    }
    Table *pp = t->part_of ? model_table(f->m, t->part_of_schema, t->part_of) : NULL;
    if (pp)
        vec_push(a, &parents, pp);
    for (int i = 0; i < parents.n; i++) {
        Table *p = parents.items[i];
        obj_add_dep(a, &t->obj, &p->obj);
        for (int k = 0; k < t->columns.n; k++) {
            Column *c = t->columns.items[k];
            Column *pc = table_column(p, c->obj.name);
            if (pc) {
                c->inherited = true;
                c->parent_column = pc;
                obj_add_dep(a, &c->obj, &pc->obj);
                /* NO INHERIT / DETACH must come before the parent's column
                 * goes (it would take the child's with it) */
                obj_add_dep(a, &t->obj, &pc->obj);
            }
        }
    }
    if (t->partbound || t->partspec) {
        CreateStmt *cs = makeNode(CreateStmt);
        cs->relation = makeRangeVar(NULL, "x", -1);
        if (t->partbound) {
            cs->partbound = (PartitionBoundSpec *)t->partbound;
            cs->inhRelations = list_make1(makeRangeVar(NULL, "p", -1));
            const char *b = deparsed_tail(a, (Node *)cs, " FOR VALUES ");
            t->bound_text = b ? b : deparsed_tail(a, (Node *)cs, " DEFAULT");
            /* the server prints a date bound of a timestamp key at midnight
             * ('2026-01-01 00:00:00+00'): compared as the date */
            cs->partbound = copyObjectImpl(t->partbound);
            List *all = list_concat(list_concat(list_copy(cs->partbound->listdatums), cs->partbound->lowerdatums),
                                    cs->partbound->upperdatums);
            ListCell *dc;
            foreach (dc, all) {
                Node *d = lfirst(dc);
                if (IsA(d, A_Const) && IsA(&((A_Const *)d)->val, String)) {
                    char *v = strVal(&((A_Const *)d)->val);
                    size_t n = strlen(v);
                    if (n > 10 && v[4] == '-' && v[7] == '-' && !strncmp(v + 10, " 00:00:00", 9) &&
                        (n == 19 || !strcmp(v + 19, "+00") || !strcmp(v + 19, "+00:00")))
                        v[10] = '\0';
                }
            }
            const char *bn = deparsed_tail(a, (Node *)cs, " FOR VALUES ");
            t->bound_norm = bn ? bn : t->bound_text;
        }
        cs->partbound = NULL;
        cs->inhRelations = NIL;
        cs->partspec = (PartitionSpec *)t->partspec;
        const char *k = t->partspec ? deparsed_tail(a, (Node *)cs, "PARTITION BY ") : NULL;
        t->partkey_text = k && !strncmp(k, "PARTITION BY ", 13) ? k + 13 : k;
        if (t->partspec) {
            PartitionSpec *ps = copyObjectImpl(t->partspec);
            NormCtx nc = {a, t->obj.schema, t, true};
            ListCell *pc;
            foreach (pc, ps->partParams) {
                PartitionElem *pe = lfirst(pc);
                pe->expr = norm_expr(&nc, pe->expr);
                pe->location = -1;
            }
            cs->partspec = ps;
            const char *kn = deparsed_tail(a, (Node *)cs, "PARTITION BY ");
            t->partkey_norm = kn ? kn : t->partkey_text;
        }
    }
}

void ddl_finish(Model *m, Diags *diags)
{
    Arena *a = m->arena;
    Finish fin = {m, diags, {a, "public", NULL, false, &m->collations}, {0}, {0}};
    Finish *f = &fin;
    objects_index(m);
    double t0 = timing_clock();
    refs_check_model(m, diags);
    timing_report("  %s: reference checks %.3f s", m->label, timing_clock() - t0);
    for (int i = 0; i < m->objs.n; i++) {
        Obj *o = m->objs.items[i];
        if (o && o->kind == OBJ_EXTENSION)
            vec_push(a, &f->extensions, o);
        if (o && o->kind == OBJ_SEQUENCE)
            map_put(a, &f->sequences, q_qual(a, o->schema, o->name), o);
    }
    model_index_unique(a, m, &f->unique_indexes);
    for (int i = 0; i < m->objs.n; i++) {
        Obj *o = m->objs.items[i];
        if (!o)
            continue;
        NormCtx nc = f->nc;
        /* objects of a table reach the schema through the table */
        if (o->schema && !o->table)
            dep_if_exists(f, o, OBJ_SCHEMA, NULL, NULL, o->schema);
        switch (o->kind) {
        case OBJ_SCHEMA:
        case OBJ_ENUM:
        case OBJ_SEQUENCE:
            break;
        case OBJ_EXTENSION: {
            Extension *e = (Extension *)o;
            if (e->in_schema)
                dep_if_exists(f, o, OBJ_SCHEMA, NULL, NULL, e->in_schema);
            break;
        }
        case OBJ_TABLE:
            finish_table(f, (Table *)o);
            if (((Table *)o)->server)
                foreign_finish(m, o, diags);
            break;
        case OBJ_COLUMN: {
            Column *c = (Column *)o;
            obj_add_dep(a, o, &c->owner->obj);
            if (c->collation)
                objects_dep_on_collation(m, o, c->collation);
            if (c->type.schema)
                dep_on_type(f, o, c->type.schema, c->type.name);
            if (c->owner->of_type) /* a typed table's columns follow the type */
                dep_on_type(f, o, c->owner->of_schema, c->owner->of_type);
            if (c->def) {
                const char *seq = norm_nextval_target(&nc, c->def->raw);
                Obj *so = seq ? map_get(&f->sequences, seq) : NULL;
                if (so)
                    obj_add_dep(a, o, so);
                dep_on_casts(f, o, c->def->raw);
                objects_dep_on_calls(m, o, c->def->raw, "public");
            }
            if (c->generated) {
                dep_on_columns(f, o, o->schema, o->table, c->generated->raw);
                dep_on_casts(f, o, c->generated->raw);
                objects_dep_on_calls(m, o, c->generated->raw, "public");
            }
            break;
        }
        case OBJ_CONSTRAINT: {
            TableConstraint *k = (TableConstraint *)o;
            Constraint *con = (Constraint *)k->raw;
            Table *t = model_table(m, o->schema, o->table);
            dep_if_exists(f, o, OBJ_TABLE, o->schema, NULL, o->table);
            dep_on_name_list(f, o, o->schema, o->table, con->keys);
            dep_on_name_list(f, o, o->schema, o->table, con->including);
            dep_on_name_list(f, o, o->schema, o->table, con->fk_attrs);
            if (con->raw_expr) {
                dep_on_columns(f, o, o->schema, o->table, con->raw_expr);
                dep_on_casts(f, o, con->raw_expr);
                objects_dep_on_calls(m, o, con->raw_expr, "public");
                if (t)
                    check_vector_dims(m, diags, k, t);
            }
            if (con->contype == CONSTR_EXCLUSION) {
                ListCell *lc;
                foreach (lc, con->exclusions) {
                    IndexElem *ie = linitial((List *)lfirst(lc));
                    dep_on_elem_collation(m, o, ie);
                    if (ie->name) {
                        dep_if_exists(f, o, OBJ_COLUMN, o->schema, o->table, ie->name);
                    } else {
                        dep_on_columns(f, o, o->schema, o->table, ie->expr);
                        dep_on_casts(f, o, ie->expr);
                        objects_dep_on_calls(m, o, ie->expr, "public");
                    }
                }
                if (con->where_clause) {
                    dep_on_columns(f, o, o->schema, o->table, con->where_clause);
                    dep_on_casts(f, o, con->where_clause);
                    objects_dep_on_calls(m, o, con->where_clause, "public");
                }
                dep_on_extensions(f, o);
            }
            if (con->contype == CONSTR_FOREIGN) {
                dep_if_exists(f, o, OBJ_TABLE, k->fk_schema, NULL, k->fk_table);
                /* the key it references, whichever statement made it, comes
                 * first; a missing key is reported by refs_check_model() */
                bool deferrable;
                Obj *ref = model_referenced_key(m, &f->unique_indexes, k->fk_schema, k->fk_table, con->pk_attrs,
                                               &deferrable);
                if (!con->pk_attrs && ref)
                    con->pk_attrs = copyObject(((Constraint *)((TableConstraint *)ref)->raw)->keys);
                if (ref)
                    obj_add_dep(a, o, ref);
                dep_on_name_list(f, o, k->fk_schema, k->fk_table, con->pk_attrs);
            }
            nc.table = t;
            k->norm = norm_constraint(&nc, con);
            break;
        }
        case OBJ_INDEX: {
            TableIndex *ix = (TableIndex *)o;
            IndexStmt *st = (IndexStmt *)ix->raw;
            if (!dep_if_exists(f, o, OBJ_TABLE, o->schema, NULL, o->table))
                dep_if_exists(f, o, OBJ_VIEW, o->schema, NULL, o->table);
            List *all = list_concat(list_copy(st->indexParams), st->indexIncludingParams);
            ListCell *lc;
            foreach (lc, all) {
                IndexElem *ie = lfirst(lc);
                if (ie->name)
                    dep_if_exists(f, o, OBJ_COLUMN, o->schema, o->table, ie->name);
                if (ie->expr) {
                    dep_on_columns(f, o, o->schema, o->table, ie->expr);
                    dep_on_casts(f, o, ie->expr);
                    objects_dep_on_calls(m, o, ie->expr, "public");
                }
                if (ie->opclass) {
                    dep_on_extensions(f, o);
                    opclass_dep_on_use(m, o, ie->opclass, ix->method, "public");
                }
                dep_on_elem_collation(m, o, ie);
            }
            if (st->whereClause) {
                dep_on_columns(f, o, o->schema, o->table, st->whereClause);
                dep_on_casts(f, o, st->whereClause);
                objects_dep_on_calls(m, o, st->whereClause, "public");
            }
            if (strcmp(ix->method, "btree") && strcmp(ix->method, "hash") &&
                strcmp(ix->method, "gin") && strcmp(ix->method, "gist") &&
                strcmp(ix->method, "brin") && strcmp(ix->method, "spgist"))
                dep_on_extensions(f, o);
            nc.table = model_table(m, o->schema, o->table);
            ix->norm = norm_index_stmt(&nc, st);
            break;
        }
        case OBJ_SEQ_OWNER: {
            SeqOwner *so = (SeqOwner *)o;
            /* an owned sequence follows its table's owner, as ALTER TABLE
             * OWNER TO moves it in PostgreSQL */
            Obj *seq = model_lookup(m, OBJ_SEQUENCE, o->schema, NULL, o->name);
            Table *tab = model_table(m, o->schema, o->table);
            if (seq)
                ((Sequence *)seq)->owned = true;
            if (seq && tab && tab->obj.owner && (!seq->owner || strcmp(seq->owner, tab->obj.owner))) {
                DdlReader r = {m, a, diags, NULL, NULL, {a, "public", NULL, false}, 0};
                acl_set_owner(&r, seq, tab->obj.owner);
            }
            dep_if_exists(f, o, OBJ_SEQUENCE, o->schema, NULL, o->name);
            dep_if_exists(f, o, OBJ_TABLE, o->schema, NULL, o->table);
            if (!dep_if_exists(f, o, OBJ_COLUMN, o->schema, o->table, so->column))
                diag_at(diags, EXIT_INPUT, o->loc, "sequence \"%s\" is owned by a column that does not exist",
                        o->name);
            break;
        }
        case OBJ_DOMAIN:
        case OBJ_COMPOSITE:
        case OBJ_FUNCTION:
        case OBJ_VIEW:
        case OBJ_TRIGGER:
        case OBJ_POLICY:
        case OBJ_EVENT_TRIGGER:
        case OBJ_COLLATION:
        case OBJ_AGGREGATE:
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
            objects_finish(m, o, diags);
            break;
        case OBJ_FDW:
        case OBJ_SERVER:
        case OBJ_USER_MAPPING:
            foreign_finish(m, o, diags);
            break;
        case OBJ_DEFAULT_ACL:
            if (o->schema)
                dep_if_exists(f, o, OBJ_SCHEMA, NULL, NULL, o->schema);
            break;
        case OBJ_KIND_COUNT:
            break;
        }
    }
}
