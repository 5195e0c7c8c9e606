/*
 * sql.c — the statements of each change.
 *
 * One function per object kind builds the SQL of a change record, whatever
 * its direction: the rollback calls the same function on the inverted
 * record (current and desired swapped), so forward and inverse SQL are
 * always built side by side from one definition (as pg_dump builds create
 * and drop SQL together).
 *
 * Every statement is idempotent: IF [NOT] EXISTS where PostgreSQL has it;
 * where it has not (CREATE TYPE, ADD CONSTRAINT, ADD ... IDENTITY), a DO
 * block that checks the catalog first.  Online forms where PostgreSQL
 * allows them on existing tables: CREATE/DROP INDEX CONCURRENTLY (with a
 * check that drops an invalid index left by a failed build), CHECK and
 * FOREIGN KEY added NOT VALID then validated, SET NOT NULL through a
 * validated CHECK.  Those changes run outside a transaction block
 * (transactional = false), so each statement commits on its own and a long
 * validation holds only its weak lock.  On tables the plan creates, the
 * plain forms are used: there is nothing to lock out.
 *
 * Names reach SQL only through schemas/quote.c.  The statement helpers
 * shared with the other kind emitters are core.c's (emit_stmt,
 * emit_guarded, ...); column changes are column.c's, and the dispatch by
 * kind is emit.c's.
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

static void defelem_list(Emit *e, StrBuf *sb, List *options);

static bool migration(const Emit *e)
{
    return e->style == STYLE_MIGRATION;
}

static void maybe_comment(Emit *e, const Obj *o)
{
    if (o->comment)
        emit_stmt(e, emit_comment_on(e, emit_comment_target(e, o), o->comment));
}

/* ---- schema, extension ---------------------------------------------------- */

void emit_schema(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE:
        emit_stmt(e, arena_printf(e->a, "CREATE SCHEMA%s %s;", migration(e) ? " IF NOT EXISTS" : "",
                                  q_ident(e->a, c->desired->name)));
        maybe_comment(e, c->desired);
        emit_summary(e, "create", c->desired, NULL);
        break;
    case CHG_DROP:
        emit_stmt(e, arena_printf(e->a, "DROP SCHEMA IF EXISTS %s;", q_ident(e->a, c->current->name)));
        emit_summary(e, "drop", c->current, NULL);
        break;
    case CHG_ALTER:
        if (c->alter & ALT_COMMENT) {
            /* public without a comment is public with initdb's */
            const char *text = c->desired->comment;
            if (!text && !strcmp(c->desired->name, "public"))
                text = "standard public schema";
            emit_stmt(e, emit_comment_on(e, emit_comment_target(e, c->desired), text));
        }
        emit_summary(e, "alter", c->desired, c->alter & ALT_COMMENT ? "comment" : NULL);
        break;
    }
}

void emit_extension(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE: {
        const Extension *x = (const Extension *)c->desired;
        emit_stmt(e, arena_printf(e->a, "CREATE EXTENSION%s %s WITH SCHEMA %s%s%s;",
                                  migration(e) ? " IF NOT EXISTS" : "", q_ident(e->a, x->obj.name),
                                  q_ident(e->a, x->in_schema ? x->in_schema : "public"),
                                  x->version ? " VERSION " : "", x->version ? q_literal(e->a, x->version) : ""));
        emit_summary(e, "create", c->desired, NULL);
        break;
    }
    case CHG_DROP:
        emit_stmt(e, arena_printf(e->a, "DROP EXTENSION IF EXISTS %s;", q_ident(e->a, c->current->name)));
        emit_summary(e, "drop", c->current, NULL);
        break;
    case CHG_ALTER: {
        const Extension *x = (const Extension *)c->desired;
        if ((c->alter & ALT_DEFINITION) && x->version) {
            /* extensions rarely ship downgrade scripts: without an update
             * path the extension is re-created at that version (which fails,
             * rather than cascading, if anything uses it) */
            const char *name = q_ident(e->a, x->obj.name), *ver = q_literal(e->a, x->version);
            const char *body = arena_printf(e->a,
                "\nBEGIN\n    ALTER EXTENSION %s UPDATE TO %s;\nEXCEPTION WHEN invalid_parameter_value THEN\n"
                "    DROP EXTENSION %s;\n    CREATE EXTENSION %s WITH SCHEMA %s VERSION %s;\nEND\n",
                name, ver, name, name, q_ident(e->a, x->in_schema ? x->in_schema : "public"), ver);
            emit_stmt(e, arena_printf(e->a, "DO %s;", q_dollar(e->a, body)));
            emit_summary(e, "alter", c->desired, arena_printf(e->a, "update to version %s", x->version));
        } else {
            emit_summary(e, "alter", c->desired, NULL);
        }
        break;
    }
    }
}

/* ---- enum types ------------------------------------------------------------- */

static const char *enum_labels(Emit *e, const EnumType *t)
{
    StrBuf sb;
    sb_init(&sb);
    for (int i = 0; i < t->nlabels; i++) {
        if (i)
            sb_puts(&sb, ", ");
        sb_puts(&sb, q_literal(e->a, t->labels[i]));
    }
    char *r = sb_take(&sb, e->a);
    sb_free(&sb);
    return r;
}

/* %-signs would be read by format(); identifiers may contain them. */
static const char *fmt_escape(Emit *e, const char *s)
{
    StrBuf sb;
    sb_init(&sb);
    for (; *s; s++) {
        if (*s == '%')
            sb_putc(&sb, '%');
        sb_putc(&sb, *s);
    }
    char *r = sb_take(&sb, e->a);
    sb_free(&sb);
    return r;
}

/* Removing or reordering labels: rename the old type away, create the new
 * one, convert every column of the old type (and arrays of it) through
 * text, re-set their defaults, drop the old type.  Guarded by a comparison
 * of the labels, so it runs once. */
static void enum_rebuild(Emit *e, const EnumType *des)
{
    const char *full = qual(e, &des->obj);
    const char *oldname = norm_object_name(e->a, des->obj.name, NULL, "schemadiff_old");
    const char *oldfull = q_qual(e->a, des->obj.schema, oldname);
    StrBuf b;
    sb_init(&b);
    /* pg_get_expr() qualifies every name under an empty search_path, so a
     * default's cast to the old type can be found and renamed. */
    sb_printf(&b,
              "\nDECLARE\n    r record;\n    saved_path text := current_setting('search_path');\nBEGIN\n"
              "    IF (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e "
              "WHERE e.enumtypid = %s::regtype) IS DISTINCT FROM ARRAY[%s]::text[] THEN\n",
              q_literal(e->a, full), enum_labels(e, des));
    sb_printf(&b, "        PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true);\n");
    sb_printf(&b, "        ALTER TYPE %s RENAME TO %s;\n", full, q_ident(e->a, oldname));
    sb_printf(&b, "        CREATE TYPE %s AS ENUM (%s);\n", full, enum_labels(e, des));
    sb_printf(&b,
              "        FOR r IN SELECT a.attrelid::regclass AS tbl, a.attname AS col, "
              "a.atttypid = %s::regtype AS scalar, pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS def\n"
              "                 FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid\n"
              "                 LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum\n"
              "                 WHERE a.atttypid IN (%s::regtype, %s::regtype) AND NOT a.attisdropped "
              "AND c.relkind IN ('r', 'p')\n"
              "        LOOP\n"
              "            IF r.def IS NOT NULL THEN\n"
              "                EXECUTE format('ALTER TABLE %%s ALTER COLUMN %%I DROP DEFAULT', r.tbl, r.col);\n"
              "            END IF;\n"
              "            IF r.scalar THEN\n"
              "                EXECUTE format(%s, r.tbl, r.col, r.col);\n"
              "            ELSE\n"
              "                EXECUTE format(%s, r.tbl, r.col, r.col);\n"
              "            END IF;\n"
              "            IF r.def IS NOT NULL THEN\n"
              "                BEGIN\n"
              "                    EXECUTE format('ALTER TABLE %%s ALTER COLUMN %%I SET DEFAULT %%s', r.tbl, r.col, "
              "replace(r.def, %s, %s));\n"
              "                EXCEPTION WHEN others THEN\n"
              "                    NULL; -- the old default names a removed label; the plan sets the new one\n"
              "                END;\n"
              "            END IF;\n"
              "        END LOOP;\n",
              q_literal(e->a, oldfull), q_literal(e->a, oldfull),
              q_literal(e->a, arena_printf(e->a, "%s[]", oldfull)),
              q_literal(e->a, arena_printf(e->a, "ALTER TABLE %%s ALTER COLUMN %%I TYPE %s USING %%I::text::%s",
                                           fmt_escape(e, full), fmt_escape(e, full))),
              q_literal(e->a, arena_printf(e->a, "ALTER TABLE %%s ALTER COLUMN %%I TYPE %s[] USING %%I::text[]::%s[]",
                                           fmt_escape(e, full), fmt_escape(e, full))),
              q_literal(e->a, arena_printf(e->a, "::%s", oldfull)),
              q_literal(e->a, arena_printf(e->a, "::%s", full)));
    sb_printf(&b, "        DROP TYPE %s;\n", oldfull);
    sb_printf(&b, "        PERFORM pg_catalog.set_config('search_path', saved_path, true);\n    END IF;\nEND\n");
    char *body = sb_take(&b, e->a);
    sb_free(&b);
    emit_stmt(e, arena_printf(e->a, "DO %s;", q_dollar(e->a, body)));
}

void emit_enum(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE: {
        const EnumType *t = (const EnumType *)c->desired;
        const char *create = arena_printf(e->a, "CREATE TYPE %s AS ENUM (%s);", qual(e, c->desired),
                                          enum_labels(e, t));
        emit_stmt(e, migration(e) ? emit_guarded(e, emit_type_missing(e, c->desired), create) : create);
        maybe_comment(e, c->desired);
        emit_summary(e, "create", c->desired, NULL);
        break;
    }
    case CHG_DROP:
        emit_stmt(e, arena_printf(e->a, "DROP TYPE IF EXISTS %s;", qual(e, c->current)));
        emit_summary(e, "drop", c->current, NULL);
        break;
    case CHG_ALTER: {
        const EnumType *cur = (const EnumType *)c->current, *des = (const EnumType *)c->desired;
        if (c->alter & ALT_ENUM_ADD) {
            /* each new label after its predecessor (or before its successor) */
            for (int i = 0; i < des->nlabels; i++) {
                bool exists = false;
                for (int j = 0; j < cur->nlabels; j++)
                    exists = exists || !strcmp(cur->labels[j], des->labels[i]);
                if (exists)
                    continue;
                const char *where = "";
                if (i > 0)
                    where = arena_printf(e->a, " AFTER %s", q_literal(e->a, des->labels[i - 1]));
                else if (des->nlabels > 1)
                    where = arena_printf(e->a, " BEFORE %s", q_literal(e->a, des->labels[1]));
                emit_stmt(e, arena_printf(e->a, "ALTER TYPE %s ADD VALUE IF NOT EXISTS %s%s;", qual(e, c->desired),
                                          q_literal(e->a, des->labels[i]), where));
            }
            emit_summary(e, "alter", c->desired, "add values");
        }
        if (c->alter & ALT_ENUM_REBUILD) {
            enum_rebuild(e, des);
            emit_summary(e, "rebuild", c->desired, "values removed or reordered; columns converted");
        }
        if (c->alter & ALT_COMMENT) {
            emit_stmt(e, emit_comment_on(e, emit_comment_target(e, c->desired), c->desired->comment));
            if (!c->summary)
                emit_summary(e, "alter", c->desired, "comment");
        }
        break;
    }
    }
}

/* ---- sequences ------------------------------------------------------------ */

void emit_sequence(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE: {
        const Sequence *s = (const Sequence *)c->desired;
        const char *takeover = migration(e) ? seqpos_identity_to_serial(
            e->a, s, arena_printf(e->a, "CREATE SEQUENCE %s %s;", qual(e, c->desired),
                                  emit_seq_opts(e->a, &s->opts, true))) : NULL;
        if (takeover)
            emit_stmt(e, takeover);
        emit_stmt(e, arena_printf(e->a, "CREATE SEQUENCE%s %s %s;", migration(e) ? " IF NOT EXISTS" : "",
                                  qual(e, c->desired), emit_seq_opts(e->a, &s->opts, true)));
        maybe_comment(e, c->desired);
        emit_summary(e, "create", c->desired, NULL);
        break;
    }
    case CHG_DROP: {
        const char *drop = arena_printf(e->a, "DROP SEQUENCE IF EXISTS %s;", qual(e, c->current));
        /* a serial's sequence whose name an identity took over stays */
        if (migration(e) && ((const Sequence *)c->current)->owned)
            drop = emit_guarded(e, seqpos_not_identity(e->a, qual(e, c->current)), drop);
        emit_stmt(e, drop);
        emit_summary(e, "drop", c->current, NULL);
        break;
    }
    case CHG_ALTER:
        if (c->alter & ALT_SEQ_OPTS) {
            const Sequence *s = (const Sequence *)c->desired;
            const char *alter = arena_printf(e->a, "ALTER SEQUENCE %s %s", qual(e, c->desired),
                                             emit_seq_opts(e->a, &s->opts, true));
            /* new bounds that exclude the current value need a RESTART,
             * else PostgreSQL refuses the change */
            const char *body = arena_printf(
                e->a,
                "\nBEGIN\n    IF (SELECT last_value FROM %s) NOT BETWEEN %lld AND %lld THEN\n"
                "        %s RESTART WITH %lld;\n    ELSE\n        %s;\n    END IF;\nEND\n",
                qual(e, c->desired), (long long)s->opts.min, (long long)s->opts.max, alter,
                (long long)s->opts.start, alter);
            emit_stmt(e, migration(e) ? arena_printf(e->a, "DO %s;", q_dollar(e->a, body))
                                      : arena_printf(e->a, "%s;", alter));
        }
        if (c->alter & ALT_COMMENT)
            emit_stmt(e, emit_comment_on(e, emit_comment_target(e, c->desired), c->desired->comment));
        emit_summary(e, "alter", c->desired, c->alter & ALT_SEQ_OPTS ? "options" : "comment");
        break;
    }
}

void emit_seq_owner(Emit *e)
{
    Change *c = e->c;
    const Obj *o = c->desired ? c->desired : c->current;
    const char *seq = q_qual(e->a, o->schema, o->name);
    if (c->op == CHG_DROP) {
        const char *disown = arena_printf(e->a, "ALTER SEQUENCE IF EXISTS %s OWNED BY NONE;", seq);
        emit_stmt(e, migration(e) ? emit_guarded(e, seqpos_not_identity(e->a, seq), disown) : disown);
        emit_summary(e, "disown", o, NULL);
        return;
    }
    const SeqOwner *so = (const SeqOwner *)c->desired;
    emit_stmt(e, arena_printf(e->a, "ALTER SEQUENCE %s OWNED BY %s.%s;", seq, table_qual(e, o),
                              q_ident(e->a, so->column)));
    emit_summary(e, "own", o, arena_printf(e->a, "by %s.%s", o->table, so->column));
}

/* ---- tables and columns --------------------------------------------------- */

/* The versions of a new table's columns folded into its create (without a
 * default set later, see diff.c's default_repair), by name: one map per
 * table, so a wide table is not searched once per column. */
static StrMap folded_columns(Arena *a, const Change *c)
{
    StrMap m = {0};
    for (int i = 0; i < c->parts.n; i++) {
        Obj *p = c->parts.items[i];
        if (p->kind == OBJ_COLUMN)
            map_put_new(a, &m, p->name, p);
    }
    return m;
}

static const Column *folded_column(const StrMap *folded, const Column *col)
{
    const Column *f = map_get(folded, col->obj.name);
    return f ? f : col;
}

/* NO INHERIT / INHERIT, DETACH / ATTACH PARTITION, each guarded by the
 * catalog so that a second run does nothing. */
static void alter_inheritance(Emit *e, const Table *cur, const Table *des)
{
    const char *q = qual(e, &des->obj), *lit = q_literal(e->a, q);
    const char *inherits = "EXISTS (SELECT 1 FROM pg_catalog.pg_inherits WHERE inhrelid = %s::pg_catalog.regclass "
                           "AND inhparent = %s::pg_catalog.regclass)";
    for (int i = 0; i < cur->parents.n; i += 2) {
        const char *p = q_qual(e->a, cur->parents.items[i], cur->parents.items[i + 1]);
        if (!table_inherits(des, cur->parents.items[i], cur->parents.items[i + 1]))
            emit_stmt(e, emit_guarded(e, arena_printf(e->a, inherits, lit, q_literal(e->a, p)),
                                      arena_printf(e->a, "ALTER TABLE %s NO INHERIT %s;", q, p)));
    }
    bool same_partition = cur->part_of && des->part_of && !strcmp(cur->part_of_schema, des->part_of_schema) &&
                          !strcmp(cur->part_of, des->part_of) && cur->bound_norm && des->bound_norm &&
                          !strcmp(cur->bound_norm, des->bound_norm);
    if (cur->part_of && !same_partition) {
        const char *p = q_qual(e->a, cur->part_of_schema, cur->part_of);
        const char *cond = arena_printf(e->a, inherits, lit, q_literal(e->a, p));
        emit_stmt(e, migration(e) ? emit_detach_sql(e, p, q, des->obj.schema, cond)
                                  : arena_printf(e->a, "ALTER TABLE %s DETACH PARTITION %s;", p, q));
    }
    /* inherited columns the table no longer has: once detached they are its
     * own, and no parent's drop reaches them any more */
    for (int i = 0; i < cur->columns.n; i++) {
        const Column *col = cur->columns.items[i];
        const Table *from = col->parent_column ? col->parent_column->owner : NULL;
        bool leaving = from && !table_is_child_of(des, from->obj.schema, from->obj.name);
        if (col->inherited && leaving && !table_column(des, col->obj.name)) {
            emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s DROP COLUMN IF EXISTS %s;", q, q_ident(e->a, col->obj.name)));
        }
    }
    /* ATTACH and INHERIT want the parent's columns on the child first; the
     * column changes that add them later find them there */
    bool linking = (des->part_of && !same_partition);
    for (int i = 0; i < des->parents.n; i += 2)
        linking = linking || !table_inherits(cur, des->parents.items[i], des->parents.items[i + 1]);
    StrBuf adds;
    sb_init(&adds);
    int nadds = 0;
    for (int i = 0; linking && i < des->columns.n; i++) {
        const Column *col = des->columns.items[i];
        if (col->inherited && !table_column(cur, col->obj.name) && ++nadds)
            sb_printf(&adds, "ALTER TABLE %s ADD COLUMN IF NOT EXISTS %s;\n        ", q,
                      emit_column_def(e->a, col, e->style));
    }
    const char *pre = adds.len ? sb_take(&adds, e->a) : "";
    sb_free(&adds);
    if (des->part_of && !same_partition) {
        const char *p = q_qual(e->a, des->part_of_schema, des->part_of);
        const char *cond = arena_printf(e->a, "NOT %s", arena_printf(e->a, inherits, lit, q_literal(e->a, p)));
        emit_stmt(e, migration(e) ? emit_attach_sql(e, cond, pre, p, q, des->bound_text)
                                  : emit_guarded_n(e, cond,
                                                   arena_printf(e->a, "%sALTER TABLE %s ATTACH PARTITION %s %s;", pre, p, q,
                                                                des->bound_text),
                                                   nadds + 1));
        pre = "";
        nadds = 0;
    }
    for (int i = 0; i < des->parents.n; i += 2) {
        const char *p = q_qual(e->a, des->parents.items[i], des->parents.items[i + 1]);
        if (!table_inherits(cur, des->parents.items[i], des->parents.items[i + 1]))
            emit_stmt(e, emit_guarded_n(e, arena_printf(e->a, "NOT %s", arena_printf(e->a, inherits, lit, q_literal(e->a, p))),
                                        arena_printf(e->a, "%sALTER TABLE %s INHERIT %s;", pre, q, p), nadds + 1));
    }
}

void emit_table(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE: {
        const Table *t = (const Table *)c->desired;
        const char *tq = qual(e, &t->obj); /* once: the loops below run per column */
        StrBuf sb;
        sb_init(&sb);
        sb_printf(&sb, "CREATE %sTABLE%s %s", t->server ? "FOREIGN " : t->unlogged ? "UNLOGGED " : "",
                  migration(e) ? " IF NOT EXISTS" : "", tq);
        if (t->part_of) {
            /* a partition has its parent's columns */
            sb_printf(&sb, " PARTITION OF %s %s", q_qual(e->a, t->part_of_schema, t->part_of), t->bound_text);
        } else if (t->of_type) {
            /* a typed table has its type's attributes; its own are NOT NULL and DEFAULT */
            sb_printf(&sb, " OF %s", q_qual(e->a, t->of_schema, t->of_type));
            int n = 0;
            for (int i = 0; i < t->columns.n; i++) {
                const Column *col = t->columns.items[i];
                if (col->not_null || col->def)
                    sb_printf(&sb, "%s\n    %s WITH OPTIONS%s%s%s", n++ ? "," : " (", q_ident(e->a, col->obj.name),
                              col->not_null ? " NOT NULL" : "", col->def ? " DEFAULT " : "",
                              col->def ? emit_default_expr(e->a, col->def->raw) : "");
            }
            if (n)
                sb_puts(&sb, "\n)");
        } else {
            /* inherited columns come from the parents */
            int n = 0;
            StrMap folded = c->late_parts ? folded_columns(e->a, c) : (StrMap){0};
            sb_puts(&sb, " (");
            for (int i = 0; i < t->columns.n; i++)
                if (!((const Column *)t->columns.items[i])->inherited) {
                    sb_puts(&sb, n++ ? ",\n    " : "\n    ");
                    emit_column_def_into(&sb, e->a, folded_column(&folded, t->columns.items[i]), e->style);
                }
            sb_puts(&sb, n ? "\n)" : ")");
            for (int i = 0; i < t->parents.n; i += 2)
                sb_printf(&sb, "%s%s", i ? ", " : " INHERITS (", q_qual(e->a, t->parents.items[i], t->parents.items[i + 1]));
            if (t->parents.n)
                sb_putc(&sb, ')');
        }
        if (t->partkey_text)
            sb_printf(&sb, " PARTITION BY %s", t->partkey_text);
        if (t->reloptions) {
            sb_puts(&sb, " WITH ");
            defelem_list(e, &sb, t->reloptions);
        }
        if (t->server) /* emit/foreign.c */
            foreign_table_tail(e->a, &sb, t);
        sb_putc(&sb, ';');
        emit_stmt(e, sb_take(&sb, e->a));
        sb_free(&sb);

        maybe_comment(e, &t->obj);
        /* an inherited column's own default */
        for (int i = 0; i < t->columns.n; i++) {
            const Column *col = t->columns.items[i];
            if (col->inherited && col->parent_column && col->def &&
                (!col->parent_column->def || !equal(col->def->norm, col->parent_column->def->norm)))
                emit_stmt(e, arena_printf(e->a, "ALTER TABLE ONLY %s ALTER COLUMN %s SET DEFAULT %s;", tq,
                                          q_ident(e->a, col->obj.name), deparse_expr(e->a, col->def->raw)));
        }
        if (t->rls)
            emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s ENABLE ROW LEVEL SECURITY;", tq));
        if (t->rls_force)
            emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s FORCE ROW LEVEL SECURITY;", tq));
        replident_table_change(e, NULL, t);
        for (int i = 0; i < t->columns.n; i++) {
            const Column *col = t->columns.items[i];
            maybe_comment(e, &col->obj);
            if (col->statistics >= 0)
                emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s ALTER COLUMN %s SET STATISTICS %d;", tq,
                                          q_ident(e->a, col->obj.name), col->statistics));
            emit_column_attrs(e, tq, NULL, col);
        }
        emit_summary(e, "create", &t->obj, NULL);
        if (t->server) /* secrets left out (emit/foreign.c) */
            foreign_table_notes(e, t);
        break;
    }
    case CHG_DROP:
        emit_detach_before_drop(e, (const Table *)c->current);
        emit_stmt(e, ((const Table *)c->current)->server ? emit_drop_relation(e, "FOREIGN TABLE", 'f', c->current)
                                                         : emit_drop_relation(e, "TABLE", 'r', c->current));
        emit_summary(e, "drop", c->current, NULL);
        break;
    case CHG_ALTER: {
        const Table *t = (const Table *)c->desired;
        if (c->alter & ALT_OF) {
            /* guarded: OF on a typed table and NOT OF on another are errors */
            const char *typed = arena_printf(e->a, "(SELECT reloftype FROM pg_catalog.pg_class WHERE oid = %s::pg_catalog.regclass)",
                                             q_literal(e->a, qual(e, &t->obj)));
            const char *sql = t->of_type ? arena_printf(e->a, "ALTER TABLE %s OF %s;", qual(e, &t->obj),
                                                        q_qual(e->a, t->of_schema, t->of_type))
                                         : arena_printf(e->a, "ALTER TABLE %s NOT OF;", qual(e, &t->obj));
            const char *cond = t->of_type ? arena_printf(e->a, "%s = 0", typed) : arena_printf(e->a, "%s <> 0", typed);
            emit_stmt(e, migration(e) ? emit_guarded(e, cond, sql) : sql);
        }
        if (c->alter & ALT_PERSISTENCE) {
            emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s SET %s;", qual(e, &t->obj),
                                      t->unlogged ? "UNLOGGED" : "LOGGED"));
        }
        if (c->alter & ALT_RELOPTIONS) {
            const Table *cur = (const Table *)c->current;
            StrBuf sb;
            sb_init(&sb);
            ListCell *lc;
            foreach (lc, cur->reloptions) {
                const DefElem *d = lfirst(lc);
                bool kept = false;
                ListCell *dc;
                foreach (dc, t->reloptions)
                    kept = kept || !strcmp(((const DefElem *)lfirst(dc))->defname, d->defname);
                if (!kept)
                    sb_printf(&sb, "%s%s", sb.len ? ", " : "", q_ident(e->a, d->defname));
            }
            if (sb.len)
                emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s RESET (%s);", qual(e, &t->obj), sb.data));
            sb_free(&sb);
            if (t->reloptions) {
                StrBuf ob;
                sb_init(&ob);
                defelem_list(e, &ob, t->reloptions);
                emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s SET %s;", qual(e, &t->obj), ob.data));
                sb_free(&ob);
            }
        }
        if (c->alter & ALT_INHERIT)
            alter_inheritance(e, (const Table *)c->current, t);
        if (c->alter & ALT_RLS) {
            const Table *cur = (const Table *)c->current;
            if (cur->rls != t->rls)
                emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s %s ROW LEVEL SECURITY;", qual(e, &t->obj),
                                          t->rls ? "ENABLE" : "DISABLE"));
            if (cur->rls_force != t->rls_force)
                emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s %s ROW LEVEL SECURITY;", qual(e, &t->obj),
                                          t->rls_force ? "FORCE" : "NO FORCE"));
        }
        if (c->alter & ALT_REPLICA)
            replident_table_change(e, (const Table *)c->current, t);
        if (c->alter & ALT_COMMENT)
            emit_stmt(e, emit_comment_on(e, emit_comment_target(e, &t->obj), t->obj.comment));
        emit_summary(e, "alter", &t->obj,
                     c->alter & ALT_PERSISTENCE ? (t->unlogged ? "set unlogged" : "set logged")
                     : c->alter & ALT_RELOPTIONS ? "storage parameters"
                     : c->alter & ALT_RLS        ? "row level security"
                     : c->alter & ALT_INHERIT    ? "parents or partition bounds"
                     : c->alter & ALT_REPLICA    ? "replica identity"
                     : c->alter & ALT_COMMENT    ? "comment"
                     : c->alter & ALT_FDW_OPTIONS ? "options"
                                                 : NULL);
        if (c->alter & ALT_FDW_OPTIONS) /* a foreign table's (after the summary it adds to) */
            foreign_alter_options(e);
        break;
    }
    }
}

/* ---- constraints and indexes ---------------------------------------------- */

/* Printers for constraints and indexes.  libpg_query's deparser does not
 * quote constraint and index names and loses NULLS NOT DISTINCT, so these
 * clauses are printed here; only expressions go through deparse_expr(). */

static void name_list(Emit *e, StrBuf *sb, List *names)
{
    ListCell *lc;
    sb_putc(sb, '(');
    foreach (lc, names)
        sb_printf(sb, "%s%s", foreach_current_index(lc) ? ", " : "", q_ident(e->a, strVal(lfirst(lc))));
    sb_putc(sb, ')');
}

static void qualified_names(Emit *e, StrBuf *sb, List *names)
{
    ListCell *lc;
    foreach (lc, names)
        sb_printf(sb, "%s%s", foreach_current_index(lc) ? "." : "", q_ident(e->a, strVal(lfirst(lc))));
}

static void defelem_list(Emit *e, StrBuf *sb, List *options)
{
    ListCell *lc;
    sb_putc(sb, '(');
    foreach (lc, options) {
        DefElem *d = lfirst(lc);
        sb_printf(sb, "%s%s", foreach_current_index(lc) ? ", " : "", q_ident(e->a, d->defname));
        if (!d->arg)
            continue;
        if (IsA(d->arg, Integer))
            sb_printf(sb, " = %d", intVal(d->arg));
        else if (IsA(d->arg, Float))
            sb_printf(sb, " = %s", castNode(Float, d->arg)->fval);
        else if (IsA(d->arg, Boolean))
            sb_printf(sb, " = %s", boolVal(d->arg) ? "true" : "false");
        else if (IsA(d->arg, String))
            sb_printf(sb, " = %s", q_literal(e->a, strVal(d->arg)));
        else if (IsA(d->arg, TypeName))
            sb_printf(sb, " = %s", q_literal(e->a, strVal(llast(castNode(TypeName, d->arg)->names))));
    }
    sb_putc(sb, ')');
}

static void index_elem(Emit *e, StrBuf *sb, const IndexElem *ie)
{
    if (ie->name)
        sb_puts(sb, q_ident(e->a, ie->name));
    else
        sb_printf(sb, "(%s)", deparse_expr(e->a, ie->expr));
    if (ie->collation) {
        sb_puts(sb, " COLLATE ");
        qualified_names(e, sb, ie->collation);
    }
    if (ie->opclass) {
        sb_putc(sb, ' ');
        qualified_names(e, sb, ie->opclass);
        if (ie->opclassopts) {
            sb_putc(sb, ' ');
            defelem_list(e, sb, ie->opclassopts);
        }
    }
    if (ie->ordering == SORTBY_DESC)
        sb_puts(sb, " DESC");
    else if (ie->ordering == SORTBY_ASC)
        sb_puts(sb, " ASC");
    if (ie->nulls_ordering == SORTBY_NULLS_FIRST)
        sb_puts(sb, " NULLS FIRST");
    else if (ie->nulls_ordering == SORTBY_NULLS_LAST)
        sb_puts(sb, " NULLS LAST");
}

static void index_tail(Emit *e, StrBuf *sb, List *including, List *options, bool nulls_not_distinct)
{
    (void)nulls_not_distinct;
    if (including) {
        sb_puts(sb, " INCLUDE ");
        name_list(e, sb, including);
    }
    if (options) {
        sb_puts(sb, " WITH ");
        defelem_list(e, sb, options);
    }
}

static const char *fk_action(char a)
{
    switch (a) {
    case FKCONSTR_ACTION_RESTRICT: return "RESTRICT";
    case FKCONSTR_ACTION_CASCADE: return "CASCADE";
    case FKCONSTR_ACTION_SETNULL: return "SET NULL";
    case FKCONSTR_ACTION_SETDEFAULT: return "SET DEFAULT";
    default: return NULL;
    }
}

static const char *constraint_def(Emit *e, const TableConstraint *k, bool not_valid)
{
    const Constraint *con = (const Constraint *)k->raw;
    StrBuf sb;
    sb_init(&sb);
    switch (con->contype) {
    case CONSTR_PRIMARY:
    case CONSTR_UNIQUE:
        sb_puts(&sb, con->contype == CONSTR_PRIMARY ? "PRIMARY KEY " : "UNIQUE ");
        if (con->nulls_not_distinct)
            sb_puts(&sb, "NULLS NOT DISTINCT ");
        name_list(e, &sb, con->keys);
        index_tail(e, &sb, con->including, con->options, false);
        break;
    case CONSTR_CHECK:
        sb_printf(&sb, "CHECK (%s)", deparse_expr(e->a, con->raw_expr));
        if (con->is_no_inherit)
            sb_puts(&sb, " NO INHERIT");
        break;
    case CONSTR_FOREIGN: {
        sb_puts(&sb, "FOREIGN KEY ");
        name_list(e, &sb, con->fk_attrs);
        sb_printf(&sb, " REFERENCES %s", q_qual(e->a, k->fk_schema, k->fk_table));
        /* no columns: the referenced table is not in the model (an
         * extension's), and PostgreSQL takes its primary key */
        if (con->pk_attrs) {
            sb_putc(&sb, ' ');
            name_list(e, &sb, con->pk_attrs);
        }
        if (con->fk_matchtype == FKCONSTR_MATCH_FULL)
            sb_puts(&sb, " MATCH FULL");
        const char *upd = fk_action(con->fk_upd_action), *del = fk_action(con->fk_del_action);
        if (upd)
            sb_printf(&sb, " ON UPDATE %s", upd);
        if (del) {
            sb_printf(&sb, " ON DELETE %s", del);
            if (con->fk_del_set_cols) {
                sb_putc(&sb, ' ');
                name_list(e, &sb, con->fk_del_set_cols);
            }
        }
        break;
    }
    case CONSTR_EXCLUSION: {
        sb_printf(&sb, "EXCLUDE USING %s (", q_ident(e->a, con->access_method ? con->access_method : "btree"));
        ListCell *lc;
        foreach (lc, con->exclusions) {
            List *pair = lfirst(lc);
            if (foreach_current_index(lc))
                sb_puts(&sb, ", ");
            index_elem(e, &sb, linitial(pair));
            sb_puts(&sb, " WITH ");
            List *op = lsecond(pair);
            if (list_length(op) == 1)
                sb_puts(&sb, strVal(linitial(op)));
            else {
                sb_puts(&sb, "OPERATOR(");
                ListCell *oc;
                foreach (oc, op)
                    sb_printf(&sb, "%s%s", foreach_current_index(oc) ? "." : "",
                              foreach_current_index(oc) == list_length(op) - 1 ? strVal(lfirst(oc))
                                                                               : q_ident(e->a, strVal(lfirst(oc))));
                sb_putc(&sb, ')');
            }
        }
        sb_putc(&sb, ')');
        index_tail(e, &sb, con->including, con->options, false);
        if (con->where_clause)
            sb_printf(&sb, " WHERE (%s)", deparse_expr(e->a, con->where_clause));
        break;
    }
    default:
        sb_puts(&sb, "/* unsupported constraint */");
        break;
    }
    if (con->deferrable)
        sb_puts(&sb, " DEFERRABLE");
    if (con->initdeferred)
        sb_puts(&sb, " INITIALLY DEFERRED");
    if (not_valid)
        sb_puts(&sb, " NOT VALID");
    char *r = sb_take(&sb, e->a);
    sb_free(&sb);
    return r;
}

static const char *add_constraint_sql(Emit *e, const TableConstraint *k, bool not_valid)
{
    return arena_printf(e->a, "ALTER TABLE %s ADD CONSTRAINT %s %s;", table_qual(e, &k->obj),
                        q_ident(e->a, k->obj.name), constraint_def(e, k, not_valid));
}

const char *emit_add_constraint_sql(Emit *e, const TableConstraint *k, bool not_valid)
{
    return add_constraint_sql(e, k, not_valid);
}

static const char *invalid_index_check(Emit *e, const char *schema, const char *name);

/* PRIMARY KEY / UNIQUE on a table that has rows: build the unique index
 * CONCURRENTLY (writes go on), then let the constraint take it over, which
 * holds ACCESS EXCLUSIVE only for a moment.  Each step is idempotent: a
 * failed build's invalid index is dropped first, the index is made only if
 * missing, the constraint added only if missing. */
const char *emit_key_index_sql(Emit *e, const TableConstraint *k, const char *tname, const char *name)
{
    const Constraint *con = (const Constraint *)k->raw;
    StrBuf sb;
    sb_init(&sb);
    sb_printf(&sb, "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS %s ON %s USING btree ", name, tname);
    name_list(e, &sb, con->keys);
    if (con->including) {
        sb_puts(&sb, " INCLUDE ");
        name_list(e, &sb, con->including);
    }
    if (con->nulls_not_distinct)
        sb_puts(&sb, " NULLS NOT DISTINCT");
    if (con->options) {
        sb_puts(&sb, " WITH ");
        defelem_list(e, &sb, con->options);
    }
    sb_putc(&sb, ';');
    char *r = sb_take(&sb, e->a);
    sb_free(&sb);
    return r;
}

static void unique_online(Emit *e, const TableConstraint *k, const char *tname)
{
    Change *c = e->c;
    const Constraint *con = (const Constraint *)k->raw;
    const char *name = q_ident(e->a, k->obj.name);
    emit_stmt(e, invalid_index_check(e, k->obj.schema, k->obj.name));
    emit_stmt(e, emit_key_index_sql(e, k, tname, name));
    const char *add = arena_printf(e->a, "ALTER TABLE %s ADD CONSTRAINT %s %s USING INDEX %s%s%s;", tname, name,
                                   k->contype == CON_PRIMARY ? "PRIMARY KEY" : "UNIQUE", name,
                                   con->deferrable ? " DEFERRABLE" : "", con->initdeferred ? " INITIALLY DEFERRED" : "");
    emit_stmt(e, emit_guarded(e, emit_constraint_exists(e, tname, k->obj.name, true), add));
    maybe_comment(e, &k->obj);
    emit_summary(e, c->rebuild ? "re-create" : "add", &k->obj, "unique index built concurrently");
}

/* COMMENT ON INDEX of a constraint's index; `changed`: also to remove one. */
static void index_comment(Emit *e, const TableConstraint *k, bool changed)
{
    const TableConstraint *cur = e->c->current && e->c->op == CHG_ALTER ? (const TableConstraint *)e->c->current : NULL;
    if (changed ? !str_same(cur ? cur->index_comment : NULL, k->index_comment) : k->index_comment != NULL)
        emit_stmt(e, emit_comment_on(e, arena_printf(e->a, "INDEX %s", qual(e, &k->obj)), k->index_comment));
}

void emit_constraint(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE: {
        const TableConstraint *k = (const TableConstraint *)c->desired;
        const char *tname = table_qual(e, &k->obj);
        /* a partitioned table has no CONCURRENTLY index builds nor NOT
         * VALID foreign keys: the plain forms there */
        if (migration(e) && !c->table_is_new && !c->on_partitioned &&
            (k->contype == CON_PRIMARY || k->contype == CON_UNIQUE)) {
            unique_online(e, k, tname);
            index_comment(e, k, false);
            replident_index_change(e, &k->obj, false, k->replica_identity);
            break;
        }
        bool online = migration(e) && !c->table_is_new &&
                      (k->contype == CON_CHECK || (k->contype == CON_FOREIGN && !c->on_partitioned));
        const char *add = add_constraint_sql(e, k, online || k->not_valid);
        emit_stmt(e, migration(e) ? emit_guarded(e, emit_constraint_exists(e, tname, k->obj.name, true), add) : add);
        if (online && !k->not_valid) {
            emit_stmt(e, emit_guarded(e, emit_constraint_exists(e, tname, k->obj.name, false),
                                      arena_printf(e->a, "ALTER TABLE %s VALIDATE CONSTRAINT %s;", tname,
                                                        q_ident(e->a, k->obj.name))));
        }
        maybe_comment(e, &k->obj);
        index_comment(e, k, false);
        replident_index_change(e, &k->obj, false, k->replica_identity);
        emit_summary(e, c->rebuild ? "re-create" : "add", &k->obj, NULL);
        break;
    }
    case CHG_DROP:
        replident_index_change(e, c->current, ((const TableConstraint *)c->current)->replica_identity, false);
        emit_stmt(e, arena_printf(e->a, "ALTER TABLE IF EXISTS %s DROP CONSTRAINT IF EXISTS %s;",
                                  table_qual(e, c->current), q_ident(e->a, c->current->name)));
        emit_summary(e, c->rebuild ? "drop (to re-create)" : "drop", c->current, NULL);
        break;
    case CHG_ALTER:
        if (c->alter & ALT_REBUILD) {
            idxswap_emit(e);
            break;
        }
        if (c->alter & ALT_VALIDATE) {
            /* a no-op on a valid constraint: the second run is harmless.
             * Outside the transaction, as after an online ADD ... NOT VALID:
             * the scan holds its lock only for itself. */
            emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s VALIDATE CONSTRAINT %s;", table_qual(e, c->desired),
                                      q_ident(e->a, c->desired->name)));
        }
        if (!str_same(c->current->comment, c->desired->comment))
            emit_stmt(e, emit_comment_on(e, emit_comment_target(e, c->desired), c->desired->comment));
        index_comment(e, (const TableConstraint *)c->desired, true);
        if (c->alter & ALT_REPLICA)
            replident_index_change(e, c->desired, ((const TableConstraint *)c->current)->replica_identity,
                                   ((const TableConstraint *)c->desired)->replica_identity);
        emit_summary(e, c->alter & ALT_VALIDATE ? "validate" : "alter", c->desired,
                     c->alter & ALT_VALIDATE ? NULL : c->alter & ALT_REPLICA ? "replica identity" : "comment");
        break;
    }
}

/* A failed CONCURRENTLY build leaves an invalid index behind, which IF NOT
 * EXISTS would keep: this drops it first. */
static const char *invalid_index_check(Emit *e, const char *schema, const char *name)
{
    const char *cond = arena_printf(
        e->a,
        "EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid "
        "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relname = %s "
        "AND NOT i.indisvalid)",
        q_literal(e->a, schema), q_literal(e->a, name));
    return emit_guarded(e, cond, arena_printf(e->a, "DROP INDEX %s;", q_qual(e->a, schema, name)));
}

/* CREATE INDEX of ix; `on`: another table and index name (a partition's
 * index, NULL: ix's own), `only`: ON ONLY (a partitioned table's index
 * without its partitions'). */
static const char *index_sql_on(Emit *e, const TableIndex *ix, bool concurrently, const Obj *on, const char *name,
                                bool only)
{
    const IndexStmt *st = (const IndexStmt *)ix->raw;
    StrBuf sb;
    sb_init(&sb);
    sb_printf(&sb, "CREATE %sINDEX%s%s %s ON %s%s USING %s (", st->unique ? "UNIQUE " : "",
              concurrently ? " CONCURRENTLY" : "", migration(e) ? " IF NOT EXISTS" : "",
              q_ident(e->a, name ? name : ix->obj.name), only ? "ONLY " : "",
              on ? qual(e, on) : table_qual(e, &ix->obj), q_ident(e->a, ix->method));
    ListCell *lc;
    foreach (lc, st->indexParams) {
        if (foreach_current_index(lc))
            sb_puts(&sb, ", ");
        index_elem(e, &sb, lfirst(lc));
    }
    sb_putc(&sb, ')');
    if (st->indexIncludingParams) {
        sb_puts(&sb, " INCLUDE (");
        foreach (lc, st->indexIncludingParams) {
            if (foreach_current_index(lc))
                sb_puts(&sb, ", ");
            index_elem(e, &sb, lfirst(lc));
        }
        sb_putc(&sb, ')');
    }
    if (st->nulls_not_distinct)
        sb_puts(&sb, " NULLS NOT DISTINCT");
    if (st->options) {
        sb_puts(&sb, " WITH ");
        defelem_list(e, &sb, st->options);
    }
    if (st->whereClause)
        sb_printf(&sb, " WHERE (%s)", deparse_expr(e->a, st->whereClause));
    sb_putc(&sb, ';');
    char *r = sb_take(&sb, e->a);
    sb_free(&sb);
    return r;
}

/* ALTER INDEX ... ALTER COLUMN n SET STATISTICS where `des` differs from
 * `cur` (NULL: a new index). */
static void index_stats(Emit *e, const TableIndex *cur, const TableIndex *des)
{
    int have = cur ? cur->n_col_stats : 0;
    int n = des->n_col_stats > have ? des->n_col_stats : have;
    for (int i = 1; i <= n; i++) {
        int t = model_index_stat(des, i);
        if (t != (cur ? model_index_stat(cur, i) : -1))
            emit_stmt(e, arena_printf(e->a, "ALTER INDEX %s ALTER COLUMN %d SET STATISTICS %d;", qual(e, &des->obj), i, t));
    }
}

static const char *index_sql(Emit *e, const TableIndex *ix, bool concurrently)
{
    return index_sql_on(e, ix, concurrently, NULL, NULL, false);
}

const char *emit_index_create_sql(Emit *e, const TableIndex *ix, const char *name)
{
    return index_sql_on(e, ix, true, NULL, name, false);
}

const char *emit_index_create_on(Emit *e, const TableIndex *ix, const Obj *on, const char *name, bool concurrently,
                                 bool only)
{
    return index_sql_on(e, ix, concurrently, on, name, only);
}

const char *emit_invalid_index_drop(Emit *e, const char *schema, const char *name)
{
    return invalid_index_check(e, schema, name);
}

/* An index on a partitioned table that has rows: PostgreSQL refuses
 * CONCURRENTLY there, so the parent's index is made ON ONLY the parent
 * (invalid, no rows read), each partition's built CONCURRENTLY and
 * attached; the last ATTACH makes the parent's valid.  A partition that is
 * partitioned itself gets a plain CREATE INDEX, which recurses. */
static void index_on_partitions(Emit *e, const TableIndex *ix)
{
    Change *c = e->c;
    emit_stmt(e, invalid_index_check(e, ix->obj.schema, ix->obj.name));
    emit_stmt(e, index_sql_on(e, ix, false, NULL, NULL, true));
    for (int i = 0; i < c->partitions.n; i++) {
        const Table *p = c->partitions.items[i];
        const char *name = model_partition_index_name(e->a, p->obj.name, ix->obj.name);
        bool leaf = !p->partspec;
        if (leaf)
            emit_stmt(e, invalid_index_check(e, p->obj.schema, name));
        emit_stmt(e, index_sql_on(e, ix, leaf, &p->obj, name, false));
        emit_stmt(e, arena_printf(e->a, "ALTER INDEX %s ATTACH PARTITION %s;", qual(e, &ix->obj),
                                  q_qual(e->a, p->obj.schema, name)));
    }
}

void emit_index(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE: {
        const TableIndex *ix = (const TableIndex *)c->desired;
        bool online = migration(e) && !c->table_is_new;
        if (online && c->on_partitioned) {
            index_on_partitions(e, ix);
        } else if (online) {
            emit_stmt(e, invalid_index_check(e, ix->obj.schema, ix->obj.name));
        }
        if (!(online && c->on_partitioned))
            emit_stmt(e, index_sql(e, ix, online));
        maybe_comment(e, &ix->obj);
        index_stats(e, NULL, ix);
        if (ix->clustered)
            emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s CLUSTER ON %s;", table_qual(e, &ix->obj),
                                      q_ident(e->a, ix->obj.name)));
        replident_index_change(e, &ix->obj, false, ix->replica_identity);
        emit_summary(e, c->rebuild ? "re-create" : "create", &ix->obj, NULL);
        break;
    }
    case CHG_DROP: {
        /* no DROP INDEX CONCURRENTLY on a partitioned table */
        bool online = migration(e) && !c->table_is_new && !c->on_partitioned;
        replident_index_change(e, c->current, ((const TableIndex *)c->current)->replica_identity, false);
        if (migration(e) && c->name_reused) {
            /* a constraint created in this plan takes the name: once it has
             * (a second run), the index is the constraint's and stays.  The
             * check needs a DO block, where CONCURRENTLY cannot run. */
            emit_stmt(e, emit_guarded(e,
                                      arena_printf(e->a,
                                                   "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conindid = "
                                                   "pg_catalog.to_regclass(%s))",
                                                   q_literal(e->a, qual(e, c->current))),
                                      arena_printf(e->a, "DROP INDEX IF EXISTS %s;", qual(e, c->current))));
            emit_summary(e, c->rebuild ? "drop (to re-create)" : "drop", c->current, "unless a new constraint owns it");
            break;
        }
        emit_stmt(e, arena_printf(e->a, "DROP INDEX%s IF EXISTS %s;", online ? " CONCURRENTLY" : "",
                                  qual(e, c->current)));
        emit_summary(e, c->rebuild ? "drop (to re-create)" : "drop", c->current, NULL);
        break;
    }
    case CHG_ALTER: {
        const TableIndex *ix = (const TableIndex *)c->desired;
        if (c->alter & ALT_REBUILD) {
            idxswap_emit(e);
            break;
        }
        if (c->alter & ALT_CLUSTER) {
            if (ix->clustered)
                emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s CLUSTER ON %s;", table_qual(e, &ix->obj),
                                          q_ident(e->a, ix->obj.name)));
            else
                /* only if this index is still the clustered one: another
                 * index may have taken the mark already in this plan */
                emit_stmt(e, emit_guarded(e,
                                          arena_printf(e->a,
                                                       "EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = "
                                                       "pg_catalog.to_regclass(%s) AND indisclustered)",
                                                       q_literal(e->a, qual(e, &ix->obj))),
                                          arena_printf(e->a, "ALTER TABLE %s SET WITHOUT CLUSTER;", table_qual(e, &ix->obj))));
        }
        if (c->alter & ALT_STATISTICS)
            index_stats(e, (const TableIndex *)c->current, ix);
        if (c->alter & ALT_REPLICA)
            replident_index_change(e, &ix->obj, ((const TableIndex *)c->current)->replica_identity,
                                   ix->replica_identity);
        if (c->alter & ALT_COMMENT)
            emit_stmt(e, emit_comment_on(e, emit_comment_target(e, c->desired), c->desired->comment));
        emit_summary(e, "alter", c->desired,
                     c->alter & ALT_CLUSTER      ? (ix->clustered ? "cluster on" : "no cluster")
                     : c->alter & ALT_STATISTICS ? "statistics"
                     : c->alter & ALT_REPLICA    ? "replica identity"
                                                 : "comment");
        break;
    }
    }
}
