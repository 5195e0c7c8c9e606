CREATE TABLE orders (id integer PRIMARY KEY, customer integer NOT NULL, placed date NOT NULL);
CREATE INDEX orders_customer ON orders (customer, placed DESC);
CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, tenant integer NOT NULL);
CREATE UNIQUE INDEX users_email ON users (email, tenant);
CREATE TABLE events (source integer NOT NULL, seq integer NOT NULL, payload text,
    CONSTRAINT events_pkey PRIMARY KEY (source, seq));
