CREATE SCHEMA core;
CREATE TYPE core.status AS ENUM ('new', 'done');
CREATE TABLE core.users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    status core.status NOT NULL DEFAULT 'new'
);
CREATE TABLE public.orders (
    id serial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES core.users (id)
);
