CREATE TYPE kind AS ENUM ('a', 'b');

CREATE SEQUENCE ref_seq;

CREATE TABLE parents (
    id integer PRIMARY KEY
);

CREATE TABLE children (
    id integer PRIMARY KEY,
    parent_id integer REFERENCES parents (id),
    kind kind NOT NULL DEFAULT 'a',
    ref bigint DEFAULT nextval('ref_seq')
);

CREATE INDEX children_parent_idx ON children (parent_id);

COMMENT ON TABLE children IS 'kids';
