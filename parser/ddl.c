/*
 * ddl.c — the DDL interpreter: libpg_query raw parse trees -> model.
 *
 * A schema file is read as a program run against an empty database: each
 * statement is applied to the model in order, so `CREATE TABLE` followed by
 * pg_dump's `ALTER TABLE ONLY ... ADD CONSTRAINT`, `ALTER SEQUENCE ... OWNED
 * BY` and `ALTER COLUMN ... SET DEFAULT nextval(...)` build the same model
 * as the single CREATE TABLE a person writes.  The file is parsed once with
 * pg_query_raw_parse and the statements are dispatched on their node tag.
 *
 * What PostgreSQL would do implicitly is done here too, so that a file and
 * the catalog (via pg_dump) agree: serial columns become integer + owned
 * sequence + nextval default; unnamed constraints and indexes get the names
 * PostgreSQL would choose (t_pkey, t_a_key, t_a_check, t_a_fkey, t_a_idx,
 * with numeric suffixes on collision); PRIMARY KEY and identity columns
 * are NOT NULL; PRIMARY KEY and UNIQUE on the same columns of one CREATE
 * TABLE make one index; a child table gets its parents' columns, and a
 * parent's ADD COLUMN reaches its children; comments of '' are no comment.
 *
 * Tables, columns, constraints, indexes and sequences are read in
 * parser/ddl_table.c; enums, schemas, extensions, COMMENT, DROP and SET
 * here, with the statement dispatch and the file reader; views,
 * functions, triggers, policies, domains, composite types and collations
 * in parser/objects.c; GRANT, REVOKE, ALTER
 * DEFAULT PRIVILEGES and OWNER TO in parser/acl.c (DdlReader is shared).
 * Statements outside the supported kinds are located errors (exit 3), never
 * skipped: an object silently left out of a plan is worse than a refusal.
 * SET and pg_dump's set_config() preamble are understood (only search_path
 * matters); data statements (INSERT, COPY ... FROM stdin blocks, setval,
 * UPDATE, SELECT f(), ...) are left out with one warning per file when they
 * cannot change the schema, else errors (parser/datastmt.c), so a full dump
 * reads as its schema.
 *
 * ddl_finish() (parser/finish.c) runs once after all files: it checks that every reference
 * can be satisfied (parser/refs.c), resolves FOREIGN KEY targets,
 * builds the normalised copies used for comparison, records dependencies
 * (objects_finish() for the kinds of objects.c) and checks rules that span
 * statements (vector_dims checks).
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef DdlReader Reader;

/* The default schema persists across files of one source only within a
 * file; each file starts at "public" like a new psql session. */

static SrcLoc loc_at(const Reader *r, int offset)
{
    SrcLoc l = {r->file, r->text, offset};
    return l;
}

#define ERR(r, off, ...) diag_at((r)->diags, EXIT_INPUT, loc_at((r), (off)), __VA_ARGS__)

void ddl_error(DdlReader *r, int offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    ERR(r, offset, "%s", buf);
}

Obj *ddl_relation(DdlReader *r, const char *schemaname, const char *relname)
{
    char buf[PG_NAMEDATALEN * 2 + 2];
    snprintf(buf, sizeof buf, "%s.%s", schemaname ? schemaname : r->nc.default_schema, relname);
    Obj *o = map_get(&r->m->relnames, buf);
    return o && (o->kind == OBJ_TABLE || o->kind == OBJ_VIEW || o->kind == OBJ_SEQUENCE) ? o : NULL;
}

static const char *relkey(Arena *a, const char *schema, const char *name)
{
    return arena_printf(a, "%s.%s", schema, name);
}

/* relkey() into a caller's buffer, for lookups that store nothing. */
#define RELKEY_BUF(buf, schema, name) (snprintf((buf), sizeof(buf), "%s.%s", (schema), (name)), (buf))
#define comment_text ddl_comment_text


/* ---- types, schemas, extensions ------------------------------------------- */

void ddl_qualified(DdlReader *r, List *names, const char **schema, const char **name)
{
    int n = list_length(names);
    *name = strVal(llast(names));
    *schema = n >= 2 ? strVal(list_nth(names, n - 2)) : r->nc.default_schema;
}

static void read_create_enum(Reader *r, CreateEnumStmt *st)
{
    const char *schema, *name;
    ddl_qualified(r, st->typeName, &schema, &name);
    EnumType *e = model_add(r->m, sizeof(EnumType), OBJ_ENUM, schema, NULL, name, loc_at(r, -1));
    if (!e) {
        diag_at(r->diags, EXIT_INPUT, loc_at(r, -1), "type \"%s.%s\" already exists", schema, name);
        return;
    }
    e->nlabels = list_length(st->vals);
    e->labels = arena_alloc(r->a, sizeof(char *) * (size_t)(e->nlabels + 1));
    int i = 0;
    ListCell *lc;
    foreach (lc, st->vals)
        e->labels[i++] = arena_strdup(r->a, strVal(lfirst(lc)));
}

static void read_alter_enum(Reader *r, AlterEnumStmt *st, int stmt_offset)
{
    const char *schema, *name;
    ddl_qualified(r, st->typeName, &schema, &name);
    EnumType *e = (EnumType *)model_find(r->m, model_key(r->a, OBJ_ENUM, schema, NULL, name));
    if (!e) {
        ERR(r, stmt_offset, "type \"%s.%s\" does not exist", schema, name);
        return;
    }
    if (st->oldVal) { /* RENAME VALUE */
        for (int i = 0; i < e->nlabels; i++)
            if (!strcmp(e->labels[i], st->oldVal)) {
                e->labels[i] = arena_strdup(r->a, st->newVal);
                return;
            }
        ERR(r, stmt_offset, "\"%s\" is not an existing enum label", st->oldVal);
        return;
    }
    for (int i = 0; i < e->nlabels; i++)
        if (!strcmp(e->labels[i], st->newVal)) {
            if (!st->skipIfNewValExists)
                ERR(r, stmt_offset, "enum label \"%s\" already exists", st->newVal);
            return;
        }
    int pos = e->nlabels;
    if (st->newValNeighbor) {
        pos = -1;
        for (int i = 0; i < e->nlabels; i++)
            if (!strcmp(e->labels[i], st->newValNeighbor))
                pos = st->newValIsAfter ? i + 1 : i;
        if (pos < 0) {
            ERR(r, stmt_offset, "\"%s\" is not an existing enum label", st->newValNeighbor);
            return;
        }
    }
    const char **labels = arena_alloc(r->a, sizeof(char *) * (size_t)(e->nlabels + 2));
    memcpy(labels, e->labels, sizeof(char *) * (size_t)pos);
    labels[pos] = arena_strdup(r->a, st->newVal);
    memcpy(labels + pos + 1, e->labels + pos, sizeof(char *) * (size_t)(e->nlabels - pos));
    e->labels = labels;
    e->nlabels++;
}

static void add_schema(Model *m, const char *name, SrcLoc loc)
{
    model_add(m, sizeof(Schema), OBJ_SCHEMA, NULL, NULL, name, loc);
}

static void apply_stmt(Reader *r, RawStmt *rs);

static void read_create_schema(Reader *r, CreateSchemaStmt *st, int offset)
{
    const char *name = st->schemaname ? st->schemaname : (st->authrole ? st->authrole->rolename : NULL);
    if (!name) {
        ERR(r, offset, "CREATE SCHEMA needs a name");
        return;
    }
    if (!strcmp(name, SD_OWN_SCHEMA)) {
        ERR(r, offset, "schema \"%s\" is reserved for schemadiff's own state (apply history, shadow-table "
                       "phases); a database's schema of that name is never read", name);
        return;
    }
    if (model_find(r->m, model_key(r->a, OBJ_SCHEMA, NULL, NULL, name))) {
        if (!st->if_not_exists && strcmp(name, "public") != 0)
            ERR(r, offset, "schema \"%s\" already exists", name);
        return;
    }
    add_schema(r->m, name, loc_at(r, offset));
    if (st->authrole && st->authrole->roletype == ROLESPEC_CSTRING)
        acl_set_owner(r, model_lookup(r->m, OBJ_SCHEMA, NULL, NULL, name), st->authrole->rolename);
    if (st->schemaElts)
        forms_schema_elements(r, st, name, offset, apply_stmt);
}

static void read_create_extension(Reader *r, CreateExtensionStmt *st, int offset)
{
    if (!strcmp(st->extname, "plpgsql"))
        return; /* every database has it */
    if (model_find(r->m, model_key(r->a, OBJ_EXTENSION, NULL, NULL, st->extname))) {
        if (!st->if_not_exists)
            ERR(r, offset, "extension \"%s\" already exists", st->extname);
        return;
    }
    Extension *e = model_add(r->m, sizeof(Extension), OBJ_EXTENSION, NULL, NULL, st->extname,
                             loc_at(r, offset));
    ListCell *lc;
    foreach (lc, st->options) {
        DefElem *d = lfirst(lc);
        if (!strcmp(d->defname, "schema"))
            e->in_schema = arena_strdup(r->a, strVal(d->arg));
        else if (!strcmp(d->defname, "new_version"))
            e->version = arena_strdup(r->a, strVal(d->arg));
    }
    if (!e->in_schema)
        e->in_schema = r->nc.default_schema;
}

/* ---- comments --------------------------------------------------------------- */

static void read_comment(Reader *r, CommentStmt *st, int offset)
{
    const char *comment = comment_text(st->comment);
    Obj *target = NULL;
    List *names = IsA(st->object, List) ? (List *)st->object : NIL;
    int n = list_length(names);
    switch (st->objtype) {
    case OBJECT_EXTENSION:
        return; /* extensions bring their own comments */
    case OBJECT_DATABASE:
        return; /* the database's own comment: not part of a schema */
    case OBJECT_SCHEMA:
        target = model_find(r->m, model_key(r->a, OBJ_SCHEMA, NULL, NULL, strVal(st->object)));
        /* initdb's comment on public is public's default (no comment), as
         * the catalog reader and the emitter have it */
        if (comment && !strcmp(strVal(st->object), "public") && !strcmp(comment, "standard public schema"))
            comment = NULL;
        break;
    case OBJECT_TABLE:
    case OBJECT_FOREIGN_TABLE:
    case OBJECT_SEQUENCE:
    case OBJECT_INDEX: {
        const char *schema = n >= 2 ? strVal(list_nth(names, n - 2)) : r->nc.default_schema;
        ObjKind k = st->objtype == OBJECT_TABLE || st->objtype == OBJECT_FOREIGN_TABLE ? OBJ_TABLE
                    : st->objtype == OBJECT_SEQUENCE ? OBJ_SEQUENCE
                                                     : OBJ_INDEX;
        target = model_find(r->m, model_key(r->a, k, schema, NULL, strVal(llast(names))));
        if (!target && k == OBJ_INDEX) {
            /* the index of a PRIMARY KEY, UNIQUE or EXCLUDE constraint */
            char kb[PG_NAMEDATALEN * 2 + 2];
            Obj *con = map_get(&r->m->connames, RELKEY_BUF(kb, schema, strVal(llast(names))));
            if (con && con->kind == OBJ_CONSTRAINT && ((TableConstraint *)con)->contype != CON_CHECK &&
                ((TableConstraint *)con)->contype != CON_FOREIGN) {
                ((TableConstraint *)con)->index_comment = comment ? arena_strdup(r->a, comment) : NULL;
                return;
            }
        }
        break;
    }
    case OBJECT_COLUMN:
    case OBJECT_TABCONSTRAINT: {
        if (n < 2)
            break;
        const char *table = strVal(list_nth(names, n - 2));
        const char *schema = n >= 3 ? strVal(list_nth(names, n - 3)) : r->nc.default_schema;
        target = model_find(r->m, model_key(r->a, st->objtype == OBJECT_COLUMN ? OBJ_COLUMN : OBJ_CONSTRAINT,
                                            schema, table, strVal(llast(names))));
        if (!target && st->objtype == OBJECT_COLUMN &&
            objects_column_comment(r, schema, table, strVal(llast(names)), comment))
            return;
        break;
    }
    case OBJECT_DOMCONSTRAINT: {
        /* kept with the domain's column comments, marked as a constraint's */
        TypeRef t = ddl_type_of(r, linitial(names));
        const char *con = arena_printf(r->a, "\001%s", strVal(lsecond(names)));
        if (t.schema && model_lookup(r->m, OBJ_DOMAIN, t.schema, NULL, t.name) &&
            objects_column_comment(r, t.schema, t.name, con, comment))
            return;
        break;
    }
    default: {
        bool handled;
        target = objects_find(r, st->objtype, st->object, &handled);
        if (!handled) {
            ERR(r, offset, "COMMENT ON this kind of object is not supported yet");
            return;
        }
        break;
    }
    }
    if (!target) {
        ERR(r, offset, "COMMENT ON an object that does not exist");
        return;
    }
    target->comment = comment ? arena_strdup(r->a, comment) : NULL;
}

/* ---- drops ------------------------------------------------------------------ */

static void read_drop(Reader *r, DropStmt *st, int offset)
{
    ListCell *lc;
    foreach (lc, st->objects) {
        Node *o = lfirst(lc);
        Obj *target = NULL;
        switch (st->removeType) {
        case OBJECT_TABLE:
        case OBJECT_FOREIGN_TABLE:
        case OBJECT_SEQUENCE:
        case OBJECT_INDEX: {
            List *names = (List *)o;
            const char *schema, *name;
            ddl_qualified(r, names, &schema, &name);
            ObjKind k = st->removeType == OBJECT_TABLE || st->removeType == OBJECT_FOREIGN_TABLE ? OBJ_TABLE
                        : st->removeType == OBJECT_SEQUENCE ? OBJ_SEQUENCE
                                                            : OBJ_INDEX;
            target = model_find(r->m, model_key(r->a, k, schema, NULL, name));
            break;
        }
        case OBJECT_SCHEMA:
            target = model_find(r->m, model_key(r->a, OBJ_SCHEMA, NULL, NULL, strVal(o)));
            break;
        case OBJECT_EXTENSION:
            target = model_find(r->m, model_key(r->a, OBJ_EXTENSION, NULL, NULL, strVal(o)));
            break;
        default: {
            bool handled;
            target = objects_find(r, st->removeType, o, &handled);
            if (!handled) {
                ERR(r, offset, "DROP of this kind of object is not supported");
                return;
            }
            break;
        }
        }
        if (!target) {
            if (!st->missing_ok)
                ERR(r, offset, "DROP of an object that does not exist");
            continue;
        }
        if ((target->kind == OBJ_FDW || target->kind == OBJ_SERVER) && /* parser/foreign.c */
            !foreign_drop(r, target, st->behavior == DROP_CASCADE, ddl_stmt_start(r, offset)))
            continue;
        if (target->kind == OBJ_TABLE)
            ddl_remove_table_children(r, (Table *)target, NULL);
        if (target->kind == OBJ_TABLE || target->kind == OBJ_SEQUENCE || target->kind == OBJ_INDEX ||
            target->kind == OBJ_VIEW)
            map_put(r->a, &r->m->relnames, relkey(r->a, target->schema, target->name), NULL);
        model_remove(r->m, target);
    }
}

/* ---- session settings ------------------------------------------------------- */

static void set_search_path(Reader *r, const char *value)
{
    /* "app, public" or "" or "\"My Schema\"" -> first entry. */
    const char *p = value;
    while (*p == ' ')
        p++;
    if (!*p)
        return; /* pg_dump's '' qualifies everything; keep the default */
    char buf[PG_NAMEDATALEN * 2];
    size_t o = 0;
    if (*p == '"') {
        for (p++; *p && o < sizeof buf - 1; p++) {
            if (*p == '"' && p[1] == '"')
                buf[o++] = *p++;
            else if (*p == '"')
                break;
            else
                buf[o++] = *p;
        }
    } else {
        while (*p && *p != ',' && *p != ' ' && o < sizeof buf - 1)
            buf[o++] = (char)tolower((unsigned char)*p++);
    }
    buf[o] = '\0';
    if (!strcmp(buf, "$user") || !o)
        return;
    r->nc.default_schema = arena_strdup(r->a, buf);
}

static void read_set(Reader *r, VariableSetStmt *st)
{
    if (!st->name || strcmp(st->name, "search_path") != 0)
        return;
    if (st->kind == VAR_SET_VALUE && st->args) {
        /* the grammar has already folded case: "ABC" arrives as ABC */
        A_Const *c = linitial(st->args);
        if (IsA(c, A_Const) && IsA(&c->val, String) && *strVal(&c->val) && strcmp(strVal(&c->val), "$user"))
            r->nc.default_schema = arena_strdup(r->a, strVal(&c->val));
    } else if (st->kind == VAR_SET_DEFAULT || st->kind == VAR_RESET) {
        r->nc.default_schema = "public";
    }
}

/* pg_dump's `SELECT pg_catalog.set_config('search_path', '', false);` sets
 * the search_path (any set_config is session state); other SELECTs are data
 * statements (parser/datastmt.c). */
static bool read_select(Reader *r, SelectStmt *st)
{
    if (st->fromClause || list_length(st->targetList) != 1)
        return false;
    ResTarget *rt = linitial(st->targetList);
    if (!rt->val || !IsA(rt->val, FuncCall))
        return false;
    FuncCall *f = (FuncCall *)rt->val;
    if (strcmp(strVal(llast(f->funcname)), "set_config") || list_length(f->args) != 3)
        return false;
    A_Const *k = linitial(f->args), *v = lsecond(f->args);
    if (!IsA(k, A_Const) || !IsA(v, A_Const) || !IsA(&k->val, String) || !IsA(&v->val, String))
        return false;
    if (!strcmp(strVal(&k->val), "search_path"))
        set_search_path(r, strVal(&v->val));
    return true;
}

/* ---- dispatch --------------------------------------------------------------- */

static const char *stmt_name(Node *n)
{
    switch (nodeTag(n)) {
    case T_ViewStmt: return "CREATE VIEW";
    case T_CreateTableAsStmt: return "CREATE TABLE AS";
    case T_CreateFunctionStmt:
        return ((CreateFunctionStmt *)n)->is_procedure ? "CREATE PROCEDURE" : "CREATE FUNCTION";
    case T_CreateTrigStmt: return "CREATE TRIGGER";
    case T_CreateEventTrigStmt: return "CREATE EVENT TRIGGER";
    case T_CreatePolicyStmt: return "CREATE POLICY";
    case T_GrantStmt: return ((GrantStmt *)n)->is_grant ? "GRANT" : "REVOKE";
    case T_GrantRoleStmt: return "GRANT role";
    case T_AlterDefaultPrivilegesStmt: return "ALTER DEFAULT PRIVILEGES";
    case T_CreateDomainStmt: return "CREATE DOMAIN";
    case T_CompositeTypeStmt: return "CREATE TYPE ... AS (composite)";
    case T_CreateRangeStmt: return "CREATE TYPE ... AS RANGE";
    case T_DefineStmt:
        switch (((DefineStmt *)n)->kind) {
        case OBJECT_OPERATOR: return "CREATE OPERATOR";
        case OBJECT_TYPE: return "CREATE TYPE (base type)";
        case OBJECT_TSPARSER: return "CREATE TEXT SEARCH PARSER";
        case OBJECT_TSDICTIONARY: return "CREATE TEXT SEARCH DICTIONARY";
        case OBJECT_TSTEMPLATE: return "CREATE TEXT SEARCH TEMPLATE";
        case OBJECT_TSCONFIGURATION: return "CREATE TEXT SEARCH CONFIGURATION";
        default: return "CREATE OPERATOR/TYPE/TEXT SEARCH";
        }
    case T_RuleStmt: return "CREATE RULE";
    case T_InsertStmt: return "INSERT";
    case T_UpdateStmt: return "UPDATE";
    case T_DeleteStmt: return "DELETE";
    case T_SelectStmt: return "SELECT";
    case T_CopyStmt: return "COPY";
    case T_DoStmt: return "DO";
    case T_CreateRoleStmt: return "CREATE ROLE";
    case T_RenameStmt: return "ALTER ... RENAME";
    case T_CreateStatsStmt: return "CREATE STATISTICS";
    case T_CreateCastStmt: return "CREATE CAST";
    case T_CreateForeignTableStmt: return "CREATE FOREIGN TABLE";
    case T_AlterExtensionStmt: return "ALTER EXTENSION";
    case T_CallStmt: return "CALL";
    case T_TruncateStmt: return "TRUNCATE";
    default: return "this statement";
    }
}

static bool is_data_stmt(Node *n)
{
    switch (nodeTag(n)) {
    case T_InsertStmt:
    case T_UpdateStmt:
    case T_DeleteStmt:
    case T_SelectStmt:
    case T_CopyStmt:
    case T_TruncateStmt:
    case T_CallStmt:
        return true;
    default:
        return false;
    }
}

int ddl_stmt_start(const DdlReader *r, int off)
{
    const char *t = r->text;
    for (;;) {
        while (t[off] && isspace((unsigned char)t[off]))
            off++;
        if (t[off] == '-' && t[off + 1] == '-') {
            while (t[off] && t[off] != '\n')
                off++;
        } else if (t[off] == '/' && t[off + 1] == '*') {
            int depth = 0;
            do {
                if (t[off] == '/' && t[off + 1] == '*')
                    depth++, off += 2;
                else if (t[off] == '*' && t[off + 1] == '/')
                    depth--, off += 2;
                else
                    off++;
            } while (t[off] && depth > 0);
        } else {
            return off;
        }
    }
}

static void apply_stmt(Reader *r, RawStmt *rs)
{
    Node *n = rs->stmt;
    /* The statement's first token, past the blanks and comments that
     * libpg_query counts into it, so that every error points there. */
    int off = ddl_stmt_start(r, rs->stmt_location);
    r->stmt_len = rs->stmt_len ? rs->stmt_len - (off - rs->stmt_location) : 0;
    if (objects_read_stmt(r, n, off) || acl_read_stmt(r, n, off) || foreign_read_stmt(r, n, off))
        return;
    switch (nodeTag(n)) {
    case T_CreateSchemaStmt: read_create_schema(r, (CreateSchemaStmt *)n, off); return;
    case T_CreateExtensionStmt: read_create_extension(r, (CreateExtensionStmt *)n, off); return;
    case T_CreateEnumStmt: read_create_enum(r, (CreateEnumStmt *)n); return;
    case T_AlterEnumStmt: read_alter_enum(r, (AlterEnumStmt *)n, off); return;
    case T_CreateSeqStmt: ddl_read_create_seq(r, (CreateSeqStmt *)n); return;
    case T_AlterSeqStmt: ddl_read_alter_seq(r, (AlterSeqStmt *)n); return;
    case T_CreateStmt: ddl_read_create_table(r, (CreateStmt *)n); return;
    case T_CreateForeignTableStmt: { /* parser/foreign.c */
        int first = r->m->objs.n;
        if (foreign_table_check(r, (CreateForeignTableStmt *)n, off)) {
            ddl_read_create_table(r, &((CreateForeignTableStmt *)n)->base);
            foreign_table_created(r, (CreateForeignTableStmt *)n, first, off);
        }
        return;
    }
    case T_AlterTableStmt: ddl_read_alter_table(r, (AlterTableStmt *)n); return;
    case T_IndexStmt: ddl_read_index(r, (IndexStmt *)n); return;
    case T_CommentStmt: read_comment(r, (CommentStmt *)n, off); return;
    case T_DropStmt: read_drop(r, (DropStmt *)n, off); return;
    case T_VariableSetStmt: read_set(r, (VariableSetStmt *)n); return;
    case T_TransactionStmt: return;
    case T_ClusterStmt: forms_cluster(r, (ClusterStmt *)n, off); return;
    case T_RenameStmt: forms_rename(r, (RenameStmt *)n, off); return;
    case T_DoStmt: doblock_read(r, (DoStmt *)n, ddl_stmt_start(r, off)); return;
    case T_CreatePLangStmt:
        if (!strcmp(((CreatePLangStmt *)n)->plname, "plpgsql"))
            return; /* old pg_dump: every database has it */
        break;
    case T_SelectStmt:
        if (read_select(r, (SelectStmt *)n))
            return;
        break;
    default:
        break;
    }
    /* rows, backfills, setval, maintenance (parser/datastmt.c): left out
     * when they cannot change the schema; pg_dump's COPY rows are blanked
     * above */
    if (datastmt_read(r, n, off))
        return;
    /* The caret points at the statement's first token. */
    while (r->text[off] && isspace((unsigned char)r->text[off]))
        off++;
    if (guards_sequence_position(n))
        return; /* a migration's setval: data, not schema (parser/guards.c) */
    if (is_data_stmt(n))
        ERR(r, off, "%s is a data statement; schema files hold only DDL", stmt_name(n));
    else
        ERR(r, off, "%s is not supported yet", stmt_name(n));
}

/* Apply one statement; what it created gets the default privileges in
 * force (ALTER DEFAULT PRIVILEGES earlier in the file). */
static void read_stmt(Reader *r, RawStmt *rs)
{
    int first = r->m->objs.n;
    datastmt_note(r, rs->stmt);
    apply_stmt(r, rs);
    acl_apply_defaults(r, first);
}

void ddl_apply_stmt(DdlReader *r, RawStmt *rs)
{
    int len = r->stmt_len;
    bool skip;
    rs = schemaren_statement(r, rs, false, &skip); /* a renamed schema (parser/schemaren.c) */
    read_stmt(r, rs);
    r->stmt_len = len;
}

/* Convert libpg_query's error cursor (1-based, in characters) to a byte
 * offset into text. */
static int char_to_byte(const char *text, int cursorpos)
{
    int chars = 0;
    const char *p = text;
    while (*p && chars < cursorpos - 1) {
        p++;
        while (((unsigned char)*p & 0xC0) == 0x80)
            p++;
        chars++;
    }
    return (int)(p - text);
}

static bool read_text(Model *m, const char *file, const char *text, size_t from, Diags *diags, bool generated,
                      int no);

void ddl_read_text(Model *m, const char *file, const char *text, Diags *diags)
{
    read_text(m, file, text, 0, diags, false, schemaren_begin_text(m, file, text, diags, false));
    /* ALTER SCHEMA ... RENAME of a schema with objects: read every text
     * again, the statements before it renamed (parser/schemaren.c) */
    while (schemaren_restart(m, diags)) {
        const char *f, *t;
        for (int i = 1; i <= schemaren_texts(m, &f, &t, i) && !schemaren_pending(m); i++)
            read_text(m, f, t, 0, diags, false, i);
    }
}

bool ddl_read_generated(Model *m, const char *file, const char *text, size_t from, Diags *diags)
{
    return read_text(m, file, text, from, diags, true, schemaren_begin_text(m, file, text, diags, true));
}

/* The catalog reader's own text does not parse: schemadiff's mistake, not
 * the database's; named with the statement at fault (one line each, ended
 * by ";\n" as parser/catalog.c writes them). */
static void generated_fault(Reader *r, const char *buf, int off, const char *msg)
{
    const char *s = buf + off, *e = buf + off;
    while (s > buf && !(s[-1] == '\n' && s - 1 > buf && s[-2] == ';'))
        s--;
    while (*e && !(e[0] == ';' && (e[1] == '\n' || !e[1])))
        e++;
    int len = (int)(e - s) + (*e ? 1 : 0);
    diag_plain(r->diags, EXIT_INTERNAL,
               "internal error: the DDL schemadiff made of %s's catalog does not parse (%s) at: %.*s%s\n"
               "schemadiff: please report this with the objects that caused it",
               r->file, msg, len > 400 ? 400 : len, s, len > 400 ? "..." : "");
}

/* Read text's statements from byte `from` on (0: all of it); false when
 * none was read: it does not parse, or a statement is refused before any
 * is read (too deep). */
static bool read_text(Model *m, const char *file, const char *text, size_t from, Diags *diags, bool generated,
                      int no)
{
    bool read = false;
    Reader r = {m, m->arena, diags, file, text, {m->arena, "public"}};
    r.text_no = no;
    /* about one object per 40 bytes of DDL: size the key map once */
    map_reserve(m->arena, &m->by_key, m->by_key.n + (strlen(text) - from) / 40);
    /* a copy the parser may change; nothing read keeps a pointer into it
     * (locations are into `text`), so it is freed at the end */
    char *buf = strdup(text);
    if (!buf)
        abort();
    /* pg_dump (15.14 and later) brackets its output with psql's \restrict
     * and \unrestrict; they are blanked out (same length, so locations
     * stay right).  Any other meta-command is reported below. */
    for (char *p = buf; p && *p;) {
        char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        if (*p == '\\' && (!strncmp(p, "\\restrict", 9) || !strncmp(p, "\\unrestrict", 11)) &&
            (p == buf || p[-1] == '\n'))
            memset(p, ' ', len);
        p = eol ? eol + 1 : NULL;
    }
    /* pg_dump's table data: rows after each COPY ... FROM stdin statement */
    copydata_blank(buf);
    double t0 = timing_clock();
    PgQueryInternalParsetreeAndError res = ddl_raw_parse(buf, from); /* parser/rawparse.c */
    timing_report("  %s: raw parse %.3f s", file, timing_clock() - t0);
    free(res.stderr_buffer);
    if (res.error && generated) {
        /* the offset in buf (one byte per blanked byte), the statement from
         * the text: what comes before `from` is blank in buf */
        generated_fault(&r, text, char_to_byte(buf, res.error->cursorpos), res.error->message);
        pg_query_free_error(res.error);
        goto out;
    }
    if (res.error) {
        int off = char_to_byte(buf, res.error->cursorpos);
        /* A backslash at the start of a line is a psql meta-command. */
        const char *line = buf + off;
        while (line > buf && line[-1] != '\n')
            line--;
        while (*line == ' ' || *line == '\t')
            line++;
        if (*line == '\\') {
            int len = 1;
            while (line[len] && !isspace((unsigned char)line[len]))
                len++;
            ERR(&r, (int)(line - buf), "psql meta-command %.*s is not SQL; schema files hold only SQL",
                len, line);
        } else {
            ERR(&r, off, "%s", res.error->message);
        }
        pg_query_free_error(res.error);
        goto out;
    }
    /* Before any other walker sees a tree: a statement too deep for them
     * is an error at its first token, and none of the file is read. */
    bool too_deep = false;
    ListCell *lc;
    foreach (lc, res.tree) {
        RawStmt *rs = lfirst(lc);
        int bad_typmod, param, param_no;
        bool builtin;
        if (depth_check((Node *)rs, DEPTH_LIMIT, &bad_typmod, &builtin, &param, &param_no)) {
            int off = rs->stmt_location;
            while (buf[off] && isspace((unsigned char)buf[off]))
                off++;
            ERR(&r, off, "expression nested too deeply (more than %d levels)", DEPTH_LIMIT);
            too_deep = true;
        } else if (bad_typmod >= 0) {
            ERR(&r, bad_typmod, builtin ? "type modifiers of built-in types must be integer constants"
                                        : "type modifiers must be simple constants or identifiers");
            too_deep = true;
        } else if (param >= 0) {
            ERR(&r, param, "there is no parameter $%d", param_no);
            too_deep = true;
        }
    }
    if (too_deep)
        goto out;
    /* what the file's own ROLLBACK / ROLLBACK TO SAVEPOINT discards is
     * not read (parser/txblock.c) */
    bool *skipped = txblock_skipped(&r, res.tree);
    int k = 0;
    read = true;
    foreach (lc, res.tree) {
        RawStmt *rs = lfirst(lc);
        bool skip = skipped && skipped[k];
        r.stmt_no = k++;
        r.top_loc = rs->stmt_location;
        r.top_len = rs->stmt_len;
        if (!skip)
            rs = schemaren_statement(&r, rs, true, &skip); /* parser/schemaren.c */
        if (skip)
            continue;
        r.top_stmt = rs->stmt;
        read_stmt(&r, rs);
        if (schemaren_pending(m))
            goto out; /* read again from the start */
    }
    datastmt_finish(&r);
out:
    free(buf);
    return read;
}

/* Every database starts with the public schema. */
void ddl_init_model(Model *m)
{
    SrcLoc none = {NULL, NULL, -1};
    add_schema(m, "public", none);
    /* PostgreSQL 15's public schema: owned by pg_database_owner, which
     * holds USAGE and CREATE; PUBLIC may use it */
    Obj *pub = model_lookup(m, OBJ_SCHEMA, NULL, NULL, "public");
    DdlReader r = {m, m->arena, NULL, NULL, NULL, {m->arena, "public", NULL}};
    acl_set_owner(&r, pub, "pg_database_owner");
    Acl *acl = arena_alloc(m->arena, sizeof(Acl));
    acl->n = 2;
    acl->items = arena_alloc(m->arena, 2 * sizeof(AclItem));
    acl->items[0] = (AclItem){"", 1u << (strchr(ACL_PRIV_CHARS, 'U') - ACL_PRIV_CHARS), 0};
    acl->items[1] = (AclItem){ACL_OWNER, acl_kind_privs(OBJ_SCHEMA, false), 0};
    pub->acl = acl;
}
