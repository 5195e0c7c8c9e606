/*
 * objects.c — objects defined by one statement: views and materialized
 * views, functions and procedures, triggers and event triggers, policies,
 * domains and composite types (struct Definition).
 *
 * Each is kept as its statement's parse tree, names resolved (what the
 * emitter prints), plus a normalised copy built after all files, compared
 * with PostgreSQL's equal().  Normalisation makes a file's spelling and the
 * server's deparsed spelling (pg_get_viewdef, pg_get_functiondef,
 * pg_get_triggerdef) meet:
 *
 *  - views: relations schema-qualified; `*` expanded to the columns the
 *    model knows; column references qualified by their relation when the
 *    query reads several, unqualified when it reads one; every output
 *    column named (as PostgreSQL names it); expressions through norm_expr;
 *  - functions: a canonical text of kind, argument modes/names/types and
 *    defaults, result type, options without their defaults (VOLATILE,
 *    COST 100, ...), and the body exactly as written;
 *  - triggers and policies: relation and function qualified, WHEN / USING /
 *    WITH CHECK through norm_expr, roles sorted;
 *  - domains and composite types: canonical text of their parts.
 *
 * Dependencies come from walking the trees: relations, columns, functions
 * and types a view reads; the relations and functions a SQL function body
 * names (its body is parsed); a trigger's table and function; types of
 * arguments, attributes and domains.  A PL/pgSQL body is bound at run time:
 * what it names (parser/plpgsql.c) orders the plan but is no dependency.
 * The statements are read here; the normalisation after all files is
 * parser/objnorm.c's.
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static SrcLoc loc(DdlReader *r, int off)
{
    SrcLoc l = {r->file, r->text, off};
    return l;
}

static const char *relkey(Arena *a, const char *schema, const char *name)
{
    return arena_printf(a, "%s.%s", schema, name);
}

/* Add a Definition; CREATE OR REPLACE keeps the old one's comment, owner
 * and privileges, as PostgreSQL does. */
static Definition *add_def(DdlReader *r, ObjKind k, const char *schema, const char *table, const char *key_name,
                           int off, Node *raw, bool replace)
{
    Obj *old = model_lookup(r->m, k, schema, table, key_name);
    if (old && !replace) {
        ddl_error(r, off, "%s \"%s\" already exists", kind_info[k].name, key_name);
        return NULL;
    }
    if (old)
        model_remove(r->m, old);
    Definition *d = model_add(r->m, sizeof(Definition), k, schema, table, key_name, loc(r, off));
    if (!d)
        return NULL;
    if (old) {
        d->obj.comment = old->comment;
        d->obj.owner = old->owner;
        d->obj.acl = old->acl;
    }
    d->raw = raw;
    d->search_schema = r->nc.default_schema;
    d->enabled = 'O';
    return d;
}

/* ---- views ------------------------------------------------------------------ */

static bool relation_free(DdlReader *r, const char *schema, const char *name, ObjKind replacing, int off)
{
    Obj *other = ddl_relation(r, schema, name);
    if (other && other->kind != replacing) {
        ddl_error(r, off, "relation \"%s\" already exists", name);
        return false;
    }
    return true;
}

static void read_view(DdlReader *r, ViewStmt *st, int off)
{
    RangeVar *rv = st->view;
    const char *schema = rv->schemaname ? rv->schemaname : r->nc.default_schema;
    if (rv->relpersistence == 't') {
        ddl_error(r, off, "temporary views are not part of a schema");
        return;
    }
    if (!relation_free(r, schema, rv->relname, OBJ_VIEW, off))
        return;
    Obj *old = model_lookup(r->m, OBJ_VIEW, schema, NULL, rv->relname);
    if (old && ((Definition *)old)->materialized) {
        ddl_error(r, off, "\"%s\" is a materialized view", rv->relname);
        return;
    }
    rv->schemaname = pstrdup(schema);
    rv->location = -1;
    bool replace = st->replace;
    st->replace = false;
    Definition *d = add_def(r, OBJ_VIEW, schema, NULL, rv->relname, off, (Node *)st, replace);
    if (d)
        map_put(r->a, &r->m->relnames, relkey(r->a, schema, rv->relname), d);
}

static void read_matview(DdlReader *r, CreateTableAsStmt *st, int off)
{
    IntoClause *into = st->into;
    RangeVar *rv = into->rel;
    const char *schema = rv->schemaname ? rv->schemaname : r->nc.default_schema;
    if (ddl_relation(r, schema, rv->relname)) {
        if (!st->if_not_exists)
            ddl_error(r, off, "relation \"%s\" already exists", rv->relname);
        return;
    }
    if (into->tableSpaceName || into->accessMethod) {
        ddl_error(r, off, "TABLESPACE and USING of a materialized view are not supported yet");
        return;
    }
    rv->schemaname = pstrdup(schema);
    rv->location = -1;
    st->if_not_exists = false;
    Definition *d = add_def(r, OBJ_VIEW, schema, NULL, rv->relname, off, (Node *)st, false);
    if (!d)
        return;
    d->materialized = true;
    d->with_data = !into->skipData;
    map_put(r->a, &r->m->relnames, relkey(r->a, schema, rv->relname), d);
}

/* ---- functions ------------------------------------------------------------ */

static bool is_input(FunctionParameterMode m)
{
    return m == FUNC_PARAM_IN || m == FUNC_PARAM_INOUT || m == FUNC_PARAM_VARIADIC || m == FUNC_PARAM_DEFAULT;
}

static const char *signature_of(DdlReader *r, List *types_or_params, bool params)
{
    StrBuf sb;
    sb_init(&sb);
    sb_putc(&sb, '(');
    bool first = true;
    ListCell *lc;
    foreach (lc, types_or_params) {
        Node *n = lfirst(lc);
        TypeName *tn;
        if (params) {
            FunctionParameter *p = (FunctionParameter *)n;
            if (!is_input(p->mode))
                continue;
            tn = p->argType;
        } else {
            tn = (TypeName *)n;
        }
        if (!first)
            sb_puts(&sb, ", ");
        first = false;
        sb_puts(&sb, norm_type(&r->nc, (Node *)tn).sql);
    }
    sb_putc(&sb, ')');
    return sb_take(&sb, r->a);
}

/* The source text of a SQL-standard body: from BEGIN ATOMIC or RETURN
 * (whole words, after the arguments) to the statement's end. */
static const char *body_source(DdlReader *r, int off)
{
    const char *start = r->text + off;
    size_t len = r->stmt_len ? (size_t)r->stmt_len : strlen(start);
    const char *end = start + len;
    const char *paren = memchr(start, ')', len);
    for (const char *p = paren ? paren : start; p < end; p++) {
        bool word_start = p == start || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
        if (!word_start)
            continue;
        if ((!strncasecmp(p, "begin", 5) && isspace((unsigned char)p[5])) ||
            (!strncasecmp(p, "return", 6) && !(isalnum((unsigned char)p[6]) || p[6] == '_')))
            return arena_strndup(r->a, p, (size_t)(end - p));
    }
    return NULL;
}

/* PostgreSQL's own checks of a routine's body and language (functioncmds.c,
 * interpret_AS_clause and compute_function_attributes), made before
 * anything else reads the body: libpg_query's PL/pgSQL compiler asserts that
 * a body is there. NULL when the statement is well formed. */
const char *objects_function_body_error(Arena *a, const CreateFunctionStmt *st)
{
    const char *language = NULL;
    const DefElem *as = NULL;
    ListCell *lc;
    foreach (lc, st->options) {
        const DefElem *d = lfirst(lc);
        if (!strcmp(d->defname, "language") && d->arg && IsA(d->arg, String))
            language = strVal(d->arg);
        else if (!strcmp(d->defname, "as"))
            as = d;
    }
    if (st->sql_body && as)
        return "duplicate function body specified";
    if (!st->sql_body && !as)
        return "no function body specified";
    if (!language && !st->sql_body)
        return "no language specified";
    if (st->sql_body && language && strcmp(language, "sql"))
        return "inline SQL function body only valid for language SQL";
    if (as && language && strcmp(language, "c") && strcmp(language, "internal") &&
        (!as->arg || !IsA(as->arg, List) || list_length((const List *)as->arg) != 1))
        return arena_printf(a, "only one AS item needed for language \"%s\"", language);
    return NULL;
}

static void read_function(DdlReader *r, CreateFunctionStmt *st, int off)
{
    const char *body_error = objects_function_body_error(r->a, st);
    if (body_error) {
        ddl_error(r, off, "%s", body_error);
        return;
    }
    const char *schema, *name;
    ddl_qualified(r, st->funcname, &schema, &name);
    const char *sig = signature_of(r, st->parameters, true);
    const char *identity = arena_printf(r->a, "%s%s", name, sig);
    if (model_lookup(r->m, OBJ_AGGREGATE, schema, NULL, identity)) {
        ddl_error(r, off, "function \"%s\" already exists with same argument types", identity);
        return;
    }
    Obj *old = model_lookup(r->m, OBJ_FUNCTION, schema, NULL, identity);
    if (old && st->replace && ((Definition *)old)->result && st->is_procedure) {
        ddl_error(r, off, "cannot change routine kind of \"%s\"", name);
        return;
    }
    st->funcname = list_make2(makeString(pstrdup(schema)), makeString(pstrdup(name)));
    bool replace = st->replace;
    st->replace = false;
    Definition *d = add_def(r, OBJ_FUNCTION, schema, NULL, identity, off, (Node *)st, replace);
    if (!d)
        return;
    d->obj.name = arena_strdup(r->a, name);
    d->signature = sig;
    d->identity = identity;
    if (st->sql_body)
        d->sql_body = body_source(r, off);
    refs_check_function_body(r, (Node *)st, off);
}

Obj *objects_find_function(DdlReader *r, const Node *node)
{
    const ObjectWithArgs *owa = (const ObjectWithArgs *)node;
    const char *schema, *name;
    ddl_qualified(r, owa->objname, &schema, &name);
    if (!owa->args_unspecified) {
        /* an aggregate is a function to GRANT, COMMENT ON and ALTER FUNCTION */
        const char *id = arena_printf(r->a, "%s%s", name, signature_of(r, owa->objargs, false));
        Obj *o = model_lookup(r->m, OBJ_FUNCTION, schema, NULL, id);
        return o ? o : model_lookup(r->m, OBJ_AGGREGATE, schema, NULL, id);
    }
    Obj *found = NULL;
    for (int i = 0; i < r->m->objs.n; i++) {
        Obj *o = r->m->objs.items[i];
        if (o && (o->kind == OBJ_FUNCTION || o->kind == OBJ_AGGREGATE) && !strcmp(o->schema, schema) && !strcmp(o->name, name)) {
            if (found)
                return NULL; /* ambiguous without arguments */
            found = o;
        }
    }
    return found;
}

/* ---- triggers, event triggers, policies -------------------------------------- */

static void read_trigger(DdlReader *r, CreateTrigStmt *st, int off)
{
    RangeVar *rv = st->relation;
    const char *schema = rv->schemaname ? rv->schemaname : r->nc.default_schema;
    Obj *rel = ddl_relation(r, schema, rv->relname);
    if (!rel || (rel->kind != OBJ_TABLE && rel->kind != OBJ_VIEW)) {
        ddl_error(r, rv->location, "relation \"%s.%s\" does not exist", schema, rv->relname);
        return;
    }
    rv->schemaname = pstrdup(schema);
    rv->location = -1;
    bool replace = st->replace;
    st->replace = false;
    add_def(r, OBJ_TRIGGER, schema, rv->relname, st->trigname, off, (Node *)st, replace);
}

static void read_event_trigger(DdlReader *r, CreateEventTrigStmt *st, int off)
{
    add_def(r, OBJ_EVENT_TRIGGER, NULL, NULL, st->trigname, off, (Node *)st, false);
}

static void read_alter_event_trigger(DdlReader *r, AlterEventTrigStmt *st, int off)
{
    Definition *d = (Definition *)model_lookup(r->m, OBJ_EVENT_TRIGGER, NULL, NULL, st->trigname);
    if (!d) {
        ddl_error(r, off, "event trigger \"%s\" does not exist", st->trigname);
        return;
    }
    d->enabled = st->tgenabled;
}

static void read_policy(DdlReader *r, CreatePolicyStmt *st, int off)
{
    RangeVar *rv = st->table;
    const char *schema = rv->schemaname ? rv->schemaname : r->nc.default_schema;
    Obj *rel = ddl_relation(r, schema, rv->relname);
    if (!rel || rel->kind != OBJ_TABLE) {
        ddl_error(r, rv->location, "relation \"%s.%s\" does not exist", schema, rv->relname);
        return;
    }
    rv->schemaname = pstrdup(schema);
    rv->location = -1;
    add_def(r, OBJ_POLICY, schema, rv->relname, st->policy_name, off, (Node *)st, false);
}

static void read_alter_policy(DdlReader *r, AlterPolicyStmt *st, int off)
{
    RangeVar *rv = st->table;
    const char *schema = rv->schemaname ? rv->schemaname : r->nc.default_schema;
    Definition *d = (Definition *)model_lookup(r->m, OBJ_POLICY, schema, rv->relname, st->policy_name);
    if (!d) {
        ddl_error(r, off, "policy \"%s\" for table \"%s\" does not exist", st->policy_name, rv->relname);
        return;
    }
    CreatePolicyStmt *p = (CreatePolicyStmt *)d->raw;
    if (st->roles)
        p->roles = st->roles;
    if (st->qual)
        p->qual = st->qual;
    if (st->with_check)
        p->with_check = st->with_check;
}

/* ---- domains and composite types -------------------------------------------- */

static bool type_name_free(DdlReader *r, const char *schema, const char *name, int off)
{
    if (objects_find_type(r->m, schema, name)) {
        ddl_error(r, off, "type \"%s\" already exists", name);
        return false;
    }
    return true;
}

/* Name unnamed CHECKs of a domain as PostgreSQL does: d_check, d_check1... */
static void name_domain_check(DdlReader *r, const char *domain, List *cons, Constraint *c)
{
    if (c->conname)
        return;
    for (int n = 0;; n++) {
        const char *label = n ? arena_printf(r->a, "check%d", n) : "check";
        const char *cand = norm_object_name(r->a, domain, NULL, label);
        bool taken = false;
        ListCell *lc;
        foreach (lc, cons) {
            Constraint *o = lfirst(lc);
            taken = taken || (o->conname && !strcmp(o->conname, cand));
        }
        if (!taken) {
            c->conname = pstrdup(cand);
            return;
        }
    }
}

static void read_domain(DdlReader *r, CreateDomainStmt *st, int off)
{
    const char *schema, *name;
    ddl_qualified(r, st->domainname, &schema, &name);
    if (!type_name_free(r, schema, name, off))
        return;
    st->domainname = list_make2(makeString(pstrdup(schema)), makeString(pstrdup(name)));
    ListCell *lc;
    foreach (lc, st->constraints) {
        Constraint *c = lfirst(lc);
        if (c->contype == CONSTR_CHECK)
            name_domain_check(r, name, st->constraints, c);
        else if (c->contype != CONSTR_NOTNULL && c->contype != CONSTR_NULL && c->contype != CONSTR_DEFAULT)
            ddl_error(r, off, "this domain constraint is not supported");
    }
    add_def(r, OBJ_DOMAIN, schema, NULL, name, off, (Node *)st, false);
}

static void read_alter_domain(DdlReader *r, AlterDomainStmt *st, int off)
{
    const char *schema, *name;
    ddl_qualified(r, st->typeName, &schema, &name);
    Definition *d = (Definition *)model_lookup(r->m, OBJ_DOMAIN, schema, NULL, name);
    if (!d) {
        ddl_error(r, off, "type \"%s\" does not exist", name);
        return;
    }
    CreateDomainStmt *cd = (CreateDomainStmt *)d->raw;
    List *keep = NIL;
    ListCell *lc;
    switch (st->subtype) {
    case 'T': /* SET / DROP DEFAULT */
    case 'N': /* DROP NOT NULL */
    case 'O': /* SET NOT NULL */
        foreach (lc, cd->constraints) {
            Constraint *c = lfirst(lc);
            bool drop = st->subtype == 'T' ? c->contype == CONSTR_DEFAULT
                                           : c->contype == CONSTR_NOTNULL || c->contype == CONSTR_NULL;
            if (!drop)
                keep = lappend(keep, c);
        }
        if (st->subtype == 'T' && st->def) {
            Constraint *c = makeNode(Constraint);
            c->contype = CONSTR_DEFAULT;
            c->raw_expr = st->def;
            c->location = -1;
            keep = lappend(keep, c);
        } else if (st->subtype == 'O') {
            Constraint *c = makeNode(Constraint);
            c->contype = CONSTR_NOTNULL;
            c->location = -1;
            keep = lappend(keep, c);
        }
        cd->constraints = keep;
        return;
    case 'C': { /* ADD CONSTRAINT */
        Constraint *c = (Constraint *)st->def;
        if (c->contype != CONSTR_CHECK) {
            ddl_error(r, off, "this domain constraint is not supported");
            return;
        }
        name_domain_check(r, name, cd->constraints, c);
        c->skip_validation = false;
        c->initially_valid = true;
        cd->constraints = lappend(cd->constraints, c);
        return;
    }
    case 'X': /* DROP CONSTRAINT */
        foreach (lc, cd->constraints) {
            Constraint *c = lfirst(lc);
            if (!(c->conname && !strcmp(c->conname, st->name)))
                keep = lappend(keep, c);
        }
        if (list_length(keep) == list_length(cd->constraints) && !st->missing_ok)
            ddl_error(r, off, "constraint \"%s\" of domain \"%s\" does not exist", st->name, name);
        cd->constraints = keep;
        return;
    case 'V': /* VALIDATE CONSTRAINT */
        return;
    default:
        ddl_error(r, off, "this ALTER DOMAIN is not supported yet");
        return;
    }
}

static void read_composite(DdlReader *r, CompositeTypeStmt *st, int off)
{
    RangeVar *rv = st->typevar;
    const char *schema = rv->schemaname ? rv->schemaname : r->nc.default_schema;
    if (!type_name_free(r, schema, rv->relname, off) || !relation_free(r, schema, rv->relname, OBJ_KIND_COUNT, off))
        return;
    rv->schemaname = pstrdup(schema);
    rv->location = -1;
    add_def(r, OBJ_COMPOSITE, schema, NULL, rv->relname, off, (Node *)st, false);
}

Obj *objects_find_type(const Model *m, const char *schema, const char *name)
{
    static const ObjKind kinds[] = {OBJ_ENUM, OBJ_DOMAIN, OBJ_COMPOSITE};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        Obj *o = model_lookup(m, kinds[i], schema, NULL, name);
        if (o)
            return o;
    }
    return model_find_range(m, schema, name);
}

bool objects_column_comment(DdlReader *r, const char *schema, const char *rel, const char *column,
                            const char *comment)
{
    Definition *d = (Definition *)model_lookup(r->m, OBJ_VIEW, schema, NULL, rel);
    if (!d)
        d = (Definition *)model_lookup(r->m, OBJ_COMPOSITE, schema, NULL, rel);
    if (!d && column[0] == '\001')
        d = (Definition *)model_lookup(r->m, OBJ_DOMAIN, schema, NULL, rel);
    if (!d)
        return false;
    PtrVec *v = &d->colcomments;
    int k = 0;
    for (int i = 0; i < v->n; i += 2)
        if (strcmp(v->items[i], column)) {
            v->items[k++] = v->items[i];
            v->items[k++] = v->items[i + 1];
        }
    v->n = k;
    if (comment) {
        /* kept sorted by column name, so that equal sets compare equal */
        vec_push(r->a, v, NULL);
        vec_push(r->a, v, NULL);
        int at = v->n - 2;
        while (at >= 2 && strcmp(v->items[at - 2], column) > 0) {
            v->items[at] = v->items[at - 2];
            v->items[at + 1] = v->items[at - 1];
            at -= 2;
        }
        v->items[at] = arena_strdup(r->a, column);
        v->items[at + 1] = arena_strdup(r->a, comment);
    }
    return true;
}

/* ---- collations ------------------------------------------------------------- */

static void read_collation(DdlReader *r, DefineStmt *st, int off)
{
    const char *schema, *name;
    ddl_qualified(r, st->defnames, &schema, &name);
    if (model_lookup(r->m, OBJ_COLLATION, schema, NULL, name)) {
        if (!st->if_not_exists)
            ddl_error(r, off, "collation \"%s\" already exists", name);
        return;
    }
    st->defnames = list_make2(makeString(pstrdup(schema)), makeString(pstrdup(name)));
    st->if_not_exists = false;
    add_def(r, OBJ_COLLATION, schema, NULL, name, off, (Node *)st, false);
}

void objects_dep_on_collation(Model *m, Obj *o, const char *quoted)
{
    Obj *c = map_get(&m->collations, quoted);
    if (c)
        obj_add_dep(m->arena, o, c);
}

/* ---- dispatch ------------------------------------------------------------- */

bool objects_read_stmt(DdlReader *r, Node *n, int off)
{
    if (defkinds_read_stmt(r, n, off) || textsearch_read_stmt(r, n, off) || publication_read_stmt(r, n, off))
        return true;
    switch (nodeTag(n)) {
    case T_ViewStmt: read_view(r, (ViewStmt *)n, off); return true;
    case T_CreateTableAsStmt:
        if (((CreateTableAsStmt *)n)->objtype != OBJECT_MATVIEW)
            return false;
        read_matview(r, (CreateTableAsStmt *)n, off);
        return true;
    case T_CreateFunctionStmt: read_function(r, (CreateFunctionStmt *)n, off); return true;
    case T_CreateTrigStmt: read_trigger(r, (CreateTrigStmt *)n, off); return true;
    case T_CreateEventTrigStmt: read_event_trigger(r, (CreateEventTrigStmt *)n, off); return true;
    case T_AlterEventTrigStmt: read_alter_event_trigger(r, (AlterEventTrigStmt *)n, off); return true;
    case T_CreatePolicyStmt: read_policy(r, (CreatePolicyStmt *)n, off); return true;
    case T_AlterPolicyStmt: read_alter_policy(r, (AlterPolicyStmt *)n, off); return true;
    case T_CreateDomainStmt: read_domain(r, (CreateDomainStmt *)n, off); return true;
    case T_AlterDomainStmt: read_alter_domain(r, (AlterDomainStmt *)n, off); return true;
    case T_CompositeTypeStmt: read_composite(r, (CompositeTypeStmt *)n, off); return true;
    case T_RuleStmt: rule_read(r, (RuleStmt *)n, off); return true;
    case T_CreateOpFamilyStmt: opfamily_read(r, (CreateOpFamilyStmt *)n, off); return true;
    case T_AlterOpFamilyStmt: opfamily_alter(r, (AlterOpFamilyStmt *)n, off); return true;
    case T_CreateOpClassStmt: opclass_read(r, (CreateOpClassStmt *)n, off); return true;
    case T_AlterOperatorStmt: operator_alter(r, (AlterOperatorStmt *)n, off); return true;
    case T_DefineStmt:
        if (((DefineStmt *)n)->kind == OBJECT_OPERATOR) {
            operator_read(r, (DefineStmt *)n, off);
            return true;
        }
        if (((DefineStmt *)n)->kind == OBJECT_AGGREGATE) {
            aggregate_read(r, (DefineStmt *)n, off);
            return true;
        }
        if (((DefineStmt *)n)->kind != OBJECT_COLLATION)
            return false;
        read_collation(r, (DefineStmt *)n, off);
        return true;
    default:
        return false;
    }
}

static Obj *type_target(DdlReader *r, Node *object)
{
    TypeRef t = norm_type(&r->nc, object);
    return t.schema ? objects_find_type(r->m, t.schema, t.name) : NULL;
}

Obj *objects_find(DdlReader *r, int objtype, Node *object, bool *handled)
{
    *handled = true;
    List *names = object && IsA(object, List) ? (List *)object : NIL;
    int n = list_length(names);
    const char *schema, *name;
    switch ((ObjectType)objtype) {
    case OBJECT_VIEW:
    case OBJECT_MATVIEW:
        ddl_qualified(r, names, &schema, &name);
        return model_lookup(r->m, OBJ_VIEW, schema, NULL, name);
    case OBJECT_FUNCTION:
    case OBJECT_PROCEDURE:
    case OBJECT_ROUTINE:
        return objects_find_function(r, object);
    case OBJECT_AGGREGATE:
        return aggregate_find(r, object);
    case OBJECT_OPERATOR:
        return operator_find(r, object);
    case OBJECT_OPCLASS:
    case OBJECT_OPFAMILY:
        return opclass_find(r, objtype == OBJECT_OPFAMILY, object);
    case OBJECT_TRIGGER:
    case OBJECT_POLICY:
    case OBJECT_RULE: {
        if (n < 2)
            return NULL;
        const char *table = strVal(list_nth(names, n - 2));
        schema = n >= 3 ? strVal(list_nth(names, n - 3)) : r->nc.default_schema;
        return model_lookup(r->m, objtype == OBJECT_TRIGGER ? OBJ_TRIGGER : objtype == OBJECT_RULE ? OBJ_RULE : OBJ_POLICY, schema, table,
                            strVal(llast(names)));
    }
    case OBJECT_EVENT_TRIGGER:
        return model_lookup(r->m, OBJ_EVENT_TRIGGER, NULL, NULL, strVal(object));
    case OBJECT_COLLATION:
        ddl_qualified(r, names, &schema, &name);
        return model_lookup(r->m, OBJ_COLLATION, schema, NULL, name);
    case OBJECT_DOMAIN:
    case OBJECT_TYPE:
        return type_target(r, object);
    case OBJECT_PUBLICATION:
        return publication_find(r, objtype, object, handled);
    case OBJECT_FDW:
    case OBJECT_FOREIGN_SERVER:
        return foreign_find(r, objtype, object, handled);
    default: {
        Obj *o = defkinds_find(r, objtype, object, handled);
        return *handled ? o : textsearch_find(r, objtype, object, handled);
    }
    }
}
