/*
 * rangeguard.c — "the range type is still the old one", as SQL.
 *
 * A range type that changes under columns is rebuilt (diff/rangecols.c):
 * its columns go to text, the type is dropped and created again, the
 * columns come back.  Both range types have the same name, so "the type
 * exists" cannot tell a first run from a second one; what tells them apart
 * is the definition, the pg_range row.  emit_range_is() turns a range's
 * canonical statement (Definition.def_text, parser/defkinds.c) into a
 * condition that holds exactly while the database's type of that name is
 * defined so: its subtype (to_regtype of the canonical spelling), its
 * operator class (the subtype's default one when none is stated), its
 * collation (the subtype's when none is stated), its subtype_diff and
 * canonical functions (none when not stated) and its multirange type's
 * name.  Names are compared by catalog name and schema, never cast to
 * reg* types, so the condition is false rather than an error when a name
 * does not exist yet.
 *
 * emit/defkinds.c guards the drop half of a rebuild with it (the columns
 * to text and the DROP run only while the old type is there) and the
 * columns' way back with emit_column_is_type() (still text), so a second run of the
 * migration (or of the rollback) changes nothing.
 */
#include "pg.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Schema and name of a qualified name list (schema NULL when bare). */
static void split_name(List *names, const char **schema, const char **name)
{
    int n = list_length(names);
    *name = n ? strVal(llast(names)) : "";
    *schema = n >= 2 ? strVal(list_nth(names, n - 2)) : NULL;
}

static List *arg_names(Node *arg)
{
    if (!arg)
        return NIL;
    if (IsA(arg, TypeName))
        return ((TypeName *)arg)->names;
    if (IsA(arg, List))
        return (List *)arg;
    if (IsA(arg, String))
        return list_make1(arg);
    return NIL;
}

/* `alias.name = 'n' [AND alias_ns.nspname = 's']` */
static const char *named(Arena *a, const char *nscol, const char *namecol, List *names)
{
    const char *schema, *name;
    split_name(names, &schema, &name);
    const char *s = arena_printf(a, "%s = %s", namecol, q_literal(a, name));
    return schema ? arena_printf(a, "%s AND %s = %s", s, nscol, q_literal(a, schema)) : s;
}

/* `g.col` is the function `names` (by name and schema), or 0 when none. */
static const char *func_is(Arena *a, const char *col, List *names)
{
    if (!names)
        return arena_printf(a, "g.%s = 0", col);
    return arena_printf(a,
                        "EXISTS (SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace pn ON pn.oid = "
                        "p.pronamespace WHERE p.oid = g.%s AND %s)",
                        col, named(a, "pn.nspname", "p.proname", names));
}

/* The SUBTYPE's spelling in the canonical text (up to its top-level comma). */
static const char *subtype_text(Arena *a, const char *def)
{
    const char *s = strstr(def, "(SUBTYPE = ");
    if (!s)
        return NULL;
    s += strlen("(SUBTYPE = ");
    int depth = 0;
    bool quoted = false;
    const char *p = s;
    for (; *p; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (*p == '(')
            depth++;
        else if ((*p == ')' && depth-- == 0) || (*p == ',' && depth == 0))
            break;
    }
    return arena_strndup(a, s, (size_t)(p - s));
}

const char *emit_range_is(Emit *e, const Definition *d)
{
    Arena *a = e->a;
    const char *sub = d->def_text ? subtype_text(a, d->def_text) : NULL;
    if (!sub)
        return "false";
    List *opclass = NIL, *collation = NIL, *diff = NIL, *canonical = NIL;
    bool has_collation = false;
    void *saved = pgctx_current();
    MemoryContext ctx = pg_query_enter_memory_context();
    PgQueryInternalParsetreeAndError r = pg_query_raw_parse(d->def_text);
    free(r.stderr_buffer);
    const char *cond = NULL;
    if (!r.error && list_length(r.tree) == 1 && IsA(((RawStmt *)linitial(r.tree))->stmt, CreateRangeStmt)) {
        CreateRangeStmt *st = (CreateRangeStmt *)((RawStmt *)linitial(r.tree))->stmt;
        ListCell *lc;
        foreach (lc, st->params) {
            DefElem *de = lfirst(lc);
            List *names = arg_names(de->arg);
            if (!strcasecmp(de->defname, "subtype_opclass"))
                opclass = names;
            else if (!strcasecmp(de->defname, "collation"))
                collation = names, has_collation = true;
            else if (!strcasecmp(de->defname, "subtype_diff"))
                diff = names;
            else if (!strcasecmp(de->defname, "canonical"))
                canonical = names;
        }
        StrBuf sb;
        sb_init(&sb);
        sb_printf(&sb,
                  "EXISTS (SELECT 1 FROM pg_catalog.pg_range g JOIN pg_catalog.pg_type t ON t.oid = g.rngtypid "
                  "JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
                  "JOIN pg_catalog.pg_type st ON st.oid = g.rngsubtype "
                  "JOIN pg_catalog.pg_opclass oc ON oc.oid = g.rngsubopc "
                  "JOIN pg_catalog.pg_namespace ocn ON ocn.oid = oc.opcnamespace "
                  "JOIN pg_catalog.pg_type mt ON mt.oid = g.rngmultitypid "
                  "JOIN pg_catalog.pg_namespace mn ON mn.oid = mt.typnamespace "
                  "WHERE n.nspname = %s AND t.typname = %s AND g.rngsubtype = pg_catalog.to_regtype(%s)",
                  q_literal(a, d->obj.schema), q_literal(a, d->obj.name), q_literal(a, sub));
        sb_printf(&sb, " AND %s", opclass ? named(a, "ocn.nspname", "oc.opcname", opclass) : "oc.opcdefault");
        if (has_collation && collation)
            sb_printf(&sb,
                      " AND EXISTS (SELECT 1 FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON "
                      "cn.oid = co.collnamespace WHERE co.oid = g.rngcollation AND %s)",
                      named(a, "cn.nspname", "co.collname", collation));
        else
            sb_puts(&sb, " AND g.rngcollation = st.typcollation");
        sb_printf(&sb, " AND %s AND %s", func_is(a, "rngsubdiff", diff), func_is(a, "rngcanonical", canonical));
        sb_printf(&sb, " AND mn.nspname = %s AND mt.typname = %s)",
                  q_literal(a, d->multirange_schema ? d->multirange_schema : d->obj.schema),
                  q_literal(a, d->multirange ? d->multirange : ""));
        cond = sb_take(&sb, a);
        sb_free(&sb);
    }
    if (r.error)
        pg_query_free_error(r.error);
    pg_query_exit_memory_context(ctx);
    pgctx_restore(saved);
    return cond ? cond : "false";
}

const char *emit_column_is_type(Emit *e, const Column *col, const char *type)
{
    return arena_printf(e->a,
                        "EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = "
                        "pg_catalog.to_regclass(%s) AND a.attname = %s AND NOT a.attisdropped AND "
                        "a.atttypid = pg_catalog.to_regtype(%s))",
                        q_literal(e->a, q_qual(e->a, col->obj.schema, col->obj.table)),
                        q_literal(e->a, col->obj.name), q_literal(e->a, type));
}
