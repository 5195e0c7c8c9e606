\ir schema.sql
CREATE TABLE extra (id integer);
