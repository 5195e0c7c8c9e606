-- a concatenated migration history: DDL, then data migration, then DDL
CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL, created timestamptz DEFAULT now());
CREATE FUNCTION normalize_email(e text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(trim(e)) $$;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.email := normalize_email(NEW.email);
    INSERT INTO audit_log (what) VALUES (TG_OP);
    RETURN NEW;
END $$;
CREATE TABLE audit_log (what text);
CREATE TRIGGER users_touch BEFORE INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
INSERT INTO users (email) VALUES ('A@example.com'), ('b@example.com');
UPDATE users SET email = normalize_email(email) WHERE email <> lower(email);
SELECT setval('users_id_seq', (SELECT max(id) FROM users));
SELECT pg_catalog.set_config('search_path', 'public', false);
DELETE FROM audit_log WHERE what = 'UPDATE';
TRUNCATE audit_log;
ANALYZE users;
LOCK TABLE users IN SHARE MODE;
NOTIFY schema_changed;
BEGIN;
MERGE INTO users u USING (VALUES ('c@example.com')) AS s(email) ON u.email = s.email
    WHEN NOT MATCHED THEN INSERT (email) VALUES (s.email);
COMMIT;
ALTER TABLE users ADD COLUMN name text;
COPY users (email) FROM stdin;
d@example.com
\.
