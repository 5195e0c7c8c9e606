CREATE TABLE flags (
    name text PRIMARY KEY,
    enabled boolean NOT NULL DEFAULT false
);

UPDATE flags SET enabled = true WHERE name = 'beta';
