/*
 * depth.c — how deep a parse tree goes, measured without overflowing.
 *
 * PostgreSQL's grammar builds left-associative chains (`1+1+…`, `x::int::int…`,
 * `a||a||…`) without any recursion of its own, so libpg_query's raw parse
 * hands back trees tens of thousands of levels deep.  Everything after the
 * parse walks them recursively: the normaliser, the reference fixers,
 * PostgreSQL's copyObject()/equal(), libpg_query's protobuf deparse.  Rather
 * than make each of those iterative, every statement is measured here right
 * after the raw parse, and a statement deeper than DEPTH_LIMIT (8,000) is a
 * located input error before any other walker sees it.  Below the limit, the threads
 * that walk trees have stacks sized for it (schemas/stack.c).
 *
 * The walker is recursive too, but it stops descending at the limit, so its
 * own stack use is bounded by the limit.  It knows the child fields of every
 * node kind a schema statement or an expression can hold; a node kind it does
 * not know is a leaf (PostgreSQL's raw_expression_tree_walker() would raise
 * an error, which libpg_query cannot catch outside its parse).  Every node
 * passed through, lists included, counts one level.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

typedef struct Depth {
    int depth, limit;
    int bad_typmod; /* location of the first TypeName with a modifier that is
                     * not a constant or a word, or -1 */
    bool builtin;   /* ... of a built-in type, whose modifiers are integers */
    int in_body;    /* inside a function's SQL body or a PREPARE, where $n is a parameter */
    int param;      /* location of the first $n anywhere else, or -1 */
    int param_no;   /* ... its number */
} Depth;

/* Built-in types that take modifiers, by the names the grammar gives them
 * (pg_catalog.x for the SQL keyword spellings) or a user may write bare;
 * every one's typmodin reads integers only. */
static bool builtin_typmod_type(const List *names)
{
    static const char *const typmod_types[] = {
        "numeric", "decimal", "varchar", "bpchar", "char", "character", "bit", "varbit",
        "time", "timetz", "timestamp", "timestamptz", "interval",
    };
    int n = list_length(names);
    if (n == 2 && !strcmp(strVal(linitial(names)), "pg_catalog"))
        return true;
    if (n != 1)
        return false;
    for (size_t i = 0; i < sizeof typmod_types / sizeof typmod_types[0]; i++)
        if (!strcmp(strVal(linitial(names)), typmod_types[i]))
            return true;
    return false;
}

/* PostgreSQL's parse analysis (typenameTypeMod) takes a type modifier that
 * is an integer, float or string constant or a bare identifier, and refuses
 * anything else before a type's typmodin sees it: `numeric(14 ? 2)` parses,
 * but is no type. */
static bool typmod_ok(const Node *m)
{
    if (IsA(m, A_Const)) {
        const A_Const *c = (const A_Const *)m;
        return !c->isnull && (IsA(&c->val, Integer) || IsA(&c->val, Float) || IsA(&c->val, String));
    }
    if (IsA(m, ColumnRef)) {
        const List *f = ((const ColumnRef *)m)->fields;
        return list_length(f) == 1 && IsA(linitial(f), String);
    }
    return false;
}

static bool walk(Depth *d, const void *p);

#define W(x)                \
    do {                    \
        if (walk(d, (x)))   \
            return true;    \
    } while (0)

/* The children of one node; true once the limit is passed. */
static bool walk_children(Depth *d, const Node *n)
{
    switch (nodeTag(n)) {
    case T_List: {
        const ListCell *lc;
        foreach (lc, (const List *)n)
            W(lfirst(lc));
        return false;
    }
    case T_RawStmt: W(((const RawStmt *)n)->stmt); return false;
    /* expressions */
    case T_A_Expr: W(((const A_Expr *)n)->lexpr); W(((const A_Expr *)n)->rexpr); return false;
    case T_BoolExpr: W(((const BoolExpr *)n)->args); return false;
    case T_FuncCall: {
        const FuncCall *f = (const FuncCall *)n;
        W(f->args); W(f->agg_order); W(f->agg_filter); W(f->over);
        return false;
    }
    case T_TypeCast: W(((const TypeCast *)n)->arg); W(((const TypeCast *)n)->typeName); return false;
    case T_CollateClause: W(((const CollateClause *)n)->arg); return false;
    case T_SubLink: W(((const SubLink *)n)->testexpr); W(((const SubLink *)n)->subselect); return false;
    case T_CaseExpr: {
        const CaseExpr *c = (const CaseExpr *)n;
        W(c->arg); W(c->args); W(c->defresult);
        return false;
    }
    case T_CaseWhen: W(((const CaseWhen *)n)->expr); W(((const CaseWhen *)n)->result); return false;
    case T_RowExpr: W(((const RowExpr *)n)->args); return false;
    case T_CoalesceExpr: W(((const CoalesceExpr *)n)->args); return false;
    case T_MinMaxExpr: W(((const MinMaxExpr *)n)->args); return false;
    case T_XmlExpr: W(((const XmlExpr *)n)->named_args); W(((const XmlExpr *)n)->args); return false;
    case T_XmlSerialize: W(((const XmlSerialize *)n)->expr); W(((const XmlSerialize *)n)->typeName); return false;
    case T_NullTest: W(((const NullTest *)n)->arg); return false;
    case T_BooleanTest: W(((const BooleanTest *)n)->arg); return false;
    case T_NamedArgExpr: W(((const NamedArgExpr *)n)->arg); return false;
    case T_GroupingFunc: W(((const GroupingFunc *)n)->args); return false;
    case T_GroupingSet: W(((const GroupingSet *)n)->content); return false;
    case T_A_Indices: W(((const A_Indices *)n)->lidx); W(((const A_Indices *)n)->uidx); return false;
    case T_A_Indirection:
        W(((const A_Indirection *)n)->arg); W(((const A_Indirection *)n)->indirection);
        return false;
    case T_A_ArrayExpr: W(((const A_ArrayExpr *)n)->elements); return false;
    case T_ResTarget: W(((const ResTarget *)n)->indirection); W(((const ResTarget *)n)->val); return false;
    case T_MultiAssignRef: W(((const MultiAssignRef *)n)->source); return false;
    case T_SortBy: W(((const SortBy *)n)->node); return false;
    case T_WindowDef: {
        const WindowDef *w = (const WindowDef *)n;
        W(w->partitionClause); W(w->orderClause); W(w->startOffset); W(w->endOffset);
        return false;
    }
    case T_TypeName: {
        const TypeName *t = (const TypeName *)n;
        const ListCell *lc;
        foreach (lc, t->typmods) {
            const Node *m = lfirst(lc);
            bool integer = IsA(m, A_Const) && !((const A_Const *)m)->isnull &&
                           IsA(&((const A_Const *)m)->val, Integer);
            if (d->bad_typmod >= 0 || (typmod_ok(m) && (integer || !builtin_typmod_type(t->names))))
                continue;
            d->bad_typmod = t->location >= 0 ? t->location : 0;
            d->builtin = typmod_ok(m);
        }
        W(t->typmods); W(t->arrayBounds);
        return false;
    }
    /* queries */
    case T_SelectStmt: {
        const SelectStmt *s = (const SelectStmt *)n;
        W(s->distinctClause); W(s->intoClause); W(s->targetList); W(s->fromClause);
        W(s->whereClause); W(s->groupClause); W(s->havingClause); W(s->windowClause);
        W(s->valuesLists); W(s->sortClause); W(s->limitOffset); W(s->limitCount);
        W(s->withClause); W(s->larg); W(s->rarg);
        return false;
    }
    case T_InsertStmt: {
        const InsertStmt *s = (const InsertStmt *)n;
        W(s->cols); W(s->selectStmt); W(s->onConflictClause); W(s->returningList); W(s->withClause);
        return false;
    }
    case T_UpdateStmt: {
        const UpdateStmt *s = (const UpdateStmt *)n;
        W(s->targetList); W(s->whereClause); W(s->fromClause); W(s->returningList); W(s->withClause);
        return false;
    }
    case T_DeleteStmt: {
        const DeleteStmt *s = (const DeleteStmt *)n;
        W(s->usingClause); W(s->whereClause); W(s->returningList); W(s->withClause);
        return false;
    }
    case T_MergeStmt: {
        const MergeStmt *s = (const MergeStmt *)n;
        W(s->sourceRelation); W(s->joinCondition); W(s->mergeWhenClauses); W(s->withClause);
        return false;
    }
    case T_MergeWhenClause: {
        const MergeWhenClause *s = (const MergeWhenClause *)n;
        W(s->condition); W(s->targetList); W(s->values);
        return false;
    }
    case T_OnConflictClause: {
        const OnConflictClause *s = (const OnConflictClause *)n;
        W(s->infer); W(s->targetList); W(s->whereClause);
        return false;
    }
    case T_InferClause: W(((const InferClause *)n)->indexElems); W(((const InferClause *)n)->whereClause); return false;
    case T_WithClause: W(((const WithClause *)n)->ctes); return false;
    case T_CommonTableExpr: {
        const CommonTableExpr *c = (const CommonTableExpr *)n;
        W(c->ctequery); W(c->search_clause); W(c->cycle_clause);
        return false;
    }
    case T_CTECycleClause:
        W(((const CTECycleClause *)n)->cycle_mark_value); W(((const CTECycleClause *)n)->cycle_mark_default);
        return false;
    case T_JoinExpr: {
        const JoinExpr *j = (const JoinExpr *)n;
        W(j->larg); W(j->rarg); W(j->quals);
        return false;
    }
    case T_RangeSubselect: W(((const RangeSubselect *)n)->subquery); return false;
    case T_RangeFunction: W(((const RangeFunction *)n)->functions); W(((const RangeFunction *)n)->coldeflist); return false;
    case T_RangeTableSample: {
        const RangeTableSample *r = (const RangeTableSample *)n;
        W(r->relation); W(r->args); W(r->repeatable);
        return false;
    }
    case T_RangeTableFunc: {
        const RangeTableFunc *r = (const RangeTableFunc *)n;
        W(r->docexpr); W(r->rowexpr); W(r->namespaces); W(r->columns);
        return false;
    }
    case T_RangeTableFuncCol:
        W(((const RangeTableFuncCol *)n)->colexpr); W(((const RangeTableFuncCol *)n)->coldefexpr);
        return false;
    case T_IntoClause: W(((const IntoClause *)n)->viewQuery); return false;
    /* schema statements and their parts */
    case T_CreateStmt: {
        const CreateStmt *s = (const CreateStmt *)n;
        W(s->tableElts); W(s->partbound); W(s->partspec); W(s->constraints); W(s->options);
        return false;
    }
    case T_CreateForeignTableStmt: {
        /* its columns are its CreateStmt's (`base` carries this node's own
         * tag, so its fields are walked here; the fuzzer found a foreign
         * table column's type modifier printed as `?`) */
        const CreateStmt *s = &((const CreateForeignTableStmt *)n)->base;
        W(s->tableElts); W(s->partbound); W(s->constraints); W(s->options);
        return false;
    }
    case T_ColumnDef: {
        const ColumnDef *c = (const ColumnDef *)n;
        W(c->typeName); W(c->raw_default); W(c->cooked_default); W(c->constraints); W(c->collClause);
        return false;
    }
    case T_Constraint: {
        const Constraint *c = (const Constraint *)n;
        W(c->raw_expr); W(c->where_clause); W(c->exclusions); W(c->options);
        return false;
    }
    case T_IndexStmt: {
        const IndexStmt *s = (const IndexStmt *)n;
        W(s->indexParams); W(s->indexIncludingParams); W(s->whereClause); W(s->options);
        return false;
    }
    case T_IndexElem: W(((const IndexElem *)n)->expr); return false;
    case T_PartitionSpec: W(((const PartitionSpec *)n)->partParams); return false;
    case T_PartitionElem: W(((const PartitionElem *)n)->expr); return false;
    case T_PartitionBoundSpec: {
        const PartitionBoundSpec *b = (const PartitionBoundSpec *)n;
        W(b->listdatums); W(b->lowerdatums); W(b->upperdatums);
        return false;
    }
    case T_PartitionCmd: W(((const PartitionCmd *)n)->bound); return false;
    case T_AlterTableStmt: W(((const AlterTableStmt *)n)->cmds); return false;
    case T_AlterTableCmd: W(((const AlterTableCmd *)n)->def); return false;
    case T_ViewStmt: W(((const ViewStmt *)n)->query); W(((const ViewStmt *)n)->options); return false;
    case T_CreateTableAsStmt: W(((const CreateTableAsStmt *)n)->query); W(((const CreateTableAsStmt *)n)->into); return false;
    case T_CreateDomainStmt:
        W(((const CreateDomainStmt *)n)->typeName); W(((const CreateDomainStmt *)n)->constraints);
        return false;
    case T_AlterDomainStmt: W(((const AlterDomainStmt *)n)->def); return false;
    case T_CompositeTypeStmt: W(((const CompositeTypeStmt *)n)->coldeflist); return false;
    case T_CreateFunctionStmt: {
        const CreateFunctionStmt *s = (const CreateFunctionStmt *)n;
        W(s->parameters); W(s->returnType); W(s->options);
        d->in_body++;
        W(s->sql_body);
        d->in_body--;
        return false;
    }
    case T_FunctionParameter:
        W(((const FunctionParameter *)n)->argType); W(((const FunctionParameter *)n)->defexpr);
        return false;
    case T_ReturnStmt: W(((const ReturnStmt *)n)->returnval); return false;
    case T_DefElem: W(((const DefElem *)n)->arg); return false;
    case T_CreatePolicyStmt: W(((const CreatePolicyStmt *)n)->qual); W(((const CreatePolicyStmt *)n)->with_check); return false;
    case T_AlterPolicyStmt: W(((const AlterPolicyStmt *)n)->qual); W(((const AlterPolicyStmt *)n)->with_check); return false;
    case T_CreateTrigStmt: W(((const CreateTrigStmt *)n)->whenClause); return false;
    case T_CreateSeqStmt: W(((const CreateSeqStmt *)n)->options); return false;
    case T_AlterSeqStmt: W(((const AlterSeqStmt *)n)->options); return false;
    case T_CreateStatsStmt: W(((const CreateStatsStmt *)n)->exprs); return false;
    case T_StatsElem: W(((const StatsElem *)n)->expr); return false;
    case T_RuleStmt: W(((const RuleStmt *)n)->whereClause); W(((const RuleStmt *)n)->actions); return false;
    case T_CallStmt: W(((const CallStmt *)n)->funccall); return false;
    case T_DoStmt: W(((const DoStmt *)n)->args); return false;
    case T_CopyStmt: W(((const CopyStmt *)n)->query); W(((const CopyStmt *)n)->whereClause); return false;
    case T_ExplainStmt: W(((const ExplainStmt *)n)->query); return false;
    case T_PrepareStmt:
        d->in_body++;
        W(((const PrepareStmt *)n)->query);
        d->in_body--;
        return false;
    case T_ParamRef:
        if (!d->in_body && d->param < 0) {
            d->param = ((const ParamRef *)n)->location >= 0 ? ((const ParamRef *)n)->location : 0;
            d->param_no = ((const ParamRef *)n)->number;
        }
        return false;
    case T_ExecuteStmt: W(((const ExecuteStmt *)n)->params); return false;
    case T_VariableSetStmt: W(((const VariableSetStmt *)n)->args); return false;
    case T_AlterFunctionStmt: W(((const AlterFunctionStmt *)n)->actions); return false;
    case T_AlterEnumStmt:
    case T_CreateEnumStmt:
    case T_CommentStmt:
    case T_GrantStmt:
    case T_ColumnRef:
    case T_A_Const:
    case T_RangeVar:
    default:
        /* no expression below (or a kind this walker does not know: a leaf) */
        return false;
    }
}

static bool walk(Depth *d, const void *p)
{
    const Node *n = p;
    if (!n)
        return false;
    if (++d->depth > d->limit)
        return true;
    bool over = walk_children(d, n);
    d->depth--;
    return over;
}

bool depth_check(const struct Node *tree, int limit, int *bad_typmod, bool *builtin, int *param, int *param_no)
{
    Depth d = {0, limit, -1, false, 0, -1, 0};
    bool over = walk(&d, tree);
    const Node *stmt = IsA(tree, RawStmt) ? ((const RawStmt *)tree)->stmt : tree;
    *bad_typmod = over ? -1 : d.bad_typmod;
    *builtin = d.builtin;
    /* a data statement the reader leaves out may hold one */
    *param = over || datastmt_kind((Node *)stmt) ? -1 : d.param;
    *param_no = d.param_no;
    return over;
}
