CREATE TABLE widgets (
    id integer PRIMARY KEY,
    name text DEFAULT 'untitled',
    qty integer DEFAULT -1,
    enabled boolean DEFAULT false,
    tags text[] DEFAULT '{new}'
);
