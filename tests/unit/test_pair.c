/*
 * test_pair.c — every forward change is linked to the rollback change
 * that undoes it, and back.
 *
 * The plans of every round-trip case (tests/cases, read through the real
 * reader) and of examples/shop are built and every link of both lists is
 * checked: consistent (same kind and identity, op reversed; or the table
 * create / drop that holds the object among its parts), mutual when it is
 * a twin, and no change unpaired except the rebuilds one direction alone
 * needs (a dependent object dropped and re-created unchanged).  Every
 * statement of every change has its Step, in order.  Then two tiny plans whose
 * pairings are known exactly.
 */
#include "model.h"
#include "check.h"

#include <dirent.h>
#include <string.h>
#include <unistd.h>

static Model *read_src(ParseSession *ps, Arena *a, const char *src, const char *label, Diags *d)
{
    SourceFilter f = {0};
    return source_read(ps, a, src, label, &f, d);
}

static Model *read_text(Arena *a, const char *sql, Diags *d)
{
    Model *m = model_new(a, "x");
    ddl_init_model(m);
    ddl_read_text(m, "x.sql", sql, d);
    ddl_finish(m, d);
    model_sort(m);
    return m;
}

/* Whether c is half of a rebuild (DROP + CREATE of one object) that `list`
 * holds whole: a rebuild one direction alone needs, undone by nothing. */
static bool whole_rebuild(const Change *c, const PtrVec *list)
{
    if (!c->rebuild || c->op == CHG_ALTER)
        return false;
    const Obj *o = c->desired ? c->desired : c->current;
    for (int i = 0; i < list->n; i++) {
        const Change *s = list->items[i];
        const Obj *so = s->desired ? s->desired : s->current;
        if (s != c && s->rebuild && s->kind == c->kind && s->op != c->op && s->op != CHG_ALTER &&
            !strcmp(so->key, o->key))
            return true;
    }
    return false;
}

/* Whether c re-creates (validates) a foreign key whose drop an index swap
 * took into its own transaction (diff/idxswap.c: the swap's swap_fks):
 * the swap's rollback puts the key back, so c undoes nothing by itself. */
static bool absorbed_by_swap(const Change *c, const PtrVec *list)
{
    if (c->op != CHG_CREATE || c->kind != OBJ_CONSTRAINT)
        return false;
    for (int i = 0; i < list->n; i++) {
        const Change *s = list->items[i];
        for (int k = 1; k < s->swap_fks.n; k += 2)
            if (s->swap_fks.items[k] == (void *)c->desired)
                return true;
    }
    return false;
}

/* Check every link of `list`; returns the number of changes without one. */
static int check_links(const char *what, const PtrVec *list, const PtrVec *other)
{
    int unpaired = 0;
    for (int i = 0; i < list->n; i++) {
        const Change *c = list->items[i];
        if (!c->inverse) {
            unpaired++;
            /* only a rebuild one direction alone needs has no inverse, or
             * a foreign key's validation after an index swap */
            bool ok = whole_rebuild(c, list) || absorbed_by_swap(c, list);
            if (!ok)
                fprintf(stderr, "%s: unpaired: %s\n", what, c->summary);
            CHECK(ok);
            continue;
        }
        bool in_other = false;
        for (int k = 0; k < other->n && !in_other; k++)
            in_other = other->items[k] == c->inverse;
        CHECK(in_other);
        if (!pair_consistent(c))
            fprintf(stderr, "%s: inconsistent: %s -> %s\n", what, c->summary, c->inverse->summary);
        CHECK(pair_consistent(c));
        /* a link that is not mutual only ever points at a folded table
         * change, or is a rebuild's DROP pointing at the ALTER it undoes */
        if (!pair_mutual(c))
            CHECK((c->inverse->kind == OBJ_TABLE && c->inverse->parts.n > 0) ||
                  (c->op == CHG_DROP && c->rebuild && c->inverse->op == CHG_ALTER));
    }
    return unpaired;
}

/* Every statement of a change has its step, the same text, in order. */
static void check_steps(const char *what, const PtrVec *list)
{
    for (int i = 0; i < list->n; i++) {
        const Change *c = list->items[i];
        CHECK(c->steps.n == c->sql.n);
        for (int k = 0; k < c->steps.n && k < c->sql.n; k++) {
            const Step *st = c->steps.items[k];
            if (st->sql != c->sql.items[k])
                fprintf(stderr, "%s: step %d of \"%s\" is not its statement\n", what, k + 1, c->summary);
            CHECK(st->sql == c->sql.items[k]);
            CHECK(st->body != NULL);
        }
    }
}

static void check_case(const char *from, const char *to)
{
    Arena a = {0};
    Diags d = {&a, {0}};
    ParseSession *ps = parse_session_begin();
    Model *cur = read_src(ps, &a, from, "current", &d);
    Model *des = read_src(ps, &a, to, "desired", &d);
    CHECK(!diag_any(&d));
    if (!diag_any(&d)) {
        MigrationPlan *p = plan_build(&a, cur, des);
        check_links(from, &p->changes, &p->inverse);
        check_links(from, &p->inverse, &p->changes);
        check_steps(from, &p->changes);
        check_steps(from, &p->inverse);
    } else {
        diag_report(&d, stderr);
    }
    parse_session_end(ps);
    arena_free(&a);
}

static const Change *find(const PtrVec *v, ChangeOp op, ObjKind kind, const char *name)
{
    for (int i = 0; i < v->n; i++) {
        const Change *c = v->items[i];
        const Obj *o = c->desired ? c->desired : c->current;
        if (c->op == op && c->kind == kind && !strcmp(o->name, name))
            return c;
    }
    return NULL;
}

static void check_exact(void)
{
    Arena a = {0};
    Diags d = {&a, {0}};
    ParseSession *ps = parse_session_begin();
    /* a new table with an index (folded into the rollback's DROP TABLE), a
     * dropped column, a widened column, an index rebuilt */
    Model *cur = read_text(&a,
                           "CREATE TABLE t (id int PRIMARY KEY, a text, b varchar(5));"
                           "CREATE INDEX t_b ON t (b);", &d);
    Model *des = read_text(&a,
                           "CREATE TABLE t (id int PRIMARY KEY, b varchar(9));"
                           "CREATE INDEX t_b ON t (lower(b));"
                           "CREATE TABLE n (id int); CREATE INDEX n_id ON n (id);", &d);
    CHECK(!diag_any(&d));
    if (diag_any(&d)) {
        diag_report(&d, stderr);
    } else {
        MigrationPlan *p = plan_build(&a, cur, des);
        const Change *new_t = find(&p->changes, CHG_CREATE, OBJ_TABLE, "n");
        const Change *new_ix = find(&p->changes, CHG_CREATE, OBJ_INDEX, "n_id");
        const Change *drop_t = find(&p->inverse, CHG_DROP, OBJ_TABLE, "n");
        CHECK(new_t && new_ix && drop_t);
        if (new_t && new_ix && drop_t) {
            CHECK(new_t->inverse == drop_t && drop_t->inverse == new_t);
            CHECK(new_ix->inverse == drop_t); /* folded: one way */
        }
        const Change *drop_a = find(&p->changes, CHG_DROP, OBJ_COLUMN, "a");
        const Change *add_a = find(&p->inverse, CHG_CREATE, OBJ_COLUMN, "a");
        CHECK(drop_a && add_a && drop_a->inverse == add_a && add_a->inverse == drop_a);
        const Change *alt_b = find(&p->changes, CHG_ALTER, OBJ_COLUMN, "b");
        const Change *back_b = find(&p->inverse, CHG_ALTER, OBJ_COLUMN, "b");
        CHECK(alt_b && back_b && alt_b->inverse == back_b && back_b->inverse == alt_b);
        const Change *ix_drop = find(&p->changes, CHG_DROP, OBJ_INDEX, "t_b");
        const Change *ix_create = find(&p->changes, CHG_CREATE, OBJ_INDEX, "t_b");
        const Change *rix_drop = find(&p->inverse, CHG_DROP, OBJ_INDEX, "t_b");
        const Change *rix_create = find(&p->inverse, CHG_CREATE, OBJ_INDEX, "t_b");
        CHECK(ix_drop && ix_create && rix_drop && rix_create);
        if (ix_drop && ix_create && rix_drop && rix_create) {
            CHECK(ix_drop->inverse == rix_create && rix_create->inverse == ix_drop);
            CHECK(ix_create->inverse == rix_drop && rix_drop->inverse == ix_create);
        }
        CHECK(pair_unmatched(&p->changes) == 0);
        CHECK(pair_unmatched(&p->inverse) == 0);
    }
    parse_session_end(ps);
    arena_free(&a);
}

int main(void)
{
    /* every round-trip case: each is a plan whose links must hold */
    char dir[512];
    snprintf(dir, sizeof dir, "%s/tests/cases", SCHEMADIFF_SOURCE_DIR);
    DIR *dh = opendir(dir);
    CHECK(dh != NULL);
    int seen = 0;
    for (struct dirent *de; dh && (de = readdir(dh));) {
        if (de->d_name[0] == '.')
            continue;
        char from[1024], to[1024];
        snprintf(from, sizeof from, "%s/%s/from.sql", dir, de->d_name);
        snprintf(to, sizeof to, "%s/%s/to.sql", dir, de->d_name);
        if (access(from, R_OK) || access(to, R_OK))
            continue;
        seen++;
        check_case(from, to);
    }
    if (dh)
        closedir(dh);
    CHECK(seen >= 100);
    check_case(SCHEMADIFF_SOURCE_DIR "/examples/shop/v1", SCHEMADIFF_SOURCE_DIR "/examples/shop/v2");
    check_exact();
    return check_report();
}
