/*
 * defkinds.c — the SQL of range types, casts and statistics objects.
 *
 * Each is printed from its canonical statement (Definition.def_text,
 * parser/defkinds.c), so what is created is what was compared.  None of
 * the three has CREATE OR REPLACE: a changed definition is a drop and a
 * re-create (diff/diff.c); only comments, owners, privileges (range types:
 * USAGE, like other types) and a statistics object's target change in
 * place.  Idempotence: CREATE TYPE and CREATE CAST, which have no IF NOT
 * EXISTS, are guarded by a catalog check; CREATE STATISTICS uses its own
 * IF NOT EXISTS; every DROP has IF EXISTS.
 */
#include "model.h"

#include <string.h>

static void created(Emit *e)
{
    emit_summary(e, e->c->rebuild ? "re-create" : "create", e->c->desired, NULL);
}

static void dropped(Emit *e, const char *what, const char *ref)
{
    emit_stmt(e, arena_printf(e->a, "DROP %s IF EXISTS %s;", what, ref));
    emit_summary(e, "drop", e->c->current, e->c->rebuild ? "to re-create it" : NULL);
}

static void comment_after_create(Emit *e, const Obj *o)
{
    if (o->comment)
        emit_stmt(e, emit_comment_sql(e, o));
}

static void alter_comment(Emit *e)
{
    if (!str_same(e->c->current->comment, e->c->desired->comment))
        emit_stmt(e, emit_comment_sql(e, e->c->desired));
}

/* "text", or "text[]" with the column's array dimensions. */
static const char *text_like(Emit *e, const Column *col)
{
    const char *t = "text";
    for (int i = 0; i < col->type.array_dims; i++)
        t = arena_printf(e->a, "%s[]", t);
    return t;
}

/* The columns of a range type being re-created (diff/rangecols.c): before
 * the DROP each goes to text (its default dropped: it names the type);
 * after the CREATE each comes back through text, its default set again.
 * In a migration both halves are guarded (emit/rangeguard.c): the columns
 * go to text and the type is dropped only while the type is still the
 * one being replaced, and a column comes back only while it is text, so a
 * second run changes nothing. */
static void range_to_text(Emit *e)
{
    const Definition *r = (const Definition *)e->c->current;
    const char *qr = q_qual(e->a, r->obj.schema, r->obj.name);
    StrBuf sb;
    sb_init(&sb);
    int n = 0;
    for (int i = 0; i < e->c->parts.n; i++) {
        const Column *col = e->c->parts.items[i];
        const char *t = q_qual(e->a, col->obj.schema, col->obj.table), *cn = q_ident(e->a, col->obj.name);
        const char *sep = e->style == STYLE_MIGRATION ? "\n        " : "";
        if (col->def) {
            const char *s = arena_printf(e->a, "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;", t, cn);
            if (e->style == STYLE_MIGRATION)
                sb_printf(&sb, "%s%s", n ? sep : "", s);
            else
                emit_stmt(e, s);
            n++;
        }
        const char *s = arena_printf(e->a, "ALTER TABLE %s ALTER COLUMN %s TYPE %s USING %s::%s;", t, cn,
                                     text_like(e, col), cn, text_like(e, col));
        if (e->style == STYLE_MIGRATION)
            sb_printf(&sb, "%s%s", n ? sep : "", s);
        else
            emit_stmt(e, s);
        n++;
    }
    const char *drop = arena_printf(e->a, "DROP TYPE %s;", qr);
    if (e->style != STYLE_MIGRATION) {
        emit_stmt(e, arena_printf(e->a, "DROP TYPE IF EXISTS %s;", qr));
    } else {
        sb_printf(&sb, "%s%s", n ? "\n        " : "", drop);
        emit_stmt(e, emit_guarded_n(e, emit_range_is(e, r), sb_take(&sb, e->a), n + 1));
    }
    sb_free(&sb);
    emit_summary(e, "drop", e->c->current, "to re-create it");
}

static void range_from_text(Emit *e)
{
    for (int i = 0; i < e->c->parts.n; i++) {
        const Column *col = e->c->parts.items[i];
        const char *t = q_qual(e->a, col->obj.schema, col->obj.table), *n = q_ident(e->a, col->obj.name);
        const char *back = arena_printf(e->a, "ALTER TABLE %s ALTER COLUMN %s TYPE %s USING %s::%s::%s;", t, n,
                                        col->type.sql, n, text_like(e, col), col->type.sql);
        const char *def = col->def ? arena_printf(e->a, "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;", t, n,
                                                  deparse_expr(e->a, col->def->raw))
                                   : NULL;
        if (e->style != STYLE_MIGRATION) {
            emit_stmt(e, back);
            if (def)
                emit_stmt(e, def);
            continue;
        }
        const char *body = def ? arena_printf(e->a, "%s\n        %s", back, def) : back;
        emit_stmt(e, emit_guarded_n(e, emit_column_is_type(e, col, text_like(e, col)), body, def ? 2 : 1));
    }
}

void emit_range(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE: {
        const char *sql = arena_printf(e->a, "%s;", ((const Definition *)c->desired)->def_text);
        emit_stmt(e, e->style == STYLE_MIGRATION ? emit_guarded(e, emit_type_missing(e, c->desired), sql) : sql);
        comment_after_create(e, c->desired);
        range_from_text(e);
        created(e);
        break;
    }
    case CHG_DROP:
        if (c->rebuild)
            range_to_text(e);
        else
            dropped(e, "TYPE", q_qual(e->a, c->current->schema, c->current->name));
        break;
    case CHG_ALTER:
        if (c->alter & ALT_COMMENT)
            alter_comment(e);
        emit_summary(e, "alter", c->desired, NULL);
        break;
    }
}

void emit_cast(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE: {
        const Definition *d = (const Definition *)c->desired;
        const char *sql = arena_printf(e->a, "%s;", d->def_text);
        if (e->style == STYLE_MIGRATION)
            sql = emit_guarded(e, arena_printf(e->a,
                                   "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_cast WHERE castsource = "
                                   "%s::pg_catalog.regtype AND casttarget = %s::pg_catalog.regtype)",
                                   q_literal(e->a, d->cast_source), q_literal(e->a, d->cast_target)),
                               sql);
        emit_stmt(e, sql);
        comment_after_create(e, c->desired);
        created(e);
        break;
    }
    case CHG_DROP:
        dropped(e, "CAST", c->current->name);
        break;
    case CHG_ALTER:
        if (c->alter & ALT_COMMENT)
            alter_comment(e);
        emit_summary(e, "alter", c->desired, NULL);
        break;
    }
}

static const char *set_target(Emit *e, const Definition *d)
{
    return arena_printf(e->a, "ALTER STATISTICS %s SET STATISTICS %d;", q_qual(e->a, d->obj.schema, d->obj.name),
                        d->stat_target);
}

void emit_statistics(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE: {
        const Definition *d = (const Definition *)c->desired;
        const char *text = d->def_text;
        static const char head[] = "CREATE STATISTICS ";
        if (e->style == STYLE_MIGRATION && !strncmp(text, head, sizeof head - 1))
            text = arena_printf(e->a, "%sIF NOT EXISTS %s", head, text + sizeof head - 1);
        emit_stmt(e, arena_printf(e->a, "%s;", text));
        if (d->stat_target >= 0)
            emit_stmt(e, set_target(e, d));
        comment_after_create(e, c->desired);
        created(e);
        break;
    }
    case CHG_DROP:
        dropped(e, "STATISTICS", q_qual(e->a, c->current->schema, c->current->name));
        break;
    case CHG_ALTER:
        if (c->alter & ALT_STATISTICS)
            emit_stmt(e, set_target(e, (const Definition *)c->desired));
        if (c->alter & ALT_COMMENT)
            alter_comment(e);
        emit_summary(e, "alter", c->desired, c->alter & ALT_STATISTICS ? "statistics target" : NULL);
        break;
    }
}
