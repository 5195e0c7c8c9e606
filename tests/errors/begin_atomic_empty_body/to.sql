-- An empty BEGIN ATOMIC body, re-read after its schema is renamed (found by fuzz_plan).
CREATE SCHEMA app;
CREATE TABLE app.t (id int);
CREATE FUNCTION app.g() RETURNS void LANGUAGE sql BEGIN ATOMIC ; END;
ALTER SCHEMA app RENAME TO core;
