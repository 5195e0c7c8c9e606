/*
 * foreign.c — SQL of foreign data wrappers, servers, user mappings and the
 * foreign parts of foreign tables.
 *
 * Wrappers are created in a DO block guarded by pg_foreign_data_wrapper
 * (CREATE FOREIGN DATA WRAPPER has no IF NOT EXISTS); servers and user
 * mappings with IF NOT EXISTS; all are dropped with IF EXISTS.  A changed
 * HANDLER / VALIDATOR or server VERSION is altered in place; a server whose
 * wrapper or TYPE changes is re-created (with what depends on it).
 *
 * OPTIONS are changed one option at a time, each statement guarded by the
 * catalog's option array (ADD only while the option is missing, SET and
 * DROP only while it is there), so a second run does nothing.
 *
 * An option holding a secret (parser/foreign.c: foreign_is_secret) has no
 * value in the model and is never printed: a create leaves it out, and
 * where the desired state has one the current state lacks, a comment and a
 * NOTICE at run time tell the operator the statement to run by hand
 * (`ALTER USER MAPPING FOR r SERVER s OPTIONS (ADD password '…')`); the
 * plan's summary says so too.  Dropping one prints no value.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

static bool migration(const Emit *e)
{
    return e->style == STYLE_MIGRATION;
}

const char *foreign_options_sql(Arena *a, const PtrVec *opts)
{
    StrBuf sb;
    sb_init(&sb);
    for (int i = 0; i < opts->n; i += 2)
        if (opts->items[i + 1] != MODEL_SECRET)
            sb_printf(&sb, "%s%s %s", sb.len ? ", " : " OPTIONS (", q_ident(a, opts->items[i]),
                      q_literal(a, opts->items[i + 1]));
    if (sb.len)
        sb_putc(&sb, ')');
    char *s = sb.len ? sb_take(&sb, a) : "";
    sb_free(&sb);
    return s;
}

static const char *role_sql(Arena *a, const char *role)
{
    return !strcmp(role, "PUBLIC") || !strcmp(role, "CURRENT_USER") ? role : q_ident(a, role);
}

/* "USER MAPPING FOR r SERVER s", "SERVER s", ... as ALTER names o. */
static const char *ref(Arena *a, const Obj *o)
{
    const Definition *d = (const Definition *)o;
    switch (o->kind) {
    case OBJ_USER_MAPPING:
        return arena_printf(a, "USER MAPPING FOR %s SERVER %s", role_sql(a, d->um_role), q_ident(a, d->um_server));
    case OBJ_TABLE:
        return arena_printf(a, "FOREIGN TABLE %s", q_qual(a, o->schema, o->name));
    case OBJ_COLUMN:
        return arena_printf(a, "FOREIGN TABLE %s ALTER COLUMN %s", q_qual(a, o->schema, o->table),
                            q_ident(a, o->name));
    case OBJ_FDW:
    case OBJ_SERVER:
    case OBJ_SCHEMA: case OBJ_EXTENSION: case OBJ_ENUM: case OBJ_SEQUENCE: case OBJ_CONSTRAINT:
    case OBJ_INDEX: case OBJ_SEQ_OWNER: case OBJ_DOMAIN: case OBJ_COMPOSITE: case OBJ_FUNCTION:
    case OBJ_AGGREGATE: case OBJ_VIEW: case OBJ_TRIGGER: case OBJ_POLICY: case OBJ_EVENT_TRIGGER:
    case OBJ_DEFAULT_ACL: case OBJ_COLLATION: case OBJ_OPERATOR: case OBJ_RULE: case OBJ_OPFAMILY:
    case OBJ_OPCLASS: case OBJ_RANGE: case OBJ_CAST: case OBJ_STATISTICS: case OBJ_TS_PARSER:
    case OBJ_TS_TEMPLATE: case OBJ_TS_DICT: case OBJ_TS_CONFIG: case OBJ_PUBLICATION: case OBJ_KIND_COUNT:
        break;
    }
    return arena_printf(a, "%s %s", kind_info[o->kind].sql_name, q_ident(a, o->name));
}

const char *foreign_obj_ref(Arena *a, const Obj *o)
{
    return ref(a, o);
}

/* The catalog's option array of o (text[]), as an SQL expression. */
static const char *options_array(Arena *a, const Obj *o)
{
    const Definition *d = (const Definition *)o;
    switch (o->kind) {
    case OBJ_FDW:
        return arena_printf(a, "(SELECT fdwoptions FROM pg_catalog.pg_foreign_data_wrapper WHERE fdwname = %s)",
                            q_literal(a, o->name));
    case OBJ_SERVER:
        return arena_printf(a, "(SELECT srvoptions FROM pg_catalog.pg_foreign_server WHERE srvname = %s)",
                            q_literal(a, o->name));
    case OBJ_USER_MAPPING:
        return arena_printf(a, "(SELECT umoptions FROM pg_catalog.pg_user_mappings WHERE srvname = %s AND usename = %s)",
                            q_literal(a, d->um_server),
                            !strcmp(d->um_role, "PUBLIC")         ? "'public'"
                            : !strcmp(d->um_role, "CURRENT_USER") ? "CURRENT_USER"
                                                                  : q_literal(a, d->um_role));
    case OBJ_TABLE:
        return arena_printf(a, "(SELECT ftoptions FROM pg_catalog.pg_foreign_table WHERE ftrelid = "
                               "pg_catalog.to_regclass(%s))", q_qual_literal(a, o->schema, o->name));
    case OBJ_COLUMN:
        return arena_printf(a, "(SELECT attfdwoptions FROM pg_catalog.pg_attribute WHERE attrelid = "
                               "pg_catalog.to_regclass(%s) AND attname = %s)",
                            q_qual_literal(a, o->schema, o->table), q_literal(a, o->name));
    case OBJ_SCHEMA: case OBJ_EXTENSION: case OBJ_ENUM: case OBJ_SEQUENCE: case OBJ_CONSTRAINT:
    case OBJ_INDEX: case OBJ_SEQ_OWNER: case OBJ_DOMAIN: case OBJ_COMPOSITE: case OBJ_FUNCTION:
    case OBJ_AGGREGATE: case OBJ_VIEW: case OBJ_TRIGGER: case OBJ_POLICY: case OBJ_EVENT_TRIGGER:
    case OBJ_DEFAULT_ACL: case OBJ_COLLATION: case OBJ_OPERATOR: case OBJ_RULE: case OBJ_OPFAMILY:
    case OBJ_OPCLASS: case OBJ_RANGE: case OBJ_CAST: case OBJ_STATISTICS: case OBJ_TS_PARSER:
    case OBJ_TS_TEMPLATE: case OBJ_TS_DICT: case OBJ_TS_CONFIG: case OBJ_PUBLICATION: case OBJ_KIND_COUNT:
        break;
    }
    return "NULL";
}

static const char *opt_value(const PtrVec *opts, const char *name)
{
    for (int i = 0; i < opts->n; i += 2)
        if (!strcmp(opts->items[i], name))
            return opts->items[i + 1];
    return NULL;
}

/* The secrets `des` has that `cur` (NULL: nothing) lacks, as the statement
 * that adds them by hand ("…" for each value); NULL when none. */
static const char *missing_secrets(Emit *e, const Obj *o, const PtrVec *cur, const PtrVec *des)
{
    StrBuf sb;
    sb_init(&sb);
    for (int i = 0; i < des->n; i += 2)
        if (des->items[i + 1] == MODEL_SECRET && !(cur && opt_value(cur, des->items[i])))
            sb_printf(&sb, "%s%s '…'", sb.len ? ", ADD " : "ADD ", q_ident(e->a, des->items[i]));
    if (!sb.len) {
        sb_free(&sb);
        return NULL;
    }
    const char *s = arena_printf(e->a, "ALTER %s OPTIONS (%s);", ref(e->a, o), sb.data);
    sb_free(&sb);
    return s;
}

static const char *note_what(Emit *e, const Obj *o)
{
    return arena_printf(e->a, "%s needs a secret schemadiff never writes: run by hand", obj_display(e->a, o));
}

/* The note for the operator as a comment (before a statement). */
static const char *note_comment(Emit *e, const Obj *o, const char *add)
{
    return arena_printf(e->a, "-- schemadiff: %s\n--   %s\n", note_what(e, o), add);
}

/* The note for the operator: a comment and, in a migration, a NOTICE at
 * run time (a statement of its own); the change's summary says it too. */
static void secret_note(Emit *e, const Obj *o, const char *add, bool with_notice)
{
    const char *what = note_what(e, o);
    const char *comment = note_comment(e, o, add);
    if (with_notice && migration(e))
        emit_stmt(e, arena_printf(e->a, "%sDO %s;", comment,
                                  q_dollar(e->a, arena_printf(e->a, "\nBEGIN\n    RAISE NOTICE '%%', %s;\nEND\n",
                                                              q_literal(e->a, arena_printf(e->a, "%s: %s", what, add))))));
    e->c->summary = arena_printf(e->a, "%s (run by hand: %s)", e->c->summary ? e->c->summary : "", add);
}

/* One guarded statement per option that differs from `cur` to `des`. */
static int alter_options(Emit *e, const Obj *o, const PtrVec *cur, const PtrVec *des)
{
    const char *arr = options_array(e->a, o);
    const char *alter = ref(e->a, o);
    int n = 0;
    for (int pass = 0; pass < 2; pass++) {
        const PtrVec *from = pass ? des : cur;
        for (int i = 0; i < from->n; i += 2) {
            const char *name = from->items[i], *value = from->items[i + 1];
            const char *other = opt_value(pass ? cur : des, name);
            const char *action = NULL;
            bool exists = true;
            if (!pass && !other)
                action = arena_printf(e->a, "DROP %s", q_ident(e->a, name));
            else if (pass && value != MODEL_SECRET && !other)
                action = arena_printf(e->a, "ADD %s %s", q_ident(e->a, name), q_literal(e->a, value)), exists = false;
            else if (pass && value != MODEL_SECRET && strcmp(other, value))
                action = arena_printf(e->a, "SET %s %s", q_ident(e->a, name), q_literal(e->a, value));
            if (!action)
                continue;
            const char *sql = arena_printf(e->a, "ALTER %s OPTIONS (%s);", alter, action);
            const char *cond = arena_printf(e->a, "%sEXISTS (SELECT 1 FROM pg_catalog.pg_options_to_table(%s) "
                                                  "WHERE option_name = %s)",
                                            exists ? "" : "NOT ", arr, q_literal(e->a, name));
            emit_stmt(e, migration(e) ? emit_guarded(e, cond, sql) : sql);
            n++;
        }
    }
    return n;
}

static const char *fdw_funcs_sql(Emit *e, const Definition *d)
{
    return arena_printf(e->a, "%s%s %s%s", d->fdw_handler ? "HANDLER " : "NO HANDLER",
                        d->fdw_handler ? d->fdw_handler : "", d->fdw_validator ? "VALIDATOR " : "NO VALIDATOR",
                        d->fdw_validator ? d->fdw_validator : "");
}

static const char *create_sql(Emit *e, const Definition *d)
{
    const Obj *o = &d->obj;
    Arena *a = e->a;
    const char *opts = foreign_options_sql(a, &d->fdw_options);
    if (o->kind == OBJ_FDW)
        return arena_printf(a, "CREATE FOREIGN DATA WRAPPER %s%s%s%s%s%s;", q_ident(a, o->name),
                            d->fdw_handler ? " HANDLER " : "", d->fdw_handler ? d->fdw_handler : "",
                            d->fdw_validator ? " VALIDATOR " : "", d->fdw_validator ? d->fdw_validator : "", opts);
    if (o->kind == OBJ_SERVER)
        return arena_printf(a, "CREATE SERVER%s %s%s%s%s%s FOREIGN DATA WRAPPER %s%s;",
                            migration(e) ? " IF NOT EXISTS" : "", q_ident(a, o->name),
                            d->srv_type ? " TYPE " : "", d->srv_type ? q_literal(a, d->srv_type) : "",
                            d->srv_version ? " VERSION " : "", d->srv_version ? q_literal(a, d->srv_version) : "",
                            q_ident(a, d->srv_fdw), opts);
    return arena_printf(a, "CREATE USER MAPPING%s FOR %s SERVER %s%s;", migration(e) ? " IF NOT EXISTS" : "",
                        role_sql(a, d->um_role), q_ident(a, d->um_server), opts);
}

void emit_foreign(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE: {
        const Definition *d = (const Definition *)c->desired;
        const char *add = missing_secrets(e, c->desired, NULL, &d->fdw_options);
        const char *sql = create_sql(e, d);
        if (add && !migration(e)) /* a dump: the note before the statement */
            sql = arena_printf(e->a, "%s%s", note_comment(e, c->desired, add), sql);
        if (c->kind == OBJ_FDW && migration(e))
            sql = emit_guarded(e, arena_printf(e->a, "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_foreign_data_wrapper "
                                                     "WHERE fdwname = %s)", q_literal(e->a, d->obj.name)), sql);
        emit_stmt(e, sql);
        if (d->obj.comment)
            emit_stmt(e, emit_comment_sql(e, &d->obj));
        emit_summary(e, c->rebuild ? "re-create" : "create", c->desired, NULL);
        if (add)
            secret_note(e, c->desired, add, true);
        break;
    }
    case CHG_DROP: {
        const Definition *d = (const Definition *)c->current;
        emit_stmt(e, c->kind == OBJ_USER_MAPPING
                         ? arena_printf(e->a, "DROP USER MAPPING IF EXISTS FOR %s SERVER %s;", role_sql(e->a, d->um_role),
                                        q_ident(e->a, d->um_server))
                         : arena_printf(e->a, "DROP %s IF EXISTS %s;", kind_info[c->kind].sql_name,
                                        q_ident(e->a, d->obj.name)));
        emit_summary(e, "drop", c->current, c->rebuild ? "to re-create it" : NULL);
        break;
    }
    case CHG_ALTER: {
        const Definition *cur = (const Definition *)c->current, *des = (const Definition *)c->desired;
        if (c->alter & ALT_FDW_FUNCS)
            emit_stmt(e, c->kind == OBJ_FDW
                             ? arena_printf(e->a, "ALTER FOREIGN DATA WRAPPER %s %s;", q_ident(e->a, des->obj.name),
                                            fdw_funcs_sql(e, des))
                             : arena_printf(e->a, "ALTER SERVER %s VERSION %s;", q_ident(e->a, des->obj.name),
                                            des->srv_version ? q_literal(e->a, des->srv_version) : "NULL"));
        if (c->alter & ALT_FDW_OPTIONS)
            alter_options(e, c->desired, &cur->fdw_options, &des->fdw_options);
        if ((c->alter & ALT_COMMENT) && !str_same(c->current->comment, c->desired->comment))
            emit_stmt(e, emit_comment_sql(e, c->desired));
        emit_summary(e, "alter", c->desired,
                     c->alter & ALT_FDW_FUNCS     ? (c->kind == OBJ_FDW ? "handler and validator" : "version")
                     : c->alter & ALT_FDW_OPTIONS ? "options"
                                                  : NULL);
        const char *add = (c->alter & ALT_FDW_OPTIONS) ? missing_secrets(e, c->desired, &cur->fdw_options,
                                                                         &des->fdw_options)
                                                       : NULL;
        if (add)
            secret_note(e, c->desired, add, true);
        break;
    }
    }
}

void foreign_table_tail(Arena *a, StrBuf *sb, const Table *t)
{
    sb_printf(sb, " SERVER %s%s", q_ident(a, t->server), foreign_options_sql(a, &t->fdw_options));
}

void foreign_table_notes(Emit *e, const Table *t)
{
    const char *add = missing_secrets(e, &t->obj, NULL, &t->fdw_options);
    if (add)
        secret_note(e, &t->obj, add, true);
}

void foreign_alter_options(Emit *e)
{
    const Obj *cur = e->c->current, *des = e->c->desired;
    const PtrVec *co = cur->kind == OBJ_TABLE ? &((const Table *)cur)->fdw_options : &((const Column *)cur)->fdw_options;
    const PtrVec *dp = des->kind == OBJ_TABLE ? &((const Table *)des)->fdw_options : &((const Column *)des)->fdw_options;
    alter_options(e, des, co, dp);
    const char *add = missing_secrets(e, des, co, dp);
    if (add)
        secret_note(e, des, add, true);
}

const char *foreign_fingerprint_text(Arena *a, const Obj *o)
{
    const Definition *d = (const Definition *)o;
    if (o->kind == OBJ_TABLE)
        return arena_printf(a, "server %s%s", ((const Table *)o)->server,
                            foreign_options_sql(a, &((const Table *)o)->fdw_options));
    if (o->kind == OBJ_COLUMN)
        return foreign_options_sql(a, &((const Column *)o)->fdw_options);
    /* a wrapper, server or user mapping; secrets by presence only */
    StrBuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%s|%s|%s|%s|%s|%d", d->fdw_handler ? d->fdw_handler : "", d->fdw_validator ? d->fdw_validator : "",
              d->srv_fdw ? d->srv_fdw : "", d->srv_type ? d->srv_type : "", d->srv_version ? d->srv_version : "",
              d->options_hidden);
    for (int i = 0; i < d->fdw_options.n; i += 2)
        sb_printf(&sb, "|%s=%s", (const char *)d->fdw_options.items[i],
                  d->fdw_options.items[i + 1] == MODEL_SECRET ? "(secret)" : (const char *)d->fdw_options.items[i + 1]);
    char *s = sb_take(&sb, a);
    sb_free(&sb);
    return s;
}
