CREATE TABLE users (
    id integer PRIMARY KEY,
    city text,
    zip text
);

CREATE TYPE box2 (INPUT = box_in, OUTPUT = box_out, INTERNALLENGTH = 32);
