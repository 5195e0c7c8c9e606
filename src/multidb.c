/*
 * multidb.c — verify and plan against many databases at once.
 *
 * Teams that outgrow one database run many (per tenant, shard, region), all
 * meant to hold the same schema.  `verify --db URL --db URL … --to SRC`,
 * `plan --db URL … --to SRC` and `--db-list FILE` (one connection string a
 * line, `#` comments and blank lines skipped) compare each of them with
 * the desired files, which are read once.  The catalog reads run
 * concurrently over libpq's asynchronous API (parser/catalog_async.c), at
 * most `--jobs N` connections open at a time (default 4); each database is
 * compared, reported and closed as soon as its catalog is in, on this
 * thread, so memory holds one database's model at a time besides the
 * desired one (its own arena, freed after).
 *
 * The report comes in the order the databases were given, whatever the
 * order they finished in, so `--jobs 1` and `--jobs 8` print the same
 * thing: per database, named without its password (parser/conn.c), `in
 * sync`, `drifted` (with the changes, as the single-database command
 * prints them, indented), `refused` (plan only: exit 6, the reason),
 * `unreachable` (a database error: the message) or `failed` (an input or
 * internal error of that database, e.g. an object kind not supported),
 * then a summary line; `--format json` prints one document with a
 * per-database array (docs/multidb.md).  The exit code is the largest of
 * the databases' (6 refused > 5 internal > 4 unreachable > 3 failed > 1
 * drifted > 0; for plan a drifted database counts 1 only with
 * --exit-code, as for one database).  `plan --out DIR` writes one
 * subdirectory per database, named from its host, port and database name
 * (filesystem-safe; a repeated name gets -2, -3, …), each written all or
 * nothing as for one database.  Progress goes to stderr, one line per
 * database done (`[3/50] NAME: drifted`), when stderr is a terminal or
 * there are more databases than jobs.
 */
#include "model.h"

#include <ctype.h>
#include <errno.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct DbResult {
    const char *url, *name;  /* name: no secret */
    const char *status;      /* in sync, drifted, refused, unreachable, failed */
    int rc;
    const char *body;        /* text: the single-database output; json: its JSON */
    const char *error;       /* unreachable / failed / refused: the messages */
    const char *subdir;      /* plan --out: where its files are */
    Arena arena;             /* the database's model and plan, while compared */
    Diags diags;
} DbResult;

typedef struct Multi {
    Arena *a;
    const MultiDbOpts *o;
    Model *desired;
    PtrVec poly_notes;
    DbResult *res;
    int n, done;
    bool progress;
} Multi;

/* ---- --db-list ------------------------------------------------------------ */

static bool read_db_list(Arena *a, const char *path, PtrVec *urls, Diags *diags)
{
    FILE *f = !strcmp(path, "-") ? stdin : fopen(path, "r");
    if (!f) {
        diag_plain(diags, EXIT_INPUT, "cannot read %s: %s", path, strerror(errno));
        return false;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int lineno = 0, before = urls->n;
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        char *s = line, *e = line + len;
        while (s < e && isspace((unsigned char)*s))
            s++;
        while (e > s && isspace((unsigned char)e[-1]))
            e--;
        if (s == e || *s == '#')
            continue;
        const char *url = arena_strndup(a, s, (size_t)(e - s));
        if (!catalog_is_connection(url)) {
            /* the line is not echoed: it may hold a password */
            diag_plain(diags, EXIT_INPUT, "%s:%d: not a connection string (postgres://... or key=value)", path,
                       lineno);
            continue;
        }
        vec_push(a, urls, (void *)url);
    }
    free(line);
    bool err = ferror(f);
    if (f != stdin)
        fclose(f);
    if (err)
        diag_plain(diags, EXIT_INPUT, "cannot read %s: %s", path, strerror(errno));
    else if (urls->n == before && !diag_any(diags))
        diag_plain(diags, EXIT_INPUT, "%s: no database listed", path);
    return !diag_any(diags);
}

/* ---- output directories ----------------------------------------------------- */

/* host_port_dbname of a connection string, as written (libpq's defaults
 * are not looked up), made filesystem-safe. */
static const char *subdir_name(Arena *a, const char *url)
{
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(url, &err);
    PQfreemem(err);
    const char *host = NULL, *port = NULL, *db = NULL;
    StrBuf sb;
    sb_init(&sb);
    for (PQconninfoOption *o = opts; o && o->keyword; o++) {
        if (!o->val || !*o->val)
            continue;
        if (!strcmp(o->keyword, "host"))
            host = o->val;
        else if (!strcmp(o->keyword, "hostaddr") && !host)
            host = o->val;
        else if (!strcmp(o->keyword, "port"))
            port = o->val;
        else if (!strcmp(o->keyword, "dbname"))
            db = o->val;
    }
    const char *parts[] = {host, port, db};
    for (int i = 0; i < 3; i++) {
        if (!parts[i])
            continue;
        if (sb.len)
            sb_putc(&sb, '_');
        for (const char *p = parts[i]; *p; p++)
            sb_putc(&sb, isalnum((unsigned char)*p) || *p == '-' || *p == '.' ? *p : '_');
    }
    PQconninfoFree(opts);
    if (!sb.len)
        sb_puts(&sb, "db");
    if (sb.data[0] == '.')
        sb.data[0] = '_';
    char *r = sb_take(&sb, a);
    sb_free(&sb);
    if (strlen(r) > 200)
        r[200] = 0;
    return r;
}

static void assign_subdirs(Multi *mu)
{
    StrMap used = {0};
    for (int i = 0; i < mu->n; i++) {
        const char *base = subdir_name(mu->a, mu->res[i].url), *name = base;
        for (int k = 2; map_get(&used, name); k++)
            name = arena_printf(mu->a, "%s-%d", base, k);
        map_put(mu->a, &used, name, (void *)name);
        mu->res[i].subdir = arena_printf(mu->a, "%s/%s", mu->o->out, name);
    }
}

/* ---- one database ------------------------------------------------------------ */

static const char *diags_text(Arena *a, const Diags *d, int *rc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        abort();
    *rc = diag_report(d, f);
    fclose(f);
    while (len && buf[len - 1] == '\n')
        len--;
    const char *r = arena_strndup(a, buf, len);
    free(buf);
    return r;
}

/* Compare one database (its catalog read into r->arena) with the desired
 * model: r's status, exit code and output, in the run's arena. */
static void compare(Multi *mu, DbResult *r, Model *current)
{
    const MultiDbOpts *o = mu->o;
    Arena *a = &r->arena, *ra = mu->a;
    Diags *diags = &r->diags;
    Model *desired = mu->desired;
    bool plan_cmd = !strcmp(o->command, "plan");
    if (!diag_any(diags))
        ddl_finish(current, diags);
    model_sort(current);
    if (!diag_any(diags)) {
        output_fingerprint(a, current);
        model_filter_schemas(current, o->filter);
        if ((current->current_user != NULL) != (desired->current_user != NULL)) {
            foreign_resolve_current_user(current->current_user ? desired : current,
                                         current->current_user ? current : desired);
            model_sort(current);
            model_sort(desired);
        }
        acl_check_roles(current, desired, r->name, diags);
        if (plan_cmd) {
            conv_apply(a, o->cfg, current, desired, diags, NULL); /* diff/conv.c */
            casts_check(current, desired, diags);
        }
    }
    if (diag_any(diags)) {
        r->error = diags_text(ra, diags, &r->rc);
        r->status = r->rc == EXIT_DB ? "unreachable" : "failed";
        return;
    }
    current->owners_all = desired->owners_all = o->owners;
    MigrationPlan *plan = plan_build(a, current, desired);
    plan->notes = mu->poly_notes;
    OutputOpts oo = {r->name, o->to_name, o->lock_timeout, o->statement_timeout};
    r->status = plan->changes.n ? "drifted" : "in sync";
    if (!plan_cmd) {
        r->body = arena_strdup(ra, output_drift(a, plan, &oo, o->format));
        r->rc = plan->changes.n ? EXIT_DIFF : EXIT_OK;
        return;
    }
    cli_table_sizes(a, plan, current, r->name, o->shadow_opts->min_bytes, diags);
    if (!diag_any(diags))
        shadow_route(a, plan, o->shadow_opts, diags);
    if (diag_any(diags)) {
        r->error = diags_text(ra, diags, &r->rc);
        r->status = r->rc == EXIT_DB ? "unreachable" : "failed";
        return;
    }
    unsigned refused = 0;
    int n_refused = plan_gate(plan, o->allowed, &refused);
    cli_preflight(a, plan, current, o->no_preflight ? "--no-preflight" : NULL, o->preflight_timeout);
    const Step *pf_first = NULL;
    const Change *pf_change = NULL;
    int pf_failed = plan_gate_preflight(plan, &pf_first, &pf_change);
    if (plan->cycle.n) {
        r->error = "schemadiff: error: changes depend on each other in a cycle no order can satisfy";
        r->rc = EXIT_INPUT;
        r->status = "failed";
        return;
    }
    Script *forward = output_script(a, plan, &oo, false);
    Script *backward = output_script(a, plan, &oo, true);
    Script *shadow = plan->shadowed.n ? output_shadow(a, plan, &oo) : NULL;
    const char *fault = reparse_script(a, forward);
    if (!fault)
        fault = reparse_script(a, backward);
    if (!fault && shadow)
        fault = reparse_script(a, shadow);
    if (fault) {
        r->error = arena_printf(ra, "schemadiff: internal error: %s (nothing was written for this database)", fault);
        r->rc = EXIT_INTERNAL;
        r->status = "failed";
        return;
    }
    if (o->out) {
        OutFile files[] = {
            {"migration.sql", forward->text},
            {"rollback.sql", backward->text},
            {"plan.json", output_plan(a, plan, &oo, FMT_JSON)},
            {"shadow.sql", shadow ? shadow->text : NULL},
        };
        const char *failed = NULL;
        if (output_write_files(a, r->subdir, files, shadow ? 4 : 3, &failed) != 0) {
            r->error = arena_printf(ra, "%s: error: cannot write: %s (no output file was written or changed)",
                                    failed, strerror(errno));
            r->rc = EXIT_INPUT;
            r->status = "failed";
            return;
        }
    }
    r->body = arena_strdup(ra, output_plan(a, plan, &oo, o->format == FMT_JSON ? FMT_JSON : FMT_TEXT));
    r->rc = o->exit_code && plan->changes.n ? EXIT_DIFF : EXIT_OK;
    StrBuf why;
    sb_init(&why);
    if (n_refused)
        sb_printf(&why, "schemadiff: plan not allowed: blocking hazard%s %s in %d change%s; allow with "
                        "--allow-hazards %s",
                  refused & (refused - 1) ? "s" : "", hazard_names(a, refused), n_refused, n_refused == 1 ? "" : "s",
                  hazard_join(a, refused, ","));
    if (pf_failed) {
        int k = 0;
        while (k < pf_change->steps.n && pf_change->steps.items[k] != pf_first)
            k++;
        sb_printf(&why, "%sschemadiff: plan not allowed: %d step%s would fail on the live data; the first: step %d "
                        "of \"%s\": would fail: %s",
                  why.len ? "\n" : "", pf_failed, pf_failed == 1 ? "" : "s", k + 1,
                  pf_change->summary ? pf_change->summary : "", preflight_found(a, pf_first));
    }
    if (why.len) {
        r->error = arena_strdup(ra, why.data);
        r->rc = EXIT_REFUSED;
        r->status = "refused";
    }
    sb_free(&why);
}

static void task_start(void *arg, CatalogTask *t)
{
    Multi *mu = arg;
    DbResult *r = t->user;
    (void)mu;
    r->diags.arena = &r->arena;
    t->a = &r->arena;
    t->diags = &r->diags;
    t->m = model_new(&r->arena, "current");
    t->m->filter = mu->o->filter;
    ddl_init_model(t->m);
}

static void task_done(void *arg, CatalogTask *t)
{
    Multi *mu = arg;
    DbResult *r = t->user;
    compare(mu, r, t->m);
    catalog_close(t->m);
    arena_free(&r->arena);
    mu->done++;
    if (mu->progress)
        fprintf(stderr, "[%d/%d] %s: %s (%.2f s)\n", mu->done, mu->n, r->name, r->status, t->seconds);
}

/* ---- the report ------------------------------------------------------------- */

static void indent(StrBuf *sb, const char *text)
{
    const char *p = text;
    while (p && *p) {
        size_t n = strcspn(p, "\n");
        if (n)
            sb_printf(sb, "  %.*s\n", (int)n, p);
        else
            sb_putc(sb, '\n');
        p += n;
        if (*p == '\n')
            p++;
    }
}

static const char *const statuses[] = {"in sync", "drifted", "refused", "unreachable", "failed"};
#define N_STATUS 5

static void report_text(Multi *mu, StrBuf *sb)
{
    int count[N_STATUS] = {0};
    for (int i = 0; i < mu->n; i++) {
        DbResult *r = &mu->res[i];
        for (int k = 0; k < N_STATUS; k++)
            count[k] += !strcmp(r->status, statuses[k]);
        sb_printf(sb, "%s: %s\n", r->name, r->status);
        /* in sync: the body is the one "no drift" line, unless notes follow */
        if (r->body && (strcmp(r->status, "in sync") || strchr(r->body, '\n') != strrchr(r->body, '\n')))
            indent(sb, r->body);
        if (r->error)
            indent(sb, r->error);
        if (mu->o->out && r->rc != EXIT_DB && strcmp(r->status, "failed"))
            sb_printf(sb, "  files: %s\n", r->subdir);
    }
    sb_printf(sb, "\n%d database%s:", mu->n, mu->n == 1 ? "" : "s");
    for (int k = 0, first = 1; k < N_STATUS; k++)
        if (count[k] || k < 2 || k == 3) {
            sb_printf(sb, "%s %d %s", first ? "" : ",", count[k], statuses[k]);
            first = 0;
        }
    sb_puts(sb, "\n");
}

static void report_json(Multi *mu, StrBuf *sb, int rc)
{
    bool plan_cmd = !strcmp(mu->o->command, "plan");
    int count[N_STATUS] = {0};
    sb_puts(sb, "{\"command\": ");
    planjson_str(sb, mu->o->command);
    sb_puts(sb, ", \"to\": ");
    planjson_str(sb, mu->o->to_name);
    sb_puts(sb, ", \"databases\": [");
    for (int i = 0; i < mu->n; i++) {
        DbResult *r = &mu->res[i];
        for (int k = 0; k < N_STATUS; k++)
            count[k] += !strcmp(r->status, statuses[k]);
        sb_puts(sb, i ? ",\n  {\"database\": " : "\n  {\"database\": ");
        planjson_str(sb, r->name);
        sb_puts(sb, ", \"status\": ");
        planjson_str(sb, r->status);
        sb_printf(sb, ", \"exit\": %d", r->rc);
        if (r->body && plan_cmd) {
            sb_puts(sb, ", \"plan\": ");
            size_t n = strlen(r->body);
            while (n && r->body[n - 1] == '\n')
                n--;
            sb_printf(sb, "%.*s", (int)n, r->body);
        } else if (r->body) {
            /* verify's JSON lines become an array */
            sb_puts(sb, ", \"drift\": [");
            int k = 0;
            for (const char *p = r->body; *p;) {
                size_t n = strcspn(p, "\n");
                if (n)
                    sb_printf(sb, "%s%.*s", k++ ? ", " : "", (int)n, p);
                p += n;
                if (*p)
                    p++;
            }
            sb_puts(sb, "]");
        }
        if (r->error) {
            sb_puts(sb, ", \"error\": ");
            planjson_str(sb, r->error);
        }
        if (mu->o->out && r->rc != EXIT_DB && strcmp(r->status, "failed")) {
            sb_puts(sb, ", \"out\": ");
            planjson_str(sb, r->subdir);
        }
        sb_puts(sb, "}");
    }
    sb_printf(sb, "\n], \"summary\": {\"databases\": %d", mu->n);
    for (int k = 0; k < N_STATUS; k++) {
        sb_puts(sb, ", ");
        char key[32];
        snprintf(key, sizeof key, "%s", statuses[k]);
        for (char *p = key; *p; p++)
            if (*p == ' ')
                *p = '_';
        planjson_str(sb, key);
        sb_printf(sb, ": %d", count[k]);
    }
    sb_printf(sb, "}, \"exit\": %d}\n", rc);
}

/* ---- the run ------------------------------------------------------------------ */

int multidb_run(Arena *a, const MultiDbOpts *o)
{
    Diags diags = {a, {0}};
    PtrVec urls = {0};
    for (int i = 0; i < o->urls.n; i++)
        vec_push(a, &urls, o->urls.items[i]);
    if (o->db_list && !read_db_list(a, o->db_list, &urls, &diags))
        return diag_report(&diags, stderr);
    /* the desired side, once: its errors stop the run before any database
     * is connected to */
    ParseSession *ps = parse_session_begin();
    Multi mu = {0};
    mu.a = a;
    mu.o = o;
    mu.desired = source_read(ps, a, o->to, "desired", o->filter, &diags);
    int rc = EXIT_OK;
    if (!diag_any(&diags)) {
        diag_flush_warnings(&diags, stderr);
        model_filter_schemas(mu.desired, o->filter);
        poly_check(a, o->cfg, mu.desired, &diags, &mu.poly_notes);
        if (!diag_any(&diags) && o->cfg->poly.n) {
            ddl_extend(mu.desired, arena_printf(a, "%s (polymorphic rules)", o->cfg->file ? o->cfg->file : "schemadiff.yaml"),
                       poly_sql(a, o->cfg, mu.desired), &diags);
            mu.desired->poly_rules = &o->cfg->poly;
        }
        if (!diag_any(&diags))
            diag_flush_warnings(&diags, stderr);
    }
    if (diag_any(&diags)) {
        rc = diag_report(&diags, stderr);
        catalog_close(mu.desired);
        parse_session_end(ps);
        return rc;
    }
    mu.n = urls.n;
    mu.res = arena_alloc(a, sizeof *mu.res * (size_t)mu.n);
    memset(mu.res, 0, sizeof *mu.res * (size_t)mu.n);
    CatalogTask *tasks = arena_alloc(a, sizeof *tasks * (size_t)mu.n);
    memset(tasks, 0, sizeof *tasks * (size_t)mu.n);
    for (int i = 0; i < mu.n; i++) {
        mu.res[i].url = urls.items[i];
        mu.res[i].name = catalog_display_name(a, urls.items[i]);
        tasks[i].url = urls.items[i];
        tasks[i].user = &mu.res[i];
    }
    if (o->out)
        assign_subdirs(&mu);
    mu.progress = isatty(STDERR_FILENO) || mu.n > o->jobs;
    catalog_read_tasks(tasks, mu.n, o->filter, o->jobs, task_start, task_done, &mu);
    for (int i = 0; i < mu.n; i++)
        if (mu.res[i].rc > rc)
            rc = mu.res[i].rc;
    StrBuf sb;
    sb_init(&sb);
    if (o->format == FMT_JSON)
        report_json(&mu, &sb, rc);
    else
        report_text(&mu, &sb);
    fputs(sb.data, stdout);
    fflush(stdout);
    sb_free(&sb);
    catalog_close(mu.desired);
    parse_session_end(ps);
    return rc;
}
