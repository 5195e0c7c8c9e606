/*
 * doblock.c — the DDL a DO block would run, applied to the model.
 *
 * Schema files and concatenated migration histories guard DDL in DO blocks:
 *
 *   DO $$ BEGIN CREATE TYPE mood AS ENUM ('a');
 *         EXCEPTION WHEN duplicate_object THEN null; END $$;
 *   DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood')
 *         THEN CREATE TYPE mood AS ENUM ('a'); END IF; END $$;
 *   DO $$ BEGIN EXECUTE 'CREATE INDEX ...'; END $$;
 *
 * The block is compiled as PostgreSQL would compile it: libpg_query's
 * pg_query_parse_plpgsql() on `CREATE FUNCTION pg_temp.f() RETURNS void
 * LANGUAGE plpgsql AS <body>`, whose JSON result is read here into a small
 * tree and walked.  Statements run as they come (nested blocks, the branch
 * of an IF whose condition the model decides, EXECUTE of a constant
 * string); each SQL statement is given to the file reader (ddl_apply_stmt)
 * at its own place in the file, so its errors point into the block.  A
 * handler `EXCEPTION WHEN duplicate_object|duplicate_table|... THEN null`
 * turns the reader's "already exists" errors of its block into nothing, as
 * the server would; `undefined_*` does the same for "does not exist".
 * IF conditions are the catalog lookups people write — EXISTS of a SELECT
 * over pg_type, pg_class, pg_namespace, pg_constraint, pg_indexes, pg_proc,
 * information_schema.tables/columns ... with `name = 'literal'` conditions
 * — evaluated against the model.  Role statements (CREATE ROLE guarded by a
 * pg_roles lookup) are cluster state and ignored, like GRANT role.
 *
 * Everything else (loops, variables, dynamic SQL built at run time, data
 * statements, handlers that do something) is a located error saying what
 * could not be read and that --load-via-db reads it through a database.
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

/* ---- a small JSON tree (libpg_query's output only) ------------------------- */

typedef enum { J_NULL, J_STR, J_NUM, J_BOOL, J_ARR, J_OBJ } JType;

typedef struct JVal {
    JType type;
    const char *s;          /* J_STR: decoded; J_NUM/J_BOOL: the token */
    int n;                  /* J_ARR, J_OBJ: element count */
    const char **keys;      /* J_OBJ */
    struct JVal **items;    /* J_ARR, J_OBJ */
} JVal;

static void skip_ws(const char **p)
{
    while (**p == ' ' || **p == '\n' || **p == '\t' || **p == '\r')
        (*p)++;
}

static const char *j_string(Arena *a, const char **pp)
{
    return plpgsql_json_string(a, *pp + 1, pp); /* after the opening quote */
}

/* NULL on malformed input (never expected: libpg_query writes it). */
static JVal *j_parse(Arena *a, const char **pp, int depth)
{
    skip_ws(pp);
    if (depth > 10000)
        return NULL;
    JVal *v = arena_alloc(a, sizeof *v);
    memset(v, 0, sizeof *v);
    const char *p = *pp;
    if (*p == '"') {
        v->type = J_STR;
        v->s = j_string(a, pp);
        return v;
    }
    if (*p == '[' || *p == '{') {
        bool obj = *p == '{';
        char close = obj ? '}' : ']';
        v->type = obj ? J_OBJ : J_ARR;
        PtrVec keys = {0}, items = {0};
        *pp = p + 1;
        skip_ws(pp);
        if (**pp == close) {
            (*pp)++;
            return v;
        }
        for (;;) {
            if (obj) {
                skip_ws(pp);
                if (**pp != '"')
                    return NULL;
                vec_push(a, &keys, (void *)j_string(a, pp));
                skip_ws(pp);
                if (**pp != ':')
                    return NULL;
                (*pp)++;
            }
            JVal *item = j_parse(a, pp, depth + 1);
            if (!item)
                return NULL;
            vec_push(a, &items, item);
            skip_ws(pp);
            if (**pp == ',') {
                (*pp)++;
                continue;
            }
            if (**pp != close)
                return NULL;
            (*pp)++;
            break;
        }
        v->n = items.n;
        v->items = (JVal **)items.items;
        v->keys = (const char **)keys.items;
        return v;
    }
    const char *start = p;
    while (*p && (isalnum((unsigned char)*p) || *p == '-' || *p == '+' || *p == '.'))
        p++;
    if (p == start)
        return NULL;
    v->s = arena_strndup(a, start, (size_t)(p - start));
    v->type = !strcmp(v->s, "null") ? J_NULL : (*start == 't' || *start == 'f') ? J_BOOL : J_NUM;
    *pp = p;
    return v;
}

static JVal *j_get(const JVal *v, const char *key)
{
    if (!v || v->type != J_OBJ)
        return NULL;
    for (int i = 0; i < v->n; i++)
        if (!strcmp(v->keys[i], key))
            return v->items[i];
    return NULL;
}

/* The query text of a {"PLpgSQL_expr":{"query":...}} value, or NULL. */
static const char *j_query(const JVal *v)
{
    JVal *q = j_get(j_get(v, "PLpgSQL_expr"), "query");
    return q && q->type == J_STR ? q->s : NULL;
}

static int j_int(const JVal *v)
{
    return v && v->type == J_NUM ? atoi(v->s) : 0;
}

/* ---- the walk ----------------------------------------------------------------- */

enum { IGNORE_EXISTS = 1, IGNORE_MISSING = 2, IGNORE_SECOND_KEY = 4 };

typedef struct Walk {
    DdlReader *r;
    int do_off;          /* the DO statement's first token */
    const char *body;    /* the block's text */
    int body_off;        /* where body is in the file; -1: not verbatim there */
    int ignore;          /* IGNORE_*: errors the enclosing handlers swallow */
    bool failed;
} Walk;

static const char load_hint[] = "; --load-via-db reads it through a scratch database";

static void refuse(Walk *w, int off, const char *what)
{
    ddl_error(w->r, off >= 0 ? off : w->do_off, "DO block: %s cannot be read without running it%s", what,
              load_hint);
    w->failed = true;
}

/* File offset of the start of body line `lineno` (1: the body's start). */
static int line_offset(const Walk *w, int lineno)
{
    if (w->body_off < 0)
        return -1;
    const char *p = w->body;
    for (int l = 1; l < lineno && *p; p++)
        if (*p == '\n')
            l++;
    while (*p == ' ' || *p == '\t')
        p++;
    return w->body_off + (int)(p - w->body);
}

/* Where `text` stands in the file at or after body line `lineno`: -1 when
 * it is not there verbatim. */
static int text_offset(const Walk *w, int lineno, const char *text)
{
    int from = line_offset(w, lineno);
    if (from < 0)
        return -1;
    const char *hit = strstr(w->body + (from - w->body_off), text);
    return hit ? w->body_off + (int)(hit - w->body) : -1;
}

/* Whether a diagnostic the handlers of the block swallow. */
static bool swallowed(const Walk *w, const char *msg)
{
    return ((w->ignore & IGNORE_EXISTS) && (strstr(msg, "already exists") || strstr(msg, "specified more than once"))) ||
           ((w->ignore & IGNORE_MISSING) && strstr(msg, "does not exist")) ||
           ((w->ignore & IGNORE_SECOND_KEY) && strstr(msg, "multiple primary keys"));
}

static bool is_role_stmt(const Node *n)
{
    switch (nodeTag(n)) {
    case T_CreateRoleStmt:
    case T_AlterRoleStmt:
    case T_AlterRoleSetStmt:
    case T_DropRoleStmt:
    case T_GrantRoleStmt:
        return true;
    default:
        return false;
    }
}

/* Parse `sql` (one or more statements) standing at file offset `at` (-1:
 * not in the file verbatim; errors then point at the DO statement) and
 * apply each statement to the model.
 *
 * A statement that stands in the file is parsed on its own and read with
 * the file text from `at` on as its text (an alias of the file's text,
 * schemas/diag.c): its locations then point into the file.  (It was once
 * parsed at its own offset after blanks as long as the file before it,
 * which made reading N guarded blocks quadratic: the lexer passed every
 * blank of every statement.) */
static void run_sql(Walk *w, const char *sql, int at)
{
    DdlReader *r = w->r;
    size_t len = strlen(sql);
    char *buf = arena_strdup(r->a, sql);
    PgQueryInternalParsetreeAndError res = pg_query_raw_parse(buf);
    free(res.stderr_buffer);
    if (res.error) {
        int eoff = w->do_off;
        if (at >= 0) {
            /* the cursor counts characters from the statement's start */
            const char *q = sql;
            for (int chars = res.error->cursorpos - 1; chars > 0 && *q; chars--) {
                q++;
                while (((unsigned char)*q & 0xC0) == 0x80)
                    q++;
            }
            eoff = at + (int)(q - sql);
        }
        ddl_error(r, eoff, "DO block: %s", res.error->message);
        pg_query_free_error(res.error);
        w->failed = true;
        return;
    }
    Diags mine = {r->a, {0}};
    DdlReader sub = *r;
    sub.diags = &mine;
    ListCell *lc;
    foreach (lc, res.tree) {
        RawStmt *rs = lfirst(lc);
        if (is_role_stmt(rs->stmt))
            continue; /* cluster state, like GRANT role */
        int bad_typmod, param, param_no;
        bool builtin;
        if (depth_check((Node *)rs, DEPTH_LIMIT, &bad_typmod, &builtin, &param, &param_no)) {
            ddl_error(r, at >= 0 ? at : w->do_off, "DO block: expression nested too deeply (more than %d levels)",
                      DEPTH_LIMIT);
            w->failed = true;
            break;
        }
        if (bad_typmod >= 0) {
            ddl_error(r, at >= 0 ? at : w->do_off, "DO block: %s",
                      builtin ? "type modifiers of built-in types must be integer constants"
                              : "type modifiers must be simple constants or identifiers");
            w->failed = true;
            break;
        }
        if (param >= 0) {
            ddl_error(r, at >= 0 ? at : w->do_off, "DO block: there is no parameter $%d", param_no);
            w->failed = true;
            break;
        }
        int off = rs->stmt_location;
        while (buf[off] && isspace((unsigned char)buf[off]))
            off++;
        int end = rs->stmt_len ? rs->stmt_location + rs->stmt_len : (int)len;
        if (at < 0) {
            /* not in the file: the statement's own text, located at DO */
            sub.text = buf;
            sub.file = r->file;
        } else {
            sub.text = r->text + at;
            diag_alias_text(sub.text, r->text);
        }
        rs->stmt_location = off;
        rs->stmt_len = end - off;
        ddl_apply_stmt(&sub, rs);
    }
    r->nc = sub.nc; /* SET search_path inside the block */
    for (int i = 0; i < mine.items.n; i++) {
        Diag *d = mine.items.items[i];
        if (swallowed(w, d->message))
            continue;
        if (at < 0) {
            /* the statement's text is not in the file as written: point at
             * the DO statement */
            d->loc.text = r->text;
            d->loc.file = r->file;
            d->loc.offset = w->do_off;
            d->message = arena_printf(r->a, "DO block: %s", d->message);
        }
        vec_push(r->a, &r->diags->items, d);
        w->failed = true;
    }
}

/* ---- IF conditions: catalog lookups against the model ---------------------- */

typedef enum { C_FALSE, C_TRUE, C_ROLES, C_UNKNOWN } Cond;

typedef struct Lookup {
    const char *catalog;  /* pg_type, tables (information_schema), ... */
    PtrVec names, values; /* column = 'constant' conjuncts */
    bool bad;             /* something else: cannot be decided */
} Lookup;

static const char *const_string(Node *n)
{
    while (n && IsA(n, TypeCast))
        n = ((TypeCast *)n)->arg;
    if (n && IsA(n, A_Const) && !((A_Const *)n)->isnull && IsA(&((A_Const *)n)->val, String))
        return strVal(&((A_Const *)n)->val);
    return NULL;
}

static const char *column_name(Node *n)
{
    while (n && IsA(n, TypeCast))
        n = ((TypeCast *)n)->arg;
    if (n && IsA(n, ColumnRef)) {
        Node *last = llast(((ColumnRef *)n)->fields);
        return IsA(last, String) ? strVal(last) : NULL;
    }
    return NULL;
}

static void conjuncts(Lookup *lk, Arena *a, Node *n)
{
    if (!n)
        return;
    if (IsA(n, BoolExpr) && ((BoolExpr *)n)->boolop == AND_EXPR) {
        ListCell *lc;
        foreach (lc, ((BoolExpr *)n)->args)
            conjuncts(lk, a, lfirst(lc));
        return;
    }
    if (IsA(n, A_Expr) && ((A_Expr *)n)->kind == AEXPR_OP && list_length(((A_Expr *)n)->name) == 1 &&
        !strcmp(strVal(linitial(((A_Expr *)n)->name)), "=")) {
        A_Expr *e = (A_Expr *)n;
        const char *col = column_name(e->lexpr), *val = const_string(e->rexpr);
        if (!col) {
            col = column_name(e->rexpr);
            val = const_string(e->lexpr);
        }
        if (col && val) {
            vec_push(a, &lk->names, (void *)col);
            vec_push(a, &lk->values, (void *)val);
            return;
        }
        if (column_name(e->lexpr) && column_name(e->rexpr))
            return; /* a join condition (n.oid = t.typnamespace) */
    }
    lk->bad = true;
}

static const char *known_catalogs[] = {
    "pg_type", "pg_class", "pg_namespace", "pg_constraint", "pg_indexes", "pg_tables", "pg_views",
    "pg_matviews", "pg_sequences", "pg_proc", "pg_trigger", "pg_extension", "pg_policy", "pg_policies",
    "tables", "columns", "schemata", "table_constraints", "views", "sequences", "routines",
    "pg_roles", "pg_user", "pg_authid", "pg_attribute",
};

static void from_items(Lookup *lk, Arena *a, Node *n)
{
    if (IsA(n, RangeVar)) {
        RangeVar *rv = (RangeVar *)n;
        if (rv->schemaname && strcmp(rv->schemaname, "pg_catalog") && strcmp(rv->schemaname, "information_schema")) {
            lk->bad = true;
            return;
        }
        bool known = false;
        for (size_t i = 0; i < sizeof known_catalogs / sizeof *known_catalogs; i++)
            known = known || !strcmp(rv->relname, known_catalogs[i]);
        if (!known) {
            lk->bad = true;
            return;
        }
        /* the first catalog named is the one looked up; pg_namespace and
         * pg_class next to it only say where */
        if (!lk->catalog)
            lk->catalog = rv->relname;
        else if (strcmp(rv->relname, "pg_namespace") && strcmp(rv->relname, "pg_class"))
            lk->bad = true;
        return;
    }
    if (IsA(n, JoinExpr)) {
        JoinExpr *j = (JoinExpr *)n;
        from_items(lk, a, j->larg);
        from_items(lk, a, j->rarg);
        conjuncts(lk, a, j->quals);
        return;
    }
    lk->bad = true;
}

static const char *lk_value(const Lookup *lk, const char *const *cols)
{
    for (int i = 0; i < lk->names.n; i++)
        for (const char *const *c = cols; *c; c++)
            if (!strcmp(lk->names.items[i], *c))
                return lk->values.items[i];
    return NULL;
}

static bool name_matches(const Obj *o, const char *name)
{
    if (o->kind == OBJ_FUNCTION || o->kind == OBJ_AGGREGATE) {
        /* the name holds the signature: f(integer) */
        size_t n = strlen(name);
        return !strncmp(o->name, name, n) && o->name[n] == '(';
    }
    return !strcmp(o->name, name);
}

/* Whether the model has an object of one of `kinds` named `name` (in
 * `schema` and of `table` when not NULL). */
static bool model_has(const Model *m, const ObjKind *kinds, int nkinds, const char *schema, const char *table,
                      const char *name)
{
    for (int i = 0; i < m->objs.n; i++) {
        const Obj *o = m->objs.items[i];
        if (!o) /* a dropped object's slot */
            continue;
        bool kind = false;
        for (int k = 0; k < nkinds; k++)
            kind = kind || o->kind == kinds[k];
        if (!kind || !name_matches(o, name))
            continue;
        if (schema && o->kind != OBJ_SCHEMA && o->kind != OBJ_EXTENSION && (!o->schema || strcmp(o->schema, schema)))
            continue;
        if (table && (!o->table || strcmp(o->table, table)))
            continue;
        return true;
    }
    return false;
}

/* Columns whose constant value filters a catalog without naming anything
 * (relkind = 'r', contype = 'f', table_type = 'BASE TABLE'). */
static bool filter_column(const char *c)
{
    static const char *const cols[] = {"relkind", "typtype", "contype", "table_type", "table_catalog",
                                       "constraint_type", "prokind", "routine_type", "typcategory", NULL};
    for (const char *const *p = cols; *p; p++)
        if (!strcmp(c, *p))
            return true;
    return false;
}

static Cond eval_exists(DdlReader *r, Node *sub)
{
    if (!sub || !IsA(sub, SelectStmt))
        return C_UNKNOWN;
    SelectStmt *s = (SelectStmt *)sub;
    if (s->op != SETOP_NONE || s->groupClause || s->havingClause || s->withClause || !s->fromClause)
        return C_UNKNOWN;
    Lookup lk = {0};
    ListCell *lc;
    foreach (lc, s->fromClause)
        from_items(&lk, r->a, lfirst(lc));
    conjuncts(&lk, r->a, s->whereClause);
    if (lk.bad || !lk.catalog)
        return C_UNKNOWN;
    const char *c = lk.catalog;
    if (!strcmp(c, "pg_roles") || !strcmp(c, "pg_user") || !strcmp(c, "pg_authid"))
        return C_ROLES;
    static const char *const schema_cols[] = {"nspname", "schemaname", "table_schema", "typnamespace",
                                              "relnamespace", "connamespace", "pronamespace",
                                              "sequence_schema", "routine_schema", "constraint_schema", NULL};
    static const char *const table_cols[] = {"tablename", "table_name", "relname", "conrelid", "tgrelid",
                                             "polrelid", "attrelid", NULL};
    const char *name_cols[4] = {NULL, NULL, NULL, NULL};
    ObjKind kinds[6];
    int nk = 0;
    bool schema_is_name = false, table_is_name = false;
    if (!strcmp(c, "pg_type")) {
        name_cols[0] = "typname";
        kinds[nk++] = OBJ_ENUM, kinds[nk++] = OBJ_DOMAIN, kinds[nk++] = OBJ_COMPOSITE;
        kinds[nk++] = OBJ_TABLE, kinds[nk++] = OBJ_VIEW, kinds[nk++] = OBJ_SEQUENCE;
    } else if (!strcmp(c, "pg_class")) {
        name_cols[0] = "relname";
        kinds[nk++] = OBJ_TABLE, kinds[nk++] = OBJ_VIEW, kinds[nk++] = OBJ_SEQUENCE, kinds[nk++] = OBJ_INDEX;
    } else if (!strcmp(c, "pg_namespace") || !strcmp(c, "schemata")) {
        name_cols[0] = "nspname", name_cols[1] = "schema_name";
        kinds[nk++] = OBJ_SCHEMA;
        schema_is_name = true;
    } else if (!strcmp(c, "pg_constraint") || !strcmp(c, "table_constraints")) {
        name_cols[0] = "conname", name_cols[1] = "constraint_name";
        kinds[nk++] = OBJ_CONSTRAINT;
    } else if (!strcmp(c, "pg_indexes")) {
        name_cols[0] = "indexname";
        kinds[nk++] = OBJ_INDEX;
    } else if (!strcmp(c, "pg_tables") || !strcmp(c, "tables")) {
        name_cols[0] = "tablename", name_cols[1] = "table_name";
        kinds[nk++] = OBJ_TABLE;
        if (!strcmp(c, "tables"))
            kinds[nk++] = OBJ_VIEW;
        table_is_name = true;
    } else if (!strcmp(c, "pg_views") || !strcmp(c, "pg_matviews") || !strcmp(c, "views")) {
        name_cols[0] = "viewname", name_cols[1] = "matviewname", name_cols[2] = "table_name";
        kinds[nk++] = OBJ_VIEW;
        table_is_name = true;
    } else if (!strcmp(c, "pg_sequences") || !strcmp(c, "sequences")) {
        name_cols[0] = "sequencename", name_cols[1] = "sequence_name";
        kinds[nk++] = OBJ_SEQUENCE;
    } else if (!strcmp(c, "pg_proc") || !strcmp(c, "routines")) {
        name_cols[0] = "proname", name_cols[1] = "routine_name";
        kinds[nk++] = OBJ_FUNCTION, kinds[nk++] = OBJ_AGGREGATE;
    } else if (!strcmp(c, "pg_trigger")) {
        name_cols[0] = "tgname";
        kinds[nk++] = OBJ_TRIGGER;
    } else if (!strcmp(c, "pg_policy") || !strcmp(c, "pg_policies")) {
        name_cols[0] = "polname", name_cols[1] = "policyname";
        kinds[nk++] = OBJ_POLICY;
    } else if (!strcmp(c, "pg_extension")) {
        name_cols[0] = "extname";
        kinds[nk++] = OBJ_EXTENSION;
    } else if (!strcmp(c, "columns") || !strcmp(c, "pg_attribute")) {
        name_cols[0] = "column_name", name_cols[1] = "attname";
        kinds[nk++] = OBJ_COLUMN;
    } else {
        return C_UNKNOWN;
    }
    /* every constant must be understood: a name, a schema, a table or a
     * filter that narrows nothing the model tells apart */
    for (int i = 0; i < lk.names.n; i++) {
        const char *col = lk.names.items[i];
        bool ok = filter_column(col);
        for (int k = 0; name_cols[k] && !ok; k++)
            ok = !strcmp(col, name_cols[k]);
        for (const char *const *p = schema_cols; *p && !ok; p++)
            ok = !strcmp(col, *p);
        for (const char *const *p = table_cols; *p && !ok; p++)
            ok = !strcmp(col, *p);
        if (!ok)
            return C_UNKNOWN;
    }
    const char *name = lk_value(&lk, name_cols);
    if (!name)
        return C_UNKNOWN;
    const char *schema = schema_is_name ? NULL : lk_value(&lk, schema_cols);
    const char *table = table_is_name ? NULL : lk_value(&lk, table_cols);
    if (table && table == name)
        table = NULL;
    if (table && strchr(table, '.')) {
        /* 'schema.table'::regclass */
        const char *dot = strchr(table, '.');
        if (!schema)
            schema = arena_strndup(r->a, table, (size_t)(dot - table));
        table = dot + 1;
    }
    if (kinds[0] == OBJ_SCHEMA)
        return model_lookup(r->m, OBJ_SCHEMA, NULL, NULL, name) ? C_TRUE : C_FALSE;
    return model_has(r->m, kinds, nk, schema, table, name) ? C_TRUE : C_FALSE;
}

static Cond eval_node(DdlReader *r, Node *n)
{
    if (!n)
        return C_UNKNOWN;
    int g = guards_cond(r, n); /* the guards emit/ writes (parser/guards.c) */
    if (g >= 0)
        return g ? C_TRUE : C_FALSE;
    if (IsA(n, BoolExpr)) {
        BoolExpr *b = (BoolExpr *)n;
        if (b->boolop == NOT_EXPR) {
            Cond c = eval_node(r, linitial(b->args));
            return c == C_TRUE ? C_FALSE : c == C_FALSE ? C_TRUE : c;
        }
        bool and = b->boolop == AND_EXPR;
        Cond acc = and ? C_TRUE : C_FALSE;
        ListCell *lc;
        foreach (lc, b->args) {
            Cond c = eval_node(r, lfirst(lc));
            if (c == C_UNKNOWN || c == C_ROLES)
                return c;
            if (and && c == C_FALSE)
                acc = C_FALSE;
            if (!and && c == C_TRUE)
                acc = C_TRUE;
        }
        return acc;
    }
    if (IsA(n, SubLink) && ((SubLink *)n)->subLinkType == EXISTS_SUBLINK)
        return eval_exists(r, ((SubLink *)n)->subselect);
    if (IsA(n, A_Const) && IsA(&((A_Const *)n)->val, Boolean))
        return boolVal(&((A_Const *)n)->val) ? C_TRUE : C_FALSE;
    return C_UNKNOWN;
}

static Cond eval_cond(Walk *w, const char *cond)
{
    const char *sql = arena_printf(w->r->a, "SELECT %s", cond);
    PgQueryInternalParsetreeAndError res = pg_query_raw_parse(sql);
    free(res.stderr_buffer);
    if (res.error) {
        pg_query_free_error(res.error);
        return C_UNKNOWN;
    }
    if (list_length(res.tree) != 1)
        return C_UNKNOWN;
    SelectStmt *s = (SelectStmt *)((RawStmt *)linitial(res.tree))->stmt;
    if (!IsA(s, SelectStmt) || list_length(s->targetList) != 1 || s->fromClause)
        return C_UNKNOWN;
    int bad_typmod, param, param_no;
    bool builtin;
    if (depth_check((Node *)s, DEPTH_LIMIT, &bad_typmod, &builtin, &param, &param_no) || bad_typmod >= 0)
        return C_UNKNOWN;
    return eval_node(w->r, ((ResTarget *)linitial(s->targetList))->val);
}

/* ---- statements --------------------------------------------------------------- */

static void walk_list(Walk *w, const JVal *list, bool roles_only);

static void walk_block(Walk *w, const JVal *b, bool roles_only)
{
    int saved = w->ignore;
    const JVal *exc = j_get(j_get(b, "exceptions"), "PLpgSQL_exception_block");
    if (j_get(b, "exceptions")) {
        const JVal *list = j_get(exc, "exc_list");
        for (int i = 0; list && i < list->n; i++) {
            const JVal *e = j_get(list->items[i], "PLpgSQL_exception");
            const JVal *action = j_get(e, "action");
            int line = j_int(j_get(e, "lineno"));
            if (action && action->n > 0 && action->items[0]->type == J_OBJ && action->items[0]->n == 1)
                line = j_int(j_get(action->items[0]->items[0], "lineno"));
            /* PL/pgSQL compiles `NULL;` to nothing: an action is work */
            if (action && action->n > 0) {
                refuse(w, line_offset(w, line), "an exception handler that runs statements");
                return;
            }
            const JVal *conds = j_get(e, "conditions");
            for (int k = 0; conds && k < conds->n; k++) {
                const JVal *cn = j_get(j_get(conds->items[k], "PLpgSQL_condition"), "condname");
                const char *name = cn && cn->type == J_STR ? cn->s : "";
                if (!strncmp(name, "duplicate_", 10) || !strcmp(name, "unique_violation"))
                    w->ignore |= IGNORE_EXISTS;
                else if (!strncmp(name, "undefined_", 10) || !strcmp(name, "invalid_schema_name"))
                    w->ignore |= IGNORE_MISSING;
                else if (!strcmp(name, "invalid_table_definition"))
                    w->ignore |= IGNORE_SECOND_KEY; /* a second primary key */
                else if (!strcmp(name, "others"))
                    w->ignore |= IGNORE_EXISTS | IGNORE_MISSING | IGNORE_SECOND_KEY;
                else {
                    refuse(w, line_offset(w, line),
                           arena_printf(w->r->a, "an exception handler for %s", name));
                    w->ignore = saved;
                    return;
                }
            }
        }
    }
    walk_list(w, j_get(b, "body"), roles_only);
    w->ignore = saved;
}

static const char *stmt_label(const char *tag)
{
    static const struct {
        const char *tag, *label;
    } labels[] = {
        {"PLpgSQL_stmt_loop", "a LOOP"},       {"PLpgSQL_stmt_while", "a WHILE loop"},
        {"PLpgSQL_stmt_fori", "a FOR loop"},   {"PLpgSQL_stmt_fors", "a FOR loop"},
        {"PLpgSQL_stmt_forc", "a FOR loop"},   {"PLpgSQL_stmt_foreach_a", "a FOREACH loop"},
        {"PLpgSQL_stmt_dynfors", "a FOR loop"}, {"PLpgSQL_stmt_assign", "an assignment"},
        {"PLpgSQL_stmt_perform", "PERFORM"},   {"PLpgSQL_stmt_raise", "RAISE"},
        {"PLpgSQL_stmt_case", "CASE"},         {"PLpgSQL_stmt_call", "CALL"},
        {"PLpgSQL_stmt_return", "RETURN"},     {"PLpgSQL_stmt_getdiag", "GET DIAGNOSTICS"},
        {"PLpgSQL_stmt_open", "a cursor"},     {"PLpgSQL_stmt_fetch", "a cursor"},
        {"PLpgSQL_stmt_close", "a cursor"},    {"PLpgSQL_stmt_exit", "EXIT"},
        {"PLpgSQL_stmt_assert", "ASSERT"},     {"PLpgSQL_stmt_commit", "COMMIT"},
        {"PLpgSQL_stmt_rollback", "ROLLBACK"},
    };
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        if (!strcmp(tag, labels[i].tag))
            return labels[i].label;
    return "this statement";
}

static void walk_sql(Walk *w, const char *q, int line, bool roles_only)
{
    /* a data statement (INSERT, UPDATE, SELECT ...) changes no schema but
     * its effect on the database cannot be known here */
    PgQueryInternalParsetreeAndError res = pg_query_raw_parse(q);
    free(res.stderr_buffer);
    int at = text_offset(w, line, q);
    if (!res.error) {
        ListCell *lc;
        foreach (lc, res.tree) {
            Node *n = ((RawStmt *)lfirst(lc))->stmt;
            if (roles_only && !is_role_stmt(n)) {
                refuse(w, at >= 0 ? at : line_offset(w, line),
                       "DDL guarded by a role lookup (pg_roles)");
                return;
            }
            switch (nodeTag(n)) {
            case T_InsertStmt:
            case T_UpdateStmt:
            case T_DeleteStmt:
            case T_SelectStmt:
            case T_TruncateStmt:
            case T_CopyStmt:
            case T_CallStmt:
                refuse(w, at >= 0 ? at : line_offset(w, line), "a data statement");
                return;
            default:
                break;
            }
        }
    } else {
        pg_query_free_error(res.error);
    }
    run_sql(w, q, at);
}

static void walk_stmt(Walk *w, const JVal *st, bool roles_only)
{
    if (!st || st->type != J_OBJ || st->n != 1 || w->failed)
        return;
    const char *tag = st->keys[0];
    const JVal *v = st->items[0];
    int line = j_int(j_get(v, "lineno"));
    if (!strcmp(tag, "PLpgSQL_stmt_block")) {
        walk_block(w, v, roles_only);
    } else if (!strcmp(tag, "PLpgSQL_stmt_execsql")) {
        const char *q = j_query(j_get(v, "sqlstmt"));
        if (!q || j_get(v, "into")) {
            refuse(w, line_offset(w, line), "a statement with INTO");
            return;
        }
        walk_sql(w, q, line, roles_only);
    } else if (!strcmp(tag, "PLpgSQL_stmt_dynexecute")) {
        const char *q = j_query(j_get(v, "query"));
        if (!q || j_get(v, "into") || j_get(v, "params")) {
            refuse(w, line_offset(w, line), "EXECUTE with INTO or USING");
            return;
        }
        /* only a constant string: parse `SELECT <expr>` and take its value */
        const char *sql = arena_printf(w->r->a, "SELECT %s", q);
        PgQueryInternalParsetreeAndError res = pg_query_raw_parse(sql);
        free(res.stderr_buffer);
        const char *text = NULL;
        if (!res.error && list_length(res.tree) == 1) {
            SelectStmt *s = (SelectStmt *)((RawStmt *)linitial(res.tree))->stmt;
            if (IsA(s, SelectStmt) && list_length(s->targetList) == 1 && !s->fromClause) {
                Node *val = ((ResTarget *)linitial(s->targetList))->val;
                if (val && IsA(val, A_Const) && !((A_Const *)val)->isnull &&
                    IsA(&((A_Const *)val)->val, String))
                    text = strVal(&((A_Const *)val)->val);
            }
        }
        if (res.error)
            pg_query_free_error(res.error);
        if (!text) {
            refuse(w, text_offset(w, line, q), "EXECUTE of a string built at run time");
            return;
        }
        walk_sql(w, text, line, roles_only);
    } else if (!strcmp(tag, "PLpgSQL_stmt_if")) {
        Cond c = eval_cond(w, j_query(j_get(v, "cond")) ? j_query(j_get(v, "cond")) : "");
        if (c == C_UNKNOWN) {
            refuse(w, line_offset(w, line), "an IF whose condition is not a catalog lookup by name");
            return;
        }
        if (c == C_ROLES) {
            walk_list(w, j_get(v, "then_body"), true);
            const JVal *el = j_get(v, "elsif_list");
            for (int i = 0; el && i < el->n; i++)
                walk_list(w, j_get(j_get(el->items[i], "PLpgSQL_if_elsif"), "stmts"), true);
            walk_list(w, j_get(v, "else_body"), true);
            return;
        }
        if (c == C_TRUE) {
            walk_list(w, j_get(v, "then_body"), roles_only);
            return;
        }
        const JVal *el = j_get(v, "elsif_list");
        for (int i = 0; el && i < el->n; i++) {
            const JVal *e = j_get(el->items[i], "PLpgSQL_if_elsif");
            const char *q = j_query(j_get(e, "cond"));
            Cond ce = eval_cond(w, q ? q : "");
            if (ce == C_UNKNOWN || ce == C_ROLES) {
                refuse(w, line_offset(w, j_int(j_get(e, "lineno"))),
                       "an ELSIF whose condition is not a catalog lookup by name");
                return;
            }
            if (ce == C_TRUE) {
                walk_list(w, j_get(e, "stmts"), roles_only);
                return;
            }
        }
        walk_list(w, j_get(v, "else_body"), roles_only);
    } else if (!strcmp(tag, "PLpgSQL_stmt_return") && !j_get(v, "expr") && !line) {
        return; /* the compiler's own RETURN at the end */
    } else if (!strcmp(tag, "PLpgSQL_stmt_raise") && j_get(v, "elog_level") && j_int(j_get(v, "elog_level")) < 21) {
        return; /* RAISE NOTICE / WARNING / INFO / LOG / DEBUG (below ERROR, 21): a message, no change (its
                 * arguments are not run here: schemadiff's own notices pass literals) */
    } else {
        refuse(w, line_offset(w, line), stmt_label(tag));
    }
}

static void walk_list(Walk *w, const JVal *list, bool roles_only)
{
    for (int i = 0; list && list->type == J_ARR && i < list->n && !w->failed; i++)
        walk_stmt(w, list->items[i], roles_only);
}

void doblock_read(DdlReader *r, DoStmt *st, int off)
{
    const char *body = NULL, *language = "plpgsql";
    ListCell *lc;
    foreach (lc, st->args) {
        DefElem *d = lfirst(lc);
        if (!strcmp(d->defname, "as"))
            body = strVal(d->arg);
        else if (!strcmp(d->defname, "language"))
            language = strVal(d->arg);
    }
    Walk w = {r, off, body ? body : "", -1, 0, false};
    if (strcmp(language, "plpgsql")) {
        refuse(&w, off, arena_printf(r->a, "LANGUAGE %s", language));
        return;
    }
    /* emit/'s loops over the catalog, as the straight-line DDL they run
     * here (parser/guards.c); located at the DO statement */
    const char *plain = guards_block(r, w.body);
    bool rewritten = plain != NULL;
    if (rewritten)
        w.body = plain;
    /* the body as it stands in the file (dollar-quoted): statements inside
     * are then located at their own line and column */
    int len = r->stmt_len ? r->stmt_len : (int)strlen(r->text + off);
    size_t blen = strlen(w.body);
    for (int i = off; blen && !rewritten && i + (int)blen <= off + len; i++)
        if (r->text[i] == w.body[0] && !memcmp(r->text + i, w.body, blen)) {
            w.body_off = i;
            break;
        }
    /* a dollar-quote tag the body does not hold */
    const char *tag = "$sd_do$";
    for (int n = 0; strstr(w.body, tag); n++)
        tag = arena_printf(r->a, "$sd_do%d$", n);
    const char *fn = arena_printf(r->a, "CREATE FUNCTION pg_temp.sd_do() RETURNS void LANGUAGE plpgsql AS %s%s%s",
                                  tag, w.body, tag);
    void *ctx = pgctx_current();
#if defined(__SANITIZE_ADDRESS__)
    /* libpg_query 15 leaks its copy of the parser's stderr when a body
     * fails to compile (see parser/plpgsql_check.c) */
    __lsan_disable();
#endif
    PgQueryPlpgsqlParseResult res = pg_query_parse_plpgsql(fn);
#if defined(__SANITIZE_ADDRESS__)
    __lsan_enable();
#endif
    pgctx_restore(ctx);
    if (res.error) {
        int line = 0, at = -1;
        const char *near = res.error->context ? strstr(res.error->context, " near line ") : NULL;
        if (near)
            line = atoi(near + strlen(" near line "));
        /* the cursor counts characters of the CREATE FUNCTION text */
        int prefix = (int)(strlen(fn) - strlen(tag) - blen - strlen(tag)) + (int)strlen(tag);
        if (w.body_off >= 0 && res.error->cursorpos > prefix) {
            const char *q = w.body;
            for (int chars = res.error->cursorpos - 1 - prefix; chars > 0 && *q; chars--) {
                q++;
                while (((unsigned char)*q & 0xC0) == 0x80)
                    q++;
            }
            at = w.body_off + (int)(q - w.body);
        } else if (line) {
            at = line_offset(&w, line);
        }
        /* PL/pgSQL names the line of the statement before the error */
        if (at >= 0 && !res.error->cursorpos)
            ddl_error(r, at, "DO block: %s (in this statement or the next)", res.error->message);
        else
            ddl_error(r, at >= 0 ? at : off, "DO block: %s", res.error->message);
        pg_query_free_plpgsql_parse_result(res);
        return;
    }
    const char *p = res.plpgsql_funcs ? res.plpgsql_funcs : "";
    JVal *tree = j_parse(r->a, &p, 0);
    pg_query_free_plpgsql_parse_result(res);
    const JVal *fnv = tree && tree->type == J_ARR && tree->n == 1 ? j_get(tree->items[0], "PLpgSQL_function") : NULL;
    const JVal *action = j_get(j_get(fnv, "action"), "PLpgSQL_stmt_block");
    if (!action) {
        refuse(&w, off, "this block");
        return;
    }
    walk_block(&w, action, false);
    /* variables (DECLARE) are refused: their values are run-time state
     * (after the walk, which names a loop that declares one itself) */
    const JVal *datums = j_get(fnv, "datums");
    for (int i = 0; datums && i < datums->n && !w.failed; i++) {
        const JVal *var = j_get(datums->items[i], "PLpgSQL_var");
        const JVal *name = j_get(var, "refname");
        if (!var || !name || name->type != J_STR ||
            (strcmp(name->s, "found") && strcmp(name->s, "sqlstate") && strcmp(name->s, "sqlerrm"))) {
            refuse(&w, line_offset(&w, j_int(j_get(var, "lineno"))), "a block with variables");
            return;
        }
    }
}
