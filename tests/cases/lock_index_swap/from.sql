-- an index swap (build ..._sdnew, rename, drop ..._sdold) on a plain, a unique and a primary
-- key index: the last DROP INDEX CONCURRENTLY names the renamed old index, not the new one
CREATE TABLE orders (id integer PRIMARY KEY, customer integer NOT NULL, placed date NOT NULL);
INSERT INTO orders SELECT g, g % 10, DATE '2024-01-01' + g % 300 FROM generate_series(1, 200) g;
CREATE INDEX orders_customer ON orders (customer);
CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, tenant integer NOT NULL);
INSERT INTO users SELECT g, 'u' || g || '@example.com', g % 3 FROM generate_series(1, 200) g;
CREATE UNIQUE INDEX users_email ON users (email);
CREATE TABLE events (source integer NOT NULL, seq integer NOT NULL, payload text,
    CONSTRAINT events_pkey PRIMARY KEY (source));
INSERT INTO events SELECT g, g, 'p' FROM generate_series(1, 100) g;
