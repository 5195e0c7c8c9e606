CREATE EXTENSION citext;

CREATE TYPE color AS ENUM ('red', 'green', 'blue');

CREATE TABLE everything (
    c_smallint smallint,
    c_integer integer,
    c_bigint bigint,
    c_numeric_10_2 numeric(10,2),
    c_numeric numeric,
    c_real real,
    c_double double precision,
    c_text text,
    c_varchar varchar(50),
    c_char char(3),
    c_boolean boolean,
    c_date date,
    c_time time,
    c_timestamp timestamp,
    c_timestamptz timestamptz,
    c_timestamp3 timestamp(3),
    c_interval interval,
    c_uuid uuid,
    c_jsonb jsonb,
    c_json json,
    c_bytea bytea,
    c_inet inet,
    c_text_array text[],
    c_int_matrix integer[][],
    c_enum color,
    c_citext citext
);
