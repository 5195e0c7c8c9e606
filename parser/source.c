/*
 * source.c — SRC arguments into a model.
 *
 * SRC is "empty", "-" (standard input), a .sql file, a directory (its *.sql
 * files, recursively, in byte order of their paths) or a libpq URL.  Every
 * file is read whole and handed to the DDL interpreter; errors in one file
 * do not stop the others from being read, so one run reports them all.
 * Parse trees live in the run's ParseSession memory context, entered once
 * here and left at exit, so models can keep pointers into them.
 */
#include "pg.h"
#include "model.h"

#include <dirent.h>
#include <pthread.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct ParseSession {
    MemoryContext ctx;
};

ParseSession *parse_session_begin(void)
{
    ParseSession *ps = malloc(sizeof *ps);
    if (!ps)
        abort();
    ps->ctx = pg_query_enter_memory_context();
    return ps;
}

void parse_session_end(ParseSession *ps)
{
    if (!ps)
        return;
    pg_query_exit_memory_context(ps->ctx);
    free(ps);
}

static char *read_stream(Arena *a, FILE *f, size_t *len)
{
    StrBuf sb;
    sb_init(&sb);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_putn(&sb, buf, n);
    *len = sb.len;
    char *r = sb_take(&sb, a);
    sb_free(&sb);
    return r;
}

static void read_file(Model *m, const char *path, Diags *diags)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_plain(diags, EXIT_INPUT, "cannot read %s: %s", path, strerror(errno));
        return;
    }
    size_t len;
    char *text = read_stream(m->arena, f, &len);
    bool err = ferror(f);
    fclose(f);
    if (err) {
        diag_plain(diags, EXIT_INPUT, "cannot read %s", path);
        return;
    }
    if (strlen(text) != len) {
        diag_plain(diags, EXIT_INPUT, "%s contains a NUL byte; not a SQL file", path);
        return;
    }
    ddl_read_text(m, arena_strdup(m->arena, path), text, diags);
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static void collect_sql_files(Arena *a, const char *dir, PtrVec *out, Diags *diags)
{
    DIR *d = opendir(dir);
    if (!d) {
        diag_plain(diags, EXIT_INPUT, "cannot read directory %s: %s", dir, strerror(errno));
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        const char *path = arena_printf(a, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            collect_sql_files(a, path, out, diags);
        else {
            size_t n = strlen(e->d_name);
            if (n > 4 && strcmp(e->d_name + n - 4, ".sql") == 0)
                vec_push(a, out, (void *)path);
        }
    }
    closedir(d);
}

Model *source_read(ParseSession *ps, Arena *a, const char *src, const char *label,
                   const SourceFilter *filter, Diags *diags)
{
    (void)ps;
    Model *m = model_new(a, label);
    m->filter = filter;
    ddl_init_model(m);
    if (strcmp(src, "empty") == 0) {
        /* nothing but what every database has */
    } else if (catalog_is_connection(src)) {
        int queries = 0;
        catalog_read(a, m, src, filter, diags, &queries);
        timing_report("  %s: %d catalog queries", label, queries);
    } else if (strcmp(src, "-") == 0) {
        size_t len;
        char *text = read_stream(a, stdin, &len);
        ddl_read_text(m, "<stdin>", text, diags);
    } else {
        struct stat st;
        if (stat(src, &st) != 0) {
            diag_plain(diags, EXIT_INPUT, "cannot read %s: %s", src, strerror(errno));
        } else if (S_ISDIR(st.st_mode)) {
            PtrVec files = {0};
            size_t base = strlen(src);
            while (base > 1 && src[base - 1] == '/')
                base--;
            collect_sql_files(a, arena_strndup(a, src, base), &files, diags);
            if (files.n)
                qsort(files.items, (size_t)files.n, sizeof(void *), cmp_str);
            if (files.n == 0 && !diag_any(diags))
                diag_plain(diags, EXIT_INPUT, "%s: no .sql files in this directory", src);
            for (int i = 0; i < files.n; i++)
                read_file(m, files.items[i], diags);
        } else {
            read_file(m, src, diags);
        }
    }
    double t0 = timing_clock();
    if (!diag_any(diags))
        ddl_finish(m, diags);
    double t1 = timing_clock();
    model_sort(m);
    /* fingerprinted here, on the reader's thread, while the other side is
     * still being read; output_fingerprint() caches it in the model */
    if (!diag_any(diags))
        output_fingerprint(a, m);
    timing_report("  %s: finish %.3f s, sort %.3f s", label, t1 - t0, timing_clock() - t1);
    return m;
}

/* ---- reading a source on a second thread ----------------------------------
 *
 * libpg_query keeps its memory context per thread, so the two sides of a
 * plan are read concurrently.  The thread keeps its parse trees alive (its
 * memory context) until the caller releases it, after the plan is printed:
 * the model points into those trees.  Each job has its own arena and
 * diagnostics, so nothing is shared while the threads run.
 */
struct SourceJob {
    const char *src, *label;
    const SourceFilter *filter;
    Arena arena;
    Diags diags;
    Model *model;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool done, release;
};

static void *source_thread(void *arg)
{
    SourceJob *j = arg;
    ParseSession *ps = parse_session_begin();
    j->model = source_read(ps, &j->arena, j->src, j->label, j->filter, &j->diags);
    pthread_mutex_lock(&j->mu);
    j->done = true;
    pthread_cond_broadcast(&j->cv);
    while (!j->release)
        pthread_cond_wait(&j->cv, &j->mu);
    pthread_mutex_unlock(&j->mu);
    parse_session_end(ps);
    return NULL;
}

SourceJob *source_read_start(const char *src, const char *label, const SourceFilter *filter)
{
    SourceJob *j = calloc(1, sizeof *j);
    if (!j)
        abort();
    j->src = src;
    j->label = label;
    j->filter = filter;
    j->diags.arena = &j->arena;
    pthread_mutex_init(&j->mu, NULL);
    pthread_cond_init(&j->cv, NULL);
    if (pthread_create(&j->thread, NULL, source_thread, j) != 0) {
        /* no thread: read it here, later, in source_read_wait() */
        j->thread = 0;
    }
    return j;
}

Model *source_read_wait(SourceJob *j, ParseSession *fallback, Diags **diags)
{
    if (!j->thread) {
        j->model = source_read(fallback, &j->arena, j->src, j->label, j->filter, &j->diags);
    } else {
        pthread_mutex_lock(&j->mu);
        while (!j->done)
            pthread_cond_wait(&j->cv, &j->mu);
        pthread_mutex_unlock(&j->mu);
    }
    *diags = &j->diags;
    return j->model;
}

void source_read_release(SourceJob *j)
{
    if (!j)
        return;
    if (j->thread) {
        pthread_mutex_lock(&j->mu);
        j->release = true;
        pthread_cond_broadcast(&j->cv);
        pthread_mutex_unlock(&j->mu);
        pthread_join(j->thread, NULL);
    }
    pthread_mutex_destroy(&j->mu);
    pthread_cond_destroy(&j->cv);
    arena_free(&j->arena);
    free(j);
}
