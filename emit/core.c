/*
 * core.c — the statement helpers every emitter of a kind shares.
 *
 * The kind emitters (sql.c, column.c, defs.c, defkinds.c, textsearch.c,
 * publication.c, replident.c) build their statements through these and
 * through quote.c; nothing here calls back into them, so emit/ reads one
 * way: emit.c (the per-kind dispatch) -> the kind emitters -> core.c ->
 * quote.c / reparse.c.  Here: appending a statement to a change with its
 * Step, the catalog-guarded DO block, COMMENT ON and the name each kind
 * goes by in it (and in OWNER TO / GRANT), a change's one-line summary,
 * and a relation's drop that checks the kind when its name is reused.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

static const char *qual(Emit *e, const Obj *o)
{
    return q_qual(e->a, o->schema, o->name);
}

static const char *table_qual(Emit *e, const Obj *o)
{
    return q_qual(e->a, o->schema, o->table);
}

void emit_stmt(Emit *e, const char *sql)
{
    vec_push(e->a, &e->c->sql, (void *)sql);
    Step *st = arena_alloc(e->a, sizeof(Step));
    st->sql = sql;
    st->body = sql == e->guard_sql ? e->guard_body : sql;
    st->est_rows = -1;
    st->est_bytes = -1;
    vec_push(e->a, &e->c->steps, st);
}

/* `DO $sd$ BEGIN IF <cond> THEN <body> END IF; END $sd$;`, the body being
 * `n` statements: checked here (reparse.c), since once inside the block
 * they are PL/pgSQL and no longer told apart. */
const char *emit_guarded_n(Emit *e, const char *cond, const char *body, int n)
{
    const char *why = reparse_condition(e->a, cond);
    if (!why)
        why = reparse_guarded_body(e->a, body, n);
    if (why)
        return arena_printf(e->a, DEPARSE_UNPRINTABLE "%s\001", why);
    const char *inner = arena_printf(e->a, "\nBEGIN\n    IF %s THEN\n        %s\n    END IF;\nEND\n", cond, body);
    e->guard_sql = arena_printf(e->a, "DO %s;", q_dollar(e->a, inner));
    e->guard_body = body;
    return e->guard_sql;
}

const char *emit_guarded(Emit *e, const char *cond, const char *body)
{
    return emit_guarded_n(e, cond, body, 1);
}

const char *emit_comment_on(Emit *e, const char *what, const char *comment)
{
    return arena_printf(e->a, "COMMENT ON %s IS %s;", what,
                        comment ? q_literal(e->a, comment) : "NULL");
}

const char *emit_comment_target(Emit *e, const Obj *o)
{
    switch (o->kind) {
    case OBJ_COLUMN:
        return arena_printf(e->a, "COLUMN %s.%s", table_qual(e, o), q_ident(e->a, o->name));
    case OBJ_CONSTRAINT:
        return arena_printf(e->a, "CONSTRAINT %s ON %s", q_ident(e->a, o->name), table_qual(e, o));
    case OBJ_SCHEMA:
    case OBJ_EXTENSION:
        return arena_printf(e->a, "%s %s", kind_info[o->kind].sql_name, q_ident(e->a, o->name));
    case OBJ_DOMAIN:
    case OBJ_COMPOSITE:
    case OBJ_FUNCTION:
    case OBJ_AGGREGATE:
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
    case OBJ_TS_PARSER:
    case OBJ_TS_TEMPLATE:
    case OBJ_TS_DICT:
    case OBJ_TS_CONFIG:
    case OBJ_PUBLICATION:
    case OBJ_FDW:
    case OBJ_SERVER:
    case OBJ_USER_MAPPING:
        return emit_obj_ref(e->a, o);
    case OBJ_ENUM:
    case OBJ_SEQUENCE:
    case OBJ_TABLE:
    case OBJ_INDEX:
    case OBJ_SEQ_OWNER:
    case OBJ_RANGE:
    case OBJ_STATISTICS:
    case OBJ_KIND_COUNT:
        break;
    }
    if (o->kind == OBJ_TABLE && ((const Table *)o)->server)
        return foreign_obj_ref(e->a, o);
    return arena_printf(e->a, "%s %s", kind_info[o->kind].sql_name, qual(e, o));
}

const char *emit_comment_sql(Emit *e, const Obj *o)
{
    return emit_comment_on(e, emit_comment_target(e, o), o->comment);
}



void emit_summary(Emit *e, const char *verb, const Obj *o, const char *detail)
{
    e->c->summary = arena_printf(e->a, "%s %s%s%s", verb, obj_display(e->a, o),
                                 detail ? ": " : "", detail ? detail : "");
}

const char *emit_type_missing(Emit *e, const Obj *o)
{
    return arena_printf(e->a,
                        "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n "
                        "ON n.oid = t.typnamespace WHERE n.nspname = %s AND t.typname = %s)",
                        q_literal(e->a, o->schema), q_literal(e->a, o->name));
}

/* An aggregate's arguments as DROP / COMMENT ON / ALTER AGGREGATE name
 * them: "(*)" for none. */
static const char *agg_ref_args(const Definition *d)
{
    return !strcmp(d->signature, "()") ? "(*)" : d->signature;
}

const char *emit_obj_ref(Arena *a, const Obj *o)
{
    const Definition *d = (const Definition *)o;
    switch (o->kind) {
    case OBJ_VIEW:
        return arena_printf(a, "%s %s", d->materialized ? "MATERIALIZED VIEW" : "VIEW", q_qual(a, o->schema, o->name));
    case OBJ_FUNCTION:
        return arena_printf(a, "%s %s%s", d->result ? "FUNCTION" : "PROCEDURE", q_qual(a, o->schema, o->name),
                            d->signature);
    case OBJ_AGGREGATE:
        return arena_printf(a, "AGGREGATE %s%s", q_qual(a, o->schema, o->name), agg_ref_args(d));
    case OBJ_CAST: /* name is "(source AS target)", types quoted */
        return arena_printf(a, "CAST %s", o->name);
    case OBJ_TRIGGER:
    case OBJ_POLICY:
    case OBJ_RULE:
        return arena_printf(a, "%s %s ON %s", kind_info[o->kind].sql_name, q_ident(a, o->name),
                            q_qual(a, o->schema, o->table));
    case OBJ_EVENT_TRIGGER:
    case OBJ_SCHEMA:
    case OBJ_EXTENSION:
    case OBJ_PUBLICATION:
    case OBJ_FDW:
    case OBJ_SERVER:
        return arena_printf(a, "%s %s", kind_info[o->kind].sql_name, q_ident(a, o->name));
    case OBJ_USER_MAPPING:
        return foreign_obj_ref(a, o);
    case OBJ_DEFAULT_ACL:
        return arena_printf(a, "DEFAULT PRIVILEGES%s%s%s%s", *o->name ? " FOR ROLE " : "",
                            *o->name ? q_ident(a, o->name) : "", o->schema ? " IN SCHEMA " : "",
                            o->schema ? q_ident(a, o->schema) : "");
    case OBJ_COLUMN:
        return arena_printf(a, "COLUMN %s.%s", q_qual(a, o->schema, o->table), q_ident(a, o->name));
    case OBJ_DOMAIN:
    case OBJ_COMPOSITE:
    case OBJ_ENUM:
    case OBJ_SEQUENCE:
    case OBJ_TABLE:
    case OBJ_INDEX:
    case OBJ_CONSTRAINT:
    case OBJ_SEQ_OWNER:
    case OBJ_COLLATION:
    case OBJ_RANGE:
    case OBJ_STATISTICS:
    case OBJ_TS_PARSER:
    case OBJ_TS_TEMPLATE:
    case OBJ_TS_DICT:
    case OBJ_TS_CONFIG:
    case OBJ_KIND_COUNT:
        break;
    case OBJ_OPFAMILY:
    case OBJ_OPCLASS:
        return arena_printf(a, "OPERATOR %s %s USING %s", o->kind == OBJ_OPCLASS ? "CLASS" : "FAMILY",
                            q_qual(a, o->schema, o->name), strstr(d->identity, " USING ") + 7);
    case OBJ_OPERATOR: /* the operator is a symbol: never quoted */
        return arena_printf(a, "OPERATOR %s.%s%s", q_ident(a, o->schema), o->name, d->signature);
    }
    return arena_printf(a, "%s %s", kind_info[o->kind].sql_name, q_qual(a, o->schema, o->name));
}

const char *emit_drop_relation(Emit *e, const char *what, char relkind, const Obj *o)
{
    const char *drop = arena_printf(e->a, "DROP %s IF EXISTS %s;", what, qual(e, o));
    if (!e->c->name_reused || e->style != STYLE_MIGRATION)
        return drop;
    return emit_guarded(e, arena_printf(e->a, "EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE oid = "
                                              "pg_catalog.to_regclass(%s) AND relkind = '%c')",
                                        q_literal(e->a, qual(e, o)), relkind),
                        drop);
}

const char *emit_seq_opts(Arena *a, const SeqOpts *o, bool with_type)
{
    return arena_printf(a, "%s%sINCREMENT BY %lld MINVALUE %lld MAXVALUE %lld START WITH %lld CACHE %lld %s",
                        with_type ? "AS " : "", with_type ? arena_printf(a, "%s ", o->type) : "",
                        (long long)o->increment, (long long)o->min, (long long)o->max,
                        (long long)o->start, (long long)o->cache, o->cycle ? "CYCLE" : "NO CYCLE");
}

/* Whether the grammar takes `n` where it wants a b_expr (a column's
 * DEFAULT in CREATE TABLE): not a boolean, IS [NOT] NULL or IS TRUE test,
 * not COLLATE, not an operator form of a_expr only (IN, LIKE, BETWEEN,
 * ANY/ALL, ...).  `DEFAULT (x IS NULL)` printed without its parentheses
 * did not parse. */
static bool b_expr(const Node *n)
{
    switch (nodeTag(n)) {
    case T_BoolExpr:
    case T_NullTest:
    case T_BooleanTest:
    case T_CollateClause:
        return false;
    case T_A_Expr: {
        A_Expr_Kind k = ((const A_Expr *)n)->kind;
        return k == AEXPR_OP || k == AEXPR_DISTINCT || k == AEXPR_NOT_DISTINCT;
    }
    case T_SubLink:
        return ((const SubLink *)n)->subLinkType == EXISTS_SUBLINK || ((const SubLink *)n)->subLinkType == EXPR_SUBLINK ||
               ((const SubLink *)n)->subLinkType == ARRAY_SUBLINK;
    default:
        return true;
    }
}

const char *emit_default_expr(Arena *a, const Node *n)
{
    const char *s = deparse_expr(a, n);
    return b_expr(n) ? s : arena_printf(a, "(%s)", s);
}

void emit_column_def_into(StrBuf *sb, Arena *a, const Column *col, EmitStyle style)
{
    (void)style;
    sb_quote_ident(sb, col->obj.name);
    sb_printf(sb, " %s%s", col->type.sql, foreign_options_sql(a, &col->fdw_options));
    if (col->collation)
        sb_printf(sb, " COLLATE %s", col->collation);
    if (col->generated)
        sb_printf(sb, " GENERATED ALWAYS AS (%s) STORED", deparse_expr(a, col->generated->raw));
    if (col->def)
        sb_printf(sb, " DEFAULT %s", emit_default_expr(a, col->def->raw));
    if (col->identity)
        sb_printf(sb, " GENERATED %s AS IDENTITY (%s)",
                  col->identity == IDENTITY_ALWAYS ? "ALWAYS" : "BY DEFAULT",
                  emit_seq_opts(a, &col->identity_opts, false));
    if (col->not_null && !col->identity)
        sb_puts(sb, " NOT NULL");
}

const char *emit_column_def(Arena *a, const Column *col, EmitStyle style)
{
    StrBuf sb;
    sb_init(&sb);
    emit_column_def_into(&sb, a, col, style);
    char *r = sb_take(&sb, a);
    sb_free(&sb);
    return r;
}

/* A column's storage, compression and options where `des` states them
 * unlike `cur` (NULL: a new column). */
void emit_column_attrs(Emit *e, const char *table, const Column *cur, const Column *des)
{
    PtrVec v = {0};
    colattr_sql(e->a, table, cur, des, &v);
    for (int i = 0; i < v.n; i++)
        emit_stmt(e, v.items[i]);
}

const char *emit_constraint_exists(Emit *e, const char *table, const char *name, bool negate)
{
    return arena_printf(e->a,
                        "%sEXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = "
                        "pg_catalog.to_regclass(%s) AND conname = %s)",
                        negate ? "NOT " : "", q_literal(e->a, table), q_literal(e->a, name));
}
