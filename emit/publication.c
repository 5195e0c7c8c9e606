/*
 * publication.c — SQL of publications (parser/publication.c holds what
 * they are and how they compare).
 *
 * PostgreSQL has no CREATE PUBLICATION IF NOT EXISTS: in a migration the
 * CREATE runs in a DO block guarded by pg_publication.  Its options are
 * printed as compared (publish and publish_via_partition_root, both
 * stated).  A changed list of tables and schemas is one ALTER PUBLICATION
 * ... SET, the whole list as desired, which is idempotent; when the desired
 * publication holds nothing, each current member is dropped in a DO block
 * guarded by pg_publication_rel / pg_publication_namespace.  Changed
 * options are ALTER PUBLICATION ... SET (...).  The same SET puts back a
 * table the plan re-creates (diff/rebuilt.c marks that ALTER `dependent`).  The statements are built as
 * parse trees and printed by schemas/deparse.c, which checks them.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

static const char *with_semi(Emit *e, const char *sql)
{
    return arena_printf(e->a, "%s;", sql);
}

static CreatePublicationStmt *raw(const Obj *o)
{
    return (CreatePublicationStmt *)((const Definition *)o)->raw;
}

static CreatePublicationStmt *norm(const Obj *o)
{
    return (CreatePublicationStmt *)((const Definition *)o)->norm;
}

static const char *create_sql(Emit *e, const Obj *o)
{
    CreatePublicationStmt *st = copyObjectImpl(raw(o));
    st->options = norm(o)->options;
    return with_semi(e, deparse_stmt(e->a, (Node *)st));
}

static AlterPublicationStmt *alter_stmt(const Obj *o, AlterPublicationAction action, List *objs)
{
    AlterPublicationStmt *st = makeNode(AlterPublicationStmt);
    st->pubname = pstrdup(o->name);
    st->action = action;
    st->pubobjects = objs;
    return st;
}

/* DROP of each member of `cur`, guarded by its membership. */
static void drop_members(Emit *e, const Obj *cur)
{
    const char *pub = q_literal(e->a, cur->name);
    ListCell *lc;
    foreach (lc, norm(cur)->pubobjects) {
        PublicationObjSpec *o = copyObjectImpl(lfirst(lc));
        const char *cond;
        if (o->pubobjtype == PUBLICATIONOBJ_TABLE) {
            o->pubtable->whereClause = NULL;
            o->pubtable->columns = NIL;
            cond = arena_printf(e->a,
                                "EXISTS (SELECT 1 FROM pg_catalog.pg_publication_rel r JOIN pg_catalog.pg_publication p "
                                "ON p.oid = r.prpubid WHERE p.pubname = %s AND r.prrelid = pg_catalog.to_regclass(%s))",
                                pub, q_qual_literal(e->a, o->pubtable->relation->schemaname,
                                                    o->pubtable->relation->relname));
        } else {
            cond = arena_printf(e->a,
                                "EXISTS (SELECT 1 FROM pg_catalog.pg_publication_namespace s JOIN pg_catalog.pg_publication p "
                                "ON p.oid = s.pnpubid JOIN pg_catalog.pg_namespace n ON n.oid = s.pnnspid "
                                "WHERE p.pubname = %s AND n.nspname = %s)",
                                pub, q_literal(e->a, o->name));
        }
        const char *sql = with_semi(e, deparse_stmt(e->a, (Node *)alter_stmt(cur, AP_DropObjects, list_make1(o))));
        emit_stmt(e, e->style == STYLE_MIGRATION ? emit_guarded(e, cond, sql) : sql);
    }
}

void emit_publication(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE: {
        const char *sql = create_sql(e, c->desired);
        const char *cond = arena_printf(e->a, "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = %s)",
                                        q_literal(e->a, c->desired->name));
        emit_stmt(e, e->style == STYLE_MIGRATION ? emit_guarded(e, cond, sql) : sql);
        if (c->desired->comment)
            emit_stmt(e, emit_comment_sql(e, c->desired));
        emit_summary(e, c->rebuild ? "re-create" : "create", c->desired, NULL);
        break;
    }
    case CHG_DROP:
        emit_stmt(e, arena_printf(e->a, "DROP PUBLICATION IF EXISTS %s;", q_ident(e->a, c->current->name)));
        emit_summary(e, "drop", c->current, c->rebuild ? "to re-create it" : NULL);
        break;
    case CHG_ALTER: {
        const char *what = NULL;
        if (c->alter & ALT_DEFINITION) {
            /* dependent: a table it lists is re-created, and left it (diff/rebuilt.c) */
            if (c->dependent || !equal(norm(c->current)->pubobjects, norm(c->desired)->pubobjects)) {
                what = c->dependent ? "tables (a table is re-created)" : "tables";
                if (raw(c->desired)->pubobjects)
                    emit_stmt(e, with_semi(e, deparse_stmt(e->a, (Node *)alter_stmt(c->desired, AP_SetObjects,
                                                                                     raw(c->desired)->pubobjects))));
                else
                    drop_members(e, c->current);
            }
            if (!equal(norm(c->current)->options, norm(c->desired)->options)) {
                AlterPublicationStmt *st = alter_stmt(c->desired, AP_AddObjects, NIL); /* the grammar leaves action 0 */
                st->options = norm(c->desired)->options;
                emit_stmt(e, with_semi(e, deparse_stmt(e->a, (Node *)st)));
                what = what ? "tables and options" : "options";
            }
        }
        if ((c->alter & ALT_COMMENT) && !str_same(c->current->comment, c->desired->comment))
            emit_stmt(e, emit_comment_sql(e, c->desired));
        emit_summary(e, "alter", c->desired, what);
        break;
    }
    }
}
