/*
 * applyscript.c — a reviewed plan directory read for `apply --plan DIR`:
 * DIR/migration.sql as the groups apply runs, DIR/plan.json as the facts
 * apply checks before it runs anything.
 *
 * migration.sql is split with libpg_query's parser (never by searching the
 * text for ';'), and its top-level statements make the groups the way psql
 * would run them: BEGIN … COMMIT is one transaction group; a statement
 * outside any block runs alone (it is one that cannot run in a transaction:
 * CREATE INDEX CONCURRENTLY, a validation meant to commit on its own);
 * SET/RESET outside a block are the session's settings (lock_timeout,
 * statement_timeout), run before any group, also when a run resumes.  The
 * `-- N. summary` and `-- step N.K:` comments schemadiff writes above each
 * statement name it in progress lines and errors, and say which change a
 * statement belongs to: a statement outside a transaction is retried, or
 * resumed, from the first statement of its change.  A file that is not such
 * a script (ROLLBACK, a BEGIN without COMMIT, COPY FROM stdin) is an input
 * error at its place.
 *
 * plan.json is read with a small JSON reader of our own (the file is
 * ours, docs/plan-json.md): the fingerprints of both states, the hazards
 * of the plan, and the steps whose pre-flight found rows that make them
 * fail.  The fingerprints in migration.sql's header must agree with it: a
 * directory holding files of two plans is refused.
 */
#include "pg.h"
#include "model.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- migration.sql ----------------------------------------------------------- */

static int skip_space_comments(const char *buf, int off)
{
    for (;;) {
        while (buf[off] == ' ' || buf[off] == '\n' || buf[off] == '\t' || buf[off] == '\r')
            off++;
        if (buf[off] == '-' && buf[off + 1] == '-') {
            while (buf[off] && buf[off] != '\n')
                off++;
        } else if (buf[off] == '/' && buf[off + 1] == '*') {
            const char *e = strstr(buf + off + 2, "*/");
            off = e ? (int)(e - buf) + 2 : (int)strlen(buf);
        } else {
            return off;
        }
    }
}

/* The comments schemadiff wrote between `from` and `to`: the change's
 * "-- N. summary" line and the statement's "-- step N.K:" line. */
static void read_comments(Arena *a, const char *buf, int from, int to, int *change, const char **summary,
                          const char **step)
{
    int off = from;
    while (off < to) {
        const char *line = buf + off;
        const char *nl = memchr(line, '\n', (size_t)(to - off));
        int len = nl ? (int)(nl - line) : to - off;
        if (len > 8 && !strncmp(line, "-- step ", 8)) {
            int n = 0, k = 0, used = 0;
            if (sscanf(line + 8, "%d.%d:%n", &n, &k, &used) == 2 && used > 0) {
                *change = n;
                *step = arena_printf(a, "step %d.%d", n, k);
            }
        } else if (len > 3 && !strncmp(line, "-- ", 3) && line[3] >= '1' && line[3] <= '9') {
            int n = 0, used = 0;
            if (sscanf(line + 3, "%d. %n", &n, &used) == 1 && used > 0) {
                /* "-- 4. create public.t_a (index)  [hazard: …]" */
                const char *text = line + 3 + used;
                int tl = len - 3 - used;
                const char *hz = memchr(text, '[', (size_t)tl);
                if (hz)
                    tl = (int)(hz - text);
                while (tl > 0 && text[tl - 1] == ' ')
                    tl--;
                *summary = arena_strndup(a, text, (size_t)tl);
                *change = n;
            }
        }
        off += len + 1;
    }
}

static ApplyGroup *new_group(Arena *a, ApplyScript *sc, bool tx)
{
    ApplyGroup *g = arena_alloc(a, sizeof *g);
    g->transactional = tx;
    vec_push(a, &sc->groups, g);
    return g;
}

bool applyscript_read(Arena *a, const char *file, const char *text, ApplyScript *sc, Diags *diags)
{
    memset(sc, 0, sizeof *sc);
    sc->text = text;
    PgQueryInternalParsetreeAndError res = pg_query_raw_parse(text);
    free(res.stderr_buffer);
    if (res.error) {
        int off = res.error->cursorpos > 0 ? res.error->cursorpos - 1 : 0;
        SrcLoc loc = {file, text, off < (int)strlen(text) ? off : 0};
        diag_at(diags, EXIT_INPUT, loc, "%s", res.error->message);
        pg_query_free_error(res.error);
        return false;
    }
    ApplyGroup *open = NULL;
    int open_at = 0;
    int change = 0;
    const char *summary = NULL;
    ListCell *lc;
    foreach (lc, res.tree) {
        RawStmt *rs = lfirst(lc);
        int start = rs->stmt_location;
        int off = skip_space_comments(text, start);
        const char *step = NULL;
        read_comments(a, text, start, off, &change, &summary, &step);
        int end = rs->stmt_len ? rs->stmt_location + rs->stmt_len : (int)strlen(text);
        while (end > off && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\t'))
            end--;
        const char *sql = arena_printf(a, "%.*s;", end - off, text + off);
        SrcLoc loc = {file, text, off};
        Node *n = rs->stmt;
        if (IsA(n, TransactionStmt)) {
            TransactionStmtKind k = ((TransactionStmt *)n)->kind;
            if (k == TRANS_STMT_BEGIN || k == TRANS_STMT_START) {
                if (open) {
                    diag_at(diags, EXIT_INPUT, loc, "BEGIN inside the transaction group opened before it: apply "
                                                    "runs BEGIN … COMMIT groups that do not nest");
                    return false;
                }
                open = new_group(a, sc, true);
                open_at = off;
                continue;
            }
            if (k == TRANS_STMT_COMMIT) {
                if (!open) {
                    diag_at(diags, EXIT_INPUT, loc, "COMMIT without a BEGIN before it");
                    return false;
                }
                if (!open->stmts.n) /* an empty group runs nothing */
                    sc->groups.n--;
                open = NULL;
                continue;
            }
            if (!open || k == TRANS_STMT_ROLLBACK || k == TRANS_STMT_PREPARE || k == TRANS_STMT_COMMIT_PREPARED ||
                k == TRANS_STMT_ROLLBACK_PREPARED) {
                diag_at(diags, EXIT_INPUT, loc, "apply runs BEGIN … COMMIT groups and single statements; this "
                                                "transaction statement is not one of them");
                return false;
            }
        }
        if (IsA(n, CopyStmt) && ((CopyStmt *)n)->is_from && !((CopyStmt *)n)->filename) {
            diag_at(diags, EXIT_INPUT, loc, "COPY … FROM STDIN needs psql to send its rows; apply does not run it");
            return false;
        }
        if (!open && IsA(n, VariableSetStmt)) {
            vec_push(a, &sc->session, (void *)sql);
            continue;
        }
        const char *label;
        if (step) {
            label = arena_printf(a, "%s (%s)", step, summary ? summary : "");
        } else {
            int line = 0, col = 0;
            diag_line_col(loc, &line, &col);
            label = arena_printf(a, "%s:%d", file, line);
        }
        ApplyGroup *g = open ? open : new_group(a, sc, false);
        if (!g->stmts.n)
            g->change = step ? change : 0;
        else if (g->change != (step ? change : 0))
            g->change = -1; /* a transaction of several changes: retried whole */
        vec_push(a, &g->stmts, (void *)sql);
        vec_push(a, &g->labels, (void *)label);
        sc->statements++;
    }
    if (open) {
        SrcLoc loc = {file, text, open_at};
        diag_at(diags, EXIT_INPUT, loc, "BEGIN without a COMMIT after it: the group would never be committed");
        return false;
    }
    return true;
}

/* ---- plan.json --------------------------------------------------------------- */

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } JType;

typedef struct JVal {
    JType type;
    const char *str;   /* J_STR; J_NUM: its text */
    bool b;
    PtrVec items;      /* J_ARR: JVal *; J_OBJ: values */
    PtrVec keys;       /* J_OBJ: char * */
    int offset;
} JVal;

typedef struct JReader {
    Arena *a;
    const char *t;
    int pos, depth;
    const char *error;
    int error_at;
} JReader;

static void j_ws(JReader *r)
{
    while (r->t[r->pos] == ' ' || r->t[r->pos] == '\n' || r->t[r->pos] == '\t' || r->t[r->pos] == '\r')
        r->pos++;
}

static JVal *j_fail(JReader *r, const char *msg)
{
    if (!r->error) {
        r->error = msg;
        r->error_at = r->pos;
    }
    return NULL;
}

static void put_utf8(StrBuf *sb, unsigned cp)
{
    if (cp < 0x80) {
        sb_putc(sb, (char)cp);
    } else if (cp < 0x800) {
        sb_putc(sb, (char)(0xc0 | (cp >> 6)));
        sb_putc(sb, (char)(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        sb_putc(sb, (char)(0xe0 | (cp >> 12)));
        sb_putc(sb, (char)(0x80 | ((cp >> 6) & 0x3f)));
        sb_putc(sb, (char)(0x80 | (cp & 0x3f)));
    } else {
        sb_putc(sb, (char)(0xf0 | (cp >> 18)));
        sb_putc(sb, (char)(0x80 | ((cp >> 12) & 0x3f)));
        sb_putc(sb, (char)(0x80 | ((cp >> 6) & 0x3f)));
        sb_putc(sb, (char)(0x80 | (cp & 0x3f)));
    }
}

static int hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

static const char *j_string(JReader *r)
{
    StrBuf sb;
    sb_init(&sb);
    r->pos++; /* the opening quote */
    for (;;) {
        char c = r->t[r->pos];
        if (!c || (unsigned char)c < 0x20) {
            sb_free(&sb);
            j_fail(r, "unterminated string");
            return NULL;
        }
        r->pos++;
        if (c == '"')
            break;
        if (c != '\\') {
            sb_putc(&sb, c);
            continue;
        }
        char e = r->t[r->pos++];
        switch (e) {
        case '"': case '\\': case '/': sb_putc(&sb, e); break;
        case 'b': sb_putc(&sb, '\b'); break;
        case 'f': sb_putc(&sb, '\f'); break;
        case 'n': sb_putc(&sb, '\n'); break;
        case 'r': sb_putc(&sb, '\r'); break;
        case 't': sb_putc(&sb, '\t'); break;
        case 'u': {
            int cp = (int)strnlen(r->t + r->pos, 4) == 4 ? hex4(r->t + r->pos) : -1;
            if (cp < 0) {
                sb_free(&sb);
                j_fail(r, "bad \\u escape");
                return NULL;
            }
            r->pos += 4;
            if (cp >= 0xd800 && cp < 0xdc00 && r->t[r->pos] == '\\' && r->t[r->pos + 1] == 'u') {
                int lo = (int)strnlen(r->t + r->pos + 2, 4) == 4 ? hex4(r->t + r->pos + 2) : -1;
                if (lo >= 0xdc00 && lo < 0xe000) {
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                    r->pos += 6;
                }
            }
            put_utf8(&sb, cp ? (unsigned)cp : 0xfffd);
            break;
        }
        default:
            sb_free(&sb);
            j_fail(r, "bad escape in a string");
            return NULL;
        }
    }
    const char *s = sb_take(&sb, r->a);
    sb_free(&sb);
    return s;
}

static JVal *j_value(JReader *r)
{
    j_ws(r);
    if (++r->depth > 64)
        return j_fail(r, "nested too deep");
    JVal *v = arena_alloc(r->a, sizeof *v);
    v->offset = r->pos;
    char c = r->t[r->pos];
    if (c == '{' || c == '[') {
        bool obj = c == '{';
        v->type = obj ? J_OBJ : J_ARR;
        r->pos++;
        j_ws(r);
        if (r->t[r->pos] == (obj ? '}' : ']')) {
            r->pos++;
            r->depth--;
            return v;
        }
        for (;;) {
            j_ws(r);
            if (obj) {
                if (r->t[r->pos] != '"')
                    return j_fail(r, "expected a key");
                const char *k = j_string(r);
                if (!k)
                    return NULL;
                j_ws(r);
                if (r->t[r->pos] != ':')
                    return j_fail(r, "expected ':'");
                r->pos++;
                vec_push(r->a, &v->keys, (void *)k);
            }
            JVal *item = j_value(r);
            if (!item)
                return NULL;
            vec_push(r->a, &v->items, item);
            j_ws(r);
            if (r->t[r->pos] == ',') {
                r->pos++;
                continue;
            }
            if (r->t[r->pos] == (obj ? '}' : ']')) {
                r->pos++;
                break;
            }
            return j_fail(r, obj ? "expected ',' or '}'" : "expected ',' or ']'");
        }
    } else if (c == '"') {
        v->type = J_STR;
        v->str = j_string(r);
        if (!v->str)
            return NULL;
    } else if (!strncmp(r->t + r->pos, "true", 4) || !strncmp(r->t + r->pos, "false", 5)) {
        v->type = J_BOOL;
        v->b = c == 't';
        r->pos += v->b ? 4 : 5;
    } else if (!strncmp(r->t + r->pos, "null", 4)) {
        v->type = J_NULL;
        r->pos += 4;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        int s = r->pos;
        r->pos++;
        while (strchr("0123456789.eE+-", r->t[r->pos]) && r->t[r->pos])
            r->pos++;
        v->type = J_NUM;
        v->str = arena_strndup(r->a, r->t + s, (size_t)(r->pos - s));
    } else {
        return j_fail(r, "expected a JSON value");
    }
    r->depth--;
    return v;
}

static const JVal *j_get(const JVal *o, const char *key)
{
    if (!o || o->type != J_OBJ)
        return NULL;
    for (int i = 0; i < o->keys.n; i++)
        if (!strcmp(o->keys.items[i], key))
            return o->items.items[i];
    return NULL;
}

static const char *j_str(const JVal *v)
{
    return v && v->type == J_STR ? v->str : NULL;
}

/* "(state 0123abcd…)" at the end of the header line that starts with
 * `prefix`, or NULL. */
static const char *header_state(Arena *a, const char *text, const char *prefix)
{
    size_t pl = strlen(prefix);
    for (const char *p = text; p && *p == '-';) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len > pl && !strncmp(p, prefix, pl)) {
            const char *st = NULL;
            for (const char *q = p; q + 7 <= p + len; q++)
                if (!strncmp(q, "(state ", 7))
                    st = q + 7;
            if (!st)
                return NULL;
            const char *close = memchr(st, ')', (size_t)(p + len - st));
            return close ? arena_strndup(a, st, (size_t)(close - st)) : NULL;
        }
        p = nl ? nl + 1 : NULL;
    }
    return NULL;
}

bool applyplan_read(Arena *a, const char *file, const char *text, const char *migration_file,
                    const char *migration, AppliedPlan *p, Diags *diags)
{
    memset(p, 0, sizeof *p);
    JReader r = {a, text, 0, 0, NULL, 0};
    JVal *root = j_value(&r);
    if (root) {
        j_ws(&r);
        if (text[r.pos])
            j_fail(&r, "text after the JSON value");
    }
    if (r.error) {
        SrcLoc loc = {file, text, r.error_at < (int)strlen(text) ? r.error_at : 0};
        diag_at(diags, EXIT_INPUT, loc, "not a plan.json: %s", r.error);
        return false;
    }
    SrcLoc top = {file, text, root->offset};
    const JVal *fps = j_get(root, "fingerprints");
    p->from_fp = j_str(j_get(fps, "from"));
    p->to_fp = j_str(j_get(fps, "to"));
    p->from_src = j_str(j_get(root, "from"));
    p->to_src = j_str(j_get(root, "to"));
    if (root->type != J_OBJ || !p->from_fp || !p->to_fp) {
        diag_at(diags, EXIT_INPUT, top, "not a plan.json of `schemadiff plan --out`: no \"fingerprints\": "
                                        "{\"from\": …, \"to\": …}");
        return false;
    }
    const JVal *hz = j_get(root, "hazards");
    for (int i = 0; hz && hz->type == J_ARR && i < hz->items.n; i++) {
        const JVal *h = hz->items.items[i];
        unsigned bit = j_str(h) ? hazard_by_name(j_str(h)) : 0;
        if (!bit) {
            SrcLoc loc = {file, text, h->offset};
            diag_at(diags, EXIT_INPUT, loc, "unknown hazard in the plan (known: %s)", hazard_known_names(a));
            return false;
        }
        p->hazards |= bit;
    }
    const JVal *changes = j_get(root, "changes");
    for (int i = 0; changes && changes->type == J_ARR && i < changes->items.n; i++) {
        const JVal *c = changes->items.items[i];
        p->changes++;
        const JVal *steps = j_get(c, "steps");
        for (int k = 0; steps && steps->type == J_ARR && k < steps->items.n; k++) {
            const JVal *pf = j_get(steps->items.items[k], "preflight");
            const char *state = j_str(j_get(pf, "state"));
            const char *label = arena_printf(a, "step %d.%d of \"%s\"", i + 1, k + 1,
                                             j_str(j_get(c, "summary")) ? j_str(j_get(c, "summary")) : "");
            if (state && !strcmp(state, "failed")) {
                if (!p->pf_failed++)
                    p->pf_first = label;
            }
            const char *q = j_str(j_get(pf, "query"));
            if (q && *q) {
                Step *st = arena_alloc(a, sizeof *st);
                st->sql = j_str(j_get(steps->items.items[k], "sql"));
                st->preflight = q;
                st->preflight_what = j_str(j_get(pf, "what")) ? j_str(j_get(pf, "what")) : "rows that make it fail";
                st->pf_state = PF_NOT_RUN;
                st->est_rows = -1;
                st->est_bytes = -1;
                vec_push(a, &p->pf_steps, st);
                vec_push(a, &p->pf_labels, (void *)label);
                vec_push(a, &p->pf_change, (void *)(intptr_t)(i + 1));
            }
        }
    }
    /* both files of one plan: migration.sql's header names the same states */
    const char *mf = header_state(a, migration, "-- from:"), *mt = header_state(a, migration, "-- to:");
    if (!mf || !mt || strcmp(mf, p->from_fp) || strcmp(mt, p->to_fp)) {
        SrcLoc loc = {migration_file, migration, 0};
        diag_at(diags, EXIT_INPUT, loc,
                "this migration.sql is not the plan.json's migration: its header says state %s -> %s, plan.json "
                "says %s -> %s",
                mf ? mf : "(none)", mt ? mt : "(none)", p->from_fp, p->to_fp);
        return false;
    }
    return true;
}
