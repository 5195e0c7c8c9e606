CREATE TABLE widgets (
    id integer PRIMARY KEY,
    name text DEFAULT 'unnamed',
    qty integer DEFAULT 1,
    balance numeric(10,2) DEFAULT -10.50,
    enabled boolean DEFAULT true,
    tags text[] DEFAULT '{}'
);
