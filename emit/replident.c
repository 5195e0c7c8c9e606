/*
 * replident.c — the SQL of REPLICA IDENTITY changes.
 *
 * The model keeps FULL / NOTHING on the table and USING INDEX on the index
 * or PRIMARY KEY / UNIQUE constraint (parser/replident.c), so these are
 * emitted by those objects' own changes: a table's create or alter, an
 * index's or constraint's create, alter or drop.  Going back to DEFAULT is
 * guarded by the catalog: it runs only while the table still has the
 * identity being given up, because another change of the same plan may
 * already have set the new one (FULL, or another index), and PostgreSQL
 * allows one replica identity per table.  A dropped index gives its
 * identity up first: PostgreSQL would leave the table with an identity
 * pointing nowhere (which behaves as NOTHING).
 */
#include "model.h"

void replident_table_change(Emit *e, const Table *cur, const Table *des)
{
    const char *t = q_qual(e->a, des->obj.schema, des->obj.name);
    if (des->replident) {
        emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s REPLICA IDENTITY %s;", t,
                                  des->replident == 'f' ? "FULL" : "NOTHING"));
        return;
    }
    if (!cur || !cur->replident)
        return;
    const char *reset = arena_printf(e->a, "ALTER TABLE %s REPLICA IDENTITY DEFAULT;", t);
    emit_stmt(e, e->style == STYLE_MIGRATION
                     ? emit_guarded(e,
                                    arena_printf(e->a,
                                                 "EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE oid = "
                                                 "pg_catalog.to_regclass(%s) AND relreplident IN ('f', 'n'))",
                                                 q_literal(e->a, t)),
                                    reset)
                     : reset);
}

void replident_index_change(Emit *e, const Obj *o, bool was, bool is)
{
    if (was == is)
        return;
    const char *t = q_qual(e->a, o->schema, o->table);
    if (is) {
        emit_stmt(e, arena_printf(e->a, "ALTER TABLE %s REPLICA IDENTITY USING INDEX %s;", t,
                                  q_ident(e->a, o->name)));
        return;
    }
    const char *reset = arena_printf(e->a, "ALTER TABLE %s REPLICA IDENTITY DEFAULT;", t);
    emit_stmt(e, e->style == STYLE_MIGRATION
                     ? emit_guarded(e,
                                    arena_printf(e->a,
                                                 "EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = "
                                                 "pg_catalog.to_regclass(%s) AND indisreplident)",
                                                 q_literal(e->a, q_qual(e->a, o->schema, o->name))),
                                    reset)
                     : reset);
}
