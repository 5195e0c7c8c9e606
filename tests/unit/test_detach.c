/*
 * test_detach.c — a model detached from its parse trees says what it said
 * before (parser/detach.c), and arena_holds() knows an arena's memory.
 *
 * Every schema of tests/cases (both sides of each case) is read twice: by
 * source_read(), which parses into a context of its own, detaches the model
 * and deletes that context before finishing the model; and the old way,
 * every tree left where it was parsed.  The two dumps must be the same
 * bytes.  The dump prints every definition, default, constraint, index,
 * option and name a model holds, so a field parser/detach.c forgot reads
 * freed memory here: AddressSanitizer (the build `make check` runs) stops
 * on it, and without it the dump differs.  A model whose pointers are all
 * detached is also checked directly: nothing it keeps is in a context other
 * than the session's.
 */
#include "pg.h"
#include "model.h"
#include "check.h"

#include "utils/memutils.h"

#include <dirent.h>
#include <stdint.h>

static void test_arena_holds(void)
{
    Arena a = {0};
    char *small[64];
    for (int i = 0; i < 64; i++)
        small[i] = arena_alloc(&a, 3000); /* 64 KB, 128 KB, ... blocks */
    char *big = arena_alloc(&a, 20 * 1024 * 1024); /* a block of its own */
    ArenaSpans *s = arena_spans(&a);
    for (int i = 0; i < 64; i++) {
        CHECK(arena_holds(s, small[i]));
        CHECK(arena_holds(s, small[i] + 2999));
    }
    CHECK(arena_holds(s, big));
    CHECK(arena_holds(s, big + 20 * 1024 * 1024 - 1));
    int local = 0;
    char *heap = malloc(16);
    CHECK(!arena_holds(s, &local));
    CHECK(!arena_holds(s, heap));
    CHECK(!arena_holds(s, "a literal"));
    char *later = arena_alloc(&a, 64 * 1024 * 1024); /* after the spans were taken */
    CHECK(!arena_holds(s, later));
    free(heap);
    arena_spans_free(s);
    Arena empty = {0};
    ArenaSpans *e = arena_spans(&empty);
    CHECK(!arena_holds(e, &local));
    arena_spans_free(e);
    arena_free(&a);
}

/* The dump of `path` read the old way: trees left where they were parsed. */
static const char *dump_undetached(Arena *a, const char *path)
{
    char *text = check_slurp(path);
    if (!text)
        return NULL;
    Diags d = {a, {0}};
    Model *m = model_new(a, "desired");
    ddl_init_model(m);
    ddl_read_text(m, path, arena_strdup(a, text), &d);
    free(text);
    if (!diag_any(&d))
        ddl_finish(m, &d);
    if (diag_any(&d))
        return NULL;
    model_sort(m);
    return output_dump(a, plan_dump(a, source_empty(a), m));
}

/* Whether every tree node `m` keeps is a chunk of context `ctx`. */
static int nodes_outside(const Model *m, void *ctx)
{
    int bad = 0;
#define IN(n) ((n) == NULL || GetMemoryChunkContext((void *)(n)) == (MemoryContext)ctx)
    for (int i = 0; i < m->objs.n; i++) {
        const Obj *o = m->objs.items[i];
        if (!o)
            continue;
        switch (o->kind) {
        case OBJ_COLUMN: {
            const Column *c = (const Column *)o;
            bad += !IN(c->attoptions) + (c->def && !(IN(c->def->raw) && IN(c->def->norm))) +
                   (c->generated && !(IN(c->generated->raw) && IN(c->generated->norm)));
            break;
        }
        case OBJ_TABLE: {
            const Table *t = (const Table *)o;
            bad += !IN(t->reloptions) + !IN(t->partbound) + !IN(t->partspec);
            break;
        }
        case OBJ_CONSTRAINT:
            bad += !IN(((const TableConstraint *)o)->raw) + !IN(((const TableConstraint *)o)->norm);
            break;
        case OBJ_INDEX:
            bad += !IN(((const TableIndex *)o)->raw) + !IN(((const TableIndex *)o)->norm);
            break;
        case OBJ_SCHEMA:
        case OBJ_EXTENSION:
        case OBJ_ENUM:
        case OBJ_SEQUENCE:
        case OBJ_SEQ_OWNER:
        case OBJ_DEFAULT_ACL:
        case OBJ_KIND_COUNT:
            break;
        case OBJ_DOMAIN:
        case OBJ_COMPOSITE:
        case OBJ_FUNCTION:
        case OBJ_AGGREGATE:
        case OBJ_VIEW:
        case OBJ_TRIGGER:
        case OBJ_POLICY:
        case OBJ_EVENT_TRIGGER:
        case OBJ_COLLATION:
        case OBJ_OPERATOR:
        case OBJ_RULE:
        case OBJ_OPFAMILY:
        case OBJ_OPCLASS:
        case OBJ_RANGE:
        case OBJ_CAST:
        case OBJ_STATISTICS:
        case OBJ_TS_PARSER:
        case OBJ_TS_TEMPLATE:
        case OBJ_TS_DICT:
        case OBJ_TS_CONFIG:
        case OBJ_PUBLICATION:
        case OBJ_FDW:
        case OBJ_SERVER:
        case OBJ_USER_MAPPING: {
            const Definition *f = (const Definition *)o;
            bad += !IN(f->raw) + !IN(f->norm);
            for (int k = 0; k < f->members.n; k++)
                bad += !IN(f->members.items[k]);
            for (int k = 1; k < f->coldefaults.n; k += 2)
                bad += !IN(f->coldefaults.items[k]);
            break;
        }
        }
    }
#undef IN
    return bad;
}

static void test_cases(void)
{
    const char *root = SCHEMADIFF_SOURCE_DIR "/tests/cases";
    DIR *dir = opendir(root);
    CHECK(dir != NULL);
    if (!dir)
        return;
    int compared = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.')
            continue;
        for (int side = 0; side < 2; side++) {
            Arena a = {0};
            const char *path = arena_printf(&a, "%s/%s/%s", root, e->d_name, side ? "to.sql" : "from.sql");
            ParseSession *ps = parse_session_begin();
            void *session = pgctx_current();
            const char *before = dump_undetached(&a, path);
            pgctx_restore(session); /* the deparser may leave another one current */
            if (before) {
                Diags d = {&a, {0}};
                SourceFilter none = {{0}, {0}};
                Model *m = source_read(ps, &a, path, "desired", &none, &d);
                CHECK(!diag_any(&d));
                if (!diag_any(&d)) {
                    int outside = nodes_outside(m, session);
                    if (outside)
                        fprintf(stderr, "%s: %d tree nodes outside the session context\n", path, outside);
                    CHECK(outside == 0);
                    const char *after = output_dump(&a, plan_dump(&a, source_empty(&a), m));
                    if (strcmp(before, after) != 0)
                        fprintf(stderr, "%s: the detached model's dump differs\n", path);
                    CHECK(strcmp(before, after) == 0);
                    compared++;
                }
            }
            parse_session_end(ps);
            arena_free(&a);
        }
    }
    closedir(dir);
    printf("%d schemas compared\n", compared);
    CHECK(compared > 600); /* the cases are there and read */
}

int main(void)
{
    test_arena_holds();
    test_cases();
    return check_report();
}
