/*
 * viewnorm.c — spellings of a view's query that the catalog changes.
 *
 * pg_get_viewdef() prints a query in its own words; objects.c's
 * norm_select() makes the file's query and the catalog's compare equal.
 * These are the rewrites it calls for three of the catalog's habits:
 *
 *   - a relation read a second time inside a subquery gets an alias of its
 *     own (`FROM orders orders_1`): such a "relname_N" alias is the name
 *     itself for comparison (viewnorm_auto_alias);
 *   - `ORDER BY x USING <` is printed `ORDER BY x`, `USING >` as `DESC`;
 *   - the literals of a VALUES list are printed with their resolved type
 *     (`'open'::text`): the lists are normalised like other expressions,
 *     which drops casts of literals.
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <string.h>

bool viewnorm_auto_alias(const char *alias, const char *relname)
{
    size_t n = strlen(relname);
    if (strncmp(alias, relname, n) || alias[n] != '_' || !alias[n + 1])
        return false;
    for (const char *p = alias + n + 1; *p; p++)
        if (!isdigit((unsigned char)*p))
            return false;
    return true;
}

void viewnorm_select(const NormCtx *nc, SelectStmt *s)
{
    ListCell *lc;
    foreach (lc, s->sortClause) {
        SortBy *sb = lfirst(lc);
        if (sb->sortby_dir != SORTBY_USING || list_length(sb->useOp) != 1)
            continue;
        const char *op = strVal(linitial(sb->useOp));
        if (!strcmp(op, "<") || !strcmp(op, ">")) {
            sb->sortby_dir = op[0] == '<' ? SORTBY_DEFAULT : SORTBY_DESC;
            sb->useOp = NIL;
        }
    }
    foreach (lc, s->valuesLists) {
        List *row = lfirst(lc);
        ListCell *c;
        foreach (c, row)
            lfirst(c) = norm_expr(nc, lfirst(c));
    }
}
