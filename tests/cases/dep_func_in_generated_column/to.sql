CREATE FUNCTION slugify(txt text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
AS $$ SELECT lower(regexp_replace(trim(txt), '[^a-zA-Z0-9]+', '-', 'g')) $$;

CREATE TABLE articles (
    id bigint PRIMARY KEY,
    title text NOT NULL,
    slug text GENERATED ALWAYS AS (slugify(title)) STORED
);
