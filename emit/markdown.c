/*
 * markdown.c — a plan as a complete pull-request comment.
 *
 * `plan --format markdown` prints what a reviewer needs without leaving the
 * pull request, in this order:
 *
 *   <!-- schemadiff-plan -->          the marker: always the first line, so a
 *                                     CI bot finds its own comment and edits
 *                                     it instead of adding one per push
 *   ## schemadiff plan: ...           the verdict (no changes / ready /
 *                                     NOT ALLOWED), from and to with their
 *                                     state fingerprints
 *   summary                           counts: changes by kind of operation,
 *                                     steps, data-losing changes, steps
 *                                     outside a transaction, refusals
 *   ### Hazards                       each hazard of the plan, whether it is
 *                                     allowed, not allowed or informational,
 *                                     and what it means (schemas/hazards.c)
 *   ### Pre-flight                    what the live data says of each step
 *                                     that rows can make fail
 *   ### Steps                         one row per statement: lock, the
 *                                     relations it locks, rewrite / scan /
 *                                     size, hazards, the change's rollback
 *   <details> migration.sql           the SQL, collapsed, in a fence longer
 *   <details> rollback.sql            than any run of backticks inside it
 *
 * Everything printed outside a code block that comes from the input (object
 * names, sources, sample keys read from the database) goes through md_text,
 * which escapes what markdown or HTML would interpret (and `@`, so a sample
 * value never mentions a user); relations are code spans; code spans and
 * fences are sized to their content.  A GitHub comment holds at most 65,536 characters: when the whole
 * comment would be longer, the rollback SQL and then the migration SQL are
 * replaced by a note saying so (`--out DIR` writes them).  The output is a
 * pure function of the plan: the same inputs give the same bytes.
 *
 * `check --format markdown` is the same comment for drift between a
 * migrations directory and the schema files: its own marker
 * (`<!-- schemadiff-check -->`, so a plan bot and a check bot each find
 * their own comment), the verdict, the newest migration's first differing
 * statement (--latest), then the missing migration as above.
 *
 * This file decides nothing: diff/ classified the steps, plan_gate() the
 * refusals, the pre-flight its results; emit/output.c writes the SQL.
 */
#include "model.h"

#include <string.h>

#define MD_MARKER "<!-- schemadiff-plan -->"
#define MD_CHECK_MARKER "<!-- schemadiff-check -->"
/* GitHub refuses a comment longer than 65,536 characters; keep a margin for
 * what a CI script may add around it. */
#define MD_COMMENT_MAX 60000

static char op_mark(ChangeOp op)
{
    switch (op) {
    case CHG_CREATE: return '+';
    case CHG_DROP: return '-';
    case CHG_ALTER: return '~';
    }
    return '?';
}

/* Text from the input, on one line, with what markdown and HTML would
 * interpret escaped. */
static bool word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c & 0x80);
}

static void md_text(StrBuf *sb, const char *s)
{
    for (const char *q = s; q && *q; q++) {
        /* an underscore inside a word never starts or ends emphasis */
        if (*q == '_' && q > s && word_char(q[-1]) && word_char(q[1])) {
            sb_putc(sb, '_');
            continue;
        }
        switch (*q) {
        case '\n':
        case '\r':
        case '\t':
            sb_putc(sb, ' ');
            break;
        case '<': sb_puts(sb, "&lt;"); break;
        case '&': sb_puts(sb, "&amp;"); break;
        case '@': sb_puts(sb, "&#64;"); break;
        case '|':
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '~':
            sb_putc(sb, '\\');
            sb_putc(sb, *q);
            break;
        default:
            sb_putc(sb, *q);
        }
    }
}

/* The longest run of backticks in s. */
static int longest_backticks(const char *s)
{
    int best = 0, run = 0;
    for (const char *q = s; q && *q; q++) {
        run = *q == '`' ? run + 1 : 0;
        if (run > best)
            best = run;
    }
    return best;
}

/* A code span of s (one line): delimited by more backticks than any run
 * inside it, padded with a space when s starts or ends with one. */
static void md_code_in(StrBuf *sb, const char *s, bool cell)
{
    int n = longest_backticks(s) + 1;
    size_t len = strlen(s);
    bool pad = len && (s[0] == '`' || s[len - 1] == '`');
    for (int i = 0; i < n; i++)
        sb_putc(sb, '`');
    if (pad)
        sb_putc(sb, ' ');
    for (const char *q = s; *q; q++) {
        if (cell && *q == '|') /* GFM splits a table row at a pipe, even in a code span */
            sb_putc(sb, '\\');
        sb_putc(sb, *q == '\n' || *q == '\r' ? ' ' : *q);
    }
    if (pad)
        sb_putc(sb, ' ');
    for (int i = 0; i < n; i++)
        sb_putc(sb, '`');
}

static void md_code(StrBuf *sb, const char *s)
{
    md_code_in(sb, s, false);
}

/* A fenced ```sql block of s: the fence is longer than any run of
 * backticks in s, so no line of the SQL can close it. */
static void md_fence(StrBuf *sb, const char *s)
{
    int n = longest_backticks(s) + 1;
    if (n < 3)
        n = 3;
    for (int i = 0; i < n; i++)
        sb_putc(sb, '`');
    sb_puts(sb, "sql\n");
    sb_puts(sb, s);
    if (!*s || s[strlen(s) - 1] != '\n')
        sb_putc(sb, '\n');
    for (int i = 0; i < n; i++)
        sb_putc(sb, '`');
    sb_putc(sb, '\n');
}

static const char *plural(int n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* "prod.t" of a lock. */
static const char *rel_name(Arena *a, const StepLock *l)
{
    return l->schema ? arena_printf(a, "%s.%s", l->schema, l->name) : l->name;
}

/* The relations a step locks; a relation locked in a weaker mode than the
 * step's strongest gets its mode in parentheses. */
static void md_relations(Arena *a, StrBuf *sb, const Step *st)
{
    for (int i = 0; i < st->locks.n; i++) {
        const StepLock *l = st->locks.items[i];
        if (i)
            sb_puts(sb, ", ");
        md_code_in(sb, rel_name(a, l), true);
        if (l->mode != st->lock)
            sb_printf(sb, " (%s)", lock_level_name(l->mode));
    }
}

/* Rewrite, scan, the table's size, outside a transaction, a pre-flight
 * that found rows making the step fail. */
static void md_notes(Arena *a, StrBuf *sb, const Step *st)
{
    int n = 0;
    if (st->rewrite)
        sb_printf(sb, "%srewrites", n++ ? "; " : "");
    if (st->scan)
        sb_printf(sb, "%sscans", n++ ? "; " : "");
    if ((st->rewrite || st->scan) && (st->est_rows >= 0 || st->est_bytes >= 0)) {
        sb_printf(sb, "%s", n++ ? "; " : "");
        if (st->est_rows >= 0)
            sb_printf(sb, "~%.0f rows", st->est_rows);
        if (st->est_bytes >= 0)
            sb_printf(sb, "%s%s", st->est_rows >= 0 ? ", " : "", steps_size_text(a, st->est_bytes));
    }
    if (!st->transactional)
        sb_printf(sb, "%soutside a transaction", n++ ? "; " : "");
    if (st->pf_state == PF_FAILED)
        sb_printf(sb, "%s**would fail** (pre-flight)", n++ ? "; " : "");
}

/* A step's hazards, the ones the gate refused marked. */
static void md_hazards(Arena *a, StrBuf *sb, unsigned hazards, unsigned refused)
{
    int n = 0;
    for (int i = 0; i < HAZ_COUNT; i++) {
        unsigned bit = hazard_table[i].bit;
        if (!(hazards & bit))
            continue;
        sb_printf(sb, "%s%s%s", n++ ? ", " : "", hazard_table[i].name, refused & bit ? " **NOT ALLOWED**" : "");
    }
    (void)a;
}

typedef struct MdCounts {
    int create, alter, drop, steps, outside, lossy, refused, pf_queries, pf_failed, pf_warned;
    unsigned hazards, refused_bits;
} MdCounts;

static MdCounts md_count(const MigrationPlan *p)
{
    MdCounts k = {0};
    for (int i = 0; i < p->changes.n; i++) {
        const Change *c = p->changes.items[i];
        k.create += c->op == CHG_CREATE;
        k.alter += c->op == CHG_ALTER;
        k.drop += c->op == CHG_DROP;
        k.hazards |= c->hazards;
        k.refused_bits |= c->refused;
        k.refused += c->refused != 0;
        k.lossy += (c->hazards & HAZ_DATA_LOSS) != 0;
        for (int s = 0; s < c->steps.n; s++) {
            const Step *st = c->steps.items[s];
            k.steps++;
            k.outside += !st->transactional;
            if (st->preflight && st->pf_state != PF_NONE) {
                k.pf_queries++;
                k.pf_failed += st->pf_state == PF_FAILED;
                k.pf_warned += st->pf_state == PF_TIMEOUT || st->pf_state == PF_ERROR;
            }
        }
    }
    return k;
}

static void md_header(Arena *a, StrBuf *sb, const MigrationPlan *p, const OutputOpts *o, const MdCounts *k)
{
    sb_puts(sb, MD_MARKER "\n");
    if (!p->changes.n)
        sb_puts(sb, "## schemadiff plan: no changes\n\n");
    else if (k->refused || k->pf_failed)
        sb_printf(sb, "## schemadiff plan: NOT ALLOWED (%d change%s)\n\n", p->changes.n,
                  plural(p->changes.n, "", "s"));
    else
        sb_printf(sb, "## schemadiff plan: %d change%s\n\n", p->changes.n, plural(p->changes.n, "", "s"));
    sb_puts(sb, "From ");
    md_code(sb, o->from_src ? o->from_src : "");
    sb_puts(sb, " (state ");
    md_code(sb, output_fingerprint(a, p->current));
    sb_puts(sb, ") to ");
    md_code(sb, o->to_src ? o->to_src : "");
    sb_puts(sb, " (state ");
    md_code(sb, output_fingerprint(a, p->desired));
    sb_puts(sb, p->changes.n ? ").\n\n" : "): the two states are the same; nothing to run.\n");
    /* notes of the plan (a suspected polymorphic pair without a rule, ...) */
    for (int i = 0; i < p->notes.n; i++) {
        sb_puts(sb, p->changes.n || i ? "" : "\n");
        sb_puts(sb, "Note: ");
        md_text(sb, p->notes.items[i]);
        sb_puts(sb, "\n\n");
    }
}

static void md_summary(Arena *a, StrBuf *sb, const MigrationPlan *p, const MdCounts *k)
{
    if (k->refused)
        sb_printf(sb, "**Not allowed:** %d change%s carr%s a blocking hazard that was not allowed (%s); allow "
                      "with `--allow-hazards %s` or `hazards.allow` in `schemadiff.yaml`.\n\n",
                  k->refused, plural(k->refused, "", "s"), plural(k->refused, "ies", "y"),
                  hazard_names(a, k->refused_bits), hazard_join(a, k->refused_bits, ","));
    if (k->pf_failed)
        sb_printf(sb, "**Not allowed:** %d step%s would fail on the live data (pre-flight, below).\n\n", k->pf_failed,
                  plural(k->pf_failed, "", "s"));
    sb_puts(sb, "| summary | |\n|---|---|\n");
    sb_printf(sb, "| changes | %d: %d create, %d alter, %d drop |\n", p->changes.n, k->create, k->alter, k->drop);
    sb_printf(sb, "| steps | %d, %d outside a transaction |\n", k->steps, k->outside);
    sb_printf(sb, "| hazards | %s |\n", k->hazards ? hazard_names(a, k->hazards) : "none");
    sb_printf(sb, "| not allowed | %d change%s |\n", k->refused, plural(k->refused, "", "s"));
    sb_printf(sb, "| data-losing changes | %d |\n", k->lossy);
    sb_puts(sb, "| pre-flight | ");
    md_text(sb, p->preflight_note ? p->preflight_note : "no step that existing rows can make fail");
    sb_puts(sb, " |\n");
    sb_printf(sb, "| rollback | %d change%s |\n\n", p->inverse.n, plural(p->inverse.n, "", "s"));
    /* the tables whose heavy changes shadow.sql does (diff/shadow.c) */
    for (int i = 0; i < p->shadowed.n; i++) {
        const ShadowTable *st = p->shadowed.items[i];
        sb_puts(sb, i ? "- " : "**Shadow tables** (their changes are done online by `shadow.sql`):\n\n- ");
        md_code(sb, arena_printf(a, "%s.%s", st->schema, st->name));
        sb_puts(sb, ": ");
        md_text(sb, arena_printf(a, "%s; %s", st->reason, st->heavy));
        sb_puts(sb, i + 1 == p->shadowed.n ? "\n\n" : "\n");
    }
}

static void md_hazard_table(Arena *a, StrBuf *sb, const MigrationPlan *p, const MdCounts *k)
{
    if (!k->hazards)
        return;
    sb_puts(sb, "### Hazards\n\n| hazard | changes | status | what it means |\n|---|---|---|---|\n");
    for (int i = 0; i < HAZ_COUNT; i++) {
        const HazardInfo *h = &hazard_table[i];
        if (!(k->hazards & h->bit))
            continue;
        int n = 0;
        for (int c = 0; c < p->changes.n; c++)
            n += (((const Change *)p->changes.items[c])->hazards & h->bit) != 0;
        const char *status = h->cls != HAZ_BLOCKING      ? "informational"
                             : (k->refused_bits & h->bit) ? "**NOT ALLOWED** (blocking)"
                                                          : "allowed (blocking)";
        sb_printf(sb, "| %s | %d | %s | ", h->name, n, status);
        md_text(sb, h->description);
        sb_puts(sb, " |\n");
    }
    sb_putc(sb, '\n');
    (void)a;
}

static void md_preflight(Arena *a, StrBuf *sb, const MigrationPlan *p, const MdCounts *k)
{
    if (!k->pf_queries)
        return;
    sb_puts(sb, "### Pre-flight\n\n");
    md_text(sb, arena_printf(a, "Pre-flight: %s", p->preflight_note ? p->preflight_note : ""));
    sb_puts(sb, "\n\n");
    for (int i = 0; i < p->changes.n; i++) {
        const Change *c = p->changes.items[i];
        for (int s = 0; s < c->steps.n; s++) {
            const char *line = preflight_describe(a, c->steps.items[s]);
            if (!line)
                continue;
            sb_printf(sb, "- #%d", i + 1);
            if (c->steps.n > 1)
                sb_printf(sb, ", step %d", s + 1);
            sb_puts(sb, ": ");
            md_text(sb, line);
            sb_putc(sb, '\n');
        }
    }
    sb_putc(sb, '\n');
}

static void md_steps(Arena *a, StrBuf *sb, const MigrationPlan *p)
{
    StrMap back = steps_positions(a, &p->inverse);
    sb_puts(sb, "### Steps\n\n| step | change | lock | relations | notes | hazards | rollback |\n"
                "|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < p->changes.n; i++) {
        const Change *c = p->changes.items[i];
        int rows = c->steps.n ? c->steps.n : 1;
        for (int s = 0; s < rows; s++) {
            const Step *st = c->steps.n ? c->steps.items[s] : NULL;
            sb_printf(sb, "| %d.%d | ", i + 1, s + 1);
            if (!s) {
                sb_printf(sb, "%c ", op_mark(c->op));
                md_text(sb, c->summary ? c->summary : "");
                if (c->shadow)
                    sb_puts(sb, " (through a shadow table: `shadow.sql`)");
            }
            sb_printf(sb, " | %s | ", st ? lock_level_name(st->lock) : "none");
            if (st)
                md_relations(a, sb, st);
            sb_puts(sb, " | ");
            if (st)
                md_notes(a, sb, st);
            sb_puts(sb, " | ");
            md_hazards(a, sb, st ? st->hazards : c->hazards, c->refused);
            sb_puts(sb, " | ");
            if (!s) {
                int n = steps_position(a, &back, c->inverse);
                if (n) {
                    sb_printf(sb, "#%d %c ", n, op_mark(c->inverse->op));
                    md_text(sb, c->inverse->summary ? c->inverse->summary : "");
                } else {
                    sb_puts(sb, "none (a rebuild only this direction needs)");
                }
            }
            sb_puts(sb, " |\n");
        }
    }
    int unpaired = 0;
    for (int i = 0; i < p->inverse.n; i++)
        unpaired += ((const Change *)p->inverse.items[i])->inverse == NULL;
    if (unpaired) {
        sb_printf(sb, "\nRollback changes that undo no forward change (rebuilds only the way back needs): %d\n\n",
                  unpaired);
        for (int i = 0; i < p->inverse.n; i++) {
            const Change *c = p->inverse.items[i];
            if (c->inverse)
                continue;
            sb_printf(sb, "- #%d %c ", i + 1, op_mark(c->op));
            md_text(sb, c->summary ? c->summary : "");
            sb_putc(sb, '\n');
        }
    }
    sb_putc(sb, '\n');
}

/* One collapsed SQL block; `sql` NULL: left out for length. */
static void md_details(StrBuf *sb, const char *title, const Script *s, const char *sql)
{
    int n = 0;
    for (int i = 0; i < s->n; i++)
        n += s->stmts[i].change != NULL;
    sb_printf(sb, "<details>\n<summary>%s: %d statement%s of the plan's changes</summary>\n\n", title, n,
              plural(n, "", "s"));
    if (sql)
        md_fence(sb, sql);
    else
        sb_printf(sb, "%s is %zu bytes, too long for a comment: `plan --out DIR` writes it to DIR/%s.\n", title,
                  strlen(s->text), title);
    sb_puts(sb, "\n</details>\n");
}

/* Everything after the header: summary, hazards, pre-flight, steps, the
 * SQL in <details> (titled `mtitle` and `rtitle`). */
static void md_body(Arena *a, StrBuf *sb, const MigrationPlan *p, const OutputOpts *o, const MdCounts *k,
                    const char *mtitle, const char *rtitle)
{
    md_summary(a, sb, p, k);
    md_hazard_table(a, sb, p, k);
    md_preflight(a, sb, p, k);
    md_steps(a, sb, p);
    Script *fwd = output_script(a, p, o, false), *back = output_script(a, p, o, true);
    /* both scripts when they fit, else the migration alone, else neither */
    size_t head = sb->len + 600;
    const char *m = fwd->text, *r = back->text;
    if (head + strlen(m) + strlen(r) > MD_COMMENT_MAX)
        r = NULL;
    if (head + strlen(m) > MD_COMMENT_MAX)
        m = NULL;
    md_details(sb, mtitle, fwd, m);
    sb_putc(sb, '\n');
    md_details(sb, rtitle, back, r);
}

const char *markdown_plan(Arena *a, const MigrationPlan *p, const OutputOpts *o)
{
    MdCounts k = md_count(p);
    StrBuf sb;
    sb_init(&sb);
    md_header(a, &sb, p, o, &k);
    if (p->changes.n)
        md_body(a, &sb, p, o, &k, "migration.sql", "rollback.sql");
    char *text = sb_take(&sb, a);
    sb_free(&sb);
    return text;
}

const char *markdown_check(Arena *a, const MigrationPlan *p, const OutputOpts *o, int migrations, const char *how,
                           const char *written, const char *latest)
{
    MdCounts k = md_count(p);
    StrBuf sb;
    sb_init(&sb);
    sb_puts(&sb, MD_CHECK_MARKER "\n");
    if (!p->changes.n)
        sb_printf(&sb, "## schemadiff check: %s\n\n", latest ? "the newest migration differs" : "in sync");
    else
        sb_printf(&sb, "## schemadiff check: drift (%d change%s missing)\n\n", p->changes.n,
                  plural(p->changes.n, "", "s"));
    sb_printf(&sb, "The %d migration%s in ", migrations, plural(migrations, "", "s"));
    md_code(&sb, o->from_src ? o->from_src : "");
    sb_printf(&sb, " (replayed by the %s) ", how);
    sb_puts(&sb, p->changes.n ? (migrations == 1 ? "does not build " : "do not build ") : "build ");
    md_code(&sb, o->to_src ? o->to_src : "");
    sb_puts(&sb, " (state ");
    md_code(&sb, output_fingerprint(a, p->desired));
    if (p->changes.n) {
        sb_puts(&sb, "): they build state ");
        md_code(&sb, output_fingerprint(a, p->current));
        sb_puts(&sb, ". The missing migration is below");
        if (written) {
            sb_puts(&sb, "; it was written to ");
            md_code(&sb, written);
            sb_puts(&sb, " with its rollback beside it");
        }
        sb_puts(&sb, ".\n\n");
    } else {
        sb_puts(&sb, ").\n\n");
    }
    for (int i = 0; i < p->notes.n; i++) {
        sb_puts(&sb, "Note: ");
        md_text(&sb, p->notes.items[i]);
        sb_puts(&sb, "\n\n");
    }
    if (latest) {
        sb_puts(&sb, "### The newest migration\n\nIt is not what schemadiff generates for its step:\n\n");
        md_fence(&sb, latest);
        sb_puts(&sb, "\n");
    }
    if (p->changes.n)
        md_body(a, &sb, p, o, &k, "the missing migration", "its rollback");
    char *text = sb_take(&sb, a);
    sb_free(&sb);
    return text;
}
