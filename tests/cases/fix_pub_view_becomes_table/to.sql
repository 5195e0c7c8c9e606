CREATE TABLE base (id integer PRIMARY KEY, name text, hidden boolean NOT NULL DEFAULT false);
CREATE TABLE items (id integer PRIMARY KEY, name text);
CREATE TABLE other (id integer PRIMARY KEY);
CREATE PUBLICATION pub_items FOR TABLE items (id, name) WHERE (name IS NOT NULL), other;
COMMENT ON TABLE items IS 'now a table';
