/*
 * publication.c — CREATE / ALTER PUBLICATION as a model object
 * (OBJ_PUBLICATION, a Definition without a schema).
 *
 * A publication is its statement: `raw` is a CreatePublicationStmt kept up
 * to date by the ALTER PUBLICATION statements that follow it (ADD, DROP and
 * SET of tables and schemas; SET (options), which replaces only the options
 * it names), with every table qualified (a table's schema, or the default
 * schema where it was read) and TABLES IN CURRENT_SCHEMA resolved.  That
 * is what the emitter prints.
 *
 * After all files `norm` is the canonical copy compared with equal(): the
 * objects sorted (schemas, then tables by schema and name), each table's
 * column list sorted (PostgreSQL keeps it by column number, not as
 * written), ONLY dropped (it only says which children are added at
 * creation), its WHERE through norm_expr with the table's columns; the
 * options as PostgreSQL keeps them: publish as the canonical list of
 * "insert, update, delete, truncate" (all four by default) and
 * publish_via_partition_root (false by default), always both.
 *
 * Which tables it holds is changed with ALTER PUBLICATION ... SET (the
 * whole list at once, which is idempotent), its options with ALTER
 * PUBLICATION ... SET (...); only FOR ALL TABLES, which no ALTER changes
 * in PostgreSQL 15, re-creates it (emit/publication.c).  It depends on its
 * tables and schemas.  A table dropped by a plan leaves the publication by
 * itself (PostgreSQL removes it), and the desired publication no longer
 * lists it.
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static Definition *find(DdlReader *r, const char *name)
{
    return (Definition *)model_lookup(r->m, OBJ_PUBLICATION, NULL, NULL, name);
}

/* Qualify the tables and resolve CURRENT_SCHEMA, in place. */
static void qualify(DdlReader *r, List *objs)
{
    ListCell *lc;
    foreach (lc, objs) {
        PublicationObjSpec *o = lfirst(lc);
        if (o->pubobjtype == PUBLICATIONOBJ_TABLES_IN_CUR_SCHEMA) {
            o->pubobjtype = PUBLICATIONOBJ_TABLES_IN_SCHEMA;
            o->name = pstrdup(r->nc.default_schema);
        }
        if (o->pubobjtype == PUBLICATIONOBJ_TABLE && o->pubtable && !o->pubtable->relation->schemaname)
            o->pubtable->relation->schemaname = pstrdup(r->nc.default_schema);
    }
}

/* Whether two publication objects name the same table or schema. */
static bool same_object(const PublicationObjSpec *a, const PublicationObjSpec *b)
{
    if (a->pubobjtype != b->pubobjtype)
        return false;
    if (a->pubobjtype != PUBLICATIONOBJ_TABLE)
        return a->name && b->name && !strcmp(a->name, b->name);
    return !strcmp(a->pubtable->relation->schemaname, b->pubtable->relation->schemaname) &&
           !strcmp(a->pubtable->relation->relname, b->pubtable->relation->relname);
}

static const char *object_name(const PublicationObjSpec *o)
{
    if (o->pubobjtype != PUBLICATIONOBJ_TABLE)
        return o->name;
    return psprintf("%s.%s", o->pubtable->relation->schemaname, o->pubtable->relation->relname);
}

static int find_object(List *objs, const PublicationObjSpec *o)
{
    ListCell *lc;
    foreach (lc, objs)
        if (same_object(lfirst(lc), o))
            return foreach_current_index(lc);
    return -1;
}

static bool check_options(DdlReader *r, List *options, int off)
{
    ListCell *lc;
    foreach (lc, options) {
        DefElem *de = lfirst(lc);
        if (strcmp(de->defname, "publish") && strcmp(de->defname, "publish_via_partition_root")) {
            ddl_error(r, off, "unrecognized publication parameter: \"%s\"", de->defname);
            return false;
        }
    }
    return true;
}

static void read_create(DdlReader *r, CreatePublicationStmt *st, int off)
{
    if (find(r, st->pubname)) {
        ddl_error(r, off, "publication \"%s\" already exists", st->pubname);
        return;
    }
    if (!check_options(r, st->options, off))
        return;
    qualify(r, st->pubobjects);
    List *objs = NIL;
    ListCell *lc;
    foreach (lc, st->pubobjects) {
        if (find_object(objs, lfirst(lc)) >= 0) {
            ddl_error(r, off, "%s is named twice in publication \"%s\"", object_name(lfirst(lc)), st->pubname);
            return;
        }
        objs = lappend(objs, lfirst(lc));
    }
    SrcLoc loc = {r->file, r->text, off};
    Definition *d = model_add(r->m, sizeof(Definition), OBJ_PUBLICATION, NULL, NULL, st->pubname, loc);
    if (!d)
        return;
    d->raw = (Node *)st;
    d->search_schema = r->nc.default_schema;
    d->enabled = 'O';
}

static void read_alter(DdlReader *r, AlterPublicationStmt *st, int off)
{
    Definition *d = find(r, st->pubname);
    if (!d) {
        ddl_error(r, off, "publication \"%s\" does not exist", st->pubname);
        return;
    }
    CreatePublicationStmt *cur = (CreatePublicationStmt *)d->raw;
    if (st->options) {
        if (!check_options(r, st->options, off))
            return;
        ListCell *lc, *lc2;
        foreach (lc, st->options) {
            DefElem *de = lfirst(lc);
            List *kept = NIL;
            foreach (lc2, cur->options)
                if (strcmp(((DefElem *)lfirst(lc2))->defname, de->defname))
                    kept = lappend(kept, lfirst(lc2));
            cur->options = lappend(kept, de);
        }
        return;
    }
    if (cur->for_all_tables) {
        ddl_error(r, off, "publication \"%s\" is defined as FOR ALL TABLES", st->pubname);
        return;
    }
    qualify(r, st->pubobjects);
    ListCell *lc;
    if (st->action == AP_SetObjects)
        cur->pubobjects = NIL; /* then the new list, as ADD */
    switch (st->action) {
    case AP_SetObjects:
    case AP_AddObjects:
        foreach (lc, st->pubobjects) {
            if (find_object(cur->pubobjects, lfirst(lc)) >= 0) {
                ddl_error(r, off, "%s is already a member of publication \"%s\"", object_name(lfirst(lc)),
                          st->pubname);
                return;
            }
            cur->pubobjects = lappend(cur->pubobjects, lfirst(lc));
        }
        break;
    case AP_DropObjects:
        foreach (lc, st->pubobjects) {
            int i = find_object(cur->pubobjects, lfirst(lc));
            if (i < 0) {
                ddl_error(r, off, "%s is not a member of publication \"%s\"", object_name(lfirst(lc)), st->pubname);
                return;
            }
            cur->pubobjects = list_delete_nth_cell(cur->pubobjects, i);
        }
        break;
    }
}

bool publication_read_stmt(DdlReader *r, Node *n, int off)
{
    if (!IsA(n, CreatePublicationStmt) && !IsA(n, AlterPublicationStmt))
        return false;
    while (r->text && r->text[off] && isspace((unsigned char)r->text[off]))
        off++;
    if (IsA(n, CreatePublicationStmt))
        read_create(r, (CreatePublicationStmt *)n, off);
    else
        read_alter(r, (AlterPublicationStmt *)n, off);
    return true;
}

Obj *publication_find(DdlReader *r, int objtype, Node *object, bool *handled)
{
    *handled = objtype == OBJECT_PUBLICATION;
    if (!*handled || !object || !IsA(object, String))
        return NULL;
    Definition *d = find(r, strVal(object));
    return d ? &d->obj : NULL;
}

/* ---- after all files ---------------------------------------------------------- */

static const char *option_text(DefElem *de)
{
    Node *v = de->arg;
    if (!v)
        return "true";
    if (IsA(v, String))
        return strVal(v);
    if (IsA(v, Boolean))
        return boolVal(v) ? "true" : "false";
    if (IsA(v, Integer))
        return psprintf("%d", intVal(v));
    if (IsA(v, TypeName))
        return strVal(llast(((TypeName *)v)->names));
    return "";
}

static bool truthy(const char *s)
{
    return !strcasecmp(s, "true") || !strcasecmp(s, "on") || !strcasecmp(s, "1") || !strcasecmp(s, "yes") ||
           !strcasecmp(s, "t") || !strcasecmp(s, "y");
}

/* "insert, update, delete, truncate" in that order, of a publish list. */
static const char *publish_text(const char *list)
{
    static const char *const ops[] = {"insert", "update", "delete", "truncate"};
    StrBuf sb;
    sb_init(&sb);
    for (int i = 0; i < 4; i++) {
        bool has = false;
        for (const char *p = list; *p;) {
            while (*p == ' ' || *p == ',')
                p++;
            size_t n = strcspn(p, ", ");
            has = has || (n == strlen(ops[i]) && !strncasecmp(p, ops[i], n));
            p += n;
        }
        if (has)
            sb_printf(&sb, "%s%s", sb.len ? ", " : "", ops[i]);
    }
    char *out = pstrdup(sb.data ? sb.data : "");
    sb_free(&sb);
    return out;
}

/* A sorted copy of a list (libpg_query does not export list_sort). */
static List *sorted(List *l, int (*cmp)(const void *, const void *))
{
    int n = list_length(l);
    if (n < 2)
        return l;
    void **items = palloc(sizeof(void *) * (size_t)n);
    ListCell *lc;
    foreach (lc, l)
        items[foreach_current_index(lc)] = lfirst(lc);
    qsort(items, (size_t)n, sizeof(void *), cmp);
    List *out = NIL;
    for (int i = 0; i < n; i++)
        out = lappend(out, items[i]);
    return out;
}

static int cmp_objects(const void *a, const void *b)
{
    const PublicationObjSpec *x = *(void *const *)a, *y = *(void *const *)b;
    if (x->pubobjtype != y->pubobjtype)
        return x->pubobjtype == PUBLICATIONOBJ_TABLES_IN_SCHEMA ? -1 : 1;
    if (x->pubobjtype != PUBLICATIONOBJ_TABLE)
        return strcmp(x->name, y->name);
    int c = strcmp(x->pubtable->relation->schemaname, y->pubtable->relation->schemaname);
    return c ? c : strcmp(x->pubtable->relation->relname, y->pubtable->relation->relname);
}

static int cmp_strings(const void *a, const void *b)
{
    return strcmp(strVal(*(void *const *)a), strVal(*(void *const *)b));
}

void publication_finish(Model *m, Definition *d, Diags *diags)
{
    CreatePublicationStmt *n = copyObjectImpl(d->raw);
    const char *publish = "insert, update, delete, truncate", *via_root = "false";
    ListCell *lc;
    foreach (lc, n->options) {
        DefElem *de = lfirst(lc);
        if (!strcmp(de->defname, "publish"))
            publish = publish_text(option_text(de));
        else
            via_root = truthy(option_text(de)) ? "true" : "false";
    }
    n->options = list_make2(makeDefElem(pstrdup("publish"), (Node *)makeString(pstrdup(publish)), -1),
                            makeDefElem(pstrdup("publish_via_partition_root"), (Node *)makeString(pstrdup(via_root)), -1));
    foreach (lc, n->pubobjects) {
        PublicationObjSpec *o = lfirst(lc);
        o->location = -1;
        if (o->pubobjtype != PUBLICATIONOBJ_TABLE) {
            Obj *s = model_lookup(m, OBJ_SCHEMA, NULL, NULL, o->name);
            if (s)
                obj_add_dep(m->arena, &d->obj, s);
            else if (!m->roles_known && filter_selects(m->filter, o->name))
                diag_at(diags, EXIT_INPUT, d->obj.loc, "publication \"%s\" names schema \"%s\", which does not exist",
                        d->obj.name, o->name);
            continue;
        }
        RangeVar *rv = o->pubtable->relation;
        SrcLoc at = d->obj.loc; /* errors point at the table's name */
        if (rv->location >= 0)
            at.offset = rv->location;
        rv->inh = true;
        rv->location = -1;
        Table *t = model_table(m, rv->schemaname, rv->relname);
        if (t)
            obj_add_dep(m->arena, &d->obj, &t->obj);
        else if (!m->roles_known && filter_selects(m->filter, rv->schemaname))
            diag_at(diags, EXIT_INPUT, at, "publication \"%s\" names table %s.%s, which does not exist",
                    d->obj.name, rv->schemaname, rv->relname);
        if (o->pubtable->columns) {
            o->pubtable->columns = sorted(o->pubtable->columns, cmp_strings);
            ListCell *c;
            foreach (c, o->pubtable->columns)
                if (t && !table_column(t, strVal(lfirst(c))) && !m->roles_known)
                    diag_at(diags, EXIT_INPUT, at, "publication \"%s\": column \"%s\" of %s.%s does not exist",
                            d->obj.name, strVal(lfirst(c)), rv->schemaname, rv->relname);
        }
        if (o->pubtable->whereClause) {
            NormCtx nc = {m->arena, rv->schemaname, t, true};
            objects_dep_on_calls(m, &d->obj, o->pubtable->whereClause, rv->schemaname);
            o->pubtable->whereClause = norm_expr(&nc, o->pubtable->whereClause);
        }
    }
    bool schemas = false, columns = false;
    foreach (lc, n->pubobjects) {
        const PublicationObjSpec *o = lfirst(lc);
        schemas = schemas || o->pubobjtype != PUBLICATIONOBJ_TABLE;
        columns = columns || (o->pubobjtype == PUBLICATIONOBJ_TABLE && o->pubtable->columns);
    }
    if (schemas && columns && !m->roles_known)
        diag_at(diags, EXIT_INPUT, d->obj.loc,
                "publication \"%s\": column lists cannot be specified in publications with TABLES IN SCHEMA",
                d->obj.name);
    n->pubobjects = sorted(n->pubobjects, cmp_objects);
    d->norm = (Node *)n;
}
