/*
 * preflight.c — which existing rows would make a step of the plan fail.
 *
 * A migration can be perfectly valid SQL and still fail on the data it
 * meets: SET NOT NULL on a column holding NULLs, a UNIQUE constraint over
 * duplicates, a CHECK that some rows violate, a foreign key with orphans,
 * an enum losing a label that rows still use, a column narrowed below its
 * longest value, a text column converted to integer while one row says
 * "n/a".  Each such step gets here a query that finds those rows in the
 * current state: a SELECT returning one text key per row that makes the
 * step fail (the row's primary key as text, else its ctid; for duplicates
 * the duplicated value), capped at PREFLIGHT_CAP + 1 rows so that a large
 * table cannot stall the plan, and a phrase saying what it looks for
 * ("rows where email IS NULL").  parser/pfrun.c runs them when the current
 * side is a live database, in the snapshot its catalog was read in; the
 * gate (diff/gate.c) refuses a plan with a step that would fail.
 *
 * Which step a query belongs to is read from the step itself: its body
 * (the DDL inside a DO guard) is parsed with libpg_query's raw parser and
 * the statement that can fail is recognised by its parse tree (ALTER TABLE
 * ... SET NOT NULL / ADD CONSTRAINT without NOT VALID / VALIDATE
 * CONSTRAINT / ALTER COLUMN TYPE, CREATE UNIQUE INDEX, the DO block of an
 * enum rebuild), whatever form emit/ chose (online or plain).  What the
 * query tests comes from the model: the constraint, index, column and type
 * of the change.  Only changes of a kind that can fail are parsed.
 *
 * Conventions the queries keep:
 *  - NULL never fails a CHECK, a type conversion or a MATCH SIMPLE foreign
 *    key, so `WHERE NOT (check)` (NULL is not selected), conversions test
 *    only non-NULL values, and a foreign key row with a NULL key column
 *    passes (MATCH FULL: only when all of them are NULL).
 *  - Every name through schemas/quote.c, expressions through the checked
 *    deparser (schemas/deparse.c); the catalog reader leaves search_path
 *    empty, so built-in functions are written pg_catalog-qualified.
 *  - A query that could not be evaluated faithfully on the current data is
 *    not made: a CHECK over a column that is new or changes type in the
 *    plan, a foreign key to columns that do not exist yet, conversions
 *    PostgreSQL 15 cannot test without raising (text -> date, timestamp,
 *    json, inet... : pg_input_is_valid is PostgreSQL 16), arrays (except
 *    enum labels), domains and other user types.
 *
 * Type conversions tested (the value, not NULL, as the column holds it):
 *  varchar(n) / char(n) targets: a non-space character past n
 *  (`length(rtrim(v::text, ' ')) > n`; no USING: assignment raises, an
 *  explicit USING cast would truncate silently and is not tested);
 *  numeric(p, s): |round(v, s)| >= 10^(p - s), NaN fits; smallint,
 *  integer, bigint from a wider integer, numeric, real or double: the
 *  rounded value out of range; text to an integer type, numeric, real or
 *  double: not a number by the input function's syntax (a regex), else out
 *  of range; text to boolean and uuid: not their input syntax; text or
 *  another enum to an enum: not one of its labels; vector(n) of another n
 *  (pgvector's vector and halfvec): `vector_dims(v) <> n`.
 */
#include "pg.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

typedef struct PF {
    Arena *a;
    const Model *cur, *des;
    const char *limit;    /* " LIMIT 1001" */
} PF;

/* ---- what a step's statement is ----------------------------------------------- */

typedef enum StKind {
    ST_OTHER,
    ST_SET_NOT_NULL,   /* ALTER TABLE ... ALTER COLUMN name SET NOT NULL */
    ST_ADD_CON,        /* ALTER TABLE ... ADD CONSTRAINT name ... */
    ST_VALIDATE,       /* ALTER TABLE ... VALIDATE CONSTRAINT name */
    ST_ALTER_TYPE,     /* ALTER TABLE ... ALTER COLUMN name TYPE ... */
    ST_UNIQUE_INDEX,   /* CREATE UNIQUE INDEX name ... */
    ST_DO,             /* a DO block that is not a guard (its body is the step) */
} StKind;

typedef struct StInfo {
    StKind kind;
    const char *name;     /* column, constraint or index */
    bool not_valid;       /* ADD CONSTRAINT ... NOT VALID */
    bool using_index;     /* ADD CONSTRAINT ... USING INDEX */
    bool has_using;       /* ALTER COLUMN ... TYPE ... USING */
} StInfo;

static StInfo stmt_info(Arena *a, const Node *stmt)
{
    StInfo si = {ST_OTHER, NULL, false, false, false};
    if (IsA(stmt, AlterTableStmt)) {
        ListCell *lc;
        foreach (lc, ((const AlterTableStmt *)stmt)->cmds) {
            const AlterTableCmd *cmd = lfirst(lc);
            switch (cmd->subtype) {
            case AT_SetNotNull:
                si.kind = ST_SET_NOT_NULL;
                si.name = arena_strdup(a, cmd->name);
                return si;
            case AT_AddConstraint: {
                const Constraint *con = (const Constraint *)cmd->def;
                if (!con || !IsA(con, Constraint))
                    break;
                si.kind = ST_ADD_CON;
                si.name = con->conname ? arena_strdup(a, con->conname) : NULL;
                si.not_valid = con->skip_validation;
                si.using_index = con->indexname != NULL;
                return si;
            }
            case AT_ValidateConstraint:
                si.kind = ST_VALIDATE;
                si.name = arena_strdup(a, cmd->name);
                return si;
            case AT_AlterColumnType:
                si.kind = ST_ALTER_TYPE;
                si.name = arena_strdup(a, cmd->name);
                si.has_using = cmd->def && IsA(cmd->def, ColumnDef) && ((const ColumnDef *)cmd->def)->raw_default;
                return si;
            default:
                break;
            }
        }
    } else if (IsA(stmt, IndexStmt) && ((const IndexStmt *)stmt)->unique) {
        si.kind = ST_UNIQUE_INDEX;
        si.name = ((const IndexStmt *)stmt)->idxname ? arena_strdup(a, ((const IndexStmt *)stmt)->idxname) : NULL;
    } else if (IsA(stmt, DoStmt)) {
        si.kind = ST_DO;
    }
    return si;
}

/* The first statement of the step's body that can fail, parsed in a
 * memory context of its own (freed before returning: only arena copies
 * leave). */
static StInfo step_info(Arena *a, const Step *st)
{
    StInfo si = {ST_OTHER, NULL, false, false, false};
    if (!st->body)
        return si;
    void *saved = pgctx_current();
    MemoryContext ctx = pg_query_enter_memory_context();
    PgQueryInternalParsetreeAndError r = pg_query_raw_parse(st->body);
    free(r.stderr_buffer);
    if (r.error) {
        pg_query_free_error(r.error);
    } else {
        ListCell *lc;
        foreach (lc, r.tree) {
            si = stmt_info(a, ((RawStmt *)lfirst(lc))->stmt);
            if (si.kind != ST_OTHER)
                break;
        }
    }
    pg_query_exit_memory_context(ctx);
    pgctx_restore(saved);
    return si;
}

/* ---- pieces of the queries ------------------------------------------------------ */

static bool same(const char *x, const char *y)
{
    return x && y && !strcmp(x, y);
}

static const TableConstraint *primary_key(const Table *t)
{
    for (int i = 0; t && i < t->constraints.n; i++) {
        const TableConstraint *k = t->constraints.items[i];
        if (k->obj.kind == OBJ_CONSTRAINT && k->contype == CON_PRIMARY)
            return k;
    }
    return NULL;
}

static const char *col_ref(PF *f, const char *alias, const char *name)
{
    return alias ? arena_printf(f->a, "%s.%s", alias, q_ident(f->a, name)) : q_ident(f->a, name);
}

/* A text key of a row list: one part as (p)::text, several as ROW(...)::text. */
static const char *text_key(PF *f, const PtrVec *parts)
{
    if (parts->n == 1)
        return arena_printf(f->a, "(%s)::text", (const char *)parts->items[0]);
    StrBuf sb;
    sb_init(&sb);
    sb_puts(&sb, "ROW(");
    for (int i = 0; i < parts->n; i++)
        sb_printf(&sb, "%s%s", i ? ", " : "", (const char *)parts->items[i]);
    sb_puts(&sb, ")::text");
    char *r = sb_take(&sb, f->a);
    sb_free(&sb);
    return r;
}

/* The key a violating row is named by: its primary key in the current
 * state, else its ctid. */
static const char *row_key(PF *f, const Table *t, const char *alias)
{
    const TableConstraint *pk = primary_key(t);
    const Constraint *con = pk && pk->raw && IsA(pk->raw, Constraint) ? (const Constraint *)pk->raw : NULL;
    if (con && con->keys) {
        PtrVec parts = {0};
        ListCell *lc;
        foreach (lc, con->keys)
            vec_push(f->a, &parts, (void *)col_ref(f, alias, strVal(lfirst(lc))));
        return text_key(f, &parts);
    }
    return alias ? arena_printf(f->a, "%s.ctid::text", alias) : "ctid::text";
}

static const char *tbl(PF *f, const Table *t)
{
    return q_qual(f->a, t->obj.schema, t->obj.name);
}

/* A deparsed expression, or NULL when it cannot be printed faithfully. */
static const char *expr_sql(PF *f, const Node *expr)
{
    const char *s = deparse_expr(f->a, expr);
    return strchr(s, '\001') ? NULL : s;
}

static void set(PF *f, Step *st, const char *query, const char *what)
{
    st->preflight = arena_printf(f->a, "%s%s", query, f->limit);
    st->preflight_what = what;
    st->pf_state = PF_NOT_RUN;
}

/* "a, b" of a name list (people's text, not SQL). */
static const char *names_text(PF *f, const PtrVec *names)
{
    StrBuf sb;
    sb_init(&sb);
    for (int i = 0; i < names->n; i++)
        sb_printf(&sb, "%s%s", i ? ", " : "", (const char *)names->items[i]);
    char *r = sb_take(&sb, f->a);
    sb_free(&sb);
    return r ? r : "";
}

/* Whether the column exists in the current table with the type the
 * desired state gives it (an expression over it evaluates the same). */
static bool column_stable(PF *f, const Table *cur_t, const char *name)
{
    const Column *cc = table_column(cur_t, name);
    if (!cc)
        return false;
    const Column *dc = (const Column *)model_lookup(f->des, OBJ_COLUMN, cur_t->obj.schema, cur_t->obj.name, name);
    return dc && same(cc->type.sql, dc->type.sql);
}

/* ---- NULL rows, duplicates ------------------------------------------------------ */

static void null_rows(PF *f, Step *st, const Table *t, const PtrVec *cols)
{
    StrBuf w;
    sb_init(&w);
    for (int i = 0; i < cols->n; i++)
        sb_printf(&w, "%s%s IS NULL", i ? " OR " : "", q_ident(f->a, cols->items[i]));
    const char *query = arena_printf(f->a, "SELECT %s FROM %s WHERE %s", row_key(f, t, NULL), tbl(f, t), w.data);
    sb_free(&w);
    set(f, st, query, arena_printf(f->a, "rows where %s IS NULL", names_text(f, cols)));
    if (cols->n > 1)
        st->preflight_what = arena_printf(f->a, "rows with NULL in %s", names_text(f, cols));
}

/* Groups of rows with the same key: one key per group.  `parts` are SQL
 * (quoted columns or parenthesised expressions), `shown` how people read
 * them; `pred` a partial index's predicate (or NULL).  With `with_nulls`
 * (PRIMARY KEY) rows with a NULL key part are found too, by their row key. */
static void duplicates(PF *f, Step *st, const Table *t, const PtrVec *parts, const char *shown, const char *pred,
                       bool nulls_not_distinct, bool with_nulls)
{
    StrBuf q, nn, any_null;
    sb_init(&q);
    sb_init(&nn);
    sb_init(&any_null);
    for (int i = 0; i < parts->n; i++) {
        sb_printf(&nn, " AND %s IS NOT NULL", (const char *)parts->items[i]);
        sb_printf(&any_null, "%s%s IS NULL", i ? " OR " : "", (const char *)parts->items[i]);
    }
    sb_printf(&q, "SELECT %s FROM %s WHERE true", text_key(f, parts), tbl(f, t));
    if (!nulls_not_distinct || with_nulls)
        sb_puts(&q, nn.data);
    if (pred)
        sb_printf(&q, " AND (%s)", pred);
    sb_puts(&q, " GROUP BY ");
    for (int i = 0; i < parts->n; i++)
        sb_printf(&q, "%s%s", i ? ", " : "", (const char *)parts->items[i]);
    sb_puts(&q, " HAVING pg_catalog.count(*) > 1");
    if (with_nulls)
        sb_printf(&q, " UNION ALL SELECT %s FROM %s WHERE %s", row_key(f, t, NULL), tbl(f, t), any_null.data);
    const char *what = arena_printf(f->a, "%s values of (%s)%s", with_nulls ? "duplicate or NULL" : "duplicate", shown,
                                    pred ? arena_printf(f->a, " where %s", pred) : "");
    set(f, st, q.data, what);
    sb_free(&q);
    sb_free(&nn);
    sb_free(&any_null);
}

static bool key_columns(PF *f, const Table *t, List *keys, PtrVec *sql, PtrVec *names)
{
    ListCell *lc;
    foreach (lc, keys) {
        const char *n = strVal(lfirst(lc));
        if (!column_stable(f, t, n))
            return false;
        vec_push(f->a, sql, (void *)q_ident(f->a, n));
        vec_push(f->a, names, (void *)n);
    }
    return sql->n > 0;
}

static void constraint_duplicates(PF *f, Step *st, const Table *t, const TableConstraint *k)
{
    const Constraint *con = (const Constraint *)k->raw;
    PtrVec sql = {0}, names = {0};
    if (!key_columns(f, t, con->keys, &sql, &names))
        return;
    duplicates(f, st, t, &sql, names_text(f, &names), NULL, con->nulls_not_distinct, k->contype == CON_PRIMARY);
}

static void index_duplicates(PF *f, Step *st, const Table *t, const TableIndex *ix)
{
    const IndexStmt *is = (const IndexStmt *)ix->raw;
    if (!is || !IsA(is, IndexStmt))
        return;
    PtrVec sql = {0}, shown = {0};
    ListCell *lc;
    foreach (lc, is->indexParams) {
        const IndexElem *ie = lfirst(lc);
        if (ie->name) {
            if (!column_stable(f, t, ie->name))
                return;
            vec_push(f->a, &sql, (void *)q_ident(f->a, ie->name));
            vec_push(f->a, &shown, (void *)ie->name);
        } else {
            PtrVec refs = {0};
            norm_column_refs(f->a, ie->expr, &refs);
            for (int i = 0; i < refs.n; i++)
                if (!column_stable(f, t, refs.items[i]))
                    return;
            const char *e = expr_sql(f, ie->expr);
            if (!e)
                return;
            vec_push(f->a, &sql, (void *)arena_printf(f->a, "(%s)", e));
            vec_push(f->a, &shown, (void *)e);
        }
    }
    const char *pred = NULL;
    if (is->whereClause) {
        PtrVec refs = {0};
        norm_column_refs(f->a, is->whereClause, &refs);
        for (int i = 0; i < refs.n; i++)
            if (!column_stable(f, t, refs.items[i]))
                return;
        if (!(pred = expr_sql(f, is->whereClause)))
            return;
    }
    if (sql.n)
        duplicates(f, st, t, &sql, names_text(f, &shown), pred, is->nulls_not_distinct, false);
}

/* ---- CHECK, FOREIGN KEY ------------------------------------------------------------ */

static void check_rows(PF *f, Step *st, const Table *t, const Constraint *con)
{
    PtrVec refs = {0};
    norm_column_refs(f->a, con->raw_expr, &refs);
    for (int i = 0; i < refs.n; i++)
        if (!column_stable(f, t, refs.items[i]))
            return;
    const char *e = expr_sql(f, con->raw_expr);
    if (!e)
        return;
    set(f, st, arena_printf(f->a, "SELECT %s FROM %s WHERE NOT (%s)", row_key(f, t, NULL), tbl(f, t), e),
        arena_printf(f->a, "rows violating CHECK (%s)", e));
}

static void orphans(PF *f, Step *st, const Table *t, const Constraint *con)
{
    if (!con->pktable || !con->fk_attrs)
        return;
    const char *ps = con->pktable->schemaname ? con->pktable->schemaname : t->obj.schema;
    const char *pn = con->pktable->relname;
    const Table *pdes = model_table(f->des, ps, pn), *pcur = model_table(f->cur, ps, pn);
    List *pk_attrs = con->pk_attrs;
    if (!pk_attrs) {
        const TableConstraint *pk = primary_key(pdes);
        if (!pk || !IsA(pk->raw, Constraint))
            return;
        pk_attrs = ((const Constraint *)pk->raw)->keys;
    }
    if (list_length(pk_attrs) != list_length(con->fk_attrs))
        return;
    StrBuf nn, match, nulls;
    sb_init(&nn);
    sb_init(&match);
    sb_init(&nulls);
    PtrVec names = {0};
    ListCell *lf, *lp;
    forboth (lf, con->fk_attrs, lp, pk_attrs) {
        const char *fc = strVal(lfirst(lf)), *pc = strVal(lfirst(lp));
        /* the parent's column must be there to compare with (a parent new in
         * the plan is empty: every row with a key is an orphan) */
        if (!column_stable(f, t, fc) || (pcur && !column_stable(f, pcur, pc))) {
            sb_free(&nn);
            sb_free(&match);
            sb_free(&nulls);
            return;
        }
        int i = foreach_current_index(lf);
        sb_printf(&nn, "%s%s IS NOT NULL", i ? " AND " : "", col_ref(f, "sd_r", fc));
        sb_printf(&match, "%s%s = %s", i ? " AND " : "", col_ref(f, "sd_p", pc), col_ref(f, "sd_r", fc));
        sb_printf(&nulls, "%s%s", i ? ", " : "", col_ref(f, "sd_r", fc));
        vec_push(f->a, &names, (void *)fc);
    }
    const char *missing = pcur ? arena_printf(f->a, " AND NOT EXISTS (SELECT 1 FROM %s AS sd_p WHERE %s)",
                                              q_qual(f->a, ps, pn), match.data)
                               : "";
    const char *cond = arena_printf(f->a, "%s%s", nn.data, missing);
    if (con->fk_matchtype == FKCONSTR_MATCH_FULL && names.n > 1)
        cond = arena_printf(f->a, "pg_catalog.num_nulls(%s) NOT IN (0, %d) OR (%s)", nulls.data, names.n, cond);
    set(f, st,
        arena_printf(f->a, "SELECT %s FROM %s AS sd_r WHERE %s", row_key(f, t, "sd_r"), tbl(f, t), cond),
        arena_printf(f->a, "rows whose (%s) has no match in %s%s", names_text(f, &names), q_qual(f->a, ps, pn),
                     pcur ? "" : " (created empty by this plan)"));
    sb_free(&nn);
    sb_free(&match);
    sb_free(&nulls);
}

/* Rows that would make adding or validating constraint k fail. */
static void constraint_rows(PF *f, Step *st, const Table *t, const TableConstraint *k)
{
    const Constraint *con = (const Constraint *)k->raw;
    if (!con || !IsA(con, Constraint))
        return;
    if (k->contype == CON_CHECK)
        check_rows(f, st, t, con);
    else if (k->contype == CON_FOREIGN)
        orphans(f, st, t, con);
    else if (k->contype == CON_PRIMARY || k->contype == CON_UNIQUE)
        constraint_duplicates(f, st, t, k);
}

/* ---- type conversions -------------------------------------------------------------- */

static bool is_int(const char *n)
{
    return !strcmp(n, "smallint") || !strcmp(n, "integer") || !strcmp(n, "bigint");
}

static bool is_num(const char *n)
{
    return is_int(n) || !strcmp(n, "numeric") || !strcmp(n, "real") || !strcmp(n, "double precision");
}

static bool is_string(const char *n)
{
    return !strcmp(n, "text") || !strcmp(n, "character varying") || !strcmp(n, "character");
}

static int int_rank(const char *n)
{
    return !strcmp(n, "smallint") ? 0 : !strcmp(n, "integer") ? 1 : 2;
}

static const char *int_range(const char *n)
{
    return !strcmp(n, "smallint") ? "-32768 AND 32767"
           : !strcmp(n, "integer") ? "-2147483648 AND 2147483647"
                                   : "-9223372036854775808 AND 9223372036854775807";
}

/* What PostgreSQL's numeric_in accepts (NaN, [+-]inf[inity], decimal with
 * exponent), blanks around; used case-insensitively. */
#define RX_NUMERIC "'^\\s*(nan|[+-]?inf(inity)?|[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)(e[+-]?[0-9]+)?)\\s*$'"
/* What float4in / float8in accept (strtod's syntax: signed nan and
 * infinities, hexadecimal), blanks around; out-of-range values are not
 * tested. */
#define RX_FLOAT "'^\\s*([+-]?(nan|inf(inity)?)|[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)(e[+-]?[0-9]+)?|" \
                 "[+-]?0x([0-9a-f]+\\.?[0-9a-f]*|\\.[0-9a-f]+)(p[+-]?[0-9]+)?)\\s*$'"
/* What int2in / int4in / int8in accept in 15: blanks, sign, digits. */
#define RX_INTEGER "'^\\s*[+-]?[0-9]+\\s*$'"

/* The condition (on `v`, not NULL) under which converting to `to` raises,
 * or NULL when it cannot be tested; *what says what it finds ("is not a
 * number": rows whose <column> ...). */
static const char *conversion_fails(PF *f, const TypeRef *from, const TypeRef *to, const char *v, bool has_using,
                                    const char **what)
{
    Arena *a = f->a;
    if (from->array_dims || to->array_dims)
        return NULL;
    /* pgvector: the same type with another dimension */
    if (to->schema && from->schema && !strcmp(from->name, to->name) && to->typmods &&
        (!strcmp(to->name, "vector") || !strcmp(to->name, "halfvec"))) {
        *what = arena_printf(a, "is not of dimension %d", atoi(to->typmods + 1));
        return arena_printf(a, "%s.vector_dims(%s) <> %d", q_ident(a, to->schema), v, atoi(to->typmods + 1));
    }
    /* an enum target: a label it has */
    if (to->schema && (is_string(from->name) || from->schema) && !from->array_dims) {
        const EnumType *e = (const EnumType *)model_lookup(f->des, OBJ_ENUM, to->schema, NULL, to->name);
        if (!e || e->obj.kind != OBJ_ENUM)
            return NULL;
        if (from->schema && !model_lookup(f->cur, OBJ_ENUM, from->schema, NULL, from->name))
            return NULL;
        StrBuf sb;
        sb_init(&sb);
        for (int i = 0; i < e->nlabels; i++)
            sb_printf(&sb, "%s%s", i ? ", " : "", q_literal(a, e->labels[i]));
        *what = arena_printf(a, "is not a label of %s", to->sql);
        const char *r = arena_printf(a, "%s::text <> ALL (ARRAY[%s]::text[])", v, sb.data ? sb.data : "");
        if (!e->nlabels)
            r = "true";
        sb_free(&sb);
        return r;
    }
    if (to->schema || from->schema)
        return NULL;
    const char *t = to->name, *s = from->name;
    /* character varying(n), character(n): a non-blank past n raises on
     * assignment (an explicit cast in USING truncates instead) */
    if ((!strcmp(t, "character varying") || !strcmp(t, "character")) && to->typmods) {
        if (has_using)
            return NULL;
        int n = atoi(to->typmods + 1);
        if (!strcmp(s, t) && from->typmods && atoi(from->typmods + 1) <= n)
            return NULL;
        *what = arena_printf(a, "is longer than %d characters", n);
        return arena_printf(a, "pg_catalog.length(pg_catalog.rtrim(%s::text, ' ')) > %d", v, n);
    }
    /* the number a value converts to, or NULL when it is not a number */
    const char *num = NULL, *not_num = NULL;
    if (is_num(s)) {
        /* real and double round half to even into an integer (rint), as
         * round(double precision) does; numeric rounds half away from zero */
        bool flt = !strcmp(s, "real") || !strcmp(s, "double precision");
        num = arena_printf(a, "%s::%s", v, flt && is_int(t) ? "double precision" : "numeric");
    } else if (is_string(s) && is_num(t)) {
        num = arena_printf(a, "%s::text::numeric", v);
        not_num = arena_printf(a, "%s::text !~* %s", v,
                               is_int(t) ? RX_INTEGER : !strcmp(t, "numeric") ? RX_NUMERIC : RX_FLOAT);
    }
    if (num && !strcmp(t, "numeric")) {
        if (!to->typmods) {
            if (!not_num)
                return NULL;
            *what = "is not a number";
            return not_num;
        }
        int p = atoi(to->typmods + 1);
        const char *comma = strchr(to->typmods, ',');
        int sc = comma ? atoi(comma + 1) : 0;
        if (!strcmp(s, "numeric") && from->typmods) {
            const char *fc = strchr(from->typmods, ',');
            int fp = atoi(from->typmods + 1), fs = fc ? atoi(fc + 1) : 0;
            if (fs == sc && fp <= p)
                return NULL; /* widening: every value fits */
        }
        if (is_int(s) && p - sc >= 19)
            return NULL;
        const char *fits = arena_printf(a, "(%s <> 'NaN'::numeric AND pg_catalog.abs(pg_catalog.round(%s, %d)) >= 1e%d)",
                                        num, num, sc, p - sc);
        *what = arena_printf(a, "does not fit numeric(%d,%d)", p, sc);
        return not_num ? arena_printf(a, "CASE WHEN %s THEN true ELSE %s END", not_num, fits) : fits;
    }
    if (num && is_int(t)) {
        if (is_int(s) && int_rank(t) >= int_rank(s))
            return NULL;
        const char *out = arena_printf(a, "pg_catalog.round(%s) NOT BETWEEN %s", num, int_range(t));
        *what = arena_printf(a, "is not %s %s", not_num ? "an integer in the range of" : "in the range of", t);
        return not_num ? arena_printf(a, "CASE WHEN %s THEN true ELSE %s END", not_num, out) : out;
    }
    if (not_num && (!strcmp(t, "real") || !strcmp(t, "double precision"))) {
        *what = "is not a number";
        return not_num;
    }
    if (is_string(s) && !strcmp(t, "boolean")) {
        *what = "is not a boolean";
        return arena_printf(a, "%s::text !~* '^\\s*(t(r(ue?)?)?|f(a(l(se?)?)?)?|y(es?)?|no?|on|off?|1|0)\\s*$'", v);
    }
    if (is_string(s) && !strcmp(t, "uuid")) {
        *what = "is not a uuid";
        return arena_printf(a, "%s::text !~ '^(\\{[0-9a-fA-F]{4}(-?[0-9a-fA-F]{4}){7}\\}|[0-9a-fA-F]{4}(-?[0-9a-fA-F]{4}){7})$'",
                            v);
    }
    return NULL;
}

static void type_rows(PF *f, Step *st, const Table *t, const Column *cur, const Column *des, bool has_using)
{
    const char *v = q_ident(f->a, cur->obj.name), *what = NULL;
    if (des->conv_using) /* schemadiff.yaml's USING converts: its failures are not the cast's */
        return;
    if (cur->shadow_no_conv) /* a shadow table leaves the new column NULL (diff/shadow_conv.c) */
        return;
    const char *cond = conversion_fails(f, &cur->type, &des->type, v, has_using, &what);
    if (!cond)
        return;
    set(f, st, arena_printf(f->a, "SELECT %s FROM %s WHERE %s IS NOT NULL AND (%s)", row_key(f, t, NULL), tbl(f, t),
                            v, cond),
        arena_printf(f->a, "rows whose %s %s", cur->obj.name, what));
}

/* ---- per change ------------------------------------------------------------------- */

static const Table *current_table(PF *f, const Obj *o)
{
    return o && o->table ? model_table(f->cur, o->schema, o->table) : NULL;
}

static void column_change(PF *f, Change *c)
{
    const Column *cur = (const Column *)c->current, *des = (const Column *)c->desired;
    const Table *t = current_table(f, c->current);
    if (!t || !table_column(t, cur->obj.name))
        return;
    bool not_null = (c->alter & ALT_NOT_NULL) && des->not_null && !cur->not_null, nn_done = false;
    PtrVec added = {0}; /* CHECKs added NOT VALID by this change (the online SET NOT NULL) */
    for (int i = 0; i < c->steps.n; i++) {
        Step *st = c->steps.items[i];
        StInfo si = step_info(f->a, st);
        if (si.kind == ST_ADD_CON && si.not_valid && si.name)
            vec_push(f->a, &added, (void *)si.name);
        bool validates_added = false;
        for (int k = 0; si.kind == ST_VALIDATE && k < added.n; k++)
            validates_added = validates_added || same(added.items[k], si.name);
        if (not_null && !nn_done &&
            (validates_added || (si.kind == ST_SET_NOT_NULL && same(si.name, cur->obj.name)))) {
            PtrVec cols = {0};
            vec_push(f->a, &cols, (void *)cur->obj.name);
            null_rows(f, st, t, &cols);
            nn_done = true;
        } else if (si.kind == ST_ALTER_TYPE && (c->alter & ALT_TYPE) && same(si.name, cur->obj.name)) {
            type_rows(f, st, t, cur, des, si.has_using);
        }
    }
}

static void constraint_change(PF *f, Change *c)
{
    const TableConstraint *k = (const TableConstraint *)c->desired;
    const Table *t = current_table(f, c->desired);
    if (!t || (c->op == CHG_CREATE && k->not_valid))
        return;
    bool done = false;
    for (int i = 0; i < c->steps.n && !done; i++) {
        Step *st = c->steps.items[i];
        StInfo si = step_info(f->a, st);
        if (si.kind == ST_UNIQUE_INDEX && c->op == CHG_CREATE &&
            (k->contype == CON_PRIMARY || k->contype == CON_UNIQUE)) {
            /* the online form: the index is built first, then taken over */
            const Constraint *con = (const Constraint *)k->raw;
            PtrVec sql = {0}, names = {0};
            if (con && IsA(con, Constraint) && key_columns(f, t, con->keys, &sql, &names))
                duplicates(f, st, t, &sql, names_text(f, &names), NULL, con->nulls_not_distinct, false);
            if (k->contype == CON_UNIQUE)
                done = true;
        } else if (si.kind == ST_ADD_CON && same(si.name, k->obj.name) && !si.not_valid && c->op == CHG_CREATE) {
            if (si.using_index) {
                /* PRIMARY KEY USING INDEX: the index is unique already, its
                 * columns become NOT NULL */
                const Constraint *con = (const Constraint *)k->raw;
                PtrVec sql = {0}, names = {0};
                if (k->contype == CON_PRIMARY && con && IsA(con, Constraint) &&
                    key_columns(f, t, con->keys, &sql, &names))
                    null_rows(f, st, t, &names);
            } else {
                constraint_rows(f, st, t, k);
            }
            done = true;
        } else if (si.kind == ST_VALIDATE && same(si.name, k->obj.name)) {
            constraint_rows(f, st, t, k);
            done = true;
        }
    }
}

static void index_change(PF *f, Change *c)
{
    const TableIndex *ix = (const TableIndex *)c->desired;
    const Table *t = current_table(f, c->desired);
    if (!t || !ix->unique)
        return;
    for (int i = 0; i < c->steps.n; i++) {
        Step *st = c->steps.items[i];
        if (step_info(f->a, st).kind == ST_UNIQUE_INDEX) {
            index_duplicates(f, st, t, ix);
            return;
        }
    }
}

/* An enum losing labels: every column of it (or of arrays of it) whose
 * rows hold a removed label, in every table of the current state that
 * keeps the column of that type. */
static void enum_change(PF *f, Change *c)
{
    const EnumType *cur = (const EnumType *)c->current, *des = (const EnumType *)c->desired;
    PtrVec removed = {0};
    for (int i = 0; i < cur->nlabels; i++) {
        bool kept = false;
        for (int j = 0; j < des->nlabels && !kept; j++)
            kept = !strcmp(cur->labels[i], des->labels[j]);
        if (!kept)
            vec_push(f->a, &removed, (void *)cur->labels[i]);
    }
    Step *st = NULL;
    for (int i = 0; i < c->steps.n && !st; i++)
        if (step_info(f->a, c->steps.items[i]).kind == ST_DO)
            st = c->steps.items[i];
    if (!removed.n || !st)
        return;
    StrBuf labels, shown;
    sb_init(&labels);
    sb_init(&shown);
    for (int i = 0; i < removed.n; i++) {
        sb_printf(&labels, "%s%s", i ? ", " : "", q_literal(f->a, removed.items[i]));
        sb_printf(&shown, "%s'%s'", i ? ", " : "", (const char *)removed.items[i]);
    }
    PtrVec parts = {0}; /* per column: its key, its FROM ... WHERE ..., its name */
    for (int i = 0; i < f->cur->objs.n; i++) {
        const Column *col = f->cur->objs.items[i];
        if (col->obj.kind != OBJ_COLUMN || col->inherited || !same(col->type.schema, cur->obj.schema) ||
            !same(col->type.name, cur->obj.name))
            continue;
        const Column *dc = (const Column *)model_lookup(f->des, OBJ_COLUMN, col->obj.schema, col->obj.table,
                                                        col->obj.name);
        const Table *t = model_table(f->cur, col->obj.schema, col->obj.table);
        if (!t || !dc || !same(dc->type.sql, col->type.sql))
            continue;
        const char *v = q_ident(f->a, col->obj.name);
        const char *cond = col->type.array_dims
                               ? arena_printf(f->a, "%s::text[] OPERATOR(pg_catalog.&&) ARRAY[%s]::text[]", v, labels.data)
                               : arena_printf(f->a, "%s::text = ANY (ARRAY[%s]::text[])", v, labels.data);
        vec_push(f->a, &parts, (void *)row_key(f, t, NULL));
        vec_push(f->a, &parts, (void *)arena_printf(f->a, "FROM %s WHERE %s", tbl(f, t), cond));
        vec_push(f->a, &parts, (void *)arena_printf(f->a, "%s.%s.%s: ", t->obj.schema, t->obj.name, col->obj.name));
    }
    if (parts.n) {
        StrBuf q;
        sb_init(&q);
        for (int i = 0; i < parts.n; i += 3) {
            /* several columns: each key says whose row it is */
            sb_printf(&q, "%sSELECT %s%s %s", i ? " UNION ALL " : "",
                      parts.n > 3 ? arena_printf(f->a, "%s || ", q_literal(f->a, parts.items[i + 2])) : "",
                      (const char *)parts.items[i], (const char *)parts.items[i + 1]);
        }
        set(f, st, q.data, arena_printf(f->a, "rows using the removed label%s %s of %s", removed.n == 1 ? "" : "s",
                                        shown.data, q_qual(f->a, cur->obj.schema, cur->obj.name)));
        sb_free(&q);
    }
    sb_free(&labels);
    sb_free(&shown);
}

/* The table whose rows a change touches, for its steps' estimates. */
static const Table *change_table(PF *f, const Change *c)
{
    const Obj *o = c->current ? c->current : c->desired;
    if (!o || c->table_is_new)
        return NULL;
    if (c->kind == OBJ_TABLE)
        return c->current ? model_table(f->cur, o->schema, o->name) : NULL;
    return current_table(f, o);
}

void preflight_plan(Arena *a, MigrationPlan *p)
{
    PF f = {a, p->current, p->desired, arena_printf(a, " LIMIT %d", PREFLIGHT_CAP + 1)};
    for (int i = 0; i < p->changes.n; i++) {
        Change *c = p->changes.items[i];
        const Table *t = change_table(&f, c);
        for (int k = 0; t && t->has_estimate && k < c->steps.n; k++) {
            Step *st = c->steps.items[k];
            st->est_rows = t->est_rows;
            st->est_bytes = t->est_bytes;
        }
        if (c->table_is_new || !c->steps.n)
            continue;
        if (c->kind == OBJ_COLUMN && c->op == CHG_ALTER && (c->alter & (ALT_NOT_NULL | ALT_TYPE)))
            column_change(&f, c);
        else if (c->kind == OBJ_CONSTRAINT && (c->op == CHG_CREATE || (c->op == CHG_ALTER && (c->alter & ALT_VALIDATE))))
            constraint_change(&f, c);
        else if (c->kind == OBJ_INDEX && c->op == CHG_CREATE)
            index_change(&f, c);
        else if (c->kind == OBJ_ENUM && c->op == CHG_ALTER && (c->alter & ALT_ENUM_REBUILD))
            enum_change(&f, c);
        else if (c->kind == OBJ_TRIGGER && c->op == CHG_CREATE)
            poly_preflight(a, p->current, p->desired, c, f.limit); /* diff/poly.c */
    }
}

const char *preflight_constraint_rows(Arena *a, const Model *m, const Table *t, const TableConstraint *k,
                                      const char **what)
{
    PF f = {a, m, m, ""};
    Step st;
    memset(&st, 0, sizeof st);
    constraint_rows(&f, &st, t, k);
    *what = st.preflight_what;
    return st.preflight;
}

void preflight_steps(MigrationPlan *p, PtrVec *out)
{
    for (int i = 0; i < p->changes.n; i++) {
        Change *c = p->changes.items[i];
        for (int k = 0; k < c->steps.n; k++) {
            Step *st = c->steps.items[k];
            if (st->preflight)
                vec_push(p->arena, out, st);
        }
    }
}

void preflight_skip(MigrationPlan *p, const char *reason)
{
    PtrVec steps = {0};
    preflight_steps(p, &steps);
    for (int i = 0; i < steps.n; i++) {
        Step *st = steps.items[i];
        st->pf_state = PF_NOT_RUN;
        st->pf_reason = reason;
    }
    p->preflight_note = steps.n ? arena_printf(p->arena, "not run (%s)", reason) : NULL;
}

void preflight_summarize(MigrationPlan *p)
{
    PtrVec steps = {0};
    preflight_steps(p, &steps);
    int n[PF_ERROR + 1] = {0};
    for (int i = 0; i < steps.n; i++)
        n[((Step *)steps.items[i])->pf_state]++;
    if (!steps.n) {
        p->preflight_note = NULL;
        return;
    }
    if (n[PF_NOT_RUN] == steps.n) {
        const char *why = ((Step *)steps.items[0])->pf_reason;
        p->preflight_note = why ? arena_printf(p->arena, "not run (%s)", why) : "not run";
        return;
    }
    StrBuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%d quer%s against the current data", steps.n, steps.n == 1 ? "y" : "ies");
    const char *sep = ": ";
    if (n[PF_FAILED]) {
        sb_printf(&sb, "%s%d would fail", sep, n[PF_FAILED]);
        sep = ", ";
    }
    if (n[PF_PASSED]) {
        sb_printf(&sb, "%s%d passed", sep, n[PF_PASSED]);
        sep = ", ";
    }
    if (n[PF_TIMEOUT]) {
        sb_printf(&sb, "%s%d timed out (not checked)", sep, n[PF_TIMEOUT]);
        sep = ", ";
    }
    if (n[PF_ERROR]) {
        sb_printf(&sb, "%s%d failed to run (not checked)", sep, n[PF_ERROR]);
        sep = ", ";
    }
    if (n[PF_NOT_RUN])
        sb_printf(&sb, "%s%d not run", sep, n[PF_NOT_RUN]);
    p->preflight_note = sb_take(&sb, p->arena);
    sb_free(&sb);
}
