/*
 * schemaren.c — ALTER SCHEMA ... RENAME TO of a schema that holds objects.
 *
 * PostgreSQL refers to a schema by OID: after `ALTER SCHEMA a RENAME TO b`
 * every object that was in `a` is in `b`, and every reference to one of
 * them (a foreign key, a view's query, a column's type, a default's
 * nextval('a.s'), a trigger's function, ...) reaches it under `b`.  The
 * model refers by name, and a schema's name is spelled in far more places
 * than a table's (every key, every canonical text, every qualified name of
 * every tree), so rewriting the model in place would miss some.  Instead
 * the model is read again as if the schema had been called `b` from its
 * creation on: the rename asks for a restart (rename_schema in
 * parser/rename.c), ddl_read_text() resets the model and reads every text
 * of the source again, and each statement between the schema's creation
 * and its rename is rewritten first: its tree goes through libpg_query's
 * protobuf form, where every message can be walked generically, and the
 * places that name a schema are changed —
 *   - RangeVar.schemaname, CREATE SCHEMA's name, SET SCHEMA's target,
 *     ALTER SCHEMA ... RENAME's names;
 *   - qualified name lists (functions, types, operators, collations,
 *     operator classes and families, text search objects, statistics, the
 *     objects of DROP, COMMENT, GRANT, OWNER TO, RENAME), whose next-to-last
 *     element is the schema; a column reference's third-from-last;
 *   - schema names themselves: DROP / COMMENT ON / GRANT ON / OWNER of
 *     SCHEMA, GRANT ... ON ALL ... IN SCHEMA, TABLES IN SCHEMA of a
 *     publication, CREATE EXTENSION ... SCHEMA, ALTER DEFAULT PRIVILEGES
 *     IN SCHEMA, a top-level SET search_path;
 *   - literals PostgreSQL resolves to an OID when it stores them:
 *     'a.t'::regclass (and the other reg* types) and nextval('a.s').
 * The rename statement itself is then skipped: the model is what it would
 * be had the objects been created in `b`.  Function bodies kept as text
 * (PL/pgSQL, SQL strings, SET search_path of a function) keep the old
 * name, as they do in PostgreSQL; a SQL-standard body (BEGIN ATOMIC,
 * RETURN), which PostgreSQL stores parsed but the model keeps as written,
 * is a located "not supported yet" error when it names the schema, and so
 * is renaming `public` (which no statement creates) or renaming inside a
 * DO block.  Warnings and errors of the first reading are dropped with it.
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <pg_query/pg_query.pb-c.h>

/* Exported by libpg_query but not declared in its public headers. */
List *pg_query_protobuf_to_nodes(PgQueryProtobuf protobuf);

typedef struct SchemaRen {
    const char *old, *new_;
    int from_text, from_off; /* the schema's creation (text 0: before all) */
    int at_text, at_stmt;    /* the rename statement */
    int at_off;              /* its first token */
} SchemaRen;

struct DdlHistory {
    PtrVec files, texts;  /* every text read, in order (1-based numbers) */
    PtrVec renames;       /* SchemaRen *, in the order they were found */
    int diag_items, diag_warnings; /* diagnostics before the first text */
    bool pending;         /* a rename asks for the source to be read again */
    bool disabled;        /* generated text was read: no restart */
};

static DdlHistory *history_of(Model *m, Diags *diags)
{
    if (!m->history) {
        m->history = arena_alloc(m->arena, sizeof(DdlHistory));
        m->history->diag_items = diags ? diags->items.n : 0;
        m->history->diag_warnings = diags ? diags->warnings.n : 0;
    }
    return m->history;
}

int schemaren_begin_text(Model *m, const char *file, const char *text, Diags *diags, bool generated)
{
    DdlHistory *h = history_of(m, diags);
    if (generated) {
        h->disabled = true;
        return 0;
    }
    vec_push(m->arena, &h->files, (void *)file);
    vec_push(m->arena, &h->texts, (void *)text);
    return h->texts.n;
}

bool schemaren_pending(const Model *m)
{
    return m->history && m->history->pending;
}

int schemaren_texts(const Model *m, const char **file, const char **text, int i)
{
    if (!m->history)
        return 0;
    if (i >= 1 && i <= m->history->texts.n) {
        *file = m->history->files.items[i - 1];
        *text = m->history->texts.items[i - 1];
    }
    return m->history->texts.n;
}

bool schemaren_restart(Model *m, Diags *diags)
{
    DdlHistory *h = m->history;
    if (!h || !h->pending)
        return false;
    h->pending = false;
    Model *fresh = model_new(m->arena, m->label);
    fresh->filter = m->filter;
    fresh->owners_all = m->owners_all;
    fresh->current_user = m->current_user;
    fresh->history = h;
    *m = *fresh;
    ddl_init_model(m);
    if (diags) {
        if (diags->items.n > h->diag_items)
            diags->items.n = h->diag_items;
        if (diags->warnings.n > h->diag_warnings)
            diags->warnings.n = h->diag_warnings;
    }
    return true;
}

bool schemaren_request(DdlReader *r, const Obj *schema, const char *new_, const struct Node *stmt)
{
    DdlHistory *h = r->m->history;
    if (!h || h->disabled || r->text_no <= 0 || r->top_stmt != stmt || !strcmp(schema->name, "public"))
        return false;
    SchemaRen *s = arena_alloc(r->a, sizeof(SchemaRen));
    s->old = schema->name;
    s->new_ = arena_strdup(r->a, new_);
    s->at_text = r->text_no;
    s->at_stmt = r->stmt_no;
    s->at_off = ddl_stmt_start(r, r->top_loc);
    /* where the schema was created; a text not among the source's (a DO
     * block's own) counts as the start */
    for (int i = 0; i < h->texts.n; i++)
        if (schema->loc.text && h->texts.items[i] == (void *)schema->loc.text) {
            s->from_text = i + 1;
            s->from_off = schema->loc.offset;
        }
    vec_push(r->a, &h->renames, s);
    h->pending = true;
    return true;
}

/* ---- rewriting one statement ------------------------------------------------ */

typedef struct Ren {
    const char *old, *new_;
    const ProtobufCMessageDescriptor *top; /* the statement's kind */
    int changes;
    bool body_changed;  /* a SQL-standard function body named the schema */
} Ren;

static void put(Ren *c, char **s)
{
    if (*s && **s) /* not protobuf-c's shared empty default */
        free(*s);
    *s = strdup(c->new_);
    if (!*s)
        abort();
    c->changes++;
}

static bool is_old(const Ren *c, const char *s)
{
    return s && !strcmp(s, c->old);
}

static PgQuery__String *string_of(const PgQuery__Node *n)
{
    return n && n->node_case == PG_QUERY__NODE__NODE_STRING ? n->string : NULL;
}

/* Objects named under their table (schema.table.name in DROP, COMMENT). */
static bool under_table(int objtype)
{
    return objtype == PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN || objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT ||
           objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER || objtype == PG_QUERY__OBJECT_TYPE__OBJECT_POLICY ||
           objtype == PG_QUERY__OBJECT_TYPE__OBJECT_RULE;
}

/* A qualified name (schema at n-2), or a column reference (schema at n-3). */
static void name_list(Ren *c, PgQuery__Node **items, size_t n, bool colref)
{
    for (size_t i = 0; i < n; i++)
        if (!string_of(items[i]) && !(colref && i == n - 1 && items[i]->node_case == PG_QUERY__NODE__NODE_A_STAR))
            return;
    size_t need = colref ? 3 : 2;
    if (n < need)
        return;
    PgQuery__String *s = string_of(items[n - need]);
    if (s && is_old(c, s->sval))
        put(c, &s->sval);
}

/* Fields whose String list is a qualified name ("Message.field"). */
static const char *const qualified_fields[] = {
    "A_Expr.name", "FuncCall.funcname", "TypeName.names", "CollateClause.collname", "IndexElem.collation",
    "IndexElem.opclass", "PartitionElem.collation", "PartitionElem.opclass", "ObjectWithArgs.objname",
    "DefineStmt.defnames", "CreateFunctionStmt.funcname", "CreateDomainStmt.domainname",
    "CreateTrigStmt.funcname", "CreateEventTrigStmt.funcname", "CreateConversionStmt.conversion_name",
    "CreateConversionStmt.func_name", "CreateOpClassStmt.opclassname", "CreateOpClassStmt.opfamilyname",
    "CreateOpFamilyStmt.opfamilyname", "AlterOpFamilyStmt.opfamilyname", "CreateOpClassItem.order_family",
    "AlterTypeStmt.type_name", "CreateEnumStmt.type_name", "CreateRangeStmt.type_name",
    "AlterEnumStmt.type_name", "AlterDomainStmt.type_name", "AlterTSDictionaryStmt.dictname",
    "AlterTSConfigurationStmt.cfgname", "CreateStatsStmt.defnames", "AlterStatsStmt.defnames",
    "AlterCollationStmt.collname", "CreateAmStmt.handler_name", "CreatePLangStmt.plhandler",
    "CreatePLangStmt.plinline", "CreatePLangStmt.plvalidator", "IndexStmt.exclude_op_names",
    "SortBy.use_op", "SubLink.oper_name", "RangeTableSample.method",
    /* lists of qualified names, or one in a Node */
    "DropStmt.objects", "GrantStmt.objects", "AlterTSConfigurationStmt.dicts", "CommentStmt.object",
    "AlterOwnerStmt.object", "RenameStmt.object", "AlterObjectSchemaStmt.object",
    "AlterObjectDependsStmt.object", "SecLabelStmt.object", "Constraint.exclusions",
    NULL};

static bool field_is(const ProtobufCMessageDescriptor *d, const char *field, const char *const *list)
{
    size_t dl = strlen(d->short_name);
    for (int i = 0; list[i]; i++)
        if (!strncmp(list[i], d->short_name, dl) && list[i][dl] == '.' && !strcmp(list[i] + dl + 1, field))
            return true;
    return false;
}

/* Statements whose DefElem arguments name functions and operators. */
static bool defelem_names(const ProtobufCMessageDescriptor *top)
{
    return top == &pg_query__define_stmt__descriptor || top == &pg_query__create_fdw_stmt__descriptor ||
           top == &pg_query__alter_fdw_stmt__descriptor || top == &pg_query__alter_operator_stmt__descriptor ||
           top == &pg_query__alter_type_stmt__descriptor;
}

/* A literal "schema.rest" (the schema possibly quoted) naming the old schema. */
static void literal(Ren *c, PgQuery__String *s, bool whole)
{
    if (!s || !s->sval)
        return;
    const char *v = s->sval;
    if (whole) {
        if (is_old(c, v) || (v[0] == '"' && strlen(v) == strlen(c->old) + 2 && !strncmp(v + 1, c->old, strlen(c->old))))
            put(c, &s->sval);
        return;
    }
    StrBuf part;
    sb_init(&part);
    const char *p = v;
    if (*p == '"') {
        for (p++; *p; p++) {
            if (*p == '"' && p[1] == '"')
                sb_putc(&part, '"'), p++;
            else if (*p == '"')
                break;
            else
                sb_putc(&part, *p);
        }
        if (*p == '"')
            p++;
    } else {
        while (*p && *p != '.')
            sb_putc(&part, (char)tolower((unsigned char)*p++));
    }
    if (*p == '.' && part.data && !strcmp(part.data, c->old)) {
        StrBuf out;
        sb_init(&out);
        sb_puts(&out, quote_identifier(c->new_));
        sb_puts(&out, p);
        free(s->sval);
        s->sval = strdup(out.data);
        if (!s->sval)
            abort();
        c->changes++;
        sb_free(&out);
    }
    sb_free(&part);
}

static PgQuery__String *const_string(PgQuery__Node *n)
{
    if (n && n->node_case == PG_QUERY__NODE__NODE_A_CONST && n->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL)
        return n->a_const->sval;
    return NULL;
}

static const char *last_name(PgQuery__Node **items, size_t n)
{
    PgQuery__String *s = n ? string_of(items[n - 1]) : NULL;
    return s ? s->sval : NULL;
}

static int objtype_of(const ProtobufCMessage *m)
{
    const ProtobufCMessageDescriptor *d = m->descriptor;
    if (d == &pg_query__drop_stmt__descriptor)
        return ((const PgQuery__DropStmt *)m)->remove_type;
    if (d == &pg_query__comment_stmt__descriptor)
        return ((const PgQuery__CommentStmt *)m)->objtype;
    if (d == &pg_query__alter_owner_stmt__descriptor)
        return ((const PgQuery__AlterOwnerStmt *)m)->object_type;
    if (d == &pg_query__sec_label_stmt__descriptor)
        return ((const PgQuery__SecLabelStmt *)m)->objtype;
    if (d == &pg_query__grant_stmt__descriptor) {
        const PgQuery__GrantStmt *g = (const PgQuery__GrantStmt *)m;
        return g->targtype == PG_QUERY__GRANT_TARGET_TYPE__ACL_TARGET_ALL_IN_SCHEMA ? PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA
                                                                                    : (int)g->objtype;
    }
    return -1;
}

/* What a message itself spells: its own string fields, and the lists,
 * literals and schema names its kind holds.  `cm` is the message the
 * nearest Node / List wrappers belong to, `cf` its field; `in_list`
 * whether a List came between.  Returns false when its fields are done. */
static bool visit(Ren *c, ProtobufCMessage *m, ProtobufCMessage *cm, const char *cf, bool in_list)
{
    const ProtobufCMessageDescriptor *d = m->descriptor;
    if (d == &pg_query__range_var__descriptor) {
        PgQuery__RangeVar *rv = (PgQuery__RangeVar *)m;
        if (is_old(c, rv->schemaname))
            put(c, &rv->schemaname);
    } else if (d == &pg_query__create_schema_stmt__descriptor) {
        PgQuery__CreateSchemaStmt *s = (PgQuery__CreateSchemaStmt *)m;
        if (is_old(c, s->schemaname) ||
            ((!s->schemaname || !*s->schemaname) && s->authrole && is_old(c, s->authrole->rolename)))
            put(c, &s->schemaname);
    } else if (d == &pg_query__alter_object_schema_stmt__descriptor) {
        PgQuery__AlterObjectSchemaStmt *s = (PgQuery__AlterObjectSchemaStmt *)m;
        if (is_old(c, s->newschema))
            put(c, &s->newschema);
    } else if (d == &pg_query__rename_stmt__descriptor) {
        PgQuery__RenameStmt *s = (PgQuery__RenameStmt *)m;
        if (s->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA) {
            if (is_old(c, s->subname))
                put(c, &s->subname);
            if (is_old(c, s->newname))
                put(c, &s->newname);
        }
    } else if (d == &pg_query__publication_obj_spec__descriptor) {
        PgQuery__PublicationObjSpec *s = (PgQuery__PublicationObjSpec *)m;
        if (s->pubobjtype == PG_QUERY__PUBLICATION_OBJ_SPEC_TYPE__PUBLICATIONOBJ_TABLES_IN_SCHEMA &&
            is_old(c, s->name))
            put(c, &s->name);
    } else if (d == &pg_query__variable_set_stmt__descriptor) {
        PgQuery__VariableSetStmt *s = (PgQuery__VariableSetStmt *)m;
        if (c->top == d && s->name && !strcmp(s->name, "search_path"))
            for (size_t i = 0; i < s->n_args; i++) {
                PgQuery__String *v = const_string(s->args[i]);
                if (v && is_old(c, v->sval))
                    put(c, &v->sval);
            }
        return false;
    } else if (d == &pg_query__def_elem__descriptor) {
        PgQuery__DefElem *e = (PgQuery__DefElem *)m;
        if (e->defname && (!strcmp(e->defname, "schema") || !strcmp(e->defname, "schemas")) &&
            (c->top == &pg_query__create_extension_stmt__descriptor ||
             c->top == &pg_query__alter_default_privileges_stmt__descriptor)) {
            PgQuery__String *s = string_of(e->arg);
            if (s && is_old(c, s->sval))
                put(c, &s->sval);
            if (e->arg && e->arg->node_case == PG_QUERY__NODE__NODE_LIST)
                for (size_t i = 0; i < e->arg->list->n_items; i++)
                    if ((s = string_of(e->arg->list->items[i])) && is_old(c, s->sval))
                        put(c, &s->sval);
            return false;
        }
    } else if (d == &pg_query__type_cast__descriptor) {
        PgQuery__TypeCast *t = (PgQuery__TypeCast *)m;
        const char *ty = t->type_name ? last_name(t->type_name->names, t->type_name->n_names) : NULL;
        static const char *const regs[] = {"regclass", "regtype", "regproc", "regprocedure", "regoper",
                                           "regoperator", "regconfig", "regdictionary", "regcollation", NULL};
        for (int i = 0; ty && regs[i]; i++)
            if (!strcmp(ty, regs[i]))
                literal(c, const_string(t->arg), false);
        if (ty && !strcmp(ty, "regnamespace"))
            literal(c, const_string(t->arg), true);
    } else if (d == &pg_query__func_call__descriptor) {
        PgQuery__FuncCall *f = (PgQuery__FuncCall *)m;
        const char *fn = last_name(f->funcname, f->n_funcname);
        if (fn && f->n_args >= 1 && (!strcmp(fn, "nextval") || !strcmp(fn, "currval") || !strcmp(fn, "setval")))
            literal(c, const_string(f->args[0]), false);
    } else if (d == &pg_query__column_ref__descriptor) {
        PgQuery__ColumnRef *r = (PgQuery__ColumnRef *)m;
        name_list(c, r->fields, r->n_fields, true);
    } else if (d == &pg_query__list__descriptor) {
        PgQuery__List *l = (PgQuery__List *)m;
        if (cm && (field_is(cm->descriptor, cf, qualified_fields) ||
                   (cm->descriptor == &pg_query__def_elem__descriptor && defelem_names(c->top))))
            name_list(c, l->items, l->n_items, under_table(objtype_of(cm)));
    } else if (d == &pg_query__string__descriptor) {
        /* a schema's own name, where the statement is about schemas */
        PgQuery__String *s = (PgQuery__String *)m;
        if (!in_list && cm && objtype_of(cm) == PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA && is_old(c, s->sval))
            put(c, &s->sval);
    }
    /* a String list held directly in a field of this message */
    if (d != &pg_query__node__descriptor && d != &pg_query__list__descriptor)
        for (unsigned i = 0; i < d->n_fields; i++) {
            const ProtobufCFieldDescriptor *f = &d->fields[i];
            if (f->label == PROTOBUF_C_LABEL_REPEATED && f->type == PROTOBUF_C_TYPE_MESSAGE &&
                f->descriptor == &pg_query__node__descriptor && field_is(d, f->name, qualified_fields))
                name_list(c, *(PgQuery__Node ***)((char *)m + f->offset),
                          *(size_t *)((char *)m + f->quantifier_offset), false);
        }
    return true;
}

static void walk(Ren *c, ProtobufCMessage *m, ProtobufCMessage *cm, const char *cf, bool in_list)
{
    if (!m || !visit(c, m, cm, cf, in_list))
        return;
    const ProtobufCMessageDescriptor *d = m->descriptor;
    bool wrapper = d == &pg_query__node__descriptor || d == &pg_query__list__descriptor;
    for (unsigned i = 0; i < d->n_fields; i++) {
        const ProtobufCFieldDescriptor *f = &d->fields[i];
        if (f->type != PROTOBUF_C_TYPE_MESSAGE)
            continue;
        if ((f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) &&
            *(const uint32_t *)((const char *)m + f->quantifier_offset) != f->id)
            continue;
        ProtobufCMessage *ncm = wrapper ? cm : m;
        const char *ncf = wrapper ? cf : f->name;
        bool nlist = d == &pg_query__list__descriptor ? true : (d == &pg_query__node__descriptor ? in_list : false);
        int before = c->changes;
        void *member = (char *)m + f->offset;
        if (f->label == PROTOBUF_C_LABEL_REPEATED) {
            size_t n = *(const size_t *)((const char *)m + f->quantifier_offset);
            ProtobufCMessage **arr = *(ProtobufCMessage ***)member;
            for (size_t k = 0; k < n; k++)
                walk(c, arr[k], ncm, ncf, nlist);
        } else {
            walk(c, *(ProtobufCMessage **)member, ncm, ncf, nlist);
        }
        if (d == &pg_query__create_function_stmt__descriptor && !strcmp(f->name, "sql_body") && c->changes != before)
            c->body_changed = true;
    }
}

/* Quick test: the statement's text mentions the name at all. */
static bool mentions(const char *text, int off, int len, const char *name)
{
    size_t n = strlen(name);
    const char *end = len > 0 ? text + off + len : text + strlen(text);
    for (const char *p = text + off; p + n <= end; p++)
        if (!strncasecmp(p, name, n))
            return true;
    return false;
}

/* rs with `c`'s schema renamed (rs itself when nothing changes). */
static RawStmt *rewrite(Ren *c, RawStmt *rs)
{
    void *ctx = pgctx_current();
    List *one = list_make1(rs);
    PgQueryProtobuf pb = pg_query_nodes_to_protobuf(one);
    pgctx_restore(ctx);
    PgQuery__ParseResult *pr = pg_query__parse_result__unpack(NULL, pb.len, (const uint8_t *)pb.data);
    free(pb.data);
    if (!pr)
        return rs;
    for (size_t i = 0; i < pr->n_stmts; i++)
        if (pr->stmts[i]->stmt) {
            PgQuery__Node *n = pr->stmts[i]->stmt;
            const ProtobufCMessageDescriptor *top = NULL;
            for (unsigned k = 0; k < n->base.descriptor->n_fields; k++)
                if (n->base.descriptor->fields[k].id == (uint32_t)n->node_case)
                    top = n->base.descriptor->fields[k].descriptor;
            c->top = top;
            walk(c, &n->base, NULL, NULL, false);
        }
    RawStmt *out = rs;
    if (c->changes) {
        PgQueryProtobuf again;
        again.len = pg_query__parse_result__get_packed_size(pr);
        again.data = malloc(again.len ? again.len : 1);
        if (!again.data)
            abort();
        pg_query__parse_result__pack(pr, (uint8_t *)again.data);
        List *l = pg_query_protobuf_to_nodes(again);
        pgctx_restore(ctx);
        free(again.data);
        if (list_length(l) == 1)
            out = linitial(l);
    }
    pg_query__parse_result__free_unpacked(pr, NULL);
    return out;
}

static bool before(int t1, int o1, int t2, int o2)
{
    return t1 < t2 || (t1 == t2 && o1 < o2);
}

RawStmt *schemaren_statement(DdlReader *r, RawStmt *rs, bool top, bool *skip)
{
    *skip = false;
    DdlHistory *h = r->m->history;
    if (!h || !h->renames.n || r->text_no <= 0)
        return rs;
    int end = r->top_len > 0 ? r->top_loc + r->top_len : INT_MAX;
    RawStmt *orig = rs;
    for (int i = 0; i < h->renames.n; i++) {
        SchemaRen *s = h->renames.items[i];
        if (top && r->text_no == s->at_text && r->stmt_no == s->at_stmt) {
            *skip = true;
            return rs;
        }
        /* from the schema's creation (the statement that holds it) to its rename */
        if (before(r->text_no, end - 1, s->from_text, s->from_off) ||
            !before(r->text_no, r->stmt_no, s->at_text, s->at_stmt))
            continue;
        int off = top ? rs->stmt_location : 0;
        int len = top ? rs->stmt_len : 0;
        /* the text says nothing of a tree an earlier rename changed */
        const char *text = top && rs == orig ? r->text : NULL;
        if (text && !mentions(text, off, len, s->old))
            continue;
        Ren c = {s->old, s->new_, NULL, 0, false};
        rs = rewrite(&c, rs);
        if (c.body_changed) {
            SrcLoc at = {r->file, r->text, s->at_off};
            int line = 0, col;
            diag_line_col(at, &line, &col);
            ddl_error(r, ddl_stmt_start(r, top ? rs->stmt_location : r->top_loc),
                      "the SQL-standard body of this function names schema \"%s\", which %s%.0d renames; "
                      "a body that follows a schema rename is not supported yet: name the schema as it will be called",
                      s->old, s->at_text == r->text_no ? "line " : "another file", s->at_text == r->text_no ? line : 0);
        }
    }
    return rs;
}
