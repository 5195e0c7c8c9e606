CREATE TABLE docs (
    id bigint PRIMARY KEY,
    body text COMPRESSION lz4,
    meta jsonb,
    tags text[],
    price numeric(10,2),
    n int,
    added bytea COMPRESSION pglz
);
ALTER TABLE ONLY docs ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE docs ALTER COLUMN added SET STORAGE MAIN;
ALTER TABLE docs ALTER COLUMN tags SET STORAGE EXTENDED;
ALTER TABLE docs ALTER COLUMN n SET (n_distinct = -0.5, n_distinct_inherited = 10);
ALTER TABLE docs ALTER COLUMN n RESET (n_distinct_inherited);
ALTER TABLE docs ALTER COLUMN id SET STORAGE PLAIN;       -- bigint's own default
CREATE TABLE parent (id int, payload text COMPRESSION lz4);
CREATE TABLE child () INHERITS (parent);                   -- copies the compression
ALTER TABLE parent ALTER COLUMN payload SET STORAGE MAIN;  -- reaches the child too
CREATE TABLE fresh (a text COMPRESSION lz4, b varchar(20));
ALTER TABLE fresh ALTER COLUMN b SET STORAGE PLAIN;
