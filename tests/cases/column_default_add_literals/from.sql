CREATE TABLE widgets (
    id integer PRIMARY KEY,
    name text,
    qty integer,
    balance numeric(10,2),
    enabled boolean,
    tags text[]
);
