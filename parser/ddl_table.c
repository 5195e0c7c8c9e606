/*
 * ddl_table.c — the DDL interpreter's tables: CREATE/ALTER TABLE, columns,
 * constraints, indexes and sequences (moved out of parser/ddl.c, which keeps
 * the statement dispatch, the file reader and the other kinds of objects).
 *
 * Everything parser/ddl.c's header says of the interpreter holds here: each
 * statement is applied to the model in order, and what PostgreSQL does
 * implicitly is done too (serial columns become integer + owned sequence +
 * nextval default; unnamed constraints and indexes get the names PostgreSQL
 * would choose, with numeric suffixes on collision; PRIMARY KEY and identity
 * columns are NOT NULL; PRIMARY KEY and UNIQUE on the same columns of one
 * CREATE TABLE make one index; a child table gets its parents' columns, and
 * a parent's ADD COLUMN reaches its children).  The dispatch in ddl.c calls
 * the ddl_read_* entry points below; the helpers it shares with this file
 * (ddl_loc_at, ddl_relkey, the name choosers) are exported with the ddl_
 * prefix.
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef DdlReader Reader;

/* The small helpers parser/ddl.c has too (kept static in each file). */
static SrcLoc loc_at(const Reader *r, int offset)
{
    SrcLoc l = {r->file, r->text, offset};
    return l;
}

#define ERR(r, off, ...) diag_at((r)->diags, EXIT_INPUT, loc_at((r), (off)), __VA_ARGS__)

static const char *schema_of(const Reader *r, const char *schemaname)
{
    return schemaname ? schemaname : r->nc.default_schema;
}

static const char *relkey(Arena *a, const char *schema, const char *name)
{
    return arena_printf(a, "%s.%s", schema, name);
}

/* relkey() into a caller's buffer, for lookups that store nothing. */
#define RELKEY_BUF(buf, schema, name) (snprintf((buf), sizeof(buf), "%s.%s", (schema), (name)), (buf))

/* ---- names PostgreSQL would choose ---------------------------------------- */

static const char *choose_relation_name(Reader *r, const char *schema, const char *name1,
                                        const char *name2, const char *label, bool isconstraint)
{
    char modlabel[PG_NAMEDATALEN];
    snprintf(modlabel, sizeof modlabel, "%s", label);
    for (int pass = 0;; ) {
        const char *name = norm_object_name(r->a, name1, name2, modlabel);
        char kb[PG_NAMEDATALEN * 3];
        const char *k = RELKEY_BUF(kb, schema, name);
        if (!map_get(&r->m->relnames, k) && (!isconstraint || !map_get(&r->m->connames, k)))
            return name;
        snprintf(modlabel, sizeof modlabel, "%s%d", label, ++pass);
    }
}

static const char *choose_constraint_name(Reader *r, const char *schema, const char *name1,
                                          const char *name2, const char *label)
{
    char modlabel[PG_NAMEDATALEN];
    snprintf(modlabel, sizeof modlabel, "%s", label);
    for (int pass = 0;; ) {
        const char *name = norm_object_name(r->a, name1, name2, modlabel);
        char kb[PG_NAMEDATALEN * 3];
        if (!map_get(&r->m->connames, RELKEY_BUF(kb, schema, name)))
            return name;
        snprintf(modlabel, sizeof modlabel, "%s%d", label, ++pass);
    }
}

/* ChooseIndexColumnNames: element names, "expr" for anonymous expressions,
 * numbered on repeats. */
static void index_column_names(Reader *r, List *params, List *including, PtrVec *out)
{
    List *all = list_concat(list_copy(params), including);
    ListCell *lc;
    foreach (lc, all) {
        IndexElem *ie = lfirst(lc);
        const char *orig = ie->indexcolname ? ie->indexcolname
                           : ie->name       ? ie->name
                                            : norm_figure_colname(ie->expr);
        if (!orig)
            orig = "expr";
        const char *cur = orig;
        for (int i = 1;; i++) {
            bool dup = false;
            for (int j = 0; j < out->n; j++)
                if (strcmp(out->items[j], cur) == 0)
                    dup = true;
            if (!dup)
                break;
            cur = arena_printf(r->a, "%s%d", orig, i);
        }
        vec_push(r->a, out, (void *)arena_strdup(r->a, cur));
    }
}

/* ---- small helpers ---------------------------------------------------------- */

/* DEFAULT NULL (with or without casts) is no default. */
static bool is_null_default(Node *raw)
{
    Node *n = raw;
    while (n && IsA(n, TypeCast))
        n = ((TypeCast *)n)->arg;
    return !raw || (IsA(n, A_Const) && ((A_Const *)n)->isnull);
}

static ExprPair *make_expr(Reader *r, Node *raw)
{
    if (is_null_default(raw))
        return NULL;
    ExprPair *e = arena_alloc(r->a, sizeof(ExprPair));
    e->raw = raw;
    e->norm = norm_expr(&r->nc, raw);
    return e;
}

/* Whether PostgreSQL stores a DEFAULT NULL (`raw`, a null under casts) of
 * this column.  It drops the default only when the cooked expression is a
 * bare null constant: an untyped NULL, or one cast to exactly the column's
 * type.  A null coerced to a type modifier (varchar(64), numeric(10,2): a
 * length-coercion call), to a domain (CoerceToDomain) or from another type
 * (`NULL::varchar` on a text column: a relabelling) is stored, and pg_dump
 * shows it (`DEFAULT NULL::character varying`). */
static bool null_default_stored(Reader *r, const Column *c, Node *raw)
{
    if (c->type.typmods)
        return true;
    Obj *t = c->type.schema ? objects_find_type(r->m, c->type.schema, c->type.name) : NULL;
    if (t && t->kind == OBJ_DOMAIN)
        return true;
    for (Node *n = raw; n && IsA(n, TypeCast); n = ((TypeCast *)n)->arg)
        if (strcmp(norm_type(&r->nc, (Node *)((TypeCast *)n)->typeName).sql, c->type.sql))
            return true;
    return false;
}

static ExprPair *make_default(Reader *r, Column *c, Node *raw)
{
    norm_qualify_nextval(&r->nc, raw);
    if (raw && is_null_default(raw) && null_default_stored(r, c, raw)) {
        /* kept as written; compared as a bare NULL, whatever its casts */
        A_Const *null = makeNode(A_Const);
        null->isnull = true;
        null->location = -1;
        ExprPair *e = arena_alloc(r->a, sizeof(ExprPair));
        e->raw = raw;
        e->norm = (Node *)null;
        return e;
    }
    if (c->type.schema || c->type.array_dims)
        return make_expr(r, raw);
    if (is_null_default(raw))
        return NULL;
    ExprPair *e = arena_alloc(r->a, sizeof(ExprPair));
    e->raw = raw;
    e->norm = norm_default(&r->nc, raw, c->type.name);
    return e;
}

static bool defelem_int64(Reader *r, DefElem *d, int64_t *out)
{
    if (!d->arg) {
        ERR(r, d->location, "option \"%s\" needs a value", d->defname);
        return false;
    }
    const char *s = NULL;
    char buf[32];
    if (IsA(d->arg, Integer)) {
        snprintf(buf, sizeof buf, "%d", intVal(d->arg));
        s = buf;
    } else if (IsA(d->arg, Float)) {
        s = castNode(Float, d->arg)->fval;
    } else if (IsA(d->arg, String)) {
        s = strVal(d->arg);
    }
    if (!s) {
        ERR(r, d->location, "option \"%s\" must be a number", d->defname);
        return false;
    }
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (errno || *end) {
        ERR(r, d->location, "option \"%s\" is out of range: %s", d->defname, s);
        return false;
    }
    *out = v;
    return true;
}

const char *ddl_comment_text(const char *c)
{
    return (c && *c) ? c : NULL;
}
#define comment_text ddl_comment_text

TypeRef ddl_type_of(Reader *r, TypeName *tn)
{
    TypeRef t = norm_type(&r->nc, (Node *)tn);
    /* built-in types take integer modifiers only (their typmodin refuses
     * anything else when the migration runs); a word or a string is for a
     * user or extension type's own typmodin (geometry(Point, 4326)) */
    if (!t.schema && t.typmods && strcmp(t.name, "interval") && strpbrk(t.typmods, "?.\"'abcdefghijklmnopqrstuvwxyz_"))
        ERR(r, tn->location, "type modifiers of %s must be integer constants", t.name);
    return t;
}

static const char *collation_of(Reader *r, List *collname)
{
    if (!collname)
        return NULL;
    int n = list_length(collname);
    const char *name = strVal(llast(collname));
    const char *schema = n >= 2 ? strVal(list_nth(collname, n - 2)) : NULL;
    if (schema && strcmp(schema, "pg_catalog") == 0)
        schema = NULL;
    if (!schema && strcmp(name, "default") == 0)
        return NULL;
    /* a collation this schema defines, named without its schema */
    if (!schema && model_lookup(r->m, OBJ_COLLATION, r->nc.default_schema, NULL, name))
        schema = r->nc.default_schema;
    return schema ? q_qual(r->a, schema, name) : q_ident(r->a, name);
}

/* ---- sequences -------------------------------------------------------------- */

/* Apply CREATE/ALTER SEQUENCE options (and identity options) to `o`.
 * Returns the OWNED BY list when present (NIL otherwise). */
static List *apply_seq_options(Reader *r, SeqOpts *o, List *options, bool creating)
{
    bool have_start = !creating, have_min = !creating, have_max = !creating;
    List *owned = NIL;
    ListCell *lc;
    foreach (lc, options) {
        DefElem *d = lfirst(lc);
        int64_t v;
        if (strcmp(d->defname, "as") == 0) {
            TypeRef t = ddl_type_of(r, castNode(TypeName, d->arg));
            if (strcmp(t.sql, "smallint") && strcmp(t.sql, "integer") && strcmp(t.sql, "bigint")) {
                ERR(r, d->location, "sequence type must be smallint, integer or bigint");
                continue;
            }
            o->type = t.sql;
        } else if (strcmp(d->defname, "increment") == 0) {
            if (defelem_int64(r, d, &v))
                o->increment = v;
        } else if (strcmp(d->defname, "minvalue") == 0) {
            have_min = d->arg != NULL;
            if (d->arg && defelem_int64(r, d, &v))
                o->min = v;
        } else if (strcmp(d->defname, "maxvalue") == 0) {
            have_max = d->arg != NULL;
            if (d->arg && defelem_int64(r, d, &v))
                o->max = v;
        } else if (strcmp(d->defname, "start") == 0) {
            have_start = true;
            if (defelem_int64(r, d, &v))
                o->start = v;
        } else if (strcmp(d->defname, "cache") == 0) {
            if (defelem_int64(r, d, &v))
                o->cache = v;
        } else if (strcmp(d->defname, "cycle") == 0) {
            o->cycle = d->arg ? boolVal(d->arg) : true;
        } else if (strcmp(d->defname, "owned_by") == 0) {
            owned = (List *)d->arg;
        } else if (strcmp(d->defname, "restart") == 0 ||
                   strcmp(d->defname, "sequence_name") == 0) {
            /* RESTART changes the current value, not the schema; an
             * identity's sequence name is not compared. */
        } else {
            ERR(r, d->location, "unsupported sequence option \"%s\"", d->defname);
        }
    }
    if (!o->type)
        o->type = "bigint";
    if (creating)
        norm_seq_defaults(o, have_start, have_min, have_max);
    return owned;
}

static Sequence *add_sequence(Reader *r, const char *schema, const char *name, int location)
{
    Sequence *s = model_add(r->m, sizeof(Sequence), OBJ_SEQUENCE, schema, NULL, name,
                            loc_at(r, location));
    if (!s) {
        ERR(r, location, "relation \"%s.%s\" already exists", schema, name);
        return NULL;
    }
    map_put(r->a, &r->m->relnames, relkey(r->a, schema, name), s);
    return s;
}

static void set_seq_owner(Reader *r, Sequence *s, const char *table, const char *column,
                          int location)
{
    const char *key = model_key(r->a, OBJ_SEQ_OWNER, s->obj.schema, NULL, s->obj.name);
    Obj *old = model_find(r->m, key);
    if (old)
        model_remove(r->m, old);
    if (!table)
        return;
    SeqOwner *so = model_add(r->m, sizeof(SeqOwner), OBJ_SEQ_OWNER, s->obj.schema, NULL,
                             s->obj.name, loc_at(r, location));
    so->obj.table = arena_strdup(r->a, table);
    so->column = arena_strdup(r->a, column);
}

static void read_owned_by(Reader *r, Sequence *s, List *owned, int location)
{
    int n = list_length(owned);
    if (n == 1 && strcmp(strVal(linitial(owned)), "none") == 0) {
        set_seq_owner(r, s, NULL, NULL, location);
        return;
    }
    if (n < 2) {
        ERR(r, location, "OWNED BY needs table.column");
        return;
    }
    const char *column = strVal(llast(owned));
    const char *table = strVal(list_nth(owned, n - 2));
    const char *schema = n >= 3 ? strVal(list_nth(owned, n - 3)) : s->obj.schema;
    if (strcmp(schema, s->obj.schema) != 0) {
        ERR(r, location, "sequence must be in the same schema as the table it is owned by");
        return;
    }
    set_seq_owner(r, s, table, column, location);
}

void ddl_read_create_seq(Reader *r, CreateSeqStmt *st)
{
    const char *schema = schema_of(r, st->sequence->schemaname);
    if (st->if_not_exists && model_lookup(r->m, OBJ_SEQUENCE, schema, NULL, st->sequence->relname))
        return;
    Sequence *s = add_sequence(r, schema, st->sequence->relname, st->sequence->location);
    if (!s)
        return;
    List *owned = apply_seq_options(r, &s->opts, st->options, true);
    if (owned)
        read_owned_by(r, s, owned, st->sequence->location);
}

void ddl_read_alter_seq(Reader *r, AlterSeqStmt *st)
{
    const char *schema = schema_of(r, st->sequence->schemaname);
    Sequence *s = (Sequence *)model_find(
        r->m, model_key(r->a, OBJ_SEQUENCE, schema, NULL, st->sequence->relname));
    if (!s) {
        if (!st->missing_ok)
            ERR(r, st->sequence->location, "sequence \"%s.%s\" does not exist", schema,
                st->sequence->relname);
        return;
    }
    SeqOpts before = s->opts;
    List *owned = apply_seq_options(r, &s->opts, st->options, false);
    /* ALTER ... AS type moves default bounds along with it, as PostgreSQL does. */
    if (strcmp(before.type, s->opts.type) != 0) {
        SeqOpts def = before;
        norm_seq_defaults(&def, false, false, false);
        bool min_default = before.min == def.min, max_default = before.max == def.max;
        SeqOpts fresh = s->opts;
        norm_seq_defaults(&fresh, true, !min_default, !max_default);
        s->opts = fresh;
    }
    if (owned)
        read_owned_by(r, s, owned, st->sequence->location);
}

/* ---- tables and columns --------------------------------------------------- */

static void add_constraint(Reader *r, Table *t, Constraint *con, const char *colname, int location);

static bool is_serial(const TypeName *tn, const char **inttype)
{
    if (list_length(tn->names) != 1 || tn->arrayBounds)
        return false;
    const char *n = strVal(linitial(tn->names));
    if (!strcmp(n, "serial") || !strcmp(n, "serial4"))
        *inttype = "integer";
    else if (!strcmp(n, "bigserial") || !strcmp(n, "serial8"))
        *inttype = "bigint";
    else if (!strcmp(n, "smallserial") || !strcmp(n, "serial2"))
        *inttype = "smallint";
    else
        return false;
    return true;
}

static Node *make_string_const(const char *s)
{
    A_Const *c = makeNode(A_Const);
    c->val.sval.type = T_String;
    c->val.sval.sval = pstrdup(s);
    c->location = -1;
    return (Node *)c;
}

/* serial: integer column + sequence t_c_seq owned by it + nextval default,
 * exactly what pg_dump shows for it. */
static void expand_serial(Reader *r, Table *t, Column *c, const char *inttype, int location)
{
    TypeName *tn = makeTypeNameFromNameList(
        list_make2(makeString("pg_catalog"),
                   makeString(strcmp(inttype, "integer") == 0    ? "int4"
                              : strcmp(inttype, "bigint") == 0 ? "int8"
                                                                : "int2")));
    c->type = ddl_type_of(r, tn);
    c->not_null = true;
    const char *seqname = choose_relation_name(r, t->obj.schema, t->obj.name, c->obj.name, "seq", false);
    Sequence *s = add_sequence(r, t->obj.schema, seqname, location);
    if (!s)
        return;
    s->opts.type = inttype;
    norm_seq_defaults(&s->opts, false, false, false);
    set_seq_owner(r, s, t->obj.name, c->obj.name, location);
    const char *lit = q_qual(r->a, t->obj.schema, seqname);
    FuncCall *fc = makeFuncCall(list_make1(makeString("nextval")),
                                list_make1(make_string_const(lit)),
                                COERCE_EXPLICIT_CALL, -1);
    TypeCast *cast = makeNode(TypeCast);
    cast->arg = linitial(fc->args);
    cast->typeName = makeTypeName("regclass");
    cast->location = -1;
    linitial(fc->args) = cast;
    c->def = make_expr(r, (Node *)fc);
}

static void apply_identity(Reader *r, Table *t, Column *c, Constraint *con)
{
    c->identity = con->generated_when == ATTRIBUTE_IDENTITY_ALWAYS ? IDENTITY_ALWAYS
                                                                   : IDENTITY_BY_DEFAULT;
    c->not_null = true;
    memset(&c->identity_opts, 0, sizeof c->identity_opts);
    c->identity_opts.type = c->type.sql;
    if (strcmp(c->type.sql, "smallint") && strcmp(c->type.sql, "integer") &&
        strcmp(c->type.sql, "bigint")) {
        ERR(r, con->location, "identity column type must be smallint, integer, or bigint");
        c->identity_opts.type = "bigint";
    }
    apply_seq_options(r, &c->identity_opts, con->options, true);
    c->identity_opts.type = c->type.sql;
    (void)t;
}

static Column *add_column(Reader *r, Table *t, ColumnDef *cd)
{
    /* PostgreSQL's MaxHeapAttributeNumber; reported once, at the first
     * column past it (the rest are still read, for their own errors) */
    if (t->columns.n == 1600)
        ERR(r, cd->location, "tables can have at most 1600 columns");
    Column *c = model_add(r->m, sizeof(Column), OBJ_COLUMN, t->obj.schema, t->obj.name,
                          cd->colname, loc_at(r, cd->location));
    if (!c) {
        ERR(r, cd->location, "column \"%s\" specified more than once", cd->colname);
        return NULL;
    }
    c->owner = t;
    c->statistics = -1;
    vec_push(r->a, &t->columns, c);
    const char *inttype;
    if (is_serial(cd->typeName, &inttype)) {
        expand_serial(r, t, c, inttype, cd->location);
    } else {
        if (cd->typeName->setof || cd->typeName->pct_type)
            ERR(r, cd->typeName->location, "unsupported column type");
        c->type = ddl_type_of(r, cd->typeName);
    }
    if (cd->collClause)
        c->collation = collation_of(r, cd->collClause->collname);
    colattr_from_def(r, c, cd);
    if (cd->is_not_null)
        c->not_null = true;
    Constraint *last = NULL;
    ListCell *lc;
    foreach (lc, cd->constraints) {
        Constraint *con = lfirst(lc);
        switch (con->contype) {
        case CONSTR_NULL:
            c->not_null = false;
            break;
        case CONSTR_NOTNULL:
            c->not_null = true;
            break;
        case CONSTR_DEFAULT:
            c->def = make_default(r, c, con->raw_expr);
            break;
        case CONSTR_IDENTITY:
            apply_identity(r, t, c, con);
            break;
        case CONSTR_GENERATED:
            c->generated = make_expr(r, con->raw_expr);
            break;
        case CONSTR_CHECK:
        case CONSTR_PRIMARY:
        case CONSTR_UNIQUE:
        case CONSTR_FOREIGN:
        case CONSTR_EXCLUSION:
            if (con->contype == CONSTR_PRIMARY || con->contype == CONSTR_UNIQUE)
                con->keys = list_make1(makeString(pstrdup(cd->colname)));
            if (con->contype == CONSTR_FOREIGN)
                con->fk_attrs = list_make1(makeString(pstrdup(cd->colname)));
            last = con;
            break;
        case CONSTR_ATTR_DEFERRABLE:
        case CONSTR_ATTR_NOT_DEFERRABLE:
        case CONSTR_ATTR_DEFERRED:
        case CONSTR_ATTR_IMMEDIATE:
            if (!last) {
                ERR(r, con->location, "misplaced constraint attribute");
                break;
            }
            if (con->contype == CONSTR_ATTR_DEFERRABLE)
                last->deferrable = true;
            else if (con->contype == CONSTR_ATTR_NOT_DEFERRABLE)
                last->deferrable = false;
            else if (con->contype == CONSTR_ATTR_DEFERRED)
                last->initdeferred = last->deferrable = true;
            else
                last->initdeferred = false;
            break;
        }
    }
    /* Table-level constraints written on the column are added after the
     * column's own attributes (their attributes apply first). */
    foreach (lc, cd->constraints) {
        Constraint *con = lfirst(lc);
        if (con->contype == CONSTR_CHECK || con->contype == CONSTR_PRIMARY ||
            con->contype == CONSTR_UNIQUE || con->contype == CONSTR_FOREIGN ||
            con->contype == CONSTR_EXCLUSION)
            add_constraint(r, t, con, cd->colname, con->location);
    }
    if (c->generated && c->def)
        ERR(r, cd->location, "both default and generation expression specified for column \"%s\"",
            cd->colname);
    return c;
}

static void add_constraint(Reader *r, Table *t, Constraint *con, const char *colname, int location)
{
    const char *schema = t->obj.schema;
    const char *name = con->conname;
    PtrVec cols = {0};
    (void)colname;
    if (con->indexname) {
        /* PRIMARY KEY / UNIQUE USING INDEX: the index becomes the
         * constraint's own (and takes the constraint's name). */
        const char *ik = model_key(r->a, OBJ_INDEX, schema, NULL, con->indexname);
        TableIndex *ix = (TableIndex *)model_find(r->m, ik);
        if (!ix || strcmp(ix->obj.table, t->obj.name)) {
            ERR(r, location, "index \"%s\" does not exist", con->indexname);
            return;
        }
        IndexStmt *st = (IndexStmt *)ix->raw;
        ListCell *lc;
        foreach (lc, st->indexParams) {
            IndexElem *ie = lfirst(lc);
            if (!ie->name) {
                ERR(r, location, "index \"%s\" contains expressions", con->indexname);
                return;
            }
            con->keys = lappend(con->keys, makeString(ie->name));
        }
        foreach (lc, st->indexIncludingParams)
            con->including = lappend(con->including, makeString(((IndexElem *)lfirst(lc))->name));
        con->options = st->options;
        con->nulls_not_distinct = st->nulls_not_distinct;
        if (!name)
            name = con->conname = pstrdup(con->indexname);
        map_put(r->a, &r->m->relnames, relkey(r->a, schema, ix->obj.name), NULL);
        model_remove(r->m, &ix->obj);
        con->indexname = NULL;
    }
    if (!name) {
        ListCell *lc;
        switch (con->contype) {
        case CONSTR_PRIMARY:
            name = choose_relation_name(r, schema, t->obj.name, NULL, "pkey", true);
            break;
        case CONSTR_UNIQUE:
            foreach (lc, con->keys)
                vec_push(r->a, &cols, strVal(lfirst(lc)));
            foreach (lc, con->including)
                vec_push(r->a, &cols, strVal(lfirst(lc)));
            name = choose_relation_name(r, schema, t->obj.name, norm_name_addition(r->a, &cols),
                                        "key", true);
            break;
        case CONSTR_EXCLUSION: {
            List *elems = NIL;
            foreach (lc, con->exclusions)
                elems = lappend(elems, linitial((List *)lfirst(lc)));
            index_column_names(r, elems, NIL, &cols);
            name = choose_relation_name(r, schema, t->obj.name, norm_name_addition(r->a, &cols),
                                        "excl", true);
            break;
        }
        case CONSTR_CHECK:
            norm_column_refs(r->a, con->raw_expr, &cols);
            name = choose_constraint_name(r, schema, t->obj.name,
                                          cols.n == 1 ? cols.items[0] : NULL, "check");
            break;
        case CONSTR_FOREIGN:
            foreach (lc, con->fk_attrs)
                vec_push(r->a, &cols, strVal(lfirst(lc)));
            name = choose_constraint_name(r, schema, t->obj.name, norm_name_addition(r->a, &cols),
                                          "fkey");
            break;
        default:
            ERR(r, location, "unsupported constraint kind");
            return;
        }
    }
    if (con->contype == CONSTR_PRIMARY && t->has_primary_key) {
        ERR(r, location, "multiple primary keys for table \"%s\" are not allowed", t->obj.name);
        return;
    }
    TableConstraint *k = model_add(r->m, sizeof(TableConstraint), OBJ_CONSTRAINT, schema,
                                   t->obj.name, name, loc_at(r, location));
    if (!k) {
        ERR(r, location, "constraint \"%s\" for relation \"%s\" already exists", name,
            t->obj.name);
        return;
    }
    const char *ck = relkey(r->a, schema, name);
    map_put(r->a, &r->m->connames, ck, k);
    vec_push(r->a, &t->constraints, k);
    if (con->contype == CONSTR_PRIMARY)
        t->has_primary_key = true;
    if (con->contype == CONSTR_PRIMARY || con->contype == CONSTR_UNIQUE ||
        con->contype == CONSTR_EXCLUSION) {
        if (map_get(&r->m->relnames, ck))
            ERR(r, location, "relation \"%s\" already exists", name);
        map_put(r->a, &r->m->relnames, ck, k);
    }
    switch (con->contype) {
    case CONSTR_PRIMARY: k->contype = CON_PRIMARY; break;
    case CONSTR_UNIQUE: k->contype = CON_UNIQUE; break;
    case CONSTR_CHECK: k->contype = CON_CHECK; break;
    case CONSTR_FOREIGN: k->contype = CON_FOREIGN; break;
    case CONSTR_EXCLUSION: k->contype = CON_EXCLUSION; break;
    default: break;
    }
    con->conname = pstrdup(name);
    k->not_valid = con->skip_validation;
    con->skip_validation = false;
    con->initially_valid = true;
    if (con->contype == CONSTR_FOREIGN) {
        con->pktable->schemaname = pstrdup(schema_of(r, con->pktable->schemaname));
        k->fk_schema = arena_strdup(r->a, con->pktable->schemaname);
        k->fk_table = arena_strdup(r->a, con->pktable->relname);
    }
    if (con->contype == CONSTR_PRIMARY) {
        ListCell *lc;
        foreach (lc, con->keys) {
            Column *c = table_column(t, strVal(lfirst(lc)));
            if (c)
                c->not_null = true;
            else
                ERR(r, location, "column \"%s\" named in key does not exist", strVal(lfirst(lc)));
        }
    }
    k->raw = (Node *)con;
}

static Table *find_table(Reader *r, RangeVar *rv, bool missing_ok);

/* A child table gets its parent's columns first, as PostgreSQL copies
 * them: type, collation, NOT NULL, default, generation expression. */
static void inherit_columns(Reader *r, Table *t, Table *p)
{
    for (int i = 0; i < p->columns.n; i++) {
        Column *pc = p->columns.items[i];
        Column *c = table_column(t, pc->obj.name);
        if (c) {
            c->not_null = c->not_null || pc->not_null; /* multiple inheritance: merged */
            continue;
        }
        c = model_add(r->m, sizeof(Column), OBJ_COLUMN, t->obj.schema, t->obj.name, pc->obj.name, t->obj.loc);
        if (!c)
            continue;
        c->owner = t;
        c->type = pc->type;
        c->collation = pc->collation;
        c->not_null = pc->not_null;
        c->def = pc->def;
        c->generated = pc->generated;
        c->statistics = -1;
        colattr_inherit(c, pc);
        vec_push(r->a, &t->columns, c);
    }
}

/* A column a child writes that it also inherits: its own default and NOT
 * NULL apply (the types must agree, which PostgreSQL checks). */
static void merge_column(Reader *r, Table *t, Column *c, ColumnDef *cd)
{
    (void)t;
    if (cd->is_not_null)
        c->not_null = true;
    ListCell *lc;
    foreach (lc, cd->constraints) {
        Constraint *con = lfirst(lc);
        if (con->contype == CONSTR_NOTNULL)
            c->not_null = true;
        else if (con->contype == CONSTR_DEFAULT)
            c->def = make_default(r, c, con->raw_expr);
        else if (con->contype != CONSTR_NULL)
            ERR(r, con->location, "constraints on inherited columns are not supported yet; write them on the table");
    }
}

/* PostgreSQL builds one index for PRIMARY KEY and UNIQUE constraints of a
 * CREATE TABLE that name the same columns (`id int primary key unique`):
 * the UNIQUE one is dropped, as transformIndexConstraints does. */
static void drop_duplicate_unique(Reader *r, Table *t)
{
    for (int i = 0; i < t->constraints.n; i++) {
        TableConstraint *u = t->constraints.items[i];
        Constraint *uc = (Constraint *)u->raw;
        if (u->contype != CON_UNIQUE || uc->where_clause || uc->options || uc->indexspace)
            continue;
        for (int k = 0; k < t->constraints.n; k++) {
            TableConstraint *p = t->constraints.items[k];
            Constraint *pc = (Constraint *)p->raw;
            if (k == i || (p->contype != CON_PRIMARY && !(p->contype == CON_UNIQUE && k < i)) ||
                !equal(pc->keys, uc->keys) || !equal(pc->including, uc->including) ||
                pc->nulls_not_distinct != uc->nulls_not_distinct || pc->deferrable != uc->deferrable ||
                pc->initdeferred != uc->initdeferred || pc->options || pc->where_clause || pc->indexspace)
                continue;
            map_put(r->a, &r->m->relnames, relkey(r->a, u->obj.schema, u->obj.name), NULL);
            map_put(r->a, &r->m->connames, relkey(r->a, u->obj.schema, u->obj.name), NULL);
            model_remove(r->m, &u->obj);
            memmove(&t->constraints.items[i], &t->constraints.items[i + 1],
                    sizeof(void *) * (size_t)(t->constraints.n - i - 1));
            t->constraints.n--;
            i--;
            break;
        }
    }
}

void ddl_read_index(Reader *r, IndexStmt *st); /* below */

void ddl_read_create_table(Reader *r, CreateStmt *cs)
{
    RangeVar *rv = cs->relation;
    const char *schema = schema_of(r, rv->schemaname);
    const char *of_schema = NULL, *of_type = NULL;
    if (cs->ofTypename && !defkinds_typed_table(r, cs, &of_schema, &of_type))
        return;
    if (rv->relpersistence == 't') {
        ERR(r, rv->location, "temporary tables do not belong in a schema file");
        return;
    }
    if ((cs->accessMethod && strcmp(cs->accessMethod, "heap")) || cs->tablespacename) {
        ERR(r, rv->location, "%s in CREATE TABLE is not supported yet",
            cs->tablespacename ? "TABLESPACE" : "a table access method other than heap");
        return;
    }
    if (cs->if_not_exists && model_table(r->m, schema, rv->relname))
        return;
    if (!model_lookup(r->m, OBJ_SCHEMA, NULL, NULL, schema)) {
        ERR(r, rv->location, "schema \"%s\" does not exist", schema);
        return;
    }
    char kb[PG_NAMEDATALEN * 3];
    if (map_get(&r->m->relnames, RELKEY_BUF(kb, schema, rv->relname))) {
        ERR(r, rv->location, "relation \"%s.%s\" already exists", schema, rv->relname);
        return;
    }
    Table *t = model_add(r->m, sizeof(Table), OBJ_TABLE, schema, NULL, rv->relname,
                         loc_at(r, rv->location));
    map_put(r->a, &r->m->relnames, relkey(r->a, schema, rv->relname), t);
    t->unlogged = rv->relpersistence == 'u';
    t->of_schema = of_schema;
    t->of_type = of_type;
    t->reloptions = cs->options;
    t->partspec = (Node *)cs->partspec;
    ListCell *lc;
    foreach (lc, cs->inhRelations) {
        Table *p = find_table(r, lfirst(lc), false);
        if (!p)
            return;
        if (cs->partbound) {
            t->part_of_schema = p->obj.schema;
            t->part_of = p->obj.name;
            t->partbound = (Node *)cs->partbound;
        } else {
            vec_push(r->a, &t->parents, (void *)p->obj.schema);
            vec_push(r->a, &t->parents, (void *)p->obj.name);
        }
        inherit_columns(r, t, p);
        r->m->child_tables++;
    }
    foreach (lc, cs->tableElts) {
        Node *e = lfirst(lc);
        if (IsA(e, TableLikeClause))
            like_columns(r, t, (TableLikeClause *)e); /* parser/like.c */
        if (!IsA(e, ColumnDef))
            continue;
        Column *have = cs->inhRelations ? table_column(t, ((ColumnDef *)e)->colname) : NULL;
        if (have)
            merge_column(r, t, have, (ColumnDef *)e);
        else if (cs->partbound)
            ERR(r, ((ColumnDef *)e)->location, "column \"%s\" named in partition does not exist",
                ((ColumnDef *)e)->colname);
        else
            add_column(r, t, (ColumnDef *)e);
    }
    /* NOT VALID inside CREATE TABLE is ignored by PostgreSQL: a new table
     * has no rows, so its checks and foreign keys are marked valid
     * (transformCheckConstraints, transformFKConstraints). */
    foreach (lc, cs->tableElts) {
        Node *e = lfirst(lc);
        if (IsA(e, Constraint))
            ((Constraint *)e)->skip_validation = false;
    }
    foreach (lc, cs->constraints)
        ((Constraint *)lfirst(lc))->skip_validation = false;
    foreach (lc, cs->tableElts) {
        Node *e = lfirst(lc);
        if (IsA(e, Constraint))
            add_constraint(r, t, (Constraint *)e, NULL, ((Constraint *)e)->location);
    }
    foreach (lc, cs->constraints)
        add_constraint(r, t, lfirst(lc), NULL, ((Constraint *)lfirst(lc))->location);
    drop_duplicate_unique(r, t);
    /* LIKE's constraints and indexes come after the table's own */
    static const LikeHooks hooks = {add_constraint, ddl_read_index};
    foreach (lc, cs->tableElts)
        if (IsA(lfirst(lc), TableLikeClause))
            like_finish(r, t, lfirst(lc), &hooks);
}

static Table *find_table(Reader *r, RangeVar *rv, bool missing_ok)
{
    const char *schema = schema_of(r, rv->schemaname);
    Table *t = model_table(r->m, schema, rv->relname);
    if (!t && !missing_ok)
        ERR(r, rv->location, "relation \"%s.%s\" does not exist", schema, rv->relname);
    return t;
}

static Column *find_column(Reader *r, Table *t, const char *name, int location)
{
    Column *c = table_column(t, name);
    if (!c)
        ERR(r, location, "column \"%s\" of relation \"%s\" does not exist", name, t->obj.name);
    return c;
}

/* Remove an object and everything that belongs to it. */
void ddl_forget_relation_name(Reader *r, const Obj *o)
{
    map_put(r->a, &r->m->relnames, relkey(r->a, o->schema, o->name), NULL);
    map_put(r->a, &r->m->connames, relkey(r->a, o->schema, o->name), NULL);
}

void ddl_remove_table_children(Reader *r, Table *t, const char *column)
{
    for (int i = 0; i < r->m->objs.n; i++) {
        Obj *o = r->m->objs.items[i];
        if (!o || !o->table || strcmp(o->schema, t->obj.schema) || strcmp(o->table, t->obj.name))
            continue;
        if (column) {
            bool hit = false;
            if (o->kind == OBJ_COLUMN)
                hit = !strcmp(o->name, column);
            else if (o->kind == OBJ_SEQ_OWNER)
                hit = !strcmp(((SeqOwner *)o)->column, column);
            if (!hit)
                continue;
        }
        if (o->kind == OBJ_SEQ_OWNER) {
            Obj *seq = model_find(r->m, model_key(r->a, OBJ_SEQUENCE, o->schema, NULL, o->name));
            if (seq) {
                model_remove(r->m, seq);
                map_put(r->a, &r->m->relnames, relkey(r->a, seq->schema, seq->name), NULL);
            }
        }
        if (o->kind == OBJ_CONSTRAINT || o->kind == OBJ_INDEX)
            ddl_forget_relation_name(r, o);
        model_remove(r->m, o);
    }
    if (column) {
        for (int i = 0; i < t->columns.n; i++)
            if (!strcmp(((Column *)t->columns.items[i])->obj.name, column)) {
                memmove(&t->columns.items[i], &t->columns.items[i + 1],
                        sizeof(void *) * (size_t)(t->columns.n - i - 1));
                t->columns.n--;
                break;
            }
    }
}

/* pg_dump's `ALTER INDEX parent ATTACH PARTITION child`: the child index
 * (or the constraint it backs) is the partition's copy of an index of the
 * partitioned table, which PostgreSQL makes itself: not an object here. */
static void attach_index_partition(Reader *r, AlterTableStmt *st)
{
    RangeVar *child = ((PartitionCmd *)((AlterTableCmd *)linitial(st->cmds))->def)->name;
    const char *schema = schema_of(r, child->schemaname);
    char kb[PG_NAMEDATALEN * 2 + 2];
    Obj *o = map_get(&r->m->relnames, RELKEY_BUF(kb, schema, child->relname));
    if (!o || (o->kind != OBJ_INDEX && o->kind != OBJ_CONSTRAINT))
        o = map_get(&r->m->connames, kb);
    if (!o || (o->kind != OBJ_INDEX && o->kind != OBJ_CONSTRAINT)) {
        ERR(r, child->location, "index \"%s\" does not exist", child->relname);
        return;
    }
    map_put(r->a, &r->m->relnames, kb, NULL);
    map_put(r->a, &r->m->connames, kb, NULL);
    if (o->kind == OBJ_CONSTRAINT) {
        Table *t = model_table(r->m, o->schema, o->table);
        for (int i = 0; t && i < t->constraints.n; i++)
            if (t->constraints.items[i] == o) {
                memmove(&t->constraints.items[i], &t->constraints.items[i + 1],
                        sizeof(void *) * (size_t)(t->constraints.n - i - 1));
                t->constraints.n--;
                break;
            }
    }
    model_remove(r->m, o);
}

/* ALTER TABLE parent ADD COLUMN (without ONLY) adds it to every child and
 * partition too, as PostgreSQL does. */
static void add_to_children(Reader *r, Table *t, int depth)
{
    if (depth > 32 || !r->m->child_tables)
        return;
    for (int i = 0; i < r->m->objs.n; i++) {
        Obj *o = r->m->objs.items[i];
        if (o && o->kind == OBJ_TABLE && table_is_child_of((Table *)o, t->obj.schema, t->obj.name)) {
            inherit_columns(r, (Table *)o, t);
            add_to_children(r, (Table *)o, depth + 1);
        }
    }
}

void ddl_read_alter_table(Reader *r, AlterTableStmt *st)
{
    /* OWNER TO, triggers enabled or not: on any relation (pg_dump writes
     * ALTER TABLE ... OWNER TO for sequences and views too). */
    RangeVar *rv = st->relation;
    if (st->objtype == OBJECT_INDEX && list_length(st->cmds) == 1 &&
        ((AlterTableCmd *)linitial(st->cmds))->subtype == AT_AttachPartition) {
        attach_index_partition(r, st);
        return;
    }
    if (forms_index_statistics(r, st)) /* parser/forms.c */
        return;
    if (comptype_alter(r, st)) /* ALTER TYPE ... ATTRIBUTE (parser/comptype.c) */
        return;
    if (foreign_alter_table(r, st)) /* OPTIONS (parser/foreign.c) */
        return;
    Obj *rel = ddl_relation(r, rv->schemaname, rv->relname);
    bool only_these = true;
    ListCell *oc;
    foreach (oc, st->cmds) {
        AlterTableCmd *cmd = lfirst(oc);
        switch (cmd->subtype) {
        case AT_ChangeOwner:
            if (rel) {
                acl_set_owner(r, rel, cmd->newowner->rolename ? cmd->newowner->rolename : "");
                if (cmd->newowner->roletype != ROLESPEC_CSTRING)
                    ERR(r, rv->location, "name the role in OWNER TO");
            }
            break;
        case AT_ColumnDefault:
            if (!rel || rel->kind != OBJ_VIEW) {
                only_these = false;
                continue;
            }
            {
                /* a view column's default (used by INSERT through the view) */
                PtrVec *v = &((Definition *)rel)->coldefaults;
                int k = 0;
                for (int i = 0; i < v->n; i += 2)
                    if (strcmp(v->items[i], cmd->name)) {
                        v->items[k++] = v->items[i];
                        v->items[k++] = v->items[i + 1];
                    }
                v->n = k;
                if (cmd->def) {
                    vec_push(r->a, v, arena_strdup(r->a, cmd->name));
                    vec_push(r->a, v, cmd->def);
                }
            }
            break;
        case AT_EnableTrig:
        case AT_DisableTrig:
        case AT_EnableAlwaysTrig:
        case AT_EnableReplicaTrig: {
            Definition *tg = rel ? (Definition *)model_lookup(r->m, OBJ_TRIGGER, rel->schema, rel->name, cmd->name)
                                 : NULL;
            if (!tg) {
                ERR(r, rv->location, "trigger \"%s\" does not exist", cmd->name ? cmd->name : "");
                break;
            }
            tg->enabled = cmd->subtype == AT_EnableTrig       ? 'O'
                          : cmd->subtype == AT_DisableTrig    ? 'D'
                          : cmd->subtype == AT_EnableAlwaysTrig ? 'A'
                                                              : 'R';
            break;
        }
        case AT_EnableRule:
        case AT_DisableRule:
        case AT_EnableAlwaysRule:
        case AT_EnableReplicaRule:
            if (rel)
                rule_set_enabled(r, rel, cmd->name, cmd->subtype, rv->location);
            break;
        default:
            only_these = false;
            continue;
        }
    }
    if (!rel && !st->missing_ok) {
        ERR(r, rv->location, "relation \"%s.%s\" does not exist", schema_of(r, rv->schemaname), rv->relname);
        return;
    }
    if (only_these)
        return;
    if (st->objtype != OBJECT_TABLE || (rel && rel->kind != OBJ_TABLE)) {
        ERR(r, rv->location, "unsupported ALTER statement");
        return;
    }
    Table *t = find_table(r, st->relation, st->missing_ok);
    if (!t)
        return;
    ListCell *lc;
    foreach (lc, st->cmds) {
        AlterTableCmd *cmd = lfirst(lc);
        int where = st->relation->location;
        Column *c = NULL;
        switch (cmd->subtype) {
        case AT_ChangeOwner:
        case AT_EnableTrig:
        case AT_DisableTrig:
        case AT_EnableAlwaysTrig:
        case AT_EnableReplicaTrig:
        case AT_EnableRule:
        case AT_DisableRule:
        case AT_EnableAlwaysRule:
        case AT_EnableReplicaRule:
            break; /* above */
        case AT_EnableRowSecurity: t->rls = true; break;
        case AT_DisableRowSecurity: t->rls = false; break;
        case AT_ForceRowSecurity: t->rls_force = true; break;
        case AT_NoForceRowSecurity: t->rls_force = false; break;
        case AT_AddColumn: {
            ColumnDef *cd = castNode(ColumnDef, cmd->def);
            if (cmd->missing_ok && table_column(t, cd->colname))
                break;
            add_column(r, t, cd);
            foreign_column_added(r, t, cd, where);
            if (st->relation->inh)
                add_to_children(r, t, 0);
            break;
        }
        case AT_DropColumn:
            if (!table_column(t, cmd->name)) {
                if (!cmd->missing_ok)
                    find_column(r, t, cmd->name, where);
                break;
            }
            forms_drop_column_users(r, t, cmd->name, cmd->behavior == DROP_CASCADE, where);
            ddl_remove_table_children(r, t, cmd->name);
            break;
        case AT_ColumnDefault:
            if ((c = find_column(r, t, cmd->name, where)))
                c->def = make_default(r, c, cmd->def);
            break;
        case AT_SetNotNull:
            if ((c = find_column(r, t, cmd->name, where)))
                c->not_null = true;
            break;
        case AT_DropNotNull:
            if ((c = find_column(r, t, cmd->name, where)))
                c->not_null = false;
            break;
        case AT_AlterColumnType: {
            ColumnDef *cd = castNode(ColumnDef, cmd->def);
            if ((c = find_column(r, t, cmd->name, where))) {
                c->type = ddl_type_of(r, cd->typeName);
                c->collation = cd->collClause ? collation_of(r, cd->collClause->collname) : NULL;
                colattr_type_changed(r, c);
            }
            break;
        }
        case AT_AddConstraint:
            add_constraint(r, t, castNode(Constraint, cmd->def), NULL,
                           castNode(Constraint, cmd->def)->location);
            break;
        case AT_DropConstraint: {
            Obj *o = model_find(r->m, model_key(r->a, OBJ_CONSTRAINT, t->obj.schema, t->obj.name,
                                                cmd->name));
            if (!o) {
                if (!cmd->missing_ok)
                    ERR(r, where, "constraint \"%s\" of relation \"%s\" does not exist", cmd->name,
                        t->obj.name);
                break;
            }
            map_put(r->a, &r->m->connames, relkey(r->a, o->schema, o->name), NULL);
            map_put(r->a, &r->m->relnames, relkey(r->a, o->schema, o->name), NULL);
            /* the table forgets it: a dropped PRIMARY KEY makes room for another
             * (a migration that replaces a renamed table's key drops one, then
             * adds the other) */
            if (((TableConstraint *)o)->contype == CON_PRIMARY)
                t->has_primary_key = false;
            for (int i = 0; i < t->constraints.n; i++)
                if (t->constraints.items[i] == o) {
                    memmove(&t->constraints.items[i], &t->constraints.items[i + 1],
                            sizeof(void *) * (size_t)(t->constraints.n - i - 1));
                    t->constraints.n--;
                    break;
                }
            model_remove(r->m, o);
            break;
        }
        case AT_ValidateConstraint: {
            TableConstraint *k = (TableConstraint *)model_find(
                r->m, model_key(r->a, OBJ_CONSTRAINT, t->obj.schema, t->obj.name, cmd->name));
            if (k)
                k->not_valid = false;
            break;
        }
        case AT_AddIdentity:
            if ((c = find_column(r, t, cmd->name, where)))
                apply_identity(r, t, c, castNode(Constraint, cmd->def));
            break;
        case AT_SetIdentity:
            if ((c = find_column(r, t, cmd->name, where))) {
                ListCell *lc2;
                foreach (lc2, (List *)cmd->def) {
                    DefElem *d = lfirst(lc2);
                    if (!strcmp(d->defname, "generated"))
                        c->identity = intVal(d->arg) == ATTRIBUTE_IDENTITY_ALWAYS
                                          ? IDENTITY_ALWAYS
                                          : IDENTITY_BY_DEFAULT;
                    else
                        apply_seq_options(r, &c->identity_opts, list_make1(d), false);
                }
            }
            break;
        case AT_DropIdentity:
            if ((c = find_column(r, t, cmd->name, where)))
                c->identity = IDENTITY_NONE;
            break;
        case AT_AttachPartition:
        case AT_DetachPartition: {
            PartitionCmd *pc = (PartitionCmd *)cmd->def;
            Table *child = find_table(r, pc->name, false);
            if (!child)
                break;
            if (cmd->subtype == AT_AttachPartition) {
                if (!t->partspec)
                    ERR(r, where, "table \"%s\" is not partitioned", t->obj.name);
                child->part_of_schema = t->obj.schema;
                child->part_of = t->obj.name;
                child->partbound = (Node *)pc->bound;
                r->m->child_tables++;
                partcheck_attached(r, child, t);
            } else {
                child->part_of_schema = child->part_of = NULL;
                child->partbound = NULL;
            }
            break;
        }
        case AT_AddInherit:
        case AT_DropInherit: {
            Table *p = find_table(r, (RangeVar *)cmd->def, false);
            if (!p)
                break;
            PtrVec *v = &t->parents;
            int k = 0;
            for (int i = 0; i < v->n; i += 2)
                if (strcmp(v->items[i], p->obj.schema) || strcmp(v->items[i + 1], p->obj.name)) {
                    v->items[k++] = v->items[i];
                    v->items[k++] = v->items[i + 1];
                }
            v->n = k;
            if (cmd->subtype == AT_AddInherit) {
                r->m->child_tables++;
                vec_push(r->a, v, (void *)p->obj.schema);
                vec_push(r->a, v, (void *)p->obj.name);
            }
            break;
        }
        case AT_AddOf: { /* its columns must be the type's: PostgreSQL checks */
            TypeRef of = norm_type(&r->nc, cmd->def);
            t->of_schema = of.schema;
            t->of_type = of.name;
            break;
        }
        case AT_DropOf:
            t->of_schema = t->of_type = NULL;
            break;
        case AT_SetLogged:
            t->unlogged = false;
            break;
        case AT_SetUnLogged:
            t->unlogged = true;
            break;
        case AT_SetStatistics:
            if ((c = find_column(r, t, cmd->name, where)) && cmd->def && IsA(cmd->def, Integer))
                c->statistics = intVal(cmd->def);
            break;
        case AT_SetStorage:
        case AT_SetCompression:
        case AT_SetOptions:
        case AT_ResetOptions:
            if ((c = find_column(r, t, cmd->name, where)))
                colattr_alter(r, t, c, cmd, st->relation->inh, where);
            break;
        case AT_ClusterOn:
        case AT_DropCluster:
            /* one CLUSTER index per table */
            for (int i = 0; i < r->m->objs.n; i++) {
                TableIndex *ix = r->m->objs.items[i];
                if (ix && ix->obj.kind == OBJ_INDEX && !strcmp(ix->obj.schema, t->obj.schema) &&
                    !strcmp(ix->obj.table, t->obj.name))
                    ix->clustered = cmd->subtype == AT_ClusterOn && !strcmp(ix->obj.name, cmd->name);
            }
            break;
        case AT_ReplicaIdentity: {
            ReplicaIdentityStmt *ri = (ReplicaIdentityStmt *)cmd->def;
            if (!replident_apply(r->m, t, ri->identity_type, ri->name ? ri->name : ""))
                ERR(r, where, "index \"%s\" of table \"%s\" does not exist", ri->name, t->obj.name);
            break;
        }
        case AT_SetRelOptions:
        case AT_ResetRelOptions: {
            /* merge: SET replaces or adds a parameter, RESET removes it */
            List *opts = NIL;
            ListCell *oc2;
            foreach (oc2, t->reloptions) {
                DefElem *d = lfirst(oc2);
                bool replaced = false;
                ListCell *nc2;
                foreach (nc2, (List *)cmd->def)
                    replaced = replaced || !strcmp(((DefElem *)lfirst(nc2))->defname, d->defname);
                if (!replaced)
                    opts = lappend(opts, d);
            }
            if (cmd->subtype == AT_SetRelOptions)
                opts = list_concat(opts, list_copy((List *)cmd->def));
            t->reloptions = opts;
            break;
        }
        default:
            ERR(r, where, "unsupported ALTER TABLE action");
            break;
        }
    }
}

void ddl_read_index(Reader *r, IndexStmt *st)
{
    /* on a table or a materialized view */
    Obj *t = ddl_relation(r, st->relation->schemaname, st->relation->relname);
    if (!t || (t->kind != OBJ_TABLE && !(t->kind == OBJ_VIEW && ((Definition *)t)->materialized))) {
        find_table(r, st->relation, false);
        return;
    }
    if (t->kind == OBJ_TABLE && ((Table *)t)->server) {
        ERR(r, st->relation->location, "cannot create index on foreign table \"%s\"", t->name);
        return;
    }
    st->relation->schemaname = pstrdup(t->schema);
    const char *name = st->idxname;
    if (!name) {
        ListCell *lc;
        foreach (lc, st->indexParams) {
            IndexElem *ie = lfirst(lc);
            if (ie->expr && !ie->indexcolname)
                ie->indexcolname = (char *)norm_figure_colname(ie->expr);
        }
        PtrVec cols = {0};
        index_column_names(r, st->indexParams, st->indexIncludingParams, &cols);
        foreach (lc, st->indexParams)
            ((IndexElem *)lfirst(lc))->indexcolname = NULL;
        name = choose_relation_name(r, t->schema, t->name,
                                    norm_name_addition(r->a, &cols), "idx", false);
        st->idxname = pstrdup(name);
    }
    const char *k = relkey(r->a, t->schema, name);
    if (map_get(&r->m->relnames, k)) {
        if (st->if_not_exists)
            return;
        ERR(r, st->relation->location, "relation \"%s\" already exists", name);
        return;
    }
    TableIndex *ix = model_add(r->m, sizeof(TableIndex), OBJ_INDEX, t->schema, NULL, name,
                               loc_at(r, st->relation->location));
    if (!ix)
        return;
    ix->obj.table = t->name;
    map_put(r->a, &r->m->relnames, k, ix);
    ix->unique = st->unique;
    ix->method = st->accessMethod ? arena_strdup(r->a, st->accessMethod) : "btree";
    if (st->tableSpace)
        ERR(r, st->relation->location, "TABLESPACE in CREATE INDEX is not supported yet");
    st->concurrent = false;
    st->if_not_exists = false;
    ix->raw = (Node *)st;
    ix->obj.comment = comment_text(st->idxcomment);
}
