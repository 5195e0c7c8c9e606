CREATE TYPE status AS ENUM ('draft', 'live');

CREATE TABLE docs (
    id integer PRIMARY KEY,
    title text DEFAULT 'x',
    code varchar(10) DEFAULT 'abc',
    tags text[] DEFAULT '{}',
    status status DEFAULT 'draft',
    rank integer DEFAULT -1,
    ratio numeric DEFAULT 1.5,
    born date DEFAULT '2000-01-01',
    meta jsonb DEFAULT '{}',
    flag boolean DEFAULT true,
    qty integer CHECK (qty > 0)
);
