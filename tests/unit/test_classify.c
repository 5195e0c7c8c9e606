/*
 * test_classify.c — the lock table of diff/classify.c and the
 * classification of single statements.
 *
 * Every AlterTableType of PostgreSQL 15 (AT_AddColumn .. AT_ReAddStatistics,
 * the headers this build compiles against) must have exactly one row in the
 * ALTER TABLE lock table, so a subcommand schemadiff starts to emit can
 * never fall through to a guess.  Then statements of every lock class run
 * through classify_changes() one at a time (a hand-made change on an
 * existing table of an empty model) and their locks, rewrite, scan and
 * transaction flags are compared with PostgreSQL's documented behaviour;
 * run_locks.py proves the same claims against a server.
 */
#include "pg.h"
#include "model.h"
#include "check.h"

static void test_at_table(void)
{
    int n;
    const ClassifyAtRow *rows = classify_at_table(&n);
    for (int t = AT_AddColumn; t <= AT_ReAddStatistics; t++) {
        int found = 0;
        for (int i = 0; i < n; i++)
            if (rows[i].subtype == t) {
                found++;
                CHECK(rows[i].lock >= LOCK_SHARE_UPDATE_EXCLUSIVE && rows[i].lock <= LOCK_ACCESS_EXCLUSIVE);
                CHECK(rows[i].what && *rows[i].what);
            }
        if (found != 1)
            fprintf(stderr, "AlterTableType %d has %d rows\n", t, found);
        CHECK(found == 1);
    }
    CHECK(n == AT_ReAddStatistics - AT_AddColumn + 1);
}

typedef struct Expect {
    const char *sql;
    const char *relation;  /* "schema.name" whose mode is checked */
    LockLevel mode;
    bool rewrite, scan, transactional;
} Expect;

static const Expect expects[] = {
    {"ALTER TABLE public.t ALTER COLUMN a SET STATISTICS 100;", "public.t", LOCK_SHARE_UPDATE_EXCLUSIVE, false, false, true},
    {"ALTER TABLE public.t SET (fillfactor = 70);", "public.t", LOCK_SHARE_UPDATE_EXCLUSIVE, false, false, true},
    {"ALTER TABLE public.t SET (user_catalog_table = true);", "public.t", LOCK_ACCESS_EXCLUSIVE, false, false, true},
    {"ALTER TABLE public.t CLUSTER ON t_i;", "public.t", LOCK_SHARE_UPDATE_EXCLUSIVE, false, false, true},
    {"ALTER TABLE public.t SET WITHOUT CLUSTER;", "public.t", LOCK_SHARE_UPDATE_EXCLUSIVE, false, false, true},
    {"ALTER TABLE public.t VALIDATE CONSTRAINT c;", "public.t", LOCK_SHARE_UPDATE_EXCLUSIVE, false, true, false},
    {"ALTER TABLE public.t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES public.p (id) NOT VALID;", "public.t",
     LOCK_SHARE_ROW_EXCLUSIVE, false, false, true},
    {"ALTER TABLE public.t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES public.p (id) NOT VALID;", "public.p",
     LOCK_SHARE_ROW_EXCLUSIVE, false, false, true},
    {"ALTER TABLE public.t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES public.p (id);", "public.p",
     LOCK_SHARE_ROW_EXCLUSIVE, false, true, true},
    {"ALTER TABLE public.t ADD CONSTRAINT c CHECK (a > 0);", "public.t", LOCK_ACCESS_EXCLUSIVE, false, true, true},
    {"ALTER TABLE public.t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;", "public.t", LOCK_ACCESS_EXCLUSIVE, false, false, true},
    {"ALTER TABLE public.t DISABLE TRIGGER tr;", "public.t", LOCK_SHARE_ROW_EXCLUSIVE, false, false, true},
    {"ALTER TABLE public.t ENABLE TRIGGER tr;", "public.t", LOCK_SHARE_ROW_EXCLUSIVE, false, false, true},
    {"CREATE TRIGGER tr BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.f();", "public.t",
     LOCK_SHARE_ROW_EXCLUSIVE, false, false, true},
    {"CREATE INDEX i ON public.t (a);", "public.t", LOCK_SHARE, false, false, true},
    {"CREATE INDEX CONCURRENTLY i ON public.t (a);", "public.t", LOCK_SHARE_UPDATE_EXCLUSIVE, false, false, false},
    {"DROP INDEX CONCURRENTLY IF EXISTS public.i;", "public.i", LOCK_ACCESS_EXCLUSIVE, false, false, false},
    {"DROP TABLE IF EXISTS public.t;", "public.t", LOCK_ACCESS_EXCLUSIVE, false, false, true},
    {"ALTER TABLE public.t SET UNLOGGED;", "public.t", LOCK_ACCESS_EXCLUSIVE, true, false, true},
    {"ALTER TABLE public.t ADD COLUMN r double precision DEFAULT random();", "public.t", LOCK_ACCESS_EXCLUSIVE, true,
     false, true},
    {"ALTER TABLE public.t ADD COLUMN k integer DEFAULT 7;", "public.t", LOCK_ACCESS_EXCLUSIVE, false, false, true},
    {"ALTER TABLE public.t ALTER COLUMN a SET NOT NULL;", "public.t", LOCK_ACCESS_EXCLUSIVE, false, true, true},
    {"ALTER TABLE public.p ATTACH PARTITION public.t FOR VALUES IN (1);", "public.p", LOCK_SHARE_UPDATE_EXCLUSIVE,
     false, true, true},
    {"ALTER TABLE public.p ATTACH PARTITION public.t FOR VALUES IN (1);", "public.t", LOCK_ACCESS_EXCLUSIVE, false,
     true, true},
    {"ALTER TABLE public.p DETACH PARTITION public.t;", "public.p", LOCK_ACCESS_EXCLUSIVE, false, false, true},
    {"COMMENT ON TABLE public.t IS 'x';", "public.t", LOCK_SHARE_UPDATE_EXCLUSIVE, false, false, true},
    {"COMMENT ON COLUMN public.t.a IS 'x';", "public.t", LOCK_SHARE_UPDATE_EXCLUSIVE, false, false, true},
    {"CREATE POLICY pol ON public.t USING (true);", "public.t", LOCK_ACCESS_EXCLUSIVE, false, false, true},
    {"ALTER SEQUENCE public.s INCREMENT BY 2;", "public.s", LOCK_SHARE_ROW_EXCLUSIVE, false, false, true},
    {"CREATE STATISTICS public.st ON a, b FROM public.t;", "public.t", LOCK_SHARE_UPDATE_EXCLUSIVE, false, false,
     true},
    {"REFRESH MATERIALIZED VIEW public.mv;", "public.mv", LOCK_ACCESS_EXCLUSIVE, false, false, true},
    {"ALTER TYPE public.e ADD VALUE 'x';", NULL, LOCK_NONE, false, false, false},
    /* what the statement reaches beyond the relation it names */
    {"CREATE RULE r AS ON UPDATE TO public.t DO ALSO INSERT INTO public.audit VALUES (1);", "public.audit",
     LOCK_ROW_EXCLUSIVE, false, false, true},
    {"CREATE PROCEDURE public.p() LANGUAGE sql AS $$ DELETE FROM public.audit $$;", "public.audit",
     LOCK_ROW_EXCLUSIVE, false, false, true},
    {"CREATE PROCEDURE public.p() LANGUAGE sql BEGIN ATOMIC UPDATE public.audit SET a = 1; END;", "public.audit",
     LOCK_ROW_EXCLUSIVE, false, false, true},
    {"CREATE FUNCTION public.f() RETURNS int LANGUAGE sql RETURN 1;", NULL, LOCK_NONE, false, false, true},
    {"CREATE FUNCTION public.f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN DELETE FROM public.audit; END $$;",
     "public.audit", LOCK_NONE, false, false, true},
    {"CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1';", NULL, LOCK_NONE, false, false, true},
};

static void test_statements(void)
{
    Arena a = {0};
    void *session = parse_session_begin();
    Model *m = model_new(&a, "current");
    Table *t = model_add(m, sizeof(Table), OBJ_TABLE, "public", NULL, "t", (SrcLoc){0});
    for (size_t i = 0; i < sizeof expects / sizeof expects[0]; i++) {
        const Expect *e = &expects[i];
        Change *c = arena_alloc(&a, sizeof(Change));
        c->op = CHG_ALTER;
        c->kind = OBJ_TABLE;
        c->current = c->desired = &t->obj;
        Step *st = arena_alloc(&a, sizeof(Step));
        st->sql = st->body = e->sql;
        vec_push(&a, &c->steps, st);
        vec_push(&a, &c->sql, (void *)e->sql);
        PtrVec v = {0};
        vec_push(&a, &v, c);
        classify_changes(&a, m, m, &v);
        LockLevel got = LOCK_NONE;
        for (int k = 0; k < st->locks.n; k++) {
            const StepLock *l = st->locks.items[k];
            if (e->relation && !strcmp(arena_printf(&a, "%s.%s", l->schema, l->name), e->relation))
                got = l->mode;
        }
        bool ok = got == e->mode && st->rewrite == e->rewrite && st->scan == e->scan &&
                  st->transactional == e->transactional && c->lock == st->lock &&
                  !!(st->hazards & HAZ_TABLE_REWRITE) == e->rewrite && !!(st->hazards & HAZ_VALIDATION) == e->scan;
        if (!ok)
            fprintf(stderr, "%s\n  %s: %s (want %s), rewrite %d, scan %d, transactional %d\n", e->sql,
                    e->relation ? e->relation : "-", lock_level_name(got), lock_level_name(e->mode), st->rewrite,
                    st->scan, st->transactional);
        CHECK(ok);
    }
    parse_session_end(session);
    arena_free(&a);
}

static Model *read_model(Arena *a, const char *sql)
{
    Diags d = {a, {0}};
    Model *m = model_new(a, "current");
    ddl_init_model(m);
    ddl_read_text(m, "x.sql", sql, &d);
    if (!diag_any(&d))
        ddl_finish(m, &d);
    model_sort(m);
    CHECK(!diag_any(&d));
    return m;
}

/* Claims that need the objects a statement reaches through the model (the
 * misclaims run_locks.py found in dep_func_in_column_default,
 * domain_base_type_change, fd_replica_identity, k2_pub_change and
 * owner_other_kinds). */
static const char model_sql[] =
    "CREATE TABLE t (id int PRIMARY KEY, a int, c char(2), v varchar(3));\n"
    "CREATE UNIQUE INDEX t_i ON t (a);\n"
    "CREATE TABLE audit (id int PRIMARY KEY);\n"
    "CREATE TABLE kept (id int PRIMARY KEY);\n"
    "CREATE PUBLICATION pub FOR TABLE audit, kept;\n"
    "CREATE TYPE amount AS (value numeric, currency char(3));\n"
    "CREATE TYPE mood AS ENUM ('a');\n"
    "CREATE FUNCTION rnd(n int) RETURNS text LANGUAGE sql AS 'SELECT repeat(''x'', n)';\n"
    "CREATE FUNCTION calm(n int) RETURNS text LANGUAGE sql STABLE AS 'SELECT repeat(''x'', n)';\n"
    "CREATE FUNCTION pure(n int) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT repeat(''x'', n)';\n"
    "CREATE DOMAIN cc AS char(2);\n"
    "CREATE DOMAIN tx AS text;\n"
    "CREATE DOMAIN v3 AS varchar(3);\n"
    "CREATE DOMAIN v3b AS v3;\n"
    "CREATE DOMAIN pos AS integer CHECK (VALUE > 0);\n"
    "CREATE DOMAIN pos2 AS pos;\n";

typedef struct ModelExpect {
    ObjKind kind;          /* the change's kind: OBJ_TABLE, or OBJ_DOMAIN (CHG_DROP of `domain`) */
    const char *domain;
    const char *sql;
    const char *relation;
    LockLevel mode;
    bool rewrite;
} ModelExpect;

static const ModelExpect model_expects[] = {
    /* a user function without a volatility is VOLATILE: each row gets its own value */
    {OBJ_TABLE, NULL, "ALTER TABLE public.t ADD COLUMN k text DEFAULT public.rnd(8);", "public.t",
     LOCK_ACCESS_EXCLUSIVE, true},
    {OBJ_TABLE, NULL, "ALTER TABLE public.t ADD COLUMN k text DEFAULT rnd(8);", "public.t_i", LOCK_ACCESS_EXCLUSIVE,
     true},
    {OBJ_TABLE, NULL, "ALTER TABLE public.t ADD COLUMN k text DEFAULT public.calm(8);", "public.t",
     LOCK_ACCESS_EXCLUSIVE, false},
    {OBJ_TABLE, NULL, "ALTER TABLE public.t ADD COLUMN k text DEFAULT public.pure(8);", "public.t",
     LOCK_ACCESS_EXCLUSIVE, false},
    /* REPLICA IDENTITY USING INDEX opens the index in SHARE */
    {OBJ_TABLE, NULL, "ALTER TABLE public.t REPLICA IDENTITY USING INDEX t_i;", "public.t_i", LOCK_SHARE, false},
    {OBJ_TABLE, NULL, "ALTER TABLE public.t REPLICA IDENTITY USING INDEX t_i;", "public.t", LOCK_ACCESS_EXCLUSIVE,
     false},
    /* SHARE UPDATE EXCLUSIVE (RENAME) and SHARE on one index: neither covers the other */
    {OBJ_TABLE, NULL, "ALTER INDEX public.t_i RENAME TO t_k; ALTER TABLE public.t REPLICA IDENTITY USING INDEX t_i;",
     "public.t_i", LOCK_SHARE_ROW_EXCLUSIVE, false},
    /* SET TABLE opens the tables the publication drops (those it holds now) */
    {OBJ_TABLE, NULL, "ALTER PUBLICATION pub SET TABLE public.kept;", "public.audit", LOCK_SHARE_UPDATE_EXCLUSIVE,
     false},
    {OBJ_TABLE, NULL, "ALTER PUBLICATION pub SET TABLE public.kept;", "public.kept", LOCK_SHARE_UPDATE_EXCLUSIVE,
     false},
    /* a composite type is a relation; an enum is not */
    {OBJ_TABLE, NULL, "ALTER TYPE public.amount OWNER TO postgres;", "public.amount", LOCK_ACCESS_EXCLUSIVE, false},
    {OBJ_TABLE, NULL, "ALTER TYPE public.mood OWNER TO postgres;", "public.mood", LOCK_NONE, false},
    /* the domain-change block: a domain's value is relabelled to its base
     * type without the typmod, so a typmod target is a length coercion */
    {OBJ_DOMAIN, "cc", "ALTER TABLE public.t ALTER COLUMN c TYPE character(2);", "public.t", LOCK_ACCESS_EXCLUSIVE,
     true},
    {OBJ_DOMAIN, "v3", "ALTER TABLE public.t ALTER COLUMN v TYPE character varying(3);", "public.t",
     LOCK_ACCESS_EXCLUSIVE, true},
    {OBJ_DOMAIN, "v3", "ALTER TABLE public.t ALTER COLUMN v TYPE character varying;", "public.t",
     LOCK_ACCESS_EXCLUSIVE, false},
    {OBJ_DOMAIN, "v3", "ALTER TABLE public.t ALTER COLUMN v TYPE text;", "public.t", LOCK_ACCESS_EXCLUSIVE, false},
    {OBJ_DOMAIN, "tx", "ALTER TABLE public.t ALTER COLUMN v TYPE text;", "public.t", LOCK_ACCESS_EXCLUSIVE, false},
};

static void test_model_reach(void)
{
    Arena a = {0};
    Model *m = read_model(&a, model_sql);
    void *session = parse_session_begin();
    const Obj *t = model_lookup(m, OBJ_TABLE, "public", NULL, "t");
    CHECK(t != NULL);
    for (size_t i = 0; t && i < sizeof model_expects / sizeof model_expects[0]; i++) {
        const ModelExpect *e = &model_expects[i];
        Change *c = arena_alloc(&a, sizeof(Change));
        c->kind = e->kind;
        if (e->kind == OBJ_DOMAIN) {
            c->op = CHG_DROP;
            c->current = model_lookup(m, OBJ_DOMAIN, "public", NULL, e->domain);
            CHECK(c->current != NULL);
        } else {
            c->op = CHG_ALTER;
            c->current = c->desired = t;
        }
        Step *st = arena_alloc(&a, sizeof(Step));
        st->sql = st->body = e->sql;
        vec_push(&a, &c->steps, st);
        vec_push(&a, &c->sql, (void *)e->sql);
        PtrVec v = {0};
        vec_push(&a, &v, c);
        classify_changes(&a, m, m, &v);
        LockLevel got = LOCK_NONE;
        for (int k = 0; k < st->locks.n; k++) {
            const StepLock *l = st->locks.items[k];
            if (!strcmp(arena_printf(&a, "%s.%s", l->schema, l->name), e->relation))
                got = l->mode;
        }
        bool ok = got == e->mode && st->rewrite == e->rewrite && !!(st->hazards & HAZ_TABLE_REWRITE) == e->rewrite;
        if (!ok)
            fprintf(stderr, "%s\n  %s: %s (want %s), rewrite %d\n", e->sql, e->relation, lock_level_name(got),
                    lock_level_name(e->mode), st->rewrite);
        CHECK(ok);
    }
    /* classify_type_rewrites() between domains and types, as a server did
     * them (tests/cases/lock_type_domains proves the same on one) */
    struct { const char *from, *to; bool rewrites; } dom[] = {
        {"public.v3", "character varying(3)", true}, {"public.v3", "character varying", false},
        {"public.v3", "text", false}, {"public.cc", "character(2)", true},
        {"character varying(3)", "public.v3", false}, {"character varying(2)", "public.v3", false},
        {"character varying(5)", "public.v3", true}, {"text", "public.v3", true},
        {"public.v3", "public.v3b", true}, {"public.tx", "text", false},
        {"integer", "public.pos", true}, {"integer", "public.pos2", true},
    };
    for (size_t i = 0; i < sizeof dom / sizeof dom[0]; i++) {
        TypeRef r[2];
        const char *spec[2] = {dom[i].from, dom[i].to};
        for (int k = 0; k < 2; k++) {
            const char *dot = strchr(spec[k], '.'), *paren = strchr(spec[k], '(');
            r[k] = (TypeRef){dot ? "public" : NULL, dot ? dot + 1 : paren ? arena_strndup(&a, spec[k], (size_t)(paren - spec[k])) : spec[k],
                             paren, 0, spec[k]};
        }
        bool got = classify_type_rewrites(&a, m, m, &r[0], &r[1]);
        if (got != dom[i].rewrites)
            fprintf(stderr, "%s -> %s: rewrite %d\n", dom[i].from, dom[i].to, got);
        CHECK(got == dom[i].rewrites);
    }
    parse_session_end(session);
    arena_free(&a);
}

static TypeRef ty(const char *name, const char *typmods)
{
    TypeRef t = {NULL, name, typmods, 0, typmods ? NULL : name};
    static char buf[16][64];
    static int k;
    if (typmods) {
        snprintf(buf[k % 16], sizeof buf[0], "%s%s", name, typmods);
        t.sql = buf[k++ % 16];
    }
    return t;
}

static void test_type_rewrites(void)
{
    Arena a = {0};
    struct { TypeRef from, to; bool rewrites; } cases[] = {
        {ty("character varying", "(10)"), ty("character varying", "(20)"), false},
        {ty("character varying", "(20)"), ty("character varying", "(10)"), true},
        {ty("character varying", "(10)"), ty("character varying", NULL), false},
        {ty("character varying", "(10)"), ty("text", NULL), false},
        {ty("text", NULL), ty("character varying", NULL), false},
        {ty("text", NULL), ty("character varying", "(5)"), true},
        {ty("numeric", "(8,2)"), ty("numeric", "(10,2)"), false},
        {ty("numeric", "(8,2)"), ty("numeric", "(10,3)"), true},
        {ty("numeric", "(8,2)"), ty("numeric", NULL), false},
        {ty("timestamp without time zone", NULL), ty("timestamp with time zone", NULL), false},
        {ty("timestamp with time zone", NULL), ty("timestamp without time zone", NULL), false},
        {ty("cidr", NULL), ty("inet", NULL), false},
        {ty("time with time zone", "(2)"), ty("time with time zone", "(4)"), false},
        {ty("time with time zone", "(4)"), ty("time with time zone", "(2)"), true},
        {ty("bit", "(3)"), ty("bit varying", NULL), false},
        {ty("bit", "(3)"), ty("bit varying", "(5)"), true},
        {ty("character", "(3)"), ty("character", "(5)"), true},
        {ty("inet", NULL), ty("cidr", NULL), true},
        {ty("integer", NULL), ty("bigint", NULL), true},
        {ty("character", "(4)"), ty("text", NULL), true},
        /* interval_support: the least field stays or goes down, the precision stays or goes up */
        {ty("interval", " day"), ty("interval", " day to second(3)"), false},
        {ty("interval", " day to second(3)"), ty("interval", " day"), true},
        {ty("interval", " year"), ty("interval", " year to month"), false},
        {ty("interval", "(2)"), ty("interval", "(4)"), false},
        {ty("interval", "(4)"), ty("interval", "(2)"), true},
        {ty("interval", NULL), ty("interval", "(2)"), true},
        {ty("interval", " hour to second(2)"), ty("interval", NULL), false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bool got = classify_type_rewrites(&a, NULL, NULL, &cases[i].from, &cases[i].to);
        if (got != cases[i].rewrites)
            fprintf(stderr, "%s -> %s: rewrite %d\n", cases[i].from.sql, cases[i].to.sql, got);
        CHECK(got == cases[i].rewrites);
    }
    /* no rewrite, yet the index on the column is built again: its operator class differs */
    struct { TypeRef from, to; bool reindexes; } idx[] = {
        {ty("integer", NULL), ty("oid", NULL), true},
        {ty("oid", NULL), ty("integer", NULL), true},
        {ty("oid", NULL), ty("regclass", NULL), false},
        {ty("bit", "(3)"), ty("bit varying", NULL), true},
        {ty("timestamp without time zone", NULL), ty("timestamp with time zone", NULL), true},
        {ty("character varying", "(10)"), ty("text", NULL), false},
        {ty("text", NULL), ty("character varying", NULL), false},
        {ty("cidr", NULL), ty("inet", NULL), false},
        {ty("numeric", "(8,2)"), ty("numeric", "(10,2)"), false},
        {ty("integer", NULL), ty("bigint", NULL), false}, /* a rewrite: built again all the same */
    };
    /* data_loss: what tests/run_dataloss.py saw a server do to rows */
    struct { TypeRef from, to; bool explicit_cast, lossy; } loss[] = {
        {ty("character varying", "(10)"), ty("character varying", "(5)"), false, false}, /* fails instead */
        {ty("character varying", "(10)"), ty("character varying", "(5)"), true, true},   /* truncated */
        {ty("bigint", NULL), ty("integer", NULL), true, false},                          /* fails instead */
        {ty("integer", NULL), ty("double precision", NULL), true, false},
        {ty("integer", NULL), ty("real", NULL), true, true},
        {ty("bigint", NULL), ty("double precision", NULL), true, true},
        {ty("numeric", "(8,2)"), ty("numeric", "(8,1)"), true, true},
        {ty("numeric", "(8,2)"), ty("numeric", "(10,2)"), true, false},
        {ty("numeric", NULL), ty("numeric", "(12,2)"), true, true},
        {ty("timestamp without time zone", NULL), ty("date", NULL), true, true},
        {ty("date", NULL), ty("timestamp without time zone", NULL), true, false},
        {ty("timestamp without time zone", "(6)"), ty("timestamp without time zone", "(0)"), true, true},
        {ty("interval", " day"), ty("interval", NULL), true, false},
        {ty("interval", NULL), ty("interval", " day"), true, true},
        {ty("time without time zone", "(2)"), ty("time without time zone", "(4)"), true, false},
        {ty("text", NULL), ty("integer", NULL), true, true},
    };
    for (size_t i = 0; i < sizeof loss / sizeof loss[0]; i++) {
        bool got = classify_type_lossy(&loss[i].from, &loss[i].to, loss[i].explicit_cast);
        if (got != loss[i].lossy)
            fprintf(stderr, "%s -> %s: lossy %d\n", loss[i].from.sql, loss[i].to.sql, got);
        CHECK(got == loss[i].lossy);
    }
    for (size_t i = 0; i < sizeof idx / sizeof idx[0]; i++) {
        bool got = classify_type_reindexes(&a, NULL, NULL, &idx[i].from, &idx[i].to);
        if (got != idx[i].reindexes)
            fprintf(stderr, "%s -> %s: reindexes %d\n", idx[i].from.sql, idx[i].to.sql, got);
        CHECK(got == idx[i].reindexes);
    }
    arena_free(&a);
}

int main(void)
{
    test_at_table();
    test_statements();
    test_model_reach();
    test_type_rewrites();
    return check_report();
}
