-- A history that builds schema app, then renames it with everything in it:
-- every object moves to core, and every reference follows (PostgreSQL
-- refers by OID): a foreign key from another schema, a view, an index on a
-- function, a trigger, a policy, types of columns, nextval('app.…').
CREATE SCHEMA app;
CREATE TYPE app.status AS ENUM ('new', 'done');
CREATE DOMAIN app.email AS text CHECK (VALUE LIKE '%@%');
CREATE SEQUENCE app.ticket_no;
CREATE TABLE app.users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email app.email NOT NULL UNIQUE,
    status app.status NOT NULL DEFAULT 'new',
    ticket integer NOT NULL DEFAULT nextval('app.ticket_no')
);
CREATE FUNCTION app.norm(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(t) $$;
CREATE INDEX users_norm_idx ON app.users (app.norm(email));
CREATE TABLE public.orders (
    id serial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES app.users (id),
    state app.status
);
CREATE VIEW app.active AS
    SELECT u.id, app.norm(u.email) AS email, app.users.ticket
    FROM app.users u JOIN app.users ON app.users.id = u.id
    WHERE u.status = 'new'::app.status;
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER users_touch BEFORE UPDATE ON app.users FOR EACH ROW EXECUTE FUNCTION app.touch();
ALTER TABLE app.users ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON app.users USING (status <> 'done'::app.status);
COMMENT ON SCHEMA app IS 'application';
COMMENT ON TABLE app.users IS 'people';
GRANT USAGE ON SCHEMA app TO sd_reader;
GRANT SELECT ON app.users TO sd_reader;

ALTER SCHEMA app RENAME TO core;

CREATE TABLE core.audit (
    id integer PRIMARY KEY,
    user_id bigint REFERENCES core.users (id),
    state core.status
);
