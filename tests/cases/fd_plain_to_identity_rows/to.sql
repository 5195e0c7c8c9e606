CREATE TABLE events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text
);
-- a descending sequence: starts below the smallest value
CREATE SEQUENCE counters_n_seq AS integer INCREMENT BY -1 MINVALUE -1000 MAXVALUE -1 START WITH -1;
CREATE TABLE counters (
    n integer NOT NULL DEFAULT nextval('counters_n_seq'),
    label text
);
