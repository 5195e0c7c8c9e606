CREATE TABLE a (
    id integer PRIMARY KEY
);

CREATE TABLE b (
    id integer PRIMARY KEY,
    a_id integer REFERENCES a (id)
);

CREATE INDEX b_a_id_idx ON b (a_id);

COMMENT ON TABLE a IS 'first';
COMMENT ON TABLE b IS 'second';
