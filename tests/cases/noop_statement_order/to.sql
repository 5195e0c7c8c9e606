CREATE TABLE b (
    id integer PRIMARY KEY,
    a_id integer
);

COMMENT ON TABLE b IS 'second';

CREATE INDEX b_a_id_idx ON b (a_id);

CREATE TABLE a (
    id integer PRIMARY KEY
);

COMMENT ON TABLE a IS 'first';

ALTER TABLE b ADD CONSTRAINT b_a_id_fkey FOREIGN KEY (a_id) REFERENCES a (id);
