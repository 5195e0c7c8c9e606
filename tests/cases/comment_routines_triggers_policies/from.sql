CREATE TABLE posts (
    id bigint PRIMARY KEY,
    author name NOT NULL DEFAULT current_user,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql
AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;

CREATE FUNCTION post_count(who name) RETURNS bigint LANGUAGE sql STABLE
AS $$ SELECT count(*) FROM posts WHERE author = who $$;

CREATE PROCEDURE purge_posts() LANGUAGE sql
AS $$ DELETE FROM posts $$;

CREATE TRIGGER posts_touch BEFORE UPDATE ON posts
    FOR EACH ROW EXECUTE FUNCTION touch();

ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
CREATE POLICY posts_own ON posts USING (author = current_user);

CREATE FUNCTION note_ddl() RETURNS event_trigger LANGUAGE plpgsql
AS $$ BEGIN RAISE LOG 'ddl %', tg_tag; END $$;
CREATE EVENT TRIGGER note_ddl ON ddl_command_end EXECUTE FUNCTION note_ddl();
