/*
 * deparse.c — printing parse trees with libpg_query's deparser.
 *
 * libpg_query deparses whole statements from its protobuf form, so a tree
 * is converted with pg_query_nodes_to_protobuf() and printed back.  An
 * expression is wrapped in `SELECT <expr>` and the keyword cut off again.
 * Only the objects a plan changes are printed, so the protobuf cost (about
 * ten times the parse) is paid on a few subtrees, never on whole files.
 */
#include "pg.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

static const char *deparse_list(Arena *a, List *stmts)
{
    PgQueryProtobuf pb = pg_query_nodes_to_protobuf(stmts);
    PgQueryDeparseResult d = pg_query_deparse_protobuf(pb);
    free(pb.data);
    const char *out;
    if (d.error) {
        out = arena_printf(a, DEPARSE_UNPRINTABLE "%s\001", d.error->message);
    } else {
        out = arena_strdup(a, d.query);
    }
    pg_query_free_deparse_result(d);
    return out;
}

const char *deparse_stmt(Arena *a, const Node *stmt)
{
    RawStmt *rs = makeNode(RawStmt);
    rs->stmt = (Node *)stmt;
    rs->stmt_location = 0;
    rs->stmt_len = 0;
    return deparse_list(a, list_make1(rs));
}

/* libpg_query's deparser prints `arg::type` without parentheses unless arg
 * is an operator expression, which breaks `(ts AT TIME ZONE 'UTC')::date`.
 * Such SQL-syntax calls under a cast are printed as plain calls instead
 * (timezone('UTC', ts)::date), which PostgreSQL reads the same. */
static bool fix_casts(Node *n, void *arg)
{
    if (!n)
        return false;
    if (IsA(n, TypeCast)) {
        Node *inner = ((TypeCast *)n)->arg;
        if (inner && IsA(inner, FuncCall) && ((FuncCall *)inner)->funcformat == COERCE_SQL_SYNTAX)
            ((FuncCall *)inner)->funcformat = COERCE_EXPLICIT_CALL;
    }
    return raw_expression_tree_walker(n, fix_casts, arg);
}

const char *deparse_expr(Arena *a, const Node *expr)
{
    expr = copyObjectImpl(expr);
    fix_casts((Node *)expr, NULL);
    ResTarget *rt = makeNode(ResTarget);
    rt->val = (Node *)expr;
    rt->location = -1;
    SelectStmt *sel = makeNode(SelectStmt);
    sel->targetList = list_make1(rt);
    sel->op = SETOP_NONE;
    const char *s = deparse_stmt(a, (Node *)sel);
    if (strncmp(s, "SELECT ", 7) == 0)
        return s + 7;
    return s;
}
