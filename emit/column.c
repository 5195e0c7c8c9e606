/*
 * column.c — the statements of a column change: ADD / DROP COLUMN on a
 * table that exists, and ALTER COLUMN for a changed type, default, NOT
 * NULL, identity, generation expression, collation, statistics target,
 * storage and attribute options.
 *
 * A type change is written with USING col::type when PostgreSQL has no
 * implicit conversion; NOT NULL on an existing table goes through a
 * validated CHECK (online); identity and serial changes keep the
 * sequence's position (seqpos.c).  The shared statement helpers are
 * core.c's.  Whether a timestamp <-> timestamptz change runs under a UTC
 * session is diff/'s decision (Change.utc_session), read here.
 */
#include "pg.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

static const char *qual(Emit *e, const Obj *o)
{
    return q_qual(e->a, o->schema, o->name);
}

static const char *table_qual(Emit *e, const Obj *o)
{
    return q_qual(e->a, o->schema, o->table);
}

static bool migration(const Emit *e)
{
    return e->style == STYLE_MIGRATION;
}

static void maybe_comment(Emit *e, const Obj *o)
{
    if (o->comment)
        emit_stmt(e, emit_comment_on(e, emit_comment_target(e, o), o->comment));
}

/* Whether PostgreSQL converts without USING (an assignment cast exists). */
static bool needs_using(const TypeRef *from, const TypeRef *to)
{
    TypeFamily f = type_family(from), g = type_family(to);
    if (f == FAM_OTHER || g == FAM_OTHER)
        return !(g == FAM_STRING); /* anything converts to text by assignment */
    if ((f == FAM_INT || f == FAM_NUMERIC) && (g == FAM_INT || g == FAM_NUMERIC))
        return false;
    if (g == FAM_STRING)
        return false;
    if (f == FAM_TIMESTAMP && g == FAM_TIMESTAMP)
        return false;
    return true;
}

static bool is_vector(const TypeRef *t)
{
    return t->schema && (!strcmp(t->name, "vector") || !strcmp(t->name, "halfvec") ||
                         !strcmp(t->name, "sparsevec"));
}

static const char *not_null_check_name(Emit *e, const Obj *col)
{
    return norm_object_name(e->a, col->table, col->name, "not_null_sd");
}

void emit_column(Emit *e)
{
    Change *c = e->c;
    /* a column a parent table has comes and goes with the parent's, and
     * takes its type and NOT NULL from it: only its own default and
     * comment are the child's */
    const Column *inh = (const Column *)(c->op == CHG_DROP ? c->current : c->desired);
    if (c->op == CHG_ALTER && (c->alter & ALT_INHERIT)) {
        /* a child keeps as its own a column its parent drops: the parent
         * drops it with ONLY, first (a plain drop would take the child's) */
        const Column *cur = (const Column *)c->current;
        const Table *p = cur->inherited && !inh->inherited && cur->parent_column ? cur->parent_column->owner : NULL;
        if (p && table_is_child_of(inh->owner, p->obj.schema, p->obj.name))
            emit_stmt(e, arena_printf(e->a, "ALTER TABLE ONLY %s DROP COLUMN IF EXISTS %s;", qual(e, &p->obj),
                                      q_ident(e->a, inh->obj.name)));
        c->alter &= ~(unsigned)ALT_INHERIT;
        if (!c->alter) {
            emit_summary(e, "keep", &inh->obj, "as the table's own column");
            return;
        }
    }
    /* a typed table's column comes, goes and changes type with its type's
     * attribute (ALTER TYPE ... CASCADE): only its NOT NULL, default,
     * statistics and comment are the table's */
    if (inh->owner->of_type && (c->op != CHG_ALTER || ((const Column *)c->current)->owner->of_type)) {
        if (c->op == CHG_ALTER)
            c->alter &= ALT_DEFAULT | ALT_NOT_NULL | ALT_COMMENT | ALT_STATISTICS;
        if (c->op == CHG_CREATE) { /* the type added it: its own options */
            const char *q = table_qual(e, &inh->obj), *col = q_ident(e->a, inh->obj.name);
            if (inh->def)
                emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;", q, col,
                                          deparse_expr(e->a, inh->def->raw)));
            if (inh->not_null)
                emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;", q, col));
            maybe_comment(e, &inh->obj);
        }
        if (c->op != CHG_ALTER || !c->alter) {
            emit_summary(e, c->op == CHG_CREATE ? "add" : c->op == CHG_DROP ? "drop" : "follow", &inh->obj,
                         "through its table's type");
            return;
        }
    }
    if (inh->inherited && (c->op != CHG_ALTER || ((const Column *)c->current)->inherited)) {
        if (c->op == CHG_ALTER)
            c->alter &= ALT_DEFAULT | ALT_COMMENT | ALT_STATISTICS | ALT_COLATTR;
        if (c->op != CHG_ALTER || !c->alter) {
            emit_summary(e, c->op == CHG_CREATE ? "inherit" : c->op == CHG_DROP ? "un-inherit" : "follow", &inh->obj,
                         "through its parent table");
            return;
        }
    }
    switch (c->op) {
    case CHG_CREATE: {
        const Column *col = (const Column *)c->desired;
        emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s ADD COLUMN%s %s;", table_qual(e, &col->obj),
                                  migration(e) ? " IF NOT EXISTS" : "", emit_column_def(e->a, col, e->style)));
        maybe_comment(e, &col->obj);
        if (col->statistics >= 0)
            emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s ALTER COLUMN %s SET STATISTICS %d;", table_qual(e, &col->obj),
                                      q_ident(e->a, col->obj.name), col->statistics));
        emit_column_attrs(e, table_qual(e, &col->obj), NULL, col);
        emit_summary(e, "add", &col->obj, col->type.sql);
        break;
    }
    case CHG_DROP:
        emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s DROP COLUMN IF EXISTS %s;", table_qual(e, c->current),
                                  q_ident(e->a, c->current->name)));
        emit_summary(e, "drop", c->current, NULL);
        break;
    case CHG_ALTER: {
        const Column *cur = (const Column *)c->current, *des = (const Column *)c->desired;
        const char *tbl = table_qual(e, &des->obj);
        const char *col = q_ident(e->a, des->obj.name);
        const char *at = arena_printf(e->a, "ALTER TABLE %s ALTER COLUMN %s", tbl, col);
        StrBuf what;
        sb_init(&what);
        bool type_change = c->alter & (ALT_TYPE | ALT_COLLATION);
        /* 1. identity removed or changing kind first: a default cannot coexist with it */
        if ((c->alter & ALT_IDENTITY) && cur->identity && !des->identity)
            emit_stmt(e, arena_printf(e->a, "%s DROP IDENTITY IF EXISTS;", at));
        /* serial -> identity: one block (seqpos.c) at the identity step */
        const char *identity_missing = arena_printf(
            e->a,
            "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = %s::regclass "
            "AND attname = %s AND attidentity <> '')",
            q_literal(e->a, tbl), q_literal(e->a, des->obj.name));
        const char *takeover = NULL;
        if (migration(e) && (c->alter & ALT_IDENTITY) && des->identity && !cur->identity && !type_change)
            takeover = seqpos_serial_to_identity(
                e->a, cur, des, identity_missing,
                arena_printf(e->a, "%s ADD GENERATED %s AS IDENTITY (%s);", at,
                             des->identity == IDENTITY_ALWAYS ? "ALWAYS" : "BY DEFAULT",
                             emit_seq_opts(e->a, &des->identity_opts, false)));
        /* 2. the default goes while the type changes */
        if (cur->def && !takeover && ((c->alter & ALT_DEFAULT) || type_change)) {
            const char *drop = arena_printf(e->a, "%s DROP DEFAULT;", at);
            if (des->identity && !cur->identity && migration(e))
                /* on a re-run the column is already an identity, which
                 * refuses DROP DEFAULT */
                drop = emit_guarded(e, arena_printf(e->a,
                                        "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = %s::regclass "
                                        "AND attname = %s AND attidentity <> '')",
                                        q_literal(e->a, tbl), q_literal(e->a, des->obj.name)),
                                    drop);
            emit_stmt(e, drop);
        }
        if (type_change) {
            const char *using = "";
            if (cur->type.schema && des->type.schema && !is_vector(&des->type))
                /* between user types (enums): through their text form */
                using = arena_printf(e->a, " USING %s::text::%s", col, des->type.sql);
            else if (needs_using(&cur->type, &des->type) || is_vector(&des->type))
                using = arena_printf(e->a, " USING %s::%s", col, des->type.sql);
            /* schemadiff.yaml conversions: (diff/conv.c) */
            if (des->conv_using)
                using = arena_printf(e->a, " USING (%s)", des->conv_using);
            if (des->owner->server) /* no rows here, and no USING in PostgreSQL */
                using = "";
            const char *warn = "";
            if (des->conv_no_cast_back)
                warn = arena_printf(e->a, "-- schemadiff: PostgreSQL has no cast from %s to %s: this statement fails "
                                          "unless the conversion of %s.%s.%s in schemadiff.yaml gets rollback_using\n",
                                    cur->type.sql, des->type.sql, des->obj.schema, des->obj.table, des->obj.name);
            /* timestamp <-> timestamptz keeps the rows only where the
             * session's zone is UTC: set for this statement alone */
            bool utc = migration(e) && c->utc_session;
            if (utc)
                emit_stmt(e, "SET timezone = 'UTC';");
            emit_stmt(e, arena_printf(e->a, "%s%s TYPE %s%s%s;", warn, at, des->type.sql,
                                      des->collation ? arena_printf(e->a, " COLLATE %s", des->collation) : "",
                                      using));
            if (utc)
                emit_stmt(e, "RESET timezone;");
            sb_printf(&what, "type %s -> %s; ", cur->type.sql, des->type.sql);
        }
        if (des->def && ((c->alter & ALT_DEFAULT) || type_change))
            emit_stmt(e, arena_printf(e->a, "%s SET DEFAULT %s;", at, deparse_expr(e->a, des->def->raw)));
        if (c->alter & ALT_DEFAULT)
            sb_puts(&what, des->def ? "default; " : "drop default; ");
        if (c->alter & ALT_NOT_NULL) {
            if (des->not_null) {
                if (migration(e) && !c->table_is_new && !des->identity) {
                    /* online: a validated CHECK lets SET NOT NULL skip its scan */
                    const char *chk = not_null_check_name(e, &des->obj);
                    const char *tname = q_qual(e->a, des->obj.schema, des->obj.table);
                    emit_stmt(e, emit_guarded(e, emit_constraint_exists(e, tname, chk, true),
                                              arena_printf(e->a, "ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s IS NOT NULL) NOT VALID;",
                                                                tbl, q_ident(e->a, chk), col)));
                    emit_stmt(e, emit_guarded(e, emit_constraint_exists(e, tname, chk, false),
                                              arena_printf(e->a, "ALTER TABLE %s VALIDATE CONSTRAINT %s;", tbl,
                                                                q_ident(e->a, chk))));
                    emit_stmt(e, arena_printf(e->a, "%s SET NOT NULL;", at));
                    emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s;", tbl,
                                              q_ident(e->a, chk)));
                } else {
                    emit_stmt(e, arena_printf(e->a, "%s SET NOT NULL;", at));
                }
                sb_puts(&what, "set not null; ");
            } else if (!des->not_null) {
                emit_stmt(e, arena_printf(e->a, "%s DROP NOT NULL;", at));
                sb_puts(&what, "drop not null; ");
            }
        }
        if (c->alter & ALT_IDENTITY) {
            const char *kind = des->identity == IDENTITY_ALWAYS ? "ALWAYS" : "BY DEFAULT";
            if (des->identity && !cur->identity) {
                const char *add = arena_printf(e->a, "%s ADD GENERATED %s AS IDENTITY (%s);", at, kind,
                                               emit_seq_opts(e->a, &des->identity_opts, false));
                emit_stmt(e, takeover ? takeover : migration(e) ? emit_guarded(e, identity_missing, add) : add);
                sb_puts(&what, "add identity; ");
            } else if (des->identity) {
                const SeqOpts *o = &des->identity_opts;
                emit_stmt(e, arena_printf(e->a,
                                          "%s SET GENERATED %s SET INCREMENT BY %lld SET MINVALUE %lld SET MAXVALUE %lld "
                                          "SET START WITH %lld SET CACHE %lld SET %s;",
                                          at, kind, (long long)o->increment, (long long)o->min,
                                          (long long)o->max, (long long)o->start, (long long)o->cache,
                                          o->cycle ? "CYCLE" : "NO CYCLE"));
                sb_puts(&what, "identity; ");
            } else {
                sb_puts(&what, "drop identity; ");
            }
        }
        /* a sequence gained over existing rows starts after them */
        const char *after = migration(e) && !c->table_is_new ? seqpos_after_rows(e->a, cur, des) : NULL;
        if (after)
            emit_stmt(e, after);
        if (c->alter & ALT_STATISTICS) {
            emit_stmt(e, arena_printf(e->a, "%s SET STATISTICS %d;", at, des->statistics));
            sb_puts(&what, "statistics; ");
        }
        if (c->alter & ALT_COLATTR) {
            /* a new type comes with its own default storage */
            Column was;
            obj_copy(&was, cur, sizeof was);
            if (c->alter & ALT_TYPE)
                was.storage = 0;
            emit_column_attrs(e, tbl, &was, des);
            sb_puts(&what, "storage, compression or options; ");
        }
        if (c->alter & ALT_COMMENT) {
            emit_stmt(e, emit_comment_on(e, emit_comment_target(e, &des->obj), des->obj.comment));
            sb_puts(&what, "comment; ");
        }
        if (c->alter & ALT_FDW_OPTIONS)
            sb_puts(&what, "options; ");
        if (what.len >= 2)
            what.data[what.len - 2] = '\0';
        emit_summary(e, "alter", &des->obj, what.data ? what.data : "");
        if (c->alter & ALT_FDW_OPTIONS) /* a foreign table's column (after the summary it adds to) */
            foreign_alter_options(e);
        sb_free(&what);
        break;
    }
    }
}
