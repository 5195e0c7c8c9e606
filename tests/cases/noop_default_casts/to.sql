CREATE TYPE status AS ENUM ('draft', 'live');

CREATE TABLE docs (
    id integer PRIMARY KEY,
    title text DEFAULT 'x'::text,
    code varchar(10) DEFAULT 'abc'::character varying,
    tags text[] DEFAULT '{}'::text[],
    status status DEFAULT 'draft'::status,
    rank integer DEFAULT (-1),
    ratio numeric DEFAULT 1.5::numeric,
    born date DEFAULT '2000-01-01'::date,
    meta jsonb DEFAULT '{}'::jsonb,
    flag boolean DEFAULT 'true'::boolean,
    qty integer CHECK ((qty > 0))
);
