CREATE SCHEMA ext;
CREATE EXTENSION citext WITH SCHEMA ext;
CREATE EXTENSION pg_trgm WITH SCHEMA ext;

CREATE TABLE accounts (
    id integer PRIMARY KEY,
    login ext.citext NOT NULL,
    bio text
);
CREATE INDEX accounts_bio_trgm ON accounts USING gin (bio ext.gin_trgm_ops);
