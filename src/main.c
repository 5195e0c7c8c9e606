/*
 * main.c — the command line, reading as the pipeline:
 *
 *   read current (parser/) -> read desired (parser/) -> diff + order (diff/)
 *   -> print or write files (emit/)
 *
 * Only this file exits.  Input errors of both sources are collected and
 * reported together before anything is written; output files are written
 * only after the whole plan exists, all of them or none (output_write_files),
 * so a failed run never leaves a partial file or a partial plan.  Flags are
 * strict: a repeated, empty or missing value, an option the command does not
 * take and anything that is not an option are usage errors (exit 2), and the
 * timeouts, which reach the generated SQL, must be PostgreSQL durations.
 *
 * schemadiff.yaml (`--config FILE`, else ./schemadiff.yaml when present;
 * plan and verify) is read before either source: its errors are input
 * errors (exit 3), and each flag given overrides the file's setting.  A
 * plan whose changes carry a blocking hazard that was not allowed is still
 * printed and written, and exits 6 (EXIT_REFUSED), which wins over
 * --exit-code's 1: a refused plan always has differences.
 *
 * With a database as the current side, the plan's pre-flight queries
 * (diff/preflight.c writes them, parser/pfrun.c runs them in the catalog
 * read's snapshot) run before anything is printed, unless --no-preflight;
 * a step the live data would make fail refuses the plan the same way (exit
 * 6, files written).  The snapshot of every database read is closed on
 * every exit path (catalog_close), before a scratch database is dropped.
 */
#include "model.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* SCHEMADIFF_TIMING=1 prints the time of each phase to stderr. */
static double t_last;

static void phase(const char *name)
{
    static double cpu_last;
    double t = timing_clock(), cpu = timing_enabled() ? timing_cpu() : 0, rss, peak;
    if (name && timing_enabled()) {
        timing_rss(&rss, &peak);
        timing_report("%-10s %8.3f s   cpu %7.3f s   rss %7.1f MB, peak %7.1f MB", name, t - t_last, cpu - cpu_last,
                      rss, peak);
    }
    t_last = t;
    cpu_last = cpu;
}

static const char usage_text[] =
    "usage: schemadiff plan   --from SRC --to SRC [--out DIR] [--format text|sql|json|markdown]\n"
    "                         [--config FILE] [--allow-hazards LIST] [--exit-code]\n"
    "                         [--lock-timeout T] [--statement-timeout T] [--owners]\n"
    "                         [--load-via-db [--dev-url URL]] [--no-preflight]\n"
    "                         [--color auto|always|never] [--shadow TABLE]\n"
    "       schemadiff check  --migrations DIR --to SRC [--dev-url URL] [--latest] [--write FILE]\n"
    "                         [--format text|sql|markdown] [--config FILE]\n"
    "       schemadiff verify --db URL --to SRC [--data] [--format text|json] [--config FILE]\n"
    "       schemadiff dump   --from SRC [--load-via-db [--dev-url URL]]\n"
    "       schemadiff apply  --db URL (--to SRC | --plan DIR) [--allow-hazards LIST] [--baseline]\n"
    "                         [--config FILE]\n"
    "       schemadiff history --db URL [--format text|json] [--config FILE]\n"
    "       (plan, verify, dump also take --schema NAME and --exclude-schema NAME, repeatable;\n"
    "        plan and verify take several databases: --db URL repeated or --db-list FILE, with\n"
    "        --jobs N connections at a time, instead of --from / one --db)\n"
    "       schemadiff --version\n"
    "SRC: a .sql file, a directory of .sql files, '-' (stdin), 'empty', or a\n"
    "     postgres:// URL (libpq's environment variables and .pgpass apply).\n";

typedef struct Options {
    const char *command;
    const char *from, *to, *out, *config, *allow_hazards;
    OutFormat format;
    bool exit_code;
    bool owners;             /* --owners: apply stated owners even where the
                              * current side does not state one */
    bool load_via_db;        /* --load-via-db: files are loaded into a scratch
                              * database and read back (parser/scratch.c) */
    const char *dev_url;     /* --dev-url: where; else a temporary cluster */
    const char *lock_timeout, *statement_timeout;
    const char *color;       /* --color auto|always|never (plan's text) */
    bool no_preflight;       /* --no-preflight: the live data is not queried */
    const char *preflight_timeout; /* statement_timeout of the pre-flight queries */
    unsigned allowed;        /* --allow-hazards, as Hazard bits */
    bool data;               /* verify --data: the rows (polymorphic rules,
                              * NOT VALID constraints), not only the schema */
    Config cfg;              /* schemadiff.yaml as read (polymorphic rules) */
    SourceFilter filter;     /* --schema, --exclude-schema */
    PtrVec shadow;           /* --shadow TABLE (repeatable): char * */
    ShadowOpts shadow_opts;  /* --shadow over schemadiff.yaml's shadow.* */
    Arena *arena;
    PtrVec dbs;              /* --db (repeatable): char * */
    const char *db_list;     /* --db-list FILE */
    const char *jobs;        /* --jobs N */
    bool multi;              /* several databases: src/multidb.c */
} Options;

static int usage_error(const char *fmt, const char *arg)
{
    fputs("schemadiff: ", stderr);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    fputs(usage_text, stderr);
    return EXIT_USAGE;
}

/* Options that take a value, and which commands take them. */
enum { CMD_PLAN = 1, CMD_VERIFY = 2, CMD_DUMP = 4 };

static int not_an_option_of(int cmd, const char *name)
{
    if (cmd == CMD_VERIFY)
        return usage_error("verify takes --db, --to, --data, --format, --config, --owners and schema filters, not %s",
                           name);
    if (cmd == CMD_DUMP)
        return usage_error("dump takes only --from, --load-via-db, --dev-url and schema filters, not %s", name);
    return usage_error("plan does not take %s", name);
}

/* The flags of a run over several databases (src/multidb.c). */
static int multi_args(Options *o)
{
    o->multi = true;
    if (o->from)
        return usage_error("%s", "plan reads one database with --from, or several with --db / --db-list; not both");
    for (int i = 0; i < o->dbs.n; i++)
        if (!catalog_is_connection(o->dbs.items[i]))
            return usage_error("%s", "--db takes a connection string (postgres://... or key=value)");
    if (o->data)
        return usage_error("%s", "--data reads one database: give one --db");
    if (o->load_via_db)
        return usage_error("%s", "--load-via-db is not for several databases");
    if (o->format != FMT_TEXT && o->format != FMT_JSON)
        return usage_error("%s", "several databases are reported as text or json");
    if (o->jobs) {
        char *end;
        errno = 0;
        long n = strtol(o->jobs, &end, 10);
        if (*end || errno || n < 1 || n > 256)
            return usage_error("--jobs takes a number of connections from 1 to 256, not '%s'", o->jobs);
    }
    return 0;
}

static int parse_args(int argc, char **argv, Options *o)
{
    if (argc < 2)
        return usage_error("%s", "missing command");
    o->command = argv[1];
    o->format = FMT_TEXT;
    int cmd;
    if (!strcmp(o->command, "plan"))
        cmd = CMD_PLAN;
    else if (!strcmp(o->command, "verify"))
        cmd = CMD_VERIFY;
    else if (!strcmp(o->command, "dump"))
        cmd = CMD_DUMP;
    else {
        return usage_error("unknown command '%s'", catalog_is_connection(o->command)
                                                        ? catalog_display_name(o->arena, o->command) : o->command);
    }
    const char *format = NULL;
    const struct {
        const char *name;
        const char **slot;  /* NULL: a repeatable list (--schema, --exclude-schema) */
        int commands;
    } valued[] = {
        {"--from", &o->from, CMD_PLAN | CMD_DUMP},
        {"--db", NULL, CMD_VERIFY | CMD_PLAN},
        {"--db-list", &o->db_list, CMD_VERIFY | CMD_PLAN},
        {"--jobs", &o->jobs, CMD_VERIFY | CMD_PLAN},
        {"--to", &o->to, CMD_PLAN | CMD_VERIFY},
        {"--out", &o->out, CMD_PLAN},
        {"--format", &format, CMD_PLAN | CMD_VERIFY},
        {"--config", &o->config, CMD_PLAN | CMD_VERIFY},
        {"--allow-hazards", &o->allow_hazards, CMD_PLAN},
        {"--lock-timeout", &o->lock_timeout, CMD_PLAN},
        {"--statement-timeout", &o->statement_timeout, CMD_PLAN},
        {"--schema", NULL, CMD_PLAN | CMD_VERIFY | CMD_DUMP},
        {"--exclude-schema", NULL, CMD_PLAN | CMD_VERIFY | CMD_DUMP},
        {"--dev-url", &o->dev_url, CMD_PLAN | CMD_DUMP},
        {"--color", &o->color, CMD_PLAN},
        {"--shadow", NULL, CMD_PLAN},
    };
    const struct {
        const char *name;
        bool *flag;
        int commands;
    } flags[] = {
        {"--exit-code", &o->exit_code, CMD_PLAN},
        {"--owners", &o->owners, CMD_PLAN | CMD_VERIFY},
        {"--load-via-db", &o->load_via_db, CMD_PLAN | CMD_DUMP},
        {"--no-preflight", &o->no_preflight, CMD_PLAN},
        {"--data", &o->data, CMD_VERIFY},
    };
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) != 0 || !a[2])
            return usage_error("unexpected argument '%s' (options start with --)",
                               catalog_is_connection(a) ? catalog_display_name(o->arena, a) : a);
        /* --name=value is --name value */
        const char *eq = strchr(a, '=');
        const char *name = eq ? arena_strndup(o->arena, a, (size_t)(eq - a)) : a;
        bool done = false;
        for (size_t k = 0; k < sizeof flags / sizeof flags[0] && !done; k++) {
            if (strcmp(name, flags[k].name))
                continue;
            if (!(flags[k].commands & cmd))
                return not_an_option_of(cmd, name);
            if (eq)
                return usage_error("%s takes no value", name);
            if (*flags[k].flag)
                return usage_error("%s given twice", name);
            *flags[k].flag = true;
            done = true;
        }
        for (size_t k = 0; k < sizeof valued / sizeof valued[0] && !done; k++) {
            if (strcmp(name, valued[k].name))
                continue;
            if (!(valued[k].commands & cmd)) {
                if (cmd == CMD_VERIFY && !strcmp(name, "--from"))
                    return usage_error("%s", "verify reads the database from --db, not --from");
                return not_an_option_of(cmd, name);
            }
            const char *v;
            if (eq)
                v = eq + 1;
            else if (i + 1 >= argc || !strncmp(argv[i + 1], "--", 2))
                return usage_error("%s needs a value", name);
            else
                v = argv[++i];
            if (!*v)
                return usage_error("%s needs a non-empty value", name);
            if (!valued[k].slot && !strcmp(name, "--shadow"))
                vec_push(o->arena, &o->shadow, (void *)v);
            else if (!valued[k].slot && !strcmp(name, "--db"))
                vec_push(o->arena, &o->dbs, (void *)v);
            else if (!valued[k].slot)
                vec_push(o->arena, !strcmp(name, "--schema") ? &o->filter.include : &o->filter.exclude, (void *)v);
            else if (*valued[k].slot)
                return usage_error("%s given twice", name);
            else
                *valued[k].slot = v;
            done = true;
        }
        if (!done)
            return usage_error("unknown option '%s'", name);
    }
    bool verify = cmd == CMD_VERIFY;
    if (format) {
        if (!strcmp(format, "text"))
            o->format = FMT_TEXT;
        else if (!strcmp(format, "sql") && !verify)
            o->format = FMT_SQL;
        else if (!strcmp(format, "json"))
            o->format = FMT_JSON;
        else if (!strcmp(format, "markdown") && !verify)
            o->format = FMT_MARKDOWN;
        else if (verify)
            return usage_error("verify prints text or json, not '%s'", format);
        else
            return usage_error("unknown format '%s' (text, sql, json, markdown)", format);
    }
    if (o->color && strcmp(o->color, "auto") && strcmp(o->color, "always") && strcmp(o->color, "never"))
        return usage_error("--color takes auto, always or never, not '%s'", o->color);
    /* several databases (src/multidb.c): --db twice or more, --db-list,
     * or plan's --db; one verify --db is the single-database command */
    if (verify && o->dbs.n == 1 && !o->db_list)
        o->from = o->dbs.items[0];
    else if (o->dbs.n || o->db_list) {
        int rc = multi_args(o);
        if (rc)
            return rc;
    }
    if (!o->from && !o->multi)
        return usage_error("%s", verify ? "--db is required" : "--from is required");
    if (o->jobs && !o->multi) /* never accepted and then ignored */
        return usage_error("%s", "--jobs is for several databases (--db repeated or --db-list FILE)");
    if (cmd != CMD_DUMP && !o->to && !o->data)
        return usage_error("%s", "--to is required");
    if (o->dev_url && !o->load_via_db)
        return usage_error("%s", "--dev-url names the server --load-via-db loads files into; give --load-via-db too");
    if (o->dev_url && !catalog_is_connection(o->dev_url))
        return usage_error("%s", "--dev-url takes a connection string (postgres://... or key=value)");
    if (verify && !o->multi && !catalog_is_connection(o->from))
        return usage_error("%s", "--db takes a connection string (postgres://... or key=value)");
    /* the timeouts reach the generated SQL: only PostgreSQL durations */
    if (o->lock_timeout && !config_valid_duration(o->lock_timeout))
        return usage_error("--lock-timeout takes a PostgreSQL duration (e.g. 5s, 500ms, 1min, 2h, 0; "
                           "a bare number is milliseconds), not '%s'", o->lock_timeout);
    if (o->statement_timeout && !config_valid_duration(o->statement_timeout))
        return usage_error("--statement-timeout takes a PostgreSQL duration (e.g. 5s, 500ms, 1min, 2h, 0; "
                           "a bare number is milliseconds), not '%s'", o->statement_timeout);
    if (o->allow_hazards) {
        /* the names of the hazard table (schemas/hazards.c), or all */
        for (const char *t = o->allow_hazards;; ) {
            size_t len = strcspn(t, ",");
            const char *item = arena_strndup(o->arena, t, len);
            unsigned bit = hazard_by_name(item);
            if (!len)
                return usage_error("%s", "empty item in --allow-hazards");
            if (!bit)
                return usage_error("%s", arena_printf(o->arena, "unknown hazard '%s' in --allow-hazards (known: %s)",
                                                      item, hazard_known_names(o->arena)));
            o->allowed |= bit;
            if (!t[len])
                break;
            t += len + 1;
        }
    }
    return 0;
}

/* Read schemadiff.yaml (--config FILE, else ./schemadiff.yaml when present;
 * plan and verify only) and merge it under the flags: each flag given
 * overrides the file's setting (--allow-hazards replaces hazards.allow,
 * --schema replaces schemas.include, --exclude-schema schemas.exclude),
 * then the defaults fill the rest.  Returns EXIT_INPUT with diagnostics in
 * `diags` when the file is unreadable or wrong, else 0. */
static int apply_config(Options *o, Diags *diags)
{
    Config cfg = {0};
    const char *path = o->config;
    struct stat st;
    bool plan = !strcmp(o->command, "plan"), verify = !strcmp(o->command, "verify");
    if (!path && (plan || verify) && (stat("schemadiff.yaml", &st) == 0 || errno != ENOENT))
        path = "schemadiff.yaml";
    if (path) {
        config_read_file(&cfg, o->arena, path, diags);
        if (diag_any(diags))
            return EXIT_INPUT;
    }
    if (!o->allow_hazards && cfg.has_allow)
        o->allowed = cfg.allow;
    if (!o->lock_timeout && cfg.has_lock_timeout)
        o->lock_timeout = cfg.lock_timeout;
    if (!o->statement_timeout && cfg.has_statement_timeout)
        o->statement_timeout = cfg.statement_timeout;
    if (!o->filter.include.n && cfg.has_include)
        o->filter.include = cfg.include;
    if (!o->filter.exclude.n && cfg.has_exclude)
        o->filter.exclude = cfg.exclude;
    if (cfg.has_owners && !o->owners)
        o->owners = cfg.owners;
    o->cfg = cfg;
    /* shadow.*: --shadow replaces shadow.tables */
    ShadowOpts *so = &o->shadow_opts;
    so->tables = o->shadow.n ? o->shadow : cfg.shadow_tables;
    so->min_rows = cfg.has_shadow_min_rows ? cfg.shadow_min_rows : 0;
    so->min_bytes = cfg.has_shadow_min_bytes ? cfg.shadow_min_bytes : 0;
    so->batch_size = cfg.has_shadow_batch_size ? cfg.shadow_batch_size : 1000;
    so->staged = cfg.has_shadow_cutover && !strcmp(cfg.shadow_cutover, "staged");
    so->lock_timeout = cfg.has_shadow_lock_timeout ? cfg.shadow_lock_timeout : NULL;
    /* the pre-flight queries: the statement timeout given (flag or
     * timeouts.statement), else 5 s; never none, or a large table could
     * hold the plan */
    o->preflight_timeout = o->statement_timeout && atof(o->statement_timeout) > 0 ? o->statement_timeout : "5s";
    if (!o->lock_timeout)
        o->lock_timeout = "5s";
    if (!so->lock_timeout)
        so->lock_timeout = o->lock_timeout;
    if (!o->statement_timeout)
        o->statement_timeout = "0";
    return 0;
}

void cli_preflight(Arena *a, MigrationPlan *plan, Model *current, const char *skip, const char *timeout)
{
    preflight_plan(a, plan);
    if (skip) {
        preflight_skip(plan, skip);
        return;
    }
    PtrVec steps = {0};
    preflight_steps(plan, &steps);
    pfrun_steps(a, current, &steps, timeout, PREFLIGHT_CAP);
    preflight_summarize(plan);
}

void cli_table_sizes(Arena *a, MigrationPlan *plan, Model *current, const char *name, long long min_bytes,
                     Diags *diags)
{
    if (!current->snapshot)
        return;
    PtrVec tables = {0};
    plan_size_tables(a, plan, min_bytes > 0, &tables);
    catalog_table_sizes(a, current, name, &tables, diags);
}

/* Pre-flight queries that timed out or failed: a warning line each, for
 * stderr (the plan says the same); they do not refuse the plan. */
static const char *preflight_warnings(Arena *a, const MigrationPlan *plan)
{
    StrBuf sb;
    sb_init(&sb);
    for (int i = 0; i < plan->changes.n; i++) {
        const Change *c = plan->changes.items[i];
        for (int k = 0; k < c->steps.n; k++) {
            const Step *st = c->steps.items[k];
            if (st->pf_state == PF_TIMEOUT || st->pf_state == PF_ERROR)
                sb_printf(&sb, "schemadiff: warning: the pre-flight query of step %d of \"%s\" %s (%s): not checked\n",
                          k + 1, c->summary ? c->summary : "", st->pf_state == PF_TIMEOUT ? "timed out" : "failed",
                          arena_strndup(a, st->pf_error ? st->pf_error : "", strcspn(st->pf_error ? st->pf_error : "", "\n")));
        }
    }
    char *r = sb_take(&sb, a);
    sb_free(&sb);
    return r;
}

/* How the text plan is shown: `styled` (a one-line summary at the end)
 * when --color always, or auto (the default) and standard output is a
 * terminal; `colour` when styled and not turned off by NO_COLOR (set and
 * not empty, https://no-color.org) or TERM=dumb, which only auto heeds:
 * --color always is the user asking.  --color never: plain text. */
static void plan_text_style(const char *flag, bool *styled, bool *colour)
{
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    bool always = flag && !strcmp(flag, "always"), never = flag && !strcmp(flag, "never");
    *styled = always || (!never && isatty(STDOUT_FILENO));
    *colour = *styled && (always || (!(no_color && *no_color) && !(term && !strcmp(term, "dumb"))));
}

/* verify --data: the findings of the rules and NOT VALID constraints
 * (diff/poly.c writes the queries, parser/verifydata.c runs them in the
 * catalog read's snapshot, emit/verifydata.c prints them); with --to the
 * schema's drift is printed first.  Exit 0 clean, 1 found, 4 when a query
 * fails. */
static int verify_data(Options *o, Model *current, Model *desired)
{
    int rc = EXIT_OK;
    const char *to_name = o->to && catalog_is_connection(o->to) ? catalog_display_name(o->arena, o->to) : o->to;
    if (desired) {
        const char *from_name = catalog_display_name(o->arena, o->from);
        OutputOpts oo = {from_name, to_name, o->lock_timeout, o->statement_timeout};
        MigrationPlan *plan = plan_build(o->arena, current, desired);
        fputs(output_drift(o->arena, plan, &oo, o->format), stdout);
        rc = plan->changes.n ? EXIT_DIFF : EXIT_OK;
    }
    PtrVec findings = {0};
    poly_verify_data(o->arena, &o->cfg, current, &findings);
    const char *err = verifydata_run(o->arena, current, &findings, o->statement_timeout);
    if (err) {
        fflush(stdout);
        fprintf(stderr, "schemadiff: error: verify --data: %s\n", err);
        return EXIT_DB;
    }
    int found = 0;
    fputs(output_verify_data(o->arena, &findings, o->format, &found), stdout);
    return found ? EXIT_DIFF : rc;
}

/* A SRC the file reader reads (a .sql file, a directory, stdin). */
static bool is_files(const char *src)
{
    return strcmp(src, "empty") != 0 && !catalog_is_connection(src);
}

/* Several databases: src/multidb.c, with the flags as merged here. */
static int run_multi(Options *o)
{
    MultiDbOpts mo = {0};
    mo.command = o->command;
    mo.urls = o->dbs;
    mo.db_list = o->db_list;
    mo.jobs = o->jobs ? atoi(o->jobs) : 4;
    mo.to = o->to;
    mo.to_name = catalog_is_connection(o->to) ? catalog_display_name(o->arena, o->to) : o->to;
    mo.out = o->out;
    mo.format = o->format;
    mo.exit_code = o->exit_code;
    mo.owners = o->owners;
    mo.no_preflight = o->no_preflight;
    mo.allowed = o->allowed;
    mo.lock_timeout = o->lock_timeout;
    mo.statement_timeout = o->statement_timeout;
    mo.preflight_timeout = o->preflight_timeout;
    mo.filter = &o->filter;
    mo.cfg = &o->cfg;
    mo.shadow_opts = &o->shadow_opts;
    return multidb_run(o->arena, &mo);
}

static int run(int argc, char **argv)
{
    if (argc == 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))) {
        printf("schemadiff %s\n", SCHEMADIFF_VERSION);
        return EXIT_OK;
    }
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        fputs(usage_text, stdout);
        return EXIT_OK;
    }
    if (argc >= 2 && !strcmp(argv[1], "check"))
        return check_main(argc, argv); /* src/check.c */
    if (argc >= 2 && !strcmp(argv[1], "apply"))
        return apply_main(argc, argv); /* src/apply.c */
    if (argc >= 2 && !strcmp(argv[1], "history"))
        return history_main(argc, argv); /* src/apply.c */
    Arena arena = {0};
    Options opt = {0};
    opt.arena = &arena;
    int rc = parse_args(argc, argv, &opt);
    if (rc) {
        arena_free(&arena);
        return rc;
    }
    phase(NULL);
    Diags diags = {&arena, {0}};
    rc = apply_config(&opt, &diags);
    if (rc) {
        diag_report(&diags, stderr);
        arena_free(&arena);
        return rc;
    }
    if (opt.multi) {
        rc = run_multi(&opt);
        arena_free(&arena);
        return rc;
    }

    /* --load-via-db: each files side is loaded into a scratch database
     * first, and that database is read instead (dropped in `done`) */
    Scratch *scratch = NULL;
    DumpJob *dump_job = NULL; /* desired.sql of plan --out (src/dumpjob.c) */
    const char *from_src = opt.from, *to_src = opt.to;
    if (opt.load_via_db) {
        scratch = scratch_start(&arena, opt.dev_url, &diags);
        if (!diag_any(&diags) && is_files(opt.from))
            from_src = scratch_load(scratch, opt.from, &diags);
        if (!diag_any(&diags) && opt.to && is_files(opt.to))
            to_src = scratch_load(scratch, opt.to, &diags);
        phase("load");
        if (diag_any(&diags)) {
            rc = diag_report(&diags, stderr);
            scratch_stop(scratch);
            arena_free(&arena);
            return rc;
        }
    }
    /* The desired side is read on a second thread while this one reads the
     * current side. */
    SourceJob *job = to_src ? source_read_start(to_src, "desired", &opt.filter) : NULL;
    ParseSession *ps = parse_session_begin();
    /* The current side has an arena and parse trees of its own: `plan
     * --out` frees them before it makes desired.sql, which reads the
     * desired side alone, so the two do not add up in the peak. */
    Arena cur_arena = {0};
    void *outer = pgctx_current();
    ParseSession *cur_ps = parse_session_begin();
    Model *current = source_read(cur_ps, &cur_arena, from_src, "current", &opt.filter, &diags);
    pgctx_restore(outer);
    Diags *desired_diags = NULL;
    Model *desired = job ? source_read_wait(job, ps, &desired_diags) : NULL;
    phase("read");
    if (scratch) {
        scratch_rename(scratch, &diags);
        scratch_rename(scratch, desired_diags);
        if (from_src != opt.from)
            scratch_adopt(scratch, current);
        if (desired && to_src != opt.to)
            scratch_adopt(scratch, desired);
    }
    if (!diag_any(&diags) && !(desired_diags && diag_any(desired_diags))) {
        /* the file reader's warnings (data statements left out) */
        diag_flush_warnings(&diags, stderr);
        diag_flush_warnings(desired_diags, stderr);
    }
    if (diag_any(&diags) || (desired_diags && diag_any(desired_diags))) {
        int rc1 = diag_report(&diags, stderr);
        int rc2 = desired_diags ? diag_report(desired_diags, stderr) : 0;
        rc = rc1 > rc2 ? rc1 : rc2;
        goto done;
    }

    model_filter_schemas(current, &opt.filter);
    if (desired)
        model_filter_schemas(desired, &opt.filter);
    if (desired && (current->current_user != NULL) != (desired->current_user != NULL)) {
        /* FOR CURRENT_USER in files is the database's role (parser/foreign.c) */
        foreign_resolve_current_user(current->current_user ? desired : current, current->current_user ? current : desired);
        model_sort(current);
        model_sort(desired);
    }

    if (!strcmp(opt.command, "dump")) {
        MigrationPlan *dump_plan = plan_dump(&arena, source_empty(&arena), current);
        phase("plan");
        Script *dump = output_dump_script(&arena, dump_plan);
        dump->dump = true;
        phase("print");
        const char *fault = reparse_script(&arena, dump);
        phase("reparse");
        if (fault) {
            fprintf(stderr, "schemadiff: internal error: %s\nschemadiff: nothing was printed; please report this "
                            "with the input that caused it\n", fault);
            rc = EXIT_INTERNAL;
            goto done;
        }
        fputs(dump->text, stdout);
        fflush(stdout);
        pending_report(&arena, current, stderr); /* emit/pending.c */
        rc = EXIT_OK;
        goto done;
    }

    /* polymorphic rules (schemadiff.yaml): checked against the design, and
     * the objects that enforce them added to it (diff/poly.c writes them,
     * the DDL reader reads them in); suspected pairs without a rule are
     * warnings and plan notes */
    PtrVec poly_notes = {0};
    if (desired) {
        poly_check(&arena, &opt.cfg, desired, &diags, &poly_notes);
        if (!diag_any(&diags) && opt.cfg.poly.n) {
            ddl_extend(desired, arena_printf(&arena, "%s (polymorphic rules)", opt.cfg.file ? opt.cfg.file : "schemadiff.yaml"),
                       poly_sql(&arena, &opt.cfg, desired), &diags);
            desired->poly_rules = &opt.cfg.poly;
        }
        if (!diag_any(&diags))
            diag_flush_warnings(&diags, stderr);
        if (diag_any(&diags)) {
            rc = diag_report(&diags, stderr);
            goto done;
        }
    }
    if (opt.data && !strcmp(opt.command, "verify")) {
        rc = verify_data(&opt, current, desired);
        goto done;
    }

    /* the database a migration runs on must have the roles it names */
    acl_check_roles(current, desired, catalog_is_connection(opt.from) ? catalog_display_name(&arena, opt.from) : "",
                    &diags);
    /* a type change no cast converts would fail when the migration runs */
    if (!strcmp(opt.command, "plan")) {
        conv_apply(&arena, &opt.cfg, current, desired, &diags, &poly_notes); /* diff/conv.c */
        casts_check(current, desired, &diags);
        if (!diag_any(&diags))
            diag_flush_warnings(&diags, stderr);
    }
    if (diag_any(&diags)) {
        rc = diag_report(&diags, stderr);
        goto done;
    }
    current->owners_all = desired->owners_all = opt.owners;
    plan_match_roles(current, desired);
    /* the desired model is final: desired.sql is made on a second thread
     * while this one plans */
    if (opt.out && !strcmp(opt.command, "plan"))
        dump_job = dump_job_start(&arena, desired, job);
    MigrationPlan *plan = plan_build_matched(&arena, current, desired);
    plan->notes = poly_notes;
    /* heavy changes of the tables --shadow / shadow.* name: shadow.sql */
    if (!strcmp(opt.command, "plan")) {
        cli_table_sizes(&arena, plan, current, catalog_is_connection(opt.from) ? catalog_display_name(&arena, opt.from)
                                                                              : opt.from,
                        opt.shadow_opts.min_bytes, &diags);
        if (!diag_any(&diags))
            shadow_route(&arena, plan, &opt.shadow_opts, &diags);
        if (diag_any(&diags)) {
            rc = diag_report(&diags, stderr);
            goto done;
        }
    }
    unsigned refused = 0;
    int n_refused = plan_gate(plan, opt.allowed, &refused);
    phase("plan");
    const Step *pf_first = NULL;
    const Change *pf_change = NULL;
    int pf_failed = 0;
    if (!strcmp(opt.command, "plan")) {
        cli_preflight(opt.arena, plan, current,
                      !catalog_is_connection(opt.from) ? "files as the current side"
                      : opt.no_preflight              ? "--no-preflight"
                                                      : NULL,
                      opt.preflight_timeout);
        pf_failed = plan_gate_preflight(plan, &pf_first, &pf_change);
        phase("preflight");
    }
    if (plan->cycle.n) {
        StrBuf sb;
        sb_init(&sb);
        for (int i = 0; i < plan->cycle.n; i++) {
            const Change *c = plan->cycle.items[i];
            sb_printf(&sb, "\n    %s", c->summary ? c->summary : "");
        }
        fprintf(stderr, "schemadiff: error: these changes depend on each other in a cycle no order can "
                        "satisfy:%s\n", sb.data);
        sb_free(&sb);
        rc = EXIT_INPUT;
        goto done;
    }
    /* a URL is named without its password wherever it is printed */
    const char *from_name = catalog_is_connection(opt.from) ? catalog_display_name(&arena, opt.from) : opt.from;
    const char *to_name = catalog_is_connection(opt.to) ? catalog_display_name(&arena, opt.to) : opt.to;
    OutputOpts oo = {from_name, to_name, opt.lock_timeout, opt.statement_timeout};
    if (!strcmp(opt.command, "verify")) {
        fputs(output_drift(&arena, plan, &oo, opt.format), stdout);
        rc = plan->changes.n ? EXIT_DIFF : EXIT_OK;
        goto done;
    }
    /* the safety net: both scripts are parsed again and must be exactly
     * the statements meant, before anything is written or printed */
    Script *forward = output_script(&arena, plan, &oo, false);
    Script *backward = output_script(&arena, plan, &oo, true);
    Script *shadow = plan->shadowed.n ? output_shadow(&arena, plan, &oo) : NULL;
    const char *fault = reparse_script(&arena, forward);
    if (!fault)
        fault = reparse_script(&arena, backward);
    if (!fault && shadow)
        fault = reparse_script(&arena, shadow);
    phase("reparse");
    if (fault) {
        fprintf(stderr, "schemadiff: internal error: %s\nschemadiff: nothing was written; please report this "
                        "with the input that caused it\n", fault);
        rc = EXIT_INTERNAL;
        goto done;
    }
    /* everything said of the plan is made while both sides are in memory */
    const char *plan_json = opt.out ? output_plan(&arena, plan, &oo, FMT_JSON) : NULL;
    const char *shown = output_plan(&arena, plan, &oo, opt.format);
    bool styled = false, colour = false;
    if (opt.format == FMT_TEXT)
        plan_text_style(opt.color, &styled, &colour);
    if (styled) /* a terminal: colour and a one-line summary (emit/color.c) */
        shown = color_text_plan(&arena, shown, plan, colour);
    const char *pf_warnings = preflight_warnings(&arena, plan);
    const char *pf_message = NULL;
    if (pf_failed) {
        int k = 0;
        while (k < pf_change->steps.n && pf_change->steps.items[k] != pf_first)
            k++;
        pf_message = arena_printf(&arena, "%d step%s would fail on the live data; the first: step %d of \"%s\": "
                                          "would fail: %s",
                                  pf_failed, pf_failed == 1 ? "" : "s", k + 1,
                                  pf_change->summary ? pf_change->summary : "", preflight_found(&arena, pf_first));
    }
    if (opt.out) {
        /* desired.sql is the desired state as canonical DDL, what `apply
         * --plan DIR` verifies the database against after the run; it
         * needs nothing of the current side, whose model and parse trees
         * are freed first (nothing below reads `plan` again) while its
         * thread ends */
        if (!scratch) {
            catalog_close(current);
            current = NULL;
            parse_session_end(cur_ps);
            cur_ps = NULL;
            pgctx_restore(outer);
            arena_free(&cur_arena);
        }
        /* all of them or none: see output_write_files; shadow.sql only
         * when a table is shadowed, else one of an earlier plan is removed */
        OutFile files[] = {
            {"migration.sql", forward->text},
            {"rollback.sql", backward->text},
            {"plan.json", plan_json},
            {"desired.sql", dump_job_text(dump_job)},
            {"shadow.sql", shadow ? shadow->text : NULL},
        };
        const char *failed = NULL;
        if (output_write_files(&arena, opt.out, files, 5, &failed) != 0) {
            fprintf(stderr, "%s: error: cannot write: %s (no output file was written or changed)\n", failed, strerror(errno));
            rc = EXIT_INPUT;
            goto done;
        }
    }
    phase("write");
    fputs(shown, stdout);
    rc = (opt.exit_code && (plan->changes.n || plan->shadowed.n)) ? EXIT_DIFF : EXIT_OK;
    if (n_refused) {
        /* exit 6 wins over --exit-code's 1: a refused plan has differences */
        fflush(stdout);
        bool one = !(refused & (refused - 1));
        fprintf(stderr, "schemadiff: plan not allowed: blocking hazard%s %s in %d change%s; allow %s with "
                        "--allow-hazards %s or hazards.allow in schemadiff.yaml%s\n",
                one ? "" : "s", hazard_names(&arena, refused), n_refused, n_refused == 1 ? "" : "s",
                one ? "it" : "them", hazard_join(&arena, refused, ","),
                opt.out ? " (the files are written for review)" : "");
        rc = EXIT_REFUSED;
    }
    fflush(stdout);
    fputs(pf_warnings, stderr);
    if (pf_message) {
        /* the live data refuses the plan as a blocking hazard does */
        fprintf(stderr, "schemadiff: plan not allowed: %s%s\n", pf_message,
                opt.out ? " (the files are written for review)" : "");
        rc = EXIT_REFUSED;
    }

done:
    fflush(stdout);
    dump_job_free(dump_job); /* before the model it reads */
    catalog_close(current);
    catalog_close(desired);
    source_read_release(job);
    parse_session_end(cur_ps);
    arena_free(&cur_arena);
    parse_session_end(ps);
    scratch_stop(scratch);
    arena_free(&arena);
    phase("free");
    return rc;
}

/* The pipeline runs on a thread whose stack fits the deepest statement the
 * reader accepts (schemas/stack.c), whatever `ulimit -s` says. */
int main(int argc, char **argv)
{
    return stack_run_main(run, argc, argv);
}
