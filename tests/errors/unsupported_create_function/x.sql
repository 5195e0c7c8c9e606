CREATE TABLE users (
    id integer PRIMARY KEY
);

CREATE FUNCTION user_count() RETURNS bigint
    LANGUAGE sql STABLE
    AS $$ SELECT count(*) FROM users $$;
