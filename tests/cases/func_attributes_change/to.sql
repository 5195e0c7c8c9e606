CREATE SCHEMA app;

CREATE TABLE app.settings (
    key text PRIMARY KEY,
    value text
);

-- same body; volatility, strictness, security, search_path, cost and parallel safety change
CREATE FUNCTION app.setting(k text) RETURNS text
LANGUAGE sql
STABLE STRICT
SECURITY DEFINER
SET search_path = app, pg_temp
COST 10
PARALLEL SAFE
AS $$ SELECT value FROM app.settings WHERE key = k $$;
