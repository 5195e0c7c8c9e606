/*
 * deparse.c — printing parse trees with libpg_query's deparser, checked.
 *
 * libpg_query deparses whole statements from its protobuf form, so a tree
 * is converted with pg_query_nodes_to_protobuf() and printed back.  An
 * expression is wrapped in `SELECT <expr>` and the keyword cut off again.
 * The protobuf round trip costs about ten times the parse of the same
 * text, and a dump (or a plan's desired.sql) prints every expression of a
 * schema: the common expression shapes are printed by
 * schemas/deparse_fast.c instead, to the same text, and checked the same
 * way below; whatever it does not know goes through the deparser.
 *
 * The deparser (15-4.0.0) prints some names raw, without quote_identifier():
 * function parameter names (IN/OUT/INOUT/VARIADIC, RETURNS TABLE columns,
 * also inside ObjectWithArgs), constraint names (domain, column and table
 * constraints, ALTER ... ADD CONSTRAINT), index names, WINDOW names and
 * `OVER name`, named-argument names (`f(name => ...)`), the alias of
 * `JOIN ... USING (...) AS name` and the columns of `ON DELETE SET NULL
 * (cols)`.  A name such as `")RETURNS int AS'x'LANGUAGE sql;DROP TABLE t;--"`
 * came out as live SQL.  These were found by tests/unit/test_deparse.c,
 * which puts hostile names in every position a schema can hold.  Such
 * fields are pre-quoted on a copy of the tree (only where quote_identifier()
 * would change the name), so the raw print is the quoted name.
 *
 * The deparser also dollar-quotes function bodies with a tag that can occur
 * in the body (`$$…$$$` for a body ending in `$`): bodies are replaced by
 * placeholders before printing and put back through q_dollar().
 *
 * Whatever is printed is then parsed again with pg_query_raw_parse() and
 * compared with equal() (which ignores locations) to the tree that was
 * meant.  Any difference — a raw name this file does not know, a clause the
 * deparser drops or moves — and any deparse error print DEPARSE_UNPRINTABLE
 * instead, which emit/reparse.c refuses; the unverified text follows the
 * marker's closing \001 so that two different unprintable trees still
 * compare different where the text is used as a comparison key.
 */
#include "pg.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

/* ---- names the deparser prints raw ---------------------------------------------- */

/* The name as the deparser must print it: quoted where quote_identifier()
 * would quote it (palloc'd in the parse session, like the tree's copy). */
static char *prequote(char *name)
{
    if (!name)
        return NULL;
    const char *q = quote_identifier(name);
    return (char *)q;
}

static void prequote_strings(List *l)
{
    ListCell *lc;
    foreach (lc, l)
        if (IsA(lfirst(lc), String))
            strVal(lfirst(lc)) = prequote(strVal(lfirst(lc)));
}

static void pq_node(Node *n);

/* Expression and query trees (raw_expression_tree_walker knows them). */
static bool pq_expr(Node *n, void *ctx)
{
    if (!n)
        return false;
    switch (nodeTag(n)) {
    case T_WindowDef: /* WINDOW name AS (...), OVER name */
        ((WindowDef *)n)->name = prequote(((WindowDef *)n)->name);
        break;
    case T_NamedArgExpr:
        ((NamedArgExpr *)n)->name = prequote(((NamedArgExpr *)n)->name);
        break;
    case T_JoinExpr:
        if (((JoinExpr *)n)->join_using_alias)
            ((JoinExpr *)n)->join_using_alias->aliasname = prequote(((JoinExpr *)n)->join_using_alias->aliasname);
        break;
    case T_ReturnStmt: /* not an expression node: the walker has no case */
        return pq_expr(((ReturnStmt *)n)->returnval, ctx);
    default:
        break;
    }
    return raw_expression_tree_walker(n, pq_expr, ctx);
}

static void pq_list(List *l)
{
    ListCell *lc;
    foreach (lc, l)
        pq_node(lfirst(lc));
}

/* Statement-level nodes: each field that can hold a raw-printed name or an
 * expression.  Nodes not listed hold none that the deparser prints raw (or
 * are never printed); the re-parse check catches anything missed. */
static void pq_node(Node *n)
{
    if (!n)
        return;
    switch (nodeTag(n)) {
    case T_List:
        pq_list((List *)n);
        break;
    case T_RawStmt:
        pq_node(((RawStmt *)n)->stmt);
        break;
    case T_SelectStmt:
    case T_InsertStmt:
    case T_UpdateStmt:
    case T_DeleteStmt:
    case T_ReturnStmt:
        pq_expr(n, NULL);
        break;
    case T_ViewStmt:
        pq_node(((ViewStmt *)n)->query);
        break;
    case T_CreateTableAsStmt:
        pq_node(((CreateTableAsStmt *)n)->query);
        break;
    case T_CreateFunctionStmt: {
        CreateFunctionStmt *f = (CreateFunctionStmt *)n;
        pq_list(f->parameters);
        pq_node(f->sql_body);
        break;
    }
    case T_FunctionParameter: {
        FunctionParameter *p = (FunctionParameter *)n;
        p->name = prequote(p->name);
        pq_expr(p->defexpr, NULL);
        break;
    }
    case T_ObjectWithArgs:
        pq_list(((ObjectWithArgs *)n)->objfuncargs);
        break;
    case T_AlterFunctionStmt:
        pq_node((Node *)((AlterFunctionStmt *)n)->func);
        break;
    case T_RenameStmt:
        pq_node(((RenameStmt *)n)->object);
        break;
    case T_CommentStmt:
        pq_node(((CommentStmt *)n)->object);
        break;
    case T_AlterOwnerStmt:
        pq_node(((AlterOwnerStmt *)n)->object);
        break;
    case T_AlterObjectSchemaStmt:
        pq_node(((AlterObjectSchemaStmt *)n)->object);
        break;
    case T_DropStmt:
        pq_list(((DropStmt *)n)->objects);
        break;
    case T_GrantStmt:
        pq_list(((GrantStmt *)n)->objects);
        break;
    case T_CreateDomainStmt:
        pq_list(((CreateDomainStmt *)n)->constraints);
        break;
    case T_AlterDomainStmt:
        pq_node(((AlterDomainStmt *)n)->def);
        break;
    case T_Constraint: {
        Constraint *c = (Constraint *)n;
        c->conname = prequote(c->conname);
        prequote_strings(c->fk_del_set_cols);
        pq_expr(c->raw_expr, NULL);
        pq_expr(c->where_clause, NULL);
        break;
    }
    case T_CreateStmt: {
        CreateStmt *cs = (CreateStmt *)n;
        pq_list(cs->tableElts);
        pq_list(cs->constraints);
        if (cs->partbound) {
            pq_expr((Node *)cs->partbound->listdatums, NULL);
            pq_expr((Node *)cs->partbound->lowerdatums, NULL);
            pq_expr((Node *)cs->partbound->upperdatums, NULL);
        }
        if (cs->partspec) {
            ListCell *lc;
            foreach (lc, cs->partspec->partParams)
                pq_expr(((PartitionElem *)lfirst(lc))->expr, NULL);
        }
        break;
    }
    case T_ColumnDef:
        pq_list(((ColumnDef *)n)->constraints);
        pq_expr(((ColumnDef *)n)->raw_default, NULL);
        break;
    case T_AlterTableStmt:
        pq_list(((AlterTableStmt *)n)->cmds);
        break;
    case T_AlterTableCmd:
        pq_node(((AlterTableCmd *)n)->def);
        break;
    case T_IndexStmt: {
        IndexStmt *is = (IndexStmt *)n;
        is->idxname = prequote(is->idxname);
        ListCell *lc;
        foreach (lc, is->indexParams)
            pq_expr(((IndexElem *)lfirst(lc))->expr, NULL);
        pq_expr(is->whereClause, NULL);
        break;
    }
    case T_CreateTrigStmt:
        pq_expr(((CreateTrigStmt *)n)->whenClause, NULL);
        break;
    case T_CreatePolicyStmt:
        pq_expr(((CreatePolicyStmt *)n)->qual, NULL);
        pq_expr(((CreatePolicyStmt *)n)->with_check, NULL);
        break;
    case T_CompositeTypeStmt:
        pq_list(((CompositeTypeStmt *)n)->coldeflist);
        break;
    default:
        break;
    }
}

/* ---- function bodies -------------------------------------------------------------- */

/* Placeholders for the strings of `AS 'body'` / `AS 'obj', 'link'`: the
 * deparser prints each as $$<placeholder>$$. */
typedef struct Bodies {
    int n;
    const char *text[2];
} Bodies;

static const char *placeholder(Arena *a, int i)
{
    return arena_printf(a, "$$\002schemadiff body %d\002$$", i);
}

static void take_bodies(Arena *a, Node *stmt, Bodies *b)
{
    if (!IsA(stmt, CreateFunctionStmt))
        return;
    ListCell *lc;
    foreach (lc, ((CreateFunctionStmt *)stmt)->options) {
        DefElem *d = lfirst(lc);
        if (strcmp(d->defname, "as") || !d->arg || !IsA(d->arg, List))
            continue;
        ListCell *sc;
        foreach (sc, (List *)d->arg) {
            if (!IsA(lfirst(sc), String) || b->n == 2)
                continue;
            b->text[b->n] = strVal(lfirst(sc));
            const char *ph = placeholder(a, b->n);
            /* the string inside the $$ ... $$ the deparser adds */
            char *inner = pstrdup(ph + 2);
            inner[strlen(inner) - 2] = '\0';
            strVal(lfirst(sc)) = inner;
            b->n++;
        }
    }
}

/* Put the bodies back, each dollar-quoted with a tag it cannot close;
 * NULL when a placeholder is not found exactly once. */
static const char *put_bodies(Arena *a, const char *sql, const Bodies *b)
{
    for (int i = 0; i < b->n; i++) {
        const char *ph = placeholder(a, i);
        const char *at = strstr(sql, ph);
        if (!at || strstr(at + 1, ph))
            return NULL;
        sql = arena_printf(a, "%.*s%s%s", (int)(at - sql), sql, q_dollar(a, b->text[i]), at + strlen(ph));
    }
    return sql;
}

/* ---- printing and checking ---------------------------------------------------------- */

static const char *unprintable(Arena *a, const char *reason, const char *text)
{
    return arena_printf(a, DEPARSE_UNPRINTABLE "%s\001%s", reason, text ? text : "");
}

/* Deparse `copy` (a RawStmt list whose tree may be modified for printing). */
static const char *deparse_list(Arena *a, List *stmts, const char **error)
{
    /* both calls leave libpg_query's top context current: the run's parse
     * context is made current again (schemas/pgctx.c) */
    void *ctx = pgctx_current();
    PgQueryProtobuf pb = pg_query_nodes_to_protobuf(stmts);
    PgQueryDeparseResult d = pg_query_deparse_protobuf(pb);
    pgctx_restore(ctx);
    free(pb.data);
    const char *out = NULL;
    if (d.error)
        *error = arena_strdup(a, d.error->message);
    else
        out = arena_strdup(a, d.query);
    pg_query_free_deparse_result(d);
    return out;
}

/* ---- printed SQL parsed once per thread ------------------------------------ */

/* A schema prints the same short expressions over and over (now(), 0,
 * false, nextval('s'::regclass), ...), and each print is checked by a
 * parse, whose fixed cost (the scanner, the grammar's set-up) is most of a
 * short expression's deparse.  The parse of a text is the same every time,
 * so each thread keeps the statement a short text parsed to, and a later
 * check of the same text compares with it: the same check, without the
 * parse.  A direct-mapped table (a slot's entry is replaced by the next
 * text hashed there) in this thread's memo context (schemas/pgctx.c),
 * emptied once enough entries were replaced that their copies would
 * add up. */
#define MEMO_BITS 10
#define MEMO_SLOTS (1 << MEMO_BITS)
#define MEMO_TEXT_MAX 256
#define MEMO_REPLACED_MAX (4 * MEMO_SLOTS)

typedef struct MemoEntry {
    uint64_t hash;
    const char *sql;  /* in the memo context; NULL: empty */
    const Node *stmt; /* what it parsed to, in the memo context */
} MemoEntry;

static __thread MemoEntry memo_table[MEMO_SLOTS];
static __thread int memo_replaced;

static MemoEntry *memo_slot(uint64_t h)
{
    return &memo_table[(h * 0x9E3779B97F4A7C15ull) >> (64 - MEMO_BITS)];
}

static void memo_store(MemoEntry *e, uint64_t h, const char *sql, const Node *stmt)
{
    void *ctx = pgctx_memo();
    if (!ctx)
        return;
    if (e->sql && ++memo_replaced > MEMO_REPLACED_MAX) {
        pgctx_memo_reset();
        memset(memo_table, 0, sizeof memo_table);
        memo_replaced = 0;
    }
    void *saved = pgctx_current();
    pgctx_restore(ctx);
    e->sql = pstrdup(sql);
    e->stmt = copyObjectImpl(stmt);
    e->hash = h;
    pgctx_restore(saved);
}

static const char *verify_in(Arena *a, const char *sql, const Node *meant)
{
    bool short_text = strlen(sql) <= MEMO_TEXT_MAX;
    uint64_t h = short_text ? str_hash(sql) : 0;
    MemoEntry *e = short_text ? memo_slot(h) : NULL;
    if (e && e->sql && e->hash == h && !strcmp(e->sql, sql))
        return equal(e->stmt, meant) ? sql : unprintable(a, "the printed SQL does not parse back to the same tree", sql);
    PgQueryInternalParsetreeAndError r = pg_query_raw_parse(sql);
    free(r.stderr_buffer);
    const char *why = NULL;
    if (r.error) {
        why = arena_printf(a, "the printed SQL does not parse: %s", r.error->message);
        pg_query_free_error(r.error);
    } else if (list_length(r.tree) != 1) {
        why = arena_printf(a, "the printed SQL is %d statements, not one", list_length(r.tree));
    } else {
        const Node *parsed = ((RawStmt *)linitial(r.tree))->stmt;
        if (e)
            memo_store(e, h, sql, parsed);
        if (!equal(parsed, meant))
            why = "the printed SQL does not parse back to the same tree";
    }
    return why ? unprintable(a, why, sql) : sql;
}

static bool fix_casts(Node *n, void *arg);

/* fix_casts() over the expressions of the statements that hold them. */
static void fix_stmt_casts(Node *stmt)
{
    if (!stmt)
        return;
    switch (nodeTag(stmt)) {
    case T_SelectStmt:
        fix_casts(stmt, NULL);
        break;
    case T_ViewStmt:
        fix_casts(((ViewStmt *)stmt)->query, NULL);
        break;
    case T_CreateTableAsStmt:
        fix_casts(((CreateTableAsStmt *)stmt)->query, NULL);
        break;
    case T_CreatePolicyStmt:
        fix_casts(((CreatePolicyStmt *)stmt)->qual, NULL);
        fix_casts(((CreatePolicyStmt *)stmt)->with_check, NULL);
        break;
    case T_AlterPolicyStmt:
        fix_casts(((AlterPolicyStmt *)stmt)->qual, NULL);
        fix_casts(((AlterPolicyStmt *)stmt)->with_check, NULL);
        break;
    default:
        break;
    }
}

const char *deparse_verify(Arena *a, const char *sql, const Node *meant)
{
    void *saved, *tmp = pgctx_temp_begin(&saved);
    const char *r = verify_in(a, sql, meant);
    pgctx_temp_end(saved, tmp);
    return r;
}

/* Everything below palloc's in a scratch context (schemas/pgctx.c): the
 * results are arena strings, the copies, protobuf trees and re-parsed
 * statements go when it is deleted. */
static const char *stmt_in(Arena *a, const Node *stmt)
{
    Node *meant = copyObjectImpl(stmt);
    fix_stmt_casts(meant);
    stmt = meant;
    Node *copy = copyObjectImpl(stmt);
    pq_node(copy);
    Bodies bodies = {0};
    take_bodies(a, copy, &bodies);
    RawStmt *rs = makeNode(RawStmt);
    rs->stmt = copy;
    rs->stmt_location = 0;
    rs->stmt_len = 0;
    const char *error = NULL;
    const char *sql = deparse_list(a, list_make1(rs), &error);
    if (!sql)
        return unprintable(a, error, NULL);
    const char *full = put_bodies(a, sql, &bodies);
    if (!full)
        return unprintable(a, "a function body was not printed where expected", sql);
    return verify_in(a, full, stmt);
}

List *atomic_body_stmts(const Node *body)
{
    List *out = NIL;
    ListCell *lc;
    if (!body || !IsA(body, List))
        return NIL;
    foreach (lc, (const List *)body) {
        Node *x = lfirst(lc);
        if (!x)
            continue; /* BEGIN ATOMIC ; END: an empty statement list */
        out = IsA(x, List) ? list_concat(out, (List *)x) : lappend(out, x);
    }
    return out;
}

const char *deparse_stmt(Arena *a, const Node *stmt)
{
    void *saved, *tmp = pgctx_temp_begin(&saved);
    const char *r = stmt_in(a, stmt);
    pgctx_temp_end(saved, tmp);
    return r;
}

/* libpg_query's deparser prints `arg::type` without parentheses unless arg
 * is an operator expression, which breaks `(ts AT TIME ZONE 'UTC')::date`.
 * Such SQL-syntax calls under a cast are printed as plain calls instead
 * (timezone('UTC', ts)::date), which PostgreSQL reads the same.
 * `x AT TIME ZONE z` is printed as timezone(z, x) everywhere: a column
 * DEFAULT (b_expr in the grammar) does not take AT TIME ZONE unparenthesised,
 * and the deparser adds no parentheses (the catalog prints the call form
 * too, up to PostgreSQL 15).  't' or 'f' cast to pg_catalog.bool ('t'::boolean)
 * is cast to bool instead: the deparser prints the former as `true`. */
static bool fix_casts(Node *n, void *arg)
{
    if (!n)
        return false;
    if (IsA(n, FuncCall) && ((FuncCall *)n)->funcformat == COERCE_SQL_SYNTAX &&
        !strcmp(strVal(llast(((FuncCall *)n)->funcname)), "timezone"))
        ((FuncCall *)n)->funcformat = COERCE_EXPLICIT_CALL;
    if (IsA(n, TypeCast)) {
        Node *inner = ((TypeCast *)n)->arg;
        /* the deparser prints 't'::pg_catalog.bool as true ('f' as false),
         * which parses back as a constant, not the cast: named bool, which
         * it leaves */
        if (deparse_bool_word_cast((TypeCast *)n))
            ((TypeCast *)n)->typeName->names = list_make1(makeString(pstrdup("bool")));
        if (inner && IsA(inner, FuncCall) && ((FuncCall *)inner)->funcformat == COERCE_SQL_SYNTAX)
            ((FuncCall *)inner)->funcformat = COERCE_EXPLICIT_CALL;
    }
    return raw_expression_tree_walker(n, fix_casts, arg);
}

/* The expression in `SELECT <expr>`, casts fixed; `fast`: first through
 * schemas/deparse_fast.c, checked the same way, the deparser where that
 * knows no shape or its text does not check out. */
static const char *expr_in(Arena *a, const Node *expr, bool fast)
{
    void *saved, *tmp = pgctx_temp_begin(&saved);
    expr = copyObjectImpl(expr);
    fix_casts((Node *)expr, NULL);
    ResTarget *rt = makeNode(ResTarget);
    rt->val = (Node *)expr;
    rt->location = -1;
    SelectStmt *sel = makeNode(SelectStmt);
    sel->targetList = list_make1(rt);
    sel->op = SETOP_NONE;
    const char *s = NULL;
    if (fast) {
        StrBuf sb;
        sb_init(&sb);
        sb_puts(&sb, "SELECT ");
        if (deparse_fast_expr(&sb, expr)) {
            s = verify_in(a, sb_take(&sb, a), (Node *)sel);
            if (!strncmp(s, DEPARSE_UNPRINTABLE, strlen(DEPARSE_UNPRINTABLE)))
                s = NULL;
        }
        sb_free(&sb);
    }
    /* checked against the SELECT actually printed, casts fixed */
    if (!s)
        s = stmt_in(a, (Node *)sel);
    pgctx_temp_end(saved, tmp);
    if (strncmp(s, "SELECT ", 7) == 0)
        return s + 7;
    return s;
}

const char *deparse_expr(Arena *a, const Node *expr)
{
    return expr_in(a, expr, true);
}

const char *deparse_expr_slow(Arena *a, const Node *expr)
{
    return expr_in(a, expr, false);
}
