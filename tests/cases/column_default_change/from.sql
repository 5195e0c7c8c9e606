CREATE TABLE widgets (
    id integer PRIMARY KEY,
    name text DEFAULT 'unnamed',
    qty integer DEFAULT 1,
    enabled boolean DEFAULT true,
    tags text[] DEFAULT '{}'
);
