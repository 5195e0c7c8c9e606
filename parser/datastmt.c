/*
 * datastmt.c — data statements between the DDL of a schema file or a
 * concatenated migration history.
 *
 * A migration history holds data migration next to its DDL: seed rows
 * (INSERT, COPY ... FROM stdin), backfills (UPDATE, DELETE, MERGE), sequence
 * positions (SELECT setval(...)), calls of functions (SELECT f(), CALL p()),
 * maintenance (TRUNCATE, VACUUM, ANALYZE, REFRESH MATERIALIZED VIEW) and
 * session chatter (LOCK, NOTIFY, LISTEN, CHECKPOINT, DISCARD).  The file
 * reader models schemas, not rows, so such a statement is left out — but only
 * when it cannot change the schema.  Whether it can is decided against the
 * model as read so far, the way the server would run it:
 *
 *  - every function it calls (FuncCall, CALL, an operator's or a cast's
 *    function, an aggregate's support functions) must be one of
 *    PostgreSQL's own (parser/builtin_funcs.c, bar the few that run SQL
 *    given as text) or one the files define whose body is LANGUAGE sql or
 *    plpgsql, runs no utility statement (no DDL), no SQL built at run time
 *    (EXECUTE) and calls only such functions itself; a name neither
 *    defines may be an extension's (AddGeometryColumn, create_hypertable,
 *    dblink_exec change schemas);
 *  - a view it reads contributes its query, a table its policies;
 *  - a table it writes contributes what the server runs on that write: its
 *    triggers for that event (function and WHEN), its rules (their actions,
 *    as statements), defaults, generated columns, CHECK constraints, index
 *    expressions and predicates, the CHECKs of domain-typed columns, and
 *    the same for its partitions and children and for the tables an ON
 *    DELETE / ON UPDATE action (or TRUNCATE ... CASCADE) reaches.
 *
 * Such a statement is skipped; each file gets ONE located warning that
 * counts what was skipped (by kind) and points at the first.  Anything
 * else is a located error that says why it may change the schema and that
 * --load-via-db runs it in a scratch database.
 *
 * Speed: a seed file of 100,000 INSERTs must read as fast as before.  The
 * verdicts (per function, per relation and event) are cached until the
 * next statement that is not a data statement (DdlReader.stmt_seq); the
 * lookups by table and by function name grow by the objects added since
 * (a history alternating CREATE TABLE and INSERT stays linear) and are
 * built anew only after a statement that may change objects in place
 * (ALTER, RENAME, DROP, ...: datastmt_note()).
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* trigger event bits (catalog/pg_trigger.h) */
enum { EV_INSERT = 1 << 2, EV_DELETE = 1 << 3, EV_UPDATE = 1 << 4, EV_TRUNCATE = 1 << 5 };

enum { N_KINDS = 16, MAX_DEPTH = 32 };

typedef struct DataStmts {
    /* per file: what was skipped */
    int skipped, first_off;
    const char *kinds[N_KINDS];
    int counts[N_KINDS];
    /* the cache, valid while only data statements follow each other */
    long seq;            /* r->stmt_seq at the last data statement */
    bool built;
    bool full;           /* a statement since may have changed objects in place */
    int built_n;         /* objects of the model the lookups have seen */
    StrMap by_table;     /* "schema.table" -> PtrVec * of triggers, rules, policies */
    StrMap funcs;        /* "schema.name" -> PtrVec * of functions, procedures, aggregates */
    StrMap func_any;     /* "name" -> PtrVec *: the same by bare name */
    StrMap ops;          /* operator name -> PtrVec * of operators */
    StrMap children;     /* "schema.table" -> PtrVec * of child tables */
    StrMap referencing;  /* "schema.table" -> PtrVec * of FOREIGN KEY constraints to it */
    StrMap indexes;      /* "schema.table" -> PtrVec * of indexes */
    PtrVec casts;        /* casts WITH FUNCTION */
    StrMap verdicts;     /* "f:%p" / "r:event:schema.table" / "v:%p" -> reason, or "" safe */
} DataStmts;

typedef struct Check {
    DdlReader *r;
    DataStmts *ds;
    const char *why;     /* the first reason found, NULL: safe so far */
    int at;              /* its file offset when it is in the statement, -1 */
    int depth;
    bool top;            /* walking the statement itself (locations are the file's) */
} Check;

static const char safe_mark[] = "";

static void check_node(Check *c, Node *n);
static void check_function_name(Check *c, List *funcname, int location);
static void check_target(Check *c, const char *schema, const char *name, int event, int location);

static void fail(Check *c, int location, const char *why)
{
    if (c->why)
        return;
    c->why = why;
    c->at = c->top && location >= 0 ? location : -1;
}

/* ---- the lookups -------------------------------------------------------------- */

static void push_at(Arena *a, StrMap *m, const char *key, void *o)
{
    PtrVec *v = map_get(m, key);
    if (!v) {
        v = arena_alloc(a, sizeof(PtrVec));
        map_put(a, m, key, v);
    }
    vec_push(a, v, o);
}

static const char *skey(Arena *a, const char *schema, const char *name)
{
    return arena_printf(a, "%s.%s", schema ? schema : "", name);
}

/* The lookups over the model's objects from built_n on (all of them after
 * a statement that may have changed objects in place: full); entries of
 * objects dropped or replaced since are skipped where they are read
 * (live()).  The verdicts always start afresh. */
static void build(DdlReader *r, DataStmts *ds)
{
    Arena *a = r->a;
    if (!ds->built || ds->full) {
        memset(&ds->by_table, 0, sizeof ds->by_table);
        memset(&ds->funcs, 0, sizeof ds->funcs);
        memset(&ds->func_any, 0, sizeof ds->func_any);
        memset(&ds->ops, 0, sizeof ds->ops);
        memset(&ds->children, 0, sizeof ds->children);
        memset(&ds->referencing, 0, sizeof ds->referencing);
        memset(&ds->indexes, 0, sizeof ds->indexes);
        ds->casts.n = 0;
        ds->built_n = 0;
    }
    memset(&ds->verdicts, 0, sizeof ds->verdicts);
    for (int i = ds->built_n; i < r->m->objs.n; i++) {
        Obj *o = r->m->objs.items[i];
        if (!o)
            continue;
        switch (o->kind) {
        case OBJ_TRIGGER:
        case OBJ_RULE:
        case OBJ_POLICY:
            push_at(a, &ds->by_table, skey(a, o->schema, o->table), o);
            break;
        case OBJ_FUNCTION:
        case OBJ_AGGREGATE:
            push_at(a, &ds->funcs, skey(a, o->schema, o->name), o);
            push_at(a, &ds->func_any, o->name, o);
            break;
        case OBJ_OPERATOR:
            push_at(a, &ds->ops, o->name, o);
            break;
        case OBJ_CAST:
            if (((Definition *)o)->raw && IsA(((Definition *)o)->raw, CreateCastStmt) &&
                ((CreateCastStmt *)((Definition *)o)->raw)->func)
                vec_push(a, &ds->casts, o);
            break;
        case OBJ_TABLE: {
            Table *t = (Table *)o;
            for (int k = 0; k + 1 < t->parents.n; k += 2)
                push_at(a, &ds->children, skey(a, t->parents.items[k], t->parents.items[k + 1]), t);
            if (t->part_of)
                push_at(a, &ds->children, skey(a, t->part_of_schema, t->part_of), t);
            break;
        }
        case OBJ_CONSTRAINT: {
            TableConstraint *k = (TableConstraint *)o;
            if (k->contype == CON_FOREIGN && k->fk_table)
                push_at(a, &ds->referencing, skey(a, k->fk_schema, k->fk_table), k);
            break;
        }
        case OBJ_INDEX:
            push_at(a, &ds->indexes, skey(a, o->schema, o->table), o);
            break;
        case OBJ_SCHEMA:
        case OBJ_EXTENSION:
        case OBJ_ENUM:
        case OBJ_SEQUENCE:
        case OBJ_FDW:
        case OBJ_SERVER:
        case OBJ_USER_MAPPING:
        case OBJ_COLUMN:
        case OBJ_SEQ_OWNER:
        case OBJ_DOMAIN:
        case OBJ_COMPOSITE:
        case OBJ_VIEW:
        case OBJ_EVENT_TRIGGER:
        case OBJ_DEFAULT_ACL:
        case OBJ_COLLATION:
        case OBJ_OPFAMILY:
        case OBJ_OPCLASS:
        case OBJ_RANGE:
        case OBJ_STATISTICS:
        case OBJ_TS_PARSER:
        case OBJ_TS_TEMPLATE:
        case OBJ_TS_DICT:
        case OBJ_TS_CONFIG:
        case OBJ_PUBLICATION:
        case OBJ_KIND_COUNT:
            break;
        }
    }
    ds->built_n = r->m->objs.n;
    ds->built = true;
    ds->full = false;
}

/* Whether an object of the lookups is still in the model as filed. */
static bool live(const Check *c, const void *o)
{
    return model_find(c->r->m, ((const Obj *)o)->key) == o;
}

/* Statements after which the lookups only need the objects added since. */
static bool additive(Node *n)
{
    switch (nodeTag(n)) {
    case T_CreateStmt:
    case T_IndexStmt:
    case T_CreateFunctionStmt:
    case T_CreateTrigStmt:
    case T_ViewStmt:
    case T_CreateTableAsStmt:
    case T_CommentStmt:
    case T_GrantStmt:
    case T_CreateSeqStmt:
    case T_CreateEnumStmt:
    case T_CreateDomainStmt:
    case T_CompositeTypeStmt:
    case T_CreateExtensionStmt:
    case T_CreatePolicyStmt:
    case T_VariableSetStmt:
    case T_TransactionStmt:
        return true;
    default:
        return false;
    }
}

void datastmt_note(DdlReader *r, Node *n)
{
    r->stmt_seq++;
    if (r->data && !additive(n) && !datastmt_kind(n))
        r->data->full = true;
}

/* A cached verdict: NULL unknown, safe_mark safe, else the reason. */
static const char *cached(Check *c, const char *key)
{
    return map_get(&c->ds->verdicts, key);
}

static void remember(Check *c, const char *key, const char *why)
{
    map_put(c->r->a, &c->ds->verdicts, key, (void *)(why ? why : safe_mark));
}

/* Run `fn` on a nested thing in a fresh Check (its own first reason,
 * locations not the statement's), caching its verdict under `key`. */
static const char *nested(Check *c, const char *key, void (*fn)(Check *, void *), void *arg)
{
    const char *v = cached(c, key);
    if (v)
        return *v ? v : NULL;
    if (c->depth >= MAX_DEPTH)
        return "it nests too deeply to follow";
    /* in progress: a cycle adds nothing the other members do not find */
    key = arena_strdup(c->r->a, key);
    remember(c, key, NULL);
    Check sub = {c->r, c->ds, NULL, -1, c->depth + 1, false};
    fn(&sub, arg);
    remember(c, key, sub.why);
    return sub.why;
}

/* ---- functions ---------------------------------------------------------------- */

/* PostgreSQL's own functions that run SQL given as text or create objects. */
static bool builtin_unsafe(const char *name)
{
    static const char *const names[] = {
        "query_to_xml", "query_to_xmlschema", "query_to_xml_and_xmlschema", "cursor_to_xml",
        "cursor_to_xmlschema", "table_to_xml", "table_to_xmlschema", "table_to_xml_and_xmlschema",
        "schema_to_xml", "schema_to_xmlschema", "schema_to_xml_and_xmlschema", "database_to_xml",
        "database_to_xmlschema", "database_to_xml_and_xmlschema", "ts_stat", "ts_rewrite",
        "pg_import_system_collations", "pg_extension_config_dump",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(name, names[i]))
            return true;
    return false;
}

static const char *language_of(const CreateFunctionStmt *st)
{
    ListCell *lc;
    foreach (lc, st->options) {
        DefElem *d = lfirst(lc);
        if (!strcmp(d->defname, "language") && d->arg && IsA(d->arg, String))
            return strVal(d->arg);
    }
    return st->sql_body ? "sql" : NULL;
}

static const char *body_of(const CreateFunctionStmt *st)
{
    ListCell *lc;
    foreach (lc, st->options) {
        DefElem *d = lfirst(lc);
        if (!strcmp(d->defname, "as") && d->arg && IsA(d->arg, List) && list_length((List *)d->arg) >= 1 &&
            IsA(linitial((List *)d->arg), String))
            return strVal(linitial((List *)d->arg));
    }
    return NULL;
}

static const char *utility_name(Node *n)
{
    switch (nodeTag(n)) {
    case T_CreateStmt: return "CREATE TABLE";
    case T_AlterTableStmt: return "ALTER TABLE";
    case T_DropStmt: return "DROP";
    case T_IndexStmt: return "CREATE INDEX";
    case T_ViewStmt: return "CREATE VIEW";
    case T_CreateFunctionStmt: return "CREATE FUNCTION";
    case T_CreateSchemaStmt: return "CREATE SCHEMA";
    case T_RenameStmt: return "ALTER ... RENAME";
    case T_CreateTableAsStmt: return "CREATE TABLE AS";
    case T_DoStmt: return "DO";
    default: return "a utility statement (DDL)";
    }
}

/* One statement of a function body or a rule's action. */
static void check_body_stmt(Check *c, Node *n)
{
    if (!n)
        return;
    switch (nodeTag(n)) {
    case T_SelectStmt:
    case T_InsertStmt:
    case T_UpdateStmt:
    case T_DeleteStmt:
    case T_MergeStmt:
        check_node(c, n);
        return;
    case T_ReturnStmt:
        check_node(c, ((ReturnStmt *)n)->returnval);
        return;
    case T_CallStmt:
        check_node(c, (Node *)((CallStmt *)n)->funccall);
        return;
    case T_List: {
        ListCell *lc;
        foreach (lc, (List *)n)
            check_body_stmt(c, lfirst(lc));
        return;
    }
    case T_NotifyStmt:
    case T_ListenStmt:
    case T_UnlistenStmt:
    case T_LockStmt:
    case T_VariableSetStmt:
    case T_VariableShowStmt:
    case T_TransactionStmt:
        return;
    default:
        fail(c, -1, arena_printf(c->r->a, "runs %s", utility_name(n)));
        return;
    }
}

static void check_function_body(Check *c, void *arg)
{
    Definition *d = arg;
    Arena *a = c->r->a;
    if (d->obj.kind == OBJ_AGGREGATE) {
        /* its support functions: every option naming a function */
        DefineStmt *st = d->raw && IsA(d->raw, DefineStmt) ? (DefineStmt *)d->raw : NULL;
        ListCell *lc;
        if (st)
            foreach (lc, st->definition) {
                DefElem *e = lfirst(lc);
                size_t len = strlen(e->defname);
                if (len >= 4 && !strcmp(e->defname + len - 4, "func") && e->arg) {
                    if (IsA(e->arg, TypeName))
                        check_function_name(c, ((TypeName *)e->arg)->names, -1);
                    else if (IsA(e->arg, List))
                        check_function_name(c, (List *)e->arg, -1);
                }
            }
        return;
    }
    CreateFunctionStmt *st = d->raw && IsA(d->raw, CreateFunctionStmt) ? (CreateFunctionStmt *)d->raw : NULL;
    if (!st)
        return;
    const char *lang = language_of(st);
    if (lang && !strcmp(lang, "sql")) {
        if (st->sql_body) {
            check_body_stmt(c, st->sql_body);
            return;
        }
        const char *body = body_of(st);
        if (!body)
            return;
        PgQueryInternalParsetreeAndError res = pg_query_raw_parse(body);
        free(res.stderr_buffer);
        if (res.error) {
            pg_query_free_error(res.error);
            fail(c, -1, "has a body the reader cannot parse");
            return;
        }
        ListCell *lc;
        foreach (lc, res.tree)
            check_body_stmt(c, ((RawStmt *)lfirst(lc))->stmt);
        return;
    }
    if (lang && !strcmp(lang, "plpgsql")) {
        PtrVec stmts = {0};
        bool dynamic = false;
        if (plpgsql_body_statements_dyn(a, deparse_stmt(a, d->raw), &stmts, &dynamic) < 0) {
            fail(c, -1, "has a body the reader cannot compile");
            return;
        }
        if (dynamic) {
            fail(c, -1, "runs SQL built at run time (EXECUTE)");
            return;
        }
        for (int i = 0; i < stmts.n && !c->why; i++)
            check_body_stmt(c, stmts.items[i]);
        return;
    }
    fail(c, -1, arena_printf(a, "is written in LANGUAGE %s, which the reader cannot follow", lang ? lang : "(none)"));
}

/* The verdict on one function the files define. */
static const char *function_verdict(Check *c, Obj *o)
{
    char key[48];
    snprintf(key, sizeof key, "f:%p", (void *)o);
    const char *why = nested(c, key, check_function_body, o);
    if (!why)
        return NULL;
    return c->depth ? arena_printf(c->r->a, "calls %s.%s(), which %s", o->schema, o->name, why)
                    : arena_printf(c->r->a, "%s.%s() %s", o->schema, o->name, why);
}

static void check_function_name(Check *c, List *funcname, int location)
{
    if (c->why || !funcname)
        return;
    int n = list_length(funcname);
    const char *name = strVal(llast(funcname));
    const char *schema = n >= 2 ? strVal(list_nth(funcname, n - 2)) : NULL;
    if (schema && !strcmp(schema, "pg_catalog"))
        schema = NULL, n = 1;
    /* the files' functions of that name: every overload must be safe (the
     * reader does not resolve overloads; an unqualified name may resolve in
     * any schema of a search_path it keeps only the head of) */
    PtrVec *cands = schema ? map_get(&c->ds->funcs, skey(c->r->a, schema, name)) : map_get(&c->ds->func_any, name);
    int n_live = 0;
    for (int i = 0; cands && i < cands->n; i++)
        n_live += live(c, cands->items[i]);
    if (n_live) {
        for (int i = 0; i < cands->n && !c->why; i++) {
            if (!live(c, cands->items[i]))
                continue;
            const char *why = function_verdict(c, cands->items[i]);
            if (why)
                fail(c, location, why);
        }
        return;
    }
    if (!schema && builtin_function_name(name)) {
        if (builtin_unsafe(name))
            fail(c, location, arena_printf(c->r->a, "%spg_catalog.%s()%s runs SQL it is given or creates objects",
                                           c->depth ? "calls " : "", name, c->depth ? ", which" : ""));
        return;
    }
    fail(c, location, arena_printf(c->r->a, "%s%s()%s is neither PostgreSQL's own nor defined by the files "
                                           "(an extension's function may change the schema)",
                                   c->depth ? "calls " : "", schema ? skey(c->r->a, schema, name) : name,
                                   c->depth ? ", which" : ""));
}

/* ---- relations ----------------------------------------------------------------- */

static void walk_expr(Check *c, Node *e)
{
    if (e && !c->why)
        check_node(c, e);
}

static void check_view_query(Check *c, void *arg)
{
    Definition *d = arg;
    Node *q = NULL;
    if (d->raw && IsA(d->raw, ViewStmt))
        q = ((ViewStmt *)d->raw)->query;
    else if (d->raw && IsA(d->raw, CreateTableAsStmt))
        q = ((CreateTableAsStmt *)d->raw)->query;
    walk_expr(c, q);
}

/* A relation a statement reads: a view's query, a table's policies. */
static void check_read(Check *c, RangeVar *rv)
{
    const char *schema = rv->schemaname ? rv->schemaname : c->r->nc.default_schema;
    Obj *rel = ddl_relation(c->r, schema, rv->relname);
    if (!rel)
        return; /* a CTE's name, or what the server reports */
    char key[64];
    if (rel->kind == OBJ_VIEW && !((Definition *)rel)->materialized) {
        snprintf(key, sizeof key, "v:%p", (void *)rel);
        const char *why = nested(c, key, check_view_query, rel);
        if (why)
            fail(c, rv->location, arena_printf(c->r->a, "it reads view %s.%s, whose query %s", rel->schema,
                                               rel->name, why));
        return;
    }
    if (rel->kind == OBJ_TABLE)
        check_target(c, rel->schema, rel->name, 0, rv->location);
}

typedef struct Target {
    Obj *rel;
    int event;
} Target;

static bool event_matches(const CreateTrigStmt *t, int event)
{
    return (t->events & event) != 0;
}

static int rule_event(const RuleStmt *st)
{
    switch (st->event) {
    case CMD_INSERT: return EV_INSERT;
    case CMD_UPDATE: return EV_UPDATE;
    case CMD_DELETE: return EV_DELETE;
    default: return 0;
    }
}

static void check_domain_type(Check *c, const TypeRef *t)
{
    if (!t->schema)
        return;
    Obj *dom = model_lookup(c->r->m, OBJ_DOMAIN, t->schema, NULL, t->name);
    if (!dom || !((Definition *)dom)->raw || !IsA(((Definition *)dom)->raw, CreateDomainStmt))
        return;
    ListCell *lc;
    foreach (lc, ((CreateDomainStmt *)((Definition *)dom)->raw)->constraints) {
        Constraint *k = lfirst(lc);
        if (k->contype == CONSTR_CHECK)
            walk_expr(c, k->raw_expr);
    }
}

static void check_index(Check *c, TableIndex *ix)
{
    IndexStmt *st = ix->raw && IsA(ix->raw, IndexStmt) ? (IndexStmt *)ix->raw : NULL;
    if (!st)
        return;
    ListCell *lc;
    foreach (lc, st->indexParams)
        walk_expr(c, ((IndexElem *)lfirst(lc))->expr);
    walk_expr(c, st->whereClause);
}

/* What the server runs on `event` (0: a read) of relation rel. */
static void check_relation(Check *c, void *arg)
{
    Target *tg = arg;
    Obj *rel = tg->rel;
    int event = tg->event;
    Arena *a = c->r->a;
    const char *k = skey(a, rel->schema, rel->name);
    PtrVec *attached = map_get(&c->ds->by_table, k);
    for (int i = 0; attached && i < attached->n && !c->why; i++) {
        Definition *d = attached->items[i];
        if (!live(c, d))
            continue;
        if (d->obj.kind == OBJ_POLICY && d->raw && IsA(d->raw, CreatePolicyStmt)) {
            walk_expr(c, ((CreatePolicyStmt *)d->raw)->qual);
            walk_expr(c, ((CreatePolicyStmt *)d->raw)->with_check);
            if (c->why)
                c->why = arena_printf(a, "its policy %s %s", d->obj.name, c->why);
        } else if (event && d->obj.kind == OBJ_TRIGGER && d->raw && IsA(d->raw, CreateTrigStmt) &&
                   event_matches((CreateTrigStmt *)d->raw, event)) {
            CreateTrigStmt *t = (CreateTrigStmt *)d->raw;
            walk_expr(c, t->whenClause);
            check_function_name(c, t->funcname, -1);
            if (c->why)
                c->why = arena_printf(a, "its trigger %s %s", d->obj.name, c->why);
        } else if (event && d->obj.kind == OBJ_RULE && d->raw && IsA(d->raw, RuleStmt) &&
                   rule_event((RuleStmt *)d->raw) == event) {
            RuleStmt *st = (RuleStmt *)d->raw;
            walk_expr(c, st->whereClause);
            ListCell *lc;
            foreach (lc, st->actions)
                check_body_stmt(c, lfirst(lc));
            if (c->why)
                c->why = arena_printf(a, "its rule %s %s", d->obj.name, c->why);
        }
    }
    if (!event || c->why)
        return;
    if (rel->kind == OBJ_VIEW) {
        /* an updatable view writes its base relations */
        check_view_query(c, rel);
        Node *q = ((Definition *)rel)->raw && IsA(((Definition *)rel)->raw, ViewStmt)
                      ? ((ViewStmt *)((Definition *)rel)->raw)->query : NULL;
        if (q && IsA(q, SelectStmt)) {
            ListCell *lc;
            foreach (lc, ((SelectStmt *)q)->fromClause)
                if (IsA(lfirst(lc), RangeVar)) {
                    RangeVar *rv = lfirst(lc);
                    check_target(c, rv->schemaname ? rv->schemaname : ((Definition *)rel)->search_schema,
                                 rv->relname, event, -1);
                }
        }
        return;
    }
    if (rel->kind != OBJ_TABLE)
        return;
    Table *t = (Table *)rel;
    if (event & (EV_INSERT | EV_UPDATE)) {
        for (int i = 0; i < t->columns.n && !c->why; i++) {
            Column *col = t->columns.items[i];
            if (col->def && (event & EV_INSERT))
                walk_expr(c, col->def->raw);
            if (col->generated)
                walk_expr(c, col->generated->raw);
            check_domain_type(c, &col->type);
        }
        for (int i = 0; i < t->constraints.n && !c->why; i++) {
            TableConstraint *kc = t->constraints.items[i];
            if (kc->contype == CON_CHECK && kc->raw && IsA(kc->raw, Constraint))
                walk_expr(c, ((Constraint *)kc->raw)->raw_expr);
        }
        PtrVec *ixs = map_get(&c->ds->indexes, k);
        for (int i = 0; ixs && i < ixs->n && !c->why; i++)
            if (live(c, ixs->items[i]))
                check_index(c, ixs->items[i]);
        if (c->why) {
            c->why = arena_printf(a, "an expression it computes (default, generated column, CHECK, domain, "
                                     "index) %s", c->why);
            return;
        }
    }
    /* partitions and children take the write too */
    PtrVec *kids = map_get(&c->ds->children, k);
    for (int i = 0; kids && i < kids->n && !c->why; i++)
        if (live(c, kids->items[i]))
            check_target(c, ((Obj *)kids->items[i])->schema, ((Obj *)kids->items[i])->name, event, -1);
    /* what ON DELETE / ON UPDATE actions (and TRUNCATE ... CASCADE) reach */
    PtrVec *refs = map_get(&c->ds->referencing, k);
    for (int i = 0; refs && i < refs->n && !c->why; i++) {
        TableConstraint *fk = refs->items[i];
        if (!live(c, fk))
            continue;
        Constraint *con = fk->raw && IsA(fk->raw, Constraint) ? (Constraint *)fk->raw : NULL;
        char del = con ? con->fk_del_action : 'c', upd = con ? con->fk_upd_action : 'c';
        int next = 0;
        if (event & EV_DELETE)
            next = del == 'c' ? EV_DELETE : (del == 'n' || del == 'd') ? EV_UPDATE : 0;
        else if (event & EV_UPDATE)
            next = (upd == 'c' || upd == 'n' || upd == 'd') ? EV_UPDATE : 0;
        else if (event & EV_TRUNCATE)
            next = EV_TRUNCATE; /* only with CASCADE: the caller asked */
        if (next)
            check_target(c, fk->obj.schema, fk->obj.table, next, -1);
    }
}

/* A relation written (event) or read (0). */
static void check_target(Check *c, const char *schema, const char *name, int event, int location)
{
    if (c->why)
        return;
    Obj *rel = ddl_relation(c->r, schema, name);
    if (!rel) {
        if (event)
            fail(c, location, arena_printf(c->r->a, "it writes %s.%s, which the files do not create "
                                                   "(an extension's table may run anything)", schema, name));
        return;
    }
    char key[96];
    snprintf(key, sizeof key, "r:%d:%p", event, (void *)rel);
    Target tg = {rel, event};
    const char *why = nested(c, key, check_relation, &tg);
    if (why)
        fail(c, location, arena_printf(c->r->a, "%s %s.%s: %s", event ? "it writes" : "it reads", rel->schema,
                                       rel->name, why));
}

/* ---- the statement walk -------------------------------------------------------- */

static int dml_event(Node *n)
{
    switch (nodeTag(n)) {
    case T_InsertStmt: return EV_INSERT;
    case T_UpdateStmt: return EV_UPDATE;
    case T_DeleteStmt: return EV_DELETE;
    case T_MergeStmt: return EV_INSERT | EV_UPDATE | EV_DELETE;
    default: return 0;
    }
}

static RangeVar *dml_relation(Node *n)
{
    switch (nodeTag(n)) {
    case T_InsertStmt: return ((InsertStmt *)n)->relation;
    case T_UpdateStmt: return ((UpdateStmt *)n)->relation;
    case T_DeleteStmt: return ((DeleteStmt *)n)->relation;
    case T_MergeStmt: return ((MergeStmt *)n)->relation;
    default: return NULL;
    }
}

static bool walker(Node *n, void *arg)
{
    Check *c = arg;
    if (!n || c->why)
        return c->why != NULL;
    switch (nodeTag(n)) {
    case T_FuncCall:
        check_function_name(c, ((FuncCall *)n)->funcname, ((FuncCall *)n)->location);
        break;
    case T_A_Expr: {
        A_Expr *e = (A_Expr *)n;
        if (e->name && c->ds->ops.n) {
            PtrVec *ops = map_get(&c->ds->ops, strVal(llast(e->name)));
            for (int i = 0; ops && i < ops->n && !c->why; i++) {
                Definition *d = ops->items[i];
                ListCell *lc;
                if (!live(c, d))
                    continue;
                if (d->raw && IsA(d->raw, DefineStmt))
                    foreach (lc, ((DefineStmt *)d->raw)->definition) {
                        DefElem *de = lfirst(lc);
                        if ((!strcmp(de->defname, "function") || !strcmp(de->defname, "procedure")) && de->arg)
                            check_function_name(c, IsA(de->arg, TypeName) ? ((TypeName *)de->arg)->names
                                                                          : (List *)de->arg, e->location);
                    }
            }
        }
        break;
    }
    case T_TypeCast: {
        TypeCast *tc = (TypeCast *)n;
        TypeRef t = norm_type(&c->r->nc, (Node *)tc->typeName);
        check_domain_type(c, &t);
        for (int i = 0; i < c->ds->casts.n && !c->why; i++) {
            if (!live(c, c->ds->casts.items[i]))
                continue;
            CreateCastStmt *cs = (CreateCastStmt *)((Definition *)c->ds->casts.items[i])->raw;
            check_function_name(c, cs->func->objname, tc->location);
        }
        break;
    }
    case T_RangeVar:
        check_read(c, (RangeVar *)n);
        break;
    case T_SelectStmt:
        if (((SelectStmt *)n)->intoClause)
            fail(c, -1, "SELECT ... INTO creates a table");
        break;
    case T_InsertStmt:
    case T_UpdateStmt:
    case T_DeleteStmt:
    case T_MergeStmt: {
        RangeVar *rv = dml_relation(n);
        check_target(c, rv->schemaname ? rv->schemaname : c->r->nc.default_schema, rv->relname, dml_event(n),
                     rv->location);
        break;
    }
    default:
        break;
    }
    if (c->why)
        return true;
    return raw_expression_tree_walker(n, walker, arg);
}

static void check_node(Check *c, Node *n)
{
    walker(n, c);
}

/* ---- statements ----------------------------------------------------------------- */

static DataStmts *state(DdlReader *r)
{
    if (!r->data) {
        r->data = arena_alloc(r->a, sizeof(DataStmts));
        r->data->first_off = -1;
        r->data->seq = -2;
    }
    return r->data;
}

static void count(DataStmts *ds, const char *kind, int off)
{
    if (!ds->skipped++)
        ds->first_off = off;
    for (int i = 0; i < N_KINDS; i++) {
        if (!ds->kinds[i])
            ds->kinds[i] = kind;
        if (!strcmp(ds->kinds[i], kind)) {
            ds->counts[i]++;
            return;
        }
    }
}

const char *datastmt_kind(Node *n)
{
    switch (nodeTag(n)) {
    case T_InsertStmt: return "INSERT";
    case T_UpdateStmt: return "UPDATE";
    case T_DeleteStmt: return "DELETE";
    case T_MergeStmt: return "MERGE";
    case T_SelectStmt: return "SELECT";
    case T_CopyStmt: return "COPY";
    case T_TruncateStmt: return "TRUNCATE";
    case T_VacuumStmt: return ((VacuumStmt *)n)->is_vacuumcmd ? "VACUUM" : "ANALYZE";
    case T_RefreshMatViewStmt: return "REFRESH MATERIALIZED VIEW";
    case T_LockStmt: return "LOCK";
    case T_NotifyStmt: return "NOTIFY";
    case T_ListenStmt: return "LISTEN";
    case T_UnlistenStmt: return "UNLISTEN";
    case T_CheckPointStmt: return "CHECKPOINT";
    case T_CallStmt: return "CALL";
    case T_ExplainStmt: return "EXPLAIN";
    case T_DeclareCursorStmt: return "DECLARE";
    case T_FetchStmt: return "FETCH";
    case T_ClosePortalStmt: return "CLOSE";
    case T_DiscardStmt: return "DISCARD";
    default: return NULL;
    }
}

/* Index expressions of a table (VACUUM FULL, ANALYZE, REFRESH evaluate them). */
static void check_indexes_of(Check *c, const char *schema, const char *name)
{
    PtrVec *ixs = map_get(&c->ds->indexes, skey(c->r->a, schema, name));
    for (int i = 0; ixs && i < ixs->n && !c->why; i++)
        if (live(c, ixs->items[i]))
            check_index(c, ixs->items[i]);
}

static void check_stmt(Check *c, Node *n)
{
    DdlReader *r = c->r;
    switch (nodeTag(n)) {
    case T_SelectStmt:
    case T_InsertStmt:
    case T_UpdateStmt:
    case T_DeleteStmt:
    case T_MergeStmt:
        check_node(c, n);
        return;
    case T_CopyStmt: {
        CopyStmt *st = (CopyStmt *)n;
        if (st->is_program) {
            fail(c, -1, "COPY ... PROGRAM runs a program on the server");
            return;
        }
        if (st->query)
            check_node(c, st->query);
        else if (st->relation)
            check_target(c, st->relation->schemaname ? st->relation->schemaname : r->nc.default_schema,
                         st->relation->relname, st->is_from ? EV_INSERT : 0, st->relation->location);
        return;
    }
    case T_TruncateStmt: {
        TruncateStmt *st = (TruncateStmt *)n;
        ListCell *lc;
        foreach (lc, st->relations) {
            RangeVar *rv = lfirst(lc);
            const char *schema = rv->schemaname ? rv->schemaname : r->nc.default_schema;
            /* referencing tables count as truncated too (with CASCADE they
             * are; without it the server refuses: either way no harm) */
            check_target(c, schema, rv->relname, EV_TRUNCATE, rv->location);
        }
        return;
    }
    case T_VacuumStmt: {
        VacuumStmt *st = (VacuumStmt *)n;
        c->top = false, c->depth = 1; /* index expressions: located at their definitions */
        if (!st->rels) {
            for (int i = 0; i < r->m->objs.n && !c->why; i++) {
                Obj *o = r->m->objs.items[i];
                if (o && o->kind == OBJ_INDEX)
                    check_index(c, (TableIndex *)o);
            }
            if (c->why)
                c->why = arena_printf(r->a, "an index expression it computes %s", c->why);
            return;
        }
        ListCell *lc;
        foreach (lc, st->rels) {
            RangeVar *rv = ((VacuumRelation *)lfirst(lc))->relation;
            if (rv)
                check_indexes_of(c, rv->schemaname ? rv->schemaname : r->nc.default_schema, rv->relname);
        }
        if (c->why)
            c->why = arena_printf(r->a, "an index expression it computes %s", c->why);
        return;
    }
    case T_RefreshMatViewStmt: {
        RangeVar *rv = ((RefreshMatViewStmt *)n)->relation;
        const char *schema = rv->schemaname ? rv->schemaname : r->nc.default_schema;
        Obj *rel = ddl_relation(r, schema, rv->relname);
        c->top = false, c->depth = 1; /* the query's locations are its definition's */
        if (rel && rel->kind == OBJ_VIEW) {
            check_view_query(c, rel);
            check_indexes_of(c, schema, rv->relname);
        }
        if (c->why)
            c->why = arena_printf(r->a, "the query or an index of %s.%s %s", schema, rv->relname, c->why);
        return;
    }
    case T_CallStmt:
        check_node(c, (Node *)((CallStmt *)n)->funccall);
        return;
    case T_ExplainStmt: {
        ExplainStmt *st = (ExplainStmt *)n;
        ListCell *lc;
        foreach (lc, st->options)
            if (!strcmp(((DefElem *)lfirst(lc))->defname, "analyze"))
                check_stmt(c, st->query);
        return;
    }
    case T_DeclareCursorStmt:
        check_node(c, ((DeclareCursorStmt *)n)->query);
        return;
    case T_DiscardStmt:
        if (((DiscardStmt *)n)->target == DISCARD_ALL)
            r->nc.default_schema = "public"; /* RESET ALL: the search_path too */
        return;
    default:
        return;
    }
}

bool datastmt_read(DdlReader *r, Node *n, int off)
{
    const char *kind = datastmt_kind(n);
    if (!kind)
        return false;
    DataStmts *ds = state(r);
    /* the cache holds while data statements follow each other */
    if (!ds->built || ds->full || ds->seq != r->stmt_seq - 1)
        build(r, ds);
    ds->seq = r->stmt_seq;
    off = ddl_stmt_start(r, off);
    Check c = {r, ds, NULL, -1, 0, true};
    check_stmt(&c, n);
    if (c.why) {
        ddl_error(r, c.at >= 0 ? c.at : off,
                  "%s may change the schema: %s; the file reader leaves out only data statements that cannot; "
                  "--load-via-db runs it in a scratch database", kind, c.why);
        return true;
    }
    if (nodeTag(n) != T_DiscardStmt)
        count(ds, kind, off);
    return true;
}

void datastmt_finish(DdlReader *r)
{
    DataStmts *ds = r->data;
    if (!ds || !ds->skipped)
        return;
    StrBuf sb;
    sb_init(&sb);
    for (int i = 0; i < N_KINDS && ds->kinds[i]; i++)
        sb_printf(&sb, "%s%d %s", i ? ", " : "", ds->counts[i], ds->kinds[i]);
    SrcLoc loc = {r->file, r->text, ds->first_off};
    diag_warn(r->diags, loc,
              "%d data statement%s left out (%s), the first here: %s cannot change the schema; "
              "--load-via-db runs %s",
              ds->skipped, ds->skipped == 1 ? "" : "s", sb.data, ds->skipped == 1 ? "it" : "they",
              ds->skipped == 1 ? "it" : "them");
    sb_free(&sb);
}
