/*
 * main.c — the command line, reading as the pipeline:
 *
 *   read current (parser/) -> read desired (parser/) -> diff + order (diff/)
 *   -> print or write files (emit/)
 *
 * Only this file exits.  Input errors of both sources are collected and
 * reported together before anything is written; output files are written
 * only after the whole plan exists, each atomically, so a failed run never
 * leaves a partial file.
 */
#include "model.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* SCHEMADIFF_TIMING=1 prints the time of each phase to stderr. */
static double t_last;

static void phase(const char *name)
{
    double t = timing_clock();
    if (name)
        timing_report("%-10s %8.3f s", name, t - t_last);
    t_last = t;
}

static const char usage_text[] =
    "usage: schemadiff plan   --from SRC --to SRC [--out DIR] [--format text|sql|json|markdown]\n"
    "                         [--config FILE] [--allow-hazards LIST] [--exit-code]\n"
    "                         [--lock-timeout T] [--statement-timeout T] [--owners]\n"
    "       schemadiff verify --db URL --to SRC [--format text|json]\n"
    "       schemadiff dump   --from SRC\n"
    "       (plan, verify, dump also take --schema NAME and --exclude-schema NAME, repeatable)\n"
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
    const char *lock_timeout, *statement_timeout;
    SourceFilter filter;     /* --schema, --exclude-schema */
    Arena *arena;
} Options;

static int usage_error(const char *fmt, const char *arg)
{
    fputs("schemadiff: ", stderr);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    fputs(usage_text, stderr);
    return EXIT_USAGE;
}

static int parse_args(int argc, char **argv, Options *o)
{
    if (argc < 2)
        return usage_error("%s", "missing command");
    o->command = argv[1];
    o->format = FMT_TEXT;
    o->lock_timeout = "5s";
    o->statement_timeout = "0";
    if (strcmp(o->command, "plan") && strcmp(o->command, "dump") && strcmp(o->command, "verify")) {
        if (!strcmp(o->command, "check") || !strcmp(o->command, "apply"))
            return usage_error("'%s' is not available in this version", o->command);
        return usage_error("unknown command '%s'", o->command);
    }
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (!strcmp(a, "--from") || (!strcmp(a, "--db") && !strcmp(o->command, "verify")))
            slot = &o->from;
        else if (!strcmp(a, "--schema") || !strcmp(a, "--exclude-schema")) {
            if (i + 1 >= argc)
                return usage_error("%s needs a value", a);
            vec_push(o->arena, !strcmp(a, "--schema") ? &o->filter.include : &o->filter.exclude, argv[++i]);
            continue;
        }
        else if (!strcmp(a, "--to"))
            slot = &o->to;
        else if (!strcmp(a, "--out"))
            slot = &o->out;
        else if (!strcmp(a, "--config"))
            slot = &o->config;
        else if (!strcmp(a, "--allow-hazards"))
            slot = &o->allow_hazards;
        else if (!strcmp(a, "--lock-timeout"))
            slot = &o->lock_timeout;
        else if (!strcmp(a, "--statement-timeout"))
            slot = &o->statement_timeout;
        else if (!strcmp(a, "--exit-code")) {
            o->exit_code = true;
            continue;
        } else if (!strcmp(a, "--owners")) {
            o->owners = true;
            continue;
        } else if (!strcmp(a, "--format")) {
            if (i + 1 >= argc)
                return usage_error("%s needs a value", a);
            const char *f = argv[++i];
            if (!strcmp(f, "text"))
                o->format = FMT_TEXT;
            else if (!strcmp(f, "sql"))
                o->format = FMT_SQL;
            else if (!strcmp(f, "json"))
                o->format = FMT_JSON;
            else if (!strcmp(f, "markdown"))
                o->format = FMT_MARKDOWN;
            else
                return usage_error("unknown format '%s' (text, sql, json, markdown)", f);
            continue;
        } else
            return usage_error("unknown option '%s'", a);
        if (i + 1 >= argc)
            return usage_error("%s needs a value", a);
        *slot = argv[++i];
    }
    bool verify = !strcmp(o->command, "verify");
    if (!o->from)
        return usage_error("%s", verify ? "--db is required" : "--from is required");
    if ((!strcmp(o->command, "plan") || verify) && !o->to)
        return usage_error("%s", "--to is required");
    if (verify && !catalog_is_connection(o->from))
        return usage_error("%s", "--db takes a connection string (postgres://... or key=value)");
    if (verify && (o->out || o->exit_code))
        return usage_error("%s", "verify takes --db, --to, --format and schema filters");
    if (verify && o->format != FMT_TEXT && o->format != FMT_JSON)
        return usage_error("%s", "verify prints text or json");
    if (!strcmp(o->command, "dump") && (o->to || o->out))
        return usage_error("%s", "dump takes only --from");
    if (o->allow_hazards) {
        static const char *known[] = {"data_loss", "table_rewrite", "enum_rebuild",
                                      "vector_dimension_change", "index_rebuild", "validation", "all"};
        char *list = strdup(o->allow_hazards), *save = NULL;
        for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
            bool ok = false;
            for (size_t k = 0; k < sizeof known / sizeof known[0]; k++)
                ok = ok || !strcmp(t, known[k]);
            if (!ok) {
                int rc = usage_error("unknown hazard '%s' in --allow-hazards", t);
                free(list);
                return rc;
            }
        }
        free(list);
    }
    return 0;
}

static int make_dir(const char *dir)
{
    char *p = strdup(dir);
    for (char *s = p + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            if (mkdir(p, 0755) != 0 && errno != EEXIST) {
                free(p);
                return -1;
            }
            *s = '/';
        }
    int rc = (mkdir(p, 0755) != 0 && errno != EEXIST) ? -1 : 0;
    free(p);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))) {
        printf("schemadiff %s\n", SCHEMADIFF_VERSION);
        return EXIT_OK;
    }
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        fputs(usage_text, stdout);
        return EXIT_OK;
    }
    Arena arena = {0};
    Options opt = {0};
    opt.arena = &arena;
    int rc = parse_args(argc, argv, &opt);
    if (rc) {
        arena_free(&arena);
        return rc;
    }
    if (opt.config) {
        FILE *f = fopen(opt.config, "r");
        if (!f) {
            fprintf(stderr, "%s: error: cannot read config: %s\n", opt.config, strerror(errno));
            arena_free(&arena);
            return EXIT_INPUT;
        }
        fclose(f);
    }

    phase(NULL);
    Diags diags = {&arena, {0}};
    /* The desired side is read on a second thread while this one reads the
     * current side. */
    SourceJob *job = opt.to ? source_read_start(opt.to, "desired", &opt.filter) : NULL;
    ParseSession *ps = parse_session_begin();
    Model *current = source_read(ps, &arena, opt.from, "current", &opt.filter, &diags);
    Diags *desired_diags = NULL;
    Model *desired = job ? source_read_wait(job, ps, &desired_diags) : NULL;
    phase("read");
    if (diag_any(&diags) || (desired_diags && diag_any(desired_diags))) {
        int rc1 = diag_report(&diags, stderr);
        int rc2 = desired_diags ? diag_report(desired_diags, stderr) : 0;
        rc = rc1 > rc2 ? rc1 : rc2;
        goto done;
    }

    model_filter_schemas(current, &opt.filter);
    if (desired)
        model_filter_schemas(desired, &opt.filter);

    if (!strcmp(opt.command, "dump")) {
        Script *dump = output_dump_script(&arena, current);
        dump->dump = true;
        const char *fault = reparse_script(&arena, dump);
        if (fault) {
            fprintf(stderr, "schemadiff: internal error: %s\nschemadiff: nothing was printed; please report this "
                            "with the input that caused it\n", fault);
            rc = EXIT_INTERNAL;
            goto done;
        }
        fputs(dump->text, stdout);
        rc = EXIT_OK;
        goto done;
    }

    /* the database a migration runs on must have the roles it names */
    acl_check_roles(current, desired, catalog_is_connection(opt.from) ? catalog_display_name(&arena, opt.from) : "",
                    &diags);
    /* a type change no cast converts would fail when the migration runs */
    if (!strcmp(opt.command, "plan"))
        casts_check(current, desired, &diags);
    if (diag_any(&diags)) {
        rc = diag_report(&diags, stderr);
        goto done;
    }
    current->owners_all = desired->owners_all = opt.owners;
    MigrationPlan *plan = plan_build(&arena, current, desired);
    phase("plan");
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
    const char *fault = reparse_script(&arena, forward);
    if (!fault)
        fault = reparse_script(&arena, backward);
    phase("reparse");
    if (fault) {
        fprintf(stderr, "schemadiff: internal error: %s\nschemadiff: nothing was written; please report this "
                        "with the input that caused it\n", fault);
        rc = EXIT_INTERNAL;
        goto done;
    }
    if (opt.out) {
        const char *migration = forward->text;
        const char *rollback = backward->text;
        const char *json = output_plan(&arena, plan, &oo, FMT_JSON);
        if (make_dir(opt.out) != 0 || output_write_file(opt.out, "migration.sql", migration) != 0 ||
            output_write_file(opt.out, "rollback.sql", rollback) != 0 ||
            output_write_file(opt.out, "plan.json", json) != 0) {
            fprintf(stderr, "%s: error: cannot write output: %s\n", opt.out, strerror(errno));
            rc = EXIT_INPUT;
            goto done;
        }
    }
    phase("write");
    fputs(output_plan(&arena, plan, &oo, opt.format), stdout);
    rc = (opt.exit_code && plan->changes.n) ? EXIT_DIFF : EXIT_OK;

done:
    fflush(stdout);
    source_read_release(job);
    parse_session_end(ps);
    arena_free(&arena);
    phase("free");
    return rc;
}
