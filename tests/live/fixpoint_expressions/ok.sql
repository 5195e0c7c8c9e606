-- Spellings the catalog gives back differently, each already planning empty: a guard.
CREATE SCHEMA ok;
CREATE TYPE ok.mood AS ENUM ('sad', 'ok');
CREATE TABLE ok.spellings (
    id integer PRIMARY KEY,
    i integer CHECK (i > -100 AND i IN (-1, -2, 3) AND i NOT BETWEEN 10 AND 20 AND -i < 5 AND +i > (-1)),
    n numeric(5,2) DEFAULT -1.5 CHECK (n BETWEEN -100 AND 5 AND n::int > 0),
    f float8 DEFAULT 'NaN' CHECK (f > -1.5),
    g float8 DEFAULT '-Infinity',
    b bigint DEFAULT 9007199254740993,
    t text DEFAULT E'a\nb' COLLATE "C" CHECK (t > 'x' COLLATE "C"),
    u text DEFAULT U&'\0041' CHECK (substring(u FROM 1 FOR 2) <> 'xx' AND trim(BOTH ' ' FROM u) <> ''
                                    AND position('x' IN u) > 0 AND u LIKE 'x!%' ESCAPE '!' AND u NOT LIKE 'y%'
                                    AND u ~* 'x' AND u !~ 'y' AND u ILIKE 'x%' AND u IS NORMALIZED),
    d text DEFAULT $$dollar$$ CHECK (nullif(d, '') IS NOT NULL AND coalesce(d, 'x') <> 'y' AND d || 'b' <> 'c'
                                     AND d::varchar(10) <> '' AND d IS DISTINCT FROM 'x'),
    v varchar(10) CHECK (v IN ('a', 'b') AND v = 'x' OR v = 'y'),
    c char(2) DEFAULT 'DE',
    k integer CHECK (k = ANY ('{1,2}') AND k <> ALL (ARRAY[3, 4]) AND greatest(k, 0) < 10
                     AND CASE WHEN k = 1 THEN true ELSE false END AND NOT (k > 100) AND k % 2 = 0),
    at date DEFAULT CURRENT_DATE CHECK (extract(year FROM at) > 2000),
    ts timestamptz DEFAULT now() + interval '1 day',
    lt timestamp(3) DEFAULT localtimestamp(3),
    who text DEFAULT current_user,
    ok boolean DEFAULT true CHECK (ok IS NOT FALSE),
    m ok.mood DEFAULT 'ok',
    arr integer[] DEFAULT '{1,2}' CHECK (array_length(arr, 1) > 0 AND arr[1] > 0),
    tags text[] DEFAULT '{}'::text[],
    nums integer[] DEFAULT ARRAY[]::integer[],
    j jsonb CHECK (j ? 'k' AND j->>'k' <> ''),
    gen integer GENERATED ALWAYS AS (i * -2) STORED,
    ival interval YEAR TO MONTH,
    ival3 interval(3),
    tz time with time zone,
    ch "char",
    f4 float(24),
    bv bit varying(5),
    CHECK ((i, k) < (1, 2))
);
CREATE INDEX spellings_expr ON ok.spellings ((i + k), (i * 2));
CREATE INDEX spellings_coll ON ok.spellings (u COLLATE "C" DESC);
CREATE INDEX spellings_hash ON ok.spellings USING hash (u);
CREATE INDEX spellings_brin ON ok.spellings USING brin (at) WITH (pages_per_range = 32);
CREATE UNIQUE INDEX spellings_nnd ON ok.spellings (b) NULLS NOT DISTINCT;
