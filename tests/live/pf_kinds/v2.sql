CREATE TYPE mood AS ENUM ('happy', 'ok');
CREATE TABLE users (
    id integer PRIMARY KEY,
    email text NOT NULL UNIQUE,
    age integer CHECK (age > 0),
    code text,
    name character varying(10),
    price numeric(6,2),
    n integer,
    flag boolean,
    token uuid,
    m public.mood
);
CREATE UNIQUE INDEX users_code ON users (code);
CREATE TABLE orders (user_id integer REFERENCES users (id), note text);
CREATE TABLE pairs (a integer, b integer, PRIMARY KEY (a, b));
CREATE TABLE refs (id integer PRIMARY KEY, a integer, b integer, FOREIGN KEY (a, b) REFERENCES pairs MATCH FULL);
CREATE TABLE feelings (k integer PRIMARY KEY, m mood, ms mood[]);
CREATE TABLE tags (name text PRIMARY KEY, lower_dup text);
CREATE UNIQUE INDEX tags_lower ON tags (lower(lower_dup));
CREATE TABLE stock (id integer PRIMARY KEY, qty integer);
ALTER TABLE stock ADD CONSTRAINT stock_qty_check CHECK (qty >= 0);
