CREATE SCHEMA app;

GRANT USAGE ON SCHEMA app TO sd_reader, sd_writer;
GRANT CREATE ON SCHEMA app TO sd_owner;

CREATE TABLE app.items (
    id int PRIMARY KEY
);

GRANT SELECT ON app.items TO sd_reader;
