/*
 * test_preflight.c — the pre-flight queries a plan gets, and how they read.
 *
 * Two models read from SQL text (no database), planned as the command
 * plans them; preflight_plan() must give exactly the steps that rows can
 * make fail their query (the exact text for the main kinds), none to a
 * table the plan creates, and every step of a change to an existing table
 * its table's estimate.  Then the printing (emit/preflight.c) and the
 * gating (plan_gate_preflight) of hand-set results.  The queries are run
 * against a real server by tests/live/pf_* and tests/run_preflight_truth.py.
 */
#include "model.h"
#include "check.h"

static Model *read_model(Arena *a, const char *label, const char *sql)
{
    Diags d = {a, {0}};
    Model *m = model_new(a, label);
    ddl_init_model(m);
    ddl_read_text(m, "x.sql", sql, &d);
    if (!diag_any(&d))
        ddl_finish(m, &d);
    model_sort(m);
    CHECK(!diag_any(&d));
    return m;
}

/* The step of the change to object `display` whose query finds `what`. */
static const Step *step_with(const MigrationPlan *p, const char *summary_part, const char *what)
{
    for (int i = 0; i < p->changes.n; i++) {
        const Change *c = p->changes.items[i];
        if (!c->summary || !strstr(c->summary, summary_part))
            continue;
        for (int k = 0; k < c->steps.n; k++) {
            const Step *st = c->steps.items[k];
            if (st->preflight && st->preflight_what && !strcmp(st->preflight_what, what))
                return st;
        }
    }
    return NULL;
}

static int count_queries(const MigrationPlan *p)
{
    int n = 0;
    for (int i = 0; i < p->changes.n; i++) {
        const Change *c = p->changes.items[i];
        for (int k = 0; k < c->steps.n; k++)
            n += ((const Step *)c->steps.items[k])->preflight != NULL;
    }
    return n;
}

static void test_queries(void)
{
    Arena a = {0};
    ParseSession *ps = parse_session_begin();
    Model *cur = read_model(&a, "current",
                            "CREATE TABLE users (id integer PRIMARY KEY, email text, age integer, name varchar(50));\n"
                            "CREATE TABLE orders (user_id integer, note text);\n");
    Model *des = read_model(&a, "desired",
                            "CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL UNIQUE,\n"
                            "    age integer CHECK (age > 0), name varchar(10));\n"
                            "CREATE TABLE orders (user_id integer REFERENCES users (id), note text);\n"
                            "CREATE TABLE fresh (id integer PRIMARY KEY, v text NOT NULL UNIQUE CHECK (v <> ''));\n");
    Table *users = model_table(cur, "public", "users");
    CHECK(users != NULL);
    if (users) {
        users->has_estimate = true;
        users->est_rows = 1000;
        users->est_bytes = 65536;
    }
    MigrationPlan *p = plan_build(&a, cur, des);
    preflight_plan(&a, p);

    const Step *st = step_with(p, "users.email", "rows where email IS NULL");
    CHECK(st != NULL);
    if (st) {
        CHECK_STR(st->preflight, "SELECT (id)::text FROM public.users WHERE email IS NULL LIMIT 1001");
        CHECK(st->pf_state == PF_NOT_RUN);
        /* the online form: the query is on the VALIDATE of the CHECK, the first step that scans */
        CHECK(strstr(st->body, "VALIDATE CONSTRAINT") != NULL);
        CHECK(st->est_rows == 1000 && st->est_bytes == 65536);
    }
    st = step_with(p, "users_email_key", "duplicate values of (email)");
    CHECK(st != NULL);
    if (st) {
        CHECK_STR(st->preflight, "SELECT (email)::text FROM public.users WHERE true AND email IS NOT NULL "
                                 "GROUP BY email HAVING pg_catalog.count(*) > 1 LIMIT 1001");
        CHECK(strstr(st->body, "CREATE UNIQUE INDEX") != NULL);
    }
    st = step_with(p, "users_age_check", "rows violating CHECK (age > 0)");
    CHECK(st != NULL);
    if (st)
        CHECK_STR(st->preflight, "SELECT (id)::text FROM public.users WHERE NOT (age > 0) LIMIT 1001");
    st = step_with(p, "orders_user_id_fkey", "rows whose (user_id) has no match in public.users");
    CHECK(st != NULL);
    if (st) {
        /* no primary key: the ctid names the row */
        CHECK_STR(st->preflight, "SELECT sd_r.ctid::text FROM public.orders AS sd_r WHERE sd_r.user_id IS NOT NULL "
                                 "AND NOT EXISTS (SELECT 1 FROM public.users AS sd_p WHERE sd_p.id = sd_r.user_id) "
                                 "LIMIT 1001");
        CHECK(st->est_rows == -1); /* orders has no estimate */
    }
    st = step_with(p, "users.name", "rows whose name is longer than 10 characters");
    CHECK(st != NULL);
    if (st)
        CHECK_STR(st->preflight, "SELECT (id)::text FROM public.users WHERE name IS NOT NULL AND "
                                 "(pg_catalog.length(pg_catalog.rtrim(name::text, ' ')) > 10) LIMIT 1001");
    /* five queries, none for the table the plan creates */
    CHECK(count_queries(p) == 5);
    for (int i = 0; i < p->changes.n; i++) {
        const Change *c = p->changes.items[i];
        const Obj *o = c->desired ? c->desired : c->current;
        bool fresh = !strcmp(o->kind == OBJ_TABLE ? o->name : o->table ? o->table : "", "fresh");
        for (int k = 0; k < c->steps.n; k++) {
            const Step *s = c->steps.items[k];
            if (fresh)
                CHECK(!s->preflight && s->est_rows == -1);
        }
    }
    /* the rollback gets none: it runs against another state */
    for (int i = 0; i < p->inverse.n; i++) {
        const Change *c = p->inverse.items[i];
        for (int k = 0; k < c->steps.n; k++)
            CHECK(!((const Step *)c->steps.items[k])->preflight);
    }

    /* files as the current side: not run, and the plan says why */
    preflight_skip(p, "files as the current side");
    CHECK_STR(p->preflight_note, "not run (files as the current side)");
    st = step_with(p, "users.email", "rows where email IS NULL");
    if (st)
        CHECK_STR(preflight_describe(&a, st),
                  "Pre-flight: not run (files as the current side): rows where email IS NULL");
    const Step *pf_first = NULL;
    CHECK(plan_gate_preflight(p, &pf_first, NULL) == 0 && !pf_first);

    /* results as pfrun_steps sets them */
    if (st) {
        Step *w = (Step *)st;
        w->pf_state = PF_FAILED;
        w->pf_count = 3;
        vec_push(&a, &w->pf_samples, "1");
        vec_push(&a, &w->pf_samples, "7\nx");
        vec_push(&a, &w->pf_samples, NULL);
        CHECK_STR(preflight_describe(&a, st), "Pre-flight: WOULD FAIL: 3 rows where email IS NULL, e.g. 1, 7 x, NULL");
        w->pf_count = 1;
        w->pf_samples.n = 1;
        CHECK_STR(preflight_found(&a, st), "1 row where email IS NULL, e.g. 1");
        w->pf_count = 1000;
        w->pf_capped = true;
        CHECK_STR(preflight_found(&a, st), "at least 1000 rows where email IS NULL, e.g. 1");
        const Change *fc = NULL;
        CHECK(plan_gate_preflight(p, &pf_first, &fc) == 1 && pf_first == st && fc && fc->pf_failed == 1);
        preflight_summarize(p);
        CHECK_STR(p->preflight_note, "5 queries against the current data: 1 would fail, 4 not run");
        w->pf_state = PF_TIMEOUT;
        w->pf_error = "canceling statement due to statement timeout";
        CHECK_STR(preflight_describe(&a, st), "Pre-flight: timed out, not checked (warning): rows where email IS "
                                              "NULL: canceling statement due to statement timeout");
        CHECK(plan_gate_preflight(p, NULL, NULL) == 0); /* a warning, not a refusal */
        w->pf_state = PF_PASSED;
        CHECK_STR(preflight_describe(&a, st), "Pre-flight: passed (no rows where email IS NULL)");
    }
    parse_session_end(ps);
    arena_free(&a);
}

int main(void)
{
    test_queries();
    return check_report();
}
