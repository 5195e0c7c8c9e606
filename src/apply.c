/*
 * apply.c — `schemadiff apply`: a plan run on a database once, recorded in
 * one history table; and `schemadiff history`, which lists that table.
 *
 *   apply --db URL --to SRC     plans as `plan --from URL --to SRC` does
 *                               (same pipeline, same hazard gate, the pre-
 *                               flight queries in the catalog read's
 *                               snapshot), prints the plan, then runs it;
 *   apply --db URL --plan DIR   runs exactly DIR/migration.sql (from `plan
 *                               --out`), once the database's state is the
 *                               plan's from-state (DIR/plan.json);
 *   apply --db URL --baseline   records the database's state as applied,
 *                               running nothing.
 *
 * Every apply first takes apply's advisory lock on one session (another
 * apply holding it: exit 4, nothing run), creates the history table in
 * schemadiff's own schema when missing and marks the rows of applies that
 * were killed as failed (interrupted).  The groups are decided here from
 * the steps (a change whose every step may run in a transaction joins the
 * transaction group of the changes before it; another change's statements
 * each run alone), which is the grouping migration.sql is written with;
 * parser/applyrun.c runs them, counting each group in the history row in
 * the group's own transaction.  After the last group the catalog is read
 * again: with --to it must equal SRC (differences are printed as verify
 * prints them, exit 1), with --plan its fingerprint must be the plan's
 * to-state.  A --plan run stopped half-way is resumed by the next `apply
 * --plan` of the same files (same checksum): from the group after the last
 * one counted, or from the first statement of its change when that runs
 * outside a transaction; a --to run re-plans from what the database holds.
 *
 * Exit codes: 0 done; 1 the fingerprint refusal of --plan, or the database
 * differs from the desired state after the run; 2 usage; 3 input; 4 a
 * database error, a failed statement (printed with the server's message),
 * or another apply running; 6 refused (a blocking hazard not allowed, a
 * pre-flight failure): nothing run.
 */
#include "model.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char apply_usage[] =
    "usage: schemadiff apply   --db URL (--to SRC | --plan DIR) [--allow-hazards LIST] [--baseline]\n"
    "                          [--config FILE]\n"
    "       schemadiff history --db URL [--format text|json] [--config FILE]\n"
    "  apply plans (or reads the reviewed DIR of `plan --out`), prints the plan, runs it group by group\n"
    "  and records it in schemadiff.history; --baseline records the database's state without running\n"
    "  anything. Exit 0 done, 1 the database is not the plan's from-state (--plan) or differs after the\n"
    "  run, 4 database error or a statement failed, 6 refused (blocking hazard, pre-flight).\n";

typedef struct ApplyOpts {
    const char *command;
    const char *db, *to, *plan_dir, *allow_hazards, *config, *format;
    bool baseline;
    unsigned allowed;
    bool owners;
    const char *lock_timeout, *statement_timeout, *preflight_timeout;
    const char *history_table;
    SourceFilter filter;
    Config conv;           /* schemadiff.yaml's conversions: (and file name) alone */
} ApplyOpts;

static int apply_usage_error(const char *fmt, const char *arg)
{
    fputs("schemadiff: ", stderr);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    fputs(apply_usage, stderr);
    return EXIT_USAGE;
}

static int parse_apply_args(Arena *a, int argc, char **argv, ApplyOpts *o)
{
    bool history = !strcmp(argv[1], "history");
    o->command = argv[1];
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        if (strncmp(arg, "--", 2) != 0 || !arg[2])
            return apply_usage_error("unexpected argument '%s' (options start with --)",
                                     catalog_is_connection(arg) ? catalog_display_name(a, arg) : arg);
        const char *eq = strchr(arg, '=');
        const char *name = eq ? arena_strndup(a, arg, (size_t)(eq - arg)) : arg;
        if (!history && !strcmp(name, "--baseline")) {
            if (eq)
                return apply_usage_error("%s takes no value", name);
            if (o->baseline)
                return apply_usage_error("%s given twice", name);
            o->baseline = true;
            continue;
        }
        const char **slot = !strcmp(name, "--db")                    ? &o->db
                            : !strcmp(name, "--config")              ? &o->config
                            : history && !strcmp(name, "--format")   ? &o->format
                            : !history && !strcmp(name, "--to")      ? &o->to
                            : !history && !strcmp(name, "--plan")    ? &o->plan_dir
                            : !history && !strcmp(name, "--allow-hazards") ? &o->allow_hazards
                                                                     : NULL;
        if (!slot)
            return apply_usage_error(history ? "history takes --db, --format and --config, not %s"
                                             : "apply takes --db, --to, --plan, --allow-hazards, --baseline and "
                                               "--config, not %s",
                                     name);
        const char *v;
        if (eq)
            v = eq + 1;
        else if (i + 1 >= argc || !strncmp(argv[i + 1], "--", 2))
            return apply_usage_error("%s needs a value", name);
        else
            v = argv[++i];
        if (!*v)
            return apply_usage_error("%s needs a non-empty value", name);
        if (*slot)
            return apply_usage_error("%s given twice", name);
        *slot = v;
    }
    if (!o->db)
        return apply_usage_error("%s", "--db is required");
    if (!catalog_is_connection(o->db))
        return apply_usage_error("%s", "--db takes a connection string (postgres://... or key=value)");
    if (history) {
        if (o->format && strcmp(o->format, "text") && strcmp(o->format, "json"))
            return apply_usage_error("history prints text or json, not '%s'", o->format);
        return 0;
    }
    if (o->to && o->plan_dir)
        return apply_usage_error("%s", "give --to SRC (plan now) or --plan DIR (a reviewed plan), not both");
    if (o->baseline && o->plan_dir)
        return apply_usage_error("%s", "--baseline records the database as it is; it takes no --plan");
    if (!o->to && !o->plan_dir && !o->baseline)
        return apply_usage_error("%s", "--to SRC or --plan DIR is required");
    if (o->baseline && o->allow_hazards)
        return apply_usage_error("%s", "--baseline runs nothing; it takes no --allow-hazards");
    if (o->plan_dir && catalog_is_connection(o->plan_dir))
        return apply_usage_error("%s", "--plan takes the directory `schemadiff plan --out DIR` wrote");
    if (o->allow_hazards) {
        for (const char *t = o->allow_hazards;;) {
            size_t len = strcspn(t, ",");
            const char *item = arena_strndup(a, t, len);
            unsigned bit = hazard_by_name(item);
            if (!len)
                return apply_usage_error("%s", "empty item in --allow-hazards");
            if (!bit)
                return apply_usage_error("%s", arena_printf(a, "unknown hazard '%s' in --allow-hazards (known: %s)",
                                                            item, hazard_known_names(a)));
            o->allowed |= bit;
            if (!t[len])
                break;
            t += len + 1;
        }
    }
    return 0;
}

/* schemadiff.yaml (--config FILE, else ./schemadiff.yaml when present),
 * under the flags, as plan reads it; plus apply.history_table. */
static int read_config(Arena *a, ApplyOpts *o, Diags *diags)
{
    Config cfg = {0};
    const char *path = o->config;
    struct stat st;
    if (!path && (stat("schemadiff.yaml", &st) == 0 || errno != ENOENT))
        path = "schemadiff.yaml";
    if (path) {
        config_read_file(&cfg, a, path, diags);
        if (diag_any(diags))
            return EXIT_INPUT;
    }
    if (!o->allow_hazards && cfg.has_allow)
        o->allowed = cfg.allow;
    o->lock_timeout = cfg.has_lock_timeout ? cfg.lock_timeout : "5s";
    o->statement_timeout = cfg.has_statement_timeout ? cfg.statement_timeout : "0";
    o->preflight_timeout = atof(o->statement_timeout) > 0 ? o->statement_timeout : "5s";
    if (cfg.has_include)
        o->filter.include = cfg.include;
    if (cfg.has_exclude)
        o->filter.exclude = cfg.exclude;
    o->owners = cfg.has_owners && cfg.owners;
    o->history_table = cfg.has_history_table ? cfg.history_table : NULL;
    o->conv.file = cfg.file;
    o->conv.conversions = cfg.conversions;
    return 0;
}

static char *read_whole(Arena *a, const char *path, Diags *diags)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_plain(diags, EXIT_INPUT, "%s: cannot read: %s", path, strerror(errno));
        return NULL;
    }
    StrBuf sb;
    sb_init(&sb);
    char buf[65536];
    size_t n, total = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        sb_putn(&sb, buf, n);
        total += n;
    }
    bool bad = ferror(f);
    fclose(f);
    char *text = sb_take(&sb, a);
    sb_free(&sb);
    if (bad) {
        diag_plain(diags, EXIT_INPUT, "%s: cannot read: %s", path, strerror(errno ? errno : EIO));
        return NULL;
    }
    if (strlen(text) != total) {
        diag_plain(diags, EXIT_INPUT, "%s: holds a NUL byte: not a file schemadiff wrote", path);
        return NULL;
    }
    return text;
}

/* ---- the groups of a plan -------------------------------------------------- */

/* A change may run in a transaction block when each of its steps may. */
static bool change_transactional(const Change *c)
{
    for (int k = 0; k < c->steps.n; k++)
        if (!((const Step *)c->steps.items[k])->transactional)
            return false;
    return true;
}

/* The groups of the plan, as migration.sql is written (emit/output.c):
 * consecutive transactional changes share one transaction; each statement
 * of another change runs alone. */
static void plan_groups(Arena *a, const MigrationPlan *plan, const ApplyOpts *o, const char *text, ApplyScript *sc)
{
    memset(sc, 0, sizeof *sc);
    sc->text = text;
    vec_push(a, &sc->session, arena_printf(a, "SET lock_timeout = %s;", q_literal(a, o->lock_timeout)));
    vec_push(a, &sc->session, arena_printf(a, "SET statement_timeout = %s;", q_literal(a, o->statement_timeout)));
    ApplyGroup *tx = NULL;
    for (int i = 0; i < plan->changes.n; i++) {
        const Change *c = plan->changes.items[i];
        if (!c->sql.n)
            continue;
        bool t = change_transactional(c);
        if (!t)
            tx = NULL;
        for (int k = 0; k < c->sql.n; k++) {
            ApplyGroup *g = tx;
            if (!g) {
                g = arena_alloc(a, sizeof *g);
                g->transactional = t;
                g->change = i + 1;
                vec_push(a, &sc->groups, g);
                if (t)
                    tx = g;
            }
            if (g->change != i + 1)
                g->change = -1;
            vec_push(a, &g->stmts, c->sql.items[k]);
            vec_push(a, &g->labels, arena_printf(a, "step %d.%d (%s)", i + 1, k + 1, c->summary ? c->summary : ""));
            sc->statements++;
        }
    }
}

/* ---- reporting -------------------------------------------------------------- */

static const char *failure_text(Arena *a, const ApplyScript *sc, const ApplyFailure *f)
{
    StrBuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%s in group %d of %d (%s)", f->lost ? "the connection was lost" : "failed", f->group + 1,
              sc->groups.n, f->label ? f->label : "");
    if (f->retries)
        sb_printf(&sb, " after %d lock-timeout retr%s", f->retries, f->retries == 1 ? "y" : "ies");
    sb_printf(&sb, ":\n%s\n%s", f->statement ? f->statement : "", f->message ? f->message : "");
    const char *s = sb_take(&sb, a);
    sb_free(&sb);
    return s;
}

static void report_failure(Arena *a, ApplySession *s, const ApplyScript *sc, const ApplyFailure *f, int first)
{
    fflush(stdout);
    fprintf(stderr, "schemadiff: apply %s\n", failure_text(a, sc, f));
    int done = f->group;
    if (f->lost)
        fprintf(stderr, "schemadiff: apply: the database holds every group the history row %lld counts (a "
                        "transaction group is all or nothing); run apply again to finish\n",
                applyrun_history_row(s));
    else
        fprintf(stderr, "schemadiff: apply: %d of %d groups are done (history row %lld, marked failed); the "
                        "failed group %s\n",
                done, sc->groups.n, applyrun_history_row(s),
                sc->groups.n && ((ApplyGroup *)sc->groups.items[f->group])->transactional
                    ? "was rolled back" : "ran outside a transaction: run apply again once the cause is fixed");
}

static void print_closed(const PtrVec *closed, const char *table)
{
    for (int i = 0; i < closed->n; i++) {
        const ApplyRow *w = closed->items[i];
        fprintf(stderr, "schemadiff: apply: %s row %lld (an apply started %s) was interrupted after %d of %d "
                        "groups; marked failed\n",
                table, w->id, w->started ? w->started : "?", w->groups_finished, w->groups_total);
    }
}

/* ---- apply ---------------------------------------------------------------------- */

typedef struct Run {
    Arena *a;
    ApplyOpts *o;
    Diags diags;
    ApplySession *s;
    ParseSession *ps;
    const char *db_name;
} Run;

/* Verify after apply: plan the database read again (`after`) against
 * `desired`. When they differ: print each difference as `verify` does,
 * say on stderr that the database still differs from `shown`, mark the
 * history row failed (with "differs from <state><suffix>"), return true. */
static bool verify_after(Run *r, Model *after, Model *desired, const char *to_name, const char *shown,
                         const char *state, const char *suffix)
{
    Arena *a = r->a;
    MigrationPlan *left = plan_build(a, after, desired);
    if (!left->changes.n)
        return false;
    int n = left->changes.n;
    OutputOpts vo = {r->db_name, to_name, r->o->lock_timeout, r->o->statement_timeout};
    fputs(output_drift(a, left, &vo, FMT_TEXT), stdout);
    fflush(stdout);
    fprintf(stderr, "schemadiff: apply: every group ran, but the database still differs from %s in %d object%s "
                    "(listed above); history row %lld marked failed\n",
            shown, n, n == 1 ? "" : "s", applyrun_history_row(r->s));
    Diags ignore = {a, {0}};
    applyrun_history_end(r->s, false,
                         arena_printf(a, "verify after apply: the database differs from %s in %d object%s%s", state,
                                      n, n == 1 ? "" : "s", suffix),
                         &ignore);
    return true;
}

/* Connect, lock, make the history ready, close the rows of killed applies. */
static int begin(Run *r)
{
    r->s = applyrun_open(r->a, r->o->db, r->o->history_table, &r->diags);
    if (r->s && !applyrun_lock(r->s, &r->diags)) {
        /* refused: another apply runs.  Its row is 'running' and stays so;
         * this attempt gets a 'refused' row of its own when the table is
         * there (the other apply made it) */
        Diags ignore = {r->a, {0}};
        if (applyrun_history_exists(r->s)) {
            ApplyRecord rec = {r->o->plan_dir ? "plan" : "apply", "refused", NULL, NULL, NULL,
                               r->o->plan_dir ? r->o->plan_dir : r->o->to, NULL, 0, 0};
            rec.note = "another apply was running (apply's advisory lock was held); nothing was run";
            applyrun_history_begin(r->s, &rec, &ignore);
        }
        return diag_report(&r->diags, stderr);
    }
    if (!r->s || !applyrun_history_ready(r->s, &r->diags))
        return diag_report(&r->diags, stderr);
    PtrVec closed = applyrun_history_close_interrupted(r->s, &r->diags);
    if (diag_any(&r->diags))
        return diag_report(&r->diags, stderr);
    print_closed(&closed, applyrun_history_name(r->s));
    return 0;
}

/* The database's model now (its snapshot closed), or NULL with errors
 * reported (*rc). */
static Model *read_db(Run *r, const char *label, int *rc)
{
    /* the callers close the snapshot (catalog_close) once they are done
     * with it: apply --plan runs the plan's pre-flight queries in it */
    Diags d = {r->a, {0}};
    Model *m = source_read(r->ps, r->a, r->o->db, label, &r->o->filter, &d);
    if (diag_any(&d)) {
        catalog_close(m);
        *rc = diag_report(&d, stderr);
        return NULL;
    }
    model_filter_schemas(m, &r->o->filter);
    output_fingerprint(r->a, m);
    return m;
}

static int run_and_record(Run *r, const ApplyScript *sc, int first)
{
    ApplyFailure fail;
    double t0 = timing_clock();
    int rc = applyrun_run(r->s, sc, first, &fail);
    if (rc != EXIT_OK) {
        report_failure(r->a, r->s, sc, &fail, first);
        Diags ignore = {r->a, {0}};
        if (!fail.lost)
            applyrun_history_end(r->s, false, failure_text(r->a, sc, &fail), &ignore);
        return EXIT_DB;
    }
    if (sc->groups.n)
        fprintf(stderr, "schemadiff: apply: %d group%s (%d statement%s) run in %.1f s\n", sc->groups.n - first,
                sc->groups.n - first == 1 ? "" : "s", sc->statements, sc->statements == 1 ? "" : "s",
                timing_clock() - t0);
    return EXIT_OK;
}

/* A refused apply still gets its row (status 'refused', the reason in
 * `error`): one row per apply, whatever became of it. */
static void record_refusal(Run *r, const char *kind, const char *from_fp, const char *to_fp, const char *sum,
                           const char *source, const char *reason)
{
    Diags ignore = {r->a, {0}};
    ApplyRecord rec = {kind, "refused", from_fp, to_fp, sum, source, reason, 0, 0};
    if (applyrun_history_begin(r->s, &rec, &ignore))
        fprintf(stderr, "schemadiff: apply: refused; recorded as history row %lld\n", applyrun_history_row(r->s));
}

static int apply_to(Run *r)
{
    Arena *a = r->a;
    ApplyOpts *o = r->o;
    int rc = begin(r);
    if (rc)
        return rc;
    SourceJob *job = source_read_start(o->to, "desired", &o->filter);
    Model *current = source_read(r->ps, a, o->db, "current", &o->filter, &r->diags);
    Diags *desired_diags = NULL;
    Model *desired = source_read_wait(job, r->ps, &desired_diags);
    catalog_close(desired);
    if (!diag_any(&r->diags) && !diag_any(desired_diags)) {
        diag_flush_warnings(desired_diags, stderr);
        model_filter_schemas(current, &o->filter);
        model_filter_schemas(desired, &o->filter);
        acl_check_roles(current, desired, r->db_name, &r->diags);
        conv_apply(a, &o->conv, current, desired, &r->diags, NULL); /* diff/conv.c */
        casts_check(current, desired, &r->diags);
    }
    if (diag_any(&r->diags) || diag_any(desired_diags)) {
        int rc1 = diag_report(&r->diags, stderr), rc2 = diag_report(desired_diags, stderr);
        catalog_close(current);
        source_read_release(job);
        return rc1 > rc2 ? rc1 : rc2;
    }
    current->owners_all = desired->owners_all = o->owners;
    MigrationPlan *plan = plan_build(a, current, desired);
    cli_table_sizes(a, plan, current, r->db_name, 0, &r->diags);
    if (diag_any(&r->diags)) {
        rc = diag_report(&r->diags, stderr);
        catalog_close(current);
        source_read_release(job);
        return rc;
    }
    unsigned refused = 0;
    int n_refused = plan_gate(plan, o->allowed, &refused);
    cli_preflight(a, plan, current, NULL, o->preflight_timeout);
    const Step *pf_first = NULL;
    const Change *pf_change = NULL;
    int pf_failed = plan_gate_preflight(plan, &pf_first, &pf_change);
    catalog_close(current);
    rc = EXIT_OK;
    const char *to_name = catalog_is_connection(o->to) ? catalog_display_name(a, o->to) : o->to;
    if (plan->cycle.n) {
        fprintf(stderr, "schemadiff: error: these changes depend on each other in a cycle no order can satisfy\n");
        rc = EXIT_INPUT;
        goto out;
    }
    OutputOpts oo = {r->db_name, to_name, o->lock_timeout, o->statement_timeout};
    Script *forward = output_script(a, plan, &oo, false);
    const char *fault = reparse_script(a, forward);
    if (fault) {
        fprintf(stderr, "schemadiff: internal error: %s\nschemadiff: nothing was run; please report this with the "
                        "input that caused it\n", fault);
        rc = EXIT_INTERNAL;
        goto out;
    }
    fputs(output_plan(a, plan, &oo, FMT_TEXT), stdout);
    fflush(stdout);
    if (n_refused) {
        fprintf(stderr, "schemadiff: apply refused: blocking hazard%s %s in %d change%s not allowed (--allow-hazards "
                        "%s or hazards.allow in schemadiff.yaml); nothing was run\n",
                refused & (refused - 1) ? "s" : "", hazard_names(a, refused), n_refused, n_refused == 1 ? "" : "s",
                hazard_join(a, refused, ","));
        rc = EXIT_REFUSED;
    }
    if (pf_failed) {
        int k = 0;
        while (k < pf_change->steps.n && pf_change->steps.items[k] != pf_first)
            k++;
        fprintf(stderr, "schemadiff: apply refused: %d step%s would fail on the live data; the first: step %d of "
                        "\"%s\": would fail: %s; nothing was run\n",
                pf_failed, pf_failed == 1 ? "" : "s", k + 1, pf_change->summary ? pf_change->summary : "",
                preflight_found(a, pf_first));
        rc = EXIT_REFUSED;
    }
    if (rc) {
        StrBuf why;
        sb_init(&why);
        if (n_refused)
            sb_printf(&why, "blocking hazard%s %s not allowed in %d change%s", refused & (refused - 1) ? "s" : "",
                      hazard_names(a, refused), n_refused, n_refused == 1 ? "" : "s");
        if (pf_failed)
            sb_printf(&why, "%s%d step%s would fail on the live data (pre-flight; the first: \"%s\": %s)",
                      n_refused ? "; " : "", pf_failed, pf_failed == 1 ? "" : "s",
                      pf_change->summary ? pf_change->summary : "", preflight_found(a, pf_first));
        record_refusal(r, "apply", output_fingerprint(a, current), output_fingerprint(a, desired),
                       applyrun_checksum(r->s, forward->text, &r->diags), to_name, sb_take(&why, a));
        sb_free(&why);
        goto out;
    }
    ApplyScript sc;
    plan_groups(a, plan, o, forward->text, &sc);
    const char *sum = applyrun_checksum(r->s, forward->text, &r->diags);
    ApplyRecord rec = {"apply", "running", output_fingerprint(a, current), output_fingerprint(a, desired), sum,
                       to_name, NULL, sc.groups.n, 0};
    if (!sum || !applyrun_history_begin(r->s, &rec, &r->diags)) {
        rc = diag_report(&r->diags, stderr);
        goto out;
    }
    fprintf(stderr, "schemadiff: apply: history row %lld: %d change%s in %d group%s, state %s -> %s\n",
            applyrun_history_row(r->s), plan->changes.n, plan->changes.n == 1 ? "" : "s", sc.groups.n,
            sc.groups.n == 1 ? "" : "s", rec.from_fp, rec.to_fp);
    rc = run_and_record(r, &sc, 0);
    if (rc)
        goto out;
    /* the database must now be the desired state */
    Model *after = read_db(r, "after apply", &rc);
    if (!after) {
        Diags ignore = {a, {0}};
        applyrun_history_end(r->s, false, "every group ran, but the catalog could not be read again to verify",
                             &ignore);
        goto out;
    }
    catalog_close(after);
    after->owners_all = o->owners;
    Diags ignore = {a, {0}};
    if (verify_after(r, after, desired, to_name, to_name, "the desired state", "")) {
        rc = EXIT_DIFF;
        goto out;
    }
    applyrun_history_end(r->s, true, NULL, &ignore);
    printf("apply: done: %d change%s applied, the database is %s (state %s); history row %lld\n", plan->changes.n,
           plan->changes.n == 1 ? "" : "s", to_name, output_fingerprint(a, desired), applyrun_history_row(r->s));
out:
    source_read_release(job);
    return rc;
}

/* DIR/desired.sql (plan --out writes it: the desired state as canonical
 * DDL) read as the plan's to-state, which the database must equal after
 * the run.  NULL when DIR has none (a plan of an older schemadiff: the
 * fingerprints are compared instead); NULL with *rc set on an error, and
 * an input error when its state is not plan.json's to-state. */
static Model *read_desired(Run *r, const AppliedPlan *ap, int *rc)
{
    Arena *a = r->a;
    const char *path = arena_printf(a, "%s/desired.sql", r->o->plan_dir);
    struct stat st;
    if (stat(path, &st) != 0 && errno == ENOENT)
        return NULL;
    Diags d = {a, {0}};
    Model *m = source_read(r->ps, a, path, "desired", &r->o->filter, &d);
    if (diag_any(&d)) {
        *rc = diag_report(&d, stderr);
        return NULL;
    }
    model_filter_schemas(m, &r->o->filter);
    const char *fp = output_fingerprint(a, m);
    if (strcmp(fp, ap->to_fp)) {
        fprintf(stderr, "%s: error: this desired.sql is not the plan's to-state: it reads as state %s, plan.json "
                        "says %s; nothing was run\n", path, fp, ap->to_fp);
        *rc = EXIT_INPUT;
        return NULL;
    }
    return m;
}

/* Run the plan's pre-flight queries again in the snapshot `now` was read
 * in (rows change between review and deploy), from change `from_change`
 * on (a resumed run: the changes before it ran).  Each result on stderr;
 * the number of steps that would fail, the first through *first. */
static int rerun_preflight(Run *r, Model *now, const AppliedPlan *ap, int from_change, const char **first)
{
    Arena *a = r->a;
    PtrVec steps = {0}, labels = {0};
    for (int i = 0; i < ap->pf_steps.n; i++)
        if ((int)(intptr_t)ap->pf_change.items[i] >= from_change) {
            vec_push(a, &steps, ap->pf_steps.items[i]);
            vec_push(a, &labels, ap->pf_labels.items[i]);
        }
    if (!steps.n)
        return 0;
    pfrun_steps(a, now, &steps, r->o->preflight_timeout, PREFLIGHT_CAP);
    int failed = 0;
    for (int i = 0; i < steps.n; i++) {
        const Step *st = steps.items[i];
        const char *desc = preflight_describe(a, st);
        fprintf(stderr, "schemadiff: apply: %s: %s\n", (const char *)labels.items[i], desc ? desc : "");
        if (st->pf_state == PF_FAILED && !failed++)
            *first = arena_printf(a, "%s: would fail: %s", (const char *)labels.items[i], preflight_found(a, st));
    }
    fprintf(stderr, "schemadiff: apply: pre-flight run again on the database: %d check%s, %d would fail\n", steps.n,
            steps.n == 1 ? "" : "s", failed);
    return failed;
}

static int apply_plan(Run *r)
{
    Arena *a = r->a;
    ApplyOpts *o = r->o;
    const char *mpath = arena_printf(a, "%s/migration.sql", o->plan_dir);
    const char *jpath = arena_printf(a, "%s/plan.json", o->plan_dir);
    const char *mtext = read_whole(a, mpath, &r->diags);
    const char *jtext = mtext ? read_whole(a, jpath, &r->diags) : NULL;
    ApplyScript sc;
    AppliedPlan ap;
    if (!jtext || !applyscript_read(a, mpath, mtext, &sc, &r->diags) ||
        !applyplan_read(a, jpath, jtext, mpath, mtext, &ap, &r->diags))
        return diag_report(&r->diags, stderr);
    int rc = 0;
    Model *desired = read_desired(r, &ap, &rc);
    if (rc)
        return rc;
    rc = begin(r);
    if (rc)
        return rc;
    const char *sum = applyrun_checksum(r->s, mtext, &r->diags);
    ApplyRow *last = sum ? applyrun_history_last(r->s, &r->diags) : NULL;
    if (diag_any(&r->diags))
        return diag_report(&r->diags, stderr);
    /* the snapshot stays open for the pre-flight queries */
    Model *now = read_db(r, "current", &rc);
    if (!now)
        return rc;
    const char *fp = output_fingerprint(a, now);
    int first = 0;
    const char *note = NULL;
    if (last && !strcmp(last->kind, "plan") && last->checksum && !strcmp(last->checksum, sum) &&
        !strcmp(last->status, "failed") && last->groups_finished < last->groups_total &&
        last->groups_total == sc.groups.n) {
        /* the same reviewed files stopped half-way: go on where they stopped */
        first = applyscript_resume_point(&sc, last->groups_finished);
        note = arena_printf(a, "resumes history row %lld, which stopped after %d of %d groups", last->id,
                            last->groups_finished, last->groups_total);
        fprintf(stderr, "schemadiff: apply: %s: running from group %d (the database is in state %s)\n", note,
                first + 1, fp);
    } else if (strcmp(fp, ap.from_fp)) {
        catalog_close(now);
        if (!strcmp(fp, ap.to_fp)) {
            printf("apply: the database is already in the plan's to-state %s: nothing to run\n", fp);
            return EXIT_OK;
        }
        fprintf(stderr, "schemadiff: apply refused: the database is not the state the plan in %s was made from\n"
                        "  database:        state %s\n  plan's from:     state %s\n  plan's to:       state %s\n"
                        "nothing was run; make a new plan from the database (schemadiff plan --from URL)\n",
                o->plan_dir, fp, ap.from_fp, ap.to_fp);
        record_refusal(r, "plan", fp, ap.to_fp, sum, o->plan_dir,
                       arena_printf(a, "the database is in state %s, not the plan's from-state %s", fp,
                                    ap.from_fp));
        return EXIT_DIFF;
    }
    unsigned refused = ap.hazards & hazard_blocking() & ~o->allowed;
    if (refused) {
        catalog_close(now);
        fprintf(stderr, "schemadiff: apply refused: the plan in %s has blocking hazard%s %s, not allowed "
                        "(--allow-hazards %s or hazards.allow in schemadiff.yaml); nothing was run\n",
                o->plan_dir, refused & (refused - 1) ? "s" : "", hazard_names(a, refused),
                hazard_join(a, refused, ","));
        record_refusal(r, "plan", fp, ap.to_fp, sum, o->plan_dir,
                       arena_printf(a, "blocking hazard%s %s not allowed", refused & (refused - 1) ? "s" : "",
                                    hazard_names(a, refused)));
        return EXIT_REFUSED;
    }
    /* the rows may have changed since the plan was reviewed: its pre-flight
     * queries run again, in the snapshot the fingerprint was read in; the
     * data now decides, not plan.json's results */
    int from_change = 1;
    if (first > 0 && first < sc.groups.n) {
        const ApplyGroup *g = sc.groups.items[first];
        from_change = g->change > 0 ? g->change : 1;
    }
    const char *pf_first = NULL;
    int pf_failed = rerun_preflight(r, now, &ap, from_change, &pf_first);
    catalog_close(now);
    if (pf_failed) {
        fprintf(stderr, "schemadiff: apply refused: %d step%s of the plan in %s would fail on the live data (the "
                        "first: %s); nothing was run\n",
                pf_failed, pf_failed == 1 ? "" : "s", o->plan_dir, pf_first);
        record_refusal(r, "plan", fp, ap.to_fp, sum, o->plan_dir,
                       arena_printf(a, "%d step%s would fail on the live data (pre-flight; the first: %s)",
                                    pf_failed, pf_failed == 1 ? "" : "s", pf_first));
        return EXIT_REFUSED;
    }
    printf("apply: plan %s: %d change%s, %d group%s (%d statement%s), state %s -> %s, hazards: %s\n", o->plan_dir,
           ap.changes, ap.changes == 1 ? "" : "s", sc.groups.n, sc.groups.n == 1 ? "" : "s", sc.statements,
           sc.statements == 1 ? "" : "s", ap.from_fp, ap.to_fp, ap.hazards ? hazard_names(a, ap.hazards) : "none");
    fflush(stdout);
    ApplyRecord rec = {"plan", "running", fp, ap.to_fp, sum, o->plan_dir, note, sc.groups.n, first};
    if (!applyrun_history_begin(r->s, &rec, &r->diags))
        return diag_report(&r->diags, stderr);
    fprintf(stderr, "schemadiff: apply: history row %lld: checksum %s\n", applyrun_history_row(r->s), sum);
    rc = run_and_record(r, &sc, first);
    if (rc)
        return rc;
    Model *after = read_db(r, "after apply", &rc);
    Diags ignore = {a, {0}};
    if (!after) {
        applyrun_history_end(r->s, false, "every group ran, but the catalog could not be read again to verify",
                             &ignore);
        return rc;
    }
    catalog_close(after);
    const char *fp2 = output_fingerprint(a, after);
    if (desired) {
        /* verify: the database against the plan's desired state, each
         * difference listed as `verify` lists it */
        after->owners_all = desired->owners_all = o->owners;
        const char *to_name = arena_printf(a, "%s/desired.sql", o->plan_dir);
        if (verify_after(r, after, desired, to_name,
                         arena_printf(a, "the plan's desired state (%s)", to_name), "the plan's desired state",
                         arena_printf(a, " (state %s, not %s)", fp2, ap.to_fp)))
            return EXIT_DIFF;
    } else if (strcmp(fp2, ap.to_fp)) {
        fprintf(stderr, "schemadiff: apply: every group ran, but the database is not the plan's to-state:\n"
                        "  database:   state %s\n  plan's to:  state %s\n"
                        "(%s has no desired.sql, written by newer `plan --out`: `schemadiff verify --db URL --to "
                        "SRC` lists the differences); history row %lld marked failed\n",
                fp2, ap.to_fp, o->plan_dir, applyrun_history_row(r->s));
        applyrun_history_end(r->s, false,
                             arena_printf(a, "verify after apply: the database is in state %s, not the plan's "
                                             "to-state %s",
                                          fp2, ap.to_fp),
                             &ignore);
        return EXIT_DIFF;
    }
    applyrun_history_end(r->s, true, NULL, &ignore);
    printf("apply: done: the database is in the plan's to-state %s; history row %lld\n", fp2,
           applyrun_history_row(r->s));
    return EXIT_OK;
}

static int apply_baseline(Run *r)
{
    Arena *a = r->a;
    int rc = begin(r);
    if (rc)
        return rc;
    Model *now = read_db(r, "current", &rc);
    if (!now)
        return rc;
    catalog_close(now);
    const char *fp = output_fingerprint(a, now);
    const char *to_name = NULL;
    if (r->o->to) {
        /* the files the team says the database holds: a difference is
         * said, and the baseline still records what is there */
        to_name = catalog_is_connection(r->o->to) ? catalog_display_name(a, r->o->to) : r->o->to;
        Diags d = {a, {0}};
        Model *desired = source_read(r->ps, a, r->o->to, "desired", &r->o->filter, &d);
        catalog_close(desired);
        if (diag_any(&d))
            return diag_report(&d, stderr);
        model_filter_schemas(desired, &r->o->filter);
        now->owners_all = desired->owners_all = r->o->owners;
        MigrationPlan *left = plan_build(a, now, desired);
        if (left->changes.n)
            fprintf(stderr, "schemadiff: apply --baseline: note: the database differs from %s in %d change%s; "
                            "the baseline records the database as it is, and the next `apply --to` runs them\n",
                    to_name, left->changes.n, left->changes.n == 1 ? "" : "s");
    }
    ApplyRecord rec = {"baseline", "done", fp, fp, NULL, to_name, "baseline: the state was recorded as applied; "
                       "nothing was run", 0, 0};
    if (!applyrun_history_begin(r->s, &rec, &r->diags))
        return diag_report(&r->diags, stderr);
    printf("apply: baseline recorded: the database's state %s is history row %lld in %s; nothing was run\n", fp,
           applyrun_history_row(r->s), applyrun_history_name(r->s));
    return EXIT_OK;
}

int apply_main(int argc, char **argv)
{
    Arena arena = {0};
    ApplyOpts o = {0};
    Run r = {&arena, &o, {&arena, {0}}, NULL, NULL, NULL};
    int rc = parse_apply_args(&arena, argc, argv, &o);
    if (!rc)
        rc = read_config(&arena, &o, &r.diags);
    if (rc) {
        if (rc == EXIT_INPUT)
            diag_report(&r.diags, stderr);
        arena_free(&arena);
        return rc;
    }
    r.db_name = catalog_display_name(&arena, o.db);
    r.ps = parse_session_begin();
    if (o.baseline)
        rc = apply_baseline(&r);
    else if (o.plan_dir)
        rc = apply_plan(&r);
    else
        rc = apply_to(&r);
    fflush(stdout);
    applyrun_close(r.s);
    parse_session_end(r.ps);
    arena_free(&arena);
    return rc;
}

int history_main(int argc, char **argv)
{
    Arena arena = {0};
    ApplyOpts o = {0};
    Diags diags = {&arena, {0}};
    int rc = parse_apply_args(&arena, argc, argv, &o);
    if (!rc)
        rc = read_config(&arena, &o, &diags);
    if (rc) {
        if (rc == EXIT_INPUT)
            diag_report(&diags, stderr);
        arena_free(&arena);
        return rc;
    }
    StrBuf out;
    sb_init(&out);
    rc = applyrun_history_list(&arena, o.db, o.history_table, o.format && !strcmp(o.format, "json"), &out, &diags);
    if (rc)
        diag_report(&diags, stderr);
    else
        fputs(out.data ? out.data : "", stdout);
    sb_free(&out);
    arena_free(&arena);
    return rc;
}
