/*
 * test_steps.c — how a step reads in the plan (emit/steps.c).
 *
 * Until classification and pre-flight fill the steps of real plans, the
 * printing is checked here on hand-made steps: locks grouped by mode,
 * strongest first; rewrite / scan naming the relation of the strongest
 * lock; hazards; the table estimate; each pre-flight state.
 */
#include "model.h"
#include "check.h"

static StepLock *lk(Arena *a, const char *schema, const char *name, LockLevel m)
{
    StepLock *l = arena_alloc(a, sizeof *l);
    l->schema = schema;
    l->name = name;
    l->mode = m;
    return l;
}

int main(void)
{
    Arena a = {0};
    Step s = {0};
    s.est_rows = -1;
    s.est_bytes = -1;
    s.transactional = true;
    CHECK_STR(steps_describe(&a, &s), "lock: none");
    CHECK(preflight_describe(&a, &s) == NULL);

    vec_push(&a, &s.locks, lk(&a, "public", "orders", LOCK_SHARE_ROW_EXCLUSIVE));
    vec_push(&a, &s.locks, lk(&a, "public", "users", LOCK_ACCESS_EXCLUSIVE));
    vec_push(&a, &s.locks, lk(&a, "public", "items", LOCK_SHARE_ROW_EXCLUSIVE));
    s.scan = true;
    s.hazards = HAZ_VALIDATION;
    CHECK_STR(steps_describe(&a, &s), "lock: ACCESS EXCLUSIVE on public.users, SHARE ROW EXCLUSIVE on public.orders, "
                                      "public.items; scans public.users; hazards: validation");
    s.scan = false;
    s.rewrite = true;
    s.hazards = HAZ_TABLE_REWRITE;
    s.est_rows = 1000;
    s.est_bytes = 65536;
    s.transactional = false;
    CHECK_STR(steps_describe(&a, &s), "lock: ACCESS EXCLUSIVE on public.users, SHARE ROW EXCLUSIVE on public.orders, "
                                      "public.items; rewrites public.users; hazards: table_rewrite; "
                                      "table: ~1000 rows, 64 kB; outside a transaction");

    s.preflight = "SELECT id::text FROM public.users WHERE email IS NULL";
    s.preflight_what = "rows where email IS NULL";
    s.pf_state = PF_NOT_RUN;
    CHECK_STR(preflight_describe(&a, &s),
              "Pre-flight: not run: rows where email IS NULL");
    s.pf_state = PF_PASSED;
    CHECK_STR(preflight_describe(&a, &s), "Pre-flight: passed (no rows where email IS NULL)");
    s.pf_state = PF_FAILED;
    s.pf_count = 7;
    for (int i = 1; i <= 6; i++)
        vec_push(&a, &s.pf_samples, (void *)arena_printf(&a, "%d", i));
    CHECK_STR(preflight_describe(&a, &s), "Pre-flight: WOULD FAIL: 7 rows where email IS NULL, e.g. 1, 2, 3, 4, 5");
    s.pf_capped = true;
    s.pf_count = 1000;
    CHECK_STR(preflight_describe(&a, &s),
              "Pre-flight: WOULD FAIL: at least 1000 rows where email IS NULL, e.g. 1, 2, 3, 4, 5");
    s.pf_state = PF_TIMEOUT;
    s.pf_error = "canceling statement due to statement timeout";
    CHECK_STR(preflight_describe(&a, &s), "Pre-flight: timed out, not checked (warning): rows where email IS NULL: "
                                       "canceling statement due to statement timeout");
    s.pf_state = PF_ERROR;
    s.pf_error = "permission denied for table users";
    CHECK_STR(preflight_describe(&a, &s), "Pre-flight: could not run, not checked (warning): rows where email IS NULL: "
                                       "permission denied for table users");

    for (int l = LOCK_NONE; l <= LOCK_ACCESS_EXCLUSIVE; l++)
        CHECK(lock_level_name((LockLevel)l)[0] != '?');
    CHECK_STR(lock_level_name(LOCK_SHARE_UPDATE_EXCLUSIVE), "SHARE UPDATE EXCLUSIVE");
    arena_free(&a);
    return check_report();
}
