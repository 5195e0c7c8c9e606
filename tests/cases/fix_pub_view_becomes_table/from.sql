CREATE TABLE base (id integer PRIMARY KEY, name text, hidden boolean NOT NULL DEFAULT false);
CREATE VIEW items AS SELECT id, name FROM base WHERE NOT hidden;
CREATE TABLE other (id integer PRIMARY KEY);
CREATE PUBLICATION pub_items FOR TABLE other;
