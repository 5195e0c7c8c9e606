/*
 * foreign.c — foreign data: wrappers, servers, user mappings, foreign tables.
 *
 * Wrappers (OBJ_FDW), servers (OBJ_SERVER) and user mappings
 * (OBJ_USER_MAPPING) are Definitions without a schema whose facts are kept
 * as text: a wrapper's HANDLER and VALIDATOR functions (qualified as the
 * catalog's regproc prints them), a server's wrapper, TYPE and VERSION, a
 * mapping's role and server.  A foreign table is a Table with a `server`
 * (so its columns, comments, owner and privileges are a table's); its
 * columns may carry OPTIONS of their own.
 *
 * OPTIONS of every one of them are a set: sorted pairs (name, value) in a
 * PtrVec, compared whatever order they were written in, changed with
 * OPTIONS (ADD | SET | DROP ...) in place as PostgreSQL does (ADD of an
 * option present and SET or DROP of one missing are located errors).
 *
 * Secrets.  An option whose name says it holds a secret (foreign_is_secret:
 * a name containing "password", "passwd", "secret" or "token", or one libpq
 * marks secret) keeps no value here: its value is MODEL_SECRET, so no
 * output (migration, rollback, dump, plan, error) can print it; only its
 * presence is compared.  The emitter (emit/foreign.c) leaves it out and
 * tells the operator to add it by hand.  The text read from there on is a
 * copy with its literal overwritten with '*' (mask_secrets), so that no
 * error excerpt shows it either.
 *
 * A server may use a wrapper an extension makes (CREATE EXTENSION
 * postgres_fdw makes the wrapper postgres_fdw, which is the extension's and
 * not an object here): it then depends on the extension of that name, or
 * is accepted when some extension could provide it.
 *
 * A wrapper or server renamed (ALTER ... RENAME TO) takes what uses it along.
 *
 * IMPORT FOREIGN SCHEMA reads a remote server: a located error that says
 * --load-via-db reads it.
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

bool foreign_is_secret(const char *name)
{
    char low[PG_NAMEDATALEN * 2];
    size_t n = 0;
    for (; name[n] && n + 1 < sizeof low; n++)
        low[n] = (char)tolower((unsigned char)name[n]);
    low[n] = '\0';
    return strstr(low, "password") || strstr(low, "passwd") || strstr(low, "secret") || strstr(low, "token") ||
           conn_is_secret_keyword(name);
}

/* ---- option sets ---------------------------------------------------------- */

static int find_option(const PtrVec *opts, const char *name)
{
    for (int i = 0; i < opts->n; i += 2)
        if (!strcmp(opts->items[i], name))
            return i;
    return -1;
}

/* Insert (name, value) keeping the pairs sorted by name. */
static void put_option(Arena *a, PtrVec *opts, const char *name, const char *value)
{
    int at = 0;
    while (at < opts->n && strcmp(opts->items[at], name) < 0)
        at += 2;
    vec_push(a, opts, NULL);
    vec_push(a, opts, NULL);
    memmove(&opts->items[at + 2], &opts->items[at], sizeof(void *) * (size_t)(opts->n - 2 - at));
    opts->items[at] = arena_strdup(a, name);
    opts->items[at + 1] = (void *)(foreign_is_secret(name) ? MODEL_SECRET : arena_strdup(a, value));
}

static void remove_option(PtrVec *opts, int at)
{
    memmove(&opts->items[at], &opts->items[at + 2], sizeof(void *) * (size_t)(opts->n - at - 2));
    opts->n -= 2;
}

static const char *option_value(const DefElem *de)
{
    if (!de->arg)
        return "";
    if (IsA(de->arg, String))
        return strVal(de->arg);
    if (IsA(de->arg, Integer))
        return psprintf("%d", intVal(de->arg));
    return "";
}

/* The text being read from here on is a copy in which the string literal
 * of every secret option of `defs` is overwritten with '*' (same length,
 * so every location stays): no error excerpt of this statement, now or
 * later, can show it.  (The caller's text is never written to.) */
static void mask_secrets(DdlReader *r, List *defs)
{
    ListCell *lc;
    size_t len = r->text ? strlen(r->text) : 0;
    char *t = NULL;
    foreach (lc, defs) {
        DefElem *de = lfirst(lc);
        if (!foreign_is_secret(de->defname) || de->location < 0 || (size_t)de->location >= len)
            continue;
        if (!t)
            t = arena_strdup(r->a, r->text);
        size_t p = (size_t)de->location;
        while (t[p] && t[p] != '\'' && t[p] != ')' && t[p] != ',' && t[p] != ';')
            p++;
        if (t[p] != '\'')
            continue;
        for (p++; t[p] && !(t[p] == '\'' && t[p + 1] != '\''); p++) {
            if (t[p] == '\'' && t[p + 1] == '\'')
                p++;
            else if (t[p] != '\n')
                t[p] = '*';
        }
    }
    if (t)
        r->text = t;
}

/* Apply an OPTIONS list (CREATE: every element plain; ALTER: ADD, SET,
 * DROP) to `opts`; false after a located error. */
static bool apply_options(DdlReader *r, List *defs, PtrVec *opts, int off)
{
    ListCell *lc;
    mask_secrets(r, defs);
    foreach (lc, defs) {
        DefElem *de = lfirst(lc);
        int at = find_option(opts, de->defname);
        switch (de->defaction) {
        case DEFELEM_UNSPEC:
        case DEFELEM_ADD:
            if (at >= 0) {
                ddl_error(r, off, "option \"%s\" provided more than once", de->defname);
                return false;
            }
            put_option(r->a, opts, de->defname, option_value(de));
            break;
        case DEFELEM_SET:
        case DEFELEM_DROP:
            if (at < 0) {
                ddl_error(r, off, "option \"%s\" not found", de->defname);
                return false;
            }
            remove_option(opts, at);
            if (de->defaction == DEFELEM_SET)
                put_option(r->a, opts, de->defname, option_value(de));
            break;
        }
    }
    return true;
}

/* ---- wrappers ------------------------------------------------------------- */

static Definition *find(DdlReader *r, ObjKind k, const char *name)
{
    return (Definition *)model_lookup(r->m, k, NULL, NULL, name);
}

/* A HANDLER / VALIDATOR function as regproc prints it with an empty
 * search_path: qualified, but bare in pg_catalog. */
static const char *func_name(DdlReader *r, List *names)
{
    const char *schema, *name;
    ddl_qualified(r, names, &schema, &name);
    if (list_length(names) == 1 && !strcmp(name, "postgresql_fdw_validator"))
        schema = "pg_catalog"; /* PostgreSQL's own */
    if (!strcmp(schema, "pg_catalog"))
        return q_ident(r->a, name);
    return q_qual(r->a, schema, name);
}

static void fdw_funcs(DdlReader *r, Definition *d, List *func_options)
{
    ListCell *lc;
    foreach (lc, func_options) {
        DefElem *de = lfirst(lc);
        const char *f = de->arg ? func_name(r, (List *)de->arg) : NULL;
        if (!strcmp(de->defname, "handler"))
            d->fdw_handler = f;
        else
            d->fdw_validator = f;
    }
}

static Definition *add_def(DdlReader *r, ObjKind k, const char *name, int off)
{
    SrcLoc loc = {r->file, r->text, ddl_stmt_start(r, off)};
    Definition *d = model_add(r->m, sizeof(Definition), k, NULL, NULL, name, loc);
    if (d)
        d->search_schema = r->nc.default_schema;
    return d;
}

static void read_create_fdw(DdlReader *r, CreateFdwStmt *st, int off)
{
    if (find(r, OBJ_FDW, st->fdwname)) {
        ddl_error(r, off, "foreign-data wrapper \"%s\" already exists", st->fdwname);
        return;
    }
    PtrVec opts = {0};
    if (!apply_options(r, st->options, &opts, off))
        return;
    Definition *d = add_def(r, OBJ_FDW, st->fdwname, off);
    d->fdw_options = opts;
    fdw_funcs(r, d, st->func_options);
}

static void read_alter_fdw(DdlReader *r, AlterFdwStmt *st, int off)
{
    Definition *d = find(r, OBJ_FDW, st->fdwname);
    if (!d) {
        ddl_error(r, off, "foreign-data wrapper \"%s\" does not exist", st->fdwname);
        return;
    }
    if (apply_options(r, st->options, &d->fdw_options, off))
        fdw_funcs(r, d, st->func_options);
}

/* ---- servers -------------------------------------------------------------- */

/* Whether wrapper `name` exists here or may come from an extension. */
static bool wrapper_available(DdlReader *r, const char *name)
{
    if (find(r, OBJ_FDW, name))
        return true;
    for (int i = 0; i < r->m->objs.n; i++) {
        Obj *o = r->m->objs.items[i];
        if (o && o->kind == OBJ_EXTENSION)
            return true;
    }
    return false;
}

static void read_create_server(DdlReader *r, CreateForeignServerStmt *st, int off)
{
    if (find(r, OBJ_SERVER, st->servername)) {
        if (!st->if_not_exists)
            ddl_error(r, off, "server \"%s\" already exists", st->servername);
        return;
    }
    if (!wrapper_available(r, st->fdwname)) {
        ddl_error(r, off, "foreign-data wrapper \"%s\" does not exist", st->fdwname);
        return;
    }
    PtrVec opts = {0};
    if (!apply_options(r, st->options, &opts, off))
        return;
    Definition *d = add_def(r, OBJ_SERVER, st->servername, off);
    d->fdw_options = opts;
    d->srv_fdw = arena_strdup(r->a, st->fdwname);
    d->srv_type = st->servertype ? arena_strdup(r->a, st->servertype) : NULL;
    d->srv_version = st->version ? arena_strdup(r->a, st->version) : NULL;
}

static void read_alter_server(DdlReader *r, AlterForeignServerStmt *st, int off)
{
    Definition *d = find(r, OBJ_SERVER, st->servername);
    if (!d) {
        ddl_error(r, off, "server \"%s\" does not exist", st->servername);
        return;
    }
    if (!apply_options(r, st->options, &d->fdw_options, off))
        return;
    if (st->has_version)
        d->srv_version = st->version ? arena_strdup(r->a, st->version) : NULL;
}

/* ---- user mappings -------------------------------------------------------- */

static const char *role_of(const RoleSpec *rs)
{
    switch (rs->roletype) {
    case ROLESPEC_CSTRING: return rs->rolename;
    case ROLESPEC_PUBLIC: return "PUBLIC";
    case ROLESPEC_CURRENT_ROLE:
    case ROLESPEC_CURRENT_USER:
    case ROLESPEC_SESSION_USER: return "CURRENT_USER";
    }
    return "CURRENT_USER";
}

static const char *mapping_name(Arena *a, const char *role, const char *server)
{
    return arena_printf(a, "%s on %s", role, server);
}

static Definition *find_mapping(DdlReader *r, RoleSpec *user, const char *server)
{
    return find(r, OBJ_USER_MAPPING, mapping_name(r->a, role_of(user), server));
}

static void read_create_mapping(DdlReader *r, CreateUserMappingStmt *st, int off)
{
    const char *role = role_of(st->user);
    if (!find(r, OBJ_SERVER, st->servername)) {
        ddl_error(r, off, "server \"%s\" does not exist", st->servername);
        return;
    }
    if (find_mapping(r, st->user, st->servername)) {
        if (!st->if_not_exists)
            ddl_error(r, off, "user mapping for \"%s\" already exists for server \"%s\"", role, st->servername);
        return;
    }
    PtrVec opts = {0};
    bool hidden = false;
    /* the catalog reader's mark for options it may not read */
    if (list_length(st->options) == 1 && !strcmp(((DefElem *)linitial(st->options))->defname, "\001hidden"))
        hidden = true;
    else if (!apply_options(r, st->options, &opts, off))
        return;
    Definition *d = add_def(r, OBJ_USER_MAPPING, mapping_name(r->a, role, st->servername), off);
    d->fdw_options = opts;
    d->options_hidden = hidden;
    d->um_role = arena_strdup(r->a, role);
    d->um_server = arena_strdup(r->a, st->servername);
}

void foreign_resolve_current_user(Model *files, const Model *db)
{
    if (!db->current_user || files->current_user)
        return;
    for (int i = 0; i < files->objs.n; i++) {
        Definition *d = files->objs.items[i];
        if (!d || d->obj.kind != OBJ_USER_MAPPING || strcmp(d->um_role, "CURRENT_USER"))
            continue;
        const char *name = mapping_name(files->arena, db->current_user, d->um_server);
        if (model_lookup(files, OBJ_USER_MAPPING, d->obj.schema, NULL, name))
            continue;
        d->um_role = arena_strdup(files->arena, db->current_user);
        model_rename(files, &d->obj, name);
    }
}

static void read_alter_mapping(DdlReader *r, AlterUserMappingStmt *st, int off)
{
    Definition *d = find_mapping(r, st->user, st->servername);
    if (!d) {
        ddl_error(r, off, "user mapping for \"%s\" does not exist for server \"%s\"", role_of(st->user),
                  st->servername);
        return;
    }
    apply_options(r, st->options, &d->fdw_options, off);
}

static void read_drop_mapping(DdlReader *r, DropUserMappingStmt *st, int off)
{
    Definition *d = find_mapping(r, st->user, st->servername);
    if (!d) {
        if (!st->missing_ok)
            ddl_error(r, off, "user mapping for \"%s\" does not exist for server \"%s\"", role_of(st->user),
                      st->servername);
        return;
    }
    model_remove(r->m, &d->obj);
}

/* ---- foreign tables ------------------------------------------------------- */

/* PostgreSQL refuses these on a foreign table. */
static bool check_constraint(DdlReader *r, const Constraint *con)
{
    const char *what = con->contype == CONSTR_PRIMARY     ? "primary key"
                       : con->contype == CONSTR_UNIQUE    ? "unique"
                       : con->contype == CONSTR_FOREIGN   ? "foreign key"
                       : con->contype == CONSTR_EXCLUSION ? "exclusion"
                                                          : NULL;
    if (what)
        ddl_error(r, con->location, "%s constraints are not supported on foreign tables", what);
    return !what;
}

bool foreign_table_check(DdlReader *r, CreateForeignTableStmt *st, int off)
{
    off = ddl_stmt_start(r, off);
    if (!find(r, OBJ_SERVER, st->servername)) {
        ddl_error(r, off, "server \"%s\" does not exist", st->servername);
        return false;
    }
    ListCell *lc, *cc;
    foreach (lc, st->base.tableElts) {
        Node *n = lfirst(lc);
        if (IsA(n, Constraint) && !check_constraint(r, (Constraint *)n))
            return false;
        if (IsA(n, ColumnDef))
            foreach (cc, ((ColumnDef *)n)->constraints)
                if (!check_constraint(r, lfirst(cc)))
                    return false;
        if (IsA(n, TableLikeClause)) {
            ddl_error(r, ((TableLikeClause *)n)->relation->location, "LIKE in CREATE FOREIGN TABLE is not supported yet");
            return false;
        }
    }
    if (st->base.partspec) {
        ddl_error(r, off, "foreign tables cannot be partitioned");
        return false;
    }
    return true;
}

void foreign_table_created(DdlReader *r, CreateForeignTableStmt *st, int first, int off)
{
    off = ddl_stmt_start(r, off);
    const char *schema = st->base.relation->schemaname ? st->base.relation->schemaname : r->nc.default_schema;
    Table *t = model_table(r->m, schema, st->base.relation->relname);
    bool made = false;
    for (int i = first; t && i < r->m->objs.n; i++)
        made = made || r->m->objs.items[i] == t;
    if (!made)
        return; /* IF NOT EXISTS of a relation already there, or an error */
    t->server = arena_strdup(r->a, st->servername);
    if (!apply_options(r, st->options, &t->fdw_options, off))
        return;
    ListCell *lc;
    foreach (lc, st->base.tableElts) {
        ColumnDef *cd = lfirst(lc);
        Column *c = IsA(cd, ColumnDef) ? table_column(t, cd->colname) : NULL;
        if (c && !apply_options(r, cd->fdwoptions, &c->fdw_options, cd->location))
            return;
    }
}

void foreign_column_added(DdlReader *r, Table *t, ColumnDef *cd, int off)
{
    Column *c = cd->fdwoptions && t->server ? table_column(t, cd->colname) : NULL;
    if (c)
        apply_options(r, cd->fdwoptions, &c->fdw_options, off);
}

bool foreign_alter_table(DdlReader *r, AlterTableStmt *st)
{
    List *rest = NIL;
    ListCell *lc;
    int where = st->relation->location;
    Table *t = NULL;
    foreach (lc, st->cmds) {
        AlterTableCmd *cmd = lfirst(lc);
        if (cmd->subtype != AT_GenericOptions && cmd->subtype != AT_AlterColumnGenericOptions) {
            rest = lappend(rest, cmd);
            continue;
        }
        if (!t) {
            const char *schema = st->relation->schemaname ? st->relation->schemaname : r->nc.default_schema;
            t = model_table(r->m, schema, st->relation->relname);
            if (!t || !t->server) {
                if (!t && st->missing_ok)
                    return true;
                ddl_error(r, where, t ? "\"%s\" is not a foreign table" : "relation \"%s\" does not exist",
                          st->relation->relname);
                return true;
            }
        }
        PtrVec *opts = &t->fdw_options;
        if (cmd->subtype == AT_AlterColumnGenericOptions) {
            Column *c = table_column(t, cmd->name);
            if (!c) {
                ddl_error(r, where, "column \"%s\" of relation \"%s\" does not exist", cmd->name, t->obj.name);
                return true;
            }
            opts = &c->fdw_options;
        }
        if (!apply_options(r, (List *)cmd->def, opts, where))
            return true;
    }
    st->cmds = rest;
    if (st->objtype == OBJECT_FOREIGN_TABLE) {
        if (rest) {
            const char *schema = st->relation->schemaname ? st->relation->schemaname : r->nc.default_schema;
            Table *ft = model_table(r->m, schema, st->relation->relname);
            if (ft && !ft->server) {
                ddl_error(r, where, "\"%s\" is not a foreign table", st->relation->relname);
                return true;
            }
        }
        st->objtype = OBJECT_TABLE; /* the rest is read as ALTER TABLE's */
    }
    return rest == NIL;
}

/* ---- dispatch ------------------------------------------------------------- */

bool foreign_read_stmt(DdlReader *r, Node *n, int off)
{
    off = ddl_stmt_start(r, off); /* errors point at the statement's first token */
    switch (nodeTag(n)) {
    case T_CreateFdwStmt: read_create_fdw(r, (CreateFdwStmt *)n, off); return true;
    case T_AlterFdwStmt: read_alter_fdw(r, (AlterFdwStmt *)n, off); return true;
    case T_CreateForeignServerStmt: read_create_server(r, (CreateForeignServerStmt *)n, off); return true;
    case T_AlterForeignServerStmt: read_alter_server(r, (AlterForeignServerStmt *)n, off); return true;
    case T_CreateUserMappingStmt: read_create_mapping(r, (CreateUserMappingStmt *)n, off); return true;
    case T_AlterUserMappingStmt: read_alter_mapping(r, (AlterUserMappingStmt *)n, off); return true;
    case T_DropUserMappingStmt: read_drop_mapping(r, (DropUserMappingStmt *)n, off); return true;
    case T_ImportForeignSchemaStmt:
        ddl_error(r, off,
                  "IMPORT FOREIGN SCHEMA reads the remote server \"%s\": it is not supported yet",
                  ((ImportForeignSchemaStmt *)n)->server_name);
        return true;
    default:
        return false;
    }
}

Obj *foreign_find(DdlReader *r, int objtype, Node *object, bool *handled)
{
    *handled = objtype == OBJECT_FDW || objtype == OBJECT_FOREIGN_SERVER;
    if (!*handled || !object || !IsA(object, String))
        return NULL;
    return (Obj *)find(r, objtype == OBJECT_FDW ? OBJ_FDW : OBJ_SERVER, strVal(object));
}

/* ---- renames -------------------------------------------------------------- */

/* ALTER FOREIGN DATA WRAPPER / SERVER ... RENAME TO: PostgreSQL refers to
 * both by OID, so the servers of a wrapper, and the user mappings and
 * foreign tables of a server, follow the new name. */
bool foreign_rename(DdlReader *r, RenameStmt *st, int off)
{
    if (st->renameType != OBJECT_FDW && st->renameType != OBJECT_FOREIGN_SERVER)
        return false;
    off = ddl_stmt_start(r, off);
    bool fdw = st->renameType == OBJECT_FDW;
    const char *what = fdw ? "foreign-data wrapper" : "server";
    const char *old = strVal(st->object);
    Definition *d = find(r, fdw ? OBJ_FDW : OBJ_SERVER, old);
    if (!d) {
        ddl_error(r, off, "%s \"%s\" does not exist", what, old);
        return true;
    }
    if (find(r, fdw ? OBJ_FDW : OBJ_SERVER, st->newname)) {
        ddl_error(r, off, "%s \"%s\" already exists", what, st->newname);
        return true;
    }
    const char *new_ = arena_strdup(r->a, st->newname);
    model_rename(r->m, &d->obj, new_);
    for (int i = 0; i < r->m->objs.n; i++) {
        Obj *x = r->m->objs.items[i];
        Definition *xd = (Definition *)x;
        if (!x)
            continue;
        if (fdw && x->kind == OBJ_SERVER && !strcmp(xd->srv_fdw, old))
            xd->srv_fdw = new_;
        if (!fdw && x->kind == OBJ_USER_MAPPING && !strcmp(xd->um_server, old)) {
            xd->um_server = new_;
            model_rename(r->m, x, mapping_name(r->a, xd->um_role, new_));
        }
        if (!fdw && x->kind == OBJ_TABLE && ((Table *)x)->server && !strcmp(((Table *)x)->server, old))
            ((Table *)x)->server = new_;
    }
    return true;
}

/* ---- drops ---------------------------------------------------------------- */

/* The objects that need wrapper or server `o`: servers of a wrapper, user
 * mappings and foreign tables of a server (directly). */
static void dependents(Model *m, const Obj *o, PtrVec *out)
{
    for (int i = 0; i < m->objs.n; i++) {
        Obj *x = m->objs.items[i];
        if (!x)
            continue;
        const Definition *d = (const Definition *)x;
        bool hit = o->kind == OBJ_FDW ? x->kind == OBJ_SERVER && !strcmp(d->srv_fdw, o->name)
                                      : (x->kind == OBJ_USER_MAPPING && !strcmp(d->um_server, o->name)) ||
                                            (x->kind == OBJ_TABLE && ((Table *)x)->server &&
                                             !strcmp(((Table *)x)->server, o->name));
        if (hit)
            vec_push(m->arena, out, x);
    }
}

bool foreign_drop(DdlReader *r, Obj *o, bool cascade, int off)
{
    PtrVec deps = {0};
    dependents(r->m, o, &deps);
    if (!deps.n)
        return true;
    if (!cascade) {
        ddl_error(r, off, "cannot drop %s because other objects depend on it (%s)", obj_display(r->a, o),
                  obj_display(r->a, deps.items[0]));
        return false;
    }
    for (int i = 0; i < deps.n; i++) {
        Obj *x = deps.items[i];
        if (x->kind == OBJ_TABLE) {
            ddl_error(r, off, "DROP ... CASCADE of %s, which %s uses, is not supported yet; drop the table first",
                      obj_display(r->a, o), obj_display(r->a, x));
            return false;
        }
        if (x->kind == OBJ_SERVER && !foreign_drop(r, x, true, off))
            return false;
    }
    for (int i = 0; i < deps.n; i++)
        model_remove(r->m, deps.items[i]);
    return true;
}

/* ---- after all files ------------------------------------------------------ */

/* The wrapper `name`: the model's, else the extension of that name. */
static void dep_on_wrapper(Model *m, Obj *o, const char *name)
{
    Obj *w = model_lookup(m, OBJ_FDW, NULL, NULL, name);
    if (!w)
        w = model_lookup(m, OBJ_EXTENSION, NULL, NULL, name);
    if (w)
        obj_add_dep(m->arena, o, w);
}

/* A HANDLER / VALIDATOR function the model holds (quoted "s"."f" text). */
static void dep_on_func(Model *m, Obj *o, const char *qf)
{
    if (!qf)
        return;
    for (int i = 0; i < m->objs.n; i++) {
        Obj *f = m->objs.items[i];
        if (f && f->kind == OBJ_FUNCTION && f->schema) {
            const char *name = ((Definition *)f)->identity;
            size_t len = strcspn(name ? name : f->name, "(");
            const char *q = q_qual(m->arena, f->schema, arena_strndup(m->arena, name ? name : f->name, len));
            if (!strcmp(q, qf))
                obj_add_dep(m->arena, o, f);
        }
    }
}

void foreign_finish(Model *m, Obj *o, Diags *diags)
{
    (void)diags;
    Definition *d = (Definition *)o;
    switch (o->kind) {
    case OBJ_FDW:
        dep_on_func(m, o, d->fdw_handler);
        dep_on_func(m, o, d->fdw_validator);
        break;
    case OBJ_SERVER:
        dep_on_wrapper(m, o, d->srv_fdw);
        break;
    case OBJ_USER_MAPPING: {
        Obj *s = model_lookup(m, OBJ_SERVER, NULL, NULL, d->um_server);
        if (s)
            obj_add_dep(m->arena, o, s);
        break;
    }
    case OBJ_TABLE: {
        Obj *s = model_lookup(m, OBJ_SERVER, NULL, NULL, ((Table *)o)->server);
        if (s)
            obj_add_dep(m->arena, o, s);
        break;
    }
    case OBJ_SCHEMA: case OBJ_EXTENSION: case OBJ_ENUM: case OBJ_SEQUENCE: case OBJ_COLUMN:
    case OBJ_CONSTRAINT: case OBJ_INDEX: case OBJ_SEQ_OWNER: case OBJ_DOMAIN: case OBJ_COMPOSITE:
    case OBJ_FUNCTION: case OBJ_AGGREGATE: case OBJ_VIEW: case OBJ_TRIGGER: case OBJ_POLICY:
    case OBJ_EVENT_TRIGGER: case OBJ_DEFAULT_ACL: case OBJ_COLLATION: case OBJ_OPERATOR: case OBJ_RULE:
    case OBJ_OPFAMILY: case OBJ_OPCLASS: case OBJ_RANGE: case OBJ_CAST: case OBJ_STATISTICS:
    case OBJ_TS_PARSER: case OBJ_TS_TEMPLATE: case OBJ_TS_DICT: case OBJ_TS_CONFIG: case OBJ_PUBLICATION:
    case OBJ_KIND_COUNT:
        break;
    }
}
