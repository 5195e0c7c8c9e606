CREATE TABLE widgets (
    id integer PRIMARY KEY,
    name text,
    qty integer,
    enabled boolean,
    tags text[]
);
