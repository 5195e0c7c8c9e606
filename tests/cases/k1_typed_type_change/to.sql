CREATE TYPE person AS (id bigint, name text, email text);
CREATE TABLE people OF person (id WITH OPTIONS NOT NULL, email WITH OPTIONS DEFAULT 'x@example.com', PRIMARY KEY (id));
