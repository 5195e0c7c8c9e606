CREATE TABLE docs (
    id bigint PRIMARY KEY,
    body text,
    meta jsonb COMPRESSION pglz,
    tags text[],
    price numeric(10,2),
    n int
);
ALTER TABLE docs ALTER COLUMN tags SET STORAGE MAIN;
ALTER TABLE docs ALTER COLUMN price SET STORAGE MAIN;   -- numeric's own default: no state
ALTER TABLE docs ALTER COLUMN n SET (n_distinct = 100);
CREATE TABLE parent (id int, payload text);
ALTER TABLE parent ALTER COLUMN payload SET STORAGE EXTERNAL;
CREATE TABLE child () INHERITS (parent);
