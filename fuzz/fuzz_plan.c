/*
 * fuzz_plan.c — libFuzzer target: two SQL texts through the whole pipeline.
 *
 * The input is the current state's SQL text, one NUL byte, then the desired
 * state's SQL text (without a NUL the whole input is the desired side and
 * the current side is empty).  A NUL can separate the two because a schema
 * file holding one is refused before it is parsed (parser/source.c), so no
 * interesting input is lost by reserving it; a second NUL ends the desired
 * text.  Each side is read as source_read() reads a file: model_new,
 * ddl_init_model, ddl_reading_begin, ddl_read_text, ddl_reading_end (the
 * model detached from the trees, which are freed; finished, sorted and
 * fingerprinted).  When either side
 * has diagnostics the input stops there, silently (an input error is a
 * correct answer, not a finding).  Otherwise the plan is built and printed
 * in every form the command line can produce: migration and rollback, the
 * plan as text, SQL, JSON and Markdown, verify's drift report, and the dump
 * of both models.
 *
 * Beyond "no crash", one property (issue 8's structural safety net, checked
 * from outside): the SQL is what the plan says it is.  Every statement of
 * every change, forward and rollback, must parse with libpg_query as
 * exactly one statement; and migration.sql and rollback.sql, parsed whole,
 * must hold only those statements plus the file's own SET, RESET, BEGIN and
 * COMMIT, so a name cannot break out of a statement or of a `--` comment
 * line into SQL of its own.  A violation aborts, printing the statement.  A
 * statement holding DEPARSE_UNPRINTABLE is the emitter refusing to print a
 * tree: the command line refuses that plan (exit 5), so it is not checked.
 * SCHEMADIFF_FUZZ_NO_REPARSE=1 turns the property off (crashes only);
 * SCHEMADIFF_FUZZ_SKIP_TYPMOD=1 skips plans with a statement that does not
 * parse because it prints a type modifier as `?` (a known bug, see
 * fuzz/pending/README.md), so a run can look past it.
 *
 * Nothing is written to stdout: the outputs are only computed (and their
 * length summed, so no call is optimised away).  Every input gets its own
 * arena and its own libpg_query memory context (ParseSession), both freed
 * before returning, so LeakSanitizer's reports mean a real leak.  (Memory
 * still grows slowly: after libpg_query's deparser has run, palloc() goes
 * to TopMemoryContext, which no session frees; fuzz/README.md, "Found".)  The command line keeps one ParseSession
 * for the process; here one per input is the same code, just released
 * sooner.
 *
 * The same entry point is linked into the plain sanitizer build by
 * fuzz/replay.c (a main() without libFuzzer) to replay saved inputs in
 * `make check`.
 */
#include "pg.h"
#include "model.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile size_t sink;

static void consume(const char *s)
{
    if (s)
        sink += strlen(s);
}

static void violation(const char *what, const char *sql, const char *detail)
{
    fprintf(stderr, "fuzz_plan: %s\n--- statement(s):\n%s\n--- %s\n", what, sql, detail ? detail : "");
    abort();
}

/* The statements of `sql` (NULL when it does not parse: *error is set). */
static List *parse_sql(const char *sql, char **error)
{
    PgQueryInternalParsetreeAndError res = pg_query_raw_parse(sql);
    free(res.stderr_buffer);
    *error = NULL;
    if (res.error) {
        *error = strdup(res.error->message);
        pg_query_free_error(res.error);
        return NULL;
    }
    return res.tree;
}

/* Every statement of each change parses as one statement; the statements
 * (without their ';') go into `known`.  False when a statement holds the
 * deparser's refusal marker (the plan is then refused as a whole). */
static const char *skip_space(const char *p);

static bool check_changes(Arena *a, const PtrVec *changes, StrMap *known)
{
    for (int i = 0; i < changes->n; i++) {
        const Change *c = changes->items[i];
        for (int k = 0; k < c->sql.n; k++) {
            const char *stmt = c->sql.items[k];
            if (strstr(stmt, DEPARSE_UNPRINTABLE))
                return false;
            char *err;
            List *tree = parse_sql(stmt, &err);
            if (err && getenv("SCHEMADIFF_FUZZ_SKIP_TYPMOD") && (strstr(stmt, "(?") || strstr(stmt, ",?"))) {
                free(err);
                return false;
            }
            if (err)
                violation(arena_printf(a, "a statement of \"%s\" does not parse", c->summary ? c->summary : "?"),
                          stmt, err);
            if (list_length(tree) != 1)
                violation(arena_printf(a, "a statement of \"%s\" parses as %d statements",
                                       c->summary ? c->summary : "?", list_length(tree)),
                          stmt, NULL);
            /* as the file's statements are found: past leading comments
             * (a note for the operator may stand before a statement) */
            const char *body = skip_space(stmt);
            size_t n = strlen(body);
            while (n && (body[n - 1] == ';' || body[n - 1] == ' ' || body[n - 1] == '\n'))
                n--;
            map_put(a, known, arena_strndup(a, body, n), (void *)stmt);
        }
    }
    return true;
}

/* Past whitespace and comments (a statement's location in a multi-statement
 * text is just after the previous ';'). */
static const char *skip_space(const char *p)
{
    for (;;) {
        if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
            p++;
        else if (p[0] == '-' && p[1] == '-')
            p += strcspn(p, "\n");
        else if (p[0] == '/' && p[1] == '*') {
            int depth = 0;
            do {
                if (p[0] == '/' && p[1] == '*')
                    depth++, p += 2;
                else if (p[0] == '*' && p[1] == '/')
                    depth--, p += 2;
                else
                    p++;
            } while (*p && depth > 0);
        } else
            return p;
    }
}

/* A whole migration.sql / rollback.sql holds only the changes' statements
 * and its own SET / RESET / BEGIN / COMMIT. */
static void check_file(Arena *a, const char *file, const char *text, const StrMap *known)
{
    char *err;
    List *tree = parse_sql(text, &err);
    if (err)
        violation(arena_printf(a, "%s does not parse", file), text, err);
    ListCell *lc;
    foreach (lc, tree) {
        RawStmt *rs = lfirst_node(RawStmt, lc);
        if (IsA(rs->stmt, TransactionStmt) || IsA(rs->stmt, VariableSetStmt))
            continue;
        size_t len = rs->stmt_len ? (size_t)rs->stmt_len : strlen(text + rs->stmt_location);
        const char *s = skip_space(arena_strndup(a, text + rs->stmt_location, len));
        size_t n = strlen(s);
        while (n && (s[n - 1] == ';' || s[n - 1] == ' ' || s[n - 1] == '\n'))
            n--;
        if (!map_get(known, arena_strndup(a, s, n)))
            violation(arena_printf(a, "%s holds a statement no change made", file), s, text);
    }
}

/* Read one side like a .sql file; NULL when it has diagnostics. */
static Model *read_side(Arena *a, const char *label, const char *file, const char *text)
{
    Diags diags = {a, {0}};
    Model *m = model_new(a, label);
    ddl_init_model(m);
    DdlReading rd = ddl_reading_begin(); /* as source_read() reads */
    ddl_read_text(m, file, text, &diags);
    ddl_reading_end(m, rd, &diags);
    return diag_any(&diags) ? NULL : m;
}

/* LeakSanitizer's built-in suppressions for this target, the same as
 * tests/lsan.supp: libpg_query 15 does not free its stderr copy when a
 * PL/pgSQL body fails to compile (one byte a time; not ours to report). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:pg_query_raw_parse\n";
}

static bool has_marker(const uint8_t *data, size_t size)
{
    size_t n = strlen(DEPARSE_UNPRINTABLE);
    for (size_t i = 0; i + n <= size; i++)
        if (!memcmp(data + i, DEPARSE_UNPRINTABLE, n))
            return true;
    return false;
}

static void one_input(const uint8_t *data, size_t size)
{
    const uint8_t *sep = memchr(data, 0, size);
    Arena arena = {0};
    Arena *a = &arena;
    char *from = sep ? arena_strndup(a, (const char *)data, (size_t)(sep - data)) : arena_strdup(a, "");
    const uint8_t *rest = sep ? sep + 1 : data;
    size_t rest_len = size - (size_t)(rest - data);
    /* arena_strndup stops at a second NUL, as a file holding one is refused */
    char *to = arena_strndup(a, (const char *)rest, rest_len);

    ParseSession *ps = parse_session_begin();
    Model *current = read_side(a, "current", "from.sql", from);
    Model *desired = current ? read_side(a, "desired", "to.sql", to) : NULL;
    if (current && desired) {
        Diags diags = {a, {0}};
        acl_check_roles(current, desired, "", &diags);
        if (!diag_any(&diags)) {
            MigrationPlan *plan = plan_build(a, current, desired);
            if (!plan->cycle.n) {
                OutputOpts oo = {"from.sql", "to.sql", "5s", "0"};
                Script *fs = output_script(a, plan, &oo, false), *bs = output_script(a, plan, &oo, true);
                const char *migration = fs->text;
                const char *rollback = bs->text;
                consume(migration);
                consume(rollback);
                /* the product's own safety net must never have to refuse a plan:
                 * a refusal is an emitter bug (exit 5 for the user) */
                const char *fault = reparse_script(a, fs);
                if (!fault)
                    fault = reparse_script(a, bs);
                /* ... unless an input literal spells the unprintable marker
                 * itself: that refusal is meant (fail-safe, nothing written) */
                if (fault && !has_marker(data, size))
                    violation("emit/reparse.c refused the plan", migration, fault);
                if (!getenv("SCHEMADIFF_FUZZ_NO_REPARSE")) {
                    /* in a context of its own: libpg_query's deparser leaves
                     * CurrentMemoryContext at TopMemoryContext (see README) */
                    MemoryContext ctx = pg_query_enter_memory_context();
                    StrMap fwd = {0}, inv = {0};
                    if (check_changes(a, &plan->changes, &fwd) && check_changes(a, &plan->inverse, &inv)) {
                        check_file(a, "migration.sql", migration, &fwd);
                        check_file(a, "rollback.sql", rollback, &inv);
                    }
                    pg_query_exit_memory_context(ctx);
                }
                static const OutFormat formats[] = {FMT_TEXT, FMT_SQL, FMT_JSON, FMT_MARKDOWN};
                for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
                    consume(output_plan(a, plan, &oo, formats[i]));
                consume(output_drift(a, plan, &oo, FMT_TEXT));
                consume(output_drift(a, plan, &oo, FMT_JSON));
                consume(output_dump(a, plan_dump(a, source_empty(a), current)));
                consume(output_dump(a, plan_dump(a, source_empty(a), desired)));
            }
        }
    }
    parse_session_end(ps);
    arena_free(a);
}

/* Inputs run on one long-lived worker thread with the stack schemadiff's own
 * pipeline gets (schemas/stack.c): trees just under the depth cap must fit,
 * as in main().  One thread for every input, not one each: libpg_query keeps
 * its top memory context per thread, and a thread that ends takes the only
 * pointer to it along (LeakSanitizer then reports all it held). */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static const uint8_t *job_data;
static size_t job_size;
static bool job_ready, job_done, have_worker;

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mu);
    for (;;) {
        while (!job_ready)
            pthread_cond_wait(&cv, &mu);
        job_ready = false;
        pthread_mutex_unlock(&mu);
        one_input(job_data, job_size);
        pthread_mutex_lock(&mu);
        job_done = true;
        pthread_cond_broadcast(&cv);
    }
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!have_worker) {
        pthread_attr_t attr;
        pthread_t t;
        have_worker = stack_attr_init(&attr);
        if (have_worker) {
            have_worker = pthread_create(&t, &attr, worker, NULL) == 0;
            pthread_attr_destroy(&attr);
        }
        if (!have_worker) {
            one_input(data, size); /* no thread: the process stack */
            return 0;
        }
    }
    pthread_mutex_lock(&mu);
    job_data = data;
    job_size = size;
    job_done = false;
    job_ready = true;
    pthread_cond_broadcast(&cv);
    while (!job_done)
        pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    return 0;
}
