CREATE SCHEMA app;

CREATE TABLE app.settings (
    key text PRIMARY KEY,
    value text
);

CREATE FUNCTION app.setting(k text) RETURNS text
LANGUAGE sql
AS $$ SELECT value FROM app.settings WHERE key = k $$;
