CREATE TABLE counters (
    id serial PRIMARY KEY,
    big_id bigserial NOT NULL,
    small_id smallserial,
    label text
);
