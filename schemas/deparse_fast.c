/*
 * deparse_fast.c — the common expressions, printed without libpg_query's
 * protobuf round trip.
 *
 * libpg_query deparses only from its protobuf form: every node is packed,
 * unpacked and freed through protobuf-c, whose generic code walks the ~250
 * fields of the Node message for each node.  For `DEFAULT now()` that is
 * most of the cost, and a dump of 10,000 tables (issue 14) spent a fifth
 * of its time there.  Most expressions in real schemas are a handful of
 * shapes: constants, casts to plain types, calls, column references,
 * binary operators, AND/OR/NOT, IS [NOT] NULL, IN lists.  This file prints
 * exactly those, character for character as the deparser does (quoting
 * every name with quote_identifier(), as the deparser does for these
 * nodes), and gives up on anything else, which then takes the deparser's
 * path.  What it prints is checked like the deparser's (schemas/deparse.c
 * parses it again and compares the trees), and tests/unit/test_deparse.c
 * holds it to the deparser's exact text over a list of expressions.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

static bool fx(StrBuf *sb, const Node *n, int depth);

/* Dotted names, each part quoted (quote_identifier(), as the deparser). */
static bool names(StrBuf *sb, const List *l)
{
    ListCell *lc;
    bool first = true;
    foreach (lc, l) {
        if (!IsA(lfirst(lc), String))
            return false;
        if (!first)
            sb_putc(sb, '.');
        sb_quote_ident(sb, strVal(lfirst(lc)));
        first = false;
    }
    return !first;
}

/* A constant the deparser parenthesises under a cast: a negative
 * integer, any decimal. */
static bool cast_parens(const A_Const *c)
{
    if (c->isnull)
        return false;
    return IsA(&c->val, Float) || (IsA(&c->val, Integer) && intVal(&c->val) < 0);
}

static bool aconst(StrBuf *sb, const A_Const *c)
{
    if (c->isnull) {
        sb_puts(sb, "NULL");
        return true;
    }
    switch (nodeTag(&c->val)) {
    case T_Integer: sb_printf(sb, "%d", intVal(&c->val)); return true;
    case T_Float: sb_puts(sb, castNode(Float, (Node *)&c->val)->fval); return true;
    case T_Boolean: sb_puts(sb, boolVal(&c->val) ? "true" : "false"); return true;
    case T_String: sb_quote_literal(sb, strVal(&c->val)); return true;
    default: return false; /* bit strings */
    }
}

/* pg_catalog types the grammar names with keywords, as the deparser
 * prints them; `mods` whether integer typmods may follow. */
static const struct {
    const char *name, *print;
    bool mods;
} builtin[] = {
    {"int2", "smallint", false},   {"int4", "int", false},      {"int8", "bigint", false},
    {"float4", "real", false},     {"float8", "double precision", false},
    {"bool", "boolean", false},    {"varchar", "varchar", true}, {"bpchar", "char", true},
    {"numeric", "numeric", true},  {"timestamp", "timestamp", true},
    {"timestamptz", "timestamp with time zone", false},          {"interval", "interval", false},
};

static bool type_name(StrBuf *sb, const TypeName *t)
{
    if (!t || t->setof || t->pct_type || t->typeOid || !t->names || t->typemod != -1)
        return false;
    bool mods = false;
    if (list_length(t->names) == 2 && IsA(linitial(t->names), String) &&
        !strcmp(strVal(linitial(t->names)), "pg_catalog")) {
        const char *n = strVal(lsecond(t->names));
        size_t i = 0;
        while (i < sizeof builtin / sizeof *builtin && strcmp(builtin[i].name, n))
            i++;
        if (i == sizeof builtin / sizeof *builtin)
            return false;
        /* char without a length has one from the grammar */
        if (!strcmp(n, "bpchar") && !t->typmods)
            return false;
        sb_puts(sb, builtin[i].print);
        mods = builtin[i].mods;
    } else {
        if (!names(sb, t->names))
            return false;
    }
    if (t->typmods) {
        if (!mods)
            return false;
        ListCell *lc;
        sb_putc(sb, '(');
        foreach (lc, t->typmods) {
            const Node *m = lfirst(lc);
            if (!IsA(m, A_Const) || ((const A_Const *)m)->isnull || !IsA(&((const A_Const *)m)->val, Integer))
                return false;
            sb_printf(sb, "%s%d", lc == list_head(t->typmods) ? "" : ", ", intVal(&((const A_Const *)m)->val));
        }
        sb_putc(sb, ')');
    }
    ListCell *lc;
    foreach (lc, t->arrayBounds) {
        if (!IsA(lfirst(lc), Integer))
            return false;
        int b = intVal(lfirst(lc));
        if (b < 0)
            sb_puts(sb, "[]");
        else
            sb_printf(sb, "[%d]", b);
    }
    return true;
}

/* An operand of a binary operator (`op`), of AND/OR or of NOT,
 * parenthesised the way the deparser does: an operator's operand when it
 * is an operator or boolean expression, AND/OR's and NOT's when it is
 * AND or OR. */
static bool operand(StrBuf *sb, const Node *n, bool op, int depth)
{
    bool paren = (op && IsA(n, A_Expr)) ||
                 (IsA(n, BoolExpr) && (op || ((const BoolExpr *)n)->boolop != NOT_EXPR));
    if (paren)
        sb_putc(sb, '(');
    if (!fx(sb, n, depth + 1))
        return false;
    if (paren)
        sb_putc(sb, ')');
    return true;
}

/* Expressions separated by ", " (a call's arguments, an IN list). */
static bool list_of(StrBuf *sb, const List *l, int depth)
{
    ListCell *lc;
    foreach (lc, l) {
        if (lc != list_head(l))
            sb_puts(sb, ", ");
        if (!fx(sb, lfirst(lc), depth + 1))
            return false;
    }
    return true;
}

static bool func_call(StrBuf *sb, const FuncCall *f, int depth)
{
    if (f->agg_order || f->agg_filter || f->over || f->agg_within_group || f->agg_star || f->agg_distinct ||
        f->func_variadic || f->funcformat != COERCE_EXPLICIT_CALL)
        return false;
    if (!names(sb, f->funcname))
        return false;
    sb_putc(sb, '(');
    if (!list_of(sb, f->args, depth)) /* named arguments (NamedArgExpr) too */
        return false;
    sb_putc(sb, ')');
    return true;
}

bool deparse_bool_word_cast(const TypeCast *c)
{
    const List *tn = c->typeName ? c->typeName->names : NIL;
    const Node *arg = c->arg;
    if (!arg || !IsA(arg, A_Const) || !IsA(&((const A_Const *)arg)->val, String) || list_length(tn) != 2 ||
        strcmp(strVal(linitial(tn)), "pg_catalog") || strcmp(strVal(lsecond(tn)), "bool"))
        return false;
    const char *v = strVal(&((const A_Const *)arg)->val);
    return !strcmp(v, "t") || !strcmp(v, "f");
}

static bool type_cast(StrBuf *sb, const TypeCast *c, int depth)
{
    const Node *arg = c->arg;
    bool paren;
    if (IsA(arg, A_Const)) {
        /* the deparser prints these as true/false (schemas/deparse.c
         * casts them to bool before printing) */
        if (deparse_bool_word_cast(c))
            return false;
        paren = cast_parens((const A_Const *)arg);
    } else if (IsA(arg, ColumnRef) || IsA(arg, FuncCall) || IsA(arg, TypeCast)) {
        paren = false;
    } else {
        return false; /* an operator's is CAST(x AS t) */
    }
    if (paren)
        sb_putc(sb, '(');
    if (!fx(sb, arg, depth + 1))
        return false;
    if (paren)
        sb_putc(sb, ')');
    sb_puts(sb, "::");
    return type_name(sb, c->typeName);
}

static bool a_expr(StrBuf *sb, const A_Expr *e, int depth)
{
    if (list_length(e->name) != 1 || !IsA(linitial(e->name), String) || !e->lexpr || !e->rexpr)
        return false;
    const char *op = strVal(linitial(e->name));
    switch (e->kind) {
    case AEXPR_OP:
        if (!operand(sb, e->lexpr, true, depth))
            return false;
        sb_printf(sb, " %s ", op);
        return operand(sb, e->rexpr, true, depth);
    case AEXPR_IN: {
        if (!IsA(e->rexpr, List) || (strcmp(op, "=") && strcmp(op, "<>")))
            return false;
        if (!operand(sb, e->lexpr, true, depth))
            return false;
        sb_puts(sb, strcmp(op, "=") ? " NOT IN (" : " IN (");
        if (!list_of(sb, (const List *)e->rexpr, depth))
            return false;
        sb_putc(sb, ')');
        return true;
    }
    default: return false;
    }
}

static bool bool_expr(StrBuf *sb, const BoolExpr *b, int depth)
{
    ListCell *lc;
    if (b->boolop == NOT_EXPR) {
        if (list_length(b->args) != 1)
            return false;
        sb_puts(sb, "NOT ");
        return operand(sb, linitial(b->args), false, depth);
    }
    foreach (lc, b->args) {
        if (lc != list_head(b->args))
            sb_puts(sb, b->boolop == AND_EXPR ? " AND " : " OR ");
        if (!operand(sb, lfirst(lc), false, depth))
            return false;
    }
    return true;
}

static const char *value_function(const SQLValueFunction *f)
{
    if (f->typmod != -1)
        return NULL;
    switch (f->op) {
    case SVFOP_CURRENT_DATE: return "current_date";
    case SVFOP_CURRENT_TIME: return "current_time";
    case SVFOP_CURRENT_TIMESTAMP: return "current_timestamp";
    case SVFOP_LOCALTIME: return "localtime";
    case SVFOP_LOCALTIMESTAMP: return "localtimestamp";
    case SVFOP_CURRENT_ROLE: return "current_role";
    case SVFOP_CURRENT_USER: return "current_user";
    case SVFOP_USER: return "user";
    case SVFOP_SESSION_USER: return "session_user";
    case SVFOP_CURRENT_CATALOG: return "current_catalog";
    case SVFOP_CURRENT_SCHEMA: return "current_schema";
    default: return NULL;
    }
}

static bool fx(StrBuf *sb, const Node *n, int depth)
{
    if (!n || depth > 32) /* deeper: the deparser's path, which has its own limit */
        return false;
    switch (nodeTag(n)) {
    case T_A_Const: return aconst(sb, (const A_Const *)n);
    case T_ColumnRef: return names(sb, ((const ColumnRef *)n)->fields);
    case T_FuncCall: return func_call(sb, (const FuncCall *)n, depth);
    case T_TypeCast: return type_cast(sb, (const TypeCast *)n, depth);
    case T_A_Expr: return a_expr(sb, (const A_Expr *)n, depth);
    case T_BoolExpr: return bool_expr(sb, (const BoolExpr *)n, depth);
    case T_NullTest: {
        const NullTest *t = (const NullTest *)n;
        const Node *arg = (const Node *)t->arg;
        if (t->argisrow || !arg || !(IsA(arg, ColumnRef) || IsA(arg, FuncCall) || IsA(arg, TypeCast)))
            return false;
        if (!fx(sb, arg, depth + 1))
            return false;
        sb_puts(sb, t->nulltesttype == IS_NULL ? " IS NULL" : " IS NOT NULL");
        return true;
    }
    case T_SQLValueFunction: {
        const char *s = value_function((const SQLValueFunction *)n);
        if (s)
            sb_puts(sb, s);
        return s != NULL;
    }
    default: return false;
    }
}

bool deparse_fast_expr(StrBuf *sb, const struct Node *expr)
{
    return fx(sb, expr, 0);
}
