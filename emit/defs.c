/*
 * defs.c — the statements of the kinds defined by one statement (views,
 * materialized views, functions, procedures, triggers, event triggers,
 * policies, domains, composite types), and of ownership and privileges
 * for every kind.
 *
 * Definitions are printed from their parse trees (names resolved by the
 * reader) through libpg_query's deparser, in the idempotent form: CREATE OR
 * REPLACE where PostgreSQL has it (views, functions, procedures, plain
 * triggers), otherwise a DO block that creates only what the catalog lacks
 * (constraint triggers, event triggers, policies, domains, composite
 * types).  Drops use IF EXISTS and never CASCADE: what depends on a dropped
 * object is dropped by its own change, ordered first.  A materialized
 * view re-created is refilled: hazard `repopulate`.
 *
 * Privileges are written as the difference between the two sides per
 * grantee (GRANT what is new, REVOKE what went, GRANT OPTION separately);
 * on a created object the difference from the kind's default.  The owner's
 * entry is written to the owner by name, or CURRENT_USER (who creates the
 * object) when no side states the owner.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

static const char *qual(Emit *e, const Obj *o)
{
    return q_qual(e->a, o->schema, o->name);
}

/* An aggregate's arguments as DROP / COMMENT ON / ALTER AGGREGATE name
 * them: "(*)" for none. */
static const char *agg_ref_args(const Definition *d)
{
    return !strcmp(d->signature, "()") ? "(*)" : d->signature;
}

/* COMMENT ON COLUMN rel.c, or for a domain's constraint (name marked
 * with \001) COMMENT ON CONSTRAINT c ON DOMAIN rel. */
static const char *colcomment_sql(Emit *e, const char *rel, const char *name, const char *text)
{
    const char *lit = text ? q_literal(e->a, text) : "NULL";
    if (name[0] == '\001')
        return arena_printf(e->a, "COMMENT ON CONSTRAINT %s ON DOMAIN %s IS %s;", q_ident(e->a, name + 1), rel, lit);
    return arena_printf(e->a, "COMMENT ON COLUMN %s.%s IS %s;", rel, q_ident(e->a, name), lit);
}

/* Comments of a view's or composite type's columns (a domain's
 * constraints): all of `des`, and NULL for those only `cur` has. */
static void column_comments(Emit *e, const Definition *cur, const Definition *des)
{
    const char *rel = q_qual(e->a, des->obj.schema, des->obj.name);
    for (int i = 0; cur && i < cur->colcomments.n; i += 2) {
        bool kept = false;
        for (int k = 0; k < des->colcomments.n; k += 2)
            kept = kept || !strcmp(des->colcomments.items[k], cur->colcomments.items[i]);
        if (!kept)
            emit_stmt(e, colcomment_sql(e, rel, cur->colcomments.items[i], NULL));
    }
    for (int k = 0; k < des->colcomments.n; k += 2)
        emit_stmt(e, colcomment_sql(e, rel, des->colcomments.items[k], des->colcomments.items[k + 1]));
}

static void comment_after_create(Emit *e, const Obj *o)
{
    if (o->comment)
        emit_stmt(e, emit_comment_sql(e, o));
    if (o->kind == OBJ_VIEW || o->kind == OBJ_COMPOSITE || o->kind == OBJ_DOMAIN)
        column_comments(e, NULL, (const Definition *)o);
}

static void alter_comments(Emit *e)
{
    const Change *c = e->c;
    if (!str_same(c->current->comment, c->desired->comment))
        emit_stmt(e, emit_comment_sql(e, c->desired));
    if (c->desired->kind == OBJ_VIEW || c->desired->kind == OBJ_COMPOSITE || c->desired->kind == OBJ_DOMAIN)
        if (!model_colcomments_equal((const Definition *)c->current, (const Definition *)c->desired))
            column_comments(e, (const Definition *)c->current, (const Definition *)c->desired);
}

static const char *with_semi(Emit *e, const char *sql)
{
    return arena_printf(e->a, "%s;", sql);
}

static void created(Emit *e)
{
    emit_summary(e, e->c->rebuild ? "re-create" : "create", e->c->desired, NULL);
}

static void dropped(Emit *e)
{
    emit_summary(e, "drop", e->c->current, e->c->rebuild ? "to re-create it" : NULL);
}

/* DROP <what> IF EXISTS <qualified name>, and the summary of a drop. */
static void drop_simple(Emit *e, const char *what)
{
    emit_stmt(e, arena_printf(e->a, "DROP %s IF EXISTS %s;", what, qual(e, e->c->current)));
    dropped(e);
}

/* ---- views -------------------------------------------------------------------- */

static const char *view_sql(Emit *e, const Definition *v)
{
    if (v->materialized) {
        CreateTableAsStmt *st = copyObjectImpl(v->raw);
        st->if_not_exists = e->style == STYLE_MIGRATION;
        st->into->skipData = !v->with_data;
        return with_semi(e, deparse_stmt(e->a, (Node *)st));
    }
    ViewStmt *st = copyObjectImpl(v->raw);
    st->replace = e->style == STYLE_MIGRATION;
    return with_semi(e, deparse_stmt(e->a, (Node *)st));
}

/* ALTER VIEW ... ALTER COLUMN ... SET / DROP DEFAULT: what differs. */
static void view_defaults(Emit *e, const Definition *cur, const Definition *des)
{
    const char *q = qual(e, &des->obj);
    for (int i = 0; cur && i < cur->coldefaults.n; i += 2) {
        bool kept = false;
        for (int k = 0; k < des->coldefaults.n; k += 2)
            kept = kept || !strcmp(des->coldefaults.items[k], cur->coldefaults.items[i]);
        if (!kept)
            emit_stmt(e, arena_printf(e->a, "ALTER VIEW %s ALTER COLUMN %s DROP DEFAULT;", q,
                                      q_ident(e->a, cur->coldefaults.items[i])));
    }
    for (int k = 0; k < des->coldefaults.n; k += 2)
        emit_stmt(e, arena_printf(e->a, "ALTER VIEW %s ALTER COLUMN %s SET DEFAULT %s;", q,
                                  q_ident(e->a, des->coldefaults.items[k]),
                                  deparse_expr(e->a, des->coldefaults.items[k + 1])));
}

void emit_view(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE: {
        const Definition *v = (const Definition *)c->desired;
        emit_stmt(e, view_sql(e, v));
        if (v->coldefaults.n)
            view_defaults(e, NULL, v);
        comment_after_create(e, c->desired);
        created(e);
        break;
    }
    case CHG_DROP:
        emit_stmt(e, emit_drop_relation(e, ((const Definition *)c->current)->materialized ? "MATERIALIZED VIEW" : "VIEW",
                                        ((const Definition *)c->current)->materialized ? 'm' : 'v', c->current));
        dropped(e);
        break;
    case CHG_ALTER:
        if (c->alter & ALT_REPLACE)
            emit_stmt(e, view_sql(e, (const Definition *)c->desired));
        if (c->alter & ALT_DEFAULT)
            view_defaults(e, (const Definition *)c->current, (const Definition *)c->desired);
        if (c->alter & ALT_COMMENT)
            alter_comments(e);
        emit_summary(e, "alter", c->desired,
                     c->alter & ALT_REPLACE ? "replace the query" : c->alter & ALT_DEFAULT ? "column defaults" : NULL);
        break;
    }
}

/* ---- functions and procedures ------------------------------------------------- */

/* A SQL-standard body (RETURN expr / BEGIN ATOMIC ... END), which the
 * deparser cannot print inside CREATE FUNCTION: printed part by part from
 * the tree (never from the source text, where finding the body's start is a
 * guess a hostile name can mislead). */
static const char *sql_body_sql(Emit *e, Node *body)
{
    if (IsA(body, ReturnStmt))
        return arena_printf(e->a, "RETURN %s", deparse_expr(e->a, ((ReturnStmt *)body)->returnval));
    StrBuf sb;
    sb_init(&sb);
    sb_puts(&sb, "BEGIN ATOMIC");
    ListCell *lc;
    foreach (lc, atomic_body_stmts(body))
        sb_printf(&sb, " %s;", deparse_stmt(e->a, lfirst(lc)));
    sb_puts(&sb, " END");
    const char *r = sb_take(&sb, e->a);
    sb_free(&sb);
    return r;
}

static const char *function_sql(Emit *e, const Definition *f)
{
    CreateFunctionStmt *st = copyObjectImpl(f->raw);
    st->replace = true;
    if (!st->sql_body)
        return with_semi(e, deparse_stmt(e->a, (Node *)st));
    /* the header is deparsed without the body, the body part by part; the
     * whole is checked against the statement meant */
    CreateFunctionStmt *head = copyObjectImpl(st);
    head->sql_body = NULL;
    const char *sql = arena_printf(e->a, "%s %s", deparse_stmt(e->a, (Node *)head), sql_body_sql(e, st->sql_body));
    return with_semi(e, deparse_verify(e->a, sql, (Node *)st));
}

void emit_function(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE:
        emit_stmt(e, function_sql(e, (const Definition *)c->desired));
        comment_after_create(e, c->desired);
        created(e);
        break;
    case CHG_DROP:
        emit_stmt(e, arena_printf(e->a, "DROP %s IF EXISTS %s%s;",
                                  ((const Definition *)c->current)->result ? "FUNCTION" : "PROCEDURE",
                                  qual(e, c->current), ((const Definition *)c->current)->signature));
        dropped(e);
        break;
    case CHG_ALTER:
        if (c->alter & ALT_REPLACE)
            emit_stmt(e, function_sql(e, (const Definition *)c->desired));
        if (c->alter & ALT_COMMENT)
            alter_comments(e);
        emit_summary(e, "alter", c->desired, c->alter & ALT_REPLACE ? "replace the body" : NULL);
        break;
    }
}

/* ---- triggers ------------------------------------------------------------------ */

static const char *enable_word(char enabled)
{
    return enabled == 'D' ? "DISABLE" : enabled == 'A' ? "ENABLE ALWAYS" : enabled == 'R' ? "ENABLE REPLICA" : "ENABLE";
}

static void trigger_enabled(Emit *e, const Obj *o)
{
    const Definition *d = (const Definition *)o;
    if (o->kind == OBJ_RULE)
        emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s %s RULE %s;", q_qual(e->a, o->schema, o->table),
                                  enable_word(d->enabled), q_ident(e->a, o->name)));
    else if (o->kind == OBJ_TRIGGER)
        emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s %s TRIGGER %s;", q_qual(e->a, o->schema, o->table),
                                  enable_word(d->enabled), q_ident(e->a, o->name)));
    else
        emit_stmt(e, arena_printf(e->a, "ALTER EVENT TRIGGER %s %s;", q_ident(e->a, o->name),
                                  enable_word(d->enabled)));
}

/* A statement PostgreSQL has no OR REPLACE / IF NOT EXISTS for: in a
 * migration, run only while `missing` (a catalog condition) holds. */
static const char *create_unless_exists(Emit *e, const Node *stmt, const char *missing)
{
    const char *sql = with_semi(e, deparse_stmt(e->a, stmt));
    return e->style == STYLE_MIGRATION ? emit_guarded(e, missing, sql) : sql;
}

/* "NOT EXISTS (SELECT 1 FROM pg_catalog.<catalog> WHERE <namecol> = name AND
 * <relcol> = the table)": a trigger or policy of a table. */
static const char *table_object_missing(Emit *e, const Obj *o, const char *catalog, const char *namecol,
                                        const char *relcol)
{
    return arena_printf(e->a, "NOT EXISTS (SELECT 1 FROM pg_catalog.%s WHERE %s = %s AND %s = %s::pg_catalog.regclass)",
                        catalog, namecol, q_literal(e->a, o->name), relcol,
                        q_literal(e->a, q_qual(e->a, o->schema, o->table)));
}

static const char *trigger_sql(Emit *e, const Definition *t)
{
    CreateTrigStmt *st = copyObjectImpl(t->raw);
    if (!st->isconstraint && e->style == STYLE_MIGRATION) {
        st->replace = true;
        return with_semi(e, deparse_stmt(e->a, (Node *)st));
    }
    return create_unless_exists(e, (Node *)st, table_object_missing(e, &t->obj, "pg_trigger", "tgname", "tgrelid"));
}

void emit_trigger(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE: {
        const Definition *t = (const Definition *)c->desired;
        emit_stmt(e, trigger_sql(e, t));
        if (t->enabled != 'O')
            trigger_enabled(e, &t->obj);
        comment_after_create(e, c->desired);
        created(e);
        break;
    }
    case CHG_DROP:
        emit_stmt(e, arena_printf(e->a, "DROP TRIGGER IF EXISTS %s ON %s;", q_ident(e->a, c->current->name),
                                  q_qual(e->a, c->current->schema, c->current->table)));
        dropped(e);
        break;
    case CHG_ALTER:
        if (c->alter & ALT_REPLACE)
            emit_stmt(e, trigger_sql(e, (const Definition *)c->desired));
        if (c->alter & ALT_ENABLED)
            trigger_enabled(e, c->desired);
        if (c->alter & ALT_COMMENT)
            alter_comments(e);
        emit_summary(e, "alter", c->desired,
                     c->alter & ALT_REPLACE ? "replace" : c->alter & ALT_ENABLED ? enable_word(((const Definition *)c->desired)->enabled) : NULL);
        break;
    }
}

/* ---- rules ----------------------------------------------------------------------- */

/* CREATE OR REPLACE RULE: idempotent, and how a definition changes. */
static const char *rule_sql(Emit *e, const Definition *d)
{
    RuleStmt *st = copyObjectImpl(d->raw);
    st->replace = true;
    return with_semi(e, deparse_stmt(e->a, (Node *)st));
}

void emit_rule(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE: {
        const Definition *d = (const Definition *)c->desired;
        emit_stmt(e, rule_sql(e, d));
        if (d->enabled != 'O')
            trigger_enabled(e, &d->obj);
        comment_after_create(e, c->desired);
        created(e);
        break;
    }
    case CHG_DROP:
        emit_stmt(e, arena_printf(e->a, "DROP RULE IF EXISTS %s ON %s;", q_ident(e->a, c->current->name),
                                  q_qual(e->a, c->current->schema, c->current->table)));
        dropped(e);
        break;
    case CHG_ALTER:
        if (c->alter & ALT_REPLACE)
            emit_stmt(e, rule_sql(e, (const Definition *)c->desired));
        if (c->alter & ALT_ENABLED)
            trigger_enabled(e, c->desired);
        if (c->alter & ALT_COMMENT)
            alter_comments(e);
        emit_summary(e, "alter", c->desired,
                     c->alter & ALT_REPLACE   ? "replace"
                     : c->alter & ALT_ENABLED ? enable_word(((const Definition *)c->desired)->enabled)
                                              : NULL);
        break;
    }
}

void emit_event_trigger(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE: {
        const Definition *t = (const Definition *)c->desired;
        emit_stmt(e, create_unless_exists(e, t->raw,
                                          arena_printf(e->a, "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_event_trigger "
                                                             "WHERE evtname = %s)", q_literal(e->a, t->obj.name))));
        if (t->enabled != 'O')
            trigger_enabled(e, &t->obj);
        comment_after_create(e, c->desired);
        created(e);
        break;
    }
    case CHG_DROP:
        emit_stmt(e, arena_printf(e->a, "DROP EVENT TRIGGER IF EXISTS %s;", q_ident(e->a, c->current->name)));
        dropped(e);
        break;
    case CHG_ALTER:
        if (c->alter & ALT_ENABLED)
            trigger_enabled(e, c->desired);
        if (c->alter & ALT_COMMENT)
            alter_comments(e);
        emit_summary(e, "alter", c->desired, NULL);
        break;
    }
}

/* ---- policies -------------------------------------------------------------------- */

void emit_policy(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE: {
        const Definition *p = (const Definition *)c->desired;
        emit_stmt(e, create_unless_exists(e, p->raw, table_object_missing(e, &p->obj, "pg_policy", "polname", "polrelid")));
        comment_after_create(e, c->desired);
        created(e);
        break;
    }
    case CHG_DROP:
        emit_stmt(e, arena_printf(e->a, "DROP POLICY IF EXISTS %s ON %s;", q_ident(e->a, c->current->name),
                                  q_qual(e->a, c->current->schema, c->current->table)));
        dropped(e);
        break;
    case CHG_ALTER:
        if (c->alter & ALT_COMMENT)
            alter_comments(e);
        emit_summary(e, "alter", c->desired, NULL);
        break;
    }
}

/* ---- domains and composite types ------------------------------------------------- */

static void create_type(Emit *e, const Definition *t)
{
    emit_stmt(e, create_unless_exists(e, t->raw, emit_type_missing(e, &t->obj)));
    comment_after_create(e, &t->obj);
}

static Constraint *domain_part(const Definition *d, ConstrType type, const char *name)
{
    ListCell *lc;
    foreach (lc, ((CreateDomainStmt *)d->raw)->constraints) {
        Constraint *c = lfirst(lc);
        if (c->contype == type && (!name || (c->conname && !strcmp(c->conname, name))))
            return c;
    }
    return NULL;
}

static void alter_domain(Emit *e, const Definition *cur, const Definition *des)
{
    const char *q = qual(e, &des->obj);
    Constraint *cd = domain_part(cur, CONSTR_DEFAULT, NULL), *dd = domain_part(des, CONSTR_DEFAULT, NULL);
    const char *cdt = cd ? deparse_expr(e->a, cd->raw_expr) : NULL, *ddt = dd ? deparse_expr(e->a, dd->raw_expr) : NULL;
    if (!ddt && cdt)
        emit_stmt(e, arena_printf(e->a, "ALTER DOMAIN %s DROP DEFAULT;", q));
    else if (ddt && (!cdt || strcmp(cdt, ddt)))
        emit_stmt(e, arena_printf(e->a, "ALTER DOMAIN %s SET DEFAULT %s;", q, ddt));
    bool cnn = domain_part(cur, CONSTR_NOTNULL, NULL), dnn = domain_part(des, CONSTR_NOTNULL, NULL);
    if (cnn != dnn)
        emit_stmt(e, arena_printf(e->a, "ALTER DOMAIN %s %s NOT NULL;", q, dnn ? "SET" : "DROP"));
    ListCell *lc;
    foreach (lc, ((CreateDomainStmt *)cur->raw)->constraints) {
        Constraint *k = lfirst(lc);
        if (k->contype != CONSTR_CHECK)
            continue;
        Constraint *same = domain_part(des, CONSTR_CHECK, k->conname);
        if (!same || !equal(norm_expr(&(NormCtx){e->a, cur->search_schema, NULL}, k->raw_expr),
                            norm_expr(&(NormCtx){e->a, des->search_schema, NULL}, same->raw_expr)))
            emit_stmt(e, arena_printf(e->a, "ALTER DOMAIN %s DROP CONSTRAINT IF EXISTS %s;", q,
                                      q_ident(e->a, k->conname)));
    }
    foreach (lc, ((CreateDomainStmt *)des->raw)->constraints) {
        Constraint *k = lfirst(lc);
        if (k->contype != CONSTR_CHECK)
            continue;
        Constraint *same = domain_part(cur, CONSTR_CHECK, k->conname);
        if (same && equal(norm_expr(&(NormCtx){e->a, cur->search_schema, NULL}, same->raw_expr),
                          norm_expr(&(NormCtx){e->a, des->search_schema, NULL}, k->raw_expr)))
            continue;
        const char *add = arena_printf(e->a, "ALTER DOMAIN %s ADD CONSTRAINT %s CHECK (%s);", q,
                                       q_ident(e->a, k->conname), deparse_expr(e->a, k->raw_expr));
        emit_stmt(e, emit_guarded(e, arena_printf(e->a,
                                                  "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conname = "
                                                  "%s AND contypid = %s::pg_catalog.regtype)",
                                                  q_literal(e->a, k->conname), q_literal(e->a, q)),
                                  add));
    }
}

/* The base type of a domain, as format_type() prints it. */
static const char *domain_base(Emit *e, const Definition *d)
{
    return norm_type(&(NormCtx){e->a, d->search_schema, NULL, false},
                     (Node *)((CreateDomainStmt *)d->raw)->typeName).sql;
}

void emit_domain(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE:
        create_type(e, (const Definition *)c->desired);
        /* a rebuilt domain's columns come back to it */
        for (int i = 0; i < c->parts.n; i++) {
            const Column *col = c->parts.items[i];
            const char *q = qual(e, c->desired);
            emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s ALTER COLUMN %s TYPE %s USING %s::%s;",
                                      q_qual(e->a, col->obj.schema, col->obj.table), q_ident(e->a, col->obj.name), q,
                                      q_ident(e->a, col->obj.name), q));
        }
        created(e);
        break;
    case CHG_DROP:
        if (!c->parts.n) {
            drop_simple(e, "DOMAIN");
            break;
        }
        {
            /* columns of the domain move to its base type first; only while
             * the domain is still the old one (a second run leaves the new
             * one and its columns alone) */
            const Definition *d = (const Definition *)c->current;
            StrBuf sb;
            sb_init(&sb);
            for (int i = 0; i < c->parts.n; i++) {
                const Column *col = c->parts.items[i];
                sb_printf(&sb, "ALTER TABLE %s ALTER COLUMN %s TYPE %s;\n        ",
                          q_qual(e->a, col->obj.schema, col->obj.table), q_ident(e->a, col->obj.name),
                          domain_base(e, d));
            }
            sb_printf(&sb, "DROP DOMAIN %s;", qual(e, &d->obj));
            const char *cond = arena_printf(e->a,
                "EXISTS (SELECT 1 FROM pg_catalog.pg_type WHERE oid = pg_catalog.to_regtype(%s) AND "
                "pg_catalog.format_type(typbasetype, typtypmod) = %s)",
                q_literal(e->a, qual(e, &d->obj)), q_literal(e->a, domain_base(e, d)));
            emit_stmt(e, emit_guarded_n(e, cond, sb_take(&sb, e->a), c->parts.n + 1));
            dropped(e);
        }
        break;
    case CHG_ALTER:
        if (c->alter & ALT_DEFINITION)
            alter_domain(e, (const Definition *)c->current, (const Definition *)c->desired);
        if (c->alter & ALT_COMMENT)
            alter_comments(e);
        emit_summary(e, "alter", c->desired, c->alter & ALT_DEFINITION ? "default, NOT NULL or checks" : NULL);
        break;
    }
}

static const ColumnDef *attribute(const Definition *t, const char *name)
{
    ListCell *lc;
    foreach (lc, ((CompositeTypeStmt *)t->raw)->coldeflist) {
        const ColumnDef *cd = lfirst(lc);
        if (!strcmp(cd->colname, name))
            return cd;
    }
    return NULL;
}

static const char *attribute_type(Emit *e, const Definition *t, const ColumnDef *cd)
{
    const char *ty = norm_type(&(NormCtx){e->a, t->search_schema, NULL, false}, (Node *)cd->typeName).sql;
    if (cd->collClause)
        return arena_printf(e->a, "%s COLLATE %s", ty, q_ident(e->a, strVal(llast(cd->collClause->collname))));
    return ty;
}

/* ALTER TYPE ... DROP / ALTER / ADD ATTRIBUTE: what differs by name;
 * CASCADE carries each to the typed tables of the type (OF type). */
static void alter_attributes(Emit *e, const Definition *cur, const Definition *des)
{
    const char *q = qual(e, &des->obj);
    ListCell *lc;
    foreach (lc, ((CompositeTypeStmt *)cur->raw)->coldeflist) {
        const ColumnDef *cd = lfirst(lc);
        const ColumnDef *dd = attribute(des, cd->colname);
        if (!dd) {
            emit_stmt(e, arena_printf(e->a, "ALTER TYPE %s DROP ATTRIBUTE IF EXISTS %s CASCADE;", q, q_ident(e->a, cd->colname)));
        } else if (strcmp(attribute_type(e, cur, cd), attribute_type(e, des, dd))) {
            emit_stmt(e, arena_printf(e->a, "ALTER TYPE %s ALTER ATTRIBUTE %s TYPE %s CASCADE;", q, q_ident(e->a, cd->colname),
                                      attribute_type(e, des, dd)));
        }
    }
    foreach (lc, ((CompositeTypeStmt *)des->raw)->coldeflist) {
        const ColumnDef *dd = lfirst(lc);
        if (attribute(cur, dd->colname))
            continue;
        const char *add = arena_printf(e->a, "ALTER TYPE %s ADD ATTRIBUTE %s %s CASCADE;", q, q_ident(e->a, dd->colname),
                                       attribute_type(e, des, dd));
        emit_stmt(e, emit_guarded(e, arena_printf(e->a,
                                                  "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = "
                                                  "(SELECT typrelid FROM pg_catalog.pg_type WHERE oid = %s::pg_catalog.regtype) "
                                                  "AND attname = %s AND NOT attisdropped)",
                                                  q_literal(e->a, q), q_literal(e->a, dd->colname)),
                                  add));
    }
}

void emit_composite(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE:
        create_type(e, (const Definition *)c->desired);
        created(e);
        break;
    case CHG_DROP:
        drop_simple(e, "TYPE");
        break;
    case CHG_ALTER:
        if (c->alter & ALT_DEFINITION)
            alter_attributes(e, (const Definition *)c->current, (const Definition *)c->desired);
        if (c->alter & ALT_COMMENT)
            alter_comments(e);
        emit_summary(e, "alter", c->desired, c->alter & ALT_DEFINITION ? "attributes" : NULL);
        break;
    }
}

/* ---- collations -------------------------------------------------------------------- */

void emit_collation(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE: {
        DefineStmt *st = copyObjectImpl(((const Definition *)c->desired)->raw);
        st->if_not_exists = e->style == STYLE_MIGRATION;
        emit_stmt(e, with_semi(e, deparse_stmt(e->a, (Node *)st)));
        comment_after_create(e, c->desired);
        created(e);
        break;
    }
    case CHG_DROP:
        drop_simple(e, "COLLATION");
        break;
    case CHG_ALTER:
        if (c->alter & ALT_COMMENT)
            alter_comments(e);
        emit_summary(e, "alter", c->desired, NULL);
        break;
    }
}

/* ---- aggregates -------------------------------------------------------------------- */

/* CREATE OR REPLACE AGGREGATE from the canonical text (parser/aggregate.c):
 * idempotent as it stands, and the same statement replaces a definition. */
static const char *aggregate_sql(Emit *e, const Definition *d)
{
    return arena_printf(e->a, "CREATE OR REPLACE AGGREGATE %s%s;", qual(e, &d->obj), d->agg_def);
}

void emit_aggregate(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE:
        emit_stmt(e, aggregate_sql(e, (const Definition *)c->desired));
        comment_after_create(e, c->desired);
        created(e);
        break;
    case CHG_DROP:
        emit_stmt(e, arena_printf(e->a, "DROP AGGREGATE IF EXISTS %s%s;", qual(e, c->current),
                                  agg_ref_args((const Definition *)c->current)));
        dropped(e);
        break;
    case CHG_ALTER:
        if (c->alter & ALT_REPLACE)
            emit_stmt(e, aggregate_sql(e, (const Definition *)c->desired));
        if (c->alter & ALT_COMMENT)
            alter_comments(e);
        emit_summary(e, "alter", c->desired, c->alter & ALT_REPLACE ? "replace the definition" : NULL);
        break;
    }
}

/* ---- operators --------------------------------------------------------------------- */

/* "schema.op(left, right)" as regoperator reads it, and the operator's
 * qualified name ("schema".op: an operator name is never quoted). */
static const char *op_name(Emit *e, const Obj *o)
{
    return arena_printf(e->a, "%s.%s", q_ident(e->a, o->schema), o->name);
}

/* CREATE OPERATOR has no IF NOT EXISTS and no OR REPLACE; in a migration
 * it runs unless the operator exists other than as the shell a
 * commutator or negator made (oprcode 0), which CREATE fills. */
static void create_operator(Emit *e, const Definition *d)
{
    const char *sql = arena_printf(e->a, "CREATE OPERATOR %s %s;", op_name(e, &d->obj), d->canon);
    if (e->style != STYLE_MIGRATION) {
        emit_stmt(e, sql);
        return;
    }
    const char *reg = arena_printf(e->a, "%s%s", op_name(e, &d->obj), d->signature);
    emit_stmt(e, emit_guarded(e, arena_printf(e->a, "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_operator WHERE oid = "
                                                    "pg_catalog.to_regoperator(%s) AND oprcode <> 0)",
                                              q_literal(e->a, reg)),
                              sql));
}

void emit_operator(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE:
        create_operator(e, (const Definition *)c->desired);
        comment_after_create(e, c->desired);
        created(e);
        break;
    case CHG_DROP:
        emit_stmt(e, arena_printf(e->a, "DROP OPERATOR IF EXISTS %s%s;", op_name(e, c->current),
                                  ((const Definition *)c->current)->signature));
        dropped(e);
        break;
    case CHG_ALTER: {
        const Definition *cur = (const Definition *)c->current, *des = (const Definition *)c->desired;
        if (c->alter & ALT_REPLACE)
            emit_stmt(e, arena_printf(e->a, "ALTER OPERATOR %s%s SET (RESTRICT = %s, JOIN = %s);", op_name(e, &des->obj),
                                      des->signature, des->op_restrict ? des->op_restrict : "NONE",
                                      des->op_join ? des->op_join : "NONE"));
        (void)cur;
        if (c->alter & ALT_COMMENT)
            alter_comments(e);
        emit_summary(e, "alter", c->desired, c->alter & ALT_REPLACE ? "RESTRICT and JOIN" : NULL);
        break;
    }
    }
}

/* ---- operator families and classes ------------------------------------------------- */

static const char *opc_am(const Obj *o)
{
    return strstr(((const Definition *)o)->identity, " USING ") + 7;
}

/* Neither has IF NOT EXISTS: in a migration, created unless it exists. */
static void create_opclass(Emit *e, const Definition *d)
{
    bool fam = d->obj.kind == OBJ_OPFAMILY;
    const char *name = q_qual(e->a, d->obj.schema, d->obj.name), *am = opc_am(&d->obj);
    const char *sql = fam ? arena_printf(e->a, "CREATE OPERATOR FAMILY %s USING %s;", name, am)
                          : arena_printf(e->a, "CREATE OPERATOR CLASS %s %s;", name, d->canon);
    int n = 1;
    const char *add = fam && *d->argnames
                          ? arena_printf(e->a, "ALTER OPERATOR FAMILY %s USING %s ADD %s;", name, am, d->argnames)
                          : NULL;
    if (e->style != STYLE_MIGRATION) {
        emit_stmt(e, sql);
        if (add)
            emit_stmt(e, add);
        return;
    }
    if (add) {
        sql = arena_printf(e->a, "%s\n        %s", sql, add);
        n = 2;
    }
    const char *cond = arena_printf(e->a,
        "NOT EXISTS (SELECT 1 FROM pg_catalog.%s x JOIN pg_catalog.pg_am a ON a.oid = x.%s "
        "WHERE x.%s = %s AND x.%s = %s::pg_catalog.regnamespace AND a.amname = %s)",
        fam ? "pg_opfamily" : "pg_opclass", fam ? "opfmethod" : "opcmethod", fam ? "opfname" : "opcname",
        q_literal(e->a, d->obj.name), fam ? "opfnamespace" : "opcnamespace",
        q_literal(e->a, q_ident(e->a, d->obj.schema)), q_literal(e->a, am));
    emit_stmt(e, emit_guarded_n(e, cond, sql, n));
}

void emit_opclass(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE:
        create_opclass(e, (const Definition *)c->desired);
        comment_after_create(e, c->desired);
        created(e);
        break;
    case CHG_DROP:
        emit_stmt(e, arena_printf(e->a, "DROP OPERATOR %s IF EXISTS %s USING %s;",
                                  c->current->kind == OBJ_OPCLASS ? "CLASS" : "FAMILY",
                                  q_qual(e->a, c->current->schema, c->current->name), opc_am(c->current)));
        dropped(e);
        break;
    case CHG_ALTER:
        if (c->alter & ALT_COMMENT)
            alter_comments(e);
        emit_summary(e, "alter", c->desired, NULL);
        break;
    }
}

/* ---- ownership and privileges ------------------------------------------------------ */

static bool has_owner(ObjKind k)
{
    switch (k) {
    case OBJ_SCHEMA:
    case OBJ_ENUM:
    case OBJ_SEQUENCE:
    case OBJ_TABLE:
    case OBJ_DOMAIN:
    case OBJ_COMPOSITE:
    case OBJ_FUNCTION:
    case OBJ_AGGREGATE:
    case OBJ_VIEW:
    case OBJ_EVENT_TRIGGER:
    case OBJ_COLLATION:
    case OBJ_OPERATOR:
    case OBJ_OPFAMILY:
    case OBJ_OPCLASS:
    case OBJ_RANGE:
    case OBJ_STATISTICS:
    case OBJ_TS_DICT:
    case OBJ_TS_CONFIG:
    case OBJ_PUBLICATION:
    case OBJ_FDW:
    case OBJ_SERVER:
        return true;
    case OBJ_USER_MAPPING:
    case OBJ_CAST:
    case OBJ_EXTENSION:
    case OBJ_COLUMN:
    case OBJ_CONSTRAINT:
    case OBJ_INDEX:
    case OBJ_SEQ_OWNER:
    case OBJ_TRIGGER:
    case OBJ_POLICY:
    case OBJ_RULE:
    case OBJ_DEFAULT_ACL:
    case OBJ_TS_PARSER:   /* no owner: superusers' objects */
    case OBJ_TS_TEMPLATE:
    case OBJ_KIND_COUNT:
        break;
    }
    return false;
}

static const char *grantee_sql(Emit *e, const char *g, const char *owner)
{
    if (!*g)
        return "PUBLIC";
    if (!strcmp(g, ACL_OWNER))
        return owner ? q_ident(e->a, owner) : "CURRENT_USER";
    return q_ident(e->a, g);
}

/* "TABLE "s"."t"", "FUNCTION "s"."f"(integer)", "SCHEMA "s"" as GRANT names it. */
static const char *grant_target(Emit *e, const Obj *o)
{
    switch (o->kind) {
    case OBJ_DEFAULT_ACL:
        return o->table;
    case OBJ_FUNCTION:
        return arena_printf(e->a, "%s %s%s", ((const Definition *)o)->result ? "FUNCTION" : "PROCEDURE",
                            qual(e, o), ((const Definition *)o)->signature);
    case OBJ_AGGREGATE: /* its privileges are a function's */
        return arena_printf(e->a, "FUNCTION %s%s", qual(e, o), ((const Definition *)o)->signature);
    case OBJ_SCHEMA:
        return arena_printf(e->a, "SCHEMA %s", q_ident(e->a, o->name));
    case OBJ_COLUMN:
        return arena_printf(e->a, "TABLE %s", q_qual(e->a, o->schema, o->table));
    case OBJ_FDW:
    case OBJ_SERVER:
        return arena_printf(e->a, "%s %s", kind_info[o->kind].grant_sql, q_ident(e->a, o->name));
    case OBJ_USER_MAPPING:
    case OBJ_EXTENSION:
    case OBJ_ENUM:
    case OBJ_SEQUENCE:
    case OBJ_TABLE:
    case OBJ_CONSTRAINT:
    case OBJ_INDEX:
    case OBJ_SEQ_OWNER:
    case OBJ_DOMAIN:
    case OBJ_COMPOSITE:
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
    case OBJ_KIND_COUNT:
        break;
    }
    return arena_printf(e->a, "%s %s", kind_info[o->kind].grant_sql, qual(e, o));
}

/* SQL condition: role `g` does not own object o. */
static const char *owner_is(Emit *e, const Obj *o, const char *g)
{
    const char *who = "NULL";
    switch (o->kind) {
    case OBJ_SCHEMA:
        who = arena_printf(e->a, "(SELECT nspowner FROM pg_catalog.pg_namespace WHERE nspname = %s)",
                           q_literal(e->a, o->name));
        break;
    case OBJ_FUNCTION:
    case OBJ_AGGREGATE:
        who = arena_printf(e->a, "(SELECT proowner FROM pg_catalog.pg_proc WHERE oid = %s::pg_catalog.regprocedure)",
                           q_literal(e->a, arena_printf(e->a, "%s%s", qual(e, o), ((const Definition *)o)->signature)));
        break;
    case OBJ_STATISTICS:
        who = arena_printf(e->a, "(SELECT s.stxowner FROM pg_catalog.pg_statistic_ext s JOIN pg_catalog.pg_namespace n "
                                 "ON n.oid = s.stxnamespace WHERE n.nspname = %s AND s.stxname = %s)",
                           q_literal(e->a, o->schema), q_literal(e->a, o->name));
        break;
    case OBJ_ENUM:
    case OBJ_DOMAIN:
    case OBJ_COMPOSITE:
    case OBJ_RANGE:
        who = arena_printf(e->a, "(SELECT typowner FROM pg_catalog.pg_type WHERE oid = %s::pg_catalog.regtype)",
                           q_literal(e->a, qual(e, o)));
        break;
    case OBJ_COLUMN:
        who = arena_printf(e->a, "(SELECT relowner FROM pg_catalog.pg_class WHERE oid = %s::pg_catalog.regclass)",
                           q_literal(e->a, q_qual(e->a, o->schema, o->table)));
        break;
    case OBJ_TS_DICT:
    case OBJ_TS_CONFIG: {
        bool dict = o->kind == OBJ_TS_DICT;
        who = arena_printf(e->a, "(SELECT %s FROM pg_catalog.%s t JOIN pg_catalog.pg_namespace n ON n.oid = t.%s "
                                 "WHERE n.nspname = %s AND t.%s = %s)",
                           dict ? "dictowner" : "cfgowner", dict ? "pg_ts_dict" : "pg_ts_config",
                           dict ? "dictnamespace" : "cfgnamespace", q_literal(e->a, o->schema),
                           dict ? "dictname" : "cfgname", q_literal(e->a, o->name));
        break;
    }
    case OBJ_PUBLICATION:
        who = arena_printf(e->a, "(SELECT pubowner FROM pg_catalog.pg_publication WHERE pubname = %s)",
                           q_literal(e->a, o->name));
        break;
    case OBJ_FDW:
        who = arena_printf(e->a, "(SELECT fdwowner FROM pg_catalog.pg_foreign_data_wrapper WHERE fdwname = %s)",
                           q_literal(e->a, o->name));
        break;
    case OBJ_SERVER:
        who = arena_printf(e->a, "(SELECT srvowner FROM pg_catalog.pg_foreign_server WHERE srvname = %s)",
                           q_literal(e->a, o->name));
        break;
    case OBJ_USER_MAPPING:
    case OBJ_TS_PARSER:
    case OBJ_TS_TEMPLATE:
    case OBJ_EXTENSION:
    case OBJ_SEQUENCE:
    case OBJ_TABLE:
    case OBJ_CONSTRAINT:
    case OBJ_INDEX:
    case OBJ_SEQ_OWNER:
    case OBJ_VIEW:
    case OBJ_TRIGGER:
    case OBJ_POLICY:
    case OBJ_EVENT_TRIGGER:
    case OBJ_DEFAULT_ACL:
    case OBJ_COLLATION:
    case OBJ_OPERATOR:
    case OBJ_RULE:
    case OBJ_OPFAMILY:
    case OBJ_OPCLASS:
    case OBJ_CAST:
    case OBJ_KIND_COUNT:
        who = arena_printf(e->a, "(SELECT relowner FROM pg_catalog.pg_class WHERE oid = %s::pg_catalog.regclass)",
                           q_literal(e->a, qual(e, o)));
        break;
    }
    return arena_printf(e->a, "pg_catalog.pg_get_userbyid(%s) <> %s", who, q_literal(e->a, g));
}

static const AclItem *find_item(const Acl *acl, const char *g)
{
    for (int i = 0; i < acl->n; i++)
        if (!strcmp(acl->items[i].grantee, g))
            return &acl->items[i];
    return NULL;
}

static const char *privs_on(Emit *e, unsigned bits, const Obj *o)
{
    const char *p = acl_priv_sql(e->a, bits);
    if (o->kind != OBJ_COLUMN)
        return p;
    /* SELECT (c), UPDATE (c) */
    StrBuf sb;
    sb_init(&sb);
    const char *col = q_ident(e->a, o->name);
    for (const char *s = p; *s;) {
        size_t n = strcspn(s, ",");
        sb_printf(&sb, "%s%.*s (%s)", sb.len ? ", " : "", (int)n, s, col);
        s += n;
        while (*s == ',' || *s == ' ')
            s++;
    }
    return sb_take(&sb, e->a);
}

/* GRANT / REVOKE turning `cur` (NULL: the default) into `des`'s privileges. */
static void acl_delta(Emit *e, const Obj *cur, const Obj *des)
{
    const char *owner = des->owner ? des->owner : cur ? cur->owner : NULL;
    Obj fresh;
    obj_copy(&fresh, des, sizeof fresh);
    fresh.acl = NULL;
    Acl x = acl_effective(e->a, cur ? cur : &fresh, owner), y = acl_effective(e->a, des, owner);
    const char *target = grant_target(e, des);
    /* default privileges: the same GRANT / REVOKE after this prefix */
    const char *pre = des->kind == OBJ_DEFAULT_ACL ? arena_printf(e->a, "ALTER %s ", emit_obj_ref(e->a, des)) : "";
    PtrVec grantees = {0};
    for (int i = 0; i < x.n; i++)
        vec_push(e->a, &grantees, (void *)x.items[i].grantee);
    for (int i = 0; i < y.n; i++)
        if (!find_item(&x, y.items[i].grantee))
            vec_push(e->a, &grantees, (void *)y.items[i].grantee);
    for (int i = 0; i < grantees.n; i++) {
        const char *g = grantees.items[i];
        const AclItem *a = find_item(&x, g), *b = find_item(&y, g);
        unsigned cp = a ? a->privs : 0, cg = a ? a->grantable : 0, dp = b ? b->privs : 0, dg = b ? b->grantable : 0;
        const char *who = grantee_sql(e, g, owner);
        /* with no owner known, a role named here may be the owner, whose
         * privileges a file's GRANT or REVOKE to it did not mean to change
         * (PostgreSQL ignores grants to the owner): guarded at run time */
        const char *unless_owner =
            !owner && *g && strcmp(g, ACL_OWNER) && des->kind != OBJ_DEFAULT_ACL ? owner_is(e, des, g) : NULL;
        size_t first = (size_t)e->c->sql.n;
        if (cp & ~dp)
            emit_stmt(e, arena_printf(e->a, "%sREVOKE %s ON %s FROM %s;", pre, privs_on(e, cp & ~dp, des), target, who));
        if ((cg & dp) & ~dg)
            emit_stmt(e, arena_printf(e->a, "%sREVOKE GRANT OPTION FOR %s ON %s FROM %s;", pre,
                                      privs_on(e, (cg & dp) & ~dg, des), target, who));
        if ((dp & ~cp) & ~dg)
            emit_stmt(e, arena_printf(e->a, "%sGRANT %s ON %s TO %s;", pre, privs_on(e, (dp & ~cp) & ~dg, des), target,
                                      who));
        if (dg & ~cg)
            emit_stmt(e, arena_printf(e->a, "%sGRANT %s ON %s TO %s WITH GRANT OPTION;", pre,
                                      privs_on(e, dg & ~cg, des), target, who));
        for (size_t k = first; unless_owner && k < (size_t)e->c->sql.n; k++) {
            /* the statement and its step both become the guard */
            const char *body = e->c->sql.items[k];
            e->c->sql.items[k] = (void *)emit_guarded(e, unless_owner, body);
            Step *st = e->c->steps.items[k];
            st->sql = e->c->sql.items[k];
            st->body = body;
        }
    }
}

/* Column privileges of a view: each column's difference (a column only
 * one side has is compared with no privileges). */
static void view_column_acls(Emit *e, const Definition *cur, const Definition *des)
{
    for (int i = 0; i < des->colacls.n; i++) {
        const Obj *dc = des->colacls.items[i];
        const Obj *cc = NULL;
        for (int k = 0; cur && k < cur->colacls.n; k++)
            if (!strcmp(((const Obj *)cur->colacls.items[k])->name, dc->name))
                cc = cur->colacls.items[k];
        acl_delta(e, cc, dc);
    }
    for (int k = 0; cur && k < cur->colacls.n; k++) {
        const Obj *cc = cur->colacls.items[k];
        bool kept = false;
        for (int i = 0; i < des->colacls.n; i++)
            kept = kept || !strcmp(((const Obj *)des->colacls.items[i])->name, cc->name);
        if (!kept) {
            Obj none;
            obj_copy(&none, cc, sizeof none);
            none.acl = arena_alloc(e->a, sizeof(Acl));
            acl_delta(e, cc, &none);
        }
    }
}

void emit_default_acl(Emit *e)
{
    Change *c = e->c;
    const Obj *o = c->desired ? c->desired : c->current;
    Obj none;
    obj_copy(&none, o, sizeof none);
    none.acl = NULL; /* the defaults' defaults */
    switch (c->op) {
    case CHG_CREATE: acl_delta(e, NULL, c->desired); break;
    case CHG_DROP: acl_delta(e, c->current, &none); break;
    case CHG_ALTER: acl_delta(e, c->current, c->desired); break;
    }
    emit_summary(e, c->op == CHG_CREATE ? "set" : c->op == CHG_DROP ? "reset" : "change", o, NULL);
}

void emit_owner_acl(Emit *e)
{
    Change *c = e->c;
    if (c->op == CHG_DROP)
        return;
    const Obj *d = c->desired;
    /* an enum rebuilt in place is a new type: owner and privileges as on a create */
    bool fresh = c->op == CHG_CREATE || (c->alter & ALT_ENUM_REBUILD);
    const Obj *cur = fresh ? NULL : c->current;
    size_t before = (size_t)c->sql.n;
    /* a sequence owned by a column changes owner with its table */
    bool linked = d->kind == OBJ_SEQUENCE && ((const Sequence *)d)->owned && !fresh;
    if (has_owner(d->kind) && d->owner && !linked && (fresh || (c->alter & ALT_OWNER))) {
        const char *ref = d->kind == OBJ_TABLE ? arena_printf(e->a, "TABLE %s", qual(e, d)) : emit_obj_ref(e->a, d);
        emit_stmt(e, arena_printf(e->a, "ALTER %s OWNER TO %s;", ref, q_ident(e->a, d->owner)));
    }
    bool acl_kind = kind_info[d->kind].grant_sql != NULL; /* default privileges: emit_default_acl() */
    if (acl_kind && (fresh ? d->acl != NULL : (c->alter & ALT_ACL) != 0))
        acl_delta(e, cur, d);
    if (d->kind == OBJ_VIEW && (fresh || (c->alter & ALT_ACL)))
        view_column_acls(e, (const Definition *)cur, (const Definition *)d);
    /* columns created with their table (all of them: a re-created table's
     * columns are unchanged, so no change of theirs is among its parts) */
    for (int i = 0; c->op == CHG_CREATE && d->kind == OBJ_TABLE && i < ((const Table *)d)->columns.n; i++) {
        const Obj *col = ((const Table *)d)->columns.items[i];
        if (col->kind == OBJ_COLUMN && col->acl && col->acl->n)
            acl_delta(e, NULL, col);
    }
    if (c->op == CHG_ALTER && (size_t)c->sql.n > before && !(c->alter & ~(ALT_OWNER | ALT_ACL)))
        emit_summary(e, "alter", d, c->alter & ALT_OWNER ? (c->alter & ALT_ACL ? "owner, privileges" : "owner")
                                                         : "privileges");
}
