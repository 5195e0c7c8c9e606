/*
 * replay.c — a migrations directory read as the state it builds, and the
 * DDL of a migration file as statements to compare (schemadiff check).
 *
 * A directory of migrations is replayed in name order: each file read into
 * one model the way source_read() reads a directory (each file in a fresh
 * session state), but from a list the caller chose — `check` leaves out
 * the *.down.sql rollbacks, and `--latest` wants the state before the
 * newest file as well as after it.
 *
 * `--latest` compares the newest file with the migration schemadiff would
 * write for the same step.  What is compared is the DDL each file runs,
 * normalised so that neither formatting nor guards matter: every statement
 * is parsed with libpg_query; SET/RESET, BEGIN/COMMIT and the like are
 * dropped; a DO block stands for the SQL statements its PL/pgSQL body
 * runs (not its conditions, loops or PERFORMs: the guard); and the
 * `IF [NOT] EXISTS` flags of what remains are cleared.  Two statements
 * are the same when PostgreSQL's equal() says their trees are (locations
 * ignored, constants not: never a fingerprint).
 */
#include "pg.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

Model *replay_read(Arena *a, const PtrVec *files, const PtrVec *texts, int n, const char *label,
                   const SourceFilter *filter, Diags *diags)
{
    Model *m = model_new(a, label);
    m->filter = filter;
    ddl_init_model(m);
    DdlReading rd = ddl_reading_begin(); /* as source_read() reads */
    for (int i = 0; i < n; i++)
        ddl_read_text(m, files->items[i], texts->items[i], diags);
    ddl_reading_end(m, rd, diags);
    return m;
}

/* Clear what only guards a statement: IF [NOT] EXISTS, at every level
 * PostgreSQL's grammar has one. */
static void unguard(Node *n)
{
    if (!n)
        return;
    switch (nodeTag(n)) {
    case T_CreateStmt:
        ((CreateStmt *)n)->if_not_exists = false;
        break;
    case T_CreateTableAsStmt:
        ((CreateTableAsStmt *)n)->if_not_exists = false;
        break;
    case T_IndexStmt:
        ((IndexStmt *)n)->if_not_exists = false;
        break;
    case T_CreateSeqStmt:
        ((CreateSeqStmt *)n)->if_not_exists = false;
        break;
    case T_CreateSchemaStmt:
        ((CreateSchemaStmt *)n)->if_not_exists = false;
        break;
    case T_CreateExtensionStmt:
        ((CreateExtensionStmt *)n)->if_not_exists = false;
        break;
    case T_CreateStatsStmt:
        ((CreateStatsStmt *)n)->if_not_exists = false;
        break;
    case T_DefineStmt:
        ((DefineStmt *)n)->if_not_exists = false;
        break;
    case T_DropStmt:
        ((DropStmt *)n)->missing_ok = false;
        break;
    case T_RenameStmt:
        ((RenameStmt *)n)->missing_ok = false;
        break;
    case T_AlterSeqStmt:
        ((AlterSeqStmt *)n)->missing_ok = false;
        break;
    case T_AlterTableStmt: {
        AlterTableStmt *at = (AlterTableStmt *)n;
        at->missing_ok = false;
        ListCell *lc;
        foreach (lc, at->cmds) {
            AlterTableCmd *cmd = lfirst(lc);
            cmd->missing_ok = false; /* ADD COLUMN IF NOT EXISTS, DROP ... IF EXISTS */
        }
        break;
    }
    case T_AlterDomainStmt:
        ((AlterDomainStmt *)n)->missing_ok = false;
        break;
    case T_DropRoleStmt:
        ((DropRoleStmt *)n)->missing_ok = false;
        break;
    case T_AlterObjectSchemaStmt:
        ((AlterObjectSchemaStmt *)n)->missing_ok = false;
        break;
    case T_AlterEnumStmt:
        ((AlterEnumStmt *)n)->skipIfNewValExists = false;
        break;
    default:
        break;
    }
}

/* What only frames a migration: session settings and transaction control. */
static bool framing(const Node *n)
{
    switch (nodeTag(n)) {
    case T_VariableSetStmt:
    case T_TransactionStmt:
        return true;
    default:
        return false;
    }
}

static void push(Arena *a, PtrVec *out, Node *tree, const char *file, const char *text, int offset,
                 const char *sql)
{
    ReplayStmt *s = arena_alloc(a, sizeof *s);
    s->tree = tree;
    s->loc = (SrcLoc){file, text, offset};
    s->sql = sql;
    vec_push(a, out, s);
}

/* The statements a DO block's body runs (its SQL, not its expressions). */
static void do_statements(Arena *a, DoStmt *st, const char *file, const char *text, int offset, PtrVec *out)
{
    const char *body = NULL, *language = "plpgsql";
    ListCell *lc;
    foreach (lc, st->args) {
        DefElem *d = lfirst(lc);
        if (!strcmp(d->defname, "as"))
            body = strVal(d->arg);
        else if (!strcmp(d->defname, "language"))
            language = strVal(d->arg);
    }
    PtrVec inner = {0};
    int n = -1;
    if (body && !strcmp(language, "plpgsql")) {
        const char *tag = "$sd_cmp$";
        for (int k = 0; strstr(body, tag); k++)
            tag = arena_printf(a, "$sd_cmp%d$", k);
        n = plpgsql_body_statements(
            a, arena_printf(a, "CREATE FUNCTION pg_temp.sd_cmp() RETURNS void LANGUAGE plpgsql AS %s%s%s", tag, body, tag),
            &inner);
    }
    if (n < 0) {
        /* not PL/pgSQL we can read: the block itself is the statement */
        push(a, out, (Node *)st, file, text, offset, body);
        return;
    }
    for (int i = 0; i < inner.n; i++) {
        Node *t = inner.items[i];
        if (IsA(t, RawStmt))
            t = ((RawStmt *)t)->stmt;
        if (IsA(t, SelectStmt) || framing(t))
            continue; /* a condition, a loop's query, PERFORM: the guard */
        if (IsA(t, DoStmt)) {
            do_statements(a, (DoStmt *)t, file, text, offset, out);
            continue;
        }
        unguard(t);
        push(a, out, t, file, text, offset, NULL);
    }
}

bool replay_statements(Arena *a, const char *file, const char *text, PtrVec *out, Diags *diags)
{
    char *buf = arena_strdup(a, text);
    copydata_blank(buf);
    PgQueryInternalParsetreeAndError res = pg_query_raw_parse(buf);
    free(res.stderr_buffer);
    if (res.error) {
        SrcLoc loc = {file, text, 0};
        diag_at(diags, EXIT_INPUT, loc, "%s", res.error->message);
        pg_query_free_error(res.error);
        return false;
    }
    ListCell *lc;
    foreach (lc, res.tree) {
        RawStmt *rs = lfirst(lc);
        int off = rs->stmt_location;
        while (buf[off] == ' ' || buf[off] == '\n' || buf[off] == '\t' || buf[off] == '\r')
            off++;
        /* past comments too: where the statement's first token is */
        for (;;) {
            if (buf[off] == '-' && buf[off + 1] == '-') {
                while (buf[off] && buf[off] != '\n')
                    off++;
            } else if (buf[off] == '/' && buf[off + 1] == '*') {
                const char *e = strstr(buf + off + 2, "*/");
                off = e ? (int)(e - buf) + 2 : (int)strlen(buf);
            } else {
                break;
            }
            while (buf[off] == ' ' || buf[off] == '\n' || buf[off] == '\t' || buf[off] == '\r')
                off++;
        }
        int end = rs->stmt_len ? rs->stmt_location + rs->stmt_len : (int)strlen(buf);
        const char *sql = arena_strndup(a, buf + off, end > off ? (size_t)(end - off) : 0);
        if (framing(rs->stmt))
            continue;
        if (IsA(rs->stmt, DoStmt)) {
            do_statements(a, (DoStmt *)rs->stmt, file, text, off, out);
            continue;
        }
        unguard(rs->stmt);
        push(a, out, rs->stmt, file, text, off, sql);
    }
    return true;
}

bool replay_same(const ReplayStmt *x, const ReplayStmt *y)
{
    return equal(x->tree, y->tree);
}
