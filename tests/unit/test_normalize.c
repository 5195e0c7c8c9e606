/*
 * test_normalize.c — spellings that must compare equal, and ones that must not.
 *
 * Each pair is read as two tiny schema files through the real reader; the
 * plan between them must be empty (equal) or not.  The left side is what a
 * person writes, the right side what pg_dump prints for it.
 */
#include "model.h"
#include "check.h"

static int plan_size(const char *current_sql, const char *desired_sql)
{
    Arena a = {0};
    Diags d = {&a, {0}};
    ParseSession *ps = parse_session_begin();
    Model *cur = model_new(&a, "current"), *des = model_new(&a, "desired");
    ddl_init_model(cur);
    ddl_init_model(des);
    ddl_read_text(cur, "current.sql", current_sql, &d);
    ddl_read_text(des, "desired.sql", desired_sql, &d);
    int n = -1;
    if (!diag_any(&d)) {
        ddl_finish(cur, &d);
        ddl_finish(des, &d);
        model_sort(cur);
        model_sort(des);
        MigrationPlan *p = plan_build(&a, cur, des);
        n = p->changes.n;
    } else {
        diag_report(&d, stderr);
    }
    parse_session_end(ps);
    arena_free(&a);
    return n;
}

#define SAME(x, y) CHECK(plan_size(x, y) == 0)
#define DIFFERENT(x, y) CHECK(plan_size(x, y) > 0)

int main(void)
{
    /* types */
    SAME("CREATE TABLE t (a int, b varchar(20), c timestamptz, d bool, e float8, f decimal(10))",
         "CREATE TABLE public.t (a integer, b character varying(20), c timestamp with time zone, "
         "d boolean, e double precision, f numeric(10,0))");
    SAME("CREATE TABLE t (a int4[], b timestamp(3))",
         "CREATE TABLE t (a integer[], b timestamp(3) without time zone)");
    DIFFERENT("CREATE TABLE t (a varchar(20))", "CREATE TABLE t (a varchar(21))");
    DIFFERENT("CREATE TABLE t (a int)", "CREATE TABLE t (a bigint)");

    /* defaults as pg_dump prints them */
    SAME("CREATE TABLE t (a text DEFAULT 'x')", "CREATE TABLE t (a text DEFAULT 'x'::text)");
    SAME("CREATE TABLE t (a int DEFAULT -1)", "CREATE TABLE t (a int DEFAULT '-1'::integer)");
    SAME("CREATE TABLE t (a boolean DEFAULT 'true')", "CREATE TABLE t (a boolean DEFAULT true)");
    SAME("CREATE TABLE t (a float8 DEFAULT 2.5e10)",
         "CREATE TABLE t (a float8 DEFAULT '25000000000'::numeric)");
    SAME("CREATE TABLE t (a time DEFAULT '00:00')",
         "CREATE TABLE t (a time DEFAULT '00:00:00'::time without time zone)");
    SAME("CREATE TABLE t (a text DEFAULT NULL)", "CREATE TABLE t (a text)");
    /* a timestamptz with an offset is the catalog's UTC spelling (read with TimeZone UTC) */
    SAME("CREATE TABLE t (a timestamptz DEFAULT '2006-11-10 00:00:00+01')",
         "CREATE TABLE t (a timestamptz DEFAULT '2006-11-09 23:00:00+00'::timestamp with time zone)");
    SAME("CREATE TABLE t (a timestamptz DEFAULT '2000-01-01 00:30:00-02:30')",
         "CREATE TABLE t (a timestamptz DEFAULT '2000-01-01 03:00:00+00'::timestamp with time zone)");
    DIFFERENT("CREATE TABLE t (a timestamptz DEFAULT '2006-11-10 00:00:00+01')",
              "CREATE TABLE t (a timestamptz DEFAULT '2006-11-10 00:00:00+00')");
    /* views: a column list, qualifiers, SELECT * and options as the catalog prints them */
    SAME("CREATE TABLE t (a int, b int); CREATE VIEW v (x) WITH (security_barrier) AS SELECT * FROM t",
         "CREATE TABLE t (a int, b int); CREATE VIEW v WITH (security_barrier = 'true') AS "
         "SELECT t.a AS x, t.b FROM public.t");
    DIFFERENT("CREATE TABLE t (a int, b int); CREATE VIEW v AS SELECT a FROM t",
              "CREATE TABLE t (a int, b int); CREATE VIEW v AS SELECT b AS a FROM t");
    /* functions: default options left out, the body exact */
    SAME("CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$select a$$",
         "CREATE FUNCTION public.f(a integer) RETURNS integer LANGUAGE sql VOLATILE COST 100 "
         "CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE AS 'select a'");
    DIFFERENT("CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$select a$$",
              "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$select  a$$");
    DIFFERENT("CREATE TABLE t (a text DEFAULT 'x')", "CREATE TABLE t (a text DEFAULT 'y')");
    DIFFERENT("CREATE TABLE t (a numeric DEFAULT 1.5)", "CREATE TABLE t (a numeric DEFAULT 1.50)");

    /* serial = integer + owned sequence + nextval default */
    SAME("CREATE TABLE t (id serial)",
         "CREATE SEQUENCE public.t_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE "
         "NO MAXVALUE CACHE 1;\n"
         "CREATE TABLE public.t (id integer NOT NULL);\n"
         "ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id;\n"
         "ALTER TABLE ONLY public.t ALTER COLUMN id SET DEFAULT nextval('public.t_id_seq'::regclass);");

    /* checks: IN lists, BETWEEN, casts the catalog adds */
    SAME("CREATE TABLE t (s varchar(5) CHECK (s IN ('a', 'b')))",
         "CREATE TABLE t (s varchar(5), CONSTRAINT t_s_check CHECK (((s)::text = ANY "
         "((ARRAY['a'::character varying, 'b'::character varying])::text[]))))");
    SAME("CREATE TABLE t (n int CHECK (n BETWEEN 1 AND 9))",
         "CREATE TABLE t (n int, CONSTRAINT t_n_check CHECK (((n >= 1) AND (n <= 9))))");
    SAME("CREATE TABLE t (p numeric CHECK (p > 0))",
         "CREATE TABLE t (p numeric, CONSTRAINT t_p_check CHECK ((p > (0)::numeric)))");
    DIFFERENT("CREATE TABLE t (p int CHECK (p > 0))", "CREATE TABLE t (p int CHECK (p >= 0))");

    /* spellings the catalog uses for what people write (one rule each) */
    SAME("CREATE TABLE t (a int CHECK (a IN (1)))", "CREATE TABLE t (a int, CONSTRAINT t_a_check CHECK ((a = 1)))");
    SAME("CREATE TABLE t (a text CHECK (a SIMILAR TO 'x%'))",
         "CREATE TABLE t (a text, CONSTRAINT t_a_check CHECK ((a ~ similar_to_escape('x%'::text))))");
    SAME("CREATE TABLE t (a int CHECK (a BETWEEN SYMMETRIC 5 AND 1))",
         "CREATE TABLE t (a int, CONSTRAINT t_a_check CHECK ((((a >= 5) AND (a <= 1)) OR ((a >= 1) AND (a <= 5)))))");
    SAME("CREATE TABLE t (a numeric DEFAULT 1e9)", "CREATE TABLE t (a numeric DEFAULT '1000000000'::numeric)");
    SAME("CREATE TABLE t (a bit(4) DEFAULT B'0101', b varbit DEFAULT X'0F')",
         "CREATE TABLE t (a bit(4) DEFAULT '0101'::\"bit\", b varbit DEFAULT '00001111'::\"bit\")");
    SAME("CREATE TABLE t (a date DEFAULT date '2020-1-1', d timestamp DEFAULT '2020-01-01 10:00')",
         "CREATE TABLE t (a date DEFAULT '2020-01-01'::date, "
         "d timestamp DEFAULT '2020-01-01 10:00:00'::timestamp without time zone)");
    SAME("CREATE TABLE t (n numeric(5,2) CHECK (n::numeric(5,2) > 0))",
         "CREATE TABLE t (n numeric(5,2), CONSTRAINT t_n_check CHECK ((n > (0)::numeric)))");
    SAME("CREATE TABLE t (c text COLLATE \"C\"); CREATE INDEX i ON t (c COLLATE \"C\")",
         "CREATE TABLE t (c text COLLATE \"C\"); CREATE INDEX i ON public.t USING btree (c)");
    DIFFERENT("CREATE TABLE t (n numeric(5,2) CHECK (n::int > 0))",
              "CREATE TABLE t (n numeric(5,2), CONSTRAINT t_n_check CHECK ((n > (0)::numeric)))");
    DIFFERENT("CREATE TABLE t (a int CHECK (a IN (1)))", "CREATE TABLE t (a int, CONSTRAINT t_a_check CHECK ((a = 2)))");

    /* generated names */
    SAME("CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE, c int CHECK (c > 0))",
         "CREATE TABLE t (a int, b int, c int, CONSTRAINT t_pkey PRIMARY KEY (a), "
         "CONSTRAINT t_b_key UNIQUE (b), CONSTRAINT t_c_check CHECK (c > 0))");
    SAME("CREATE TABLE t (a int); CREATE INDEX ON t (a); CREATE INDEX ON t (a);",
         "CREATE TABLE t (a int); CREATE INDEX t_a_idx ON t (a); CREATE INDEX t_a_idx1 ON t (a);");
    SAME("CREATE TABLE t (e text); CREATE INDEX ON t (lower(e));",
         "CREATE TABLE t (e text); CREATE INDEX t_lower_idx ON public.t USING btree (lower(e));");
    SAME("CREATE TABLE u (id int PRIMARY KEY); CREATE TABLE t (u int REFERENCES u);",
         "CREATE TABLE u (id int PRIMARY KEY); CREATE TABLE t (u int);\n"
         "ALTER TABLE ONLY public.t ADD CONSTRAINT t_u_fkey FOREIGN KEY (u) REFERENCES public.u(id);");

    /* indexes: defaults pg_get_indexdef leaves out */
    SAME("CREATE TABLE t (a text, b int); CREATE INDEX i ON t (a text_ops ASC, b DESC NULLS FIRST)",
         "CREATE TABLE t (a text, b int); CREATE INDEX i ON public.t USING btree (a, b DESC)");
    SAME("CREATE TABLE t (a int); CREATE INDEX i ON t (a) WITH (fillfactor = 70)",
         "CREATE TABLE t (a int); CREATE INDEX i ON t USING btree (a) WITH (fillfactor='70')");
    DIFFERENT("CREATE TABLE t (a int); CREATE INDEX i ON t (a)",
              "CREATE TABLE t (a int); CREATE INDEX i ON t (a) WHERE a > 0");

    /* search_path from pg_dump's preamble and from SET */
    SAME("CREATE SCHEMA app; SET search_path = app; CREATE TABLE t (a int);",
         "CREATE SCHEMA app; SELECT pg_catalog.set_config('search_path', '', false);\n"
         "CREATE TABLE app.t (a int);");

    /* comments: '' is no comment */
    SAME("CREATE TABLE t (a int); COMMENT ON TABLE t IS '';", "CREATE TABLE t (a int);");
    DIFFERENT("CREATE TABLE t (a int); COMMENT ON COLUMN t.a IS 'x';", "CREATE TABLE t (a int);");
    return check_report();
}
