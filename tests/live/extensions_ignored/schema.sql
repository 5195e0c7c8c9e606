CREATE EXTENSION citext;
CREATE EXTENSION pg_trgm;
CREATE EXTENSION "uuid-ossp";
CREATE EXTENSION hstore;

CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    email citext NOT NULL UNIQUE,
    name text NOT NULL,
    aliases citext[] NOT NULL DEFAULT '{}',
    attrs hstore,
    CONSTRAINT email_shape CHECK (email ~ '@')
);

CREATE INDEX users_name_trgm ON users USING gin (name gin_trgm_ops);
CREATE INDEX users_email_trgm ON users USING gist (email gist_trgm_ops (siglen = 32));
CREATE INDEX users_attrs ON users USING gin (attrs);
