/*
 * check.c — `schemadiff check --migrations DIR --to SRC`: do the migrations
 * a team keeps still build the schema its files describe?
 *
 * DIR's *.sql files (recursively, in name order; the *.down.sql rollbacks
 * left out) are replayed into one state, which is compared with SRC like
 * `plan` compares two sources.  Replaying needs no database when the file
 * reader can model every file — hand-written DDL, and schemadiff's own
 * migration.sql, whose DO guards the reader evaluates (parser/guards.c).
 * When it cannot (a DO block of another kind, a data statement), the files
 * are run on a scratch database instead: --dev-url URL, or a temporary
 * local cluster when PostgreSQL's server binaries are installed
 * (parser/scratch.c), and the catalog is read back.
 *
 * Exit 0: the replayed state is SRC (one line says so).  Exit 1: it is not;
 * the missing migration (the plan from the replayed state to SRC) is
 * printed as the plan text and its SQL, and --write DIR/NAME.sql writes it
 * as the next migration with its rollback beside it (NAME.down.sql), both
 * or neither (output_write_files).  --latest also compares the newest file
 * with the migration schemadiff generates for the step from the state
 * before it to SRC, statement by statement after normalisation
 * (parser/replay.c), and names the first statement that differs at its
 * file:line:col.  schemadiff.yaml is read as plan reads it (--config
 * FILE, else ./schemadiff.yaml): its schema filters, timeouts (in the
 * printed and written migration) and owners apply; hazards.allow only
 * marks the missing migration's changes NOT ALLOWED: check reports drift,
 * it runs nothing, so the exit code stays 1.  --format sql prints the
 * missing migration alone on stdout (the verdict on stderr), --format
 * markdown a pull-request comment (emit/markdown.c, markdown_check).
 */
#include "model.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char check_usage[] =
    "usage: schemadiff check --migrations DIR --to SRC [--dev-url URL] [--latest] [--write FILE]\n"
    "                        [--format text|sql|markdown] [--config FILE]\n"
    "  replays DIR's *.sql files (not *.down.sql) in name order and compares the result with SRC:\n"
    "  exit 0 when they match, 1 when they drift (the missing migration is printed; --write\n"
    "  FILE.sql writes it with its rollback FILE.down.sql); --latest also checks that the newest\n"
    "  file is what schemadiff generates for its step. schemadiff.yaml (--config FILE, else\n"
    "  ./schemadiff.yaml when present) gives the schema filters, timeouts, owners and allowed hazards.\n"
    "  --format sql prints only the missing migration (the verdict goes to stderr); markdown prints a\n"
    "  pull-request comment headed <!-- schemadiff-check -->.\n";

typedef struct CheckOpts {
    const char *migrations, *to, *dev_url, *write, *config, *format;
    bool latest;
} CheckOpts;

static int check_usage_error(const char *msg, const char *arg)
{
    fputs("schemadiff: ", stderr);
    fprintf(stderr, msg, arg);
    fputc('\n', stderr);
    fputs(check_usage, stderr);
    return EXIT_USAGE;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

static int parse_check_args(Arena *a, int argc, char **argv, CheckOpts *o)
{
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        if (strncmp(arg, "--", 2) != 0 || !arg[2])
            return check_usage_error("unexpected argument '%s' (options start with --)",
                                     catalog_is_connection(arg) ? catalog_display_name(a, arg) : arg);
        const char *eq = strchr(arg, '=');
        const char *name = eq ? arena_strndup(a, arg, (size_t)(eq - arg)) : arg;
        if (!strcmp(name, "--latest")) {
            if (eq)
                return check_usage_error("%s takes no value", name);
            if (o->latest)
                return check_usage_error("%s given twice", name);
            o->latest = true;
            continue;
        }
        const char **slot = !strcmp(name, "--migrations") ? &o->migrations
                            : !strcmp(name, "--to")       ? &o->to
                            : !strcmp(name, "--dev-url")  ? &o->dev_url
                            : !strcmp(name, "--write")    ? &o->write
                            : !strcmp(name, "--config")   ? &o->config
                            : !strcmp(name, "--format")   ? &o->format
                                                          : NULL;
        if (!slot)
            return check_usage_error("check takes --migrations, --to, --dev-url, --latest, --write, --format and "
                                     "--config, not %s", name);
        const char *v;
        if (eq)
            v = eq + 1;
        else if (i + 1 >= argc || !strncmp(argv[i + 1], "--", 2))
            return check_usage_error("%s needs a value", name);
        else
            v = argv[++i];
        if (!*v)
            return check_usage_error("%s needs a non-empty value", name);
        if (*slot)
            return check_usage_error("%s given twice", name);
        *slot = v;
    }
    if (!o->migrations)
        return check_usage_error("%s", "--migrations is required");
    if (!o->to)
        return check_usage_error("%s", "--to is required");
    if (o->format && strcmp(o->format, "text") && strcmp(o->format, "sql") && strcmp(o->format, "markdown"))
        return check_usage_error("check prints text, sql or markdown, not '%s'", o->format);
    if (catalog_is_connection(o->migrations) || !strcmp(o->migrations, "-") || !strcmp(o->migrations, "empty"))
        return check_usage_error("%s", "--migrations takes a directory of .sql files");
    if (o->dev_url && !catalog_is_connection(o->dev_url))
        return check_usage_error("%s", "--dev-url takes a connection string (postgres://... or key=value)");
    if (o->write) {
        const char *base = strrchr(o->write, '/');
        base = base ? base + 1 : o->write;
        if (!ends_with(base, ".sql") || ends_with(base, ".down.sql") || strlen(base) <= 4)
            return check_usage_error("--write takes the next migration's file name, NAME.sql (its rollback goes "
                                     "to NAME.down.sql), not '%s'", o->write);
        struct stat st;
        if (lstat(o->write, &st) == 0)
            return check_usage_error("--write: %s exists; a migration that may have run is never rewritten: "
                                     "name the next one", o->write);
    }
    return 0;
}

/* The reader's hints name plan's --load-via-db; check's way is --dev-url. */
static void hint_dev_url(Arena *a, Diags *d)
{
    static const struct {
        const char *from, *to;
    } words[] = {
        {"--load-via-db reads it through a scratch database", "check --dev-url URL replays it on a scratch database"},
        {"the scratch database of --load-via-db", "the scratch database"},
        {"--load-via-db: ", "check: "},
        {"--load-via-db", "--dev-url"},
    };
    for (int i = 0; i < d->items.n; i++) {
        Diag *g = d->items.items[i];
        for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
            const char *hit = strstr(g->message, words[k].from);
            if (hit)
                g->message = arena_printf(a, "%.*s%s%s", (int)(hit - g->message), g->message, words[k].to,
                                          hit + strlen(words[k].from));
        }
    }
}

/* A place the reader stopped at because only a server can run it (its
 * message names --load-via-db, the way past it). */
static bool cannot_model(const Diag *g)
{
    return g->code == EXIT_INPUT && strstr(g->message, "--load-via-db") != NULL;
}

/* The reader stopped first at something only a server can run.  Errors
 * after that one may be its consequences (a guard not understood, so the
 * CREATE it guards is read twice: "already exists") and do not count; an
 * error in the files before it does, and is reported as it is.  Diags come
 * in reading order. */
static bool reader_cannot_model(const Diags *d)
{
    return d->items.n && cannot_model(d->items.items[0]);
}

/* The state the first `n` migrations build, on the scratch server. */
static Model *replay_db(Scratch *s, ParseSession *ps, Arena *a, const char *dir, const PtrVec *files,
                        const PtrVec *texts, int n, const char *label, const SourceFilter *filter, Diags *diags)
{
    const char *url = scratch_load_texts(s, dir, files, texts, n, diags);
    if (!url)
        return NULL;
    Model *m = source_read(ps, a, url, label, filter, diags);
    if (m) /* check runs no pre-flight: end the read's snapshot before the database is renamed */
        catalog_close(m);
    scratch_rename(s, diags);
    scratch_adopt(s, m);
    return m;
}

/* Why the newest migration is not what schemadiff generates: the first
 * statement that differs, located in the file.  NULL when none does. */
static const char *latest_difference(Arena *a, const char *file, const char *text, const char *generated,
                                     Diags *diags)
{
    PtrVec have = {0}, want = {0};
    if (!replay_statements(a, file, text, &have, diags) ||
        !replay_statements(a, "(generated)", generated, &want, diags))
        return NULL;
    int i = 0;
    while (i < have.n && i < want.n && replay_same(have.items[i], want.items[i]))
        i++;
    if (i == have.n && i == want.n)
        return NULL;
    StrBuf sb;
    sb_init(&sb);
    const ReplayStmt *h = i < have.n ? have.items[i] : NULL, *w = i < want.n ? want.items[i] : NULL;
    const char *wsql = w ? (w->sql ? w->sql : deparse_stmt(a, w->tree)) : NULL;
    const char *hsql = h ? (h->sql ? h->sql : deparse_stmt(a, h->tree)) : NULL;
    int line = 0, col = 0;
    if (h) {
        diag_line_col(h->loc, &line, &col);
        sb_printf(&sb, "%s:%d:%d: statement %d of the newest migration is not what schemadiff generates\n", file,
                  line, col, i + 1);
        sb_printf(&sb, "  in the file:  %s\n", hsql);
        sb_printf(&sb, "  generated:    %s\n", wsql ? wsql : "(nothing: the generated migration ends before it)");
    } else {
        sb_printf(&sb, "%s: the newest migration ends after %d statement%s; schemadiff generates more\n", file, i,
                  i == 1 ? "" : "s");
        sb_printf(&sb, "  generated:    %s\n", wsql);
    }
    const char *r = arena_strdup(a, sb.data);
    sb_free(&sb);
    return r;
}

/* schemadiff.yaml, as plan reads it: --config FILE, else ./schemadiff.yaml
 * when present.  Its schema filters go to `filter` (both sides and the
 * replay); the rest stays in *cfg for the plan.  Returns EXIT_INPUT with
 * the located errors in `diags`, else 0. */
static int check_config(Arena *a, const char *path, Config *cfg, SourceFilter *filter, Diags *diags)
{
    struct stat st;
    if (!path && (stat("schemadiff.yaml", &st) == 0 || errno != ENOENT))
        path = "schemadiff.yaml";
    if (!path)
        return 0;
    config_read_file(cfg, a, path, diags);
    if (diag_any(diags))
        return EXIT_INPUT;
    if (cfg->has_include)
        filter->include = cfg->include;
    if (cfg->has_exclude)
        filter->exclude = cfg->exclude;
    return 0;
}

int check_main(int argc, char **argv)
{
    Arena arena = {0};
    Arena *a = &arena;
    CheckOpts o = {0};
    int rc = parse_check_args(a, argc, argv, &o);
    if (rc) {
        arena_free(a);
        return rc;
    }
    Diags diags = {a, {0}};
    SourceFilter filter = {0};
    Config cfg = {0};
    struct stat st;
    if (check_config(a, o.config, &cfg, &filter, &diags)) {
        rc = diag_report(&diags, stderr);
        arena_free(a);
        return rc;
    }
    if (stat(o.migrations, &st) == 0 && !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "schemadiff: --migrations %s: not a directory\n", o.migrations);
        fputs(check_usage, stderr);
        arena_free(a);
        return EXIT_USAGE;
    }
    /* the migrations, but their rollbacks */
    PtrVec all_files = {0}, all_texts = {0}, files = {0}, texts = {0};
    source_texts(a, o.migrations, &all_files, &all_texts, &diags);
    for (int i = 0; i < all_files.n; i++)
        if (!ends_with(all_files.items[i], ".down.sql")) {
            vec_push(a, &files, all_files.items[i]);
            vec_push(a, &texts, all_texts.items[i]);
        }
    if (!diag_any(&diags) && !files.n)
        diag_plain(&diags, EXIT_INPUT, "%s: no migrations in this directory (*.sql files other than *.down.sql); the "
                   "first one is `schemadiff plan --from empty --to SRC --out DIR`", o.migrations);
    if (diag_any(&diags)) {
        rc = diag_report(&diags, stderr);
        arena_free(a);
        return rc;
    }

    SourceJob *job = source_read_start(o.to, "desired", &filter);
    ParseSession *ps = parse_session_begin();
    Scratch *scratch = NULL;
    Model *replayed = NULL, *before = NULL;
    const char *how = "file reader";
    int n = files.n;
    if (!o.dev_url) {
        replayed = replay_read(a, &files, &texts, n, "migrations", &filter, &diags);
        if (o.latest && !diag_any(&diags))
            before = replay_read(a, &files, &texts, n - 1, "before the newest migration", &filter, &diags);
        if (reader_cannot_model(&diags)) {
            /* the files need a server: a temporary cluster when PostgreSQL's
             * binaries are here, else the reader's errors stand */
            Diags sd = {a, {0}};
            scratch = scratch_start(a, NULL, &sd);
            if (!diag_any(&sd)) {
                /* say why, at each place the reader stopped */
                fprintf(stderr, "schemadiff: the file reader cannot replay %s; replaying it on a temporary "
                                "PostgreSQL cluster instead:\n", o.migrations);
                for (int i = 0; i < diags.items.n; i++) {
                    const Diag *g = diags.items.items[i];
                    if (!cannot_model(g))
                        continue; /* a consequence (see reader_cannot_model) */
                    int line = 0, col = 0;
                    diag_line_col(g->loc, &line, &col);
                    const char *msg = g->message;
                    const char *cut = strstr(msg, "; --load-via-db");
                    if (line)
                        fprintf(stderr, "%s:%d:%d: note: %.*s\n", g->loc.file, line, col,
                                cut ? (int)(cut - msg) : (int)strlen(msg), msg);
                    else
                        fprintf(stderr, "%s: note: %.*s\n", g->loc.file ? g->loc.file : "schemadiff",
                                cut ? (int)(cut - msg) : (int)strlen(msg), msg);
                }
                diags.items.n = 0;
                replayed = NULL;
                how = "temporary cluster";
            } else {
                scratch_stop(scratch);
                scratch = NULL;
            }
        }
    } else {
        scratch = scratch_start(a, o.dev_url, &diags);
        how = "scratch database";
    }
    if (scratch && !diag_any(&diags)) {
        replayed = replay_db(scratch, ps, a, o.migrations, &files, &texts, n, "migrations", &filter, &diags);
        if (o.latest && replayed && !diag_any(&diags))
            before = n > 1 ? replay_db(scratch, ps, a, o.migrations, &files, &texts, n - 1,
                                       "before the newest migration", &filter, &diags)
                           : replay_read(a, &files, &texts, 0, "empty", &filter, &diags);
    }
    Diags *desired_diags = NULL;
    Model *desired = source_read_wait(job, ps, &desired_diags);
    catalog_close(desired); /* a database as SRC: check runs no pre-flight in it */
    hint_dev_url(a, &diags);
    if (diag_any(&diags) || diag_any(desired_diags)) {
        int rc1 = diag_report(&diags, stderr), rc2 = diag_report(desired_diags, stderr);
        rc = rc1 > rc2 ? rc1 : rc2;
        goto done;
    }

    const char *to_name = catalog_is_connection(o.to) ? catalog_display_name(a, o.to) : o.to;
    const char *lock_timeout = cfg.has_lock_timeout ? cfg.lock_timeout : "5s";
    const char *statement_timeout = cfg.has_statement_timeout ? cfg.statement_timeout : "0";
    OutputOpts oo = {o.migrations, to_name, lock_timeout, statement_timeout};
    model_filter_schemas(replayed, &filter);
    model_filter_schemas(desired, &filter);
    replayed->owners_all = desired->owners_all = cfg.has_owners && cfg.owners;
    if (before) {
        model_filter_schemas(before, &filter);
        before->owners_all = desired->owners_all;
    }
    /* schemadiff.yaml `conversions:` shape the missing migration's type
     * changes as they shape plan's (a rule the migrations already carried
     * out is unused: a warning, as in plan) */
    PtrVec conv_notes = {0};
    conv_apply(a, &cfg, replayed, desired, &diags, &conv_notes); /* diff/conv.c */
    if (diag_any(&diags)) {
        rc = diag_report(&diags, stderr);
        goto done;
    }
    diag_flush_warnings(&diags, stderr);
    MigrationPlan *plan = plan_build(a, replayed, desired);
    plan->notes = conv_notes;
    /* the missing migration shows the hazards hazards.allow does not allow
     * (it is printed for review, not run: the exit code stays 1) */
    plan_gate(plan, cfg.allow, NULL);
    if (plan->cycle.n) {
        fprintf(stderr, "schemadiff: error: the changes from the migrations to %s depend on each other in a cycle "
                        "no order can satisfy\n", to_name);
        rc = EXIT_INPUT;
        goto done;
    }
    Script *forward = output_script(a, plan, &oo, false);
    Script *backward = output_script(a, plan, &oo, true);
    const char *fault = reparse_script(a, forward);
    if (!fault)
        fault = reparse_script(a, backward);
    const char *latest = NULL;
    if (!fault && o.latest) {
        OutputOpts lo = {arena_printf(a, "%s before %s", o.migrations, (const char *)files.items[n - 1]), to_name,
                         lock_timeout, statement_timeout};
        MigrationPlan *step = plan_build(a, before, desired);
        Script *gen = output_script(a, step, &lo, false);
        fault = reparse_script(a, gen);
        if (!fault) {
            Diags ld = {a, {0}};
            latest = latest_difference(a, files.items[n - 1], texts.items[n - 1], gen->text, &ld);
            if (diag_any(&ld)) {
                rc = diag_report(&ld, stderr);
                goto done;
            }
        }
    }
    if (fault) {
        fprintf(stderr, "schemadiff: internal error: %s\nschemadiff: nothing was written; please report this "
                        "with the input that caused it\n", fault);
        rc = EXIT_INTERNAL;
        goto done;
    }
    int count = n;
    bool md = o.format && !strcmp(o.format, "markdown"), sql = o.format && !strcmp(o.format, "sql");
    /* the verdict: stdout for text, stderr with --format sql (stdout is
     * the migration alone), inside the comment for markdown */
    FILE *say = sql ? stderr : stdout;
    if (!plan->changes.n) {
        if (!md)
            fprintf(say, "check: %d migration%s in %s (replayed by the %s) match %s (state %s)\n", count,
                    count == 1 ? "" : "s", o.migrations, how, to_name, output_fingerprint(a, desired));
        rc = EXIT_OK;
    } else {
        if (o.write) {
            const char *slash = strrchr(o.write, '/');
            const char *dir = slash ? arena_strndup(a, o.write, (size_t)(slash - o.write + (slash == o.write)))
                                    : ".";
            const char *base = slash ? slash + 1 : o.write;
            OutFile out[] = {
                {base, forward->text},
                {arena_printf(a, "%.*s.down.sql", (int)(strlen(base) - 4), base), backward->text},
            };
            const char *failed = NULL;
            if (output_write_files(a, dir, out, 2, &failed) != 0) {
                fprintf(stderr, "%s: error: cannot write: %s (no output file was written or changed)\n", failed,
                        strerror(errno));
                rc = EXIT_INPUT;
                goto done;
            }
        }
        if (!md) {
            fprintf(say, "check: the %d migration%s in %s (replayed by the %s) do%s not build %s: %d change%s "
                         "missing\n",
                    count, count == 1 ? "" : "s", o.migrations, how, count == 1 ? "es" : "", to_name,
                    plan->changes.n, plan->changes.n == 1 ? " is" : "s are");
            if (o.write)
                fprintf(say, "check: wrote the missing migration to %s and its rollback beside it\n", o.write);
        }
        if (!md && !sql) {
            printf("\n");
            fputs(output_plan(a, plan, &oo, FMT_TEXT), stdout);
            printf("\n");
        }
        if (!md)
            fputs(forward->text, stdout);
        rc = EXIT_DIFF;
    }
    if (md) {
        fputs(markdown_check(a, plan, &oo, count, how, o.write, latest), stdout);
        if (latest)
            rc = EXIT_DIFF;
    } else if (latest) {
        if (rc == EXIT_OK && !sql)
            printf("\n");
        fputs(latest, say);
        rc = EXIT_DIFF;
    } else if (o.latest) {
        fprintf(say, "check: the newest migration %s is what schemadiff generates for its step\n",
                (const char *)files.items[n - 1]);
    }

done:
    fflush(stdout);
    source_read_release(job);
    parse_session_end(ps);
    scratch_stop(scratch);
    arena_free(a);
    return rc;
}
