-- a history that renames a type its functions and an aggregate take and return
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TYPE mood_extra AS ENUM ('x');
CREATE FUNCTION cheer(m mood) RETURNS mood LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce(m, m) $$;
CREATE FUNCTION pick(a mood, b mood) RETURNS mood LANGUAGE sql IMMUTABLE AS $$ SELECT greatest(a, b) $$;
CREATE FUNCTION all_moods(m public.mood[], e mood_extra) RETURNS SETOF mood LANGUAGE sql AS $$ SELECT unnest(m) $$;
CREATE AGGREGATE best(mood) (SFUNC = pick, STYPE = mood);
CREATE TABLE people (m mood);
ALTER TYPE mood RENAME TO feeling;
