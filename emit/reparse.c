/*
 * reparse.c — the structural safety net: everything written is parsed again.
 *
 * Names and literals reach generated SQL only through schemas/quote.c, and
 * deparsed subtrees are checked by schemas/deparse.c; this file makes the
 * remaining class of mistake impossible rather than fixed case by case.
 * Before any file is written (or a script printed), the whole migration and
 * the whole rollback are parsed again with libpg_query, once each, and must
 * come back as exactly the statements the emitters meant:
 *
 *   - the same number of statements, each starting and ending where the
 *     emitter put it (a name that smuggles in `; DROP TABLE x` adds one);
 *   - each of the kind its own first keywords announce (an ALTER TABLE
 *     parses as AlterTableStmt, a DO block as DoStmt, ...);
 *   - a DO block's body is valid PL/pgSQL (pg_query_parse_plpgsql), and a
 *     guarded body (emit_guarded) holds exactly the statements it was built
 *     from, each of its announced kind, checked when the block is built;
 *   - no statement holds DEPARSE_UNPRINTABLE, the marker a deparse that
 *     cannot be trusted prints instead of SQL.
 *
 * Any failure is an internal error naming the object whose SQL it is; the
 * caller writes nothing.  One parse of the whole script costs about what
 * reading the desired files cost, paid once per direction; a script of a
 * megabyte or more is parsed in parts of about one (two at least), on every
 * core, which is the same check (see "a large script in parts" below).
 *
 * Parsing happens in a libpg_query memory context of its own, deleted after
 * each check, so a large plan does not keep two copies of its trees.
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- what a statement announces ------------------------------------------ */

/* Statement kinds by their leading keywords: the longest matching prefix
 * wins; a prefix with tag T_Invalid is only a class (first word). */
typedef struct Announce {
    const char *prefix;
    NodeTag tag, tag2, tag3, tag4;
} Announce;

static const Announce announces[] = {
    {"CREATE TABLE", T_CreateStmt},
    {"CREATE UNLOGGED TABLE", T_CreateStmt},
    {"CREATE INDEX", T_IndexStmt},
    {"CREATE UNIQUE INDEX", T_IndexStmt},
    {"CREATE VIEW", T_ViewStmt},
    {"CREATE RECURSIVE VIEW", T_ViewStmt},
    {"CREATE OR REPLACE VIEW", T_ViewStmt},
    {"CREATE OR REPLACE RECURSIVE VIEW", T_ViewStmt},
    {"CREATE MATERIALIZED VIEW", T_CreateTableAsStmt},
    {"CREATE FUNCTION", T_CreateFunctionStmt},
    {"CREATE PROCEDURE", T_CreateFunctionStmt},
    {"CREATE OR REPLACE FUNCTION", T_CreateFunctionStmt},
    {"CREATE OR REPLACE PROCEDURE", T_CreateFunctionStmt},
    {"CREATE TRIGGER", T_CreateTrigStmt},
    {"CREATE CONSTRAINT TRIGGER", T_CreateTrigStmt},
    {"CREATE OR REPLACE TRIGGER", T_CreateTrigStmt},
    {"CREATE EVENT TRIGGER", T_CreateEventTrigStmt},
    {"CREATE POLICY", T_CreatePolicyStmt},
    {"CREATE DOMAIN", T_CreateDomainStmt},
    {"CREATE TYPE", T_CompositeTypeStmt, T_CreateEnumStmt, T_DefineStmt, T_CreateRangeStmt},
    {"CREATE SCHEMA", T_CreateSchemaStmt},
    {"CREATE EXTENSION", T_CreateExtensionStmt},
    {"CREATE SEQUENCE", T_CreateSeqStmt},
    {"CREATE COLLATION", T_DefineStmt},
    {"CREATE OR REPLACE AGGREGATE", T_DefineStmt},
    {"CREATE OPERATOR", T_DefineStmt},
    {"CREATE OR REPLACE RULE", T_RuleStmt},
    {"CREATE OPERATOR FAMILY", T_CreateOpFamilyStmt},
    {"CREATE OPERATOR CLASS", T_CreateOpClassStmt},
    {"CREATE CAST", T_CreateCastStmt},
    {"CREATE STATISTICS", T_CreateStatsStmt},
    {"ALTER STATISTICS", T_AlterStatsStmt, T_AlterOwnerStmt, T_RenameStmt},
    {"CREATE TEXT SEARCH PARSER", T_DefineStmt},
    {"CREATE TEXT SEARCH TEMPLATE", T_DefineStmt},
    {"CREATE TEXT SEARCH DICTIONARY", T_DefineStmt},
    {"CREATE TEXT SEARCH CONFIGURATION", T_DefineStmt},
    {"CREATE PUBLICATION", T_CreatePublicationStmt},
    {"CREATE FOREIGN TABLE", T_CreateForeignTableStmt},
    {"CREATE FOREIGN DATA WRAPPER", T_CreateFdwStmt},
    {"CREATE SERVER", T_CreateForeignServerStmt},
    {"CREATE USER MAPPING", T_CreateUserMappingStmt},
    {"ALTER TABLE", T_AlterTableStmt, T_RenameStmt, T_AlterObjectSchemaStmt},
    {"ALTER INDEX", T_AlterTableStmt, T_RenameStmt, T_AlterObjectSchemaStmt},
    {"ALTER VIEW", T_AlterTableStmt, T_RenameStmt, T_AlterObjectSchemaStmt},
    {"ALTER MATERIALIZED VIEW", T_AlterTableStmt, T_RenameStmt, T_AlterObjectSchemaStmt},
    {"ALTER SEQUENCE", T_AlterSeqStmt, T_AlterTableStmt, T_RenameStmt, T_AlterObjectSchemaStmt},
    {"ALTER TYPE", T_AlterTableStmt, T_AlterEnumStmt, T_AlterOwnerStmt, T_RenameStmt},
    {"ALTER DOMAIN", T_AlterDomainStmt, T_AlterOwnerStmt, T_RenameStmt},
    {"ALTER FUNCTION", T_AlterFunctionStmt, T_AlterOwnerStmt, T_RenameStmt},
    {"ALTER PROCEDURE", T_AlterFunctionStmt, T_AlterOwnerStmt, T_RenameStmt},
    {"ALTER ROUTINE", T_AlterFunctionStmt, T_AlterOwnerStmt, T_RenameStmt},
    {"ALTER EXTENSION", T_AlterExtensionStmt, T_AlterObjectSchemaStmt},
    {"ALTER EVENT TRIGGER", T_AlterEventTrigStmt, T_AlterOwnerStmt, T_RenameStmt},
    {"ALTER POLICY", T_AlterPolicyStmt, T_RenameStmt},
    {"ALTER DEFAULT PRIVILEGES", T_AlterDefaultPrivilegesStmt},
    {"ALTER SCHEMA", T_AlterOwnerStmt, T_RenameStmt},
    {"ALTER COLLATION", T_AlterOwnerStmt, T_RenameStmt, T_AlterCollationStmt},
    {"ALTER AGGREGATE", T_AlterOwnerStmt, T_RenameStmt},
    {"ALTER OPERATOR", T_AlterOwnerStmt, T_AlterOperatorStmt},
    {"ALTER OPERATOR FAMILY", T_AlterOwnerStmt, T_AlterOpFamilyStmt},
    {"ALTER OPERATOR CLASS", T_AlterOwnerStmt},
    {"ALTER TRIGGER", T_RenameStmt},
    {"ALTER TEXT SEARCH DICTIONARY", T_AlterTSDictionaryStmt, T_AlterOwnerStmt, T_RenameStmt},
    {"ALTER TEXT SEARCH CONFIGURATION", T_AlterTSConfigurationStmt, T_AlterOwnerStmt, T_RenameStmt},
    {"ALTER PUBLICATION", T_AlterPublicationStmt, T_AlterOwnerStmt, T_RenameStmt},
    {"ALTER FOREIGN TABLE", T_AlterTableStmt, T_RenameStmt, T_AlterObjectSchemaStmt},
    {"ALTER FOREIGN DATA WRAPPER", T_AlterFdwStmt, T_AlterOwnerStmt, T_RenameStmt},
    {"ALTER SERVER", T_AlterForeignServerStmt, T_AlterOwnerStmt, T_RenameStmt},
    {"ALTER USER MAPPING", T_AlterUserMappingStmt},
    {"DROP USER MAPPING", T_DropUserMappingStmt},
    {"DROP", T_DropStmt},
    {"COMMENT ON", T_CommentStmt},
    {"GRANT", T_GrantStmt},
    {"REVOKE", T_GrantStmt},
    {"DO", T_DoStmt},
    {"SET", T_VariableSetStmt},
    {"RESET", T_VariableSetStmt},
    {"BEGIN", T_TransactionStmt},
    {"COMMIT", T_TransactionStmt},
    {"SELECT", T_SelectStmt},
    {"REFRESH MATERIALIZED VIEW", T_RefreshMatViewStmt},
    {"CLUSTER", T_ClusterStmt},
    {"LOCK TABLE", T_LockStmt},       /* shadow.sql (emit/shadow.c) */
    {"CALL", T_CallStmt},
    {"INSERT INTO", T_InsertStmt},
};

/* The statement's leading keywords, upper-case words separated by single
 * spaces (comments and white space skipped), at most `cap` bytes. */
static void leading_words(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (;;) {
        while (isspace((unsigned char)*s))
            s++;
        if (s[0] == '-' && s[1] == '-') {
            while (*s && *s != '\n')
                s++;
            continue;
        }
        if (!isupper((unsigned char)*s))
            break;
        if (n && n + 1 < cap)
            out[n++] = ' ';
        while (isupper((unsigned char)*s) && n + 1 < cap)
            out[n++] = *s++;
        if (isupper((unsigned char)*s))
            break;  /* out of room */
    }
    out[n] = '\0';
}

static const Announce *announced(const char *words)
{
    const Announce *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < sizeof announces / sizeof announces[0]; i++) {
        if (announces[i].prefix[0] != words[0]) /* every statement of a script comes here */
            continue;
        size_t l = strlen(announces[i].prefix);
        if (l > best_len && !strncmp(words, announces[i].prefix, l) && (words[l] == ' ' || !words[l])) {
            best = &announces[i];
            best_len = l;
        }
    }
    return best;
}

static bool tag_fits(const Announce *an, NodeTag t)
{
    return t == an->tag || (an->tag2 && t == an->tag2) || (an->tag3 && t == an->tag3) ||
           (an->tag4 && t == an->tag4);
}

/* ---- parsing in a context of its own ---------------------------------------- */

typedef struct Parsed {
    MemoryContext ctx;
    void *saved;      /* the context current before (schemas/pgctx.c) */
    List *tree;
    char *error;      /* malloc'ed message, or NULL */
    int error_pos;    /* byte offset of the error, or -1 */
} Parsed;

static int char_to_byte(const char *s, int chars)
{
    int off = 0;
    for (int c = 0; s[off] && c < chars; off++)
        if (((unsigned char)s[off] & 0xC0) != 0x80)
            c++;
    return off;
}

static Parsed parse(const char *sql)
{
    Parsed p = {0};
    p.error_pos = -1;
    p.saved = pgctx_current();
    p.ctx = pg_query_enter_memory_context();
    PgQueryInternalParsetreeAndError r = pg_query_raw_parse(sql);
    free(r.stderr_buffer);
    if (r.error) {
        p.error = strdup(r.error->message);
        if (r.error->cursorpos > 0)
            p.error_pos = char_to_byte(sql, r.error->cursorpos - 1);
        pg_query_free_error(r.error);
    } else {
        p.tree = r.tree;
    }
    return p;
}

static void parsed_free(Parsed *p)
{
    free(p->error);
    pg_query_exit_memory_context(p->ctx); /* leaves the top context current */
    pgctx_restore(p->saved);
}

/* ---- PL/pgSQL of DO blocks --------------------------------------------------- */

/* NULL when `body` is valid PL/pgSQL, else the reason. */
static const char *plpgsql_fault(Arena *a, const char *body)
{
    const char *fn = arena_printf(a, "CREATE FUNCTION pg_temp.schemadiff_check() RETURNS void "
                                     "LANGUAGE plpgsql AS %s", q_dollar(a, body));
    void *ctx = pgctx_current();
    PgQueryPlpgsqlParseResult r = pg_query_parse_plpgsql(fn);
    pgctx_restore(ctx);
    const char *why = r.error ? arena_printf(a, "its PL/pgSQL body does not parse: %s", r.error->message) : NULL;
    pg_query_free_plpgsql_parse_result(r);
    return why;
}

static const char *do_body(const DoStmt *d)
{
    ListCell *lc;
    foreach (lc, d->args) {
        DefElem *de = lfirst(lc);
        if (!strcmp(de->defname, "as") && de->arg && IsA(de->arg, String))
            return strVal(de->arg);
    }
    return NULL;
}

/* NULL when `fs` is not a LANGUAGE plpgsql function of schemadiff's own
 * schema (shadow.sql's phases; a user's function may name what only the
 * server resolves, like `t%ROWTYPE`) or its body compiles (the statement's
 * text is sql[0..len)), else the reason. */
static const char *function_fault(Arena *a, const CreateFunctionStmt *fs, const char *sql, size_t len)
{
    ListCell *lc;
    bool plpgsql = false;
    if (list_length(fs->funcname) != 2 || strcmp(strVal(linitial(fs->funcname)), SD_OWN_SCHEMA))
        return NULL;
    foreach (lc, fs->options) {
        DefElem *de = lfirst(lc);
        if (!strcmp(de->defname, "language") && de->arg && IsA(de->arg, String))
            plpgsql = !strcmp(strVal(de->arg), "plpgsql");
    }
    if (!plpgsql)
        return NULL;
    const char *text = arena_strndup(a, sql, len);
    void *ctx = pgctx_current();
    PgQueryPlpgsqlParseResult r = pg_query_parse_plpgsql(text);
    pgctx_restore(ctx);
    const char *why = r.error ? arena_printf(a, "its PL/pgSQL body does not parse: %s", r.error->message) : NULL;
    pg_query_free_plpgsql_parse_result(r);
    return why;
}

/* ---- one statement list against what was meant ------------------------------ */

/* Check that the text sql[from, to) parses as exactly statements [lo, hi),
 * statement i spanning [starts[i], ends[i]) of sql and of the kind its
 * keywords announce.  Returns NULL, or the reason; *bad is the index of the
 * statement at fault (-1: not attributable). */
static const char *check_range(Arena *a, const char *sql, int from, int to, const int *starts, const int *ends,
                               int lo, int hi, int *bad)
{
    *bad = -1;
    char *part = NULL;
    const char *text = sql;
    if (from > 0 || sql[to] != '\0') {
        part = strndup(sql + from, (size_t)(to - from));
        if (!part)
            abort();
        text = part;
    }
    Parsed p = parse(text);
    const char *why = NULL;
    if (p.error) {
        int pos = p.error_pos >= 0 ? p.error_pos + from : -1;
        for (int i = lo; i < hi; i++)
            if (pos >= starts[i] && pos < ends[i])
                *bad = i;
        why = arena_printf(a, "it does not parse: %s", p.error);
        parsed_free(&p);
        free(part);
        return why;
    }
    int i = lo;
    ListCell *lc;
    foreach (lc, p.tree) {
        RawStmt *rs = lfirst(lc);
        int loc = from + rs->stmt_location;
        int end = from + (rs->stmt_len ? rs->stmt_location + rs->stmt_len : (int)strlen(text));
        if (i >= hi) {
            *bad = hi - 1;
            why = "it parses as more statements than were written";
            break;
        }
        /* the parsed statement must be the written one: it starts at or
         * before it (white space, comments) and ends at its ';' */
        if (loc > starts[i] || end != ends[i] - 1) {
            *bad = i;
            why = "it parses as more statements than were written";
            break;
        }
        char words[64];
        leading_words(sql + starts[i], words, sizeof words);
        const Announce *an = announced(words);
        if (!an || !tag_fits(an, nodeTag(rs->stmt))) {
            *bad = i;
            why = arena_printf(a, "it does not parse back as one %s statement", words[0] ? words : "known");
            break;
        }
        if (IsA(rs->stmt, DoStmt)) {
            const char *body = do_body((DoStmt *)rs->stmt);
            const char *f = body ? plpgsql_fault(a, body) : "it has no body";
            if (f) {
                *bad = i;
                why = f;
                break;
            }
        }
        if (IsA(rs->stmt, CreateFunctionStmt)) {
            /* a PL/pgSQL body (shadow.sql's phases) must compile too */
            const char *f = function_fault(a, (CreateFunctionStmt *)rs->stmt, sql + loc, (size_t)(end - loc));
            if (f) {
                *bad = i;
                why = f;
                break;
            }
        }
        i++;
    }
    if (!why && i != hi) {
        *bad = i < hi ? i : -1;
        why = "it parses as fewer statements than were written";
    }
    parsed_free(&p);
    free(part);
    return why;
}

/* ---- a large script in parts, on threads ----------------------------------------
 *
 * A script is cut before a statement into parts of about equal size, which a
 * few workers (one per core, this thread among them; two at least and
 * REPARSE_WORKERS at most) parse in turn, each in a libpg_query context of its
 * own deleted after the part is checked (libpg_query's memory is per thread).
 * This is the same check as one parse of the whole: a part that parses ends in
 * the lexer's initial state (an open quote, comment or dollar quote is an
 * error at the part's end), so the next part starts where one parse of the
 * whole would be at that byte; and each part must be exactly its own
 * statements, so a statement that swallows the next, or one smuggled in, is
 * refused in its part as it would be in the whole.  Only the parts being
 * checked have trees at any time: a 13 MB dump holds two 1 MB parts' trees,
 * not its own 190 MB.
 */
typedef struct Part {
    int from, to, lo, hi;
    Arena arena; /* a worker's messages, copied out after the join */
    const char *why;
    int bad;
} Part;

typedef struct Parts {
    const char *sql;
    const int *starts, *ends;
    Part *part;
    int n;
    atomic_int next; /* the next part a worker takes */
} Parts;

static void *parts_worker(void *arg)
{
    Parts *ps = arg;
    int k;
    while ((k = atomic_fetch_add(&ps->next, 1)) < ps->n) {
        Part *p = &ps->part[k];
        p->why = check_range(&p->arena, ps->sql, p->from, p->to, ps->starts, ps->ends, p->lo, p->hi, &p->bad);
    }
    return NULL;
}

#define REPARSE_MAX_PARTS 64
#define REPARSE_WORKERS 4

static const char *check_statements(Arena *a, const char *sql, const int *starts, const int *ends, int n, int parts,
                                    int *bad)
{
    *bad = -1;
    const char *marker = strstr(sql, DEPARSE_UNPRINTABLE);
    if (marker) {
        int off = (int)(marker - sql);
        for (int i = 0; i < n; i++)
            if (off >= starts[i] && off < ends[i])
                *bad = i;
        const char *why = marker + strlen(DEPARSE_UNPRINTABLE);
        const char *end = strchr(why, '\001');
        return arena_printf(a, "a part of it could not be printed safely (%.*s)",
                            (int)(end ? end - why : (ptrdiff_t)strlen(why)), why);
    }
    int len = (int)strlen(sql);
    if (parts > n)
        parts = n;
    if (parts > REPARSE_MAX_PARTS)
        parts = REPARSE_MAX_PARTS;
    if (parts < 2)
        return check_range(a, sql, 0, len, starts, ends, 0, n, bad);
    /* part k starts at the first statement starting at or past k/parts of
     * the text (part 0 at byte 0, with whatever precedes statement 0) */
    Part part[REPARSE_MAX_PARTS];
    Parts ps = {sql, starts, ends, part, 0, 0};
    int lo = 0;
    for (int k = 0; k < parts; k++) {
        int hi = n;
        if (k + 1 < parts) {
            long want = (long)len * (k + 1) / parts;
            hi = lo + 1;
            while (hi < n && starts[hi] < want)
                hi++;
        }
        if (lo >= n)
            break;
        part[ps.n] = (Part){.from = ps.n ? starts[lo] : 0, .to = hi < n ? starts[hi] : len, .lo = lo, .hi = hi,
                            .bad = -1};
        ps.n++;
        lo = hi;
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int workers = (int)(cores < 2 ? 2 : cores > REPARSE_WORKERS ? REPARSE_WORKERS : cores);
    if (workers > ps.n)
        workers = ps.n;
    pthread_t thread[REPARSE_WORKERS];
    bool threaded[REPARSE_WORKERS] = {false};
    pthread_attr_t attr;
    bool have_attr = stack_attr_init(&attr); /* deep statements are walked recursively */
    for (int w = 1; w < workers; w++)
        threaded[w] = pthread_create(&thread[w], have_attr ? &attr : NULL, parts_worker, &ps) == 0;
    if (have_attr)
        pthread_attr_destroy(&attr);
    parts_worker(&ps); /* this thread takes parts too, and the rest if no thread started */
    for (int w = 1; w < workers; w++)
        if (threaded[w])
            pthread_join(thread[w], NULL);
    /* the first part at fault is the one reported, as one parse would */
    const char *why = NULL;
    for (int k = 0; k < ps.n; k++) {
        if (!why && part[k].why) {
            why = arena_strdup(a, part[k].why);
            *bad = part[k].bad;
        }
        arena_free(&part[k].arena);
    }
    return why;
}

/* ---- entry points ------------------------------------------------------------ */

/* A script of this size or more is parsed in parts of about this size
 * (two at least), by as many workers as there are cores: the time of a
 * 10,000-table dump's check halves on two cores, and its memory is a few
 * parts' trees. */
#define REPARSE_PART_BYTES (1 << 20)

const char *reparse_script(Arena *a, const Script *s)
{
    size_t len = s->text ? strlen(s->text) : 0;
    int parts = len < REPARSE_PART_BYTES ? 1 : len < 2 * REPARSE_PART_BYTES ? 2 : (int)(len / REPARSE_PART_BYTES);
    return reparse_script_parts(a, s, parts);
}

const char *reparse_script_parts(Arena *a, const Script *s, int parts)
{
    if (!s->n)
        return NULL;
    int *starts = arena_alloc(a, sizeof(int) * (size_t)s->n);
    int *ends = arena_alloc(a, sizeof(int) * (size_t)s->n);
    for (int i = 0; i < s->n; i++) {
        starts[i] = s->stmts[i].start;
        ends[i] = s->stmts[i].end;
    }
    int bad;
    const char *why = check_statements(a, s->text, starts, ends, s->n, parts, &bad);
    if (!why)
        return NULL;
    const ScriptStmt *st = bad >= 0 ? &s->stmts[bad] : NULL;
    const Change *c = st ? st->change : NULL;
    const Obj *o = c ? (c->desired ? c->desired : c->current) : NULL;
    /* an excerpt of the statement, on one line, for the report */
    StrBuf ex;
    sb_init(&ex);
    if (st) {
        int len = st->end - st->start;
        for (int k = 0; k < len && k < 160; k++) {
            char ch = s->text[st->start + k];
            sb_putc(&ex, ch == '\n' || ch == '\r' || ch == '\t' ? ' ' : ch == '\001' ? '?' : ch);
        }
        if (len > 160)
            sb_puts(&ex, "...");
    }
    const char *excerpt = sb_take(&ex, a);
    sb_free(&ex);
    return arena_printf(a, "the %s SQL generated for %s is not what was meant: %s%s%s",
                        s->dump ? "dump" : s->rollback ? "rollback" : "migration",
                        o ? obj_display(a, o) : st ? "the script's own statements" : "the script", why,
                        st ? "\n    statement: " : "", st ? excerpt : "");
}

const char *reparse_guarded_body(Arena *a, const char *body, int n)
{
    /* the statements of a guarded body are ';'-terminated and separated by
     * white space only: find their bounds with the parser itself, then
     * insist the count is the one the emitter built */
    Parsed p = parse(body);
    const char *why = NULL;
    if (p.error) {
        why = arena_printf(a, "guarded statement does not parse: %s", p.error);
    } else if (list_length(p.tree) != n) {
        why = arena_printf(a, "guarded body parses as %d statements, %d were written", list_length(p.tree), n);
    } else {
        ListCell *lc;
        foreach (lc, p.tree) {
            RawStmt *rs = lfirst(lc);
            char words[64];
            leading_words(body + rs->stmt_location, words, sizeof words);
            const Announce *an = announced(words);
            if (!an || !tag_fits(an, nodeTag(rs->stmt))) {
                why = arena_printf(a, "guarded statement does not parse back as one %s statement",
                                   words[0] ? words : "known");
                break;
            }
        }
    }
    parsed_free(&p);
    return why;
}

const char *reparse_condition(Arena *a, const char *cond)
{
    const char *sql = arena_printf(a, "SELECT %s", cond);
    Parsed p = parse(sql);
    const char *why = NULL;
    if (p.error)
        why = arena_printf(a, "guard condition does not parse: %s", p.error);
    else if (list_length(p.tree) != 1 || !IsA(((RawStmt *)linitial(p.tree))->stmt, SelectStmt))
        why = "guard condition is not one expression";
    parsed_free(&p);
    return why;
}

int reparse_announce_count(void)
{
    return (int)(sizeof announces / sizeof announces[0]);
}

const char *reparse_announce_prefix(int i)
{
    return i >= 0 && i < reparse_announce_count() ? announces[i].prefix : NULL;
}
