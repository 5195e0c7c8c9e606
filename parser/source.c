/*
 * source.c — SRC arguments into a model.
 *
 * SRC is "empty", "-" (standard input), a .sql file, a directory (its *.sql
 * files, recursively, in byte order of their paths) or a libpq URL.  Every
 * file is read whole and handed to the DDL interpreter; errors in one file
 * do not stop the others from being read, so one run reports them all.
 * Parse trees live in the run's ParseSession memory context, entered once
 * here and left at exit, so models can keep pointers into them: each source
 * is parsed into a child context, and what its model keeps of those trees is
 * copied into the session before the child is deleted (parser/detach.c).
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

/* Text as read (a file, standard input) before it reaches the parser: a NUL
 * byte would silently end it there and bytes that are not UTF-8 would pass
 * through into a migration PostgreSQL rejects; both are located errors. */
typedef struct TextSink {
    Model *m;            /* read each text into m, or */
    PtrVec *files, *texts; /* collect them (source_texts) */
} TextSink;

static void read_text(TextSink *k, const char *file, const char *text, size_t len, Diags *diags)
{
    size_t nul = strlen(text);
    long bad = diag_utf8_invalid(text, nul);
    if (bad >= 0) {
        SrcLoc loc = {file, text, (int)bad};
        diag_at(diags, EXIT_INPUT, loc, "invalid UTF-8 (byte 0x%02x); SQL files must be UTF-8",
                (unsigned char)text[bad]);
        return;
    }
    if (nul != len) {
        SrcLoc loc = {file, text, (int)nul};
        diag_at(diags, EXIT_INPUT, loc, "a NUL byte; SQL text cannot hold one");
        return;
    }
    if (k->m) {
        ddl_read_text(k->m, file, text, diags);
    } else {
        vec_push(diags->arena, k->files, (void *)file);
        vec_push(diags->arena, k->texts, (void *)text);
    }
}

static void read_file(TextSink *k, Arena *a, const char *path, Diags *diags)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_plain(diags, EXIT_INPUT, "cannot read %s: %s", path, strerror(errno));
        return;
    }
    size_t len;
    char *text = read_stream(a, f, &len);
    bool err = ferror(f);
    fclose(f);
    if (err) {
        diag_plain(diags, EXIT_INPUT, "cannot read %s", path);
        return;
    }
    read_text(k, arena_strdup(a, path), text, len, diags);
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* An input error about a path as a whole (no line in it). */
static void path_error(Diags *diags, Arena *a, const char *path, const char *what)
{
    SrcLoc loc = {arena_strdup(a, path), NULL, -1};
    diag_at(diags, EXIT_INPUT, loc, "%s", what);
}

static const char *kind_of(mode_t mode)
{
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISDIR(mode))
        return "a directory";
    return "not a regular file";
}

/* The directories from the SRC root down to the one being read, by device
 * and inode: a directory (through a symbolic link) that is one of them is a
 * loop, reported instead of followed forever. */
typedef struct DirChain {
    dev_t dev;
    ino_t ino;
    const struct DirChain *up;
} DirChain;

static bool has_suffix_sql(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".sql") == 0;
}

static void collect_sql_files(Arena *a, const char *dir, const DirChain *chain, PtrVec *out, Diags *diags)
{
    DIR *d = opendir(dir);
    if (!d) {
        diag_plain(diags, EXIT_INPUT, "cannot read directory %s: %s", dir, strerror(errno));
        return;
    }
    /* entries in name order, so that diagnostics come in a stable order */
    PtrVec names = {0};
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.')
            vec_push(a, &names, arena_strdup(a, e->d_name));
    closedir(d);
    if (names.n)
        qsort(names.items, (size_t)names.n, sizeof(void *), cmp_str);
    for (int i = 0; i < names.n; i++) {
        const char *name = names.items[i];
        const char *path = arena_printf(a, "%s/%s", dir, name);
        struct stat lst, st;
        if (lstat(path, &lst) != 0)
            continue; /* removed while we read */
        /* never open what is not a regular file or a directory: stat() only */
        if (stat(path, &st) != 0) {
            if (S_ISLNK(lst.st_mode))
                path_error(diags, a, path,
                           errno == ELOOP ? "symbolic link loop" : "dangling symbolic link (its target does not exist)");
            else
                path_error(diags, a, path, arena_printf(a, "cannot read: %s", strerror(errno)));
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            const DirChain *c;
            for (c = chain; c; c = c->up)
                if (c->dev == st.st_dev && c->ino == st.st_ino)
                    break;
            if (c) {
                path_error(diags, a, path, "symbolic link loop (leads back to a directory it is in)");
                continue;
            }
            DirChain next = {st.st_dev, st.st_ino, chain};
            collect_sql_files(a, path, &next, out, diags);
        } else if (has_suffix_sql(name)) {
            if (S_ISREG(st.st_mode))
                vec_push(a, out, (void *)path);
            else
                path_error(diags, a, path, arena_printf(a, "%s, not a regular file: not read", kind_of(st.st_mode)));
        }
    }
}

/* Every SQL text of SRC ("-", a .sql file, a directory) into the sink. */
static void read_texts(TextSink *k, Arena *a, const char *src, Diags *diags)
{
    if (strcmp(src, "-") == 0) {
        size_t len;
        char *text = read_stream(a, stdin, &len);
        read_text(k, "<stdin>", text, len, diags);
        return;
    }
    struct stat st;
    if (stat(src, &st) != 0) {
        diag_plain(diags, EXIT_INPUT, "cannot read %s: %s", src, strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
        PtrVec files = {0};
        size_t base = strlen(src);
        while (base > 1 && src[base - 1] == '/')
            base--;
        DirChain root = {st.st_dev, st.st_ino, NULL};
        collect_sql_files(a, arena_strndup(a, src, base), &root, &files, diags);
        if (files.n)
            qsort(files.items, (size_t)files.n, sizeof(void *), cmp_str);
        if (files.n == 0 && !diag_any(diags))
            diag_plain(diags, EXIT_INPUT, "%s: no .sql files in this directory", src);
        for (int i = 0; i < files.n; i++)
            read_file(k, a, files.items[i], diags);
    } else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) || S_ISSOCK(st.st_mode)) {
        /* a FIFO is read: `--to <(cat x.sql)` */
        path_error(diags, a, src, arena_printf(a, "%s, not a SQL file", kind_of(st.st_mode)));
    } else {
        read_file(k, a, src, diags);
    }
}

bool source_texts(Arena *a, const char *src, PtrVec *files, PtrVec *texts, Diags *diags)
{
    TextSink k = {NULL, files, texts};
    read_texts(&k, a, src, diags);
    return !diag_any(diags);
}

Model *source_empty(Arena *a)
{
    Model *empty = model_new(a, "empty");
    ddl_init_model(empty);
    model_sort(empty);
    return empty;
}

Model *source_read(ParseSession *ps, Arena *a, const char *src, const char *label,
                   const SourceFilter *filter, Diags *diags)
{
    Model *m = model_new(a, label);
    m->filter = filter;
    ddl_init_model(m);
    DdlReading rd = ddl_reading_begin(); /* the trees in a context of their own */
    if (strcmp(src, "empty") == 0) {
        /* nothing but what every database has */
    } else if (catalog_is_connection(src)) {
        int queries = 0;
        catalog_read(a, m, src, filter, diags, &queries);
        timing_report("  %s: %d catalog queries", label, queries);
    } else {
        TextSink k = {m, NULL, NULL};
        ddl_parse_hold(1); /* this thread is at work (parser/rawparse.c) */
        read_texts(&k, a, src, diags);
        ddl_parse_hold(-1);
    }
    /* detached, finished, sorted and fingerprinted here, on the reader's
     * thread, while the other side is still being read */
    ddl_reading_end(m, rd, diags);
    return m;
}

/* ---- reading a source on a second thread ----------------------------------
 *
 * libpg_query keeps its memory context per thread, so the two sides of a
 * plan are read concurrently.  The thread keeps its parse trees alive (its
 * memory context) until the caller releases it, after the plan is printed:
 * the model points into those trees.  Each job has its own arena and
 * diagnostics, so nothing is shared while the threads run.
 *
 * Once it has read, the thread can be handed one more piece of work
 * (source_read_run: `plan --out` makes desired.sql there, src/dumpjob.c).
 * It is that thread's, not a new one's, because the C library keeps what
 * a thread frees for that thread's own allocations: the memory of the
 * parse trees the read freed is used again, not added to the peak.
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
    /* source_read_run(): work handed to the thread once it has read */
    void (*task)(void *);
    void *task_arg;
    bool task_done;
};

static void *source_thread(void *arg)
{
    SourceJob *j = arg;
    ParseSession *ps = parse_session_begin();
    j->model = source_read(ps, &j->arena, j->src, j->label, j->filter, &j->diags);
    pthread_mutex_lock(&j->mu);
    j->done = true;
    pthread_cond_broadcast(&j->cv);
    for (;;) {
        while (!j->release && !(j->task && !j->task_done))
            pthread_cond_wait(&j->cv, &j->mu);
        if (!j->task || j->task_done)
            break; /* released */
        pthread_mutex_unlock(&j->mu);
        j->task(j->task_arg);
        pthread_mutex_lock(&j->mu);
        j->task_done = true;
        pthread_cond_broadcast(&j->cv);
    }
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
    /* an explicit stack: deep parse trees are walked recursively there */
    pthread_attr_t attr;
    bool have_attr = stack_attr_init(&attr);
    int err = pthread_create(&j->thread, have_attr ? &attr : NULL, source_thread, j);
    if (have_attr)
        pthread_attr_destroy(&attr);
    if (err != 0) {
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

bool source_read_run(SourceJob *j, void (*fn)(void *), void *arg)
{
    if (!j || !j->thread || j->task)
        return false;
    pthread_mutex_lock(&j->mu);
    j->task = fn;
    j->task_arg = arg;
    pthread_cond_broadcast(&j->cv);
    pthread_mutex_unlock(&j->mu);
    return true;
}

void source_read_run_wait(SourceJob *j)
{
    if (!j || !j->task)
        return;
    pthread_mutex_lock(&j->mu);
    while (!j->task_done)
        pthread_cond_wait(&j->cv, &j->mu);
    pthread_mutex_unlock(&j->mu);
}

void source_read_release(SourceJob *j)
{
    if (!j)
        return;
    source_read_run_wait(j);
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
