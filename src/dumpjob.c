/*
 * dumpjob.c — desired.sql made on a second thread while the plan is made.
 *
 * `plan --out DIR` writes desired.sql, the desired state as canonical DDL:
 * the dump plan of the desired model (plan_dump, from the empty model) and
 * its text (output_dump).  It needs nothing of the current side or of the
 * migration's plan, and it is as much work as that plan (at 10,000 tables
 * 70,536 creates against 1,200 changes each way: 0.6 s each), so it is made
 * on the thread that read the desired side (source_read_run), started once
 * the desired model is final (after the polymorphic rules, the conversions
 * and plan_match_roles) and waited for when the files are written.  That
 * thread, not a new one: the C library hands a thread back the memory it
 * freed itself, and that thread freed the desired side's parse trees, so
 * the dump is made in their room and the peak does not grow.
 *
 * Nothing is shared that either thread writes.  The job has its own arena;
 * the reader's thread has its own libpg_query memory context (the
 * emitters parse back what they print); the desired model is only read:
 * plan_build_matched() writes to it only the merge's scratch marks, which
 * a dump's merge neither reads nor writes (diff/diff.c), model_lookup()
 * allocates nothing, and its fingerprint is made before the thread starts
 * (both threads print it).  The text is the one made on one thread: the
 * same functions on the same model.  Without a reader's thread it is made
 * when asked for.
 */
#include "model.h"

#include <stdlib.h>

struct DumpJob {
    const Model *m;
    Arena arena;
    const char *text;
    SourceJob *on; /* the thread making it, or NULL: dump_job_text() does */
};

static void dump_make(void *arg)
{
    DumpJob *j = arg;
    j->text = output_dump(&j->arena, plan_dump(&j->arena, source_empty(&j->arena), j->m));
}

DumpJob *dump_job_start(Arena *a, const Model *m, SourceJob *reader)
{
    DumpJob *j = calloc(1, sizeof *j);
    if (!j)
        abort();
    j->m = m;
    (void)output_fingerprint(a, m); /* cached on the model, not by two threads at once */
    if (source_read_run(reader, dump_make, j))
        j->on = reader;
    return j;
}

const char *dump_job_text(DumpJob *j)
{
    if (j->on) {
        source_read_run_wait(j->on);
        j->on = NULL;
    } else if (!j->text) {
        dump_make(j);
    }
    return j->text;
}

void dump_job_free(DumpJob *j)
{
    if (!j)
        return;
    source_read_run_wait(j->on);
    arena_free(&j->arena);
    free(j);
}
