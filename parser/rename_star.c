/*
 * rename_star.c — a renamed column that a view reads through `*`.
 *
 * PostgreSQL expands a view's `*` when the view is made: the view then
 * reads each column by number, keeps its output column names, and a
 * column renamed later is still output under its old name
 * (`SELECT t.id, t.full_name AS name FROM t`).  Before such a rename the
 * view's stars over the renamed table are expanded here into the table's
 * columns, each `qual.column`; the column rename (parser/rename.c) then
 * follows them by name as it does for any view.  Only the plain form is
 * expanded — one SELECT (no UNION), the table the only FROM item, a star
 * bare or qualified by the table's name or alias; others stay refused.
 * The columns are the table's as read when the rename comes, which is
 * what the model takes `*` to mean elsewhere (columns added between the
 * view and the rename are counted, as they are for a view read whole).
 */
#include "pg.h"
#include "model.h"

#include <string.h>

static bool is_star_of(const ColumnRef *cr, const char *qual)
{
    int len = list_length(cr->fields);
    if (!IsA(llast(cr->fields), A_Star))
        return false;
    if (len == 1)
        return true;
    Node *q = list_nth(cr->fields, len - 2);
    return len == 2 && IsA(q, String) && !strcmp(strVal(q), qual);
}

bool rename_expand_star(DdlReader *r, Definition *v, const Table *t)
{
    Node *q = v->materialized ? ((CreateTableAsStmt *)v->raw)->query : ((ViewStmt *)v->raw)->query;
    if (!q || !IsA(q, SelectStmt))
        return false;
    SelectStmt *s = (SelectStmt *)q;
    if (s->op != SETOP_NONE || list_length(s->fromClause) != 1 || !IsA(linitial(s->fromClause), RangeVar))
        return false;
    RangeVar *rv = linitial(s->fromClause);
    const char *schema = rv->schemaname ? rv->schemaname : v->search_schema;
    if (!schema || strcmp(schema, t->obj.schema) || strcmp(rv->relname, t->obj.name))
        return false;
    const char *qual = rv->alias ? rv->alias->aliasname : rv->relname;
    List *out = NIL;
    bool expanded = false;
    ListCell *lc;
    foreach (lc, s->targetList) {
        ResTarget *rt = lfirst(lc);
        if (!rt->val || !IsA(rt->val, ColumnRef) || !is_star_of((ColumnRef *)rt->val, qual)) {
            out = lappend(out, rt);
            continue;
        }
        for (int i = 0; i < t->columns.n; i++) {
            ColumnRef *cr = makeNode(ColumnRef);
            cr->fields = list_make2(makeString(pstrdup(qual)),
                                    makeString(pstrdup(((Column *)t->columns.items[i])->obj.name)));
            cr->location = -1;
            ResTarget *col = makeNode(ResTarget);
            col->val = (Node *)cr;
            col->location = -1;
            out = lappend(out, col);
        }
        expanded = true;
    }
    if (expanded)
        s->targetList = out;
    (void)r;
    return expanded;
}
