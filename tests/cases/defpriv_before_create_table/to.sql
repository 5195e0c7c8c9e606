CREATE SCHEMA app;

-- set first, as schema files do: the table below is created with SELECT for sd_reader
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO sd_reader;

CREATE TABLE app.reports (
    id int PRIMARY KEY,
    title text NOT NULL
);
