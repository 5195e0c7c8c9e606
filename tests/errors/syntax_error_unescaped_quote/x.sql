CREATE TABLE notes (id integer PRIMARY KEY);

COMMENT ON TABLE notes IS 'it's broken';
