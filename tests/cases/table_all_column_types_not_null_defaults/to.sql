CREATE TYPE color AS ENUM ('red', 'green', 'blue');

CREATE TABLE defaults_everywhere (
    c_smallint smallint NOT NULL DEFAULT 1,
    c_integer integer NOT NULL DEFAULT -1,
    c_bigint bigint NOT NULL DEFAULT 9000000000,
    c_numeric_10_2 numeric(10,2) NOT NULL DEFAULT 0.00,
    c_numeric numeric NOT NULL DEFAULT -1.5,
    c_real real NOT NULL DEFAULT 1.5,
    c_double double precision NOT NULL DEFAULT 2.5e10,
    c_text text NOT NULL DEFAULT '',
    c_varchar varchar(50) NOT NULL DEFAULT 'n/a',
    c_char char(3) NOT NULL DEFAULT 'USD',
    c_boolean boolean NOT NULL DEFAULT false,
    c_date date NOT NULL DEFAULT CURRENT_DATE,
    c_time time NOT NULL DEFAULT '00:00',
    c_timestamp timestamp NOT NULL DEFAULT '2000-01-01 00:00:00',
    c_timestamptz timestamptz NOT NULL DEFAULT now(),
    c_timestamp3 timestamp(3) NOT NULL DEFAULT LOCALTIMESTAMP(3),
    c_interval interval NOT NULL DEFAULT '1 day',
    c_uuid uuid NOT NULL DEFAULT gen_random_uuid(),
    c_jsonb jsonb NOT NULL DEFAULT '{}',
    c_json json NOT NULL DEFAULT '[]',
    c_bytea bytea NOT NULL DEFAULT '\x00',
    c_inet inet NOT NULL DEFAULT '127.0.0.1',
    c_text_array text[] NOT NULL DEFAULT '{}',
    c_int_matrix integer[][] NOT NULL DEFAULT '{{1,2},{3,4}}',
    c_enum color NOT NULL DEFAULT 'red'
);
