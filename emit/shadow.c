/*
 * shadow.c — shadow.sql: a heavy table change done online, in phases.
 *
 * diff/shadow.c decided which tables go through a shadow table and
 * gathered what hangs on each; this file only prints.  The file it writes
 * holds, in order:
 *
 *   - schemadiff's state table (docs/shadow.md fixes its DDL),
 *   - the phase procedures, the same for every table, each taking the
 *     table's name: CALL schemadiff.prepare('public.orders'), enable_sync,
 *     backfill, validate, cutover, rollback, cleanup;
 *   - per table, its row in the state table and its own functions
 *     (schemadiff."<prefix>_<what>"), which the procedures call: prepare,
 *     enable_sync, batch, validate, cutover, post (validates the foreign
 *     keys cutover and rollback add NOT VALID), rollback, abandon, cleanup,
 *     and the sync and reverse-sync trigger functions;
 *   - the calls that run prepare, enable_sync, backfill, the secondary
 *     indexes (CREATE INDEX CONCURRENTLY cannot run inside a procedure, so
 *     they are statements of their own), validate and cutover.
 *
 * The statements a phase runs on the user's objects are printed by the
 * ordinary emitters (emit_change over synthetic changes: the desired
 * triggers, policies, views, privileges, comments) and run with EXECUTE of
 * a literal; each is checked by the re-parse safety net as it is embedded,
 * and the file as a whole by reparse_script, PL/pgSQL bodies included.
 *
 * Every phase is re-runnable: it looks at the state row and the catalog
 * before acting.  Each sets lock_timeout locally, so no phase waits longer
 * than that for a lock; the only ACCESS EXCLUSIVE is the cutover's (and
 * rollback's) short transaction, which scans nothing.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

typedef struct Sh {
    Arena *a;
    StrBuf sb;
    PtrVec where;          /* ScriptStmt * */
    Emit e;                /* for the emit helpers */
    Change dummy;
    const MigrationPlan *p;
    const ShadowTable *st;
    const char *fault;     /* an embedded statement that did not re-parse */
} Sh;

/* ---- the script ---------------------------------------------------------- */

static void stmt(Sh *s, const char *sql)
{
    ScriptStmt *st = arena_alloc(s->a, sizeof *st);
    st->start = (int)s->sb.len;
    sb_puts(&s->sb, sql);
    st->end = (int)s->sb.len;
    st->change = s->st && s->st->changes.n ? s->st->changes.items[0] : NULL;
    vec_push(s->a, &s->where, st);
    sb_puts(&s->sb, "\n");
}

static const char *fn(Sh *s, const char *what)
{
    return q_qual(s->a, SD_OWN_SCHEMA, arena_printf(s->a, "%s_%s", s->st->fn_prefix, what));
}

void shadow_exec(Arena *a, StrBuf *body, const char *indent, const char *sql, const char **fault)
{
    const char *why = reparse_guarded_body(a, sql, 1);
    if (why && !*fault)
        *fault = arena_printf(a, "%s\n    statement: %s", why, sql);
    sb_printf(body, "%sEXECUTE %s;\n", indent, q_literal(a, sql));
}

static void exec(Sh *s, StrBuf *body, const char *indent, const char *sql)
{
    shadow_exec(s->a, body, indent, sql, &s->fault);
}

/* The statements the ordinary emitter writes for one synthetic change. */
static PtrVec emitted(Sh *s, ChangeOp op, ObjKind kind, const Obj *cur, const Obj *des, unsigned alter)
{
    Change *c = arena_alloc(s->a, sizeof *c);
    c->op = op;
    c->kind = kind;
    c->current = cur;
    c->desired = des;
    c->alter = alter;
    emit_change(s->a, c, STYLE_MIGRATION);
    return c->sql;
}

static void exec_all(Sh *s, StrBuf *body, const char *indent, const PtrVec *v)
{
    for (int i = 0; i < v->n; i++)
        exec(s, body, indent, v->items[i]);
}

/* CREATE OR REPLACE FUNCTION schemadiff.<prefix>_<what>(<args>) RETURNS
 * <ret> ... AS <body>. */
static void function(Sh *s, const char *what, const char *args, const char *ret, bool definer, const char *body)
{
    stmt(s, arena_printf(s->a,
                         "CREATE OR REPLACE FUNCTION %s(%s) RETURNS %s LANGUAGE plpgsql%s\n"
                         "SET search_path = pg_catalog, pg_temp AS %s;",
                         fn(s, what), args, ret, definer ? " SECURITY DEFINER" : "", q_dollar(s->a, body)));
}

/* ---- columns ------------------------------------------------------------- */

static bool listed(const PtrVec *v, const Column *c)
{
    for (int i = 0; i < v->n; i++)
        if (v->items[i] == c)
            return true;
    return false;
}

/* Whether the shadow (or the reverse sync) leaves column `to` NULL: a
 * vector of another dimension with no conversion (diff/shadow_conv.c). */
static bool left_null(Sh *s, const Column *to)
{
    return listed(&s->st->nulled, to) || listed(&s->st->rnulled, to);
}

/* Column `from` of row `rec` (a row of table `tab`) converted to column
 * `to`'s type: the same cast, or the schemadiff.yaml conversion (its
 * conv_using, written against the row as ALTER ... USING sees it: bare
 * column names, or the table's name: so it reads a derived table of the
 * one row named like the table), or NULL when diff/shadow_conv.c says so.
 * The backfill, the sync trigger and the validation all print it here. */
static const char *conv(Sh *s, const char *rec, const Table *tab, const Column *from, const Column *to)
{
    const char *expr = arena_printf(s->a, "%s.%s", rec, q_ident(s->a, from->obj.name));
    if (!strcmp(from->type.sql, to->type.sql))
        return expr;
    if (left_null(s, to))
        return arena_printf(s->a, "NULL::%s", to->type.sql);
    if (to->conv_using)
        return arena_printf(s->a, "(SELECT (%s) FROM (SELECT %s.*) AS %s)", to->conv_using, rec,
                            q_ident(s->a, tab->obj.name));
    return arena_printf(s->a, "(%s)::%s", expr, to->type.sql);
}

/* The columns one side copies to the other: those of `to` (not generated)
 * that `from` has; names quoted in *cols, `rec.col` converted in *vals,
 * "c = EXCLUDED.c" for the non-key ones in *sets. */
/* The columns rows of table `to` are matched by: into the shadow `match`
 * (the key, and a partitioned shadow's partition key columns), into the
 * old table the key. */
static const PtrVec *match_keys(Sh *s, const Table *to)
{
    return to == s->st->desired ? &s->st->match : &s->st->key;
}

static void mapping(Sh *s, const Table *from, const Table *to, const char *rec, StrBuf *cols, StrBuf *vals,
                    StrBuf *sets)
{
    const PtrVec *keys = match_keys(s, to);
    for (int i = 0; i < to->columns.n; i++) {
        const Column *d = to->columns.items[i], *f = table_column(from, d->obj.name);
        if (d->generated || !f || f->generated)
            continue;
        const char *q = q_ident(s->a, d->obj.name);
        sb_printf(cols, "%s%s", cols->len ? ", " : "", q);
        sb_printf(vals, "%s%s", vals->len ? ", " : "", conv(s, rec, from, f, d));
        bool key = false;
        for (int k = 0; k < keys->n && !key; k++)
            key = !strcmp(keys->items[k], d->obj.name);
        if (!key && sets && left_null(s, d) && strcmp(f->type.sql, d->type.sql))
            /* a sync trigger's update that keeps the value keeps the copy's
             * (`_sdt`: the target row; compared as text, the type's `=` not
             * being on the function's search_path) */
            sb_printf(sets, "%s%s = CASE WHEN TG_OP = 'UPDATE' AND %s.%s::text IS NOT DISTINCT FROM %s.%s::text THEN _sdt.%s END",
                      sets->len ? ", " : "", q, "OLD", q, rec, q, q);
        else if (!key && sets)
            sb_printf(sets, "%s%s = EXCLUDED.%s", sets->len ? ", " : "", q, q);
    }
}

/* "(rec.k1, rec.k2)" of the columns `keys`. */
static const char *key_row_of(Sh *s, const char *rec, const PtrVec *keys)
{
    StrBuf sb;
    sb_init(&sb);
    sb_putc(&sb, '(');
    for (int k = 0; k < keys->n; k++)
        sb_printf(&sb, "%s%s%s%s", k ? ", " : "", rec ? rec : "", rec ? "." : "", q_ident(s->a, keys->items[k]));
    sb_putc(&sb, ')');
    char *r = sb_take(&sb, s->a);
    sb_free(&sb);
    return r;
}

/* "(rec.k1, rec.k2)" of the key. */
static const char *key_row(Sh *s, const char *rec)
{
    return key_row_of(s, rec, &s->st->key);
}

/* "((v->>0)::t1, (v->>1)::t2)": a key kept as a JSON array, as a row. */
static const char *key_from_json(Sh *s, const char *v)
{
    StrBuf sb;
    sb_init(&sb);
    sb_putc(&sb, '(');
    for (int k = 0; k < s->st->key.n; k++)
        sb_printf(&sb, "%s(%s ->> %d)::%s", k ? ", " : "", v, k, (const char *)s->st->key_types.items[k]);
    sb_putc(&sb, ')');
    char *r = sb_take(&sb, s->a);
    sb_free(&sb);
    return r;
}

/* "pg_catalog.jsonb_build_array(rec.k1, ...)" */
static const char *key_json(Sh *s, const char *rec)
{
    const char *row = key_row(s, rec);
    return arena_printf(s->a, "pg_catalog.jsonb_build_array%s", row);
}

/* ---- the per-table functions ------------------------------------------------ */

static const char *state_where(Sh *s)
{
    return arena_printf(s->a, "table_schema = %s AND table_name = %s", q_literal(s->a, s->st->schema),
                        q_literal(s->a, s->st->name));
}

static const char *lock_timeout_sql(Sh *s)
{
    return arena_printf(s->a, "    PERFORM pg_catalog.set_config('lock_timeout', %s, true);\n",
                        q_literal(s->a, s->p->shadow_lock_timeout));
}

/* The unique index the sync and the backfill resolve conflicts on: the
 * desired key's (it becomes the constraint at cutover), else one of its
 * own, dropped at cutover. */
static const char *key_index_name(Sh *s)
{
    const ShadowTable *st = s->st;
    return st->desired_pk ? q_suffixed(s->a, st->desired_pk->obj.name, "_sdsh")
                          : q_suffixed(s->a, st->shadow_name, "_sdkey");
}

static const char *strip_concurrently(Sh *s, const char *sql)
{
    const char *at = strstr(sql, " CONCURRENTLY");
    if (!at)
        return sql;
    return arena_printf(s->a, "%.*s%s", (int)(at - sql), sql, at + strlen(" CONCURRENTLY"));
}

static void f_prepare(Sh *s)
{
    const ShadowTable *st = s->st;
    const Table *des = st->desired;
    const char *sh = q_qual(s->a, st->schema, st->shadow_name), *src = q_qual(s->a, st->schema, st->name);
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "DECLARE\n    s text;\n%sBEGIN\n%s", shadow_part_declare(st), lock_timeout_sql(s));
    sb_printf(&b, "    SELECT status INTO s FROM schemadiff.shadow_state WHERE %s;\n", state_where(s));
    sb_puts(&b, "    IF s IS DISTINCT FROM 'pending' THEN\n        RETURN;\n    END IF;\n");
    /* the shadow table: every column of the desired definition, in its order */
    StrBuf ct;
    sb_init(&ct);
    sb_printf(&ct, "CREATE %sTABLE IF NOT EXISTS %s (", des->unlogged ? "UNLOGGED " : "", sh);
    for (int i = 0; i < des->columns.n; i++)
        sb_printf(&ct, "%s\n    %s", i ? "," : "", emit_column_def(s->a, des->columns.items[i], STYLE_MIGRATION));
    sb_printf(&ct, "\n)%s;", shadow_part_spec(s->a, st));
    exec(s, &b, "    ", ct.data);
    sb_free(&ct);
    /* storage, compression, statistics of its columns */
    Change attrs = {0};
    Emit e = {s->a, &attrs, STYLE_MIGRATION, NULL, NULL};
    for (int i = 0; i < des->columns.n; i++)
        emit_column_attrs(&e, sh, NULL, des->columns.items[i]);
    exec_all(s, &b, "    ", &attrs.sql);
    /* the key's unique index (the table is empty: no CONCURRENTLY); a
     * partitioned shadow's keys, partitions and rows check (emit/shadow_part.c) */
    if (st->partitioned) {
        const char *fault = NULL;
        sb_puts(&b, shadow_part_prepare(s->a, st, key_index_name(s), &fault));
        if (fault && !s->fault)
            s->fault = fault;
    } else if (st->desired_pk) {
        exec(s, &b, "    ", strip_concurrently(s, emit_key_index_sql(&s->e, st->desired_pk, sh, q_ident(s->a, key_index_name(s)))));
    } else {
        exec(s, &b, "    ",
             arena_printf(s->a, "CREATE UNIQUE INDEX IF NOT EXISTS %s ON %s %s;", q_ident(s->a, key_index_name(s)), sh,
                          key_row_of(s, NULL, &st->match)));
    }
    /* CHECK constraints, NOT VALID: validated by the validate phase */
    for (int i = 0; i < st->des_checks.n; i++) {
        TableConstraint k = *(const TableConstraint *)st->des_checks.items[i];
        k.obj.table = st->shadow_name;
        sb_printf(&b, "    IF NOT %s THEN\n", emit_constraint_exists(&s->e, sh, k.obj.name, false));
        exec(s, &b, "        ", emit_add_constraint_sql(&s->e, &k, true));
        sb_puts(&b, "    END IF;\n");
    }
    /* the sync trigger, created disabled */
    sb_printf(&b, "    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = %s::pg_catalog.regclass AND "
                  "tgname = '_schemadiff_sync') THEN\n",
              q_literal(s->a, src));
    exec(s, &b, "        ",
         arena_printf(s->a, "CREATE TRIGGER _schemadiff_sync AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW "
                            "EXECUTE FUNCTION %s();",
                      src, fn(s, "sync")));
    exec(s, &b, "        ", arena_printf(s->a, "ALTER TABLE %s DISABLE TRIGGER _schemadiff_sync;", src));
    sb_puts(&b, "    END IF;\n");
    sb_printf(&b, "    UPDATE schemadiff.shadow_state SET rows_estimate = (SELECT GREATEST(reltuples, 0)::bigint "
                  "FROM pg_catalog.pg_class WHERE oid = %s::pg_catalog.regclass), updated_at = pg_catalog.now() WHERE %s;\n",
              q_literal(s->a, src), state_where(s));
    sb_puts(&b, "END\n");
    function(s, "prepare", "", "void", false, b.data);
    sb_free(&b);
}

static void f_enable_sync(Sh *s)
{
    const char *src = q_qual(s->a, s->st->schema, s->st->name);
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "BEGIN\n%s", lock_timeout_sql(s));
    sb_printf(&b, "    IF (SELECT status FROM schemadiff.shadow_state WHERE %s) = 'pending' THEN\n", state_where(s));
    exec(s, &b, "        ", arena_printf(s->a, "ALTER TABLE %s ENABLE TRIGGER _schemadiff_sync;", src));
    sb_printf(&b, "        UPDATE schemadiff.shadow_state SET status = 'synced', updated_at = pg_catalog.now() WHERE %s;\n",
              state_where(s));
    sb_puts(&b, "    END IF;\nEND\n");
    function(s, "enable_sync", "", "void", false, b.data);
    sb_free(&b);
}

/* A row trigger function copying each change of `from` into `to` (by key). */
static void f_sync(Sh *s, const char *what, const Table *from, const Table *to, const char *target)
{
    StrBuf cols, vals, sets, b;
    sb_init(&cols);
    sb_init(&vals);
    sb_init(&sets);
    sb_init(&b);
    mapping(s, from, to, "NEW", &cols, &vals, &sets);
    const PtrVec *keys = match_keys(s, to);
    const char *kr = key_row_of(s, NULL, keys);
    sb_puts(&b, "BEGIN\n");
    sb_printf(&b, "    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND %s IS DISTINCT FROM %s) THEN\n", key_row_of(s, "OLD", keys),
              key_row_of(s, "NEW", keys));
    sb_printf(&b, "        DELETE FROM %s WHERE %s = %s;\n", target, kr, key_row_of(s, "OLD", keys));
    sb_puts(&b, "    END IF;\n    IF TG_OP = 'DELETE' THEN\n        RETURN NULL;\n    END IF;\n");
    sb_printf(&b, "    INSERT INTO %s AS _sdt (%s) OVERRIDING SYSTEM VALUE VALUES (%s)\n        ON CONFLICT %s DO ", target,
              cols.data, vals.data, kr);
    if (sets.len)
        sb_printf(&b, "UPDATE SET %s;\n", sets.data);
    else
        sb_puts(&b, "NOTHING;\n");
    sb_puts(&b, "    RETURN NULL;\nEND\n");
    function(s, what, "", "trigger", true, b.data);
    sb_free(&cols);
    sb_free(&vals);
    sb_free(&sets);
    sb_free(&b);
}

static void f_batch(Sh *s)
{
    const ShadowTable *st = s->st;
    const char *src = q_qual(s->a, st->schema, st->name), *sh = q_qual(s->a, st->schema, st->shadow_name);
    StrBuf cols, vals, b;
    sb_init(&cols);
    sb_init(&vals);
    sb_init(&b);
    mapping(s, st->current, st->desired, "r", &cols, &vals, NULL);
    const char *kr = key_row(s, "r");
    StrBuf order;
    sb_init(&order);
    StrBuf desc;
    sb_init(&desc);
    for (int k = 0; k < st->key.n; k++) {
        sb_printf(&order, "%sr.%s", k ? ", " : "", q_ident(s->a, st->key.items[k]));
        sb_printf(&desc, "%sr.%s DESC", k ? ", " : "", q_ident(s->a, st->key.items[k]));
    }
    /* the table's columns may be called last, n, hi or done: inside the
     * statements the parameters are qualified by the function's name, and
     * a bare name (a schemadiff.yaml conversion's) is the column */
    const char *f = q_ident(s->a, arena_printf(s->a, "%s_batch", st->fn_prefix));
    const char *last = arena_printf(s->a, "%s.last", f), *hi = arena_printf(s->a, "%s.hi", f);
    sb_printf(&b, "#variable_conflict use_column\n%sBEGIN\n%s",
              st->partitioned ? "DECLARE\n    msg text;\n    det text;\n" : "", lock_timeout_sql(s));
    /* the batch's last key, as of this snapshot */
    sb_printf(&b, "    SELECT %s INTO hi FROM %s r WHERE %s IS NULL OR %s > %s ORDER BY %s OFFSET %s.n - 1 LIMIT 1;\n",
              key_json(s, "r"), src, last, kr, key_from_json(s, last), order.data, f);
    sb_puts(&b, "    done := hi IS NULL;\n");
    /* rows locked FOR SHARE: a writer that deletes or updates one waits
     * for this batch, then its trigger applies the change to the copy */
    const char *ins = arena_printf(s->a,
              "    INSERT INTO %s (%s) OVERRIDING SYSTEM VALUE\n"
              "        SELECT %s FROM %s r\n"
              "        WHERE (%s IS NULL OR %s > %s) AND (%s IS NULL OR %s <= %s)\n"
              "        ORDER BY %s FOR SHARE OF r\n"
              "        ON CONFLICT %s DO NOTHING;\n"
              "    GET DIAGNOSTICS copied = ROW_COUNT;\n",
              sh, cols.data, vals.data, src, last, kr, key_from_json(s, last), hi, kr, key_from_json(s, hi), order.data,
              key_row_of(s, NULL, &st->match));
    /* a partitioned shadow: a row without a partition, said clearly */
    sb_puts(&b, shadow_part_insert(s->a, st, ins));
    sb_printf(&b, "    IF done THEN\n        SELECT %s INTO hi FROM %s r ORDER BY %s LIMIT 1;\n    END IF;\nEND\n",
              key_json(s, "r"), src, desc.data);
    function(s, "batch", "last jsonb, n bigint, OUT copied bigint, OUT hi jsonb, OUT done boolean", "record", false,
             b.data);
    sb_free(&cols);
    sb_free(&vals);
    sb_free(&b);
    sb_free(&order);
    sb_free(&desc);
}

static void f_validate(Sh *s)
{
    const ShadowTable *st = s->st;
    const char *src = q_qual(s->a, st->schema, st->name), *sh = q_qual(s->a, st->schema, st->shadow_name);
    StrBuf cols, vals, shadow_vals, b;
    sb_init(&cols);
    sb_init(&vals);
    sb_init(&shadow_vals);
    sb_init(&b);
    mapping(s, st->current, st->desired, "r", &cols, &vals, NULL);
    mapping(s, st->current, st->desired, "d", &shadow_vals, &shadow_vals, NULL);
    /* shadow_vals got "cols, d.cols": take the d. part only */
    StrBuf dv;
    sb_init(&dv);
    for (int i = 0; i < st->desired->columns.n; i++) {
        const Column *d = st->desired->columns.items[i], *f = table_column(st->current, d->obj.name);
        if (d->generated || !f || f->generated)
            continue;
        sb_printf(&dv, "%sd.%s", dv.len ? ", " : "", q_ident(s->a, d->obj.name));
    }
    /* a bare name in a statement is a column (a conversion's), never these */
    sb_puts(&b, "#variable_conflict use_column\nDECLARE\n    ns bigint;\n    nd bigint;\n    hs numeric;\n    hd numeric;\n"
                "    bad text;\nBEGIN\n");
    sb_puts(&b, lock_timeout_sql(s));
    for (int i = 0; i < st->des_checks.n; i++) {
        const TableConstraint *k = st->des_checks.items[i];
        exec(s, &b, "    ", arena_printf(s->a, "ALTER TABLE %s VALIDATE CONSTRAINT %s;", sh, q_ident(s->a, k->obj.name)));
    }
    /* one statement, one snapshot: the sync trigger writes the copy in the
     * writer's own transaction, so both sides agree in any snapshot */
    sb_printf(&b,
              "    WITH a AS MATERIALIZED (SELECT %s::text AS k, pg_catalog.md5(ROW(%s)::text) AS h FROM %s r),\n"
              "         b AS MATERIALIZED (SELECT %s::text AS k, pg_catalog.md5(ROW(%s)::text) AS h FROM %s d),\n"
              "         diff AS (SELECT k FROM ((SELECT k, h FROM a EXCEPT ALL SELECT k, h FROM b)\n"
              "                                 UNION ALL (SELECT k, h FROM b EXCEPT ALL SELECT k, h FROM a)) x)\n"
              "    SELECT (SELECT count(*) FROM a), (SELECT count(*) FROM b),\n"
              "           (SELECT COALESCE(sum(('x' || left(h, 15))::bit(60)::bigint), 0) FROM a),\n"
              "           (SELECT COALESCE(sum(('x' || left(h, 15))::bit(60)::bigint), 0) FROM b),\n"
              "           (SELECT string_agg(k, ' ' ORDER BY k) FROM (SELECT DISTINCT k FROM diff ORDER BY k LIMIT 20) y)\n"
              "      INTO ns, nd, hs, hd, bad;\n",
              key_json(s, "r"), vals.data, src, key_json(s, "d"), dv.data, sh);
    sb_puts(&b, "    IF bad IS NULL AND (ns <> nd OR hs <> hd) THEN\n"
                "        bad := pg_catalog.format('%s rows against %s in the copy', ns, nd);\n"
                "    END IF;\n");
    sb_printf(&b,
              "    UPDATE schemadiff.shadow_state SET status = CASE WHEN bad IS NULL THEN 'validated' ELSE 'conflict' END,\n"
              "        validation_hash = ns || ':' || hs, mismatches = bad, updated_at = pg_catalog.now() WHERE %s;\n",
              state_where(s));
    sb_puts(&b, "    RETURN CASE WHEN bad IS NULL THEN NULL ELSE 'keys differing (first 20): ' || bad END;\nEND\n");
    function(s, "validate", "", "text", false, b.data);
    sb_free(&cols);
    sb_free(&vals);
    sb_free(&shadow_vals);
    sb_free(&dv);
    sb_free(&b);
}

/* ALTER TABLE t ENABLE|DISABLE ... TRIGGER n as the trigger's state says. */
static const char *trigger_state_sql(Sh *s, const char *table, const Definition *d)
{
    const char *w = d->enabled == 'D' ? "DISABLE" : d->enabled == 'A' ? "ENABLE ALWAYS" : d->enabled == 'R' ? "ENABLE REPLICA"
                                                                                                          : "ENABLE";
    return arena_printf(s->a, "ALTER TABLE %s %s TRIGGER %s;", table, w, q_ident(s->a, d->obj.name));
}

/* Renames of the key constraints and indexes of one side: `to_temp` moves
 * them from their names to the suffixed ones, else back. */
static void renames(Sh *s, StrBuf *b, const char *table, const PtrVec *keys, const PtrVec *indexes, const char *suffix,
                    bool to_temp)
{
    for (int i = 0; i < keys->n; i++) {
        const Obj *o = keys->items[i];
        const char *tmp = q_suffixed(s->a, o->name, suffix);
        const char *from = to_temp ? o->name : tmp, *to = to_temp ? tmp : o->name;
        sb_printf(b, "    IF %s THEN\n", emit_constraint_exists(&s->e, table, from, false));
        exec(s, b, "        ", arena_printf(s->a, "ALTER TABLE %s RENAME CONSTRAINT %s TO %s;", table, q_ident(s->a, from),
                                            q_ident(s->a, to)));
        sb_puts(b, "    END IF;\n");
    }
    for (int i = 0; i < indexes->n; i++) {
        const Obj *o = indexes->items[i];
        const char *tmp = q_suffixed(s->a, o->name, suffix);
        const char *from = to_temp ? o->name : tmp, *to = to_temp ? tmp : o->name;
        sb_printf(b, "    IF pg_catalog.to_regclass(%s) IS NOT NULL THEN\n", q_literal(s->a, q_qual(s->a, o->schema, from)));
        exec(s, b, "        ",
             arena_printf(s->a, "ALTER INDEX %s RENAME TO %s;", q_qual(s->a, o->schema, from), q_ident(s->a, to)));
        sb_puts(b, "    END IF;\n");
    }
}

/* The moves of emit/shadow_carry.c: rules, statistics, BEGIN ATOMIC
 * functions, publication lists. */
static void carry(Sh *s, StrBuf *b, bool rollback, bool before)
{
    PtrVec v = {0};
    shadow_carry_sql(s->a, s->st, rollback, before, &v);
    exec_all(s, b, "    ", &v);
}

static void add_fk(Sh *s, StrBuf *b, const TableConstraint *k)
{
    const char *t = q_qual(s->a, k->obj.schema, k->obj.table);
    sb_printf(b, "    IF NOT %s THEN\n", emit_constraint_exists(&s->e, t, k->obj.name, false));
    exec(s, b, "        ", emit_add_constraint_sql(&s->e, k, true));
    sb_puts(b, "    END IF;\n");
}

static void drop_fk(Sh *s, StrBuf *b, const TableConstraint *k)
{
    exec(s, b, "    ", arena_printf(s->a, "ALTER TABLE IF EXISTS %s DROP CONSTRAINT IF EXISTS %s;",
                                    q_qual(s->a, k->obj.schema, k->obj.table), q_ident(s->a, k->obj.name)));
}

/* LOCK TABLE of the tables whose foreign keys to the table are moved. */
static void lock_children(Sh *s, StrBuf *b, const PtrVec *fks)
{
    for (int i = 0; i < fks->n; i++) {
        const TableConstraint *k = fks->items[i];
        const char *t = q_qual(s->a, k->obj.schema, k->obj.table);
        sb_printf(b, "    IF pg_catalog.to_regclass(%s) IS NOT NULL THEN\n", q_literal(s->a, t));
        exec(s, b, "        ", arena_printf(s->a, "LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE;", t));
        sb_puts(b, "    END IF;\n");
    }
}

static void f_cutover(Sh *s)
{
    const ShadowTable *st = s->st;
    const Table *des = st->desired;
    const char *src = q_qual(s->a, st->schema, st->name), *sh = q_qual(s->a, st->schema, st->shadow_name);
    const char *old = q_qual(s->a, st->schema, st->old_name);
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "DECLARE\n    s text;\nBEGIN\n%s", lock_timeout_sql(s));
    sb_printf(&b, "    SELECT status INTO s FROM schemadiff.shadow_state WHERE %s FOR UPDATE;\n", state_where(s));
    sb_puts(&b, "    IF s = 'cutover' THEN\n        RETURN;\n    END IF;\n");
    sb_printf(&b, "    IF s IS DISTINCT FROM 'validated' THEN\n"
                  "        RAISE EXCEPTION 'schemadiff: %%.%% is %%, not validated: CALL schemadiff.validate(%%) first; "
                  "nothing was swapped', %s, %s, s, %s;\n    END IF;\n",
              q_literal(s->a, st->schema), q_literal(s->a, st->name), q_literal(s->a, q_literal(s->a, src)));
    exec(s, &b, "    ", arena_printf(s->a, "LOCK TABLE %s, %s IN ACCESS EXCLUSIVE MODE;", src, sh));
    lock_children(s, &b, &st->cur_fks_in);
    /* every change written since validation is in the copy: the trigger
     * runs in the writers' transactions, and it must still be enabled */
    sb_printf(&b, "    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = %s::pg_catalog.regclass AND "
                  "tgname = '_schemadiff_sync' AND tgenabled = 'O') THEN\n"
                  "        RAISE EXCEPTION 'schemadiff: the sync trigger of %%.%% is not enabled: the copy may miss "
                  "changes; nothing was swapped', %s, %s;\n    END IF;\n",
              q_literal(s->a, src), q_literal(s->a, st->schema), q_literal(s->a, st->name));
    /* what points at the old table by OID: foreign keys, views */
    for (int i = 0; i < st->cur_fks_in.n; i++)
        drop_fk(s, &b, st->cur_fks_in.items[i]);
    for (int i = 0; i < st->cur_views.n; i++) {
        PtrVec v = emitted(s, CHG_DROP, OBJ_VIEW, st->cur_views.items[i], NULL, 0);
        exec_all(s, &b, "    ", &v);
    }
    /* the old table keeps its data current through the reverse sync; its
     * own triggers must not fire for those writes */
    exec(s, &b, "    ", arena_printf(s->a, "ALTER TABLE %s DISABLE TRIGGER USER;", src));
    carry(s, &b, false, true); /* rules, statistics (emit/shadow_carry.c) */
    renames(s, &b, src, &st->cur_keys, &st->cur_indexes, "_sdold", true);
    exec(s, &b, "    ", arena_printf(s->a, "ALTER TABLE %s RENAME TO %s;", src, q_ident(s->a, st->old_name)));
    exec(s, &b, "    ", arena_printf(s->a, "ALTER TABLE %s RENAME TO %s;", sh, q_ident(s->a, st->name)));
    /* the new table's keys and indexes take their names */
    for (int i = 0; i < st->des_keys.n; i++) {
        const TableConstraint *k = st->des_keys.items[i];
        const char *tmp = q_suffixed(s->a, k->obj.name, "_sdsh");
        sb_printf(&b, "    IF %s THEN\n", emit_constraint_exists(&s->e, src, tmp, false));
        exec(s, &b, "        ", arena_printf(s->a, "ALTER TABLE %s RENAME CONSTRAINT %s TO %s;", src, q_ident(s->a, tmp),
                                             q_ident(s->a, k->obj.name)));
        sb_printf(&b, "    ELSIF NOT %s THEN\n", emit_constraint_exists(&s->e, src, k->obj.name, false));
        if (k->contype == CON_EXCLUSION)
            exec(s, &b, "        ", emit_add_constraint_sql(&s->e, k, false));
        else
            exec(s, &b, "        ",
                 arena_printf(s->a, "ALTER TABLE %s ADD CONSTRAINT %s %s USING INDEX %s;", src, q_ident(s->a, k->obj.name),
                              k->contype == CON_PRIMARY ? "PRIMARY KEY" : "UNIQUE", q_ident(s->a, tmp)));
        sb_puts(&b, "    END IF;\n");
    }
    PtrVec none = {0};
    renames(s, &b, src, &none, &st->des_indexes, "_sdsh", false);
    if (!st->desired_pk)
        exec(s, &b, "    ", arena_printf(s->a, "DROP INDEX IF EXISTS %s;", q_qual(s->a, st->schema, key_index_name(s))));
    /* sequences its columns own; identity sequences start after the rows */
    for (int i = 0; i < st->des_seq_owners.n; i++) {
        const SeqOwner *so = st->des_seq_owners.items[i];
        exec(s, &b, "    ", arena_printf(s->a, "ALTER SEQUENCE %s OWNED BY %s.%s;", q_qual(s->a, so->obj.schema, so->obj.name),
                                          src, q_ident(s->a, so->column)));
    }
    for (int i = 0; i < des->columns.n; i++) {
        const Column *c = des->columns.items[i];
        if (c->identity)
            sb_printf(&b, "    PERFORM pg_catalog.setval(pg_catalog.pg_get_serial_sequence(%s, %s), "
                          "(SELECT pg_catalog.max(%s) FROM %s), true) WHERE EXISTS (SELECT 1 FROM %s);\n",
                      q_literal(s->a, src), q_literal(s->a, c->obj.name), q_ident(s->a, c->obj.name), src, src);
    }
    /* its foreign keys, NOT VALID (validated after the lock is released) */
    for (int i = 0; i < st->des_fks.n; i++)
        add_fk(s, &b, st->des_fks.items[i]);
    /* its triggers, policies, privileges, comments, owner, options */
    for (int i = 0; i < st->des_triggers.n; i++) {
        const Definition *d = st->des_triggers.items[i];
        sb_printf(&b, "    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = %s::pg_catalog.regclass AND "
                      "tgname = %s) THEN\n",
                  q_literal(s->a, src), q_literal(s->a, d->obj.name));
        PtrVec v = emitted(s, CHG_CREATE, OBJ_TRIGGER, NULL, &d->obj, 0);
        exec_all(s, &b, "        ", &v);
        sb_puts(&b, "    END IF;\n");
        exec(s, &b, "    ", trigger_state_sql(s, src, d));
    }
    for (int i = 0; i < st->des_policies.n; i++) {
        const Obj *o = st->des_policies.items[i];
        sb_printf(&b, "    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = %s::pg_catalog.regclass AND "
                      "polname = %s) THEN\n",
                  q_literal(s->a, src), q_literal(s->a, o->name));
        PtrVec v = emitted(s, CHG_CREATE, OBJ_POLICY, NULL, o, 0);
        exec_all(s, &b, "        ", &v);
        sb_puts(&b, "    END IF;\n");
    }
    /* the table's own attributes: what a bare table lacks of the desired */
    Table *bare = arena_alloc(s->a, sizeof *bare);
    obj_copy(bare, des, sizeof *bare);
    bare->obj.comment = NULL;
    bare->obj.acl = NULL;
    bare->obj.owner = NULL;
    bare->rls = bare->rls_force = false;
    bare->reloptions = NULL;
    bare->replident = 0;
    /* (owner, privileges and comments are compared apart from the kind's
     * own comparison, in diff/diff.c) */
    unsigned alt = (des->rls || des->rls_force ? ALT_RLS : 0) | (des->reloptions ? ALT_RELOPTIONS : 0) |
                   (des->replident ? ALT_REPLICA : 0) | (des->obj.comment ? ALT_COMMENT : 0) | (des->obj.owner ? ALT_OWNER : 0) | (des->obj.acl ? ALT_ACL : 0);
    if (alt) {
        PtrVec v = emitted(s, CHG_ALTER, OBJ_TABLE, &bare->obj, &des->obj, alt);
        exec_all(s, &b, "    ", &v);
    }
    for (int i = 0; i < des->columns.n; i++) {
        const Column *c = des->columns.items[i];
        Column *bc = arena_alloc(s->a, sizeof *bc);
        obj_copy(bc, c, sizeof *bc);
        bc->obj.comment = NULL;
        bc->obj.acl = NULL;
        unsigned calt = (c->obj.comment ? ALT_COMMENT : 0) | (c->obj.acl ? ALT_ACL : 0);
        if (calt) {
            PtrVec v = emitted(s, CHG_ALTER, OBJ_COLUMN, &bc->obj, &c->obj, calt);
            exec_all(s, &b, "    ", &v);
        }
    }
    for (int i = 0; i < st->des_keys.n; i++) {
        const TableConstraint *k = st->des_keys.items[i];
        if (k->obj.comment)
            exec(s, &b, "    ", emit_comment_sql(&s->e, &k->obj));
    }
    for (int i = 0; i < st->des_indexes.n; i++) {
        const TableIndex *ix = st->des_indexes.items[i];
        if (ix->obj.comment)
            exec(s, &b, "    ", emit_comment_sql(&s->e, &ix->obj));
    }
    /* the views that read it, and the foreign keys to it */
    for (int i = 0; i < st->des_views.n; i++) {
        PtrVec v = emitted(s, CHG_CREATE, OBJ_VIEW, NULL, st->des_views.items[i], 0);
        exec_all(s, &b, "    ", &v);
    }
    for (int i = 0; i < st->des_fks_in.n; i++)
        add_fk(s, &b, st->des_fks_in.items[i]);
    carry(s, &b, false, false); /* rules, statistics, functions, publications */
    /* the reverse sync keeps the old table current, for a rollback */
    sb_printf(&b, "    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = %s::pg_catalog.regclass AND "
                  "tgname = '_schemadiff_rsync') THEN\n",
              q_literal(s->a, src));
    exec(s, &b, "        ",
         arena_printf(s->a, "CREATE TRIGGER _schemadiff_rsync AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW "
                            "EXECUTE FUNCTION %s();",
                      src, fn(s, "rsync")));
    sb_puts(&b, "    END IF;\n");
    exec(s, &b, "    ", arena_printf(s->a, "ALTER TABLE %s ENABLE TRIGGER _schemadiff_rsync;", src));
    sb_printf(&b, "    UPDATE schemadiff.shadow_state SET status = 'cutover', old_name = %s, updated_at = pg_catalog.now() "
                  "WHERE %s;\n",
              q_literal(s->a, st->old_name), state_where(s));
    (void)old;
    sb_puts(&b, "END\n");
    function(s, "cutover", "", "void", false, b.data);
    sb_free(&b);
}

static void f_rollback(Sh *s)
{
    const ShadowTable *st = s->st;
    const char *src = q_qual(s->a, st->schema, st->name), *old = q_qual(s->a, st->schema, st->old_name);
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "DECLARE\n    s text;\nBEGIN\n%s", lock_timeout_sql(s));
    sb_printf(&b, "    SELECT status INTO s FROM schemadiff.shadow_state WHERE %s FOR UPDATE;\n", state_where(s));
    sb_puts(&b, "    IF s IS DISTINCT FROM 'cutover' THEN\n        RETURN;\n    END IF;\n");
    exec(s, &b, "    ", arena_printf(s->a, "LOCK TABLE %s, %s IN ACCESS EXCLUSIVE MODE;", src, old));
    lock_children(s, &b, &st->des_fks_in);
    for (int i = 0; i < st->des_fks_in.n; i++)
        drop_fk(s, &b, st->des_fks_in.items[i]);
    for (int i = st->des_views.n - 1; i >= 0; i--) {
        PtrVec v = emitted(s, CHG_DROP, OBJ_VIEW, st->des_views.items[i], NULL, 0);
        exec_all(s, &b, "    ", &v);
    }
    exec(s, &b, "    ", arena_printf(s->a, "DROP TRIGGER IF EXISTS _schemadiff_rsync ON %s;", src));
    /* the copy's own triggers must not fire for the sync's writes */
    exec(s, &b, "    ", arena_printf(s->a, "ALTER TABLE %s DISABLE TRIGGER USER;", src));
    PtrVec none = {0};
    carry(s, &b, true, true);
    renames(s, &b, src, &st->des_keys, &st->des_indexes, "_sdsh", true);
    exec(s, &b, "    ", arena_printf(s->a, "ALTER TABLE %s RENAME TO %s;", src, q_ident(s->a, st->shadow_name)));
    exec(s, &b, "    ", arena_printf(s->a, "ALTER TABLE %s RENAME TO %s;", old, q_ident(s->a, st->name)));
    renames(s, &b, src, &st->cur_keys, &st->cur_indexes, "_sdold", false);
    (void)none;
    for (int i = 0; i < st->cur_triggers.n; i++)
        exec(s, &b, "    ", trigger_state_sql(s, src, st->cur_triggers.items[i]));
    exec(s, &b, "    ", arena_printf(s->a, "ALTER TABLE %s ENABLE TRIGGER _schemadiff_sync;", src));
    for (int i = 0; i < st->cur_seq_owners.n; i++) {
        const SeqOwner *so = st->cur_seq_owners.items[i];
        exec(s, &b, "    ", arena_printf(s->a, "ALTER SEQUENCE %s OWNED BY %s.%s;", q_qual(s->a, so->obj.schema, so->obj.name),
                                          src, q_ident(s->a, so->column)));
    }
    for (int i = st->cur_views.n - 1; i >= 0; i--) {
        PtrVec v = emitted(s, CHG_CREATE, OBJ_VIEW, NULL, st->cur_views.items[i], 0);
        exec_all(s, &b, "    ", &v);
    }
    carry(s, &b, true, false);
    for (int i = 0; i < st->cur_fks_in.n; i++)
        add_fk(s, &b, st->cur_fks_in.items[i]);
    sb_printf(&b, "    UPDATE schemadiff.shadow_state SET status = 'rolled_back', old_name = NULL, updated_at = pg_catalog.now() "
                  "WHERE %s;\n",
              state_where(s));
    sb_puts(&b, "END\n");
    function(s, "rollback", "", "void", false, b.data);
    sb_free(&b);
}

/* Validate the foreign keys cutover ('cutover') or rollback added NOT VALID. */
static void f_post(Sh *s)
{
    const ShadowTable *st = s->st;
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "BEGIN\n%s", lock_timeout_sql(s));
    for (int side = 0; side < 2; side++) {
        sb_printf(&b, "    IF phase = %s THEN\n", side ? "'cutover'" : "'rollback'");
        const PtrVec *in = side ? &st->des_fks_in : &st->cur_fks_in;
        PtrVec all = {0};
        for (int i = 0; i < in->n; i++)
            vec_push(s->a, &all, in->items[i]);
        if (side)
            for (int i = 0; i < st->des_fks.n; i++)
                vec_push(s->a, &all, st->des_fks.items[i]);
        for (int i = 0; i < all.n; i++) {
            const TableConstraint *k = all.items[i];
            const char *t = q_qual(s->a, k->obj.schema, k->obj.table);
            sb_printf(&b, "        IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass(%s) "
                          "AND conname = %s AND NOT convalidated) THEN\n",
                      q_literal(s->a, t), q_literal(s->a, k->obj.name));
            exec(s, &b, "            ", arena_printf(s->a, "ALTER TABLE %s VALIDATE CONSTRAINT %s;", t, q_ident(s->a, k->obj.name)));
            sb_puts(&b, "        END IF;\n");
        }
        sb_puts(&b, "    END IF;\n");
    }
    sb_puts(&b, "END\n");
    function(s, "post", "phase text", "void", false, b.data);
    sb_free(&b);
}

/* Cleanup: after cutover the old table goes; before it (or after a
 * rollback) the shadow table and the sync trigger go. */
static void f_cleanup(Sh *s)
{
    const ShadowTable *st = s->st;
    const char *src = q_qual(s->a, st->schema, st->name), *sh = q_qual(s->a, st->schema, st->shadow_name);
    const char *old = q_qual(s->a, st->schema, st->old_name);
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "DECLARE\n    s text;\nBEGIN\n%s", lock_timeout_sql(s));
    sb_printf(&b, "    SELECT status INTO s FROM schemadiff.shadow_state WHERE %s FOR UPDATE;\n", state_where(s));
    sb_puts(&b, "    IF s IS NULL OR s = 'cleaned' THEN\n        RETURN;\n    ELSIF s = 'cutover' THEN\n");
    exec(s, &b, "        ", arena_printf(s->a, "DROP TRIGGER IF EXISTS _schemadiff_rsync ON %s;", src));
    exec(s, &b, "        ", arena_printf(s->a, "DROP TABLE IF EXISTS %s;", old));
    sb_puts(&b, "    ELSE\n");
    sb_printf(&b, "        IF pg_catalog.to_regclass(%s) IS NOT NULL THEN\n", q_literal(s->a, src));
    exec(s, &b, "            ", arena_printf(s->a, "DROP TRIGGER IF EXISTS _schemadiff_sync ON %s;", src));
    sb_puts(&b, "        END IF;\n");
    exec(s, &b, "        ", arena_printf(s->a, "DROP TABLE IF EXISTS %s;", sh));
    sb_puts(&b, "    END IF;\n");
    sb_printf(&b, "    UPDATE schemadiff.shadow_state SET status = 'cleaned', updated_at = pg_catalog.now() WHERE %s;\n",
              state_where(s));
    sb_puts(&b, "END\n");
    function(s, "cleanup", "", "void", false, b.data);
    sb_free(&b);
}

/* ---- the file ---------------------------------------------------------------- */

static const char state_ddl[] =
    "CREATE TABLE IF NOT EXISTS schemadiff.shadow_state (\n"
    "    table_schema text NOT NULL,\n"
    "    table_name text NOT NULL,\n"
    "    version integer NOT NULL DEFAULT 1,\n"
    "    status text NOT NULL DEFAULT 'pending'\n"
    "        CHECK (status IN ('pending', 'synced', 'conflict', 'migrated', 'validated', 'cutover',\n"
    "                          'rolled_back', 'cleaned')),\n"
    "    shadow_name text NOT NULL,\n"
    "    old_name text,\n"
    "    fn_prefix text NOT NULL,\n"
    "    created_at timestamptz NOT NULL DEFAULT now(),\n"
    "    updated_at timestamptz NOT NULL DEFAULT now(),\n"
    "    batch_no bigint NOT NULL DEFAULT 0,\n"
    "    last_key text,\n"
    "    rows_copied bigint NOT NULL DEFAULT 0,\n"
    "    rows_estimate bigint,\n"
    "    validation_hash text,\n"
    "    mismatches text,\n"
    "    PRIMARY KEY (table_schema, table_name)\n"
    ");";

/* The phase procedures: the same text in every shadow.sql. */
/* A phase's statement that takes a table lock, retried while other
 * sessions hold it past lock_timeout (55P03): each try is all or nothing
 * (its own subtransaction), and a busy table is a moment, not a failure. */
#define SD_RETRY_LOCK(call)                                                                           \
    "    FOR attempt IN 1..6 LOOP\n"                                                                  \
    "        BEGIN\n"                                                                                 \
    "            " call "\n"                                                                          \
    "            EXIT;\n"                                                                             \
    "        EXCEPTION WHEN lock_not_available THEN\n"                                                \
    "            IF attempt = 6 THEN\n"                                                               \
    "                RAISE;\n"                                                                        \
    "            END IF;\n"                                                                           \
    "            RAISE NOTICE 'schemadiff: % waits for a lock other sessions hold (try % of 6)', tbl, attempt;\n" \
    "            PERFORM pg_catalog.pg_sleep(0.5 * attempt);\n"                                       \
    "        END;\n"                                                                                  \
    "    END LOOP;\n"

static const char *const phases[] = {
    "CREATE OR REPLACE FUNCTION schemadiff.shadow_state_of(tbl text) RETURNS schemadiff.shadow_state\n"
    "LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $sd$\n"
    "DECLARE\n"
    "    parts text[] := pg_catalog.parse_ident(tbl);\n"
    "    s schemadiff.shadow_state;\n"
    "BEGIN\n"
    "    IF pg_catalog.array_length(parts, 1) = 1 THEN\n"
    "        parts := ARRAY['public', parts[1]];\n"
    "    END IF;\n"
    "    SELECT * INTO s FROM schemadiff.shadow_state WHERE table_schema = parts[1] AND table_name = parts[2];\n"
    "    IF NOT FOUND THEN\n"
    "        RAISE EXCEPTION 'schemadiff: % is not a shadowed table of this database (run its shadow.sql first)', tbl;\n"
    "    END IF;\n"
    "    RETURN s;\n"
    "END\n"
    "$sd$;",
    "CREATE OR REPLACE PROCEDURE schemadiff.prepare(tbl text) LANGUAGE plpgsql AS $sd$\n"
    "DECLARE\n"
    "    s schemadiff.shadow_state := schemadiff.shadow_state_of(tbl);\n"
    "BEGIN\n"
    SD_RETRY_LOCK("EXECUTE pg_catalog.format('SELECT schemadiff.%I()', s.fn_prefix || '_prepare');")
    "END\n"
    "$sd$;",
    "CREATE OR REPLACE PROCEDURE schemadiff.enable_sync(tbl text) LANGUAGE plpgsql AS $sd$\n"
    "DECLARE\n"
    "    s schemadiff.shadow_state := schemadiff.shadow_state_of(tbl);\n"
    "BEGIN\n"
    "    IF s.status = 'pending' THEN\n"
    "        CALL schemadiff.prepare(tbl);\n"
    "    END IF;\n"
    SD_RETRY_LOCK("EXECUTE pg_catalog.format('SELECT schemadiff.%I()', s.fn_prefix || '_enable_sync');")
    "END\n"
    "$sd$;",
    "CREATE OR REPLACE PROCEDURE schemadiff.backfill(tbl text, batch_size bigint DEFAULT 1000) LANGUAGE plpgsql AS $sd$\n"
    "DECLARE\n"
    "    s schemadiff.shadow_state := schemadiff.shadow_state_of(tbl);\n"
    "    r record;\n"
    "BEGIN\n"
    "    IF s.status NOT IN ('pending', 'synced') THEN\n"
    "        RAISE NOTICE 'schemadiff: the backfill of % is done (status %)', tbl, s.status;\n"
    "        RETURN;\n"
    "    END IF;\n"
    "    IF s.status <> 'synced' THEN\n"
    "        RAISE EXCEPTION 'schemadiff: the sync trigger of % is not enabled yet: CALL schemadiff.enable_sync(%) first',\n"
    "            tbl, pg_catalog.quote_literal(tbl);\n"
    "    END IF;\n"
    "    LOOP\n"
    "        EXECUTE pg_catalog.format('SELECT * FROM schemadiff.%I($1, $2)', s.fn_prefix || '_batch')\n"
    "            INTO r USING s.last_key::jsonb, batch_size;\n"
    "        UPDATE schemadiff.shadow_state SET batch_no = batch_no + 1, last_key = COALESCE(r.hi::text, last_key),\n"
    "            rows_copied = rows_copied + r.copied, status = CASE WHEN r.done THEN 'migrated' ELSE status END,\n"
    "            updated_at = pg_catalog.now()\n"
    "            WHERE table_schema = s.table_schema AND table_name = s.table_name RETURNING * INTO s;\n"
    "        COMMIT;\n"
    "        RAISE NOTICE 'schemadiff: backfill of %: batch %, % rows copied of about %', tbl, s.batch_no, s.rows_copied,\n"
    "            s.rows_estimate;\n"
    "        EXIT WHEN r.done;\n"
    "    END LOOP;\n"
    "END\n"
    "$sd$;",
    "CREATE OR REPLACE PROCEDURE schemadiff.validate(tbl text) LANGUAGE plpgsql AS $sd$\n"
    "DECLARE\n"
    "    s schemadiff.shadow_state := schemadiff.shadow_state_of(tbl);\n"
    "    bad text;\n"
    "BEGIN\n"
    "    IF s.status IN ('cutover', 'cleaned') THEN\n"
    "        RAISE NOTICE 'schemadiff: % is %: nothing to validate', tbl, s.status;\n"
    "        RETURN;\n"
    "    END IF;\n"
    "    IF s.status NOT IN ('migrated', 'conflict', 'validated', 'rolled_back') THEN\n"
    "        RAISE EXCEPTION 'schemadiff: % is not backfilled yet (status %): CALL schemadiff.backfill(%) first',\n"
    "            tbl, s.status, pg_catalog.quote_literal(tbl);\n"
    "    END IF;\n"
    "    EXECUTE pg_catalog.format('SELECT schemadiff.%I()', s.fn_prefix || '_validate') INTO bad;\n"
    "    COMMIT;\n"
    "    IF bad IS NOT NULL THEN\n"
    "        RAISE EXCEPTION 'schemadiff: % and its shadow table differ: %; nothing was swapped', tbl, bad;\n"
    "    END IF;\n"
    "    RAISE NOTICE 'schemadiff: % and its shadow table agree', tbl;\n"
    "END\n"
    "$sd$;",
    "CREATE OR REPLACE PROCEDURE schemadiff.cutover(tbl text) LANGUAGE plpgsql AS $sd$\n"
    "DECLARE\n"
    "    s schemadiff.shadow_state := schemadiff.shadow_state_of(tbl);\n"
    "BEGIN\n"
    "    IF s.status = 'cutover' THEN\n"
    "        RAISE NOTICE 'schemadiff: % is already cut over', tbl;\n"
    "        RETURN;\n"
    "    END IF;\n"
    SD_RETRY_LOCK("EXECUTE pg_catalog.format('SELECT schemadiff.%I()', s.fn_prefix || '_cutover');")
    "    COMMIT;\n"
    "    EXECUTE pg_catalog.format('SELECT schemadiff.%I(%L)', s.fn_prefix || '_post', 'cutover');\n"
    "    COMMIT;\n"
    "    RAISE NOTICE 'schemadiff: % is cut over; the old table is kept current until CALL schemadiff.cleanup', tbl;\n"
    "END\n"
    "$sd$;",
    "CREATE OR REPLACE PROCEDURE schemadiff.rollback(tbl text) LANGUAGE plpgsql AS $sd$\n"
    "DECLARE\n"
    "    s schemadiff.shadow_state := schemadiff.shadow_state_of(tbl);\n"
    "BEGIN\n"
    "    IF s.status IS DISTINCT FROM 'cutover' THEN\n"
    "        RAISE NOTICE 'schemadiff: % is not cut over (status %): nothing to swap back', tbl, s.status;\n"
    "        RETURN;\n"
    "    END IF;\n"
    SD_RETRY_LOCK("EXECUTE pg_catalog.format('SELECT schemadiff.%I()', s.fn_prefix || '_rollback');")
    "    COMMIT;\n"
    "    EXECUTE pg_catalog.format('SELECT schemadiff.%I(%L)', s.fn_prefix || '_post', 'rollback');\n"
    "    COMMIT;\n"
    "END\n"
    "$sd$;",
    "CREATE OR REPLACE PROCEDURE schemadiff.cleanup(tbl text, confirm text DEFAULT NULL) LANGUAGE plpgsql AS $sd$\n"
    "DECLARE\n"
    "    s schemadiff.shadow_state := schemadiff.shadow_state_of(tbl);\n"
    "    target text;\n"
    "    f text;\n"
    "BEGIN\n"
    "    IF s.status = 'cleaned' THEN\n"
    "        RAISE NOTICE 'schemadiff: % is cleaned up already', tbl;\n"
    "        RETURN;\n"
    "    END IF;\n"
    "    target := 'drop ' || pg_catalog.format('%I.%I', s.table_schema,\n"
    "        CASE WHEN s.status = 'cutover' THEN s.old_name ELSE s.shadow_name END);\n"
    "    IF confirm IS DISTINCT FROM target THEN\n"
    "        RAISE EXCEPTION 'schemadiff: cleanup of % drops a table for good; to confirm, call it with confirm => %',\n"
    "            tbl, pg_catalog.quote_literal(target);\n"
    "    END IF;\n"
    "    EXECUTE pg_catalog.format('SELECT schemadiff.%I()', s.fn_prefix || '_cleanup');\n"
    "    FOR f IN SELECT p.oid::pg_catalog.regprocedure::text FROM pg_catalog.pg_proc p\n"
    "             WHERE p.pronamespace = 'schemadiff'::pg_catalog.regnamespace\n"
    "               AND pg_catalog.starts_with(p.proname, s.fn_prefix || '_') LOOP\n"
    "        EXECUTE 'DROP FUNCTION ' || f;\n"
    "    END LOOP;\n"
    "END\n"
    "$sd$;",
};

const char *shadow_undo_sql(Arena *a, const ShadowTable *st)
{
    const char *f = q_literal(a, arena_printf(a, "schemadiff.%s_cleanup()", st->fn_prefix));
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "DO $sd$\nDECLARE\n    f text;\nBEGIN\n    IF pg_catalog.to_regprocedure(%s) IS NOT NULL THEN\n", f);
    sb_printf(&b, "        PERFORM %s();\n", q_qual(a, SD_OWN_SCHEMA, arena_printf(a, "%s_rollback", st->fn_prefix)));
    sb_printf(&b, "        PERFORM %s('rollback');\n", q_qual(a, SD_OWN_SCHEMA, arena_printf(a, "%s_post", st->fn_prefix)));
    sb_printf(&b, "        PERFORM %s();\n", q_qual(a, SD_OWN_SCHEMA, arena_printf(a, "%s_cleanup", st->fn_prefix)));
    sb_printf(&b, "        FOR f IN SELECT p.oid::pg_catalog.regprocedure::text FROM pg_catalog.pg_proc p\n"
                  "                 WHERE p.pronamespace = 'schemadiff'::pg_catalog.regnamespace\n"
                  "                   AND pg_catalog.starts_with(p.proname, %s) LOOP\n"
                  "            EXECUTE 'DROP FUNCTION ' || f;\n"
                  "        END LOOP;\n",
              q_literal(a, arena_printf(a, "%s_", st->fn_prefix)));
    sb_puts(&b, "    END IF;\nEND\n$sd$;");
    char *r = sb_take(&b, a);
    sb_free(&b);
    return r;
}

Script *output_shadow(Arena *a, const MigrationPlan *p, const OutputOpts *o)
{
    Sh s = {.a = a, .p = p};
    sb_init(&s.sb);
    s.e = (Emit){a, &s.dummy, STYLE_MIGRATION, NULL, NULL};
    StrBuf *sb = &s.sb;
    sb_printf(sb, "-- Shadow-table phases generated by schemadiff %s\n", SCHEMADIFF_VERSION);
    sb_printf(sb, "-- from: %s (state %s)\n-- to:   %s (state %s)\n", o->from_src, output_fingerprint(a, p->current),
              o->to_src, output_fingerprint(a, p->desired));
    sb_puts(sb, "-- Run migration.sql first.  `psql -f shadow.sql` then prepares, enables the sync, backfills,\n"
                "-- builds the secondary indexes, validates and cuts over each table below, in order; a failed\n"
                "-- validation stops before anything is swapped.  Each phase is also a procedure of its own:\n"
                "--   CALL schemadiff.prepare('s.t')       the shadow table (desired definition) and the sync\n"
                "--                                         trigger, created disabled\n"
                "--   CALL schemadiff.enable_sync('s.t')   the trigger copies every write from now on\n"
                "--   CALL schemadiff.backfill('s.t', n)   copies in key order, n rows a transaction; resumes\n"
                "--   CALL schemadiff.validate('s.t')      counts and hashes both sides; lists differing keys\n"
                "--   CALL schemadiff.cutover('s.t')       one short transaction: swap, re-point, reverse sync\n"
                "--   CALL schemadiff.rollback('s.t')      swap back (nothing written since cutover is lost)\n"
                "--   CALL schemadiff.cleanup('s.t', confirm => 'drop s.t_sdold')   drop the old table\n"
                "-- State: SELECT * FROM schemadiff.shadow_state;  rollback.sql undoes whichever phases ran.\n"
                "-- The secondary indexes are statements of their own (CREATE INDEX CONCURRENTLY cannot run\n"
                "-- inside a procedure): run them between backfill and validate when calling phases by hand.\n--\n");
    for (int i = 0; i < p->shadowed.n; i++) {
        const ShadowTable *st = p->shadowed.items[i];
        sb_printf(sb, "-- %s.%s: %s; %s\n", st->schema, st->name, st->reason, st->heavy);
    }
    sb_putc(sb, '\n');
    stmt(&s, arena_printf(a, "SET lock_timeout = %s;", q_literal(a, p->shadow_lock_timeout)));
    stmt(&s, "SET statement_timeout = '0';");
    stmt(&s, "CREATE SCHEMA IF NOT EXISTS schemadiff;");
    stmt(&s, state_ddl);
    for (size_t i = 0; i < sizeof phases / sizeof phases[0]; i++)
        stmt(&s, phases[i]);
    if (p->shadow_staged) { /* shadow.cutover: staged (emit/shadow_staged.c) */
        sb_puts(sb, "\n-- ---- staged cutover: routing reads to the shadow table in stages ------------\n"
                    "-- SELECT schemadiff.staged_start('s.t') after validate; docs/staged.md\n");
        const Script *staged = shadow_staged_script(a);
        for (int i = 0; i < staged->n; i++)
            stmt(&s, arena_strndup(a, staged->text + staged->stmts[i].start,
                                   (size_t)(staged->stmts[i].end - staged->stmts[i].start)));
    }
    for (int i = 0; i < p->shadowed.n; i++) {
        const ShadowTable *st = p->shadowed.items[i];
        s.st = st;
        sb_printf(sb, "\n-- ---- %s.%s -------------------------------------------------------------\n", st->schema,
                  st->name);
        /* its state row: new, or again after an earlier run was cleaned up */
        stmt(&s, arena_printf(a,
                              "INSERT INTO schemadiff.shadow_state AS s (table_schema, table_name, shadow_name, fn_prefix) "
                              "VALUES (%s, %s, %s, %s)\n"
                              "    ON CONFLICT (table_schema, table_name) DO UPDATE SET version = s.version + 1, "
                              "status = 'pending', shadow_name = EXCLUDED.shadow_name, old_name = NULL, "
                              "fn_prefix = EXCLUDED.fn_prefix, created_at = now(), updated_at = now(), batch_no = 0, "
                              "last_key = NULL, rows_copied = 0, validation_hash = NULL, mismatches = NULL "
                              "WHERE s.status = 'cleaned';",
                              q_literal(a, st->schema), q_literal(a, st->name), q_literal(a, st->shadow_name),
                              q_literal(a, st->fn_prefix)));
        f_sync(&s, "sync", st->current, st->desired, q_qual(a, st->schema, st->shadow_name));
        f_sync(&s, "rsync", st->desired, st->current, q_qual(a, st->schema, st->old_name));
        f_prepare(&s);
        f_enable_sync(&s);
        f_batch(&s);
        f_validate(&s);
        f_cutover(&s);
        f_post(&s);
        f_rollback(&s);
        f_cleanup(&s);
    }
    sb_puts(sb, "\n-- ---- run ------------------------------------------------------------------\n");
    for (int i = 0; i < p->shadowed.n; i++) {
        const ShadowTable *st = p->shadowed.items[i];
        s.st = st;
        const char *t = q_literal(a, arena_printf(a, "%s.%s", q_ident(a, st->schema), q_ident(a, st->name)));
        const char *sh = q_qual(a, st->schema, st->shadow_name);
        Obj on = {.kind = OBJ_TABLE, .schema = st->schema, .name = st->shadow_name};
        stmt(&s, arena_printf(a, "CALL schemadiff.prepare(%s);", t));
        stmt(&s, arena_printf(a, "CALL schemadiff.enable_sync(%s);", t));
        stmt(&s, arena_printf(a, "CALL schemadiff.backfill(%s, %lld);", t, p->shadow_batch_size));
        /* the secondary indexes, after the rows are in */
        for (int k = 0; k < st->des_keys.n; k++) {
            const TableConstraint *kc = st->des_keys.items[k];
            if (kc == st->desired_pk || kc->contype == CON_EXCLUSION || st->partitioned)
                continue; /* a partitioned shadow has its keys from prepare */
            const char *tmp = q_suffixed(a, kc->obj.name, "_sdsh");
            stmt(&s, emit_invalid_index_drop(&s.e, st->schema, tmp));
            stmt(&s, emit_key_index_sql(&s.e, kc, sh, q_ident(a, tmp)));
        }
        PtrVec part_ix = {0}; /* a partitioned shadow's, level by level (emit/shadow_part.c) */
        if (st->partitioned)
            shadow_part_indexes(a, st, &part_ix);
        for (int k = 0; k < part_ix.n; k++)
            stmt(&s, part_ix.items[k]);
        for (int k = 0; k < st->des_indexes.n && !st->partitioned; k++) {
            const TableIndex *ix = st->des_indexes.items[k];
            const char *tmp = q_suffixed(a, ix->obj.name, "_sdsh");
            stmt(&s, emit_invalid_index_drop(&s.e, st->schema, tmp));
            stmt(&s, emit_index_create_on(&s.e, ix, &on, tmp, true, false));
        }
        stmt(&s, arena_printf(a, "CALL schemadiff.validate(%s);", t));
        stmt(&s, arena_printf(a, "CALL schemadiff.cutover(%s);", t));
        sb_printf(sb, "-- later, when the new table has proved itself:\n"
                      "--   CALL schemadiff.cleanup(%s, confirm => %s);\n",
                  t, q_literal(a, arena_printf(a, "drop %s.%s", q_ident(a, st->schema), q_ident(a, st->old_name))));
    }
    sb_putc(sb, '\n');
    s.st = NULL;
    stmt(&s, "RESET statement_timeout;");
    stmt(&s, "RESET lock_timeout;");
    if (s.fault)
        sb_printf(sb, "-- %s%s\001\n", DEPARSE_UNPRINTABLE, s.fault);
    Script *r = arena_alloc(a, sizeof *r);
    r->text = sb_take(sb, a);
    sb_free(sb);
    r->n = s.where.n;
    r->stmts = arena_alloc(a, sizeof(ScriptStmt) * (size_t)(s.where.n ? s.where.n : 1));
    for (int i = 0; i < s.where.n; i++)
        r->stmts[i] = *(ScriptStmt *)s.where.items[i];
    return r;
}
