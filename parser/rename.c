/*
 * rename.c — ALTER ... RENAME read into the model.
 *
 * A schema file or a migration history may rename what it created before.
 * PostgreSQL refers to objects by OID, so after a rename every reference
 * still reaches the same object under its new name; the model refers by
 * name, so a rename here rewrites every place that names the object: its
 * identity key and its children's (columns, constraints, indexes,
 * triggers, policies of a renamed table), the relation and constraint name
 * maps, foreign keys that reference it, INHERITS and PARTITION OF lists,
 * the RangeVars of views, matviews, indexes, triggers and policies, the
 * column names of keys, index elements and expressions, sequence OWNED BY,
 * and nextval('old_seq') defaults.  The model then holds what it would hold
 * had the object been created under its new name (a rename is never
 * planned as a step: a difference is still a drop and a create).
 *
 * Functions (ALTER FUNCTION/PROCEDURE ... RENAME TO) take calls in
 * expressions and triggers with them (PL/pgSQL and SQL string bodies keep
 * the old name, as in PostgreSQL); types (ALTER TYPE/DOMAIN ... RENAME TO)
 * take columns and casts; ALTER TYPE ... RENAME ATTRIBUTE renames a
 * composite type's attribute; ALTER TYPE ... RENAME VALUE is read with the
 * other enum statements (parser/ddl.c).
 *
 * Renaming what does not exist is a located error in PostgreSQL's words.
 * A renamed type a function's or aggregate's signature uses moves into it
 * (parser/rename_sig.c); aggregates rename like functions.  An empty schema
 * is renamed here; one that holds objects makes the source be read again
 * with the statements before the rename saying the new name
 * (parser/schemaren.c).  Forms the model cannot follow yet (a type another
 * type uses, a column a view reads through `*`) are located errors that say
 * so; a plain star view is expanded first (parser/rename_star.c).
 */
#include "pg.h"
#include "model.h"

#include <string.h>

static char *relkey(Arena *a, const char *schema, const char *name)
{
    return arena_printf(a, "%s.%s", schema, name);
}

/* Give o a new table and/or name, keeping its key's form (indexes and
 * sequence owners are keyed without their table). */
static void rekey(Model *m, Obj *o, const char *table, const char *name)
{
    bool keyed_by_table = o->table && !strcmp(o->key, model_key(m->arena, o->kind, o->schema, o->table, o->name));
    map_put(m->arena, &m->by_key, o->key, NULL);
    if (table && o->table)
        o->table = table;
    o->name = name;
    o->key = model_key(m->arena, o->kind, o->schema, keyed_by_table ? o->table : NULL, name);
    map_put(m->arena, &m->by_key, o->key, o);
    m->sorted = false;
}

static const char *rv_schema(const RangeVar *rv, const char *deflt)
{
    return rv->schemaname ? rv->schemaname : deflt;
}

/* ---- relations -------------------------------------------------------------- */

typedef struct RelRename {
    const char *schema, *old, *new_;
    const char *search_schema;
    int hits;               /* RangeVars renamed in the tree walked */
} RelRename;

static bool rangevar_walker(Node *n, void *arg)
{
    RelRename *c = arg;
    if (!n)
        return false;
    if (IsA(n, RangeVar)) {
        RangeVar *rv = (RangeVar *)n;
        if (!rv->catalogname && !strcmp(rv_schema(rv, c->search_schema), c->schema) && !strcmp(rv->relname, c->old)) {
            /* columns qualified with the old name keep meaning this
             * relation: PostgreSQL prints them with the new name */
            rv->relname = pstrdup(c->new_);
            c->hits++;
        }
        return false;
    }
    if (IsA(n, ColumnRef) && c->hits) {
        ColumnRef *cr = (ColumnRef *)n;
        int len = list_length(cr->fields);
        if (len >= 2 && IsA(list_nth(cr->fields, len - 2), String) &&
            !strcmp(strVal(list_nth(cr->fields, len - 2)), c->old) &&
            (len == 2 || (IsA(list_nth(cr->fields, len - 3), String) &&
                          !strcmp(strVal(list_nth(cr->fields, len - 3)), c->schema))))
            list_nth_cell(cr->fields, len - 2)->ptr_value = makeString(pstrdup(c->new_));
        return false;
    }
    return raw_expression_tree_walker(n, rangevar_walker, arg);
}

static Node *view_query(Definition *v)
{
    return v->materialized ? ((CreateTableAsStmt *)v->raw)->query : ((ViewStmt *)v->raw)->query;
}

/* Views and materialized views that read schema.old now read schema.new_. */
static void rename_in_views(Model *m, const char *schema, const char *old, const char *new_)
{
    for (int i = 0; i < m->objs.n; i++) {
        Definition *v = m->objs.items[i];
        if (!v || v->obj.kind != OBJ_VIEW)
            continue;
        RelRename c = {schema, old, new_, v->search_schema, 0};
        /* two passes: RangeVars first, so that qualified columns follow */
        rangevar_walker(view_query(v), &c);
        if (c.hits)
            rangevar_walker(view_query(v), &c);
    }
}

static void rename_table(DdlReader *r, Table *t, const char *new_)
{
    Model *m = r->m;
    const char *schema = t->obj.schema, *old = t->obj.name;
    new_ = arena_strdup(r->a, new_);
    map_put(r->a, &m->relnames, relkey(r->a, schema, old), NULL);
    map_put(r->a, &m->relnames, relkey(r->a, schema, new_), t);
    rekey(m, &t->obj, NULL, new_);
    for (int i = 0; i < m->objs.n; i++) {
        Obj *o = m->objs.items[i];
        if (!o || o == &t->obj)
            continue;
        if (o->table && o->schema && !strcmp(o->schema, schema) && !strcmp(o->table, old)) {
            rekey(m, o, new_, o->name);
            if (o->kind == OBJ_INDEX && ((TableIndex *)o)->raw)
                ((IndexStmt *)((TableIndex *)o)->raw)->relation->relname = pstrdup(new_);
            if (o->kind == OBJ_TRIGGER)
                ((CreateTrigStmt *)((Definition *)o)->raw)->relation->relname = pstrdup(new_);
            if (o->kind == OBJ_POLICY)
                ((CreatePolicyStmt *)((Definition *)o)->raw)->table->relname = pstrdup(new_);
        }
        if (o->kind == OBJ_CONSTRAINT) {
            TableConstraint *k = (TableConstraint *)o;
            if (k->fk_table && !strcmp(k->fk_schema, schema) && !strcmp(k->fk_table, old)) {
                k->fk_table = new_;
                ((Constraint *)k->raw)->pktable->relname = pstrdup(new_);
            }
        }
        if (o->kind == OBJ_TABLE) {
            Table *c = (Table *)o;
            for (int p = 0; p < c->parents.n; p += 2)
                if (!strcmp(c->parents.items[p], schema) && !strcmp(c->parents.items[p + 1], old))
                    c->parents.items[p + 1] = (void *)new_;
            if (c->part_of && !strcmp(c->part_of_schema, schema) && !strcmp(c->part_of, old))
                c->part_of = new_;
        }
    }
    for (int i = 0; i < t->columns.n; i++)
        ((Column *)t->columns.items[i])->owner = t;
    rename_in_views(m, schema, old, new_);
}

typedef struct SeqRename {
    const NormCtx *nc;
    const char *old_target;  /* canonical "schema.name" of the old sequence */
    const char *literal;     /* the new one, as a regclass literal */
} SeqRename;

static bool nextval_rename_walker(Node *n, void *arg)
{
    SeqRename *c = arg;
    if (!n)
        return false;
    if (IsA(n, FuncCall) && list_length(((FuncCall *)n)->args) == 1 &&
        !strcmp(strVal(llast(((FuncCall *)n)->funcname)), "nextval")) {
        const char *target = norm_nextval_target(c->nc, n);
        if (target && !strcmp(target, c->old_target)) {
            Node *a0 = linitial(((FuncCall *)n)->args);
            while (a0 && IsA(a0, TypeCast))
                a0 = ((TypeCast *)a0)->arg;
            if (a0 && IsA(a0, A_Const))
                ((A_Const *)a0)->val.sval.sval = pstrdup(c->literal);
        }
        return false;
    }
    return raw_expression_tree_walker(n, nextval_rename_walker, arg);
}

/* A nextval('...') call naming schema.name, for its canonical target. */
static const char *nextval_target_of(DdlReader *r, const char *schema, const char *name)
{
    A_Const *k = makeNode(A_Const);
    k->val.sval.type = T_String;
    k->val.sval.sval = pstrdup(q_qual_literal(r->a, schema, name));
    k->val.sval.sval[strlen(k->val.sval.sval) - 1] = '\0';
    k->val.sval.sval++;   /* q_qual_literal's quotes off: '"s"."n"' -> "s"."n" */
    k->location = -1;
    FuncCall *f = makeFuncCall(list_make1(makeString(pstrdup("nextval"))), list_make1(k), COERCE_EXPLICIT_CALL, -1);
    return norm_nextval_target(&r->nc, (Node *)f);
}

static void rename_sequence(DdlReader *r, Obj *s, const char *new_)
{
    Model *m = r->m;
    const char *schema = s->schema, *old = s->name;
    new_ = arena_strdup(r->a, new_);
    SeqRename c = {&r->nc, nextval_target_of(r, schema, old), NULL};
    const char *lit = q_qual_literal(r->a, schema, new_);
    char *unq = arena_strdup(r->a, lit + 1);
    unq[strlen(unq) - 1] = '\0';
    /* q_qual_literal doubles single quotes; the literal's value has them single */
    StrBuf sb;
    sb_init(&sb);
    for (const char *p = unq; *p; p++) {
        sb_putc(&sb, *p);
        if (*p == '\'' && p[1] == '\'')
            p++;
    }
    c.literal = sb_take(&sb, r->a);
    sb_free(&sb);
    map_put(r->a, &m->relnames, relkey(r->a, schema, old), NULL);
    map_put(r->a, &m->relnames, relkey(r->a, schema, new_), s);
    rekey(m, s, NULL, new_);
    Obj *owner = model_lookup(m, OBJ_SEQ_OWNER, schema, NULL, old);
    if (owner)
        rekey(m, owner, NULL, new_);
    for (int i = 0; i < m->objs.n; i++) {
        Column *col = m->objs.items[i];
        if (!col || col->obj.kind != OBJ_COLUMN || !col->def)
            continue;
        nextval_rename_walker(col->def->raw, &c);
        if (col->def->norm)
            nextval_rename_walker(col->def->norm, &c);
        norm_qualify_nextval(&r->nc, col->def->raw);
        if (col->def->norm)
            norm_qualify_nextval(&r->nc, col->def->norm);
    }
    rename_in_views(m, schema, old, new_);
}

static void rename_view(DdlReader *r, Definition *v, const char *new_)
{
    Model *m = r->m;
    const char *schema = v->obj.schema, *old = v->obj.name;
    new_ = arena_strdup(r->a, new_);
    map_put(r->a, &m->relnames, relkey(r->a, schema, old), NULL);
    map_put(r->a, &m->relnames, relkey(r->a, schema, new_), v);
    rekey(m, &v->obj, NULL, new_);
    if (v->materialized)
        ((CreateTableAsStmt *)v->raw)->into->rel->relname = pstrdup(new_);
    else
        ((ViewStmt *)v->raw)->view->relname = pstrdup(new_);
    for (int i = 0; i < m->objs.n; i++) {
        Obj *o = m->objs.items[i];
        if (o && o->table && !strcmp(o->schema, schema) && !strcmp(o->table, old)) {
            rekey(m, o, new_, o->name);
            if (o->kind == OBJ_INDEX && ((TableIndex *)o)->raw)
                ((IndexStmt *)((TableIndex *)o)->raw)->relation->relname = pstrdup(new_);
            if (o->kind == OBJ_TRIGGER)
                ((CreateTrigStmt *)((Definition *)o)->raw)->relation->relname = pstrdup(new_);
        }
    }
    rename_in_views(m, schema, old, new_);
}

static void rename_constraint_obj(DdlReader *r, TableConstraint *k, const char *new_)
{
    Model *m = r->m;
    new_ = arena_strdup(r->a, new_);
    char *ok = relkey(r->a, k->obj.schema, k->obj.name), *nk = relkey(r->a, k->obj.schema, new_);
    map_put(r->a, &m->connames, ok, NULL);
    map_put(r->a, &m->connames, nk, k);
    if (map_get(&m->relnames, ok) == k) {
        map_put(r->a, &m->relnames, ok, NULL);
        map_put(r->a, &m->relnames, nk, k);
    }
    rekey(m, &k->obj, NULL, new_);
    ((Constraint *)k->raw)->conname = pstrdup(new_);
}

static void rename_index(DdlReader *r, TableIndex *ix, const char *new_)
{
    Model *m = r->m;
    new_ = arena_strdup(r->a, new_);
    map_put(r->a, &m->relnames, relkey(r->a, ix->obj.schema, ix->obj.name), NULL);
    map_put(r->a, &m->relnames, relkey(r->a, ix->obj.schema, new_), ix);
    rekey(m, &ix->obj, NULL, new_);
    ((IndexStmt *)ix->raw)->idxname = pstrdup(new_);
}

static const char *kind_word(ObjectType t)
{
    switch (t) {
    case OBJECT_SEQUENCE: return "a sequence";
    case OBJECT_VIEW: return "a view";
    case OBJECT_MATVIEW: return "a materialized view";
    case OBJECT_INDEX: return "an index";
    default: return "a table";
    }
}

static void rename_relation(DdlReader *r, RenameStmt *st, int off)
{
    RangeVar *rv = st->relation;
    const char *schema = rv_schema(rv, r->nc.default_schema);
    char kb[PG_NAMEDATALEN * 2 + 2];
    snprintf(kb, sizeof kb, "%s.%s", schema, rv->relname);
    Obj *o = map_get(&r->m->relnames, kb);
    if (!o) {
        if (!st->missing_ok)
            ddl_error(r, rv->location, "relation \"%s\" does not exist", rv->relname);
        return;
    }
    snprintf(kb, sizeof kb, "%s.%s", schema, st->newname);
    if (map_get(&r->m->relnames, kb)) {
        ddl_error(r, off, "relation \"%s\" already exists", st->newname);
        return;
    }
    bool is_index = o->kind == OBJ_INDEX || o->kind == OBJ_CONSTRAINT;
    bool is_matview = o->kind == OBJ_VIEW && ((Definition *)o)->materialized;
    bool wrong = (st->renameType == OBJECT_SEQUENCE && o->kind != OBJ_SEQUENCE) ||
                 (st->renameType == OBJECT_VIEW && (o->kind != OBJ_VIEW || is_matview)) ||
                 (st->renameType == OBJECT_MATVIEW && !is_matview) ||
                 (st->renameType == OBJECT_INDEX && !is_index);
    if (wrong) {
        ddl_error(r, rv->location, "\"%s\" is not %s", rv->relname, kind_word(st->renameType));
        return;
    }
    switch (o->kind) {
    case OBJ_TABLE: rename_table(r, (Table *)o, st->newname); return;
    case OBJ_SEQUENCE: rename_sequence(r, o, st->newname); return;
    case OBJ_VIEW: rename_view(r, (Definition *)o, st->newname); return;
    case OBJ_INDEX: rename_index(r, (TableIndex *)o, st->newname); return;
    case OBJ_CONSTRAINT: rename_constraint_obj(r, (TableConstraint *)o, st->newname); return;
    case OBJ_SCHEMA: case OBJ_EXTENSION: case OBJ_ENUM: case OBJ_COLUMN: case OBJ_SEQ_OWNER:
    case OBJ_DOMAIN: case OBJ_COMPOSITE: case OBJ_FUNCTION: case OBJ_AGGREGATE: case OBJ_TRIGGER:
    case OBJ_OPERATOR: case OBJ_RULE: case OBJ_OPFAMILY: case OBJ_OPCLASS: case OBJ_RANGE: case OBJ_CAST:
    case OBJ_STATISTICS: case OBJ_TS_PARSER: case OBJ_TS_TEMPLATE: case OBJ_TS_DICT: case OBJ_TS_CONFIG:
    case OBJ_PUBLICATION: case OBJ_POLICY: case OBJ_EVENT_TRIGGER: case OBJ_DEFAULT_ACL: case OBJ_COLLATION: case OBJ_FDW: case OBJ_SERVER: case OBJ_USER_MAPPING: case OBJ_KIND_COUNT:
        break;
    }
    ddl_error(r, off, "ALTER ... RENAME of this relation is not supported yet");
}

/* ---- columns ---------------------------------------------------------------- */

typedef struct ColRename {
    const char *old, *new_;
    const char *qual;      /* a qualifier that means the table (its name), or NULL */
} ColRename;

static void rename_string_list(List *l, const char *old, const char *new_)
{
    ListCell *lc;
    foreach (lc, l)
        if (IsA(lfirst(lc), String) && !strcmp(strVal(lfirst(lc)), old))
            lfirst(lc) = makeString(pstrdup(new_));
}

static bool colref_walker(Node *n, void *arg)
{
    ColRename *c = arg;
    if (!n)
        return false;
    if (IsA(n, ColumnRef)) {
        ColumnRef *cr = (ColumnRef *)n;
        int len = list_length(cr->fields);
        Node *last = llast(cr->fields);
        if (!IsA(last, String) || strcmp(strVal(last), c->old))
            return false;
        if (len == 1 || (c->qual && IsA(list_nth(cr->fields, len - 2), String) &&
                         !strcmp(strVal(list_nth(cr->fields, len - 2)), c->qual)))
            llast(cr->fields) = makeString(pstrdup(c->new_));
        return false;
    }
    return raw_expression_tree_walker(n, colref_walker, arg);
}

static void rename_in_expr(Node *n, const char *old, const char *new_, const char *qual)
{
    ColRename c = {old, new_, qual};
    colref_walker(n, &c);
}

static void rename_in_index_params(List *params, const char *old, const char *new_, const char *qual)
{
    ListCell *lc;
    foreach (lc, params) {
        IndexElem *ie = lfirst(lc);
        if (!IsA(ie, IndexElem))
            continue;
        if (ie->name && !strcmp(ie->name, old))
            ie->name = pstrdup(new_);
        rename_in_expr(ie->expr, old, new_, qual);
    }
}

/* Whether a view reads the column schema.table.col (by any spelling), and
 * the names the table goes by in it (its own, or its aliases). */
typedef struct ViewReads {
    const char *schema, *table, *search_schema, *col;
    bool reads_table, names_col, star;
    const char *quals[8];
    int nquals;
} ViewReads;

static bool view_reads_walker(Node *n, void *arg)
{
    ViewReads *c = arg;
    if (!n)
        return false;
    if (IsA(n, RangeVar)) {
        RangeVar *rv = (RangeVar *)n;
        if (!strcmp(rv_schema(rv, c->search_schema), c->schema) && !strcmp(rv->relname, c->table)) {
            c->reads_table = true;
            const char *q = rv->alias ? rv->alias->aliasname : rv->relname;
            if (c->nquals < 8)
                c->quals[c->nquals++] = q;
            else
                c->star = true; /* too many to follow: refused like a star */
        }
        return false;
    }
    if (IsA(n, ColumnRef)) {
        Node *last = llast(((ColumnRef *)n)->fields);
        if (IsA(last, A_Star))
            c->star = true;
        else if (IsA(last, String) && !strcmp(strVal(last), c->col))
            c->names_col = true;
        return false;
    }
    return raw_expression_tree_walker(n, view_reads_walker, arg);
}

typedef struct ViewColRename {
    const ViewReads *reads;
    const char *new_;
} ViewColRename;

/* Whether a column reference means the renamed column: unqualified, or
 * qualified by a name the table goes by in the view. */
static bool means_column(const ViewReads *v, const ColumnRef *cr)
{
    int len = list_length(cr->fields);
    Node *last = llast(cr->fields);
    if (!IsA(last, String) || strcmp(strVal(last), v->col))
        return false;
    if (len == 1)
        return true;
    Node *q = list_nth(cr->fields, len - 2);
    for (int i = 0; IsA(q, String) && i < v->nquals; i++)
        if (!strcmp(strVal(q), v->quals[i]))
            return true;
    return false;
}

/* PostgreSQL keeps a view's output column names: `SELECT a FROM t` reads
 * as `SELECT t.b AS a FROM t` once a is renamed b. */
static bool view_col_walker(Node *n, void *arg)
{
    ViewColRename *c = arg;
    if (!n)
        return false;
    if (IsA(n, ResTarget)) {
        ResTarget *rt = (ResTarget *)n;
        if (!rt->name && rt->val && IsA(rt->val, ColumnRef) && means_column(c->reads, (ColumnRef *)rt->val))
            rt->name = pstrdup(c->reads->col);
    }
    if (IsA(n, ColumnRef)) {
        if (means_column(c->reads, (ColumnRef *)n))
            llast(((ColumnRef *)n)->fields) = makeString(pstrdup(c->new_));
        return false;
    }
    return raw_expression_tree_walker(n, view_col_walker, arg);
}

/* ---- what a dropped column takes with it ---------------------------------- */

typedef struct ColUse {
    const char *col, *qual;
    bool hit;
} ColUse;

static bool coluse_walker(Node *n, void *arg)
{
    ColUse *c = arg;
    if (!n || c->hit)
        return c && c->hit;
    if (IsA(n, ColumnRef)) {
        ColumnRef *cr = (ColumnRef *)n;
        int len = list_length(cr->fields);
        Node *last = llast(cr->fields);
        if (IsA(last, String) && !strcmp(strVal(last), c->col) &&
            (len == 1 || (c->qual && IsA(list_nth(cr->fields, len - 2), String) &&
                          !strcmp(strVal(list_nth(cr->fields, len - 2)), c->qual))))
            c->hit = true;
        return c->hit;
    }
    return raw_expression_tree_walker(n, coluse_walker, arg);
}

static bool names_in(List *l, const char *col)
{
    ListCell *lc;
    foreach (lc, l)
        if (IsA(lfirst(lc), String) && !strcmp(strVal(lfirst(lc)), col))
            return true;
    return false;
}

static bool index_params_use(List *params, ColUse *u)
{
    ListCell *lc;
    foreach (lc, params) {
        IndexElem *ie = lfirst(lc);
        if (!IsA(ie, IndexElem))
            continue;
        if ((ie->name && !strcmp(ie->name, u->col)) || coluse_walker(ie->expr, u))
            return true;
    }
    return false;
}

void forms_drop_column_users(DdlReader *r, Table *t, const char *col, bool cascade, int off)
{
    Model *m = r->m;
    const char *schema = t->obj.schema, *tname = t->obj.name;
    for (int i = 0; i < m->objs.n; i++) {
        Obj *o = m->objs.items[i];
        if (!o || (o->kind != OBJ_INDEX && o->kind != OBJ_CONSTRAINT))
            continue;
        bool own = o->table && !strcmp(o->schema, schema) && !strcmp(o->table, tname);
        ColUse u = {col, tname, false};
        bool uses = false, other = false;
        if (o->kind == OBJ_INDEX && own) {
            IndexStmt *ix = (IndexStmt *)((TableIndex *)o)->raw;
            uses = index_params_use(ix->indexParams, &u) || index_params_use(ix->indexIncludingParams, &u) ||
                   coluse_walker(ix->whereClause, &u);
        } else if (o->kind == OBJ_CONSTRAINT) {
            TableConstraint *k = (TableConstraint *)o;
            Constraint *con = (Constraint *)k->raw;
            if (own) {
                uses = names_in(con->keys, col) || names_in(con->including, col) || names_in(con->fk_attrs, col) ||
                       coluse_walker(con->raw_expr, &u) || coluse_walker(con->where_clause, &u);
                ListCell *lc;
                foreach (lc, con->exclusions)
                    uses = uses || index_params_use(list_make1(linitial((List *)lfirst(lc))), &u);
            }
            /* another table's foreign key over the column: PostgreSQL
             * drops it with CASCADE, refuses without */
            if (!uses && k->fk_table && !strcmp(k->fk_schema, schema) && !strcmp(k->fk_table, tname) &&
                names_in(con->pk_attrs, col)) {
                uses = true;
                other = !own;
            }
        }
        if (!uses)
            continue;
        if (other && !cascade) {
            ddl_error(r, off,
                      "cannot drop column %s of table %s because other objects depend on it "
                      "(constraint %s on table %s depends on it; use DROP ... CASCADE)",
                      col, tname, o->name, o->table);
            return;
        }
        /* PostgreSQL drops the indexes and table constraints that involve
         * the column with it */
        ddl_forget_relation_name(r, o);
        model_remove(m, o);
    }
}

static void rename_column(DdlReader *r, RenameStmt *st, int off)
{
    RangeVar *rv = st->relation;
    const char *schema = rv_schema(rv, r->nc.default_schema);
    Obj *rel = ddl_relation(r, schema, rv->relname);
    if (!rel) {
        if (!st->missing_ok)
            ddl_error(r, rv->location, "relation \"%s\" does not exist", rv->relname);
        return;
    }
    if (rel->kind != OBJ_TABLE) {
        ddl_error(r, off, "renaming a column of a %s is not supported yet", kind_info[rel->kind].name);
        return;
    }
    Table *t = (Table *)rel;
    Model *m = r->m;
    Column *col = table_column(t, st->subname);
    if (!col) {
        ddl_error(r, off, "column \"%s\" does not exist", st->subname);
        return;
    }
    if (table_column(t, st->newname)) {
        ddl_error(r, off, "column \"%s\" of relation \"%s\" already exists", st->newname, t->obj.name);
        return;
    }
    if (col->inherited) {
        ddl_error(r, off, "cannot rename inherited column \"%s\"", st->subname);
        return;
    }
    const char *old = col->obj.name, *new_ = arena_strdup(r->a, st->newname);
    const char *tname = t->obj.name;
    /* views that read it by name follow; one that reads it through a star
     * (expanded when the view was made) is refused */
    PtrVec follow = {0};
    for (int i = 0; i < m->objs.n; i++) {
        Definition *v = m->objs.items[i];
        if (!v || v->obj.kind != OBJ_VIEW)
            continue;
        ViewReads *c = arena_alloc(r->a, sizeof(ViewReads));
        *c = (ViewReads){schema, tname, v->search_schema, old, false, false, false, {0}, 0};
        view_reads_walker(view_query(v), c);
        if (c->reads_table && c->star && rename_expand_star(r, v, t)) {
            /* a plain `SELECT * FROM t` view: its star is columns now
             * (parser/rename_star.c) */
            *c = (ViewReads){schema, tname, v->search_schema, old, false, false, false, {0}, 0};
            view_reads_walker(view_query(v), c);
        }
        if (c->reads_table && c->star) {
            ddl_error(r, off, "renaming column \"%s\", which view \"%s\" reads through *, is not supported yet",
                      old, v->obj.name);
            return;
        }
        if (c->reads_table && c->names_col) {
            vec_push(r->a, &follow, v);
            vec_push(r->a, &follow, c);
        }
    }
    /* the table's children that have the column get the new name too */
    for (int i = 0; i < m->objs.n; i++) {
        Table *c = m->objs.items[i];
        if (c && c->obj.kind == OBJ_TABLE && table_is_child_of(c, schema, tname)) {
            Column *cc = table_column(c, old);
            if (cc && cc->inherited) {
                RenameStmt sub = *st;
                RangeVar crv = *rv;
                crv.schemaname = (char *)c->obj.schema;
                crv.relname = (char *)c->obj.name;
                sub.relation = &crv;
                cc->inherited = false;   /* checked above for the table itself */
                rename_column(r, &sub, off);
                cc->inherited = true;
            }
        }
    }
    rekey(m, &col->obj, NULL, new_);
    for (int i = 0; i < follow.n; i += 2) {
        ViewColRename vc = {follow.items[i + 1], new_};
        view_col_walker(view_query(follow.items[i]), &vc);
    }
    for (int i = 0; i < m->objs.n; i++) {
        Obj *o = m->objs.items[i];
        if (!o)
            continue;
        bool own = o->table && !strcmp(o->schema, schema) && !strcmp(o->table, tname);
        switch (o->kind) {
        case OBJ_COLUMN:
            if (own) {
                Column *oc = (Column *)o;
                if (oc->generated) {
                    rename_in_expr(oc->generated->raw, old, new_, tname);
                    rename_in_expr(oc->generated->norm, old, new_, tname);
                }
            }
            break;
        case OBJ_CONSTRAINT: {
            TableConstraint *k = (TableConstraint *)o;
            Constraint *con = (Constraint *)k->raw;
            if (own) {
                rename_string_list(con->keys, old, new_);
                rename_string_list(con->including, old, new_);
                rename_string_list(con->fk_attrs, old, new_);
                rename_in_expr(con->raw_expr, old, new_, tname);
                rename_in_expr(con->where_clause, old, new_, tname);
                ListCell *lc;
                foreach (lc, con->exclusions)
                    rename_in_index_params(list_make1(linitial((List *)lfirst(lc))), old, new_, tname);
                if (k->norm) {
                    Constraint *nc = (Constraint *)k->norm;
                    rename_string_list(nc->keys, old, new_);
                    rename_string_list(nc->including, old, new_);
                    rename_string_list(nc->fk_attrs, old, new_);
                }
            }
            if (k->fk_table && !strcmp(k->fk_schema, schema) && !strcmp(k->fk_table, tname))
                rename_string_list(con->pk_attrs, old, new_);
            break;
        }
        case OBJ_INDEX:
            if (own) {
                IndexStmt *ix = (IndexStmt *)((TableIndex *)o)->raw;
                rename_in_index_params(ix->indexParams, old, new_, tname);
                rename_in_index_params(ix->indexIncludingParams, old, new_, tname);
                rename_in_expr(ix->whereClause, old, new_, tname);
            }
            break;
        case OBJ_SEQ_OWNER:
            if (own && !strcmp(((SeqOwner *)o)->column, old))
                ((SeqOwner *)o)->column = new_;
            break;
        case OBJ_TRIGGER:
            if (own) {
                CreateTrigStmt *tg = (CreateTrigStmt *)((Definition *)o)->raw;
                rename_string_list(tg->columns, old, new_);
                rename_in_expr(tg->whenClause, old, new_, "new");
                rename_in_expr(tg->whenClause, old, new_, "old");
            }
            break;
        case OBJ_POLICY:
            if (own) {
                CreatePolicyStmt *p = (CreatePolicyStmt *)((Definition *)o)->raw;
                rename_in_expr(p->qual, old, new_, tname);
                rename_in_expr(p->with_check, old, new_, tname);
            }
            break;
        case OBJ_SCHEMA: case OBJ_EXTENSION: case OBJ_ENUM: case OBJ_SEQUENCE: case OBJ_TABLE:
        case OBJ_DOMAIN: case OBJ_COMPOSITE: case OBJ_FUNCTION: case OBJ_AGGREGATE: case OBJ_VIEW:
        case OBJ_OPERATOR: case OBJ_RULE: case OBJ_OPFAMILY: case OBJ_OPCLASS: case OBJ_RANGE: case OBJ_CAST:
        case OBJ_STATISTICS: case OBJ_TS_PARSER: case OBJ_TS_TEMPLATE: case OBJ_TS_DICT: case OBJ_TS_CONFIG:
        case OBJ_PUBLICATION: case OBJ_EVENT_TRIGGER: case OBJ_DEFAULT_ACL: case OBJ_COLLATION: case OBJ_FDW: case OBJ_SERVER: case OBJ_USER_MAPPING: case OBJ_KIND_COUNT:
            break;
        }
    }
}

/* ---- constraints, schemas --------------------------------------------------- */

static void rename_constraint(DdlReader *r, RenameStmt *st, int off)
{
    RangeVar *rv = st->relation;
    const char *schema = rv_schema(rv, r->nc.default_schema);
    Obj *rel = ddl_relation(r, schema, rv->relname);
    if (!rel) {
        if (!st->missing_ok)
            ddl_error(r, rv->location, "relation \"%s\" does not exist", rv->relname);
        return;
    }
    TableConstraint *k = (TableConstraint *)model_lookup(r->m, OBJ_CONSTRAINT, schema, rel->name, st->subname);
    if (!k) {
        ddl_error(r, off, "constraint \"%s\" for table \"%s\" does not exist", st->subname, rel->name);
        return;
    }
    char kb[PG_NAMEDATALEN * 2 + 2];
    snprintf(kb, sizeof kb, "%s.%s", schema, st->newname);
    if (model_lookup(r->m, OBJ_CONSTRAINT, schema, rel->name, st->newname)) {
        ddl_error(r, off, "constraint \"%s\" for relation \"%s\" already exists", st->newname, rel->name);
        return;
    }
    if ((k->contype == CON_PRIMARY || k->contype == CON_UNIQUE || k->contype == CON_EXCLUSION) &&
        map_get(&r->m->relnames, kb)) {
        ddl_error(r, off, "relation \"%s\" already exists", st->newname);
        return;
    }
    rename_constraint_obj(r, k, st->newname);
}

static void rename_schema(DdlReader *r, RenameStmt *st, int off)
{
    Model *m = r->m;
    Obj *s = model_lookup(m, OBJ_SCHEMA, NULL, NULL, st->subname);
    if (!s) {
        ddl_error(r, off, "schema \"%s\" does not exist", st->subname);
        return;
    }
    if (model_lookup(m, OBJ_SCHEMA, NULL, NULL, st->newname)) {
        ddl_error(r, off, "schema \"%s\" already exists", st->newname);
        return;
    }
    for (int i = 0; i < m->objs.n; i++) {
        Obj *o = m->objs.items[i];
        if (o && ((o->schema && !strcmp(o->schema, s->name)) ||
                  (o->kind == OBJ_EXTENSION && str_same(((Extension *)o)->in_schema, s->name)))) {
            /* read again as if created under the new name (parser/schemaren.c) */
            if (schemaren_request(r, s, st->newname, (Node *)st))
                return;
            ddl_error(r, off, "renaming schema \"%s\", which holds %s, is not supported yet; create it under "
                      "its new name", s->name, obj_display(r->a, o));
            return;
        }
    }
    rekey(m, s, NULL, arena_strdup(r->a, st->newname));
    if (!strcmp(r->nc.default_schema, st->subname))
        r->nc.default_schema = s->name;
}


/* ---- functions and types ---------------------------------------------------- */

/* Every expression tree of the model that may call a function or name a
 * type: column defaults and generation expressions, CHECK and index
 * expressions and predicates, view queries, policies and trigger WHEN. */
static void walk_model_exprs(Model *m, bool (*walker)(Node *, void *), void *arg)
{
    for (int i = 0; i < m->objs.n; i++) {
        Obj *o = m->objs.items[i];
        if (!o)
            continue;
        switch (o->kind) {
        case OBJ_COLUMN: {
            Column *c = (Column *)o;
            if (c->def) {
                walker(c->def->raw, arg);
                walker(c->def->norm, arg);
            }
            if (c->generated) {
                walker(c->generated->raw, arg);
                walker(c->generated->norm, arg);
            }
            break;
        }
        case OBJ_CONSTRAINT: {
            TableConstraint *k = (TableConstraint *)o;
            walker(((Constraint *)k->raw)->raw_expr, arg);
            walker(((Constraint *)k->raw)->where_clause, arg);
            if (k->norm) {
                walker(((Constraint *)k->norm)->raw_expr, arg);
                walker(((Constraint *)k->norm)->where_clause, arg);
            }
            break;
        }
        case OBJ_INDEX: {
            IndexStmt *ix = (IndexStmt *)((TableIndex *)o)->raw;
            ListCell *lc;
            foreach (lc, ix->indexParams)
                walker(((IndexElem *)lfirst(lc))->expr, arg);
            walker(ix->whereClause, arg);
            break;
        }
        case OBJ_VIEW:
            walker(view_query((Definition *)o), arg);
            break;
        case OBJ_POLICY: {
            CreatePolicyStmt *p = (CreatePolicyStmt *)((Definition *)o)->raw;
            walker(p->qual, arg);
            walker(p->with_check, arg);
            break;
        }
        case OBJ_TRIGGER:
            walker(((CreateTrigStmt *)((Definition *)o)->raw)->whenClause, arg);
            break;
        case OBJ_SCHEMA: case OBJ_EXTENSION: case OBJ_ENUM: case OBJ_SEQUENCE: case OBJ_TABLE: case OBJ_SEQ_OWNER:
        case OBJ_DOMAIN: case OBJ_COMPOSITE: case OBJ_FUNCTION: case OBJ_AGGREGATE: case OBJ_EVENT_TRIGGER:
        case OBJ_OPERATOR: case OBJ_RULE: case OBJ_OPFAMILY: case OBJ_OPCLASS: case OBJ_RANGE: case OBJ_CAST:
        case OBJ_STATISTICS: case OBJ_TS_PARSER: case OBJ_TS_TEMPLATE: case OBJ_TS_DICT: case OBJ_TS_CONFIG:
        case OBJ_PUBLICATION: case OBJ_DEFAULT_ACL: case OBJ_COLLATION: case OBJ_FDW: case OBJ_SERVER: case OBJ_USER_MAPPING: case OBJ_KIND_COUNT:
            break;
        }
    }
}

typedef struct NameRename {
    const char *schema, *old, *new_;
    bool unqualified;      /* unqualified names count (no other candidate) */
} NameRename;

/* Whether a name list (schema.)name means schema.old. */
static bool names_match(const NameRename *c, List *names)
{
    int n = list_length(names);
    if (n < 1 || !IsA(llast(names), String) || strcmp(strVal(llast(names)), c->old))
        return false;
    if (n == 1)
        return c->unqualified;
    return IsA(list_nth(names, n - 2), String) && !strcmp(strVal(list_nth(names, n - 2)), c->schema);
}

static bool funccall_walker(Node *n, void *arg)
{
    NameRename *c = arg;
    if (!n)
        return false;
    if (IsA(n, FuncCall) && names_match(c, ((FuncCall *)n)->funcname))
        llast(((FuncCall *)n)->funcname) = makeString(pstrdup(c->new_));
    return raw_expression_tree_walker(n, funccall_walker, arg);
}

static bool typename_walker(Node *n, void *arg)
{
    NameRename *c = arg;
    if (!n)
        return false;
    if (IsA(n, TypeName)) {
        if (names_match(c, ((TypeName *)n)->names))
            llast(((TypeName *)n)->names) = makeString(pstrdup(c->new_));
        return false;
    }
    return raw_expression_tree_walker(n, typename_walker, arg);
}

/* The Definition's name part of a function identity "name(args)". */
static bool identity_named(const Definition *d, const char *name)
{
    size_t n = strlen(name);
    return d->identity && !strncmp(d->identity, name, n) && d->identity[n] == '(';
}

static void rename_function(DdlReader *r, RenameStmt *st, int off)
{
    Model *m = r->m;
    ObjectWithArgs *owa = (ObjectWithArgs *)st->object;
    const char *schema, *name;
    ddl_qualified(r, owa->objname, &schema, &name);
    Obj *o = objects_find_function(r, (Node *)owa);
    if (!o && owa->args_unspecified) {
        for (int i = 0; i < m->objs.n; i++) {
            Definition *d = m->objs.items[i];
            if (d && (d->obj.kind == OBJ_FUNCTION || d->obj.kind == OBJ_AGGREGATE) && !strcmp(d->obj.schema, schema) &&
                identity_named(d, name)) {
                if (o) {
                    ddl_error(r, off, "function name \"%s\" is not unique", name);
                    return;
                }
                o = &d->obj;
            }
        }
    }
    if (!o) {
        if (!st->missing_ok)
            ddl_error(r, off, "function %s does not exist", name);
        return;
    }
    if (st->renameType == OBJECT_AGGREGATE && o->kind != OBJ_AGGREGATE) {
        ddl_error(r, off, "function %s is not an aggregate", name);
        return;
    }
    if (st->renameType != OBJECT_AGGREGATE && st->renameType != OBJECT_ROUTINE && o->kind == OBJ_AGGREGATE) {
        ddl_error(r, off, "function %s is an aggregate function", name);
        return;
    }
    Definition *d = (Definition *)o;
    const char *newid = arena_printf(r->a, "%s%s", st->newname, d->signature);
    if (model_lookup(m, OBJ_FUNCTION, schema, NULL, newid) || model_lookup(m, OBJ_AGGREGATE, schema, NULL, newid)) {
        ddl_error(r, off, "function %s already exists in schema \"%s\"", newid, schema);
        return;
    }
    /* keyed by identity, named by name */
    map_put(m->arena, &m->by_key, o->key, NULL);
    o->name = arena_strdup(r->a, st->newname);
    o->key = model_key(m->arena, o->kind, o->schema, NULL, newid);
    map_put(m->arena, &m->by_key, o->key, o);
    m->sorted = false;
    d->identity = newid;
    List *newname = list_make2(makeString(pstrdup(schema)), makeString(pstrdup(st->newname)));
    if (o->kind == OBJ_AGGREGATE)
        ((DefineStmt *)d->raw)->defnames = newname;
    else
        ((CreateFunctionStmt *)d->raw)->funcname = newname;
    /* calls by name follow only when no other function keeps the old name */
    bool others = false;
    for (int i = 0; i < m->objs.n; i++) {
        Definition *x = m->objs.items[i];
        if (x && (x->obj.kind == OBJ_FUNCTION || x->obj.kind == OBJ_AGGREGATE) && !strcmp(x->obj.schema, schema) &&
            identity_named(x, name))
            others = true;
    }
    if (others)
        return;
    NameRename c = {schema, name, st->newname, !strcmp(schema, r->nc.default_schema)};
    walk_model_exprs(m, funccall_walker, &c);
    for (int i = 0; i < m->objs.n; i++) {
        Definition *x = m->objs.items[i];
        if (!x)
            continue;
        List **fn = x->obj.kind == OBJ_TRIGGER         ? &((CreateTrigStmt *)x->raw)->funcname
                    : x->obj.kind == OBJ_EVENT_TRIGGER ? &((CreateEventTrigStmt *)x->raw)->funcname
                                                       : NULL;
        if (fn) {
            NameRename tc = c;
            tc.unqualified = x->search_schema && !strcmp(x->search_schema, schema);
            if (names_match(&tc, *fn))
                llast(*fn) = makeString(pstrdup(st->newname));
        }
    }
}

static void rename_type(DdlReader *r, RenameStmt *st, int off)
{
    Model *m = r->m;
    const char *schema, *name;
    ddl_qualified(r, (List *)st->object, &schema, &name);
    Obj *t = objects_find_type(m, schema, name);
    if (!t) {
        if (!st->missing_ok)
            ddl_error(r, off, "type \"%s\" does not exist", name);
        return;
    }
    if (objects_find_type(m, schema, st->newname) || model_table(m, schema, st->newname)) {
        ddl_error(r, off, "type \"%s\" already exists", st->newname);
        return;
    }
    for (int i = 0; i < m->objs.n; i++) {
        Definition *d = m->objs.items[i];
        if (!d)
            continue;
        bool uses = false;
        if (d->obj.kind == OBJ_DOMAIN) {
            TypeRef b = norm_type(&r->nc, (Node *)((CreateDomainStmt *)d->raw)->typeName);
            uses = b.schema && !strcmp(b.schema, schema) && !strcmp(b.name, name);
        } else if (d->obj.kind == OBJ_COMPOSITE) {
            ListCell *lc;
            foreach (lc, ((CompositeTypeStmt *)d->raw)->coldeflist) {
                TypeRef b = norm_type(&r->nc, (Node *)((ColumnDef *)lfirst(lc))->typeName);
                uses = uses || (b.schema && !strcmp(b.schema, schema) && !strcmp(b.name, name));
            }
        }
        if (uses) {
            ddl_error(r, off, "renaming type \"%s\", which %s %s.%s uses, is not supported yet", name,
                      kind_info[d->obj.kind].name, d->obj.schema, d->obj.name);
            return;
        }
    }
    const char *new_ = arena_strdup(r->a, st->newname);
    rekey(m, t, NULL, new_);
    /* functions and aggregates whose signature names it (parser/rename_sig.c) */
    rename_type_in_routines(r, schema, name, new_);
    if (t->kind == OBJ_DOMAIN)
        ((CreateDomainStmt *)((Definition *)t)->raw)->domainname =
            list_make2(makeString(pstrdup(schema)), makeString(pstrdup(new_)));
    else if (t->kind == OBJ_COMPOSITE)
        ((CompositeTypeStmt *)((Definition *)t)->raw)->typevar->relname = pstrdup(new_);
    for (int i = 0; i < m->objs.n; i++) {
        Column *c = m->objs.items[i];
        if (!c || c->obj.kind != OBJ_COLUMN || !c->type.schema || strcmp(c->type.schema, schema) ||
            strcmp(c->type.name, name))
            continue;
        c->type.name = new_;
        StrBuf sb;
        sb_init(&sb);
        sb_puts(&sb, q_qual(r->a, schema, new_));
        if (c->type.typmods)
            sb_puts(&sb, c->type.typmods);
        if (c->type.array_dims)
            sb_puts(&sb, "[]");
        c->type.sql = sb_take(&sb, r->a);
        sb_free(&sb);
    }
    NameRename c = {schema, name, new_, !strcmp(schema, r->nc.default_schema)};
    walk_model_exprs(m, typename_walker, &c);
}

static void rename_attribute(DdlReader *r, RenameStmt *st, int off)
{
    RangeVar *rv = st->relation;
    const char *schema = rv_schema(rv, r->nc.default_schema);
    Definition *d = (Definition *)model_lookup(r->m, OBJ_COMPOSITE, schema, NULL, rv->relname);
    if (!d) {
        ddl_error(r, off, "type \"%s\" does not exist", rv->relname);
        return;
    }
    ColumnDef *found = NULL;
    ListCell *lc;
    foreach (lc, ((CompositeTypeStmt *)d->raw)->coldeflist) {
        ColumnDef *cd = lfirst(lc);
        if (!strcmp(cd->colname, st->newname)) {
            ddl_error(r, off, "column \"%s\" of relation \"%s\" already exists", st->newname, rv->relname);
            return;
        }
        if (!strcmp(cd->colname, st->subname))
            found = cd;
    }
    if (!found) {
        ddl_error(r, off, "column \"%s\" of relation \"%s\" does not exist", st->subname, rv->relname);
        return;
    }
    found->colname = pstrdup(st->newname);
    for (int i = 0; i + 1 < d->colcomments.n; i += 2)
        if (!strcmp(d->colcomments.items[i], st->subname))
            d->colcomments.items[i] = arena_strdup(r->a, st->newname);
}

void forms_rename(DdlReader *r, RenameStmt *st, int offset)
{
    offset = ddl_stmt_start(r, offset);
    switch (st->renameType) {
    case OBJECT_TABLE:
    case OBJECT_SEQUENCE:
    case OBJECT_VIEW:
    case OBJECT_MATVIEW:
    case OBJECT_INDEX:
        rename_relation(r, st, offset);
        return;
    case OBJECT_COLUMN:
        rename_column(r, st, offset);
        return;
    case OBJECT_TABCONSTRAINT:
        rename_constraint(r, st, offset);
        return;
    case OBJECT_SCHEMA:
        rename_schema(r, st, offset);
        return;
    case OBJECT_FUNCTION:
    case OBJECT_PROCEDURE:
    case OBJECT_ROUTINE:
    case OBJECT_AGGREGATE:
        rename_function(r, st, offset);
        return;
    case OBJECT_TYPE:
    case OBJECT_DOMAIN:
        rename_type(r, st, offset);
        return;
    case OBJECT_ATTRIBUTE:
        rename_attribute(r, st, offset);
        return;
    default:
        if (foreign_rename(r, st, offset)) /* wrappers, servers: parser/foreign.c */
            return;
        ddl_error(r, offset, "ALTER ... RENAME of this kind of object is not supported yet");
        return;
    }
}
